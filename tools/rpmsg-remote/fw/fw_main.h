/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * fw_main.h - what a port's startup code calls
 */
#ifndef FW_MAIN_H
#define FW_MAIN_H

/**
 * fw_main() - run the firmware
 *
 * Return: exit code; 0 is an orderly halt, anything else a crash.
 */
int fw_main(void);

struct fw_rsc_table;

/**
 * fw_run() - run the firmware on a resource table somewhere else
 * @rsc: the table Linux processed, as this image lays it out
 * @trace: the trace buffer, RR_TRACE_LEN bytes
 *
 * For a port whose image is not what Linux loaded: a process that finds
 * the loaded table and trace buffer in memory it maps (port/linux-uio).
 * fw_main() is fw_run() on the image's own table and buffer.
 *
 * Return: as fw_main().
 */
int fw_run(volatile struct fw_rsc_table *rsc, char *trace);

#endif /* FW_MAIN_H */
