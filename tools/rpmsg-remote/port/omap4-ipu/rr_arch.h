/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_arch.h - barriers for the OMAP4 IPU (Cortex-M3)
 *
 * The shared memory is reached over the L3 interconnect through the IPU's
 * MMU; dmb orders our accesses to it as seen by the Cortex-A9s.
 */
#ifndef RR_ARCH_H
#define RR_ARCH_H

static inline void rr_dmb(void)
{
	__asm__ __volatile__("dmb" ::: "memory");
}

#define rr_mb()		rr_dmb()
#define rr_rmb()	rr_dmb()
#define rr_wmb()	rr_dmb()

#endif /* RR_ARCH_H */
