// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * libc.c - the memory functions the compiler may call on its own
 *
 * Freestanding images have no C library, but GCC still emits calls to
 * memcpy, memset, memmove and memcmp for struct copies and large
 * initialisers.  Ports without a C library link this file; the host test
 * harness uses the real one instead.
 */
#include <stddef.h>
#include <stdint.h>
#include "rr_string.h"

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
