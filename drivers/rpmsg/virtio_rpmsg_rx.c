// SPDX-License-Identifier: GPL-2.0
/*
 * virtio rpmsg transport: the receive path.
 *
 * One context at a time owns the receive ring (@rx_owner). The ring
 * interrupt drains it itself, in whatever context the interrupt arrives,
 * as long as every message is for an endpoint whose callback is declared
 * atomic-safe (rpmsg_set_rx_atomic()); this saves a task switch per
 * message. The first message for a callback that may sleep, or a full
 * interrupt budget, hands the ring (and that message) to a work item,
 * which delivers everything after it in process context. So messages are
 * delivered in ring order, one at a time, and every callback runs in the
 * context its endpoint asked for.
 *
 * Each message is validated from a private copy of its header, delivered,
 * and its buffer re-posted; the remote is notified once per batch, and
 * only if it wants to be. Nothing on this path allocates memory or takes
 * a sleeping lock.
 */

#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

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
EXPORT_SYMBOL_IF_KUNIT(vrp_parse_hdr);

/* Give a consumed buffer back to the remote */
static void vrp_rx_repost(struct virtproc_info *vrp, void *buf)
{
	struct scatterlist sg;
	int ret;

	vrp_buf_sg(vrp, &sg, buf, vrp->rx_buf_size);
	ret = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_ATOMIC);
	if (ret)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "cannot re-post a receive buffer: %d\n",
				    ret);
}

/*
 * Deliver (or drop) one message and re-post its buffer. Return -EAGAIN,
 * with the buffer left alone, when @atomic is set and the endpoint's
 * callback may sleep.
 */
static int vrp_rx_one(struct virtproc_info *vrp, void *buf,
		      unsigned int used_len, bool atomic)
{
	struct vrp_rx_msg msg;
	int ret;

	ret = vrp_parse_hdr(buf, used_len, vrp->rx_buf_size,
			    virtio_is_little_endian(vrp->vdev), &msg);
	if (ret)
		dev_warn_ratelimited(&vrp->vdev->dev,
				     "dropped a malformed message (used length %u): %d\n",
				     used_len, ret);
	else if (vrp_deliver(vrp, &msg, atomic) == -EAGAIN)
		return -EAGAIN;

	vrp_rx_repost(vrp, buf);
	return 0;
}

static void vrp_rx_kick(struct virtproc_info *vrp)
{
	if (virtqueue_kick_prepare(vrp->rvq))
		virtqueue_notify(vrp->rvq);
}

/* The next used buffer: first the one the interrupt left for the work */
static void *vrp_rx_next(struct virtproc_info *vrp, unsigned int *used_len)
{
	void *buf = vrp->rx_held;

	if (!buf)
		return virtqueue_get_buf(vrp->rvq, used_len);
	vrp->rx_held = NULL;
	*used_len = vrp->rx_held_len;
	return buf;
}

/*
 * Drain the ring with its interrupt off, then switch the interrupt back on
 * and look again, so that a message racing with the switch is not left
 * behind until the next one arrives.
 *
 * Return: 0 when the ring is empty and its interrupt on; -EBUSY after the
 * budget (%VRP_RX_IRQ_BUDGET for an interrupt, %VRP_RX_BUDGET for the
 * work), so that a remote flooding the ring cannot hold a CPU; -EAGAIN
 * when @atomic is set and a message needs process context (it is left in
 * @rx_held); -ENODEV when the device is going away. After 0 and -EBUSY
 * the remote has been notified of every re-posted buffer; after -EAGAIN
 * the work does that, together with the buffers it re-posts itself.
 */
static int vrp_rx_drain(struct virtproc_info *vrp, bool atomic)
{
	unsigned int budget = atomic ? VRP_RX_IRQ_BUDGET : VRP_RX_BUDGET;
	unsigned int used_len, done = 0;
	int ret = 0;
	void *buf;

	/* Only the owner of the ring drains it, on the task it recorded */
	lockdep_assert(READ_ONCE(vrp->rx_owner) != VRP_RX_IDLE &&
		       READ_ONCE(vrp->rx_task) == current);

	do {
		virtqueue_disable_cb(vrp->rvq);
		while ((buf = vrp_rx_next(vrp, &used_len))) {
			if (vrp_rx_one(vrp, buf, used_len, atomic)) {
				vrp->rx_held = buf;
				vrp->rx_held_len = used_len;
				ret = -EAGAIN;
				goto out;
			}
			if (READ_ONCE(vrp->rx_dead)) {
				ret = -ENODEV;
				goto out;
			}
			if (++done % VRP_RX_KICK_BATCH == 0)
				vrp_rx_kick(vrp);
			if (done == budget) {
				ret = -EBUSY;
				goto out;
			}
		}
	} while (!virtqueue_enable_cb(vrp->rvq));
out:
	vrp_deliver_end(vrp);
	if (done % VRP_RX_KICK_BATCH && ret != -EAGAIN && ret != -ENODEV)
		vrp_rx_kick(vrp);
	return ret;
}

/*
 * The interrupt no longer owns the ring (@rx_owner changed under
 * @rx_lock): wake vrp_rx_shutdown(), which may be waiting for just that.
 * Every change away from %VRP_RX_IRQ must end here, the hand-over to the
 * work included, or a shutdown that went to sleep meanwhile never wakes.
 */
static void vrp_rx_let_go(struct virtproc_info *vrp)
{
	if (wq_has_sleeper(&vrp->rx_cb_wq))
		wake_up_all(&vrp->rx_cb_wq);
}

/*
 * Give the ring up after a drain that emptied it. Return false, keeping
 * it, when an interrupt came meanwhile: the caller drains once more.
 */
static bool vrp_rx_release(struct virtproc_info *vrp)
{
	unsigned long flags;
	bool again;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	again = vrp->rx_again && !vrp->rx_dead;
	vrp->rx_again = false;
	if (!again) {
		WRITE_ONCE(vrp->rx_task, NULL);
		WRITE_ONCE(vrp->rx_owner, VRP_RX_IDLE);
	}
	spin_unlock_irqrestore(&vrp->rx_lock, flags);

	if (!again)
		vrp_rx_let_go(vrp);
	return !again;
}

/* Work item: drains the ring in process context once it was handed over */
static void vrp_rx_work(struct work_struct *work)
{
	struct virtproc_info *vrp = container_of(work, struct virtproc_info,
						 rx_work);
	int ret;

	if (READ_ONCE(vrp->rx_dead))
		return;
	WRITE_ONCE(vrp->rx_task, current);
	do {
		ret = vrp_rx_drain(vrp, false);
	} while (!ret && !vrp_rx_release(vrp));
	if (!ret)
		return;	/* released: the ring may have a new owner already */

	WRITE_ONCE(vrp->rx_task, NULL);
	/* Over budget: keep the ring, let other work run first */
	if (ret == -EBUSY)
		queue_work(system_highpri_wq, &vrp->rx_work);
}

/**
 * vrp_rx_init() - set up the receive path of a new device
 * @vrp: the device
 *
 * The path starts dead: ring interrupts are ignored until vrp_rx_start().
 */
void vrp_rx_init(struct virtproc_info *vrp)
{
	spin_lock_init(&vrp->rx_lock);
	WRITE_ONCE(vrp->rx_owner, VRP_RX_IDLE);
	vrp->rx_dead = true;
	INIT_WORK(&vrp->rx_work, vrp_rx_work);
}

/**
 * vrp_rx_start() - let ring interrupts drain the receive ring
 * @vrp: the device, with its receive buffers posted
 */
void vrp_rx_start(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	vrp->rx_dead = false;
	spin_unlock_irqrestore(&vrp->rx_lock, flags);
}

/*
 * From the ring interrupt: own the ring, or tell its owner to look again.
 * A busy poller (@poll) only takes a free ring: the owner is draining.
 */
static bool vrp_rx_claim(struct virtproc_info *vrp, bool poll)
{
	unsigned long flags;
	bool claimed = false;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	if (vrp->rx_owner != VRP_RX_IDLE) {
		if (!poll)
			vrp->rx_again = true;
	} else if (!vrp->rx_dead) {
		WRITE_ONCE(vrp->rx_owner, VRP_RX_IRQ);
		WRITE_ONCE(vrp->rx_task, current);
		claimed = true;
	}
	spin_unlock_irqrestore(&vrp->rx_lock, flags);
	return claimed;
}

/* From the ring interrupt: pass the ring on to the work item */
static void vrp_rx_hand_over(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	WRITE_ONCE(vrp->rx_task, NULL);
	/*
	 * Queued before the owner changes: a shutdown that sees the work
	 * own the ring finds it queued and cancels or waits for it.
	 */
	queue_work(system_highpri_wq, &vrp->rx_work);
	WRITE_ONCE(vrp->rx_owner, VRP_RX_WORK);
	spin_unlock_irqrestore(&vrp->rx_lock, flags);
	vrp_rx_let_go(vrp);
}

/* Drain the ring the caller claimed, as the interrupt does */
static void vrp_rx_drain_claimed(struct virtproc_info *vrp)
{
	int ret;

	do {
		ret = vrp_rx_drain(vrp, true);
	} while (!ret && !vrp_rx_release(vrp));

	if (ret == -EAGAIN || ret == -EBUSY)
		vrp_rx_hand_over(vrp);
	else if (ret == -ENODEV)
		vrp_rx_release(vrp);
}

/**
 * vrp_rx_done() - receive-ring interrupt
 * @rvq: the receive queue
 *
 * Transports call this from any context, hard IRQ included. If nobody
 * owns the ring, it drains the ring right here, running atomic-safe
 * callbacks in this context, and hands over to the work item at the first
 * message for a callback that may sleep or after %VRP_RX_IRQ_BUDGET
 * messages. If someone owns the ring, it only makes the owner look again.
 */
void vrp_rx_done(struct virtqueue *rvq)
{
	struct virtproc_info *vrp = rvq->vdev->priv;

	if (vrp_rx_claim(vrp, false))
		vrp_rx_drain_claimed(vrp);
}

/**
 * vrp_rx_poll() - drain the receive ring for a busy-polling reader
 * @vrp: the device
 *
 * Does what the ring interrupt does, in the caller's context, if nobody
 * owns the ring; otherwise nothing, since the owner delivers. Once
 * vrp_rx_shutdown() has begun it does nothing, so @vrp->rvq is only
 * touched while it exists.
 *
 * Context: any context that may run the atomic-safe callbacks of the
 * device's endpoints; does not sleep.
 */
void vrp_rx_poll(struct virtproc_info *vrp)
{
	if (vrp_rx_claim(vrp, true))
		vrp_rx_drain_claimed(vrp);
}

/**
 * vrp_rx_shutdown() - stop receiving and wait for a running drain to end
 * @vrp: the device
 *
 * On return the receive ring is no longer touched and no endpoint
 * callback of this device is running. Call it once more after the rings
 * are deleted, to catch a drain queued by a last interrupt.
 *
 * Context: process context; may sleep.
 */
void vrp_rx_shutdown(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->rx_lock, flags);
	vrp->rx_dead = true;
	spin_unlock_irqrestore(&vrp->rx_lock, flags);

	/*
	 * A drain in an interrupt stops after the message it is on; it
	 * changes @rx_owner under @rx_lock before it wakes us.
	 */
	wait_event(vrp->rx_cb_wq, READ_ONCE(vrp->rx_owner) != VRP_RX_IRQ);
	cancel_work_sync(&vrp->rx_work);
}
