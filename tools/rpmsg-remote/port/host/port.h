/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * port.h - knobs of the host test port, for test/host_test.c
 *
 * Shared memory is a static array that the stack sees at device address
 * HOST_SHM_DA.  Kicks are counted; waits call the test's hook, which plays
 * Linux (posts buffers, flips status) and returns the "kicked" mask.
 */
#ifndef HOST_PORT_H
#define HOST_PORT_H

#include <stdint.h>

#define HOST_SHM_DA	0x30000000u
#define HOST_SHM_SIZE	0x100000u

extern uint8_t host_shm[HOST_SHM_SIZE];
extern uint32_t host_kicks[64];
extern uint32_t host_waits;
extern uint64_t (*host_wait_hook)(uint32_t timeout_ms);

void *host_va(uint32_t da);

#endif /* HOST_PORT_H */
