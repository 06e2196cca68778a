/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A record FIFO with 2-byte length headers, as the kernel's
 * kfifo_rec_ptr_2 behaves: a record goes in whole or not at all, and
 * reading takes one whole record, of which the reader gets what fits.
 */
#include "fuzz_kernel.h"
#ifndef FUZZ_KFIFO_H
#define FUZZ_KFIFO_H

struct kfifo_rec_ptr_2 {
	u8 *buf;
	size_t size;	/* a power of two */
	size_t in, out;	/* free-running */
};

static inline void kfifo_copy_in(struct kfifo_rec_ptr_2 *f, size_t at,
				 const void *src, size_t len)
{
	size_t off = at & (f->size - 1);
	size_t first = min(len, f->size - off);

	memcpy(f->buf + off, src, first);
	memcpy(f->buf, (const u8 *)src + first, len - first);
}

static inline void kfifo_copy_out(struct kfifo_rec_ptr_2 *f, size_t at,
				  void *dst, size_t len)
{
	size_t off = at & (f->size - 1);
	size_t first = min(len, f->size - off);

	memcpy(dst, f->buf + off, first);
	memcpy((u8 *)dst + first, f->buf, len - first);
}

static inline int fuzz_kfifo_alloc(struct kfifo_rec_ptr_2 *f, size_t size)
{
	size = roundup_pow_of_two(size);
	if (size < 2)
		return -EINVAL;
	f->buf = kmalloc(size, GFP_KERNEL);
	f->size = size;
	f->in = 0;
	f->out = 0;
	return f->buf ? 0 : -ENOMEM;
}

static inline void fuzz_kfifo_free(struct kfifo_rec_ptr_2 *f)
{
	kfree(f->buf);
	f->buf = NULL;
}

static inline unsigned int fuzz_kfifo_in(struct kfifo_rec_ptr_2 *f,
					 const void *data, unsigned int len)
{
	u16 hdr = len;

	if (len + 2 > f->size - (f->in - f->out))
		return 0;
	kfifo_copy_in(f, f->in, &hdr, 2);
	kfifo_copy_in(f, f->in + 2, data, len);
	f->in += 2 + len;
	return len;
}

static inline int fuzz_kfifo_to_user(struct kfifo_rec_ptr_2 *f,
				     void __user *to, unsigned int len,
				     unsigned int *copied)
{
	u16 hdr;
	u8 *tmp;
	int ret = 0;

	*copied = 0;
	if (f->in == f->out)
		return 0;
	kfifo_copy_out(f, f->out, &hdr, 2);
	len = min_t(unsigned int, len, hdr);
	tmp = malloc(len ? len : 1);
	kfifo_copy_out(f, f->out + 2, tmp, len);
	if (copy_to_user(to, tmp, len))
		ret = -EFAULT;
	else
		*copied = len;
	free(tmp);
	f->out += 2 + hdr;
	return ret;
}

#define kfifo_alloc(f, size, gfp)	fuzz_kfifo_alloc(f, size)
#define kfifo_free(f)			fuzz_kfifo_free(f)
#define kfifo_in(f, data, len)		fuzz_kfifo_in(f, data, len)
#define kfifo_to_user(f, to, len, c)	fuzz_kfifo_to_user(f, to, len, c)
#define kfifo_is_empty(f)		((f)->in == (f)->out)
#define kfifo_reset(f)			((f)->in = (f)->out = 0)

#endif
