// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * port.c - the rpmsg remote stack on the rproc-sim simulated core
 *
 * The runner (tools/rproc-sim) maps the instance's device memory at the
 * addresses this image is linked for and calls rsim_entry() with its
 * callback table.  Kicks, waiting and the watchdog heartbeat go through
 * that table; there are no interrupts, no caches to maintain, and no
 * system calls.  The memory shared with Linux is the "shm" window and its
 * physical alias in the simulator's pool, whose bounds the linker script
 * provides (see sim.lds for why there are two).
 */
#include "rsim_host.h"
#include "rr_port.h"
#include "fw_main.h"

extern char __rr_shm_start[], __rr_shm_end[];
extern char __rr_pool_start[], __rr_pool_end[];

void rsim_entry(const struct rsim_host *host);

static const struct rsim_host *rr_host;

static int rr_sim_within(uint64_t da, uint32_t len, const char *start, const char *end)
{
	uint64_t s = (uintptr_t)start, e = (uintptr_t)end;

	return da >= s && da <= e && len <= e - da;
}

void *rr_port_da_to_va(uint64_t da, uint32_t len)
{
	if (rr_sim_within(da, len, __rr_shm_start, __rr_shm_end) ||
	    rr_sim_within(da, len, __rr_pool_start, __rr_pool_end))
		return (void *)(uintptr_t)da;
	return 0;
}

void rr_port_kick(uint32_t notifyid)
{
	rr_host->kick(notifyid);
}

uint64_t rr_port_wait(uint32_t timeout_ms)
{
	return rr_host->wait(timeout_ms);
}

void rr_port_alive(void)
{
	rr_host->heartbeat();
}

void rr_port_console(const char *s, size_t len)
{
	if (rr_host->console)
		rr_host->console(s, (uint32_t)len);
}

/*
 * The host's values are the stack's (rsim_host.h); a runner without power
 * management never sends a request.  After an ACK the runner is stopped
 * by the driver wherever the firmware happens to be and continued there
 * on resume, memory and registers intact: nothing to save.
 */
uint32_t rr_port_pm_request(void)
{
	return rr_host->pm_request ? rr_host->pm_request() : RR_PM_NONE;
}

void rr_port_pm_answer(uint32_t answer)
{
	if (rr_host->pm_answer)
		rr_host->pm_answer(answer);
}

void rr_port_pm_sleep(void)
{
}

void rr_port_halt(int code)
{
	rr_host->exit(code);
}

/**
 * rsim_entry() - the ELF entry point the runner calls
 * @host: the runner's callbacks
 */
__attribute__((section(".text.entry"), used))
void rsim_entry(const struct rsim_host *host)
{
	if (!host || host->abi != RSIM_HOST_ABI ||
	    host->size < sizeof(struct rsim_host))
		__builtin_trap();	/* no way to report anything else */
	rr_host = host;
	host->exit(fw_main());
}
