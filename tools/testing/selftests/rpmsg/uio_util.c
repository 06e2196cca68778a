// SPDX-License-Identifier: GPL-2.0
/*
 * uio_util - the steps of rpmsg-uio.sh that a shell cannot do
 *
 *   uio_util as UID PROG [ARG...]
 *	run PROG as user and group UID, with no supplementary groups
 *   uio_util hold DEV MAP SIZE [STATE]
 *	map SIZE bytes of UIO map MAP of DEV, say "mapped", wait (at most
 *	60 s) until the device goes away and the file STATE, if given (the
 *	remote processor's sysfs state), says "offline", then read the
 *	mapping again: say "revoked" if that faults (SIGBUS), "readable" if
 *	it does not
 *   uio_util bell DEV VALUE
 *	write VALUE to DEV (the simulator's doorbell), say "ok" or the error
 *   uio_util masked DEV PROG [ARG...]
 *	mask Linux's kicks (doorbell 0), run PROG, which should make Linux
 *	kick, and check that no event came; unmask (1) and check that the
 *	held kick comes then: say "held and delivered"
 *
 * Exit status: 0 done, 1 failed (stderr says why), 2 bad usage.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GONE_TIMEOUT_S	60

static sigjmp_buf fault_jmp;

static int usage(void)
{
	fprintf(stderr, "usage: uio_util as UID PROG [ARG...]\n"
			"       uio_util hold DEV MAP SIZE [STATE]\n"
			"       uio_util bell DEV VALUE\n"
			"       uio_util masked DEV PROG [ARG...]\n");
	return 2;
}

static int number(const char *s, unsigned long long *v)
{
	char *end;

	errno = 0;
	*v = strtoull(s, &end, 0);
	return errno || end == s || *end || s[0] == '-' ? -1 : 0;
}

static int do_as(char **argv)
{
	unsigned long long id;

	if (number(argv[0], &id) || id > 65535)
		return usage();
	if (setgroups(0, NULL) || setgid(id) || setuid(id)) {
		perror("uio_util: dropping privileges");
		return 1;
	}
	execv(argv[1], argv + 1);
	fprintf(stderr, "uio_util: %s: %s\n", argv[1], strerror(errno));
	return 1;
}

static void on_fault(int sig)
{
	siglongjmp(fault_jmp, sig);
}

/* Whether the file @path starts with "offline" */
static int is_offline(const char *path)
{
	char buf[16] = "";
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = '\0';
	fclose(f);
	return !strncmp(buf, "offline", 7);
}

/*
 * Block until @fd's device is unregistered (read() fails with EIO) and,
 * with @state, until the remote processor is offline: its stop is over.
 */
static int wait_gone(int fd, const char *state)
{
	time_t end = time(NULL) + GONE_TIMEOUT_S;
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int32_t count;
	int gone = 0;

	while (time(NULL) < end) {
		if (gone) {
			if (!state || is_offline(state))
				return 0;
			poll(NULL, 0, 20);
			continue;
		}
		if (poll(&p, 1, 1000) <= 0)
			continue;
		if (read(fd, &count, sizeof(count)) < 0 && errno == EIO)
			gone = 1;
	}
	return -1;
}

static int do_hold(char **argv)
{
	unsigned long long map, size;
	volatile uint8_t *p;
	struct sigaction sa = { .sa_handler = on_fault };
	int fd;

	if (number(argv[1], &map) || number(argv[2], &size) || map > 4 || !size)
		return usage();
	fd = open(argv[0], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "uio_util: %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 (off_t)map * sysconf(_SC_PAGESIZE));
	if (p == MAP_FAILED) {
		fprintf(stderr, "uio_util: mmap: %s\n", strerror(errno));
		return 1;
	}
	(void)p[0];
	printf("mapped\n");
	fflush(stdout);

	if (wait_gone(fd, argv[3])) {
		fprintf(stderr, "uio_util: the device did not go away\n");
		return 1;
	}
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(fault_jmp, 1)) {
		printf("revoked\n");
		return 0;
	}
	(void)p[0];
	printf("readable\n");
	return 0;
}

static int do_bell(char **argv)
{
	unsigned long long v;
	int32_t val;
	int fd;

	if (number(argv[1], &v) || v > UINT32_MAX)
		return usage();
	val = (int32_t)(uint32_t)v;
	fd = open(argv[0], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "uio_util: %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	if (write(fd, &val, sizeof(val)) == sizeof(val))
		printf("ok\n");
	else
		printf("error %s\n", strerrorname_np(errno));
	close(fd);
	return 0;
}

/* Whether an event is waiting on @fd within @ms; consumes it. */
static int event_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int32_t count;

	if (poll(&p, 1, ms) <= 0)
		return 0;
	return read(fd, &count, sizeof(count)) == sizeof(count);
}

static int bell(int fd, int32_t val)
{
	if (write(fd, &val, sizeof(val)) == sizeof(val))
		return 0;
	fprintf(stderr, "uio_util: doorbell %d: %s\n", val, strerror(errno));
	return -1;
}

static int do_masked(char **argv)
{
	int fd, status;
	pid_t pid;

	fd = open(argv[0], O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "uio_util: %s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	if (bell(fd, 0))
		return 1;
	/* What came before the mask does not count */
	while (event_within(fd, 0))
		;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "uio_util: %s failed\n", argv[1]);
		bell(fd, 1);
		return 1;
	}
	if (event_within(fd, 0)) {
		bell(fd, 1);
		printf("event while masked\n");
		return 1;
	}
	if (bell(fd, 1))
		return 1;
	if (!event_within(fd, 5000)) {
		printf("no event after the unmask\n");
		return 1;
	}
	printf("held and delivered\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && !strcmp(argv[1], "as"))
		return do_as(argv + 2);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "hold"))
		return do_hold(argv + 2);
	if (argc == 4 && !strcmp(argv[1], "bell"))
		return do_bell(argv + 2);
	if (argc >= 4 && !strcmp(argv[1], "masked"))
		return do_masked(argv + 2);
	return usage();
}
