/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace interface of the rpmsg bus: endpoint and device control ioctls
 * of /dev/rpmsg_ctrlN and /dev/rpmsgN.
 */
#ifndef _UAPI_RPMSG_H_
#define _UAPI_RPMSG_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* "Any address": let the bus pick a free local address or no fixed peer */
#define RPMSG_ADDR_ANY		0xFFFFFFFF

/**
 * struct rpmsg_endpoint_info - what userspace passes to name an endpoint
 * @name: service name, NUL terminated within the 32 bytes
 * @src: local address, or %RPMSG_ADDR_ANY to have one allocated
 * @dst: remote address, or %RPMSG_ADDR_ANY when there is no default peer
 */
struct rpmsg_endpoint_info {
	char name[32];
	__u32 src;
	__u32 dst;
};

/* On /dev/rpmsg_ctrlN: create a /dev/rpmsgN endpoint device */
#define RPMSG_CREATE_EPT_IOCTL	_IOW(0xb5, 0x1, struct rpmsg_endpoint_info)

/* On /dev/rpmsgN: tear down the endpoint behind this file */
#define RPMSG_DESTROY_EPT_IOCTL	_IO(0xb5, 0x2)

/* On /dev/rpmsg_ctrlN: create a local rpmsg channel device */
#define RPMSG_CREATE_DEV_IOCTL	_IOW(0xb5, 0x3, struct rpmsg_endpoint_info)

/* On /dev/rpmsg_ctrlN: remove a channel created with RPMSG_CREATE_DEV_IOCTL */
#define RPMSG_RELEASE_DEV_IOCTL	_IOW(0xb5, 0x4, struct rpmsg_endpoint_info)

/* On /dev/rpmsgN: read whether the remote asked us to stop sending (int) */
#define RPMSG_GET_OUTGOING_FLOWCONTROL	_IOR(0xb5, 0x5, int)

/* On /dev/rpmsgN: ask the remote to stop (arg 1) or resume (arg 0) */
#define RPMSG_SET_INCOMING_FLOWCONTROL	_IOR(0xb5, 0x6, int)

/**
 * struct rpmsg_endpoint_fd_info - an endpoint handed out as a file
 * @name: service name, NUL terminated within the 32 bytes
 * @src: local address, or %RPMSG_ADDR_ANY to have one allocated
 * @dst: remote address, or %RPMSG_ADDR_ANY when there is no default peer
 * @flags: O_RDONLY, O_WRONLY or O_RDWR, optionally with O_NONBLOCK and
 *	O_CLOEXEC, for the new file
 * @fd: set by the kernel: the new file descriptor
 */
struct rpmsg_endpoint_fd_info {
	char name[32];
	__u32 src;
	__u32 dst;
	__u32 flags;
	__s32 fd;
};

/* On /dev/rpmsg_ctrlN: create an endpoint and return it as a new fd */
#define RPMSG_CREATE_EPT_FD_IOCTL \
	_IOWR(0xb5, 0x7, struct rpmsg_endpoint_fd_info)

#endif /* _UAPI_RPMSG_H_ */
