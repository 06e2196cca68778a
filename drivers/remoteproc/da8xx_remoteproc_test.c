// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the DA850 / OMAP-L138 DSP remoteproc driver.
 *
 * The driver's rproc_ops and interrupt handlers run against fake providers
 * (ti_rproc_fakes.c): a clock, a reset line, HOST1CFG and a CHIPSIG block
 * that models the hardware's write-one-to-set / write-one-to-clear pair.
 */

#include <kunit/test.h>
#include <linux/irq.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>

#include "da8xx_remoteproc.h"
#include "ti_rproc_fakes.h"

/* Offsets of the two blocks inside SYSCFG0, as logged by the fakes. */
#define HOST1CFG_BASE		0x44
#define CHIPSIG_BASE		0x174

#define TEST_BOOTADDR		0xc3000000
#define TEST_L2_BUS		0x11800000
#define TEST_L2_LOCAL		0x00800000
#define TEST_SHRAM_BUS		0x80000000
#define TEST_RAM_SIZE		0x1000

#define MAX_RECORDED		8

struct da8xx_test_ctx {
	struct ti_fake_hw *hw;
	struct ti_fake_regs *host1cfg;
	struct ti_fake_regs *chipsig;
	struct rproc *rproc;
	struct da8xx_rproc *drproc;
	u8 *l2;
	u8 *shram;
	int vq_ids[MAX_RECORDED];
	unsigned int nr_vq;
	struct irq_chip intc;
	struct irq_data irqd;
	unsigned int nr_acks;
	bool acked_after_clear;
};

/* The env callback gets no context pointer; tests run one at a time. */
static struct da8xx_test_ctx *da8xx_test_cur;

static irqreturn_t da8xx_test_vq_interrupt(struct rproc *rproc, int id)
{
	struct da8xx_test_ctx *ctx = da8xx_test_cur;

	if (ctx->nr_vq < MAX_RECORDED)
		ctx->vq_ids[ctx->nr_vq] = id;
	ctx->nr_vq++;

	return IRQ_HANDLED;
}

/* The interrupt controller's ack: CHIPSIG0 must already be dropped. */
static void da8xx_test_irq_ack(struct irq_data *irqd)
{
	struct da8xx_test_ctx *ctx = da8xx_test_cur;

	ctx->nr_acks++;
	ctx->acked_after_clear = !(ctx->chipsig->regs[0] &
				   DA8XX_CHIPSIG_TO_HOST);
}

static const struct da8xx_rproc_env da8xx_test_env = {
	.vq_interrupt	= da8xx_test_vq_interrupt,
};

static void da8xx_test_add_mem(struct da8xx_rproc *drproc, u8 *ram,
			       phys_addr_t bus, bool local)
{
	struct da8xx_rproc_mem *mem = &drproc->mem[drproc->num_mems++];

	mem->cpu_addr = (__force void __iomem *)ram;
	mem->bus_addr = bus;
	mem->size = TEST_RAM_SIZE;
	mem->has_alias = local;
	mem->local_addr = local ? bus & DA8XX_LOCAL_ALIAS_MASK : 0;
}

static int da8xx_test_init(struct kunit *test)
{
	struct da8xx_test_ctx *ctx;
	struct da8xx_rproc *drproc;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->l2 = kunit_kzalloc(test, TEST_RAM_SIZE, GFP_KERNEL);
	ctx->shram = kunit_kzalloc(test, TEST_RAM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx->l2);
	KUNIT_ASSERT_NOT_NULL(test, ctx->shram);
	test->priv = ctx;
	da8xx_test_cur = ctx;

	ctx->hw = ti_fake_hw_create(test);
	ctx->host1cfg = ti_fake_hw_regs(ctx->hw, "host1cfg", HOST1CFG_BASE,
					TI_FAKE_REGS_PLAIN);
	ctx->chipsig = ti_fake_hw_regs(ctx->hw, "chipsig", CHIPSIG_BASE,
				       TI_FAKE_REGS_CHIPSIG);

	ctx->rproc = rproc_alloc(&ctx->hw->consumer->dev, "kunit-dsp",
				 &da8xx_rproc_ops, "kunit-dsp-fw",
				 sizeof(*drproc));
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	ctx->rproc->bootaddr = TEST_BOOTADDR;
	ctx->rproc->max_notifyid = 1;

	drproc = ctx->rproc->priv;
	da8xx_rproc_init_state(drproc, ctx->rproc);
	drproc->env = &da8xx_test_env;
	drproc->bootcfg = ctx->host1cfg->map;
	drproc->chipsig = ctx->chipsig->map;
	drproc->dsp_clk = ctx->hw->clk;
	drproc->dsp_reset = ctx->hw->rst;
	da8xx_test_add_mem(drproc, ctx->l2, TEST_L2_BUS, true);
	da8xx_test_add_mem(drproc, ctx->shram, TEST_SHRAM_BUS, false);
	ctx->intc.name = "kunit-intc";
	ctx->intc.irq_ack = da8xx_test_irq_ack;
	ctx->irqd.chip = &ctx->intc;
	drproc->irq_data = &ctx->irqd;
	ctx->drproc = drproc;

	return 0;
}

static void da8xx_test_exit(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;

	if (ctx->rproc)
		rproc_free(ctx->rproc);
	ti_fake_hw_destroy(ctx->hw);
	da8xx_test_cur = NULL;
}

#define EV_BOOT			TI_EV_REG(HOST1CFG_BASE, TEST_BOOTADDR)

static const struct ti_fake_event da8xx_stop_events[] = {
	TI_EV(RST_ASSERT), TI_EV(CLK_DISABLE), TI_EV(CLK_UNPREPARE),
};

static void da8xx_test_stop_clean(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;

	ti_fake_hw_clear_log(ctx->hw);
	KUNIT_EXPECT_EQ(test, da8xx_rproc_ops.stop(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, da8xx_stop_events,
			      ARRAY_SIZE(da8xx_stop_events));
	ti_fake_hw_expect_idle(test, ctx->hw);
}

/* Boot address into HOST1CFG, then clock, then reset released. */
static void da8xx_test_start_stop_order(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;
	static const struct ti_fake_event start[] = {
		EV_BOOT, TI_EV(CLK_PREPARE), TI_EV(CLK_ENABLE),
		TI_EV(RST_DEASSERT),
	};

	KUNIT_ASSERT_EQ(test, da8xx_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_expect_log(test, ctx->hw, start, ARRAY_SIZE(start));
	KUNIT_EXPECT_EQ(test, ctx->host1cfg->regs[0], TEST_BOOTADDR);
	KUNIT_EXPECT_FALSE(test, ctx->hw->rst_asserted);

	da8xx_test_stop_clean(test);
}

static void da8xx_test_bad_boot_addr(struct kunit *test)
{
	static const u64 bad[] = { 0xc3000100, 0xc30003ff, 0x1c3000000ULL };
	struct da8xx_test_ctx *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		ctx->rproc->bootaddr = bad[i];
		KUNIT_EXPECT_EQ(test, da8xx_rproc_ops.start(ctx->rproc),
				-EINVAL);
	}

	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);
	ti_fake_hw_expect_idle(test, ctx->hw);
}

struct da8xx_unwind_case {
	const char *name;
	enum ti_fake_op fail;
	struct ti_fake_event events[6];
	unsigned int nr_events;
};

static const struct da8xx_unwind_case da8xx_unwind_cases[] = {
	{
		.name = "boot-register",
		.fail = TI_FAKE_REG_WRITE,
		.events = { { .op = TI_FAKE_REG_WRITE, .arg = HOST1CFG_BASE,
			      .val = TEST_BOOTADDR, .failed = true } },
		.nr_events = 1,
	}, {
		.name = "clock-prepare",
		.fail = TI_FAKE_CLK_PREPARE,
		.events = { EV_BOOT, TI_EV_FAIL(CLK_PREPARE) },
		.nr_events = 2,
	}, {
		.name = "clock-enable",
		.fail = TI_FAKE_CLK_ENABLE,
		.events = { EV_BOOT, TI_EV(CLK_PREPARE), TI_EV_FAIL(CLK_ENABLE),
			    TI_EV(CLK_UNPREPARE) },
		.nr_events = 4,
	}, {
		.name = "reset-release",
		.fail = TI_FAKE_RST_DEASSERT,
		.events = { EV_BOOT, TI_EV(CLK_PREPARE), TI_EV(CLK_ENABLE),
			    TI_EV_FAIL(RST_DEASSERT), TI_EV(CLK_DISABLE),
			    TI_EV(CLK_UNPREPARE) },
		.nr_events = 6,
	},
};

static void da8xx_unwind_desc(const struct da8xx_unwind_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(da8xx_unwind, da8xx_unwind_cases, da8xx_unwind_desc);

/* Each start step fails once: all earlier steps are undone, in reverse. */
static void da8xx_test_start_unwind(struct kunit *test)
{
	const struct da8xx_unwind_case *c = test->param_value;
	struct da8xx_test_ctx *ctx = test->priv;

	ti_fake_hw_fail_once(ctx->hw, c->fail, -EIO);
	KUNIT_EXPECT_EQ(test, da8xx_rproc_ops.start(ctx->rproc), -EIO);
	ti_fake_hw_expect_log(test, ctx->hw, c->events, c->nr_events);
	ti_fake_hw_expect_idle(test, ctx->hw);

	KUNIT_ASSERT_EQ(test, da8xx_rproc_ops.start(ctx->rproc), 0);
	da8xx_test_stop_clean(test);
}

static void da8xx_test_stop_reset_fails(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;
	static const struct ti_fake_event stop[] = { TI_EV_FAIL(RST_ASSERT) };

	KUNIT_ASSERT_EQ(test, da8xx_rproc_ops.start(ctx->rproc), 0);
	ti_fake_hw_clear_log(ctx->hw);

	ti_fake_hw_fail_once(ctx->hw, TI_FAKE_RST_ASSERT, -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, da8xx_rproc_ops.stop(ctx->rproc), -ETIMEDOUT);
	ti_fake_hw_expect_log(test, ctx->hw, stop, ARRAY_SIZE(stop));
	KUNIT_EXPECT_TRUE(test, ctx->hw->clk_enabled);

	da8xx_test_stop_clean(test);
}

/* Any kick raises CHIPSIG2 and nothing else. */
static void da8xx_test_kick(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;
	static const struct ti_fake_event kicks[] = {
		TI_EV_REG(CHIPSIG_BASE, DA8XX_CHIPSIG_TO_DSP),
		TI_EV_REG(CHIPSIG_BASE, DA8XX_CHIPSIG_TO_DSP),
	};

	da8xx_rproc_ops.kick(ctx->rproc, 0);
	da8xx_rproc_ops.kick(ctx->rproc, 1);

	ti_fake_hw_expect_log(test, ctx->hw, kicks, ARRAY_SIZE(kicks));
	KUNIT_EXPECT_EQ(test, ctx->chipsig->regs[0], DA8XX_CHIPSIG_TO_DSP);
}

/*
 * CHIPSIG0 is cleared alone and the latched interrupt acknowledged after
 * that, then every vring in use is polled.
 */
static void da8xx_test_irq_dispatch(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;
	static const struct ti_fake_event ack[] = {
		TI_EV_REG(CHIPSIG_BASE + DA8XX_CHIPSIG_CLR,
			  DA8XX_CHIPSIG_TO_HOST),
	};
	unsigned int i;

	ctx->rproc->max_notifyid = 2;
	ctx->chipsig->regs[0] = DA8XX_CHIPSIG_TO_HOST | DA8XX_CHIPSIG_TO_DSP;

	KUNIT_EXPECT_EQ(test, da8xx_rproc_irq(0, ctx->rproc), IRQ_WAKE_THREAD);
	ti_fake_hw_expect_log(test, ctx->hw, ack, ARRAY_SIZE(ack));
	KUNIT_EXPECT_EQ(test, ctx->chipsig->regs[0], DA8XX_CHIPSIG_TO_DSP);
	KUNIT_EXPECT_EQ(test, ctx->nr_acks, 1);
	KUNIT_EXPECT_TRUE(test, ctx->acked_after_clear);
	KUNIT_EXPECT_EQ(test, ctx->nr_vq, 0);

	KUNIT_EXPECT_EQ(test, da8xx_rproc_irq_thread(0, ctx->rproc),
			IRQ_HANDLED);
	KUNIT_ASSERT_EQ(test, ctx->nr_vq, 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, ctx->vq_ids[i], i);
}

/* A shared-line interrupt that is not ours touches nothing. */
static void da8xx_test_irq_not_ours(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;

	ctx->chipsig->regs[0] = DA8XX_CHIPSIG_TO_DSP;
	KUNIT_EXPECT_EQ(test, da8xx_rproc_irq(0, ctx->rproc), IRQ_NONE);

	ti_fake_hw_fail_once(ctx->hw, TI_FAKE_REG_READ, -EIO);
	ctx->chipsig->regs[0] = DA8XX_CHIPSIG_TO_HOST;
	KUNIT_EXPECT_EQ(test, da8xx_rproc_irq(0, ctx->rproc), IRQ_NONE);

	ti_fake_hw_expect_log(test, ctx->hw, NULL, 0);
	KUNIT_EXPECT_EQ(test, ctx->chipsig->regs[0], DA8XX_CHIPSIG_TO_HOST);
	KUNIT_EXPECT_EQ(test, ctx->nr_acks, 0);
}

/* Before any vring exists the thread polls nothing. */
static void da8xx_test_irq_no_vrings(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;

	ctx->rproc->max_notifyid = -1;
	KUNIT_EXPECT_EQ(test, da8xx_rproc_irq_thread(0, ctx->rproc),
			IRQ_HANDLED);
	KUNIT_EXPECT_EQ(test, ctx->nr_vq, 0);
}

static void *da8xx_test_va(struct da8xx_test_ctx *ctx, u64 da, size_t len)
{
	return da8xx_rproc_ops.da_to_va(ctx->rproc, da, len, NULL);
}

/* L2 answers at its bus address and its DSP alias; shared RAM at one. */
static void da8xx_test_da_to_va(struct kunit *test)
{
	struct da8xx_test_ctx *ctx = test->priv;
	bool iomem = false;
	void *va;

	va = da8xx_rproc_ops.da_to_va(ctx->rproc, TEST_L2_LOCAL, 4, &iomem);
	KUNIT_EXPECT_PTR_EQ(test, va, (void *)ctx->l2);
	KUNIT_EXPECT_TRUE(test, iomem);
	KUNIT_EXPECT_PTR_EQ(test, da8xx_test_va(ctx, TEST_L2_BUS + 0x10, 4),
			    (void *)(ctx->l2 + 0x10));
	KUNIT_EXPECT_PTR_EQ(test, da8xx_test_va(ctx, TEST_SHRAM_BUS + 0x100,
						TEST_RAM_SIZE - 0x100),
			    (void *)(ctx->shram + 0x100));

	/* crossing the end, before the start, zero length, overflow */
	KUNIT_EXPECT_NULL(test, da8xx_test_va(ctx, TEST_L2_LOCAL +
					      TEST_RAM_SIZE - 4, 8));
	KUNIT_EXPECT_NULL(test, da8xx_test_va(ctx, TEST_SHRAM_BUS - 4, 8));
	KUNIT_EXPECT_NULL(test, da8xx_test_va(ctx, TEST_L2_BUS, 0));
	KUNIT_EXPECT_NULL(test, da8xx_test_va(ctx, U64_MAX - 1, 4));
	/* shared RAM has no DSP-local alias */
	KUNIT_EXPECT_NULL(test, da8xx_test_va(ctx, TEST_SHRAM_BUS &
					      DA8XX_LOCAL_ALIAS_MASK, 4));
}

static struct kunit_case da8xx_rproc_test_cases[] = {
	KUNIT_CASE(da8xx_test_start_stop_order),
	KUNIT_CASE(da8xx_test_bad_boot_addr),
	KUNIT_CASE_PARAM(da8xx_test_start_unwind, da8xx_unwind_gen_params),
	KUNIT_CASE(da8xx_test_stop_reset_fails),
	KUNIT_CASE(da8xx_test_kick),
	KUNIT_CASE(da8xx_test_irq_dispatch),
	KUNIT_CASE(da8xx_test_irq_not_ours),
	KUNIT_CASE(da8xx_test_irq_no_vrings),
	KUNIT_CASE(da8xx_test_da_to_va),
	{}
};

static struct kunit_suite da8xx_rproc_test_suite = {
	.name = "da8xx_remoteproc",
	.init = da8xx_test_init,
	.exit = da8xx_test_exit,
	.test_cases = da8xx_rproc_test_cases,
};

kunit_test_suite(da8xx_rproc_test_suite);

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests for the DA8xx remoteproc driver");
MODULE_LICENSE("GPL");
