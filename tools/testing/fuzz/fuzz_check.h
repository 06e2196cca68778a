/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Contract assertions for the harnesses: a violated one aborts, which
 * libFuzzer reports as a crash and saves the input.
 */
#ifndef FUZZ_CHECK_H
#define FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "contract violated: %s:%d: %s\n", \
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

void fuzz_check_errno(long ret, const int *codes, const char *file, int line);

/* @ret must be the negative of one of @codes (errnos, ending with 0). */
#define FUZZ_CHECK_ERRNO(ret, codes) \
	fuzz_check_errno(ret, codes, __FILE__, __LINE__)

/* Keep a value alive, so that reads made only for ASan are not dropped. */
static inline void fuzz_sink(unsigned long v)
{
	__asm__ __volatile__("" : : "r"(v) : "memory");
}

/* libFuzzer's entry point; the Makefile gives its name */
int FUZZ_ENTRY(const unsigned char *data, size_t size);

#endif /* FUZZ_CHECK_H */
