/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Private interface of the OMAP IPU/DSP remoteproc driver, shared by the
 * driver and its KUnit suite.
 */

#ifndef REMOTEPROC_OMAP_REMOTEPROC_H
#define REMOTEPROC_OMAP_REMOTEPROC_H

#include <linux/interrupt.h>
#include <linux/mailbox_client.h>
#include <linux/remoteproc.h>
#include <linux/types.h>

struct clk;
struct regmap;
struct reset_control;

/*
 * Out-of-band mailbox words of the TI IPC firmware protocol. They sit at
 * the top of the 32-bit space so they can never be confused with a vring
 * notify id, which is what every other mailbox word carries.
 */
#define OMAP_RP_MBOX_READY		0xffffff00
#define OMAP_RP_MBOX_PENDING_MSG	0xffffff01
#define OMAP_RP_MBOX_CRASH		0xffffff02
#define OMAP_RP_MBOX_ECHO_REQUEST	0xffffff03
#define OMAP_RP_MBOX_ECHO_REPLY		0xffffff04
#define OMAP_RP_MBOX_ABORT_REQUEST	0xffffff05
#define OMAP_RP_MBOX_SUSPEND_AUTO	0xffffff10
#define OMAP_RP_MBOX_SUSPEND_SYSTEM	0xffffff11
#define OMAP_RP_MBOX_SUSPEND_ACK	0xffffff12
#define OMAP_RP_MBOX_SUSPEND_CANCEL	0xffffff13
#define OMAP_RP_MBOX_END_MSG		0xffffff14

/*
 * The same words under the names 6.1 gives them, which the TI K3 DSP and
 * R5F drivers of the 6.1 tree use (they include this header).
 */
enum omap_rp_mbox_messages {
	RP_MBOX_READY		= OMAP_RP_MBOX_READY,
	RP_MBOX_PENDING_MSG	= OMAP_RP_MBOX_PENDING_MSG,
	RP_MBOX_CRASH		= OMAP_RP_MBOX_CRASH,
	RP_MBOX_ECHO_REQUEST	= OMAP_RP_MBOX_ECHO_REQUEST,
	RP_MBOX_ECHO_REPLY	= OMAP_RP_MBOX_ECHO_REPLY,
	RP_MBOX_ABORT_REQUEST	= OMAP_RP_MBOX_ABORT_REQUEST,
	RP_MBOX_SUSPEND_AUTO	= OMAP_RP_MBOX_SUSPEND_AUTO,
	RP_MBOX_SUSPEND_SYSTEM	= OMAP_RP_MBOX_SUSPEND_SYSTEM,
	RP_MBOX_SUSPEND_ACK	= OMAP_RP_MBOX_SUSPEND_ACK,
	RP_MBOX_SUSPEND_CANCEL	= OMAP_RP_MBOX_SUSPEND_CANCEL,
	RP_MBOX_END_MSG		= OMAP_RP_MBOX_END_MSG,
};

/* Idle time before autosuspend when "ti,autosuspend-delay-ms" is absent */
#define OMAP_RPROC_AUTOSUSPEND_MS	10000

/* Internal memories: at most L2 RAM, L1 program RAM and L1 data RAM. */
#define OMAP_RPROC_MAX_MEMS		3

/* The boot address register holds a 1 KiB aligned address. */
#define OMAP_RPROC_BOOT_ALIGN		SZ_1K

/**
 * struct omap_rproc_mem - one internal RAM of the remote processor
 * @cpu_addr: kernel mapping of the RAM
 * @bus_addr: physical address of the RAM as seen by the host
 * @dev_addr: address of the RAM as seen by the remote processor
 * @size: size of the RAM in bytes
 */
struct omap_rproc_mem {
	void __iomem *cpu_addr;
	phys_addr_t bus_addr;
	u32 dev_addr;
	size_t size;
};

/**
 * struct omap_rproc_boot - DSP boot address register in the control module
 * @map: syscon regmap of the control module, %NULL when there is none (IPU)
 * @reg: offset of the boot address register within @map
 * @shift: position of the address field within the register
 */
struct omap_rproc_boot {
	struct regmap *map;
	unsigned int reg;
	unsigned int shift;
};

/**
 * struct omap_rproc_env - test overrides of the driver's calls out of itself
 * @mbox_request: bind @cl to the processor's mailbox sub-channel
 * @vq_interrupt: hand a notify id to the remoteproc core
 * @report_crash: tell the remoteproc core that the remote crashed
 *
 * Only a kernel with CONFIG_OMAP_REMOTEPROC_KUNIT_TEST has &omap_rproc.env:
 * the KUnit suite points it at a table of these to observe what the driver
 * hands to the core and to bind a fake mailbox controller without a device
 * tree. Other kernels call the mailbox framework and the remoteproc core
 * directly.
 */
struct omap_rproc_env {
	struct mbox_chan *(*mbox_request)(struct mbox_client *cl);
	irqreturn_t (*vq_interrupt)(struct rproc *rproc, int notifyid);
	void (*report_crash)(struct rproc *rproc, enum rproc_crash_type type);
};

/**
 * struct omap_rproc - state of one OMAP IPU or DSP
 * @rproc: remoteproc handle this state belongs to
 * @env: test overrides, see &struct omap_rproc_env; NULL unless a test set
 *	it, and absent without CONFIG_OMAP_REMOTEPROC_KUNIT_TEST
 * @client: mailbox client, bound to @mbox between start and stop
 * @mbox: mailbox channel, %NULL while the processor is not running
 * @reset: reset line(s) holding the processor; asserted while stopped
 * @fck: functional clock of the processor sub-system
 * @boot: DSP boot address register, unused on IPUs
 * @mem: internal RAMs, first @num_mems entries are valid
 * @num_mems: number of entries in @mem
 *
 * Only rproc_ops and rproc_pm_ops callbacks touch this state after probe;
 * all but kick() run under &rproc.lock. kick() and the mailbox callback only
 * read @mbox, which is stable while the processor runs or is suspended.
 */
struct omap_rproc {
	struct rproc *rproc;
#if IS_ENABLED(CONFIG_OMAP_REMOTEPROC_KUNIT_TEST)
	const struct omap_rproc_env *env;
#endif
	struct mbox_client client;
	struct mbox_chan *mbox;
	struct reset_control *reset;
	struct clk *fck;
	struct omap_rproc_boot boot;
	struct omap_rproc_mem mem[OMAP_RPROC_MAX_MEMS];
	unsigned int num_mems;
};

#if IS_ENABLED(CONFIG_KUNIT)
extern const struct rproc_ops omap_rproc_ops;
extern const struct rproc_pm_ops omap_rproc_pm_ops;
void omap_rproc_init_state(struct omap_rproc *oproc, struct rproc *rproc);
#endif

#endif /* REMOTEPROC_OMAP_REMOTEPROC_H */
