// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * port.c - the rpmsg remote stack as an ordinary Linux process, over UIO
 *
 * rpmsg-remote-uio is the remote side of rpmsg in Linux userspace, the
 * shape of an OpenAMP/libmetal application on a Linux system that is not
 * the rpmsg master.  Here the master is the same kernel: a remoteproc
 * simulator instance whose runner is "uio" offers, while it is started, a
 * UIO device (include/uapi/linux/remoteproc_sim.h):
 *
 *   maps       /sys/class/uio/uioN/maps/mapK/{name,addr,size}: the regions,
 *              mapped with mmap(offset = K * page size); addr is both the
 *              physical and the device address of the region
 *   interrupt  Linux kicked us: poll() and read() on /dev/uioN
 *   doorbell   write() of RSIM_UIO_KICK | notify id, or RSIM_UIO_HEARTBEAT
 *
 * Linux loaded this remote's resource image (uio.lds) into the "mem"
 * region: the process finds the processed resource table and the trace
 * buffer there, at the addresses rr_layout.h names, and runs the test
 * firmware's main loop on them.  Vrings and message buffers are reached
 * only through the maps named vdev*, as the port contract asks.
 *
 * When Linux stops the remote, the device goes away: a read() or write()
 * fails and the process exits with 0.  Any other end of the process while
 * the remote runs is a crash to Linux, which recovers the remote and
 * waits for a process to attach again.
 *
 * Needs read access to sysfs and read/write access to /dev/uioN, nothing
 * more.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <linux/remoteproc_sim.h>

#include "fw.h"
#include "fw_main.h"
#include "rr_layout.h"
#include "rr_port.h"

#define UIO_MAX_MAPS	5	/* MAX_UIO_MAPS of the kernel */
#define UIO_BEAT_MS	100	/* at most one heartbeat per this period */

struct uio_map {
	char name[RSIM_NAME_LEN];
	uint64_t addr;
	uint64_t size;
	uint8_t *va;
};

static struct {
	const char *dev;
	int fd;
	unsigned int nr;
	struct uio_map map[UIO_MAX_MAPS];
	uint64_t last_beat_ms;
	bool verbose;
} uio = { .fd = -1 };

static void __attribute__((format(printf, 1, 2), noreturn)) die(const char *fmt, ...)
{
	va_list ap;

	fputs("rpmsg-remote-uio: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Read a one-line sysfs attribute into @buf; 0 or -errno. */
static int read_attr(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int parse_u64(const char *s, uint64_t *v)
{
	unsigned long long x;
	char *end;

	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno || end == s || *end || s[0] == '-')
		return -EINVAL;
	*v = x;
	return 0;
}

/* The uioN whose name is @name, or NULL; the result is static. */
static const char *find_uio(const char *name)
{
	static char found[NAME_MAX + 1];
	char path[PATH_MAX], val[64];
	struct dirent *de;
	DIR *d;

	d = opendir("/sys/class/uio");
	if (!d)
		return NULL;
	found[0] = '\0';
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "uio", 3))
			continue;
		snprintf(path, sizeof(path), "/sys/class/uio/%s/name", de->d_name);
		if (!read_attr(path, val, sizeof(val)) && !strcmp(val, name)) {
			snprintf(found, sizeof(found), "%s", de->d_name);
			break;
		}
	}
	closedir(d);
	return found[0] ? found : NULL;
}

/* Map every map of /sys/class/uio/@uion into our address space. */
static void map_all(const char *uion)
{
	char path[PATH_MAX], val[64];
	long page = sysconf(_SC_PAGESIZE);
	struct uio_map *m;
	unsigned int i;

	for (i = 0; i < UIO_MAX_MAPS; i++) {
		m = &uio.map[i];
		snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%u/name", uion, i);
		if (read_attr(path, m->name, sizeof(m->name)))
			break;
		snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%u/addr", uion, i);
		if (read_attr(path, val, sizeof(val)) || parse_u64(val, &m->addr))
			die("%s: map %u: no address", uion, i);
		snprintf(path, sizeof(path), "/sys/class/uio/%s/maps/map%u/size", uion, i);
		if (read_attr(path, val, sizeof(val)) || parse_u64(val, &m->size) ||
		    !m->size || m->size > SIZE_MAX || m->addr + m->size < m->addr)
			die("%s: map %u: bad size", uion, i);
		m->va = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_SHARED,
			     uio.fd, (off_t)i * page);
		if (m->va == MAP_FAILED)
			die("%s: map %u (%s): %s", uion, i, m->name, strerror(errno));
		if (uio.verbose)
			fprintf(stderr, "rpmsg-remote-uio: map %u %s %#llx+%#llx\n", i,
				m->name, (unsigned long long)m->addr,
				(unsigned long long)m->size);
	}
	uio.nr = i;
	if (!uio.nr)
		die("%s: no maps", uion);
}

/* [@da, @da + @len) inside one map (a vdev* map if @shared), or NULL. */
static void *lookup(uint64_t da, uint64_t len, bool shared)
{
	const struct uio_map *m;
	unsigned int i;

	for (i = 0; i < uio.nr; i++) {
		m = &uio.map[i];
		if (shared && strncmp(m->name, "vdev", 4))
			continue;
		if (da >= m->addr && da - m->addr <= m->size &&
		    len <= m->size - (da - m->addr))
			return m->va + (da - m->addr);
	}
	return NULL;
}

/* Linux stopped the remote: the device is gone. */
static void __attribute__((noreturn)) stopped(void)
{
	fprintf(stderr, "rpmsg-remote-uio: %s: stopped by Linux\n", uio.dev);
	exit(0);
}

static void doorbell(uint32_t value)
{
	int32_t v = (int32_t)value;

	if (write(uio.fd, &v, sizeof(v)) == sizeof(v))
		return;
	/* The device was unregistered (EINVAL from UIO, EIO) or the core stops */
	if (errno == EINVAL || errno == EIO || errno == ESHUTDOWN)
		stopped();
	/* ENOENT: no virtqueue with that id yet; Linux logs it */
}

void *rr_port_da_to_va(uint64_t da, uint32_t len)
{
	return lookup(da, len, true);
}

void rr_port_kick(uint32_t notifyid)
{
	doorbell(RSIM_UIO_KICK | (notifyid & RSIM_UIO_KICK_ID_MASK));
}

uint64_t rr_port_wait(uint32_t timeout_ms)
{
	struct pollfd p = { .fd = uio.fd, .events = POLLIN };
	int32_t count;
	int n;

	n = poll(&p, 1, timeout_ms > INT_MAX ? INT_MAX : (int)timeout_ms);
	if (n < 0) {
		if (errno == EINTR)
			return 1;
		die("poll: %s", strerror(errno));
	}
	if (!n)
		return 0;
	if (read(uio.fd, &count, sizeof(count)) != sizeof(count)) {
		if (errno == EINTR || errno == EAGAIN)
			return 1;
		stopped();
	}
	return 1;
}

void rr_port_alive(void)
{
	uint64_t now = now_ms();

	if (now - uio.last_beat_ms < UIO_BEAT_MS)
		return;
	uio.last_beat_ms = now;
	doorbell(RSIM_UIO_HEARTBEAT);
}

void rr_port_console(const char *s, size_t len)
{
	if (uio.verbose)
		fprintf(stderr, "rpmsg-remote-uio: %.*s", (int)len, s);
}

/* A process is not powered down: Linux never asks. */
uint32_t rr_port_pm_request(void)
{
	return RR_PM_NONE;
}

void rr_port_pm_answer(uint32_t answer)
{
	(void)answer;
}

void rr_port_pm_sleep(void)
{
}

void rr_port_halt(int code)
{
	fprintf(stderr, "rpmsg-remote-uio: halted with code %d\n", code);
	exit(code);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpmsg-remote-uio [options] NAME\n"
		"       rpmsg-remote-uio [options] --device /dev/uioN\n"
		"\n"
		"Be the rpmsg remote of the remoteproc simulator instance NAME (runner\n"
		"\"uio\"), through its UIO device \"rproc-sim-NAME\", until Linux stops it.\n"
		"\n"
		"  -d, --device PATH    the UIO device to use\n"
		"  -w, --wait SECONDS   wait this long for the device to appear (default 10)\n"
		"  -v, --verbose        log the maps and the firmware's console\n"
		"  -h, --help           this text\n"
		"\n"
		"Exit status: 0 when Linux stopped the remote, 1 on errors, 2 on bad usage,\n"
		"the firmware's code when it halts.\n");
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "wait", required_argument, NULL, 'w' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	char want[RSIM_NAME_LEN + 16], devpath[80];
	volatile struct fw_rsc_table *rsc;
	const char *uion = NULL;
	uint64_t wait_s = 10, deadline;
	char *trace;
	int c;

	while ((c = getopt_long(argc, argv, "d:w:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			uio.dev = optarg;
			break;
		case 'w':
			if (parse_u64(optarg, &wait_s) || wait_s > 3600) {
				fprintf(stderr, "rpmsg-remote-uio: bad --wait '%s'\n", optarg);
				return 2;
			}
			break;
		case 'v':
			uio.verbose = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	/* exactly one of --device and NAME */
	if (argc - optind != (uio.dev ? 0 : 1)) {
		usage(stderr);
		return 2;
	}

	if (uio.dev) {
		uion = strrchr(uio.dev, '/');
		uion = uion ? uion + 1 : uio.dev;
	} else {
		snprintf(want, sizeof(want), "rproc-sim-%s", argv[optind]);
		deadline = now_ms() + wait_s * 1000;
		while (!(uion = find_uio(want)) && now_ms() < deadline)
			usleep(20000);
		if (!uion)
			die("no UIO device named %s (is the remote processor started?)", want);
		snprintf(devpath, sizeof(devpath), "/dev/%s", uion);
		uio.dev = devpath;
	}

	uio.fd = open(uio.dev, O_RDWR | O_CLOEXEC);
	if (uio.fd < 0)
		die("%s: %s", uio.dev, strerror(errno));
	map_all(uion);

	rsc = lookup(RR_RSC_DA, sizeof(*rsc), false);
	trace = lookup(RR_TRACE_DA, RR_TRACE_LEN, false);
	if (!rsc || !trace)
		die("%s: no map holds the resource table at %#x and the trace at %#x",
		    uio.dev, RR_RSC_DA, RR_TRACE_DA);
	if (rsc->hdr.ver != RR_RSC_VERSION || rsc->hdr.num != fw_rsc_table.hdr.num)
		die("%s: the loaded image is not rpmsg-remote-%s.elf", uio.dev,
		    fw_config.name);

	rr_port_alive();
	return fw_run(rsc, trace);
}
