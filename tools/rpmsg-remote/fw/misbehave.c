// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * misbehave.c - a hostile remote, for Linux's robustness tests
 *
 * Everything here breaks the protocol on purpose, bypassing the checks
 * rpmsg.c applies to our own messages.  Each act is logged to the trace
 * first, so a test can tell a deliberate fault from a bug.
 *
 *   bad-ns:  name-service messages that are short, long, unterminated,
 *            with an unknown flag, the ANY address, an empty name, or
 *            destroying a channel never announced.
 *   bad-len: used lengths of 0, shorter than a header and beyond the
 *            buffer; a header length larger than the used length and
 *            larger than the buffer.
 *   bad-idx: variants "id" (used id beyond the ring), "dup" (a buffer
 *            returned twice), "jump" (used index moved past the ring).
 *            Linux is expected to mark the ring broken.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

/* Put a crafted message into the next TX buffer; used length given raw. */
static int fw_raw_send(struct rr_rpmsg *rp, uint32_t dst, uint16_t hdr_len,
		       const void *data, uint32_t data_len, uint32_t used_len)
{
	struct rr_vring *vr = &rp->vdev.vring[0];
	struct rr_rpmsg_hdr *hdr;
	struct rr_buf buf;

	if (rr_vring_pop(vr, &buf) <= 0)
		return -RR_EAGAIN;
	if (buf.len < sizeof(*hdr) + data_len) {
		rr_vring_push(vr, buf.head, 0);
		return -RR_EMSGSIZE;
	}
	hdr = buf.va;
	hdr->src = FW_ADDR_CTRL;
	hdr->dst = dst;
	hdr->reserved = 0;
	hdr->len = hdr_len;
	hdr->flags = 0;
	memcpy(hdr->data, data, data_len);
	rr_port_cache_flush(hdr, sizeof(*hdr) + data_len);
	rr_vring_push(vr, buf.head, used_len);
	rr_vring_kick(vr);
	return 0;
}

static void fw_bad_ns(struct rr_rpmsg *rp)
{
	struct rr_rpmsg_ns_msg ns;
	uint8_t big[200];
	const uint32_t hdr = sizeof(struct rr_rpmsg_hdr);

	rr_trace_printf("misbehaving on purpose: bad name-service messages\n");

	memset(&ns, 0, sizeof(ns));
	memcpy(ns.name, "bad-ns-short", 12);
	ns.addr = 1500;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, 10, &ns, 10, hdr + 10);

	memset(big, 'B', sizeof(big));
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(big), big, sizeof(big), hdr + sizeof(big));

	memset(ns.name, 'A', sizeof(ns.name));	/* no terminating NUL */
	ns.addr = 1501;
	ns.flags = RR_RPMSG_NS_CREATE;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(ns), &ns, sizeof(ns), hdr + sizeof(ns));

	memset(&ns, 0, sizeof(ns));
	memcpy(ns.name, "bad-ns-flags", 12);
	ns.addr = 1502;
	ns.flags = 7;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(ns), &ns, sizeof(ns), hdr + sizeof(ns));

	memcpy(ns.name, "bad-ns-any\0\0", 12);
	ns.addr = RR_RPMSG_ADDR_ANY;
	ns.flags = RR_RPMSG_NS_CREATE;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(ns), &ns, sizeof(ns), hdr + sizeof(ns));

	memset(&ns, 0, sizeof(ns));
	ns.addr = 1503;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(ns), &ns, sizeof(ns), hdr + sizeof(ns));

	memcpy(ns.name, "never-announced", 15);
	ns.addr = 1504;
	ns.flags = RR_RPMSG_NS_DESTROY;
	fw_raw_send(rp, RR_RPMSG_NS_ADDR, sizeof(ns), &ns, sizeof(ns), hdr + sizeof(ns));
}

static void fw_bad_len(struct rr_rpmsg *rp)
{
	static const char msg[] = "bad length";
	const uint32_t hdr = sizeof(struct rr_rpmsg_hdr);
	struct rr_ept *raw = rr_ept_find(rp, FW_ADDR_RAW);
	uint32_t dst = raw && raw->dst != RR_RPMSG_ADDR_ANY ? raw->dst : 1024;

	rr_trace_printf("misbehaving on purpose: bad message lengths\n");
	fw_raw_send(rp, dst, sizeof(msg), msg, sizeof(msg), 0);
	fw_raw_send(rp, dst, sizeof(msg), msg, sizeof(msg), 8);
	fw_raw_send(rp, dst, sizeof(msg), msg, sizeof(msg), 0xfffffff0u);
	fw_raw_send(rp, dst, 0xffff, msg, sizeof(msg), hdr + sizeof(msg));
	fw_raw_send(rp, dst, 400, msg, sizeof(msg), hdr + sizeof(msg));
	fw_raw_send(rp, 0xfffffff0u, sizeof(msg), msg, sizeof(msg), hdr + sizeof(msg));
}

static void fw_bad_idx(struct rr_rpmsg *rp, const char *variant)
{
	struct rr_vring *vr = &rp->vdev.vring[0];
	volatile struct rr_vring_used_elem *e;
	struct rr_buf buf;

	rr_trace_printf("misbehaving on purpose: bad used ring (%s)\n", variant);
	if (!rr_strncmp(variant, "jump", 5)) {
		vr->used_idx += vr->num + 10;
		vr->used->idx = vr->used_idx;
		vr->pending++;
		rr_vring_kick(vr);
		return;
	}
	if (rr_vring_pop(vr, &buf) <= 0)
		return;
	if (!rr_strncmp(variant, "dup", 4)) {
		rr_vring_push(vr, buf.head, sizeof(struct rr_rpmsg_hdr));
		rr_vring_push(vr, buf.head, sizeof(struct rr_rpmsg_hdr));
		rr_vring_kick(vr);
		return;
	}
	/* "id": a used entry naming a descriptor the ring does not have */
	e = &vr->used->ring[vr->used_idx & (vr->num - 1)];
	e->id = vr->num + 5;
	e->len = sizeof(struct rr_rpmsg_hdr);
	rr_wmb();
	vr->used->idx = ++vr->used_idx;
	vr->pending++;
	rr_vring_kick(vr);
}

/**
 * fw_misbehave() - do one family of protocol violations
 * @rp: rpmsg device (must be live)
 * @what: FW_BAD_NS, FW_BAD_LEN or FW_BAD_IDX
 * @variant: for FW_BAD_IDX: "id", "dup" or "jump"
 *
 * Return: 0, or -RR_ENOTCONN if the vdev is not live.
 */
int fw_misbehave(struct rr_rpmsg *rp, uint32_t what, const char *variant)
{
	if (!rp->vdev.live)
		return -RR_ENOTCONN;
	rr_rpmsg_flush(rp);
	if (what == FW_BAD_NS)
		fw_bad_ns(rp);
	else if (what == FW_BAD_LEN)
		fw_bad_len(rp);
	else if (what == FW_BAD_IDX)
		fw_bad_idx(rp, variant);
	return 0;
}
