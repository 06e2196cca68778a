// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * port.c - the rpmsg remote stack on the OMAP4 IPU (Cortex-M3)
 *
 * Kicks travel through the system mailbox (L4_CFG + 0xf4000, seen at
 * RR_MAILBOX_DA through the IPU MMU), as Linux's omap_remoteproc expects:
 * Linux -> IPU on FIFO 0, IPU -> Linux on FIFO 1, each message a notify id.
 * This port polls FIFO 0 instead of taking the mailbox interrupt, so
 * rr_port_wait() spins on the message count, timed by the core's SysTick
 * counting the processor clock (no SysTick interrupt).  The port leaves the IPU unicache off (its
 * reset state), so the cache hooks reduce to barriers; a port that turns
 * the unicache on must map the IPC windows non-cacheable in the AMMU or
 * maintain them here.
 *
 * The heartbeat reloads the watchdog timer Linux's omap_remoteproc runs
 * for the IPU (GPTimer 9 in panda's device tree, ti,watchdog-timers):
 * a write to its trigger register TTGR restarts the count.  A board
 * whose device tree names no watchdog timer leaves that module idle, and
 * this port must not be used there without removing the write.
 */
#include "rr_layout.h"
#include "rr_wire.h"
#include "rr_port.h"
#include "fw_main.h"

#define MBOX_MESSAGE(m)		(0x040u + 4u * (m))
#define MBOX_FIFOSTATUS(m)	(0x080u + 4u * (m))
#define MBOX_MSGSTATUS(m)	(0x0c0u + 4u * (m))
#define MBOX_FIFO_FULL		0x1u
#define MBOX_TO_IPU		0
#define MBOX_TO_HOST		1

void ipu_reset(void);

/*
 * Suspend: the request arrives on FIFO 0 like a kick; the answer goes back
 * on FIFO 1.  After an ACK Linux asserts the IPU's reset and gates its
 * clock, keeping its memories; on resume the core starts again at the
 * reset vector.  ipu_pm_context holds the registers saved before the
 * ACK, and ipu_pm_magic (not cleared by ipu_reset()) tells that warm
 * start from a cold boot, which then returns into rr_port_pm_answer().
 * The registers are saved by hand: with __builtin_setjmp() GCC put the
 * receiver where the jump back sent the ACK again, forever, which the
 * simulator's emulated IPU showed.
 */
#define IPU_PM_MAGIC		0x5350454eu	/* "SPEN" */
static uint32_t ipu_pm_pending;
static uint32_t ipu_pm_context[10];	/* r4-r11, sp, lr */
static volatile uint32_t ipu_pm_magic __attribute__((section(".noinit")));

/* GPTimer 9 (OMAP4 "v2" timer): functional registers from 0x14 */
#define GPT_TTGR		0x44u

/* SysTick, counting down the processor clock (200 MHz on OMAP4430) */
#define SYST_CSR		0xe000e010u
#define SYST_RVR		0xe000e014u
#define SYST_CVR		0xe000e018u
#define SYST_ENABLE		0x1u
#define SYST_CLKSOURCE		0x4u
#define SYST_MASK		0x00ffffffu
#define IPU_TICKS_PER_MS	200000u

static inline uint32_t reg_read(uint32_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}

static inline void reg_write(uint32_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

static inline uint32_t mbox_read(uint32_t off)
{
	return reg_read(RR_MAILBOX_DA + off);
}

static inline void mbox_write(uint32_t off, uint32_t v)
{
	reg_write(RR_MAILBOX_DA + off, v);
}

/* Free-running over the full 24 bits: one wrap every 84 ms. */
static void ipu_systick_start(void)
{
	reg_write(SYST_CSR, 0);
	reg_write(SYST_RVR, SYST_MASK);
	reg_write(SYST_CVR, 0);
	reg_write(SYST_CSR, SYST_CLKSOURCE | SYST_ENABLE);
}

static int in_window(uint64_t da, uint32_t len, uint32_t base, uint32_t size)
{
	return da >= base && da - base <= size && len <= size - (da - base);
}

void *rr_port_da_to_va(uint64_t da, uint32_t len)
{
	if (in_window(da, len, RR_IPC_POOL_DA, RR_IPC_POOL_LEN) ||
	    in_window(da, len, RR_VRING_WIN_DA, RR_VRING_WIN_LEN))
		return (void *)(uintptr_t)da;
	return 0;
}

static void mbox_send(uint32_t msg)
{
	while (mbox_read(MBOX_FIFOSTATUS(MBOX_TO_HOST)) & MBOX_FIFO_FULL)
		;
	mbox_write(MBOX_MESSAGE(MBOX_TO_HOST), msg);
}

void rr_port_kick(uint32_t notifyid)
{
	mbox_send(notifyid);
}

uint64_t rr_port_wait(uint32_t timeout_ms)
{
	uint64_t budget = (uint64_t)timeout_ms * IPU_TICKS_PER_MS;
	uint32_t last = reg_read(SYST_CVR), now;
	uint64_t kicked = 0, spent = 0;

	for (;;) {
		while (mbox_read(MBOX_MSGSTATUS(MBOX_TO_IPU))) {
			uint32_t msg = mbox_read(MBOX_MESSAGE(MBOX_TO_IPU));

			if (msg == RR_MBOX_SUSPEND_AUTO ||
			    msg == RR_MBOX_SUSPEND_SYSTEM) {
				ipu_pm_pending = msg == RR_MBOX_SUSPEND_AUTO ?
					RR_PM_SUSPEND_AUTO : RR_PM_SUSPEND_SYSTEM;
				return kicked;	/* the caller polls for it */
			}
			if (msg == RR_MBOX_ECHO_REQUEST)
				mbox_send(RR_MBOX_ECHO_REPLY);
			else
				kicked |= 1ull << (msg < 63 ? msg : 63);
		}
		if (kicked)
			return kicked;
		/* a down-counter, read far more often than it wraps */
		now = reg_read(SYST_CVR);
		spent += (last - now) & SYST_MASK;
		last = now;
		if (spent >= budget)
			return 0;
	}
}

void rr_port_alive(void)
{
	reg_write(RR_WDT_DA + GPT_TTGR, 1);
}

uint32_t rr_port_pm_request(void)
{
	uint32_t req = ipu_pm_pending;

	ipu_pm_pending = RR_PM_NONE;
	return req;
}

/*
 * Save the callee-saved registers, SP and LR in @ctx and return 0;
 * ipu_pm_resume(@ctx) later returns from here a second time, with 1.
 */
__attribute__((naked, noinline, returns_twice))
static int ipu_pm_save(uint32_t *ctx)
{
	__asm__ __volatile__("stmia	r0!, {r4-r11}\n"
			     "mov	r1, sp\n"
			     "str	r1, [r0], #4\n"
			     "str	lr, [r0]\n"
			     "movs	r0, #0\n"
			     "bx	lr\n");
}

__attribute__((naked, noreturn))
static void ipu_pm_resume(const uint32_t *ctx)
{
	__asm__ __volatile__("ldmia	r0!, {r4-r11}\n"
			     "ldr	r1, [r0], #4\n"
			     "mov	sp, r1\n"
			     "ldr	lr, [r0]\n"
			     "movs	r0, #1\n"
			     "bx	lr\n");
}

void rr_port_pm_answer(uint32_t answer)
{
	if (answer == RR_PM_CANCEL) {
		mbox_send(RR_MBOX_SUSPEND_CANCEL);
		return;
	}
	/* everything Linux may read after the power-down is in memory */
	rr_mb();
	if (!ipu_pm_save(ipu_pm_context)) {
		ipu_pm_magic = IPU_PM_MAGIC;
		rr_mb();
		mbox_send(RR_MBOX_SUSPEND_ACK);
		for (;;)
			__asm__ __volatile__("wfi");	/* until the reset */
	}
	/* warm start: back from ipu_reset() with the registers restored */
	ipu_pm_magic = 0;
}

void rr_port_pm_sleep(void)
{
	/* rr_port_pm_answer() already slept through the power-down */
}

void rr_port_cache_flush(const volatile void *va, size_t len)
{
	(void)va;
	(void)len;
	rr_wmb();
}

void rr_port_cache_invalidate(const volatile void *va, size_t len)
{
	(void)va;
	(void)len;
	rr_rmb();
}

void rr_port_console(const char *s, size_t len)
{
	(void)s;
	(void)len;
}

void rr_port_halt(int code)
{
	if (code)
		mbox_send(RR_MBOX_CRASH);
	for (;;)
		__asm__ __volatile__("wfi");
}

/**
 * ipu_reset() - reset handler: clear .bss and run the firmware
 */
void ipu_reset(void)
{
	extern uint32_t __bss_start[], __bss_end[];
	uint32_t *d;

	ipu_systick_start();
	if (ipu_pm_magic == IPU_PM_MAGIC)
		ipu_pm_resume(ipu_pm_context);

	/* the loader zero-filled it already; a warm restart did not */
	for (d = __bss_start; d < __bss_end; d++)
		*d = 0;
	rr_port_halt(fw_main());
}
