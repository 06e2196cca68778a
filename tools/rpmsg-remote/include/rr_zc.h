/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_zc.h - zero-copy buffers from Linux (src/zc.c)
 *
 * A Linux application that created a zero-copy pool on an endpoint node
 * hands the remote whole buffers of shared memory: each arrives as one
 * 32-byte message, a descriptor with the buffer's device address, its size,
 * the bytes of data in it, a cookie and the application's tag.  The remote
 * checks the descriptor, works on the buffer in place and hands it back
 * with a descriptor of its own, from the endpoint that got it to the
 * address it came from.  Until then Linux does not reuse the buffer.
 *
 * The firmware decides where it accepts buffers: a list of device-address
 * windows (typically the memory Linux allocates rpmsg buffers from, e.g.
 * the vdevNbuffer region), never overlapping its vrings.  Everything in a
 * descriptor comes from Linux, and any program allowed to write to the
 * endpoint can forge one, so each is checked before the buffer is touched.
 * See Documentation/driver-api/rpmsg/remote-side.rst.
 */
#ifndef RR_ZC_H
#define RR_ZC_H

#include <stdint.h>

#include "rpmsg_remote.h"

#define RR_ZC_MAGIC	0x435a5052u	/* "RPZC" in memory */
#define RR_ZC_OP_GIVE	1		/* Linux -> remote */
#define RR_ZC_OP_RETURN	2		/* remote -> Linux */

/**
 * struct rr_zc_desc - the descriptor on the wire (little-endian)
 * @magic: RR_ZC_MAGIC
 * @op: RR_ZC_OP_GIVE or RR_ZC_OP_RETURN
 * @flags: 0
 * @da: device address of the buffer
 * @size: bytes the buffer holds; the remote may write that many
 * @len: bytes of data in it
 * @cookie: Linux's, to be returned unchanged
 * @tag: the application's (give) or the remote's (return) value
 */
struct rr_zc_desc {
	uint32_t magic;
	uint16_t op;
	uint16_t flags;
	uint64_t da;
	uint32_t size;
	uint32_t len;
	uint32_t cookie;
	uint32_t tag;
} __attribute__((packed));
RR_WIRE_SIZE(rr_zc_desc, 32);

/**
 * struct rr_zc_window - device addresses where buffers are accepted
 * @da: first address
 * @len: bytes
 */
struct rr_zc_window {
	uint64_t da;
	uint32_t len;
};

/**
 * struct rr_zc - the zero-copy state of one firmware service
 * @rp: the rpmsg device; its vrings are never accepted as buffers
 * @win: windows where buffers may lie
 * @nwin: entries in @win
 * @taken: descriptors accepted
 * @refused: descriptors refused
 */
struct rr_zc {
	struct rr_rpmsg *rp;
	const struct rr_zc_window *win;
	uint32_t nwin;
	uint32_t taken;
	uint32_t refused;
};

/**
 * struct rr_zc_buf - a buffer the remote holds
 * @va: where it is mapped
 * @da: its device address, as Linux gave it
 * @size: bytes it holds
 * @len: bytes of data Linux put in it
 * @cookie: Linux's cookie of this hand-over
 * @tag: the application's tag
 * @src: the Linux address to return it to
 */
struct rr_zc_buf {
	void *va;
	uint64_t da;
	uint32_t size;
	uint32_t len;
	uint32_t cookie;
	uint32_t tag;
	uint32_t src;
};

void rr_zc_init(struct rr_zc *zc, struct rr_rpmsg *rp,
		const struct rr_zc_window *win, uint32_t nwin);
int rr_zc_take(struct rr_zc *zc, const void *data, uint32_t len, uint32_t src,
	       struct rr_zc_buf *buf);
void rr_zc_fill_return(struct rr_zc_desc *d, const struct rr_zc_buf *buf,
		       uint32_t len, uint32_t tag);
int rr_zc_return(struct rr_ept *ept, const struct rr_zc_buf *buf, uint32_t len,
		 uint32_t tag);

#endif /* RR_ZC_H */
