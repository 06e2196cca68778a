// SPDX-License-Identifier: GPL-2.0
/*
 * virtio rpmsg transport: the send path.
 *
 * A send takes a free buffer under @tx_lock, fills it without any lock,
 * then takes @tx_lock again to put it on the send ring and decide whether
 * the remote needs a notification. The notification itself is issued
 * outside the lock. Senders on different endpoints therefore only contend
 * for the length of a ring operation. Buffers the remote has consumed are
 * reclaimed in batches, when the free stack runs empty.
 */

#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>

#include "virtio_rpmsg.h"
#include "virtio_rpmsg_priv.h"

/**
 * vrp_buf_sg() - describe one shared buffer with a scatterlist entry
 * @vrp: the device
 * @sg: the entry to fill
 * @buf: buffer inside the coherent region @vrp->bufs
 * @len: number of bytes to describe
 *
 * The page comes from @vrp->buf_pages: the region may live in the vmalloc
 * area on some platforms, where virt_to_page() does not work and
 * vmalloc_to_page() costs a page-table walk per message.
 */
void vrp_buf_sg(struct virtproc_info *vrp, struct scatterlist *sg, void *buf,
		unsigned int len)
{
	size_t off = buf - vrp->bufs;

	sg_init_table(sg, 1);
	sg_set_page(sg, vrp->buf_pages[off >> PAGE_SHIFT], len,
		    offset_in_page(off));
}

/* Pull every consumed buffer off the send ring onto the free stack */
static void vrp_tx_reclaim(struct virtproc_info *vrp)
{
	unsigned int len;
	void *buf;

	lockdep_assert_held(&vrp->tx_lock);

	while (vrp->tx_nfree < vrp->num_sbufs) {
		buf = virtqueue_get_buf(vrp->svq, &len);
		if (!buf)
			break;
		vrp->tx_free[vrp->tx_nfree++] = buf;
	}
}

/* Index of the send buffer at @buf */
static unsigned int vrp_tx_index(struct virtproc_info *vrp, void *buf)
{
	void *tx_base = vrp->bufs + vrp->num_rbufs * vrp->rx_buf_size;

	return (buf - tx_base) / vrp->tx_buf_size;
}

/*
 * Take up to @n free buffers (@n is 1 with @fill). On success the caller
 * counts as a user of the send ring (@tx_users) once per buffer until
 * vrp_tx_queue() or vrp_send_nocopy_batch() is done with it, and with @fill
 * as one that queues it right after copying the payload (@tx_filling);
 * without @fill the buffers are lent (@tx_lent), under the same lock.
 * Return: how many were taken, -ENOMEM when none is free yet, -EIO when
 * none will ever come back because the remote broke the ring, or
 * -ENODEV.
 */
static int vrp_tx_get(struct virtproc_info *vrp, void **bufs, unsigned int n,
		      bool fill)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	if (vrp->dead) {
		ret = -ENODEV;
		goto out;
	}
	if (vrp->tx_nfree < n)
		vrp_tx_reclaim(vrp);
	if (!vrp->tx_nfree) {
		/* A broken ring gives nothing back: do not wait for it */
		ret = virtqueue_is_broken(vrp->svq) ? -EIO : -ENOMEM;
		goto out;
	}
	for (ret = 0; ret < n && vrp->tx_nfree; ret++) {
		bufs[ret] = vrp->tx_free[--vrp->tx_nfree];
		if (!fill)
			__set_bit(vrp_tx_index(vrp, bufs[ret]), vrp->tx_lent);
	}
	atomic_add(ret, &vrp->tx_users);
	if (fill)
		vrp->tx_filling += ret;
out:
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
	return ret;
}

/* Leave the send ring, for @n buffers taken by vrp_tx_get() */
static void vrp_tx_put_users(struct virtproc_info *vrp, unsigned int n)
{
	if (atomic_sub_and_test(n, &vrp->tx_users) && READ_ONCE(vrp->dead))
		wake_up_all(&vrp->tx_wq);
}

/* Count a sleeping sender; send-done interrupts are on while one exists */
static void vrp_tx_wait_begin(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	if (!vrp->tx_waiters++ && !vrp->dead)
		virtqueue_enable_cb(vrp->svq);
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
}

static void vrp_tx_wait_end(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	if (!--vrp->tx_waiters && !vrp->dead)
		virtqueue_disable_cb(vrp->svq);
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
}

/* Sleep until a buffer is free, the device dies, a signal or the timeout */
static int vrp_tx_get_wait(struct virtproc_info *vrp, void **bufs,
			   unsigned int n, bool fill)
{
	long left;
	int ret;

	vrp_tx_wait_begin(vrp);
	left = wait_event_interruptible_timeout(vrp->tx_wq,
						(ret = vrp_tx_get(vrp, bufs, n, fill)) !=
						-ENOMEM, vrp->tx_timeout);
	vrp_tx_wait_end(vrp);

	if (left < 0)
		return left;
	if (!left)
		return -ETIMEDOUT;
	return ret;
}

/*
 * Hand a buffer filled by vrp_send() to the remote and notify it if it
 * asked for that. While another sender is between vrp_tx_get() and here
 * with a payload to copy, the notification is left to it: its own check
 * covers every buffer added since the last one, so back-to-back senders
 * share one notification, and a lone sender is never delayed.
 */
static int vrp_tx_queue(struct virtproc_info *vrp, void *buf,
			unsigned int len)
{
	struct scatterlist sg;
	unsigned long flags;
	bool kick = false;
	int ret;

	vrp_buf_sg(vrp, &sg, buf, len);

	spin_lock_irqsave(&vrp->tx_lock, flags);
	vrp->tx_filling--;
	if (vrp->dead) {
		ret = -ENODEV;
	} else {
		ret = virtqueue_add_outbuf(vrp->svq, &sg, 1, buf, GFP_ATOMIC);
		if (ret)
			vrp->tx_free[vrp->tx_nfree++] = buf;
		if (!vrp->tx_filling)
			kick = virtqueue_kick_prepare(vrp->svq);
	}
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	/* The ring cannot go away before vrp_tx_put_users() */
	if (kick)
		virtqueue_notify(vrp->svq);
	vrp_tx_put_users(vrp, 1);

	if (ret && ret != -ENODEV)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "cannot queue a send buffer: %d\n", ret);
	return ret;
}

/* Refuse what no buffer can carry; a caller bug, so log it */
static int vrp_tx_check(struct virtproc_info *vrp, u32 src, u32 dst, int len)
{
	struct device *dev = &vrp->vdev->dev;

	if (src == RPMSG_ADDR_ANY || dst == RPMSG_ADDR_ANY) {
		dev_err_ratelimited(dev, "send needs both addresses (0x%x -> 0x%x)\n",
				    src, dst);
		return -EINVAL;
	}
	if (len < 0 || len > vrp->tx_buf_size - sizeof(struct rpmsg_hdr)) {
		dev_err_ratelimited(dev, "message of %d bytes does not fit a %u byte buffer\n",
				    len, vrp->tx_buf_size);
		return -EMSGSIZE;
	}
	return 0;
}

/* Take up to @n free buffers, sleeping for one if @wait; see vrp_tx_get() */
static int vrp_tx_acquire(struct virtproc_info *vrp, void **bufs,
			  unsigned int n, bool wait, bool fill)
{
	int ret = vrp_tx_get(vrp, bufs, n, fill);

	if (ret == -ENOMEM && wait)
		ret = vrp_tx_get_wait(vrp, bufs, n, fill);
	return ret;
}

/* Write the header of a message of @len bytes in front of its payload */
static void vrp_tx_hdr(struct virtproc_info *vrp, void *buf, u32 src, u32 dst,
		       unsigned int len)
{
	bool le = virtio_is_little_endian(vrp->vdev);
	struct rpmsg_hdr *hdr = buf;

	hdr->src = __cpu_to_rpmsg32(le, src);
	hdr->dst = __cpu_to_rpmsg32(le, dst);
	hdr->reserved = 0;
	hdr->len = __cpu_to_rpmsg16(le, len);
	hdr->flags = 0;
}

/* Write the header in front of a filled payload and queue the buffer */
static int vrp_tx_commit(struct virtproc_info *vrp, void *buf, u32 src,
			 u32 dst, int len)
{
	vrp_tx_hdr(vrp, buf, src, dst, len);
	return vrp_tx_queue(vrp, buf, sizeof(struct rpmsg_hdr) + len);
}

/* Give an unsent buffer back to the free stack and leave the send ring */
static void vrp_tx_release(struct virtproc_info *vrp, void *buf)
{
	unsigned long flags;
	bool waiters;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	vrp->tx_free[vrp->tx_nfree++] = buf;
	waiters = vrp->tx_waiters;
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	/* No send-done interrupt will tell a blocked sender about this one */
	if (waiters)
		wake_up_interruptible_all(&vrp->tx_wq);
	vrp_tx_put_users(vrp, 1);
}

/**
 * vrp_send() - build and send one message
 * @vrp: the device
 * @src: source address for the header
 * @dst: destination address for the header
 * @data: payload
 * @len: payload length
 * @wait: sleep for a buffer when none is free (else fail with -ENOMEM)
 *
 * Return: 0 or a negative errno, see rpmsg_send() and rpmsg_trysend().
 */
int vrp_send(struct virtproc_info *vrp, u32 src, u32 dst, const void *data,
	     int len, bool wait)
{
	void *buf;
	int ret;

	ret = vrp_tx_check(vrp, src, dst, len);
	if (!ret)
		ret = vrp_tx_acquire(vrp, &buf, 1, wait, true);
	if (ret < 0)
		return ret;

	memcpy(buf + sizeof(struct rpmsg_hdr), data, len);
	return vrp_tx_commit(vrp, buf, src, dst, len);
}

/*
 * Take back the buffer whose payload area is @payload from its borrower;
 * NULL if @payload is not lent right now (a caller bug: a buffer put or
 * sent twice, or a pointer that never was one).
 */
static void *vrp_tx_unlend_locked(struct virtproc_info *vrp, void *payload)
{
	void *buf = payload - sizeof(struct rpmsg_hdr);
	void *tx_base;
	size_t off;

	lockdep_assert_held(&vrp->tx_lock);

	/* After removal the region is gone: nothing can be lent then */
	if (!vrp->tx_lent)
		return NULL;
	tx_base = vrp->bufs + vrp->num_rbufs * vrp->rx_buf_size;
	off = buf - tx_base;
	if (buf < tx_base || off % vrp->tx_buf_size ||
	    off / vrp->tx_buf_size >= vrp->num_sbufs ||
	    !__test_and_clear_bit(off / vrp->tx_buf_size, vrp->tx_lent))
		return NULL;
	return buf;
}

static void vrp_tx_refuse(struct virtproc_info *vrp)
{
	dev_err_ratelimited(&vrp->vdev->dev,
			    "refused a buffer that is not lent out\n");
}

/* vrp_tx_unlend_locked(), taking @tx_lock; a refusal is logged */
static void *vrp_tx_unlend(struct virtproc_info *vrp, void *payload)
{
	unsigned long flags;
	void *buf;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	buf = vrp_tx_unlend_locked(vrp, payload);
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
	if (!buf)
		vrp_tx_refuse(vrp);
	return buf;
}

/**
 * vrp_send_nocopy_batch() - send messages built in lent buffers
 * @vrp: the device
 * @payloads: payload areas from vrp_get_tx_buffers()
 * @lens: payload length of each
 * @n: number of messages
 * @src: source address for the headers
 * @dst: destination address for the headers
 *
 * Queues the messages in order, as vrp_send_nocopy() would one by one,
 * with one hold of @tx_lock per %RPMSG_TX_BATCH_MAX of them (it keeps
 * interrupts off) and at most one notification for all of them.
 * The first that cannot go (bad addresses, a length over the buffer, a
 * payload that is not lent, the device gone) ends the batch: every lent
 * buffer from there on goes back to the transport unsent; a payload that
 * is not lent at all is left alone.
 *
 * Return: the number of messages queued, or when none was, the errno of
 * the first: -EINVAL, -EMSGSIZE or -ENODEV, see rpmsg_send_nocopy().
 */
int vrp_send_nocopy_batch(struct virtproc_info *vrp, void * const *payloads,
			  const unsigned int *lens, unsigned int n, u32 src,
			  u32 dst)
{
	unsigned int max = vrp->tx_buf_size - sizeof(struct rpmsg_hdr);
	unsigned int i, taken = 0, queued = 0, released = 0, bad_len = 0;
	bool kick = false, refused = false, waiters;
	struct scatterlist sg;
	unsigned long flags;
	int err, ret;
	void *buf;

	err = vrp_tx_check(vrp, src, dst, 0);

	spin_lock_irqsave(&vrp->tx_lock, flags);
	for (i = 0; i < n; i++) {
		if (i && !(i % RPMSG_TX_BATCH_MAX)) {
			spin_unlock_irqrestore(&vrp->tx_lock, flags);
			spin_lock_irqsave(&vrp->tx_lock, flags);
		}
		buf = vrp_tx_unlend_locked(vrp, payloads[i]);
		if (!buf) {
			refused = true;
			err = err ?: -EINVAL;
			continue;
		}
		taken++;
		if (!err && vrp->dead)
			err = -ENODEV;
		if (!err && lens[i] > max) {
			bad_len = lens[i];
			err = -EMSGSIZE;
		}
		if (!err) {
			vrp_tx_hdr(vrp, buf, src, dst, lens[i]);
			vrp_buf_sg(vrp, &sg, buf,
				   sizeof(struct rpmsg_hdr) + lens[i]);
			/* Cannot fail for want of room: the buffer was ours */
			ret = virtqueue_add_outbuf(vrp->svq, &sg, 1, buf,
						   GFP_ATOMIC);
			if (!ret) {
				queued++;
				continue;
			}
			err = ret;
		}
		vrp->tx_free[vrp->tx_nfree++] = buf;
		released++;
	}
	if (queued && !vrp->tx_filling)
		kick = virtqueue_kick_prepare(vrp->svq);
	waiters = vrp->tx_waiters;
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	/* The ring cannot go away before vrp_tx_put_users() */
	if (kick)
		virtqueue_notify(vrp->svq);
	/* No send-done interrupt will tell a blocked sender about these */
	if (released && waiters)
		wake_up_interruptible_all(&vrp->tx_wq);
	if (taken)
		vrp_tx_put_users(vrp, taken);

	if (refused)
		vrp_tx_refuse(vrp);
	if (bad_len)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "message of %u bytes does not fit a %u byte buffer\n",
				    bad_len, vrp->tx_buf_size);
	else if (err && err != -ENODEV && err != -EINVAL && err != -EMSGSIZE)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "cannot queue a send buffer: %d\n", err);
	return queued ?: err;
}

/**
 * vrp_send_nocopy() - send a message built in a lent buffer
 * @vrp: the device
 * @payload: payload area from vrp_get_tx_buffers()
 * @src: source address for the header
 * @dst: destination address for the header
 * @len: payload length
 *
 * Whatever the result, the buffer belongs to the transport again; after
 * -EINVAL for a @payload that is not lent right now, nothing changed.
 *
 * Return: 0 or a negative errno, see rpmsg_send_nocopy().
 */
int vrp_send_nocopy(struct virtproc_info *vrp, void *payload, u32 src,
		    u32 dst, int len)
{
	unsigned int ulen = len < 0 ? UINT_MAX : len;
	int ret;

	ret = vrp_send_nocopy_batch(vrp, &payload, &ulen, 1, src, dst);
	return ret < 0 ? ret : 0;
}

/**
 * vrp_get_tx_buffers() - lend up to @n send buffers at once
 * @vrp: the device
 * @payloads: filled with the payload areas
 * @n: how many are wanted, at least one
 * @size: set to the payload size of each
 * @wait: sleep for a buffer when none is free (else fail with -ENOMEM)
 *
 * Takes as many free buffers as there are, up to @n, and marks them lent,
 * all under one hold of @tx_lock. Until a buffer goes back through
 * vrp_send_nocopy_batch() or vrp_put_tx_buffer(), the caller counts as a
 * user of the send ring, so removal of the device waits for it. A single
 * rpmsg_get_tx_buffer() is the call with @n of 1.
 *
 * Return: how many were lent, or -ENOMEM (none free and not @wait),
 * -EIO (the remote broke the ring), -ENODEV (the device is going away),
 * -ETIMEDOUT or -ERESTARTSYS (while waiting).
 */
int vrp_get_tx_buffers(struct virtproc_info *vrp, void **payloads,
		       unsigned int n, unsigned int *size, bool wait)
{
	int i, ret;

	ret = vrp_tx_acquire(vrp, payloads, n, wait, false);
	for (i = 0; i < ret; i++)
		payloads[i] += sizeof(struct rpmsg_hdr);
	if (ret > 0)
		*size = vrp->tx_buf_size - sizeof(struct rpmsg_hdr);
	return ret;
}

/**
 * vrp_put_tx_buffer() - take back a lent buffer without sending it
 * @vrp: the device
 * @payload: payload area from vrp_get_tx_buffers()
 */
void vrp_put_tx_buffer(struct virtproc_info *vrp, void *payload)
{
	void *buf = vrp_tx_unlend(vrp, payload);

	if (buf)
		vrp_tx_release(vrp, buf);
}

/**
 * vrp_tx_done() - send-ring interrupt: buffers came back
 * @svq: the send queue
 *
 * Only enabled while a sender sleeps or a poller asked for %EPOLLOUT.
 */
void vrp_tx_done(struct virtqueue *svq)
{
	struct virtproc_info *vrp = svq->vdev->priv;
	unsigned long flags;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	if (!vrp->tx_waiters && !vrp->dead)
		virtqueue_disable_cb(svq);
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	wake_up_interruptible_all(&vrp->tx_wq);
}

/**
 * vrp_tx_poll() - can a send proceed without sleeping
 * @vrp: the device
 *
 * When no buffer is free, send-done interrupts are switched on so that the
 * poller is woken through @tx_wq when one comes back.
 *
 * Return: %EPOLLOUT, %EPOLLERR once the device is gone, or 0.
 */
__poll_t vrp_tx_poll(struct virtproc_info *vrp)
{
	unsigned long flags;
	__poll_t mask = 0;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	if (vrp->dead) {
		mask = EPOLLERR;
	} else {
		if (!vrp->tx_nfree)
			vrp_tx_reclaim(vrp);
		if (vrp->tx_nfree)
			mask = EPOLLOUT | EPOLLWRNORM;
		else if (!virtqueue_enable_cb(vrp->svq))
			mask = EPOLLOUT | EPOLLWRNORM;
	}
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	return mask;
}

/**
 * vrp_tx_shutdown() - stop the send path and wait for senders to leave it
 * @vrp: the device
 *
 * Sleeping senders wake up with -ENODEV; new ones fail at once. On return
 * nobody touches the send ring or the send buffers any more.
 */
void vrp_tx_shutdown(struct virtproc_info *vrp)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	vrp->dead = true;
	spin_unlock_irqrestore(&vrp->tx_lock, flags);

	wake_up_all(&vrp->tx_wq);
	wait_event(vrp->tx_wq, !atomic_read(&vrp->tx_users));
}
