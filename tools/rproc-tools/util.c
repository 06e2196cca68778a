// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the rproc and rpmsg tools.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/**
 * err_msg() - print "prog: message" on stderr
 * @fmt: printf format of the message, without the trailing newline
 */
void err_msg(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/**
 * sys_read() - read a sysfs attribute without its trailing newline
 * @dir: directory of the attribute
 * @attr: attribute name
 * @buf: result
 * @size: size of @buf
 *
 * Return: 0 or a negative errno.
 */
int sys_read(const char *dir, const char *attr, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	buf[n] = 0;
	while (n && buf[n - 1] == '\n')
		buf[--n] = 0;
	return 0;
}

/**
 * sys_write() - write a value to a sysfs attribute
 * @dir: directory of the attribute
 * @attr: attribute name
 * @val: value, written in one write() call
 *
 * Return: 0 or a negative errno.
 */
int sys_write(const char *dir, const char *attr, const char *val)
{
	char path[PATH_MAX];
	int fd, ret = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/**
 * json_str() - print a JSON string literal
 * @f: output stream
 * @s: the string
 */
void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/**
 * rproc_resolve() - find a remote processor by device or by name
 * @id: "remoteprocN" or the processor's name attribute
 * @dev: receives "remoteprocN"
 * @size: size of @dev
 *
 * Return: 0, or -ENOENT when none matches.
 */
int rproc_resolve(const char *id, char *dev, size_t size)
{
	char dir[PATH_MAX], name[128];
	struct dirent *de;
	DIR *d;
	int ret = -ENOENT;

	d = opendir(SYS_RPROC);
	if (!d)
		return -ENOENT;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(dir, sizeof(dir), SYS_RPROC "/%s", de->d_name);
		if (strcmp(de->d_name, id) &&
		    (sys_read(dir, "name", name, sizeof(name)) ||
		     strcmp(name, id)))
			continue;
		snprintf(dev, size, "%s", de->d_name);
		ret = 0;
		break;
	}
	closedir(d);
	return ret;
}

/**
 * rproc_owner() - the remote processor a sysfs device sits below
 * @sysdev: a sysfs path, e.g. /sys/class/rpmsg/rpmsg0
 * @dev: receives "remoteprocN", or "-" when there is none
 * @size: size of @dev
 *
 * Return: 0, or -ENOENT when @sysdev is not below a remote processor.
 */
int rproc_owner(const char *sysdev, char *dev, size_t size)
{
	char real[PATH_MAX], *p, *end;

	snprintf(dev, size, "-");
	if (!realpath(sysdev, real))
		return -errno;
	/* The last path component "remoteprocN" (digits only) is the owner */
	p = NULL;
	for (char *q = real; (q = strstr(q, "/remoteproc")); q++) {
		size_t digits = strspn(q + 11, "0123456789");

		if (digits && (q[11 + digits] == '/' || !q[11 + digits]))
			p = q + 1;
	}
	if (!p)
		return -ENOENT;
	end = strchr(p, '/');
	snprintf(dev, size, "%.*s", end ? (int)(end - p) : (int)strlen(p), p);
	return 0;
}

/**
 * now_us() - monotonic time in microseconds
 *
 * Return: the time.
 */
long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}
