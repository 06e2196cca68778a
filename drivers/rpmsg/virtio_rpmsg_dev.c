// SPDX-License-Identifier: GPL-2.0
/*
 * virtio rpmsg transport: device setup, teardown and channel devices.
 *
 * Receive buffers sit on vring 0, send buffers on vring 1; both halves
 * come from one DMA-coherent region of the virtio device's parent, the
 * receive half first. The send and receive paths live in
 * virtio_rpmsg_tx.c and virtio_rpmsg_rx.c, endpoints in
 * virtio_rpmsg_ept.c; Documentation/driver-api/rpmsg/virtio.rst explains
 * the design.
 */

#include <linux/bitmap.h>
#include <linux/dma-mapping.h>
#include <linux/log2.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/rpmsg/ns.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <kunit/visibility.h>

#include "rpmsg_internal.h"
#include "virtio_rpmsg_priv.h"

/*
 * Defaults for devices probed from now on; each device's own copy is in
 * sysfs (Documentation/ABI/testing/sysfs-bus-virtio-devices-rpmsg).
 */
static unsigned int max_channels = 128;
module_param(max_channels, uint, 0644);
MODULE_PARM_DESC(max_channels,
		 "channels one remote may announce, for devices probed later (default 128)");

static unsigned int max_endpoints = 512;
module_param(max_endpoints, uint, 0644);
MODULE_PARM_DESC(max_endpoints,
		 "endpoints per remote, for devices probed later (default 512)");

/**
 * vrp_count_get() - take one unit of a limited count
 * @count: the count
 * @limit: what it may reach
 *
 * For the limits of one device; whoever took a unit puts it back with
 * atomic_dec(). A limit lowered below the count refuses until enough
 * units are back.
 *
 * Context: any context.
 * Return: true with @count raised by one, false if it had reached @limit.
 */
bool vrp_count_get(atomic_t *count, unsigned int limit)
{
	int old = atomic_read(count);

	do {
		if (old >= (int)min_t(unsigned int, limit, VRP_LIMIT_MAX))
			return false;
	} while (!atomic_try_cmpxchg(count, &old, old + 1));
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(vrp_count_get);

static void vrp_release(struct kref *kref)
{
	struct virtproc_info *vrp = container_of(kref, struct virtproc_info,
						 kref);

	xa_destroy(&vrp->epts);
	kfree(vrp);
}

/**
 * vrp_get() - take a reference on the device state
 * @vrp: the device state
 */
void vrp_get(struct virtproc_info *vrp)
{
	kref_get(&vrp->kref);
}

/**
 * vrp_put() - drop a reference; the last one frees the state
 * @vrp: the device state
 */
void vrp_put(struct virtproc_info *vrp)
{
	kref_put(&vrp->kref, vrp_release);
}

static inline struct virtio_rpmsg_channel *
to_vrp_channel(struct rpmsg_device *rpdev)
{
	return container_of(rpdev, struct virtio_rpmsg_channel, rpdev);
}

/**
 * vrp_from_rpdev() - the device state behind a channel of this transport
 * @rpdev: a channel device created by this transport
 *
 * Return: the device state; the channel holds a reference on it.
 */
struct virtproc_info *vrp_from_rpdev(struct rpmsg_device *rpdev)
{
	return to_vrp_channel(rpdev)->vrp;
}

static int vrp_announce(struct rpmsg_device *rpdev, enum rpmsg_ns_flags what)
{
	struct virtproc_info *vrp = vrp_from_rpdev(rpdev);
	struct rpmsg_ns_msg nsm = {};

	if (!rpdev->announce || !rpdev->ept ||
	    !virtio_has_feature(vrp->vdev, VIRTIO_RPMSG_F_NS))
		return 0;

	strscpy(nsm.name, rpdev->id.name, sizeof(nsm.name));
	nsm.addr = cpu_to_rpmsg32(rpdev, rpdev->ept->addr);
	nsm.flags = cpu_to_rpmsg32(rpdev, what);

	return rpmsg_sendto(rpdev->ept, &nsm, sizeof(nsm), RPMSG_NS_ADDR);
}

static int vrp_announce_create(struct rpmsg_device *rpdev)
{
	return vrp_announce(rpdev, RPMSG_NS_CREATE);
}

static int vrp_announce_destroy(struct rpmsg_device *rpdev)
{
	return vrp_announce(rpdev, RPMSG_NS_DESTROY);
}

/* Where the buffers live: memory the remote reaches (see vrp_alloc_bufs()) */
static struct device *vrp_dma_device(struct rpmsg_device *rpdev)
{
	return vrp_from_rpdev(rpdev)->vdev->dev.parent;
}

static struct rpmsg_device *vrp_create_channel(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo);
static int vrp_release_channel(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo);
static int vrp_create_remote_channel(struct rpmsg_device *rpdev,
				     struct rpmsg_channel_info *chinfo);
static int vrp_release_remote_channel(struct rpmsg_device *rpdev,
				      struct rpmsg_channel_info *chinfo);

static const struct rpmsg_device_ops vrp_dev_ops = {
	.create_channel		= vrp_create_channel,
	.release_channel	= vrp_release_channel,
	.create_remote_channel	= vrp_create_remote_channel,
	.release_remote_channel	= vrp_release_remote_channel,
	.create_ept		= vrp_create_ept,
	.announce_create	= vrp_announce_create,
	.announce_destroy	= vrp_announce_destroy,
	.dma_device		= vrp_dma_device,
};

static void vrp_channel_release(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	struct virtio_rpmsg_channel *vch = to_vrp_channel(rpdev);

	if (vch->remote)
		atomic_dec(&vch->vrp->nr_channels);
	vrp_put(vch->vrp);
	kfree(rpdev->driver_override);
	kfree(vch);
}

/* Allocate a channel device of @vrp; the caller registers it */
static struct rpmsg_device *vrp_alloc_channel(struct virtproc_info *vrp,
					      const char *name, u32 src,
					      u32 dst)
{
	struct virtio_rpmsg_channel *vch;
	struct rpmsg_device *rpdev;

	vch = kzalloc(sizeof(*vch), GFP_KERNEL);
	if (!vch)
		return NULL;

	vch->vrp = vrp;
	vrp_get(vrp);

	rpdev = &vch->rpdev;
	rpdev->ops = &vrp_dev_ops;
	rpdev->src = src;
	rpdev->dst = dst;
	rpdev->little_endian = virtio_is_little_endian(vrp->vdev);
	strscpy(rpdev->id.name, name, sizeof(rpdev->id.name));
	rpdev->dev.parent = &vrp->vdev->dev;
	rpdev->dev.release = vrp_channel_release;
	return rpdev;
}

/*
 * Create and register the channel @chinfo describes. A channel the remote
 * announced (@remote) takes a unit of @vrp->nr_channels first, so that an
 * announcement beyond the limit costs neither memory nor a lookup; the
 * channel's release gives the unit back.
 */
static struct rpmsg_device *vrp_add_channel(struct virtproc_info *vrp,
					    struct rpmsg_channel_info *chinfo,
					    bool remote)
{
	struct device *old;
	struct rpmsg_device *new;
	int ret;

	if (remote && !vrp_count_get(&vrp->nr_channels,
				     READ_ONCE(vrp->max_channels)))
		return ERR_PTR(-ENOSPC);

	ret = -ENODEV;
	if (READ_ONCE(vrp->dead))
		goto err_uncount;

	ret = -EEXIST;
	old = rpmsg_find_device(&vrp->vdev->dev, chinfo);
	if (old) {
		put_device(old);
		goto err_uncount;
	}

	ret = -ENOMEM;
	new = vrp_alloc_channel(vrp, chinfo->name, chinfo->src, chinfo->dst);
	if (!new)
		goto err_uncount;
	/* From here on the release gives the unit back */
	to_vrp_channel(new)->remote = remote;

	/* Channels with a fixed local address are ours to announce */
	new->announce = chinfo->src != RPMSG_ADDR_ANY;

	ret = rpmsg_register_device(new);
	return ret ? ERR_PTR(ret) : new;

err_uncount:
	if (remote)
		atomic_dec(&vrp->nr_channels);
	return ERR_PTR(ret);
}

/* For drivers and RPMSG_CREATE_DEV_IOCTL: not counted, not the remote's */
static struct rpmsg_device *vrp_create_channel(struct rpmsg_device *rpdev,
					       struct rpmsg_channel_info *chinfo)
{
	struct virtproc_info *vrp = vrp_from_rpdev(rpdev);
	struct rpmsg_device *new = vrp_add_channel(vrp, chinfo, false);

	if (PTR_ERR_OR_ZERO(new) == -EEXIST)
		dev_err_ratelimited(&vrp->vdev->dev, "channel %.32s 0x%x -> 0x%x already exists\n",
				    chinfo->name, chinfo->src, chinfo->dst);
	return IS_ERR(new) ? NULL : new;
}

static int vrp_release_channel(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo)
{
	struct virtproc_info *vrp = vrp_from_rpdev(rpdev);

	return rpmsg_unregister_device(&vrp->vdev->dev, chinfo);
}

static int vrp_create_remote_channel(struct rpmsg_device *rpdev,
				     struct rpmsg_channel_info *chinfo)
{
	return PTR_ERR_OR_ZERO(vrp_add_channel(vrp_from_rpdev(rpdev), chinfo,
					       true));
}

/* A channel of this transport the remote announced as @data says */
static int vrp_match_remote(struct device *dev, void *data)
{
	const struct rpmsg_channel_info *chinfo = data;
	struct rpmsg_device *rpdev;

	/* Every channel of this transport, and only those, has this release */
	if (dev->release != vrp_channel_release)
		return 0;
	rpdev = to_rpmsg_device(dev);
	return to_vrp_channel(rpdev)->remote && rpdev->dst == chinfo->dst &&
	       !strncmp(rpdev->id.name, chinfo->name, RPMSG_NAME_SIZE);
}

static int vrp_release_remote_channel(struct rpmsg_device *rpdev,
				      struct rpmsg_channel_info *chinfo)
{
	struct device *parent = &vrp_from_rpdev(rpdev)->vdev->dev;
	struct device *dev;

	dev = device_find_child(parent, chinfo, vrp_match_remote);
	if (!dev) {
		/* Tell a foreign channel from a missing one, for the log */
		dev = rpmsg_find_device(parent, chinfo);
		put_device(dev);
		return dev ? -EPERM : -ENOENT;
	}
	rpmsg_unregister_child(dev, NULL);
	put_device(dev);
	return 0;
}

/**
 * vrp_check_buf_size() - can a buffer size from the config space be used
 * @size: size of one buffer, header included
 *
 * Return: 0, or -EINVAL unless @size is a power of two from %VRP_BUF_SIZE
 * to %VRP_MAX_BUF_SIZE.
 */
int vrp_check_buf_size(u32 size)
{
	if (!is_power_of_2(size))
		return -EINVAL;
	return size < VRP_BUF_SIZE || size > VRP_MAX_BUF_SIZE ? -EINVAL : 0;
}
EXPORT_SYMBOL_IF_KUNIT(vrp_check_buf_size);

/**
 * vrp_nr_bufs() - number of buffers to allocate for one direction
 * @buf_size: their size, as accepted by vrp_check_buf_size()
 * @ring_size: number of entries of the vring they are posted on
 *
 * Each direction gets at most half of %VRP_MAX_POOL, so larger buffers
 * mean fewer of them and the region never outgrows what 512 byte buffers
 * take.
 *
 * Return: the number of buffers, 0 for an empty ring.
 */
unsigned int vrp_nr_bufs(unsigned int buf_size, unsigned int ring_size)
{
	unsigned int fit = VRP_MAX_POOL / 2 / buf_size;

	return min3(fit, ring_size, (unsigned int)VRP_MAX_BUFS);
}
EXPORT_SYMBOL_IF_KUNIT(vrp_nr_bufs);

/* The sizes the config space asks for: 0, or -EINVAL if one is unusable */
static int vrp_read_buf_sizes(struct virtio_device *vdev, u32 *rx, u32 *tx)
{
	virtio_cread(vdev, struct virtio_rpmsg_config, rx_buf_size, rx);
	virtio_cread(vdev, struct virtio_rpmsg_config, tx_buf_size, tx);

	return vrp_check_buf_size(*rx) ?: vrp_check_buf_size(*tx);
}

/*
 * Before the features are acknowledged: decline VIRTIO_RPMSG_F_BUF_SIZES
 * when the sizes on offer are unusable, so that the remote, which sees
 * the feature missing from gfeatures, knows it gets %VRP_BUF_SIZE.
 */
static int vrp_validate(struct virtio_device *vdev)
{
	u32 rx = 0, tx = 0;

	if (!virtio_has_feature(vdev, VIRTIO_RPMSG_F_BUF_SIZES))
		return 0;

	if (!vdev->config->get || vrp_read_buf_sizes(vdev, &rx, &tx)) {
		if (vdev->config->get)
			dev_warn_ratelimited(&vdev->dev,
					     "declined buffer sizes %u/%u, using %u bytes\n",
					     rx, tx, VRP_BUF_SIZE);
		__virtio_clear_bit(vdev, VIRTIO_RPMSG_F_BUF_SIZES);
	}
	return 0;
}

/* Buffer sizes and counts, now that the features are settled */
static int vrp_size_bufs(struct virtproc_info *vrp)
{
	struct virtio_device *vdev = vrp->vdev;
	u32 rx = VRP_BUF_SIZE, tx = VRP_BUF_SIZE;

	/* The remote may rewrite its config space after validation */
	if (virtio_has_feature(vdev, VIRTIO_RPMSG_F_BUF_SIZES) &&
	    vrp_read_buf_sizes(vdev, &rx, &tx)) {
		dev_err_ratelimited(&vdev->dev,
				    "buffer sizes changed to %u/%u after negotiation\n",
				    rx, tx);
		return -EINVAL;
	}

	vrp->rx_buf_size = rx;
	vrp->tx_buf_size = tx;
	vrp->num_rbufs = vrp_nr_bufs(rx, virtqueue_get_vring_size(vrp->rvq));
	vrp->num_sbufs = vrp_nr_bufs(tx, virtqueue_get_vring_size(vrp->svq));
	if (!vrp->num_rbufs || !vrp->num_sbufs)
		return -EINVAL;

	/* At most %VRP_MAX_POOL by construction of vrp_nr_bufs() */
	vrp->bufs_size = vrp->num_rbufs * rx + vrp->num_sbufs * tx;
	return 0;
}

static int vrp_alloc_bufs(struct virtproc_info *vrp)
{
	struct device *dma_dev = vrp->vdev->dev.parent;
	unsigned int i, npages;
	void *tx_base;
	int ret;

	ret = vrp_size_bufs(vrp);
	if (ret)
		return ret;

	vrp->tx_free = kcalloc(vrp->num_sbufs, sizeof(*vrp->tx_free),
			       GFP_KERNEL);
	vrp->tx_lent = bitmap_zalloc(vrp->num_sbufs, GFP_KERNEL);
	if (!vrp->tx_free || !vrp->tx_lent)
		goto err_free;

	vrp->bufs = dma_alloc_coherent(dma_dev, vrp->bufs_size,
				       &vrp->bufs_dma, GFP_KERNEL);
	if (!vrp->bufs)
		goto err_free;

	npages = DIV_ROUND_UP(vrp->bufs_size, PAGE_SIZE);
	vrp->buf_pages = kcalloc(npages, sizeof(*vrp->buf_pages), GFP_KERNEL);
	if (!vrp->buf_pages)
		goto err_free_bufs;
	for (i = 0; i < npages; i++) {
		void *p = vrp->bufs + i * PAGE_SIZE;

		vrp->buf_pages[i] = is_vmalloc_addr(p) ? vmalloc_to_page(p) :
							 virt_to_page(p);
	}

	/* Push in reverse so that the lowest buffer is used first */
	tx_base = vrp->bufs + vrp->num_rbufs * vrp->rx_buf_size;
	for (i = vrp->num_sbufs; i--; )
		vrp->tx_free[vrp->tx_nfree++] = tx_base + i * vrp->tx_buf_size;
	return 0;

err_free_bufs:
	dma_free_coherent(dma_dev, vrp->bufs_size, vrp->bufs, vrp->bufs_dma);
	vrp->bufs = NULL;
err_free:
	bitmap_free(vrp->tx_lent);
	kfree(vrp->tx_free);
	return -ENOMEM;
}

static void vrp_free_bufs(struct virtproc_info *vrp)
{
	dma_free_coherent(vrp->vdev->dev.parent, vrp->bufs_size, vrp->bufs,
			  vrp->bufs_dma);
	kfree(vrp->buf_pages);
	vrp->buf_pages = NULL;
	bitmap_free(vrp->tx_lent);
	kfree(vrp->tx_free);
	/* A late vrp_put_tx_buffer() then finds nothing lent */
	vrp->bufs = NULL;
	vrp->tx_lent = NULL;
	vrp->tx_free = NULL;
}

static int vrp_post_rx_bufs(struct virtproc_info *vrp)
{
	struct scatterlist sg;
	unsigned int i;
	void *buf;
	int ret;

	for (i = 0; i < vrp->num_rbufs; i++) {
		buf = vrp->bufs + i * vrp->rx_buf_size;
		vrp_buf_sg(vrp, &sg, buf, vrp->rx_buf_size);
		ret = virtqueue_add_inbuf(vrp->rvq, &sg, 1, buf, GFP_KERNEL);
		if (ret)
			return ret;
	}
	return 0;
}

static int vrp_add_ns_device(struct virtproc_info *vrp)
{
	struct rpmsg_device *rpdev;

	rpdev = vrp_alloc_channel(vrp, "", RPMSG_NS_ADDR, RPMSG_NS_ADDR);
	if (!rpdev)
		return -ENOMEM;
	return rpmsg_ns_register_device(rpdev);
}

/*
 * The control device lets userspace (rpmsg_ctrl) and in-kernel users
 * create static channels and raw endpoints on this transport.
 */
static int vrp_add_ctrl_device(struct virtproc_info *vrp)
{
	struct rpmsg_device *rpdev;

	rpdev = vrp_alloc_channel(vrp, "rpmsg_ctrl", 0, 0);
	if (!rpdev)
		return -ENOMEM;
	return rpmsg_ctrldev_register_device(rpdev);
}

static int vrp_probe(struct virtio_device *vdev)
{
	vq_callback_t *callbacks[] = { vrp_rx_done, vrp_tx_done };
	static const char * const names[] = { "input", "output" };
	struct virtqueue *vqs[2];
	struct virtproc_info *vrp;
	bool kick;
	int ret;

	vrp = kzalloc(sizeof(*vrp), GFP_KERNEL);
	if (!vrp)
		return -ENOMEM;

	vrp->vdev = vdev;
	kref_init(&vrp->kref);
	spin_lock_init(&vrp->tx_lock);
	init_waitqueue_head(&vrp->tx_wq);
	vrp->tx_timeout = VRP_TX_TIMEOUT;
	init_waitqueue_head(&vrp->rx_cb_wq);
	/* Ring interrupts are ignored until vrp_rx_start() */
	vrp_rx_init(vrp);
	atomic_set(&vrp->tx_users, 0);
	xa_init_flags(&vrp->epts, XA_FLAGS_ALLOC | XA_FLAGS_LOCK_IRQ);
	vrp->dyn_first = VRP_FIRST_DYN_ADDR;
	vrp->dyn_last = U32_MAX - 1;
	vrp->max_epts = min_t(unsigned int, READ_ONCE(max_endpoints),
			      VRP_LIMIT_MAX);
	vrp->max_channels = min_t(unsigned int, READ_ONCE(max_channels),
				  VRP_LIMIT_MAX);
	vdev->priv = vrp;

	ret = virtio_find_vqs(vdev, 2, vqs, callbacks, names, NULL);
	if (ret)
		goto err_put;
	vrp->rvq = vqs[0];
	vrp->svq = vqs[1];

	ret = vrp_alloc_bufs(vrp);
	if (ret)
		goto err_del_vqs;

	ret = vrp_post_rx_bufs(vrp);
	if (ret)
		goto err_free_bufs;

	/* Send-done interrupts are only wanted while a sender waits */
	virtqueue_disable_cb(vrp->svq);

	if (virtio_has_feature(vdev, VIRTIO_RPMSG_F_NS)) {
		ret = vrp_add_ns_device(vrp);
		if (ret)
			goto err_free_bufs;
	}

	ret = vrp_add_ctrl_device(vrp);
	if (ret)
		goto err_remove_children;

	kick = virtqueue_kick_prepare(vrp->rvq);
	vrp_rx_start(vrp);
	virtio_device_ready(vdev);
	if (kick)
		virtqueue_notify(vrp->rvq);

	dev_info(&vdev->dev, "rpmsg: %u+%u buffers of %u/%u bytes\n",
		 vrp->num_rbufs, vrp->num_sbufs, vrp->rx_buf_size,
		 vrp->tx_buf_size);
	/* 6.1's line, which scripts wait for */
	dev_info(&vdev->dev, "rpmsg host is online\n");
	return 0;

err_remove_children:
	device_for_each_child(&vdev->dev, NULL, rpmsg_unregister_child);
err_free_bufs:
	vrp_free_bufs(vrp);
err_del_vqs:
	vdev->config->del_vqs(vdev);
	vrp_rx_shutdown(vrp);
err_put:
	vrp_put(vrp);
	return ret;
}

/*
 * Teardown order: stop both data paths first, so that senders blocked on
 * a buffer wake up with -ENODEV and no callback is running; then remove
 * the channels (their drivers cannot reach the rings any more), and only
 * then free the rings and the buffers.
 */
static void vrp_remove(struct virtio_device *vdev)
{
	struct virtproc_info *vrp = vdev->priv;

	vrp_tx_shutdown(vrp);
	vrp_rx_shutdown(vrp);

	virtio_reset_device(vdev);
	device_for_each_child(&vdev->dev, NULL, rpmsg_unregister_child);

	vdev->config->del_vqs(vdev);
	vrp_rx_shutdown(vrp);
	vrp_free_bufs(vrp);
	vrp_put(vrp);
}

/*
 * sysfs: the limits of one remote and what it uses of them, in the group
 * "rpmsg" of the virtio device. The driver core adds the group after
 * probe and removes it before remove, so @vdev->priv is valid here.
 */
static struct virtproc_info *dev_to_vrp(struct device *dev)
{
	return dev_to_virtio(dev)->priv;
}

static ssize_t vrp_limit_show(struct device *dev,
			      struct device_attribute *attr, char *buf);
static ssize_t vrp_limit_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count);

/* One pair of functions for both limits */
static struct device_attribute dev_attr_max_channels =
	__ATTR(max_channels, 0644, vrp_limit_show, vrp_limit_store);
static struct device_attribute dev_attr_max_endpoints =
	__ATTR(max_endpoints, 0644, vrp_limit_show, vrp_limit_store);

/* The limit that @attr, max_channels or max_endpoints, stands for */
static unsigned int *vrp_limit(struct device *dev,
			       struct device_attribute *attr)
{
	struct virtproc_info *vrp = dev_to_vrp(dev);

	return attr == &dev_attr_max_channels ? &vrp->max_channels :
						&vrp->max_epts;
}

static ssize_t vrp_limit_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(*vrp_limit(dev, attr)));
}

static ssize_t vrp_limit_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	unsigned int val;
	int ret = kstrtouint(buf, 0, &val);

	if (ret)
		return ret;
	if (val > VRP_LIMIT_MAX)
		return -EINVAL;
	WRITE_ONCE(*vrp_limit(dev, attr), val);
	return count;
}

static ssize_t channels_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&dev_to_vrp(dev)->nr_channels));
}
static DEVICE_ATTR_RO(channels);

static ssize_t endpoints_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", atomic_read(&dev_to_vrp(dev)->nr_epts));
}
static DEVICE_ATTR_RO(endpoints);

static struct attribute *vrp_attrs[] = {
	&dev_attr_channels.attr,
	&dev_attr_endpoints.attr,
	&dev_attr_max_channels.attr,
	&dev_attr_max_endpoints.attr,
	NULL
};

static const struct attribute_group vrp_group = {
	.name	= "rpmsg",
	.attrs	= vrp_attrs,
};
__ATTRIBUTE_GROUPS(vrp);

static const struct virtio_device_id vrp_id_table[] = {
	{ VIRTIO_ID_RPMSG, VIRTIO_DEV_ANY_ID },
	{ 0 },
};
MODULE_DEVICE_TABLE(virtio, vrp_id_table);

static const unsigned int vrp_features[] = {
	VIRTIO_RPMSG_F_NS,
	VIRTIO_RPMSG_F_BUF_SIZES,
};

static struct virtio_driver virtio_rpmsg_driver = {
	.id_table		= vrp_id_table,
	.feature_table		= vrp_features,
	.feature_table_size	= ARRAY_SIZE(vrp_features),
	.validate		= vrp_validate,
	.probe			= vrp_probe,
	.remove			= vrp_remove,
	.driver = {
		.name		= KBUILD_MODNAME,
		.owner		= THIS_MODULE,
		.dev_groups	= vrp_groups,
	},
};

module_virtio_driver(virtio_rpmsg_driver);

MODULE_DESCRIPTION("rpmsg transport over virtio rings");
MODULE_LICENSE("GPL");
