// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * vring_dev.c - the virtio device half of a legacy split virtqueue
 *
 * Linux (the virtio driver) fills the available ring; the remote (the
 * device) consumes it and returns buffers through the used ring.  The
 * remote trusts nothing it reads from the ring: a head index outside the
 * table, a chained or indirect descriptor, a buffer outside the shared
 * window or an available index that runs more than a ring ahead are all
 * caught here.  Per-buffer faults hand the buffer back with length 0; a
 * fault that leaves the ring state unknowable, or an empty buffer we cannot
 * reach (Linux would just post it again, forever), marks the ring broken,
 * after which it does nothing until the vdev is reset.
 *
 * Notification suppression, both directions:
 *  - we ask Linux not to kick us (USED_F_NO_NOTIFY, or avail_event when
 *    EVENT_IDX is negotiated) while we are busy anyway;
 *  - we kick Linux once per batch, and only if it asked for it
 *    (!AVAIL_F_NO_INTERRUPT, or used_event when EVENT_IDX is negotiated).
 */
#include "rpmsg_remote.h"
#include "rr_port.h"

static volatile uint16_t *used_event(struct rr_vring *vr)
{
	return &vr->avail->ring[vr->num];
}

static volatile uint16_t *avail_event(struct rr_vring *vr)
{
	return (volatile uint16_t *)&vr->used->ring[vr->num];
}

/**
 * rr_vring_size() - bytes a legacy split ring of @num entries occupies
 * @num: number of entries
 * @align: alignment of the used ring
 *
 * Return: the size, or 0 if @num or @align is not a usable power of two.
 */
uint32_t rr_vring_size(uint32_t num, uint32_t align)
{
	uint32_t avail_end;

	if (!num || num > RR_VRING_MAX_NUM || (num & (num - 1)))
		return 0;
	if (align < 4 || (align & (align - 1)) || align > 0x10000)
		return 0;
	avail_end = 16 * num + 2 * (3 + num);
	avail_end = (avail_end + align - 1) & ~(align - 1);
	return avail_end + 2 * 3 + 8 * num;
}

/**
 * rr_vring_init() - attach to a ring Linux laid out at @va
 * @vr: ring state to fill
 * @va: start of the ring, already checked to span rr_vring_size() bytes
 * @num: entries
 * @align: used ring alignment
 * @notifyid: id to kick Linux with
 * @event_idx: whether VIRTIO_RING_F_EVENT_IDX was negotiated
 * @write: whether Linux's descriptors must be device-writable
 * @name: for log lines
 *
 * Return: 0, or -RR_EINVAL for an unusable geometry.
 */
int rr_vring_init(struct rr_vring *vr, void *va, uint32_t num, uint32_t align,
		  uint32_t notifyid, bool event_idx, bool write, const char *name)
{
	uint8_t *base = va;
	uint32_t used_off;

	if (!rr_vring_size(num, align))
		return -RR_EINVAL;

	used_off = 16 * num + 2 * (3 + num);
	used_off = (used_off + align - 1) & ~(align - 1);

	vr->desc = (volatile struct rr_vring_desc *)base;
	vr->avail = (volatile struct rr_vring_avail *)(base + 16 * num);
	vr->used = (volatile struct rr_vring_used *)(base + used_off);
	vr->num = (uint16_t)num;
	vr->notifyid = notifyid;
	vr->event_idx = event_idx;
	vr->write = write;
	vr->broken = false;
	vr->name = name;
	vr->pending = 0;

	/*
	 * Linux hands over a zeroed ring and counts from 0; so do we, and
	 * say so in the used index rather than trust whatever is there.
	 */
	vr->used_idx = 0;
	vr->last_avail = 0;
	vr->kicked_used = 0;
	vr->used->idx = 0;
	rr_port_cache_flush(&vr->used->idx, sizeof(uint16_t));
	rr_vring_notify_off(vr);
	return 0;
}

static void rr_vring_break(struct rr_vring *vr, const char *why, unsigned int v)
{
	vr->broken = true;
	rr_log_limited("vring %s: %s (%u), ring stopped\n", vr->name, why, v);
}

/**
 * rr_vring_has_avail() - whether Linux has made buffers available
 * @vr: the ring
 *
 * Return: true if rr_vring_pop() would find something (or a fault to report).
 */
bool rr_vring_has_avail(struct rr_vring *vr)
{
	if (vr->broken)
		return false;
	rr_port_cache_invalidate(&vr->avail->idx, sizeof(uint16_t));
	return vr->avail->idx != vr->last_avail;
}

/**
 * rr_vring_pop() - take the next buffer Linux made available
 * @vr: the ring
 * @buf: filled with the buffer on success
 *
 * A descriptor that is malformed (chained, indirect, wrong direction,
 * outside the shared window) is consumed and returned to Linux with length
 * 0, and the next one is tried.
 *
 * Return: 1 with @buf filled, 0 if the ring is empty, -RR_EIO if the ring
 * is (or has just been marked) broken.
 */
int rr_vring_pop(struct rr_vring *vr, struct rr_buf *buf)
{
	for (;;) {
		volatile struct rr_vring_desc *d;
		uint16_t avail_idx, slot, head, flags, want;
		uint64_t addr;
		uint32_t len;

		if (vr->broken)
			return -RR_EIO;

		rr_port_cache_invalidate(&vr->avail->idx, sizeof(uint16_t));
		avail_idx = vr->avail->idx;
		if (avail_idx == vr->last_avail)
			return 0;
		if ((uint16_t)(avail_idx - vr->last_avail) > vr->num) {
			rr_vring_break(vr, "avail index ran ahead",
				       (uint16_t)(avail_idx - vr->last_avail));
			return -RR_EIO;
		}
		/* Read the ring entry only after seeing the index move. */
		rr_rmb();

		slot = vr->last_avail & (vr->num - 1);
		rr_port_cache_invalidate(&vr->avail->ring[slot], sizeof(uint16_t));
		head = vr->avail->ring[slot];
		if (head >= vr->num) {
			/* Cannot even be handed back: the used id must be valid. */
			rr_vring_break(vr, "descriptor index out of range", head);
			return -RR_EIO;
		}
		vr->last_avail++;

		d = &vr->desc[head];
		rr_port_cache_invalidate(d, sizeof(*d));
		addr = d->addr;
		len = d->len;
		flags = d->flags;

		want = vr->write ? RR_VRING_DESC_F_WRITE : 0;
		if (flags != want) {
			rr_log_limited("vring %s: desc %u flags %#x, expected %#x\n",
				       vr->name, head, flags, want);
			rr_vring_push(vr, head, 0);
			continue;
		}
		buf->va = rr_port_da_to_va(addr, len);
		if (!buf->va || !len) {
			rr_log_limited("vring %s: desc %u buffer %#llx+%u outside shared memory\n",
				       vr->name, head, (unsigned long long)addr,
				       (unsigned int)len);
			if (vr->write) {
				/*
				 * Linux would only post it again: an empty
				 * buffer it cannot give us usably means it
				 * does not use our shared memory at all.
				 */
				rr_vring_break(vr, "receive buffers outside shared memory", head);
				return -RR_EIO;
			}
			rr_vring_push(vr, head, 0);
			continue;
		}
		rr_port_cache_invalidate(buf->va, len);
		buf->head = head;
		buf->len = len;
		return 1;
	}
}

/**
 * rr_vring_push() - return a buffer to Linux
 * @vr: the ring
 * @head: rr_buf.head of the buffer
 * @len: bytes written into it (0 for buffers we only read)
 *
 * Linux is not kicked; see rr_vring_kick().
 */
void rr_vring_push(struct rr_vring *vr, uint16_t head, uint32_t len)
{
	volatile struct rr_vring_used_elem *e;

	if (vr->broken)
		return;
	e = &vr->used->ring[vr->used_idx & (vr->num - 1)];
	e->id = head;
	e->len = len;
	rr_port_cache_flush(e, sizeof(*e));
	/* The entry must be visible before the index that publishes it. */
	rr_wmb();
	vr->used_idx++;
	vr->used->idx = vr->used_idx;
	rr_port_cache_flush(&vr->used->idx, sizeof(uint16_t));
	vr->pending++;
}

/**
 * rr_vring_kick() - interrupt Linux for the used entries added so far, if it wants it
 * @vr: the ring
 *
 * Call once per batch.  Honours AVAIL_F_NO_INTERRUPT, or used_event when
 * EVENT_IDX is negotiated.
 *
 * Return: true if Linux was kicked.
 */
bool rr_vring_kick(struct rr_vring *vr)
{
	uint16_t old, new, ev;
	bool kick;

	/* Quiet: the entries stay pending for the first kick after it */
	if (!vr->pending || vr->broken || vr->quiet)
		return false;
	/* Our used->idx store must land before we read Linux's wishes. */
	rr_mb();
	old = vr->kicked_used;
	new = vr->used_idx;
	vr->kicked_used = new;
	vr->pending = 0;
	if (vr->event_idx) {
		rr_port_cache_invalidate(used_event(vr), sizeof(uint16_t));
		ev = *used_event(vr);
		kick = (uint16_t)(new - ev - 1) < (uint16_t)(new - old);
	} else {
		rr_port_cache_invalidate(&vr->avail->flags, sizeof(uint16_t));
		kick = !(vr->avail->flags & RR_VRING_AVAIL_F_NO_INTERRUPT);
	}
	if (kick)
		rr_port_kick(vr->notifyid);
	return kick;
}

/**
 * rr_vring_notify_off() - ask Linux not to kick us for new available buffers
 * @vr: the ring
 */
void rr_vring_notify_off(struct rr_vring *vr)
{
	if (vr->broken)
		return;
	if (vr->event_idx) {
		/* An event index we have already passed never fires. */
		*avail_event(vr) = (uint16_t)(vr->last_avail - 1);
		rr_port_cache_flush(avail_event(vr), sizeof(uint16_t));
	} else {
		vr->used->flags = RR_VRING_USED_F_NO_NOTIFY;
		rr_port_cache_flush(&vr->used->flags, sizeof(uint16_t));
	}
}

/**
 * rr_vring_notify_on() - ask Linux to kick us when it adds a buffer
 * @vr: the ring
 *
 * Closes the race with a buffer added just before the request became
 * visible by looking at the ring again afterwards.
 *
 * Return: true if buffers are already available (do not go to sleep).
 */
bool rr_vring_notify_on(struct rr_vring *vr)
{
	if (vr->broken)
		return false;
	if (vr->event_idx) {
		*avail_event(vr) = vr->last_avail;
		rr_port_cache_flush(avail_event(vr), sizeof(uint16_t));
	} else {
		vr->used->flags = 0;
		rr_port_cache_flush(&vr->used->flags, sizeof(uint16_t));
	}
	rr_mb();
	return rr_vring_has_avail(vr);
}
