/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_layout.h - fixed addresses of the simulator images (see sim.lds)
 */
#ifndef RR_LAYOUT_H
#define RR_LAYOUT_H

#define RR_TRACE_DA		0x20700000u
#define RR_TRACE_LEN		0x10000u

/* vrings: let Linux choose (it uses the vdevNvringM named regions) */
#define RR_VRING0_DA		0xffffffffu
#define RR_VRING1_DA		0xffffffffu
#define RR_VRING_NUM		256
#define RR_VRING_ALIGN		4096

/* zero-copy buffers: the vdev0buffer region of the default instance */
#define RR_ZC_WINDOW_DA		0x30010000u
#define RR_ZC_WINDOW_LEN	0x80000u

/* the target has no cycle counter the firmware may read */
#define RR_PORT_NAME		"sim"

#endif /* RR_LAYOUT_H */
