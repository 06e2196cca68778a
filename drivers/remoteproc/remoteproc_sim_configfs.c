// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor simulator: instances created from configfs
 *
 *   /sys/kernel/config/rproc-sim/
 *	NAME/			one simulated remote processor
 *		live		1 registers it, 0 removes it
 *		firmware	default firmware file name
 *		runner		path of the core runner, "auto" (the
 *				default): by the image's ELF machine, or
 *				"uio": the remote is a process using the
 *				instance's UIO device
 *		heartbeat_ms	watchdog period, 0 = off
 *		attach_timeout_ms  how long start waits for the runner
 *		autosuspend_ms	idle time before the remote is suspended,
 *				-1 (the default) = never
 *		poll_us		how long the core polls for a kick before
 *				it sleeps, 0 (the default) to 1000; may
 *				change while live
 *		crash		write 1: kill the running core (a crash)
 *		wake		write 1: a suspended core wakes by itself
 *		dev_name	platform device name (read-only)
 *		remoteproc	remoteprocN of the instance (read-only)
 *		kicks		kicks from / to the remote (read-only)
 *		REGION/		a device-memory region; none = default map
 *			da	device address
 *			size	length in bytes
 *			pa	physical address it must have, 0 (the
 *				default) = anywhere in the memory pool
 *
 * Writing 1 to live turns the settings into platform data and registers a
 * platform device; probing is synchronous, so a probe error is returned to
 * the writer.  Settings other than poll_us cannot change while the
 * instance is live.
 */

#include <linux/configfs.h>
#include <linux/ctype.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "remoteproc_sim.h"

/**
 * struct rsim_cfg_instance - configfs side of one instance
 * @group: the NAME directory
 * @lock: protects every field below and the values of all regions of
 *	this instance; held across registration of the platform device
 * @regions: &struct rsim_cfg_region in creation order
 * @pdev: the platform device while live, else NULL
 * @firmware: default firmware name
 * @runner: runner path or RSIM_RUNNER_AUTO
 * @heartbeat_ms: watchdog period
 * @attach_timeout_ms: start timeout
 * @autosuspend_ms: initial autosuspend delay, negative = never
 * @poll_us: the core's poll before a wait sleeps, also while live
 */
struct rsim_cfg_instance {
	struct config_group group;
	struct mutex lock;	/* settings and live state, see above */
	struct list_head regions;
	struct platform_device *pdev;
	char firmware[RSIM_FW_LEN];
	char runner[RSIM_RUNNER_LEN];
	u32 heartbeat_ms;
	u32 attach_timeout_ms;
	s32 autosuspend_ms;
	u32 poll_us;
};

/**
 * struct rsim_cfg_region - one REGION directory
 * @item: the directory; its name is the region name
 * @inst: owning instance
 * @node: entry in @inst->regions, under @inst->lock
 * @da: device address, under @inst->lock
 * @size: length, under @inst->lock
 * @pa: required physical address or 0, under @inst->lock
 */
struct rsim_cfg_region {
	struct config_item item;
	struct rsim_cfg_instance *inst;
	struct list_head node;
	u64 da;
	u64 size;
	u64 pa;
};

/* Memory map used when an instance has no REGION directories. */
static const struct rsim_region_cfg rsim_default_map[] = {
	{ "mem",         0x20000000, SZ_8M },
	{ "vdev0vring0", 0x30000000, SZ_32K },
	{ "vdev0vring1", 0x30008000, SZ_32K },
	{ "vdev0buffer", 0x30010000, SZ_512K },
	{ "vdev1vring0", 0x30090000, SZ_32K },
	{ "vdev1vring1", 0x30098000, SZ_32K },
	{ "vdev1buffer", 0x300a0000, SZ_1M + SZ_256K + SZ_128K },
};

static struct rsim_cfg_instance *to_rsim_inst(struct config_item *item)
{
	return container_of(to_config_group(item), struct rsim_cfg_instance,
			    group);
}

static struct rsim_cfg_region *to_rsim_region(struct config_item *item)
{
	return container_of(item, struct rsim_cfg_region, item);
}

static bool rsim_name_ok(const char *name)
{
	size_t len = strlen(name);

	if (!len || len >= RSIM_NAME_LEN)
		return false;
	for (; *name; name++)
		if (!isalnum(*name) && *name != '-' && *name != '_')
			return false;
	return true;
}

/* The live device's driver data; the caller holds @inst->lock. */
static struct rsim *rsim_inst_dev(struct rsim_cfg_instance *inst)
{
	lockdep_assert_held(&inst->lock);

	return inst->pdev ? platform_get_drvdata(inst->pdev) : NULL;
}

static int rsim_check_map(const struct rsim_pdata *pd)
{
	const struct rsim_region_cfg *a, *b;
	unsigned int i, j;

	if (!pd->nr_regions)
		return -EINVAL;
	for (i = 0; i < pd->nr_regions; i++) {
		a = &pd->regions[i];
		if (!a->size || a->da + a->size > (u64)U32_MAX + 1) {
			pr_err_ratelimited("rproc-sim: %s: region %s is empty or ends above 4 GiB\n",
					   pd->name, a->name);
			return -EINVAL;
		}
		for (j = 0; j < i; j++) {
			b = &pd->regions[j];
			if (a->da < b->da + b->size && b->da < a->da + a->size) {
				pr_err_ratelimited("rproc-sim: %s: regions %s and %s overlap\n",
						   pd->name, a->name, b->name);
				return -EINVAL;
			}
		}
	}
	return 0;
}

/*
 * A UIO remote sees the regions as UIO maps, of which there are at most
 * MAX_UIO_MAPS, and must find every address Linux hands it - device
 * addresses in the resource table, physical ones in the vrings - in the
 * map whose address sysfs shows: each region is pinned at a physical
 * address equal to its device address.
 */
static int rsim_check_uio(const struct rsim_pdata *pd, bool default_map)
{
	const struct rsim_region_cfg *r;
	unsigned int i;

	if (strcmp(pd->runner, RSIM_RUNNER_UIO))
		return 0;
	if (default_map || pd->nr_regions > MAX_UIO_MAPS) {
		pr_err_ratelimited("rproc-sim: %s: a UIO remote needs a map of its own, of at most %u regions\n",
				   pd->name, MAX_UIO_MAPS);
		return -EINVAL;
	}
	for (i = 0; i < pd->nr_regions; i++) {
		r = &pd->regions[i];
		if (r->pa != r->da) {
			pr_err_ratelimited("rproc-sim: %s: region %s of a UIO remote needs pa = da\n",
					   pd->name, r->name);
			return -EINVAL;
		}
	}
	if (pd->autosuspend_ms >= 0) {
		pr_err_ratelimited("rproc-sim: %s: a UIO remote cannot be suspended (autosuspend_ms)\n",
				   pd->name);
		return -EINVAL;
	}
	if (pd->poll_us) {
		pr_err_ratelimited("rproc-sim: %s: poll_us is for runner cores, not a UIO remote\n",
				   pd->name);
		return -EINVAL;
	}
	return 0;
}

/* Build platform data from the settings; the caller holds @inst->lock. */
static int rsim_fill_pdata(struct rsim_cfg_instance *inst,
			   struct rsim_pdata *pd)
{
	struct rsim_cfg_region *reg;
	unsigned int n = 0;

	lockdep_assert_held(&inst->lock);

	strscpy(pd->name, config_item_name(&inst->group.cg_item),
		sizeof(pd->name));
	strscpy(pd->firmware, inst->firmware, sizeof(pd->firmware));
	strscpy(pd->runner, inst->runner, sizeof(pd->runner));
	pd->heartbeat_ms = inst->heartbeat_ms;
	pd->attach_timeout_ms = inst->attach_timeout_ms;
	pd->autosuspend_ms = inst->autosuspend_ms;
	pd->poll_us = inst->poll_us;

	if (list_empty(&inst->regions)) {
		memcpy(pd->regions, rsim_default_map, sizeof(rsim_default_map));
		pd->nr_regions = ARRAY_SIZE(rsim_default_map);
		return rsim_check_uio(pd, true);
	}

	list_for_each_entry(reg, &inst->regions, node) {
		if (n == RSIM_MAX_REGIONS)
			return -E2BIG;
		strscpy(pd->regions[n].name, config_item_name(&reg->item),
			sizeof(pd->regions[n].name));
		pd->regions[n].da = reg->da;
		pd->regions[n].size = reg->size;
		pd->regions[n].pa = reg->pa;
		n++;
	}
	pd->nr_regions = n;
	return rsim_check_map(pd) ?: rsim_check_uio(pd, false);
}

/* Register the platform device; the caller holds @inst->lock. */
static int rsim_inst_activate(struct rsim_cfg_instance *inst)
{
	struct platform_device_info info = {
		.name = RSIM_DRV_NAME,
		.id = PLATFORM_DEVID_AUTO,
	};
	struct platform_device *pdev;
	struct rsim_pdata *pd;
	int probe_err = -ENXIO;
	bool bound;
	int ret;

	lockdep_assert_held(&inst->lock);

	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd)
		return -ENOMEM;
	ret = rsim_fill_pdata(inst, pd);
	if (ret)
		goto out;

	pd->probe_err = &probe_err;
	info.data = pd;
	info.size_data = sizeof(*pd);
	pdev = platform_device_register_full(&info);
	if (IS_ERR(pdev)) {
		ret = PTR_ERR(pdev);
		goto out;
	}

	device_lock(&pdev->dev);
	bound = pdev->dev.driver;
	device_unlock(&pdev->dev);
	if (!bound) {
		platform_device_unregister(pdev);
		ret = probe_err ?: -ENXIO;
		goto out;
	}
	inst->pdev = pdev;
out:
	kfree(pd);
	return ret;
}

/* Remove the platform device; the caller holds @inst->lock. */
static void rsim_inst_deactivate(struct rsim_cfg_instance *inst)
{
	lockdep_assert_held(&inst->lock);

	platform_device_unregister(inst->pdev);
	inst->pdev = NULL;
}

static ssize_t rsim_inst_live_show(struct config_item *item, char *page)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	bool live;

	mutex_lock(&inst->lock);
	live = inst->pdev;
	mutex_unlock(&inst->lock);
	return sysfs_emit(page, "%d\n", live);
}

static ssize_t rsim_inst_live_store(struct config_item *item,
				    const char *page, size_t count)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	bool live;
	int ret;

	ret = kstrtobool(page, &live);
	if (ret)
		return ret;

	mutex_lock(&inst->lock);
	if (live == !!inst->pdev)
		ret = -EBUSY;
	else if (live)
		ret = rsim_inst_activate(inst);
	else
		rsim_inst_deactivate(inst);
	mutex_unlock(&inst->lock);
	return ret ?: count;
}
CONFIGFS_ATTR(rsim_inst_, live);

/*
 * Write @len bytes from @src to @dst, a setting of @inst or of one of its
 * regions, unless the instance is live.  Return: 0 or -EBUSY.
 */
static int rsim_inst_set(struct rsim_cfg_instance *inst, void *dst,
			 const void *src, size_t len)
{
	int ret = -EBUSY;

	mutex_lock(&inst->lock);
	if (!inst->pdev) {
		memcpy(dst, src, len);
		ret = 0;
	}
	mutex_unlock(&inst->lock);
	return ret;
}

/*
 * Settings of an instance, the field at @off of &struct rsim_cfg_instance:
 * read under its lock, written only while the instance is not live.
 */

/* Whether @page (@len bytes) is the keyword @word */
static bool rsim_is_word(const char *page, size_t len, const char *word)
{
	return len == strlen(word) && !memcmp(page, word, len);
}

/*
 * A string of @size bytes; @path: an absolute path, RSIM_RUNNER_AUTO or
 * RSIM_RUNNER_UIO
 */
static ssize_t rsim_store_string(struct config_item *item, size_t off,
				 size_t size, bool path, const char *page,
				 size_t count)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	size_t len = strcspn(page, "\n");
	char val[RSIM_RUNNER_LEN];
	int ret;

	if (!len || len >= size || len >= sizeof(val))
		return -EINVAL;
	/* A path is absolute; the runner may also be chosen by the image. */
	if (path && page[0] != '/' &&
	    !rsim_is_word(page, len, RSIM_RUNNER_AUTO) &&
	    !rsim_is_word(page, len, RSIM_RUNNER_UIO))
		return -EINVAL;

	memcpy(val, page, len);
	val[len] = '\0';
	ret = rsim_inst_set(inst, (char *)inst + off, val, len + 1);
	return ret ?: count;
}

static ssize_t rsim_show_string(struct config_item *item, size_t off,
				char *page)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	ssize_t ret;

	mutex_lock(&inst->lock);
	ret = sysfs_emit(page, "%s\n", (char *)inst + off);
	mutex_unlock(&inst->lock);
	return ret;
}

static ssize_t rsim_store_u32(struct config_item *item, size_t off,
			      const char *page, size_t count)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	u32 val;
	int ret;

	ret = kstrtou32(page, 0, &val);
	if (!ret)
		ret = rsim_inst_set(inst, (char *)inst + off, &val, sizeof(val));
	return ret ?: count;
}

static ssize_t rsim_show_u32(struct config_item *item, size_t off, char *page)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	u32 val;

	mutex_lock(&inst->lock);
	val = *(u32 *)((char *)inst + off);
	mutex_unlock(&inst->lock);
	return sysfs_emit(page, "%u\n", val);
}

static ssize_t rsim_store_s32(struct config_item *item, size_t off,
			      const char *page, size_t count)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	s32 val;
	int ret;

	ret = kstrtos32(page, 0, &val);
	if (!ret)
		ret = rsim_inst_set(inst, (char *)inst + off, &val, sizeof(val));
	return ret ?: count;
}

static ssize_t rsim_show_s32(struct config_item *item, size_t off, char *page)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	s32 val;

	mutex_lock(&inst->lock);
	val = *(s32 *)((char *)inst + off);
	mutex_unlock(&inst->lock);
	return sysfs_emit(page, "%d\n", val);
}

/*
 * A configfs attribute @_name whose show and store call @showfn(item, off,
 * page) and @storefn(item, off, page, count) for the field at offset @off
 * of the item's structure.  Only the offset names the field, once.
 */
#define RSIM_CFG_ATTR(_pfx, _name, showfn, storefn, off)		\
static const size_t _pfx##_name##_off = off;				\
static ssize_t _pfx##_name##_show(struct config_item *item, char *page)\
{									\
	return showfn(item, _pfx##_name##_off, page);			\
}									\
static ssize_t _pfx##_name##_store(struct config_item *item,		\
				   const char *page, size_t count)	\
{									\
	return storefn(item, _pfx##_name##_off, page, count);		\
}									\
static struct configfs_attribute _pfx##attr_##_name = {		\
	.ca_name = #_name,						\
	.ca_owner = THIS_MODULE,					\
	.ca_mode = 0644,						\
	.show = _pfx##_name##_show,					\
	.store = _pfx##_name##_store,					\
}

static ssize_t rsim_store_firmware(struct config_item *item, size_t off,
				   const char *page, size_t count)
{
	return rsim_store_string(item, off, RSIM_FW_LEN, false, page, count);
}

static ssize_t rsim_store_runner(struct config_item *item, size_t off,
				 const char *page, size_t count)
{
	return rsim_store_string(item, off, RSIM_RUNNER_LEN, true, page, count);
}

RSIM_CFG_ATTR(rsim_inst_, firmware, rsim_show_string, rsim_store_firmware,
	      offsetof(struct rsim_cfg_instance, firmware));
RSIM_CFG_ATTR(rsim_inst_, runner, rsim_show_string, rsim_store_runner,
	      offsetof(struct rsim_cfg_instance, runner));
RSIM_CFG_ATTR(rsim_inst_, heartbeat_ms, rsim_show_u32, rsim_store_u32,
	      offsetof(struct rsim_cfg_instance, heartbeat_ms));
RSIM_CFG_ATTR(rsim_inst_, attach_timeout_ms, rsim_show_u32, rsim_store_u32,
	      offsetof(struct rsim_cfg_instance, attach_timeout_ms));
RSIM_CFG_ATTR(rsim_inst_, autosuspend_ms, rsim_show_s32, rsim_store_s32,
	      offsetof(struct rsim_cfg_instance, autosuspend_ms));

/*
 * The one setting a live instance takes: how long its core polls before a
 * wait sleeps (a core that spins on its mailbox instead of halting).
 * Runner cores only; a UIO remote waits in its own way.
 */
static ssize_t rsim_inst_poll_us_store(struct config_item *item,
				       const char *page, size_t count)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	struct rsim *rsim;
	u32 val;
	int ret;

	ret = kstrtou32(page, 0, &val);
	if (!ret && val > RSIM_MAX_POLL_US)
		ret = -ERANGE;
	if (ret) {
		pr_err_ratelimited("rproc-sim: %s: poll_us takes 0 to %u (microseconds)\n",
				   config_item_name(item), RSIM_MAX_POLL_US);
		return ret;
	}

	mutex_lock(&inst->lock);
	rsim = rsim_inst_dev(inst);
	if (rsim && rsim->uio_remote && val) {
		pr_err_ratelimited("rproc-sim: %s: poll_us is for runner cores, not a UIO remote\n",
				   config_item_name(item));
		ret = -EINVAL;
	} else {
		inst->poll_us = val;
		if (rsim)
			WRITE_ONCE(rsim->pdata.poll_us, val);
	}
	mutex_unlock(&inst->lock);
	return ret ?: count;
}

static ssize_t rsim_inst_poll_us_show(struct config_item *item, char *page)
{
	return rsim_show_u32(item, offsetof(struct rsim_cfg_instance, poll_us),
			     page);
}
CONFIGFS_ATTR(rsim_inst_, poll_us);

/* Write-only triggers: writing 1 runs @act on the live device. */
static ssize_t rsim_inst_trigger(struct config_item *item, const char *page,
				 size_t count, int (*act)(struct rsim *rsim))
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	struct rsim *rsim;
	bool set;
	int ret;

	ret = kstrtobool(page, &set);
	if (ret || !set)
		return ret ?: -EINVAL;

	mutex_lock(&inst->lock);
	rsim = rsim_inst_dev(inst);
	ret = rsim ? act(rsim) : -ENODEV;
	mutex_unlock(&inst->lock);
	return ret ?: count;
}

static ssize_t rsim_inst_crash_store(struct config_item *item,
				     const char *page, size_t count)
{
	return rsim_inst_trigger(item, page, count, rsim_crash);
}
CONFIGFS_ATTR_WO(rsim_inst_, crash);

static ssize_t rsim_inst_wake_store(struct config_item *item,
				    const char *page, size_t count)
{
	return rsim_inst_trigger(item, page, count, rsim_pm_remote_wake);
}
CONFIGFS_ATTR_WO(rsim_inst_, wake);

/*
 * Read-only attributes about the live device: @emit writes the value, or
 * @idle is shown while the instance is not live.
 */
static ssize_t rsim_inst_show_dev(struct config_item *item, char *page,
				  int (*emit)(struct rsim *rsim, char *page),
				  const char *idle)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);
	struct rsim *rsim;
	ssize_t ret;

	mutex_lock(&inst->lock);
	rsim = rsim_inst_dev(inst);
	ret = rsim ? emit(rsim, page) : sysfs_emit(page, "%s\n", idle);
	mutex_unlock(&inst->lock);
	return ret;
}

static int rsim_emit_dev_name(struct rsim *rsim, char *page)
{
	return sysfs_emit(page, "%s\n", dev_name(rsim->dev));
}

static int rsim_emit_remoteproc(struct rsim *rsim, char *page)
{
	return sysfs_emit(page, "%s\n", dev_name(&rsim->rproc->dev));
}

static int rsim_emit_kicks(struct rsim *rsim, char *page)
{
	return sysfs_emit(page, "%d %d\n", atomic_read(&rsim->kicks_in),
			  atomic_read(&rsim->kicks_out));
}

static ssize_t rsim_inst_dev_name_show(struct config_item *item, char *page)
{
	return rsim_inst_show_dev(item, page, rsim_emit_dev_name, "none");
}
CONFIGFS_ATTR_RO(rsim_inst_, dev_name);

static ssize_t rsim_inst_remoteproc_show(struct config_item *item, char *page)
{
	return rsim_inst_show_dev(item, page, rsim_emit_remoteproc, "none");
}
CONFIGFS_ATTR_RO(rsim_inst_, remoteproc);

static ssize_t rsim_inst_kicks_show(struct config_item *item, char *page)
{
	return rsim_inst_show_dev(item, page, rsim_emit_kicks, "0 0");
}
CONFIGFS_ATTR_RO(rsim_inst_, kicks);

static struct configfs_attribute *rsim_inst_attrs[] = {
	&rsim_inst_attr_live,
	&rsim_inst_attr_firmware,
	&rsim_inst_attr_runner,
	&rsim_inst_attr_heartbeat_ms,
	&rsim_inst_attr_attach_timeout_ms,
	&rsim_inst_attr_autosuspend_ms,
	&rsim_inst_attr_poll_us,
	&rsim_inst_attr_crash,
	&rsim_inst_attr_wake,
	&rsim_inst_attr_dev_name,
	&rsim_inst_attr_remoteproc,
	&rsim_inst_attr_kicks,
	NULL
};

/*
 * Region attributes, the u64 at @off of &struct rsim_cfg_region: read under
 * the owning instance's lock, written only while it is not live.
 */

static ssize_t rsim_region_show(struct config_item *item, size_t off,
				char *page)
{
	struct rsim_cfg_region *reg = to_rsim_region(item);
	u64 val;

	mutex_lock(&reg->inst->lock);
	val = *(u64 *)((char *)reg + off);
	mutex_unlock(&reg->inst->lock);
	return sysfs_emit(page, "%#llx\n", val);
}

static ssize_t rsim_region_store(struct config_item *item, size_t off,
				 const char *page, size_t count)
{
	struct rsim_cfg_region *reg = to_rsim_region(item);
	u64 val;
	int ret;

	ret = kstrtou64(page, 0, &val);
	if (ret)
		return ret;
	/*
	 * Device addresses are 32-bit in the resource table, and a fixed
	 * physical address is one a remote names as a device address.
	 */
	if (!PAGE_ALIGNED(val) || val > U32_MAX)
		return -EINVAL;

	ret = rsim_inst_set(reg->inst, (char *)reg + off, &val, sizeof(val));
	return ret ?: count;
}

RSIM_CFG_ATTR(rsim_region_, da, rsim_region_show, rsim_region_store,
	      offsetof(struct rsim_cfg_region, da));
RSIM_CFG_ATTR(rsim_region_, size, rsim_region_show, rsim_region_store,
	      offsetof(struct rsim_cfg_region, size));
RSIM_CFG_ATTR(rsim_region_, pa, rsim_region_show, rsim_region_store,
	      offsetof(struct rsim_cfg_region, pa));

static struct configfs_attribute *rsim_region_attrs[] = {
	&rsim_region_attr_da,
	&rsim_region_attr_size,
	&rsim_region_attr_pa,
	NULL
};

static void rsim_region_release(struct config_item *item)
{
	struct rsim_cfg_region *reg = to_rsim_region(item);

	mutex_lock(&reg->inst->lock);
	list_del(&reg->node);
	mutex_unlock(&reg->inst->lock);
	kfree(reg);
}

static struct configfs_item_operations rsim_region_item_ops = {
	.release = rsim_region_release,
};

static const struct config_item_type rsim_region_type = {
	.ct_item_ops = &rsim_region_item_ops,
	.ct_attrs = rsim_region_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_item *rsim_inst_make_item(struct config_group *group,
					       const char *name)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(&group->cg_item);
	struct rsim_cfg_region *reg;

	if (!rsim_name_ok(name))
		return ERR_PTR(-EINVAL);

	reg = kzalloc(sizeof(*reg), GFP_KERNEL);
	if (!reg)
		return ERR_PTR(-ENOMEM);
	reg->inst = inst;
	config_item_init_type_name(&reg->item, name, &rsim_region_type);

	mutex_lock(&inst->lock);
	list_add_tail(&reg->node, &inst->regions);
	mutex_unlock(&inst->lock);
	return &reg->item;
}

static void rsim_inst_release(struct config_item *item)
{
	struct rsim_cfg_instance *inst = to_rsim_inst(item);

	mutex_lock(&inst->lock);
	if (inst->pdev)
		rsim_inst_deactivate(inst);
	mutex_unlock(&inst->lock);
	mutex_destroy(&inst->lock);
	kfree(inst);
}

static struct configfs_item_operations rsim_inst_item_ops = {
	.release = rsim_inst_release,
};

static struct configfs_group_operations rsim_inst_group_ops = {
	.make_item = rsim_inst_make_item,
};

static const struct config_item_type rsim_inst_type = {
	.ct_item_ops = &rsim_inst_item_ops,
	.ct_group_ops = &rsim_inst_group_ops,
	.ct_attrs = rsim_inst_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *rsim_make_group(struct config_group *group,
					    const char *name)
{
	struct rsim_cfg_instance *inst;

	if (!rsim_name_ok(name))
		return ERR_PTR(-EINVAL);

	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return ERR_PTR(-ENOMEM);

	mutex_init(&inst->lock);
	INIT_LIST_HEAD(&inst->regions);
	strscpy(inst->firmware, RSIM_DEFAULT_FIRMWARE, sizeof(inst->firmware));
	strscpy(inst->runner, RSIM_RUNNER_AUTO, sizeof(inst->runner));
	inst->attach_timeout_ms = RSIM_DEFAULT_ATTACH_MS;
	inst->autosuspend_ms = -1;
	config_group_init_type_name(&inst->group, name, &rsim_inst_type);
	return &inst->group;
}

static struct configfs_group_operations rsim_subsys_group_ops = {
	.make_group = rsim_make_group,
};

static const struct config_item_type rsim_subsys_type = {
	.ct_group_ops = &rsim_subsys_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem rsim_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = RSIM_DRV_NAME,
			.ci_type = &rsim_subsys_type,
		},
	},
};

/**
 * rsim_configfs_register() - create /sys/kernel/config/rproc-sim
 *
 * Return: 0 or a negative error code.
 */
int rsim_configfs_register(void)
{
	config_group_init(&rsim_subsys.su_group);
	mutex_init(&rsim_subsys.su_mutex);
	return configfs_register_subsystem(&rsim_subsys);
}

/**
 * rsim_configfs_unregister() - remove /sys/kernel/config/rproc-sim
 *
 * Only called on module unload, when configfs holds no instance (each
 * one pins the module).
 */
void rsim_configfs_unregister(void)
{
	configfs_unregister_subsystem(&rsim_subsys);
	mutex_destroy(&rsim_subsys.su_mutex);
}
