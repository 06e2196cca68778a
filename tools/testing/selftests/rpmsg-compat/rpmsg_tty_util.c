// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_tty_util - what rpmsg-compat.sh cannot do with busybox alone
 *
 *   rpmsg_tty_util create CTRL NAME DST
 *	ask /dev/rpmsg_ctrlN (RPMSG_CREATE_DEV_IOCTL) for a local channel
 *	NAME towards remote address DST
 *   rpmsg_tty_util echo TTY TEXT
 *	put TTY in raw mode, write TEXT and read it back within 10 seconds
 *   rpmsg_tty_util write PATH
 *	open PATH for writing (no controlling tty) and write one byte; prints
 *	"open: ERR", "write: ERR" or "write: ok"
 *
 * Exit status: 0 done (for write: whatever the outcome, it is printed),
 * 1 failed (stderr says why), 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

static int usage(void)
{
	fprintf(stderr,
		"usage: rpmsg_tty_util create CTRL NAME DST\n"
		"       rpmsg_tty_util echo TTY TEXT\n"
		"       rpmsg_tty_util write PATH\n");
	return 2;
}

static int do_create(const char *ctrl_path, const char *name, const char *dst)
{
	struct rpmsg_endpoint_info info = {
		.src = RPMSG_ADDR_ANY,
		.dst = strtoul(dst, NULL, 0),
	};
	int ctrl, ret;

	strncpy(info.name, name, sizeof(info.name) - 1);
	ctrl = open(ctrl_path, O_RDWR);
	if (ctrl < 0) {
		fprintf(stderr, "%s: %s\n", ctrl_path, strerror(errno));
		return 1;
	}
	ret = ioctl(ctrl, RPMSG_CREATE_DEV_IOCTL, &info);
	if (ret < 0)
		fprintf(stderr, "create %s: %s\n", name, strerror(errno));
	close(ctrl);
	return ret < 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static int do_echo(const char *tty, const char *text)
{
	size_t len = strlen(text), got = 0;
	long long end = now_ms() + 10000;
	struct termios tio;
	char buf[256];
	int fd;

	if (len == 0 || len > sizeof(buf))
		return usage();
	fd = open(tty, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", tty, strerror(errno));
		return 1;
	}
	if (tcgetattr(fd, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(fd, TCSANOW, &tio);
	}
	if (write(fd, text, len) != (ssize_t)len) {
		fprintf(stderr, "write %s: %s\n", tty, strerror(errno));
		close(fd);
		return 1;
	}
	while (got < len) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long long left = end - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&pfd, 1, left) <= 0) {
			fprintf(stderr, "%s: %zu of %zu bytes back in 10 s\n",
				tty, got, len);
			close(fd);
			return 1;
		}
		n = read(fd, buf + got, len - got);
		if (n <= 0) {
			fprintf(stderr, "read %s: %s\n", tty,
				n ? strerror(errno) : "end of file");
			close(fd);
			return 1;
		}
		got += n;
	}
	close(fd);
	if (memcmp(buf, text, len)) {
		fprintf(stderr, "%s: echoed text differs\n", tty);
		return 1;
	}
	return 0;
}

static int do_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		printf("open: %s\n", strerror(errno));
		return 0;
	}
	if (write(fd, "x", 1) < 0)
		printf("write: %s\n", strerror(errno));
	else
		printf("write: ok\n");
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "create"))
		return do_create(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "echo"))
		return do_echo(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "write"))
		return do_write(argv[2]);
	return usage();
}
