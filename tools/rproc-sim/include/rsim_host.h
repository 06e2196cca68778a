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
};

typedef void (*rsim_entry_t)(const struct rsim_host *host);  /* e_entry; returning == exit(0) */

#endif /* RSIM_HOST_H */
