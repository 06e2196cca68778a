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

/* @ret must be the negative of one of @codes (an array of errnos). */
#define FUZZ_CHECK_ERRNO(ret, codes)					\
	do {								\
		size_t __i;						\
		for (__i = 0; __i < ARRAY_SIZE(codes); __i++)		\
			if ((ret) == -(codes)[__i])			\
				break;					\
		if (__i == ARRAY_SIZE(codes)) {				\
			fprintf(stderr, "undocumented error %d: %s:%d\n", \
				(int)(ret), __FILE__, __LINE__);	\
			abort();					\
		}							\
	} while (0)

/* Keep a value alive, so that reads made only for ASan are not dropped. */
static inline void fuzz_sink(unsigned long v)
{
	__asm__ __volatile__("" : : "r"(v) : "memory");
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif /* FUZZ_CHECK_H */
