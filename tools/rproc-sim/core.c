// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-sim-core - the simulated remote core of the remoteproc simulator
 *
 * Started by the rproc-sim driver when a simulated remote processor is
 * started, with the path of the instance's character device.  Maps every
 * device-memory region at its device address (and at its physical address,
 * which is what the virtio transport may write into vring descriptors),
 * then calls the firmware entry point with the host callbacks of
 * rsim_host.h.  Faults in the firmware end the process; the driver reports
 * that as a crash of the remote processor.
 *
 * The firmware is untrusted code running inside this process, so before
 * jumping into it the runner confines itself (confine.c): it gives up root
 * and every capability and installs a seccomp filter that kills the process
 * on any system call but the few the host callbacks below make.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/remoteproc_sim.h>

#include "rsim_host.h"
#include "confine.h"
#include "runner.h"

#if RSIM_PM_SUSPEND_AUTO != RSIM_HOST_PM_SUSPEND_AUTO || \
	RSIM_PM_SUSPEND_SYSTEM != RSIM_HOST_PM_SUSPEND_SYSTEM || \
	RSIM_PM_WOKEN != RSIM_HOST_PM_WOKEN || \
	RSIM_PM_ACK != RSIM_HOST_PM_ACK || RSIM_PM_CANCEL != RSIM_HOST_PM_CANCEL
#error "the firmware's and the driver's PM values differ"
#endif

static int core_fd = -1;
static const char *core_name = "?";
static struct runner_beat beat;
/* Suspend request delivered by the last wait, for host_pm_request(). */
static uint32_t pm_pending;

static void host_kick(uint32_t notifyid)
{
	/* -ENOENT (no virtqueue with that id yet) is not an error here. */
	ioctl(core_fd, RSIM_IOC_KICK, &notifyid);
}

static uint64_t host_wait(uint32_t timeout_ms)
{
	struct rsim_wait w = { .timeout_ms = timeout_ms };

	while (ioctl(core_fd, RSIM_IOC_WAIT, &w) < 0) {
		if (errno == EINTR)
			continue;
		/* Being stopped: the driver kills us anyway, leave quietly. */
		if (errno == ESHUTDOWN)
			_exit(0);
		return 0;
	}
	if (w.pm_request)
		pm_pending = w.pm_request;
	return w.pending;
}

static uint32_t host_pm_request(void)
{
	uint32_t req = pm_pending;

	pm_pending = RSIM_HOST_PM_NONE;
	return req;
}

static void host_pm_answer(uint32_t answer)
{
	/* The host's values are the driver's: see rsim_host.h. */
	ioctl(core_fd, RSIM_IOC_PM_ANSWER, &answer);
}

/* Called on every pass of the firmware's main loop: see runner_beat_due() */
static void host_heartbeat(void)
{
	if (runner_beat_due(&beat))
		ioctl(core_fd, RSIM_IOC_HEARTBEAT);
}

static void __attribute__((noreturn)) host_exit(int code)
{
	struct rsim_exit why = { .code = code };

	ioctl(core_fd, RSIM_IOC_EXIT, &why);
	_exit(code ? 1 : 0);
}

static void host_console(const char *s, uint32_t len)
{
	while (len) {
		ssize_t n = write(STDERR_FILENO, s, len);

		if (n <= 0)
			return;
		s += n;
		len -= n;
	}
}

static const struct rsim_host host = {
	.abi = RSIM_HOST_ABI,
	.size = sizeof(struct rsim_host),
	.kick = host_kick,
	.wait = host_wait,
	.heartbeat = host_heartbeat,
	.exit = host_exit,
	.console = host_console,
	.pm_request = host_pm_request,
	.pm_answer = host_pm_answer,
};

/* Async-signal-safe: report the fault to the driver, then die. */
static void on_fault(int sig, siginfo_t *si, void *uctx)
{
	struct rsim_exit why = {
		.code = -1,
		.signal = sig,
		.addr = (uintptr_t)si->si_addr,
	};
	static const char msg[] = "rproc-sim-core: firmware fault\n";

	(void)uctx;
	ioctl(core_fd, RSIM_IOC_EXIT, &why);
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(128 + sig);
	_exit(128 + sig);
}

static int catch_faults(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP };
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	struct sigaction sa = { .sa_sigaction = on_fault };
	sigset_t none;
	unsigned int i;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (sigaltstack(&ss, NULL))
		return -1;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &sa, NULL))
			return -1;
	return 0;
}

static int map_at(uint64_t addr, const struct rsim_region_info *r, int prot)
{
	void *want = (void *)(uintptr_t)addr;
	void *got;

	got = mmap(want, r->size, prot, MAP_SHARED | MAP_FIXED_NOREPLACE,
		   core_fd, r->offset);
	if (got == MAP_FAILED)
		return -errno;
	if (got != want) {
		munmap(got, r->size);
		return -EEXIST;
	}
	return 0;
}

static int map_regions(const struct rsim_info *info)
{
	const int rwx = PROT_READ | PROT_WRITE | PROT_EXEC;
	struct rsim_region_info r;
	unsigned int i;
	int err;

	for (i = 0; i < info->nr_regions; i++) {
		memset(&r, 0, sizeof(r));
		r.index = i;
		if (ioctl(core_fd, RSIM_IOC_GET_REGION, &r) < 0) {
			fprintf(stderr, "rproc-sim-core: %s: region %u: %m\n",
				core_name, i);
			return -1;
		}
		err = map_at(r.da, &r, rwx);
		if (err) {
			fprintf(stderr, "rproc-sim-core: %s: cannot map %s at %#llx: %s\n",
				core_name, r.name, (unsigned long long)r.da,
				strerror(-err));
			return -1;
		}
		/* Best effort: only needed if the transport hands out pa. */
		if (r.pa != r.da)
			map_at(r.pa, &r, PROT_READ | PROT_WRITE);
	}
	return 0;
}

static const char help[] =
	"Run the firmware of a simulated remote processor: DEVICE is the\n"
	"instance's /dev/rproc-sim-NAME. The rproc-sim driver starts this\n"
	"program when the processor is started; it is not meant to be run\n"
	"by hand.\n";

int main(int argc, char **argv)
{
	struct rsim_image img;
	struct rsim_info info;
	rsim_entry_t entry;
	int status;

	core_fd = runner_open(argc, argv, "rproc-sim-core", help, &info,
			      &status);
	if (core_fd < 0)
		return status;
	core_name = info.name;
	runner_beat_init(&beat, &info);

	/* An older driver knows no GET_IMAGE and runs only x86-64 images. */
	if (!ioctl(core_fd, RSIM_IOC_GET_IMAGE, &img) && img.machine != EM_X86_64) {
		fprintf(stderr, "rproc-sim-core: %s: the firmware is for ELF machine %u, not x86-64\n",
			core_name, img.machine);
		return 1;
	}

	if (map_regions(&info) || catch_faults()) {
		fprintf(stderr, "rproc-sim-core: %s: setup failed\n", core_name);
		return 1;
	}
	/* From here on only what the host callbacks need is allowed. */
	if (confine(core_fd, core_name, 0))
		return 1;
	if (ioctl(core_fd, RSIM_IOC_READY) < 0) {
		fprintf(stderr, "rproc-sim-core: %s: READY: %m\n", core_name);
		return 1;
	}

	entry = (rsim_entry_t)(uintptr_t)info.boot_addr;
	entry(&host);
	host_exit(0);
}
