// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg - talk to remote processors through /dev/rpmsg_ctrlN and /dev/rpmsgN
 *
 *   rpmsg [-j] list
 *   rpmsg create [-r RPROC] [-n NAME] [-s SRC] -a DST
 *   rpmsg destroy /dev/rpmsgN
 *   rpmsg send|recv|echo|ping [ENDPOINT OPTIONS] ...
 *
 * See --help and Documentation/userspace-api/rpmsg.rst.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#include "util.h"

#define MSG_MAX		65536
#define DEFAULT_NAME	"rpmsg-tool"

const char *prog = "rpmsg";

static struct {
	int json;
	int hex;
	const char *dev;	/* -d: an existing /dev/rpmsgN */
	const char *rproc;	/* -r: processor of the control node */
	const char *name;	/* -n */
	unsigned int src;	/* -s */
	unsigned int dst;	/* -a */
	int have_dst;
	long count;		/* -c */
	long len;		/* -l */
	int timeout;		/* -t, ms */
	long interval;		/* -i, ms */
} o = {
	.name = DEFAULT_NAME,
	.src = RPMSG_ADDR_ANY,
	.dst = RPMSG_ADDR_ANY,
	.count = -1,
	.len = 32,
	.timeout = 5000,
};

/* Endpoint created through the control node by the 6.1 fallback path */
static char made_node[64];

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rpmsg [-j] list                 channels, endpoint and control nodes\n"
		"       rpmsg create [-r RPROC] [-n NAME] [-s SRC] -a DST\n"
		"                                       make a /dev/rpmsgN, print its path\n"
		"       rpmsg destroy /dev/rpmsgN       destroy an endpoint node\n"
		"       rpmsg send EP MESSAGE...        one message per argument ('-': stdin lines)\n"
		"       rpmsg recv EP [-c N] [-x]       print received messages\n"
		"       rpmsg echo EP MESSAGE           send, wait for the reply, compare\n"
		"       rpmsg ping EP [-c N] [-l LEN] [-i MS]  round trips and statistics\n"
		"\n"
		"EP (endpoint) is either -d /dev/rpmsgN, or a temporary endpoint on a\n"
		"processor's control node: [-r RPROC] [-n NAME] [-s SRC] -a DST.\n"
		"RPROC is remoteprocN or its name; without -r the only control node.\n"
		"  -j, --json      machine-readable output (list, recv, ping)\n"
		"  -x, --hex       print payloads in hex\n"
		"  -t, --timeout MS  give up waiting after MS ms (default 5000, 0 = never)\n"
		"  -h, --help      this text\n"
		"\n"
		"Exit status: 0 success, 1 failure (message says why), 2 bad usage,\n"
		"3 no such processor, node or channel, 4 timeout, or an echo that\n"
		"came back different.\n");
}

static int parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || end == s || v < min || v > max) {
		err_msg("bad number '%s' (want %ld..%ld)", s, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* --- finding nodes ------------------------------------------------------ */

/* The control node of RPROC (or the only one), as /dev/rpmsg_ctrlN */
static int find_ctrl(char *out, size_t size)
{
	char want[64] = "", owner[64], path[PATH_MAX];
	struct dirent *de;
	int found = 0;
	DIR *d;

	if (o.rproc && rproc_resolve(o.rproc, want, sizeof(want))) {
		err_msg("no remote processor '%s' (see 'rproc list')", o.rproc);
		return EXIT_NOTFOUND;
	}
	d = opendir(SYS_RPMSG_CLASS);
	while (d && (de = readdir(d))) {
		if (strncmp(de->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(path, sizeof(path), SYS_RPMSG_CLASS "/%s", de->d_name);
		rproc_owner(path, owner, sizeof(owner));
		if (*want && strcmp(want, owner))
			continue;
		if (found++ == 0)
			snprintf(out, size, "/dev/%.40s", de->d_name);
	}
	if (d)
		closedir(d);
	if (!found) {
		err_msg("no rpmsg control node%s%s (is the processor running, is RPMSG_CTRL on?)",
			*want ? " for " : "", want);
		return EXIT_NOTFOUND;
	}
	if (found > 1 && !*want) {
		err_msg("%d control nodes: choose a processor with -r", found);
		return EXIT_USAGE;
	}
	return 0;
}

/* The newest endpoint node named @name with peer @dst below @ctrl's owner */
static int find_ept_node(const char *ctrl, const char *name, unsigned int dst,
			 char *out, size_t size)
{
	char path[PATH_MAX], val[64], owner[64], want[64];
	struct dirent *de;
	int best = -1;
	DIR *d;

	snprintf(path, sizeof(path), SYS_RPMSG_CLASS "/%s", ctrl + 5);
	rproc_owner(path, want, sizeof(want));
	d = opendir(SYS_RPMSG_CLASS);
	while (d && (de = readdir(d))) {
		int n;

		if (sscanf(de->d_name, "rpmsg%d", &n) != 1 || n <= best)
			continue;
		snprintf(path, sizeof(path), SYS_RPMSG_CLASS "/%s", de->d_name);
		rproc_owner(path, owner, sizeof(owner));
		if (strcmp(owner, want) || sys_read(path, "name", val, sizeof(val)) ||
		    strcmp(val, name) || sys_read(path, "dst", val, sizeof(val)) ||
		    (unsigned int)atoi(val) != dst)
			continue;
		best = n;
	}
	if (d)
		closedir(d);
	if (best < 0)
		return -ENOENT;
	snprintf(out, size, "/dev/rpmsg%d", best);
	return 0;
}

static struct rpmsg_endpoint_info ept_info(void)
{
	struct rpmsg_endpoint_info info = { .src = o.src, .dst = o.dst };

	snprintf(info.name, sizeof(info.name), "%s", o.name);
	return info;
}

/* RPMSG_CREATE_EPT_IOCTL, then wait for udev/devtmpfs to show the node */
static int create_node(const char *ctrl, int cfd, char *node, size_t size)
{
	struct rpmsg_endpoint_info info = ept_info();

	if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info)) {
		err_msg("%s: cannot create endpoint '%s': %s", ctrl, o.name,
			strerror(errno));
		return EXIT_FAIL;
	}
	for (int i = 0; i < 50; i++) {
		if (!find_ept_node(ctrl, o.name, o.dst, node, size) &&
		    !access(node, F_OK))
			return 0;
		usleep(20000);
	}
	err_msg("endpoint created but its node did not appear");
	return EXIT_FAIL;
}

/* Open the endpoint the options describe; returns an fd or -exit code */
static int open_endpoint(void)
{
	struct rpmsg_endpoint_fd_info info = {
		.src = o.src, .dst = o.dst, .flags = O_RDWR | O_CLOEXEC,
	};
	char ctrl[64];
	int cfd, fd, ret;

	if (o.dev) {
		fd = open(o.dev, O_RDWR | O_CLOEXEC);
		if (fd < 0) {
			err_msg("%s: %s", o.dev, strerror(errno));
			return errno == ENOENT ? -EXIT_NOTFOUND : -EXIT_FAIL;
		}
		return fd;
	}
	if (!o.have_dst) {
		err_msg("say which endpoint: -d /dev/rpmsgN, or -a DST");
		return -EXIT_USAGE;
	}
	ret = find_ctrl(ctrl, sizeof(ctrl));
	if (ret)
		return -ret;
	cfd = open(ctrl, O_RDWR | O_CLOEXEC);
	if (cfd < 0) {
		err_msg("%s: %s", ctrl, strerror(errno));
		return -EXIT_FAIL;
	}
	snprintf(info.name, sizeof(info.name), "%s", o.name);
	if (!ioctl(cfd, RPMSG_CREATE_EPT_FD_IOCTL, &info)) {
		close(cfd);
		return info.fd;
	}
	/*
	 * A kernel without it says ENOTTY, or, as 6.1's rpmsg_ctrl does for
	 * any request it does not know, EINVAL (what we ask is valid).
	 */
	if (errno != ENOTTY && errno != EINVAL) {
		err_msg("%s: cannot create endpoint '%s' -> %u: %s", ctrl,
			o.name, o.dst, strerror(errno));
		close(cfd);
		return -EXIT_FAIL;
	}
	/* Kernels before RPMSG_CREATE_EPT_FD_IOCTL: a node for the duration */
	ret = create_node(ctrl, cfd, made_node, sizeof(made_node));
	close(cfd);
	if (ret)
		return -ret;
	fd = open(made_node, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		err_msg("%s: %s", made_node, strerror(errno));
		return -EXIT_FAIL;
	}
	return fd;
}

static void close_endpoint(int fd)
{
	if (*made_node)
		ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	close(fd);
}

/* --- list ---------------------------------------------------------------- */

static void list_dir(const char *dir, const char *kind, const char *const *attrs,
		     int nattrs, int *first)
{
	char path[PATH_MAX], val[128], owner[64];
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, versionsort);

	for (int i = 0; i < n; i++) {
		const char *e = ents[i]->d_name;

		if (e[0] == '.' || (!strcmp(kind, "endpoint") &&
				    !strncmp(e, "rpmsg_ctrl", 10)) ||
		    (!strcmp(kind, "control") && strncmp(e, "rpmsg_ctrl", 10)))
			goto next;
		snprintf(path, sizeof(path), "%s/%s", dir, e);
		rproc_owner(path, owner, sizeof(owner));
		if (o.json) {
			printf("%s\n {\"kind\":\"%s\",\"device\":", *first ? "" : ",",
			       kind);
			json_str(stdout, e);
			printf(",\"rproc\":");
			json_str(stdout, owner);
		} else {
			printf("%-8s %-14s %-36s", kind, owner, e);
		}
		for (int a = 0; a < nattrs; a++) {
			if (!strcmp(attrs[a], "driver")) {
				char link[PATH_MAX + 16], target[PATH_MAX];
				ssize_t l;

				snprintf(link, sizeof(link), "%s/driver", path);
				l = readlink(link, target, sizeof(target) - 1);
				target[l > 0 ? l : 0] = 0;
				snprintf(val, sizeof(val), "%s",
					 l > 0 ? strrchr(target, '/') + 1 : "-");
			} else if (sys_read(path, attrs[a], val, sizeof(val))) {
				snprintf(val, sizeof(val), "-");
			}
			if (o.json) {
				printf(",\"%s\":", attrs[a]);
				json_str(stdout, val);
			} else {
				printf(" %s=%s", attrs[a], val);
			}
		}
		printf(o.json ? "}" : "\n");
		*first = 0;
next:
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

static int cmd_list(void)
{
	static const char *const ch_attrs[] = { "name", "src", "dst", "driver" };
	static const char *const ep_attrs[] = {
		"name", "src", "dst", "local_addr", "rx_dropped",
	};
	int first = 1;

	if (o.json)
		printf("[");
	list_dir(SYS_RPMSG_BUS, "channel", ch_attrs, 4, &first);
	list_dir(SYS_RPMSG_CLASS, "control", NULL, 0, &first);
	list_dir(SYS_RPMSG_CLASS, "endpoint", ep_attrs, 5, &first);
	if (o.json)
		printf("%s]\n", first ? "" : "\n");
	return EXIT_OK;
}

/* --- create / destroy ---------------------------------------------------- */

static int cmd_create(void)
{
	char ctrl[64], node[64];
	int cfd, ret;

	if (!o.have_dst) {
		err_msg("create needs the remote address: -a DST");
		return EXIT_USAGE;
	}
	ret = find_ctrl(ctrl, sizeof(ctrl));
	if (ret)
		return ret;
	cfd = open(ctrl, O_RDWR | O_CLOEXEC);
	if (cfd < 0) {
		err_msg("%s: %s", ctrl, strerror(errno));
		return EXIT_FAIL;
	}
	ret = create_node(ctrl, cfd, node, sizeof(node));
	close(cfd);
	if (!ret)
		printf("%s\n", node);
	return ret;
}

static int cmd_destroy(const char *node)
{
	int fd = open(node, O_RDWR | O_CLOEXEC);

	/* A node that is open elsewhere is busy: that owner must close it */
	if (fd < 0) {
		err_msg("%s: %s", node, strerror(errno));
		return errno == ENOENT ? EXIT_NOTFOUND : EXIT_FAIL;
	}
	if (ioctl(fd, RPMSG_DESTROY_EPT_IOCTL)) {
		err_msg("%s: cannot destroy: %s%s", node, strerror(errno),
			errno == EINVAL ? " (a channel's node goes with its channel)" : "");
		close(fd);
		return EXIT_FAIL;
	}
	close(fd);
	return EXIT_OK;
}

/* --- messages ------------------------------------------------------------ */

static void print_msg(const unsigned char *buf, ssize_t len)
{
	int text = !o.hex;

	for (ssize_t i = 0; i < len && text; i++)
		if ((buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\t') ||
		    buf[i] >= 0x7f)
			text = 0;
	if (o.json) {
		printf("{\"len\":%zd,\"%s\":\"", len, text ? "text" : "hex");
		for (ssize_t i = 0; i < len; i++) {
			if (!text)
				printf("%02x", buf[i]);
			else if (buf[i] == '"' || buf[i] == '\\')
				printf("\\%c", buf[i]);
			else if (buf[i] < 0x20)
				printf("\\u%04x", buf[i]);
			else
				putchar(buf[i]);
		}
		printf("\"}\n");
	} else if (text) {
		fwrite(buf, 1, len, stdout);
		if (!len || buf[len - 1] != '\n')
			putchar('\n');
	} else {
		for (ssize_t i = 0; i < len; i++)
			printf("%02x%s", buf[i], i + 1 < len ? " " : "\n");
	}
	fflush(stdout);
}

/* Wait for and read one message; -exit code on error or timeout */
static ssize_t recv_one(int fd, void *buf, size_t size, int timeout)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int r;

	r = poll(&p, 1, timeout ? timeout : -1);
	if (r == 0)
		return -EXIT_TIMEOUT;
	if (r < 0 || (p.revents & (POLLHUP | POLLERR) && !(p.revents & POLLIN))) {
		err_msg("endpoint gone (remote stopped or crashed?)");
		return -EXIT_FAIL;
	}
	n = read(fd, buf, size);
	if (n < 0) {
		err_msg("read: %s", strerror(errno));
		return -EXIT_FAIL;
	}
	return n;
}

static int send_one(int fd, const void *buf, size_t len)
{
	if (write(fd, buf, len) == (ssize_t)len)
		return 0;
	err_msg("send of %zu bytes: %s%s", len, strerror(errno),
		errno == EMSGSIZE ? " (larger than the buffer size)" : "");
	return EXIT_FAIL;
}

static int cmd_send(int fd, int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int ret = 0;

	if (!argc) {
		err_msg("send needs at least one message");
		return EXIT_USAGE;
	}
	for (int i = 0; i < argc && !ret; i++) {
		if (strcmp(argv[i], "-")) {
			ret = send_one(fd, argv[i], strlen(argv[i]));
			continue;
		}
		while (!ret && (n = getline(&line, &cap, stdin)) > 0) {
			if (line[n - 1] == '\n')
				line[--n] = 0;
			ret = send_one(fd, line, n);
		}
	}
	free(line);
	return ret;
}

static int cmd_recv(int fd)
{
	static unsigned char buf[MSG_MAX];

	for (long i = 0; o.count < 0 || i < o.count; i++) {
		ssize_t n = recv_one(fd, buf, sizeof(buf), o.timeout);

		if (n < 0)
			return -n;
		print_msg(buf, n);
	}
	return EXIT_OK;
}

static int cmd_echo(int fd, int argc, char **argv)
{
	static unsigned char buf[MSG_MAX];
	size_t len;
	ssize_t n;

	if (argc != 1) {
		err_msg("echo needs exactly one message");
		return EXIT_USAGE;
	}
	len = strlen(argv[0]);
	if (send_one(fd, argv[0], len))
		return EXIT_FAIL;
	n = recv_one(fd, buf, sizeof(buf), o.timeout);
	if (n < 0) {
		if (n == -EXIT_TIMEOUT)
			err_msg("no reply within %d ms", o.timeout);
		return -n;
	}
	print_msg(buf, n);
	if ((size_t)n != len || memcmp(buf, argv[0], len)) {
		err_msg("the reply differs from what was sent");
		return EXIT_TIMEOUT;
	}
	return EXIT_OK;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int cmd_ping(int fd)
{
	static unsigned char out[MSG_MAX], in[MSG_MAX];
	long count = o.count < 0 ? 10 : o.count;
	long long *rtt, sum = 0;
	long ok = 0, lost = 0;

	if (count < 1 || o.len < 4 || o.len > MSG_MAX) {
		err_msg("ping needs -c >= 1 and 4 <= -l <= %d", MSG_MAX);
		return EXIT_USAGE;
	}
	rtt = calloc(count, sizeof(*rtt));
	if (!rtt)
		return EXIT_FAIL;
	for (long i = 0; i < count; i++) {
		long long t0;
		ssize_t n;

		for (long k = 0; k < o.len; k++)
			out[k] = (unsigned char)(i + k);
		memcpy(out, &i, 4);
		t0 = now_us();
		if (send_one(fd, out, o.len)) {
			free(rtt);
			return EXIT_FAIL;
		}
		do {
			n = recv_one(fd, in, sizeof(in), o.timeout);
		} while (n >= 4 && memcmp(in, out, 4));	/* a late reply */
		if (n == -EXIT_TIMEOUT) {
			lost++;
			continue;
		}
		if (n < 0) {
			free(rtt);
			return -n;
		}
		if (n != o.len || memcmp(in, out, o.len)) {
			err_msg("reply %ld differs from the request", i);
			lost++;
			continue;
		}
		rtt[ok] = now_us() - t0;
		sum += rtt[ok++];
		if (o.interval)
			usleep(o.interval * 1000);
	}
	qsort(rtt, ok, sizeof(*rtt), cmp_ll);
	if (o.json) {
		printf("{\"sent\":%ld,\"received\":%ld,\"lost\":%ld,\"size\":%ld",
		       count, ok, lost, o.len);
		if (ok)
			printf(",\"min_us\":%lld,\"p50_us\":%lld,\"p99_us\":%lld,"
			       "\"max_us\":%lld,\"avg_us\":%lld",
			       rtt[0], rtt[(ok - 1) / 2], rtt[(ok * 99 - 1) / 100],
			       rtt[ok - 1], sum / ok);
		printf("}\n");
	} else {
		printf("%ld sent, %ld received, %ld lost, %ld bytes each\n",
		       count, ok, lost, o.len);
		if (ok)
			printf("round trip us: min %lld p50 %lld p99 %lld max %lld avg %lld\n",
			       rtt[0], rtt[(ok - 1) / 2], rtt[(ok * 99 - 1) / 100],
			       rtt[ok - 1], sum / ok);
	}
	free(rtt);
	return lost ? EXIT_TIMEOUT : EXIT_OK;
}

/* --- main ------------------------------------------------------------- */

static int parse_opts(int argc, char **argv, const char *optstr)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "hex", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ "dev", required_argument, NULL, 'd' },
		{ "rproc", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ "src", required_argument, NULL, 's' },
		{ "dst", required_argument, NULL, 'a' },
		{ "count", required_argument, NULL, 'c' },
		{ "len", required_argument, NULL, 'l' },
		{ "timeout", required_argument, NULL, 't' },
		{ "interval", required_argument, NULL, 'i' },
		{ }
	};
	long v;
	int c;

	while ((c = getopt_long(argc, argv, optstr, opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = 1;
			break;
		case 'x':
			o.hex = 1;
			break;
		case 'h':
			usage(stdout);
			exit(EXIT_OK);
		case 'd':
			o.dev = optarg;
			break;
		case 'r':
			o.rproc = optarg;
			break;
		case 'n':
			if (strlen(optarg) >= 32) {
				err_msg("endpoint names have at most 31 characters");
				return -1;
			}
			o.name = optarg;
			break;
		case 's':
		case 'a':
			if (parse_num(optarg, 0, 0xffffffffL, &v))
				return -1;
			if (c == 's') {
				o.src = v;
			} else {
				o.dst = v;
				o.have_dst = 1;
			}
			break;
		case 'c':
			if (parse_num(optarg, 0, 100000000, &o.count))
				return -1;
			break;
		case 'l':
			if (parse_num(optarg, 0, MSG_MAX, &o.len))
				return -1;
			break;
		case 't':
			if (parse_num(optarg, 0, 3600000, &v))
				return -1;
			o.timeout = v;
			break;
		case 'i':
			if (parse_num(optarg, 0, 60000, &o.interval))
				return -1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;
	int fd, ret;

	if (parse_opts(argc, argv, "+jxhd:r:n:s:a:c:l:t:i:"))
		goto usage;
	if (optind >= argc)
		goto usage;
	cmd = argv[optind++];
	if (parse_opts(argc, argv, "jxhd:r:n:s:a:c:l:t:i:"))
		goto usage;
	argc -= optind;
	argv += optind;

	if (!strcmp(cmd, "list") || !strcmp(cmd, "ls"))
		return argc ? (usage(stderr), EXIT_USAGE) : cmd_list();
	if (!strcmp(cmd, "create"))
		return argc ? (usage(stderr), EXIT_USAGE) : cmd_create();
	if (!strcmp(cmd, "destroy")) {
		if (argc != 1)
			goto usage;
		return cmd_destroy(argv[0]);
	}
	if (strcmp(cmd, "send") && strcmp(cmd, "recv") && strcmp(cmd, "echo") &&
	    strcmp(cmd, "ping")) {
		err_msg("unknown command '%s'", cmd);
		goto usage;
	}

	fd = open_endpoint();
	if (fd < 0)
		return -fd;
	if (!strcmp(cmd, "send"))
		ret = cmd_send(fd, argc, argv);
	else if (!strcmp(cmd, "recv"))
		ret = argc ? EXIT_USAGE : cmd_recv(fd);
	else if (!strcmp(cmd, "echo"))
		ret = cmd_echo(fd, argc, argv);
	else
		ret = argc ? EXIT_USAGE : cmd_ping(fd);
	close_endpoint(fd);
	if (ret == EXIT_USAGE)
		usage(stderr);
	return ret;

usage:
	usage(stderr);
	return EXIT_USAGE;
}
