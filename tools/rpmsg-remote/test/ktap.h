/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * ktap.h - the tiny test runner both host test programs share
 */
#ifndef KTAP_H
#define KTAP_H

#include <stdio.h>

extern int ktap_failed_checks;

#define CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("# %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		ktap_failed_checks++;					\
	}								\
} while (0)

/**
 * struct ktap_case - one test case
 * @name: printed in the ok / not ok line
 * @fn: runs it; any failed CHECK() fails the case
 */
struct ktap_case {
	const char *name;
	void (*fn)(void);
};

int ktap_run(const char *suite, const struct ktap_case *cases, unsigned int n);

#endif /* KTAP_H */
