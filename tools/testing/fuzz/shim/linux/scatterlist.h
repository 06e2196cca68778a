/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_SCATTERLIST_H
#define FUZZ_SCATTERLIST_H
struct scatterlist {
	void *buf;
	unsigned int length;
};

static inline void sg_init_one(struct scatterlist *sg, const void *buf,
			       unsigned int len)
{
	sg->buf = (void *)buf;
	sg->length = len;
}

#define sg_virt(sg)	((sg)->buf)
#endif
