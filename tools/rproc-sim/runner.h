/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runner.h - the start-up every rproc-sim runner shares
 */
#ifndef RSIM_RUNNER_H
#define RSIM_RUNNER_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/remoteproc_sim.h>

/**
 * struct runner_beat - the heartbeats a runner passes on to the driver
 * @period_ns: the instance's watchdog period, 0 when it has none
 * @last_ns: when the last beat was passed on, 0 before the first
 */
struct runner_beat {
	uint64_t period_ns;
	uint64_t last_ns;
};

int runner_open(int argc, char **argv, const char *prog,
		const char *help_text, struct rsim_info *info, int *status);
uint64_t runner_now_ns(void);
void runner_beat_init(struct runner_beat *b, const struct rsim_info *info);
bool runner_beat_due(struct runner_beat *b);

#endif /* RSIM_RUNNER_H */
