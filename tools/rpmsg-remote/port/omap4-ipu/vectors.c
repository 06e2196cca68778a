// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * vectors.c - Cortex-M3 vector table of the IPU images
 *
 * The IPU boots from device address 0, which the MMU maps onto the
 * "ipu-text" carveout: word 0 is the initial stack pointer, word 1 the
 * reset handler.  Every fault reports a crash to Linux.
 */
#include <stdint.h>

#include "rr_port.h"

extern uint32_t __stack_top[];
void ipu_reset(void);
void ipu_fault(void);

/**
 * ipu_fault() - any exception we do not expect: tell Linux we crashed
 */
void ipu_fault(void)
{
	rr_port_halt(1);
}

__attribute__((section(".vectors"), used))
static void (*const ipu_vectors[16])(void) = {
	(void (*)(void))__stack_top,
	ipu_reset,
	ipu_fault,	/* NMI */
	ipu_fault,	/* HardFault */
	ipu_fault,	/* MemManage */
	ipu_fault,	/* BusFault */
	ipu_fault,	/* UsageFault */
	0, 0, 0, 0,
	ipu_fault,	/* SVCall */
	ipu_fault,	/* DebugMonitor */
	0,
	ipu_fault,	/* PendSV */
	ipu_fault,	/* SysTick */
};
