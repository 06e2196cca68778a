// SPDX-License-Identifier: GPL-2.0
/*
 * The simulated remote and its endpoint nodes, for rpmsg_zc_test. Waits
 * are bounded by the clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "zc_lib.h"

#define CFS		"/sys/kernel/config/rproc-sim"
#define STEP_MS		20

char zc_inst[128];
char zc_rproc[64];
char zc_node[80];

long zc_ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static int put_str(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* First line of @path, without its newline */
static int get_str(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	int ret = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)size, f))
		ret = -EIO;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return ret;
}

int zc_rproc_attr(const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/%s", zc_rproc,
		 attr);
	return put_str(path, val);
}

int zc_inst_attr(const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", zc_inst, attr);
	return put_str(path, val);
}

int zc_wait_state(const char *want, int ms)
{
	char path[PATH_MAX], state[32];
	struct timespec t0;

	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/state", zc_rproc);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (!get_str(path, state, sizeof(state)) && !strcmp(state, want))
			return 0;
		usleep(STEP_MS * 1000);
	} while (zc_ms_since(&t0) < ms);
	return -ETIMEDOUT;
}

/* Is the class device at @path below our remote processor? */
static bool ours(const char *path)
{
	char real[PATH_MAX], needle[80];

	snprintf(needle, sizeof(needle), "/%s/", zc_rproc);
	return realpath(path, real) && strstr(real, needle);
}

/* The first path matching @pattern that is ours() */
static int find_ours(const char *pattern, char *out, size_t size)
{
	int ret = -ENOENT;
	glob_t g;

	if (glob(pattern, 0, NULL, &g))
		return -ENOENT;
	for (size_t i = 0; i < g.gl_pathc && ret; i++) {
		if (!ours(g.gl_pathv[i]))
			continue;
		snprintf(out, size, "%s", g.gl_pathv[i]);
		ret = 0;
	}
	globfree(&g);
	return ret;
}

static int wait_ours(const char *pattern, char *out, size_t size, int ms)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (!find_ours(pattern, out, size))
			return 0;
		usleep(STEP_MS * 1000);
	} while (zc_ms_since(&t0) < ms);
	return -ETIMEDOUT;
}

/* Create the instance if needed, boot it, wait for the zc channel */
int zc_remote_up(void)
{
	char path[PATH_MAX], state[32];

	if (!zc_inst[0])
		snprintf(zc_inst, sizeof(zc_inst), CFS "/zc%d", getpid());
	if (access(zc_inst, F_OK)) {
		if (mkdir(zc_inst, 0755))
			return -errno;
		if (zc_inst_attr("firmware", ZC_FIRMWARE) ||
		    zc_inst_attr("live", "1"))
			return -EIO;
		snprintf(path, sizeof(path), "%s/remoteproc", zc_inst);
		if (get_str(path, zc_rproc, sizeof(zc_rproc)))
			return -EIO;
	}
	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/state", zc_rproc);
	if (get_str(path, state, sizeof(state)))
		return -EIO;
	if (strcmp(state, "running") && zc_rproc_attr("state", "start"))
		return -EHOSTDOWN;
	return wait_ours("/sys/bus/rpmsg/devices/*.rpmsg-zc.*", path,
			 sizeof(path), 10000);
}

void zc_remote_remove(void)
{
	if (!zc_inst[0])
		return;
	zc_inst_attr("live", "0");
	rmdir(zc_inst);
}

/* The node of our remote whose name is @name and dst @dst */
static int find_node(const char *name, uint32_t dst, char *out, size_t size)
{
	char path[PATH_MAX], val[64], want[16];
	int ret = -ENOENT;
	glob_t g;

	/* sysfs shows dst as a signed number */
	snprintf(want, sizeof(want), "%d", (int)dst);
	if (glob("/sys/class/rpmsg/rpmsg[0-9]*", 0, NULL, &g))
		return -ENOENT;
	for (size_t i = 0; i < g.gl_pathc && ret; i++) {
		const char *dev = strrchr(g.gl_pathv[i], '/') + 1;

		if (!ours(g.gl_pathv[i]))
			continue;
		snprintf(path, sizeof(path), "%s/name", g.gl_pathv[i]);
		if (get_str(path, val, sizeof(val)) || strcmp(val, name))
			continue;
		snprintf(path, sizeof(path), "%s/dst", g.gl_pathv[i]);
		if (get_str(path, val, sizeof(val)) || strcmp(val, want))
			continue;
		snprintf(out, size, "/dev/%s", dev);
		ret = access(out, F_OK) ? -ENOENT : 0;
	}
	globfree(&g);
	return ret;
}

/* Open our control node with @flags; -1 with errno on failure */
int zc_open_ctrl(int flags)
{
	char ctrl[PATH_MAX], node[80];

	if (find_ours("/sys/class/rpmsg/rpmsg_ctrl*", ctrl, sizeof(ctrl)))
		return errno = ENODEV, -1;
	snprintf(node, sizeof(node), "/dev/%s", strrchr(ctrl, '/') + 1);
	return open(node, flags);
}

/*
 * Create an endpoint node @name -> @dst through our control node and
 * store its path in @node; 0 or -errno.
 */
int zc_make_node(const char *name, uint32_t dst, char *node, size_t size)
{
	struct rpmsg_endpoint_info info = { .src = RPMSG_ADDR_ANY, .dst = dst };
	struct timespec t0;
	int fd, ret = 0;

	fd = zc_open_ctrl(O_RDWR);
	if (fd < 0)
		return -errno;
	strncpy(info.name, name, sizeof(info.name) - 1);
	if (ioctl(fd, RPMSG_CREATE_EPT_IOCTL, &info))
		ret = -errno;
	close(fd);
	if (ret)
		return ret;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (find_node(name, dst, node, size)) {
		if (zc_ms_since(&t0) > 10000)
			return -ETIMEDOUT;
		usleep(STEP_MS * 1000);
	}
	return 0;
}

/*
 * zc_make_node(), then open the node with @flags; -1 with errno. The
 * node's path stays in zc_node.
 */
int zc_open_ept(const char *name, uint32_t dst, int flags)
{
	int ret = zc_make_node(name, dst, zc_node, sizeof(zc_node));

	if (ret)
		return errno = -ret, -1;
	return open(zc_node, flags);
}

/* poll() @fd for @events for at most @ms: the revents, 0 on timeout */
int zc_wait_event(int fd, short events, int ms)
{
	struct pollfd p = { .fd = fd, .events = events };

	if (poll(&p, 1, ms) != 1)
		return 0;
	return p.revents;
}

/*
 * Wait at most @ms for @fd to hang up: 0, or -ETIMEDOUT. poll() reports
 * only EPOLLERR while the device is going away, and returns at once
 * meanwhile, so look again every STEP_MS.
 */
int zc_wait_hup(int fd, int ms)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (zc_wait_event(fd, POLLIN, STEP_MS) & POLLHUP)
			return 0;
		usleep(STEP_MS * 1000);
	} while (zc_ms_since(&t0) < ms);
	return -ETIMEDOUT;
}
