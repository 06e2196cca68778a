/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_layout.h - device address map of the OMAP4 IPU images (see ipu.lds)
 *
 * The Cortex-M3 reaches everything outside its own L2 RAM through the IPU
 * MMU, which Linux programs from the resource table:
 *
 *   0x00000000  1 MiB  carveout "ipu-text": vectors, code, read-only data
 *   0x80000000  1 MiB  carveout "ipu-data": data, stack, resource table, trace
 *   0x98800000 112 MiB devmem "ipu-ipc": identity map of the IPU's DMA pool
 *                      (panda: ipu-memory@98800000), where Linux allocates
 *                      the rpmsg buffers it hands out by physical address
 *   0xa0000000         vrings, placed by Linux at the addresses we name
 *   0xa8000000 16 MiB  devmem "l4-per": L4_PER (0x48000000), for the
 *                      watchdog timer (GPTimer 9, panda's ti,watchdog-timers
 *                      for IPU core 0)
 *   0xaa000000 16 MiB  devmem "l4-cfg": L4_CFG (0x4a000000), for the mailbox
 */
#ifndef RR_LAYOUT_H
#define RR_LAYOUT_H

#define RR_TRACE_DA		0x80080000u
#define RR_TRACE_LEN		0x8000u

#define RR_VRING0_DA		0xa0000000u
#define RR_VRING1_DA		0xa0004000u
#define RR_VRING_NUM		256
#define RR_VRING_ALIGN		4096

#define RR_IPC_POOL_DA		0x98800000u
#define RR_IPC_POOL_LEN		0x07000000u
#define RR_VRING_WIN_DA		0xa0000000u
#define RR_VRING_WIN_LEN	0x00100000u

#define RR_L4CFG_DA		0xaa000000u
#define RR_L4CFG_PA		0x4a000000u
#define RR_MAILBOX_DA		(RR_L4CFG_DA + 0xf4000u)
#define RR_L4PER_DA		0xa8000000u
#define RR_L4PER_PA		0x48000000u
#define RR_WDT_DA		(RR_L4PER_DA + 0x3e000u)	/* GPTimer 9 */

#define RR_PORT_NAME		"omap4-ipu"

/* carveout and devmem entries of the resource table, see rsc_port.inc */
#define RR_PORT_RSC_NUM		5
#define RR_PORT_RSC_FILE	"rsc_port.inc"

#endif /* RR_LAYOUT_H */
