// SPDX-License-Identifier: GPL-2.0
/*
 * test_periph.c - host tests of rproc-sim-m3's peripheral models: the
 * OMAP4 system mailbox and SysTick.  Prints KTAP; exit status 0 when
 * every case passed.
 */
#include <stdio.h>
#include <string.h>

#include "m3_scs.h"
#include "omap_mbox.h"

static int failed_checks;

#define CHECK_EQ(a, b) do {						\
	unsigned long long _a = (a), _b = (b);				\
	if (_a != _b) {							\
		printf("# %s:%d: %s == %#llx, expected %#llx\n",	\
		       __FILE__, __LINE__, #a, _a, _b);			\
		failed_checks++;					\
	}								\
} while (0)

/* ---- mailbox ---- */

static void mbox_reset_state(void)
{
	struct omap_mbox mb;
	unsigned int m;

	memset(&mb, 0xa5, sizeof(mb));
	omap_mbox_reset(&mb);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_REVISION), OMAP_MBOX_REVISION_VAL);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_SYSCONFIG), 0);
	for (m = 0; m < OMAP_MBOX_FIFOS; m++) {
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(m)), 0);
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_FIFOSTATUS(m)), 0);
	}
	for (m = 0; m < OMAP_MBOX_USERS; m++)
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_RAW(m)), 0);
}

static void mbox_fifo_order_and_depth(void)
{
	struct omap_mbox mb = { 0 };
	unsigned int i;

	for (i = 0; i < OMAP_MBOX_DEPTH; i++) {
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_FIFOSTATUS(1)), 0);
		omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(1), 100 + i);
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(1)), i + 1);
	}
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_FIFOSTATUS(1)), OMAP_MBOX_FIFO_FULL);
	/* a write to a full FIFO is lost, and counted */
	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(1), 999);
	CHECK_EQ(mb.dropped[1], 1);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(1)), OMAP_MBOX_DEPTH);
	/* the other FIFOs are untouched */
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(0)), 0);
	for (i = 0; i < OMAP_MBOX_DEPTH; i++)
		CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MESSAGE(1)), 100 + i);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(1)), 0);
	/* wrap-around of the ring */
	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(1), 7);
	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(1), 8);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MESSAGE(1)), 7);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MESSAGE(1)), 8);
}

static void mbox_empty_read(void)
{
	struct omap_mbox mb = { 0 };
	uint32_t msg = 42;

	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MESSAGE(7)), 0);
	CHECK_EQ(mb.underflows[7], 1);
	CHECK_EQ(omap_mbox_get(&mb, 7, &msg), 0);
	CHECK_EQ(msg, 42);
	/* FIFOs that do not exist */
	CHECK_EQ(omap_mbox_put(&mb, OMAP_MBOX_FIFOS, 1), 0);
	CHECK_EQ(omap_mbox_count(&mb, OMAP_MBOX_FIFOS), 0);
}

static void mbox_irq_status(void)
{
	struct omap_mbox mb = { 0 };

	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(3), 1);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_RAW(2)), OMAP_MBOX_NEWMSG(3));
	/* not enabled: the masked status is clear */
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_CLR(2)), 0);
	omap_mbox_write(&mb, OMAP_MBOX_IRQ_SET_EN(2), OMAP_MBOX_NEWMSG(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_SET_EN(2)), OMAP_MBOX_NEWMSG(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_CLR_EN(2)), OMAP_MBOX_NEWMSG(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_CLR(2)), OMAP_MBOX_NEWMSG(3));
	/* other users' enables are their own */
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_SET_EN(0)), 0);
	/* write 1 to clear */
	omap_mbox_write(&mb, OMAP_MBOX_IRQ_CLR(2), OMAP_MBOX_NEWMSG(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_RAW(2)), 0);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_RAW(0)), OMAP_MBOX_NEWMSG(3));
	/* reading the message makes room: NOTFULL */
	omap_mbox_read(&mb, OMAP_MBOX_MESSAGE(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_RAW(2)), OMAP_MBOX_NOTFULL(3));
	omap_mbox_write(&mb, OMAP_MBOX_IRQ_CLR_EN(2), OMAP_MBOX_NEWMSG(3));
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_SET_EN(2)), 0);
}

static void mbox_softreset(void)
{
	struct omap_mbox mb = { 0 };

	omap_mbox_write(&mb, OMAP_MBOX_SYSCONFIG, 0x8);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_SYSCONFIG), 0x8);
	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(0), 5);
	omap_mbox_write(&mb, OMAP_MBOX_IRQ_SET_EN(1), 0xffff);
	omap_mbox_write(&mb, OMAP_MBOX_SYSCONFIG, OMAP_MBOX_SOFTRESET);
	/* SOFTRESET clears itself, the FIFOs and the interrupt state */
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_SYSCONFIG), 0);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_MSGSTATUS(0)), 0);
	CHECK_EQ(omap_mbox_read(&mb, OMAP_MBOX_IRQ_SET_EN(1)), 0);
}

static void mbox_unmapped_offsets(void)
{
	struct omap_mbox mb = { 0 }, before;
	/* between banks, past the last FIFO, a 4th user, unaligned, the end */
	static const uint32_t offs[] = {
		0x004, OMAP_MBOX_MESSAGE(OMAP_MBOX_FIFOS),
		OMAP_MBOX_MSGSTATUS(OMAP_MBOX_FIFOS), OMAP_MBOX_IRQ_RAW(3),
		0x142, 0xffc,
	};
	unsigned int i;

	omap_mbox_write(&mb, OMAP_MBOX_MESSAGE(2), 9);
	before = mb;
	for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
		CHECK_EQ(omap_mbox_read(&mb, offs[i]), 0);
		omap_mbox_write(&mb, offs[i], 0xffffffffu);
	}
	CHECK_EQ(memcmp(&mb, &before, sizeof(mb)), 0);
}

/* ---- SysTick ---- */

#define NS(ticks)	((uint64_t)(ticks) * M3_SCS_NS_PER_TICK)

static void systick_ids(void)
{
	struct m3_scs scs;

	m3_scs_reset(&scs);
	CHECK_EQ(m3_scs_read(&scs, M3_CPUID, 0), M3_CPUID_VAL);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CALIB, 0), M3_SCS_CLOCK_HZ / 100 - 1);
	CHECK_EQ(m3_scs_read(&scs, 0x100, 0), 0);
	m3_scs_write(&scs, 0x100, 1, 0);
	CHECK_EQ(m3_scs_read(&scs, 0x100, 0), 0);
}

static void systick_stopped(void)
{
	struct m3_scs scs;

	m3_scs_reset(&scs);
	m3_scs_write(&scs, M3_SYST_RVR, 1000, 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, NS(5000)), 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CSR, NS(5000)), 0);
	/* RVR has 24 bits */
	m3_scs_write(&scs, M3_SYST_RVR, 0xffffffffu, 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_RVR, 0), M3_SYST_MAX);
}

static void systick_counts_real_time(void)
{
	const uint64_t t0 = 123456789;
	struct m3_scs scs;

	m3_scs_reset(&scs);
	m3_scs_write(&scs, M3_SYST_RVR, 999, t0);
	m3_scs_write(&scs, M3_SYST_CVR, 0, t0);
	m3_scs_write(&scs, M3_SYST_CSR, M3_SYST_ENABLE | M3_SYST_CLKSOURCE, t0);
	/* from 0 the first tick reloads: that is not a 1 -> 0 wrap */
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0), 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(1)), 999);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CSR, t0 + NS(1)),
		 M3_SYST_ENABLE | M3_SYST_CLKSOURCE);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(500)), 500);
	/* a part of a tick does not count, nor get lost */
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(500) + 3), 500);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(501)), 499);
	/* 1 -> 0 sets COUNTFLAG; reading CSR clears it */
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(1000)), 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CSR, t0 + NS(1000)),
		 M3_SYST_ENABLE | M3_SYST_CLKSOURCE | M3_SYST_COUNTFLAG);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CSR, t0 + NS(1000)),
		 M3_SYST_ENABLE | M3_SYST_CLKSOURCE);
	/* 1 ms at 200 MHz is 200 periods of 1000 ticks */
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, t0 + NS(1000) + 1000000 + NS(1)), 999);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CSR, t0 + NS(1001) + 1000000) &
		 M3_SYST_COUNTFLAG, M3_SYST_COUNTFLAG);
}

static void systick_free_running_24bit(void)
{
	const uint64_t hour = 3600ull * 1000000000u;
	struct m3_scs scs;
	uint32_t a, b;

	/* the firmware's set-up: full range, free running */
	m3_scs_reset(&scs);
	m3_scs_write(&scs, M3_SYST_RVR, M3_SYST_MAX, 0);
	m3_scs_write(&scs, M3_SYST_CVR, 0, 0);
	m3_scs_write(&scs, M3_SYST_CSR, M3_SYST_ENABLE | M3_SYST_CLKSOURCE, 0);
	/* differences between two reads give elapsed ticks, mod 2^24 */
	a = m3_scs_read(&scs, M3_SYST_CVR, hour);
	b = m3_scs_read(&scs, M3_SYST_CVR, hour + 1000000);
	CHECK_EQ((a - b) & M3_SYST_MAX, M3_SCS_CLOCK_HZ / 1000);
	/* many hours later: still in range, no overflow */
	a = m3_scs_read(&scs, M3_SYST_CVR, 1000 * hour);
	CHECK_EQ(a <= M3_SYST_MAX, 1);
	/* stopping freezes the value */
	m3_scs_write(&scs, M3_SYST_CSR, 0, 1000 * hour);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, 2000 * hour), a);
	/* a write of CVR clears it */
	m3_scs_write(&scs, M3_SYST_CVR, 12345, 2000 * hour);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, 2000 * hour), 0);
}

static void systick_zero_reload(void)
{
	struct m3_scs scs;

	m3_scs_reset(&scs);
	m3_scs_write(&scs, M3_SYST_RVR, 10, 0);
	m3_scs_write(&scs, M3_SYST_CSR, M3_SYST_ENABLE, 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, NS(1)), 10);
	m3_scs_write(&scs, M3_SYST_RVR, 0, NS(1));
	/* counts on to 0 and stays there */
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, NS(100)), 0);
	CHECK_EQ(m3_scs_read(&scs, M3_SYST_CVR, NS(1000)), 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "m3_mbox_reset_state", mbox_reset_state },
	{ "m3_mbox_fifo_order_and_depth", mbox_fifo_order_and_depth },
	{ "m3_mbox_empty_read", mbox_empty_read },
	{ "m3_mbox_irq_status", mbox_irq_status },
	{ "m3_mbox_softreset", mbox_softreset },
	{ "m3_mbox_unmapped_offsets", mbox_unmapped_offsets },
	{ "m3_systick_ids", systick_ids },
	{ "m3_systick_stopped", systick_stopped },
	{ "m3_systick_counts_real_time", systick_counts_real_time },
	{ "m3_systick_free_running_24bit", systick_free_running_24bit },
	{ "m3_systick_zero_reload", systick_zero_reload },
};

int main(void)
{
	const unsigned int n = sizeof(cases) / sizeof(cases[0]);
	unsigned int i, pass = 0;
	int before;

	printf("TAP version 13\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		before = failed_checks;
		cases[i].fn();
		if (failed_checks == before)
			pass++;
		printf("%sok %u %s\n", failed_checks == before ? "" : "not ",
		       i + 1, cases[i].name);
	}
	return pass == n ? 0 : 1;
}
