// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * image.c - the settings and resource table of one test image
 *
 * Compiled once per image by the Makefile with:
 *   FW_IMG_NAME       image name (string)
 *   FW_IMG_FLAGS      FW_F_* flags
 *   FW_IMG_MULTI      extra echo channels
 *   FW_IMG_CRASH      crash after this many messages
 *   FW_IMG_BAD        FW_BAD_* acts done at boot
 *   FW_IMG_FEATURES   rpmsg vdev features offered
 *   FW_IMG_CONSOLE    0, or the virtio id of a console vdev (3 or 11)
 *   FW_IMG_PM         FW_PM_*: answer to suspend requests (default: ack)
 *   FW_IMG_BUF_SIZE   0, or the rpmsg buffer size asked for both ways; the
 *                     default features then include RR_VIRTIO_RPMSG_F_BUF_SIZES
 *   FW_IMG_ZC         1 binds the "rpmsg-zc" zero-copy service
 *   FW_IMG_BLOB_MB    0, or MiB of data loaded with the image and never
 *                     used (section .blob), for load-time measurements
 */
#include "fw.h"
#include "rr_layout.h"

#ifndef FW_IMG_FLAGS
#define FW_IMG_FLAGS	0
#endif
#ifndef FW_IMG_MULTI
#define FW_IMG_MULTI	0
#endif
#ifndef FW_IMG_CRASH
#define FW_IMG_CRASH	0
#endif
#ifndef FW_IMG_BAD
#define FW_IMG_BAD	0
#endif
#ifndef FW_IMG_CONSOLE
#define FW_IMG_CONSOLE	0
#endif
#ifndef FW_IMG_PM
#define FW_IMG_PM	FW_PM_ACK
#endif
#ifndef FW_IMG_BUF_SIZE
#define FW_IMG_BUF_SIZE	0
#endif
#ifndef FW_IMG_BLOB_MB
#define FW_IMG_BLOB_MB	0
#endif
#ifndef FW_IMG_ZC
#define FW_IMG_ZC	0
#endif
#ifndef FW_IMG_FEATURES
#define FW_IMG_FEATURES	(RR_BIT(RR_VIRTIO_RPMSG_F_NS) | \
			 (FW_IMG_BUF_SIZE ? RR_BIT(RR_VIRTIO_RPMSG_F_BUF_SIZES) : 0))
#endif

#if RR_PORT_RSC_NUM > 5
#error "image.c lists at most five port memory entries"
#endif

#define FW_OFF(m)	((uint32_t)__builtin_offsetof(struct fw_rsc_table, m))

const struct fw_config fw_config = {
	.name = FW_IMG_NAME,
	.flags = FW_IMG_FLAGS,
	.multi = FW_IMG_MULTI,
	.crash_after = FW_IMG_CRASH,
	.misbehave = FW_IMG_BAD,
	.console = FW_IMG_CONSOLE != 0,
	.pm = FW_IMG_PM,
	.zc = FW_IMG_ZC,
};

#if FW_IMG_BLOB_MB
/* Filled, so that every byte is in the file and is copied at load */
const unsigned char fw_blob[FW_IMG_BLOB_MB << 20]
	__attribute__((section(".blob"), used)) = { [0 ... 255] = 0xa5 };
#endif

char fw_trace_buf[RR_TRACE_LEN] __attribute__((section(".trace"), aligned(64)));

__attribute__((section(".resource_table"), used, aligned(8)))
volatile struct fw_rsc_table fw_rsc_table = {
	.hdr = {
		.ver = RR_RSC_VERSION,
		.num = RR_PORT_RSC_NUM + (FW_IMG_CONSOLE ? 3 : 2),
	},
	.offset = {
#if RR_PORT_RSC_NUM > 0
		FW_OFF(port_mem[0]),
#endif
#if RR_PORT_RSC_NUM > 1
		FW_OFF(port_mem[1]),
#endif
#if RR_PORT_RSC_NUM > 2
		FW_OFF(port_mem[2]),
#endif
#if RR_PORT_RSC_NUM > 3
		FW_OFF(port_mem[3]),
#endif
#if RR_PORT_RSC_NUM > 4
		FW_OFF(port_mem[4]),
#endif
		FW_OFF(trace),
		FW_OFF(rpmsg),
		FW_OFF(cons),
	},
#ifdef RR_PORT_RSC_FILE
	.port_mem = {
#include RR_PORT_RSC_FILE
	},
#endif
	.trace = {
		.type = RR_RSC_TRACE,
		.da = RR_TRACE_DA,
		.len = RR_TRACE_LEN,
		.name = "trace0",
	},
	.rpmsg = {
		.type = RR_RSC_VDEV,
		.id = RR_VIRTIO_ID_RPMSG,
		.dfeatures = FW_IMG_FEATURES,
		.config_len = FW_IMG_BUF_SIZE ? sizeof(struct rr_rpmsg_config) : 0,
		.num_of_vrings = 2,
	},
	.rpmsg_vring = {
		{ .da = RR_VRING0_DA, .align = RR_VRING_ALIGN, .num = RR_VRING_NUM },
		{ .da = RR_VRING1_DA, .align = RR_VRING_ALIGN, .num = RR_VRING_NUM },
	},
	.rpmsg_cfg = { .rx_buf_size = FW_IMG_BUF_SIZE, .tx_buf_size = FW_IMG_BUF_SIZE },
	.cons = {
		.type = RR_RSC_VDEV,
		.id = FW_IMG_CONSOLE,
		.num_of_vrings = 2,
	},
	.cons_vring = {
		{ .da = RR_RSC_ADDR_ANY, .align = RR_VRING_ALIGN, .num = RR_VRING_NUM },
		{ .da = RR_RSC_ADDR_ANY, .align = RR_VRING_ALIGN, .num = RR_VRING_NUM },
	},
};
