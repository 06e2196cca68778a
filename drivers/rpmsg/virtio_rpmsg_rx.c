// SPDX-License-Identifier: GPL-2.0
/*
 * virtio rpmsg transport: the receive path.
 *
 * The ring interrupt only queues a work item; the work drains the ring in
 * process context, so endpoint callbacks may sleep and there is exactly
 * one task touching the receive ring at a time. Each message is validated
 * from a private copy of its header, delivered, and its buffer re-posted;
 * the remote is notified once per batch, and only if it wants to be.
 * Nothing on this path allocates memory or takes a sleeping lock.
 */

#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/workqueue.h>

#include "virtio_rpmsg_priv.h"

/**
 * vrp_parse_hdr() - validate a received buffer
 * @buf: the buffer, as returned by the receive ring
 * @used_len: number of bytes the remote says it wrote
 * @buf_size: size of the buffer
 * @little_endian: wire byte order
 * @msg: filled with the addresses, length and payload on success
 *
 * The header is copied before it is looked at, so the remote cannot change
 * it between check and use. Its reserved and flags fields are ignored.
 *
 * Return: 0, -EBADMSG when @used_len cannot hold a header or exceeds the
 * buffer, or -EMSGSIZE when the payload length runs past @used_len.
 */
int vrp_parse_hdr(void *buf, unsigned int used_len, unsigned int buf_size,
		  bool little_endian, struct vrp_rx_msg *msg)
{
	struct rpmsg_hdr hdr;
	u16 len;

	if (used_len < sizeof(hdr) || used_len > buf_size)
		return -EBADMSG;

	memcpy(&hdr, buf, sizeof(hdr));
	len = __rpmsg16_to_cpu(little_endian, hdr.len);
	if (len > used_len - sizeof(hdr))
		return -EMSGSIZE;

	msg->src = __rpmsg32_to_cpu(little_endian, hdr.src);
	msg->dst = __rpmsg32_to_cpu(little_endian, hdr.dst);
	msg->len = len;
	msg->data = buf + sizeof(hdr);
	return 0;
}

static void vrp_rx_one(struct virtproc_info *vrp, void *buf,
		       unsigned int used_len)
{
	struct vrp_rx_msg msg;
	int ret;

	ret = vrp_parse_hdr(buf, used_len, vrp->rx_buf_size,
			    virtio_is_little_endian(vrp->vdev), &msg);
	if (ret) {
		dev_warn_ratelimited(&vrp->vdev->dev,
				     "dropped a malformed message (used length %u): %d\n",
				     used_len, ret);
		return;
	}
	vrp_deliver(vrp, &msg);
}

/* Give a consumed buffer back to the remote */
static void vrp_rx_repost(struct virtproc_info *vrp, void *buf)
{
	struct scatterlist sg;
	int ret;

	vrp_buf_sg(&sg, buf, vrp->rx_buf_size);
	ret = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_ATOMIC);
	if (ret)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "cannot re-post a receive buffer: %d\n",
				    ret);
}

static void vrp_rx_kick(struct virtproc_info *vrp)
{
	if (virtqueue_kick_prepare(vrp->rvq))
		virtqueue_notify(vrp->rvq);
}

/*
 * Drain the ring with its interrupt off, then switch the interrupt back on
 * and look again, so that a message racing with the switch is not left
 * behind until the next one arrives. After %VRP_RX_BUDGET messages the
 * work item requeues itself instead, with the interrupt still off, so
 * that a remote flooding the ring cannot hold this worker forever.
 */
static void vrp_rx_drain(struct virtproc_info *vrp)
{
	unsigned int used_len, done = 0;
	void *buf;

	do {
		virtqueue_disable_cb(vrp->rvq);
		while ((buf = virtqueue_get_buf(vrp->rvq, &used_len))) {
			vrp_rx_one(vrp, buf, used_len);
			vrp_rx_repost(vrp, buf);
			if (READ_ONCE(vrp->rx_dead))
				return;
			if (++done % VRP_RX_KICK_BATCH == 0)
				vrp_rx_kick(vrp);
			if (done == VRP_RX_BUDGET) {
				queue_work(system_highpri_wq, &vrp->rx_work);
				return;
			}
		}
	} while (!virtqueue_enable_cb(vrp->rvq));

	if (done % VRP_RX_KICK_BATCH)
		vrp_rx_kick(vrp);
}

/* Work item: the single context that drains the receive ring */
static void vrp_rx_work(struct work_struct *work)
{
	struct virtproc_info *vrp = container_of(work, struct virtproc_info,
						 rx_work);

	if (READ_ONCE(vrp->rx_dead))
		return;
	WRITE_ONCE(vrp->rx_task, current);
	vrp_rx_drain(vrp);
	WRITE_ONCE(vrp->rx_task, NULL);
}

/**
 * vrp_rx_init() - set up the receive path of a new device
 * @vrp: the device
 */
void vrp_rx_init(struct virtproc_info *vrp)
{
	INIT_WORK(&vrp->rx_work, vrp_rx_work);
}

/**
 * vrp_rx_done() - receive-ring interrupt
 * @rvq: the receive queue
 *
 * Transports call this from any context, atomic ones included, so it only
 * schedules the drain; endpoint callbacks then run in process context.
 * An interrupt that arrives while the drain runs queues it once more.
 */
void vrp_rx_done(struct virtqueue *rvq)
{
	struct virtproc_info *vrp = rvq->vdev->priv;

	if (!READ_ONCE(vrp->rx_dead))
		queue_work(system_highpri_wq, &vrp->rx_work);
}

/**
 * vrp_rx_shutdown() - stop receiving and wait for a running drain to end
 * @vrp: the device
 *
 * On return the receive ring is no longer touched and no endpoint
 * callback of this device is running. Call it once more after the rings
 * are deleted, to catch a drain queued by a last interrupt.
 */
void vrp_rx_shutdown(struct virtproc_info *vrp)
{
	WRITE_ONCE(vrp->rx_dead, true);
	cancel_work_sync(&vrp->rx_work);
}
