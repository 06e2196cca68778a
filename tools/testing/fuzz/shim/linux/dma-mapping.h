/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_DMA_MAPPING_H
#define FUZZ_DMA_MAPPING_H
static inline void *dma_alloc_coherent(struct device *dev, size_t size,
				       dma_addr_t *dma, gfp_t gfp)
{
	void *p = kzalloc(size, gfp);

	(void)dev;
	*dma = (dma_addr_t)(uintptr_t)p;
	return p;
}

static inline void dma_free_coherent(struct device *dev, size_t size,
				     void *va, dma_addr_t dma)
{
	(void)dev;
	(void)size;
	(void)dma;
	kfree(va);
}
#endif
