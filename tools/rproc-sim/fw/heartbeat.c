// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal rproc-sim firmware: a trace buffer and a heartbeat.
 *
 * One source, several behaviours chosen at build time with FW_MODE:
 *   FW_HEARTBEAT  log a greeting and ticks to the trace buffer, heartbeat
 *                 every 50 ms, run until stopped
 *   FW_CRASH      like FW_HEARTBEAT, then touch address 0 after 10 ticks
 *   FW_HANG       log, then never heartbeat again (trips the watchdog)
 *   FW_EXIT       log, then call host->exit(3) after 10 ticks
 *
 * and firmware that does what firmware must not, to test the runner's
 * confinement (the runner kills it, or stop has to):
 *   FW_SYSCALL    after 3 ticks, a system call of its own (getuid)
 *   FW_FORK       after 3 ticks, fork(); the child sleeps in pause()
 *                 holding whatever it inherited
 *   FW_SPIN       after 3 ticks, spin forever: no wait, no heartbeat, so
 *                 it never sees a stop request
 *
 * The remote-side rpmsg stack and its test images live in tools/rpmsg-remote;
 * this one exists so the simulator can be brought up without them.
 */
#include <stddef.h>
#include <stdint.h>

#include "rr_wire.h"
#include "rsim_host.h"

#define FW_HEARTBEAT	0
#define FW_CRASH	1
#define FW_HANG		2
#define FW_EXIT		3
#define FW_SYSCALL	4
#define FW_FORK		5
#define FW_SPIN		6

#ifndef FW_MODE
#define FW_MODE FW_HEARTBEAT
#endif

#if FW_MODE == FW_CRASH
#define FW_MODE_NAME "crash"
#elif FW_MODE == FW_HANG
#define FW_MODE_NAME "hang"
#elif FW_MODE == FW_EXIT
#define FW_MODE_NAME "exit"
#elif FW_MODE == FW_SYSCALL
#define FW_MODE_NAME "syscall"
#elif FW_MODE == FW_FORK
#define FW_MODE_NAME "fork"
#elif FW_MODE == FW_SPIN
#define FW_MODE_NAME "spin"
#else
#define FW_MODE_NAME "run"
#endif

/* Trace buffer: the last 64 KiB of region "mem", outside the ELF image. */
#define TRACE_DA	0x207f0000u
#define TRACE_LEN	0x10000u

struct fw_rsc_table {
	struct rr_rsc_hdr hdr;
	uint32_t offset[1];
	struct rr_rsc_trace trace;
} __attribute__((packed));

__attribute__((section(".resource_table"), used))
struct fw_rsc_table resource_table = {
	.hdr = { .ver = RR_RSC_VERSION, .num = 1 },
	.offset = { offsetof(struct fw_rsc_table, trace) },
	.trace = {
		.type = RR_RSC_TRACE,
		.da = TRACE_DA,
		.len = TRACE_LEN,
		.name = "trace0",
	},
};

static char *const trace = (char *)(uintptr_t)TRACE_DA;
static uint32_t trace_pos;

/* gcc may emit calls to these even in freestanding code. */
void *memset(void *s, int c, size_t n)
{
	volatile unsigned char *p = s;

	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	while (n--)
		*dp++ = *sp++;
	return d;
}

static void log_str(const char *s)
{
	/* Keep a terminating NUL; stop logging when the buffer is full. */
	while (*s && trace_pos < TRACE_LEN - 1)
		trace[trace_pos++] = *s++;
	trace[trace_pos] = '\0';
}

static void log_num(uint32_t v)
{
	char buf[11];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i);
	log_str(&buf[i]);
}

/* x86-64 Linux system call numbers, for the misbehaving modes */
#define NR_PAUSE	34
#define NR_FORK		57
#define NR_GETUID	102

static long raw_syscall(long nr)
{
	long ret;

	asm volatile("syscall" : "=a"(ret) : "a"(nr) : "rcx", "r11", "memory");
	return ret;
}

/* What the misbehaving modes do once the firmware is up; may not return. */
static void misbehave(void)
{
	long ret;

	if (FW_MODE == FW_SYSCALL) {
		log_str("calling getuid\n");
		ret = raw_syscall(NR_GETUID);
		log_str("getuid returned ");
		log_num((uint32_t)ret);
		log_str("\n");
	} else if (FW_MODE == FW_FORK) {
		log_str("forking\n");
		ret = raw_syscall(NR_FORK);
		if (ret == 0)
			for (;;)
				raw_syscall(NR_PAUSE);
		log_str("fork returned ");
		log_num((uint32_t)ret);
		log_str("\n");
	} else if (FW_MODE == FW_SPIN) {
		log_str("spinning\n");
		for (;;)
			asm volatile("pause" ::: "memory");
	}
}

__attribute__((section(".text.entry")))
void fw_entry(const struct rsim_host *host)
{
	static const char hello[] = "rproc-sim firmware up\n";
	uint32_t tick;

	if (host->abi != RSIM_HOST_ABI)
		host->exit(2);

	memset(trace, 0, TRACE_LEN);
	trace_pos = 0;
	log_str("rproc-sim heartbeat firmware (" FW_MODE_NAME "): hello\n");
	host->console(hello, sizeof(hello) - 1);

	for (tick = 1; ; tick++) {
		if (FW_MODE != FW_HANG || tick < 3)
			host->heartbeat();
		host->wait(50);
		if (tick % 20 == 0 || tick < 3) {
			log_str("tick ");
			log_num(tick);
			log_str("\n");
		}
		if (FW_MODE == FW_CRASH && tick == 10) {
			log_str("crashing now\n");
			*(volatile uint32_t *)0 = tick;
		}
		if (tick == 3)
			misbehave();
		if (FW_MODE == FW_EXIT && tick == 10) {
			log_str("exiting with code 3\n");
			host->exit(3);
		}
	}
}
