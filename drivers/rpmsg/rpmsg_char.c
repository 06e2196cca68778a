// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_char: one rpmsg endpoint as a character device, /dev/rpmsgN.
 *
 * Every read returns one received message and every write sends one;
 * RPMSG_SEND_BATCH_IOCTL and RPMSG_RECV_BATCH_IOCTL move up to
 * %RPMSG_BATCH_MAX of them in one call, and RPMSG_GET_MTU_IOCTL tells how
 * large one may be. An
 * endpoint device comes from one of three places: rpmsg_ctrl's
 * RPMSG_CREATE_EPT_IOCTL (the endpoint is created when the node is opened
 * and destroyed when it is closed), a channel named "rpmsg-raw" (the node
 * uses the channel's own endpoint), or RPMSG_CREATE_EPT_FD_IOCTL (no node
 * at all: the caller gets a file descriptor).
 *
 * Receive side: the endpoint callback appends each message to a bounded
 * record FIFO that was allocated with the device, so receiving allocates
 * nothing; when the FIFO is full the new message is dropped and counted
 * (sysfs rx_dropped). Send side: the payload is copied into a buffer
 * allocated at open, then handed to the bus, which copies it into a
 * transmit buffer; there is no allocation per message either.
 *
 * When the channel or the remote goes away the node is deleted, open files
 * see -EPIPE from read (once the queue is drained) and write, and poll
 * reports EPOLLHUP | EPOLLERR.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/anon_inodes.h>
#include <linux/cdev.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/kfifo.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rpmsg.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/srcu.h>
#include <linux/uaccess.h>
#include <uapi/linux/rpmsg.h>

#include "rpmsg_char.h"
#include "rpmsg_internal.h"
#include "rpmsg_char_zc.h"

#define RPMSG_EPTDEV_MAX	(MINORMASK + 1)
#define RPMSG_RAW_NAME		"rpmsg-raw"

static unsigned int rx_queue_size = 32768;
module_param(rx_queue_size, uint, 0444);
MODULE_PARM_DESC(rx_queue_size,
		 "bytes of received messages buffered per endpoint device, each with 2 bytes of overhead (rounded up to a power of two, 1024..1048576)");

static dev_t rpmsg_eptdev_base;
static DEFINE_IDA(rpmsg_eptdev_ida);

/* Anonymous endpoint devices, so that rpmsg_ctrl can find its own ones */
static LIST_HEAD(rpmsg_anon_list);
static DEFINE_MUTEX(rpmsg_anon_lock);	/* protects rpmsg_anon_list */

/**
 * struct rpmsg_eptdev - an endpoint behind a character device or an fd
 * @dev: the class device; its refcount keeps the structure alive: one
 *	reference from creation until the device is destroyed, one per open
 *	file
 * @cdev: the character device (unused for anonymous devices)
 * @rpdev: the channel the endpoint lives on; referenced, so that the
 *	transport's poll wait queue outlives every file polling it
 * @chinfo: name and addresses; @chinfo.src is what was asked for
 * @default_ept: the channel's own endpoint for "rpmsg-raw" channels
 * @anon: no device node; the only file is the one handed out at creation
 * @anon_parent: for anonymous devices, the rpmsg_ctrl device that made it
 * @anon_node: entry in rpmsg_anon_list
 * @lock: serializes open, release and destruction; protects @open and
 *	@gone. Never held on the data path. Taken before @read_lock.
 * @open: a file currently owns the endpoint
 * @gone: the device was destroyed; it cannot be opened again
 * @ept_srcu: pins @ept: senders, pollers and attribute readers use the
 *	endpoint inside a read section (a sender across a blocking send),
 *	and closing waits for those with synchronize_srcu() after it
 *	unpublished the endpoint.  SRCU rather than a reader-writer
 *	semaphore: a closer waiting for a blocked sender must not hold up
 *	pollers and readers, which see the endpoint gone at once.
 * @ept: the endpoint while the device is open, else NULL; published and
 *	unpublished under @lock
 * @tx_lock: serializes the writers that copy through @tx_buf, and protects it
 * @tx_buf: staging buffer of @mtu bytes, allocated at open
 * @mtu: largest payload of one message, read at open
 * @busy_poll_us: how long a reader busy-polls before it sleeps; set by
 *	RPMSG_SET_BUSY_POLL_IOCTL, 0 again at each open
 * @rx_lock: serializes producers of @rxq (the endpoint callback, in any
 *	context) and protects @rx_dropped
 * @read_lock: serializes consumers of @rxq
 * @rxq: record FIFO of received messages, two bytes of length each. The
 *	callback and one reader use it without a common lock; emptying it
 *	rewrites both ends, so that is done only with @read_lock and then
 *	@rx_lock held, which keeps out readers and the callback alike (the
 *	callback of an "rpmsg-raw" channel runs whether or not a file is
 *	open)
 * @rx_dropped: messages dropped because @rxq was full
 * @readq: readers and pollers wait here for data or destruction
 * @zc: zero-copy buffer pools (rpmsg_char_zc.c)
 */
struct rpmsg_eptdev {
	struct device dev;
	struct cdev cdev;
	struct rpmsg_device *rpdev;
	struct rpmsg_channel_info chinfo;
	struct rpmsg_endpoint *default_ept;
	bool anon;
	struct device *anon_parent;
	struct list_head anon_node;

	struct mutex lock;	/* open/release/destroy; see above */
	bool open;
	bool gone;

	struct srcu_struct ept_srcu;
	struct rpmsg_endpoint __rcu *ept;

	struct mutex tx_lock;	/* writers and @tx_buf */
	void *tx_buf;
	size_t mtu;
	u32 busy_poll_us;

	spinlock_t rx_lock;	/* producer side of @rxq, @rx_dropped */
	struct mutex read_lock;	/* consumer side of @rxq; before @rx_lock */
	struct kfifo_rec_ptr_2 rxq;
	u64 rx_dropped;
	wait_queue_head_t readq;
	struct rpmsg_zc zc;
};

#define dev_to_eptdev(d) container_of(d, struct rpmsg_eptdev, dev)

/*
 * Pin the endpoint for one operation: the endpoint, or NULL once the
 * device is closed.  Either way eptdev_put_ept() with the same *@idx ends
 * the operation; the endpoint is valid until then.
 */
static struct rpmsg_endpoint *eptdev_get_ept(struct rpmsg_eptdev *eptdev,
					     int *idx)
	__acquires(&eptdev->ept_srcu)
{
	*idx = srcu_read_lock(&eptdev->ept_srcu);
	return srcu_dereference(eptdev->ept, &eptdev->ept_srcu);
}

static void eptdev_put_ept(struct rpmsg_eptdev *eptdev, int idx)
	__releases(&eptdev->ept_srcu)
{
	srcu_read_unlock(&eptdev->ept_srcu, idx);
}

/*
 * Unpublish the endpoint, wait until no sender or poller uses it, and
 * destroy it unless it belongs to the channel. A sender blocked for a
 * transmit buffer delays this until it gets one, times out, or the
 * transport goes away and wakes it.
 */
static void eptdev_drop_ept(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_endpoint *ept;

	lockdep_assert_held(&eptdev->lock);

	ept = rcu_dereference_protected(eptdev->ept,
					lockdep_is_held(&eptdev->lock));
	if (!ept)
		return;
	rcu_assign_pointer(eptdev->ept, NULL);
	synchronize_srcu(&eptdev->ept_srcu);

	if (ept != eptdev->default_ept)
		rpmsg_destroy_ept(ept);
}

/*
 * Endpoint callback: queue one message, or drop it if the queue is full.
 * It runs whether or not a file is open: endpoints made at open get their
 * @priv at creation, and the channel endpoint of an "rpmsg-raw" channel
 * gets it published by probe once the device is completely set up.
 */
static int eptdev_rx_cb(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src)
{
	struct rpmsg_eptdev *eptdev = priv;
	unsigned long flags;
	unsigned int queued;

	/* The channel endpoint exists before probe publishes the eptdev */
	if (!eptdev) {
		dev_dbg_ratelimited(&rpdev->dev, "dropped %d bytes before probe\n",
				    len);
		return 0;
	}
	/* A record's length field has 16 bits; never let it wrap */
	if (len < 0 || len > U16_MAX) {
		dev_warn_ratelimited(&eptdev->dev,
				     "dropped a message of bad length %d from 0x%x\n",
				     len, src);
		return -EINVAL;
	}

	/* Transports may call back from any context */
	spin_lock_irqsave(&eptdev->rx_lock, flags);
	queued = kfifo_in(&eptdev->rxq, data, len);
	if (!queued && len)
		eptdev->rx_dropped++;
	spin_unlock_irqrestore(&eptdev->rx_lock, flags);

	if (!queued && len) {
		dev_warn_ratelimited(&eptdev->dev,
				     "receive queue full, dropped %d bytes from 0x%x\n",
				     len, src);
		return 0;
	}
	/*
	 * Most messages of a stream find nobody waiting: skip the queue's
	 * lock then. The barrier in wq_has_sleeper() pairs with the one a
	 * waiter has between joining the queue and looking at @rxq:
	 * set_current_state() in wait_event*(), smp_mb() in eptdev_poll().
	 */
	if (wq_has_sleeper(&eptdev->readq))
		wake_up_interruptible_poll(&eptdev->readq,
					   EPOLLIN | EPOLLRDNORM);
	return 0;
}

/* Empty the receive queue; see @rxq for why it takes both locks */
static void eptdev_flush_rxq(struct rpmsg_eptdev *eptdev)
{
	unsigned long flags;

	mutex_lock(&eptdev->read_lock);
	spin_lock_irqsave(&eptdev->rx_lock, flags);
	kfifo_reset(&eptdev->rxq);
	spin_unlock_irqrestore(&eptdev->rx_lock, flags);
	mutex_unlock(&eptdev->read_lock);
}

static int eptdev_open_ept(struct rpmsg_eptdev *eptdev)
{
	struct rpmsg_endpoint *ept = eptdev->default_ept;
	ssize_t mtu;

	lockdep_assert_held(&eptdev->lock);

	if (!ept) {
		ept = rpmsg_create_ept(eptdev->rpdev, eptdev_rx_cb, eptdev,
				       eptdev->chinfo);
		if (!ept) {
			dev_err_ratelimited(&eptdev->dev,
					    "cannot create endpoint %s at 0x%x\n",
					    eptdev->chinfo.name,
					    eptdev->chinfo.src);
			return -EADDRINUSE;
		}
	}
	/* eptdev_rx_cb() only queues and wakes: it may run in the ring IRQ */
	rpmsg_set_rx_atomic(ept, true);

	mtu = rpmsg_get_mtu(ept);
	if (mtu < 0)
		mtu = 0;
	eptdev->mtu = mtu;
	eptdev->tx_buf = kmalloc(max_t(size_t, mtu, 1), GFP_KERNEL);
	if (!eptdev->tx_buf) {
		/* A new endpoint may have received already: not for later */
		if (ept != eptdev->default_ept) {
			rpmsg_destroy_ept(ept);
			eptdev_flush_rxq(eptdev);
		}
		return -ENOMEM;
	}

	rcu_assign_pointer(eptdev->ept, ept);
	eptdev->open = true;
	WRITE_ONCE(eptdev->busy_poll_us, 0);
	return 0;
}

/*
 * Undo eptdev_open_ept() when the last reference to the file goes. The
 * queue is emptied before @open drops, under @lock: a new open cannot
 * start until it is done, so it never loses what arrived for it.
 */
static void eptdev_close_ept(struct rpmsg_eptdev *eptdev)
{
	mutex_lock(&eptdev->lock);
	eptdev_drop_ept(eptdev);
	eptdev_flush_rxq(eptdev);
	kfree(eptdev->tx_buf);
	eptdev->tx_buf = NULL;
	eptdev->open = false;
	mutex_unlock(&eptdev->lock);
}

static int eptdev_open(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = container_of(inode->i_cdev,
						   struct rpmsg_eptdev, cdev);
	int ret;

	get_device(&eptdev->dev);
	mutex_lock(&eptdev->lock);
	if (eptdev->gone)
		ret = -ENODEV;
	else if (eptdev->open)
		ret = -EBUSY;
	else
		ret = eptdev_open_ept(eptdev);
	mutex_unlock(&eptdev->lock);

	if (ret) {
		put_device(&eptdev->dev);
		return ret;
	}
	filp->private_data = eptdev;
	return stream_open(inode, filp);
}

static int eptdev_release(struct inode *inode, struct file *filp)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	rpmsg_zc_release(&eptdev->zc);
	eptdev_close_ept(eptdev);
	/* An anonymous device has no other way to be reached again */
	if (eptdev->anon)
		rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
	put_device(&eptdev->dev);
	return 0;
}

static bool eptdev_readable(struct rpmsg_eptdev *eptdev)
{
	return !kfifo_is_empty(&eptdev->rxq) || READ_ONCE(eptdev->gone) ||
	       !rcu_access_pointer(eptdev->ept);
}

/*
 * Busy polling (RPMSG_SET_BUSY_POLL_IOCTL): before a reader sleeps, let
 * the transport deliver what the remote sent, over and over, for up to
 * the file's busy_poll_us, so that a reply is read without the wake-up
 * of a sleeping reader. Gives up at once for a signal or another task
 * wanting the CPU. Holds the endpoint pinned while it spins, which makes
 * a destroy wait at most that long.
 */
static void eptdev_busy_poll(struct rpmsg_eptdev *eptdev)
{
	u32 us = READ_ONCE(eptdev->busy_poll_us);
	struct rpmsg_endpoint *ept;
	int idx;
	u64 end;

	if (!us || !kfifo_is_empty(&eptdev->rxq))
		return;
	ept = eptdev_get_ept(eptdev, &idx);
	end = local_clock() + (u64)us * NSEC_PER_USEC;
	while (ept && rpmsg_busy_poll(ept) && kfifo_is_empty(&eptdev->rxq) &&
	       local_clock() < end && !signal_pending(current) &&
	       !need_resched())
		cpu_relax();
	eptdev_put_ept(eptdev, idx);
}

static long eptdev_set_busy_poll(struct rpmsg_eptdev *eptdev,
				 u32 __user *argp)
{
	u32 us;

	if (get_user(us, argp))
		return -EFAULT;
	if (us > RPMSG_BUSY_POLL_MAX_US) {
		dev_dbg_ratelimited(&eptdev->dev,
				    "busy polling of %u us is over %u us\n",
				    us, RPMSG_BUSY_POLL_MAX_US);
		return -EINVAL;
	}
	WRITE_ONCE(eptdev->busy_poll_us, us);
	return 0;
}

/* One message into @buf, as read() takes it; shared with the batches */
static ssize_t eptdev_recv_msg(struct rpmsg_eptdev *eptdev, char __user *buf,
			       size_t len, bool nonblock)
{
	unsigned int copied;
	int ret;

	if (mutex_lock_interruptible(&eptdev->read_lock))
		return -ERESTARTSYS;

	while (kfifo_is_empty(&eptdev->rxq)) {
		if (READ_ONCE(eptdev->gone) || !rcu_access_pointer(eptdev->ept)) {
			ret = -EPIPE;
			goto out;
		}
		if (nonblock) {
			ret = -EAGAIN;
			goto out;
		}
		mutex_unlock(&eptdev->read_lock);
		eptdev_busy_poll(eptdev);
		if (wait_event_interruptible(eptdev->readq,
					     eptdev_readable(eptdev)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&eptdev->read_lock))
			return -ERESTARTSYS;
	}

	/* One record; a short user buffer gets its start, the rest is lost */
	ret = kfifo_to_user(&eptdev->rxq, buf, len, &copied);
	if (!ret)
		ret = copied;
out:
	mutex_unlock(&eptdev->read_lock);
	return ret;
}

static ssize_t eptdev_read(struct file *filp, char __user *buf, size_t len,
			   loff_t *ppos)
{
	return eptdev_recv_msg(filp->private_data, buf, len,
			       filp->f_flags & O_NONBLOCK);
}

/*
 * A channel's own endpoint sends to the channel's remote; any other one to
 * the destination given at creation, and without one a write has nowhere
 * to go.
 */
static bool eptdev_has_dst(struct rpmsg_eptdev *eptdev,
			   struct rpmsg_endpoint *ept)
{
	return ept == eptdev->default_ept ||
	       eptdev->chinfo.dst != RPMSG_ADDR_ANY;
}

/* A transport's send result as write() reports it */
static int eptdev_send_errno(int ret, bool nonblock)
{
	if (ret == -ENOMEM && nonblock)
		return -EAGAIN;
	if (ret == -ENODEV)
		return -EPIPE;
	return ret;
}

static int eptdev_send(struct rpmsg_eptdev *eptdev,
		       struct rpmsg_endpoint *ept, size_t len, bool nonblock)
{
	u32 dst = eptdev->chinfo.dst;
	int ret;

	if (!eptdev_has_dst(eptdev, ept)) {
		dev_dbg_ratelimited(&eptdev->dev,
				    "write on an endpoint without destination\n");
		return -EDESTADDRREQ;
	}

	if (ept == eptdev->default_ept)
		ret = nonblock ? rpmsg_trysend(ept, eptdev->tx_buf, len) :
				 rpmsg_send(ept, eptdev->tx_buf, len);
	else
		ret = nonblock ? rpmsg_trysendto(ept, eptdev->tx_buf, len, dst) :
				 rpmsg_sendto(ept, eptdev->tx_buf, len, dst);
	return eptdev_send_errno(ret, nonblock);
}

/*
 * The fast way to send: copy the payload from user space straight into a
 * transmit buffer the transport lends, one copy fewer than through
 * @tx_buf. A lent buffer must not wait for a page fault, which
 * userfaultfd could stretch for ever while the remote's removal waits for
 * the buffer, so the copy is done with page faults disabled. Return false
 * when the message must go the slow way: no buffer free right now (the
 * slow way waits for one or fails as write() should), a transport without
 * lent buffers, no destination, or user pages that are not present.
 */
static bool eptdev_send_direct(struct rpmsg_eptdev *eptdev,
			       struct rpmsg_endpoint *ept,
			       const char __user *ubuf, size_t len, int *ret)
{
	unsigned int size;
	void *buf;

	if (!eptdev_has_dst(eptdev, ept))
		return false;
	buf = rpmsg_get_tx_buffer(ept, &size, false);
	if (IS_ERR(buf))
		return false;
	if (len > size || copy_from_user_nofault(buf, ubuf, len)) {
		rpmsg_put_tx_buffer(ept, buf);
		return false;
	}

	if (ept == eptdev->default_ept)
		*ret = rpmsg_send_nocopy(ept, buf, len);
	else
		*ret = rpmsg_sendto_nocopy(ept, buf, len, eptdev->chinfo.dst);
	*ret = eptdev_send_errno(*ret, false);
	return true;
}

/* One message from @buf, as write() sends it; shared with the batches */
static ssize_t eptdev_send_msg(struct rpmsg_eptdev *eptdev,
			       const char __user *buf, size_t len,
			       bool nonblock)
{
	struct rpmsg_endpoint *ept;
	int idx, ret;

	ept = eptdev_get_ept(eptdev, &idx);
	if (!ept) {
		ret = -EPIPE;
		goto out_put;
	}

	if (len > eptdev->mtu) {
		dev_dbg_ratelimited(&eptdev->dev,
				    "%zu-byte write over the %zu-byte MTU\n",
				    len, eptdev->mtu);
		ret = -EMSGSIZE;
		goto out_put;
	}

	if (eptdev_send_direct(eptdev, ept, buf, len, &ret))
		goto out_put;

	if (nonblock) {
		if (!mutex_trylock(&eptdev->tx_lock)) {
			ret = -EAGAIN;
			goto out_put;
		}
	} else if (mutex_lock_interruptible(&eptdev->tx_lock)) {
		ret = -ERESTARTSYS;
		goto out_put;
	}

	if (copy_from_user(eptdev->tx_buf, buf, len))
		ret = -EFAULT;
	else
		ret = eptdev_send(eptdev, ept, len, nonblock);
	mutex_unlock(&eptdev->tx_lock);
out_put:
	eptdev_put_ept(eptdev, idx);
	return ret ?: len;
}

static ssize_t eptdev_write(struct file *filp, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	return eptdev_send_msg(filp->private_data, buf, len,
			       filp->f_flags & O_NONBLOCK);
}

/* Descriptors a batch reads at a time, on the stack: no allocation */
#define EPTDEV_BATCH_CHUNK	16

/*
 * Send the @n messages of @chunk straight from user memory into buffers
 * the transport lends, as many as it has free, all of them with one
 * round of its locks and at most one notification of the remote. Return
 * how many were sent (their @done set); 0 when the first cannot go this
 * way (no buffer free, a length over the MTU, a page not present, no
 * remote address), so that the caller sends it the way write() does,
 * which knows how to wait and which error to give; or the transport's
 * error for the first.
 */
static int eptdev_send_batch_direct(struct rpmsg_eptdev *eptdev,
				    struct rpmsg_batch_msg *chunk,
				    unsigned int n)
{
	unsigned int lens[EPTDEV_BATCH_CHUNK];
	void *bufs[EPTDEV_BATCH_CHUNK];
	struct rpmsg_endpoint *ept;
	unsigned int size, i, k;
	int got, idx, ret = 0;
	u32 dst;

	ept = eptdev_get_ept(eptdev, &idx);
	if (!ept || !eptdev_has_dst(eptdev, ept))
		goto out;
	dst = ept == eptdev->default_ept ? ept->rpdev->dst :
					   eptdev->chinfo.dst;
	got = rpmsg_get_tx_buffers(ept, bufs, n, &size, false);
	if (got <= 0)
		goto out;
	/* No fault handling while holding shared buffers, as for write() */
	for (i = 0; i < got; i++) {
		lens[i] = chunk[i].len;
		if (lens[i] > min_t(size_t, size, eptdev->mtu) ||
		    copy_from_user_nofault(bufs[i],
					   u64_to_user_ptr(chunk[i].buf),
					   lens[i]))
			break;
	}
	for (k = i; k < got; k++)
		rpmsg_put_tx_buffer(ept, bufs[k]);
	if (!i)
		goto out;

	ret = rpmsg_sendto_nocopy_batch(ept, bufs, lens, i, dst);
	if (ret < 0) {
		ret = eptdev_send_errno(ret, false);
		goto out;
	}
	for (k = 0; k < ret; k++)
		chunk[k].done = lens[k];
out:
	eptdev_put_ept(eptdev, idx);
	return ret;
}

/* One message of a batch, as write() or read() takes it: 1 or an errno */
static int eptdev_batch_one(struct rpmsg_eptdev *eptdev,
			    struct rpmsg_batch_msg *msg, bool send,
			    bool nonblock)
{
	void __user *buf = u64_to_user_ptr(msg->buf);
	ssize_t ret;

	if (send)
		ret = eptdev_send_msg(eptdev, buf, msg->len, nonblock);
	else
		ret = eptdev_recv_msg(eptdev, buf, msg->len, nonblock);
	if (ret < 0)
		return ret;
	msg->done = ret;
	return 1;
}

/*
 * RPMSG_SEND_BATCH_IOCTL and RPMSG_RECV_BATCH_IOCTL: @count messages for
 * the cost of one system call. A send takes as many as it can through
 * buffers the transport lends several at a time, the others one at a
 * time through the path of write(); a receive goes through the path of
 * read() for each and waits for its first message only. The descriptors
 * are read, and their @done fields written back, %EPTDEV_BATCH_CHUNK at
 * a time.
 */
static long eptdev_batch(struct file *filp, void __user *argp, bool send)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;
	struct rpmsg_batch_msg chunk[EPTDEV_BATCH_CHUNK];
	bool nonblock = filp->f_flags & O_NONBLOCK;
	struct rpmsg_batch_msg __user *umsgs;
	struct rpmsg_batch batch;
	unsigned int done = 0, n, i;
	ssize_t ret = 0;

	if (!(filp->f_mode & (send ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (copy_from_user(&batch, argp, sizeof(batch)))
		return -EFAULT;
	if (!batch.count || batch.count > RPMSG_BATCH_MAX || batch.flags) {
		dev_dbg_ratelimited(&eptdev->dev,
				    "bad batch: count %u, flags 0x%x\n",
				    batch.count, batch.flags);
		return -EINVAL;
	}
	umsgs = u64_to_user_ptr(batch.msgs);

	while (done < batch.count) {
		n = min_t(unsigned int, batch.count - done, EPTDEV_BATCH_CHUNK);
		if (copy_from_user(chunk, umsgs + done, n * sizeof(*chunk))) {
			ret = -EFAULT;
			break;
		}
		for (i = 0; i < n; i += ret) {
			ret = send ? eptdev_send_batch_direct(eptdev, chunk + i,
							      n - i) : 0;
			/* A receive waits for the first message only */
			if (!ret)
				ret = eptdev_batch_one(eptdev, chunk + i, send,
						       nonblock ||
						       (!send && done + i));
			if (ret < 0)
				break;
		}
		/* What was handled stays handled; it is reported if it can be */
		if (i && copy_to_user(umsgs + done, chunk, i * sizeof(*chunk))) {
			ret = -EFAULT;
			break;
		}
		done += i;
		if (i < n)
			break;
	}
	if (done)
		return done;
	/* Nothing done: the first error (restarting after a signal is safe) */
	return ret;
}

/*
 * The transport may register @wait on a queue of its own; it lives as long
 * as the channel device, which this eptdev holds a reference on.
 */
static __poll_t eptdev_poll(struct file *filp, poll_table *wait)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;
	struct rpmsg_endpoint *ept;
	__poll_t mask = 0;
	int idx;

	poll_wait(filp, &eptdev->readq, wait);
	/* Joined the queue before @rxq is looked at: see eptdev_rx_cb() */
	smp_mb();
	/* Only for a poll() that would otherwise sleep waiting for input */
	if (!poll_does_not_wait(wait) &&
	    (poll_requested_events(wait) & (EPOLLIN | EPOLLRDNORM)))
		eptdev_busy_poll(eptdev);

	ept = eptdev_get_ept(eptdev, &idx);
	if (ept)
		mask |= rpmsg_poll(ept, filp, wait);
	else
		mask |= EPOLLHUP | EPOLLERR;
	eptdev_put_ept(eptdev, idx);
	if (!kfifo_is_empty(&eptdev->rxq))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask | rpmsg_zc_poll(&eptdev->zc, filp, wait);
}

/* The MTU of the endpoint the file has open, for RPMSG_GET_MTU_IOCTL */
static long eptdev_get_mtu(struct rpmsg_eptdev *eptdev, u32 __user *argp)
{
	struct rpmsg_endpoint *ept;
	u32 mtu;
	int idx;

	ept = eptdev_get_ept(eptdev, &idx);
	mtu = eptdev->mtu;
	eptdev_put_ept(eptdev, idx);
	return ept ? put_user(mtu, argp) : -EPIPE;
}

static long eptdev_ioctl(struct file *filp, unsigned int cmd,
			 unsigned long arg)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	switch (cmd) {
	case RPMSG_DESTROY_EPT_IOCTL:
		/* A channel's endpoint goes with the channel, not on request */
		if (eptdev->default_ept) {
			dev_dbg_ratelimited(&eptdev->dev,
					    "refusing to destroy a channel's endpoint\n");
			return -EINVAL;
		}
		return rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
	case RPMSG_GET_OUTGOING_FLOWCONTROL:
		/* No transport of this bus can ask us to stop sending */
		return put_user(0, (int __user *)arg);
	case RPMSG_GET_MTU_IOCTL:
		return eptdev_get_mtu(eptdev, (u32 __user *)arg);
	case RPMSG_SEND_BATCH_IOCTL:
		return eptdev_batch(filp, (void __user *)arg, true);
	case RPMSG_RECV_BATCH_IOCTL:
		return eptdev_batch(filp, (void __user *)arg, false);
	case RPMSG_SET_BUSY_POLL_IOCTL:
		return eptdev_set_busy_poll(eptdev, (u32 __user *)arg);
	case RPMSG_GET_BUSY_POLL_IOCTL:
		return put_user(READ_ONCE(eptdev->busy_poll_us),
				(u32 __user *)arg);
	case RPMSG_SET_INCOMING_FLOWCONTROL:
		if (arg > 1) {
			dev_dbg_ratelimited(&eptdev->dev,
					    "flow control value %lu is not 0 or 1\n",
					    arg);
			return -EINVAL;
		}
		/* ... nor carry a request to stop to the remote */
		return -EOPNOTSUPP;
	default:
		return rpmsg_zc_ioctl(&eptdev->zc, filp, cmd, arg);
	}
}

static int eptdev_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct rpmsg_eptdev *eptdev = filp->private_data;

	return rpmsg_zc_mmap(&eptdev->zc, filp, vma);
}

/*
 * Shared by the nodes and the anonymous files of CREATE_EPT_FD. Both are
 * streams (no .llseek: lseek() fails with -ESPIPE); a read and a write
 * each move exactly one message.
 */
static const struct file_operations eptdev_fops = {
	/* Messages, one per call, and when either way would not block */
	.read		= eptdev_read,
	.write		= eptdev_write,
	.poll		= eptdev_poll,
	/* RPMSG_* requests, and the memory of a zero-copy pool */
	.unlocked_ioctl	= eptdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.mmap		= eptdev_mmap,
	/* Life time of an open file */
	.open		= eptdev_open,
	.release	= eptdev_release,
	.owner		= THIS_MODULE,
};

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_to_eptdev(dev)->chinfo.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_eptdev(dev)->chinfo.src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_eptdev(dev)->chinfo.dst);
}
static DEVICE_ATTR_RO(dst);

static ssize_t local_addr_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct rpmsg_eptdev *eptdev = dev_to_eptdev(dev);
	struct rpmsg_endpoint *ept;
	u32 addr;
	int idx;

	ept = eptdev_get_ept(eptdev, &idx);
	addr = ept ? ept->addr : 0;
	eptdev_put_ept(eptdev, idx);
	/* Nodes made by CREATE_EPT have an endpoint only while open */
	if (!ept)
		return sysfs_emit(buf, "none\n");
	return sysfs_emit(buf, "%u\n", addr);
}
static DEVICE_ATTR_RO(local_addr);

static u64 eptdev_rx_dropped(struct rpmsg_eptdev *eptdev)
{
	unsigned long flags;
	u64 n;

	spin_lock_irqsave(&eptdev->rx_lock, flags);
	n = eptdev->rx_dropped;
	spin_unlock_irqrestore(&eptdev->rx_lock, flags);
	return n;
}

static ssize_t rx_dropped_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", eptdev_rx_dropped(dev_to_eptdev(dev)));
}
static DEVICE_ATTR_RO(rx_dropped);

static struct attribute *eptdev_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	&dev_attr_dst.attr,
	&dev_attr_local_addr.attr,
	&dev_attr_rx_dropped.attr,
	NULL,
};
ATTRIBUTE_GROUPS(eptdev);

/* udev rules match on these instead of on the unstable minor number */
static int eptdev_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	struct rpmsg_eptdev *eptdev = dev_to_eptdev(dev);
	int ret;

	ret = add_uevent_var(env, "RPMSG_NAME=%s", eptdev->chinfo.name);
	if (!ret)
		ret = add_uevent_var(env, "RPMSG_SRC=%d", eptdev->chinfo.src);
	if (!ret)
		ret = add_uevent_var(env, "RPMSG_DST=%d", eptdev->chinfo.dst);
	if (!ret)
		ret = add_uevent_var(env, "RPMSG_PARENT=%s",
				     dev_name(&eptdev->rpdev->dev));
	return ret;
}

static void eptdev_release_dev(struct device *dev)
{
	struct rpmsg_eptdev *eptdev = dev_to_eptdev(dev);

	if (dev->devt)
		ida_free(&rpmsg_eptdev_ida, MINOR(dev->devt));
	put_device(eptdev->anon_parent);
	put_device(&eptdev->rpdev->dev);
	kfifo_free(&eptdev->rxq);
	cleanup_srcu_struct(&eptdev->ept_srcu);
	kfree(eptdev);
}

/* No name: 6.1's endpoint devices send no DEVTYPE, and neither do these */
static const struct device_type eptdev_type = {
	.groups		= eptdev_groups,
	.uevent		= eptdev_uevent,
	.release	= eptdev_release_dev,
};

/* Allocate and initialize; on success the caller owns one reference */
static struct rpmsg_eptdev *eptdev_alloc(struct rpmsg_device *rpdev,
					 struct device *parent,
					 struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_eptdev *eptdev;
	unsigned int qsize = clamp(rx_queue_size, 1024U, 1048576U);

	eptdev = kzalloc(sizeof(*eptdev), GFP_KERNEL);
	if (!eptdev)
		return NULL;
	if (kfifo_alloc(&eptdev->rxq, qsize, GFP_KERNEL))
		goto err_free;
	if (init_srcu_struct(&eptdev->ept_srcu))
		goto err_fifo;

	eptdev->rpdev = rpdev;
	get_device(&rpdev->dev);
	eptdev->chinfo = *chinfo;
	mutex_init(&eptdev->lock);
	mutex_init(&eptdev->tx_lock);
	spin_lock_init(&eptdev->rx_lock);
	mutex_init(&eptdev->read_lock);
	init_waitqueue_head(&eptdev->readq);
	INIT_LIST_HEAD(&eptdev->anon_node);
	rpmsg_zc_init(&eptdev->zc, &eptdev->dev, rpdev, chinfo->dst);

	device_initialize(&eptdev->dev);
	eptdev->dev.class = rpmsg_char_class;
	eptdev->dev.type = &eptdev_type;
	eptdev->dev.parent = parent;
	return eptdev;

err_fifo:
	kfifo_free(&eptdev->rxq);
err_free:
	kfree(eptdev);
	return NULL;
}

/* Give @eptdev a minor and a node; on failure the reference is dropped */
static int eptdev_add(struct rpmsg_eptdev *eptdev)
{
	int minor, ret;

	minor = ida_alloc_max(&rpmsg_eptdev_ida, RPMSG_EPTDEV_MAX - 1,
			      GFP_KERNEL);
	if (minor < 0) {
		put_device(&eptdev->dev);
		return minor;
	}
	eptdev->dev.devt = MKDEV(MAJOR(rpmsg_eptdev_base), minor);

	ret = dev_set_name(&eptdev->dev, "rpmsg%d", minor);
	if (ret)
		goto err_put;

	cdev_init(&eptdev->cdev, &eptdev_fops);
	eptdev->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&eptdev->cdev, &eptdev->dev);
	if (ret)
		goto err_put;
	return 0;

err_put:
	put_device(&eptdev->dev);
	return ret;
}

/**
 * rpmsg_chrdev_eptdev_create() - create a /dev/rpmsgN endpoint device
 * @rpdev: the channel the endpoint will be created on
 * @parent: parent of the new device (the rpmsg_ctrl device)
 * @chinfo: endpoint name and addresses; the endpoint itself is created
 *	when the node is opened, at @chinfo.src
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno.
 */
int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev,
			       struct device *parent,
			       struct rpmsg_channel_info chinfo)
{
	struct rpmsg_eptdev *eptdev;

	eptdev = eptdev_alloc(rpdev, parent, &chinfo);
	if (!eptdev)
		return -ENOMEM;
	return eptdev_add(eptdev);
}
EXPORT_SYMBOL(rpmsg_chrdev_eptdev_create);

/**
 * rpmsg_chrdev_eptdev_destroy() - delete an endpoint device
 * @dev: the device (a child of rpmsg_ctrl, or an anonymous one)
 * @data: unused; the signature fits device_for_each_child()
 *
 * The endpoint is destroyed and the node removed; files still open on it
 * get -EPIPE and poll reports a hang-up. The memory goes with the last
 * file.
 *
 * Two destroys may race (the destroy ioctl and the removal of the
 * channel or of rpmsg_ctrl): the whole destruction happens under
 * &rpmsg_eptdev.lock, so the one that finds the device gone returns only
 * once the other has deleted it, and the parent is never deleted first.
 *
 * Context: process context; may sleep.
 * Return: 0, or -EINVAL when the device was already destroyed.
 */
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data)
{
	struct rpmsg_eptdev *eptdev = dev_to_eptdev(dev);

	if (dev->type != &eptdev_type)
		return 0;

	mutex_lock(&eptdev->lock);
	if (eptdev->gone) {
		mutex_unlock(&eptdev->lock);
		return -EINVAL;
	}
	WRITE_ONCE(eptdev->gone, true);
	/*
	 * Revoke the pool first: poll() reports the hang-up once the
	 * endpoint is dropped, and by then the memory must be unmapped.
	 */
	rpmsg_zc_revoke(&eptdev->zc);
	eptdev_drop_ept(eptdev);

	wake_up_interruptible_poll(&eptdev->readq, EPOLLHUP | EPOLLERR);

	if (eptdev->anon) {
		mutex_lock(&rpmsg_anon_lock);
		list_del_init(&eptdev->anon_node);
		mutex_unlock(&rpmsg_anon_lock);
	} else {
		cdev_device_del(&eptdev->cdev, &eptdev->dev);
	}
	mutex_unlock(&eptdev->lock);
	put_device(&eptdev->dev);
	return 0;
}
EXPORT_SYMBOL(rpmsg_chrdev_eptdev_destroy);

/**
 * rpmsg_chrdev_eptdev_new_file() - create an endpoint behind a new file
 * @rpdev: the channel the endpoint is created on
 * @parent: the rpmsg_ctrl device asking; rpmsg_chrdev_anon_destroy_all()
 *	with the same @parent destroys the endpoint
 * @chinfo: endpoint name and addresses
 * @flags: O_ACCMODE and O_NONBLOCK bits for the new file; O_CLOEXEC is
 *	accepted too, it is for the caller's file descriptor
 *
 * Unlike rpmsg_chrdev_eptdev_create() there is no device node: the
 * endpoint exists from now until the file is released. The caller owns
 * the only reference to the file and either installs it in a descriptor
 * it reserved beforehand, or drops it with fput(), which destroys the
 * endpoint; so a request failing half-way leaves nothing behind.
 *
 * Context: process context; may sleep.
 * Return: the new file or an ERR_PTR(): -EINVAL for bad @flags,
 * -EADDRINUSE when the address is taken, -ENOMEM.
 */
struct file *rpmsg_chrdev_eptdev_new_file(struct rpmsg_device *rpdev,
					  struct device *parent,
					  struct rpmsg_channel_info chinfo,
					  unsigned int flags)
{
	struct rpmsg_eptdev *eptdev;
	struct file *file;
	int ret;

	if (flags & ~(O_ACCMODE | O_NONBLOCK | O_CLOEXEC) ||
	    (flags & O_ACCMODE) == O_ACCMODE) {
		dev_dbg_ratelimited(parent, "bad flags 0x%x for an endpoint file\n",
				    flags);
		return ERR_PTR(-EINVAL);
	}

	eptdev = eptdev_alloc(rpdev, parent, &chinfo);
	if (!eptdev)
		return ERR_PTR(-ENOMEM);
	eptdev->anon = true;
	eptdev->anon_parent = get_device(parent);
	ret = dev_set_name(&eptdev->dev, "rpmsg-anon");
	if (ret)
		goto err_put;

	mutex_lock(&eptdev->lock);
	ret = eptdev_open_ept(eptdev);
	mutex_unlock(&eptdev->lock);
	if (ret)
		goto err_put;

	/* The file takes over the creation reference */
	get_device(&eptdev->dev);
	file = anon_inode_getfile("[rpmsg]", &eptdev_fops, eptdev,
				  flags & (O_ACCMODE | O_NONBLOCK));
	if (IS_ERR(file)) {
		put_device(&eptdev->dev);
		ret = PTR_ERR(file);
		eptdev_close_ept(eptdev);
		goto err_put;
	}

	mutex_lock(&rpmsg_anon_lock);
	list_add_tail(&eptdev->anon_node, &rpmsg_anon_list);
	mutex_unlock(&rpmsg_anon_lock);
	return file;

err_put:
	put_device(&eptdev->dev);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL(rpmsg_chrdev_eptdev_new_file);

/**
 * rpmsg_chrdev_anon_destroy_all() - destroy the fd endpoints of a parent
 * @parent: the rpmsg_ctrl device going away
 *
 * The files stay open but fail from now on, as after a remote crash.
 *
 * Context: process context; may sleep.
 */
void rpmsg_chrdev_anon_destroy_all(struct device *parent)
{
	struct rpmsg_eptdev *eptdev;

	for (;;) {
		mutex_lock(&rpmsg_anon_lock);
		list_for_each_entry(eptdev, &rpmsg_anon_list, anon_node)
			if (eptdev->anon_parent == parent)
				goto found;
		mutex_unlock(&rpmsg_anon_lock);
		return;
found:
		get_device(&eptdev->dev);
		mutex_unlock(&rpmsg_anon_lock);
		rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
		put_device(&eptdev->dev);
	}
}
EXPORT_SYMBOL(rpmsg_chrdev_anon_destroy_all);

/*
 * Stop the callback of the channel endpoint and drop the reference it
 * used: the endpoint goes now instead of after remove, since the callback
 * must never see @eptdev once it may be freed.
 */
static void rawdev_unhook(struct rpmsg_device *rpdev,
			  struct rpmsg_eptdev *eptdev)
{
	rpmsg_destroy_ept(rpdev->ept);
	rpdev->ept = NULL;
	put_device(&eptdev->dev);
}

/* "rpmsg-raw" channels: a node per channel, on the channel's endpoint */
static int rpmsg_chrdev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.src = rpdev->src,
		.dst = rpdev->dst,
	};
	struct rpmsg_eptdev *eptdev;
	int ret;

	if (!rpdev->ept) {
		dev_err(&rpdev->dev, "channel has no endpoint\n");
		return -EINVAL;
	}

	strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
	eptdev = eptdev_alloc(rpdev, &rpdev->dev, &chinfo);
	if (!eptdev)
		return -ENOMEM;
	eptdev->default_ept = rpdev->ept;

	/* The callback's reference, dropped by rawdev_unhook() */
	get_device(&eptdev->dev);
	/*
	 * The endpoint may be receiving already. Publish the eptdev, set up
	 * in full, before its node can be opened, so that whatever arrives
	 * from now on is queued for the first open; the release pairs with
	 * the transport's dependent load of ->priv before each callback.
	 */
	smp_store_release(&rpdev->ept->priv, eptdev);
	rpmsg_set_rx_atomic(rpdev->ept, true);

	ret = eptdev_add(eptdev);
	if (ret) {
		rawdev_unhook(rpdev, eptdev);
		return ret;
	}
	dev_set_drvdata(&rpdev->dev, eptdev);
	return 0;
}

static void rpmsg_chrdev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_eptdev *eptdev = dev_get_drvdata(&rpdev->dev);

	rpmsg_chrdev_eptdev_destroy(&eptdev->dev, NULL);
	rawdev_unhook(rpdev, eptdev);
}

static const struct rpmsg_device_id rpmsg_chrdev_id_table[] = {
	{ .name = RPMSG_RAW_NAME },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, rpmsg_chrdev_id_table);

static struct rpmsg_driver rpmsg_chrdev_driver = {
	.drv.name	= "rpmsg_chrdev",
	.id_table	= rpmsg_chrdev_id_table,
	.probe		= rpmsg_chrdev_probe,
	.remove		= rpmsg_chrdev_remove,
	.callback	= eptdev_rx_cb,
};

/* The class of /dev/rpmsgN and /dev/rpmsg_ctrlN, as in Linux 6.1 */
struct class *rpmsg_char_class;
EXPORT_SYMBOL(rpmsg_char_class);

static int __init rpmsg_chrdev_init(void)
{
	struct class *cls;
	int ret;

	ret = alloc_chrdev_region(&rpmsg_eptdev_base, 0, RPMSG_EPTDEV_MAX,
				  "rpmsg_char");
	if (ret < 0) {
		pr_err("no device numbers for endpoint nodes: %d\n", ret);
		return ret;
	}

	cls = class_create(THIS_MODULE, "rpmsg");
	ret = PTR_ERR_OR_ZERO(cls);
	if (ret) {
		pr_err("no \"rpmsg\" device class: %d\n", ret);
		goto err_region;
	}
	rpmsg_char_class = cls;

	ret = register_rpmsg_driver(&rpmsg_chrdev_driver);
	if (ret) {
		pr_err("cannot register the rpmsg-raw driver: %d\n", ret);
		goto err_class;
	}
	return 0;

err_class:
	class_destroy(rpmsg_char_class);
	rpmsg_char_class = NULL;
err_region:
	unregister_chrdev_region(rpmsg_eptdev_base, RPMSG_EPTDEV_MAX);
	return ret;
}
module_init(rpmsg_chrdev_init);

static void __exit rpmsg_chrdev_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_chrdev_driver);
	class_destroy(rpmsg_char_class);
	unregister_chrdev_region(rpmsg_eptdev_base, RPMSG_EPTDEV_MAX);
}
module_exit(rpmsg_chrdev_exit);

MODULE_DESCRIPTION("rpmsg endpoints as character devices");
MODULE_LICENSE("GPL");
