// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * misbehave_ring.c - a remote that breaks the vring protocol while running
 *
 * misbehave.c forges messages and used entries on the ring we send on;
 * this file goes after what Linux keeps in shared memory for its own
 * bookkeeping, on both rings: vring 0 (Linux receives, we send) and
 * vring 1 (Linux sends, we receive).  As there, each act is traced first.
 *
 *   loop-rx:  set NEXT on every descriptor of vring 0, chained in a
 *             circle, and return a valid head: a Linux that follows the
 *             table's flags walks the circle forever.
 *   loop-tx:  from now on, before each message Linux sent is handed back,
 *             set NEXT on every descriptor of vring 1 likewise; Linux
 *             meets them when it reclaims its send buffers.
 *   ahead:    move vring 0's used index two entries past its available
 *             index, writing no entries.
 *   tx-id:    the last used entry of vring 1 names a descriptor beyond
 *             the ring.
 *   tx-ahead: vring 1's used index two entries past its available index.
 *   hold:     stop taking buffers from vring 1, forever, while staying
 *             alive: Linux's senders run out of buffers.
 *   rewrite:  overwrite the vdev's status byte (0xff) and feature words
 *             (all offered, none accepted) in the resource table.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

#define FW_RING_LOOP_RX_MSG	"descriptor loop"

static bool fw_chain_tx;
static bool fw_holding;

/* Chain every descriptor of @vr to the next one, the last to the first */
static void fw_ring_chain(struct rr_vring *vr)
{
	uint16_t i;

	for (i = 0; i < vr->num; i++) {
		vr->desc[i].next = (uint16_t)((i + 1) & (vr->num - 1));
		vr->desc[i].flags |= RR_VRING_DESC_F_NEXT;
	}
	rr_port_cache_flush(vr->desc, vr->num * sizeof(vr->desc[0]));
	rr_wmb();
}

static void fw_ring_loop_rx(struct rr_rpmsg *rp)
{
	struct rr_vring *vr = &rp->vdev.vring[0];
	struct rr_rpmsg_hdr *hdr;
	struct rr_buf buf;

	if (rr_vring_pop(vr, &buf) <= 0 ||
	    buf.len < sizeof(*hdr) + sizeof(FW_RING_LOOP_RX_MSG))
		return;
	hdr = buf.va;
	memset(hdr, 0, sizeof(*hdr));
	hdr->src = FW_ADDR_CTRL;
	hdr->dst = FW_ADDR_CTRL;
	hdr->len = sizeof(FW_RING_LOOP_RX_MSG);
	memcpy(hdr->data, FW_RING_LOOP_RX_MSG, sizeof(FW_RING_LOOP_RX_MSG));
	rr_port_cache_flush(hdr, sizeof(*hdr) + hdr->len);
	fw_ring_chain(vr);
	rr_vring_push(vr, buf.head, sizeof(*hdr) + hdr->len);
	rr_vring_kick(vr);
}

/* Publish a used index @by entries past the available one, no entries */
static void fw_ring_ahead(struct rr_vring *vr, uint16_t by)
{
	rr_port_cache_invalidate(&vr->avail->idx, sizeof(uint16_t));
	vr->used_idx = (uint16_t)(vr->avail->idx + by);
	vr->used->idx = vr->used_idx;
	rr_port_cache_flush(&vr->used->idx, sizeof(uint16_t));
	vr->pending++;
	rr_vring_kick(vr);
}

/*
 * Give the used entry published last an id beyond the ring, so that the
 * count of used entries stays right and only the id is wrong; before any
 * entry was published, add one.
 */
static void fw_ring_bad_id(struct rr_vring *vr)
{
	volatile struct rr_vring_used_elem *e;
	bool add = !vr->used_idx;

	e = &vr->used->ring[(uint16_t)(vr->used_idx - !add) & (vr->num - 1)];
	e->id = vr->num + 7;
	rr_port_cache_flush(e, sizeof(*e));
	if (!add)
		return;
	rr_wmb();
	vr->used->idx = ++vr->used_idx;
	rr_port_cache_flush(&vr->used->idx, sizeof(uint16_t));
	vr->pending++;
	rr_vring_kick(vr);
}

static void fw_ring_rewrite(struct rr_rpmsg *rp)
{
	volatile struct rr_rsc_vdev *rsc = rp->vdev.rsc;

	rsc->dfeatures = 0xffffffffu;
	rsc->gfeatures = 0;
	rsc->status = 0xff;
	rr_port_cache_flush(rsc, sizeof(*rsc));
}

/**
 * fw_misbehave_ring() - do one vring protocol violation
 * @rp: rpmsg device (must be live)
 * @variant: "loop-rx", "loop-tx", "ahead", "tx-id", "tx-ahead", "hold"
 *	or "rewrite"
 *
 * Return: 0, -RR_ENOTCONN if the vdev is not live, -RR_EINVAL for an
 * unknown @variant.
 */
int fw_misbehave_ring(struct rr_rpmsg *rp, const char *variant)
{
	if (!rp->vdev.live)
		return -RR_ENOTCONN;
	rr_trace_printf("misbehaving on purpose: vring %s\n", variant);
	rr_rpmsg_flush(rp);
	if (!rr_strncmp(variant, "loop-rx", 8))
		fw_ring_loop_rx(rp);
	else if (!rr_strncmp(variant, "loop-tx", 8))
		fw_chain_tx = true;
	else if (!rr_strncmp(variant, "ahead", 6))
		fw_ring_ahead(&rp->vdev.vring[0], 2);
	else if (!rr_strncmp(variant, "tx-id", 6))
		fw_ring_bad_id(&rp->vdev.vring[1]);
	else if (!rr_strncmp(variant, "tx-ahead", 9))
		fw_ring_ahead(&rp->vdev.vring[1], 2);
	else if (!rr_strncmp(variant, "hold", 5))
		fw_holding = true;
	else if (!rr_strncmp(variant, "rewrite", 8))
		fw_ring_rewrite(rp);
	else
		return -RR_EINVAL;
	return 0;
}

/**
 * fw_ring_message() - a message from Linux is about to be handed back
 * @rp: rpmsg device
 *
 * Called for each message delivered to an echo endpoint, while its buffer
 * is still ours; does the "loop-tx" act if it is on.
 */
void fw_ring_message(struct rr_rpmsg *rp)
{
	if (fw_chain_tx)
		fw_ring_chain(&rp->vdev.vring[1]);
}

/**
 * fw_ring_hold() - keep every buffer Linux sends, if "hold" is on
 *
 * Never returns once "hold" is on: the remote stays alive for the
 * watchdog but takes nothing more from vring 1.
 */
void fw_ring_hold(void)
{
	if (!fw_holding)
		return;
	rr_trace_printf("holding every buffer Linux sends\n");
	for (;;) {
		rr_port_alive();
		rr_port_wait(100);
	}
}
