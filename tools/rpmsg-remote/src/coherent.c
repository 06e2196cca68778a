// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * coherent.c - cache hooks for ports whose memory is coherent with Linux
 *
 * Linked by the simulator and host ports.  The barriers in rr_arch.h are
 * all such a port needs; there is nothing to write back or invalidate.
 */
#include "rr_port.h"

void rr_port_cache_flush(const volatile void *va, size_t len)
{
	(void)va;
	(void)len;
}

void rr_port_cache_invalidate(const volatile void *va, size_t len)
{
	(void)va;
	(void)len;
}
