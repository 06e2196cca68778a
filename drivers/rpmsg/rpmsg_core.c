// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg bus: device model side.
 *
 * Channel devices are registered here by transports; client drivers are
 * matched to them by driver_override, OF compatible or id_table name. On
 * probe the core creates the channel endpoint for drivers that have a
 * receive callback, and asks the transport to announce the channel.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of_device.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "rpmsg_internal.h"

static ssize_t name_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", to_rpmsg_device(dev)->id.name);
}
static DEVICE_ATTR_RO(name);

static ssize_t src_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->src);
}
static DEVICE_ATTR_RO(src);

static ssize_t dst_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return sysfs_emit(buf, "0x%x\n", to_rpmsg_device(dev)->dst);
}
static DEVICE_ATTR_RO(dst);

static ssize_t announce_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  to_rpmsg_device(dev)->announce ? "true" : "false");
}
static DEVICE_ATTR_RO(announce);

static ssize_t driver_override_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	ssize_t ret;

	/*
	 * driver_set_override() swaps the string under the device lock.
	 * "(null)" without an override is the bus's ABI: userspace tests for
	 * it before it writes an override of its own.
	 */
	device_lock(dev);
	ret = sysfs_emit(buf, "%s\n", rpdev->driver_override ?: "(null)");
	device_unlock(dev);
	return ret;
}

static ssize_t driver_override_store(struct device *dev,
				     struct device_attribute *attr,
				     const char *buf, size_t count)
{
	const char **slot = &to_rpmsg_device(dev)->driver_override;
	int ret = driver_set_override(dev, slot, buf, count);

	return ret ?: count;
}
static DEVICE_ATTR_RW(driver_override);

static ssize_t modalias_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	ssize_t len = of_device_modalias(dev, buf, PAGE_SIZE);

	/* Only channels without a device tree node use the bus's alias */
	if (len == -ENODEV)
		len = sysfs_emit(buf, RPMSG_DEVICE_MODALIAS_FMT "\n",
				 to_rpmsg_device(dev)->id.name);
	return len;
}
static DEVICE_ATTR_RO(modalias);

static struct attribute *rpmsg_dev_attrs[] = {
	&dev_attr_announce.attr,
	&dev_attr_driver_override.attr,
	&dev_attr_dst.attr,
	&dev_attr_modalias.attr,
	&dev_attr_name.attr,
	&dev_attr_src.attr,
	NULL
};
ATTRIBUTE_GROUPS(rpmsg_dev);

static const struct rpmsg_device_id *
rpmsg_match_id(const struct rpmsg_device_id *ids, const char *name)
{
	if (!ids)
		return NULL;
	for (; ids->name[0]; ids++)
		if (!strncmp(ids->name, name, RPMSG_NAME_SIZE))
			return ids;
	return NULL;
}

static int rpmsg_bus_match(struct device *dev, struct device_driver *drv)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(drv);
	const struct rpmsg_device_id *id;

	/* An override pins the device to exactly one driver */
	if (rpdev->driver_override)
		return !strcmp(rpdev->driver_override, drv->name);

	id = rpmsg_match_id(rpdrv->id_table, rpdev->id.name);
	if (id) {
		rpdev->id.driver_data = id->driver_data;
		return 1;
	}

	return of_driver_match_device(dev, drv);
}

static int rpmsg_bus_uevent(struct device *dev, struct kobj_uevent_env *env)
{
	int ret;

	ret = of_device_uevent_modalias(dev, env);
	if (ret != -ENODEV)
		return ret;
	return add_uevent_var(env, "MODALIAS=" RPMSG_DEVICE_MODALIAS_FMT,
			      to_rpmsg_device(dev)->id.name);
}

/*
 * Destroy the channel endpoint made at probe, if it is still there: a
 * driver's remove() may have destroyed it already (rpmsg_char does, so
 * that no callback sees its freed state) and cleared rpdev->ept.
 */
static void rpmsg_bus_drop_ept(struct rpmsg_device *rpdev)
{
	struct rpmsg_endpoint *ept = rpdev->ept;

	rpdev->ept = NULL;
	rpmsg_destroy_ept(ept);
}

/*
 * Probe: create the channel endpoint first, so that the driver can send
 * from its probe routine; announce last, so that the remote only hears of
 * channels whose driver is ready to receive.
 */
static int rpmsg_bus_probe(struct device *dev)
{
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);
	struct rpmsg_endpoint *ept = NULL;
	int ret;

	if (rpdrv->callback) {
		struct rpmsg_channel_info chinfo = {
			.src = rpdev->src,
			.dst = RPMSG_ADDR_ANY,
		};

		strscpy(chinfo.name, rpdev->id.name, sizeof(chinfo.name));
		ept = rpmsg_create_ept(rpdev, rpdrv->callback, NULL, chinfo);
		if (!ept) {
			dev_err(dev, "cannot create the channel endpoint\n");
			return -ENOMEM;
		}
		rpdev->ept = ept;
		rpdev->src = ept->addr;
	}

	ret = rpdrv->probe ? rpdrv->probe(rpdev) : 0;
	if (ret) {
		dev_err(dev, "driver probe failed: %d\n", ret);
		rpmsg_bus_drop_ept(rpdev);
		return ret;
	}

	/* Only a channel with an endpoint has an address to announce */
	if (ept && rpdev->ops->announce_create)
		ret = rpdev->ops->announce_create(rpdev);
	if (!ret)
		return 0;

	dev_err(dev, "cannot announce the channel: %d\n", ret);
	if (rpdrv->remove)
		rpdrv->remove(rpdev);
	rpmsg_bus_drop_ept(rpdev);
	return ret;
}

static void rpmsg_bus_remove(struct device *dev)
{
	struct rpmsg_driver *rpdrv = to_rpmsg_driver(dev->driver);
	struct rpmsg_device *rpdev = to_rpmsg_device(dev);
	const struct rpmsg_device_ops *ops = rpdev->ops;
	int ret = 0;

	/* Withdraw the announcement first, so the remote stops sending */
	if (rpdev->ept && ops->announce_destroy)
		ret = ops->announce_destroy(rpdev);
	if (ret)
		dev_dbg(dev, "cannot withdraw the announcement: %d\n", ret);

	if (rpdrv->remove)
		rpdrv->remove(rpdev);
	rpmsg_bus_drop_ept(rpdev);
}

static struct bus_type rpmsg_bus = {
	.probe		= rpmsg_bus_probe,
	.remove		= rpmsg_bus_remove,
	.match		= rpmsg_bus_match,
	.uevent		= rpmsg_bus_uevent,
	.dev_groups	= rpmsg_dev_groups,
	.name		= "rpmsg",
};

/**
 * rpmsg_register_device() - add a channel device to the rpmsg bus
 * @rpdev: the channel, prepared as for rpmsg_register_device_override()
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno; on failure @rpdev has been put.
 */
int rpmsg_register_device(struct rpmsg_device *rpdev)
{
	return rpmsg_register_device_override(rpdev, NULL);
}
EXPORT_SYMBOL(rpmsg_register_device);

/**
 * rpmsg_register_device_override() - add a channel device, pinned to a driver
 * @rpdev: the channel, with @rpdev->dev.parent, ->dev.release, ->ops,
 *	->id.name, ->src and ->dst filled in
 * @driver_override: name of the only driver that may bind, or NULL
 *
 * The device is named "<parent>.<name>.<src>.<dst>" and added to the rpmsg
 * bus; a matching driver probes it synchronously if it is already loaded.
 *
 * Context: process context; may sleep.
 * Return: 0 on success. On failure the device reference has been dropped
 * (its release callback has run or will run): do not touch @rpdev again.
 */
int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override)
{
	struct device *dev = &rpdev->dev;
	int ret;

	device_initialize(dev);
	dev->bus = &rpmsg_bus;

	ret = dev_set_name(dev, "%s.%s.%d.%d", dev_name(dev->parent),
			   rpdev->id.name, rpdev->src, rpdev->dst);
	if (ret)
		goto err_put;

	if (driver_override) {
		ret = driver_set_override(dev, &rpdev->driver_override,
					  driver_override,
					  strlen(driver_override));
		if (ret) {
			dev_err(dev, "cannot set the driver override: %d\n",
				ret);
			goto err_put;
		}
	}

	ret = device_add(dev);
	if (!ret)
		return 0;
	dev_err(dev, "cannot add the channel device: %d\n", ret);

err_put:
	put_device(dev);
	return ret;
}
EXPORT_SYMBOL(rpmsg_register_device_override);

static int rpmsg_match_chinfo(struct device *dev, void *data)
{
	/* Children of a transport device are not all channel devices */
	if (dev->bus != &rpmsg_bus)
		return 0;
	return rpmsg_chinfo_matches(to_rpmsg_device(dev), data);
}

/**
 * rpmsg_find_device() - look up a channel device among @parent's children
 * @parent: the transport device
 * @chinfo: name and addresses to look for; %RPMSG_ADDR_ANY is a wildcard
 *
 * Return: the device with a reference held (drop it with put_device()), or
 * NULL when there is none.
 */
struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo)
{
	return device_find_child(parent, chinfo, rpmsg_match_chinfo);
}
EXPORT_SYMBOL(rpmsg_find_device);

/*
 * A channel can be removed from three places that may run at the same time:
 * the remote's name-service destroy, RPMSG_RELEASE_DEV_IOCTL and the removal
 * of the transport. Each holds a reference of its own, so the device stays
 * valid, but unregistering it twice would unlink it twice: only the caller
 * that marks it dead first (the driver core's kill_device(), under the
 * device lock) goes on.
 */
static bool rpmsg_unregister_first(struct device *dev)
{
	bool first;

	might_sleep();
	device_lock(dev);
	first = kill_device(dev);
	device_unlock(dev);
	if (first)
		device_unregister(dev);
	return first;
}

/**
 * rpmsg_unregister_child() - unregister a child of a transport device once
 * @dev: the child
 * @data: unused; the signature is that of a device_for_each_child() callback
 *
 * For transports tearing down their channels: a channel that a concurrent
 * rpmsg_unregister_device() has already claimed is left to it.
 *
 * Context: process context; may sleep (the bound driver is removed).
 * Return: 0, so that device_for_each_child() goes on.
 */
int rpmsg_unregister_child(struct device *dev, void *data)
{
	rpmsg_unregister_first(dev);
	return 0;
}
EXPORT_SYMBOL(rpmsg_unregister_child);

/**
 * rpmsg_unregister_device() - remove the channel device matching @chinfo
 * @parent: the transport device the channel lives under
 * @chinfo: name and addresses of the channel
 *
 * Context: process context; may sleep (the bound driver is removed).
 * Return: 0, or -EINVAL when no such channel exists or another path is
 * already removing it.
 */
int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo)
{
	struct device *dev = rpmsg_find_device(parent, chinfo);
	bool removed;

	if (!dev)
		return -EINVAL;
	/* The bus's reference goes with the unregister, ours from the lookup here */
	removed = rpmsg_unregister_first(dev);
	put_device(dev);
	return removed ? 0 : -EINVAL;
}
EXPORT_SYMBOL(rpmsg_unregister_device);

/**
 * __register_rpmsg_driver() - register a client driver with the rpmsg bus
 * @rpdrv: the driver; @rpdrv->drv.name must be set
 * @owner: the module that provides it (register_rpmsg_driver() passes it)
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno from driver_register().
 */
int __register_rpmsg_driver(struct rpmsg_driver *rpdrv, struct module *owner)
{
	struct device_driver *drv = &rpdrv->drv;

	drv->owner = owner;
	drv->bus = &rpmsg_bus;
	return driver_register(drv);
}
EXPORT_SYMBOL(__register_rpmsg_driver);

/**
 * unregister_rpmsg_driver() - unbind and unregister a client driver
 * @rpdrv: a driver registered with register_rpmsg_driver()
 *
 * Context: process context; may sleep.
 */
void unregister_rpmsg_driver(struct rpmsg_driver *rpdrv)
{
	struct device_driver *drv = &rpdrv->drv;

	/* Removes it from every channel it is bound to, then unlists it */
	driver_unregister(drv);
}
EXPORT_SYMBOL(unregister_rpmsg_driver);

static int __init rpmsg_bus_init(void)
{
	int ret = bus_register(&rpmsg_bus);

	if (ret)
		pr_err("cannot register the rpmsg bus: %d\n", ret);
	return ret;
}
postcore_initcall(rpmsg_bus_init);

static void __exit rpmsg_bus_exit(void)
{
	bus_unregister(&rpmsg_bus);
}
module_exit(rpmsg_bus_exit);

MODULE_DESCRIPTION("remote processor messaging bus");
MODULE_LICENSE("GPL");
