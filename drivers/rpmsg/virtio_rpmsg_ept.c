// SPDX-License-Identifier: GPL-2.0
/*
 * virtio rpmsg transport: endpoints and receive dispatch.
 *
 * Endpoints live in an xarray indexed by local address. Dispatch looks the
 * destination up under the xarray's spinlock, takes a reference, records
 * the endpoint as the one being delivered to (@rx_cur) and calls the
 * callback without any lock held; the next messages of a drain that go to
 * the same endpoint skip the lookup, and the drain lets go of @rx_cur when
 * it ends (vrp_deliver_end()). rpmsg_destroy_ept() clears the callback
 * under the same spinlock and, if the endpoint is @rx_cur on another task,
 * waits for it to move on; so a destroyed endpoint is never called again
 * once that returns, and its owner may free its private data right away.
 * Callbacks run in process context unless their endpoint is marked
 * atomic-safe, see virtio_rpmsg_rx.c.
 */

#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/virtio.h>

#include "rpmsg_internal.h"
#include "virtio_rpmsg_priv.h"

static inline struct virtio_rpmsg_ept *to_vept(struct rpmsg_endpoint *ept)
{
	return container_of(ept, struct virtio_rpmsg_ept, ept);
}

static void vrp_ept_release(struct kref *kref)
{
	struct virtio_rpmsg_ept *vept =
		container_of(kref, struct virtio_rpmsg_ept, ept.refcount);

	put_device(&vept->ept.rpdev->dev);
	atomic_dec(&vept->vrp->nr_epts);
	vrp_put(vept->vrp);
	kfree(vept);
}

static bool vrp_cb_done(struct virtproc_info *vrp,
			struct virtio_rpmsg_ept *vept)
{
	unsigned long flags;
	bool done;

	xa_lock_irqsave(&vrp->epts, flags);
	done = vrp->rx_cur != vept;
	xa_unlock_irqrestore(&vrp->epts, flags);
	return done;
}

static void vrp_destroy_ept(struct rpmsg_endpoint *ept)
{
	struct virtio_rpmsg_ept *vept = to_vept(ept);
	struct virtproc_info *vrp = vept->vrp;
	unsigned long flags;
	bool running;

	xa_lock_irqsave(&vrp->epts, flags);
	__xa_erase(&vrp->epts, ept->addr);
	/* Dispatch reads it without the lock for the messages after a first */
	WRITE_ONCE(ept->cb, NULL);
	/* A callback destroying its own endpoint must not wait for itself */
	running = vrp->rx_cur == vept && vrp->rx_task != current;
	xa_unlock_irqrestore(&vrp->epts, flags);

	if (running)
		wait_event(vrp->rx_cb_wq, vrp_cb_done(vrp, vept));

	kref_put(&ept->refcount, vrp_ept_release);
}

/*
 * Make the endpoint at @addr the one being delivered to (@rx_cur), with a
 * reference; NULL, and no @rx_cur, if there is none or it has no callback.
 */
static struct virtio_rpmsg_ept *vrp_deliver_begin(struct virtproc_info *vrp,
						  u32 addr)
{
	struct virtio_rpmsg_ept *vept;
	unsigned long flags;

	xa_lock_irqsave(&vrp->epts, flags);
	vept = xa_load(&vrp->epts, addr);
	if (vept && vept->ept.cb) {
		kref_get(&vept->ept.refcount);
		vrp->rx_cur = vept;
	} else {
		vept = NULL;
	}
	xa_unlock_irqrestore(&vrp->epts, flags);
	return vept;
}

/**
 * vrp_deliver_end() - let go of the endpoint being delivered to
 * @vrp: the device
 *
 * The owner of the receive ring calls this whenever a drain ends, before
 * the ring changes hands: a rpmsg_destroy_ept() waiting for @rx_cur to
 * move on returns then.
 */
void vrp_deliver_end(struct virtproc_info *vrp)
{
	struct virtio_rpmsg_ept *vept = vrp->rx_cur;
	unsigned long flags;

	if (!vept)
		return;
	xa_lock_irqsave(&vrp->epts, flags);
	vrp->rx_cur = NULL;
	xa_unlock_irqrestore(&vrp->epts, flags);
	if (wq_has_sleeper(&vrp->rx_cb_wq))
		wake_up_all(&vrp->rx_cb_wq);
	kref_put(&vept->ept.refcount, vrp_ept_release);
}

/**
 * vrp_deliver() - hand one validated message to its endpoint
 * @vrp: the device
 * @msg: the message; @msg->data stays valid until this returns
 * @atomic: the caller may be in atomic context, so only a callback its
 *	endpoint declared atomic-safe (&rpmsg_endpoint.rx_atomic) may run
 *
 * Called by the owner of the receive ring only, never concurrently with
 * itself, and followed by vrp_deliver_end() when its drain ends. Messages
 * to an address without endpoint are dropped with a log line.
 *
 * Return: 0 when the message was delivered or dropped, -EAGAIN when
 * @atomic is set and the endpoint's callback may sleep: the caller must
 * deliver it again from process context.
 */
int vrp_deliver(struct virtproc_info *vrp, const struct vrp_rx_msg *msg,
		bool atomic)
{
	/* Only the ring's owner changes it: no lock needed to read it */
	struct virtio_rpmsg_ept *vept = vrp->rx_cur;
	rpmsg_rx_cb_t cb = NULL;
	int ret;

	if (vept && vept->ept.addr == msg->dst)
		cb = READ_ONCE(vept->ept.cb);
	/* Another endpoint, or this one was destroyed: look up again */
	if (!cb) {
		vrp_deliver_end(vrp);
		vept = vrp_deliver_begin(vrp, msg->dst);
		if (vept)
			cb = READ_ONCE(vept->ept.cb);
	}
	if (!cb) {
		dev_warn_ratelimited(&vrp->vdev->dev,
				     "dropped %u bytes from 0x%x: no endpoint at 0x%x\n",
				     msg->len, msg->src, msg->dst);
		return 0;
	}
	if (atomic && !READ_ONCE(vept->ept.rx_atomic))
		return -EAGAIN;

	/* Pairs with owners that publish priv with smp_store_release() */
	ret = cb(vept->ept.rpdev, msg->data, msg->len,
		 READ_ONCE(vept->ept.priv), msg->src);
	if (ret)
		dev_dbg_ratelimited(&vrp->vdev->dev,
				    "endpoint 0x%x callback returned %d\n",
				    msg->dst, ret);
	return 0;
}

static int vrp_ept_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrp_send(to_vept(ept)->vrp, ept->addr, ept->rpdev->dst, data,
			len, true);
}

static int vrp_ept_sendto(struct rpmsg_endpoint *ept, void *data, int len,
			  u32 dst)
{
	return vrp_send(to_vept(ept)->vrp, ept->addr, dst, data, len, true);
}

static int vrp_ept_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
				   u32 dst, void *data, int len)
{
	return vrp_send(to_vept(ept)->vrp, src, dst, data, len, true);
}

static int vrp_ept_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	return vrp_send(to_vept(ept)->vrp, ept->addr, ept->rpdev->dst, data,
			len, false);
}

static int vrp_ept_trysendto(struct rpmsg_endpoint *ept, void *data, int len,
			     u32 dst)
{
	return vrp_send(to_vept(ept)->vrp, ept->addr, dst, data, len, false);
}

static int vrp_ept_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src,
				      u32 dst, void *data, int len)
{
	return vrp_send(to_vept(ept)->vrp, src, dst, data, len, false);
}

static void *vrp_ept_get_tx_buffer(struct rpmsg_endpoint *ept,
				   unsigned int *size, bool wait)
{
	void *buf;
	int ret;

	ret = vrp_get_tx_buffers(to_vept(ept)->vrp, &buf, 1, size, wait);
	return ret < 0 ? ERR_PTR(ret) : buf;
}

static int vrp_ept_send_nocopy(struct rpmsg_endpoint *ept, void *buf,
			       int len, u32 dst)
{
	return vrp_send_nocopy(to_vept(ept)->vrp, buf, ept->addr, dst, len);
}

static int vrp_ept_get_tx_buffers(struct rpmsg_endpoint *ept, void **bufs,
				  unsigned int n, unsigned int *size, bool wait)
{
	return vrp_get_tx_buffers(to_vept(ept)->vrp, bufs, n, size, wait);
}

static int vrp_ept_send_nocopy_batch(struct rpmsg_endpoint *ept,
				     void * const *bufs,
				     const unsigned int *lens, unsigned int n,
				     u32 dst)
{
	return vrp_send_nocopy_batch(to_vept(ept)->vrp, bufs, lens, n,
				     ept->addr, dst);
}

static void vrp_ept_put_tx_buffer(struct rpmsg_endpoint *ept, void *buf)
{
	vrp_put_tx_buffer(to_vept(ept)->vrp, buf);
}

static __poll_t vrp_ept_poll(struct rpmsg_endpoint *ept, struct file *filp,
			     poll_table *wait)
{
	struct virtproc_info *vrp = to_vept(ept)->vrp;

	poll_wait(filp, &vrp->tx_wq, wait);
	return vrp_tx_poll(vrp);
}

static ssize_t vrp_ept_get_mtu(struct rpmsg_endpoint *ept)
{
	return to_vept(ept)->vrp->tx_buf_size - sizeof(struct rpmsg_hdr);
}

static void vrp_ept_busy_poll(struct rpmsg_endpoint *ept)
{
	vrp_rx_poll(to_vept(ept)->vrp);
}

static const struct rpmsg_endpoint_ops vrp_ept_ops = {
	.destroy_ept		= vrp_destroy_ept,
	.send			= vrp_ept_send,
	.sendto			= vrp_ept_sendto,
	.send_offchannel	= vrp_ept_send_offchannel,
	.trysend		= vrp_ept_trysend,
	.trysendto		= vrp_ept_trysendto,
	.trysend_offchannel	= vrp_ept_trysend_offchannel,
	.get_tx_buffer		= vrp_ept_get_tx_buffer,
	.send_nocopy		= vrp_ept_send_nocopy,
	.put_tx_buffer		= vrp_ept_put_tx_buffer,
	.get_tx_buffers		= vrp_ept_get_tx_buffers,
	.send_nocopy_batch	= vrp_ept_send_nocopy_batch,
	.poll			= vrp_ept_poll,
	.get_mtu		= vrp_ept_get_mtu,
	.busy_poll		= vrp_ept_busy_poll,
};

/* Reserve @chinfo's source address, or a free dynamic one, for @vept */
static int vrp_ept_bind(struct virtproc_info *vrp,
			struct virtio_rpmsg_ept *vept, u32 src, u32 *addr)
{
	int ret;

	if (src != RPMSG_ADDR_ANY) {
		ret = xa_insert_irq(&vrp->epts, src, vept, GFP_KERNEL);
		*addr = src;
		if (ret == -EBUSY)
			dev_err_ratelimited(&vrp->vdev->dev,
					    "address 0x%x is already in use\n",
					    src);
		return ret;
	}

	ret = xa_alloc_irq(&vrp->epts, addr, vept,
			   XA_LIMIT(vrp->dyn_first, vrp->dyn_last), GFP_KERNEL);
	if (ret == -EBUSY)
		dev_err_ratelimited(&vrp->vdev->dev,
				    "no free dynamic address left\n");
	return ret;
}

/**
 * vrp_create_ept() - the transport's &rpmsg_device_ops.create_ept
 * @rpdev: a channel device of this transport
 * @cb: receive callback
 * @priv: private pointer for @cb
 * @chinfo: @chinfo.src selects the address, %RPMSG_ADDR_ANY for any
 *
 * Return: the new endpoint or NULL, see rpmsg_create_ept().
 */
struct rpmsg_endpoint *vrp_create_ept(struct rpmsg_device *rpdev,
				      rpmsg_rx_cb_t cb, void *priv,
				      struct rpmsg_channel_info chinfo)
{
	struct virtproc_info *vrp = vrp_from_rpdev(rpdev);
	struct virtio_rpmsg_ept *vept;
	unsigned long flags;
	u32 addr;

	if (READ_ONCE(vrp->dead))
		return NULL;

	if (!vrp_count_get(&vrp->nr_epts, READ_ONCE(vrp->max_epts))) {
		dev_err_ratelimited(&vrp->vdev->dev,
				    "endpoint limit of %u reached, refused %s\n",
				    READ_ONCE(vrp->max_epts), chinfo.name);
		return NULL;
	}

	vept = kzalloc(sizeof(*vept), GFP_KERNEL);
	if (!vept) {
		atomic_dec(&vrp->nr_epts);
		return NULL;
	}

	kref_init(&vept->ept.refcount);
	vept->ept.rpdev = rpdev;
	vept->ept.priv = priv;
	vept->ept.ops = &vrp_ept_ops;
	vept->vrp = vrp;
	vrp_get(vrp);
	/* Senders dereference @rpdev, so it must outlive the endpoint */
	get_device(&rpdev->dev);

	if (vrp_ept_bind(vrp, vept, chinfo.src, &addr)) {
		kref_put(&vept->ept.refcount, vrp_ept_release);
		return NULL;
	}

	/* Only now may dispatch see a callback: the address is settled */
	xa_lock_irqsave(&vrp->epts, flags);
	vept->ept.addr = addr;
	WRITE_ONCE(vept->ept.cb, cb);
	xa_unlock_irqrestore(&vrp->epts, flags);

	return &vept->ept;
}
