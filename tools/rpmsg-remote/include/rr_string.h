/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_string.h - memory function prototypes without depending on a libc
 *
 * Freestanding images get these from src/libc.c, host builds from the C
 * library; either way the prototypes are the standard ones.
 */
#ifndef RR_STRING_H
#define RR_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif /* RR_STRING_H */
