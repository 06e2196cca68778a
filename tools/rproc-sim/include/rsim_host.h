/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rsim_host.h - what the rproc-sim runner hands to simulated firmware
 *
 * The simulated remote core is a userspace process (rproc-sim-core) that
 * maps the instance's device memory at the firmware's device addresses and
 * calls the ELF entry point as
 *
 *	entry(host);
 *
 * The firmware is freestanding x86-64 code linked (non-PIE) at its device
 * addresses.  It must not make system calls: it talks to the outside world
 * only through the callbacks below and through shared memory (resource
 * table, trace buffer, vrings, rpmsg buffers).  Returning from the entry
 * point is the same as calling host->exit(0).
 *
 * Compatibility: new members are only ever appended; firmware that needs a
 * newer member checks host->size first.
 */
#ifndef RSIM_HOST_H
#define RSIM_HOST_H

#include <stdint.h>

#define RSIM_HOST_ABI 1

struct rsim_host {
	uint32_t abi;            /* RSIM_HOST_ABI */
	uint32_t size;           /* sizeof(struct rsim_host) */
	void (*kick)(uint32_t notifyid);              /* interrupt Linux */
	uint64_t (*wait)(uint32_t timeout_ms);        /* block until Linux kicks; returns
						       * bitmask of notify ids kicked (bit n =
						       * id n, ids >= 63 fold into bit 63);
						       * 0 on timeout
						       */
	void (*heartbeat)(void);                      /* "I am alive" */
	void (*exit)(int code) __attribute__((noreturn)); /* 0 = clean halt, else crash */
	void (*console)(const char *s, uint32_t len); /* debug output to the runner's stderr */
	/*
	 * Power management (NULL from runners that predate it).  A suspend
	 * request from Linux ends the current wait() early; pm_request()
	 * then returns it (once) and the firmware answers it with
	 * pm_answer().  After an ACK the core is stopped where it stands and
	 * continues there when Linux resumes it: memory and registers are
	 * kept, so the firmware needs no restore step.
	 */
	uint32_t (*pm_request)(void);                 /* RSIM_HOST_PM_SUSPEND_*, _WOKEN or 0 */
	void (*pm_answer)(uint32_t answer);           /* RSIM_HOST_PM_ACK or _CANCEL */
};

#define RSIM_HOST_PM_NONE		0
#define RSIM_HOST_PM_SUSPEND_AUTO	1	/* Linux found the remote idle */
#define RSIM_HOST_PM_SUSPEND_SYSTEM	2	/* Linux goes to sleep */
#define RSIM_HOST_PM_WOKEN		3	/* suspended, woken by our own wake source */
#define RSIM_HOST_PM_ACK		1
#define RSIM_HOST_PM_CANCEL		2

typedef void (*rsim_entry_t)(const struct rsim_host *host);  /* e_entry; returning == exit(0) */

#endif /* RSIM_HOST_H */
