/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the rproc and rpmsg tools: sysfs access, error
 * reporting, JSON output and remote processor lookup.
 */
#ifndef RPROC_TOOLS_UTIL_H
#define RPROC_TOOLS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Exit codes of both tools */
#define EXIT_OK		0	/* success */
#define EXIT_FAIL	1	/* the kernel or the remote refused or failed */
#define EXIT_USAGE	2	/* bad command line */
#define EXIT_NOTFOUND	3	/* no such processor, channel or device */
#define EXIT_TIMEOUT	4	/* nothing arrived in time */

#define SYS_RPROC	"/sys/class/remoteproc"
#define SYS_RPMSG_CLASS	"/sys/class/rpmsg"
#define SYS_RPMSG_BUS	"/sys/bus/rpmsg/devices"

extern const char *prog;

void err_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sys_read(const char *dir, const char *attr, char *buf, size_t size);
int sys_write(const char *dir, const char *attr, const char *val);
void json_str(FILE *f, const char *s);
int rproc_resolve(const char *id, char *dev, size_t size);
int rproc_owner(const char *sysdev, char *dev, size_t size);
long long now_us(void);

#endif
