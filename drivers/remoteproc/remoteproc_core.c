// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: registration, reference counting and the
 * state machine.
 *
 * Every transition of a remote processor happens with rproc->lock held:
 * client boot and shutdown, sysfs and cdev requests, attach and detach, the
 * crash recovery work and the deletion of the processor.  That one rule is
 * what keeps a crash report racing with a shutdown from stopping the remote
 * twice, and a recovery from restarting a processor that was just removed.
 *
 *   OFFLINE  --boot-->   RUNNING  --crash-->  CRASHED --recover--> RUNNING
 *   DETACHED --attach--> ATTACHED --detach--> DETACHED
 *   RUNNING/ATTACHED/CRASHED --last shutdown--> OFFLINE
 */

#define pr_fmt(fmt)    "remoteproc: " fmt

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/firmware.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/rculist.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"
#include "remoteproc_rsc_table.h"

/*
 * Registered processors, for rproc_get_by_phandle() and the panic notifier.
 * Changed only with rproc_list_mutex held, with the RCU list primitives:
 * the panic notifier cannot sleep and walks it under rcu_read_lock().
 */
struct list_head rproc_list = LIST_HEAD_INIT(rproc_list);
EXPORT_SYMBOL_IF_KUNIT(rproc_list);
static DEFINE_MUTEX(rproc_list_mutex);	/* serializes rproc_list updates */

static DEFINE_IDA(rproc_dev_index);

#if IS_ENABLED(CONFIG_REMOTEPROC_KUNIT_TEST)
/*
 * How firmware images are fetched.  Only the KUnit suite replaces it, to
 * feed images built in memory; everything else uses request_firmware().
 */
int (*rproc_request_firmware_hook)(struct rproc *rproc,
				   const struct firmware **fw);

/**
 * rproc_test_set_firmware_hook() - let the KUnit suite supply the images
 * @hook: called instead of request_firmware(); NULL restores it
 */
void rproc_test_set_firmware_hook(int (*hook)(struct rproc *rproc,
					      const struct firmware **fw))
{
	rproc_request_firmware_hook = hook;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_test_set_firmware_hook);
#endif

static const char * const rproc_state_names[] = {
	[RPROC_RUNNING]		= "running",
	[RPROC_OFFLINE]		= "offline",
	[RPROC_CRASHED]		= "crashed",
	[RPROC_ATTACHED]	= "attached",
	[RPROC_DETACHED]	= "detached",
	[RPROC_SUSPENDED]	= "suspended",
	[RPROC_LAST]		= "invalid",
};

/**
 * rproc_state_name() - name of a state, as shown in sysfs
 * @state: an &enum rproc_state value
 *
 * Return: a static string; "invalid" for values out of range.
 */
const char *rproc_state_name(unsigned int state)
{
	if (state > RPROC_LAST)
		state = RPROC_LAST;
	return rproc_state_names[state];
}

/**
 * rproc_get_firmware() - fetch the image of &rproc.firmware
 * @rproc: the remote processor
 * @fw: set to the image
 *
 * Return: 0 or the error of request_firmware().
 */
int rproc_get_firmware(struct rproc *rproc, const struct firmware **fw)
{
	if (rproc_request_firmware_hook)
		return rproc_request_firmware_hook(rproc, fw);
	return request_firmware(fw, rproc->firmware, &rproc->dev);
}

/**
 * rproc_put_firmware() - release an image from rproc_get_firmware()
 * @rproc: the remote processor
 * @fw: the image
 */
void rproc_put_firmware(struct rproc *rproc, const struct firmware *fw)
{
	/* The KUnit hook hands out images it owns. */
	if (!rproc_request_firmware_hook)
		release_firmware(fw);
}

/*
 * Subdevice hooks come in pairs: prepare/unprepare around the remote's
 * power, start/stop around its running.  Going up runs the first hook of a
 * pair in list order and, when one fails, the second hook of the ones
 * already done; going down runs the second hook in reverse order.
 */
enum rproc_subdev_pair {
	RPROC_SUBDEV_PREPARE,
	RPROC_SUBDEV_START,
};

static int rproc_subdev_up(struct rproc_subdev *sd, enum rproc_subdev_pair pair)
{
	int (*hook)(struct rproc_subdev *sd);

	hook = pair == RPROC_SUBDEV_PREPARE ? sd->prepare : sd->start;
	return hook ? hook(sd) : 0;
}

static void rproc_subdev_down(struct rproc_subdev *sd,
			      enum rproc_subdev_pair pair, bool crashed)
{
	if (pair == RPROC_SUBDEV_START && sd->stop)
		sd->stop(sd, crashed);
	else if (pair == RPROC_SUBDEV_PREPARE && sd->unprepare)
		sd->unprepare(sd);
}

static void rproc_subdevs_down(struct rproc *rproc,
			       enum rproc_subdev_pair pair, bool crashed)
{
	struct rproc_subdev *sd;

	lockdep_assert_held(&rproc->lock);

	list_for_each_entry_reverse(sd, &rproc->subdevs, node)
		rproc_subdev_down(sd, pair, crashed);
}

static int rproc_subdevs_up(struct rproc *rproc, enum rproc_subdev_pair pair)
{
	struct rproc_subdev *sd;
	int ret = 0;

	lockdep_assert_held(&rproc->lock);

	list_for_each_entry(sd, &rproc->subdevs, node) {
		ret = rproc_subdev_up(sd, pair);
		if (ret)
			break;
	}
	if (!ret)
		return 0;

	/* Undo, newest first, the ones before the one that failed. */
	list_for_each_entry_continue_reverse(sd, &rproc->subdevs, node)
		rproc_subdev_down(sd, pair, true);
	return ret;
}

int rproc_prepare_subdevices(struct rproc *rproc)
{
	return rproc_subdevs_up(rproc, RPROC_SUBDEV_PREPARE);
}

int rproc_start_subdevices(struct rproc *rproc)
{
	return rproc_subdevs_up(rproc, RPROC_SUBDEV_START);
}

void rproc_stop_subdevices(struct rproc *rproc, bool crashed)
{
	rproc_subdevs_down(rproc, RPROC_SUBDEV_START, crashed);
}

void rproc_unprepare_subdevices(struct rproc *rproc)
{
	rproc_subdevs_down(rproc, RPROC_SUBDEV_PREPARE, false);
}

/**
 * rproc_remove_subdev() - take a subdevice off a remote processor
 * @rproc: the remote processor
 * @subdev: a subdevice added with rproc_add_subdev()
 *
 * Context: as rproc_add_subdev().
 */
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_del_init(&subdev->node);
}
EXPORT_SYMBOL(rproc_remove_subdev);

/**
 * rproc_add_subdev() - add a subdevice to a remote processor
 * @rproc: the remote processor
 * @subdev: the subdevice; its hooks run at every start and stop
 *
 * Context: callers outside the core must not hold &rproc.lock.  Add
 * subdevices while the processor is not running.
 */
void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev)
{
	list_add_tail(&subdev->node, &rproc->subdevs);
}
EXPORT_SYMBOL(rproc_add_subdev);

/**
 * rproc_start_locked() - load an image and release the remote from reset
 * @rproc: the remote processor; its resources are allocated
 * @fw: the firmware image
 *
 * Loads the segments, puts the processed resource table where the remote
 * will look for it, prepares the subdevices, starts the remote and then the
 * subdevices.  Used by the first boot and by recovery.
 *
 * Return: 0 and state RUNNING, or a negative errno with everything this
 * function did undone.
 */
int rproc_start_locked(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	struct resource_table *loaded;
	int ret;

	lockdep_assert_held(&rproc->lock);

	ret = rproc_load_segments(rproc, fw);
	if (ret) {
		dev_err(dev, "failed to load firmware segments: %d\n", ret);
		return ret;
	}

	/*
	 * The remote reads the table from its own memory: hand it the copy
	 * the resource handlers filled in, and from now on read and write
	 * that copy (vdev status, features, config space).  A remote whose
	 * table cannot be placed would run without the addresses and vdevs
	 * the host set up for it: refuse to start it.
	 */
	loaded = rproc_find_loaded_rsc_table(rproc, fw);
	if (rproc->cached_table && rproc->ops->find_loaded_rsc_table &&
	    IS_ERR_OR_NULL(loaded)) {
		ret = loaded ? PTR_ERR(loaded) : -ERANGE;
		dev_err(dev, "resource table is not mapped where the remote reads it: not starting (%d)\n",
			ret);
		return ret;
	}
	if (loaded && rproc->cached_table) {
		memcpy(loaded, rproc->cached_table, rproc->table_sz);
		rproc->table_ptr = loaded;
	}

	ret = rproc_prepare_subdevices(rproc);
	if (ret) {
		dev_err(dev, "failed to prepare subdevices: %d\n", ret);
		goto reset_table;
	}

	if (!rproc->ops->start) {
		ret = -EINVAL;
		dev_err(dev, "driver cannot start this processor\n");
		goto unprepare_subdevs;
	}

	ret = rproc->ops->start(rproc);
	if (ret) {
		dev_err(dev, "failed to start processor: %d\n", ret);
		goto unprepare_subdevs;
	}
	to_rproc_core(rproc)->powered = true;

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		dev_err(dev, "failed to start subdevices: %d\n", ret);
		goto stop_rproc;
	}

	rproc_now_up(rproc);
	rproc->state = RPROC_RUNNING;
	rproc_pm_up(rproc);
	dev_info(dev, "remote processor %s is now up\n", rproc->name);
	return 0;

stop_rproc:
	rproc_going_down(rproc);
	if (rproc->ops->stop)
		rproc->ops->stop(rproc);
	to_rproc_core(rproc)->powered = false;
unprepare_subdevs:
	rproc_unprepare_subdevices(rproc);
reset_table:
	rproc->table_ptr = rproc->cached_table;
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_start_locked);

/*
 * Take the resource table from the image, check it, and turn its entries
 * into carveouts, mappings, traces and virtio devices.
 */
static int rproc_setup_resources(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->cached_table) {
		ret = rproc_rsc_table_validate(&rproc->dev, rproc->cached_table,
					       rproc->table_sz);
		if (ret)
			return ret;
		rproc->table_ptr = rproc->cached_table;
	}

	ret = rproc_handle_resources(rproc);
	if (ret)
		return ret;

	return rproc_alloc_registered_carveouts(rproc);
}

static void rproc_free_tables(struct rproc *rproc)
{
	kfree(rproc->cached_table);
	kfree(rproc->clean_table);
	rproc->cached_table = NULL;
	rproc->clean_table = NULL;
	rproc->table_ptr = NULL;
	rproc->table_sz = 0;
}

/* Undo rproc_setup_resources() and forget the image's tables. */
static void rproc_release_resources(struct rproc *rproc)
{
	rproc_resource_cleanup(rproc);
	rproc_free_tables(rproc);
}

static int rproc_fw_boot(struct rproc *rproc, const struct firmware *fw)
{
	struct device *dev = &rproc->dev;
	int ret;

	lockdep_assert_held(&rproc->lock);

	ret = rproc_fw_sanity_check(rproc, fw);
	if (ret)
		return ret;

	dev_info(dev, "Booting fw image %s, size %zu\n", rproc->firmware,
		 fw->size);

	ret = rproc_enable_iommu(rproc);
	if (ret)
		return ret;

	ret = rproc_prepare_device(rproc);
	if (ret) {
		dev_err(dev, "failed to prepare processor: %d\n", ret);
		goto disable_iommu;
	}

	rproc->bootaddr = rproc_get_boot_addr(rproc, fw);

	ret = rproc_parse_fw(rproc, fw);
	if (ret)
		goto unprepare;

	ret = rproc_setup_resources(rproc);
	if (ret)
		goto cleanup;

	ret = rproc_start_locked(rproc, fw);
	if (ret)
		goto cleanup;

	return 0;

cleanup:
	rproc_release_resources(rproc);
unprepare:
	rproc_unprepare_device(rproc);
disable_iommu:
	rproc_disable_iommu(rproc);
	return ret;
}

/*
 * Take the resource table from a remote that already runs.  The remote may
 * still write to its table, so the handlers work on a private copy; the
 * pristine copy restores the table when we detach again.
 */
static int rproc_take_loaded_table(struct rproc *rproc,
				   struct resource_table **live)
{
	struct resource_table *table;
	size_t size = 0;

	lockdep_assert_held(&rproc->lock);

	*live = NULL;
	table = rproc_get_loaded_rsc_table(rproc, &size);
	if (IS_ERR(table))
		return PTR_ERR(table);
	if (!table)
		return 0;	/* a remote without resources */
	if (size < sizeof(*table)) {
		dev_err_ratelimited(&rproc->dev,
				    "loaded resource table too small: %zu\n",
				    size);
		return -EINVAL;
	}
	/* Both copies are sized by the driver's answer: bound it first. */
	if (size > RPROC_RSC_TABLE_MAX_SIZE) {
		dev_err_ratelimited(&rproc->dev,
				    "loaded resource table of %zu bytes is larger than %u\n",
				    size, RPROC_RSC_TABLE_MAX_SIZE);
		return -EFBIG;
	}

	rproc->cached_table = kmemdup(table, size, GFP_KERNEL);
	rproc->clean_table = kmemdup(table, size, GFP_KERNEL);
	if (!rproc->cached_table || !rproc->clean_table) {
		rproc_free_tables(rproc);
		return -ENOMEM;
	}
	rproc->table_sz = size;
	*live = table;
	return 0;
}

/**
 * rproc_attach_locked() - start managing a remote that already runs
 * @rproc: the remote processor, in state DETACHED (or CRASHED when a remote
 *	   with RPROC_FEAT_ATTACH_ON_RECOVERY restarted by itself)
 *
 * Return: 0 and state ATTACHED, or a negative errno.
 */
int rproc_attach_locked(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	struct resource_table *live;
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc->ops->attach) {
		dev_err(dev, "driver cannot attach to this processor\n");
		return -EINVAL;
	}

	ret = rproc_prepare_device(rproc);
	if (ret)
		return ret;

	ret = rproc_take_loaded_table(rproc, &live);
	if (ret)
		goto unprepare;

	ret = rproc_setup_resources(rproc);
	if (ret)
		goto cleanup;

	/* Status and features are exchanged through the live table. */
	if (live)
		rproc->table_ptr = live;

	ret = rproc_prepare_subdevices(rproc);
	if (ret)
		goto cleanup;

	ret = rproc->ops->attach(rproc);
	if (ret) {
		dev_err(dev, "failed to attach: %d\n", ret);
		goto unprepare_subdevs;
	}
	to_rproc_core(rproc)->powered = true;

	ret = rproc_start_subdevices(rproc);
	if (ret) {
		/* Leave the remote running, as we found it. */
		rproc_going_down(rproc);
		if (rproc->ops->detach)
			rproc->ops->detach(rproc);
		to_rproc_core(rproc)->powered = false;
		goto unprepare_subdevs;
	}

	rproc_now_up(rproc);
	rproc->state = RPROC_ATTACHED;
	dev_info(dev, "remote processor %s is now attached\n", rproc->name);
	return 0;

unprepare_subdevs:
	rproc_unprepare_subdevices(rproc);
cleanup:
	rproc_release_resources(rproc);
unprepare:
	rproc_unprepare_device(rproc);
	return ret;
}

/**
 * rproc_halt_locked() - stop the subdevices and the remote, keep the state
 * @rproc: the remote processor
 * @crashed: the remote is not answering any more
 *
 * Keeps the resources, so that recovery can restart the same image in the
 * same memory, and leaves &rproc.state alone: a remote being recovered
 * stays CRASHED until it runs again.  The panic notifier leaves the remote
 * alone from before &rproc_ops.stop is called; crash reports that arrived
 * until it returned are dropped.
 *
 * Return: 0 on success or the error of &rproc_ops.stop (the subdevices are
 * then stopped).
 */
int rproc_halt_locked(struct rproc *rproc, bool crashed)
{
	struct device *dev = &rproc->dev;
	int ret;

	lockdep_assert_held(&rproc->lock);

	/* A suspended remote is woken first, or skipped by ->stop. */
	rproc_pm_down(rproc);
	rproc_stop_subdevices(rproc, crashed);

	/* The loaded table goes away with the image. */
	rproc->table_ptr = rproc->cached_table;

	rproc_going_down(rproc);
	/* After a failed recovery the remote is already stopped. */
	if (to_rproc_core(rproc)->powered && rproc->ops->stop) {
		ret = rproc->ops->stop(rproc);
		if (ret) {
			dev_err(dev, "failed to stop processor: %d\n", ret);
			rproc_coming_up(rproc);
			return ret;
		}
	}
	to_rproc_core(rproc)->powered = false;
	rproc_forget_crash_reports(rproc);

	rproc_unprepare_subdevices(rproc);
	dev_info(dev, "stopped remote processor %s\n", rproc->name);
	return 0;
}

/**
 * rproc_stop_locked() - stop the subdevices and the remote: OFFLINE
 * @rproc: the remote processor
 * @crashed: the remote is not answering any more
 *
 * rproc_halt_locked(), then the state is OFFLINE and no recovery is
 * pending any more.
 *
 * Return: 0 on success or the error of &rproc_ops.stop (the state is then
 * unchanged).
 */
int rproc_stop_locked(struct rproc *rproc, bool crashed)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	ret = rproc_halt_locked(rproc, crashed);
	if (ret)
		return ret;

	rproc->state = RPROC_OFFLINE;
	WRITE_ONCE(to_rproc_core(rproc)->recovery, RPROC_RECOVERY_IDLE);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_stop_locked);

/* Stop the remote and release everything the boot acquired. */
static int rproc_power_off_locked(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	ret = rproc_stop_locked(rproc, rproc->state == RPROC_CRASHED);
	if (ret)
		return ret;

	rproc_release_resources(rproc);
	rproc_unprepare_device(rproc);
	rproc_disable_iommu(rproc);
	return 0;
}

/**
 * rproc_boot_locked() - first boot (or attach) of a processor
 * @rproc: the remote processor, OFFLINE or DETACHED, with no users
 *
 * Return: 0 on success or a negative errno.
 */
int rproc_boot_locked(struct rproc *rproc)
{
	const struct firmware *fw;
	int ret;

	lockdep_assert_held(&rproc->lock);

	/* What was reported while the remote was down is about no run. */
	rproc_forget_crash_reports(rproc);
	/* A user's boot is a fresh start: earlier crashes do not count. */
	rproc_recovery_restart_streak(rproc);

	/* The two lines below keep 6.1's wording: scripts look for them. */
	if (rproc->state == RPROC_DETACHED) {
		dev_info(&rproc->dev, "attaching to %s\n", rproc->name);
		return rproc_attach_locked(rproc);
	}

	if (rproc->state != RPROC_OFFLINE) {
		dev_err(&rproc->dev, "cannot boot from state %s\n",
			rproc_state_name(rproc->state));
		return -EBUSY;
	}
	dev_info(&rproc->dev, "powering up %s\n", rproc->name);

	ret = rproc_get_firmware(rproc, &fw);
	if (ret) {
		dev_err(&rproc->dev, "request_firmware(%s) failed: %d\n",
			rproc->firmware, ret);
		return ret;
	}

	ret = rproc_fw_boot(rproc, fw);
	rproc_put_firmware(rproc, fw);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_boot_locked);

/**
 * rproc_boot() - power up a remote processor
 * @rproc: the remote processor
 *
 * The first call loads the firmware (or attaches to a remote that already
 * runs) and starts the remote and its subdevices; later calls only count
 * users, to be balanced with rproc_shutdown().
 *
 * Context: process context; may sleep for as long as firmware loading
 * takes.
 *
 * Return: 0 on success, -ENODEV when the processor is being removed,
 * -EINTR when interrupted while waiting, or the error of the boot.
 */
int rproc_boot(struct rproc *rproc)
{
	int ret;

	if (!rproc) {
		pr_err("%s: no remote processor\n", __func__);
		return -EINVAL;
	}

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (to_rproc_core(rproc)->deleting) {
		ret = -ENODEV;
		goto unlock;
	}

	if (atomic_read(&rproc->power) > 0) {
		atomic_inc(&rproc->power);
		goto unlock;
	}

	ret = rproc_boot_locked(rproc);
	if (!ret)
		atomic_set(&rproc->power, 1);
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_boot);

/* Drop a user; the last one powers the remote off. */
static int rproc_shutdown_locked(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (atomic_read(&rproc->power) <= 0) {
		dev_warn_ratelimited(&rproc->dev,
				     "shutdown without a matching boot refused\n");
		return -EINVAL;
	}

	if (atomic_read(&rproc->power) > 1) {
		atomic_dec(&rproc->power);
		return 0;
	}

	ret = rproc_power_off_locked(rproc);
	if (!ret)
		atomic_set(&rproc->power, 0);
	return ret;
}

/**
 * rproc_shutdown() - drop a user of a remote processor
 * @rproc: the remote processor
 *
 * The last user stops the subdevices and the remote and releases the
 * resources; a crashed remote is shut down the same way.  @rproc itself
 * stays valid.
 *
 * Context: process context.
 *
 * Return: 0 on success, -EINVAL for a call without a matching rproc_boot(),
 * or the error of &rproc_ops.stop (the user is then kept).
 */
int rproc_shutdown(struct rproc *rproc)
{
	int ret;

	mutex_lock(&rproc->lock);
	ret = rproc_shutdown_locked(rproc);
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_shutdown);

/**
 * rproc_user_start() - "start" written to sysfs or the cdev
 * @rproc: the remote processor
 *
 * Unlike rproc_boot(), refuses a processor that is already up, so that two
 * racing writers do not both count as users.
 *
 * Return: 0, -EBUSY when up or crashed, -ENODEV when being removed, or
 * the error of the boot.
 */
int rproc_user_start(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (to_rproc_core(rproc)->deleting)
		ret = -ENODEV;
	else if (atomic_read(&rproc->power) > 0)
		ret = -EBUSY;
	else
		ret = rproc_boot_locked(rproc);
	if (!ret)
		atomic_set(&rproc->power, 1);

	mutex_unlock(&rproc->lock);
	return ret;
}

/**
 * rproc_user_stop() - "stop" written to sysfs or the cdev
 * @rproc: the remote processor
 *
 * Drops a user like rproc_shutdown(), but quietly refuses a processor that
 * is not up (or crashed).
 *
 * Return: 0, -EINVAL when there is nothing to stop, or the error of the
 * stop.
 */
int rproc_user_stop(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (!rproc_is_up(rproc) && rproc->state != RPROC_CRASHED)
		ret = -EINVAL;
	else
		ret = rproc_shutdown_locked(rproc);

	mutex_unlock(&rproc->lock);
	return ret;
}

/**
 * rproc_detach() - stop managing a remote processor, leaving it running
 * @rproc: the remote processor, ATTACHED
 *
 * Drops a user like rproc_shutdown(); the last one stops the subdevices,
 * restores the resource table the remote started with, and calls
 * &rproc_ops.detach.
 *
 * Return: 0 on success, -EINVAL when the processor is not attached or the
 * driver cannot detach, or the error of &rproc_ops.detach.
 */
int rproc_detach(struct rproc *rproc)
{
	int ret = 0;

	mutex_lock(&rproc->lock);

	if (rproc->state != RPROC_ATTACHED || !rproc->ops->detach) {
		ret = -EINVAL;
		goto unlock;
	}

	if (atomic_read(&rproc->power) > 1) {
		atomic_dec(&rproc->power);
		goto unlock;
	}

	rproc_stop_subdevices(rproc, false);

	if (rproc->clean_table && rproc->table_ptr != rproc->cached_table)
		memcpy(rproc->table_ptr, rproc->clean_table, rproc->table_sz);
	rproc->table_ptr = rproc->cached_table;

	rproc_going_down(rproc);
	ret = rproc->ops->detach(rproc);
	if (ret) {
		dev_err(&rproc->dev, "failed to detach: %d\n", ret);
		rproc_coming_up(rproc);
		rproc_start_subdevices(rproc);
		goto unlock;
	}

	to_rproc_core(rproc)->powered = false;
	rproc_forget_crash_reports(rproc);
	rproc_unprepare_subdevices(rproc);
	rproc_release_resources(rproc);
	rproc_unprepare_device(rproc);
	rproc->state = RPROC_DETACHED;
	atomic_set(&rproc->power, 0);
	dev_info(&rproc->dev, "detached remote processor %s\n", rproc->name);
unlock:
	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL(rproc_detach);

/**
 * rproc_set_firmware() - choose the image the next boot loads
 * @rproc: the remote processor
 * @fw_name: file name below /lib/firmware; a trailing newline is dropped
 *
 * Return: 0 on success, -EBUSY when the remote is not offline, -EINVAL for
 * an empty name, -ENOMEM.
 */
int rproc_set_firmware(struct rproc *rproc, const char *fw_name)
{
	size_t len;
	char *name;
	int ret = 0;

	len = strcspn(fw_name, "\n");
	if (!len || len >= PATH_MAX)
		return -EINVAL;

	name = kstrndup(fw_name, len, GFP_KERNEL);
	if (!name)
		return -ENOMEM;

	mutex_lock(&rproc->lock);
	if (rproc->state != RPROC_OFFLINE) {
		ret = -EBUSY;
		goto unlock;
	}
	kfree_const(rproc->firmware);
	rproc->firmware = name;
	name = NULL;
unlock:
	mutex_unlock(&rproc->lock);
	kfree(name);
	return ret;
}
EXPORT_SYMBOL(rproc_set_firmware);

/**
 * rproc_get_by_phandle() - find a remote processor by its DT node
 * @phandle: phandle of the node of the processor's platform device
 *
 * Takes a reference on the processor and on the module of its platform
 * driver; drop both with rproc_put().  Only registered processors are found,
 * so the driver cannot be unbound under the lookup.
 *
 * Return: the processor or NULL.
 */
struct rproc *rproc_get_by_phandle(phandle phandle)
{
	struct device_node *np;
	struct rproc *found = NULL, *r;

	np = of_find_node_by_phandle(phandle);
	if (!np)
		return NULL;

	mutex_lock(&rproc_list_mutex);
	list_for_each_entry(r, &rproc_list, node) {
		if (r->dev.parent && r->dev.parent->of_node == np) {
			if (!try_module_get(r->owner))
				break;
			get_device(&r->dev);
			found = r;
			break;
		}
	}
	mutex_unlock(&rproc_list_mutex);

	of_node_put(np);
	return found;
}
EXPORT_SYMBOL(rproc_get_by_phandle);

/**
 * rproc_get_by_child() - find the remote processor above a device
 * @dev: a device somewhere below a remoteproc class device
 *
 * No reference is taken: the caller's device keeps its ancestors alive.
 *
 * Return: the processor or NULL.
 */
struct rproc *rproc_get_by_child(struct device *dev)
{
	for (dev = dev ? dev->parent : NULL; dev; dev = dev->parent) {
		if (dev->class == &rproc_class)
			return dev_get_drvdata(dev);
	}
	return NULL;
}
EXPORT_SYMBOL(rproc_get_by_child);

/**
 * rproc_put() - drop a reference taken by rproc_get_by_phandle()
 * @rproc: the remote processor
 */
void rproc_put(struct rproc *rproc)
{
	module_put(rproc->owner);
	put_device(&rproc->dev);
}
EXPORT_SYMBOL(rproc_put);

static void rproc_dev_release(struct device *dev)
{
	struct rproc *rproc = container_of(dev, struct rproc, dev);

	dev_dbg(dev, "releasing %s\n", rproc->name);

	if (rproc->index >= 0)
		ida_free(&rproc_dev_index, rproc->index);
	kfree(rproc->ops);
	kfree_const(rproc->name);
	kfree_const(rproc->firmware);
	idr_destroy(&to_rproc_core(rproc)->notifyids);
	kfree(to_rproc_core(rproc));
}

static const struct device_type rproc_type = {
	.name		= "remoteproc",
	.release	= rproc_dev_release,
};

static int rproc_alloc_firmware(struct rproc *rproc, const char *name,
				const char *firmware)
{
	if (firmware)
		rproc->firmware = kstrdup_const(firmware, GFP_KERNEL);
	else
		rproc->firmware = kasprintf(GFP_KERNEL, "rproc-%s-fw", name);

	return rproc->firmware ? 0 : -ENOMEM;
}

/*
 * The driver's callbacks, copied so that the defaults can be filled in: a
 * driver without a loader of its own runs ELF images, and gets the ELF
 * helpers for every firmware-format callback it left empty.
 */
static int rproc_alloc_ops(struct rproc *rproc, const struct rproc_ops *ops)
{
	struct rproc_ops *own = kmemdup(ops, sizeof(*ops), GFP_KERNEL);

	if (!own)
		return -ENOMEM;
	rproc->ops = own;

	if (own->load)
		return 0;
	own->load = rproc_elf_load_segments;
	own->parse_fw = own->parse_fw ?: rproc_elf_load_rsc_table;
	own->sanity_check = own->sanity_check ?: rproc_elf_sanity_check;
	own->get_boot_addr = own->get_boot_addr ?: rproc_elf_get_boot_addr;
	own->find_loaded_rsc_table = own->find_loaded_rsc_table ?:
				     rproc_elf_find_loaded_rsc_table;
	return 0;
}

/* Everything rproc_alloc() sets up that cannot fail. */
static void rproc_init_struct(struct rproc *rproc, struct device *parent)
{
	struct rproc_core *core = to_rproc_core(rproc);
	struct list_head *heads[] = {
		&rproc->node, &rproc->subdevs, &rproc->rvdevs,
		&rproc->carveouts, &rproc->mappings, &rproc->traces,
		&rproc->dump_segments,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(heads); i++)
		INIT_LIST_HEAD(heads[i]);

	mutex_init(&rproc->lock);
	spin_lock_init(&core->crash_lock);
	INIT_WORK(&core->crash_handler, rproc_crash_handler_work);
	INIT_DELAYED_WORK(&core->recovery_work,
			  rproc_recovery_work);
	idr_init(&core->notifyids);

	/*
	 * Zeroed memory already says OFFLINE, no power, ELFCLASSNONE and
	 * EM_NONE (the dump format is unknown until the driver declares it).
	 */
	rproc->auto_boot = true;
	rproc->index = -1;
	if (parent->driver)
		rproc->owner = parent->driver->owner;

	/* From here on the last put_device() frees it all. */
	device_initialize(&rproc->dev);
	dev_set_drvdata(&rproc->dev, rproc);
	rproc->dev.class = &rproc_class;
	rproc->dev.type = &rproc_type;
	rproc->dev.parent = parent;
}

/**
 * rproc_alloc() - allocate a remote processor
 * @dev: the platform device; the processor's memory is allocated for it
 * @name: name of the processor
 * @ops: the driver's callbacks (copied)
 * @firmware: default image name, or NULL for "rproc-<name>-fw"
 * @len: size of the private data placed behind the structure (&rproc.priv)
 *
 * The processor is initialized but not registered: fill in what the driver
 * needs, then call rproc_add().  Free it with rproc_free() (not kfree()),
 * also when rproc_add() failed.
 *
 * Return: the processor or NULL.
 */
struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops,
			  const char *firmware, int len)
{
	struct rproc_core *core;
	struct rproc *rproc;
	int id;

	if (!dev || !name || !ops || len < 0)
		return NULL;

	/* The driver's data comes after the core's own. */
	core = kzalloc(sizeof(*core) + len, GFP_KERNEL);
	if (!core)
		return NULL;
	rproc = &core->rproc;
	rproc->priv = core + 1;
	rproc_init_struct(rproc, dev);

	rproc->name = kstrdup_const(name, GFP_KERNEL);
	if (!rproc->name || rproc_alloc_firmware(rproc, name, firmware) ||
	    rproc_alloc_ops(rproc, ops))
		goto fail;

	id = ida_alloc(&rproc_dev_index, GFP_KERNEL);
	if (id < 0) {
		dev_err(dev, "no index for a new remote processor: %d\n", id);
		goto fail;
	}
	rproc->index = id;

	if (!dev_set_name(&rproc->dev, "remoteproc%d", id))
		return rproc;
fail:
	put_device(&rproc->dev);
	return NULL;
}
EXPORT_SYMBOL(rproc_alloc);

static void rproc_auto_boot_callback(const struct firmware *fw, void *context)
{
	struct rproc *rproc = context;

	/* The image is fetched again by rproc_boot(); this only waited. */
	release_firmware(fw);
	if (fw)
		rproc_boot(rproc);
	else
		dev_info(&rproc->dev, "firmware not found, not booting\n");
	put_device(&rproc->dev);
}

/**
 * rproc_firmware_name() - a private copy of the name of the next image
 * @rproc: the remote processor
 *
 * &rproc.firmware is replaced, and the old name freed, by
 * rproc_set_firmware() under &rproc.lock: outside the lock only a copy is
 * safe to use.  Free it with kfree_const().
 *
 * Return: the copy, or NULL when out of memory.
 */
const char *rproc_firmware_name(struct rproc *rproc)
{
	const char *name;

	mutex_lock(&rproc->lock);
	name = kstrdup_const(rproc->firmware, GFP_KERNEL);
	mutex_unlock(&rproc->lock);
	return name;
}

/**
 * rproc_trigger_auto_boot() - boot a processor once its firmware is there
 * @rproc: the remote processor, registered
 *
 * Return: 0 when the boot was scheduled (or done, for a remote to attach
 * to), or a negative errno.
 */
int rproc_trigger_auto_boot(struct rproc *rproc)
{
	const char *name;
	int ret;

	/* A running remote is attached to synchronously. */
	if (rproc->state == RPROC_DETACHED)
		return rproc_boot(rproc);

	/* User space may set another name meanwhile, freeing this one. */
	name = rproc_firmware_name(rproc);
	if (!name)
		return -ENOMEM;

	get_device(&rproc->dev);
	ret = request_firmware_nowait(THIS_MODULE, FW_ACTION_UEVENT, name,
				      &rproc->dev, GFP_KERNEL, rproc,
				      rproc_auto_boot_callback);
	kfree_const(name);	/* the firmware loader keeps its own copy */
	if (ret) {
		dev_err(&rproc->dev, "cannot schedule auto boot: %d\n", ret);
		put_device(&rproc->dev);
	}
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trigger_auto_boot);

/*
 * Take a processor off rproc_list.  Once the grace period is over, the panic
 * notifier cannot be looking at it any more; the node is then reinitialized
 * so that a second removal is harmless.
 */
static void rproc_unlist(struct rproc *rproc)
{
	mutex_lock(&rproc_list_mutex);
	if (!list_empty(&rproc->node))
		list_del_rcu(&rproc->node);
	mutex_unlock(&rproc_list_mutex);

	synchronize_rcu();
	INIT_LIST_HEAD(&rproc->node);
}

/*
 * Undo everything rproc_add() announced, whatever happened meanwhile: once
 * the class device exists, user space may have started the remote, and the
 * driver may have reported a crash (during the auto-boot's attach, say).
 * Stop it, make sure the crash work is idle for good, then take the
 * processor off the list, debugfs and sysfs.
 */
static void rproc_unregister(struct rproc *rproc)
{
	mutex_lock(&rproc->lock);
	to_rproc_core(rproc)->deleting = true;
	if (rproc_is_up(rproc) || rproc->state == RPROC_CRASHED) {
		if (rproc_power_off_locked(rproc))
			dev_err(&rproc->dev, "removed while still running\n");
	}
	atomic_set(&rproc->power, 0);
	mutex_unlock(&rproc->lock);

	/* No crash report may queue the work after this. */
	rproc_quiesce_recovery(rproc);

	rproc_unlist(rproc);
	rproc_delete_debug_dir(rproc);
	rproc_char_device_remove(rproc);
}

/**
 * rproc_add() - register a remote processor
 * @rproc: from rproc_alloc()
 *
 * Creates remoteprocN in sysfs, /dev/remoteprocN and the debugfs directory,
 * and, when &rproc.auto_boot is set, boots the remote as soon as its
 * firmware is available (or attaches to it when the driver set the state
 * to RPROC_DETACHED).
 *
 * When this fails, everything it did is undone as rproc_del() would, and
 * the processor cannot be added again: free it with rproc_free().
 *
 * Return: 0 on success or a negative errno.
 */
int rproc_add(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	int ret;

	ret = rproc_char_device_add(rproc);
	if (ret) {
		dev_err(dev->parent, "failed to add %s: %d\n", dev_name(dev), ret);
		/* The driver may already have reported a crash. */
		rproc_quiesce_recovery(rproc);
		return ret;
	}

	dev_info(dev, "%s is available\n", rproc->name);
	rproc_create_debug_dir(rproc);

	mutex_lock(&rproc_list_mutex);
	list_add_tail_rcu(&rproc->node, &rproc_list);
	mutex_unlock(&rproc_list_mutex);

	if (!rproc->auto_boot)
		return 0;
	ret = rproc_trigger_auto_boot(rproc);
	if (ret)
		rproc_unregister(rproc);
	return ret;
}
EXPORT_SYMBOL(rproc_add);

/**
 * rproc_del() - unregister a remote processor
 * @rproc: a registered processor
 *
 * Stops the remote if it runs (a detached remote is left alone), waits for
 * a pending crash recovery, and removes the processor from sysfs, debugfs
 * and /dev.  References taken by clients stay valid, but boot requests now
 * fail with -ENODEV.  Free the processor afterwards with rproc_free().
 *
 * Return: 0.
 */
int rproc_del(struct rproc *rproc)
{
	rproc_unregister(rproc);
	return 0;
}
EXPORT_SYMBOL(rproc_del);

/**
 * rproc_free() - drop the reference of rproc_alloc()
 * @rproc: the remote processor, not registered (or already deleted)
 *
 * The memory goes away with the last reference: clients holding one from
 * rproc_get_by_phandle() keep it valid until rproc_put().
 */
void rproc_free(struct rproc *rproc)
{
	put_device(&rproc->dev);
}
EXPORT_SYMBOL(rproc_free);

/* devres actions: @data is the remote processor. */
static void rproc_devres_free(void *data)
{
	rproc_free(data);
}

static void rproc_devres_del(void *data)
{
	rproc_del(data);
}

/**
 * devm_rproc_alloc() - rproc_alloc() undone when @dev is unbound
 * @dev: the platform device
 * @name: name of the processor
 * @ops: the driver's callbacks
 * @firmware: default image name or NULL
 * @len: size of the private data
 *
 * Return: the processor or NULL.
 */
struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len)
{
	struct rproc *rproc = rproc_alloc(dev, name, ops, firmware, len);

	/* On failure the action already ran: the processor is gone. */
	if (rproc && devm_add_action_or_reset(dev, rproc_devres_free, rproc))
		rproc = NULL;
	return rproc;
}
EXPORT_SYMBOL(devm_rproc_alloc);

/**
 * devm_rproc_add() - rproc_add() undone by rproc_del() when @dev is unbound
 * @dev: the platform device
 * @rproc: the remote processor
 *
 * Return: 0 on success or a negative errno.
 */
int devm_rproc_add(struct device *dev, struct rproc *rproc)
{
	int ret = rproc_add(rproc);

	return ret ?: devm_add_action_or_reset(dev, rproc_devres_del, rproc);
}
EXPORT_SYMBOL(devm_rproc_add);

static int __init remoteproc_init(void)
{
	int ret;

	ret = rproc_init_sysfs();
	if (ret)
		return ret;

	ret = rproc_recovery_init();
	if (ret) {
		rproc_exit_sysfs();
		return ret;
	}

	rproc_init_debugfs();
	rproc_init_cdev();
	return 0;
}
subsys_initcall(remoteproc_init);
