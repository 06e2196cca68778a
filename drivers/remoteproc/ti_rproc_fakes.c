// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fake clock, reset, register and mailbox providers for the KUnit suites of
 * the OMAP and DA8xx remoteproc drivers; see ti_rproc_fakes.h.
 */

#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/reset.h>

#include "ti_rproc_fakes.h"

#define TI_FAKE_PROVIDER	"ti-rproc-kunit-hw"
#define TI_FAKE_CONSUMER	"ti-rproc-kunit"

/*
 * The reset framework of this kernel cannot remove lookup entries, so the
 * one entry binding the consumer to the fake line is static and added once;
 * both devices are recreated under the same names for every test.
 */
static struct reset_control_lookup ti_fake_reset_lookup =
	RESET_LOOKUP(TI_FAKE_PROVIDER, 0, TI_FAKE_CONSUMER, NULL);
static DEFINE_MUTEX(ti_fake_lookup_lock);
static bool ti_fake_lookup_added;

static const char * const ti_fake_op_names[] = {
	[TI_FAKE_NONE]		= "none",
	[TI_FAKE_REG_WRITE]	= "reg-write",
	[TI_FAKE_REG_READ]	= "reg-read",
	[TI_FAKE_CLK_PREPARE]	= "clk-prepare",
	[TI_FAKE_CLK_ENABLE]	= "clk-enable",
	[TI_FAKE_CLK_DISABLE]	= "clk-disable",
	[TI_FAKE_CLK_UNPREPARE]	= "clk-unprepare",
	[TI_FAKE_RST_ASSERT]	= "rst-assert",
	[TI_FAKE_RST_DEASSERT]	= "rst-deassert",
	[TI_FAKE_MBOX_STARTUP]	= "mbox-startup",
	[TI_FAKE_MBOX_SEND]	= "mbox-send",
	[TI_FAKE_MBOX_SHUTDOWN]	= "mbox-shutdown",
};

/*
 * Log @op and decide whether it fails. Returns 0 or the injected error.
 * Reads are not logged: drivers poll registers, tests care about effects.
 */
static int ti_fake_record(struct ti_fake_hw *hw, enum ti_fake_op op, u32 arg,
			  u32 val)
{
	struct ti_fake_event *ev;
	int err = 0;

	lockdep_assert_held(&hw->lock);

	if (hw->fail_op == op) {
		err = hw->fail_err;
		hw->fail_op = TI_FAKE_NONE;
	}

	if (op == TI_FAKE_REG_READ)
		return err;

	if (hw->nr_events < TI_FAKE_MAX_EVENTS) {
		ev = &hw->events[hw->nr_events];
		ev->op = op;
		ev->arg = arg;
		ev->val = val;
		ev->failed = err != 0;
	}
	/* Counting past the end makes an overflow show up as a mismatch. */
	hw->nr_events++;

	return err;
}

static int ti_fake_step(struct ti_fake_hw *hw, enum ti_fake_op op, u32 val,
			bool *state, bool new_state)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&hw->lock, flags);
	err = ti_fake_record(hw, op, 0, val);
	if (!err && state)
		*state = new_state;
	spin_unlock_irqrestore(&hw->lock, flags);

	return err;
}

static struct ti_fake_hw *clk_hw_to_fake(struct clk_hw *clk_hw)
{
	return container_of(clk_hw, struct ti_fake_hw, clk_hw);
}

static int ti_fake_clk_prepare(struct clk_hw *clk_hw)
{
	struct ti_fake_hw *hw = clk_hw_to_fake(clk_hw);

	return ti_fake_step(hw, TI_FAKE_CLK_PREPARE, 0, &hw->clk_prepared,
			    true);
}

static void ti_fake_clk_unprepare(struct clk_hw *clk_hw)
{
	struct ti_fake_hw *hw = clk_hw_to_fake(clk_hw);

	ti_fake_step(hw, TI_FAKE_CLK_UNPREPARE, 0, &hw->clk_prepared, false);
}

static int ti_fake_clk_enable(struct clk_hw *clk_hw)
{
	struct ti_fake_hw *hw = clk_hw_to_fake(clk_hw);

	return ti_fake_step(hw, TI_FAKE_CLK_ENABLE, 0, &hw->clk_enabled, true);
}

static void ti_fake_clk_disable(struct clk_hw *clk_hw)
{
	struct ti_fake_hw *hw = clk_hw_to_fake(clk_hw);

	ti_fake_step(hw, TI_FAKE_CLK_DISABLE, 0, &hw->clk_enabled, false);
}

static const struct clk_ops ti_fake_clk_ops = {
	.prepare	= ti_fake_clk_prepare,
	.unprepare	= ti_fake_clk_unprepare,
	.enable		= ti_fake_clk_enable,
	.disable	= ti_fake_clk_disable,
};

static struct ti_fake_hw *rcdev_to_fake(struct reset_controller_dev *rcdev)
{
	return container_of(rcdev, struct ti_fake_hw, rcdev);
}

static int ti_fake_rst_assert(struct reset_controller_dev *rcdev,
			      unsigned long id)
{
	struct ti_fake_hw *hw = rcdev_to_fake(rcdev);

	return ti_fake_step(hw, TI_FAKE_RST_ASSERT, 0, &hw->rst_asserted,
			    true);
}

static int ti_fake_rst_deassert(struct reset_controller_dev *rcdev,
				unsigned long id)
{
	struct ti_fake_hw *hw = rcdev_to_fake(rcdev);

	return ti_fake_step(hw, TI_FAKE_RST_DEASSERT, 0, &hw->rst_asserted,
			    false);
}

static const struct reset_control_ops ti_fake_rst_ops = {
	.assert		= ti_fake_rst_assert,
	.deassert	= ti_fake_rst_deassert,
};

static struct ti_fake_hw *mbox_to_fake(struct mbox_chan *chan)
{
	return container_of(chan->mbox, struct ti_fake_hw, mbox);
}

/*
 * A scripted remote answers a word the moment it is sent, as firmware
 * answering from its mailbox interrupt would, before the sender's next step.
 */
static int ti_fake_mbox_send(struct mbox_chan *chan, void *data)
{
	struct ti_fake_hw *hw = mbox_to_fake(chan);
	u32 word = (u32)(uintptr_t)data;
	unsigned long flags;
	bool answer;
	u32 reply;
	int err;

	err = ti_fake_step(hw, TI_FAKE_MBOX_SEND, word, NULL, false);
	if (err)
		return err;

	spin_lock_irqsave(&hw->lock, flags);
	answer = hw->reply_armed && hw->reply_to == word;
	reply = hw->reply;
	spin_unlock_irqrestore(&hw->lock, flags);

	if (answer)
		mbox_chan_received_data(chan, (void *)(uintptr_t)reply);
	return 0;
}

static int ti_fake_mbox_startup(struct mbox_chan *chan)
{
	return ti_fake_step(mbox_to_fake(chan), TI_FAKE_MBOX_STARTUP, 0, NULL,
			    false);
}

static void ti_fake_mbox_shutdown(struct mbox_chan *chan)
{
	ti_fake_step(mbox_to_fake(chan), TI_FAKE_MBOX_SHUTDOWN, 0, NULL, false);
}

static const struct mbox_chan_ops ti_fake_mbox_ops = {
	.send_data	= ti_fake_mbox_send,
	.startup	= ti_fake_mbox_startup,
	.shutdown	= ti_fake_mbox_shutdown,
};

static int ti_fake_reg_read(void *context, unsigned int reg,
			    unsigned int *val)
{
	struct ti_fake_regs *blk = context;
	struct ti_fake_hw *hw = blk->hw;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&hw->lock, flags);
	err = ti_fake_record(hw, TI_FAKE_REG_READ, blk->base + reg, 0);
	if (!err) {
		if (blk->model == TI_FAKE_REGS_CHIPSIG && reg)
			*val = 0;
		else
			*val = blk->regs[reg / 4];
	}
	spin_unlock_irqrestore(&hw->lock, flags);

	return err;
}

static int ti_fake_reg_write(void *context, unsigned int reg,
			     unsigned int val)
{
	struct ti_fake_regs *blk = context;
	struct ti_fake_hw *hw = blk->hw;
	unsigned long flags;
	int err;

	spin_lock_irqsave(&hw->lock, flags);
	err = ti_fake_record(hw, TI_FAKE_REG_WRITE, blk->base + reg, val);
	if (!err) {
		if (blk->model == TI_FAKE_REGS_PLAIN)
			blk->regs[reg / 4] = val;
		else if (reg == 0)
			blk->regs[0] |= val;
		else
			blk->regs[0] &= ~val;
	}
	spin_unlock_irqrestore(&hw->lock, flags);

	return err;
}

/**
 * ti_fake_hw_regs() - add a fake register block
 * @hw: fake set to add it to
 * @name: regmap name, unique within @hw
 * @base: offset logged for register 0 of the block
 * @model: register semantics
 *
 * The regmap is device-managed by the provider and goes away with @hw.
 *
 * Return: the block; the test is aborted on failure.
 */
struct ti_fake_regs *ti_fake_hw_regs(struct ti_fake_hw *hw, const char *name,
				     u32 base, enum ti_fake_reg_model model)
{
	struct kunit *test = hw->test;
	struct regmap_config *cfg;
	struct ti_fake_regs *blk;

	blk = kunit_kzalloc(test, sizeof(*blk), GFP_KERNEL);
	cfg = kunit_kzalloc(test, sizeof(*cfg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, blk);
	KUNIT_ASSERT_NOT_NULL(test, cfg);

	blk->hw = hw;
	blk->base = base;
	blk->model = model;

	cfg->name = name;
	cfg->reg_bits = 32;
	cfg->val_bits = 32;
	cfg->reg_stride = 4;
	cfg->max_register = (TI_FAKE_NUM_REGS - 1) * 4;
	cfg->reg_read = ti_fake_reg_read;
	cfg->reg_write = ti_fake_reg_write;
	cfg->fast_io = true;
	cfg->cache_type = REGCACHE_NONE;

	blk->map = devm_regmap_init(&hw->provider->dev, NULL, blk, cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(blk->map));

	return blk;
}
EXPORT_SYMBOL_GPL(ti_fake_hw_regs);

static int ti_fake_provider_probe(struct platform_device *pdev)
{
	return 0;
}

/* The mailbox framework pins the controller's driver module. */
static struct platform_driver ti_fake_provider_driver = {
	.probe = ti_fake_provider_probe,
	.driver = {
		.name = TI_FAKE_PROVIDER,
	},
};

static void ti_fake_add_lookup(void)
{
	mutex_lock(&ti_fake_lookup_lock);
	if (!ti_fake_lookup_added) {
		reset_controller_add_lookup(&ti_fake_reset_lookup, 1);
		ti_fake_lookup_added = true;
	}
	mutex_unlock(&ti_fake_lookup_lock);
}

static int ti_fake_hw_register(struct ti_fake_hw *hw)
{
	struct clk_init_data init = {
		.name = "ti-rproc-kunit-fck",
		.ops = &ti_fake_clk_ops,
	};
	struct device *dev = &hw->provider->dev;
	int ret;

	hw->clk_hw.init = &init;
	ret = devm_clk_hw_register(dev, &hw->clk_hw);
	if (ret)
		return ret;

	hw->rcdev.ops = &ti_fake_rst_ops;
	hw->rcdev.owner = THIS_MODULE;
	hw->rcdev.nr_resets = 1;
	hw->rcdev.dev = dev;
	ret = devm_reset_controller_register(dev, &hw->rcdev);
	if (ret)
		return ret;

	hw->mbox.dev = dev;
	hw->mbox.ops = &ti_fake_mbox_ops;
	hw->mbox.chans = &hw->chan;
	hw->mbox.num_chans = 1;
	hw->mbox.txdone_irq = true;
	ret = devm_mbox_controller_register(dev, &hw->mbox);
	if (ret)
		return ret;

	hw->clk = clk_hw_get_clk(&hw->clk_hw, "fck");
	if (IS_ERR(hw->clk))
		return PTR_ERR(hw->clk);

	hw->rst = reset_control_get_exclusive(&hw->consumer->dev, NULL);
	if (IS_ERR(hw->rst)) {
		clk_put(hw->clk);
		return PTR_ERR(hw->rst);
	}

	return 0;
}

/**
 * ti_fake_hw_create() - register a fresh set of fake providers
 * @test: the running test
 *
 * The reset line starts asserted, the clock off, the mailbox unbound and
 * the log empty. Release the set with ti_fake_hw_destroy().
 *
 * Return: the set; the test is aborted on failure.
 */
struct ti_fake_hw *ti_fake_hw_create(struct kunit *test)
{
	struct ti_fake_hw *hw;
	int ret;

	hw = kunit_kzalloc(test, sizeof(*hw), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hw);
	hw->test = test;
	spin_lock_init(&hw->lock);
	hw->rst_asserted = true;

	ti_fake_add_lookup();

	ret = platform_driver_register(&ti_fake_provider_driver);
	KUNIT_ASSERT_EQ(test, ret, 0);

	hw->provider = platform_device_register_simple(TI_FAKE_PROVIDER,
						       PLATFORM_DEVID_NONE,
						       NULL, 0);
	hw->consumer = platform_device_register_simple(TI_FAKE_CONSUMER,
						       PLATFORM_DEVID_NONE,
						       NULL, 0);
	if (IS_ERR(hw->provider) || IS_ERR(hw->consumer) ||
	    !hw->provider->dev.driver) {
		ret = -ENODEV;
		goto err;
	}

	ret = ti_fake_hw_register(hw);
	if (ret)
		goto err;

	return hw;

err:
	if (!IS_ERR(hw->consumer))
		platform_device_unregister(hw->consumer);
	if (!IS_ERR(hw->provider))
		platform_device_unregister(hw->provider);
	platform_driver_unregister(&ti_fake_provider_driver);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "cannot register the fakes");
	return NULL;
}
EXPORT_SYMBOL_GPL(ti_fake_hw_create);

/**
 * ti_fake_hw_destroy() - unregister a set made by ti_fake_hw_create()
 * @hw: the set, may be %NULL
 */
void ti_fake_hw_destroy(struct ti_fake_hw *hw)
{
	if (!hw)
		return;

	reset_control_put(hw->rst);
	clk_put(hw->clk);
	platform_device_unregister(hw->consumer);
	platform_device_unregister(hw->provider);
	platform_driver_unregister(&ti_fake_provider_driver);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_destroy);

/**
 * ti_fake_hw_fail_once() - make the next @op fail
 * @hw: fake set
 * @op: operation to fail, %TI_FAKE_NONE to cancel
 * @err: negative errno the operation returns
 */
void ti_fake_hw_fail_once(struct ti_fake_hw *hw, enum ti_fake_op op, int err)
{
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	hw->fail_op = op;
	hw->fail_err = err;
	spin_unlock_irqrestore(&hw->lock, flags);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_fail_once);

/**
 * ti_fake_hw_clear_log() - forget the operations recorded so far
 * @hw: fake set
 */
void ti_fake_hw_clear_log(struct ti_fake_hw *hw)
{
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	hw->nr_events = 0;
	spin_unlock_irqrestore(&hw->lock, flags);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_clear_log);

static void ti_fake_dump(struct kunit *test, const char *what,
			 const struct ti_fake_event *ev, unsigned int count)
{
	unsigned int i;

	kunit_info(test, "%s (%u):\n", what, count);
	for (i = 0; i < min_t(unsigned int, count, TI_FAKE_MAX_EVENTS); i++)
		kunit_info(test, "  %-13s 0x%x 0x%08x%s\n",
			   ti_fake_op_names[ev[i].op], ev[i].arg, ev[i].val,
			   ev[i].failed ? " (failed)" : "");
}

/**
 * ti_fake_hw_expect_log() - check the recorded operations
 * @test: the running test, failed on mismatch
 * @hw: fake set
 * @expected: operations in the order they must have happened
 * @count: number of entries in @expected
 */
void ti_fake_hw_expect_log(struct kunit *test, struct ti_fake_hw *hw,
			   const struct ti_fake_event *expected,
			   unsigned int count)
{
	bool same = hw->nr_events == count;
	unsigned int i;

	for (i = 0; same && i < count; i++) {
		const struct ti_fake_event *a = &hw->events[i];
		const struct ti_fake_event *e = &expected[i];

		same = a->op == e->op && a->arg == e->arg &&
		       a->val == e->val && a->failed == e->failed;
	}

	KUNIT_EXPECT_TRUE_MSG(test, same, "hardware operations differ");
	if (!same) {
		ti_fake_dump(test, "expected", expected, count);
		ti_fake_dump(test, "recorded", hw->events, hw->nr_events);
	}
}
EXPORT_SYMBOL_GPL(ti_fake_hw_expect_log);

/**
 * ti_fake_hw_expect_idle() - check that everything is switched off
 * @test: the running test, failed otherwise
 * @hw: fake set
 *
 * Idle means: clock unprepared, reset asserted, mailbox channel unbound.
 */
void ti_fake_hw_expect_idle(struct kunit *test, struct ti_fake_hw *hw)
{
	KUNIT_EXPECT_FALSE(test, hw->clk_enabled);
	KUNIT_EXPECT_FALSE(test, hw->clk_prepared);
	KUNIT_EXPECT_TRUE(test, hw->rst_asserted);
	KUNIT_EXPECT_NULL(test, hw->chan.cl);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_expect_idle);

/**
 * ti_fake_hw_mbox_reply() - make the fake remote answer a mailbox word
 * @hw: fake set
 * @to: word the driver sends
 * @reply: word the client then receives, from within the send
 *
 * Lasts until the next call.
 */
void ti_fake_hw_mbox_reply(struct ti_fake_hw *hw, u32 to, u32 reply)
{
	unsigned long flags;

	spin_lock_irqsave(&hw->lock, flags);
	hw->reply_armed = true;
	hw->reply_to = to;
	hw->reply = reply;
	spin_unlock_irqrestore(&hw->lock, flags);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_mbox_reply);

/**
 * ti_fake_hw_mbox_tx_done() - signal the end of the current transmission
 * @hw: fake set
 *
 * Plays the transmit-done interrupt of the mailbox: the framework then
 * hands the next queued word, if any, to the fake.
 */
void ti_fake_hw_mbox_tx_done(struct ti_fake_hw *hw)
{
	mbox_chan_txdone(&hw->chan, 0);
}
EXPORT_SYMBOL_GPL(ti_fake_hw_mbox_tx_done);

MODULE_DESCRIPTION("Fake providers for the TI remoteproc KUnit suites");
MODULE_LICENSE("GPL");
