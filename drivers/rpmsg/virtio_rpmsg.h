/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio rpmsg transport: wire header, limits and the per-device state,
 * shared between virtio_rpmsg_bus.c and its KUnit suite.
 */
#ifndef __VIRTIO_RPMSG_H__
#define __VIRTIO_RPMSG_H__

#include <linux/build_bug.h>
#include <linux/kref.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/virtio_types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

/* Feature bit: the remote runs a name service at address 53 */
#define VIRTIO_RPMSG_F_NS	0
/*
 * Feature bit: the config space holds a struct virtio_rpmsg_config with
 * the buffer size of each direction. Not an upstream assignment (bit 1 is
 * under review there for a similar purpose, NuttX gives 1..3 other
 * meanings), so it is kept far from the low bits; see
 * Documentation/driver-api/rpmsg/virtio.rst.
 */
#define VIRTIO_RPMSG_F_BUF_SIZES	20

/* Buffer size every remote understands: 16 B header + 496 B payload */
#define VRP_BUF_SIZE		512
/* Largest buffer a remote may ask for with VIRTIO_RPMSG_F_BUF_SIZES */
#define VRP_MAX_BUF_SIZE	SZ_64K
/* Upper bound of buffers per direction, whatever the vring size */
#define VRP_MAX_BUFS		256
/* Upper bound of the whole buffer region: what 512 B buffers use */
#define VRP_MAX_POOL		(2 * VRP_MAX_BUFS * VRP_BUF_SIZE)
/* How long a blocking send waits for a free transmit buffer */
#define VRP_TX_TIMEOUT		(15 * HZ)
/* Addresses below this are for fixed use; dynamic ones start here */
#define VRP_FIRST_DYN_ADDR	1024
/* Received messages handled before the freed buffers are handed back */
#define VRP_RX_KICK_BATCH	32
/* Received messages handled per run of the receive work */
#define VRP_RX_BUDGET		(4 * VRP_RX_KICK_BATCH)
/* Received messages handled inside one ring interrupt */
#define VRP_RX_IRQ_BUDGET	(2 * VRP_RX_KICK_BATCH)
/* Largest value max_channels and max_endpoints accept */
#define VRP_LIMIT_MAX		65535

bool vrp_count_get(atomic_t *count, unsigned int limit);

/**
 * struct rpmsg_hdr - header in front of every message (16 bytes)
 * @src: sender's address
 * @dst: recipient's address
 * @reserved: used by some remote stacks for their own purposes; we send 0
 *	and never look at it on receive
 * @len: payload length in bytes
 * @flags: we send 0 and ignore it on receive
 * @data: the payload
 */
struct rpmsg_hdr {
	__rpmsg32 src, dst, reserved;
	__rpmsg16 len, flags;
	u8 data[];
} __packed;

static_assert(sizeof(struct rpmsg_hdr) == 16);

/**
 * struct virtio_rpmsg_config - config space with VIRTIO_RPMSG_F_BUF_SIZES
 * @rx_buf_size: size of the buffers Linux posts on vring 0, which carry
 *	the remote's messages to Linux (header included)
 * @tx_buf_size: size of the buffers Linux sends on vring 1
 *
 * Both in the device's byte order (legacy virtio). Each must be a power
 * of two from %VRP_BUF_SIZE to %VRP_MAX_BUF_SIZE, else Linux declines the
 * feature and uses %VRP_BUF_SIZE both ways.
 */
struct virtio_rpmsg_config {
	__virtio32 rx_buf_size;
	__virtio32 tx_buf_size;
} __packed;

static_assert(sizeof(struct virtio_rpmsg_config) == 8);

int vrp_check_buf_size(u32 size);
unsigned int vrp_nr_bufs(unsigned int buf_size, unsigned int ring_size);

/**
 * struct vrp_rx_msg - a received message, validated and in CPU order
 * @src: sender's address
 * @dst: recipient's address
 * @len: payload length, guaranteed to lie within the buffer
 * @data: the payload inside the shared buffer
 */
struct vrp_rx_msg {
	u32 src;
	u32 dst;
	u16 len;
	void *data;
};

int vrp_parse_hdr(void *buf, unsigned int used_len, unsigned int buf_size,
		  bool little_endian, struct vrp_rx_msg *msg);

struct virtio_rpmsg_ept;

/**
 * enum vrp_rx_owner - who drains the receive ring
 * @VRP_RX_IDLE: nobody; the next ring interrupt drains it
 * @VRP_RX_IRQ: the ring interrupt, in whatever context it was raised
 * @VRP_RX_WORK: the receive work item, queued or running
 */
enum vrp_rx_owner {
	VRP_RX_IDLE,
	VRP_RX_IRQ,
	VRP_RX_WORK,
};

/**
 * struct virtproc_info - state of one virtio rpmsg device
 * @vdev: the virtio device
 * @rvq: receive queue (vring 0), touched only by @rx_work, or by
 *	probe/remove when it cannot run
 * @svq: send queue (vring 1), protected by @tx_lock
 * @bufs: start of the coherent buffer region, receive half first
 * @bufs_dma: DMA address of @bufs
 * @bufs_size: size of the region in bytes
 * @buf_pages: the page of each page-sized step of @bufs (page-aligned, as
 *	dma_alloc_coherent() returns it), looked up once: the region may
 *	lie in the vmalloc area, where each lookup walks the page tables
 * @rx_buf_size: size of one receive buffer, header included
 * @tx_buf_size: size of one send buffer, header included
 * @num_rbufs: number of receive buffers
 * @num_sbufs: number of send buffers
 * @tx_lock: protects @svq, @tx_free, @tx_nfree, @tx_lent, @tx_filling,
 *	@tx_waiters and @dead;
 *	a spinlock held only for ring operations, never across a copy
 * @tx_free: stack of send buffers the remote has handed back
 * @tx_nfree: number of entries in @tx_free
 * @tx_lent: bitmap of the send buffers lent out by vrp_get_tx_buffers()
 * @tx_filling: senders copying a payload into a buffer they took; the
 *	last one to queue its buffer notifies the remote for all
 * @tx_waiters: senders sleeping for a buffer; send-done interrupts are
 *	enabled only while this is non-zero
 * @dead: the device is being removed; no new ring operation may start
 * @tx_users: senders between taking a buffer and notifying the remote
 * @tx_wq: where senders wait for buffers and remove waits for @tx_users
 * @tx_timeout: how long a blocking send waits for a buffer, in jiffies
 * @epts: local address -> struct virtio_rpmsg_ept; its internal lock
 *	(irq-safe) also protects the setting of &rpmsg_endpoint.cb and of
 *	@rx_cur
 * @dyn_first: first address handed out for %RPMSG_ADDR_ANY
 * @dyn_last: last address handed out for %RPMSG_ADDR_ANY
 * @max_epts: how many endpoints may exist at once; sysfs may change it
 * @nr_epts: endpoints created and not yet freed
 * @max_channels: how many channels the remote may have announced at
 *	once; sysfs may change it
 * @nr_channels: channels the remote announced whose devices are not yet
 *	freed
 * @rx_lock: protects @rx_owner, @rx_again and the setting of @rx_dead;
 *	irq-safe, never held across a callback
 * @rx_owner: who may touch @rvq, @rx_held and @rx_task right now
 * @rx_again: a ring interrupt came while someone else owned @rvq; the
 *	owner drains once more before giving the ring up
 * @rx_held: a message the interrupt took off @rvq but could not deliver
 *	in its context; @rx_work delivers it first. Owned with @rvq
 * @rx_held_len: used length of @rx_held
 * @rx_work: drains @rvq in process context, for callbacks that may sleep
 * @rx_dead: the device is being removed; nobody may start touching @rvq
 * @rx_task: the task the draining code runs on (for an interrupt, the
 *	one it interrupted), or NULL
 * @rx_cur: endpoint the owner of @rvq is delivering to, with a reference,
 *	until its drain ends; set under @epts' lock by that owner only
 * @rx_cb_wq: rpmsg_destroy_ept() waits here for @rx_cur to move on
 * @kref: the device holds one reference, every endpoint and channel one
 *
 * Locking order: @tx_lock, @rx_lock and the @epts lock are never held
 * together.
 */
struct virtproc_info {
	struct virtio_device *vdev;
	struct virtqueue *rvq;
	struct virtqueue *svq;
	void *bufs;
	dma_addr_t bufs_dma;
	struct page **buf_pages;
	size_t bufs_size;
	unsigned int rx_buf_size;
	unsigned int tx_buf_size;
	unsigned int num_rbufs;
	unsigned int num_sbufs;

	spinlock_t tx_lock;	/* see @tx_lock above; ring ops only */
	void **tx_free;
	unsigned int tx_nfree;
	unsigned long *tx_lent;
	unsigned int tx_filling;
	unsigned int tx_waiters;
	bool dead;
	atomic_t tx_users;
	wait_queue_head_t tx_wq;
	unsigned long tx_timeout;

	struct xarray epts;
	u32 dyn_first;
	u32 dyn_last;
	unsigned int max_epts;
	atomic_t nr_epts;
	unsigned int max_channels;
	atomic_t nr_channels;

	spinlock_t rx_lock;	/* see @rx_lock above; state changes only */
	enum vrp_rx_owner rx_owner;
	bool rx_again;
	void *rx_held;
	unsigned int rx_held_len;
	struct work_struct rx_work;
	bool rx_dead;
	struct task_struct *rx_task;
	struct virtio_rpmsg_ept *rx_cur;
	wait_queue_head_t rx_cb_wq;

	struct kref kref;
};

/**
 * struct virtio_rpmsg_ept - an endpoint of the virtio transport
 * @ept: the generic endpoint handed to clients
 * @vrp: the device; the endpoint holds a reference on it, and one on
 *	the device of &rpmsg_endpoint.rpdev
 */
struct virtio_rpmsg_ept {
	struct rpmsg_endpoint ept;
	struct virtproc_info *vrp;
};

/**
 * struct virtio_rpmsg_channel - a channel device of the virtio transport
 * @rpdev: the generic channel device
 * @vrp: the device; the channel holds a reference on it
 * @remote: the remote announced this channel through the name service:
 *	it counts in &virtproc_info.nr_channels until freed, and only such
 *	a channel may the remote withdraw. Set before registration.
 */
struct virtio_rpmsg_channel {
	struct rpmsg_device rpdev;
	struct virtproc_info *vrp;
	bool remote;
};

#endif /* __VIRTIO_RPMSG_H__ */
