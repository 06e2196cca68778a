// SPDX-License-Identifier: GPL-2.0
/*
 * abi-dump - record what userspace sees of a kernel interface, for
 * make abi-diff (scripts/rig/abi-diff.sh), in a form two kernels' records
 * can be compared line by line.
 *
 *   abi-dump tree [-n] LABEL DIR
 *	walk DIR without following symbolic links and print one line per
 *	entry, sorted by path:
 *	  LABEL/PATH d MODE			a directory
 *	  LABEL/PATH l -> TARGET		a symbolic link
 *	  LABEL/PATH f MODE = CONTENT		a file the owner may read
 *	  LABEL/PATH f MODE ! ERRNO		reading it failed
 *	  LABEL/PATH f MODE			a file the owner may not read
 *	  LABEL/PATH c|b MODE MAJOR:MINOR	a device node
 *	CONTENT is the first 4 KiB, with \n, \\ and non-printable bytes
 *	escaped. -n records names and modes only (debugfs, where reading
 *	may have side effects or show addresses).
 *
 *   abi-dump uevents FILE
 *	listen to the kernel's uevents and append each to FILE as one line
 *	of its KEY=VALUE pairs, in the order the kernel sent them, flushing
 *	after each event; runs until killed. Prints "ready" on stdout once
 *	it is listening.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define CONTENT_MAX 4096

static int names_only;

/* Bytes as one line: printable ASCII as is, the rest escaped. */
static void put_escaped(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			fputs("\\n", stdout);
		else if (p[i] == '\\')
			fputs("\\\\", stdout);
		else if (p[i] < 0x20 || p[i] >= 0x7f)
			printf("\\x%02x", p[i]);
		else
			putchar(p[i]);
	}
}

static void put_file(const char *path, const struct stat *st)
{
	unsigned char buf[CONTENT_MAX];
	ssize_t n;
	int fd;

	if (names_only || !(st->st_mode & 0400)) {
		putchar('\n');
		return;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		printf(" ! %s\n", strerrorname_np(errno) ?: "?");
		return;
	}
	n = read(fd, buf, sizeof(buf));
	if (n < 0) {
		printf(" ! %s\n", strerrorname_np(errno) ?: "?");
	} else {
		fputs(" = ", stdout);
		put_escaped(buf, n);
		putchar('\n');
	}
	close(fd);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void walk(const char *label, const char *root, const char *rel)
{
	char path[PATH_MAX], sub[PATH_MAX];
	struct dirent **ents;
	int i, n;

	snprintf(path, sizeof(path), "%s%s%s", root, *rel ? "/" : "", rel);
	n = scandir(path, &ents, NULL, by_name);
	if (n < 0) {
		printf("%s/%s ! %s\n", label, rel, strerrorname_np(errno) ?: "?");
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char full[2 * PATH_MAX];
		struct stat st;

		if (!strcmp(name, ".") || !strcmp(name, ".."))
			goto next;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", name);
		snprintf(full, sizeof(full), "%s/%s", root, sub);
		if (lstat(full, &st)) {
			printf("%s/%s ! %s\n", label, sub,
			       strerrorname_np(errno) ?: "?");
			goto next;
		}
		printf("%s/%s ", label, sub);
		if (S_ISLNK(st.st_mode)) {
			char target[PATH_MAX];
			ssize_t len = readlink(full, target, sizeof(target) - 1);

			target[len < 0 ? 0 : len] = '\0';
			printf("l -> %s\n", target);
		} else if (S_ISDIR(st.st_mode)) {
			printf("d %04o\n", st.st_mode & 07777);
			walk(label, root, sub);
		} else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
			printf("%c %04o %u:%u\n", S_ISCHR(st.st_mode) ? 'c' : 'b',
			       st.st_mode & 07777, major(st.st_rdev),
			       minor(st.st_rdev));
		} else {
			printf("f %04o", st.st_mode & 07777);
			put_file(full, &st);
		}
next:
		free(ents[i]);
	}
	free(ents);
}

static int uevents(const char *file)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = 1,	/* the kernel's own events, not udev's */
	};
	static char buf[64 * 1024];
	int fd, size = 4 << 20;
	FILE *out;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
		    NETLINK_KOBJECT_UEVENT);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("abi-dump: uevent socket");
		return 1;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	out = fopen(file, "a");
	if (!out) {
		perror(file);
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
		ssize_t off;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* Lost events must show up in the comparison. */
			fprintf(out, "LOST %s\n", strerrorname_np(errno) ?: "?");
			fflush(out);
			continue;
		}
		buf[n] = '\0';
		/* "ACTION@DEVPATH\0KEY=VALUE\0...": skip the header. */
		off = strlen(buf) + 1;
		while (off < n) {
			fprintf(out, "%s%s", buf + off,
				off + (ssize_t)strlen(buf + off) + 1 < n ? " " : "");
			off += strlen(buf + off) + 1;
		}
		fputc('\n', out);
		fflush(out);
	}
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "uevents"))
		return uevents(argv[2]);
	if (argc >= 4 && !strcmp(argv[1], "tree")) {
		int a = 2;

		if (!strcmp(argv[a], "-n")) {
			names_only = 1;
			a++;
		}
		if (argc == a + 2) {
			walk(argv[a], argv[a + 1], "");
			return 0;
		}
	}
	fprintf(stderr, "usage: abi-dump tree [-n] LABEL DIR | abi-dump uevents FILE\n");
	return 2;
}
