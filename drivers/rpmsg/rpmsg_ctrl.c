// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_ctrl: /dev/rpmsg_ctrlN, one per rpmsg transport instance.
 *
 * Transports register a channel device pinned to this driver; its node
 * lets userspace create endpoint devices (/dev/rpmsgN, or a bare fd) and
 * local channel devices on that transport. Everything userspace passes is
 * checked here: a name must be NUL terminated within its 32 bytes.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdev.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/rpmsg.h>

#include "rpmsg_char.h"
#include "rpmsg_internal.h"

#define RPMSG_CTRLDEV_MAX	(MINORMASK + 1)

static dev_t rpmsg_ctrldev_base;
static DEFINE_IDA(rpmsg_ctrldev_ida);

/**
 * struct rpmsg_ctrldev - the control node of one transport instance
 * @dev: the class device; freed by its release when the last file closes
 * @cdev: the character device
 * @lock: protects @rpdev; held across every request, so that removal
 *	waits for requests in flight and none starts afterwards
 * @rpdev: the control channel, NULL once it has been removed
 */
struct rpmsg_ctrldev {
	struct device dev;
	struct cdev cdev;
	struct mutex lock;	/* @rpdev and the requests using it */
	struct rpmsg_device *rpdev;
};

#define dev_to_ctrldev(d) container_of(d, struct rpmsg_ctrldev, dev)

static int ctrldev_open(struct inode *inode, struct file *filp)
{
	struct rpmsg_ctrldev *ctrldev = container_of(inode->i_cdev,
						     struct rpmsg_ctrldev,
						     cdev);

	get_device(&ctrldev->dev);
	filp->private_data = ctrldev;
	return 0;
}

static int ctrldev_release(struct inode *inode, struct file *filp)
{
	struct rpmsg_ctrldev *ctrldev = filp->private_data;

	put_device(&ctrldev->dev);
	return 0;
}

/* Turn what userspace passed into a channel info; -EINVAL if malformed */
static int ctrldev_chinfo(struct rpmsg_ctrldev *ctrldev, const char *name,
			  u32 src, u32 dst, bool need_name,
			  struct rpmsg_channel_info *chinfo)
{
	size_t len = strnlen(name, RPMSG_NAME_SIZE);

	if (len == RPMSG_NAME_SIZE) {
		dev_dbg_ratelimited(&ctrldev->dev, "name is not NUL terminated\n");
		return -EINVAL;
	}
	if (need_name && !len) {
		dev_dbg_ratelimited(&ctrldev->dev, "empty channel name\n");
		return -EINVAL;
	}
	memset(chinfo, 0, sizeof(*chinfo));
	memcpy(chinfo->name, name, len);
	chinfo->src = src;
	chinfo->dst = dst;
	return 0;
}

/*
 * The descriptor is reserved first and installed last, after the result
 * was written back: until fd_install() the program cannot reach the file,
 * so a failure at any step, an unwritable result included, is undone in
 * full instead of leaving a descriptor the program never learns about.
 */
static int ctrldev_create_ept_fd(struct rpmsg_ctrldev *ctrldev,
				 void __user *argp)
{
	struct rpmsg_endpoint_fd_info info;
	struct rpmsg_channel_info chinfo;
	struct file *file;
	int fd, ret;

	lockdep_assert_held(&ctrldev->lock);

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	ret = ctrldev_chinfo(ctrldev, info.name, info.src, info.dst, false,
			     &chinfo);
	if (ret)
		return ret;

	fd = get_unused_fd_flags(info.flags & O_CLOEXEC);
	if (fd < 0)
		return fd;
	file = rpmsg_chrdev_eptdev_new_file(ctrldev->rpdev, &ctrldev->dev,
					    chinfo, info.flags);
	if (IS_ERR(file)) {
		ret = PTR_ERR(file);
		goto err_fd;
	}

	info.fd = fd;
	if (copy_to_user(argp, &info, sizeof(info))) {
		dev_dbg_ratelimited(&ctrldev->dev,
				    "result not writable, endpoint dropped\n");
		ret = -EFAULT;
		goto err_file;
	}
	fd_install(fd, file);
	return 0;

err_file:
	/* The release, deferred to the return to userspace, destroys it */
	fput(file);
err_fd:
	put_unused_fd(fd);
	return ret;
}

/* Release a channel, unless it is the one this node itself hangs off */
static int ctrldev_release_channel(struct rpmsg_ctrldev *ctrldev,
				   struct rpmsg_channel_info *chinfo)
{
	struct rpmsg_device *rpdev = ctrldev->rpdev;
	struct device *dev;

	lockdep_assert_held(&ctrldev->lock);

	dev = rpmsg_find_device(rpdev->dev.parent, chinfo);
	if (!dev) {
		dev_dbg_ratelimited(&ctrldev->dev, "no channel %s to release\n",
				    chinfo->name);
		return -EINVAL;
	}
	put_device(dev);
	if (dev == &rpdev->dev) {
		dev_dbg_ratelimited(&ctrldev->dev,
				    "refusing to release the control channel\n");
		return -EINVAL;
	}
	return rpmsg_release_channel(rpdev, chinfo);
}

static long ctrldev_request(struct rpmsg_ctrldev *ctrldev, unsigned int cmd,
			    void __user *argp)
{
	struct rpmsg_endpoint_info info;
	struct rpmsg_channel_info chinfo;
	struct rpmsg_device *rpdev = ctrldev->rpdev;
	int ret;

	lockdep_assert_held(&ctrldev->lock);

	if (cmd == RPMSG_CREATE_EPT_FD_IOCTL)
		return ctrldev_create_ept_fd(ctrldev, argp);

	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	ret = ctrldev_chinfo(ctrldev, info.name, info.src, info.dst,
			     cmd != RPMSG_CREATE_EPT_IOCTL, &chinfo);
	if (ret)
		return ret;

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
		return rpmsg_chrdev_eptdev_create(rpdev, &ctrldev->dev, chinfo);
	case RPMSG_CREATE_DEV_IOCTL:
		if (!rpmsg_create_channel(rpdev, &chinfo)) {
			dev_dbg_ratelimited(&ctrldev->dev,
					    "cannot create channel %s\n",
					    chinfo.name);
			return -ENXIO;
		}
		return 0;
	case RPMSG_RELEASE_DEV_IOCTL:
		return ctrldev_release_channel(ctrldev, &chinfo);
	}
	return -ENOTTY;
}

static long ctrldev_ioctl(struct file *filp, unsigned int cmd,
			  unsigned long arg)
{
	struct rpmsg_ctrldev *ctrldev = filp->private_data;
	long ret;

	switch (cmd) {
	case RPMSG_CREATE_EPT_IOCTL:
	case RPMSG_CREATE_DEV_IOCTL:
	case RPMSG_RELEASE_DEV_IOCTL:
	case RPMSG_CREATE_EPT_FD_IOCTL:
		break;
	default:
		return -ENOTTY;
	}

	if (mutex_lock_interruptible(&ctrldev->lock))
		return -ERESTARTSYS;
	if (ctrldev->rpdev)
		ret = ctrldev_request(ctrldev, cmd, (void __user *)arg);
	else
		ret = -ENODEV;
	mutex_unlock(&ctrldev->lock);
	return ret;
}

static const struct file_operations ctrldev_fops = {
	.owner		= THIS_MODULE,
	.open		= ctrldev_open,
	.release	= ctrldev_release,
	.unlocked_ioctl	= ctrldev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static void ctrldev_release_dev(struct device *dev)
{
	struct rpmsg_ctrldev *ctrldev = dev_to_ctrldev(dev);

	if (dev->devt)
		ida_free(&rpmsg_ctrldev_ida, MINOR(dev->devt));
	kfree(ctrldev);
}

static int rpmsg_ctrldev_probe(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev;
	int minor, ret;

	ctrldev = kzalloc(sizeof(*ctrldev), GFP_KERNEL);
	if (!ctrldev)
		return -ENOMEM;

	mutex_init(&ctrldev->lock);
	ctrldev->rpdev = rpdev;
	device_initialize(&ctrldev->dev);
	ctrldev->dev.parent = &rpdev->dev;
	ctrldev->dev.class = rpmsg_char_class;
	ctrldev->dev.release = ctrldev_release_dev;

	minor = ida_alloc_max(&rpmsg_ctrldev_ida, RPMSG_CTRLDEV_MAX - 1,
			      GFP_KERNEL);
	if (minor < 0) {
		ret = minor;
		goto err_put;
	}
	ctrldev->dev.devt = MKDEV(MAJOR(rpmsg_ctrldev_base), minor);

	ret = dev_set_name(&ctrldev->dev, "rpmsg_ctrl%d", minor);
	if (ret)
		goto err_put;

	cdev_init(&ctrldev->cdev, &ctrldev_fops);
	ctrldev->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&ctrldev->cdev, &ctrldev->dev);
	if (ret)
		goto err_put;

	dev_set_drvdata(&rpdev->dev, ctrldev);
	return 0;

err_put:
	put_device(&ctrldev->dev);
	return ret;
}

/*
 * The transport is going away: stop new requests, destroy every endpoint
 * made through this node (open files then fail with -EPIPE) and remove
 * the node. The structure lives on until the last file is closed.
 */
/*
 * Every child goes, including one a destroy ioctl got to first (which
 * returns -EINVAL once that destroy is complete): device_for_each_child()
 * would stop at a non-zero result and leave the rest behind.
 */
static int rpmsg_ctrldev_destroy_child(struct device *dev, void *data)
{
	rpmsg_chrdev_eptdev_destroy(dev, data);
	return 0;
}

static void rpmsg_ctrldev_remove(struct rpmsg_device *rpdev)
{
	struct rpmsg_ctrldev *ctrldev = dev_get_drvdata(&rpdev->dev);

	mutex_lock(&ctrldev->lock);
	ctrldev->rpdev = NULL;
	mutex_unlock(&ctrldev->lock);

	device_for_each_child(&ctrldev->dev, NULL, rpmsg_ctrldev_destroy_child);
	rpmsg_chrdev_anon_destroy_all(&ctrldev->dev);

	cdev_device_del(&ctrldev->cdev, &ctrldev->dev);
	put_device(&ctrldev->dev);
}

static struct rpmsg_driver rpmsg_ctrldev_driver = {
	.drv.name	= "rpmsg_ctrl",
	.probe		= rpmsg_ctrldev_probe,
	.remove		= rpmsg_ctrldev_remove,
};

static int __init rpmsg_ctrldev_init(void)
{
	int ret;

	ret = alloc_chrdev_region(&rpmsg_ctrldev_base, 0, RPMSG_CTRLDEV_MAX,
				  "rpmsg_ctrl");
	if (ret < 0) {
		pr_err("cannot allocate a device number region: %d\n", ret);
		return ret;
	}

	ret = register_rpmsg_driver(&rpmsg_ctrldev_driver);
	if (ret < 0) {
		pr_err("cannot register the driver: %d\n", ret);
		unregister_chrdev_region(rpmsg_ctrldev_base, RPMSG_CTRLDEV_MAX);
	}
	return ret;
}
module_init(rpmsg_ctrldev_init);

static void __exit rpmsg_ctrldev_exit(void)
{
	unregister_rpmsg_driver(&rpmsg_ctrldev_driver);
	unregister_chrdev_region(rpmsg_ctrldev_base, RPMSG_CTRLDEV_MAX);
}
module_exit(rpmsg_ctrldev_exit);

MODULE_DESCRIPTION("rpmsg control interface: /dev/rpmsg_ctrlN");
MODULE_ALIAS("rpmsg:rpmsg_ctrl");
MODULE_LICENSE("GPL");
