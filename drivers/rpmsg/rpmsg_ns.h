/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg name service: the message parser, shared with its KUnit suite.
 */
#ifndef __RPMSG_NS_PRIV_H__
#define __RPMSG_NS_PRIV_H__

#include <linux/rpmsg.h>

int rpmsg_ns_parse(struct rpmsg_device *rpdev, const void *data, int len,
		   struct rpmsg_channel_info *chinfo, u32 *flags);

#endif /* __RPMSG_NS_PRIV_H__ */
