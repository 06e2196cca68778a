// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: bounce buffers for virtio drivers that share
 * ordinary kernel memory.
 *
 * virtio_rpmsg and rproc-serial take every buffer they share from the
 * vdev's DMA pool, which the remote can reach.  Other virtio drivers, such
 * as virtio_console driving an hvc console, put kmalloc()ed memory on the
 * ring, and a remote that sees only its carveouts cannot read it.  For
 * those vdevs the transport offers VIRTIO_F_ACCESS_PLATFORM, so that
 * virtio_ring maps each buffer through the DMA API of the vdev device, and
 * gives that device the operations below:
 *
 *  - a streaming mapping borrows a slot of the vdev's "vdevNbuffer"
 *    carveout, fills it from the buffer and hands out the slot's device
 *    address, the one the remote uses;
 *  - unmapping (or a sync for the CPU) copies the slot back when the
 *    device may have written it, and returns the slot;
 *  - coherent allocations come from the same carveout.
 *
 * Slots are allocated with genalloc, which takes no sleeping lock: virtio
 * drivers map buffers under spinlocks and from interrupt handlers.  What
 * each slot stands for is recorded in kernel memory (&rproc_vdev_bounce.map)
 * that the remote cannot reach; the remote can only change the data.
 *
 * Why not the DMA core's own bounce buffers, a restricted swiotlb pool
 * (CONFIG_DMA_RESTRICTED_POOL)?  In 6.1 such a pool exists only as a
 * "restricted-dma-pool" reserved-memory node that the device's DT node
 * names, set up when the device probes; there is no call that makes one
 * over memory known only later.  The vdev's buffer carveout often is such
 * memory: the resource table asks for it when the remote boots, and the
 * simulator and platforms without a DT node for it allocate it then.
 * Its device address is the carveout's da, which need not be the CPU's
 * physical address, and the vdev device has no DT node of its own to
 * describe that offset.  (Restricted pools also map at most 256 KiB at
 * once, in 2 KiB slots.)  So the bounce stays ours, limited to those vdevs
 * whose drivers share ordinary memory.
 */

#include <linux/dma-map-ops.h>
#include <linux/genalloc.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "remoteproc_virtio_dma.h"

/* Slots are multiples of 256 bytes. */
#define RPROC_BOUNCE_SHIFT	8
#define RPROC_BOUNCE_GRANULE	BIT(RPROC_BOUNCE_SHIFT)

/* &rproc_bounce_map.orig of a coherent allocation: nothing to copy. */
#define RPROC_BOUNCE_COHERENT	((phys_addr_t)-1)

/**
 * struct rproc_bounce_map - what one granule of the carveout is used for
 * @orig: for the first granule of a mapping, the CPU memory it shadows
 *        (RPROC_BOUNCE_COHERENT for a coherent allocation)
 * @len: for the first granule of a mapping, its length in bytes
 * @head: 1 + index of the first granule of the mapping covering this
 *        granule, 0 when the granule is free
 */
struct rproc_bounce_map {
	phys_addr_t orig;
	u32 len;
	u32 head;
};

/**
 * struct rproc_vdev_bounce - the bounce area of a vdev
 * @pool: allocator over @va; its addresses are kernel virtual addresses
 * @va: kernel mapping of the carveout
 * @da: device address of the carveout, as the remote sees it
 * @size: bytes of the carveout
 * @mapped: @va was mapped here and must be unmapped on release
 * @map: one entry per granule; an entry is written by the one who holds
 *       the granule's allocation, so the array needs no lock
 */
struct rproc_vdev_bounce {
	struct gen_pool *pool;
	void *va;
	dma_addr_t da;
	size_t size;
	bool mapped;
	struct rproc_bounce_map map[];
};

static struct rproc_vdev_bounce *dev_to_bounce(struct device *dev)
{
	return container_of(dev, struct rproc_vdev, pdev.dev)->bounce;
}

/* Copy between a mapping's memory and its slot, one page at a time. */
static void rproc_bounce_copy(void *slot, phys_addr_t orig, size_t len,
			      bool to_slot)
{
	while (len) {
		struct page *page = pfn_to_page(PHYS_PFN(orig));
		size_t off = offset_in_page(orig);
		size_t chunk = min_t(size_t, len, PAGE_SIZE - off);

		if (to_slot)
			memcpy_from_page(slot, page, off, chunk);
		else
			memcpy_to_page(page, off, slot, chunk);
		slot += chunk;
		orig += chunk;
		len -= chunk;
	}
}

/* A slot for @len bytes; NULL if @len is 0, too big or does not fit now. */
static void *rproc_bounce_get(struct rproc_vdev_bounce *b, size_t len,
			      phys_addr_t orig, dma_addr_t *da)
{
	unsigned int first, i, n;
	unsigned long va;

	if (!b || !len || len > min_t(size_t, b->size, U32_MAX))
		return NULL;
	va = gen_pool_alloc(b->pool, len);
	if (!va)
		return NULL;

	first = (va - (unsigned long)b->va) >> RPROC_BOUNCE_SHIFT;
	n = DIV_ROUND_UP(len, RPROC_BOUNCE_GRANULE);
	b->map[first].orig = orig;
	b->map[first].len = len;
	for (i = 0; i < n; i++)
		WRITE_ONCE(b->map[first + i].head, first + 1);

	*da = b->da + (va - (unsigned long)b->va);
	return (void *)va;
}

static void rproc_bounce_put(struct rproc_vdev_bounce *b,
			     struct rproc_bounce_map *m)
{
	unsigned int first = m - b->map;
	unsigned int i, n = DIV_ROUND_UP(m->len, RPROC_BOUNCE_GRANULE);
	size_t len = m->len;

	m->len = 0;
	for (i = 0; i < n; i++)
		WRITE_ONCE(b->map[first + i].head, 0);
	gen_pool_free(b->pool,
		      (unsigned long)b->va + ((size_t)first << RPROC_BOUNCE_SHIFT),
		      len);
}

/*
 * The mapping that @len bytes at @da lie in, and the offset of @da in it;
 * NULL when they are not inside one live mapping (a driver bug).
 */
static struct rproc_bounce_map *rproc_bounce_find(struct device *dev,
						  dma_addr_t da, size_t len,
						  size_t *off)
{
	struct rproc_vdev_bounce *b = dev_to_bounce(dev);
	struct rproc_bounce_map *m;
	size_t pos, head_pos;
	u32 head;

	if (!b || da < b->da || da - b->da >= b->size)
		goto bad;

	pos = da - b->da;
	head = READ_ONCE(b->map[pos >> RPROC_BOUNCE_SHIFT].head);
	if (!head)
		goto bad;

	m = &b->map[head - 1];
	head_pos = (size_t)(head - 1) << RPROC_BOUNCE_SHIFT;
	if (pos - head_pos > m->len || len > m->len - (pos - head_pos))
		goto bad;

	*off = pos - head_pos;
	return m;

bad:
	dev_err_ratelimited(dev, "DMA address %pad+%zu is not a live bounce mapping\n",
			    &da, len);
	return NULL;
}

static void *rproc_bounce_slot_va(struct device *dev,
				  struct rproc_bounce_map *m, size_t off)
{
	struct rproc_vdev_bounce *b = dev_to_bounce(dev);

	return b->va + ((size_t)(m - b->map) << RPROC_BOUNCE_SHIFT) + off;
}

static bool rproc_bounce_to_device(enum dma_data_direction dir)
{
	return dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static bool rproc_bounce_from_device(enum dma_data_direction dir)
{
	return dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static dma_addr_t rproc_bounce_map_page(struct device *dev, struct page *page,
					unsigned long offset, size_t size,
					enum dma_data_direction dir,
					unsigned long attrs)
{
	struct rproc_vdev_bounce *b = dev_to_bounce(dev);
	phys_addr_t phys = page_to_phys(page) + offset;
	dma_addr_t da;
	void *slot;

	slot = rproc_bounce_get(b, size, phys, &da);
	if (!slot) {
		dev_warn_ratelimited(dev, "no room in the bounce area to map %zu bytes\n",
				     size);
		return DMA_MAPPING_ERROR;
	}

	/*
	 * Fill the slot whatever the direction: a device that writes less
	 * than the whole buffer must not leave an earlier user's data in it,
	 * to be copied back on unmap.
	 */
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		rproc_bounce_copy(slot, phys, size, true);
	return da;
}

static void rproc_bounce_unmap_page(struct device *dev, dma_addr_t da,
				    size_t size, enum dma_data_direction dir,
				    unsigned long attrs)
{
	struct rproc_bounce_map *m;
	size_t off;

	m = rproc_bounce_find(dev, da, size, &off);
	if (!m)
		return;
	if (off || m->orig == RPROC_BOUNCE_COHERENT) {
		dev_err_ratelimited(dev, "unmap of %pad is not the start of a streaming mapping\n",
				    &da);
		return;
	}

	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC) && rproc_bounce_from_device(dir))
		rproc_bounce_copy(rproc_bounce_slot_va(dev, m, 0), m->orig,
				  m->len, false);
	rproc_bounce_put(dev_to_bounce(dev), m);
}

static void rproc_bounce_sync(struct device *dev, dma_addr_t da, size_t size,
			      bool for_cpu)
{
	struct rproc_bounce_map *m;
	size_t off;

	m = rproc_bounce_find(dev, da, size, &off);
	if (!m || m->orig == RPROC_BOUNCE_COHERENT)
		return;
	rproc_bounce_copy(rproc_bounce_slot_va(dev, m, off), m->orig + off,
			  size, !for_cpu);
}

static void rproc_bounce_sync_for_cpu(struct device *dev, dma_addr_t da,
				      size_t size, enum dma_data_direction dir)
{
	if (rproc_bounce_from_device(dir))
		rproc_bounce_sync(dev, da, size, true);
}

static void rproc_bounce_sync_for_device(struct device *dev, dma_addr_t da,
					 size_t size,
					 enum dma_data_direction dir)
{
	if (rproc_bounce_to_device(dir))
		rproc_bounce_sync(dev, da, size, false);
}

static void rproc_bounce_unmap_sg(struct device *dev, struct scatterlist *sgl,
				  int nents, enum dma_data_direction dir,
				  unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		rproc_bounce_unmap_page(dev, sg_dma_address(sg), sg_dma_len(sg),
					dir, attrs);
}

static int rproc_bounce_map_sg(struct device *dev, struct scatterlist *sgl,
			       int nents, enum dma_data_direction dir,
			       unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		sg->dma_address = rproc_bounce_map_page(dev, sg_page(sg),
							sg->offset, sg->length,
							dir, attrs);
		if (sg->dma_address == DMA_MAPPING_ERROR)
			goto unwind;
		sg_dma_len(sg) = sg->length;
	}
	return nents;

unwind:
	rproc_bounce_unmap_sg(dev, sgl, i, dir, attrs | DMA_ATTR_SKIP_CPU_SYNC);
	return -ENOMEM;
}

static void rproc_bounce_sync_sg(struct device *dev, struct scatterlist *sgl,
				 int nents, enum dma_data_direction dir,
				 bool for_cpu)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		if (for_cpu)
			rproc_bounce_sync_for_cpu(dev, sg_dma_address(sg),
						  sg_dma_len(sg), dir);
		else
			rproc_bounce_sync_for_device(dev, sg_dma_address(sg),
						     sg_dma_len(sg), dir);
	}
}

static void rproc_bounce_sync_sg_for_cpu(struct device *dev,
					 struct scatterlist *sgl, int nents,
					 enum dma_data_direction dir)
{
	rproc_bounce_sync_sg(dev, sgl, nents, dir, true);
}

static void rproc_bounce_sync_sg_for_device(struct device *dev,
					    struct scatterlist *sgl, int nents,
					    enum dma_data_direction dir)
{
	rproc_bounce_sync_sg(dev, sgl, nents, dir, false);
}

static void *rproc_bounce_alloc(struct device *dev, size_t size,
				dma_addr_t *da, gfp_t gfp, unsigned long attrs)
{
	void *va;

	va = rproc_bounce_get(dev_to_bounce(dev), size, RPROC_BOUNCE_COHERENT,
			      da);
	if (va)
		memset(va, 0, size);
	return va;
}

static void rproc_bounce_free(struct device *dev, size_t size, void *va,
			      dma_addr_t da, unsigned long attrs)
{
	struct rproc_bounce_map *m;
	size_t off;

	m = rproc_bounce_find(dev, da, size, &off);
	if (!m)
		return;
	if (off || m->orig != RPROC_BOUNCE_COHERENT ||
	    rproc_bounce_slot_va(dev, m, 0) != va) {
		dev_err_ratelimited(dev, "free of %pad is not a coherent allocation\n",
				    &da);
		return;
	}
	rproc_bounce_put(dev_to_bounce(dev), m);
}

static size_t rproc_bounce_max_mapping_size(struct device *dev)
{
	struct rproc_vdev_bounce *b = dev_to_bounce(dev);

	return b ? b->size : 0;
}

static const struct dma_map_ops rproc_bounce_dma_ops = {
	.alloc			= rproc_bounce_alloc,
	.free			= rproc_bounce_free,
	.map_page		= rproc_bounce_map_page,
	.unmap_page		= rproc_bounce_unmap_page,
	.map_sg			= rproc_bounce_map_sg,
	.unmap_sg		= rproc_bounce_unmap_sg,
	.sync_single_for_cpu	= rproc_bounce_sync_for_cpu,
	.sync_single_for_device	= rproc_bounce_sync_for_device,
	.sync_sg_for_cpu	= rproc_bounce_sync_sg_for_cpu,
	.sync_sg_for_device	= rproc_bounce_sync_sg_for_device,
	.max_mapping_size	= rproc_bounce_max_mapping_size,
};

/**
 * rproc_vdev_bounce_init() - route a vdev's DMA through its buffer carveout
 * @rvdev: the vdev, not yet registered as a virtio device
 * @mem: its "vdevNbuffer" carveout
 *
 * On success the vdev device's DMA operations bounce through @mem and the
 * transport offers VIRTIO_F_ACCESS_PLATFORM to its driver.
 *
 * Context: process context, &rproc.lock held.
 * Return: 0, -EINVAL if @mem cannot be used, or -ENOMEM.
 */
int rproc_vdev_bounce_init(struct rproc_vdev *rvdev,
			   struct rproc_mem_entry *mem)
{
	size_t granules = mem->len >> RPROC_BOUNCE_SHIFT;
	struct rproc_vdev_bounce *b;
	int ret = -ENOMEM;

	if (mem->is_iomem || !granules || granules > U32_MAX) {
		dev_err(&rvdev->pdev.dev, "%s cannot hold bounce buffers\n",
			mem->name);
		return -EINVAL;
	}

	b = kvzalloc(struct_size(b, map, granules), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->da = mem->da;
	b->size = granules << RPROC_BOUNCE_SHIFT;
	b->va = mem->va;
	if (!b->va) {
		/* The memory type the remote's buffers use elsewhere. */
		b->va = memremap(mem->dma, b->size, MEMREMAP_WC);
		if (!b->va)
			goto err_free;
		b->mapped = true;
	}

	b->pool = gen_pool_create(RPROC_BOUNCE_SHIFT, dev_to_node(&rvdev->pdev.dev));
	if (!b->pool)
		goto err_unmap;
	ret = gen_pool_add(b->pool, (unsigned long)b->va, b->size,
			   dev_to_node(&rvdev->pdev.dev));
	if (ret)
		goto err_pool;

	rvdev->bounce = b;
	set_dma_ops(&rvdev->pdev.dev, &rproc_bounce_dma_ops);
	return 0;

err_pool:
	gen_pool_destroy(b->pool);
err_unmap:
	if (b->mapped)
		memunmap(b->va);
err_free:
	kvfree(b);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_vdev_bounce_init);

/**
 * rproc_vdev_bounce_release() - give back the bounce area of a vdev
 * @rvdev: the vdev, its virtio device unregistered
 *
 * A mapping still live here is a driver's leak: the area is then left
 * allocated rather than handed back while the remote may use it.
 *
 * Context: process context.
 */
void rproc_vdev_bounce_release(struct rproc_vdev *rvdev)
{
	struct rproc_vdev_bounce *b = rvdev->bounce;

	if (!b)
		return;

	set_dma_ops(&rvdev->pdev.dev, get_dma_ops(rvdev->rproc->dev.parent));
	rvdev->bounce = NULL;

	if (gen_pool_avail(b->pool) != gen_pool_size(b->pool)) {
		dev_err(&rvdev->pdev.dev, "%zu bytes of bounce buffers still mapped, leaking the area\n",
			gen_pool_size(b->pool) - gen_pool_avail(b->pool));
		return;
	}
	gen_pool_destroy(b->pool);
	if (b->mapped)
		memunmap(b->va);
	kvfree(b);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_vdev_bounce_release);
