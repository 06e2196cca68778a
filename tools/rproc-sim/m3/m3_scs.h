/* SPDX-License-Identifier: GPL-2.0 */
/*
 * m3_scs.h - the part of the Cortex-M3 System Control Space that
 * rproc-sim-m3 models: SysTick and the CPUID register
 *
 * Unicorn emulates the core's instructions but none of the memory-mapped
 * core peripherals at 0xe000e000.  Firmware times its waits with SysTick,
 * so the runner provides it, counting at M3_SCS_CLOCK_HZ of real
 * (CLOCK_MONOTONIC) time: a firmware timeout lasts as long as it would on
 * the chip.  Other SCS registers read as zero and ignore writes; the
 * emulated core takes no interrupts, so TICKINT only reads back.
 *
 *   0x010  SYST_CSR    bit 0 ENABLE, bit 1 TICKINT, bit 2 CLKSOURCE,
 *                      bit 16 COUNTFLAG (cleared by reading)
 *   0x014  SYST_RVR    reload value, 24 bits
 *   0x018  SYST_CVR    current value; any write clears it
 *   0x01c  SYST_CALIB  ticks in 10 ms
 *   0xd00  CPUID       Cortex-M3 r2p0
 */
#ifndef M3_SCS_H
#define M3_SCS_H

#include <stdint.h>

#define M3_SCS_BASE		0xe000e000u
#define M3_SCS_SIZE		0x1000u
#define M3_SCS_CLOCK_HZ		200000000u	/* the OMAP4430 IPU's clock */
#define M3_SCS_NS_PER_TICK	(1000000000u / M3_SCS_CLOCK_HZ)

#define M3_SYST_CSR		0x010u
#define M3_SYST_RVR		0x014u
#define M3_SYST_CVR		0x018u
#define M3_SYST_CALIB		0x01cu
#define M3_CPUID		0xd00u

#define M3_SYST_ENABLE		0x1u
#define M3_SYST_TICKINT		0x2u
#define M3_SYST_CLKSOURCE	0x4u
#define M3_SYST_COUNTFLAG	0x10000u
#define M3_SYST_MAX		0x00ffffffu
#define M3_CPUID_VAL		0x412fc230u

/**
 * struct m3_scs - SysTick state
 * @csr: ENABLE, TICKINT and CLKSOURCE as written, COUNTFLAG when the
 *	counter reached 0 before @epoch_ns and CSR was not read since
 * @rvr: reload value
 * @cvr: current value while the counter is stopped, and at @epoch_ns
 *	while it runs
 * @epoch_ns: time at which the running counter held @cvr
 */
struct m3_scs {
	uint32_t csr;
	uint32_t rvr;
	uint32_t cvr;
	uint64_t epoch_ns;
};

void m3_scs_reset(struct m3_scs *scs);
uint32_t m3_scs_read(struct m3_scs *scs, uint32_t off, uint64_t now_ns);
void m3_scs_write(struct m3_scs *scs, uint32_t off, uint32_t val,
		  uint64_t now_ns);

#endif /* M3_SCS_H */
