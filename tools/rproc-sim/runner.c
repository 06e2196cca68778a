// SPDX-License-Identifier: GPL-2.0
/*
 * runner.c - the start-up every rproc-sim runner shares: stdio for a
 * program the kernel starts, the command line, and the instance's device
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

/* The umh-launched runner has no stdio: send diagnostics to the kernel log. */
static void fix_stdio(void)
{
	int fd;

	if (fcntl(STDERR_FILENO, F_GETFD) < 0) {
		fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
		if (fd >= 0 && fd != STDERR_FILENO) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	}
	if (fcntl(STDIN_FILENO, F_GETFD) < 0) {
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0 && fd != STDIN_FILENO) {
			dup2(fd, STDIN_FILENO);
			close(fd);
		}
	}
	if (fcntl(STDOUT_FILENO, F_GETFD) < 0)
		dup2(STDERR_FILENO, STDOUT_FILENO);
}

/**
 * runner_open() - parse "[-h|--help] DEVICE", open DEVICE and describe it
 * @argc: argument count
 * @argv: arguments
 * @prog: the program's name, for messages
 * @help_text: what --help prints after the usage line
 * @info: the instance description, its name NUL-terminated
 * @status: the exit status when this returns -1: 0 after --help, 2 for
 *	bad usage, 1 for an error (logged)
 *
 * Return: the open device, or -1.
 */
int runner_open(int argc, char **argv, const char *prog,
		const char *help_text, struct rsim_info *info, int *status)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool help = false, bad = false;
	const char *dev;
	int c, fd;

	fix_stdio();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			help = true;
		else
			bad = true;
	}
	if (help && !bad && optind == argc) {
		printf("usage: %s [-h] DEVICE\n%s  -h, --help  print this and exit\n",
		       prog, help_text);
		*status = 0;
		return -1;
	}
	if (help || bad || argc - optind != 1) {
		fprintf(stderr, "usage: %s [-h] DEVICE\n%s  -h, --help  print this and exit\n",
			prog, help_text);
		*status = 2;
		return -1;
	}
	dev = argv[optind];

	*status = 1;
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "%s: %s: %m\n", prog, dev);
		return -1;
	}
	if (ioctl(fd, RSIM_IOC_GET_INFO, info) < 0) {
		fprintf(stderr, "%s: %s: GET_INFO: %m\n", prog, dev);
		close(fd);
		return -1;
	}
	info->name[sizeof(info->name) - 1] = '\0';
	if (info->abi != RSIM_ABI_VERSION) {
		fprintf(stderr, "%s: %s: driver ABI %u, expected %u\n",
			prog, info->name, info->abi, RSIM_ABI_VERSION);
		close(fd);
		return -1;
	}
	return fd;
}

/* CLOCK_MONOTONIC in nanoseconds */
uint64_t runner_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The instance's watchdog period, from its info */
void runner_beat_init(struct runner_beat *b, const struct rsim_info *info)
{
	b->period_ns = (uint64_t)info->heartbeat_ms * 1000000u;
	b->last_ns = 0;
}

/*
 * Whether a heartbeat of the firmware is to be passed on to the driver
 * (RSIM_IOC_HEARTBEAT). Firmware beats on every pass of its main loop;
 * the driver hears at most eight per watchdog period, and none without a
 * watchdog, which saves a system call per pass. A beat held back delays
 * the next one the driver hears by at most an eighth of the period, so a
 * firmware beating at least every 7/8 of it stays safe.
 */
bool runner_beat_due(struct runner_beat *b)
{
	uint64_t t;

	if (!b->period_ns)
		return false;
	t = runner_now_ns();
	if (b->last_ns && t - b->last_ns < b->period_ns / 8)
		return false;
	b->last_ns = t;
	return true;
}
