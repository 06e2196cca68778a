// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: the resource table and the memory it asks
 * for.
 *
 * By the time rproc_handle_resources() walks a table, it has passed
 * rproc_rsc_table_validate(): every offset points inside the table and every
 * entry, with its vrings and config space, fits.  The handlers here check
 * what the layout cannot tell: lengths that are zero, addresses that wrap,
 * a named region too small for the entry.
 *
 * Carveouts, IOMMU mappings and trace buffers live on lists of struct rproc
 * that only change with rproc->lock held.
 */

#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/iommu.h>
#include <linux/moduleparam.h>
#include <linux/of.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"

/*
 * Memory the core allocates for one boot of a remote on the firmware's
 * say-so: the carveouts and vrings the resource table asks for and the
 * platform did not reserve.  Regions the platform driver registered do not
 * count; they are the platform's to size.
 */
unsigned long rproc_carveout_limit = SZ_128M;
EXPORT_SYMBOL_IF_KUNIT(rproc_carveout_limit);
module_param_named(carveout_limit, rproc_carveout_limit, ulong, 0644);
MODULE_PARM_DESC(carveout_limit,
		 "most bytes the core allocates for one remote's resource table (carveouts and vrings the platform did not reserve); default 128 MiB");

/**
 * struct rproc_mapping - a device memory range mapped into the IOMMU
 * @node: link in &rproc.mappings
 * @da: device address
 * @len: length in bytes
 */
struct rproc_mapping {
	struct list_head node;
	u32 da;
	size_t len;
};

/* Does [@da, @da + @len) fit in the 32-bit device address space? */
static bool rproc_da_range_ok(u32 da, u32 len)
{
	return len && (u64)da + len <= (u64)U32_MAX + 1;
}

/**
 * rproc_resource_at() - pointer into the resource table the remote sees
 * @rproc: the remote processor
 * @offset: offset in the table
 * @len: bytes the caller will access
 *
 * Context: &rproc.lock held, or the caller owns a resource that keeps the
 * table alive (a registered virtio device).
 *
 * Return: the address, or NULL when there is no table or the range does
 * not fit in it.
 */
void *rproc_resource_at(struct rproc *rproc, u32 offset, size_t len)
{
	if (!rproc->table_ptr || offset > rproc->table_sz ||
	    len > rproc->table_sz - offset)
		return NULL;
	return (void *)rproc->table_ptr + offset;
}

/* Common part of the two entry constructors. */
static __printf(3, 0) struct rproc_mem_entry *
rproc_new_mem_entry(size_t len, u32 da, const char *fmt, va_list args)
{
	struct rproc_mem_entry *mem = kzalloc(sizeof(*mem), GFP_KERNEL);

	if (!mem)
		return NULL;

	vsnprintf(mem->name, sizeof(mem->name), fmt, args);
	mem->len = len;
	mem->da = da;
	/* Not tied to a table entry, not a DT region, until told so. */
	mem->of_resm_idx = -1;
	mem->rsc_offset = FW_RSC_ADDR_ANY;
	return mem;
}

/**
 * rproc_mem_entry_init() - describe a memory region of the remote
 * @dev: device the entry is allocated for (unused, kept for the 6.1 API)
 * @va: kernel address, when already mapped, or NULL
 * @dma: DMA address
 * @len: length in bytes
 * @da: device address, or FW_RSC_ADDR_ANY
 * @alloc: makes the region usable when the remote boots; may be NULL
 * @release: undoes @alloc; may be NULL
 * @name: printf format of the region's name
 *
 * Hand the result to rproc_add_carveout().  The core frees the entry when
 * the remote stops.
 *
 * Return: the entry, or NULL when out of memory.
 */
struct rproc_mem_entry *rproc_mem_entry_init(struct device *dev, void *va,
					     dma_addr_t dma, size_t len, u32 da,
					     rproc_mem_op_t alloc,
					     rproc_mem_op_t release,
					     const char *name, ...)
{
	struct rproc_mem_entry *mem;
	va_list args;

	va_start(args, name);
	mem = rproc_new_mem_entry(len, da, name, args);
	va_end(args);

	if (mem) {
		mem->alloc = alloc;
		mem->release = release;
		mem->dma = dma;
		mem->va = va;
	}
	return mem;
}
EXPORT_SYMBOL(rproc_mem_entry_init);

/**
 * rproc_of_resm_mem_entry_init() - describe a DT reserved-memory region
 * @dev: the platform device (unused, kept for the 6.1 API)
 * @of_resm_idx: index in the device's "memory-region" property
 * @len: length in bytes
 * @da: device address
 * @name: printf format of the region's name
 *
 * Used for the "vdevNbuffer" regions, which become the DMA memory of the
 * virtio device.
 *
 * Return: the entry, or NULL when out of memory.
 */
struct rproc_mem_entry *rproc_of_resm_mem_entry_init(struct device *dev,
						     u32 of_resm_idx,
						     size_t len, u32 da,
						     const char *name, ...)
{
	struct rproc_mem_entry *mem;
	va_list args;

	va_start(args, name);
	mem = rproc_new_mem_entry(len, da, name, args);
	va_end(args);

	if (mem)
		mem->of_resm_idx = of_resm_idx;
	return mem;
}
EXPORT_SYMBOL(rproc_of_resm_mem_entry_init);

/**
 * rproc_add_carveout() - register a memory region of the remote
 * @rproc: the remote processor
 * @mem: from rproc_mem_entry_init() or rproc_of_resm_mem_entry_init()
 *
 * A resource table carveout with the same name uses this region instead of
 * a fresh allocation.  Call it from &rproc_ops.prepare or
 * &rproc_ops.parse_fw: the regions are dropped every time the remote stops.
 */
void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	list_add_tail(&mem->node, &rproc->carveouts);
}
EXPORT_SYMBOL(rproc_add_carveout);

/**
 * rproc_find_carveout_by_name() - look a registered region up by name
 * @rproc: the remote processor
 * @name: printf format of the name
 *
 * Context: &rproc.lock held.
 *
 * Return: the region or NULL.
 */
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name, ...)
{
	struct rproc_mem_entry *mem;
	char wanted[sizeof(mem->name)];
	va_list args;

	lockdep_assert_held(&rproc->lock);

	va_start(args, name);
	vsnprintf(wanted, sizeof(wanted), name, args);
	va_end(args);

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (!strcmp(mem->name, wanted))
			return mem;
	}
	return NULL;
}

/**
 * rproc_da_to_va() - kernel address of a device memory range
 * @rproc: the remote processor
 * @da: device address
 * @len: length of the range
 * @is_iomem: set when the result is I/O memory (may be NULL)
 *
 * Asks the driver first, then searches the carveouts.
 *
 * Context: the carveouts must not change: hold &rproc.lock, or know that
 * the remote is up.
 *
 * Return: the address, or NULL when no region holds the whole range.
 */
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	struct rproc_mem_entry *mem;
	void *va;

	if (rproc->ops->da_to_va) {
		va = rproc->ops->da_to_va(rproc, da, len, is_iomem);
		if (va)
			return va;
	}

	list_for_each_entry(mem, &rproc->carveouts, node) {
		u64 off;

		if (!mem->va || da < mem->da)
			continue;
		off = da - mem->da;
		if (off > mem->len || len > mem->len - off)
			continue;
		if (is_iomem)
			*is_iomem = mem->is_iomem;
		return mem->va + off;
	}
	return NULL;
}
EXPORT_SYMBOL(rproc_da_to_va);

/**
 * rproc_of_parse_firmware() - read "firmware-name" from the device tree
 * @dev: the platform device
 * @index: which name, for processors with several images
 * @fw_name: set to the name (owned by the DT node)
 *
 * Return: 0 on success or the error of of_property_read_string_index().
 */
int rproc_of_parse_firmware(struct device *dev, int index, const char **fw_name)
{
	return of_property_read_string_index(dev->of_node, "firmware-name",
					     index, fw_name);
}
EXPORT_SYMBOL(rproc_of_parse_firmware);

static int rproc_iommu_map(struct rproc *rproc, u32 da, phys_addr_t pa,
			   u32 len, u32 flags)
{
	struct rproc_mapping *map;
	int ret;

	lockdep_assert_held(&rproc->lock);

	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return -ENOMEM;

	ret = iommu_map(rproc->domain, da, pa, len, flags);
	if (ret) {
		dev_err(&rproc->dev, "iommu_map of %#x+%#x failed: %d\n",
			da, len, ret);
		kfree(map);
		return ret;
	}

	map->da = da;
	map->len = len;
	list_add_tail(&map->node, &rproc->mappings);
	return 0;
}

/**
 * rproc_alloc_carveout() - default carveout allocator
 * @rproc: the remote processor
 * @mem: the region; FW_RSC_ADDR_ANY in &rproc_mem_entry.da is resolved
 *
 * Allocates coherent memory of the platform device and, behind an IOMMU,
 * maps it at the requested device address.  Without an IOMMU the remote
 * sees bus addresses, so a fixed device address must match the allocation.
 *
 * Return: 0 or a negative errno.
 */
int rproc_alloc_carveout(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	struct device *dev = &rproc->dev;
	void *va;
	dma_addr_t dma;
	int ret;

	/* Sized by the firmware: a failure is its problem, not a warning. */
	va = dma_alloc_coherent(dev->parent, mem->len, &dma,
				GFP_KERNEL | __GFP_NOWARN);
	if (!va)
		return -ENOMEM;

	if (rproc->domain) {
		if (mem->da == FW_RSC_ADDR_ANY)
			mem->da = (u32)dma;
		ret = rproc_iommu_map(rproc, mem->da, dma, mem->len, mem->flags);
		if (ret)
			goto free;
	} else if (mem->da == FW_RSC_ADDR_ANY) {
		if (upper_32_bits(dma) || !rproc_da_range_ok(dma, mem->len)) {
			dev_err(dev, "carveout %s at %pad is out of the remote's reach\n",
				mem->name, &dma);
			ret = -ENOMEM;
			goto free;
		}
		mem->da = (u32)dma;
	} else if (mem->da != dma) {
		/* Without an IOMMU the remote sees bus addresses. */
		dev_err(dev, "carveout %s: cannot place it at %#x without an IOMMU\n",
			mem->name, mem->da);
		ret = -ENOMEM;
		goto free;
	}

	mem->va = va;
	mem->dma = dma;
	return 0;

free:
	dma_free_coherent(dev->parent, mem->len, va, dma);
	return ret;
}

/**
 * rproc_release_carveout() - free a region of rproc_alloc_carveout()
 * @rproc: the remote processor
 * @mem: the region
 *
 * The IOMMU mapping goes with &rproc.mappings.
 *
 * Return: 0.
 */
int rproc_release_carveout(struct rproc *rproc, struct rproc_mem_entry *mem)
{
	dma_free_coherent(rproc->dev.parent, mem->len, mem->va, mem->dma);
	return 0;
}

static int rproc_handle_carveout(struct rproc *rproc, void *ptr, int offset,
				 int avail)
{
	struct fw_rsc_carveout *rsc = ptr;
	struct device *dev = &rproc->dev;
	struct rproc_mem_entry *mem;

	if (!rsc->len || (rsc->da != FW_RSC_ADDR_ANY &&
			  !rproc_da_range_ok(rsc->da, rsc->len))) {
		dev_err_ratelimited(dev, "carveout %.32s: bad range %#x+%#x\n",
				    rsc->name, rsc->da, rsc->len);
		return -EINVAL;
	}

	mem = rproc_find_carveout_by_name(rproc, "%.32s", rsc->name);
	if (mem) {
		/* A region the driver reserved: it must fit the request. */
		if (mem->rsc_offset != FW_RSC_ADDR_ANY) {
			dev_err_ratelimited(dev, "carveout %s requested twice\n",
					    mem->name);
			return -EINVAL;
		}
		if (rsc->da != FW_RSC_ADDR_ANY && rsc->da != mem->da) {
			dev_err_ratelimited(dev, "carveout %s is at %#x, firmware wants %#x\n",
					    mem->name, mem->da, rsc->da);
			return -EINVAL;
		}
		if (rsc->len > mem->len) {
			dev_err_ratelimited(dev, "carveout %s has %zu bytes, firmware wants %u\n",
					    mem->name, mem->len, rsc->len);
			return -EINVAL;
		}
		mem->rsc_offset = offset;
		return 0;
	}

	mem = rproc_mem_entry_init(dev, NULL, 0, rsc->len, rsc->da,
				   rproc_alloc_carveout, rproc_release_carveout,
				   "%.32s", rsc->name);
	if (!mem)
		return -ENOMEM;

	mem->flags = rsc->flags;
	mem->rsc_offset = offset;
	rproc_add_carveout(rproc, mem);
	return 0;
}

static int rproc_handle_devmem(struct rproc *rproc, void *ptr, int offset,
			       int avail)
{
	struct fw_rsc_devmem *rsc = ptr;

	/* Without an IOMMU the remote reaches its peripherals directly. */
	if (!rproc->domain)
		return 0;

	if (!rproc_da_range_ok(rsc->da, rsc->len)) {
		dev_err_ratelimited(&rproc->dev, "devmem %.32s: bad range %#x+%#x\n",
				    rsc->name, rsc->da, rsc->len);
		return -EINVAL;
	}

	return rproc_iommu_map(rproc, rsc->da, rsc->pa, rsc->len, rsc->flags);
}

static int rproc_handle_trace(struct rproc *rproc, void *ptr, int offset,
			      int avail)
{
	struct fw_rsc_trace *rsc = ptr;
	struct rproc_debug_trace *trace;

	lockdep_assert_held(&rproc->lock);

	if (!rproc_da_range_ok(rsc->da, rsc->len)) {
		dev_err_ratelimited(&rproc->dev, "trace %.32s: bad range %#x+%#x\n",
				    rsc->name, rsc->da, rsc->len);
		return -EINVAL;
	}

	trace = kzalloc(sizeof(*trace), GFP_KERNEL);
	if (!trace)
		return -ENOMEM;

	/* Resolved at every read: the carveouts are not allocated yet. */
	trace->rproc = rproc;
	trace->trace_mem.da = rsc->da;
	trace->trace_mem.len = rsc->len;
	snprintf(trace->trace_mem.name, sizeof(trace->trace_mem.name),
		 "%.31s", rsc->name);

	list_add_tail(&trace->node, &rproc->traces);
	to_rproc_core(rproc)->num_traces++;
	return 0;
}

/*
 * Trace files are readable without the lock, so they appear only once
 * the carveout list they read through stops changing.
 */
static void rproc_publish_traces(struct rproc *rproc)
{
	struct rproc_debug_trace *trace;
	char name[16];
	int i = 0;

	lockdep_assert_held(&rproc->lock);

	list_for_each_entry(trace, &rproc->traces, node) {
		snprintf(name, sizeof(name), "trace%d", i++);
		trace->tfile = rproc_create_trace_file(name, rproc, trace);
	}
}

static int rproc_handle_vendor(struct rproc *rproc, u32 type, void *rsc,
			       int offset, int avail)
{
	int ret;

	if (!rproc->ops->handle_rsc) {
		dev_warn_ratelimited(&rproc->dev,
				     "vendor resource %u skipped: driver has no handler\n",
				     type);
		return 0;
	}

	ret = rproc->ops->handle_rsc(rproc, type, rsc, offset, avail);
	if (ret < 0) {
		dev_err(&rproc->dev, "vendor resource %u refused: %d\n", type, ret);
		return ret;
	}
	if (ret == RSC_IGNORED)
		dev_dbg(&rproc->dev, "vendor resource %u ignored\n", type);
	return 0;
}

typedef int (*rproc_rsc_handler_t)(struct rproc *rproc, void *rsc, int offset,
				   int avail);

static const rproc_rsc_handler_t rproc_rsc_handlers[RSC_LAST] = {
	[RSC_CARVEOUT]	= rproc_handle_carveout,
	[RSC_DEVMEM]	= rproc_handle_devmem,
	[RSC_TRACE]	= rproc_handle_trace,
	[RSC_VDEV]	= rproc_handle_vdev,
};

/**
 * rproc_handle_resources() - act on every entry of the resource table
 * @rproc: the remote processor; &rproc.table_ptr is a validated table
 *
 * Context: &rproc.lock held.
 *
 * Return: 0 on success or the first handler error; the caller then calls
 * rproc_resource_cleanup().
 */
int rproc_handle_resources(struct rproc *rproc)
{
	struct resource_table *table = rproc->table_ptr;
	u32 i;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!table)
		return 0;

	for (i = 0; i < table->num; i++) {
		u32 body = table->offset[i] + sizeof(struct fw_rsc_hdr);
		struct fw_rsc_hdr *hdr = (void *)table + table->offset[i];
		int avail = rproc->table_sz - body;
		u32 type = hdr->type;

		if (type < RSC_LAST) {
			ret = rproc_rsc_handlers[type](rproc, hdr->data, body,
						       avail);
		} else if (type >= RSC_VENDOR_START && type <= RSC_VENDOR_END) {
			ret = rproc_handle_vendor(rproc, type, hdr->data, body,
						  avail);
		} else {
			dev_warn_ratelimited(&rproc->dev,
					     "unknown resource type %u skipped\n",
					     type);
			ret = 0;
		}
		if (ret)
			return ret;
	}

	rproc_publish_traces(rproc);
	return 0;
}

/*
 * Refuse a table whose carveouts and vrings, all allocated by the core,
 * add up to more than rproc_carveout_limit, before allocating any.
 */
static int rproc_check_carveout_total(struct rproc *rproc)
{
	unsigned long limit = READ_ONCE(rproc_carveout_limit);
	struct rproc_mem_entry *mem;
	u64 total = 0;
	u32 count = 0;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (mem->alloc != rproc_alloc_carveout || mem->va)
			continue;
		total += mem->len;
		count++;
	}
	if (total <= limit)
		return 0;

	dev_err(&rproc->dev,
		"firmware asks for %u carveouts of %llu bytes in all, more than the %lu allowed (remoteproc.carveout_limit)\n",
		count, total, limit);
	return -E2BIG;
}

/**
 * rproc_alloc_registered_carveouts() - make every carveout usable
 * @rproc: the remote processor
 *
 * Runs the allocators and writes the chosen addresses back into the
 * resource table entries that asked for them.  What the core allocates
 * itself (regions the platform did not register) may add up to at most
 * the carveout_limit module parameter.
 *
 * Context: &rproc.lock held.
 *
 * Return: 0 on success, -E2BIG over the limit, or the first allocator
 * error.
 */
int rproc_alloc_registered_carveouts(struct rproc *rproc)
{
	struct rproc_mem_entry *mem;
	struct fw_rsc_carveout *rsc;
	int ret;

	lockdep_assert_held(&rproc->lock);

	ret = rproc_check_carveout_total(rproc);
	if (ret)
		return ret;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (mem->alloc && !mem->va) {
			ret = mem->alloc(rproc, mem);
			if (ret) {
				dev_err(&rproc->dev, "carveout %s: allocation failed: %d\n",
					mem->name, ret);
				return ret;
			}
		}

		if (mem->rsc_offset == FW_RSC_ADDR_ANY)
			continue;

		rsc = rproc_resource_at(rproc, mem->rsc_offset, sizeof(*rsc));
		if (!rsc)
			return -EINVAL;
		if (rsc->da == FW_RSC_ADDR_ANY)
			rsc->da = mem->da;
		rsc->pa = upper_32_bits(mem->dma) ? FW_RSC_ADDR_ANY : (u32)mem->dma;
	}
	return 0;
}

/**
 * rproc_resource_cleanup() - release what the resource table asked for
 * @rproc: the remote processor, stopped
 *
 * Removes the virtio devices, the trace buffers, the IOMMU mappings, the
 * carveouts (also those the driver registered) and the dump segments.
 *
 * Context: &rproc.lock held.
 */
void rproc_resource_cleanup(struct rproc *rproc)
{
	struct rproc_debug_trace *trace, *ttmp;
	struct rproc_mem_entry *mem, *mtmp;
	struct rproc_mapping *map, *ptmp;

	lockdep_assert_held(&rproc->lock);

	rproc_vdev_release_all(rproc);

	list_for_each_entry_safe(trace, ttmp, &rproc->traces, node) {
		rproc_remove_trace_file(trace->tfile);
		list_del(&trace->node);
		kfree(trace);
	}
	to_rproc_core(rproc)->num_traces = 0;

	list_for_each_entry_safe(map, ptmp, &rproc->mappings, node) {
		size_t done = iommu_unmap(rproc->domain, map->da, map->len);

		if (done != map->len)
			dev_err(&rproc->dev, "iommu_unmap of %#x+%#zx left %zu bytes\n",
				map->da, map->len, map->len - done);
		list_del(&map->node);
		kfree(map);
	}

	list_for_each_entry_safe(mem, mtmp, &rproc->carveouts, node) {
		if (mem->release && mem->va)
			mem->release(rproc, mem);
		list_del(&mem->node);
		kfree(mem);
	}

	rproc_coredump_cleanup(rproc);
}
EXPORT_SYMBOL(rproc_resource_cleanup);

static int rproc_iommu_fault(struct iommu_domain *domain, struct device *dev,
			     unsigned long iova, int flags, void *token)
{
	struct rproc *rproc = token;

	dev_err_ratelimited(dev, "iommu fault at %#lx, flags %#x\n", iova, flags);
	rproc_report_crash(rproc, RPROC_MMUFAULT);

	/* Not handled here: the IOMMU driver reports it as well. */
	return -EFAULT;
}

/**
 * rproc_enable_iommu() - give the remote an IOMMU domain, if it has one
 * @rproc: the remote processor
 *
 * Context: &rproc.lock held.
 *
 * Return: 0 on success (or without IOMMU) or a negative errno.
 */
int rproc_enable_iommu(struct rproc *rproc)
{
	struct device *dev = rproc->dev.parent;
	struct iommu_domain *domain;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc->has_iommu)
		return 0;

	domain = iommu_domain_alloc(dev->bus);
	if (!domain) {
		dev_err(dev, "cannot allocate an IOMMU domain\n");
		return -ENOMEM;
	}

	iommu_set_fault_handler(domain, rproc_iommu_fault, rproc);

	ret = iommu_attach_device(domain, dev);
	if (ret) {
		dev_err(dev, "cannot attach to the IOMMU: %d\n", ret);
		iommu_domain_free(domain);
		return ret;
	}

	rproc->domain = domain;
	return 0;
}

/**
 * rproc_disable_iommu() - undo rproc_enable_iommu()
 * @rproc: the remote processor
 *
 * Context: &rproc.lock held.
 */
void rproc_disable_iommu(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	if (!rproc->domain)
		return;

	iommu_detach_device(rproc->domain, rproc->dev.parent);
	iommu_domain_free(rproc->domain);
	rproc->domain = NULL;
}
