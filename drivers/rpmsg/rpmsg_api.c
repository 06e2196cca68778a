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
	if (ept && ept->ops && ept->ops->destroy_ept)
		ept->ops->destroy_ept(ept);
}
EXPORT_SYMBOL(rpmsg_destroy_ept);

/* Common checks for every send flavour; -EINVAL for a caller bug */
static int rpmsg_check_msg(struct rpmsg_endpoint *ept, const void *data,
			   int len)
{
	if (!ept || !ept->ops || len < 0 || (len && !data))
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
	int ret = rpmsg_check_msg(ept, data, len);

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
	int ret = rpmsg_check_msg(ept, data, len);

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
	int ret = rpmsg_check_msg(ept, data, len);

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
	if (!rpdev || !chinfo || !rpdev->ops)
		return -EINVAL;
	if (!rpdev->ops->release_channel) {
		dev_err(&rpdev->dev, "transport cannot release channels\n");
		return -ENXIO;
	}
	return rpdev->ops->release_channel(rpdev, chinfo);
}
EXPORT_SYMBOL(rpmsg_release_channel);
