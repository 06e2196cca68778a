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

#endif /* FW_MAIN_H */
