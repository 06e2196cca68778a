/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg - the remote processor messaging bus
 *
 * Client drivers bind to named channels (struct rpmsg_device) that a
 * transport such as virtio_rpmsg_bus creates, and exchange datagrams with
 * the remote side through endpoints (struct rpmsg_endpoint), each of which
 * owns one local address.
 */
#ifndef _LINUX_RPMSG_H
#define _LINUX_RPMSG_H

#include <linux/device.h>
#include <linux/err.h>
#include <linux/kref.h>
#include <linux/mod_devicetable.h>
#include <linux/poll.h>
#include <linux/types.h>
#include <linux/rpmsg/byteorder.h>
#include <uapi/linux/rpmsg.h>

/*
 * Most buffers rpmsg_get_tx_buffers() lends at once, and a transport
 * queues with one hold of a lock: it keeps interrupts off that long
 */
#define RPMSG_TX_BATCH_MAX	64

struct rpmsg_device_ops;
struct rpmsg_endpoint_ops;
struct rpmsg_endpoint;
struct module;

/**
 * struct rpmsg_channel_info - identity of a channel or endpoint
 * @name: service name, NUL terminated within %RPMSG_NAME_SIZE bytes
 * @src: local address (%RPMSG_ADDR_ANY: allocate one)
 * @dst: remote address (%RPMSG_ADDR_ANY: no default peer)
 */
struct rpmsg_channel_info {
	char name[RPMSG_NAME_SIZE];
	u32 src, dst;
};

/**
 * struct rpmsg_device - a channel on the rpmsg bus
 * @dev: the embedded device; its release frees the transport's wrapper
 * @id: channel name, matched against &rpmsg_driver.id_table
 * @driver_override: name of the only driver allowed to bind; owned by the
 *	core, change it only through driver_set_override()
 * @src: local address of the channel endpoint
 * @dst: remote address the channel talks to by default
 * @ept: the channel endpoint, created by the core while a driver is bound
 * @announce: tell the remote about this channel when it is bound/unbound
 * @little_endian: byte order the transport uses on the wire
 * @ops: transport operations, set by the transport before registration
 *
 * Lifetime: the transport allocates the structure, fills in @ops, the
 * addresses and @id, and hands it to rpmsg_register_device(). From then on
 * it is reference counted through @dev: after a failed registration or after
 * unregistration, drop it with put_device(), never kfree().
 */
struct rpmsg_device {
	struct device dev;
	const struct rpmsg_device_ops *ops;
	struct rpmsg_endpoint *ept;
	struct rpmsg_device_id id;
	u32 src, dst;
	const char *driver_override;
	bool announce;
	bool little_endian;
};

/**
 * typedef rpmsg_rx_cb_t - receive callback of an endpoint
 * @rpdev: the channel the endpoint belongs to
 * @data: message payload; only valid until the callback returns
 * @len: payload length in bytes
 * @priv: the endpoint's private pointer (&rpmsg_endpoint.priv)
 * @src: address of the sender
 *
 * Context: process context, may sleep; unless the endpoint was marked with
 * rpmsg_set_rx_atomic(), in which case any context, hard IRQ included, and
 * it must not sleep. This holds for every transport. The callbacks of one
 * transport device are never called concurrently, and each endpoint sees
 * its messages in the order the remote sent them.
 *
 * Return: 0; transports ignore other values except for logging them.
 */
typedef int (*rpmsg_rx_cb_t)(struct rpmsg_device *rpdev, void *data, int len,
			     void *priv, u32 src);

/**
 * struct rpmsg_endpoint - a local address bound to a receive callback
 * @rpdev: the channel this endpoint was created on
 * @refcount: the transport frees the endpoint when this drops to zero
 * @cb: receive callback; cleared by rpmsg_destroy_ept()
 * @addr: the local address
 * @priv: private pointer handed back to @cb
 * @rx_atomic: @cb never sleeps and may be called in any context; set with
 *	rpmsg_set_rx_atomic()
 * @ops: transport operations on this endpoint
 *
 * Simple drivers never see this structure: the core creates the channel
 * endpoint on probe, with &rpmsg_driver.callback as @cb, and stores it in
 * &rpmsg_device.ept. Drivers that need more addresses create extra
 * endpoints with rpmsg_create_ept().
 *
 * The transport guarantees that once rpmsg_destroy_ept() returns, @cb is
 * not running and will not be called again.
 */
struct rpmsg_endpoint {
	const struct rpmsg_endpoint_ops *ops;
	struct rpmsg_device *rpdev;
	rpmsg_rx_cb_t cb;
	void *priv;
	u32 addr;
	bool rx_atomic;
	struct kref refcount;
};

/**
 * struct rpmsg_driver - a client driver of the rpmsg bus
 * @drv: the embedded device driver
 * @id_table: channel names this driver serves, ended by an empty entry
 * @probe: called when a matching channel appears; may sleep
 * @remove: called when the channel goes away or the driver unbinds
 * @callback: receive callback of the channel endpoint, see rpmsg_rx_cb_t
 */
struct rpmsg_driver {
	struct device_driver drv;
	const struct rpmsg_device_id *id_table;
	int (*probe)(struct rpmsg_device *dev);
	void (*remove)(struct rpmsg_device *dev);
	int (*callback)(struct rpmsg_device *rpdev, void *data, int len,
			void *priv, u32 src);
};

/* A macro, so that THIS_MODULE is the caller's module */
#define register_rpmsg_driver(drv) __register_rpmsg_driver(drv, THIS_MODULE)

/**
 * module_rpmsg_driver() - declare module init/exit that only (un)register
 * @__rpmsg_driver: the struct rpmsg_driver to register
 *
 * Use at most once per module; it stands in for module_init() and
 * module_exit().
 */
#define module_rpmsg_driver(__rpmsg_driver) \
	module_driver(__rpmsg_driver, register_rpmsg_driver, unregister_rpmsg_driver)

static inline bool __rpmsg_le(struct rpmsg_device *rpdev)
{
	return rpdev ? rpdev->little_endian : rpmsg_is_little_endian();
}

/**
 * rpmsg16_to_cpu() - read a 16-bit wire value of @rpdev
 * @rpdev: the channel, or NULL for the CPU's own byte order
 * @val: value in wire order
 *
 * Return: @val in CPU order. The 32 and 64-bit variants work the same way.
 */
static inline u16 rpmsg16_to_cpu(struct rpmsg_device *rpdev, __rpmsg16 val)
{
	return __rpmsg16_to_cpu(__rpmsg_le(rpdev), val);
}

/**
 * cpu_to_rpmsg16() - produce a 16-bit wire value for @rpdev
 * @rpdev: the channel, or NULL for the CPU's own byte order
 * @val: value in CPU order
 *
 * Return: @val in wire order. The 32 and 64-bit variants work the same way.
 */
static inline __rpmsg16 cpu_to_rpmsg16(struct rpmsg_device *rpdev, u16 val)
{
	return __cpu_to_rpmsg16(__rpmsg_le(rpdev), val);
}

static inline u32 rpmsg32_to_cpu(struct rpmsg_device *rpdev, __rpmsg32 val)
{
	return __rpmsg32_to_cpu(__rpmsg_le(rpdev), val);
}

static inline __rpmsg32 cpu_to_rpmsg32(struct rpmsg_device *rpdev, u32 val)
{
	return __cpu_to_rpmsg32(__rpmsg_le(rpdev), val);
}

static inline u64 rpmsg64_to_cpu(struct rpmsg_device *rpdev, __rpmsg64 val)
{
	return __rpmsg64_to_cpu(__rpmsg_le(rpdev), val);
}

static inline __rpmsg64 cpu_to_rpmsg64(struct rpmsg_device *rpdev, u64 val)
{
	return __cpu_to_rpmsg64(__rpmsg_le(rpdev), val);
}

#if IS_ENABLED(CONFIG_RPMSG)

int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner);
void unregister_rpmsg_driver(struct rpmsg_driver *drv);
int rpmsg_register_device(struct rpmsg_device *rpdev);
int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override);
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo);

struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo);
void rpmsg_destroy_ept(struct rpmsg_endpoint *ept);
void rpmsg_set_rx_atomic(struct rpmsg_endpoint *ept, bool atomic);

/* Each send waits for a free buffer; its try variant fails instead */
int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len);
int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst);
int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			  void *data, int len);
int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept, u32 src, u32 dst,
			     void *data, int len);
ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept);
__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *filp,
		    poll_table *wait);

/*
 * Zero-copy sending: build the message in a buffer lent by the transport;
 * the batch variants move several at once
 */
void *rpmsg_get_tx_buffer(struct rpmsg_endpoint *ept, unsigned int *size,
			  bool wait);
int rpmsg_send_nocopy(struct rpmsg_endpoint *ept, void *buf, int len);
int rpmsg_sendto_nocopy(struct rpmsg_endpoint *ept, void *buf, int len,
			u32 dst);
void rpmsg_put_tx_buffer(struct rpmsg_endpoint *ept, void *buf);
int rpmsg_get_tx_buffers(struct rpmsg_endpoint *ept, void **bufs,
			 unsigned int n, unsigned int *size, bool wait);
int rpmsg_sendto_nocopy_batch(struct rpmsg_endpoint *ept, void * const *bufs,
			      const unsigned int *lens, unsigned int n,
			      u32 dst);

struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *rpdev,
					  struct rpmsg_channel_info *chinfo);
int rpmsg_release_channel(struct rpmsg_device *rpdev,
			  struct rpmsg_channel_info *chinfo);

#else /* !CONFIG_RPMSG */

/*
 * Without the bus nothing can hand a driver an rpmsg_device or endpoint, so
 * these stubs only exist to let optional users compile; they fail cleanly.
 */
static inline int rpmsg_register_device_override(struct rpmsg_device *rpdev,
						 const char *driver_override)
{ return -ENXIO; }
static inline int rpmsg_register_device(struct rpmsg_device *rpdev)
{ return -ENXIO; }
static inline int rpmsg_unregister_device(struct device *parent,
					  struct rpmsg_channel_info *chinfo)
{ return -ENXIO; }
static inline int __register_rpmsg_driver(struct rpmsg_driver *drv,
					  struct module *owner)
{ return -ENXIO; }
static inline void unregister_rpmsg_driver(struct rpmsg_driver *drv) { }
static inline struct rpmsg_endpoint *
rpmsg_create_ept(struct rpmsg_device *rpdev, rpmsg_rx_cb_t cb, void *priv,
		 struct rpmsg_channel_info chinfo)
{ return NULL; }
static inline void rpmsg_destroy_ept(struct rpmsg_endpoint *ept) { }
static inline void rpmsg_set_rx_atomic(struct rpmsg_endpoint *ept,
				       bool atomic) { }
static inline int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{ return -ENXIO; }
static inline int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data,
			       int len, u32 dst)
{ return -ENXIO; }
static inline int rpmsg_send_offchannel(struct rpmsg_endpoint *ept, u32 src,
					u32 dst, void *data, int len)
{ return -ENXIO; }
static inline int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data,
				int len)
{ return -ENXIO; }
static inline int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data,
				  int len, u32 dst)
{ return -ENXIO; }
static inline int rpmsg_trysend_offchannel(struct rpmsg_endpoint *ept,
					   u32 src, u32 dst, void *data,
					   int len)
{ return -ENXIO; }
static inline __poll_t rpmsg_poll(struct rpmsg_endpoint *ept,
				  struct file *filp, poll_table *wait)
{ return 0; }
static inline ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{ return -ENXIO; }
static inline void *rpmsg_get_tx_buffer(struct rpmsg_endpoint *ept,
					unsigned int *size, bool wait)
{ return ERR_PTR(-ENXIO); }
static inline int rpmsg_send_nocopy(struct rpmsg_endpoint *ept, void *buf,
				    int len)
{ return -ENXIO; }
static inline int rpmsg_sendto_nocopy(struct rpmsg_endpoint *ept, void *buf,
				      int len, u32 dst)
{ return -ENXIO; }
static inline void rpmsg_put_tx_buffer(struct rpmsg_endpoint *ept, void *buf)
{ }
static inline int rpmsg_get_tx_buffers(struct rpmsg_endpoint *ept,
				       void **bufs, unsigned int n,
				       unsigned int *size, bool wait)
{ return -ENXIO; }
static inline int rpmsg_sendto_nocopy_batch(struct rpmsg_endpoint *ept,
					    void * const *bufs,
					    const unsigned int *lens,
					    unsigned int n, u32 dst)
{ return -ENXIO; }
static inline struct rpmsg_device *
rpmsg_create_channel(struct rpmsg_device *rpdev,
		     struct rpmsg_channel_info *chinfo)
{ return NULL; }
static inline int rpmsg_release_channel(struct rpmsg_device *rpdev,
					struct rpmsg_channel_info *chinfo)
{ return -ENXIO; }

#endif /* CONFIG_RPMSG */

#endif /* _LINUX_RPMSG_H */
