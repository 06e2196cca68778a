// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the OMAP IPU/DSP remoteproc driver.
 *
 * The driver's rproc_ops run against fake providers (ti_rproc_fakes.c):
 * a clock, a reset line, the control module holding the DSP boot register
 * and a mailbox controller. The tests check the order of hardware steps in
 * start and stop, the unwinding of every failing start step, the words the
 * driver sends and how it dispatches the words it receives, and the
 * suspend handshake run by the core (remoteproc_pm.c) over the fake
 * mailbox, whose scripted remote acks, cancels, crashes or stays silent.
 */

#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>

#include "omap_remoteproc.h"
#include "remoteproc_internal.h"
#include "ti_rproc_fakes.h"

/* OMAP4 control module: DSP boot address register at 0x304 */
#define SCM_BASE		0x300
#define SCM_BOOTREG		0x4
#define SCM_BOOTREG_ADDR	(SCM_BASE + SCM_BOOTREG)

#define TEST_BOOTADDR		0x9f000400
#define TEST_RAM_DA		0x20000000
#define TEST_RAM_SIZE		0x1000

#define MAX_RECORDED		8

struct omap_test_ctx {
	struct ti_fake_hw *hw;
	struct ti_fake_regs *scm;
	struct rproc *rproc;
	struct omap_rproc *oproc;
	u8 *ram;
	int vq_ids[MAX_RECORDED];
	unsigned int nr_vq;
	unsigned int nr_crashes;
	enum rproc_crash_type crash_type;
	void *pm_group;
};

/* The env callbacks get no context pointer; tests run one at a time. */
static struct omap_test_ctx *omap_test_cur;

static struct mbox_chan *omap_test_mbox_request(struct mbox_client *cl)
{
	struct mbox_chan *chan = &omap_test_cur->hw->chan;
	int ret;

	ret = mbox_bind_client(chan, cl);

	return ret ? ERR_PTR(ret) : chan;
}

static irqreturn_t omap_test_vq_interrupt(struct rproc *rproc, int id)
{
	struct omap_test_ctx *ctx = omap_test_cur;

	if (ctx->nr_vq < MAX_RECORDED)
		ctx->vq_ids[ctx->nr_vq] = id;
	ctx->nr_vq++;

	return IRQ_HANDLED;
}

static void omap_test_report_crash(struct rproc *rproc,
				   enum rproc_crash_type type)
{
	omap_test_cur->nr_crashes++;
	omap_test_cur->crash_type = type;
}

static const struct omap_rproc_env omap_test_env = {
	.mbox_request	= omap_test_mbox_request,
	.vq_interrupt	= omap_test_vq_interrupt,
	.report_crash	= omap_test_report_crash,
};

static int omap_test_init(struct kunit *test)
{
	struct omap_test_ctx *ctx;
	struct omap_rproc *oproc;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->ram = kunit_kzalloc(test, TEST_RAM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->ram);
	test->priv = ctx;
	omap_test_cur = ctx;

	ctx->hw = ti_fake_hw_create(test);
	ctx->scm = ti_fake_hw_regs(ctx->hw, "scm", SCM_BASE,
				   TI_FAKE_REGS_PLAIN);

	ctx->rproc = rproc_alloc(&ctx->hw->consumer->dev, "kunit-omap",
				 &omap_rproc_ops, "kunit-omap-fw",
				 sizeof(*oproc));
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	ctx->rproc->bootaddr = TEST_BOOTADDR;
	ctx->rproc->max_notifyid = 1;

	oproc = ctx->rproc->priv;
	omap_rproc_init_state(oproc, ctx->rproc);
	oproc->env = &omap_test_env;
	oproc->reset = ctx->hw->rst;
	oproc->fck = ctx->hw->clk;
	oproc->boot.map = ctx->scm->map;
	oproc->boot.reg = SCM_BOOTREG;
	oproc->mem[0].cpu_addr = (__force void __iomem *)ctx->ram;
	oproc->mem[0].dev_addr = TEST_RAM_DA;
	oproc->mem[0].size = TEST_RAM_SIZE;
	oproc->num_mems = 1;
	ctx->oproc = oproc;

	return 0;
}

static void omap_test_exit(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	if (ctx->pm_group)
		devres_release_group(&ctx->hw->consumer->dev, ctx->pm_group);
	if (ctx->rproc) {
		cancel_work_sync(&to_rproc_core(ctx->rproc)->crash_handler);
		rproc_free(ctx->rproc);
	}
	ti_fake_hw_destroy(ctx->hw);
	omap_test_cur = NULL;
}

#define EV_SEND(_val)		{ .op = TI_FAKE_MBOX_SEND, .val = _val }

static const struct ti_fake_event omap_stop_events[] = {
	TI_EV(RST_ASSERT), TI_EV(CLK_DISABLE), TI_EV(CLK_UNPREPARE),
	TI_EV(MBOX_SHUTDOWN),
};

static void omap_test_stop_clean(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	ti_fake_hw_clear_log(ctx->hw);
	KUNIT_EXPECT_EQ(test, omap_rproc_ops.stop(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, omap_stop_events,
			      ARRAY_SIZE(omap_stop_events));
	ti_fake_hw_expect_idle(test, ctx->hw);
}

/* DSP: boot address written first, reset released last. */
static void omap_test_start_stop_order(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event start[] = {
		TI_EV_REG(SCM_BOOTREG_ADDR, 0x9f0007ff), TI_EV(MBOX_STARTUP),
		TI_EV(CLK_PREPARE), TI_EV(CLK_ENABLE), TI_EV(RST_DEASSERT),
	};

	/* The low ten bits belong to other fields and must survive. */
	ctx->scm->regs[1] = 0xabc003ff;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, start, ARRAY_SIZE(start));
	KUNIT_EXPECT_EQ(test, ctx->scm->regs[1], 0x9f0007ff);
	KUNIT_EXPECT_TRUE(test, ctx->hw->clk_enabled);
	KUNIT_EXPECT_FALSE(test, ctx->hw->rst_asserted);

	omap_test_stop_clean(test);
}

/* "ti,bootreg" with a bit position: the field moves, the mask with it. */
static void omap_test_boot_addr_shift(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	ctx->oproc->boot.shift = 4;
	ctx->scm->regs[1] = 0xf000003f;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	KUNIT_EXPECT_EQ(test, ctx->scm->regs[1], 0xf9f0007f);

	omap_test_stop_clean(test);
}

static void omap_test_bad_boot_addr(struct kunit *test)
{
	static const u64 bad[] = { 0x9f000200, 0x9f0003ff, 0x100000000ULL };
	struct omap_test_ctx *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ctx->rproc->bootaddr = bad[i];
		KUNIT_EXPECT_EQ(test, omap_rproc_ops.start(ctx->rproc),
				-EINVAL);
	}

	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);
	ti_fake_hw_expect_idle(test, ctx->hw);
}

/* IPUs have no boot register: the sequence starts with the mailbox. */
static void omap_test_ipu_start(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event start[] = {
		TI_EV(MBOX_STARTUP), TI_EV(CLK_PREPARE), TI_EV(CLK_ENABLE),
		TI_EV(RST_DEASSERT),
	};

	ctx->oproc->boot.map = NULL;
	ctx->rproc->bootaddr = 0;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, start, ARRAY_SIZE(start));

	omap_test_stop_clean(test);
}

struct omap_unwind_case {
	const char *name;
	enum ti_fake_op fail;
	struct ti_fake_event events[8];
	unsigned int nr_events;
};

static const struct omap_unwind_case omap_unwind_cases[] = {
	{
		.name = "boot-register",
		.fail = TI_FAKE_REG_WRITE,
		.events = { TI_EV_FAIL(REG_WRITE) },
		.nr_events = 1,
	}, {
		.name = "mailbox",
		.fail = TI_FAKE_MBOX_STARTUP,
		.events = { TI_EV_REG(0, 0), TI_EV_FAIL(MBOX_STARTUP),
			    TI_EV(MBOX_SHUTDOWN) },
		.nr_events = 3,
	}, {
		.name = "clock-prepare",
		.fail = TI_FAKE_CLK_PREPARE,
		.events = { TI_EV_REG(0, 0), TI_EV(MBOX_STARTUP),
			    TI_EV_FAIL(CLK_PREPARE), TI_EV(MBOX_SHUTDOWN) },
		.nr_events = 4,
	}, {
		.name = "clock-enable",
		.fail = TI_FAKE_CLK_ENABLE,
		.events = { TI_EV_REG(0, 0), TI_EV(MBOX_STARTUP),
			    TI_EV(CLK_PREPARE),
			    TI_EV_FAIL(CLK_ENABLE), TI_EV(CLK_UNPREPARE),
			    TI_EV(MBOX_SHUTDOWN) },
		.nr_events = 6,
	}, {
		.name = "reset-release",
		.fail = TI_FAKE_RST_DEASSERT,
		.events = { TI_EV_REG(0, 0), TI_EV(MBOX_STARTUP),
			    TI_EV(CLK_PREPARE),
			    TI_EV(CLK_ENABLE), TI_EV_FAIL(RST_DEASSERT),
			    TI_EV(CLK_DISABLE), TI_EV(CLK_UNPREPARE),
			    TI_EV(MBOX_SHUTDOWN) },
		.nr_events = 8,
	},
};

static void omap_unwind_desc(const struct omap_unwind_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(omap_unwind, omap_unwind_cases, omap_unwind_desc);

/* Each start step fails once: all earlier steps are undone, in reverse. */
static void omap_test_start_unwind(struct kunit *test)
{
	const struct omap_unwind_case *c = test->param_value;
	struct omap_test_ctx *ctx = test->priv;
	struct ti_fake_event expected[ARRAY_SIZE(c->events)];
	unsigned int i;

	/* The table leaves the boot register write to be filled in here. */
	memcpy(expected, c->events, sizeof(expected));
	for (i = 0; i < c->nr_events; i++) {
		if (expected[i].op == TI_FAKE_REG_WRITE) {
			expected[i].arg = SCM_BOOTREG_ADDR;
			expected[i].val = TEST_BOOTADDR;
		}
	}

	ti_fake_hw_fail_once(ctx->hw, c->fail, -EIO);
	KUNIT_EXPECT_EQ(test, omap_rproc_ops.start(ctx->rproc), -EIO);
	ti_fake_hw_expect_log(test, ctx->hw, expected, c->nr_events);
	ti_fake_hw_expect_idle(test, ctx->hw);
	KUNIT_EXPECT_NULL(test, ctx->oproc->mbox);

	/* Nothing is left half-done: the next start works. */
	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	omap_test_stop_clean(test);
}

/* A reset that cannot be asserted leaves the running processor alone. */
static void omap_test_stop_reset_fails(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event stop[] = { TI_EV_FAIL(RST_ASSERT) };

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_clear_log(ctx->hw);

	ti_fake_hw_fail_once(ctx->hw, TI_FAKE_RST_ASSERT, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, omap_rproc_ops.stop(ctx->rproc), -ETIMEDOUT);
	ti_fake_hw_expect_log(test, ctx->hw, stop, ARRAY_SIZE(stop));
	KUNIT_EXPECT_TRUE(test, ctx->hw->clk_enabled);
	KUNIT_EXPECT_NOT_NULL(test, ctx->hw->chan.cl);

	omap_test_stop_clean(test);
}

/* A kick sends the notify id; kicks queue behind an unfinished one. */
static void omap_test_kick(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event sent[] = {
		EV_SEND(1), EV_SEND(0), EV_SEND(1),
	};

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_clear_log(ctx->hw);

	omap_rproc_ops.kick(ctx->rproc, 1);
	omap_rproc_ops.kick(ctx->rproc, 0);
	KUNIT_EXPECT_EQ(test, ctx->hw->nr_events, 1);
	ti_fake_hw_mbox_tx_done(ctx->hw);
	ti_fake_hw_mbox_tx_done(ctx->hw);
	omap_rproc_ops.kick(ctx->rproc, 1);
	ti_fake_hw_mbox_tx_done(ctx->hw);

	ti_fake_hw_expect_log(test, ctx->hw, sent, ARRAY_SIZE(sent));

	omap_test_stop_clean(test);
}

/* A kick while stopped is refused, not sent and not a crash. */
static void omap_test_kick_stopped(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	omap_rproc_ops.kick(ctx->rproc, 0);

	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);
	ti_fake_hw_expect_idle(test, ctx->hw);
}

static void omap_test_rx(struct omap_test_ctx *ctx, u32 word)
{
	mbox_chan_received_data(&ctx->hw->chan, (void *)(uintptr_t)word);
}

/* Received notify ids reach the core unchanged and in order. */
static void omap_test_rx_dispatch(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);

	omap_test_rx(ctx, 1);
	omap_test_rx(ctx, 0);
	omap_test_rx(ctx, 1);

	KUNIT_ASSERT_EQ(test, ctx->nr_vq, 3);
	KUNIT_EXPECT_EQ(test, ctx->vq_ids[0], 1);
	KUNIT_EXPECT_EQ(test, ctx->vq_ids[1], 0);
	KUNIT_EXPECT_EQ(test, ctx->vq_ids[2], 1);
	KUNIT_EXPECT_EQ(test, ctx->nr_crashes, 0);

	omap_test_stop_clean(test);
}

/* Unknown ids and protocol words never reach rproc_vq_interrupt(). */
static void omap_test_rx_rejects(struct kunit *test)
{
	static const u32 words[] = {
		2, 31, 0x7fffffff, 0x80000000, OMAP_RP_MBOX_READY,
		OMAP_RP_MBOX_ECHO_REPLY, OMAP_RP_MBOX_SUSPEND_ACK,
		OMAP_RP_MBOX_END_MSG, 0xffffffff,
	};
	struct omap_test_ctx *ctx = test->priv;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);

	for (i = 0; i < ARRAY_SIZE(words); i++)
		omap_test_rx(ctx, words[i]);

	KUNIT_EXPECT_EQ(test, ctx->nr_vq, 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_crashes, 0);

	/* With no vring allocated at all, even id 0 is refused. */
	ctx->rproc->max_notifyid = -1;
	omap_test_rx(ctx, 0);
	KUNIT_EXPECT_EQ(test, ctx->nr_vq, 0);

	omap_test_stop_clean(test);
}

static void omap_test_rx_crash(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);

	omap_test_rx(ctx, OMAP_RP_MBOX_CRASH);

	KUNIT_EXPECT_EQ(test, ctx->nr_crashes, 1);
	KUNIT_EXPECT_EQ(test, ctx->crash_type, RPROC_FATAL_ERROR);
	KUNIT_EXPECT_EQ(test, ctx->nr_vq, 0);

	omap_test_stop_clean(test);
}

static void omap_test_da_to_va(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	bool iomem = false;
	void *va;

	va = omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA, 16, &iomem);
	KUNIT_EXPECT_PTR_EQ(test, va, (void *)ctx->ram);
	KUNIT_EXPECT_TRUE(test, iomem);

	/* the last bytes, and one byte more */
	KUNIT_EXPECT_PTR_EQ(test,
			    omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA +
						    TEST_RAM_SIZE - 16, 16,
						    NULL),
			    (void *)(ctx->ram + TEST_RAM_SIZE - 16));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA +
							TEST_RAM_SIZE - 16, 17,
							NULL));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc,
							TEST_RAM_DA - 1, 2,
							NULL));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA +
							TEST_RAM_SIZE, 1,
							NULL));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA, 0,
							NULL));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc, TEST_RAM_DA,
							SIZE_MAX, NULL));
	KUNIT_EXPECT_NULL(test, omap_rproc_ops.da_to_va(rproc, U64_MAX - 3, 8,
							NULL));
}

/* Reports crashes to the real core, to see what it makes of them. */
static const struct omap_rproc_env omap_test_core_crash_env = {
	.mbox_request	= omap_test_mbox_request,
	.vq_interrupt	= omap_test_vq_interrupt,
	.report_crash	= rproc_report_crash,
};

#define EV_AUTO		EV_SEND(OMAP_RP_MBOX_SUSPEND_AUTO)
#define EV_SYSTEM	EV_SEND(OMAP_RP_MBOX_SUSPEND_SYSTEM)

static const struct ti_fake_event omap_pm_down_events[] = {
	EV_AUTO, TI_EV(RST_ASSERT), TI_EV(CLK_DISABLE), TI_EV(CLK_UNPREPARE),
};

/* Control module lost its context: resume must write the address again. */
static const struct ti_fake_event omap_pm_up_events[] = {
	TI_EV_REG(SCM_BOOTREG_ADDR, TEST_BOOTADDR), TI_EV(CLK_PREPARE),
	TI_EV(CLK_ENABLE), TI_EV(RST_DEASSERT),
};

/* A running remote with the core's power management on. */
static void omap_test_pm_setup(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	struct device *dev = &ctx->hw->consumer->dev;

	ctx->pm_group = devres_open_group(dev, NULL, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->pm_group);
	KUNIT_ASSERT_EQ(test, devm_rproc_pm_init(dev, ctx->rproc,
						 &omap_rproc_pm_ops, -1), 0);
	devres_close_group(dev, ctx->pm_group);

	KUNIT_ASSERT_EQ(test, omap_rproc_ops.start(ctx->rproc), 0);
	ctx->rproc->state = RPROC_RUNNING;
	to_rproc_core(ctx->rproc)->powered = true;
	ctx->rproc->recovery_disabled = true;
	ti_fake_hw_clear_log(ctx->hw);
}

/* Suspend with the firmware's ACK, as autosuspend does it. */
static void omap_test_pm_suspend(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	ti_fake_hw_mbox_reply(ctx->hw, OMAP_RP_MBOX_SUSPEND_AUTO,
			      OMAP_RP_MBOX_SUSPEND_ACK);
	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(ctx->rproc), 0);
	KUNIT_ASSERT_EQ(test, ctx->rproc->state, RPROC_SUSPENDED);
	ti_fake_hw_expect_log(test, ctx->hw, omap_pm_down_events,
			      ARRAY_SIZE(omap_pm_down_events));
	ti_fake_hw_mbox_tx_done(ctx->hw);
	ti_fake_hw_clear_log(ctx->hw);
	ctx->scm->regs[1] = 0;
}

/*
 * ACK: the core goes down keeping its mailbox; a kick meanwhile is held
 * back, not sent to a core in reset; resume restores the boot address and
 * lets kicks through again.
 */
static void omap_test_pm_ack(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event kick[] = { EV_SEND(1) };

	omap_test_pm_setup(test);
	omap_test_pm_suspend(test);
	KUNIT_EXPECT_NOT_NULL(test, ctx->oproc->mbox);
	KUNIT_EXPECT_TRUE(test, ctx->hw->rst_asserted);
	KUNIT_EXPECT_FALSE(test, ctx->hw->clk_enabled);

	rproc_pm_kick(ctx->rproc, 1);
	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);

	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_resume(ctx->rproc), 0);
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_RUNNING);
	ti_fake_hw_expect_log(test, ctx->hw, omap_pm_up_events,
			      ARRAY_SIZE(omap_pm_up_events));
	KUNIT_EXPECT_EQ(test, ctx->scm->regs[1], TEST_BOOTADDR);

	ti_fake_hw_clear_log(ctx->hw);
	rproc_pm_kick(ctx->rproc, 1);
	ti_fake_hw_mbox_tx_done(ctx->hw);
	ti_fake_hw_expect_log(test, ctx->hw, kick, ARRAY_SIZE(kick));

	omap_test_stop_clean(test);
}

/* CANCEL: nothing is powered down, the remote keeps running. */
static void omap_test_pm_cancel(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event sent[] = { EV_AUTO, EV_SEND(0) };

	omap_test_pm_setup(test);
	ti_fake_hw_mbox_reply(ctx->hw, OMAP_RP_MBOX_SUSPEND_AUTO,
			      OMAP_RP_MBOX_SUSPEND_CANCEL);
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_suspend(ctx->rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_RUNNING);
	ti_fake_hw_mbox_tx_done(ctx->hw);

	rproc_pm_kick(ctx->rproc, 0);
	ti_fake_hw_mbox_tx_done(ctx->hw);
	ti_fake_hw_expect_log(test, ctx->hw, sent, ARRAY_SIZE(sent));
	KUNIT_EXPECT_FALSE(test, ctx->hw->rst_asserted);

	omap_test_stop_clean(test);
}

/*
 * No answer: the request times out with a clear error, the remote keeps
 * running, and an answer that comes late is not taken for the next one.
 */
static void omap_test_pm_timeout(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event sent[] = {
		EV_SYSTEM, EV_SEND(1), EV_SYSTEM,
	};

	omap_test_pm_setup(test);
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(ctx->rproc),
			-ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_RUNNING);
	ti_fake_hw_mbox_tx_done(ctx->hw);

	rproc_pm_kick(ctx->rproc, 1);
	ti_fake_hw_mbox_tx_done(ctx->hw);

	omap_test_rx(ctx, OMAP_RP_MBOX_SUSPEND_ACK);
	ti_fake_hw_mbox_reply(ctx->hw, OMAP_RP_MBOX_SUSPEND_SYSTEM,
			      OMAP_RP_MBOX_SUSPEND_CANCEL);
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(ctx->rproc), -EBUSY);
	ti_fake_hw_mbox_tx_done(ctx->hw);

	ti_fake_hw_expect_log(test, ctx->hw, sent, ARRAY_SIZE(sent));
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_RUNNING);
	omap_test_stop_clean(test);
}

/*
 * Resume fails half-way: the driver undoes its steps and lets the mailbox
 * go, and the core declares the remote crashed and stopped.
 */
static void omap_test_pm_resume_fails(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event up[] = {
		TI_EV_REG(SCM_BOOTREG_ADDR, TEST_BOOTADDR),
		TI_EV_FAIL(CLK_PREPARE), TI_EV(MBOX_SHUTDOWN),
	};

	omap_test_pm_setup(test);
	omap_test_pm_suspend(test);

	ti_fake_hw_fail_once(ctx->hw, TI_FAKE_CLK_PREPARE, -EIO);
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_resume(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, up, ARRAY_SIZE(up));
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, to_rproc_core(ctx->rproc)->crash_cnt, 1);
	KUNIT_EXPECT_FALSE(test, to_rproc_core(ctx->rproc)->powered);
	KUNIT_EXPECT_NULL(test, ctx->oproc->mbox);

	/* Kicks now go nowhere, and the coming stop touches nothing. */
	rproc_pm_kick(ctx->rproc, 1);
	mutex_lock(&ctx->rproc->lock);
	rproc_pm_down(ctx->rproc);
	mutex_unlock(&ctx->rproc->lock);
	ti_fake_hw_expect_log(test, ctx->hw, up, ARRAY_SIZE(up));
	ti_fake_hw_expect_idle(test, ctx->hw);
}

/*
 * The firmware crashes instead of answering: the request ends at once with
 * -EIO, nothing is powered down, and the core's crash handling runs.
 */
static void omap_test_pm_crash_during_suspend(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;
	static const struct ti_fake_event sent[] = { EV_SYSTEM };
	unsigned long start;

	omap_test_pm_setup(test);
	ctx->oproc->env = &omap_test_core_crash_env;
	ti_fake_hw_mbox_reply(ctx->hw, OMAP_RP_MBOX_SUSPEND_SYSTEM,
			      OMAP_RP_MBOX_CRASH);

	start = jiffies;
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(ctx->rproc), -EIO);
	KUNIT_EXPECT_LT(test, jiffies - start, msecs_to_jiffies(1000));
	ti_fake_hw_mbox_tx_done(ctx->hw);
	ti_fake_hw_expect_log(test, ctx->hw, sent, ARRAY_SIZE(sent));

	flush_work(&to_rproc_core(ctx->rproc)->crash_handler);
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, to_rproc_core(ctx->rproc)->crash_cnt, 1);

	omap_test_stop_clean(test);
}

/*
 * A crash reported while suspended is handled at once; the stop that
 * follows wakes the core first, then stops it as usual.
 */
static void omap_test_pm_crash_while_suspended(struct kunit *test)
{
	struct omap_test_ctx *ctx = test->priv;

	omap_test_pm_setup(test);
	omap_test_pm_suspend(test);

	rproc_report_crash(ctx->rproc, RPROC_WATCHDOG);
	flush_work(&to_rproc_core(ctx->rproc)->crash_handler);
	KUNIT_EXPECT_EQ(test, ctx->rproc->state, RPROC_CRASHED);
	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);

	mutex_lock(&ctx->rproc->lock);
	rproc_pm_down(ctx->rproc);
	mutex_unlock(&ctx->rproc->lock);
	ti_fake_hw_expect_log(test, ctx->hw, omap_pm_up_events,
			      ARRAY_SIZE(omap_pm_up_events));
	KUNIT_EXPECT_TRUE(test, to_rproc_core(ctx->rproc)->powered);

	omap_test_stop_clean(test);
}

static struct kunit_case omap_rproc_test_cases[] = {
	KUNIT_CASE(omap_test_start_stop_order),
	KUNIT_CASE(omap_test_boot_addr_shift),
	KUNIT_CASE(omap_test_bad_boot_addr),
	KUNIT_CASE(omap_test_ipu_start),
	KUNIT_CASE_PARAM(omap_test_start_unwind, omap_unwind_gen_params),
	KUNIT_CASE(omap_test_stop_reset_fails),
	KUNIT_CASE(omap_test_kick),
	KUNIT_CASE(omap_test_kick_stopped),
	KUNIT_CASE(omap_test_rx_dispatch),
	KUNIT_CASE(omap_test_rx_rejects),
	KUNIT_CASE(omap_test_rx_crash),
	KUNIT_CASE(omap_test_da_to_va),
	KUNIT_CASE(omap_test_pm_ack),
	KUNIT_CASE(omap_test_pm_cancel),
	KUNIT_CASE(omap_test_pm_timeout),
	KUNIT_CASE(omap_test_pm_resume_fails),
	KUNIT_CASE(omap_test_pm_crash_during_suspend),
	KUNIT_CASE(omap_test_pm_crash_while_suspended),
	{}
};

static struct kunit_suite omap_rproc_test_suite = {
	.name = "omap_remoteproc",
	.init = omap_test_init,
	.exit = omap_test_exit,
	.test_cases = omap_rproc_test_cases,
};

kunit_test_suite(omap_rproc_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the OMAP remoteproc driver");
MODULE_LICENSE("GPL");
