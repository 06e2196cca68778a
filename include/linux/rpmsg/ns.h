/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rpmsg name service: the remote announces and withdraws its services by
 * sending struct rpmsg_ns_msg to address %RPMSG_NS_ADDR.
 */
#ifndef _LINUX_RPMSG_NS_H
#define _LINUX_RPMSG_NS_H

#include <linux/build_bug.h>
#include <linux/mod_devicetable.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/byteorder.h>
#include <linux/types.h>

/* The fixed address both sides use for name-service messages */
#define RPMSG_NS_ADDR			(53)

/**
 * struct rpmsg_ns_msg - one name-service announcement (40 bytes on the wire)
 * @name: service name; a valid message has a NUL within these 32 bytes
 * @addr: the address the service listens on, on the announcing side
 * @flags: an &enum rpmsg_ns_flags value
 */
struct rpmsg_ns_msg {
	char name[RPMSG_NAME_SIZE];
	__rpmsg32 addr;
	__rpmsg32 flags;
} __packed;

static_assert(sizeof(struct rpmsg_ns_msg) == 40);

/**
 * enum rpmsg_ns_flags - what an announcement says
 * @RPMSG_NS_CREATE: the service now exists
 * @RPMSG_NS_DESTROY: the service is gone
 */
enum rpmsg_ns_flags {
	RPMSG_NS_CREATE		= 0,
	RPMSG_NS_DESTROY	= 1,
};

int rpmsg_ns_register_device(struct rpmsg_device *rpdev);

#endif /* _LINUX_RPMSG_NS_H */
