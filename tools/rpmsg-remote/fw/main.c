// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * main.c - boot and main loop of the test firmware
 *
 * Boot: start the trace, bind the services, wait for Linux's rpmsg driver
 * (DRIVER_OK), announce, do the image's boot-time misbehaviour if any, then
 * loop: deliver messages, run the console, idle until kicked.
 */
#include "fw.h"
#include "fw_main.h"
#include "rr_layout.h"
#include "rr_port.h"

#define FW_IDLE_MS	50
#define FW_TICK_MS	1000

struct rr_rpmsg fw_rpmsg;

static struct rr_ept fw_sample, fw_echo, fw_raw;
static struct rr_ept fw_multi[FW_MULTI_MAX];
static uint32_t fw_msgs;
static uint32_t fw_crash_after;

/**
 * fw_crash() - crash on purpose
 * @why: logged first
 * @how: 0 reports through the port (halt with a nonzero code), 1 faults on
 *	 a bad store, 2 executes an invalid instruction
 */
void fw_crash(const char *why, int how)
{
	rr_trace_printf("crashing on purpose: %s\n", why);
	if (how == 1) {
		/* an address no port maps; volatile hides it from the compiler */
		static volatile uint32_t *volatile bad;

		*bad = 0xdead;
	}
	if (how == 2)
		__builtin_trap();
	rr_port_halt(2);
}

/**
 * fw_hang() - stop feeding the watchdog
 * @ms: for this long, or forever if 0
 *
 * Nothing is processed meanwhile; the host's watchdog should notice.
 */
void fw_hang(uint32_t ms)
{
	uint32_t slept = 0;

	rr_trace_printf("not feeding the watchdog for %u ms\n", (unsigned int)ms);
	while (!ms || slept < ms) {
		uint32_t step = ms && ms - slept < 100 ? ms - slept : 100;

		if (!rr_port_wait(step))
			slept += step;
	}
}

/**
 * fw_count_message() - count one delivered message; crash if the image asks
 */
void fw_count_message(void)
{
	fw_msgs++;
	fw_ring_message(&fw_rpmsg);
	if (fw_crash_after && fw_msgs >= fw_crash_after)
		fw_crash("message limit reached", 0);
}

static void fw_echo_cb(struct rr_ept *ept, void *data, uint32_t len,
		       uint32_t src, void *priv)
{
	int ret;

	(void)priv;
	fw_count_message();
	ret = rr_sendto(ept, data, len, src);
	if (ret)
		rr_log_limited("echo %u->%u: send failed (%d)\n",
			       (unsigned int)ept->addr, (unsigned int)src, ret);
}

static void fw_bind(struct rr_ept *ept, const char *name, uint32_t addr)
{
	int ret = rr_ept_create(&fw_rpmsg, ept, name, addr, fw_echo_cb, NULL);

	if (ret)
		rr_trace_printf("cannot bind %s at %u (%d)\n", name, (unsigned int)addr, ret);
}

static void fw_bind_services(void)
{
	static const char *const multi_names[FW_MULTI_MAX] = {
		"rpmsg-raw", "rpmsg-raw", "rpmsg-raw", "rpmsg-raw",
		"rpmsg-multi-4", "rpmsg-multi-5", "rpmsg-multi-6", "rpmsg-multi-7",
	};
	uint32_t i;

	fw_bind(&fw_sample, "rpmsg-client-sample", FW_ADDR_SAMPLE);
	fw_bind(&fw_echo, "rpmsg-echo", FW_ADDR_ECHO);
	fw_bind(&fw_raw, "rpmsg-raw", FW_ADDR_RAW);
	for (i = 0; i < fw_config.multi && i < FW_MULTI_MAX; i++)
		fw_bind(&fw_multi[i], multi_names[i], FW_ADDR_MULTI + i);
	fw_ctrl_init(&fw_rpmsg);
	if (fw_config.zc)
		fw_zc_init(&fw_rpmsg);
}

static void fw_idle(uint32_t *idle_ms)
{
	bool busy;

	if (!fw_rpmsg.vdev.live) {
		/* the rings are not ours until Linux says DRIVER_OK again */
		if (!rr_port_wait(FW_IDLE_MS))
			*idle_ms += FW_IDLE_MS;
		return;
	}
	busy = rr_vring_notify_on(&fw_rpmsg.vdev.vring[1]);

	if (fw_config.console)
		busy |= fw_console_arm();
	if (!busy) {
		fw_rpmsg.stats.waits++;
		if (!rr_port_wait(FW_IDLE_MS))
			*idle_ms += FW_IDLE_MS;
	}
	rr_vring_notify_off(&fw_rpmsg.vdev.vring[1]);
	if (fw_config.console)
		fw_console_disarm();
}

int fw_main(void)
{
	return fw_run(&fw_rsc_table, fw_trace_buf);
}

int fw_run(volatile struct fw_rsc_table *rsc, char *trace)
{
	uint32_t idle_ms = 0, ticks = 0;
	int ret;

	rr_trace_init(trace, RR_TRACE_LEN);
	rr_trace_printf("rpmsg-remote test firmware \"%s\" (port %s) booting\n",
			fw_config.name, RR_PORT_NAME);
	if (fw_config.flags & FW_F_CRASH_AT_BOOT)
		fw_crash("crash-at-boot image", 0);
	fw_crash_after = fw_config.crash_after;

	ret = rr_rpmsg_init(&fw_rpmsg, &rsc->rpmsg);
	if (ret) {
		rr_trace_printf("bad rpmsg vdev entry (%d)\n", ret);
		return 3;
	}
	if (fw_config.console && fw_console_init(&rsc->cons))
		return 3;
	fw_bind_services();

	rr_trace_printf("waiting for the rpmsg vdev\n");
	while (rr_rpmsg_start(&fw_rpmsg, FW_TICK_MS))
		;
	if (fw_config.flags & FW_F_NO_HEARTBEAT)
		fw_hang(0);
	if (fw_config.misbehave & FW_BAD_NS)
		fw_misbehave(&fw_rpmsg, FW_BAD_NS, "all");
	if (fw_config.misbehave & FW_BAD_LEN)
		fw_misbehave(&fw_rpmsg, FW_BAD_LEN, "all");
	if (fw_config.misbehave & FW_BAD_IDX)
		fw_misbehave(&fw_rpmsg, FW_BAD_IDX, "id");
	if (fw_config.misbehave & FW_BAD_RING_RX)
		fw_misbehave_ring(&fw_rpmsg, "loop-rx");
	if (fw_config.misbehave & FW_BAD_RING_TX)
		fw_misbehave_ring(&fw_rpmsg, "loop-tx");
	if (fw_config.misbehave & FW_BAD_NS_FLOOD)
		fw_ns_flood(&fw_rpmsg, "rpmsg-raw", FW_NS_FLOOD_FIRST,
			    FW_NS_FLOOD_COUNT);

	for (;;) {
		int n = rr_rpmsg_poll(&fw_rpmsg, 0);

		if (fw_config.console)
			n = (n > 0 ? n : 0) + fw_console_poll();
		fw_ring_hold();
		if (n > 0)
			continue;
		fw_idle(&idle_ms);
		fw_pm_poll(&fw_rpmsg);
		if (idle_ms >= FW_TICK_MS && (fw_config.flags & FW_F_TICKS)) {
			ticks++;
			rr_trace_printf("tick %u: rx %u tx %u\n", (unsigned int)ticks,
					(unsigned int)fw_rpmsg.stats.rx,
					(unsigned int)fw_rpmsg.stats.tx);
		}
		if (idle_ms >= FW_TICK_MS)
			idle_ms = 0;
	}
}

/**
 * fw_set_crash_after() - arm the message-count crash from the control service
 * @n: crash when this many more messages have arrived (0 disarms)
 */
void fw_set_crash_after(uint32_t n)
{
	fw_crash_after = n ? fw_msgs + n : 0;
}
