// SPDX-License-Identifier: GPL-2.0
/*
 * rproc_pm_util - the steps of rproc-pm.sh that a shell cannot time or
 * count exactly, over an endpoint towards the test firmware's control
 * service (tools/rpmsg-remote, address 1003).
 *
 *   rproc_pm_util ping CTRL
 *	one "ping"; prints the round trip in microseconds
 *   rproc_pm_util burst CTRL COUNT LEN
 *	asks the remote to send COUNT messages of LEN bytes to this
 *	endpoint ("burst self ..."); checks that message i carries i, that
 *	each comes once and in order, then the "ok sent COUNT" reply, and
 *	that nothing more arrives within a further 300 ms
 *   rproc_pm_util wake-burst CTRL COUNT LEN STATE WAKE
 *	arms the same burst for when the remote wakes by itself ("pm
 *	wake-burst"), waits (60 s at most) until the sysfs file STATE reads
 *	"suspended", writes 1 to the configfs file WAKE and checks the burst
 *	as above; prints the microseconds from the wake-up to the first
 *	message
 *   rproc_pm_util serial-irq TTY IRQ
 *	moves the serial port TTY (e.g. /dev/ttyS2) to interrupt IRQ, as
 *	setserial would: the rig's wake-up button is a UART on an IRQ of its
 *	own, which the legacy port table cannot know
 * Exit status: 0 done, 1 failed (stderr says why), 2 bad usage.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/rpmsg.h>
#include <linux/serial.h>

#define ADDR_CTRL	1003
#define REPLY_MS	10000
#define QUIET_MS	300
#define SUSPEND_S	60

static unsigned char rx[4096];

static int usage(void)
{
	fprintf(stderr, "usage: rproc_pm_util ping CTRL\n"
			"       rproc_pm_util burst CTRL COUNT LEN\n"
			"       rproc_pm_util wake-burst CTRL COUNT LEN STATE WAKE\n"
			"       rproc_pm_util serial-irq TTY IRQ\n");
	return 2;
}

static int open_ept(const char *ctrl_path)
{
	struct rpmsg_endpoint_fd_info info = {
		.src = RPMSG_ADDR_ANY,
		.dst = ADDR_CTRL,
		.flags = O_RDWR | O_CLOEXEC,
	};
	int ctrl, ret;

	ctrl = open(ctrl_path, O_RDWR | O_CLOEXEC);
	if (ctrl < 0) {
		fprintf(stderr, "%s: %s\n", ctrl_path, strerror(errno));
		return -1;
	}
	strcpy(info.name, "rproc-pm-util");
	ret = ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info);
	if (ret < 0)
		fprintf(stderr, "create endpoint: %s\n", strerror(errno));
	close(ctrl);
	return ret < 0 ? -1 : info.fd;
}

/* One message within @ms: its length, 0 on timeout, -1 on error. */
static ssize_t recv_msg(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	ret = poll(&p, 1, ms);
	if (ret < 0) {
		fprintf(stderr, "poll: %s\n", strerror(errno));
		return -1;
	}
	if (!ret)
		return 0;
	n = read(fd, rx, sizeof(rx) - 1);
	if (n < 0)
		fprintf(stderr, "read: %s\n", strerror(errno));
	else
		rx[n] = '\0';
	return n;
}

static int send_cmd(int fd, const char *cmd)
{
	if (write(fd, cmd, strlen(cmd)) < 0) {
		fprintf(stderr, "write: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static long long usecs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int do_ping(int fd)
{
	long long t0 = usecs();
	ssize_t n;

	if (send_cmd(fd, "ping"))
		return 1;
	n = recv_msg(fd, REPLY_MS);
	if (n <= 0 || strcmp((char *)rx, "pong")) {
		fprintf(stderr, "no pong: %s\n", n > 0 ? (char *)rx : "timeout");
		return 1;
	}
	printf("%lld\n", usecs() - t0);
	return 0;
}

/* Receive the @count messages of a burst, its report, then silence. */
static int recv_burst(int fd, unsigned long count, unsigned long len,
		      long long *first)
{
	char want[32];
	unsigned int seq;
	unsigned long i;
	ssize_t n;

	for (i = 0; i < count; i++) {
		n = recv_msg(fd, REPLY_MS);
		if (n <= 0) {
			fprintf(stderr, "message %lu of %lu missing\n", i, count);
			return 1;
		}
		if (!i)
			*first = usecs();
		memcpy(&seq, rx, sizeof(seq));
		if ((unsigned long)n != len || seq != i) {
			fprintf(stderr, "message %lu: %zd bytes, number %u\n",
				i, n, seq);
			return 1;
		}
	}
	snprintf(want, sizeof(want), "ok sent %lu", count);
	n = recv_msg(fd, REPLY_MS);
	if (n <= 0 || strcmp((char *)rx, want)) {
		fprintf(stderr, "reply: %s\n", n > 0 ? (char *)rx : "none");
		return 1;
	}
	n = recv_msg(fd, QUIET_MS);
	if (n) {
		fprintf(stderr, "unexpected message after the burst (%zd)\n", n);
		return 1;
	}
	return 0;
}

static int do_burst(int fd, unsigned long count, unsigned long len)
{
	long long first;
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "burst self %lu %lu", count, len);
	if (send_cmd(fd, cmd) || recv_burst(fd, count, len, &first))
		return 1;
	printf("%lu\n", count);
	return 0;
}

static int file_is(const char *path, const char *want)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	return n > 0 && !strcmp(buf, want);
}

static int do_wake_burst(int fd, unsigned long count, unsigned long len,
			 const char *state, const char *wake)
{
	struct timespec step = { .tv_nsec = 50 * 1000 * 1000 };
	long long end = usecs() + SUSPEND_S * 1000000LL, t0, first;
	char cmd[64];
	ssize_t n;
	int wfd;

	snprintf(cmd, sizeof(cmd), "pm wake-burst %lu %lu", count, len);
	if (send_cmd(fd, cmd))
		return 1;
	n = recv_msg(fd, REPLY_MS);
	if (n <= 0 || strcmp((char *)rx, "ok")) {
		fprintf(stderr, "pm wake-burst: %s\n", n > 0 ? (char *)rx : "no reply");
		return 1;
	}
	while (!file_is(state, "suspended")) {
		if (usecs() > end) {
			fprintf(stderr, "not suspended within %d s\n", SUSPEND_S);
			return 1;
		}
		nanosleep(&step, NULL);
	}
	wfd = open(wake, O_WRONLY | O_CLOEXEC);
	t0 = usecs();
	if (wfd < 0 || write(wfd, "1", 1) != 1) {
		fprintf(stderr, "%s: %s\n", wake, strerror(errno));
		return 1;
	}
	close(wfd);
	if (recv_burst(fd, count, len, &first))
		return 1;
	printf("%lld\n", first - t0);
	return 0;
}

static int serial_irq(const char *tty, int irq)
{
	struct serial_struct ss;
	int fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK);

	if (fd < 0 || ioctl(fd, TIOCGSERIAL, &ss)) {
		fprintf(stderr, "%s: %s\n", tty, strerror(errno));
		return 1;
	}
	ss.irq = irq;
	if (ioctl(fd, TIOCSSERIAL, &ss)) {
		fprintf(stderr, "%s: irq %d: %s\n", tty, irq, strerror(errno));
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	int fd, ret;

	if (argc == 4 && !strcmp(argv[1], "serial-irq"))
		return serial_irq(argv[2], atoi(argv[3]));
	if (argc < 3)
		return usage();
	if (strcmp(argv[1], "ping") && !(argc == 5 && !strcmp(argv[1], "burst")) &&
	    !(argc == 7 && !strcmp(argv[1], "wake-burst")))
		return usage();
	fd = open_ept(argv[2]);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "ping"))
		ret = do_ping(fd);
	else if (!strcmp(argv[1], "burst"))
		ret = do_burst(fd, strtoul(argv[3], NULL, 0),
			       strtoul(argv[4], NULL, 0));
	else
		ret = do_wake_burst(fd, strtoul(argv[3], NULL, 0),
				    strtoul(argv[4], NULL, 0), argv[5], argv[6]);
	close(fd);
	return ret;
}
