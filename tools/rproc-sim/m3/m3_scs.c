// SPDX-License-Identifier: GPL-2.0
/*
 * m3_scs.c - SysTick and CPUID of the emulated Cortex-M3 (see m3_scs.h)
 *
 * A running counter is kept as the value it held at @epoch_ns; reads
 * derive the current value from the ticks elapsed since.  It counts down
 * from its value to 0, then reloads RVR on the next tick: a period is
 * RVR + 1 ticks, and each reload sets COUNTFLAG.
 */
#include <string.h>

#include "m3_scs.h"

/**
 * m3_scs_reset() - SysTick stopped, reload and current value 0
 * @scs: the state
 */
void m3_scs_reset(struct m3_scs *scs)
{
	memset(scs, 0, sizeof(*scs));
}

/*
 * Value after @t ticks from @cvr, and whether the counter reached 0 on
 * the way (which sets COUNTFLAG).
 */
static uint32_t count_down(const struct m3_scs *scs, uint64_t t, int *wrapped)
{
	uint64_t r, period = (uint64_t)scs->rvr + 1;

	*wrapped = 0;
	if (t < scs->cvr || !t)
		return scs->cvr - (uint32_t)t;
	/* 1 -> 0 after cvr ticks, then RVR, RVR - 1, ..., 0 again */
	*wrapped = scs->cvr > 0;
	r = t - scs->cvr;
	if (!scs->rvr)
		return 0;	/* RVR 0: stays at 0, as the ARM ARM says */
	if (r >= period)
		*wrapped = 1;
	return (uint32_t)((period - r % period) % period);
}

/* Bring @cvr and COUNTFLAG up to @now_ns and make it the new epoch. */
static void advance(struct m3_scs *scs, uint64_t now_ns)
{
	uint64_t t;
	int wrapped;

	if (scs->csr & M3_SYST_ENABLE && now_ns > scs->epoch_ns) {
		t = (now_ns - scs->epoch_ns) / M3_SCS_NS_PER_TICK;
		scs->cvr = count_down(scs, t, &wrapped);
		if (wrapped)
			scs->csr |= M3_SYST_COUNTFLAG;
		/* whole ticks only, so no time is lost between reads */
		scs->epoch_ns += t * M3_SCS_NS_PER_TICK;
	} else if (!(scs->csr & M3_SYST_ENABLE)) {
		scs->epoch_ns = now_ns;
	}
}

/**
 * m3_scs_read() - a 32-bit read of an SCS register
 * @scs: the state
 * @off: offset from M3_SCS_BASE
 * @now_ns: the time now
 *
 * Return: the register's value; reading SYST_CSR clears COUNTFLAG.
 */
uint32_t m3_scs_read(struct m3_scs *scs, uint32_t off, uint64_t now_ns)
{
	uint32_t val;

	switch (off) {
	case M3_SYST_CSR:
		advance(scs, now_ns);
		val = scs->csr;
		scs->csr &= ~M3_SYST_COUNTFLAG;
		return val;
	case M3_SYST_RVR:
		return scs->rvr;
	case M3_SYST_CVR:
		advance(scs, now_ns);
		return scs->cvr;
	case M3_SYST_CALIB:
		return M3_SCS_CLOCK_HZ / 100u - 1u;
	case M3_CPUID:
		return M3_CPUID_VAL;
	default:
		return 0;
	}
}

/**
 * m3_scs_write() - a 32-bit write of an SCS register
 * @scs: the state
 * @off: offset from M3_SCS_BASE
 * @val: the value
 * @now_ns: the time now
 */
void m3_scs_write(struct m3_scs *scs, uint32_t off, uint32_t val,
		  uint64_t now_ns)
{
	advance(scs, now_ns);
	switch (off) {
	case M3_SYST_CSR:
		scs->csr = (scs->csr & M3_SYST_COUNTFLAG) |
			   (val & (M3_SYST_ENABLE | M3_SYST_TICKINT |
				   M3_SYST_CLKSOURCE));
		break;
	case M3_SYST_RVR:
		scs->rvr = val & M3_SYST_MAX;
		break;
	case M3_SYST_CVR:
		/* Clears the counter and COUNTFLAG; it reloads next tick. */
		scs->cvr = 0;
		scs->csr &= ~M3_SYST_COUNTFLAG;
		break;
	default:
		break;
	}
}
