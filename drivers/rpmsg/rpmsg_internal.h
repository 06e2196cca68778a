/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Private interface between the rpmsg core and its transports.
 */
#ifndef __RPMSG_INTERNAL_H__
#define __RPMSG_INTERNAL_H__

#include <linux/poll.h>
#include <linux/rpmsg.h>

#define to_rpmsg_device(d) container_of(d, struct rpmsg_device, dev)
#define to_rpmsg_driver(d) container_of(d, struct rpmsg_driver, drv)

/**
 * struct rpmsg_device_ops - what a transport does for a channel device
 * @create_ept: create an endpoint; required. Called from process context.
 * @announce_create: tell the remote a local channel is now bound; optional.
 * @announce_destroy: tell the remote a local channel went away; optional.
 * @create_channel: create a channel device under @rpdev's transport;
 *	optional. Return the registered device or NULL.
 * @release_channel: remove the channel matching @chinfo; optional.
 * @create_remote_channel: create the channel the remote announced as
 *	@chinfo (name, remote address in @dst); for the name service. The
 *	transport counts it against its limit per remote and remembers that
 *	the remote owns it. Return 0, -ENOSPC at the limit, -EEXIST for a
 *	duplicate or another negative errno. Optional.
 * @release_remote_channel: remove the channel the remote announced as
 *	exactly @chinfo's name and remote address; for the name service.
 *	Return 0, -EPERM when the channel is not one the remote announced,
 *	-ENOENT when there is none. Optional.
 * @dma_device: the device whose DMA API allocates memory the remote can
 *	reach, as the transport's own buffers are; optional. The device
 *	lives as long as @rpdev.
 *
 * All of these may sleep.
 */
struct rpmsg_device_ops {
	struct rpmsg_endpoint *(*create_ept)(struct rpmsg_device *rpdev,
					     rpmsg_rx_cb_t cb, void *priv,
					     struct rpmsg_channel_info chinfo);
	int (*announce_create)(struct rpmsg_device *rpdev);
	int (*announce_destroy)(struct rpmsg_device *rpdev);
	struct rpmsg_device *(*create_channel)(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
	int (*release_channel)(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
	int (*create_remote_channel)(struct rpmsg_device *rpdev,
				     struct rpmsg_channel_info *chinfo);
	int (*release_remote_channel)(struct rpmsg_device *rpdev,
				      struct rpmsg_channel_info *chinfo);
	struct device *(*dma_device)(struct rpmsg_device *rpdev);
};

/**
 * struct rpmsg_endpoint_ops - what a transport does for an endpoint
 * @destroy_ept: see rpmsg_destroy_ept(); required
 * @send: see rpmsg_send(); required
 * @trysend: see rpmsg_trysend(); required
 * @sendto: see rpmsg_sendto(); optional
 * @trysendto: see rpmsg_trysendto(); optional
 * @send_offchannel: see rpmsg_send_offchannel(); optional
 * @trysend_offchannel: see rpmsg_trysend_offchannel(); optional
 * @get_mtu: see rpmsg_get_mtu(); optional
 * @poll: see rpmsg_poll(); optional
 * @get_tx_buffer: see rpmsg_get_tx_buffer(); optional, but a transport
 *	that has it must have @send_nocopy and @put_tx_buffer too
 * @send_nocopy: see rpmsg_sendto_nocopy(); @dst is always given
 * @put_tx_buffer: see rpmsg_put_tx_buffer()
 * @get_tx_buffers: see rpmsg_get_tx_buffers(); optional, for a transport
 *	with @get_tx_buffer that can lend several buffers cheaper than one
 *	by one
 * @send_nocopy_batch: see rpmsg_sendto_nocopy_batch(); optional, as
 *	@get_tx_buffers, for one that can send several at once
 * @busy_poll: deliver what the remote has sent so far, right now and in
 *	the caller's context, as the transport's receive interrupt would;
 *	for readers that poll instead of sleeping. Optional; must not sleep,
 *	may be called with preemption enabled.
 *
 * The send variants that wait may sleep; the try variants must not, nor
 * may @get_tx_buffer without @wait, @send_nocopy or @put_tx_buffer, nor
 * their batch variants.
 */
struct rpmsg_endpoint_ops {
	void (*destroy_ept)(struct rpmsg_endpoint *ept);
	int (*send)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*trysend)(struct rpmsg_endpoint *ept, void *data, int len);
	int (*sendto)(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
	int (*trysendto)(struct rpmsg_endpoint *ept, void *data, int len,
			 u32 dst);
	int (*send_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			       void *data, int len);
	int (*trysend_offchannel)(struct rpmsg_endpoint *ept, u32 src, u32 dst,
				  void *data, int len);
	ssize_t (*get_mtu)(struct rpmsg_endpoint *ept);
	__poll_t (*poll)(struct rpmsg_endpoint *ept, struct file *filp,
			 poll_table *wait);
	void *(*get_tx_buffer)(struct rpmsg_endpoint *ept, unsigned int *size,
			       bool wait);
	int (*send_nocopy)(struct rpmsg_endpoint *ept, void *buf, int len,
			   u32 dst);
	void (*put_tx_buffer)(struct rpmsg_endpoint *ept, void *buf);
	int (*get_tx_buffers)(struct rpmsg_endpoint *ept, void **bufs,
			      unsigned int n, unsigned int *size, bool wait);
	int (*send_nocopy_batch)(struct rpmsg_endpoint *ept, void * const *bufs,
				 const unsigned int *lens, unsigned int n,
				 u32 dst);
	void (*busy_poll)(struct rpmsg_endpoint *ept);
};

/**
 * rpmsg_busy_poll() - have the transport deliver what arrived, right now
 * @ept: an endpoint of the transport
 *
 * Context: may be called with preemption enabled; does not sleep.
 * Return: false when the transport cannot do it (no busy polling).
 */
static inline bool rpmsg_busy_poll(struct rpmsg_endpoint *ept)
{
	if (!ept->ops->busy_poll)
		return false;
	ept->ops->busy_poll(ept);
	return true;
}

struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo);
int rpmsg_unregister_child(struct device *dev, void *data);

/**
 * rpmsg_chinfo_matches() - does a channel device fit a lookup key
 * @rpdev: the channel device
 * @chinfo: the key; %RPMSG_ADDR_ANY addresses match anything
 *
 * Return: true when the names are equal and each fixed address matches.
 */
static inline bool rpmsg_chinfo_matches(const struct rpmsg_device *rpdev,
					const struct rpmsg_channel_info *chinfo)
{
	if (chinfo->src != RPMSG_ADDR_ANY && chinfo->src != rpdev->src)
		return false;
	if (chinfo->dst != RPMSG_ADDR_ANY && chinfo->dst != rpdev->dst)
		return false;
	return !strncmp(chinfo->name, rpdev->id.name, RPMSG_NAME_SIZE);
}

/**
 * rpmsg_ctrldev_register_device() - register @rpdev for the control driver
 * @rpdev: a prepared channel device of the transport
 *
 * Return: 0 or a negative errno; see rpmsg_register_device_override().
 */
static inline int rpmsg_ctrldev_register_device(struct rpmsg_device *rpdev)
{
	return rpmsg_register_device_override(rpdev, "rpmsg_ctrl");
}

#endif /* __RPMSG_INTERNAL_H__ */
