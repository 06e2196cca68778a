// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg bus: the client API.
 *
 * Thin, argument-checking wrappers that route each call to the transport
 * that owns the endpoint or channel. Nothing here allocates or locks, so
 * the cost on the message path is one indirect call.
 */

#include <linux/module.h>
#include <linux/rpmsg.h>

#include "rpmsg_internal.h"

/**
 * rpmsg_create_ept() - bind a local address to a receive callback
 * @rpdev: the channel whose transport hosts the endpoint
 * @cb: receive callback; it may run as soon as this returns
 * @priv: handed back to @cb
 * @chinfo: @chinfo.src is the address wanted, or %RPMSG_ADDR_ANY to have a
 *	free dynamic address (1024 and up) allocated
 *
 * Every endpoint lets the transport deliver messages addressed to its
 * address; a channel's own endpoint is created by the core on probe.
 *
 * Context: process context; may sleep.
 * Return: the endpoint, or NULL if the address is taken, the address space
 * is exhausted or memory is short.
 */
struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo)
{
	might_sleep();
	if (!rpdev || !rpdev->ops || !rpdev->ops->create_ept)
		return NULL;
	return rpdev->ops->create_ept(rpdev, cb, priv, chinfo);
}
EXPORT_SYMBOL(rpmsg_create_ept);

/**
 * rpmsg_destroy_ept() - release an endpoint and its address
 * @ept: endpoint from rpmsg_create_ept(), or NULL
 *
 * Once this returns the endpoint's callback is not running on another CPU
 * and will not be called again. A callback may destroy its own endpoint.
 *
 * Context: process context; may sleep.
 */
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
	might_sleep();
	if (ept && ept->ops && ept->ops->destroy_ept)
		ept->ops->destroy_ept(ept);
}
EXPORT_SYMBOL(rpmsg_destroy_ept);

/**
 * rpmsg_set_rx_atomic() - choose the context an endpoint's callback runs in
 * @ept: the endpoint
 * @atomic: true if its callback never sleeps
 *
 * By default a receive callback runs in process context and may sleep. A
 * callback that never sleeps - it takes only spinlocks, allocates with
 * %GFP_ATOMIC, wakes waiters and sends with the rpmsg_try*() variants, and
 * does not destroy endpoints - may say so: the transport may then call it
 * in any context, hard IRQ included, straight from its ring interrupt,
 * which spares a task switch per message. A transport that always calls
 * back in process context may ignore the setting; message order is kept
 * either way. The setting applies to the messages the transport takes up
 * after this returns.
 *
 * Context: any context.
 */
void rpmsg_set_rx_atomic(struct rpmsg_endpoint *ept, bool atomic)
{
	if (ept)
		WRITE_ONCE(ept->rx_atomic, atomic);
}
EXPORT_SYMBOL(rpmsg_set_rx_atomic);

/*
 * Common checks for every send flavour. A negative length or a missing
 * payload is a bug in the calling driver: warn once. A NULL endpoint is
 * not always one: a channel's endpoint is NULL once the channel is gone,
 * and drivers such as rpmsg_tty may still send on it meanwhile; and a
 * message over the MTU is refused by the transport with -EMSGSIZE, a
 * documented result.
 */
static int rpmsg_check_msg(struct rpmsg_endpoint *ept, const void *data,
			   int len)
{
	if (!ept || !ept->ops)
		return -EINVAL;
	if (WARN_ON_ONCE(len < 0 || (len && !data)))
		return -EINVAL;
	return 0;
}

/**
 * rpmsg_send() - send a message on the endpoint's channel
 * @ept: the sending endpoint; its address is the source
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 *
 * The destination is the channel's remote address. When all transmit
 * buffers are in flight the caller sleeps until one comes back, a signal
 * arrives (-ERESTARTSYS) or the transport's timeout expires (-ETIMEDOUT).
 *
 * Context: process context; may sleep.
 * Return: 0 when the message was handed to the remote, -EMSGSIZE when it
 * does not fit a buffer, -ENODEV when the remote has gone away, or another
 * negative errno.
 */
int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret;

	might_sleep();
	ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->send)
		return ret ?: -ENXIO;
	return ops->send(ept, data, len);
}
EXPORT_SYMBOL(rpmsg_send);

/**
 * rpmsg_sendto() - send a message to an explicit remote address
 * @ept: the sending endpoint; its address is the source
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 * @dst: remote address
 *
 * Waits for a transmit buffer like rpmsg_send(). Server endpoints that
 * answer many remote clients use this instead of a fixed channel peer.
 *
 * Context: process context; may sleep.
 * Return: as for rpmsg_send().
 */
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret;

	might_sleep();
	ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->sendto)
		return ret ?: -ENXIO;
	return ops->sendto(ept, data, len, dst);
}
EXPORT_SYMBOL(rpmsg_sendto);

/**
 * rpmsg_send_offchannel() - send with explicit source and destination
 * @ept: the endpoint whose transport carries the message
 * @src: source address written in the header
 * @dst: remote address
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 *
 * Waits for a transmit buffer like rpmsg_send().
 *
 * Context: process context; may sleep.
 * Return: as for rpmsg_send().
 */
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret;

	might_sleep();
	ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->send_offchannel)
		return ret ?: -ENXIO;
	return ops->send_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL(rpmsg_send_offchannel);

/**
 * rpmsg_trysend() - send on the channel without waiting for a buffer
 * @ept: the sending endpoint
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 *
 * Context: any context that may take a spinlock.
 * Return: 0, -ENOMEM at once when no transmit buffer is free, or an error
 * as for rpmsg_send().
 */
int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->trysend)
		return ret ?: -ENXIO;
	return ops->trysend(ept, data, len);
}
EXPORT_SYMBOL(rpmsg_trysend);

/**
 * rpmsg_trysendto() - send to @dst without waiting for a buffer
 * @ept: the sending endpoint
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 * @dst: remote address
 *
 * Context: any context that may take a spinlock.
 * Return: as for rpmsg_trysend().
 */
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->trysendto)
		return ret ?: -ENXIO;
	return ops->trysendto(ept, data, len, dst);
}
EXPORT_SYMBOL(rpmsg_trysendto);

/**
 * rpmsg_trysend_offchannel() - explicit addresses, without waiting
 * @ept: the endpoint whose transport carries the message
 * @src: source address written in the header
 * @dst: remote address
 * @data: payload, copied before the call returns
 * @len: payload length, at most rpmsg_get_mtu()
 *
 * Context: any context that may take a spinlock.
 * Return: as for rpmsg_trysend().
 */
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len)
{
	const struct rpmsg_endpoint_ops *ops = ept ? ept->ops : NULL;
	int ret = rpmsg_check_msg(ept, data, len);

	if (ret || !ops->trysend_offchannel)
		return ret ?: -ENXIO;
	return ops->trysend_offchannel(ept, src, dst, data, len);
}
EXPORT_SYMBOL(rpmsg_trysend_offchannel);

/**
 * rpmsg_poll() - poll helper for files backed by an endpoint
 * @ept: the endpoint
 * @filp: the file being polled
 * @wait: the poll table
 *
 * Return: %EPOLLOUT when a send would not block, 0 otherwise or when the
 * transport cannot tell.
 */
__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *filp,
		    poll_table *wait)
{
	if (!ept || !ept->ops || !ept->ops->poll)
		return 0;
	return ept->ops->poll(ept, filp, wait);
}
EXPORT_SYMBOL(rpmsg_poll);

/**
 * rpmsg_get_tx_buffer() - borrow a transmit buffer to build a message in
 * @ept: the endpoint that will send the message
 * @size: set to the number of payload bytes the buffer holds
 * @wait: when every buffer is in flight, sleep for one like rpmsg_send()
 *	does; else fail at once like rpmsg_trysend()
 *
 * Zero-copy sending: instead of handing rpmsg_send() a payload to copy
 * into the memory shared with the remote, the caller writes the payload
 * straight into that memory (for example with copy_from_user()) and then
 * passes the buffer to rpmsg_send_nocopy() or rpmsg_sendto_nocopy(), or
 * gives it back unsent with rpmsg_put_tx_buffer(). Exactly one of these
 * must follow every successful call. The transport's other senders do
 * not wait for a lent buffer, but removing the remote does: hold it no
 * longer than it takes to fill it. The memory is shared with the remote:
 * it must not hold anything the remote may not see.
 *
 * Context: process context if @wait; else any context.
 * Return: the payload area, or an ERR_PTR(): -ENOMEM when @wait is false
 * and no buffer is free, -EOPNOTSUPP when the transport has no zero-copy
 * sending (then use rpmsg_send()), or what rpmsg_send() returns.
 */
void *rpmsg_get_tx_buffer(struct rpmsg_endpoint *ept, unsigned int *size,
			  bool wait)
{
	might_sleep_if(wait);
	if (!ept || !ept->ops || !size)
		return ERR_PTR(-EINVAL);
	if (!ept->ops->get_tx_buffer)
		return ERR_PTR(-EOPNOTSUPP);
	return ept->ops->get_tx_buffer(ept, size, wait);
}
EXPORT_SYMBOL(rpmsg_get_tx_buffer);

/**
 * rpmsg_sendto_nocopy() - send a message built in a borrowed buffer
 * @ept: the endpoint the buffer was borrowed for; its address is the source
 * @buf: the payload area rpmsg_get_tx_buffer() returned
 * @len: payload length, at most the size it reported
 * @dst: remote address
 *
 * The buffer goes back to the transport whatever the result, so @buf must
 * not be touched afterwards; only when @buf is not a borrowed buffer at
 * all does this fail with -EINVAL and change nothing.
 *
 * Context: any context.
 * Return: 0 when the message was handed to the remote, -EMSGSIZE when
 * @len exceeds the buffer, -EINVAL for a bad @buf or address, -ENODEV
 * when the remote has gone away.
 */
int rpmsg_sendto_nocopy(struct rpmsg_endpoint *ept, void *buf, int len,
			u32 dst)
{
	if (!ept || !ept->ops || !buf)
		return -EINVAL;
	if (!ept->ops->send_nocopy)
		return -EOPNOTSUPP;
	return ept->ops->send_nocopy(ept, buf, len, dst);
}
EXPORT_SYMBOL(rpmsg_sendto_nocopy);

/**
 * rpmsg_send_nocopy() - send a borrowed buffer to the channel's remote
 * @ept: the endpoint the buffer was borrowed for
 * @buf: the payload area rpmsg_get_tx_buffer() returned
 * @len: payload length
 *
 * rpmsg_sendto_nocopy() to the remote address of @ept's channel.
 *
 * Context: any context.
 * Return: as for rpmsg_sendto_nocopy().
 */
int rpmsg_send_nocopy(struct rpmsg_endpoint *ept, void *buf, int len)
{
	if (!ept || !ept->rpdev)
		return -EINVAL;
	return rpmsg_sendto_nocopy(ept, buf, len, ept->rpdev->dst);
}
EXPORT_SYMBOL(rpmsg_send_nocopy);

/**
 * rpmsg_put_tx_buffer() - give a borrowed buffer back unsent
 * @ept: the endpoint the buffer was borrowed for
 * @buf: the payload area rpmsg_get_tx_buffer() returned
 *
 * For a send that is abandoned after rpmsg_get_tx_buffer(), for example
 * because copy_from_user() failed.
 *
 * Context: any context.
 */
void rpmsg_put_tx_buffer(struct rpmsg_endpoint *ept, void *buf)
{
	if (ept && ept->ops && ept->ops->put_tx_buffer && buf)
		ept->ops->put_tx_buffer(ept, buf);
}
EXPORT_SYMBOL(rpmsg_put_tx_buffer);

/**
 * rpmsg_get_tx_buffers() - borrow several send buffers at once
 * @ept: the endpoint that will send them
 * @bufs: filled with the payload areas, as rpmsg_get_tx_buffer() returns
 *	them
 * @n: how many are wanted, at least one; at most %RPMSG_TX_BATCH_MAX are
 *	lent at once
 * @size: set to the payload size of each
 * @wait: sleep until at least one is free, as rpmsg_get_tx_buffer()
 *
 * rpmsg_get_tx_buffer() for as many buffers as are free, up to @n: for a
 * sender with several messages at hand, which fills them and sends them
 * with rpmsg_sendto_nocopy_batch(), or gives back what it does not use
 * with rpmsg_put_tx_buffer(). A transport that can lend several at once
 * does it under one lock; others lend them one by one.
 *
 * Context: process context if @wait; otherwise any context.
 * Return: how many buffers were lent (at least one), or a negative errno
 * as rpmsg_get_tx_buffer() returns in its ERR_PTR().
 */
int rpmsg_get_tx_buffers(struct rpmsg_endpoint *ept, void **bufs,
			 unsigned int n, unsigned int *size, bool wait)
{
	unsigned int got;
	void *buf;

	might_sleep_if(wait);
	if (!ept || !ept->ops || !bufs || !size || !n)
		return -EINVAL;
	n = min_t(unsigned int, n, RPMSG_TX_BATCH_MAX);
	if (ept->ops->get_tx_buffers)
		return ept->ops->get_tx_buffers(ept, bufs, n, size, wait);

	for (got = 0; got < n; got++) {
		buf = rpmsg_get_tx_buffer(ept, size, wait && !got);
		if (IS_ERR(buf))
			return got ?: PTR_ERR(buf);
		bufs[got] = buf;
	}
	return got;
}
EXPORT_SYMBOL(rpmsg_get_tx_buffers);

/**
 * rpmsg_sendto_nocopy_batch() - send several borrowed buffers
 * @ept: the endpoint the buffers were borrowed for; the source address
 * @bufs: payload areas rpmsg_get_tx_buffer() or rpmsg_get_tx_buffers()
 *	returned
 * @lens: payload length of each, at most the size reported with it
 * @n: number of messages, at least one
 * @dst: remote address of all of them
 *
 * rpmsg_sendto_nocopy() for each in order, with as few notifications of
 * the remote as the transport can manage (one for all, if it sends them
 * at once). The first message that cannot be sent ends the batch: the
 * buffers from there on go back to the transport unsent. In any case
 * none of @bufs may be touched afterwards; only a NULL @ept or @bufs, or
 * @n of 0, fails with -EINVAL and changes nothing.
 *
 * Context: any context.
 * Return: the number of messages sent; if none was, the error of the
 * first, as for rpmsg_sendto_nocopy() (-EINVAL for a NULL @lens).
 */
int rpmsg_sendto_nocopy_batch(struct rpmsg_endpoint *ept, void * const *bufs,
			      const unsigned int *lens, unsigned int n,
			      u32 dst)
{
	unsigned int i = 0, sent = 0;
	int ret = 0;

	if (!ept || !ept->ops || !bufs || !n)
		return -EINVAL;
	if (!lens) {
		ret = -EINVAL;
		goto put_rest;
	}
	if (ept->ops->send_nocopy_batch)
		return ept->ops->send_nocopy_batch(ept, bufs, lens, n, dst);

	for (i = 0; i < n && !ret; i++) {
		/* The buffer goes back whatever the result */
		ret = rpmsg_sendto_nocopy(ept, bufs[i], min_t(unsigned int,
							      lens[i], INT_MAX),
					  dst);
		if (!ret)
			sent++;
	}
put_rest:
	/* The rest, after a failure */
	for (; i < n; i++)
		rpmsg_put_tx_buffer(ept, bufs[i]);
	return sent ?: ret;
}
EXPORT_SYMBOL(rpmsg_sendto_nocopy_batch);

/**
 * rpmsg_get_mtu() - largest payload one message of @ept can carry
 * @ept: the endpoint
 *
 * Return: the payload size in bytes, -EINVAL for a NULL endpoint or
 * -EOPNOTSUPP when the transport does not report one.
 */
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{
	if (!ept || !ept->ops)
		return -EINVAL;
	if (!ept->ops->get_mtu)
		return -EOPNOTSUPP;
	return ept->ops->get_mtu(ept);
}
EXPORT_SYMBOL(rpmsg_get_mtu);

/**
 * rpmsg_create_channel() - create a channel device on @rpdev's transport
 * @rpdev: any channel device of the transport (its parent hosts the new one)
 * @chinfo: name and addresses of the new channel
 *
 * Used for static channels that no name service announces, and by the
 * name service itself. A driver matching @chinfo->name probes it.
 *
 * Context: process context; may sleep.
 * Return: the new channel device, or NULL if the transport cannot create
 * channels, the channel already exists or registration failed.
 */
struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo)
{
	might_sleep();
	if (!rpdev || !chinfo || !rpdev->ops)
		return NULL;
	if (!rpdev->ops->create_channel) {
		dev_err(&rpdev->dev, "transport cannot create channels\n");
		return NULL;
	}
	return rpdev->ops->create_channel(rpdev, chinfo);
}
EXPORT_SYMBOL(rpmsg_create_channel);

/**
 * rpmsg_release_channel() - remove a channel created on @rpdev's transport
 * @rpdev: any channel device of the transport
 * @chinfo: name and addresses of the channel to remove
 *
 * Context: process context; may sleep.
 * Return: 0, -EINVAL when there is no such channel, or -ENXIO when the
 * transport cannot release channels.
 */
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo)
{
	might_sleep();
	if (!rpdev || !chinfo || !rpdev->ops)
		return -EINVAL;
	if (!rpdev->ops->release_channel) {
		dev_err(&rpdev->dev, "transport cannot release channels\n");
		return -ENXIO;
	}
	return rpdev->ops->release_channel(rpdev, chinfo);
}
EXPORT_SYMBOL(rpmsg_release_channel);
