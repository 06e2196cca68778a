/* SPDX-License-Identifier: GPL-2.0 */
/*
 * confine.h - how rproc-sim-core shuts itself in before running firmware
 */
#ifndef RSIM_CONFINE_H
#define RSIM_CONFINE_H

/* The user and group the firmware runs as: "nobody" on Debian. */
#define RSIM_RUNNER_UID	65534
#define RSIM_RUNNER_GID	65534

/* The runner emulates the core: allow the emulator's memory management. */
#define CONFINE_EMULATOR	0x1u

int confine(int core_fd, const char *name, unsigned int flags);

#endif /* RSIM_CONFINE_H */
