/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Userspace interface of the rpmsg bus: the ioctls of the control nodes
 * (/dev/rpmsg_ctrlN, one per transport instance) and of the endpoint nodes
 * (/dev/rpmsgN, one per endpoint). Numbers and layouts are those of
 * Linux 6.1 plus the three ioctls mainline added later, and this tree's
 * own: the MTU, and batches of messages in one call.
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

/*
 * Extensions of this tree, numbered from 0x40 so that numbers mainline
 * hands out in sequence after 0x7 cannot collide with them.
 */

/**
 * struct rpmsg_batch_msg - one message of a batch
 * @buf: user pointer to the payload (send) or to the buffer (receive)
 * @len: payload length (send), or buffer size (receive)
 * @done: set by the kernel for each message handled: the bytes sent, or
 *	the bytes received (a message longer than @len is cut short, as
 *	read() does)
 */
struct rpmsg_batch_msg {
	__u64 buf;
	__u32 len;
	__u32 done;
};

/**
 * struct rpmsg_batch - argument of RPMSG_SEND_BATCH_IOCTL and
 *	RPMSG_RECV_BATCH_IOCTL
 * @msgs: user pointer to an array of @count &struct rpmsg_batch_msg
 * @count: 1 to %RPMSG_BATCH_MAX
 * @flags: must be 0
 *
 * SEND_BATCH sends the messages in order, each as one write() would
 * (blocking for a free buffer unless the file is O_NONBLOCK). RECV_BATCH
 * waits, as read() does, for the first message only, then takes what is
 * queued, up to @count. Both return the number of messages handled, or,
 * when the first one fails, its error (-EAGAIN, -EINTR, -EMSGSIZE, -EPIPE,
 * -EFAULT, ...); a later failure ends the batch early. -EINVAL is for a
 * bad @count or @flags, -EBADF for a file not open for writing (send) or
 * reading (receive).
 */
struct rpmsg_batch {
	__u64 msgs;
	__u32 count;
	__u32 flags;
};

#define RPMSG_BATCH_MAX			64

/* RPMSG_GET_MTU_IOCTL stores the largest payload of one message */
#define RPMSG_GET_MTU_IOCTL		_IOR(0xb5, 0x40, __u32)
#define RPMSG_SEND_BATCH_IOCTL		_IOW(0xb5, 0x41, struct rpmsg_batch)
#define RPMSG_RECV_BATCH_IOCTL		_IOW(0xb5, 0x42, struct rpmsg_batch)

/*
 * Busy polling of an endpoint file, in microseconds (0, the default: off;
 * at most RPMSG_BUSY_POLL_MAX_US): a blocking read, receive batch or
 * poll() that finds no message first looks at the transport itself for
 * up to that long, as the network stack's SO_BUSY_POLL does, trading CPU
 * time for a shorter round trip. It stops early for a signal or when
 * another task needs the CPU.
 */
#define RPMSG_BUSY_POLL_MAX_US		10000
#define RPMSG_SET_BUSY_POLL_IOCTL	_IOW(0xb5, 0x43, __u32)
#define RPMSG_GET_BUSY_POLL_IOCTL	_IOR(0xb5, 0x44, __u32)

#endif /* _UAPI_RPMSG_H_ */
