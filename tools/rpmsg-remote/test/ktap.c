// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * ktap.c - run test cases, print KTAP, count
 */
#include "ktap.h"

int ktap_failed_checks;

/**
 * ktap_run() - run every case in order
 * @suite: name for the summary line
 * @cases: the cases
 * @n: how many
 *
 * Return: 0 if all passed, 1 otherwise (an exit status).
 */
int ktap_run(const char *suite, const struct ktap_case *cases, unsigned int n)
{
	unsigned int i, pass = 0;

	printf("TAP version 13\n1..%u\n", n);
	for (i = 0; i < n; i++) {
		int before = ktap_failed_checks;

		cases[i].fn();
		if (ktap_failed_checks == before) {
			pass++;
			printf("ok %u %s\n", i + 1, cases[i].name);
		} else {
			printf("not ok %u %s\n", i + 1, cases[i].name);
		}
		fflush(stdout);
	}
	printf("# %s: %u passed, %u failed\n", suite, pass, n - pass);
	return pass == n ? 0 : 1;
}
