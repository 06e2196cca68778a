/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_layout.h - addresses of the linux-uio remote (see uio.lds)
 *
 * The process is the remote; what Linux loads is a resource image: the
 * resource table at RR_RSC_DA and room for the trace buffer, in a region
 * the simulator instance calls "mem".  The vrings and message buffers are
 * the vdevNvringM and vdevNbuffer regions, placed by Linux.  Every region
 * of a UIO instance sits at a physical address equal to its device
 * address, which is what the UIO maps show:
 *
 *   mem          0x7f000000  1 MiB  resource table, trace buffer
 *   vdev0vring0  0x7f100000 64 KiB
 *   vdev0vring1  0x7f110000 64 KiB
 *   vdev0buffer  0x7f200000  1 MiB
 */
#ifndef RR_LAYOUT_H
#define RR_LAYOUT_H

#define RR_RSC_DA		0x7f000000u
#define RR_TRACE_DA		0x7f010000u
#define RR_TRACE_LEN		0x10000u

/* vrings: let Linux choose (it uses the vdevNvringM named regions) */
#define RR_VRING0_DA		0xffffffffu
#define RR_VRING1_DA		0xffffffffu
#define RR_VRING_NUM		256
#define RR_VRING_ALIGN		4096

/* zero-copy buffers: the vdev0buffer region */
#define RR_ZC_WINDOW_DA		0x7f200000u
#define RR_ZC_WINDOW_LEN	0x80000u

#define RR_PORT_NAME		"linux-uio"

#endif /* RR_LAYOUT_H */
