/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * fw.h - the test firmware built on the rpmsg remote stack
 *
 * One program, many images: each image is the same objects plus an
 * image.o compiled with that image's settings (struct fw_config and its
 * resource table).  See README.md for what each image does and for the
 * control commands.
 */
#ifndef FW_H
#define FW_H

#include "rpmsg_remote.h"
#include "rr_layout.h"

/* fixed local addresses of the services (stable across images) */
#define FW_ADDR_SAMPLE		1000	/* "rpmsg-client-sample", echo */
#define FW_ADDR_ECHO		1001	/* "rpmsg-echo", echo */
#define FW_ADDR_RAW		1002	/* "rpmsg-raw", echo (gets /dev/rpmsgN) */
#define FW_ADDR_CTRL		1003	/* "rpmsg-remote-ctrl", commands */
#define FW_ADDR_ZC		1004	/* "rpmsg-zc", zero-copy (zc image) */
#define FW_ADDR_MULTI		1010	/* first of the "multi" channels */
#define FW_MULTI_MAX		8

/* fw_config.flags */
#define FW_F_TICKS		RR_BIT(0)	/* trace a line every second */
#define FW_F_NO_HEARTBEAT	RR_BIT(1)	/* never feed the watchdog */
#define FW_F_CRASH_AT_BOOT	RR_BIT(2)	/* crash before DRIVER_OK */

/* fw_config.misbehave, and the bad-* commands */
#define FW_BAD_NS		RR_BIT(0)
#define FW_BAD_LEN		RR_BIT(1)
#define FW_BAD_IDX		RR_BIT(2)
#define FW_BAD_RING_RX		RR_BIT(3)	/* misbehave_ring.c "loop-rx" */
#define FW_BAD_RING_TX		RR_BIT(4)	/* misbehave_ring.c "loop-tx" */
#define FW_BAD_NS_FLOOD		RR_BIT(5)

/* fw_config.pm: the answer to Linux's suspend requests (pm.c) */
#define FW_PM_ACK		0
#define FW_PM_CANCEL		1
#define FW_PM_IGNORE		2

/* the "ns-flood" image: announcements of "rpmsg-raw" from this address */
#define FW_NS_FLOOD_FIRST	2000
#define FW_NS_FLOOD_COUNT	3000

/**
 * struct fw_config - what makes one image different from another
 * @name: image name, reported by the "version" command
 * @flags: FW_F_*
 * @multi: number of extra echo channels (0..FW_MULTI_MAX)
 * @crash_after: crash once this many messages arrived (0 = never)
 * @misbehave: FW_BAD_* acts done once the vdev is live
 * @console: a console vdev follows the rpmsg vdev in the table
 * @pm: FW_PM_*, how suspend requests are answered until "pm" changes it
 * @zc: the "rpmsg-zc" service is bound (zc.c)
 */
struct fw_config {
	const char *name;
	uint32_t flags;
	uint32_t multi;
	uint32_t crash_after;
	uint32_t misbehave;
	bool console;
	uint32_t pm;
	bool zc;
};

#ifndef RR_PORT_RSC_NUM
#define RR_PORT_RSC_NUM	0
#endif

/**
 * struct fw_rsc_table - the resource table every test image carries
 * @hdr: header
 * @offset: entry offsets
 * @port_mem: carveouts and device mappings the port needs (rr_layout.h)
 * @trace: trace buffer
 * @rpmsg: rpmsg vdev (vdev0)
 * @rpmsg_vring: its rings
 * @rpmsg_cfg: its config space, counted in config_len only by images
 *	that offer RR_VIRTIO_RPMSG_F_BUF_SIZES
 * @cons: console vdev (vdev1), listed only in images with a console
 * @cons_vring: its rings
 */
struct fw_rsc_table {
	struct rr_rsc_hdr hdr;
	uint32_t offset[RR_PORT_RSC_NUM + 3];
	struct rr_rsc_mem port_mem[RR_PORT_RSC_NUM];
	struct rr_rsc_trace trace;
	struct rr_rsc_vdev rpmsg;
	struct rr_rsc_vring rpmsg_vring[2];
	struct rr_rpmsg_config rpmsg_cfg;
	struct rr_rsc_vdev cons;
	struct rr_rsc_vring cons_vring[2];
} __attribute__((packed));

extern const struct fw_config fw_config;
extern volatile struct fw_rsc_table fw_rsc_table;
extern char fw_trace_buf[];

/* main.c */
extern struct rr_rpmsg fw_rpmsg;
void fw_crash(const char *why, int how);
void fw_count_message(void);
void fw_hang(uint32_t ms);
void fw_set_crash_after(uint32_t n);

/* ctrl.c */
void fw_ctrl_init(struct rr_rpmsg *rp);
void fw_reply(struct rr_ept *ept, uint32_t dst, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void fw_burst(struct rr_ept *ept, uint32_t src, uint32_t from, uint32_t dst,
	      uint32_t count, uint32_t len);

/* console.c */
int fw_console_init(volatile struct rr_rsc_vdev *rsc);
int fw_console_poll(void);
bool fw_console_arm(void);
void fw_console_disarm(void);

/* pm.c */
void fw_pm_poll(struct rr_rpmsg *rp);
void fw_cmd_pm(struct rr_ept *ept, uint32_t src, const char *arg);

/* zc.c */
void fw_zc_init(struct rr_rpmsg *rp);

/* misbehave.c */
int fw_misbehave(struct rr_rpmsg *rp, uint32_t what, const char *variant);

/* misbehave_ring.c */
int fw_misbehave_ring(struct rr_rpmsg *rp, const char *variant);
void fw_ring_message(struct rr_rpmsg *rp);
void fw_ring_hold(void);

/* misbehave_ns.c */
uint32_t fw_ns_flood(struct rr_rpmsg *rp, const char *name, uint32_t first,
		     uint32_t count);
void fw_cmd_ns_flood(struct rr_ept *ept, uint32_t src, const char *arg);
void fw_cmd_ns_send(struct rr_ept *ept, uint32_t src, const char *arg);

#endif /* FW_H */
