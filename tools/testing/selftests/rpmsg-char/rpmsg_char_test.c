// SPDX-License-Identifier: GPL-2.0
/*
 * Selftests of /dev/rpmsg_ctrlN and /dev/rpmsgN (rpmsg_ctrl, rpmsg_char).
 *
 * A simulated remote processor (rproc-sim) runs the echo test firmware of
 * tools/rpmsg-remote, which offers echo services at 1000..1002 ("rpmsg-raw"
 * at 1002) and a control service at 1003. Every case talks to it through
 * the character devices only: messages, boundaries, limits, poll, the
 * receive queue bound, hostile ioctl arguments, and a crash and a removal
 * of the remote while nodes are open.
 *
 * Output is KTAP. Exit 0: all passed, 1: a failure, 4: skipped (no
 * simulator, no firmware or no rpmsg_ctrl).
 */
#define _GNU_SOURCE
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "../kselftest.h"

#define CFS		"/sys/kernel/config/rproc-sim"
#define FIRMWARE	"rproc-sim-echo.elf"
#define MTU		496
#define ADDR_ECHO	1001
#define ADDR_RAW	1002
#define ADDR_CTRL	1003
#define ADDR_FD_FAULT	1600	/* fixed local addresses of some cases */
#define ADDR_REOPEN	1700
#define ADDR_NODST	1701
#define STREAM_LEN	24	/* bytes of each message the remote streams */
#define STREAM_MS	4000	/* how long the reopen case runs */

/* The ABI of Linux 6.1 and of the later mainline ioctls, spelled out */
#define RPMSG_IOC(dir, nr, size)	_IOC(dir, 0xb5, nr, size)
static_assert(sizeof(struct rpmsg_endpoint_info) == 40, "endpoint_info");
static_assert(sizeof(struct rpmsg_endpoint_fd_info) == 48, "fd_info");
static_assert(RPMSG_CREATE_EPT_IOCTL == RPMSG_IOC(_IOC_WRITE, 1, 40), "");
static_assert(RPMSG_DESTROY_EPT_IOCTL == RPMSG_IOC(_IOC_NONE, 2, 0), "");
static_assert(RPMSG_CREATE_DEV_IOCTL == RPMSG_IOC(_IOC_WRITE, 3, 40), "");
static_assert(RPMSG_RELEASE_DEV_IOCTL == RPMSG_IOC(_IOC_WRITE, 4, 40), "");
static_assert(RPMSG_GET_OUTGOING_FLOWCONTROL == RPMSG_IOC(_IOC_READ, 5, 4), "");
static_assert(RPMSG_SET_INCOMING_FLOWCONTROL == RPMSG_IOC(_IOC_READ, 6, 4), "");
static_assert(RPMSG_CREATE_EPT_FD_IOCTL ==
	       RPMSG_IOC(_IOC_READ | _IOC_WRITE, 7, 48), "");
static_assert(RPMSG_ADDR_ANY == 0xFFFFFFFF, "");

static char inst[128];	/* configfs directory of our instance */
static char rproc[64];		/* remoteprocN */
static char why[512];		/* reason of the current case's failure */
static void *volatile bad_addr = (void *)8;	/* never mapped */

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

/* --- small helpers ------------------------------------------------------ */

static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return 0;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Milliseconds since @t0 (CLOCK_MONOTONIC): the waits are bounded by it */
static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* Is the class device @name (rpmsgN, rpmsg_ctrlN) below our remoteproc? */
static bool ours(const char *name)
{
	char path[PATH_MAX], real[PATH_MAX], needle[80];

	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s", name);
	if (!realpath(path, real))
		return false;
	snprintf(needle, sizeof(needle), "/%s/", rproc);
	return strstr(real, needle);
}

/* find_node()'s @dst for a node whose "dst" is RPMSG_ADDR_ANY */
#define NODST	(-2)

/*
 * Find the node of our remoteproc whose sysfs "name" is @ept (NULL: the
 * control node) and, unless @dst is -1, whose "dst" is @dst; skip @exclude.
 */
static int find_node(const char *ept, int dst, const char *exclude,
		     char *out, size_t size)
{
	struct dirent *de;
	char path[PATH_MAX], val[64];
	DIR *d = opendir("/sys/class/rpmsg");
	int ret = -ENOENT;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		bool ctrl = !strncmp(de->d_name, "rpmsg_ctrl", 10);

		if (de->d_name[0] == '.' || ctrl != !ept || !ours(de->d_name))
			continue;
		if (exclude && !strcmp(exclude, de->d_name))
			continue;
		if (ept) {
			snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/name",
				 de->d_name);
			if (read_file(path, val, sizeof(val)) || strcmp(val, ept))
				continue;
			snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/dst",
				 de->d_name);
			if (dst != -1 && (read_file(path, val, sizeof(val)) ||
					  atoi(val) != (dst == NODST ? -1 : dst)))
				continue;
		}
		snprintf(out, size, "/dev/%.64s", de->d_name);
		ret = 0;
		break;
	}
	closedir(d);
	return ret;
}

/* Wait at most 10 s for the node find_node() would return */
static int wait_node(const char *ept, int dst, char *out, size_t size)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (!find_node(ept, dst, NULL, out, size) && !access(out, F_OK))
			return 0;
		msleep(100);
	} while (ms_since(&t0) < 10000);
	return -ETIMEDOUT;
}

static int open_ctrl(void)
{
	char node[256];

	if (find_node(NULL, -1, NULL, node, sizeof(node)))
		return -1;
	return open(node, O_RDWR);
}

static struct rpmsg_endpoint_info epinfo(const char *name, unsigned int src,
					 unsigned int dst)
{
	struct rpmsg_endpoint_info info = { .src = src, .dst = dst };

	/* Cut to 31 bytes; the rest of the zeroed name terminates it */
	memcpy(info.name, name, strnlen(name, sizeof(info.name) - 1));
	return info;
}

/* Create an endpoint device through the control node and open it */
static int make_ept(const char *name, unsigned int src, unsigned int dst,
		    int flags)
{
	struct rpmsg_endpoint_info info = epinfo(name, src, dst);
	char node[256];
	int ctrl, fd;

	ctrl = open_ctrl();
	if (ctrl < 0)
		return -1;
	if (ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info)) {
		close(ctrl);
		return -1;
	}
	close(ctrl);
	if (wait_node(name, (int)dst, node, sizeof(node)))
		return -1;
	fd = open(node, O_RDWR | flags);
	return fd;
}

static int destroy_ept(int fd)
{
	int ret = ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);

	close(fd);
	return ret;
}

/* Read one message, waiting at most @ms */
static ssize_t read_wait(int fd, void *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) != 1)
		return -ETIMEDOUT;
	if (!(p.revents & POLLIN))
		return -EPIPE;
	return read(fd, buf, len);
}

static int echo_once(int fd, size_t len)
{
	char out[MTU], in[MTU + 16];
	ssize_t n;

	for (size_t i = 0; i < len; i++)
		out[i] = (char)(i * 7 + len);
	if (!expect(write(fd, out, len) == (ssize_t)len, "write %zu: %s", len,
		    strerror(errno)))
		return -1;
	n = read_wait(fd, in, sizeof(in), 5000);
	if (!expect(n == (ssize_t)len, "echo of %zu bytes came back as %zd", len, n))
		return -1;
	if (!expect(!memcmp(in, out, len), "echo of %zu bytes differs", len))
		return -1;
	return 0;
}

/* Send a text command to the firmware's control service, get the reply */
static int remote_cmd(const char *cmd, char *reply, size_t size)
{
	int fd = make_ept("uapi-ctrl", RPMSG_ADDR_ANY, ADDR_CTRL, 0);
	ssize_t n;

	if (fd < 0)
		return -1;
	if (write(fd, cmd, strlen(cmd)) < 0) {
		destroy_ept(fd);
		return -1;
	}
	n = reply ? read_wait(fd, reply, size - 1, 5000) : 0;
	if (reply && n >= 0)
		reply[n] = 0;
	destroy_ept(fd);
	return n < 0 ? -1 : 0;
}

/* --- the remote processor ----------------------------------------------- */

static int rproc_attr(const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/%s", rproc, attr);
	return write_file(path, val);
}

static int inst_attr(const char *attr, const char *val)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", inst, attr);
	return write_file(path, val);
}

static void remote_remove(void)
{
	inst_attr("live", "0");
	rmdir(inst);
}

/* Create the instance if needed, boot it and wait for the raw channel */
static int remote_up(void)
{
	char path[PATH_MAX], node[256], state[32];
	struct stat st;

	if (stat(inst, &st)) {
		if (mkdir(inst, 0755))
			return -errno;
		if (inst_attr("firmware", FIRMWARE) || inst_attr("live", "1"))
			return -EIO;
		snprintf(path, sizeof(path), "%s/remoteproc", inst);
		if (read_file(path, rproc, sizeof(rproc)))
			return -EIO;
	}
	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/state", rproc);
	if (read_file(path, state, sizeof(state)))
		return -EIO;
	if (strcmp(state, "running") && rproc_attr("state", "start"))
		return -EHOSTDOWN;
	if (wait_node("rpmsg-raw", ADDR_RAW, node, sizeof(node)))
		return -ETIMEDOUT;
	return 0;
}

/* --- cases ------------------------------------------------------------- */

static int t_nodes(void)
{
	char node[256];

	if (!expect(!find_node(NULL, -1, NULL, node, sizeof(node)),
		    "no rpmsg_ctrl node for %s", rproc))
		return -1;
	if (!expect(!find_node("rpmsg-raw", ADDR_RAW, NULL, node, sizeof(node)),
		    "no automatic node for the rpmsg-raw channel"))
		return -1;
	return 0;
}

static int t_raw_echo(void)
{
	char node[256];
	int fd, ret;

	if (!expect(!find_node("rpmsg-raw", ADDR_RAW, NULL, node, sizeof(node)),
		    "no rpmsg-raw node"))
		return -1;
	fd = open(node, O_RDWR);
	if (!expect(fd >= 0, "open %s: %s", node, strerror(errno)))
		return -1;
	if (!expect(open(node, O_RDWR) < 0 && errno == EBUSY,
		    "second open of %s not refused with EBUSY", node))
		return -1;
	ret = echo_once(fd, 5);
	if (!expect(ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0 && errno == EINVAL,
		    "destroying a channel's endpoint was not refused"))
		return -1;
	close(fd);
	return ret;
}

static int t_ept_echo(void)
{
	char node[256], path[PATH_MAX], val[32];
	int fd = make_ept("uapi-echo", RPMSG_ADDR_ANY, ADDR_ECHO, 0);

	if (!expect(fd >= 0, "cannot create and open an endpoint: %s", strerror(errno)))
		return -1;
	if (!expect(!find_node("uapi-echo", ADDR_ECHO, NULL, node, sizeof(node)),
		    "node vanished"))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/local_addr", node + 5);
	if (!expect(!read_file(path, val, sizeof(val)) && atoi(val) >= 1024,
		    "local_addr '%s' is not a dynamic address", val))
		return -1;
	for (size_t len = 1; len <= MTU; len += 55)
		if (echo_once(fd, len))
			return -1;
	if (!expect(!destroy_ept(fd), "destroy failed: %s", strerror(errno)))
		return -1;
	return 0;
}

static int t_boundaries(void)
{
	static const size_t sizes[] = { 1, 300, 17, MTU, 2 };
	char buf[2 * MTU];
	int fd = make_ept("uapi-bound", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	ssize_t n;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	for (size_t i = 0; i < 5; i++) {
		memset(buf, (int)i, sizes[i]);
		if (!expect(write(fd, buf, sizes[i]) == (ssize_t)sizes[i], "write"))
			return -1;
	}
	for (size_t i = 0; i < 5; i++) {
		n = read_wait(fd, buf, sizeof(buf), 5000);
		if (!expect(n == (ssize_t)sizes[i], "message %zu: read %zd, sent %zu",
			    i, n, sizes[i]))
			return -1;
		if (!expect(buf[0] == (char)i && buf[n - 1] == (char)i,
			    "message %zu has the wrong contents", i))
			return -1;
	}
	/* A short buffer gets the start of the message, the rest is gone */
	memset(buf, 'x', 100);
	if (!expect(write(fd, buf, 100) == 100, "write"))
		return -1;
	n = read_wait(fd, buf, 10, 5000);
	if (!expect(n == 10, "short read returned %zd", n))
		return -1;
	if (!expect(read_wait(fd, buf, sizeof(buf), 300) == -ETIMEDOUT,
		    "the rest of a truncated message was delivered"))
		return -1;
	destroy_ept(fd);
	return 0;
}

static int t_limits(void)
{
	char buf[MTU + 1] = "x", *big = calloc(1, 1u << 20);
	int fd = make_ept("uapi-limits", RPMSG_ADDR_ANY, ADDR_ECHO, O_NONBLOCK);

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(write(fd, buf, MTU + 1) < 0 && errno == EMSGSIZE,
		    "a message over the MTU was not refused with EMSGSIZE"))
		return -1;
	if (!expect(big && write(fd, big, 1u << 20) < 0 && errno == EMSGSIZE,
		    "a 1 MiB message was not refused with EMSGSIZE"))
		return -1;
	free(big);
	if (!expect(read(fd, buf, sizeof(buf)) < 0 && errno == EAGAIN,
		    "empty non-blocking read did not fail with EAGAIN"))
		return -1;
	if (!expect(write(fd, bad_addr, 10) < 0 && errno == EFAULT,
		    "write from NULL did not fail with EFAULT"))
		return -1;
	if (!expect(write(fd, buf, 1) == 1, "write"))
		return -1;
	if (!expect(read_wait(fd, bad_addr, 10, 5000) < 0 && errno == EFAULT,
		    "read into a bad pointer did not fail with EFAULT"))
		return -1;
	if (!expect(read(fd, buf, sizeof(buf)) == 1,
		    "the message was lost after a faulting read"))
		return -1;
	destroy_ept(fd);
	return 0;
}

/*
 * A write copies straight into a transmit buffer while the user pages are
 * present, and through a staging buffer when they must be faulted in:
 * pages never touched, a page boundary in the message, and a write that
 * faults for good, many times over, which must not leak a transmit buffer
 * (the ring has 256; a leak would end in EAGAIN).
 */
static int t_unfaulted(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	char in[MTU + 16], want[MTU];
	int fd = make_ept("uapi-fault", RPMSG_ADDR_ANY, ADDR_ECHO, O_NONBLOCK);
	char *p;
	ssize_t n;
	int ret = -1;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	p = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!expect(p != MAP_FAILED, "mmap: %s", strerror(errno)))
		goto out_close;
	if (!expect(!mprotect(p + 2 * pg, pg, PROT_NONE), "mprotect: %s",
		    strerror(errno)))
		goto out_unmap;

	/* Never touched: the message is zeros */
	memset(want, 0, MTU);
	n = write(fd, p, MTU);
	if (!expect(n == MTU, "write from an untouched page: %s", strerror(errno)) ||
	    !expect(read_wait(fd, in, sizeof(in), 5000) == MTU && !memcmp(in, want, MTU),
		    "echo of an untouched page differs"))
		goto out_unmap;

	/* Across a page boundary, the second page untouched */
	memset(p + pg - 100, 0x5a, 100);
	memset(want, 0x5a, 100);
	n = write(fd, p + pg - 100, MTU);
	if (!expect(n == MTU, "write across a page boundary: %s", strerror(errno)) ||
	    !expect(read_wait(fd, in, sizeof(in), 5000) == MTU && !memcmp(in, want, MTU),
		    "echo across a page boundary differs"))
		goto out_unmap;

	/* Into an inaccessible page: EFAULT, nothing sent, nothing leaked */
	for (int i = 0; i < 300; i++) {
		n = write(fd, p + 2 * pg - 10, 20);
		if (!expect(n < 0 && errno == EFAULT,
			    "write into a PROT_NONE page: %zd (%s)", n, strerror(errno)))
			goto out_unmap;
	}
	if (!expect(read_wait(fd, in, sizeof(in), 300) == -ETIMEDOUT,
		    "a faulting write sent something"))
		goto out_unmap;
	for (int i = 0; i < 8; i++)
		if (echo_once(fd, 64))
			goto out_unmap;
	ret = 0;
out_unmap:
	munmap(p, 3 * pg);
out_close:
	destroy_ept(fd);
	return ret;
}

/* --- this tree's extensions: MTU and batches ----------------------------- */

static_assert(sizeof(struct rpmsg_batch_msg) == 16, "batch_msg");
static_assert(sizeof(struct rpmsg_batch) == 16, "batch");
static_assert(RPMSG_GET_MTU_IOCTL == RPMSG_IOC(_IOC_READ, 0x40, 4), "");
static_assert(RPMSG_SEND_BATCH_IOCTL == RPMSG_IOC(_IOC_WRITE, 0x41, 16), "");
static_assert(RPMSG_RECV_BATCH_IOCTL == RPMSG_IOC(_IOC_WRITE, 0x42, 16), "");

static long batch(int fd, unsigned long cmd, struct rpmsg_batch_msg *m,
		  unsigned int count)
{
	struct rpmsg_batch b = {
		.msgs = (uintptr_t)m, .count = count,
	};

	return ioctl(fd, cmd, &b);
}

/* The MTU the ioctl reports is exactly what one write may carry */
static int t_mtu(void)
{
	char buf[MTU + 1] = "m";
	__u32 mtu = 0;
	int fd = make_ept("uapi-mtu", RPMSG_ADDR_ANY, ADDR_ECHO, 0);

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!ioctl(fd, RPMSG_GET_MTU_IOCTL, &mtu) && mtu == MTU,
		    "MTU ioctl: %s, %u", strerror(errno), mtu))
		return -1;
	if (!expect(!echo_once(fd, mtu), "a write of the MTU"))
		return -1;
	if (!expect(write(fd, buf, mtu + 1) < 0 && errno == EMSGSIZE,
		    "MTU + 1 was not refused with EMSGSIZE"))
		return -1;
	if (!expect(ioctl(fd, RPMSG_GET_MTU_IOCTL, bad_addr) < 0 &&
		    errno == EFAULT, "MTU into a bad pointer"))
		return -1;
	destroy_ept(fd);
	return 0;
}

/*
 * Receive batches until @want messages came or 5 s passed; check that
 * message i has length 1 + i * 29 % MTU and is filled with i.
 */
static int recv_batches(int fd, unsigned int want, unsigned int per_call)
{
	static char bufs[RPMSG_BATCH_MAX][MTU];
	struct rpmsg_batch_msg m[RPMSG_BATCH_MAX];
	unsigned int got = 0;

	while (got < want) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long n;

		if (!expect(poll(&p, 1, 5000) == 1, "%u of %u echoes", got, want))
			return -1;
		for (unsigned int i = 0; i < per_call; i++)
			m[i] = (struct rpmsg_batch_msg){
				.buf = (uintptr_t)bufs[i], .len = MTU };
		n = batch(fd, RPMSG_RECV_BATCH_IOCTL, m, per_call);
		if (!expect(n >= 1 && n <= per_call, "receive batch: %ld, %s",
			    n, strerror(errno)))
			return -1;
		for (long i = 0; i < n; i++, got++) {
			unsigned int len = 1 + got * 29 % MTU;

			if (!expect(m[i].done == len && bufs[i][0] == (char)got &&
				    bufs[i][len - 1] == (char)got,
				    "message %u: %u bytes, expected %u", got,
				    m[i].done, len))
				return -1;
		}
	}
	return 0;
}

/* Batches both ways: everything echoed once, in order, intact */
static int t_batch_echo(void)
{
	static char bufs[16][MTU];
	struct rpmsg_batch_msg m[16];
	int fd = make_ept("uapi-batch", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	char c;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	for (unsigned int i = 0; i < 16; i++) {
		m[i] = (struct rpmsg_batch_msg){ .buf = (uintptr_t)bufs[i],
						 .len = 1 + i * 29 % MTU };
		memset(bufs[i], i, m[i].len);
	}
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 16) == 16,
		    "send batch: %s", strerror(errno)))
		return -1;
	for (unsigned int i = 0; i < 16; i++)
		if (!expect(m[i].done == m[i].len, "sent %u of %u bytes",
			    m[i].done, m[i].len))
			return -1;
	/* Ask for more than will come: a partial batch, never a wait */
	if (recv_batches(fd, 16, 32))
		return -1;
	if (!expect(read_wait(fd, &c, 1, 300) == -ETIMEDOUT,
		    "more echoes than messages"))
		return -1;
	destroy_ept(fd);
	return 0;
}

/*
 * Payloads the kernel cannot copy without a page fault (a page never
 * touched) or may not send at all (over the MTU), amid ordinary ones:
 * the first go the way write() goes, intact and in order; the second end
 * the batch there.
 */
static int t_batch_mixed(void)
{
	static char bufs[8][MTU];
	struct rpmsg_batch_msg m[8];
	char *fresh, in[MTU];
	int fd = make_ept("uapi-batch-mixed", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	long n;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	fresh = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
		     -1, 0);
	if (!expect(fresh != MAP_FAILED, "mmap: %s", strerror(errno)))
		return -1;
	for (unsigned int i = 0; i < 8; i++) {
		m[i] = (struct rpmsg_batch_msg){ .buf = (uintptr_t)bufs[i],
						 .len = 1 + i };
		memset(bufs[i], 'a' + i, m[i].len);
	}
	/* Entries 2 and 5 in pages never touched: zeros */
	m[2].buf = (uintptr_t)fresh;
	m[5].buf = (uintptr_t)(fresh + 2 * 4096);
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 8) == 8,
		    "send batch with untouched pages: %s", strerror(errno)))
		return -1;
	for (unsigned int i = 0; i < 8; i++) {
		char want[MTU];

		memset(want, i == 2 || i == 5 ? 0 : 'a' + i, i + 1);
		if (!expect(read_wait(fd, in, MTU, 5000) == (ssize_t)i + 1 &&
			    !memcmp(in, want, i + 1), "echo %u wrong", i))
			return -1;
	}
	munmap(fresh, 3 * 4096);

	/* Entry 3 over the MTU: three go, the batch says so */
	m[2].buf = (uintptr_t)bufs[2];
	m[5].buf = (uintptr_t)bufs[5];
	m[3].len = MTU + 1;
	n = batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 8);
	if (!expect(n == 3, "send batch with entry 3 over the MTU: %ld", n))
		return -1;
	for (unsigned int i = 0; i < 3; i++)
		if (!expect(read_wait(fd, in, MTU, 5000) == (ssize_t)i + 1 &&
			    in[0] == 'a' + (int)i, "echo %u wrong", i))
			return -1;
	/* First entry over the MTU: its error, nothing sent */
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m + 3, 2) < 0 &&
		    errno == EMSGSIZE, "over the MTU first: %s", strerror(errno)))
		return -1;
	if (!expect(read_wait(fd, in, MTU, 300) == -ETIMEDOUT,
		    "a failed batch sent something"))
		return -1;
	destroy_ept(fd);
	return 0;
}

static volatile sig_atomic_t alarms;
static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

/* Bad batches are refused whole; a bad entry ends a batch before it */
static int t_batch_errors(void)
{
	char buf[MTU] = "e";
	struct rpmsg_batch_msg m[RPMSG_BATCH_MAX + 1];
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART */
	struct rpmsg_batch b = { .count = 1, .flags = 1 };
	struct pollfd p = { .events = POLLIN };
	int fd = make_ept("uapi-batch-err", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	long n;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	for (unsigned int i = 0; i <= RPMSG_BATCH_MAX; i++)
		m[i] = (struct rpmsg_batch_msg){ .buf = (uintptr_t)buf, .len = 1 };

	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 0) < 0 &&
		    errno == EINVAL, "count 0 accepted"))
		return -1;
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, RPMSG_BATCH_MAX + 1) < 0 &&
		    errno == EINVAL, "count over RPMSG_BATCH_MAX accepted"))
		return -1;
	b.msgs = (uintptr_t)m;
	if (!expect(ioctl(fd, RPMSG_SEND_BATCH_IOCTL, &b) < 0 && errno == EINVAL,
		    "flags accepted"))
		return -1;
	if (!expect(ioctl(fd, RPMSG_SEND_BATCH_IOCTL, bad_addr) < 0 &&
		    errno == EFAULT, "a bad argument pointer"))
		return -1;
	b = (struct rpmsg_batch){ .msgs = (uintptr_t)bad_addr, .count = 2 };
	if (!expect(ioctl(fd, RPMSG_SEND_BATCH_IOCTL, &b) < 0 && errno == EFAULT,
		    "a bad array pointer"))
		return -1;

	/* Entry 3 points nowhere: three messages go, the batch says so */
	m[3].buf = (uintptr_t)bad_addr;
	n = batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 6);
	if (!expect(n == 3, "send batch with a bad entry 3 returned %ld", n))
		return -1;
	m[3].buf = (uintptr_t)buf;
	/* A receive into a bad first buffer fails; the message stays */
	p.fd = fd;
	if (!expect(poll(&p, 1, 5000) == 1, "no echo"))
		return -1;
	m[0].buf = (uintptr_t)bad_addr;
	if (!expect(batch(fd, RPMSG_RECV_BATCH_IOCTL, m, 2) < 0 &&
		    errno == EFAULT, "receive into a bad first buffer"))
		return -1;
	for (int i = 0; i < 3; i++)
		if (!expect(read_wait(fd, buf, MTU, 5000) == 1,
			    "echo %d lost", i))
			return -1;
	/* A send whose first entry is bad: its error, nothing sent */
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 2) < 0 &&
		    errno == EFAULT, "bad first entry"))
		return -1;
	if (!expect(read_wait(fd, buf, MTU, 300) == -ETIMEDOUT,
		    "a failed batch sent something"))
		return -1;
	destroy_ept(fd);

	/* An empty non-blocking receive; a blocking one a signal ends */
	fd = make_ept("uapi-batch-eintr", RPMSG_ADDR_ANY, ADDR_ECHO, O_NONBLOCK);
	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	m[0].buf = (uintptr_t)buf;
	if (!expect(batch(fd, RPMSG_RECV_BATCH_IOCTL, m, 4) < 0 && errno == EAGAIN,
		    "empty non-blocking receive batch: %s", strerror(errno)))
		return -1;
	if (!expect(!fcntl(fd, F_SETFL, 0), "fcntl"))
		return -1;
	sigaction(SIGALRM, &sa, NULL);
	alarms = 0;
	alarm(1);
	n = batch(fd, RPMSG_RECV_BATCH_IOCTL, m, 4);
	signal(SIGALRM, SIG_DFL);
	if (!expect(n < 0 && errno == EINTR && alarms == 1,
		    "blocking receive batch and a signal: %ld, %s", n,
		    strerror(errno)))
		return -1;
	destroy_ept(fd);
	return 0;
}

static_assert(RPMSG_SET_BUSY_POLL_IOCTL == RPMSG_IOC(_IOC_WRITE, 0x43, 4), "");
static_assert(RPMSG_GET_BUSY_POLL_IOCTL == RPMSG_IOC(_IOC_READ, 0x44, 4), "");

static int busy_poll(int fd, __u32 us)
{
	return ioctl(fd, RPMSG_SET_BUSY_POLL_IOCTL, &us) ? -errno : 0;
}

/* Poll for input again and again for up to @ms: each poll() busy-polls */
static bool poll_quick(int fd, int ms)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 1) == 1)
			return p.revents & POLLIN;
	} while (ms_since(&t0) < ms);
	return false;
}

/*
 * Busy polling: set and read back, limits, 0 again after reopen; then,
 * with the remote adding its replies without a kick ("quiet on"), a
 * reply is seen only by a reader that busy-polls.
 */
static int t_busy_poll(void)
{
	char out[16] = "busy", in[64], reply[32] = "";
	int fd = make_ept("uapi-busy", RPMSG_ADDR_ANY, ADDR_ECHO, 0), ret = -1;
	__u32 us = 1;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!ioctl(fd, RPMSG_GET_BUSY_POLL_IOCTL, &us) && !us,
		    "default busy poll %u: %s", us, strerror(errno)))
		goto out;
	if (!expect(busy_poll(fd, RPMSG_BUSY_POLL_MAX_US + 1) == -EINVAL,
		    "busy poll over the maximum accepted") ||
	    !expect(ioctl(fd, RPMSG_SET_BUSY_POLL_IOCTL, bad_addr) < 0 &&
		    errno == EFAULT, "busy poll from a bad pointer") ||
	    !expect(!busy_poll(fd, RPMSG_BUSY_POLL_MAX_US), "maximum refused") ||
	    !expect(!ioctl(fd, RPMSG_GET_BUSY_POLL_IOCTL, &us) &&
		    us == RPMSG_BUSY_POLL_MAX_US, "read back %u", us))
		goto out;
	/* Blocking reads busy-poll, then sleep as before */
	for (int i = 0; i < 50; i++)
		if (echo_once(fd, 1 + i * 9))
			goto out;

	if (!expect(!busy_poll(fd, 0), "busy poll off") ||
	    !expect(!remote_cmd("quiet on", reply, sizeof(reply)) &&
		    !strcmp(reply, "ok"), "quiet on: '%s'", reply))
		goto out;
	if (!expect(write(fd, out, sizeof(out)) == sizeof(out), "write: %s",
		    strerror(errno)))
		goto out_loud;
	/* Without busy polling nothing tells Linux the reply is there */
	if (!expect(!poll_quick(fd, 500), "a reply came without a kick"))
		goto out_loud;
	if (!expect(!busy_poll(fd, 2000), "busy poll on") ||
	    !expect(poll_quick(fd, 10000), "busy polling did not find the reply") ||
	    !expect(read(fd, in, sizeof(in)) == sizeof(out) &&
		    !memcmp(in, out, sizeof(out)), "reply damaged"))
		goto out_loud;
	ret = 0;
out_loud:
	reply[0] = 0;
	if (!expect(!remote_cmd("quiet off", reply, sizeof(reply)) &&
		    !strcmp(reply, "ok"), "quiet off: '%s'", reply))
		ret = -1;
out:
	destroy_ept(fd);
	return ret;
}

static int t_poll(void)
{
	struct pollfd p;
	char buf[16];
	int fd = make_ept("uapi-poll", RPMSG_ADDR_ANY, ADDR_ECHO, 0);

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	if (!expect(poll(&p, 1, 1000) == 1, "poll"))
		return -1;
	if (!expect(p.revents == POLLOUT, "idle endpoint polls 0x%x, want POLLOUT",
		    p.revents))
		return -1;
	if (!expect(write(fd, "ping", 4) == 4, "write"))
		return -1;
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	if (!expect(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN),
		    "no POLLIN for the echo"))
		return -1;
	if (!expect(read(fd, buf, sizeof(buf)) == 4, "read"))
		return -1;
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	if (!expect(poll(&p, 1, 200) == 0, "POLLIN without data (0x%x)", p.revents))
		return -1;
	destroy_ept(fd);
	return 0;
}

static int t_destroy(void)
{
	char node[256], buf[8];
	struct pollfd p;
	int fd = make_ept("uapi-destroy", RPMSG_ADDR_ANY, ADDR_ECHO, 0);

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!ioctl(fd, RPMSG_DESTROY_EPT_IOCTL), "destroy: %s",
		    strerror(errno)))
		return -1;
	if (!expect(ioctl(fd, RPMSG_DESTROY_EPT_IOCTL) < 0 && errno == EINVAL,
		    "double destroy not refused with EINVAL"))
		return -1;
	if (!expect(find_node("uapi-destroy", ADDR_ECHO, NULL, node, sizeof(node)),
		    "node still listed after destroy"))
		return -1;
	if (!expect(read(fd, buf, sizeof(buf)) < 0 && errno == EPIPE,
		    "read after destroy did not fail with EPIPE"))
		return -1;
	if (!expect(write(fd, "x", 1) < 0 && errno == EPIPE,
		    "write after destroy did not fail with EPIPE"))
		return -1;
	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	if (!expect(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP),
		    "poll after destroy: 0x%x, want POLLHUP", p.revents))
		return -1;
	close(fd);
	return 0;
}

static int t_hostile_ioctls(void)
{
	struct rpmsg_endpoint_fd_info fdinfo;
	struct rpmsg_endpoint_info info;
	int ctrl = open_ctrl(), ept;

	if (!expect(ctrl >= 0, "cannot open the control node"))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, NULL) < 0 && errno == EFAULT,
		    "NULL argument: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, (void *)-4096L) < 0 &&
		    errno == EFAULT, "kernel address argument: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, (void *)1) < 0 &&
		    errno == EFAULT, "unaligned bad pointer: %s", strerror(errno)))
		return -1;
	memset(&info, 'A', sizeof(info));
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0 && errno == EINVAL,
		    "name without NUL: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "channel name without NUL: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "release of a name without NUL: %s", strerror(errno)))
		return -1;
	memset(&fdinfo, 'B', sizeof(fdinfo));
	fdinfo.flags = O_RDWR;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &fdinfo) < 0 &&
		    errno == EINVAL, "fd endpoint name without NUL: %s",
		    strerror(errno)))
		return -1;
	fdinfo.name[0] = 0;
	fdinfo.flags = O_ACCMODE;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &fdinfo) < 0 &&
		    errno == EINVAL, "access mode 3: %s", strerror(errno)))
		return -1;
	info = epinfo("", RPMSG_ADDR_ANY, 5);
	if (!expect(ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "empty channel name: %s", strerror(errno)))
		return -1;
	info = epinfo("rpmsg_ctrl", 0, 0);
	if (!expect(ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "releasing the control channel itself: %s", strerror(errno)))
		return -1;
	info = epinfo("no-such-channel", 7, 7);
	if (!expect(ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "releasing a missing channel: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, _IOW(0xb5, 0x1, char[64]), &info) < 0 &&
		    errno == ENOTTY, "wrong argument size not refused with ENOTTY"))
		return -1;
	if (!expect(ioctl(ctrl, _IO(0xb5, 0x7f)) < 0 && errno == ENOTTY,
		    "unknown ioctl not refused with ENOTTY"))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_DESTROY_EPT_IOCTL) < 0 && errno == ENOTTY,
		    "endpoint ioctl on the control node not refused"))
		return -1;
	if (!expect(read(ctrl, &info, sizeof(info)) < 0, "control node is readable"))
		return -1;
	close(ctrl);

	ept = make_ept("uapi-hostile", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	if (!expect(ept >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(ioctl(ept, RPMSG_CREATE_EPT_IOCTL, &info) < 0 && errno == ENOTTY,
		    "control ioctl on an endpoint node not refused"))
		return -1;
	if (!expect(ioctl(ept, RPMSG_GET_OUTGOING_FLOWCONTROL, NULL) < 0 &&
		    errno == EFAULT, "flow control read into NULL"))
		return -1;
	if (!expect(ioctl(ept, RPMSG_SET_INCOMING_FLOWCONTROL, -1L) < 0 &&
		    errno == EINVAL, "flow control set to -1: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ept, RPMSG_CREATE_EPT_FD_IOCTL, &fdinfo) < 0 &&
		    errno == ENOTTY, "fd ioctl on an endpoint node not refused"))
		return -1;
	destroy_ept(ept);
	return 0;
}

static int t_addresses(void)
{
	int a = make_ept("uapi-fixed", 1500, ADDR_ECHO, 0), b;
	char node[256];

	if (!expect(a >= 0, "cannot create an endpoint at 1500: %s", strerror(errno)))
		return -1;
	if (echo_once(a, 33))
		return -1;
	/* a second node asking for the same address cannot open ... */
	b = make_ept("uapi-fixed2", 1500, ADDR_ECHO, 0);
	if (!expect(b < 0 && errno == EADDRINUSE,
		    "second endpoint at 1500 opened (%s)", strerror(errno)))
		return -1;
	if (!expect(!find_node("uapi-fixed2", ADDR_ECHO, NULL, node, sizeof(node)),
		    "second node missing"))
		return -1;
	/* ... until the address is free again */
	destroy_ept(a);
	b = open(node, O_RDWR);
	if (!expect(b >= 0, "1500 still busy after destroy: %s", strerror(errno)))
		return -1;
	if (echo_once(b, 1))
		return -1;
	destroy_ept(b);
	return 0;
}

static int t_create_dev(void)
{
	struct rpmsg_endpoint_info info = epinfo("rpmsg-raw", RPMSG_ADDR_ANY,
						 ADDR_ECHO);
	struct rpmsg_batch_msg m[2] = {
		{ .buf = (uintptr_t)"a", .len = 1 },
		{ .buf = (uintptr_t)"b", .len = 1 },
	};
	char raw[256], node[256];
	int ctrl = open_ctrl(), fd;

	if (!expect(ctrl >= 0, "cannot open the control node"))
		return -1;
	if (!expect(!find_node("rpmsg-raw", ADDR_RAW, NULL, raw, sizeof(raw)),
		    "no rpmsg-raw node"))
		return -1;
	if (!expect(!ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info), "create: %s",
		    strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info) < 0 && errno == ENXIO,
		    "duplicate channel: %s", strerror(errno)))
		return -1;
	if (!expect(!wait_node("rpmsg-raw", ADDR_ECHO, node, sizeof(node)),
		    "local rpmsg-raw channel got no node"))
		return -1;
	fd = open(node, O_RDWR);
	if (!expect(fd >= 0, "open %s: %s", node, strerror(errno)))
		return -1;
	if (echo_once(fd, 100))
		return -1;
	if (!expect(!ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info), "release: %s",
		    strerror(errno)))
		return -1;
	if (!expect(read(fd, node, 8) < 0 && errno == EPIPE,
		    "read on a released channel's node: %s", strerror(errno)))
		return -1;
	close(fd);
	if (!expect(ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info) < 0 && errno == EINVAL,
		    "double release: %s", strerror(errno)))
		return -1;

	/* A channel without a remote address: writes and batches refused */
	info = epinfo("rpmsg-raw", ADDR_NODST, RPMSG_ADDR_ANY);
	if (!expect(!ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info),
		    "create without dst: %s", strerror(errno)))
		return -1;
	if (!expect(!wait_node("rpmsg-raw", NODST, node, sizeof(node)),
		    "channel without dst got no node"))
		return -1;
	fd = open(node, O_RDWR);
	if (!expect(fd >= 0, "open %s: %s", node, strerror(errno)))
		return -1;
	if (!expect(write(fd, "x", 1) < 0 && errno == EINVAL,
		    "write without dst: %s", strerror(errno)))
		return -1;
	if (!expect(batch(fd, RPMSG_SEND_BATCH_IOCTL, m, 2) < 0 &&
		    errno == EINVAL, "send batch without dst: %s",
		    strerror(errno)))
		return -1;
	close(fd);
	if (!expect(!ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info), "release: %s",
		    strerror(errno)))
		return -1;
	close(ctrl);
	return 0;
}

static int t_ept_fd(void)
{
	struct rpmsg_endpoint_fd_info info = { .src = RPMSG_ADDR_ANY,
					       .dst = ADDR_ECHO,
					       .flags = O_RDWR | O_CLOEXEC };
	int ctrl = open_ctrl(), ret;

	if (!expect(ctrl >= 0, "cannot open the control node"))
		return -1;
	strcpy(info.name, "uapi-fd");
	if (!expect(!ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info), "create: %s",
		    strerror(errno)))
		return -1;
	if (!expect(info.fd > 2, "no fd returned"))
		return -1;
	if (!expect(fcntl(info.fd, F_GETFD) == FD_CLOEXEC, "O_CLOEXEC not applied"))
		return -1;
	ret = echo_once(info.fd, 200);
	close(info.fd);
	if (ret)
		return ret;
	info.flags = 0x40000000;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info) < 0 &&
		    errno == EINVAL, "bad flags: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, (void *)16) < 0 &&
		    errno == EFAULT, "bad pointer: %s", strerror(errno)))
		return -1;
	close(ctrl);
	return 0;
}

/* Number of open file descriptors of this process */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += de->d_name[0] != '.';
	closedir(d);
	return n;
}

/*
 * CREATE_EPT_FD with a result the kernel cannot write back (the argument
 * sits in a read-only page): the request fails with EFAULT and leaves
 * nothing behind, neither a descriptor the program never learned about
 * nor the endpoint (its fixed address can be taken again at once).
 */
static int t_ept_fd_fault(void)
{
	struct rpmsg_endpoint_fd_info info = { .src = ADDR_FD_FAULT,
					       .dst = ADDR_ECHO,
					       .flags = O_RDWR };
	long page = sysconf(_SC_PAGESIZE);
	struct rpmsg_endpoint_fd_info *ro = mmap(NULL, page,
						  PROT_READ | PROT_WRITE,
						  MAP_PRIVATE | MAP_ANONYMOUS,
						  -1, 0);
	int ctrl = open_ctrl(), before, after, ret = -1;

	if (!expect(ctrl >= 0 && ro != MAP_FAILED, "control node, mmap"))
		return -1;
	strcpy(info.name, "uapi-fd-fault");
	*ro = info;
	if (!expect(!mprotect(ro, page, PROT_READ), "mprotect: %s",
		    strerror(errno)))
		goto out;
	before = count_fds();
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, ro) < 0 &&
		    errno == EFAULT, "read-only result: %s", strerror(errno)))
		goto out;
	after = count_fds();
	if (!expect(before > 0 && after == before,
		    "%d descriptors before the failed request, %d after",
		    before, after))
		goto out;
	if (!expect(!ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info),
		    "address %d still taken after the failed request: %s",
		    ADDR_FD_FAULT, strerror(errno)))
		goto out;
	ret = echo_once(info.fd, 20);
	close(info.fd);
out:
	munmap(ro, page);
	close(ctrl);
	return ret;
}

static int t_flow_control(void)
{
	int fd = make_ept("uapi-flow", RPMSG_ADDR_ANY, ADDR_ECHO, 0), v = -1;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!ioctl(fd, RPMSG_GET_OUTGOING_FLOWCONTROL, &v) && v == 0,
		    "outgoing flow control: %d (%s)", v, strerror(errno)))
		return -1;
	if (!expect(ioctl(fd, RPMSG_SET_INCOMING_FLOWCONTROL, 2) < 0 &&
		    errno == EINVAL, "set 2: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(fd, RPMSG_SET_INCOMING_FLOWCONTROL, 1) < 0 &&
		    errno == EOPNOTSUPP, "set 1 on virtio: %s", strerror(errno)))
		return -1;
	destroy_ept(fd);
	return 0;
}

/* The remote sends first, faster than we read: the queue bound holds */
static int t_rx_bound(void)
{
	char node[256], path[PATH_MAX], val[32], cmd[64], reply[64];
	char buf[MTU];
	int fd = make_ept("uapi-flood", RPMSG_ADDR_ANY, ADDR_ECHO, O_NONBLOCK);
	int got = 0, count = 300;
	unsigned int first = 0;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!find_node("uapi-flood", ADDR_ECHO, NULL, node, sizeof(node)),
		    "node"))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/local_addr", node + 5);
	if (!expect(!read_file(path, val, sizeof(val)), "local_addr"))
		return -1;
	snprintf(cmd, sizeof(cmd), "burst %s %d %d", val, count, MTU);
	if (!expect(!remote_cmd(cmd, reply, sizeof(reply)), "burst command"))
		return -1;
	if (!expect(sscanf(reply, "ok sent %d", &count) == 1 && count > 100,
		    "burst reply '%s'", reply))
		return -1;
	msleep(500);
	while (read(fd, buf, sizeof(buf)) == MTU) {
		if (!got)
			memcpy(&first, buf, 4);
		got++;
	}
	if (!expect(errno == EAGAIN, "drain ended with %s", strerror(errno)))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/rx_dropped", node + 5);
	if (!expect(!read_file(path, val, sizeof(val)), "rx_dropped"))
		return -1;
	printf("# %d queued, %s dropped\n", got, val);
	if (!expect(got > 0 && got < count, "%d of %d messages queued", got, count))
		return -1;
	if (!expect(got + atoi(val) == count, "%d queued + %s dropped != %d", got,
		    val, count))
		return -1;
	if (!expect(first == 0, "oldest message kept is #%u, want #0", first))
		return -1;
	if (echo_once(fd, 10))
		return -1;
	destroy_ept(fd);
	return 0;
}

/*
 * The remote stops taking messages: non-blocking writes fill the transmit
 * ring, then fail with EAGAIN; poll withholds POLLOUT until the remote
 * drains the ring, and nothing written is lost.
 */
static int t_tx_full(void)
{
	int fd = make_ept("uapi-full", RPMSG_ADDR_ANY, ADDR_ECHO, O_NONBLOCK);
	char reply[32], buf[8];
	struct pollfd p;
	int sent = 0, got = 0;
	ssize_t n = 0;

	if (!expect(fd >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!remote_cmd("stall 2000", reply, sizeof(reply)) &&
		    !strcmp(reply, "ok"), "stall command: '%s'", reply))
		return -1;
	while (sent < 4096 && (n = write(fd, "f", 1)) == 1)
		sent++;
	if (!expect(n < 0 && errno == EAGAIN && sent > 0,
		    "after %d writes: %zd (%s), want EAGAIN", sent, n,
		    strerror(errno)))
		return -1;
	printf("# %d messages fill the ring\n", sent);
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	if (!expect(poll(&p, 1, 0) == 0, "full ring polls 0x%x", p.revents))
		return -1;
	if (!expect(poll(&p, 1, 10000) == 1 && p.revents == POLLOUT,
		    "no POLLOUT once the remote runs again (0x%x)", p.revents))
		return -1;
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	while (got < sent && poll(&p, 1, 3000) == 1 &&
	       read(fd, buf, sizeof(buf)) == 1)
		got++;
	if (!expect(got == sent, "%d of %d echoes came back", got, sent))
		return -1;
	destroy_ept(fd);
	return 0;
}

/* Find the rpmsg-raw node (/dev path into @node) and read its @attr */
static int raw_attr(char *node, size_t size, const char *attr, char *val,
		    size_t vsize)
{
	char path[PATH_MAX];

	if (!expect(!find_node("rpmsg-raw", ADDR_RAW, NULL, node, size),
		    "no rpmsg-raw node"))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/%s", node + 5, attr);
	return expect(!read_file(path, val, vsize), "read %s", path) ? 0 : -1;
}

/* Is @buf (@n bytes) a message the remote streams? Its number in @nr */
static bool stream_msg(const unsigned char *buf, ssize_t n, unsigned int *nr)
{
	if (n != STREAM_LEN)
		return false;
	memcpy(nr, buf, 4);
	for (int k = 4; k < n; k++)
		if (buf[k] != (unsigned char)(*nr + k))
			return false;
	return true;
}

/*
 * Child of t_reopen(): has the remote send bursts of 16 messages through
 * the control service @fd, to @dst[0] and @dst[1] in turn, until killed.
 */
static void __attribute__((noreturn)) streamer(int fd, const unsigned int *dst)
{
	char cmd[64], reply[64];
	ssize_t n;

	for (unsigned int i = 0;; i++) {
		snprintf(cmd, sizeof(cmd), "burst %u 16 %d", dst[i & 1],
			 STREAM_LEN);
		if (write(fd, cmd, strlen(cmd)) < 0)
			_exit(2);
		n = read_wait(fd, reply, sizeof(reply), 5000);
		if (n < 2 || strncmp(reply, "ok", 2))
			_exit(3);
	}
}

/* Tally of t_reopen() */
struct reopen_stats {
	int sessions;
	int stream;		/* streamed messages read */
	int out_of_order;	/* streamed message not following the last */
};

/*
 * One session of t_reopen() on @node: open, send token @k to the echo
 * service and, unless the session is to be abandoned (odd @k), read until
 * its echo. Every message read must be intact: a streamed message, our
 * token, or the token of an abandoned session whose echo came after its
 * close. A token read before never comes back.
 */
static int reopen_session(const char *node, int k, struct reopen_stats *st)
{
	unsigned char buf[MTU], tok[40] = "";
	unsigned int nr, last = ~0u;
	int fd = open(node, O_RDWR), seen;
	ssize_t n;

	if (!expect(fd >= 0, "open %s: %s", node, strerror(errno)))
		return -1;
	snprintf((char *)tok, sizeof(tok), "token %d", k);
	if (!expect(write(fd, tok, sizeof(tok)) == sizeof(tok), "write: %s",
		    strerror(errno)))
		goto fail;
	while (!(k & 1)) {
		n = read_wait(fd, buf, sizeof(buf), 5000);
		if (stream_msg(buf, n, &nr)) {
			st->out_of_order += last != ~0u && nr &&
					    nr != last + 1;
			last = nr;
			st->stream++;
			continue;
		}
		if (!expect(n == sizeof(tok) &&
			    sscanf((char *)buf, "token %d", &seen) == 1,
			    "session %d on %s: bad message of %zd bytes", k,
			    node, n))
			goto fail;
		if (seen == k)
			break;
		if (!expect(seen < k && (seen & 1),
			    "session %d on %s got token %d", k, node, seen))
			goto fail;
	}
	close(fd);
	st->sessions++;
	return 0;
fail:
	close(fd);
	return -1;
}

/*
 * Close and reopen while the remote streams: the rpmsg-raw node (whose
 * channel endpoint keeps receiving while it is closed) and a node at a
 * fixed address (whose endpoint comes and goes with each open) are opened
 * and closed in turn for a few seconds, half of the sessions leaving an
 * echo in flight, while the remote keeps sending bursts to both. Nothing
 * crosses a close intact-looking but wrong, and no message is mangled.
 */
static int t_reopen(void)
{
	struct reopen_stats st = { 0 };
	char raw[256], fixed[256], path[PATH_MAX], val[32], d0[32], d1[32];
	unsigned int dst[2] = { 0, ADDR_REOPEN };
	struct timespec t0;
	int ctl, fd, status, ret = 0;
	pid_t child;

	if (raw_attr(raw, sizeof(raw), "src", val, sizeof(val)))
		return -1;
	dst[0] = (unsigned int)atoi(val);
	fd = make_ept("uapi-reopen", ADDR_REOPEN, ADDR_ECHO, 0);
	if (!expect(fd >= 0, "cannot create the fixed-address node"))
		return -1;
	close(fd);
	if (!expect(!find_node("uapi-reopen", ADDR_ECHO, NULL, fixed,
			       sizeof(fixed)), "fixed-address node missing"))
		return -1;
	snprintf(path, sizeof(path), "/sys/class/rpmsg/%s/rx_dropped", raw + 5);
	read_file(path, d0, sizeof(d0));

	ctl = make_ept("uapi-stream", RPMSG_ADDR_ANY, ADDR_CTRL, 0);
	if (!expect(ctl >= 0, "cannot reach the control service"))
		return -1;
	child = fork();
	if (!child)
		streamer(ctl, dst);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int k = 0; !ret && ms_since(&t0) < STREAM_MS; k++)
		ret = reopen_session(k & 2 ? fixed : raw, k, &st);

	kill(child, SIGKILL);
	waitpid(child, &status, 0);
	destroy_ept(ctl);
	fd = open(fixed, O_RDWR);
	destroy_ept(fd);
	/* The remote works in order: after the pong nothing is in flight */
	if (!expect(!remote_cmd("ping", val, sizeof(val)) && !strcmp(val, "pong"),
		    "no pong after the stream"))
		ret = -1;
	/* and closing the raw node leaves it empty for the next cases */
	fd = open(raw, O_RDWR);
	close(fd);
	read_file(path, d1, sizeof(d1));
	printf("# %d sessions, %d streamed messages read, %d out of order, %s dropped\n",
	       st.sessions, st.stream, st.out_of_order, d1);
	if (ret)
		return -1;
	if (!expect(!WIFEXITED(status), "the streamer failed (%d)",
		    WEXITSTATUS(status)))
		return -1;
	if (!expect(st.stream > 0, "nothing streamed arrived"))
		return -1;
	/* Only a full queue may leave a hole in a burst */
	if (!expect(!st.out_of_order || strcmp(d0, d1),
		    "%d streamed messages out of order", st.out_of_order))
		return -1;
	return 0;
}

/* Line @key=@val (or @key= with any value if @val is NULL) in @uevent? */
static bool has_var(const char *uevent, const char *key, const char *val)
{
	char line[128];
	size_t len;

	len = (size_t)snprintf(line, sizeof(line), "%s=%s", key, val ? val : "");
	for (const char *l = uevent; l; l = strchr(l, '\n'), l = l ? l + 1 : l)
		if (!strncmp(l, line, len) &&
		    (val ? (l[len] == '\n' || !l[len]) : l[len] && l[len] != '\n'))
			return true;
	return false;
}

/* Run @fn as user nobody with supplementary group @gid (-1: none) */
static int as_nobody(int gid, int (*fn)(const char *), const char *arg)
{
	int status;
	pid_t child = fork();

	if (!child) {
		gid_t g = gid;

		if (setgroups(gid < 0 ? 0 : 1, &g) || setgid(65534) ||
		    setuid(65534))
			_exit(100);
		_exit(fn(arg));
	}
	if (child < 0 || waitpid(child, &status, 0) != child ||
	    !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int nobody_echo(const char *node)
{
	int fd = open(node, O_RDWR), ret;

	if (fd < 0)
		return errno == EACCES ? 2 : 3;
	ret = echo_once(fd, 16);
	close(fd);
	return ret ? 4 : 0;
}

/*
 * Non-root access as the shipped udev rule sets it up: every property
 * the rule matches on is in the node's uevent, and with the rule's group
 * and mode applied (there is no udev in the test image, so by hand) a user
 * in that group can talk to the remote and any other user cannot.
 */
static int t_udev(void)
{
	char node[256], uevent[1024], rules[4096], var[64];
	const char *r;
	int ret;

	if (raw_attr(node, sizeof(node), "uevent", uevent, sizeof(uevent)))
		return -1;
	if (!expect(has_var(uevent, "DEVNAME", node + 5) &&
		    has_var(uevent, "RPMSG_NAME", "rpmsg-raw") &&
		    has_var(uevent, "RPMSG_DST", "1002") &&
		    has_var(uevent, "RPMSG_SRC", NULL) &&
		    has_var(uevent, "RPMSG_PARENT", NULL),
		    "uevent lacks the rpmsg properties:\n%s", uevent))
		return -1;
	if (!expect(!read_file("/lib/udev/rules.d/60-rpmsg.rules", rules,
			       sizeof(rules)), "sample udev rule not installed"))
		return -1;
	/* Every ENV{} key of an active rule must be one the kernel sends */
	for (r = rules; (r = strstr(r, "ENV{")); r += 4) {
		const char *bol = r;

		while (bol > rules && bol[-1] != '\n')
			bol--;
		if (*bol == '#')
			continue;
		if (!expect(sscanf(r, "ENV{%63[A-Z_]}", var) == 1 &&
			    has_var(uevent, var, NULL),
			    "the rule matches ENV{%s}, not in the uevent", var))
			return -1;
	}

	/* GROUP="rpmsg", MODE="0660", with gid 4242 standing in for it */
	if (!expect(!chown(node, 0, 4242) && !chmod(node, 0660), "chown"))
		return -1;
	ret = as_nobody(4242, nobody_echo, node);
	if (!expect(!ret, "a member of the group cannot use %s (%d)", node, ret))
		goto out;
	ret = as_nobody(-1, nobody_echo, node);
	if (!expect(ret == 2, "another user got access to %s (%d)", node, ret))
		ret = -1;
	else
		ret = 0;
out:
	if (chown(node, 0, 0) || chmod(node, 0600))
		ret = -1;
	return ret ? -1 : 0;
}

/*
 * RPMSG_RELEASE_DEV_IOCTL racing with the removal of the transport, which
 * removes the same channels: a process creates and releases a channel in
 * a loop while the processor is stopped. Exactly one side may remove each
 * channel; the loop ends with ENODEV once the control node is gone.
 */
static int t_release_race(void)
{
	struct rpmsg_endpoint_info info = epinfo("rpmsg-raw", RPMSG_ADDR_ANY,
						 ADDR_ECHO);
	volatile int *rounds = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int ctrl = open_ctrl(), status;
	pid_t child;

	if (!expect(ctrl >= 0 && rounds != MAP_FAILED, "control node, mmap"))
		return -1;
	*rounds = 0;
	child = fork();
	if (!child) {
		for (int i = 0; i < 100000; i++, (*rounds)++) {
			if (ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info) < 0 &&
			    errno == ENODEV)
				_exit(i ? 0 : 2);
			if (ioctl(ctrl, RPMSG_RELEASE_DEV_IOCTL, &info) < 0 &&
			    errno == ENODEV)
				_exit(i ? 0 : 2);
		}
		_exit(1);
	}
	msleep(300);
	if (!expect(!rproc_attr("state", "stop"), "stop: %s", strerror(errno)))
		return -1;
	if (!expect(waitpid(child, &status, 0) == child && WIFEXITED(status),
		    "the racing process died"))
		return -1;
	printf("# %d create/release rounds until the removal\n", *rounds);
	if (!expect(!WEXITSTATUS(status), "racing process exited %d",
		    WEXITSTATUS(status)))
		return -1;
	munmap((void *)rounds, sizeof(int));
	close(ctrl);
	return 0;
}

/*
 * One racer of t_destroy_race(): create an endpoint through the control
 * node, open it (a node, or a CREATE_EPT_FD file when @anon) and destroy
 * it, over and over, until the control node reports ENODEV. Exits 0 then,
 * 2 when the control node was gone before its first round, 1 when a round
 * went wrong for another reason.
 */
static void __attribute__((noreturn)) racer_end(int k, int i)
{
	if (errno == ENODEV)
		_exit(i ? 0 : 2);
	printf("# racer %d, round %d: %s\n", k, i, strerror(errno));
	_exit(1);
}

static void __attribute__((noreturn)) destroy_racer(int ctrl, int k, bool anon)
{
	char node[256];

	for (int i = 0; i < 100000; i++) {
		struct rpmsg_endpoint_info info;
		struct rpmsg_endpoint_fd_info fdi = { .flags = O_RDWR, .fd = -1 };
		char name[32];
		int fd = -1;

		snprintf(name, sizeof(name), "race%d.%d", k, i);
		info = epinfo(name, RPMSG_ADDR_ANY, ADDR_ECHO);
		if (anon) {
			memcpy(fdi.name, info.name, sizeof(fdi.name));
			fdi.src = info.src;
			fdi.dst = info.dst;
			/*
			 * EADDRINUSE: the transport going away refused the
			 * endpoint before the control node went
			 */
			if (ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &fdi) < 0 &&
			    errno != EADDRINUSE)
				racer_end(k, i);
			fd = fdi.fd;
		} else {
			if (ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0)
				racer_end(k, i);
			/* The node may already be gone with the removal */
			if (!find_node(name, -1, NULL, node, sizeof(node)))
				fd = open(node, O_RDWR);
		}
		/* Destroyed by the removal first: EINVAL; either is fine */
		if (fd >= 0) {
			ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
			close(fd);
		}
	}
	_exit(1);
}

/*
 * RPMSG_DESTROY_EPT_IOCTL racing with the removal of rpmsg_ctrl, which
 * destroys the same endpoints (a 1000-cycle soak once caught the ioctl
 * deleting a node whose parent the removal had already deleted). Four
 * processes, two on nodes and two on CREATE_EPT_FD files, create and
 * destroy endpoints while the processor is stopped, in five rounds. The
 * race is a matter of timing, so a single run may pass on a broken
 * kernel; what it catches (a splat, a hang, a leak) fails the whole run.
 */
static int t_destroy_race(void)
{
	enum { RACERS = 4, ROUNDS = 5 };

	for (int r = 0; r < ROUNDS; r++) {
		pid_t kids[RACERS];
		int ctrl, status;

		if (!expect(!remote_up(), "round %d: remote did not come up", r))
			return -1;
		ctrl = open_ctrl();
		if (!expect(ctrl >= 0, "round %d: control node", r))
			return -1;
		for (int k = 0; k < RACERS; k++) {
			kids[k] = fork();
			if (!kids[k])
				destroy_racer(ctrl, k, k & 1);
		}
		msleep(100 + 50 * r);
		if (!expect(!rproc_attr("state", "stop"), "stop: %s",
			    strerror(errno)))
			return -1;
		for (int k = 0; k < RACERS; k++) {
			if (!expect(waitpid(kids[k], &status, 0) == kids[k] &&
				    WIFEXITED(status), "racer %d died", k))
				return -1;
			/* 2: stopped before its first round, still fine */
			if (!expect(WEXITSTATUS(status) != 1,
				    "round %d: racer %d failed", r, k))
				return -1;
		}
		close(ctrl);
	}
	return 0;
}

/* Wait until @fd polls POLLHUP; returns the last revents seen */
static int wait_hup(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* POLLIN and POLLOUT may be ready long before the hang-up */
	do {
		if (poll(&p, 1, 50) < 0)
			return 0;
		if (p.revents & POLLHUP)
			break;
		msleep(50);
	} while (ms_since(&t0) < ms);
	return p.revents;
}

/* Wait until our processor's state reads @want */
static int wait_state(const char *want, int ms)
{
	char path[PATH_MAX], state[32] = "";
	struct timespec t0;

	snprintf(path, sizeof(path), "/sys/class/remoteproc/%s/state", rproc);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		if (!read_file(path, state, sizeof(state)) && !strcmp(state, want))
			return 0;
		msleep(50);
	} while (ms_since(&t0) <= ms);
	return -1;
}

/*
 * A crash of the remote while nodes are open, one of them with a message
 * still queued and one with a reader blocked. With recovery enabled (the
 * default) the crash handler stops the remote, which removes its channels:
 * every open file reports the hang-up, hands out what it had queued and
 * then fails with EPIPE; the recovered remote brings fresh nodes.
 */
static int t_crash(void)
{
	char raw[256], buf[8];
	int ept, rfd, blk, status, ev;
	pid_t child;

	if (!expect(!rproc_attr("recovery", "enabled"), "recovery on"))
		return -1;
	ept = make_ept("uapi-crash", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	blk = make_ept("uapi-crash-blk", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	if (!expect(ept >= 0 && blk >= 0, "cannot create the endpoints"))
		return -1;
	if (!expect(!find_node("rpmsg-raw", ADDR_RAW, NULL, raw, sizeof(raw)), "raw"))
		return -1;
	rfd = open(raw, O_RDWR);
	if (!expect(rfd >= 0, "open raw"))
		return -1;
	/* Leave the echo of "q" queued on @ept */
	if (!expect(write(ept, "q", 1) == 1, "write"))
		return -1;
	{
		struct pollfd p = { .fd = ept, .events = POLLIN };

		if (!expect(poll(&p, 1, 5000) == 1, "no echo before the crash"))
			return -1;
	}

	child = fork();
	if (!child) {
		ssize_t n = read(blk, buf, sizeof(buf));

		_exit(n < 0 && errno == EPIPE ? 0 : 1);
	}
	msleep(200);
	if (!expect(!inst_attr("crash", "1"), "crash trigger refused"))
		return -1;

	ev = wait_hup(rfd, 10000);
	if (!expect((ev & (POLLHUP | POLLERR)) == (POLLHUP | POLLERR),
		    "raw node polls 0x%x after the crash, want POLLHUP|POLLERR", ev))
		return -1;
	if (!expect(read(rfd, buf, sizeof(buf)) < 0 && errno == EPIPE,
		    "raw read after crash: %s", strerror(errno)))
		return -1;
	if (!expect(write(rfd, "x", 1) < 0 && errno == EPIPE,
		    "raw write after crash: %s", strerror(errno)))
		return -1;
	ev = wait_hup(ept, 5000);
	if (!expect((ev & (POLLHUP | POLLIN)) == (POLLHUP | POLLIN) &&
		    !(ev & POLLOUT),
		    "endpoint with a queued message polls 0x%x, want POLLIN|POLLHUP",
		    ev))
		return -1;
	if (!expect(read(ept, buf, sizeof(buf)) == 1 && buf[0] == 'q',
		    "the queued message was not delivered after the crash"))
		return -1;
	if (!expect(read(ept, buf, sizeof(buf)) < 0 && errno == EPIPE,
		    "drained endpoint read after crash: %s", strerror(errno)))
		return -1;
	if (!expect(write(ept, "x", 1) < 0 && errno == EPIPE,
		    "endpoint write after crash: %s", strerror(errno)))
		return -1;
	if (!expect(waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		    !WEXITSTATUS(status), "blocked reader did not get EPIPE"))
		return -1;
	if (!expect(ioctl(ept, RPMSG_DESTROY_EPT_IOCTL) < 0 && errno == EINVAL,
		    "destroy after crash accepted"))
		return -1;
	close(rfd);
	close(ept);
	close(blk);

	/* The recovered remote comes back with fresh nodes */
	if (!expect(!wait_state("running", 20000), "remote not recovered"))
		return -1;
	if (!expect(!remote_up(), "remote not back after recovery"))
		return -1;
	ept = make_ept("uapi-crash", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	if (!expect(ept >= 0, "no endpoint after recovery"))
		return -1;
	if (echo_once(ept, 64))
		return -1;
	destroy_ept(ept);
	return 0;
}

/* Removing the whole remote processor with nodes open */
static int t_removal(void)
{
	char ctrlnode[256], buf[8];
	struct rpmsg_endpoint_info info = epinfo("late", RPMSG_ADDR_ANY, 5);
	int ept, ctrl;

	ept = make_ept("uapi-gone", RPMSG_ADDR_ANY, ADDR_ECHO, 0);
	if (!expect(ept >= 0, "cannot create an endpoint"))
		return -1;
	if (!expect(!find_node(NULL, -1, NULL, ctrlnode, sizeof(ctrlnode)), "ctrl"))
		return -1;
	ctrl = open(ctrlnode, O_RDWR);
	if (!expect(ctrl >= 0, "open ctrl"))
		return -1;
	remote_remove();
	if (!expect(read(ept, buf, sizeof(buf)) < 0 && errno == EPIPE,
		    "read after removal: %s", strerror(errno)))
		return -1;
	if (!expect(ioctl(ctrl, RPMSG_CREATE_EPT_IOCTL, &info) < 0 && errno == ENODEV,
		    "control ioctl after removal: %s", strerror(errno)))
		return -1;
	close(ept);
	close(ctrl);
	return 0;
}

/* --- main -------------------------------------------------------------- */

static const struct {
	const char *name;
	int (*fn)(void);
} cases[] = {
	{ "nodes_exist", t_nodes },
	{ "raw_channel_echo", t_raw_echo },
	{ "ctrl_endpoint_echo", t_ept_echo },
	{ "message_boundaries", t_boundaries },
	{ "size_limits_and_bad_buffers", t_limits },
	{ "write_from_unfaulted_pages", t_unfaulted },
	{ "mtu_ioctl", t_mtu },
	{ "batch_echo", t_batch_echo },
	{ "batch_errors", t_batch_errors },
	{ "batch_mixed", t_batch_mixed },
	{ "busy_poll", t_busy_poll },
	{ "poll_in_out", t_poll },
	{ "destroy_and_double_destroy", t_destroy },
	{ "hostile_ioctls", t_hostile_ioctls },
	{ "fixed_addresses", t_addresses },
	{ "create_release_channel", t_create_dev },
	{ "endpoint_fd", t_ept_fd },
	{ "endpoint_fd_unwritable_result", t_ept_fd_fault },
	{ "flow_control_ioctls", t_flow_control },
	{ "rx_queue_bound", t_rx_bound },
	{ "nonblocking_write_full_ring", t_tx_full },
	{ "reopen_while_remote_streams", t_reopen },
	{ "udev_rule_non_root_access", t_udev },
	{ "release_dev_vs_removal", t_release_race },
	{ "destroy_ept_vs_removal", t_destroy_race },
	{ "remote_crash_while_open", t_crash },
	{ "remote_removal_while_open", t_removal },
};

int main(void)
{
	int n = sizeof(cases) / sizeof(cases[0]), ret;
	char fw[PATH_MAX];

	setvbuf(stdout, NULL, _IOLBF, 0);
	ksft_print_header();
	snprintf(fw, sizeof(fw), "/lib/firmware/%s", FIRMWARE);
	if (access(CFS, F_OK) || access(fw, F_OK))
		ksft_exit_skip("needs %s and %s\n", CFS, fw);
	snprintf(inst, sizeof(inst), CFS "/uapi%d", getpid());
	ret = remote_up();
	if (ret) {
		ksft_print_msg("remote did not come up: %s\n", strerror(-ret));
		remote_remove();
		if (access("/sys/class/rpmsg", F_OK))
			ksft_exit_skip("no rpmsg_char/rpmsg_ctrl\n");
		/* The simulator's own selftests report why it cannot boot */
		if (ret == -EHOSTDOWN)
			ksft_exit_skip("the simulated processor does not boot\n");
		ksft_exit_fail_msg("remote did not come up\n");
	}

	ksft_set_plan(n);
	for (int i = 0; i < n; i++) {
		why[0] = 0;
		ret = remote_up() ? (snprintf(why, sizeof(why), "remote down"), -1)
				  : cases[i].fn();
		if (ret)
			ksft_test_result_fail("%s # %s\n", cases[i].name, why);
		else
			ksft_test_result_pass("%s\n", cases[i].name);
	}
	remote_remove();
	ksft_finished();
}
