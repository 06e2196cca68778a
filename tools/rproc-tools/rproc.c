// SPDX-License-Identifier: GPL-2.0
/*
 * rproc - control remote processors through /sys/class/remoteproc
 *
 *   rproc [-j] list
 *   rproc boot|stop|recover RPROC
 *   rproc firmware RPROC [FILE]
 *   rproc trace [-f] RPROC [TRACE]
 *
 * RPROC is remoteprocN or the processor's name. See --help.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define DEBUGFS_RPROC	"/sys/kernel/debug/remoteproc"
#define TRACE_MAX	(1024 * 1024)

const char *prog = "rproc";
static int json;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rproc [-j] list\n"
		"       rproc boot RPROC          start the processor (state=start)\n"
		"       rproc stop RPROC          stop it (state=stop)\n"
		"       rproc recover RPROC       recover a crashed processor now\n"
		"       rproc firmware RPROC [FILE]  show or set the firmware file\n"
		"       rproc trace [-f] RPROC [TRACE]  print (follow) a trace buffer\n"
		"\n"
		"RPROC is remoteprocN or the processor's name.\n"
		"  -j, --json     machine-readable output (list)\n"
		"  -f, --follow   keep printing what the remote adds to the trace\n"
		"  -h, --help     this text\n"
		"\n"
		"Exit status: 0 success, 1 the kernel refused (message says why),\n"
		"2 bad usage, 3 no such processor or trace.\n");
}

static const char *const attrs[] = {
	"name", "state", "firmware", "recovery", "coredump",
};

static int cmd_list(void)
{
	char dir[PATH_MAX];
	struct dirent **list;
	int n, first = 1;

	n = scandir(SYS_RPROC, &list, NULL, versionsort);
	if (n < 0) {
		if (json)
			printf("[]\n");
		return EXIT_OK;
	}
	if (json)
		printf("[");
	else
		printf("%-14s %-16s %-10s %-10s %s\n", "DEVICE", "NAME", "STATE",
		       "RECOVERY", "FIRMWARE");
	for (int i = 0; i < n; i++) {
		const char *dev = list[i]->d_name;
		char v[5][256];

		if (dev[0] == '.')
			goto next;
		snprintf(dir, sizeof(dir), SYS_RPROC "/%s", dev);
		for (int a = 0; a < 5; a++)
			if (sys_read(dir, attrs[a], v[a], sizeof(v[a])))
				snprintf(v[a], sizeof(v[a]), "-");
		if (json) {
			printf("%s\n {\"device\":", first ? "" : ",");
			json_str(stdout, dev);
			for (int a = 0; a < 5; a++) {
				printf(",\"%s\":", attrs[a]);
				json_str(stdout, v[a]);
			}
			printf("}");
			first = 0;
		} else {
			printf("%-14s %-16s %-10s %-10s %s\n", dev, v[0], v[1],
			       v[3], v[2]);
		}
next:
		free(list[i]);
	}
	free(list);
	if (json)
		printf("%s]\n", first ? "" : "\n");
	return EXIT_OK;
}

static int write_attr(const char *dev, const char *attr, const char *val)
{
	char dir[PATH_MAX];
	int ret;

	snprintf(dir, sizeof(dir), SYS_RPROC "/%s", dev);
	ret = sys_write(dir, attr, val);
	if (ret) {
		char state[64] = "?";

		sys_read(dir, "state", state, sizeof(state));
		err_msg("%s: writing '%s' to %s failed: %s (state is %s)", dev,
			val, attr, strerror(-ret), state);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int cmd_firmware(const char *dev, const char *file)
{
	char dir[PATH_MAX], val[256];

	if (file)
		return write_attr(dev, "firmware", file);
	snprintf(dir, sizeof(dir), SYS_RPROC "/%s", dev);
	if (sys_read(dir, "firmware", val, sizeof(val))) {
		err_msg("%s: cannot read the firmware name", dev);
		return EXIT_FAIL;
	}
	printf("%s\n", val);
	return EXIT_OK;
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* Whole trace buffer (the remote writes it in place); -errno on error */
static ssize_t trace_read(const char *path, char *buf, size_t size)
{
	ssize_t n, total = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -errno;
	while ((size_t)total < size &&
	       (n = read(fd, buf + total, size - total)) > 0)
		total += n;
	close(fd);
	return total;
}

static int cmd_trace(const char *dev, const char *trace, int follow)
{
	char path[PATH_MAX];
	char *old = malloc(TRACE_MAX), *cur = malloc(TRACE_MAX);
	ssize_t olen = 0, n;
	int ret = EXIT_OK;

	if (!old || !cur) {
		err_msg("out of memory");
		return EXIT_FAIL;
	}
	snprintf(path, sizeof(path), DEBUGFS_RPROC "/%s/%s", dev,
		 trace ? trace : "trace0");
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	do {
		n = trace_read(path, cur, TRACE_MAX);
		if (n < 0) {
			/* The trace goes away while the processor is off */
			if (follow && n == -ENOENT && olen >= 0) {
				olen = 0;
				goto wait;
			}
			err_msg("%s: %s (is debugfs mounted and the processor running?)",
				path, strerror(-n));
			ret = EXIT_NOTFOUND;
			break;
		}
		if (n >= olen && !memcmp(cur, old, olen)) {
			fwrite(cur + olen, 1, n - olen, stdout);
		} else {
			/* The buffer wrapped or the remote restarted */
			if (olen)
				printf("\n--- trace restarted ---\n");
			fwrite(cur, 1, n, stdout);
		}
		fflush(stdout);
		memcpy(old, cur, n);
		olen = n;
wait:
		if (follow) {
			struct timespec ts = { 0, 200 * 1000000L };

			nanosleep(&ts, NULL);
		}
	} while (follow && !stop);
	free(old);
	free(cur);
	return ret;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "follow", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	const char *cmd;
	char dev[64];
	int c, follow = 0;

	while ((c = getopt_long(argc, argv, "+jfh", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 'f':
			follow = 1;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[optind++];
	/* options may also follow the command */
	while ((c = getopt_long(argc, argv, "jfh", opts, NULL)) != -1) {
		if (c == 'j') {
			json = 1;
		} else if (c == 'f') {
			follow = 1;
		} else {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? EXIT_OK : EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;

	if (!strcmp(cmd, "list") || !strcmp(cmd, "ls"))
		return argc ? (usage(stderr), EXIT_USAGE) : cmd_list();

	if (argc < 1) {
		err_msg("%s needs a processor (remoteprocN or name)", cmd);
		return EXIT_USAGE;
	}
	if (rproc_resolve(argv[0], dev, sizeof(dev))) {
		err_msg("no remote processor '%s' (see 'rproc list')", argv[0]);
		return EXIT_NOTFOUND;
	}
	if ((!strcmp(cmd, "boot") || !strcmp(cmd, "start")) && argc == 1)
		return write_attr(dev, "state", "start");
	if (!strcmp(cmd, "stop") && argc == 1)
		return write_attr(dev, "state", "stop");
	if (!strcmp(cmd, "recover") && argc == 1)
		return write_attr(dev, "recovery", "recover");
	if (!strcmp(cmd, "firmware") && argc <= 2)
		return cmd_firmware(dev, argc == 2 ? argv[1] : NULL);
	if (!strcmp(cmd, "trace") && argc <= 2)
		return cmd_trace(dev, argc == 2 ? argv[1] : NULL, follow);

	err_msg("unknown command or wrong arguments: %s", cmd);
	usage(stderr);
	return EXIT_USAGE;
}
