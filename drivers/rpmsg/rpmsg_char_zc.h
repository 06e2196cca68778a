/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zero-copy buffer pools of the endpoint character devices: what
 * rpmsg_char.c calls into (rpmsg_char_zc.c), and the descriptor the
 * kernel and the remote exchange.
 */
#ifndef __RPMSG_CHAR_ZC_H__
#define __RPMSG_CHAR_ZC_H__

#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct device;
struct file;
struct rpmsg_device;
struct rpmsg_zc_pool;
struct vm_area_struct;

/*
 * The descriptor, 32 bytes, little-endian, as the payload of one rpmsg
 * message. Linux sends RPMSG_ZC_OP_GIVE from the pool's own endpoint to the
 * endpoint's destination; the remote answers RPMSG_ZC_OP_RETURN from that
 * destination to the pool's endpoint, with @da and @cookie as it got them.
 */
#define RPMSG_ZC_MAGIC		0x435a5052	/* "RPZC" in memory */
#define RPMSG_ZC_OP_GIVE	1
#define RPMSG_ZC_OP_RETURN	2

/**
 * struct rpmsg_zc_desc - a buffer handed over between Linux and the remote
 * @magic: %RPMSG_ZC_MAGIC
 * @op: %RPMSG_ZC_OP_GIVE or %RPMSG_ZC_OP_RETURN
 * @flags: 0
 * @da: device address of the buffer, as the remote reaches it
 * @size: bytes the buffer holds (the remote may write that many)
 * @len: bytes of data in it
 * @cookie: chosen by Linux for this hand-over, returned unchanged
 * @tag: the application's (give) or the remote's (return) value
 */
struct rpmsg_zc_desc {
	__le32 magic;
	__le16 op;
	__le16 flags;
	__le64 da;
	__le32 size;
	__le32 len;
	__le32 cookie;
	__le32 tag;
} __packed;

/**
 * struct rpmsg_zc - the zero-copy state of one endpoint device
 * @lock: serializes creation, release and revocation of pools; protects
 *	@pool (written under it, read locklessly by the file that owns it),
 *	@orphan and @gone. Taken with &rpmsg_eptdev.lock held, never the
 *	other way round; may be held while taking a process's mmap_lock, so
 *	nothing that holds an mmap_lock may take it.
 * @pool: the pool of the open file, or NULL
 * @orphan: the pool of a closed file whose buffers the remote still
 *	holds: kept, memory and endpoint, until the remote returns the last
 *	one or the device is destroyed
 * @gone: the endpoint device was destroyed; no new pool
 * @dev: the endpoint device, for log lines and for references held by
 *	@orphan_work
 * @rpdev: the channel the pools' endpoints are created on
 * @dst: the remote address descriptors go to
 * @orphan_work: frees @orphan once the remote returned everything
 */
struct rpmsg_zc {
	struct mutex lock;	/* pools' life cycle; see above */
	struct rpmsg_zc_pool *pool;
	struct rpmsg_zc_pool *orphan;
	bool gone;
	struct device *dev;
	struct rpmsg_device *rpdev;
	u32 dst;
	struct work_struct orphan_work;
};

#if IS_ENABLED(CONFIG_RPMSG_CHAR_ZC)
void rpmsg_zc_init(struct rpmsg_zc *zc, struct device *dev,
		   struct rpmsg_device *rpdev, u32 dst);
long rpmsg_zc_ioctl(struct rpmsg_zc *zc, struct file *filp, unsigned int cmd,
		    unsigned long arg);
int rpmsg_zc_mmap(struct rpmsg_zc *zc, struct file *filp,
		  struct vm_area_struct *vma);
__poll_t rpmsg_zc_poll(struct rpmsg_zc *zc, struct file *filp,
		       poll_table *wait);
void rpmsg_zc_release(struct rpmsg_zc *zc);
void rpmsg_zc_revoke(struct rpmsg_zc *zc);
#else
static inline void rpmsg_zc_init(struct rpmsg_zc *zc, struct device *dev,
				 struct rpmsg_device *rpdev, u32 dst)
{
}

static inline long rpmsg_zc_ioctl(struct rpmsg_zc *zc, struct file *filp,
				  unsigned int cmd, unsigned long arg)
{
	return -ENOTTY;
}

static inline int rpmsg_zc_mmap(struct rpmsg_zc *zc, struct file *filp,
				struct vm_area_struct *vma)
{
	return -ENODEV;
}

static inline __poll_t rpmsg_zc_poll(struct rpmsg_zc *zc, struct file *filp,
				     poll_table *wait)
{
	return 0;
}

static inline void rpmsg_zc_release(struct rpmsg_zc *zc)
{
}

static inline void rpmsg_zc_revoke(struct rpmsg_zc *zc)
{
}
#endif

#endif /* __RPMSG_CHAR_ZC_H__ */
