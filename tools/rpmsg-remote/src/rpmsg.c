// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * rpmsg.c - rpmsg endpoints, name service, send and receive on the remote
 *
 * vring[0] carries messages to Linux: Linux posts empty buffers there and
 * we fill them.  vring[1] carries messages from Linux: we read them, run
 * the endpoint's callback on the buffer in place, and hand it back.
 *
 * Hot path rules: no copy on receive, one copy on send (none with
 * rr_tx_buffer_get()), no kick per message.  Kicks are collected while
 * rr_rpmsg_poll() runs a batch and sent once at its end, or earlier when a
 * send has to wait for Linux to post buffers.
 *
 * Name service: each endpoint created with a name is announced to Linux
 * (NS CREATE to address 53) once the vdev is live and VIRTIO_RPMSG_F_NS was
 * negotiated, announced again after Linux resets the vdev, and withdrawn
 * (NS DESTROY) when destroyed.
 */
#include "rr_string.h"

#include "rpmsg_remote.h"
#include "rr_port.h"

#define RR_SEND_SLICE_MS	10
#define RR_KICK_BATCH		64

static struct rr_vring *tx_ring(struct rr_rpmsg *rp)
{
	return &rp->vdev.vring[0];
}

static struct rr_vring *rx_ring(struct rr_rpmsg *rp)
{
	return &rp->vdev.vring[1];
}

/**
 * rr_rpmsg_init() - set up an rpmsg device on a vdev resource entry
 * @rp: device, caller-allocated
 * @rsc: the vdev entry (id VIRTIO_ID_RPMSG) in the loaded resource table
 *
 * Return: 0 or -RR_EINVAL.
 */
int rr_rpmsg_init(struct rr_rpmsg *rp, volatile struct rr_rsc_vdev *rsc)
{
	memset(rp, 0, sizeof(*rp));
	rp->send_timeout_ms = 5000;
	return rr_vdev_init(&rp->vdev, rsc);
}

/**
 * rr_rpmsg_flush() - send the kicks collected so far
 * @rp: device
 */
void rr_rpmsg_flush(struct rr_rpmsg *rp)
{
	if (!rp->vdev.live)
		return;
	if (rr_vring_kick(tx_ring(rp)))
		rp->stats.kicks++;
	if (rr_vring_kick(rx_ring(rp)))
		rp->stats.kicks++;
}

static bool rr_rpmsg_alive(struct rr_rpmsg *rp)
{
	if (rr_vdev_check_reset(&rp->vdev)) {
		struct rr_ept *e;

		rp->stashed = false;
		for (e = rp->epts; e; e = e->next)
			e->dst = e->dst_cfg;
	}
	return rp->vdev.live;
}

/* Take a TX buffer, waiting up to send_timeout_ms for Linux to post one. */
static int rr_tx_get(struct rr_rpmsg *rp, struct rr_buf *buf)
{
	struct rr_vring *vr = tx_ring(rp);
	uint32_t waited = 0;
	int ret;

	if (!rr_rpmsg_alive(rp))
		return -RR_ENOTCONN;
	if (rp->stashed) {
		*buf = rp->stash;
		rp->stashed = false;
		return 0;
	}
	for (;;) {
		if (!rr_rpmsg_alive(rp))
			return -RR_ENOTCONN;
		ret = rr_vring_pop(vr, buf);
		if (ret < 0)
			return ret;
		if (ret > 0) {
			if (buf->len >= sizeof(struct rr_rpmsg_hdr))
				return 0;
			rr_log_limited("rpmsg: %u-byte TX buffer from Linux is too small\n",
				       (unsigned int)buf->len);
			rr_vring_push(vr, buf->head, 0);
			continue;
		}
		/* Out of buffers: let Linux see what we sent, then wait. */
		rr_rpmsg_flush(rp);
		if (waited >= rp->send_timeout_ms) {
			rr_log_limited("rpmsg: no TX buffer from Linux in %u ms\n",
				       (unsigned int)waited);
			return -RR_ETIMEDOUT;
		}
		if (!rr_vring_notify_on(vr)) {
			rp->stats.waits++;
			rr_port_alive();
			if (!rr_port_wait(RR_SEND_SLICE_MS))
				waited += RR_SEND_SLICE_MS;
		}
		rr_vring_notify_off(vr);
	}
}

static uint32_t rr_tx_room(const struct rr_buf *buf)
{
	uint32_t room = buf->len - sizeof(struct rr_rpmsg_hdr);

	return room > 0xffff ? 0xffff : room;
}

static void rr_tx_commit(struct rr_rpmsg *rp, struct rr_buf *buf, uint32_t src,
			 uint32_t dst, uint32_t len)
{
	struct rr_rpmsg_hdr *hdr = buf->va;
	struct rr_vring *vr = tx_ring(rp);

	hdr->src = src;
	hdr->dst = dst;
	hdr->reserved = 0;
	hdr->len = (uint16_t)len;
	hdr->flags = 0;
	rr_port_cache_flush(hdr, sizeof(*hdr) + len);
	rr_vring_push(vr, buf->head, sizeof(*hdr) + len);
	rp->stats.tx++;
	/* Outside a receive batch nobody else will flush: kick now. */
	if (!rp->in_batch || vr->pending >= RR_KICK_BATCH) {
		if (rr_vring_kick(vr))
			rp->stats.kicks++;
	}
}

/**
 * rr_send_offchannel() - send from any local address to any remote address
 * @rp: device
 * @src: source address written in the header
 * @dst: destination address
 * @data: payload
 * @len: payload length
 *
 * Waits up to @rp->send_timeout_ms for a buffer if Linux has none posted.
 *
 * Return: 0, -RR_EMSGSIZE if @len does not fit Linux's buffers,
 * -RR_ENOTCONN if the vdev is not live, -RR_ETIMEDOUT, or -RR_EIO.
 */
int rr_send_offchannel(struct rr_rpmsg *rp, uint32_t src, uint32_t dst,
		       const void *data, uint32_t len)
{
	struct rr_buf buf;
	int ret;

	if (dst == RR_RPMSG_ADDR_ANY || src == RR_RPMSG_ADDR_ANY)
		return -RR_EINVAL;
	ret = rr_tx_get(rp, &buf);
	if (ret)
		return ret;
	if (len > rr_tx_room(&buf)) {
		/* Keep the buffer for the next, smaller, message. */
		rp->stash = buf;
		rp->stashed = true;
		return -RR_EMSGSIZE;
	}
	memcpy((uint8_t *)buf.va + sizeof(struct rr_rpmsg_hdr), data, len);
	rr_tx_commit(rp, &buf, src, dst, len);
	return 0;
}

/**
 * rr_sendto() - send from an endpoint to an explicit address
 * @ept: local endpoint
 * @data: payload
 * @len: payload length
 * @dst: destination address
 *
 * Return: as rr_send_offchannel().
 */
int rr_sendto(struct rr_ept *ept, const void *data, uint32_t len, uint32_t dst)
{
	if (!ept->rp)
		return -RR_EINVAL;
	return rr_send_offchannel(ept->rp, ept->addr, dst, data, len);
}

/**
 * rr_send() - send from an endpoint to its default destination
 * @ept: local endpoint; its destination is learnt from the first message
 *	 Linux sends it unless it was created with one
 * @data: payload
 * @len: payload length
 *
 * Return: as rr_send_offchannel(); -RR_ENOTCONN if no destination is known.
 */
int rr_send(struct rr_ept *ept, const void *data, uint32_t len)
{
	if (ept->dst == RR_RPMSG_ADDR_ANY)
		return -RR_ENOTCONN;
	return rr_sendto(ept, data, len, ept->dst);
}

/**
 * rr_tx_buffer_get() - borrow a TX buffer to build a message in place
 * @rp: device
 * @size: set to the payload room of the buffer
 *
 * The buffer must be given back with rr_tx_buffer_send() before the next
 * call; a buffer that turns out not to be needed can be sent with length
 * 0 to an unused address, or kept: the next get returns it again.
 *
 * Return: pointer to the payload area, or NULL (no live vdev, no buffer).
 */
void *rr_tx_buffer_get(struct rr_rpmsg *rp, uint32_t *size)
{
	struct rr_buf buf;

	if (rr_tx_get(rp, &buf))
		return NULL;
	rp->stash = buf;
	rp->stashed = true;
	*size = rr_tx_room(&buf);
	return (uint8_t *)buf.va + sizeof(struct rr_rpmsg_hdr);
}

/**
 * rr_tx_buffer_send() - send a message built with rr_tx_buffer_get()
 * @rp: device
 * @payload: the pointer rr_tx_buffer_get() returned
 * @src: source address
 * @dst: destination address
 * @len: bytes of payload written
 *
 * Return: 0, or -RR_EINVAL if @payload is not the borrowed buffer or @len
 * exceeds its room.
 */
int rr_tx_buffer_send(struct rr_rpmsg *rp, void *payload, uint32_t src,
		      uint32_t dst, uint32_t len)
{
	struct rr_buf buf = rp->stash;

	if (!rp->stashed ||
	    payload != (uint8_t *)buf.va + sizeof(struct rr_rpmsg_hdr) ||
	    len > rr_tx_room(&buf))
		return -RR_EINVAL;
	rp->stashed = false;
	rr_tx_commit(rp, &buf, src, dst, len);
	return 0;
}

/* ---- endpoints and name service ------------------------------------- */

/**
 * rr_ept_find() - look up a local endpoint by address
 * @rp: device
 * @addr: local address
 *
 * Return: the endpoint or NULL.
 */
struct rr_ept *rr_ept_find(struct rr_rpmsg *rp, uint32_t addr)
{
	struct rr_ept *e;

	for (e = rp->epts; e; e = e->next)
		if (e->addr == addr)
			return e;
	return NULL;
}

static int rr_ns_send(struct rr_ept *ept, uint32_t flags)
{
	struct rr_rpmsg *rp = ept->rp;
	struct rr_rpmsg_ns_msg msg;
	int ret;

	if (!ept->name[0] || !rp->vdev.live ||
	    !rr_vdev_has_feature(&rp->vdev, RR_VIRTIO_RPMSG_F_NS))
		return 0;
	memset(&msg, 0, sizeof(msg));
	memcpy(msg.name, ept->name, sizeof(msg.name));
	msg.addr = ept->addr;
	msg.flags = flags;
	ret = rr_send_offchannel(rp, ept->addr, RR_RPMSG_NS_ADDR, &msg, sizeof(msg));
	if (ret)
		rr_log_limited("rpmsg: cannot announce %s (%d)\n", ept->name, ret);
	return ret;
}

static uint32_t rr_ept_free_addr(struct rr_rpmsg *rp)
{
	uint32_t a;

	for (a = RR_RPMSG_FIRST_DYN_ADDR; a < RR_RPMSG_FIRST_DYN_ADDR + 0x10000; a++)
		if (!rr_ept_find(rp, a))
			return a;
	return RR_RPMSG_ADDR_ANY;
}

/**
 * rr_ept_create() - bind a local endpoint and announce it
 * @rp: device
 * @ept: endpoint storage, caller-allocated, must stay valid until destroyed
 * @name: channel name to announce, or NULL/"" for an unannounced endpoint;
 *	  at most 31 characters are kept
 * @addr: local address, or RR_RPMSG_ADDR_ANY for the first free one >= 1024
 * @cb: receive callback
 * @priv: handed to @cb
 *
 * If the vdev is live the announcement goes out now, else when it becomes
 * live.  A failed announcement is logged but leaves the endpoint bound.
 *
 * Return: 0, -RR_EBUSY if @addr is taken, -RR_EINVAL for the name-service
 * address, -RR_ENOMEM if no address is free.
 */
int rr_ept_create(struct rr_rpmsg *rp, struct rr_ept *ept, const char *name,
		  uint32_t addr, rr_ept_cb cb, void *priv)
{
	size_t n = name ? rr_strnlen(name, RR_RSC_NAME_LEN - 1) : 0;

	if (addr == RR_RPMSG_NS_ADDR || !cb)
		return -RR_EINVAL;
	if (addr == RR_RPMSG_ADDR_ANY) {
		addr = rr_ept_free_addr(rp);
		if (addr == RR_RPMSG_ADDR_ANY)
			return -RR_ENOMEM;
	} else if (rr_ept_find(rp, addr)) {
		return -RR_EBUSY;
	}
	/* Everything not named here, the name's tail included, is zero */
	*ept = (struct rr_ept){
		.rp = rp,
		.next = rp->epts,
		.cb = cb,
		.priv = priv,
		.addr = addr,
		.dst = RR_RPMSG_ADDR_ANY,
		.dst_cfg = RR_RPMSG_ADDR_ANY,
	};
	memcpy(ept->name, name ? name : "", n);
	rp->epts = ept;
	if (rp->gen_seen == rp->vdev.generation)
		rr_ns_send(ept, RR_RPMSG_NS_CREATE);
	return 0;
}

/**
 * rr_ept_destroy() - withdraw and unbind an endpoint
 * @ept: endpoint; may be called from its own callback
 */
void rr_ept_destroy(struct rr_ept *ept)
{
	struct rr_rpmsg *rp = ept->rp;
	struct rr_ept **pp;

	if (!rp)
		return;
	if (rp->gen_seen == rp->vdev.generation)
		rr_ns_send(ept, RR_RPMSG_NS_DESTROY);
	for (pp = &rp->epts; *pp; pp = &(*pp)->next) {
		if (*pp == ept) {
			*pp = ept->next;
			break;
		}
	}
	ept->rp = NULL;
	ept->next = NULL;
}

/**
 * rr_rpmsg_buf_sizes() - the buffer sizes Linux agreed to
 * @rp: device, live
 * @to_linux: set to the size of the buffers on vring 0 (our messages)
 * @from_linux: set to the size of the buffers on vring 1
 *
 * Sizes include the 16-byte header.  They are the ones of our config space
 * when Linux accepted RR_VIRTIO_RPMSG_F_BUF_SIZES, else RR_RPMSG_BUF_SIZE.
 * The buffers themselves are still checked one by one against the
 * lengths of their descriptors.
 */
void rr_rpmsg_buf_sizes(struct rr_rpmsg *rp, uint32_t *to_linux,
			uint32_t *from_linux)
{
	volatile struct rr_rsc_vdev *rsc = rp->vdev.rsc;
	volatile struct rr_rpmsg_config *cfg;

	*to_linux = RR_RPMSG_BUF_SIZE;
	*from_linux = RR_RPMSG_BUF_SIZE;
	if (!rr_vdev_has_feature(&rp->vdev, RR_VIRTIO_RPMSG_F_BUF_SIZES) ||
	    rsc->config_len < sizeof(*cfg))
		return;
	/* The config space follows the vring entries; only we write it */
	cfg = (volatile struct rr_rpmsg_config *)((volatile uint8_t *)rsc +
		sizeof(*rsc) + rsc->num_of_vrings * sizeof(struct rr_rsc_vring));
	*to_linux = cfg->rx_buf_size;
	*from_linux = cfg->tx_buf_size;
}

static void rr_announce_all(struct rr_rpmsg *rp)
{
	uint32_t to_linux, from_linux;
	struct rr_ept *e;

	rr_rpmsg_buf_sizes(rp, &to_linux, &from_linux);
	rr_trace_printf("rpmsg: buffers of %u bytes to Linux, %u from Linux\n",
			(unsigned int)to_linux, (unsigned int)from_linux);
	rp->gen_seen = rp->vdev.generation;
	rp->in_batch = true;
	for (e = rp->epts; e; e = e->next)
		rr_ns_send(e, RR_RPMSG_NS_CREATE);
	rp->in_batch = false;
	rr_rpmsg_flush(rp);
}

/**
 * rr_rpmsg_start() - wait for Linux to bring the vdev up and announce endpoints
 * @rp: device
 * @timeout_ms: as for rr_vdev_wait_live()
 *
 * Return: 0 or the error of rr_vdev_wait_live().
 */
int rr_rpmsg_start(struct rr_rpmsg *rp, uint32_t timeout_ms)
{
	int ret = rr_vdev_wait_live(&rp->vdev, timeout_ms);

	if (ret)
		return ret;
	if (rp->gen_seen != rp->vdev.generation)
		rr_announce_all(rp);
	return 0;
}

/* ---- receive -------------------------------------------------------- */

static void rr_rx_one(struct rr_rpmsg *rp, struct rr_buf *buf)
{
	struct rr_rpmsg_hdr *hdr = buf->va;
	uint32_t src, dst, len;
	struct rr_ept *ept;

	if (buf->len < sizeof(*hdr)) {
		rp->stats.rx_bad++;
		rr_log_limited("rpmsg: %u-byte RX buffer cannot hold a header\n",
			       (unsigned int)buf->len);
		return;
	}
	/* Read each field once: Linux could change them under us. */
	src = *(volatile uint32_t *)&hdr->src;
	dst = *(volatile uint32_t *)&hdr->dst;
	len = *(volatile uint16_t *)&hdr->len;
	if (len > buf->len - sizeof(*hdr)) {
		rp->stats.rx_bad++;
		rr_log_limited("rpmsg: message length %u exceeds its %u-byte buffer\n",
			       (unsigned int)len, (unsigned int)buf->len);
		return;
	}
	ept = rr_ept_find(rp, dst);
	if (!ept) {
		rp->stats.rx_noept++;
		rr_log_limited("rpmsg: no endpoint at %u (from %u, %u bytes)\n",
			       (unsigned int)dst, (unsigned int)src, (unsigned int)len);
		return;
	}
	if (ept->dst == RR_RPMSG_ADDR_ANY && src != RR_RPMSG_ADDR_ANY)
		ept->dst = src;
	rp->stats.rx++;
	ept->cb(ept, hdr->data, len, src, ept->priv);
}

static int rr_rx_batch(struct rr_rpmsg *rp)
{
	struct rr_vring *vr = rx_ring(rp);
	int n = 0, ret = 0;
	struct rr_buf buf;

	rp->in_batch = true;
	while (n < vr->num) {
		ret = rr_vring_pop(vr, &buf);
		if (ret <= 0)
			break;
		rr_rx_one(rp, &buf);
		/* The callback may have seen a reset while it sent. */
		if (!rp->vdev.live)
			break;
		rr_vring_push(vr, buf.head, 0);
		n++;
	}
	rp->in_batch = false;
	rr_rpmsg_flush(rp);
	return ret < 0 ? ret : n;
}

/**
 * rr_rpmsg_poll() - run pending work, or idle until there is some
 * @rp: device
 * @timeout_ms: how long to idle when there is nothing to do (0: don't)
 *
 * Handles vdev reset and re-announcement, delivers up to one ring's worth
 * of messages to their endpoints and sends the collected kicks.  Must not
 * be called from an endpoint callback.
 *
 * Return: number of messages handled (0 after an idle timeout), or a
 * negative error: -RR_ENOTCONN while Linux has no driver on the vdev,
 * -RR_EIO if Linux broke the ring protocol (until it resets the vdev).
 */
int rr_rpmsg_poll(struct rr_rpmsg *rp, uint32_t timeout_ms)
{
	struct rr_vring *vr = rx_ring(rp);
	int n;

	if (rp->in_batch)
		return -RR_EINVAL;	/* called from a callback */
	rr_port_alive();
	if (!rr_rpmsg_alive(rp)) {
		n = rr_vdev_wait_live(&rp->vdev, timeout_ms);
		if (n)
			return n == -RR_ETIMEDOUT ? -RR_ENOTCONN : n;
	}
	if (rp->gen_seen != rp->vdev.generation)
		rr_announce_all(rp);

	n = rr_rx_batch(rp);
	if (n || !timeout_ms)
		return n;
	if (vr->broken || tx_ring(rp)->broken) {
		/* Nothing more will move until Linux resets the device. */
		rr_port_wait(timeout_ms);
		return -RR_EIO;
	}
	if (!rr_vring_notify_on(vr)) {
		rp->stats.waits++;
		rr_port_wait(timeout_ms);
	}
	rr_vring_notify_off(vr);
	return 0;
}
