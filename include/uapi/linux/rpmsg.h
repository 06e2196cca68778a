/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace interface of the rpmsg bus: the ioctls of the control nodes
 * (/dev/rpmsg_ctrlN, one per transport instance) and of the endpoint nodes
 * (/dev/rpmsgN, one per endpoint). Numbers and layouts are those of
 * Linux 6.1 plus the three ioctls mainline added later.
 */
#ifndef _UAPI_RPMSG_H_
#define _UAPI_RPMSG_H_

#include <linux/types.h>
#include <linux/ioctl.h>

/**
 * struct rpmsg_endpoint_info - names an endpoint or a channel
 * @name: service name, NUL terminated within the 32 bytes
 * @src: local address, or %RPMSG_ADDR_ANY to have one allocated
 * @dst: remote address, or %RPMSG_ADDR_ANY when there is no default peer
 *
 * Argument of RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL and
 * RPMSG_RELEASE_DEV_IOCTL.
 */
struct rpmsg_endpoint_info {
	char name[32];
	__u32 src;
	__u32 dst;
};

/**
 * struct rpmsg_endpoint_fd_info - an endpoint handed out as a file
 * @name: service name, NUL terminated within the 32 bytes
 * @src: local address, or %RPMSG_ADDR_ANY to have one allocated
 * @dst: remote address, or %RPMSG_ADDR_ANY when there is no default peer
 * @flags: O_RDONLY, O_WRONLY or O_RDWR, optionally with O_NONBLOCK and
 *	O_CLOEXEC, for the new file
 * @fd: set by the kernel: the new file descriptor
 *
 * Argument of RPMSG_CREATE_EPT_FD_IOCTL.
 */
struct rpmsg_endpoint_fd_info {
	char name[32];
	__u32 src;
	__u32 dst;
	__u32 flags;
	__s32 fd;
};

/* "Any address": let the bus pick a free local address, or no fixed peer */
#define RPMSG_ADDR_ANY		0xFFFFFFFF

/*
 * Control node requests. CREATE_EPT adds a /dev/rpmsgN node whose endpoint
 * exists while the node is open; CREATE_EPT_FD creates the endpoint at once
 * and returns it as a new file, with no node; CREATE_DEV and RELEASE_DEV
 * add and remove a channel device on the transport.
 */
#define RPMSG_CREATE_EPT_IOCTL \
	_IOW(0xb5, 0x1, struct rpmsg_endpoint_info)
#define RPMSG_CREATE_DEV_IOCTL \
	_IOW(0xb5, 0x3, struct rpmsg_endpoint_info)
#define RPMSG_RELEASE_DEV_IOCTL \
	_IOW(0xb5, 0x4, struct rpmsg_endpoint_info)
#define RPMSG_CREATE_EPT_FD_IOCTL \
	_IOWR(0xb5, 0x7, struct rpmsg_endpoint_fd_info)

/*
 * Endpoint node requests. DESTROY_EPT removes the node behind the file;
 * GET_OUTGOING_FLOWCONTROL stores 1 in the int it points to when the remote
 * asked us to stop sending, else 0; SET_INCOMING_FLOWCONTROL takes 1
 * (ask the remote to stop) or 0 (resume) as its argument value.
 */
#define RPMSG_DESTROY_EPT_IOCTL		_IO(0xb5, 0x2)
#define RPMSG_GET_OUTGOING_FLOWCONTROL	_IOR(0xb5, 0x5, int)
#define RPMSG_SET_INCOMING_FLOWCONTROL	_IOR(0xb5, 0x6, int)

#endif /* _UAPI_RPMSG_H_ */
