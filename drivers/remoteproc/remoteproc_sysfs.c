// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: the "remoteproc" class and its attributes.
 *
 *   name      the processor's name (read only)
 *   state     offline, running, crashed, ...; write start, stop or detach
 *   firmware  image loaded by the next boot; writable while offline
 *   recovery  enabled or disabled; write "recover" to recover now
 *   coredump  disabled, enabled or inline
 *   recovery_status
 *             idle, waiting, recovering, failed or gave-up (read only):
 *             what the automatic recovery of a crashed remote is doing
 *
 * Every attribute that changes something takes rproc->lock (directly or
 * through the core), so a write races with nothing: not with the crash
 * work, not with a client's boot or shutdown.  The words and commands are
 * shared with debugfs and the character device through the rproc_*_word()
 * and rproc_set_*() helpers below.
 */

#include <linux/device.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"

static struct rproc *to_rproc(struct device *dev)
{
	return container_of(dev, struct rproc, dev);
}

/*
 * Commands of the "recovery" files.  The first two double as the setting,
 * indexed by &rproc.recovery_disabled.
 */
static const char * const rproc_recovery_words[] = {
	"enabled", "disabled", "recover",
};

/* Settings of the "coredump" files, indexed by &enum rproc_dump_mechanism. */
static const char * const rproc_coredump_words[] = {
	[RPROC_COREDUMP_DISABLED]	= "disabled",
	[RPROC_COREDUMP_ENABLED]	= "enabled",
	[RPROC_COREDUMP_INLINE]		= "inline",
};

/* Commands of the "state" file and of the character device. */
static const char * const rproc_state_words[] = {
	"start", "stop", "detach",
};

/**
 * rproc_recovery_word() - the recovery setting, as the "recovery" files show it
 * @rproc: the remote processor
 *
 * Return: "enabled" or "disabled".
 */
const char *rproc_recovery_word(struct rproc *rproc)
{
	return rproc_recovery_words[READ_ONCE(rproc->recovery_disabled)];
}

/**
 * rproc_coredump_word() - the dump setting, as the "coredump" files show it
 * @rproc: the remote processor
 *
 * Return: "disabled", "enabled" or "inline".
 */
const char *rproc_coredump_word(struct rproc *rproc)
{
	return rproc_coredump_words[READ_ONCE(rproc->dump_conf)];
}

/**
 * rproc_set_recovery() - apply a command of the "recovery" files
 * @rproc: the remote processor
 * @buf: "enabled", "disabled" or "recover", optionally with a newline
 *
 * Return: 0, -EINVAL for an unknown word, or the error of a recovery.
 */
int rproc_set_recovery(struct rproc *rproc, const char *buf)
{
	int word = sysfs_match_string(rproc_recovery_words, buf);
	int ret;

	if (word < 0)
		return -EINVAL;
	if (word != 2) {
		mutex_lock(&rproc->lock);
		rproc->recovery_disabled = word == 1;
		mutex_unlock(&rproc->lock);
		if (word == 1)
			return 0;
	}

	/*
	 * "recover", and "enabled" too (the 6.1 ABI), recover a remote that
	 * is crashed now and leave one in any other state alone, without an
	 * error.  A recovery that fails is reported, unlike in 6.1.
	 */
	ret = rproc_trigger_recovery(rproc);
	return ret == -EINVAL ? 0 : ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_set_recovery);

/**
 * rproc_set_coredump() - apply a setting of the "coredump" files
 * @rproc: the remote processor
 * @buf: "disabled", "enabled" or "inline", optionally with a newline
 *
 * A crashed remote is dumped with the setting it crashed with: the setting
 * is refused until it is recovered or shut down.
 *
 * Return: 0, -EINVAL for an unknown word, -EBUSY while crashed.
 */
int rproc_set_coredump(struct rproc *rproc, const char *buf)
{
	int conf = sysfs_match_string(rproc_coredump_words, buf);
	int ret = -EBUSY;

	if (conf < 0)
		return -EINVAL;

	mutex_lock(&rproc->lock);
	if (rproc->state != RPROC_CRASHED) {
		rproc->dump_conf = conf;
		ret = 0;
	}
	mutex_unlock(&rproc->lock);
	return ret;
}

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
EXPORT_SYMBOL_IF_KUNIT(rproc_state_command);

/* The read side of the one-word attributes. */
static ssize_t rproc_attr_word(struct device *dev, char *buf,
			       const char *(*word)(struct rproc *rproc))
{
	return sysfs_emit(buf, "%s\n", word(to_rproc(dev)));
}

/*
 * The write side of the attributes that hand their text to a command:
 * refused while the driver made sysfs read-only, else the command's errno or
 * the whole write consumed.
 */
static ssize_t rproc_attr_apply(struct device *dev, const char *buf,
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

static const char *rproc_name_word(struct rproc *rproc)
{
	return rproc->name;
}

static const char *rproc_state_word(struct rproc *rproc)
{
	return rproc_state_name(READ_ONCE(rproc->state));
}

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return rproc_attr_word(dev, buf, rproc_name_word);
}

static ssize_t recovery_status_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	return rproc_attr_word(dev, buf, rproc_recovery_status_word);
}

/*
 * An attribute showing a word and taking a command: _name_show() and
 * _name_store() around @_word and @_apply.
 */
#define RPROC_WORD_ATTR_RW(_name, _word, _apply)			\
static ssize_t _name##_show(struct device *dev,				\
			    struct device_attribute *attr, char *buf)	\
{									\
	return rproc_attr_word(dev, buf, _word);			\
}									\
static ssize_t _name##_store(struct device *dev,			\
			     struct device_attribute *attr,		\
			     const char *buf, size_t count)		\
{									\
	return rproc_attr_apply(dev, buf, count, _apply);		\
}									\
static DEVICE_ATTR_RW(_name)

RPROC_WORD_ATTR_RW(state, rproc_state_word, rproc_state_command);
RPROC_WORD_ATTR_RW(recovery, rproc_recovery_word, rproc_set_recovery);
RPROC_WORD_ATTR_RW(coredump, rproc_coredump_word, rproc_set_coredump);

/* The name may be replaced (and freed) at any time: read it locked. */
static ssize_t firmware_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	struct rproc *rproc = to_rproc(dev);
	ssize_t len;

	/* Of a remote started by someone else, the image is not known (6.1). */
	mutex_lock(&rproc->lock);
	len = sysfs_emit(buf, "%s\n", rproc->state == RPROC_ATTACHED ?
			 "unknown" : rproc->firmware);
	mutex_unlock(&rproc->lock);
	return len;
}

static ssize_t firmware_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	return rproc_attr_apply(dev, buf, count, rproc_set_firmware);
}

static DEVICE_ATTR_RO(name);
static DEVICE_ATTR_RO(recovery_status);
static DEVICE_ATTR_RW(firmware);

static struct attribute *rproc_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_state.attr,
	&dev_attr_firmware.attr,
	&dev_attr_recovery.attr,
	&dev_attr_coredump.attr,
	&dev_attr_recovery_status.attr,
	NULL
};

static umode_t rproc_attr_visible(struct kobject *kobj, struct attribute *attr,
				  int n)
{
	struct rproc *rproc = to_rproc(kobj_to_dev(kobj));

	/* Read-only processors keep their attributes, without write bits. */
	return rproc->sysfs_read_only ? attr->mode & 0444 : attr->mode;
}

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
