// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * port.c - host test port: the stack runs against a fake Linux in-process
 */
#include <stdio.h>
#include <stdlib.h>

#include "port.h"
#include "rr_port.h"

uint8_t host_shm[HOST_SHM_SIZE] __attribute__((aligned(4096)));
uint32_t host_kicks[64];
uint32_t host_waits;
uint64_t (*host_wait_hook)(uint32_t timeout_ms);

void *host_va(uint32_t da)
{
	return host_shm + (da - HOST_SHM_DA);
}

void *rr_port_da_to_va(uint64_t da, uint32_t len)
{
	if (da < HOST_SHM_DA || da - HOST_SHM_DA > HOST_SHM_SIZE ||
	    len > HOST_SHM_SIZE - (da - HOST_SHM_DA))
		return NULL;
	return host_shm + (da - HOST_SHM_DA);
}

void rr_port_kick(uint32_t notifyid)
{
	host_kicks[notifyid < 63 ? notifyid : 63]++;
}

uint64_t rr_port_wait(uint32_t timeout_ms)
{
	host_waits++;
	return host_wait_hook ? host_wait_hook(timeout_ms) : 0;
}

void rr_port_alive(void)
{
}

void rr_port_console(const char *s, size_t len)
{
	if (getenv("RR_HOST_VERBOSE"))
		fprintf(stderr, "# remote: %.*s", (int)len, s);
}

void rr_port_halt(int code)
{
	fprintf(stderr, "# remote halted with %d\n", code);
	exit(code ? 1 : 0);
}
