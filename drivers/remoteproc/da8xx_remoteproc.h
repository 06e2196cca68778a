/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private interface of the DA8xx (OMAP-L13x) DSP remoteproc driver, shared
 * by the driver and its KUnit suite.
 */

#ifndef REMOTEPROC_DA8XX_REMOTEPROC_H
#define REMOTEPROC_DA8XX_REMOTEPROC_H

#include <linux/bits.h>
#include <linux/interrupt.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/types.h>

struct clk;
struct irq_data;
struct regmap;
struct reset_control;

/*
 * SYSCFG0 CHIPSIG block: writing a one to a bit of CHIPSIG raises that
 * signal, writing a one to the same bit of CHIPSIG_CLR drops it. Signals 0
 * and 1 interrupt the ARM, 2 and 3 the DSP, 4 is the DSP NMI.
 */
#define DA8XX_CHIPSIG			0x0
#define DA8XX_CHIPSIG_CLR		0x4
#define DA8XX_CHIPSIG_TO_HOST		BIT(0)
#define DA8XX_CHIPSIG_TO_DSP		BIT(2)

/* HOST1CFG holds the DSP reset vector, which must be 1 KiB aligned. */
#define DA8XX_HOST1CFG			0x0
#define DA8XX_BOOT_ALIGN		SZ_1K

/* The DSP sees its own L1/L2 RAMs at their bus address modulo 16 MiB. */
#define DA8XX_LOCAL_ALIAS_MASK		(SZ_16M - 1)

/* l2sram, l1pram, l1dram and the optional shared RAM */
#define DA8XX_RPROC_MAX_MEMS		4

/**
 * struct da8xx_rproc_mem - a RAM the DSP can run code or keep data in
 * @cpu_addr: kernel mapping of the RAM
 * @bus_addr: physical address; the DSP reaches the RAM there as well
 * @local_addr: DSP-private alias of a RAM inside the DSP sub-system
 * @has_alias: @local_addr is valid
 * @size: size of the RAM in bytes
 */
struct da8xx_rproc_mem {
	void __iomem *cpu_addr;
	phys_addr_t bus_addr;
	u32 local_addr;
	bool has_alias;
	size_t size;
};

/**
 * struct da8xx_rproc_env - test overrides of the driver's calls out of itself
 * @vq_interrupt: hand a notify id to the remoteproc core
 *
 * Only a kernel with CONFIG_DA8XX_REMOTEPROC_KUNIT_TEST has
 * &da8xx_rproc.env: the KUnit suite points it at a table of these to
 * record the calls. Other kernels call rproc_vq_interrupt() directly.
 */
struct da8xx_rproc_env {
	irqreturn_t (*vq_interrupt)(struct rproc *rproc, int notifyid);
};

/**
 * struct da8xx_rproc - state of the DA8xx DSP
 * @rproc: remoteproc handle this state belongs to
 * @env: test overrides, see &struct da8xx_rproc_env; NULL unless a test set
 *	it, and absent without CONFIG_DA8XX_REMOTEPROC_KUNIT_TEST
 * @bootcfg: regmap over HOST1CFG
 * @chipsig: regmap over CHIPSIG and CHIPSIG_CLR
 * @dsp_clk: DSP module clock; enabled exactly while the DSP runs
 * @dsp_reset: DSP local reset; asserted while the DSP is stopped
 * @irq_data: interrupt of the CHIPSIG0 line, for the re-acknowledge done
 *	after the level source is cleared (a fake chip in tests)
 * @mem: RAMs the DSP firmware may be loaded into, first @num_mems valid
 * @num_mems: number of entries in @mem
 *
 * Set up by probe and read-only afterwards; the regmaps serialize their
 * own register accesses, so the interrupt handlers need no lock.
 */
struct da8xx_rproc {
	struct rproc *rproc;
#if IS_ENABLED(CONFIG_DA8XX_REMOTEPROC_KUNIT_TEST)
	const struct da8xx_rproc_env *env;
#endif
	struct regmap *bootcfg;
	struct regmap *chipsig;
	struct clk *dsp_clk;
	struct reset_control *dsp_reset;
	struct irq_data *irq_data;
	struct da8xx_rproc_mem mem[DA8XX_RPROC_MAX_MEMS];
	unsigned int num_mems;
};

#if IS_ENABLED(CONFIG_KUNIT)
extern const struct rproc_ops da8xx_rproc_ops;
void da8xx_rproc_init_state(struct da8xx_rproc *drproc, struct rproc *rproc);
irqreturn_t da8xx_rproc_irq(int irq, void *data);
irqreturn_t da8xx_rproc_irq_thread(int irq, void *data);
#endif

#endif /* REMOTEPROC_DA8XX_REMOTEPROC_H */
