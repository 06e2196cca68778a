// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor driver for the IPU (dual Cortex-M3/M4) and DSP (C64x+,
 * C66x) sub-systems of TI OMAP4, OMAP5 and DRA7 SoCs.
 *
 * The host talks to the remote through one OMAP mailbox sub-channel: each
 * word sent is the notify id of a vring that has new buffers, and each word
 * received is either such a notify id or one of the OMAP_RP_MBOX_* protocol
 * words. Booting a DSP also needs its boot address written into the control
 * module (a syscon) before the reset is released; an IPU boots from the
 * address its MMU maps at zero.
 *
 * Start sequence:  boot address -> mailbox -> clock on -> reset released.
 * Stop sequence:   reset asserted -> clock off -> mailbox released.
 * A failing step in start() undoes exactly the steps before it.
 *
 * Power management (the rules are the core's, see remoteproc_pm.c): after
 * "ti,autosuspend-delay-ms" without traffic (10 s by default) the core
 * sends OMAP_RP_MBOX_SUSPEND_AUTO, or OMAP_RP_MBOX_SUSPEND_SYSTEM at system
 * suspend; the firmware answers SUSPEND_ACK or SUSPEND_CANCEL.  On ACK the
 * core is put in reset and its clock gated, keeping the mailbox; resume
 * writes the boot address again (the control module may have lost it),
 * ungates the clock and releases the reset.  Unlike 6.1 the driver does not
 * poll the module's standby bit before the reset (the clock framework has
 * no generic way to read it); firmware must ACK only once its context is
 * saved.
 */

#include <linux/clk.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>
#include <linux/sizes.h>

#include <kunit/visibility.h>

#include "omap_remoteproc.h"

/**
 * struct omap_rproc_mem_desc - an internal RAM an SoC integrates
 * @name: entry of "reg-names" describing the RAM
 * @dev_addr: address of the RAM in the remote processor's own map
 */
struct omap_rproc_mem_desc {
	const char *name;
	u32 dev_addr;
};

/**
 * struct omap_rproc_soc_data - what differs between the compatibles
 * @fw_name: firmware file used when the node has no "firmware-name"
 * @needs_bootreg: the processor boots from an address in "ti,bootreg"
 * @mems: internal RAMs the node must describe in "reg"/"reg-names"
 * @num_mems: number of entries in @mems
 */
struct omap_rproc_soc_data {
	const char *fw_name;
	bool needs_bootreg;
	const struct omap_rproc_mem_desc *mems;
	unsigned int num_mems;
};

/* The KUnit suite's overrides of the calls below, or NULL */
static const struct omap_rproc_env *omap_rproc_env(struct omap_rproc *oproc)
{
#if IS_ENABLED(CONFIG_OMAP_REMOTEPROC_KUNIT_TEST)
	return oproc->env;
#else
	return NULL;
#endif
}

static struct mbox_chan *omap_rproc_mbox_request(struct omap_rproc *oproc)
{
	const struct omap_rproc_env *env = omap_rproc_env(oproc);

	if (env)
		return env->mbox_request(&oproc->client);
	return mbox_request_channel(&oproc->client, 0);
}

static void omap_rproc_vq_interrupt(struct omap_rproc *oproc, int notifyid)
{
	const struct omap_rproc_env *env = omap_rproc_env(oproc);

	if (env)
		env->vq_interrupt(oproc->rproc, notifyid);
	else
		rproc_vq_interrupt(oproc->rproc, notifyid);
}

static void omap_rproc_report_crash(struct omap_rproc *oproc)
{
	const struct omap_rproc_env *env = omap_rproc_env(oproc);

	if (env)
		env->report_crash(oproc->rproc, RPROC_FATAL_ERROR);
	else
		rproc_report_crash(oproc->rproc, RPROC_FATAL_ERROR);
}

/*
 * Mailbox receive callback. The OMAP mailbox driver calls it from its
 * receive work, so the rpmsg receive path below rproc_vq_interrupt() runs
 * in process context; the core accepts atomic callers as well, which keeps
 * this correct with any other controller.
 */
static void omap_rproc_mbox_rx(struct mbox_client *cl, void *data)
{
	struct omap_rproc *oproc = container_of(cl, struct omap_rproc, client);
	struct rproc *rproc = oproc->rproc;
	struct device *dev = rproc->dev.parent;
	u32 msg = (u32)(uintptr_t)data;

	switch (msg) {
	case OMAP_RP_MBOX_CRASH:
		dev_err_ratelimited(dev, "%s reported a crash\n", rproc->name);
		omap_rproc_report_crash(oproc);
		return;
	case OMAP_RP_MBOX_ECHO_REPLY:
		dev_dbg(dev, "%s answered an echo request\n", rproc->name);
		return;
	case OMAP_RP_MBOX_SUSPEND_ACK:
		rproc_pm_answer(rproc, RPROC_PM_ACK);
		return;
	case OMAP_RP_MBOX_SUSPEND_CANCEL:
		rproc_pm_answer(rproc, RPROC_PM_CANCEL);
		return;
	}

	/* Remaining protocol words (ready, pending) need no action. */
	if (msg >= OMAP_RP_MBOX_READY && msg < OMAP_RP_MBOX_END_MSG)
		return;

	if (msg > (u32)INT_MAX || (int)msg > rproc->max_notifyid) {
		dev_warn_ratelimited(dev, "dropping unexpected mailbox word 0x%08x\n",
				     msg);
		return;
	}

	omap_rproc_vq_interrupt(oproc, msg);
}

static int omap_rproc_write_boot_addr(struct omap_rproc *oproc)
{
	const struct omap_rproc_boot *boot = &oproc->boot;
	struct rproc *rproc = oproc->rproc;
	u32 mask, val;
	int ret;

	if (!boot->map)
		return 0;

	if (rproc->bootaddr > U32_MAX ||
	    !IS_ALIGNED(rproc->bootaddr, OMAP_RPROC_BOOT_ALIGN)) {
		dev_err(rproc->dev.parent,
			"boot address 0x%llx is not a 1 KiB aligned 32-bit address\n",
			rproc->bootaddr);
		return -EINVAL;
	}

	mask = ~(u32)(OMAP_RPROC_BOOT_ALIGN - 1) >> boot->shift;
	val = (u32)rproc->bootaddr >> boot->shift;

	ret = regmap_update_bits(boot->map, boot->reg, mask, val);
	if (ret)
		dev_err(rproc->dev.parent, "cannot write the boot address: %d\n",
			ret);

	return ret;
}

/* Clock on, then reset released; nothing left on when this fails. */
static int omap_rproc_run(struct omap_rproc *oproc)
{
	struct device *dev = oproc->rproc->dev.parent;
	int ret;

	ret = clk_prepare_enable(oproc->fck);
	if (ret) {
		dev_err(dev, "cannot enable the functional clock: %d\n", ret);
		return ret;
	}

	ret = reset_control_deassert(oproc->reset);
	if (ret) {
		dev_err(dev, "cannot release the reset: %d\n", ret);
		clk_disable_unprepare(oproc->fck);
	}

	return ret;
}

/* Reset asserted, then clock off; nothing changed when this fails. */
static int omap_rproc_halt(struct omap_rproc *oproc)
{
	int ret;

	ret = reset_control_assert(oproc->reset);
	if (ret) {
		dev_err(oproc->rproc->dev.parent,
			"cannot assert the reset: %d\n", ret);
		return ret;
	}

	clk_disable_unprepare(oproc->fck);
	return 0;
}

static int omap_rproc_start(struct rproc *rproc)
{
	struct omap_rproc *oproc = rproc->priv;
	struct device *dev = rproc->dev.parent;
	struct mbox_chan *chan;
	int ret;

	ret = omap_rproc_write_boot_addr(oproc);
	if (ret)
		return ret;

	chan = omap_rproc_mbox_request(oproc);
	if (IS_ERR(chan)) {
		ret = PTR_ERR(chan);
		dev_err(dev, "cannot get the mailbox channel: %d\n", ret);
		return ret;
	}
	oproc->mbox = chan;

	ret = omap_rproc_run(oproc);
	if (ret) {
		mbox_free_channel(oproc->mbox);
		oproc->mbox = NULL;
	}

	return ret;
}

static int omap_rproc_stop(struct rproc *rproc)
{
	struct omap_rproc *oproc = rproc->priv;
	int ret;

	ret = omap_rproc_halt(oproc);
	if (ret)
		return ret;

	mbox_free_channel(oproc->mbox);
	oproc->mbox = NULL;

	return 0;
}

/* Safe in atomic context: the client never blocks on transmission. */
static void omap_rproc_kick(struct rproc *rproc, int vqid)
{
	struct omap_rproc *oproc = rproc->priv;
	int ret;

	ret = mbox_send_message(oproc->mbox, (void *)(uintptr_t)vqid);
	if (ret < 0)
		dev_err_ratelimited(rproc->dev.parent,
				    "cannot signal vring %d: %d\n", vqid, ret);
}

static void *omap_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
				 bool *is_iomem)
{
	struct omap_rproc *oproc = rproc->priv;
	unsigned int i;

	if (!len)
		return NULL;

	for (i = 0; i < oproc->num_mems; i++) {
		const struct omap_rproc_mem *mem = &oproc->mem[i];
		u64 off;

		if (da < mem->dev_addr)
			continue;

		off = da - mem->dev_addr;
		if (off >= mem->size || len > mem->size - off)
			continue;

		if (is_iomem)
			*is_iomem = true;

		return (__force void *)(mem->cpu_addr + off);
	}

	return NULL;
}

static int omap_rproc_pm_request(struct rproc *rproc,
				 enum rproc_pm_reason why)
{
	struct omap_rproc *oproc = rproc->priv;
	u32 word = why == RPROC_PM_SYSTEM ? OMAP_RP_MBOX_SUSPEND_SYSTEM :
					    OMAP_RP_MBOX_SUSPEND_AUTO;
	int ret;

	ret = mbox_send_message(oproc->mbox, (void *)(uintptr_t)word);
	return ret < 0 ? ret : 0;
}

/* The mailbox stays bound: the firmware's context survives in its RAM. */
static int omap_rproc_pm_power_down(struct rproc *rproc,
				    enum rproc_pm_reason why)
{
	return omap_rproc_halt(rproc->priv);
}

/*
 * The start sequence without the mailbox, which stayed bound.  On failure
 * the remote is left as stop() leaves it, mailbox released: the core then
 * considers it crashed and stopped.
 */
static int omap_rproc_pm_power_up(struct rproc *rproc,
				  enum rproc_pm_reason why)
{
	struct omap_rproc *oproc = rproc->priv;
	int ret;

	ret = omap_rproc_write_boot_addr(oproc);
	if (!ret)
		ret = omap_rproc_run(oproc);
	if (ret) {
		mbox_free_channel(oproc->mbox);
		oproc->mbox = NULL;
	}

	return ret;
}

VISIBLE_IF_KUNIT const struct rproc_pm_ops omap_rproc_pm_ops = {
	.request	= omap_rproc_pm_request,
	.power_down	= omap_rproc_pm_power_down,
	.power_up	= omap_rproc_pm_power_up,
};
EXPORT_SYMBOL_IF_KUNIT(omap_rproc_pm_ops);

VISIBLE_IF_KUNIT const struct rproc_ops omap_rproc_ops = {
	.start		= omap_rproc_start,
	.stop		= omap_rproc_stop,
	.kick		= omap_rproc_kick,
	.da_to_va	= omap_rproc_da_to_va,
};
EXPORT_SYMBOL_IF_KUNIT(omap_rproc_ops);

/**
 * omap_rproc_init_state() - set up the software state of a new instance
 * @oproc: private data of @rproc, zeroed by rproc_alloc()
 * @rproc: remoteproc handle allocated with &omap_rproc_ops
 *
 * Initializes everything that does not come from the hardware description:
 * the mailbox client and the default entry points.
 */
VISIBLE_IF_KUNIT void omap_rproc_init_state(struct omap_rproc *oproc,
					    struct rproc *rproc)
{
	oproc->rproc = rproc;
	oproc->client.dev = rproc->dev.parent;
	oproc->client.rx_callback = omap_rproc_mbox_rx;
	oproc->client.tx_block = false;
	oproc->client.knows_txdone = false;
}
EXPORT_SYMBOL_IF_KUNIT(omap_rproc_init_state);

static int omap_rproc_map_mems(struct platform_device *pdev,
			       struct omap_rproc *oproc,
			       const struct omap_rproc_soc_data *data)
{
	struct device *dev = &pdev->dev;
	unsigned int i;

	for (i = 0; i < data->num_mems; i++) {
		const struct omap_rproc_mem_desc *desc = &data->mems[i];
		struct omap_rproc_mem *mem = &oproc->mem[i];
		struct resource *res;

		res = platform_get_resource_byname(pdev, IORESOURCE_MEM,
						   desc->name);
		if (!res)
			return dev_err_probe(dev, -EINVAL,
					     "no \"%s\" in reg-names\n",
					     desc->name);

		mem->cpu_addr = devm_ioremap_resource(dev, res);
		if (IS_ERR(mem->cpu_addr))
			return PTR_ERR(mem->cpu_addr);

		mem->bus_addr = res->start;
		mem->dev_addr = desc->dev_addr;
		mem->size = resource_size(res);
		dev_dbg(dev, "%s: bus %pa, device 0x%08x, %zu bytes\n",
			desc->name, &mem->bus_addr, mem->dev_addr, mem->size);
	}
	oproc->num_mems = data->num_mems;

	return 0;
}

static int omap_rproc_get_boot_reg(struct device *dev,
				   struct omap_rproc *oproc,
				   const struct omap_rproc_soc_data *data)
{
	struct device_node *np = dev->of_node;
	struct omap_rproc_boot *boot = &oproc->boot;
	struct regmap *map;

	if (!data->needs_bootreg)
		return 0;

	map = syscon_regmap_lookup_by_phandle(np, "ti,bootreg");
	if (IS_ERR(map))
		return dev_err_probe(dev, PTR_ERR(map),
				     "cannot get the ti,bootreg syscon\n");

	if (of_property_read_u32_index(np, "ti,bootreg", 1, &boot->reg))
		return dev_err_probe(dev, -EINVAL,
				     "ti,bootreg has no register offset\n");

	/* The bit position is optional and defaults to zero. */
	boot->shift = 0;
	of_property_read_u32_index(np, "ti,bootreg", 2, &boot->shift);
	if (boot->shift >= 32)
		return dev_err_probe(dev, -EINVAL,
				     "ti,bootreg shift %u is out of range\n",
				     boot->shift);

	boot->map = map;

	return 0;
}

static void omap_rproc_release_carveout(void *data)
{
	of_reserved_mem_device_release(data);
}

static int omap_rproc_get_carveout(struct device *dev)
{
	int ret;

	ret = of_reserved_mem_device_init(dev);
	if (ret == -ENODEV) {
		dev_info(dev, "no memory-region, using the default DMA pool\n");
		return 0;
	}
	if (ret)
		return dev_err_probe(dev, ret, "cannot use memory-region\n");

	return devm_add_action_or_reset(dev, omap_rproc_release_carveout, dev);
}

static int omap_rproc_probe(struct platform_device *pdev)
{
	const struct omap_rproc_soc_data *data;
	struct device *dev = &pdev->dev;
	u32 autosuspend_ms = OMAP_RPROC_AUTOSUSPEND_MS;
	struct omap_rproc *oproc;
	struct rproc *rproc;
	const char *fw_name;
	int ret;

	data = of_device_get_match_data(dev);
	if (!data)
		return -ENODEV;

	fw_name = data->fw_name;
	of_property_read_string(dev->of_node, "firmware-name", &fw_name);

	ret = dma_set_coherent_mask(dev, DMA_BIT_MASK(32));
	if (ret)
		return dev_err_probe(dev, ret, "no 32-bit DMA support\n");

	rproc = devm_rproc_alloc(dev, dev_name(dev), &omap_rproc_ops, fw_name,
				 sizeof(*oproc));
	if (!rproc)
		return -ENOMEM;

	oproc = rproc->priv;
	omap_rproc_init_state(oproc, rproc);
	rproc->has_iommu = of_property_read_bool(dev->of_node, "iommus");

	oproc->reset = devm_reset_control_array_get_exclusive(dev);
	if (IS_ERR(oproc->reset))
		return dev_err_probe(dev, PTR_ERR(oproc->reset),
				     "cannot get the resets\n");

	oproc->fck = devm_clk_get(dev, NULL);
	if (IS_ERR(oproc->fck))
		return dev_err_probe(dev, PTR_ERR(oproc->fck),
				     "cannot get the functional clock\n");

	ret = omap_rproc_map_mems(pdev, oproc, data);
	if (ret)
		return ret;

	ret = omap_rproc_get_boot_reg(dev, oproc, data);
	if (ret)
		return ret;

	ret = omap_rproc_get_carveout(dev);
	if (ret)
		return ret;

	/* start() expects the processor held in reset. */
	ret = reset_control_assert(oproc->reset);
	if (ret)
		return dev_err_probe(dev, ret, "cannot assert the reset\n");

	platform_set_drvdata(pdev, rproc);

	of_property_read_u32(dev->of_node, "ti,autosuspend-delay-ms",
			     &autosuspend_ms);
	ret = devm_rproc_pm_init(dev, rproc, &omap_rproc_pm_ops,
				 min_t(u32, autosuspend_ms, INT_MAX));
	if (ret)
		return dev_err_probe(dev, ret, "cannot set up runtime PM\n");

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register %s\n",
				     dev_name(dev));

	return 0;
}

static const struct omap_rproc_mem_desc omap_ipu_mems[] = {
	{ .name = "l2ram", .dev_addr = 0x20000000 },
};

static const struct omap_rproc_mem_desc dra7_dsp_mems[] = {
	{ .name = "l2ram",  .dev_addr = 0x00800000 },
	{ .name = "l1pram", .dev_addr = 0x00e00000 },
	{ .name = "l1dram", .dev_addr = 0x00f00000 },
};

static const struct omap_rproc_soc_data omap4_ipu_data = {
	.fw_name	= "omap4-ipu-fw.xem3",
	.mems		= omap_ipu_mems,
	.num_mems	= ARRAY_SIZE(omap_ipu_mems),
};

static const struct omap_rproc_soc_data omap4_dsp_data = {
	.fw_name	= "omap4-dsp-fw.xe64T",
	.needs_bootreg	= true,
};

static const struct omap_rproc_soc_data omap5_ipu_data = {
	.fw_name	= "omap5-ipu-fw.xem4",
	.mems		= omap_ipu_mems,
	.num_mems	= ARRAY_SIZE(omap_ipu_mems),
};

static const struct omap_rproc_soc_data omap5_dsp_data = {
	.fw_name	= "omap5-dsp-fw.xe64T",
	.needs_bootreg	= true,
};

static const struct omap_rproc_soc_data dra7_ipu_data = {
	.fw_name	= "dra7-ipu-fw.xem4",
	.mems		= omap_ipu_mems,
	.num_mems	= ARRAY_SIZE(omap_ipu_mems),
};

static const struct omap_rproc_soc_data dra7_dsp_data = {
	.fw_name	= "dra7-dsp-fw.xe66",
	.needs_bootreg	= true,
	.mems		= dra7_dsp_mems,
	.num_mems	= ARRAY_SIZE(dra7_dsp_mems),
};

static const struct of_device_id omap_rproc_of_match[] = {
	{ .compatible = "ti,omap4-ipu", .data = &omap4_ipu_data },
	{ .compatible = "ti,omap4-dsp", .data = &omap4_dsp_data },
	{ .compatible = "ti,omap5-ipu", .data = &omap5_ipu_data },
	{ .compatible = "ti,omap5-dsp", .data = &omap5_dsp_data },
	{ .compatible = "ti,dra7-ipu", .data = &dra7_ipu_data },
	{ .compatible = "ti,dra7-dsp", .data = &dra7_dsp_data },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, omap_rproc_of_match);

static int omap_rproc_runtime_suspend(struct device *dev)
{
	return rproc_pm_runtime_suspend(dev_get_drvdata(dev));
}

static int omap_rproc_runtime_resume(struct device *dev)
{
	return rproc_pm_runtime_resume(dev_get_drvdata(dev));
}

static int omap_rproc_suspend(struct device *dev)
{
	return rproc_pm_system_suspend(dev_get_drvdata(dev));
}

static int omap_rproc_resume(struct device *dev)
{
	return rproc_pm_system_resume(dev_get_drvdata(dev));
}

static const struct dev_pm_ops omap_rproc_pm = {
	SYSTEM_SLEEP_PM_OPS(omap_rproc_suspend, omap_rproc_resume)
	RUNTIME_PM_OPS(omap_rproc_runtime_suspend, omap_rproc_runtime_resume,
		       NULL)
};

static struct platform_driver omap_rproc_driver = {
	.probe = omap_rproc_probe,
	.driver = {
		.name = "omap-rproc",
		.of_match_table = omap_rproc_of_match,
		.pm = pm_ptr(&omap_rproc_pm),
	},
};
module_platform_driver(omap_rproc_driver);

MODULE_DESCRIPTION("OMAP4/OMAP5/DRA7 IPU and DSP remoteproc driver");
MODULE_LICENSE("GPL");
