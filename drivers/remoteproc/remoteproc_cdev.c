// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: /dev/remoteprocN.
 *
 * The character device is embedded in struct rproc and added together
 * with the class device (cdev_device_add()), so an open file keeps the
 * processor alive through the class device's reference count.
 */

#include <linux/cdev.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/remoteproc.h>
#include <linux/uaccess.h>
#include <uapi/linux/remoteproc_cdev.h>

#include "remoteproc_internal.h"

#define RPROC_MAX_MINORS	64

static dev_t rproc_major;

static ssize_t rproc_cdev_write(struct file *filp, const char __user *ubuf,
				size_t len, loff_t *pos)
{
	struct rproc *rproc = container_of(filp->f_inode->i_cdev, struct rproc,
					   cdev);
	char cmd[16];
	int ret;

	if (!len || len >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, len))
		return -EFAULT;
	cmd[len] = '\0';

	ret = rproc_state_command(rproc, cmd);
	return ret ? ret : len;
}

static long rproc_cdev_ioctl(struct file *filp, unsigned int ioctl,
			     unsigned long arg)
{
	struct rproc *rproc = container_of(filp->f_inode->i_cdev, struct rproc,
					   cdev);
	void __user *argp = (void __user *)arg;
	s32 val;

	switch (ioctl) {
	case RPROC_SET_SHUTDOWN_ON_RELEASE:
		if (copy_from_user(&val, argp, sizeof(val)))
			return -EFAULT;
		if (val != 0 && val != 1)
			return -EINVAL;
		mutex_lock(&rproc->lock);
		to_rproc_core(rproc)->cdev_put_on_release = val;
		mutex_unlock(&rproc->lock);
		return 0;
	case RPROC_GET_SHUTDOWN_ON_RELEASE:
		val = READ_ONCE(to_rproc_core(rproc)->cdev_put_on_release);
		return copy_to_user(argp, &val, sizeof(val)) ? -EFAULT : 0;
	default:
		return -ENOTTY;
	}
}

static int rproc_cdev_release(struct inode *inode, struct file *filp)
{
	struct rproc *rproc = container_of(inode->i_cdev, struct rproc, cdev);
	bool put_on_release;
	unsigned int state;

	mutex_lock(&rproc->lock);
	put_on_release = to_rproc_core(rproc)->cdev_put_on_release;
	state = rproc->state;
	mutex_unlock(&rproc->lock);

	if (!put_on_release)
		return 0;

	/* Another user may have stopped it meanwhile: both calls refuse. */
	if (state == RPROC_RUNNING || state == RPROC_CRASHED ||
	    state == RPROC_SUSPENDED)
		rproc_user_stop(rproc);
	else if (state == RPROC_ATTACHED)
		rproc_detach(rproc);
	return 0;
}

static const struct file_operations rproc_fops = {
	.owner		= THIS_MODULE,
	.write		= rproc_cdev_write,
	.unlocked_ioctl	= rproc_cdev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.release	= rproc_cdev_release,
	.llseek		= noop_llseek,
};

/**
 * rproc_char_device_add() - add the class device and /dev/remoteprocN
 * @rproc: the remote processor, being registered
 *
 * Return: 0 or the error of cdev_device_add().
 */
int rproc_char_device_add(struct rproc *rproc)
{
	if (rproc->index >= RPROC_MAX_MINORS || !rproc_major) {
		dev_warn(&rproc->dev, "no minor left: no character device\n");
		return device_add(&rproc->dev);
	}

	cdev_init(&rproc->cdev, &rproc_fops);
	rproc->cdev.owner = THIS_MODULE;
	rproc->dev.devt = MKDEV(MAJOR(rproc_major), rproc->index);
	return cdev_device_add(&rproc->cdev, &rproc->dev);
}

/**
 * rproc_char_device_remove() - undo rproc_char_device_add()
 * @rproc: the remote processor
 */
void rproc_char_device_remove(struct rproc *rproc)
{
	if (rproc->dev.devt)
		cdev_device_del(&rproc->cdev, &rproc->dev);
	else
		device_del(&rproc->dev);
}

/**
 * rproc_init_cdev() - reserve the character device numbers
 */
void rproc_init_cdev(void)
{
	int ret;

	ret = alloc_chrdev_region(&rproc_major, 0, RPROC_MAX_MINORS,
				  "remoteproc");
	if (ret < 0) {
		pr_err("remoteproc: no character device numbers: %d\n", ret);
		rproc_major = 0;
	}
}
