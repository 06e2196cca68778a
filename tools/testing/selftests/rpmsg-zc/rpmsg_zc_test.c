// SPDX-License-Identifier: GPL-2.0
/*
 * Selftest of the zero-copy buffer pools of /dev/rpmsgN
 * (include/uapi/linux/rpmsg_zc.h) against the simulator's zc firmware
 * (tools/rpmsg-remote/fw/zc.c): pool geometry and mapping, buffers handed
 * to the remote and back with the data checked on both sides, ownership,
 * every kind of forged return the firmware can send, a pool orphaned by
 * close while the remote holds buffers, revocation when the remote stops
 * or crashes (and a working pool after the recovery), and the bulk rate
 * against copying through 496-byte messages.
 *
 * Every wait is bounded by the clock. Output is TAP.
 */
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg_zc.h>

#include "zc_lib.h"

#include "../kselftest.h"

#define WAIT_MS		10000	/* longest wait for the remote */
#define BULK_MS		2000	/* how long each bulk rate is measured */
#define BULK_BUFS	4
#define BULK_SIZE	(64 * 1024)

#define ZC_IOC(dir, nr, size)	_IOC(dir, 0xb5, nr, size)
static_assert(sizeof(struct rpmsg_zc_pool_info) == 24, "pool_info");
static_assert(sizeof(struct rpmsg_zc_buf) == 16, "buf");
static_assert(sizeof(struct rpmsg_zc_stats) == 48, "stats");
static_assert(RPMSG_ZC_POOL_CREATE_IOCTL ==
	      ZC_IOC(_IOC_READ | _IOC_WRITE, 0x50, 24), "");
static_assert(RPMSG_ZC_GIVE_IOCTL == ZC_IOC(_IOC_WRITE, 0x51, 16), "");
static_assert(RPMSG_ZC_TAKE_IOCTL == ZC_IOC(_IOC_READ, 0x52, 16), "");
static_assert(RPMSG_ZC_STATS_IOCTL == ZC_IOC(_IOC_READ, 0x53, 48), "");

static char why[512];		/* reason of the current case's failure */

/* Record why a check failed; returns @cond so that callers can bail out */
static bool __attribute__((format(printf, 2, 3)))
expect(bool cond, const char *fmt, ...)
{
	va_list ap;

	if (!cond) {
		va_start(ap, fmt);
		vsnprintf(why, sizeof(why), fmt, ap);
		va_end(ap);
	}
	return cond;
}

/* --- helpers ------------------------------------------------------------ */

/* A pool of @count buffers of @size on @fd, mapped; MAP_FAILED on error */
static unsigned char *pool_map(int fd, uint32_t count, uint32_t size)
{
	struct rpmsg_zc_pool_info info = { .count = count, .size = size };
	void *p;

	if (!expect(!ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info),
		    "create %u x %u: %s", count, size, strerror(errno)))
		return MAP_FAILED;
	if (!expect(info.mmap_len >= (uint64_t)count * size,
		    "mmap_len %llu", (unsigned long long)info.mmap_len))
		return MAP_FAILED;
	p = mmap(NULL, info.mmap_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	expect(p != MAP_FAILED, "mmap: %s", strerror(errno));
	return p;
}

/* Open a new node to the zc service with a mapped pool; -1 on failure */
static int open_pool(const char *name, uint32_t count, uint32_t size,
		     unsigned char **p)
{
	int fd = zc_open_ept(name, ZC_ADDR_ZC, O_RDWR);

	if (!expect(fd >= 0, "open: %s", strerror(errno)))
		return -1;
	*p = pool_map(fd, count, size);
	if (*p == MAP_FAILED) {
		close(fd);
		return -1;
	}
	return fd;
}

static int give(int fd, uint32_t index, uint32_t len, uint32_t tag)
{
	struct rpmsg_zc_buf b = { .index = index, .len = len, .tag = tag };

	return ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b) ? -errno : 0;
}

/* Take a returned buffer, waiting at most @ms for one */
static int take(int fd, struct rpmsg_zc_buf *b, int ms)
{
	int ev = zc_wait_event(fd, POLLRDBAND, ms);

	if (!(ev & POLLRDBAND))
		return ev ? -EPIPE : -ETIMEDOUT;
	return ioctl(fd, RPMSG_ZC_TAKE_IOCTL, b) ? -errno : 0;
}

static int stats(int fd, struct rpmsg_zc_stats *st)
{
	return ioctl(fd, RPMSG_ZC_STATS_IOCTL, st) ? -errno : 0;
}

/* Wait until the pool counted @refused refusals in all */
static bool wait_refused(int fd, uint64_t refused)
{
	struct rpmsg_zc_stats st = {};
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (stats(fd, &st))
			return false;
		if (st.refused >= refused)
			return st.refused == refused;
		usleep(10 * 1000);
	} while (zc_ms_since(&t0) < WAIT_MS);
	return false;
}

/* Send a text command to the zc service and read its reply */
static int command(int fd, const char *cmd, char *reply, size_t size)
{
	ssize_t n;

	if (write(fd, cmd, strlen(cmd)) != (ssize_t)strlen(cmd))
		return -errno;
	if (!(zc_wait_event(fd, POLLIN, WAIT_MS) & POLLIN))
		return -ETIMEDOUT;
	n = read(fd, reply, size - 1);
	if (n < 0)
		return -errno;
	reply[n] = 0;
	return 0;
}

static void fill(unsigned char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 8));
}

/* --- cases -------------------------------------------------------------- */

static int t_geometry(void)
{
	static const struct rpmsg_zc_pool_info bad[] = {
		{ .count = 0, .size = 4096 },
		{ .count = RPMSG_ZC_MAX_BUFS + 1, .size = 64 },
		{ .count = 1, .size = 0 },
		{ .count = 1, .size = 100 },
		{ .count = 1, .size = RPMSG_ZC_MAX_SIZE + RPMSG_ZC_ALIGN },
		{ .count = 8, .size = RPMSG_ZC_MAX_SIZE },
		{ .count = 1, .size = 4096, .flags = 1 },
		{ .count = 1, .size = 4096, .reserved = 1 },
	};
	struct rpmsg_zc_pool_info info = { .count = 4, .size = 4096 };
	struct rpmsg_zc_buf b = {};
	int fd, ro, ret = -1;
	void *p;

	fd = zc_open_ept("zc-geometry", ZC_ADDR_ZC, O_RDWR);
	if (!expect(fd >= 0, "open: %s", strerror(errno)))
		return -1;
	if (!expect(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED &&
		    errno == ENXIO, "mmap without a pool: %s", strerror(errno)))
		goto out;
	if (!expect(ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b) && errno == ENXIO,
		    "give without a pool: %s", strerror(errno)))
		goto out;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct rpmsg_zc_pool_info t = bad[i];

		if (!expect(ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &t) &&
			    errno == EINVAL, "bad pool %zu accepted: %s", i,
			    strerror(errno)))
			goto out;
	}
	if (!expect(ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, (void *)8) &&
		    errno == EFAULT, "bad pointer: %s", strerror(errno)))
		goto out;

	ro = open(zc_node, O_RDONLY);
	if (!expect(ro < 0 && errno == EBUSY, "second open of the node: %s",
		    strerror(errno))) {
		if (ro >= 0)
			close(ro);
		goto out;
	}

	if (!expect(!ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info),
		    "create: %s", strerror(errno)))
		goto out;
	if (!expect(info.mmap_len == 4 * 4096, "mmap_len %llu",
		    (unsigned long long)info.mmap_len))
		goto out;
	if (!expect(ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info) &&
		    errno == EEXIST, "second pool: %s", strerror(errno)))
		goto out;
	if (!expect(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED &&
		    errno == EINVAL, "private mapping: %s", strerror(errno)))
		goto out;
	if (!expect(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096) == MAP_FAILED &&
		    errno == EINVAL, "mapping at an offset: %s", strerror(errno)))
		goto out;
	if (!expect(mmap(NULL, 8 * 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED &&
		    errno == EINVAL, "mapping too long: %s", strerror(errno)))
		goto out;
	p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!expect(p != MAP_FAILED, "mmap: %s", strerror(errno)))
		goto out;
	if (!expect(mremap(p, 4 * 4096, 8 * 4096, 0) == MAP_FAILED,
		    "the mapping grew"))
		goto out_unmap;

	b = (struct rpmsg_zc_buf){ .index = 4 };
	if (!expect(ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b) && errno == EINVAL,
		    "index past the pool: %s", strerror(errno)))
		goto out_unmap;
	b = (struct rpmsg_zc_buf){ .index = 0, .len = 4097 };
	if (!expect(ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b) && errno == EINVAL,
		    "length over the size: %s", strerror(errno)))
		goto out_unmap;
	b = (struct rpmsg_zc_buf){ .index = 0, .flags = 1 };
	if (!expect(ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b) && errno == EINVAL,
		    "flags: %s", strerror(errno)))
		goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, 4 * 4096);
out:
	close(fd);
	return ret;
}

/* Every buffer there and back: the remote sees our bytes, we see its own */
static int t_roundtrip(void)
{
	const uint32_t count = 8, size = 4096;
	struct rpmsg_zc_stats st = {};
	struct rpmsg_zc_buf b;
	unsigned int seen = 0;
	unsigned char *p;
	int fd, ret = -1;

	fd = open_pool("zc-roundtrip", count, size, &p);
	if (fd < 0)
		return -1;

	/* Lengths apart by 301: every checksum tail, 0 to 3 bytes, is seen */
	for (uint32_t i = 0; i < count; i++) {
		uint32_t len = size - i * 301;

		fill(p + i * size, size, i);
		if (!expect(!give(fd, i, len, ZC_SUM | i << 8), "give %u: %s", i,
			    strerror(errno)))
			goto out_unmap;
	}
	for (uint32_t n = 0; n < count; n++) {
		uint32_t len;

		if (!expect(!take(fd, &b, WAIT_MS), "take %u", n))
			goto out_unmap;
		len = size - b.index * 301;
		if (!expect(b.index < count && !(seen & 1u << b.index),
			    "buffer %u returned twice or unknown", b.index))
			goto out_unmap;
		seen |= 1u << b.index;
		if (!expect(b.len == len && b.tag == rr_zc_sum(p + b.index * size, len),
			    "buffer %u: len %u tag %#x, the remote saw other data",
			    b.index, b.len, b.tag))
			goto out_unmap;
	}

	/* The remote writes the mapped memory in place */
	fill(p, size, 99);
	if (!expect(!give(fd, 0, size, ZC_INVERT), "give: %s", strerror(errno)) ||
	    !expect(!take(fd, &b, WAIT_MS) && b.index == 0, "no invert return"))
		goto out_unmap;
	for (uint32_t i = 0; i < size; i++) {
		unsigned char want = (unsigned char)(99 * 31 + i * 7 + (i >> 8));

		if (!expect(p[i] == (unsigned char)~want, "byte %u not inverted", i))
			goto out_unmap;
	}

	if (!expect(!stats(fd, &st), "stats: %s", strerror(errno)))
		goto out_unmap;
	if (!expect(st.count == count && st.size == size && st.app == count &&
		    !st.remote && !st.done && st.given == count + 1 &&
		    st.returned == count + 1 && !st.refused,
		    "stats: app %u remote %u done %u given %llu returned %llu refused %llu",
		    st.app, st.remote, st.done, (unsigned long long)st.given,
		    (unsigned long long)st.returned, (unsigned long long)st.refused))
		goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, count * size);
	close(fd);
	return ret;
}

/* A buffer the remote holds cannot be given again, or taken before it returns */
static int t_ownership(void)
{
	struct rpmsg_zc_stats st = {};
	struct rpmsg_zc_buf b;
	unsigned char *p;
	char reply[64];
	int fd, ret = -1;

	fd = open_pool("zc-owner", 2, 4096, &p);
	if (fd < 0)
		return -1;
	fill(p + 4096, 4096, 1);
	if (!expect(!give(fd, 1, 4096, ZC_HOLD), "give: %s", strerror(errno)))
		goto out_unmap;
	if (!expect(give(fd, 1, 4096, ZC_SUM) == -EBUSY, "given twice"))
		goto out_unmap;
	if (!expect(!stats(fd, &st) && st.remote == 1 && st.app == 1,
		    "stats: remote %u app %u", st.remote, st.app))
		goto out_unmap;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	if (!expect(ioctl(fd, RPMSG_ZC_TAKE_IOCTL, &b) && errno == EAGAIN,
		    "took a buffer the remote holds: %s", strerror(errno)))
		goto out_unmap;
	fcntl(fd, F_SETFL, 0);
	if (!expect(!command(fd, "release", reply, sizeof(reply)) &&
		    !strcmp(reply, "ok released 1"), "release: '%s'", reply))
		goto out_unmap;
	if (!expect(!take(fd, &b, WAIT_MS) && b.index == 1 && b.len == 4096 &&
		    b.tag == rr_zc_sum(p + 4096, 4096), "held buffer not returned"))
		goto out_unmap;
	if (!expect(!give(fd, 1, 16, ZC_SUM) && !take(fd, &b, WAIT_MS) &&
		    b.index == 1, "buffer not usable again"))
		goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, 2 * 4096);
	close(fd);
	return ret;
}

/* Forged returns are refused and counted; the real return still counts */
static int t_forged_returns(void)
{
	static const enum zc_op ops[] = {
		ZC_BAD_DA_INSIDE, ZC_BAD_DA_OUTSIDE, ZC_BAD_DA_NEXT,
		ZC_BAD_COOKIE, ZC_BAD_LEN, ZC_BAD_OP, ZC_BAD_SHORT,
		ZC_BAD_SRC, ZC_DOUBLE,
	};
	struct rpmsg_zc_stats st = {};
	struct rpmsg_zc_buf b;
	unsigned char *p;
	int fd, ret = -1;

	fd = open_pool("zc-forged", 4, 4096, &p);
	if (fd < 0)
		return -1;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		fill(p, 4096, (unsigned int)i);
		if (!expect(!give(fd, 0, 1000, ops[i]), "give op %d: %s", ops[i],
			    strerror(errno)))
			goto out_unmap;
		if (!expect(!take(fd, &b, WAIT_MS) && b.index == 0 && b.len == 1000 &&
			    b.tag == rr_zc_sum(p, 1000), "op %d: no good return", ops[i]))
			goto out_unmap;
		if (!expect(wait_refused(fd, i + 1), "op %d: not refused once",
			    ops[i]))
			goto out_unmap;
	}
	/* The double return did not queue the buffer a second time */
	if (!expect(!stats(fd, &st) && st.app == 4 && !st.done && !st.remote &&
		    st.returned == sizeof(ops) / sizeof(ops[0]),
		    "stats: app %u done %u remote %u returned %llu", st.app,
		    st.done, st.remote, (unsigned long long)st.returned))
		goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, 4 * 4096);
	close(fd);
	return ret;
}

/* Closed while the remote holds a buffer: no new pool until it is back */
static int t_orphan(void)
{
	struct rpmsg_zc_pool_info info = { .count = 2, .size = 4096 };
	struct timespec t0;
	unsigned char *p;
	char reply[64];
	int fd, ret = -1;

	fd = open_pool("zc-orphan", 2, 4096, &p);
	if (fd < 0)
		return -1;
	if (!expect(!give(fd, 0, 64, ZC_HOLD), "give: %s", strerror(errno)))
		goto out_unmap;
	munmap(p, 2 * 4096);
	close(fd);

	fd = open(zc_node, O_RDWR);
	if (!expect(fd >= 0, "reopen: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info) && errno == EBUSY,
		    "new pool beside the orphan: %s", strerror(errno)))
		goto out;
	if (!expect(!command(fd, "release", reply, sizeof(reply)) &&
		    !strcmp(reply, "ok released 1"), "release: '%s'", reply))
		goto out;
	/* The orphan is freed by a work item once its buffer is back */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info)) {
		if (!expect(errno == EBUSY && zc_ms_since(&t0) < WAIT_MS,
			    "pool after the orphan drained: %s", strerror(errno)))
			goto out;
		usleep(10 * 1000);
	}
	ret = 0;
	goto out;
out_unmap:
	munmap(p, 2 * 4096);
out:
	close(fd);
	return ret;
}

static sigjmp_buf bus_jmp;

static void on_bus(int sig)
{
	siglongjmp(bus_jmp, sig);
}

/* Touch @p; the signal it raised, or 0 */
static int touch(volatile unsigned char *p)
{
	struct sigaction sa = { .sa_handler = on_bus }, old_bus, old_segv;
	int sig;

	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	sig = sigsetjmp(bus_jmp, 1);
	if (!sig)
		(void)p[0];
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
	return sig;
}

/*
 * The remote goes away while it holds a buffer, stopped or crashed (and
 * then recovered): the pool is revoked, its memory unmapped.
 */
static int lose_remote(bool crash)
{
	struct rpmsg_zc_buf b;
	unsigned char *p;
	int fd, ret = -1, sig;

	fd = open_pool(crash ? "zc-crash" : "zc-revoke", 4, 4096, &p);
	if (fd < 0)
		return -1;
	if (!expect(!give(fd, 2, 64, ZC_HOLD) && !give(fd, 3, 64, ZC_SUM) &&
		    !take(fd, &b, WAIT_MS), "give: %s", strerror(errno)))
		goto out_unmap;
	if (crash) {
		if (!expect(!zc_inst_attr("crash", "1"), "crash refused"))
			goto out_unmap;
	} else if (!expect(!zc_rproc_attr("state", "stop") &&
			   !zc_wait_state("offline", WAIT_MS),
			   "remote did not stop")) {
		goto out_unmap;
	}
	/* The hang-up comes once the pool is revoked */
	if (!expect(!zc_wait_hup(fd, WAIT_MS), "no hang-up: revents %#x",
		    zc_wait_event(fd, POLLIN, 0)))
		goto out_unmap;
	if (!expect(give(fd, 0, 64, ZC_SUM) == -EPIPE, "give after the stop"))
		goto out_unmap;
	if (!expect(ioctl(fd, RPMSG_ZC_TAKE_IOCTL, &b) && errno == EPIPE,
		    "take after the stop: %s", strerror(errno)))
		goto out_unmap;
	sig = touch(p + 2 * 4096);
	if (!expect(sig == SIGBUS, "the revoked memory is still mapped (signal %d)",
		    sig))
		goto out_unmap;
	if (!expect(mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED,
		    "mapped a revoked pool"))
		goto out_unmap;
	/* After a crash the remote recovers, and a new pool works */
	if (crash && !expect(!zc_wait_state("running", WAIT_MS) && !zc_remote_up(),
			     "remote did not recover"))
		goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, 4 * 4096);
	close(fd);
	return ret;
}

static int t_revoke(void)
{
	return lose_remote(false);
}

static int t_revoke_crash(void)
{
	struct rpmsg_zc_buf b;
	unsigned char *p;
	int fd, ret;

	if (lose_remote(true))
		return -1;
	fd = open_pool("zc-after-crash", 2, 4096, &p);
	if (fd < 0)
		return -1;
	fill(p, 4096, 5);
	ret = expect(!give(fd, 1, 0, ZC_SUM) && !give(fd, 0, 4096, ZC_SUM) &&
		     !take(fd, &b, WAIT_MS) && !take(fd, &b, WAIT_MS),
		     "no round trip after the recovery") ? 0 : -1;
	munmap(p, 2 * 4096);
	close(fd);
	return ret;
}

/* Anonymous endpoint files share an inode and get no pool */
static int t_anon_file(void)
{
	struct rpmsg_endpoint_fd_info info = { .src = RPMSG_ADDR_ANY,
					       .dst = ZC_ADDR_ZC,
					       .flags = O_RDWR | O_CLOEXEC };
	struct rpmsg_zc_pool_info pool = { .count = 1, .size = 4096 };
	int ctrl = zc_open_ctrl(O_RDWR), ret = -1;

	if (!expect(ctrl >= 0, "control node: %s", strerror(errno)))
		return -1;
	strcpy(info.name, "zc-anon");
	if (!expect(!ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info), "create: %s",
		    strerror(errno)))
		goto out;
	if (expect(ioctl(info.fd, RPMSG_ZC_POOL_CREATE_IOCTL, &pool) &&
		   errno == EOPNOTSUPP, "pool on an anonymous file: %s",
		   strerror(errno)))
		ret = 0;
	close(info.fd);
out:
	close(ctrl);
	return ret;
}

static double mb_per_s(uint64_t bytes, long ms)
{
	return ms > 0 ? bytes / 1e3 / ms : 0;
}

/* 496-byte messages through the echo service for BULK_MS: bytes echoed */
static int copy_rate(uint64_t *bytes, long *ms)
{
	unsigned char buf[ZC_MTU];
	int fd, out = 0, ret = -1;
	struct timespec t0;

	fd = zc_open_ept("zc-copy", ZC_ADDR_ECHO, O_RDWR);
	if (!expect(fd >= 0, "open: %s", strerror(errno)))
		return -1;
	memset(buf, 0x5a, sizeof(buf));
	*bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (zc_ms_since(&t0) < BULK_MS || out) {
		while (out < 32 && zc_ms_since(&t0) < BULK_MS) {
			if (!expect(write(fd, buf, sizeof(buf)) == sizeof(buf),
				    "write: %s", strerror(errno)))
				goto out;
			out++;
		}
		if (!expect(zc_wait_event(fd, POLLIN, WAIT_MS) & POLLIN,
			    "echo lost") ||
		    !expect(read(fd, buf, sizeof(buf)) == sizeof(buf),
			    "read: %s", strerror(errno)))
			goto out;
		out--;
		*bytes += sizeof(buf);
	}
	*ms = zc_ms_since(&t0);
	ret = 0;
out:
	close(fd);
	return ret;
}

/* BULK_BUFS buffers of BULK_SIZE kept in flight for BULK_MS */
static int zc_rate(uint64_t *bytes, long *ms)
{
	uint32_t sum[BULK_BUFS];
	struct rpmsg_zc_buf b;
	int fd, out = 0, ret = -1;
	struct timespec t0;
	unsigned char *p;

	fd = open_pool("zc-bulk", BULK_BUFS, BULK_SIZE, &p);
	if (fd < 0)
		return -1;
	for (uint32_t i = 0; i < BULK_BUFS; i++) {
		fill(p + i * BULK_SIZE, BULK_SIZE, i + 7);
		sum[i] = rr_zc_sum(p + i * BULK_SIZE, BULK_SIZE);
		if (!expect(!give(fd, i, BULK_SIZE, ZC_SUM), "give: %s",
			    strerror(errno)))
			goto out_unmap;
		out++;
	}
	*bytes = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (out) {
		if (!expect(!take(fd, &b, WAIT_MS), "take: %s", strerror(errno)))
			goto out_unmap;
		out--;
		if (!expect(b.index < BULK_BUFS && b.len == BULK_SIZE &&
			    b.tag == sum[b.index], "buffer %u came back damaged",
			    b.index))
			goto out_unmap;
		*bytes += BULK_SIZE;
		if (zc_ms_since(&t0) < BULK_MS) {
			if (!expect(!give(fd, b.index, BULK_SIZE, ZC_SUM),
				    "give: %s", strerror(errno)))
				goto out_unmap;
			out++;
		}
	}
	*ms = zc_ms_since(&t0);
	ret = 0;
out_unmap:
	munmap(p, BULK_BUFS * BULK_SIZE);
	close(fd);
	return ret;
}

/*
 * Moving data in whole shared buffers beats copying it through messages.
 * The figure is reported; the check is only that zero-copy is the faster,
 * which holds by orders of magnitude on any machine.
 */
static int t_bulk_rate(void)
{
	uint64_t zc_bytes, copy_bytes;
	long zc_ms, copy_ms;
	double zc, copy;

	if (zc_rate(&zc_bytes, &zc_ms) || copy_rate(&copy_bytes, &copy_ms))
		return -1;
	zc = mb_per_s(zc_bytes, zc_ms);
	copy = mb_per_s(copy_bytes, copy_ms);
	printf("# bulk: zero-copy %.1f MB/s (%d x %d KiB in flight), copy %.2f MB/s (%d-byte echo, 32 in flight): %.1fx\n",
	       zc, BULK_BUFS, BULK_SIZE / 1024, copy, ZC_MTU,
	       copy > 0 ? zc / copy : 0);
	return expect(zc > copy, "zero-copy %.2f MB/s not above copy %.2f MB/s",
		      zc, copy) ? 0 : -1;
}

/* rpmsg-bench -z moves buffers through a pool and checks each return */
static int t_bench_tool(void)
{
	char cmd[256], line[512] = "";
	FILE *f;
	int fd, st;

	fd = zc_open_ept("zc-bench", ZC_ADDR_ZC, O_RDWR);
	if (!expect(fd >= 0, "open: %s", strerror(errno)))
		return -1;
	close(fd);
	snprintf(cmd, sizeof(cmd), "rpmsg-bench -z -n 400 -l 16384 -w 8 %s 2>&1",
		 zc_node);
	f = popen(cmd, "r");
	if (!expect(f, "popen: %s", strerror(errno)))
		return -1;
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	st = pclose(f);
	line[strcspn(line, "\n")] = 0;
	printf("# %s\n", line);
	return expect(st == 0 && strstr(line, "msgs=400 len=16384 window=8 batch=0 zc=1 "),
		      "rpmsg-bench -z: status %d: %s", st, line) ? 0 : -1;
}

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "zc_geometry", t_geometry },
	{ "zc_roundtrip", t_roundtrip },
	{ "zc_ownership", t_ownership },
	{ "zc_forged_returns", t_forged_returns },
	{ "zc_orphan", t_orphan },
	{ "zc_anon_file", t_anon_file },
	{ "zc_bulk_rate", t_bulk_rate },
	{ "zc_bench_tool", t_bench_tool },
	{ "zc_revoke_crash", t_revoke_crash },
	{ "zc_revoke", t_revoke },
};

int main(void)
{
	int n = sizeof(cases) / sizeof(cases[0]), ret;
	char fw[128];

	setvbuf(stdout, NULL, _IOLBF, 0);
	ksft_print_header();
	snprintf(fw, sizeof(fw), "/lib/firmware/%s", ZC_FIRMWARE);
	if (access("/sys/kernel/config/rproc-sim", F_OK) || access(fw, F_OK))
		ksft_exit_skip("needs the simulator and %s\n", fw);
	ret = zc_remote_up();
	if (ret) {
		zc_remote_remove();
		ksft_exit_fail_msg("remote did not come up: %s\n", strerror(-ret));
	}
	ksft_set_plan(n);
	for (int i = 0; i < n; i++) {
		why[0] = 0;
		ret = zc_remote_up() ? (snprintf(why, sizeof(why), "remote down"), -1)
				     : cases[i].fn();
		if (ret)
			ksft_test_result_fail("%s # %s\n", cases[i].name, why);
		else
			ksft_test_result_pass("%s\n", cases[i].name);
	}
	zc_remote_remove();
	ksft_finished();
}
