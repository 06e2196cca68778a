/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Zero-copy buffers of an rpmsg endpoint node (/dev/rpmsgN).
 *
 * An application asks for a pool of buffers in memory the remote
 * processor can reach, maps it, fills a buffer and gives it to the remote:
 * the kernel sends the remote a small descriptor (device address, length,
 * a cookie and the application's tag) instead of the data. The remote works
 * on the buffer in place and gives it back with a descriptor of its own;
 * the application takes it back. Until then the buffer is the remote's and
 * cannot be given again. See Documentation/userspace-api/rpmsg.rst.
 *
 * The ioctls are numbered from 0x50 of the rpmsg magic 0xb5, away from
 * mainline's sequence and from this tree's other extensions (0x40).
 */
#ifndef _UAPI_RPMSG_ZC_H_
#define _UAPI_RPMSG_ZC_H_

#include <linux/ioctl.h>
#include <linux/types.h>

/* Limits of one pool; the memory the remote shares may allow less */
#define RPMSG_ZC_MAX_BUFS	256		/* buffers */
#define RPMSG_ZC_ALIGN		64		/* buffer sizes are multiples */
#define RPMSG_ZC_MAX_SIZE	(1U << 20)	/* bytes of one buffer */
#define RPMSG_ZC_MAX_POOL	(4U << 20)	/* bytes of all buffers */

/**
 * struct rpmsg_zc_pool_info - argument of RPMSG_ZC_POOL_CREATE_IOCTL
 * @count: number of buffers, 1 to %RPMSG_ZC_MAX_BUFS
 * @size: bytes of each buffer: a multiple of %RPMSG_ZC_ALIGN, at most
 *	%RPMSG_ZC_MAX_SIZE, and @count * @size at most %RPMSG_ZC_MAX_POOL
 * @flags: must be 0
 * @reserved: must be 0
 * @mmap_len: set by the kernel: the length to mmap() at offset 0; buffer
 *	i starts at i * @size
 */
struct rpmsg_zc_pool_info {
	__u32 count;
	__u32 size;
	__u32 flags;
	__u32 reserved;
	__u64 mmap_len;
};

/**
 * struct rpmsg_zc_buf - one buffer, for RPMSG_ZC_GIVE_IOCTL and
 *	RPMSG_ZC_TAKE_IOCTL
 * @index: the buffer, 0 to count - 1
 * @len: bytes of data in it, at most the buffer size: what the
 *	application gives, or what the remote says it left there
 * @tag: a value the kernel carries unchanged to the remote (give) or from
 *	it (take); its meaning is the application's and the firmware's
 * @flags: must be 0
 */
struct rpmsg_zc_buf {
	__u32 index;
	__u32 len;
	__u32 tag;
	__u32 flags;
};

/**
 * struct rpmsg_zc_stats - argument of RPMSG_ZC_STATS_IOCTL
 * @count: buffers in the pool
 * @size: bytes of each buffer
 * @app: buffers the application owns
 * @remote: buffers the remote owns (given, not returned yet)
 * @done: buffers the remote returned that wait for RPMSG_ZC_TAKE_IOCTL
 * @reserved: 0
 * @given: buffers given to the remote since the pool was created
 * @returned: buffers the remote returned
 * @refused: messages from the remote refused as returns: malformed, or
 *	naming a buffer, cookie or length the remote has no right to
 */
struct rpmsg_zc_stats {
	__u32 count;
	__u32 size;
	__u32 app;
	__u32 remote;
	__u32 done;
	__u32 reserved;
	__u64 given;
	__u64 returned;
	__u64 refused;
};

/*
 * POOL_CREATE makes the pool of the open file (one per file); mmap() it
 * with MAP_SHARED at offset 0. GIVE hands a buffer the application owns to
 * the remote; TAKE gets the oldest buffer the remote returned (poll()
 * reports EPOLLRDBAND while there is one). STATS tells where the buffers
 * are.
 */
#define RPMSG_ZC_POOL_CREATE_IOCTL \
	_IOWR(0xb5, 0x50, struct rpmsg_zc_pool_info)
#define RPMSG_ZC_GIVE_IOCTL	_IOW(0xb5, 0x51, struct rpmsg_zc_buf)
#define RPMSG_ZC_TAKE_IOCTL	_IOR(0xb5, 0x52, struct rpmsg_zc_buf)
#define RPMSG_ZC_STATS_IOCTL	_IOR(0xb5, 0x53, struct rpmsg_zc_stats)

#endif /* _UAPI_RPMSG_ZC_H_ */
