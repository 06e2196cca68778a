// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * zc.c - zero-copy buffers handed over by Linux, checked before use
 *
 * A descriptor is recognised by its exact length and magic; anything else
 * is an ordinary message and left to the caller.  A recognised descriptor
 * is read once, from a private copy, and refused (counted, logged with
 * rr_log_limited()) unless the whole buffer lies inside one of the
 * firmware's windows and inside memory the port maps, and clear of both
 * vrings.
 */
#include "rr_port.h"
#include "rr_string.h"
#include "rr_zc.h"

/**
 * rr_zc_init() - set up the zero-copy state of a service
 * @zc: the state
 * @rp: the rpmsg device the service's endpoint lives on
 * @win: where buffers may lie (kept by reference)
 * @nwin: entries in @win; 0 refuses every buffer
 */
void rr_zc_init(struct rr_zc *zc, struct rr_rpmsg *rp,
		const struct rr_zc_window *win, uint32_t nwin)
{
	zc->rp = rp;
	zc->win = win;
	zc->nwin = nwin;
	zc->taken = 0;
	zc->refused = 0;
}

static bool rr_zc_in_window(const struct rr_zc *zc, uint64_t da, uint32_t size)
{
	uint32_t i;

	for (i = 0; i < zc->nwin; i++) {
		const struct rr_zc_window *w = &zc->win[i];

		if (da >= w->da && da - w->da <= w->len &&
		    size <= w->len - (da - w->da))
			return true;
	}
	return false;
}

/* Does [va, va + size) touch a live vring (descriptors to used ring)? */
static bool rr_zc_hits_vring(const struct rr_zc *zc, const void *va,
			     uint32_t size)
{
	uintptr_t s = (uintptr_t)va, e = s + size;
	uint32_t i;

	for (i = 0; i < RR_VDEV_MAX_VRINGS; i++) {
		const struct rr_vring *vr = &zc->rp->vdev.vring[i];
		uintptr_t rs = (uintptr_t)vr->desc;
		uintptr_t re = (uintptr_t)vr->used + 6 + 8 * (uintptr_t)vr->num;

		if (vr->desc && s < re && rs < e)
			return true;
	}
	return false;
}

/* Why descriptor @d cannot be accepted, or NULL and its buffer in *@va */
static const char *rr_zc_check(const struct rr_zc *zc,
			       const struct rr_zc_desc *d, void **va)
{
	if (d->op != RR_ZC_OP_GIVE || d->flags)
		return "not a buffer";
	if (!d->size || d->len > d->size)
		return "bad length";
	if (!rr_zc_in_window(zc, d->da, d->size))
		return "outside the zero-copy windows";
	*va = rr_port_da_to_va(d->da, d->size);
	if (!*va)
		return "not shared memory";
	if (zc->rp->vdev.live && rr_zc_hits_vring(zc, *va, d->size))
		return "overlaps a vring";
	return 0;
}

/**
 * rr_zc_take() - recognise and check a buffer Linux handed over
 * @zc: the service's zero-copy state
 * @data: a message the service received
 * @len: its length
 * @src: its sender, where the buffer goes back to
 * @buf: filled in when the message is an acceptable descriptor
 *
 * On success the buffer's data is ready to be read (caches invalidated).
 *
 * Return: 1 for a buffer now held by the remote, 0 for a message that is
 * not a descriptor, -RR_EINVAL for a descriptor refused (logged).
 */
int rr_zc_take(struct rr_zc *zc, const void *data, uint32_t len, uint32_t src,
	       struct rr_zc_buf *buf)
{
	struct rr_zc_desc d;
	const char *why;
	void *va = 0;

	if (len != sizeof(d))
		return 0;
	memcpy(&d, data, sizeof(d));
	if (d.magic != RR_ZC_MAGIC)
		return 0;

	why = rr_zc_check(zc, &d, &va);
	if (why) {
		zc->refused++;
		rr_log_limited("zc: refused a buffer from %u: %s (da 0x%llx size %u len %u)\n",
			       (unsigned int)src, why, (unsigned long long)d.da,
			       (unsigned int)d.size, (unsigned int)d.len);
		return -RR_EINVAL;
	}

	rr_port_cache_invalidate(va, d.len);
	buf->va = va;
	buf->da = d.da;
	buf->size = d.size;
	buf->len = d.len;
	buf->cookie = d.cookie;
	buf->tag = d.tag;
	buf->src = src;
	zc->taken++;
	return 1;
}

/**
 * rr_zc_fill_return() - the descriptor that hands @buf back
 * @d: filled in
 * @buf: a buffer rr_zc_take() accepted
 * @len: bytes of data the remote leaves in it
 * @tag: the remote's value for the application
 */
void rr_zc_fill_return(struct rr_zc_desc *d, const struct rr_zc_buf *buf,
		       uint32_t len, uint32_t tag)
{
	memset(d, 0, sizeof(*d));
	d->magic = RR_ZC_MAGIC;
	d->op = RR_ZC_OP_RETURN;
	d->da = buf->da;
	d->size = buf->size;
	d->len = len;
	d->cookie = buf->cookie;
	d->tag = tag;
}

/**
 * rr_zc_return() - hand a buffer back to Linux
 * @ept: the endpoint that received it
 * @buf: the buffer; the remote must not touch it afterwards
 * @len: bytes of data left in it, at most @buf->size
 * @tag: a value for the application
 *
 * Return: 0, -RR_EINVAL for @len over the size, or rr_sendto()'s error
 * (the buffer is then still the remote's: retry later).
 */
int rr_zc_return(struct rr_ept *ept, const struct rr_zc_buf *buf, uint32_t len,
		 uint32_t tag)
{
	struct rr_zc_desc d;

	if (len > buf->size)
		return -RR_EINVAL;
	/* The data must reach memory before Linux can see the descriptor */
	rr_port_cache_flush(buf->va, len);
	rr_zc_fill_return(&d, buf, len, tag);
	return rr_sendto(ept, &d, sizeof(d), buf->src);
}
