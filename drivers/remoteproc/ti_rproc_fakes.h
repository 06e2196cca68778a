/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fake clock, reset, register and mailbox providers for the KUnit suites of
 * the OMAP and DA8xx remoteproc drivers.
 *
 * The fakes are real providers registered with the clock, reset, regmap and
 * mailbox frameworks, so the drivers reach them through the same calls as
 * on a board. Every operation is appended to one event log, which lets a
 * test assert the exact order of hardware steps, and any operation can be
 * made to fail once to exercise an error path.
 */

#ifndef REMOTEPROC_TI_RPROC_FAKES_H
#define REMOTEPROC_TI_RPROC_FAKES_H

#include <linux/clk-provider.h>
#include <linux/mailbox_controller.h>
#include <linux/reset-controller.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct clk;
struct kunit;
struct platform_device;
struct regmap;
struct reset_control;

/**
 * enum ti_fake_op - hardware operations the fakes record
 * @TI_FAKE_NONE: no operation; as a failure target, fail nothing
 * @TI_FAKE_REG_WRITE: register write, @arg is the offset, @val the value
 * @TI_FAKE_REG_READ: register read (only fails, never logged)
 * @TI_FAKE_CLK_PREPARE: clock prepared
 * @TI_FAKE_CLK_ENABLE: clock enabled
 * @TI_FAKE_CLK_DISABLE: clock disabled
 * @TI_FAKE_CLK_UNPREPARE: clock unprepared
 * @TI_FAKE_RST_ASSERT: reset line asserted
 * @TI_FAKE_RST_DEASSERT: reset line released
 * @TI_FAKE_MBOX_STARTUP: mailbox channel bound to a client
 * @TI_FAKE_MBOX_SEND: mailbox word sent, @val is the word
 * @TI_FAKE_MBOX_SHUTDOWN: mailbox channel released
 */
enum ti_fake_op {
	TI_FAKE_NONE,
	TI_FAKE_REG_WRITE,
	TI_FAKE_REG_READ,
	TI_FAKE_CLK_PREPARE,
	TI_FAKE_CLK_ENABLE,
	TI_FAKE_CLK_DISABLE,
	TI_FAKE_CLK_UNPREPARE,
	TI_FAKE_RST_ASSERT,
	TI_FAKE_RST_DEASSERT,
	TI_FAKE_MBOX_STARTUP,
	TI_FAKE_MBOX_SEND,
	TI_FAKE_MBOX_SHUTDOWN,
};

/**
 * struct ti_fake_event - one recorded operation
 * @op: what happened
 * @arg: register offset for %TI_FAKE_REG_WRITE, else 0
 * @val: value written or sent, else 0
 * @failed: the operation was failed on purpose
 */
struct ti_fake_event {
	enum ti_fake_op op;
	u32 arg;
	u32 val;
	bool failed;
};

/* Initializers of expected events, for ti_fake_hw_expect_log(). */
#define TI_EV(_op)		{ .op = TI_FAKE_##_op }
#define TI_EV_FAIL(_op)	{ .op = TI_FAKE_##_op, .failed = true }
#define TI_EV_REG(_off, _val) \
	{ .op = TI_FAKE_REG_WRITE, .arg = (_off), .val = (_val) }

#define TI_FAKE_MAX_EVENTS	32
#define TI_FAKE_NUM_REGS	4

/**
 * enum ti_fake_reg_model - how the fake register block behaves
 * @TI_FAKE_REGS_PLAIN: registers hold what was last written
 * @TI_FAKE_REGS_CHIPSIG: DA8xx CHIPSIG: offset 0 is write-one-to-set,
 *	offset 4 write-one-to-clear of the bits at offset 0 and reads as 0
 */
enum ti_fake_reg_model {
	TI_FAKE_REGS_PLAIN,
	TI_FAKE_REGS_CHIPSIG,
};

struct ti_fake_hw;

/**
 * struct ti_fake_regs - a fake block of 32-bit registers behind a regmap
 * @hw: fake set the block belongs to, whose lock protects @regs
 * @map: regmap handed to the driver under test
 * @base: offset of the block in its module, added to logged offsets
 * @model: semantics of @regs
 * @regs: register contents
 */
struct ti_fake_regs {
	struct ti_fake_hw *hw;
	struct regmap *map;
	u32 base;
	enum ti_fake_reg_model model;
	u32 regs[TI_FAKE_NUM_REGS];
};

/**
 * struct ti_fake_hw - one set of fake providers
 * @test: test this set belongs to
 * @provider: platform device owning the clock, reset and mailbox
 * @consumer: platform device the driver under test uses as its parent
 * @lock: protects @events, @nr_events, @fail_op, @fail_err, the fake
 *	device states and register contents; taken from the atomic paths of
 *	the clock and mailbox frameworks
 * @events: operations in the order they happened
 * @nr_events: valid entries in @events
 * @fail_op: operation to fail once, %TI_FAKE_NONE for none
 * @fail_err: error returned by the failed operation
 * @clk_hw: the fake clock
 * @clk: consumer handle of @clk_hw
 * @clk_prepared: state of the fake clock
 * @clk_enabled: state of the fake clock
 * @rcdev: the fake reset controller (one line)
 * @rst: consumer handle of the reset line
 * @rst_asserted: state of the reset line
 * @mbox: the fake mailbox controller (one channel, tx done by IRQ)
 * @chan: its channel
 * @reply_armed: the fake remote answers @reply_to with @reply
 * @reply_to: see ti_fake_hw_mbox_reply()
 * @reply: see ti_fake_hw_mbox_reply()
 */
struct ti_fake_hw {
	struct kunit *test;
	struct platform_device *provider;
	struct platform_device *consumer;
	spinlock_t lock; /* see the kernel-doc above */
	struct ti_fake_event events[TI_FAKE_MAX_EVENTS];
	unsigned int nr_events;
	enum ti_fake_op fail_op;
	int fail_err;
	struct clk_hw clk_hw;
	struct clk *clk;
	bool clk_prepared;
	bool clk_enabled;
	struct reset_controller_dev rcdev;
	struct reset_control *rst;
	bool rst_asserted;
	struct mbox_controller mbox;
	struct mbox_chan chan;
	bool reply_armed;
	u32 reply_to;
	u32 reply;
};

struct ti_fake_hw *ti_fake_hw_create(struct kunit *test);
void ti_fake_hw_destroy(struct ti_fake_hw *hw);
struct ti_fake_regs *ti_fake_hw_regs(struct ti_fake_hw *hw, const char *name,
				     u32 base, enum ti_fake_reg_model model);
void ti_fake_hw_fail_once(struct ti_fake_hw *hw, enum ti_fake_op op, int err);
void ti_fake_hw_clear_log(struct ti_fake_hw *hw);
void ti_fake_hw_expect_log(struct kunit *test, struct ti_fake_hw *hw,
			   const struct ti_fake_event *expected,
			   unsigned int count);
void ti_fake_hw_expect_idle(struct kunit *test, struct ti_fake_hw *hw);
void ti_fake_hw_mbox_tx_done(struct ti_fake_hw *hw);
void ti_fake_hw_mbox_reply(struct ti_fake_hw *hw, u32 to, u32 reply);

#endif /* REMOTEPROC_TI_RPROC_FAKES_H */
