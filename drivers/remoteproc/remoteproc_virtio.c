// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: virtio transport.
 *
 * Every vdev entry of the resource table becomes a legacy (pre-1.0,
 * native-endian, split ring) virtio device.  Its feature words, status byte
 * and config space live in the copy of the resource table the remote reads,
 * its vrings in carveouts.  Notifications go out through &rproc_ops.kick and
 * come back through rproc_vq_interrupt().
 *
 * Life of a vdev entry:
 *
 *   rproc_handle_vdev()       parse: allocate notify ids, register the
 *                             vring carveouts, add a subdevice
 *   subdev prepare            every boot: place the vrings, write their
 *                             addresses and ids back, clear the status
 *   subdev start              after the remote started: register the
 *                             virtio device (the remote waits for
 *                             DRIVER_OK before touching the rings)
 *   subdev stop               unregister it; the status drops to 0
 *   rproc_vdev_release_all()  at resource cleanup
 *
 * The notify id -> vring lookup in rproc_vq_interrupt() is lock free: it
 * runs under RCU, and a vring's virtqueue is unpublished and a grace period
 * waited for before the virtqueue or the vring goes away.
 */

#include <linux/dma-direct.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/rcupdate.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>

#include "remoteproc_internal.h"
#include "remoteproc_virtio_dma.h"

/**
 * struct rproc_virtio - a registered virtio device of a vdev entry
 * @vdev: the virtio device; its release frees this structure
 * @rvdev: the vdev entry; @vdev holds a reference on its device
 * @status: the status byte as Linux last set it
 * @dfeatures: the features the remote offered, read once on first use
 * @offer_read: @dfeatures holds the offer
 *
 * The remote can write the status byte and the feature words of its table
 * at any time; Linux reads its own copies, so a rewrite changes nothing
 * here.
 */
struct rproc_virtio {
	struct virtio_device vdev;
	struct rproc_vdev *rvdev;
	u8 status;
	u32 dfeatures;
	bool offer_read;
};

static struct rproc_virtio *to_rproc_virtio(struct virtio_device *vdev)
{
	return container_of(vdev, struct rproc_virtio, vdev);
}

static struct rproc_vdev *vdev_to_rvdev(struct virtio_device *vdev)
{
	return container_of(vdev, struct rproc_virtio, vdev)->rvdev;
}

static size_t rproc_vdev_rsc_size(struct rproc_vdev *rvdev)
{
	return struct_size((struct fw_rsc_vdev *)NULL, vring, rvdev->num_vrings) +
	       rvdev->config_len;
}

/*
 * The vdev entry in the table the remote sees.  Sizes come from the parse,
 * not from the table, which the remote may write to.
 */
static struct fw_rsc_vdev *rvdev_rsc(struct rproc_vdev *rvdev)
{
	return rproc_resource_at(rvdev->rproc, rvdev->rsc_offset,
				 rproc_vdev_rsc_size(rvdev));
}

static size_t rproc_vring_bytes(struct rproc_vring *rvring)
{
	return PAGE_ALIGN(vring_size(rvring->num, rvring->align));
}

static bool rproc_virtio_notify(struct virtqueue *vq)
{
	struct rproc_vring *rvring = vq->priv;
	struct rproc *rproc = rvring->rvdev->rproc;

	rproc_pm_kick(rproc, rvring->notifyid);
	return true;
}

/**
 * rproc_vq_interrupt() - tell the core a vring of the remote has work
 * @rproc: the remote processor
 * @notifyid: notify id of the vring, as written back in the resource table
 *
 * Context: any context, hard IRQ included; takes no lock.
 *
 * Return: IRQ_HANDLED when a virtqueue consumed the notification,
 * IRQ_NONE otherwise (unknown id, or no virtqueue right now).
 */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int notifyid)
{
	struct rproc_vring *rvring;
	struct virtqueue *vq;
	irqreturn_t ret = IRQ_NONE;

	rcu_read_lock();
	rvring = idr_find(&to_rproc_core(rproc)->notifyids, notifyid);
	vq = rvring ? READ_ONCE(rvring->vq) : NULL;
	if (vq)
		ret = vring_interrupt(0, vq);
	rcu_read_unlock();

	rproc_pm_mark_busy(rproc);

	return ret;
}
EXPORT_SYMBOL(rproc_vq_interrupt);

static void rproc_virtio_del_vqs(struct virtio_device *vdev)
{
	struct virtqueue *vq, *tmp;

	list_for_each_entry(vq, &vdev->vqs, list)
		WRITE_ONCE(((struct rproc_vring *)vq->priv)->vq, NULL);

	/* No rproc_vq_interrupt() is inside a virtqueue after this. */
	synchronize_rcu();

	list_for_each_entry_safe(vq, tmp, &vdev->vqs, list)
		vring_del_virtqueue(vq);
}

static struct virtqueue *rproc_virtio_new_vq(struct virtio_device *vdev,
					     unsigned int index,
					     vq_callback_t *callback,
					     const char *name, bool ctx)
{
	struct rproc_vdev *rvdev = vdev_to_rvdev(vdev);
	struct rproc_vring *rvring = &rvdev->vring[index];
	struct virtqueue *vq;

	if (!rvring->va)
		return ERR_PTR(-ENODEV);

	/* The remote must not see stale descriptors of a previous run. */
	memset(rvring->va, 0, rproc_vring_bytes(rvring));

	vq = vring_new_virtqueue(index, rvring->num, rvring->align, vdev,
				 false, ctx, rvring->va, rproc_virtio_notify,
				 callback, name);
	if (!vq)
		return ERR_PTR(-ENOMEM);

	vq->priv = rvring;
	WRITE_ONCE(rvring->vq, vq);
	return vq;
}

static int rproc_virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
				 struct virtqueue *vqs[],
				 vq_callback_t *callbacks[],
				 const char * const names[], const bool *ctx,
				 struct irq_affinity *desc)
{
	struct rproc_vdev *rvdev = vdev_to_rvdev(vdev);
	unsigned int i, index = 0;

	if (nvqs > rvdev->num_vrings) {
		dev_err(&vdev->dev, "%u virtqueues asked, the remote has %u\n",
			nvqs, rvdev->num_vrings);
		return -EINVAL;
	}

	for (i = 0; i < nvqs; i++) {
		if (!names[i]) {
			vqs[i] = NULL;
			continue;
		}

		vqs[i] = rproc_virtio_new_vq(vdev, index++, callbacks[i],
					     names[i], ctx ? ctx[i] : false);
		if (IS_ERR(vqs[i])) {
			int ret = PTR_ERR(vqs[i]);

			rproc_virtio_del_vqs(vdev);
			return ret;
		}
	}
	return 0;
}

static u8 rproc_virtio_get_status(struct virtio_device *vdev)
{
	return to_rproc_virtio(vdev)->status;
}

static void rproc_virtio_set_status(struct virtio_device *vdev, u8 status)
{
	struct fw_rsc_vdev *rsc = rvdev_rsc(vdev_to_rvdev(vdev));

	to_rproc_virtio(vdev)->status = status;
	if (!rsc)
		return;

	/* The rings must be in memory before the remote sees DRIVER_OK. */
	wmb();
	WRITE_ONCE(rsc->status, status);
}

static void rproc_virtio_reset(struct virtio_device *vdev)
{
	rproc_virtio_set_status(vdev, 0);
}

/*
 * The remote offers the 32 bits of dfeatures.  ACCESS_PLATFORM is the
 * transport's own: it says buffers go through the vdev device's DMA
 * operations, which bounce them into memory the remote can reach.  The
 * remote never sees it; to the remote, descriptors hold device addresses
 * in its carveouts either way.
 */
#define RPROC_VIRTIO_TRANSPORT_FEATURES	BIT_ULL(VIRTIO_F_ACCESS_PLATFORM)

static u64 rproc_virtio_get_features(struct virtio_device *vdev)
{
	struct rproc_virtio *rv = to_rproc_virtio(vdev);
	struct rproc_vdev *rvdev = rv->rvdev;
	struct fw_rsc_vdev *rsc = rvdev_rsc(rvdev);
	u64 features;

	if (!rsc)
		return 0;

	/* A driver probing again gets the offer the first one got. */
	if (!rv->offer_read) {
		rv->dfeatures = READ_ONCE(rsc->dfeatures);
		rv->offer_read = true;
	}
	features = rv->dfeatures;
	if (rvdev->bounce)
		features |= BIT_ULL(VIRTIO_F_ACCESS_PLATFORM);
	return features;
}

static int rproc_virtio_finalize_features(struct virtio_device *vdev)
{
	struct fw_rsc_vdev *rsc = rvdev_rsc(vdev_to_rvdev(vdev));
	u64 remote_bits;

	vring_transport_features(vdev);

	/* The table has 32 feature bits: VERSION_1 and up cannot be offered. */
	remote_bits = vdev->features & ~RPROC_VIRTIO_TRANSPORT_FEATURES;
	if (upper_32_bits(remote_bits)) {
		dev_err(&vdev->dev, "features %#llx do not fit the resource table\n",
			vdev->features);
		return -EINVAL;
	}
	if (!rsc)
		return -ENODEV;

	WRITE_ONCE(rsc->gfeatures, lower_32_bits(remote_bits));
	return 0;
}

/* Config space follows the vrings; its bounds are the ones we parsed. */
static void *rproc_virtio_config(struct virtio_device *vdev,
				 unsigned int offset, unsigned int len)
{
	struct rproc_vdev *rvdev = vdev_to_rvdev(vdev);
	struct fw_rsc_vdev *rsc = rvdev_rsc(rvdev);

	if (!rsc || offset > rvdev->config_len ||
	    len > rvdev->config_len - offset) {
		dev_err_ratelimited(&vdev->dev,
				    "config access %u+%u outside its %u bytes\n",
				    offset, len, rvdev->config_len);
		return NULL;
	}
	return (void *)&rsc->vring[rvdev->num_vrings] + offset;
}

static void rproc_virtio_get(struct virtio_device *vdev, unsigned int offset,
			     void *buf, unsigned int len)
{
	void *cfg = rproc_virtio_config(vdev, offset, len);

	if (cfg)
		memcpy(buf, cfg, len);
	else
		memset(buf, 0, len);
}

static void rproc_virtio_set(struct virtio_device *vdev, unsigned int offset,
			     const void *buf, unsigned int len)
{
	void *cfg = rproc_virtio_config(vdev, offset, len);

	if (cfg)
		memcpy(cfg, buf, len);
}

static const char *rproc_virtio_bus_name(struct virtio_device *vdev)
{
	return dev_name(&vdev_to_rvdev(vdev)->rproc->dev);
}

static const struct virtio_config_ops rproc_virtio_config_ops = {
	.bus_name		= rproc_virtio_bus_name,
	.get			= rproc_virtio_get,
	.set			= rproc_virtio_set,
	.get_status		= rproc_virtio_get_status,
	.set_status		= rproc_virtio_set_status,
	.reset			= rproc_virtio_reset,
	.get_features		= rproc_virtio_get_features,
	.finalize_features	= rproc_virtio_finalize_features,
	.find_vqs		= rproc_virtio_find_vqs,
	.del_vqs		= rproc_virtio_del_vqs,
};

static void rproc_virtio_dev_release(struct device *dev)
{
	struct virtio_device *vdev = dev_to_virtio(dev);
	struct rproc_virtio *rv = container_of(vdev, struct rproc_virtio, vdev);

	put_device(&rv->rvdev->pdev.dev);
	kfree(rv);
}

/*
 * virtio_rpmsg, and virtio_console for rproc-serial, take every buffer
 * they share from dma_alloc_coherent() on the vdev device.  Any other
 * driver shares ordinary kernel memory and needs bounce buffers.
 */
static bool rproc_vdev_shares_pool(struct rproc_vdev *rvdev)
{
	return rvdev->id == VIRTIO_ID_RPMSG ||
	       rvdev->id == VIRTIO_ID_RPROC_SERIAL;
}

/*
 * Give the vdev device the memory its drivers share buffers in, once:
 *  - the "vdevNbuffer" carveout or reserved region, when the platform has
 *    one for this vdev: as DMA memory for drivers that allocate from it,
 *    as a bounce area for the others;
 *  - else the first reserved-memory region of the rproc's parent in the
 *    device tree, a pool the platform shares between its vdevs;
 *  - else nothing: buffers come from the parent's ordinary DMA memory,
 *    which only works when the remote can reach all of it.
 */
static void rproc_vdev_declare_dma(struct rproc_vdev *rvdev)
{
	struct rproc *rproc = rvdev->rproc;
	struct device_node *np = rproc->dev.parent->of_node;
	struct rproc_mem_entry *mem;
	int ret;

	if (rvdev->dma_pool || rvdev->bounce)
		return;

	mem = rproc_find_carveout_by_name(rproc, "vdev%ubuffer", rvdev->index);
	if (mem && !rproc_vdev_shares_pool(rvdev)) {
		ret = rproc_vdev_bounce_init(rvdev, mem);
		if (ret)
			dev_warn(&rvdev->pdev.dev, "no bounce buffers in %s (%d): the remote must reach all memory\n",
				 mem->name, ret);
		return;
	}
	if (!mem) {
		/* Optional: a platform without one uses its DMA memory. */
		if (np && !of_reserved_mem_device_init_by_idx(&rvdev->pdev.dev, np, 0))
			rvdev->dma_pool = true;
		return;
	}

	if (mem->of_resm_idx != (u32)-1)
		ret = of_reserved_mem_device_init_by_idx(&rvdev->pdev.dev, np,
							 mem->of_resm_idx);
	else
		ret = dma_declare_coherent_memory(&rvdev->pdev.dev, mem->dma,
						  mem->da, mem->len);
	if (ret) {
		/* Buffers then come from ordinary coherent memory. */
		dev_warn(&rvdev->pdev.dev, "cannot use %s as DMA memory: %d\n",
			 mem->name, ret);
		return;
	}
	rvdev->dma_pool = true;
}

static void rproc_vdev_release_dma(struct rproc_vdev *rvdev)
{
	rproc_vdev_bounce_release(rvdev);
	if (!rvdev->dma_pool)
		return;
	of_reserved_mem_device_release(&rvdev->pdev.dev);
	dma_release_coherent_memory(&rvdev->pdev.dev);
	rvdev->dma_pool = false;
}

static int rproc_vdev_prepare(struct rproc_subdev *subdev)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev, subdev);
	struct rproc *rproc = rvdev->rproc;
	struct fw_rsc_vdev *rsc = rvdev_rsc(rvdev);
	struct rproc_mem_entry *mem;
	unsigned int i;

	lockdep_assert_held(&rproc->lock);

	if (!rsc)
		return -EINVAL;

	for (i = 0; i < rvdev->num_vrings; i++) {
		struct rproc_vring *rvring = &rvdev->vring[i];

		mem = rproc_find_carveout_by_name(rproc, "vdev%uvring%u",
						  rvdev->index, i);
		if (!mem || !mem->va || mem->is_iomem ||
		    mem->len < rproc_vring_bytes(rvring)) {
			dev_err(&rproc->dev,
				"vdev%u: vring %u needs %zu bytes of mapped memory, region %s has %zu%s\n",
				rvdev->index, i, rproc_vring_bytes(rvring),
				mem ? mem->name : "(none)", mem ? mem->len : 0,
				mem && !mem->va ? " unmapped" : "");
			return -ENOMEM;
		}

		rvring->va = mem->va;
		rvring->da = mem->da;
		rsc->vring[i].da = mem->da;
		rsc->vring[i].notifyid = rvring->notifyid;
	}

	rsc->gfeatures = 0;
	rsc->status = 0;
	rproc_vdev_declare_dma(rvdev);
	return 0;
}

static int rproc_vdev_start(struct rproc_subdev *subdev)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev, subdev);
	struct rproc_virtio *rv;
	int ret;

	rv = kzalloc(sizeof(*rv), GFP_KERNEL);
	if (!rv)
		return -ENOMEM;

	rv->rvdev = rvdev;
	rv->vdev.id.device = rvdev->id;
	rv->vdev.config = &rproc_virtio_config_ops;
	rv->vdev.dev.parent = &rvdev->pdev.dev;
	rv->vdev.dev.release = rproc_virtio_dev_release;
	get_device(&rvdev->pdev.dev);

	ret = register_virtio_device(&rv->vdev);
	if (ret) {
		dev_err(&rvdev->pdev.dev, "cannot register virtio device: %d\n", ret);
		/* The release drops the reference and frees rv. */
		put_device(&rv->vdev.dev);
		return ret;
	}

	rvdev->vdev = &rv->vdev;
	/* The line 6.1 logs, which tells userspace the virtio device's name. */
	dev_info(&rvdev->pdev.dev, "registered %s (type %u)\n",
		 dev_name(&rv->vdev.dev), rvdev->id);
	return 0;
}

static void rproc_vdev_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct rproc_vdev *rvdev = container_of(subdev, struct rproc_vdev, subdev);
	struct fw_rsc_vdev *rsc;

	if (rvdev->vdev) {
		unregister_virtio_device(rvdev->vdev);
		rvdev->vdev = NULL;
	}

	/* Whatever the driver did, the remote sees a reset device. */
	rsc = rvdev_rsc(rvdev);
	if (rsc)
		WRITE_ONCE(rsc->status, 0);
}

static void rproc_vdev_pdev_release(struct device *dev)
{
	struct rproc_vdev *rvdev = container_of(dev, struct rproc_vdev, pdev.dev);

	/*
	 * The platform core frees an override only in devices it allocated;
	 * the driver core has freed the DMA range map.
	 */
	kfree(rvdev->pdev.driver_override);
	kfree(rvdev);
}

/*
 * The "rproc-virtio" driver binds the platform device of every vdev, as in
 * 6.1, where its probe sets the vdev up.  Here the core does that before it
 * adds the device (the vdev must work whether or not a driver is bound), so
 * binding only checks that the device is one of ours: a device of that name
 * made by anyone else is refused.  Binding is synchronous.  The driver's
 * bind and unbind files stay, as userspace sees them in 6.1; with no
 * remove callback, unbinding only drops the link and leaves the vdev
 * running (6.1's unbind frees the vrings under a live virtio device).
 */
static int rproc_virtio_probe(struct platform_device *pdev)
{
	if (pdev->dev.release != rproc_vdev_pdev_release)
		return -ENODEV;

	platform_set_drvdata(pdev, container_of(pdev, struct rproc_vdev, pdev));
	return 0;
}

static struct platform_driver rproc_virtio_driver = {
	.probe = rproc_virtio_probe,
	.driver = {
		.name = "rproc-virtio",
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
	},
};

/* Before any remote processor driver can add a vdev. */
static int __init rproc_virtio_driver_init(void)
{
	return platform_driver_register(&rproc_virtio_driver);
}
subsys_initcall(rproc_virtio_driver_init);

/* The DMA view of the rproc's parent, which the vdev's buffers go through. */
static int rproc_vdev_inherit_dma(struct device *dev, struct device *parent)
{
	const struct bus_dma_region *r;

	dev->dma_mask = &dev->coherent_dma_mask;
	set_dma_ops(dev, get_dma_ops(parent));
	dev->bus_dma_limit = parent->bus_dma_limit;

	if (parent->dma_range_map) {
		for (r = parent->dma_range_map; r->size; r++)
			;
		/* The zero-sized entry that ends the map is copied too. */
		dev->dma_range_map = kmemdup(parent->dma_range_map,
					     (r - parent->dma_range_map + 1) * sizeof(*r),
					     GFP_KERNEL);
		if (!dev->dma_range_map)
			return -ENOMEM;
	}

	return dma_coerce_mask_and_coherent(dev, dma_get_mask(parent));
}

/*
 * The vdev's device is a platform device "rproc-virtio.N.auto" (N from the
 * platform bus's automatic ids, unique across remote processors) below the
 * rproc device: the parent of the virtio device and the owner of the memory
 * its buffers come from.  Like in 6.1 it has no DT node of its own; the
 * reserved memory of the rproc's parent node is attached to it by index.
 */
static int rproc_vdev_init_dev(struct rproc *rproc, struct rproc_vdev *rvdev)
{
	struct platform_device *pdev = &rvdev->pdev;
	int ret;

	device_initialize(&pdev->dev);
	pdev->dev.release = rproc_vdev_pdev_release;
	pdev->dev.parent = &rproc->dev;
	pdev->name = "rproc-virtio";
	pdev->id = PLATFORM_DEVID_AUTO;

	ret = rproc_vdev_inherit_dma(&pdev->dev, rproc->dev.parent);
	if (ret)
		return ret;

	return platform_device_add(pdev);
}

static void rproc_vdev_free_ids(struct rproc *rproc, struct rproc_vdev *rvdev)
{
	unsigned int i;

	lockdep_assert_held(&rproc->lock);

	for (i = 0; i < rvdev->num_vrings; i++) {
		if (rvdev->vring[i].notifyid >= 0)
			idr_remove(&to_rproc_core(rproc)->notifyids, rvdev->vring[i].notifyid);
	}
}

/* Register the carveout of a vring unless the driver reserved one. */
static int rproc_vdev_add_vring_mem(struct rproc *rproc,
				    struct rproc_vdev *rvdev, unsigned int i,
				    u32 da)
{
	struct rproc_mem_entry *mem;

	lockdep_assert_held(&rproc->lock);

	if (rproc_find_carveout_by_name(rproc, "vdev%uvring%u", rvdev->index, i))
		return 0;

	mem = rproc_mem_entry_init(&rproc->dev, NULL, 0,
				   rproc_vring_bytes(&rvdev->vring[i]), da,
				   rproc_alloc_carveout, rproc_release_carveout,
				   "vdev%uvring%u", rvdev->index, i);
	if (!mem)
		return -ENOMEM;

	rproc_add_carveout(rproc, mem);
	return 0;
}

/**
 * rproc_handle_vdev() - turn a vdev entry into a virtio device
 * @rproc: the remote processor
 * @ptr: the entry's body (validated layout)
 * @offset: offset of the body in the resource table
 * @avail: bytes from the body to the end of the table
 *
 * Context: &rproc.lock held.
 *
 * Return: 0 or a negative errno; on error the caller cleans up with
 * rproc_resource_cleanup().
 */
int rproc_handle_vdev(struct rproc *rproc, void *ptr, int offset, int avail)
{
	struct fw_rsc_vdev *rsc = ptr;
	struct device *dev = &rproc->dev;
	struct rproc_vdev *rvdev;
	unsigned int i;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc->ops->kick) {
		dev_err_ratelimited(dev, "vdev needs a driver that can kick\n");
		return -EINVAL;
	}

	if (!rsc->num_of_vrings || rsc->num_of_vrings > RVDEV_NUM_VRINGS) {
		dev_err_ratelimited(dev, "vdev with %u vrings not supported\n",
				    rsc->num_of_vrings);
		return -EINVAL;
	}

	rvdev = kzalloc(sizeof(*rvdev), GFP_KERNEL);
	if (!rvdev)
		return -ENOMEM;

	rvdev->rproc = rproc;
	rvdev->id = rsc->id;
	rvdev->rsc_offset = offset;
	rvdev->index = to_rproc_core(rproc)->nb_vdev++;
	rvdev->num_vrings = rsc->num_of_vrings;
	rvdev->config_len = rsc->config_len;
	for (i = 0; i < RVDEV_NUM_VRINGS; i++)
		rvdev->vring[i].notifyid = -1;

	ret = rproc_vdev_init_dev(rproc, rvdev);
	if (ret) {
		dev_err(dev, "cannot create vdev%u: %d\n", rvdev->index, ret);
		put_device(&rvdev->pdev.dev);
		return ret;
	}

	rvdev->subdev.prepare = rproc_vdev_prepare;
	rvdev->subdev.start = rproc_vdev_start;
	rvdev->subdev.stop = rproc_vdev_stop;
	list_add_tail(&rvdev->node, &rproc->rvdevs);
	rproc_add_subdev(rproc, &rvdev->subdev);

	for (i = 0; i < rvdev->num_vrings; i++) {
		struct rproc_vring *rvring = &rvdev->vring[i];

		rvring->rvdev = rvdev;
		rvring->num = rsc->vring[i].num;
		rvring->align = rsc->vring[i].align;

		ret = idr_alloc(&to_rproc_core(rproc)->notifyids, rvring, 0, 0, GFP_KERNEL);
		if (ret < 0)
			return ret;
		rvring->notifyid = ret;
		rproc->max_notifyid = max(rproc->max_notifyid, ret);
		rsc->vring[i].notifyid = ret;

		ret = rproc_vdev_add_vring_mem(rproc, rvdev, i, rsc->vring[i].da);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * rproc_vdev_release_all() - remove every vdev of a stopped remote
 * @rproc: the remote processor
 *
 * Context: &rproc.lock held.
 */
void rproc_vdev_release_all(struct rproc *rproc)
{
	struct rproc_vdev *rvdev, *tmp;
	LIST_HEAD(dead);

	lockdep_assert_held(&rproc->lock);

	list_for_each_entry_safe(rvdev, tmp, &rproc->rvdevs, node) {
		rproc_remove_subdev(rproc, &rvdev->subdev);
		rproc_vdev_free_ids(rproc, rvdev);
		list_move_tail(&rvdev->node, &dead);
	}

	/* rproc_vq_interrupt() may still be looking at the vrings. */
	if (!list_empty(&dead))
		synchronize_rcu();

	list_for_each_entry_safe(rvdev, tmp, &dead, node) {
		list_del(&rvdev->node);
		rproc_vdev_release_dma(rvdev);
		platform_device_unregister(&rvdev->pdev);
	}

	to_rproc_core(rproc)->nb_vdev = 0;
	rproc->max_notifyid = 0;
}
