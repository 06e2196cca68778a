/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the zero-copy selftest uses: a simulated remote
 * running the zc test firmware, endpoint nodes on it, and the firmware's
 * conventions (tools/rpmsg-remote/fw/zc.c).
 */
#ifndef ZC_LIB_H
#define ZC_LIB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "rr_wire.h"	/* rr_zc_sum(), the zc service's checksum */

#define ZC_FIRMWARE	"rproc-sim-zc.elf"
#define ZC_ADDR_ECHO	1001	/* echo service */
#define ZC_ADDR_ZC	1004	/* "rpmsg-zc" service */
#define ZC_MTU		496

/* The low byte of the tag asks the firmware for this */
enum zc_op {
	ZC_SUM,
	ZC_INVERT,
	ZC_HOLD,
	ZC_BAD_DA_INSIDE,
	ZC_BAD_DA_OUTSIDE,
	ZC_BAD_DA_NEXT,
	ZC_BAD_COOKIE,
	ZC_BAD_LEN,
	ZC_BAD_OP,
	ZC_BAD_SHORT,
	ZC_BAD_SRC,
	ZC_DOUBLE,
};

/* The firmware's instance: configfs directory and remoteprocN */
extern char zc_inst[128];
extern char zc_rproc[64];
/* The node zc_open_ept() opened last */
extern char zc_node[80];

int zc_remote_up(void);
void zc_remote_remove(void);
int zc_rproc_attr(const char *attr, const char *val);
int zc_inst_attr(const char *attr, const char *val);
int zc_wait_state(const char *want, int ms);
int zc_open_ctrl(int flags);
int zc_make_node(const char *name, uint32_t dst, char *node, size_t size);
int zc_open_ept(const char *name, uint32_t dst, int flags);
long zc_ms_since(const struct timespec *t0);
int zc_wait_event(int fd, short events, int ms);
int zc_wait_hup(int fd, int ms);

#endif /* ZC_LIB_H */
