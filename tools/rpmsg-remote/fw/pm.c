// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * pm.c - how the test firmware answers Linux's suspend requests
 *
 * Linux asks an idle remote (or every remote, before the system sleeps)
 * whether it may be powered down.  The policy of the image, changed at run
 * time with the "pm" control command, decides the answer:
 *
 *   ack     finish the messages already in the rings, then ACK and sleep
 *           until Linux resumes the core
 *   cancel  CANCEL: the remote stays up, Linux tries again later
 *   ignore  no answer at all: Linux gives up after its timeout
 *
 * "pm wake-burst COUNT LEN" arms what the remote does when its own wake
 * source wakes it while suspended (simulator: configfs "wake"): it sends
 * a burst to whoever armed it, the remote speaking first.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

static const char *const fw_pm_names[] = {
	[FW_PM_ACK] = "ack",
	[FW_PM_CANCEL] = "cancel",
	[FW_PM_IGNORE] = "ignore",
};

static uint32_t fw_pm_policy;
static bool fw_pm_policy_set;
static uint32_t fw_pm_requests, fw_pm_acks, fw_pm_cancels, fw_pm_wakes;
static struct rr_ept *fw_pm_wake_ept;
static uint32_t fw_pm_wake_dst, fw_pm_wake_count, fw_pm_wake_len;

static uint32_t fw_pm_current(void)
{
	return fw_pm_policy_set ? fw_pm_policy : fw_config.pm;
}

/**
 * fw_pm_poll() - answer a suspend request, if Linux sent one
 * @rp: the rpmsg device, drained before an ACK
 */
void fw_pm_poll(struct rr_rpmsg *rp)
{
	uint32_t req = rr_port_pm_request();
	uint32_t policy = fw_pm_current();

	if (req == RR_PM_NONE)
		return;
	if (req == RR_PM_WOKEN) {
		fw_pm_wakes++;
		rr_trace_printf("woken by our own wake source\n");
		if (fw_pm_wake_ept) {
			fw_burst(fw_pm_wake_ept, fw_pm_wake_dst, FW_ADDR_RAW,
				 fw_pm_wake_dst, fw_pm_wake_count, fw_pm_wake_len);
			fw_pm_wake_ept = NULL;
			rr_rpmsg_flush(rp);
		}
		return;
	}
	fw_pm_requests++;
	rr_trace_printf("suspend request %u (%s): %s\n",
			(unsigned int)fw_pm_requests,
			req == RR_PM_SUSPEND_SYSTEM ? "system" : "auto",
			fw_pm_names[policy]);
	switch (policy) {
	case FW_PM_IGNORE:
		return;
	case FW_PM_CANCEL:
		fw_pm_cancels++;
		rr_port_pm_answer(RR_PM_CANCEL);
		return;
	}

	/*
	 * Nothing Linux already queued may wait in the rings while we sleep,
	 * and what it queues later must kick us: the kick is what wakes us.
	 */
	if (rp->vdev.live) {
		do {
			while (rr_rpmsg_poll(rp, 0) > 0)
				;
			if (fw_config.console)
				fw_console_poll();
		} while (rr_vring_notify_on(&rp->vdev.vring[1]) ||
			 (fw_config.console && fw_console_arm()));
	}
	rr_rpmsg_flush(rp);
	fw_pm_acks++;
	rr_port_pm_answer(RR_PM_ACK);
	rr_port_pm_sleep();
}

/* "pm" reports; "pm ack|cancel|ignore" sets the policy */
void fw_cmd_pm(struct rr_ept *ept, uint32_t src, const char *arg)
{
	uint32_t i;

	if (!rr_strncmp(arg, "wake-burst ", 11)) {
		const char *p = arg + 11;

		fw_pm_wake_count = rr_strtoul(p, &p, 0);
		fw_pm_wake_len = rr_strtoul(p, &p, 0);
		fw_pm_wake_dst = src;
		fw_pm_wake_ept = fw_pm_wake_count ? ept : NULL;
		fw_reply(ept, src, "ok");
		return;
	}
	if (*arg) {
		for (i = 0; i < sizeof(fw_pm_names) / sizeof(fw_pm_names[0]); i++) {
			if (!rr_strncmp(arg, fw_pm_names[i], strlen(fw_pm_names[i]) + 1)) {
				fw_pm_policy = i;
				fw_pm_policy_set = true;
				fw_reply(ept, src, "ok");
				return;
			}
		}
		fw_reply(ept, src, "err usage: pm [ack|cancel|ignore|wake-burst COUNT LEN]");
		return;
	}
	fw_reply(ept, src, "ok %s requests %u acks %u cancels %u wakes %u",
		 fw_pm_names[fw_pm_current()], (unsigned int)fw_pm_requests,
		 (unsigned int)fw_pm_acks, (unsigned int)fw_pm_cancels,
		 (unsigned int)fw_pm_wakes);
}
