// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor simulator: memory pool, platform driver and rproc ops
 *
 * A simulated remote processor is a platform device created from configfs.
 * Its device memory is carved from a pool of physical memory that the
 * kernel does not use (reserved with memmap= on the command line and
 * handed to us with remoteproc_sim.pool=SIZE@BASE[,SIZE@BASE...]).  The
 * core itself is a userspace process, the runner, which maps that memory
 * at the firmware's device addresses (or emulates a core that sees it
 * there) and executes the loaded firmware; see remoteproc_sim_runner.c.
 * Or the core is a process that attaches through UIO and is the remote
 * itself; see remoteproc_sim_uio.c.
 */

#include <linux/bitmap.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/genalloc.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_sim.h"

static char *pool_param;
module_param_named(pool, pool_param, charp, 0444);
MODULE_PARM_DESC(pool, "physical memory for simulated device memory, SIZE@BASE[,SIZE@BASE...] (reserve each with memmap=SIZE$BASE)");

/* The pool never changes after init; genalloc does its own locking. */
static struct gen_pool *rsim_pool;

/* Ranges the pool parameter may list. */
#define RSIM_POOL_RANGES	4

/* One SIZE@BASE range of the pool parameter into the pool. */
static int rsim_pool_add(char *range)
{
	phys_addr_t base;
	u64 size;
	char *at;

	size = memparse(range, &at);
	if (*at != '@' || !size) {
		pr_err("rproc-sim: bad pool range '%s', expected SIZE@BASE\n", range);
		return -EINVAL;
	}
	base = memparse(at + 1, &at);
	if (*at || !base || !PAGE_ALIGNED(base) || !PAGE_ALIGNED(size)) {
		pr_err("rproc-sim: pool range '%s' must be page aligned and not at 0\n",
		       range);
		return -EINVAL;
	}
	if (region_intersects(base, size, IORESOURCE_SYSTEM_RAM,
			      IORES_DESC_NONE) != REGION_DISJOINT) {
		pr_err("rproc-sim: pool %pa+%#llx overlaps System RAM; reserve it with memmap=\n",
		       &base, size);
		return -EINVAL;
	}
	pr_info("rproc-sim: %llu KiB of device memory at %pa\n", size >> 10, &base);
	return gen_pool_add(rsim_pool, base, size, NUMA_NO_NODE);
}

/*
 * genalloc tries the chunks from the last added on: add the ranges from
 * the last to the first, so that regions without a fixed address come
 * from the first range and leave the others to the regions that need
 * their addresses.
 */
static int rsim_pool_init(void)
{
	char *ranges, *next, *range[RSIM_POOL_RANGES];
	unsigned int n = 0;
	int ret = 0;

	if (!pool_param || !*pool_param) {
		pr_info("rproc-sim: no memory pool (remoteproc_sim.pool=SIZE@BASE), instances cannot go live\n");
		return 0;
	}

	rsim_pool = gen_pool_create(PAGE_SHIFT, NUMA_NO_NODE);
	if (!rsim_pool)
		return -ENOMEM;
	ranges = kstrdup(pool_param, GFP_KERNEL);
	if (!ranges) {
		ret = -ENOMEM;
		goto out;
	}
	next = ranges;
	while (next && n < RSIM_POOL_RANGES)
		range[n++] = strsep(&next, ",");
	if (next) {
		pr_err("rproc-sim: more than %u pool ranges\n", RSIM_POOL_RANGES);
		ret = -EINVAL;
	}
	while (!ret && n)
		ret = rsim_pool_add(range[--n]);
	kfree(ranges);
out:
	if (ret) {
		gen_pool_destroy(rsim_pool);
		rsim_pool = NULL;
	}
	return ret;
}

static void rsim_pool_exit(void)
{
	if (rsim_pool)
		gen_pool_destroy(rsim_pool);
}

/* "vdev<N>buffer" exactly; %n is only reached when the literal matched. */
static bool rsim_is_buffer_region(const char *name)
{
	unsigned int idx;
	int end = 0;

	return sscanf(name, "vdev%ubuffer%n", &idx, &end) == 1 && end &&
	       !name[end];
}

/*
 * genalloc algorithm for a region that must sit at the physical address
 * *@data (a platform whose remote reaches shared memory at fixed physical
 * addresses, such as the OMAP4 IPU's identity-mapped IPC pool).
 */
static unsigned long rsim_fixed_fit(unsigned long *map, unsigned long size,
				    unsigned long start, unsigned int nr,
				    void *data, struct gen_pool *pool,
				    unsigned long start_addr)
{
	unsigned long want = *(unsigned long *)data, bit;

	if (want < start_addr)
		return size;
	bit = (want - start_addr) >> pool->min_alloc_order;
	if (bit >= size || nr > size - bit ||
	    bitmap_find_next_zero_area(map, size, bit, nr, 0) != bit)
		return size;
	return bit;
}

static void rsim_regions_release(void *data)
{
	struct rsim *rsim = data;
	struct rsim_region *r;
	unsigned int i;

	for (i = 0; i < rsim->nr_regions; i++) {
		r = &rsim->regions[i];
		if (r->va)
			memunmap(r->va);
		gen_pool_free(rsim_pool, r->pa, r->cfg.size);
	}
	rsim->nr_regions = 0;
}

/*
 * Carve every configured region from the pool.  Regions other than vdev
 * buffers get a write-back kernel mapping for the ELF loader, the resource
 * table, the trace buffer and the vrings; buffer regions are mapped by the
 * transport when it declares them as the vdev's DMA pool, with the memory
 * type it needs.
 */
static int rsim_regions_alloc(struct rsim *rsim)
{
	unsigned long pa, want;
	struct rsim_region *r;
	unsigned int i;
	int ret;

	if (!rsim_pool)
		return dev_err_probe(rsim->dev, -ENODEV,
				     "no memory pool: boot with memmap=SIZE$BASE remoteproc_sim.pool=SIZE@BASE\n");

	ret = devm_add_action(rsim->dev, rsim_regions_release, rsim);
	if (ret)
		return ret;

	for (i = 0; i < rsim->pdata.nr_regions; i++) {
		r = &rsim->regions[i];
		r->cfg = rsim->pdata.regions[i];

		if (r->cfg.pa) {
			want = r->cfg.pa;
			pa = gen_pool_alloc_algo(rsim_pool, r->cfg.size,
						 rsim_fixed_fit, &want);
			if (!pa)
				return dev_err_probe(rsim->dev, -EADDRNOTAVAIL,
						     "region %s: %#llx+%#llx is not free memory of the pool\n",
						     r->cfg.name, r->cfg.pa,
						     r->cfg.size);
		} else {
			pa = gen_pool_alloc(rsim_pool, r->cfg.size);
			if (!pa)
				return dev_err_probe(rsim->dev, -ENOMEM,
						     "pool exhausted allocating region %s (%llu bytes)\n",
						     r->cfg.name, r->cfg.size);
		}
		r->pa = pa;
		rsim->nr_regions++;

		if (rsim_is_buffer_region(r->cfg.name))
			continue;
		r->va = memremap(r->pa, r->cfg.size, MEMREMAP_WB);
		if (!r->va)
			return dev_err_probe(rsim->dev, -ENOMEM,
					     "cannot map region %s\n", r->cfg.name);
		memset(r->va, 0, r->cfg.size);
	}
	return 0;
}

/*
 * rproc ops.  The core serializes prepare/start/stop/unprepare under its
 * own lock; kick may be called from any context.
 */

static int rsim_prepare(struct rproc *rproc)
{
	struct rsim *rsim = rproc->priv;
	struct rproc_mem_entry *mem;
	struct rsim_region *r;
	unsigned int i;
	int ret;

	for (i = 0; i < rsim->nr_regions; i++) {
		r = &rsim->regions[i];
		mem = rproc_mem_entry_init(rsim->dev, r->va, r->pa, r->cfg.size,
					   r->cfg.da, NULL, NULL, "%s",
					   r->cfg.name);
		if (!mem)
			return -ENOMEM;
		rproc_add_carveout(rproc, mem);

		if (!r->va)
			continue;
		ret = rproc_coredump_add_segment(rproc, r->cfg.da, r->cfg.size);
		if (ret)
			return ret;
	}
	return 0;
}

static int rsim_start(struct rproc *rproc)
{
	struct rsim *rsim = rproc->priv;

	if (rsim->uio_remote)
		return rsim_uio_start(rsim);
	return rsim_runner_launch(rsim);
}

/* Switch the core off, whatever it is; safe when it is off already. */
static void rsim_core_off(struct rsim *rsim)
{
	if (rsim->uio_remote)
		rsim_uio_stop(rsim);
	else
		rsim_runner_halt(rsim);
}

static int rsim_stop(struct rproc *rproc)
{
	rsim_core_off(rproc->priv);
	return 0;
}

static void rsim_kick(struct rproc *rproc, int vqid)
{
	struct rsim *rsim = rproc->priv;
	unsigned int bit = clamp(vqid, 0, 63);

	atomic_inc(&rsim->kicks_out);
	if (rsim->uio_remote) {
		rsim_uio_kick(rsim);
		return;
	}
	atomic64_or(BIT_ULL(bit), &rsim->pending);
	/* A core that polls (poll_us) is not on the queue: no lock to take */
	if (wq_has_sleeper(&rsim->wq))
		wake_up(&rsim->wq);
}

/*
 * The core runs x86-64 images natively and ARM (Cortex-M3) images in an
 * emulator: accept either, and dump crashes as the image's machine.
 */
static int rsim_sanity_check(struct rproc *rproc, const struct firmware *fw)
{
	struct rsim *rsim = rproc->priv;
	const struct elf32_hdr *ehdr;
	u8 class;
	u16 machine;
	int ret;

	/* Any class and machine here; the loader checks everything else. */
	rproc->elf_class = ELFCLASSNONE;
	rproc->elf_machine = EM_NONE;
	ret = rproc_elf_sanity_check(rproc, fw);
	if (ret)
		return ret;

	/*
	 * e_ident and e_machine sit at the same offsets in both classes, and
	 * the loader accepts only images in the host's byte order.
	 */
	ehdr = (const struct elf32_hdr *)fw->data;
	class = ehdr->e_ident[EI_CLASS];
	machine = ehdr->e_machine;
	if (!(machine == EM_X86_64 && class == ELFCLASS64) &&
	    !(machine == EM_ARM && class == ELFCLASS32)) {
		dev_err_ratelimited(rsim->dev,
				    "ELF machine %u (class %u): the simulator runs x86-64 and 32-bit ARM images\n",
				    machine, class);
		return -EOPNOTSUPP;
	}
	/* Also what the runner is chosen by and told (rsim_runner_path()) */
	return rproc_coredump_set_elf_info(rproc, class, machine);
}

static const struct rproc_ops rsim_rproc_ops = {
	.prepare		= rsim_prepare,
	.start			= rsim_start,
	.stop			= rsim_stop,
	.kick			= rsim_kick,
	.parse_fw		= rproc_elf_load_rsc_table,
	.find_loaded_rsc_table	= rproc_elf_find_loaded_rsc_table,
	.load			= rproc_elf_load_segments,
	.sanity_check		= rsim_sanity_check,
	.get_boot_addr		= rproc_elf_get_boot_addr,
};

/* Stop a core that the remoteproc core left running (e.g. crashed). */
static void rsim_halt_action(void *data)
{
	rsim_core_off(data);
}

/**
 * rsim_crash() - crash the simulated core on purpose
 * @rsim: the instance
 *
 * The remoteproc core sees a crash, as if the core had failed by itself.
 *
 * Return: 0, or -ESRCH if the core is not running.
 */
int rsim_crash(struct rsim *rsim)
{
	if (rsim->uio_remote)
		return rsim_uio_crash(rsim);
	return rsim_runner_kill(rsim);
}

static int rsim_probe(struct platform_device *pdev)
{
	const struct rsim_pdata *pdata = dev_get_platdata(&pdev->dev);
	struct device *dev = &pdev->dev;
	struct rproc *rproc;
	struct rsim *rsim;
	int ret;

	if (!pdata)
		return -EINVAL;

	rproc = devm_rproc_alloc(dev, pdata->name, &rsim_rproc_ops,
				 pdata->firmware, sizeof(*rsim));
	if (!rproc) {
		ret = -ENOMEM;
		goto out;
	}
	rproc->auto_boot = false;

	rsim = rproc->priv;
	rsim->dev = dev;
	rsim->rproc = rproc;
	rsim->pdata = *pdata;
	rsim->pdata.probe_err = NULL;
	spin_lock_init(&rsim->lock);
	init_waitqueue_head(&rsim->wq);
	init_completion(&rsim->ready);
	init_completion(&rsim->released);
	platform_set_drvdata(pdev, rsim);

	ret = rproc_coredump_set_elf_info(rproc, ELFCLASS64, EM_X86_64);
	if (ret)
		goto out;

	ret = rsim_regions_alloc(rsim);
	if (ret)
		goto out;

	rsim_watchdog_init(rsim);
	rsim->uio_remote = !strcmp(pdata->runner, RSIM_RUNNER_UIO);
	if (rsim->uio_remote)
		ret = rsim_uio_init(rsim);
	else
		ret = rsim_runner_register(rsim);
	if (ret)
		goto out;

	/* Runs after rproc_del() on removal: the core may be left crashed. */
	ret = devm_add_action(dev, rsim_halt_action, rsim);
	if (ret)
		goto out;

	ret = rsim_pm_init(rsim);
	if (ret)
		goto out;

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		dev_err(dev, "cannot register remote processor: %d\n", ret);
out:
	if (pdata->probe_err)
		*pdata->probe_err = ret;
	return ret;
}

static struct platform_driver rsim_driver = {
	.probe = rsim_probe,
	.driver = {
		.name = RSIM_DRV_NAME,
		.probe_type = PROBE_FORCE_SYNCHRONOUS,
		.suppress_bind_attrs = true,
		.pm = RSIM_PM_OPS,
	},
};

static int __init rsim_init(void)
{
	int ret;

	ret = rsim_pool_init();
	if (ret)
		return ret;

	ret = platform_driver_register(&rsim_driver);
	if (ret)
		goto err_pool;

	ret = rsim_configfs_register();
	if (ret)
		goto err_driver;
	return 0;

err_driver:
	platform_driver_unregister(&rsim_driver);
err_pool:
	rsim_pool_exit();
	return ret;
}
module_init(rsim_init);

static void __exit rsim_exit(void)
{
	rsim_configfs_unregister();
	platform_driver_unregister(&rsim_driver);
	rsim_pool_exit();
}
module_exit(rsim_exit);

MODULE_DESCRIPTION("Simulated remote processor for testing remoteproc and rpmsg");
MODULE_LICENSE("GPL");
