// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg-bench: drive an rpmsg endpoint node (/dev/rpmsgN) whose remote
 * echoes every message back, and measure the bus.
 *
 * Up to WINDOW messages are in flight at once: WINDOW 1 measures the round
 * trip (write, then a blocking read), a larger one the throughput the
 * transport sustains when it can batch (non-blocking, with poll()).
 * Every message carries its sequence number, and the replies must come
 * back complete and in order, so a lost or damaged message fails the
 * run instead of inflating the numbers. A round trip runs from the system
 * call that sends the message to the return of the one that receives its
 * echo: the clock is read once per call, for all the messages it moves.
 *
 * Output is one line of key=value pairs, for scripts:
 *   msgs=N len=L window=W batch=B zc=Z busy_poll_us=P secs=S msgs_per_s=R
 *   mb_per_s=M
 *   rtt_min_us= rtt_p50_us= rtt_p99_us= rtt_max_us=
 *
 * It uses only the node, so the same binary measures any kernel whose
 * rpmsg_char follows the 6.1 ABI (ours and mainline alike). With -b it
 * moves the messages in batches (RPMSG_SEND_BATCH_IOCTL and
 * RPMSG_RECV_BATCH_IOCTL, up to RPMSG_BATCH_MAX per call), which only
 * this tree's kernels offer; elsewhere it fails with ENOTTY.
 *
 * With -z it moves whole buffers instead of messages: a zero-copy pool of
 * WINDOW buffers of LEN bytes (<linux/rpmsg_zc.h>) on a node whose remote
 * returns each buffer with the checksum of its data (rr_zc_sum()) as the
 * tag (the "rpmsg-zc" service of tools/rpmsg-remote's zc image, tag 0).
 * Each buffer is filled once; a return with another checksum fails the
 * run.
 *
 * With -p USEC the node busy-polls for up to USEC microseconds before a
 * wait for replies sleeps (RPMSG_SET_BUSY_POLL_IOCTL, this tree only).
 *
 * The output also gives mb_per_s, the payload moved per second one way.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg_zc.h>

#include "rr_wire.h"	/* rr_zc_sum(), the zc service's checksum */

#define MAX_LEN		65536
#define ZC_MAX_LEN	RPMSG_ZC_MAX_SIZE
#define MAX_WINDOW	1024
#define TIMEOUT_MS	5000
#define MAX_MSGS	100000000L

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static void print_help(FILE *f)
{
	fprintf(f,
		"usage: rpmsg-bench [-n MSGS] [-l LEN] [-w WINDOW] NODE\n"
		"  NODE                an endpoint node whose remote echoes\n"
		"                      (rpmsg create ...)\n"
		"  -n, --msgs MSGS     messages to send, 1..%ld (default 1000)\n"
		"  -l, --len LEN       bytes per message, 8..%d (default 32)\n"
		"  -w, --window N      messages in flight at once, 1..%d (default 1)\n"
		"  -b, --batch         send and receive through the batch ioctls\n"
		"  -p, --busy-poll US  busy-poll up to US microseconds before sleeping\n"
		"  -z, --zero-copy     hand over zero-copy buffers of LEN bytes (a\n"
		"                      multiple of 64, up to 1 MiB), WINDOW of them\n"
		"  -h, --help          print this and exit\n"
		"Exit status: 0 done, 1 error or lost/damaged reply, 2 bad usage.\n",
		MAX_MSGS, MAX_LEN, MAX_WINDOW);
}

/* @arg as a whole decimal or 0x number within [@min, @max], or -1. */
static long parse_num(const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 0);
	if (errno || end == arg || *end || v < min || v > max)
		return -1;
	return v;
}

/*
 * Batch mode: the messages of one direction, their buffers and the
 * descriptors the ioctls take.
 */
static unsigned char batch_buf[RPMSG_BATCH_MAX][MAX_LEN];
static struct rpmsg_batch_msg batch_msgs[RPMSG_BATCH_MAX];

/* One batch ioctl over the first @count buffers of @len bytes each */
static int do_batch(int fd, unsigned long cmd, long count, long len)
{
	struct rpmsg_batch b = {
		.msgs = (uintptr_t)batch_msgs, .count = (__u32)count,
	};

	for (long i = 0; i < count; i++)
		batch_msgs[i] = (struct rpmsg_batch_msg){
			.buf = (uintptr_t)batch_buf[i], .len = (__u32)len,
		};
	return ioctl(fd, cmd, &b);
}

/*
 * Zero-copy mode: @window buffers of @len bytes kept in flight until
 * @msgs have come back. Round trips go to @rtt; 0 or 1 on error.
 */
static int run_zc(int fd, long msgs, long len, long window, long long *rtt)
{
	struct rpmsg_zc_pool_info info = { .count = (__u32)window,
					   .size = (__u32)len };
	long long sent_at[RPMSG_ZC_MAX_BUFS];
	uint32_t sum[RPMSG_ZC_MAX_BUFS];
	long sent = 0, got = 0;
	unsigned char *pool;

	if (window > RPMSG_ZC_MAX_BUFS || len % RPMSG_ZC_ALIGN || len > ZC_MAX_LEN) {
		fprintf(stderr, "rpmsg-bench: -z needs LEN a multiple of %d up to %u and WINDOW up to %d\n",
			RPMSG_ZC_ALIGN, ZC_MAX_LEN, RPMSG_ZC_MAX_BUFS);
		return 1;
	}
	if (ioctl(fd, RPMSG_ZC_POOL_CREATE_IOCTL, &info)) {
		fprintf(stderr, "rpmsg-bench: zero-copy pool: %s\n", strerror(errno));
		return 1;
	}
	pool = mmap(NULL, info.mmap_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (pool == MAP_FAILED) {
		fprintf(stderr, "rpmsg-bench: mmap: %s\n", strerror(errno));
		return 1;
	}
	for (long i = 0; i < window; i++) {
		for (long j = 0; j < len; j++)
			pool[i * len + j] = (unsigned char)(i * 31 + j);
		sum[i] = rr_zc_sum(pool + i * len, len);
	}
	while (got < msgs) {
		struct rpmsg_zc_buf b = { .len = (__u32)len };
		struct pollfd p = { .fd = fd, .events = POLLRDBAND };
		int n;

		/* Buffers come back in any order; each is given again at once */
		for (long i = sent; i < window && sent < msgs; i++, sent++) {
			b.index = (__u32)i;
			sent_at[i] = now_ns();
			if (ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b)) {
				fprintf(stderr, "rpmsg-bench: give: %s\n", strerror(errno));
				return 1;
			}
		}
		n = poll(&p, 1, TIMEOUT_MS);
		if (n <= 0 || !(p.revents & POLLRDBAND)) {
			fprintf(stderr, "rpmsg-bench: no buffer back for %d ms after %ld of %ld\n",
				TIMEOUT_MS, got, msgs);
			return 1;
		}
		while (got < msgs && !ioctl(fd, RPMSG_ZC_TAKE_IOCTL, &b)) {
			if (b.index >= window || b.len != len || b.tag != sum[b.index]) {
				fprintf(stderr, "rpmsg-bench: buffer %u came back damaged\n",
					b.index);
				return 1;
			}
			rtt[got++] = now_ns() - sent_at[b.index];
			if (sent < msgs) {
				b.len = (__u32)len;
				sent_at[b.index] = now_ns();
				if (ioctl(fd, RPMSG_ZC_GIVE_IOCTL, &b)) {
					fprintf(stderr, "rpmsg-bench: give: %s\n",
						strerror(errno));
					return 1;
				}
				sent++;
			}
		}
		if (errno != EAGAIN && got < msgs) {
			fprintf(stderr, "rpmsg-bench: take: %s\n", strerror(errno));
			return 1;
		}
	}
	munmap(pool, info.mmap_len);
	return 0;
}

/*
 * The payload of message @seq: 64-bit words that each depend on @seq and
 * on their place (distinct for every message and word the tool can
 * make), the last one cut short to @len. Built and checked a word at a
 * time, so that the tool's own work per message stays small beside the
 * bus's.
 */
static uint64_t word_of(uint64_t seq, long k)
{
	return ((seq << 16) | (uint64_t)k) * 0x9e3779b97f4a7c15ULL;
}

static void fill(unsigned char *buf, long len, uint64_t seq)
{
	for (long off = 0; off < len; off += 8) {
		uint64_t w = word_of(seq, off / 8);

		memcpy(buf + off, &w, len - off < 8 ? len - off : 8);
	}
}

/* Whether @buf holds exactly what fill() made for message @seq */
static bool intact(const unsigned char *buf, long len, uint64_t seq)
{
	for (long off = 0; off < len; off += 8) {
		uint64_t w = word_of(seq, off / 8), got;

		if (len - off < 8)
			return !memcmp(buf + off, &w, len - off);
		memcpy(&got, buf + off, 8);
		if (got != w)
			return false;
	}
	return true;
}

/*
 * Replies so far, for the watchdog of the blocking round-trip loop; lock
 * free atomics, so that the signal handler may read it
 */
static long replies;

/* Interval timer: no reply for a whole period ends the run */
static void on_alarm(int sig)
{
	static const char msg[] = "rpmsg-bench: no reply for 5 s or more\n";
	static long seen = -1;
	long now = __atomic_load_n(&replies, __ATOMIC_RELAXED);

	(void)sig;
	if (now == seen) {
		/* Exiting anyway: nothing to do if the message is lost */
		(void)!write(STDERR_FILENO, msg, sizeof(msg) - 1);
		_exit(1);
	}
	seen = now;
}

/*
 * One message in flight: write, then a blocking read, the loop of an
 * application waiting for each answer (two system calls per round trip,
 * and the read busy-polls where the node is set to). A timer instead of
 * a timeout per read catches a lost reply.
 */
static int run_rtt(int fd, long msgs, long len, long long *sent_at,
		   long long *rtt)
{
	static unsigned char out[MAX_LEN], in[MAX_LEN];
	struct itimerval it = {
		.it_interval = { .tv_sec = TIMEOUT_MS / 1000 },
		.it_value = { .tv_sec = TIMEOUT_MS / 1000 },
	};
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	int flags = fcntl(fd, F_GETFL);
	long i;

	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) ||
	    sigaction(SIGALRM, &sa, NULL) || setitimer(ITIMER_REAL, &it, NULL)) {
		fprintf(stderr, "rpmsg-bench: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < msgs; i++) {
		ssize_t n;

		fill(out, len, i);
		sent_at[i] = now_ns();
		if (write(fd, out, len) != len) {
			fprintf(stderr, "rpmsg-bench: write: %s\n", strerror(errno));
			return 1;
		}
		n = read(fd, in, sizeof(in));
		rtt[i] = now_ns() - sent_at[i];
		if (n < 0) {
			fprintf(stderr, "rpmsg-bench: read: %s\n", strerror(errno));
			return 1;
		}
		if (n != len || !intact(in, len, i)) {
			fprintf(stderr, "rpmsg-bench: reply %ld lost or damaged\n", i);
			return 1;
		}
		__atomic_store_n(&replies, i + 1, __ATOMIC_RELAXED);
	}
	memset(&it, 0, sizeof(it));
	setitimer(ITIMER_REAL, &it, NULL);
	return 0;
}

int main(int argc, char **argv)
{
	static unsigned char out[MAX_LEN], in[MAX_LEN];
	long msgs = 1000, len = 32, window = 1;
	int batched = 0, zc = 0;
	long busy = 0;
	long long *sent_at, *rtt, t0, secs_ns;
	long sent = 0, got = 0;
	int fd, c;

	static const struct option opts[] = {
		{ "msgs",	required_argument,	NULL, 'n' },
		{ "len",	required_argument,	NULL, 'l' },
		{ "window",	required_argument,	NULL, 'w' },
		{ "batch",	no_argument,		NULL, 'b' },
		{ "zero-copy",	no_argument,		NULL, 'z' },
		{ "busy-poll",	required_argument,	NULL, 'p' },
		{ "help",	no_argument,		NULL, 'h' },
		{ }
	};

	while ((c = getopt_long(argc, argv, "n:l:w:bzp:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			msgs = parse_num(optarg, 1, MAX_MSGS);
			break;
		case 'l':
			len = parse_num(optarg, 8, ZC_MAX_LEN);
			break;
		case 'w':
			window = parse_num(optarg, 1, MAX_WINDOW);
			break;
		case 'b':
			batched = 1;
			break;
		case 'z':
			zc = 1;
			break;
		case 'p':
			busy = parse_num(optarg, 0, RPMSG_BUSY_POLL_MAX_US);
			break;
		case 'h':
			print_help(stdout);
			return 0;
		default:
			print_help(stderr);
			return 2;
		}
		if (msgs < 0 || len < 0 || window < 0 || busy < 0) {
			fprintf(stderr, "rpmsg-bench: -%c: bad value '%s'\n",
				c, optarg);
			return 2;
		}
	}
	if (optind != argc - 1 || (!zc && len > MAX_LEN) || (zc && batched)) {
		print_help(stderr);
		return 2;
	}
	fd = open(argv[optind], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "rpmsg-bench: %s: %s\n", argv[optind], strerror(errno));
		return 1;
	}
	if (busy) {
		__u32 us = (__u32)busy;

		if (ioctl(fd, RPMSG_SET_BUSY_POLL_IOCTL, &us)) {
			fprintf(stderr, "rpmsg-bench: busy poll: %s\n", strerror(errno));
			return 1;
		}
	}
	sent_at = calloc(msgs, sizeof(*sent_at));
	rtt = calloc(msgs, sizeof(*rtt));
	if (!sent_at || !rtt)
		return 1;

	t0 = now_ns();
	if (zc && run_zc(fd, msgs, len, window, rtt))
		return 1;
	if (!zc && !batched && window == 1) {
		if (run_rtt(fd, msgs, len, sent_at, rtt))
			return 1;
		got = msgs;
	}
	while (!zc && got < msgs) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		/* Fill the window; a full TX ring only means "later" */
		while (batched && sent < msgs && sent - got < window) {
			long k = window - (sent - got);

			if (k > msgs - sent)
				k = msgs - sent;
			if (k > RPMSG_BATCH_MAX)
				k = RPMSG_BATCH_MAX;
			long long ts;

			for (long i = 0; i < k; i++)
				fill(batch_buf[i], len, sent + i);
			/* One system call, one time for all its messages */
			ts = now_ns();
			for (long i = 0; i < k; i++)
				sent_at[sent + i] = ts;
			n = do_batch(fd, RPMSG_SEND_BATCH_IOCTL, k, len);
			if (n < 0 && errno == EAGAIN)
				break;
			if (n <= 0) {
				fprintf(stderr, "rpmsg-bench: send batch: %s\n",
					n < 0 ? strerror(errno) : "nothing sent");
				return 1;
			}
			sent += n;
			if (n < k)
				break;
		}
		while (!batched && sent < msgs && sent - got < window) {
			fill(out, len, sent);
			sent_at[sent] = now_ns();
			n = write(fd, out, len);
			if (n < 0 && errno == EAGAIN)
				break;
			if (n != len) {
				fprintf(stderr, "rpmsg-bench: write: %s\n",
					n < 0 ? strerror(errno) : "short write");
				return 1;
			}
			sent++;
		}
		if (sent < msgs && sent - got < window)
			p.events |= POLLOUT;
		n = poll(&p, 1, TIMEOUT_MS);
		if (n == 0) {
			fprintf(stderr, "rpmsg-bench: no reply for %d ms after %ld of %ld\n",
				TIMEOUT_MS, got, msgs);
			return 1;
		}
		if (n < 0 || (p.revents & (POLLERR | POLLHUP))) {
			fprintf(stderr, "rpmsg-bench: the endpoint went away\n");
			return 1;
		}
		/* Drain every reply that is already queued */
		while (batched && got < sent) {
			long k = sent - got < RPMSG_BATCH_MAX ? sent - got : RPMSG_BATCH_MAX;
			long long ts;

			n = do_batch(fd, RPMSG_RECV_BATCH_IOCTL, k, MAX_LEN);
			ts = now_ns();
			if (n < 0 && errno == EAGAIN)
				break;
			if (n <= 0) {
				fprintf(stderr, "rpmsg-bench: receive batch: %s\n",
					n < 0 ? strerror(errno) : "nothing");
				return 1;
			}
			for (long i = 0; i < n; i++, got++) {
				if (batch_msgs[i].done != len ||
				    !intact(batch_buf[i], len, got)) {
					fprintf(stderr, "rpmsg-bench: reply %ld lost or damaged\n",
						got);
					return 1;
				}
				rtt[got] = ts - sent_at[got];
			}
		}
		while (!batched && got < sent) {
			n = read(fd, in, sizeof(in));
			if (n < 0 && errno == EAGAIN)
				break;
			if (n != len || !intact(in, len, got)) {
				fprintf(stderr, "rpmsg-bench: reply %ld lost or damaged\n", got);
				return 1;
			}
			rtt[got] = now_ns() - sent_at[got];
			got++;
		}
	}
	secs_ns = now_ns() - t0;

	qsort(rtt, msgs, sizeof(*rtt), cmp_ll);
	printf("msgs=%ld len=%ld window=%ld batch=%d zc=%d busy_poll_us=%ld secs=%.3f msgs_per_s=%.0f mb_per_s=%.2f ",
	       msgs, len, window, batched, zc, busy, secs_ns / 1e9, msgs * 1e9 / secs_ns,
	       msgs * len * 1e3 / secs_ns);
	printf("rtt_min_us=%lld rtt_p50_us=%lld rtt_p99_us=%lld rtt_max_us=%lld\n",
	       rtt[0] / 1000, rtt[(msgs - 1) / 2] / 1000,
	       rtt[(msgs * 99 - 1) / 100] / 1000, rtt[msgs - 1] / 1000);
	free(sent_at);
	free(rtt);
	close(fd);
	return 0;
}
