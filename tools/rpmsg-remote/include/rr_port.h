/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_port.h - what a port must provide to the rpmsg remote stack
 *
 * The stack itself is portable C99 and never touches hardware.  A port (one
 * directory under port/) supplies:
 *
 *  - rr_arch.h, found on the include path, defining three barrier macros:
 *	rr_mb()   full barrier between shared-memory reads and writes,
 *	rr_rmb()  orders shared-memory reads,
 *	rr_wmb()  orders shared-memory writes;
 *  - the functions declared below, linked into the image.
 *
 * The stack is single-threaded: it calls every hook from the one context
 * that runs rr_rpmsg_poll() and the send functions.  A port that takes
 * interrupts only uses them to end rr_port_wait() early.
 */
#ifndef RR_PORT_H
#define RR_PORT_H

#include <stddef.h>
#include <stdint.h>

#include "rr_arch.h"

/**
 * rr_port_da_to_va() - translate a device address the host handed us
 * @da: address from the resource table or a vring descriptor
 * @len: number of bytes the stack will access from @da
 *
 * Every address that comes from Linux goes through here.  The port must
 * return NULL unless the whole range [@da, @da + @len) lies inside memory
 * the remote shares with Linux (vrings and message buffers); that is what
 * keeps a confused or hostile host from steering the stack into its own
 * code, stack or peripherals.
 */
void *rr_port_da_to_va(uint64_t da, uint32_t len);

/**
 * rr_port_kick() - interrupt Linux for a virtqueue
 * @notifyid: the notify id Linux assigned to the vring in the resource table
 */
void rr_port_kick(uint32_t notifyid);

/**
 * rr_port_wait() - idle until Linux kicks or a timeout passes
 * @timeout_ms: upper bound; 0 polls once
 *
 * Return: nonzero if a kick may have arrived, 0 on timeout.  The value is a
 * hint only: the stack always rescans its rings afterwards.
 */
uint64_t rr_port_wait(uint32_t timeout_ms);

/**
 * rr_port_alive() - tell the host's watchdog that the remote is making progress
 *
 * Called from every pass of the main loop; may be a no-op.
 */
void rr_port_alive(void);

/**
 * rr_port_cache_flush() - write back a range the remote wrote for Linux
 * @va: start of the range
 * @len: length in bytes
 */
void rr_port_cache_flush(const volatile void *va, size_t len);

/**
 * rr_port_cache_invalidate() - drop stale lines before reading what Linux wrote
 * @va: start of the range
 * @len: length in bytes
 */
void rr_port_cache_invalidate(const volatile void *va, size_t len);

/**
 * rr_port_console() - emit debug text outside the trace buffer, if the port can
 * @s: text, not NUL-terminated
 * @len: its length
 */
void rr_port_console(const char *s, size_t len);

/* rr_port_pm_request() values */
#define RR_PM_NONE		0
#define RR_PM_SUSPEND_AUTO	1	/* Linux found the remote idle */
#define RR_PM_SUSPEND_SYSTEM	2	/* Linux itself goes to sleep */
/* suspended, then woken by the remote's own wake source (simulator only) */
#define RR_PM_WOKEN		3

/* rr_port_pm_answer() values */
#define RR_PM_ACK		1
#define RR_PM_CANCEL		2

/**
 * rr_port_pm_request() - a suspend request from Linux, if one came
 *
 * Polled after rr_port_wait(), which a request ends early.  Each request
 * is returned once.
 *
 * Return: RR_PM_SUSPEND_AUTO or RR_PM_SUSPEND_SYSTEM, RR_PM_WOKEN, or
 * RR_PM_NONE.
 */
uint32_t rr_port_pm_request(void);

/**
 * rr_port_pm_answer() - answer the last suspend request
 * @answer: RR_PM_ACK (the remote is idle and may be powered down) or
 *	    RR_PM_CANCEL (it has work to do; Linux keeps it running)
 */
void rr_port_pm_answer(uint32_t answer);

/**
 * rr_port_pm_sleep() - after an ACK: wait to be powered down and woken
 *
 * Returns once Linux resumed the core, with the stack's state as it was.
 * A port whose core loses its registers when powered down saves and
 * restores them here.
 */
void rr_port_pm_sleep(void);

/**
 * rr_port_halt() - stop the remote core
 * @code: 0 for an orderly halt, anything else reports a crash to Linux
 */
void rr_port_halt(int code) __attribute__((noreturn));

#endif /* RR_PORT_H */
