/* SPDX-License-Identifier: GPL-2.0 */
/*
 * runner.h - the start-up every rproc-sim runner shares
 */
#ifndef RSIM_RUNNER_H
#define RSIM_RUNNER_H

#include <linux/remoteproc_sim.h>

int runner_open(int argc, char **argv, const char *prog,
		const char *help_text, struct rsim_info *info, int *status);

#endif /* RSIM_RUNNER_H */
