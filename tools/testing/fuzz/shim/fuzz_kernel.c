// SPDX-License-Identifier: GPL-2.0
/*
 * Out-of-line parts of the kernel stand-ins in fuzz_kernel.h, shared by
 * every harness.
 */
#include <ctype.h>
#include "fuzz_kernel.h"
#include "../fuzz_check.h"

int fuzz_verbose;
int fuzz_class;
struct task_struct *current;
struct workqueue_struct *system_wq, *system_highpri_wq;

static void __attribute__((constructor)) fuzz_kernel_init(void)
{
	fuzz_verbose = !!getenv("FUZZ_VERBOSE");
}

void fuzz_warn(const char *file, int line, const char *cond)
{
	fprintf(stderr, "WARNING: %s:%d: %s\n", file, line, cond);
	abort();
}

void fuzz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void *kmalloc(size_t size, gfp_t flags)
{
	/* Where the kernel's allocator would warn, so do we. */
	if (size > KMALLOC_MAX_SIZE && !(flags & __GFP_NOWARN))
		fuzz_warn(__FILE__, __LINE__, "kmalloc above KMALLOC_MAX_SIZE");
	if (size > KMALLOC_MAX_SIZE)
		return NULL;
	if (!size)
		return (void *)16;	/* ZERO_SIZE_PTR */
	return flags & __GFP_ZERO ? calloc(1, size) : malloc(size);
}

void kfree(const void *p)
{
	if ((unsigned long)p > 16)
		free((void *)p);
}

void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = kmalloc(len, flags);

	if (p && len)
		memcpy(p, src, len);
	return p;
}

char *kstrdup(const char *s, gfp_t flags)
{
	return s ? kmemdup(s, strlen(s) + 1, flags) : NULL;
}

const char *kstrdup_const(const char *s, gfp_t flags)
{
	return kstrdup(s, flags);
}

ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (!size)
		return -E2BIG;
	len = strnlen(src, size);
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}

void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *, const void *),
	  void (*swap_fn)(void *, void *, int))
{
	(void)swap_fn;
	qsort(base, num, size, cmp);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	(void)wq;
	if (work->pending)
		return false;
	work->pending = 1;
	return true;
}

struct device *get_device(struct device *dev)
{
	if (dev)
		dev->refs++;
	return dev;
}

void put_device(struct device *dev)
{
	if (!dev || --dev->refs)
		return;
	if (dev->release)
		dev->release(dev);
	else if (dev->type && dev->type->release)
		dev->type->release(dev);
}

void fuzz_check_errno(long ret, const int *codes, const char *file, int line)
{
	for (; *codes; codes++)
		if (ret == -*codes)
			return;
	fprintf(stderr, "undocumented error %ld: %s:%d\n", ret, file, line);
	abort();
}

int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long val;
	char *end;

	/* Like the kernel: digits only, one trailing newline allowed */
	if (*s == '+')
		s++;
	if (!isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	val = strtoull(s, &end, base);
	if (end == s || (*end == '\n' && end++, *end))
		return -EINVAL;
	if (errno == ERANGE || val > UINT_MAX)
		return -ERANGE;
	*res = val;
	return 0;
}
