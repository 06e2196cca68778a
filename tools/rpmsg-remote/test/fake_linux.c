// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * fake_linux.c - the driver (Linux) half of a split vring, for the tests
 *
 * Lays a ring out the way Linux's virtio_ring does for a legacy device,
 * adds single-descriptor buffers and reads the used ring back.
 */
#include <string.h>

#include "fake_linux.h"
#include "rpmsg_remote.h"

void lq_init(struct lq *q, void *base, uint16_t num, uint32_t align)
{
	uint8_t *b = base;
	uint32_t used_off = (16 * num + 2 * (3 + num) + align - 1) & ~(align - 1);

	memset(b, 0, rr_vring_size(num, align));
	q->desc = (void *)b;
	q->avail = (void *)(b + 16 * num);
	q->used = (void *)(b + used_off);
	q->num = num;
	q->avail_idx = 0;
	q->last_used = 0;
}

void lq_add(struct lq *q, uint16_t head, uint64_t addr, uint32_t len, uint16_t flags)
{
	q->desc[head].addr = addr;
	q->desc[head].len = len;
	q->desc[head].flags = flags;
	q->desc[head].next = 0;
	q->avail->ring[q->avail_idx % q->num] = head;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	q->avail->idx = ++q->avail_idx;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

int lq_get(struct lq *q, uint32_t *id, uint32_t *len)
{
	if (q->used->idx == q->last_used)
		return 0;
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	*id = q->used->ring[q->last_used % q->num].id;
	*len = q->used->ring[q->last_used % q->num].len;
	q->last_used++;
	return 1;
}

volatile uint16_t *lq_used_event(struct lq *q)
{
	return &q->avail->ring[q->num];
}

volatile uint16_t *lq_avail_event(struct lq *q)
{
	return (volatile uint16_t *)&q->used->ring[q->num];
}
