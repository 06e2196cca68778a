/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What rpmsg_ctrl needs from rpmsg_char: endpoint character devices made
 * on request, and the "rpmsg" device class both of them register in.
 */
#ifndef __RPMSG_CHAR_H__
#define __RPMSG_CHAR_H__

#include <linux/device.h>
#include <linux/fs.h>
#include <linux/rpmsg.h>

extern struct class *rpmsg_char_class;

int rpmsg_chrdev_eptdev_create(struct rpmsg_device *rpdev,
			       struct device *parent,
			       struct rpmsg_channel_info chinfo);
int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data);
struct file *rpmsg_chrdev_eptdev_new_file(struct rpmsg_device *rpdev,
					  struct device *parent,
					  struct rpmsg_channel_info chinfo,
					  unsigned int flags);
void rpmsg_chrdev_anon_destroy_all(struct device *parent);

#endif /* __RPMSG_CHAR_H__ */
