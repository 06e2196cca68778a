/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_MM_H
#define FUZZ_MM_H
/*
 * Pages are only looked up and handed on to scatterlists, which the
 * harnesses describe by address: any token does for a struct page.
 */
struct page;

#define PAGE_SHIFT		12
#define offset_in_page(p)	((unsigned long)(p) & (PAGE_SIZE - 1))

static inline bool is_vmalloc_addr(const void *p)
{
	(void)p;
	return false;
}

static inline struct page *virt_to_page(const void *p)
{
	return (struct page *)p;
}

static inline struct page *vmalloc_to_page(const void *p)
{
	return (struct page *)p;
}
#endif
