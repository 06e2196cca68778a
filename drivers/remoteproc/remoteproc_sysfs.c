// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: the "remoteproc" class and its attributes.
 *
 * Every attribute that changes something takes rproc->lock (directly or
 * through the core), so a write races with nothing: not with the crash
 * work, not with a client's boot or shutdown.
 */

#include <linux/device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_internal.h"

static struct rproc *to_rproc(struct device *dev)
{
	return container_of(dev, struct rproc, dev);
}

static const char * const rproc_recovery_words[] = {
	"enabled", "disabled", "recover",
};

static ssize_t recovery_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct rproc *rproc = to_rproc(dev);

	return sysfs_emit(buf, "%s\n",
			  rproc->recovery_disabled ? "disabled" : "enabled");
}

/**
 * rproc_set_recovery() - apply a command of the "recovery" files
 * @rproc: the remote processor
 * @buf: "enabled", "disabled" or "recover"
 *
 * Shared by sysfs and debugfs.
 *
 * Return: 0 or a negative errno.
 */
int rproc_set_recovery(struct rproc *rproc, const char *buf)
{
	int cmd = sysfs_match_string(rproc_recovery_words, buf);

	if (cmd < 0)
		return -EINVAL;

	if (cmd == 2)
		return rproc_trigger_recovery(rproc);

	mutex_lock(&rproc->lock);
	rproc->recovery_disabled = cmd == 1;
	mutex_unlock(&rproc->lock);
	return 0;
}

/*
 * Common body of the writable attributes that hand their text to a command:
 * refused while the driver made sysfs read-only, else the command's errno or
 * the whole write consumed.
 */
static ssize_t rproc_sysfs_apply(struct device *dev, const char *buf,
				 size_t count,
				 int (*apply)(struct rproc *rproc, const char *buf))
{
	struct rproc *rproc = to_rproc(dev);
	int ret;

	if (rproc->sysfs_read_only)
		return -EPERM;

	ret = apply(rproc, buf);
	return ret ? ret : count;
}

static ssize_t recovery_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_sysfs_apply(dev, buf, count, rproc_set_recovery);
}
static DEVICE_ATTR_RW(recovery);

static const char * const rproc_coredump_words[] = {
	[RPROC_COREDUMP_DISABLED]	= "disabled",
	[RPROC_COREDUMP_ENABLED]	= "enabled",
	[RPROC_COREDUMP_INLINE]		= "inline",
};

static ssize_t coredump_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct rproc *rproc = to_rproc(dev);

	return sysfs_emit(buf, "%s\n", rproc_coredump_words[rproc->dump_conf]);
}

static ssize_t coredump_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	struct rproc *rproc = to_rproc(dev);
	int conf, ret = count;

	if (rproc->sysfs_read_only)
		return -EPERM;

	conf = sysfs_match_string(rproc_coredump_words, buf);
	if (conf < 0)
		return -EINVAL;

	mutex_lock(&rproc->lock);
	/* A crashed remote is dumped with the setting it crashed with. */
	if (rproc->state == RPROC_CRASHED)
		ret = -EBUSY;
	else
		rproc->dump_conf = conf;
	mutex_unlock(&rproc->lock);
	return ret;
}
static DEVICE_ATTR_RW(coredump);

static ssize_t firmware_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct rproc *rproc = to_rproc(dev);
	ssize_t len;

	mutex_lock(&rproc->lock);
	len = sysfs_emit(buf, "%s\n", rproc->firmware);
	mutex_unlock(&rproc->lock);
	return len;
}

static ssize_t firmware_store(struct device *dev,
			      struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_sysfs_apply(dev, buf, count, rproc_set_firmware);
}
static DEVICE_ATTR_RW(firmware);

static ssize_t state_show(struct device *dev,
			  struct device_attribute *attr, char *buf)
{
	struct rproc *rproc = to_rproc(dev);

	return sysfs_emit(buf, "%s\n",
			  rproc_state_name(READ_ONCE(rproc->state)));
}

static const char * const rproc_state_words[] = {
	"start", "stop", "detach",
};

/**
 * rproc_state_command() - apply "start", "stop" or "detach"
 * @rproc: the remote processor
 * @buf: the command, optionally followed by a newline
 *
 * Shared by sysfs and the character device.
 *
 * Return: 0 or a negative errno.
 */
int rproc_state_command(struct rproc *rproc, const char *buf)
{
	switch (sysfs_match_string(rproc_state_words, buf)) {
	case 0:
		return rproc_user_start(rproc);
	case 1:
		return rproc_user_stop(rproc);
	case 2:
		return rproc_detach(rproc);
	default:
		return -EINVAL;
	}
}

static ssize_t state_store(struct device *dev,
			   struct device_attribute *attr,
			   const char *buf, size_t count)
{
	return rproc_sysfs_apply(dev, buf, count, rproc_state_command);
}
static DEVICE_ATTR_RW(state);

static ssize_t name_show(struct device *dev,
			 struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rproc(dev)->name);
}
static DEVICE_ATTR_RO(name);

static umode_t rproc_attr_visible(struct kobject *kobj, struct attribute *attr,
				  int n)
{
	struct rproc *rproc = to_rproc(kobj_to_dev(kobj));

	/* Read-only processors keep their attributes, without write bits. */
	if (rproc->sysfs_read_only && attr != &dev_attr_name.attr)
		return 0444;
	return attr->mode;
}

static struct attribute *rproc_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_state.attr,
	&dev_attr_firmware.attr,
	&dev_attr_recovery.attr,
	&dev_attr_coredump.attr,
	NULL
};

static const struct attribute_group rproc_devgroup = {
	.attrs		= rproc_attrs,
	.is_visible	= rproc_attr_visible,
};

static const struct attribute_group *rproc_devgroups[] = {
	&rproc_devgroup,
	NULL
};

/* The class of every remote processor: /sys/class/remoteproc. */
struct class rproc_class = {
	.dev_groups	= rproc_devgroups,
	.name		= "remoteproc",
};

/**
 * rproc_init_sysfs() - register the "remoteproc" class
 *
 * Return: 0 or the error of class_register().
 */
int rproc_init_sysfs(void)
{
	int ret = class_register(&rproc_class);

	if (ret)
		pr_err("remoteproc: cannot register the class: %d\n", ret);
	return ret;
}

/**
 * rproc_exit_sysfs() - unregister the "remoteproc" class
 */
void rproc_exit_sysfs(void)
{
	class_unregister(&rproc_class);
}
