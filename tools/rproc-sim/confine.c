// SPDX-License-Identifier: GPL-2.0
/*
 * confine.c - the simulated core's sandbox
 *
 * Simulated firmware is ordinary x86-64 code running in the runner's
 * process, so everything the process may do, the firmware may do.  Before
 * the runner jumps into it, it therefore
 *
 *  1. closes every file but stdio and the core's character device,
 *  2. gives up root: no supplementary groups, RSIM_RUNNER_UID/GID as every
 *     user and group id, an empty capability bounding set and no ambient
 *     capabilities, so no capability is left in any set,
 *  3. becomes undumpable (no ptrace by other processes of that user, no
 *     core file) and sets no_new_privs,
 *  4. installs a seccomp filter that lets through only the system calls of
 *     the host callbacks and the fault handler - ioctl() on the core's
 *     device with the four run-time commands, write() to stderr,
 *     clock_gettime() (where the vDSO falls back to it; the heartbeat's
 *     rate limit reads the clock), exit_group() and exit() - and kills
 *     the whole process on anything else.  An emulating runner
 *     (rproc-sim-m3, CONFINE_EMULATOR) runs the firmware inside an
 *     emulator that allocates memory as it translates code; it may also
 *     call brk(), munmap(), mremap(), madvise(), futex(), and
 *     mmap()/mprotect() without PROT_EXEC
 *     (its code buffer is made executable once, before confinement).
 *
 * A killed runner closes the device; the driver sees why (SIGSYS and the
 * system call number) and reports the remote processor as crashed.  The
 * filter is the boundary: the firmware can overwrite any of the runner's
 * data, so nothing after this point relies on the runner's own code
 * staying honest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/remoteproc_sim.h>
#include <linux/seccomp.h>

#include "confine.h"

/* x32 system calls have this bit set in their number; refuse them all. */
#define X32_SYSCALL_BIT	0x40000000u

/* Jump targets patched into jt/jf once the program is complete. */
#define TO_ALLOW	0xfe
#define TO_KILL		0xff

#define LD(off)		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off))
#define JEQ(k, t, f)	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (k), (t), (f))
#define JGE(k, t, f)	BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (k), (t), (f))
#define JSET(k, t, f)	BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, (k), (t), (f))
#define RET(k)		BPF_STMT(BPF_RET | BPF_K, (k))

/* Low 32 bits of argument @n; ioctl() and write() take 32-bit fds/cmds. */
#define ARG_LO(n)	(offsetof(struct seccomp_data, args) + 8 * (n))

static int install_filter(int core_fd, unsigned int flags)
{
	const struct sock_filter head[] = {
		LD(offsetof(struct seccomp_data, arch)),
		JEQ(AUDIT_ARCH_X86_64, 0, TO_KILL),
		LD(offsetof(struct seccomp_data, nr)),
		JGE(X32_SYSCALL_BIT, TO_KILL, 0),
		JEQ(__NR_exit_group, TO_ALLOW, 0),
		JEQ(__NR_exit, TO_ALLOW, 0),
		JEQ(__NR_clock_gettime, TO_ALLOW, 0),
	};
	/* With the syscall number loaded; other numbers go on to the tail. */
	const struct sock_filter emulator[] = {
		JEQ(__NR_brk, TO_ALLOW, 0),
		JEQ(__NR_munmap, TO_ALLOW, 0),
		JEQ(__NR_mremap, TO_ALLOW, 0),
		JEQ(__NR_madvise, TO_ALLOW, 0),
		JEQ(__NR_futex, TO_ALLOW, 0),
		JEQ(__NR_mmap, 1, 0),
		JEQ(__NR_mprotect, 0, 2),
		/* mmap() and mprotect(): never executable memory */
		LD(ARG_LO(2)),
		JSET(PROT_EXEC, TO_KILL, TO_ALLOW),
	};
	const struct sock_filter tail[] = {
		JEQ(__NR_write, 0, 2),
		/* write(): the console and diagnostics, stderr only */
		LD(ARG_LO(0)),
		JEQ(STDERR_FILENO, TO_ALLOW, TO_KILL),
		JEQ(__NR_ioctl, 0, TO_KILL),
		/* ioctl(): the core's device, run-time commands only */
		LD(ARG_LO(0)),
		JEQ((uint32_t)core_fd, 0, TO_KILL),
		LD(ARG_LO(1)),
		/* READY ends the set-up; the driver refuses it once running */
		JEQ(RSIM_IOC_READY, TO_ALLOW, 0),
		JEQ(RSIM_IOC_KICK, TO_ALLOW, 0),
		JEQ(RSIM_IOC_WAIT, TO_ALLOW, 0),
		JEQ(RSIM_IOC_HEARTBEAT, TO_ALLOW, 0),
		JEQ(RSIM_IOC_PM_ANSWER, TO_ALLOW, 0),
		JEQ(RSIM_IOC_EXIT, TO_ALLOW, TO_KILL),
		RET(SECCOMP_RET_KILL_PROCESS),
		RET(SECCOMP_RET_ALLOW),
	};
	struct sock_filter prog[sizeof(head) / sizeof(head[0]) +
				sizeof(emulator) / sizeof(emulator[0]) +
				sizeof(tail) / sizeof(tail[0])];
	struct sock_fprog fprog = { .filter = prog };
	unsigned int i, n = 0;

	memcpy(prog, head, sizeof(head));
	n += sizeof(head) / sizeof(head[0]);
	if (flags & CONFINE_EMULATOR) {
		memcpy(prog + n, emulator, sizeof(emulator));
		n += sizeof(emulator) / sizeof(emulator[0]);
	}
	memcpy(prog + n, tail, sizeof(tail));
	n += sizeof(tail) / sizeof(tail[0]);
	fprog.len = n;

	/* The last two instructions are the targets. */
	for (i = 0; i < n; i++) {
		if (BPF_CLASS(prog[i].code) != BPF_JMP)
			continue;
		if (prog[i].jt == TO_ALLOW)
			prog[i].jt = n - 1 - i - 1;
		else if (prog[i].jt == TO_KILL)
			prog[i].jt = n - 2 - i - 1;
		if (prog[i].jf == TO_ALLOW)
			prog[i].jf = n - 1 - i - 1;
		else if (prog[i].jf == TO_KILL)
			prog[i].jf = n - 2 - i - 1;
	}
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog);
}

static int drop_privileges(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	const struct rlimit none = { 0, 0 };
	int cap;

	if (setgroups(0, NULL))
		return -1;
	/* Empty the bounding set while we still have CAP_SETPCAP. */
	for (cap = 0; prctl(PR_CAPBSET_READ, cap) >= 0; cap++)
		if (prctl(PR_CAPBSET_DROP, cap))
			return -1;
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) &&
	    errno != EINVAL)
		return -1;
	if (setresgid(RSIM_RUNNER_GID, RSIM_RUNNER_GID, RSIM_RUNNER_GID) ||
	    setresuid(RSIM_RUNNER_UID, RSIM_RUNNER_UID, RSIM_RUNNER_UID))
		return -1;
	if (prctl(PR_SET_DUMPABLE, 0) || setrlimit(RLIMIT_CORE, &none) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;

	/* Trust but verify: no way back to root, no capability left. */
	if (!setresuid(0, 0, 0) || !setresgid(0, 0, 0)) {
		errno = EPERM;
		return -1;
	}
	if (syscall(SYS_capget, &hdr, data))
		return -1;
	if (data[0].effective | data[0].permitted | data[0].inheritable |
	    data[1].effective | data[1].permitted | data[1].inheritable) {
		errno = EPERM;
		return -1;
	}
	return 0;
}

/**
 * confine() - shut the runner in before it runs firmware
 * @core_fd: the core's character device, which stays open
 * @name: instance name, for messages
 * @flags: CONFINE_EMULATOR for a runner that emulates the core
 *
 * Return: 0, or -1 after logging why; the runner must not run the
 * firmware then.
 */
int confine(int core_fd, const char *name, unsigned int flags)
{
	const char *step = "closing files";

	if ((core_fd > 3 && syscall(SYS_close_range, 3, core_fd - 1, 0)) ||
	    syscall(SYS_close_range, core_fd + 1, ~0u, 0))
		goto fail;
	step = "dropping privileges";
	if (drop_privileges())
		goto fail;
	step = "installing the seccomp filter";
	if (install_filter(core_fd, flags))
		goto fail;
	return 0;

fail:
	fprintf(stderr, "rproc-sim: %s: %s: %s; not running the firmware\n",
		name, step, strerror(errno));
	return -1;
}
