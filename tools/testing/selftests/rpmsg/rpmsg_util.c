// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_util - the small steps of rpmsg.sh that a shell cannot do:
 * ioctls on a /dev/rpmsg_ctrlN node and exact-size messages.
 *
 *   rpmsg_util chan create|release CTRL NAME DST
 *	make or remove a channel device (RPMSG_{CREATE,RELEASE}_DEV_IOCTL)
 *   rpmsg_util cmd CTRL DST TEXT [TIMEOUT_MS]
 *	send TEXT from a new endpoint to DST, print the reply
 *   rpmsg_util echo CTRL DST LEN COUNT
 *	COUNT round trips of LEN byte messages, each compared with its echo
 *   rpmsg_util echo-node NODE LEN COUNT
 *	the same on an existing /dev/rpmsgN, e.g. of an "rpmsg-raw" channel
 *   rpmsg_util flood CTRL DST
 *	fill the send ring without blocking ("full N"), then block in a
 *	write ("blocking"); print how the write ended ("error EPIPE")
 *
 * Endpoints come from RPMSG_CREATE_EPT_FD_IOCTL. Exit status: 0 done,
 * 1 failed (stderr says why), 2 bad usage.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/rpmsg.h>

#define REPLY_TIMEOUT_MS	5000
#define MAX_MSG			65536

static unsigned char tx[MAX_MSG], rx[MAX_MSG];
static int reply_timeout_ms = REPLY_TIMEOUT_MS;

static int usage(void)
{
	fprintf(stderr,
		"usage: rpmsg_util chan create|release CTRL NAME DST\n"
		"       rpmsg_util cmd CTRL DST TEXT [TIMEOUT_MS]\n"
		"       rpmsg_util echo CTRL DST LEN COUNT\n"
		"       rpmsg_util echo-node NODE LEN COUNT\n"
		"       rpmsg_util flood CTRL DST\n");
	return 2;
}

static int open_ctrl(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
	return fd;
}

static unsigned long number(const char *s)
{
	return strtoul(s, NULL, 0);
}

/* A new endpoint towards @dst as a file descriptor, or -1 */
static int open_ept(const char *ctrl_path, unsigned long dst, int flags)
{
	struct rpmsg_endpoint_fd_info info = {
		.src = RPMSG_ADDR_ANY,
		.dst = dst,
		.flags = O_RDWR | O_CLOEXEC | flags,
	};
	int ctrl, ret;

	ctrl = open_ctrl(ctrl_path);
	if (ctrl < 0)
		return -1;
	strcpy(info.name, "rpmsg-util");
	ret = ioctl(ctrl, RPMSG_CREATE_EPT_FD_IOCTL, &info);
	if (ret < 0)
		fprintf(stderr, "create endpoint: %s\n", strerror(errno));
	close(ctrl);
	return ret < 0 ? -1 : info.fd;
}

/* Read one message into @rx within the reply timeout; its length or -1 */
static ssize_t read_reply(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	ret = poll(&p, 1, reply_timeout_ms);
	if (ret <= 0) {
		fprintf(stderr, "no reply: %s\n", ret ? strerror(errno) : "timeout");
		return -1;
	}
	n = read(fd, rx, sizeof(rx));
	if (n < 0)
		fprintf(stderr, "read: %s\n", strerror(errno));
	return n;
}

static int do_chan(char **argv)
{
	struct rpmsg_endpoint_info info = {
		.src = RPMSG_ADDR_ANY,
		.dst = number(argv[3]),
	};
	unsigned long req;
	int ctrl, ret;

	if (!strcmp(argv[0], "create"))
		req = RPMSG_CREATE_DEV_IOCTL;
	else if (!strcmp(argv[0], "release"))
		req = RPMSG_RELEASE_DEV_IOCTL;
	else
		return usage();
	strncpy(info.name, argv[2], sizeof(info.name) - 1);

	ctrl = open_ctrl(argv[1]);
	if (ctrl < 0)
		return 1;
	ret = ioctl(ctrl, req, &info);
	if (ret < 0)
		fprintf(stderr, "%s %s: %s\n", argv[0], info.name,
			strerror(errno));
	close(ctrl);
	return ret < 0;
}

static int do_cmd(char **argv)
{
	size_t len = strlen(argv[2]);
	ssize_t n;
	int fd;

	fd = open_ept(argv[0], number(argv[1]), 0);
	if (fd < 0)
		return 1;
	if (write(fd, argv[2], len) != (ssize_t)len) {
		fprintf(stderr, "write: %s\n", strerror(errno));
		return 1;
	}
	n = read_reply(fd);
	if (n < 0)
		return 1;
	printf("%.*s\n", (int)n, rx);
	close(fd);
	return 0;
}

/* @count round trips of @len byte messages on @fd; closes it */
static int echo_fd(int fd, size_t len, unsigned long count)
{
	unsigned long i;
	size_t k;
	ssize_t n;
	int ret = 1;

	for (i = 0; i < count; i++) {
		for (k = 0; k < len; k++)
			tx[k] = (unsigned char)(i * 7 + k);
		if (write(fd, tx, len) != (ssize_t)len) {
			fprintf(stderr, "write %lu of %zu bytes: %s\n", i, len,
				strerror(errno));
			goto out;
		}
		n = read_reply(fd);
		if (n < 0)
			goto out;
		if ((size_t)n != len || memcmp(rx, tx, len)) {
			fprintf(stderr, "echo %lu: %zd bytes back, want %zu, %s\n",
				i, n, len, (size_t)n == len ? "differ" : "");
			goto out;
		}
	}
	printf("echoed %lu x %zu bytes\n", count, len);
	ret = 0;
out:
	close(fd);
	return ret;
}

static int do_echo(char **argv)
{
	size_t len = number(argv[2]);
	int fd;

	if (len > MAX_MSG)
		return usage();
	fd = open_ept(argv[0], number(argv[1]), 0);
	if (fd < 0)
		return 1;
	return echo_fd(fd, len, number(argv[3]));
}

static int do_echo_node(char **argv)
{
	size_t len = number(argv[1]);
	int fd;

	if (len > MAX_MSG)
		return usage();
	fd = open(argv[0], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	return echo_fd(fd, len, number(argv[2]));
}

static int do_flood(char **argv)
{
	unsigned long sent = 0;
	int fd;

	fd = open_ept(argv[0], number(argv[1]), O_NONBLOCK);
	if (fd < 0)
		return 1;
	memset(tx, 0x5a, 64);
	while (write(fd, tx, 64) == 64)
		sent++;
	if (errno != EAGAIN) {
		fprintf(stderr, "non-blocking write: %s\n", strerror(errno));
		return 1;
	}
	printf("full %lu\n", sent);
	if (fcntl(fd, F_SETFL, 0) < 0)
		return 1;
	printf("blocking\n");
	fflush(stdout);
	while (write(fd, tx, 64) == 64)
		sent++;
	printf("error %s after %lu\n", errno == EPIPE ? "EPIPE" :
	       strerror(errno), sent);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "chan"))
		return do_chan(argv + 2);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "cmd")) {
		if (argc == 6)
			reply_timeout_ms = number(argv[5]);
		return do_cmd(argv + 2);
	}
	if (argc == 6 && !strcmp(argv[1], "echo"))
		return do_echo(argv + 2);
	if (argc == 5 && !strcmp(argv[1], "echo-node"))
		return do_echo_node(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "flood"))
		return do_flood(argv + 2);
	return usage();
}
