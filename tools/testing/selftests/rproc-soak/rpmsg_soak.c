// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_soak - keep echo traffic flowing through an rpmsg endpoint node of
 * one simulated remote while it crashes, stops, restarts and disappears,
 * and account for every message.
 *
 *   rpmsg_soak -i CONFIGFS_DIR -m ctrl|raw -s STOPFILE [-w WINDOW]
 *
 * ctrl: an endpoint made through the remote's /dev/rpmsg_ctrlN
 *       (RPMSG_CREATE_EPT_IOCTL, peer address 1001, the echo service),
 *       opened as /dev/rpmsgN;
 * raw:  the /dev/rpmsgN that rpmsg_char made for the remote's announced
 *       "rpmsg-raw" channel (also an echo service).
 *
 * Each message carries a magic, its sequence number, its length and a
 * checksum of everything after the header; the rest is a pattern derived
 * from the sequence number.  Up to WINDOW messages are in flight.  A
 * message is
 *   delivered  when its echo comes back intact, once;
 *   lost       when the endpoint reported an error (read or write failed:
 *              the remote went away) while it was in flight: the sender
 *              was told.
 * Anything else is an error: an echo that is damaged, comes twice, or was
 * never sent (twice, damaged, unknown), or no echo within REPLY_MS while the
 * endpoint stays healthy (silent).  When the node goes away the program
 * waits for the remote to come back and opens the new node.
 *
 * It runs until STOPFILE exists, waits for what is in flight, prints
 *   SOAK-TRAFFIC mode= sent= delivered= lost= twice= damaged= unknown=
 *                silent= endpoints=
 * and exits 0 only if nothing is wrong and sent = delivered + lost.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#define MAGIC		0x534f414bu	/* "SOAK" */
#define HDR_LEN		16
#define MAX_LEN		480
#define MAX_WINDOW	64
#define REPLY_MS	15000
#define ECHO_ADDR	1001
#define CLASS		"/sys/class/rpmsg"

enum { S_NONE, S_FLIGHT, S_DELIVERED, S_LOST };

static const char *inst, *mode, *stopfile;
static unsigned int window = 8;
static unsigned char *state;		/* per sequence number */
static long long *sent_at;		/* ms, per sequence number */
static size_t cap;
static uint32_t next_seq = 1;
static unsigned long sent, delivered, lost, twice, damaged, unknown, silent,
		     endpoints, inflight;

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int stopping(void)
{
	return !access(stopfile, F_OK);
}

/* CRC-32 (IEEE), bitwise: messages are short. */
static uint32_t crc32(const unsigned char *p, size_t n)
{
	uint32_t c = ~0u;

	while (n--) {
		c ^= *p++;
		for (int k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & -(c & 1));
	}
	return ~c;
}

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static uint32_t get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* Message @seq: header, then a pattern; lengths vary with @seq. */
static size_t build(unsigned char *buf, uint32_t seq)
{
	size_t len = HDR_LEN + (seq * 37u) % (MAX_LEN - HDR_LEN + 1);

	for (size_t i = HDR_LEN; i < len; i++)
		buf[i] = (unsigned char)(seq * 131u + i * 7u);
	put32(buf, MAGIC);
	put32(buf + 4, seq);
	put32(buf + 8, (uint32_t)len);
	put32(buf + 12, crc32(buf + HDR_LEN, len - HDR_LEN));
	return len;
}

static int track(uint32_t seq)
{
	if (seq >= cap) {
		size_t ncap = cap ? cap * 2 : 65536;

		state = realloc(state, ncap);
		sent_at = realloc(sent_at, ncap * sizeof(*sent_at));
		if (!state || !sent_at)
			return -1;
		memset(state + cap, S_NONE, ncap - cap);
		cap = ncap;
	}
	return 0;
}

static void check_reply(const unsigned char *buf, ssize_t n)
{
	unsigned char want[MAX_LEN];
	uint32_t seq;

	if (n < HDR_LEN || get32(buf) != MAGIC) {
		damaged++;
		return;
	}
	seq = get32(buf + 4);
	if (seq == 0 || seq >= next_seq || seq >= cap) {
		unknown++;
		return;
	}
	if ((size_t)n != build(want, seq) || memcmp(buf, want, n)) {
		damaged++;
		return;
	}
	switch (state[seq]) {
	case S_FLIGHT:
		state[seq] = S_DELIVERED;
		delivered++;
		inflight--;
		break;
	case S_DELIVERED:
		twice++;
		break;
	default:	/* an echo of a message already reported lost */
		unknown++;
		break;
	}
}

/* The endpoint failed: everything in flight is lost, and the sender knows. */
static void endpoint_gone(uint32_t first)
{
	for (uint32_t s = first; s < next_seq; s++)
		if (state[s] == S_FLIGHT) {
			state[s] = S_LOST;
			lost++;
			inflight--;
		}
}

/* rproc name of the instance, e.g. "remoteproc3", or "" when not live */
static void rproc_name(char *out, size_t size)
{
	char path[PATH_MAX];
	FILE *f;

	*out = '\0';
	snprintf(path, sizeof(path), "%s/remoteproc", inst);
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(out, size, f))
		*out = '\0';
	fclose(f);
	out[strcspn(out, "\n")] = '\0';
	if (!strcmp(out, "none"))
		*out = '\0';
}

static int sys_read(const char *dev, const char *attr, char *out, size_t size)
{
	char path[PATH_MAX];
	FILE *f;
	int ret = -1;

	snprintf(path, sizeof(path), CLASS "/%s/%s", dev, attr);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(out, size, f)) {
		out[strcspn(out, "\n")] = '\0';
		ret = 0;
	}
	fclose(f);
	return ret;
}

/* Newest class device of @rp starting with @prefix (and named @name). */
static int find_node(const char *rp, const char *prefix, const char *name,
		     char *out, size_t size)
{
	char path[PATH_MAX], real[PATH_MAX], want[80], val[64];
	struct dirent *de;
	int best = -1, n;
	DIR *d;

	snprintf(want, sizeof(want), "/%s/", rp);
	d = opendir(CLASS);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) ||
		    sscanf(de->d_name + strlen(prefix), "%d", &n) != 1 || n <= best)
			continue;
		snprintf(path, sizeof(path), CLASS "/%s", de->d_name);
		if (!realpath(path, real) || !strstr(real, want))
			continue;
		if (name && (sys_read(de->d_name, "name", val, sizeof(val)) ||
			     strcmp(val, name)))
			continue;
		best = n;
	}
	if (d)
		closedir(d);
	if (best < 0)
		return -1;
	snprintf(out, size, "/dev/%s%d", prefix, best);
	return 0;
}

/* Open an endpoint node of the instance's remote; -1 if there is none yet. */
static int open_endpoint(void)
{
	struct rpmsg_endpoint_info info = {
		.src = RPMSG_ADDR_ANY, .dst = ECHO_ADDR, .name = "soak",
	};
	char rp[64], node[PATH_MAX];
	int cfd, fd;

	rproc_name(rp, sizeof(rp));
	if (!*rp)
		return -1;
	if (!strcmp(mode, "raw")) {
		if (find_node(rp, "rpmsg", "rpmsg-raw", node, sizeof(node)))
			return -1;
		return open(node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	}
	if (find_node(rp, "rpmsg_ctrl", NULL, node, sizeof(node)))
		return -1;
	cfd = open(node, O_RDWR | O_CLOEXEC);
	if (cfd < 0)
		return -1;
	if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info)) {
		close(cfd);
		return -1;
	}
	close(cfd);
	/* devtmpfs makes the node right away; no udev here. */
	for (long long end = now_ms() + 2000; now_ms() < end; usleep(10000))
		if (!find_node(rp, "rpmsg", "soak", node, sizeof(node))) {
			fd = open(node, O_RDWR | O_NONBLOCK | O_CLOEXEC);
			if (fd >= 0)
				return fd;
		}
	return -1;
}

static void close_endpoint(int fd)
{
	if (!strcmp(mode, "ctrl"))
		ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	close(fd);
}

/*
 * Exchange messages on @fd until it fails or we are told to stop (then
 * until nothing is in flight).  Returns 0 when done, -1 when the endpoint
 * failed.
 */
static int pump(int fd)
{
	unsigned char buf[MAX_LEN + 64];
	uint32_t oldest = next_seq;
	int draining = 0;

	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (!draining && stopping())
			draining = 1;
		if (draining && !inflight)
			return 0;
		while (!draining && inflight < window) {
			size_t len;

			if (track(next_seq))
				return -1;
			len = build(buf, next_seq);
			n = write(fd, buf, len);
			if (n < 0 && errno == EAGAIN) {
				p.events |= POLLOUT;
				break;
			}
			if (n != (ssize_t)len)
				return -1;
			state[next_seq] = S_FLIGHT;
			sent_at[next_seq] = now_ms();
			next_seq++;
			sent++;
			inflight++;
		}
		if (poll(&p, 1, 200) < 0 && errno != EINTR)
			return -1;
		for (;;) {
			n = read(fd, buf, sizeof(buf));
			if (n < 0 && errno == EAGAIN)
				break;
			if (n <= 0)
				return -1;
			check_reply(buf, n);
		}
		while (oldest < next_seq && state[oldest] != S_FLIGHT)
			oldest++;
		if (oldest < next_seq && now_ms() - sent_at[oldest] > REPLY_MS) {
			fprintf(stderr, "rpmsg_soak: %s: message %u: no echo in %d ms on a healthy endpoint\n",
				mode, oldest, REPLY_MS);
			silent++;
			state[oldest] = S_LOST;	/* counted as silent, not lost */
			inflight--;
		}
	}
}

int main(int argc, char **argv)
{
	int c, fd, bad;

	while ((c = getopt(argc, argv, "i:m:s:w:")) != -1) {
		switch (c) {
		case 'i':
			inst = optarg;
			break;
		case 'm':
			mode = optarg;
			break;
		case 's':
			stopfile = optarg;
			break;
		case 'w':
			window = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (!inst || !stopfile || !mode || !window || window > MAX_WINDOW ||
	    (strcmp(mode, "ctrl") && strcmp(mode, "raw")))
		goto usage;

	while (!stopping()) {
		uint32_t first = next_seq;

		fd = open_endpoint();
		if (fd < 0) {
			usleep(20000);
			continue;
		}
		endpoints++;
		if (pump(fd))
			endpoint_gone(first);
		close_endpoint(fd);
	}

	bad = twice + damaged + unknown + silent ||
	      sent != delivered + lost + silent || !delivered;
	printf("SOAK-TRAFFIC mode=%s sent=%lu delivered=%lu lost=%lu", mode,
	       sent, delivered, lost);
	printf(" twice=%lu damaged=%lu unknown=%lu silent=%lu endpoints=%lu%s\n",
	       twice, damaged, unknown, silent, endpoints, bad ? " FAILED" : "");
	return bad;

usage:
	fprintf(stderr, "usage: rpmsg_soak -i CONFIGFS_DIR -m ctrl|raw -s STOPFILE [-w WINDOW]\n");
	return 2;
}
