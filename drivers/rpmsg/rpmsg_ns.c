// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg name service.
 *
 * A transport that has a name service registers one channel device for
 * it with rpmsg_ns_register_device(); this driver binds to it, listens on
 * %RPMSG_NS_ADDR and turns the remote's announcements into channel devices
 * (CREATE) or removes them again (DESTROY). Announcements are validated
 * from a private copy: the shared buffer is only ever read. The transport
 * bounds how many channels one remote may have announced, and lets a
 * DESTROY remove only a channel that the remote announced under exactly
 * that name and address: never Linux's own rpmsg_ctrl and rpmsg_ns
 * devices, nor channels that drivers or userspace created.
 */

#include <linux/module.h>
#include <linux/ratelimit.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/string.h>
#include <kunit/visibility.h>

#include "rpmsg_internal.h"
#include "rpmsg_ns.h"

/* Name of the driver, and of the channel device it is pinned to */
#define RPMSG_NS_NAME	"rpmsg_ns"

/**
 * struct rpmsg_ns - state of one bound name-service channel
 * @rs: rate limit of the lines this remote's bad announcements print.
 *	One per remote, so that a flooding remote neither silences the
 *	refusals of another nor those of its own next boot.
 */
struct rpmsg_ns {
	struct ratelimit_state rs;
};

/**
 * rpmsg_ns_parse() - validate a name-service message
 * @rpdev: the name-service channel (gives the wire byte order)
 * @data: the received payload; not modified
 * @len: its length
 * @chinfo: on success, the service name and addresses (@src is
 *	%RPMSG_ADDR_ANY, @dst is the announced remote address)
 * @flags: on success, %RPMSG_NS_CREATE or %RPMSG_NS_DESTROY
 *
 * Return: 0, -EMSGSIZE for a message of the wrong size, -EINVAL for a
 * name that is empty or not NUL terminated within %RPMSG_NAME_SIZE bytes,
 * or -EOPNOTSUPP for an unknown flag value.
 */
int rpmsg_ns_parse(struct rpmsg_device *rpdev, const void *data, int len,
		   struct rpmsg_channel_info *chinfo, u32 *flags)
{
	struct rpmsg_ns_msg msg;
	size_t name_len;

	if (len != sizeof(msg))
		return -EMSGSIZE;
	memcpy(&msg, data, sizeof(msg));

	name_len = strnlen(msg.name, sizeof(msg.name));
	if (!name_len || name_len == sizeof(msg.name))
		return -EINVAL;

	*flags = rpmsg32_to_cpu(rpdev, msg.flags);
	if (*flags != RPMSG_NS_CREATE && *flags != RPMSG_NS_DESTROY)
		return -EOPNOTSUPP;

	memset(chinfo, 0, sizeof(*chinfo));
	memcpy(chinfo->name, msg.name, name_len);
	chinfo->src = RPMSG_ADDR_ANY;
	chinfo->dst = rpmsg32_to_cpu(rpdev, msg.addr);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(rpmsg_ns_parse);

/* One rate-limited line for an announcement the transport refused */
static void rpmsg_ns_refused(struct rpmsg_device *rpdev, struct rpmsg_ns *ns,
			     const struct rpmsg_channel_info *chinfo,
			     u32 flags, int err)
{
	const char *why;

	switch (err) {
	case -ENOSPC:
		why = "the remote reached its channel limit";
		break;
	case -EPERM:
		why = "the remote did not announce it";
		break;
	case -ENOENT:
		why = "unknown channel";
		break;
	case -EEXIST:
		why = "it exists already";
		break;
	default:
		why = "transport error";
	}
	if (__ratelimit(&ns->rs))
		dev_err(&rpdev->dev, "refused to %s channel %s at 0x%x: %s (%d)\n",
			flags == RPMSG_NS_DESTROY ? "destroy" : "create",
			chinfo->name, chinfo->dst, why, err);
}

static int rpmsg_ns_cb(struct rpmsg_device *rpdev, void *data, int len,
		       void *priv, u32 src)
{
	int (*op)(struct rpmsg_device *rpdev,
		  struct rpmsg_channel_info *chinfo);
	struct rpmsg_channel_info chinfo;
	struct rpmsg_ns *ns = priv;
	u32 flags;
	int ret;

	ret = rpmsg_ns_parse(rpdev, data, len, &chinfo, &flags);
	if (ret) {
		if (__ratelimit(&ns->rs))
			dev_err(&rpdev->dev,
				"rejected announcement of %d bytes from 0x%x: %d\n",
				len, src, ret);
		return ret;
	}

	/*
	 * 6.1's wording and device (the transport's); the remote sets the
	 * pace, hence the rate limit
	 */
	dev_info_ratelimited(rpdev->dev.parent, "%s channel %s addr 0x%x\n",
			     flags == RPMSG_NS_DESTROY ? "destroying" : "creating",
			     chinfo.name, chinfo.dst);

	/* A remote may only withdraw what it announced, within its limit */
	if (flags == RPMSG_NS_DESTROY)
		op = rpdev->ops->release_remote_channel;
	else
		op = rpdev->ops->create_remote_channel;
	ret = op ? op(rpdev, &chinfo) : -EOPNOTSUPP;
	if (ret)
		rpmsg_ns_refused(rpdev, ns, &chinfo, flags, ret);
	return ret;
}

static int rpmsg_ns_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_channel_info chinfo = {
		.name = "name_service",
		.src = RPMSG_NS_ADDR,
		.dst = RPMSG_NS_ADDR,
	};
	struct rpmsg_endpoint *ept;
	struct rpmsg_ns *ns;

	ns = devm_kzalloc(&rpdev->dev, sizeof(*ns), GFP_KERNEL);
	if (!ns)
		return -ENOMEM;
	ratelimit_state_init(&ns->rs, DEFAULT_RATELIMIT_INTERVAL,
			     DEFAULT_RATELIMIT_BURST);

	ept = rpmsg_create_ept(rpdev, rpmsg_ns_cb, ns, chinfo);
	if (!ept) {
		dev_err(&rpdev->dev, "cannot listen on address %d\n",
			RPMSG_NS_ADDR);
		return -ENOMEM;
	}
	rpdev->ept = ept;
	rpdev->src = ept->addr;
	return 0;
}

static void rpmsg_ns_remove(struct rpmsg_device *rpdev)
{
	rpmsg_destroy_ept(rpdev->ept);
	rpdev->ept = NULL;
}

static struct rpmsg_driver rpmsg_ns_driver = {
	.drv.name	= RPMSG_NS_NAME,
	.probe		= rpmsg_ns_probe,
	.remove		= rpmsg_ns_remove,
};

/**
 * rpmsg_ns_register_device() - register a transport's name-service channel
 * @rpdev: a channel device prepared by the transport (ops, parent, release)
 *
 * Names the device and pins it to the name-service driver, which creates
 * the endpoint at %RPMSG_NS_ADDR when it binds.
 *
 * Context: process context; may sleep.
 * Return: 0 or a negative errno; on failure @rpdev has been put.
 */
int rpmsg_ns_register_device(struct rpmsg_device *rpdev)
{
	strscpy(rpdev->id.name, RPMSG_NS_NAME, sizeof(rpdev->id.name));
	rpdev->src = RPMSG_NS_ADDR;
	rpdev->dst = RPMSG_NS_ADDR;
	rpdev->announce = false;

	return rpmsg_register_device_override(rpdev, RPMSG_NS_NAME);
}
EXPORT_SYMBOL(rpmsg_ns_register_device);

static int __init rpmsg_ns_init(void)
{
	int ret;

	ret = register_rpmsg_driver(&rpmsg_ns_driver);
	if (ret)
		pr_err("rpmsg_ns: cannot register the driver: %d\n", ret);
	return ret;
}
postcore_initcall(rpmsg_ns_init);

static void __exit rpmsg_ns_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ns_driver);
}
module_exit(rpmsg_ns_exit);

MODULE_DESCRIPTION("rpmsg name service");
MODULE_ALIAS("rpmsg:" RPMSG_NS_NAME);
MODULE_LICENSE("GPL");
