/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * fake_linux.h - the driver (Linux) half of a split vring, for the tests
 */
#ifndef FAKE_LINUX_H
#define FAKE_LINUX_H

#include <stdint.h>

#include "rr_wire.h"

/**
 * struct lq - Linux's view of one vring
 * @desc: descriptor table
 * @avail: available ring (ours)
 * @used: used ring (the remote's)
 * @num: entries
 * @avail_idx: our avail index
 * @last_used: next used entry to read
 */
struct lq {
	volatile struct rr_vring_desc *desc;
	volatile struct rr_vring_avail *avail;
	volatile struct rr_vring_used *used;
	uint16_t num;
	uint16_t avail_idx;
	uint16_t last_used;
};

void lq_init(struct lq *q, void *base, uint16_t num, uint32_t align);
void lq_add(struct lq *q, uint16_t head, uint64_t addr, uint32_t len, uint16_t flags);
int lq_get(struct lq *q, uint32_t *id, uint32_t *len);
volatile uint16_t *lq_used_event(struct lq *q);
volatile uint16_t *lq_avail_event(struct lq *q);

#endif /* FAKE_LINUX_H */
