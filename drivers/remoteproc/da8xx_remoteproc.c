// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor driver for the C674x DSP of TI DA850 / OMAP-L138.
 *
 * The ARM and the DSP signal each other through the CHIPSIG register of
 * the SYSCFG0 module: the host kicks by raising CHIPSIG2, the DSP answers
 * by raising CHIPSIG0, a level interrupt the host drops again through
 * CHIPSIG_CLR. Neither direction carries a payload, so every vring is
 * polled when the DSP signals. The DSP starts at the address held in
 * HOST1CFG once its local reset is released.
 *
 * Start sequence:  boot address -> clock on -> reset released.
 * Stop sequence:   reset asserted -> clock off.
 * A failing step in start() undoes exactly the steps before it.
 *
 * No power management: a suspend needs the firmware's consent (see
 * Documentation/driver-api/remoteproc/power.rst), and CHIPSIG, carrying no
 * payload, can neither ask for it nor tell an answer from a vring kick.
 * Gating the DSP without consent would lose its context mid-work, so the
 * DSP keeps running across s2idle and must be stopped before a sleep that
 * stops its clocks.
 */

#include <linux/clk.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>

#include <kunit/visibility.h>

#include "da8xx_remoteproc.h"

static char *da8xx_fw_name;
module_param(da8xx_fw_name, charp, 0444);
MODULE_PARM_DESC(da8xx_fw_name,
		 "DSP firmware in /lib/firmware, overrides firmware-name (default: rproc-dsp-fw)");

#define DA8XX_DEFAULT_FW	"rproc-dsp-fw"

/* Hand a notify id to the core, or to the KUnit suite's override */
static void da8xx_rproc_vq_interrupt(struct da8xx_rproc *drproc, int notifyid)
{
#if IS_ENABLED(CONFIG_DA8XX_REMOTEPROC_KUNIT_TEST)
	if (drproc->env) {
		drproc->env->vq_interrupt(drproc->rproc, notifyid);
		return;
	}
#endif
	rproc_vq_interrupt(drproc->rproc, notifyid);
}

/**
 * da8xx_rproc_irq() - hard interrupt half of the CHIPSIG0 handler
 * @irq: interrupt number
 * @data: the &struct rproc of the DSP
 *
 * Drops the level signal the DSP raised and leaves the vrings to the
 * thread, where the rpmsg receive path may sleep.
 *
 * Return: %IRQ_WAKE_THREAD when the DSP signalled, %IRQ_NONE otherwise.
 */
VISIBLE_IF_KUNIT irqreturn_t da8xx_rproc_irq(int irq, void *data)
{
	struct rproc *rproc = data;
	struct da8xx_rproc *drproc = rproc->priv;
	struct irq_data *irqd = drproc->irq_data;
	unsigned int sig;
	int ret;

	ret = regmap_read(drproc->chipsig, DA8XX_CHIPSIG, &sig);
	if (ret || !(sig & DA8XX_CHIPSIG_TO_HOST))
		return IRQ_NONE;

	ret = regmap_write(drproc->chipsig, DA8XX_CHIPSIG_CLR,
			   DA8XX_CHIPSIG_TO_HOST);
	if (ret)
		return IRQ_NONE;

	/*
	 * The interrupt controller latched the line before the source was
	 * dropped; acknowledge it again or it fires a second time at once.
	 */
	if (irqd && irqd->chip->irq_ack)
		irqd->chip->irq_ack(irqd);

	return IRQ_WAKE_THREAD;
}
EXPORT_SYMBOL_IF_KUNIT(da8xx_rproc_irq);

/**
 * da8xx_rproc_irq_thread() - threaded half of the CHIPSIG0 handler
 * @irq: interrupt number
 * @data: the &struct rproc of the DSP
 *
 * CHIPSIG carries no vring id, so every notify id in use is polled.
 *
 * Return: %IRQ_HANDLED.
 */
VISIBLE_IF_KUNIT irqreturn_t da8xx_rproc_irq_thread(int irq, void *data)
{
	struct rproc *rproc = data;
	struct da8xx_rproc *drproc = rproc->priv;
	int id;

	for (id = 0; id <= rproc->max_notifyid; id++)
		da8xx_rproc_vq_interrupt(drproc, id);

	return IRQ_HANDLED;
}
EXPORT_SYMBOL_IF_KUNIT(da8xx_rproc_irq_thread);

static int da8xx_rproc_start(struct rproc *rproc)
{
	struct da8xx_rproc *drproc = rproc->priv;
	struct device *dev = rproc->dev.parent;
	int ret;

	if (rproc->bootaddr > U32_MAX ||
	    !IS_ALIGNED(rproc->bootaddr, DA8XX_BOOT_ALIGN)) {
		dev_err(dev, "boot address 0x%llx is not a 1 KiB aligned 32-bit address\n",
			rproc->bootaddr);
		return -EINVAL;
	}

	ret = regmap_write(drproc->bootcfg, DA8XX_HOST1CFG, rproc->bootaddr);
	if (ret) {
		dev_err(dev, "cannot write the boot address: %d\n", ret);
		return ret;
	}

	ret = clk_prepare_enable(drproc->dsp_clk);
	if (ret) {
		dev_err(dev, "cannot enable the DSP clock: %d\n", ret);
		return ret;
	}

	ret = reset_control_deassert(drproc->dsp_reset);
	if (ret) {
		dev_err(dev, "cannot release the DSP reset: %d\n", ret);
		clk_disable_unprepare(drproc->dsp_clk);
		return ret;
	}

	return 0;
}

static int da8xx_rproc_stop(struct rproc *rproc)
{
	struct da8xx_rproc *drproc = rproc->priv;
	int ret;

	ret = reset_control_assert(drproc->dsp_reset);
	if (ret) {
		dev_err(rproc->dev.parent, "cannot assert the DSP reset: %d\n",
			ret);
		return ret;
	}

	clk_disable_unprepare(drproc->dsp_clk);

	return 0;
}

/* Atomic-safe: the CHIPSIG regmap uses a spinlock. */
static void da8xx_rproc_kick(struct rproc *rproc, int vqid)
{
	struct da8xx_rproc *drproc = rproc->priv;
	int ret;

	ret = regmap_write(drproc->chipsig, DA8XX_CHIPSIG,
			   DA8XX_CHIPSIG_TO_DSP);
	if (ret)
		dev_err_ratelimited(rproc->dev.parent,
				    "cannot signal the DSP: %d\n", ret);
}

/* Offset of [da, da + len) inside [base, base + size), or -1. */
static s64 da8xx_rproc_offset(u64 da, size_t len, u64 base, size_t size)
{
	u64 off;

	if (da < base)
		return -1;

	off = da - base;
	if (off >= size || len > size - off)
		return -1;

	return off;
}

static void *da8xx_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
				  bool *is_iomem)
{
	struct da8xx_rproc *drproc = rproc->priv;
	unsigned int i;
	s64 off;

	if (!len)
		return NULL;

	for (i = 0; i < drproc->num_mems; i++) {
		const struct da8xx_rproc_mem *mem = &drproc->mem[i];

		off = da8xx_rproc_offset(da, len, mem->bus_addr, mem->size);
		if (off < 0 && mem->has_alias)
			off = da8xx_rproc_offset(da, len, mem->local_addr,
						 mem->size);
		if (off < 0)
			continue;

		if (is_iomem)
			*is_iomem = true;

		return (__force void *)(mem->cpu_addr + off);
	}

	return NULL;
}

VISIBLE_IF_KUNIT const struct rproc_ops da8xx_rproc_ops = {
	.start		= da8xx_rproc_start,
	.stop		= da8xx_rproc_stop,
	.kick		= da8xx_rproc_kick,
	.da_to_va	= da8xx_rproc_da_to_va,
};
EXPORT_SYMBOL_IF_KUNIT(da8xx_rproc_ops);

/**
 * da8xx_rproc_init_state() - set up the software state of a new instance
 * @drproc: private data of @rproc, zeroed by rproc_alloc()
 * @rproc: remoteproc handle allocated with &da8xx_rproc_ops
 */
VISIBLE_IF_KUNIT void da8xx_rproc_init_state(struct da8xx_rproc *drproc,
					     struct rproc *rproc)
{
	drproc->rproc = rproc;
	/* Recovery needs a DSP-side crash report, which CHIPSIG lacks. */
	rproc->recovery_disabled = true;
}
EXPORT_SYMBOL_IF_KUNIT(da8xx_rproc_init_state);

static const struct regmap_config da8xx_bootcfg_regmap = {
	.name		= "host1cfg",
	.reg_bits	= 32,
	.val_bits	= 32,
	.reg_stride	= 4,
	.max_register	= DA8XX_HOST1CFG,
};

static const struct regmap_config da8xx_chipsig_regmap = {
	.name		= "chipsig",
	.reg_bits	= 32,
	.val_bits	= 32,
	.reg_stride	= 4,
	.max_register	= DA8XX_CHIPSIG_CLR,
};

static struct regmap *da8xx_rproc_map_regs(struct platform_device *pdev,
					   const char *name,
					   const struct regmap_config *cfg)
{
	void __iomem *base;

	base = devm_platform_ioremap_resource_byname(pdev, name);
	if (IS_ERR(base))
		return ERR_CAST(base);

	return devm_regmap_init_mmio(&pdev->dev, base, cfg);
}

static int da8xx_rproc_map_mem(struct platform_device *pdev,
			       struct da8xx_rproc *drproc, const char *name,
			       bool local, bool optional)
{
	struct da8xx_rproc_mem *mem = &drproc->mem[drproc->num_mems];
	struct device *dev = &pdev->dev;
	struct resource *res;

	res = platform_get_resource_byname(pdev, IORESOURCE_MEM, name);
	if (!res) {
		if (optional)
			return 0;
		return dev_err_probe(dev, -EINVAL, "no \"%s\" in reg-names\n",
				     name);
	}

	mem->cpu_addr = devm_ioremap_resource(dev, res);
	if (IS_ERR(mem->cpu_addr))
		return PTR_ERR(mem->cpu_addr);

	mem->bus_addr = res->start;
	mem->size = resource_size(res);
	mem->has_alias = local;
	if (local)
		mem->local_addr = res->start & DA8XX_LOCAL_ALIAS_MASK;
	drproc->num_mems++;

	dev_dbg(dev, "%s: bus %pa, %zu bytes\n", name, &mem->bus_addr,
		mem->size);

	return 0;
}

static int da8xx_rproc_map_mems(struct platform_device *pdev,
				struct da8xx_rproc *drproc)
{
	static const char * const local_mems[] = {
		"l2sram", "l1pram", "l1dram",
	};
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(local_mems); i++) {
		ret = da8xx_rproc_map_mem(pdev, drproc, local_mems[i], true,
					  false);
		if (ret)
			return ret;
	}

	return da8xx_rproc_map_mem(pdev, drproc, "shared-ram", false, true);
}

static void da8xx_rproc_release_carveout(void *data)
{
	of_reserved_mem_device_release(data);
}

static int da8xx_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct da8xx_rproc *drproc;
	const char *fw_name;
	struct rproc *rproc;
	int irq, ret;

	fw_name = DA8XX_DEFAULT_FW;
	of_property_read_string(dev->of_node, "firmware-name", &fw_name);
	if (da8xx_fw_name)
		fw_name = da8xx_fw_name;

	rproc = devm_rproc_alloc(dev, "dsp", &da8xx_rproc_ops, fw_name,
				 sizeof(*drproc));
	if (!rproc)
		return -ENOMEM;

	drproc = rproc->priv;
	da8xx_rproc_init_state(drproc, rproc);

	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	drproc->irq_data = irq_get_irq_data(irq);

	drproc->bootcfg = da8xx_rproc_map_regs(pdev, "host1cfg",
					       &da8xx_bootcfg_regmap);
	if (IS_ERR(drproc->bootcfg))
		return dev_err_probe(dev, PTR_ERR(drproc->bootcfg),
				     "cannot map host1cfg\n");

	drproc->chipsig = da8xx_rproc_map_regs(pdev, "chipsig",
					       &da8xx_chipsig_regmap);
	if (IS_ERR(drproc->chipsig))
		return dev_err_probe(dev, PTR_ERR(drproc->chipsig),
				     "cannot map chipsig\n");

	ret = da8xx_rproc_map_mems(pdev, drproc);
	if (ret)
		return ret;

	drproc->dsp_clk = devm_clk_get(dev, NULL);
	if (IS_ERR(drproc->dsp_clk))
		return dev_err_probe(dev, PTR_ERR(drproc->dsp_clk),
				     "cannot get the DSP clock\n");

	drproc->dsp_reset = devm_reset_control_get_exclusive(dev, NULL);
	if (IS_ERR(drproc->dsp_reset))
		return dev_err_probe(dev, PTR_ERR(drproc->dsp_reset),
				     "cannot get the DSP reset\n");

	ret = of_reserved_mem_device_init(dev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot use memory-region\n");

	ret = devm_add_action_or_reset(dev, da8xx_rproc_release_carveout, dev);
	if (ret)
		return ret;

	/*
	 * The bootloader may have left the DSP running; start() expects it
	 * held in reset, and so does an interrupt arriving before that.
	 */
	ret = reset_control_assert(drproc->dsp_reset);
	if (ret)
		return dev_err_probe(dev, ret, "cannot assert the DSP reset\n");

	ret = devm_request_threaded_irq(dev, irq, da8xx_rproc_irq,
					da8xx_rproc_irq_thread, 0,
					dev_name(dev), rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request IRQ %d\n", irq);

	platform_set_drvdata(pdev, rproc);

	/* Unregistered first on removal, so the IRQ outlives the vrings. */
	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register the DSP\n");

	return 0;
}

static const struct of_device_id da8xx_rproc_of_match[] = {
	{ .compatible = "ti,da850-dsp" },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, da8xx_rproc_of_match);

static struct platform_driver da8xx_rproc_driver = {
	.probe = da8xx_rproc_probe,
	.driver = {
		.name = "davinci-rproc",
		.of_match_table = da8xx_rproc_of_match,
	},
};
module_platform_driver(da8xx_rproc_driver);

MODULE_DESCRIPTION("DA850/OMAP-L138 DSP remoteproc driver");
MODULE_LICENSE("GPL");
