// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_char_zc: zero-copy buffer pools of the endpoint character devices.
 *
 * A file open on /dev/rpmsgN may create one pool: @count buffers of @size
 * bytes in one coherent DMA allocation of the transport's DMA device, the
 * memory the transport's own buffers come from and the remote can reach.
 * The application maps it and hands buffers to the remote one at a time;
 * each hand-over is a 32-byte &struct rpmsg_zc_desc sent from an endpoint
 * the pool creates for itself, so that the remote's answers never mix with
 * the file's messages. Each buffer is in one of three states:
 *
 *   APP     the application's: it may write it and give it
 *   REMOTE  given; the remote may read and write it until it returns it
 *   DONE    returned, queued until the application takes it (then APP)
 *
 * Only a return that names a buffer in REMOTE state, by its exact device
 * address and the cookie of its last hand-over, from the address it was
 * sent to, moves it on; anything else from the remote is refused, counted
 * and logged (rate limited). A buffer is never given twice, and a stale or
 * repeated return cannot take a buffer from the application.
 *
 * Lifetime of the memory:
 *  - while the file is open, its mappings pin it (a mapping holds the
 *    file), so release never finds a mapping;
 *  - release of the file frees the pool at once when the remote holds
 *    none of its buffers; otherwise the pool becomes the device's orphan
 *    and keeps its memory and endpoint until the remote has returned the
 *    last buffer, so that memory the remote may still write is never
 *    handed to anyone else. Meanwhile no new pool can be made on the node;
 *  - when the endpoint device is destroyed (its channel or the remote
 *    goes away, the remote is stopped or crashes, or DESTROY_EPT), the
 *    pool is revoked: the application's mappings are zapped (further
 *    accesses raise SIGBUS), the endpoint destroyed and the memory freed,
 *    buffers the remote held included, and the ioctls fail with -EPIPE.
 *    This happens while the transport tears down, when it frees its own
 *    buffers too; the remote is stopped right after, and until it is
 *    booted again nothing else allocates from the memory it reaches.
 *
 * Revocation unmaps through the address space of the file's inode, which
 * only the one file open on the node has mappings in; anonymous endpoint
 * files (RPMSG_CREATE_EPT_FD_IOCTL) share one inode with every other
 * anonymous file of the system and get no pool (-EOPNOTSUPP).
 */

#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <uapi/linux/rpmsg_zc.h>

#include "rpmsg_internal.h"
#include "rpmsg_char_zc.h"

#define ZC_NONE		U32_MAX		/* end of the DONE queue */

enum zc_state {
	ZC_APP,
	ZC_REMOTE,
	ZC_DONE,
};

/**
 * struct rpmsg_zc_entry - one buffer of a pool
 * @state: &enum zc_state
 * @cookie: cookie of the last hand-over
 * @len: bytes of data the remote returned
 * @tag: the remote's tag of the last return
 * @next: next buffer of the DONE queue
 */
struct rpmsg_zc_entry {
	u8 state;
	u32 cookie;
	u32 len;
	u32 tag;
	u32 next;
};

/* A process that mapped the pool, for the barrier of zc_pool_kill() */
struct rpmsg_zc_mm {
	struct list_head node;
	struct mm_struct *mm;
};

/**
 * struct rpmsg_zc_pool - the buffers of one file
 * @zc: the endpoint device's zero-copy state
 * @dma_dev: the device the memory was allocated from; referenced
 * @ept: the pool's endpoint, which sends descriptors and receives returns;
 *	NULL once revoked
 * @mapping: address space of the file's inode, for revocation
 * @va: kernel address of the memory; NULL once revoked
 * @dma: device address of the memory, as the remote sees it
 * @map_len: bytes allocated and mappable
 * @count: number of buffers
 * @size: bytes of each buffer
 * @lock: protects the fields below it up to @wq, and the entries; taken
 *	in the endpoint callback, which may run in interrupt context
 * @dead: revoked: no hand-over in either direction any more
 * @orphan: the file is closed; free the pool once @nr_remote drops to 0
 * @senders: callers of RPMSG_ZC_GIVE_IOCTL using @ept right now
 * @last_cookie: the cookie last handed out
 * @nr_remote: buffers in REMOTE state
 * @nr_done: buffers in DONE state; read locklessly by poll
 * @done_head: oldest DONE buffer
 * @done_tail: newest DONE buffer
 * @given: hand-overs to the remote
 * @returned: returns accepted
 * @refused: messages from the remote refused
 * @wq: takers wait here for a returned buffer, revocation for @senders
 * @mmap_lock: protects @unmapped and @mms; never held while taking an
 *	mmap_lock, and taken under one by mmap()
 * @unmapped: revoked: no new mapping
 * @mms: every process that mapped the pool, referenced (mmgrab())
 * @bufs: the buffers
 */
struct rpmsg_zc_pool {
	struct rpmsg_zc *zc;
	struct device *dma_dev;
	struct rpmsg_endpoint *ept;
	struct address_space *mapping;
	void *va;
	dma_addr_t dma;
	size_t map_len;
	u32 count;
	u32 size;

	spinlock_t lock;	/* states, queue, counters; see above */
	bool dead;
	bool orphan;
	unsigned int senders;
	u32 last_cookie;
	u32 nr_remote;
	u32 nr_done;
	u32 done_head;
	u32 done_tail;
	u64 given;
	u64 returned;
	u64 refused;
	wait_queue_head_t wq;

	struct mutex mmap_lock;	/* @unmapped, @mms */
	bool unmapped;
	struct list_head mms;

	struct rpmsg_zc_entry bufs[];
};

/* The pool of the calling file; the file keeps it alive */
static struct rpmsg_zc_pool *zc_file_pool(struct rpmsg_zc *zc)
{
	/* Pairs with the release in zc_pool_create() */
	return smp_load_acquire(&zc->pool);
}

static void zc_done_push(struct rpmsg_zc_pool *pool, u32 idx)
{
	lockdep_assert_held(&pool->lock);

	pool->bufs[idx].state = ZC_DONE;
	pool->bufs[idx].next = ZC_NONE;
	if (pool->nr_done)
		pool->bufs[pool->done_tail].next = idx;
	else
		pool->done_head = idx;
	pool->done_tail = idx;
	WRITE_ONCE(pool->nr_done, pool->nr_done + 1);
}

/* Put back a buffer a taker could not report, as the oldest one */
static void zc_done_unpop(struct rpmsg_zc_pool *pool, u32 idx)
{
	lockdep_assert_held(&pool->lock);

	pool->bufs[idx].state = ZC_DONE;
	pool->bufs[idx].next = pool->nr_done ? pool->done_head : ZC_NONE;
	if (!pool->nr_done)
		pool->done_tail = idx;
	pool->done_head = idx;
	WRITE_ONCE(pool->nr_done, pool->nr_done + 1);
}

/* The oldest DONE buffer, now the application's; ZC_NONE if there is none */
static u32 zc_done_pop(struct rpmsg_zc_pool *pool)
{
	u32 idx;

	lockdep_assert_held(&pool->lock);

	if (!pool->nr_done)
		return ZC_NONE;
	idx = pool->done_head;
	pool->done_head = pool->bufs[idx].next;
	pool->bufs[idx].state = ZC_APP;
	WRITE_ONCE(pool->nr_done, pool->nr_done - 1);
	return idx;
}

/*
 * Why the return @d from @src cannot be accepted, or NULL and the buffer
 * in *@idx. Every field is read from the caller's private copy.
 */
static const char *zc_check_return(struct rpmsg_zc_pool *pool,
				   const struct rpmsg_zc_desc *d, u32 src,
				   u32 *idx)
{
	u64 da = le64_to_cpu(d->da);
	struct rpmsg_zc_entry *e;
	u32 off;

	lockdep_assert_held(&pool->lock);

	if (le32_to_cpu(d->magic) != RPMSG_ZC_MAGIC ||
	    le16_to_cpu(d->op) != RPMSG_ZC_OP_RETURN || d->flags)
		return "not a return descriptor";
	if (src != pool->zc->dst)
		return "not from the address the buffers went to";
	if (da < pool->dma || da - pool->dma >= (u64)pool->count * pool->size)
		return "address outside the pool";
	/* Below count * size, so below 4 GiB */
	off = da - pool->dma;
	if (off % pool->size)
		return "address inside a buffer";
	e = &pool->bufs[off / pool->size];
	if (e->state != ZC_REMOTE)
		return "buffer the remote does not hold";
	if (le32_to_cpu(d->cookie) != e->cookie)
		return "stale cookie";
	if (le32_to_cpu(d->len) > pool->size)
		return "length over the buffer size";
	*idx = off / pool->size;
	return NULL;
}

static void zc_orphan_kick(struct rpmsg_zc *zc)
{
	/* The work's reference; a queued work holds one already */
	get_device(zc->dev);
	if (!schedule_work(&zc->orphan_work))
		put_device(zc->dev);
}

/* Endpoint callback: a return from the remote, or something to refuse */
static int zc_rx_cb(struct rpmsg_device *rpdev, void *data, int len,
		    void *priv, u32 src)
{
	struct rpmsg_zc_pool *pool = priv;
	struct rpmsg_zc_desc d = {};
	struct rpmsg_zc_entry *e;
	unsigned long flags;
	const char *why;
	bool drained;
	u32 idx;

	/* One copy: the remote may change its buffer while we look */
	if (len == sizeof(d))
		memcpy(&d, data, sizeof(d));

	spin_lock_irqsave(&pool->lock, flags);
	if (pool->dead) {
		spin_unlock_irqrestore(&pool->lock, flags);
		return 0;
	}
	why = len == sizeof(d) ? zc_check_return(pool, &d, src, &idx) :
				 "not a descriptor";
	if (why) {
		pool->refused++;
		spin_unlock_irqrestore(&pool->lock, flags);
		dev_warn_ratelimited(pool->zc->dev,
				     "zero-copy: refused %d bytes from 0x%x: %s (da %#llx cookie %#x len %u)\n",
				     len, src, why, le64_to_cpu(d.da),
				     le32_to_cpu(d.cookie), le32_to_cpu(d.len));
		return -EINVAL;
	}

	e = &pool->bufs[idx];
	e->len = le32_to_cpu(d.len);
	e->tag = le32_to_cpu(d.tag);
	zc_done_push(pool, idx);
	pool->nr_remote--;
	pool->returned++;
	drained = pool->orphan && !pool->nr_remote;
	spin_unlock_irqrestore(&pool->lock, flags);

	wake_up_all(&pool->wq);
	if (drained)
		zc_orphan_kick(pool->zc);
	return 0;
}

static bool zc_bad_geometry(const struct rpmsg_zc_pool_info *info)
{
	return !info->count || info->count > RPMSG_ZC_MAX_BUFS ||
	       !info->size || info->size % RPMSG_ZC_ALIGN ||
	       info->size > RPMSG_ZC_MAX_SIZE ||
	       (u64)info->count * info->size > RPMSG_ZC_MAX_POOL ||
	       info->flags || info->reserved;
}

static struct device *zc_dma_device(struct rpmsg_device *rpdev)
{
	if (!rpdev->ops || !rpdev->ops->dma_device)
		return NULL;
	return rpdev->ops->dma_device(rpdev);
}

/* A new pool with its memory and endpoint; the caller publishes it */
static struct rpmsg_zc_pool *zc_pool_alloc(struct rpmsg_zc *zc,
					   const struct rpmsg_zc_pool_info *info,
					   struct address_space *mapping)
{
	struct rpmsg_channel_info chinfo = {
		.name = "rpmsg-zc",
		.src = RPMSG_ADDR_ANY,
		.dst = RPMSG_ADDR_ANY,
	};
	struct rpmsg_zc_pool *pool;
	struct device *dma_dev;
	int ret = -ENOMEM;

	lockdep_assert_held(&zc->lock);

	dma_dev = zc_dma_device(zc->rpdev);
	if (!dma_dev) {
		dev_dbg_ratelimited(zc->dev, "zero-copy: the transport has no DMA device\n");
		return ERR_PTR(-EOPNOTSUPP);
	}

	pool = kzalloc(struct_size(pool, bufs, info->count), GFP_KERNEL);
	if (!pool)
		return ERR_PTR(-ENOMEM);
	pool->zc = zc;
	pool->dma_dev = get_device(dma_dev);
	pool->mapping = mapping;
	pool->count = info->count;
	pool->size = info->size;
	pool->map_len = PAGE_ALIGN((size_t)info->count * info->size);
	spin_lock_init(&pool->lock);
	init_waitqueue_head(&pool->wq);
	mutex_init(&pool->mmap_lock);
	INIT_LIST_HEAD(&pool->mms);

	pool->va = dma_alloc_coherent(dma_dev, pool->map_len, &pool->dma,
				      GFP_KERNEL);
	/* The shared region may simply be too small: -ENOMEM tells */
	if (!pool->va)
		goto err_free;

	/* The callback may run as soon as this returns: @pool is complete */
	pool->ept = rpmsg_create_ept(zc->rpdev, zc_rx_cb, pool, chinfo);
	if (!pool->ept) {
		dev_dbg_ratelimited(zc->dev, "zero-copy: no endpoint for the pool\n");
		goto err_free;
	}
	rpmsg_set_rx_atomic(pool->ept, true);
	return pool;

err_free:
	if (pool->va)
		dma_free_coherent(dma_dev, pool->map_len, pool->va, pool->dma);
	put_device(dma_dev);
	mutex_destroy(&pool->mmap_lock);
	kfree(pool);
	return ERR_PTR(ret);
}

/* Free a pool nobody can reach any more; it has no mapping left */
static void zc_pool_free(struct rpmsg_zc_pool *pool)
{
	struct rpmsg_zc_mm *m, *tmp;

	/* Waits for a callback still running */
	if (pool->ept)
		rpmsg_destroy_ept(pool->ept);
	if (pool->va)
		dma_free_coherent(pool->dma_dev, pool->map_len, pool->va,
				  pool->dma);
	list_for_each_entry_safe(m, tmp, &pool->mms, node) {
		mmdrop(m->mm);
		kfree(m);
	}
	put_device(pool->dma_dev);
	mutex_destroy(&pool->mmap_lock);
	kfree(pool);
}

static bool zc_no_senders(struct rpmsg_zc_pool *pool)
{
	bool none;

	spin_lock_irq(&pool->lock);
	none = !pool->senders;
	spin_unlock_irq(&pool->lock);
	return none;
}

/*
 * Revoke the pool of the open file: stop both directions, destroy the
 * endpoint, zap every mapping and free the memory. The structure stays
 * for the file, whose ioctls now fail with -EPIPE.
 *
 * A mapping is added to @pool->mapping only after mmap() returned, under
 * the process's mmap_lock. Taking that lock once for every process that
 * mapped the pool waits for such an mmap() to finish, so that
 * unmap_mapping_range() sees its mapping; later ones fail (@unmapped).
 */
static void zc_pool_kill(struct rpmsg_zc_pool *pool)
{
	struct rpmsg_zc_mm *m, *tmp;
	LIST_HEAD(mms);

	lockdep_assert_held(&pool->zc->lock);

	spin_lock_irq(&pool->lock);
	pool->dead = true;
	spin_unlock_irq(&pool->lock);
	wake_up_all(&pool->wq);
	wait_event(pool->wq, zc_no_senders(pool));
	rpmsg_destroy_ept(pool->ept);
	pool->ept = NULL;

	mutex_lock(&pool->mmap_lock);
	pool->unmapped = true;
	list_splice_init(&pool->mms, &mms);
	mutex_unlock(&pool->mmap_lock);

	list_for_each_entry_safe(m, tmp, &mms, node) {
		mmap_read_lock(m->mm);
		mmap_read_unlock(m->mm);
		mmdrop(m->mm);
		kfree(m);
	}
	unmap_mapping_range(pool->mapping, 0, pool->map_len, 1);

	dma_free_coherent(pool->dma_dev, pool->map_len, pool->va, pool->dma);
	pool->va = NULL;
}

static long zc_pool_create(struct rpmsg_zc *zc, struct file *filp,
			   struct rpmsg_zc_pool_info __user *argp)
{
	struct rpmsg_zc_pool_info info;
	struct rpmsg_zc_pool *pool = NULL;
	long ret = 0;

	if ((filp->f_mode & (FMODE_READ | FMODE_WRITE)) !=
	    (FMODE_READ | FMODE_WRITE))
		return -EBADF;
	/* See the top of this file */
	if (!S_ISCHR(file_inode(filp)->i_mode))
		return -EOPNOTSUPP;
	if (copy_from_user(&info, argp, sizeof(info)))
		return -EFAULT;
	if (zc_bad_geometry(&info)) {
		dev_dbg_ratelimited(zc->dev,
				    "zero-copy: bad pool of %u x %u bytes, flags 0x%x\n",
				    info.count, info.size, info.flags);
		return -EINVAL;
	}
	if (zc->dst == RPMSG_ADDR_ANY)
		return -EDESTADDRREQ;

	mutex_lock(&zc->lock);
	if (zc->gone)
		ret = -EPIPE;
	else if (zc->pool)
		ret = -EEXIST;
	else if (zc->orphan)
		ret = -EBUSY;
	if (!ret) {
		pool = zc_pool_alloc(zc, &info, filp->f_mapping);
		ret = PTR_ERR_OR_ZERO(pool);
	}
	if (!ret) {
		/* Pairs with zc_file_pool(): whoever sees the pool sees it whole */
		smp_store_release(&zc->pool, pool);
	}
	mutex_unlock(&zc->lock);
	if (ret)
		return ret;

	/* The pool stays with the file even if this cannot be told */
	info.mmap_len = pool->map_len;
	return copy_to_user(argp, &info, sizeof(info)) ? -EFAULT : 0;
}

static long zc_give(struct rpmsg_zc *zc, struct file *filp,
		    struct rpmsg_zc_buf __user *argp)
{
	struct rpmsg_zc_pool *pool = zc_file_pool(zc);
	bool nonblock = filp->f_flags & O_NONBLOCK;
	struct rpmsg_zc_entry *e;
	struct rpmsg_zc_desc d;
	struct rpmsg_zc_buf b;
	u32 cookie = 0;
	bool wake;
	int ret = 0;

	if (!pool)
		return -ENXIO;
	if (!(filp->f_mode & FMODE_WRITE))
		return -EBADF;
	if (copy_from_user(&b, argp, sizeof(b)))
		return -EFAULT;
	if (b.index >= pool->count || b.len > pool->size || b.flags) {
		dev_dbg_ratelimited(zc->dev, "zero-copy: bad give of buffer %u, %u bytes, flags 0x%x\n",
				    b.index, b.len, b.flags);
		return -EINVAL;
	}

	e = &pool->bufs[b.index];
	spin_lock_irq(&pool->lock);
	if (pool->dead) {
		ret = -EPIPE;
	} else if (e->state != ZC_APP) {
		ret = -EBUSY;
	} else {
		/* 0 is never a cookie */
		if (!++pool->last_cookie)
			pool->last_cookie = 1;
		cookie = pool->last_cookie;
		e->state = ZC_REMOTE;
		e->cookie = cookie;
		pool->nr_remote++;
		pool->senders++;
	}
	spin_unlock_irq(&pool->lock);
	if (ret)
		return ret;

	d = (struct rpmsg_zc_desc) {
		.magic = cpu_to_le32(RPMSG_ZC_MAGIC),
		.op = cpu_to_le16(RPMSG_ZC_OP_GIVE),
		.da = cpu_to_le64(pool->dma + (u64)b.index * pool->size),
		.size = cpu_to_le32(pool->size),
		.len = cpu_to_le32(b.len),
		.cookie = cpu_to_le32(cookie),
		.tag = cpu_to_le32(b.tag),
	};
	if (nonblock)
		ret = rpmsg_trysendto(pool->ept, &d, sizeof(d), zc->dst);
	else
		ret = rpmsg_sendto(pool->ept, &d, sizeof(d), zc->dst);

	spin_lock_irq(&pool->lock);
	if (!ret) {
		pool->given++;
	} else if (e->state == ZC_REMOTE && e->cookie == cookie) {
		/* The remote never heard of it */
		e->state = ZC_APP;
		pool->nr_remote--;
	}
	wake = !--pool->senders && pool->dead;
	spin_unlock_irq(&pool->lock);
	if (wake)
		wake_up_all(&pool->wq);

	if (ret == -ENOMEM && nonblock)
		return -EAGAIN;
	if (ret == -ENODEV)
		return -EPIPE;
	return ret;
}

static bool zc_takeable(struct rpmsg_zc_pool *pool)
{
	return READ_ONCE(pool->nr_done) || READ_ONCE(pool->dead);
}

static long zc_take(struct rpmsg_zc *zc, struct file *filp,
		    struct rpmsg_zc_buf __user *argp)
{
	struct rpmsg_zc_pool *pool = zc_file_pool(zc);
	struct rpmsg_zc_entry *e = NULL;
	struct rpmsg_zc_buf b = {};
	u32 idx = ZC_NONE, cookie = 0;
	int ret = 0;

	if (!pool)
		return -ENXIO;
	if (!(filp->f_mode & FMODE_READ))
		return -EBADF;

	for (;;) {
		spin_lock_irq(&pool->lock);
		if (pool->dead)
			ret = -EPIPE;
		else
			idx = zc_done_pop(pool);
		if (idx != ZC_NONE) {
			e = &pool->bufs[idx];
			b.index = idx;
			b.len = e->len;
			b.tag = e->tag;
			cookie = e->cookie;
		}
		spin_unlock_irq(&pool->lock);
		if (ret || idx != ZC_NONE)
			break;
		if (filp->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(pool->wq, zc_takeable(pool)))
			return -ERESTARTSYS;
	}
	if (ret)
		return ret;

	if (copy_to_user(argp, &b, sizeof(b))) {
		/* Unless another thread has given it again meanwhile */
		spin_lock_irq(&pool->lock);
		if (e->state == ZC_APP && e->cookie == cookie)
			zc_done_unpop(pool, idx);
		spin_unlock_irq(&pool->lock);
		return -EFAULT;
	}
	return 0;
}

static long zc_stats(struct rpmsg_zc *zc, struct rpmsg_zc_stats __user *argp)
{
	struct rpmsg_zc_pool *pool = zc_file_pool(zc);
	struct rpmsg_zc_stats st = {};

	if (!pool)
		return -ENXIO;

	spin_lock_irq(&pool->lock);
	st.count = pool->count;
	st.size = pool->size;
	st.remote = pool->nr_remote;
	st.done = pool->nr_done;
	st.app = pool->count - pool->nr_remote - pool->nr_done;
	st.given = pool->given;
	st.returned = pool->returned;
	st.refused = pool->refused;
	spin_unlock_irq(&pool->lock);

	return copy_to_user(argp, &st, sizeof(st)) ? -EFAULT : 0;
}

/**
 * rpmsg_zc_ioctl() - the zero-copy ioctls of an endpoint file
 * @zc: the endpoint device's zero-copy state
 * @filp: the file, open on the device's node
 * @cmd: the ioctl
 * @arg: its argument, a user pointer
 *
 * Context: process context; may sleep.
 * Return: 0, a negative errno (see Documentation/userspace-api/rpmsg.rst),
 * or -ENOTTY for an ioctl that is not one of these.
 */
long rpmsg_zc_ioctl(struct rpmsg_zc *zc, struct file *filp, unsigned int cmd,
		    unsigned long arg)
{
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case RPMSG_ZC_POOL_CREATE_IOCTL:
		return zc_pool_create(zc, filp, argp);
	case RPMSG_ZC_GIVE_IOCTL:
		return zc_give(zc, filp, argp);
	case RPMSG_ZC_TAKE_IOCTL:
		return zc_take(zc, filp, argp);
	case RPMSG_ZC_STATS_IOCTL:
		return zc_stats(zc, argp);
	default:
		return -ENOTTY;
	}
}
EXPORT_SYMBOL_GPL(rpmsg_zc_ioctl);

/* Remember @mm for the barrier of zc_pool_kill(), once */
static int zc_note_mm(struct rpmsg_zc_pool *pool, struct mm_struct *mm)
{
	struct rpmsg_zc_mm *m;

	lockdep_assert_held(&pool->mmap_lock);

	list_for_each_entry(m, &pool->mms, node)
		if (m->mm == mm)
			return 0;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	mmgrab(mm);
	m->mm = mm;
	list_add(&m->node, &pool->mms);
	return 0;
}

/**
 * rpmsg_zc_mmap() - map the pool of an endpoint file
 * @zc: the endpoint device's zero-copy state
 * @filp: the file, which created the pool
 * @vma: a shared mapping at offset 0, no longer than the pool
 *
 * The mapping is not copied on fork() and cannot grow.
 *
 * Context: process context, the process's mmap_lock held for writing.
 * Return: 0, -ENXIO without a pool, -EINVAL for a private, offset or too
 * long mapping, -EPIPE once the pool was revoked, or the DMA API's error.
 */
int rpmsg_zc_mmap(struct rpmsg_zc *zc, struct file *filp,
		  struct vm_area_struct *vma)
{
	struct rpmsg_zc_pool *pool = zc_file_pool(zc);
	unsigned long len = vma->vm_end - vma->vm_start;
	int ret;

	if (!pool)
		return -ENXIO;
	if (!(vma->vm_flags & VM_SHARED) || vma->vm_pgoff ||
	    len > pool->map_len) {
		dev_dbg_ratelimited(zc->dev, "zero-copy: bad mapping of %lu bytes at page %lu\n",
				    len, vma->vm_pgoff);
		return -EINVAL;
	}

	mutex_lock(&pool->mmap_lock);
	ret = pool->unmapped ? -EPIPE : zc_note_mm(pool, vma->vm_mm);
	if (!ret) {
		vma->vm_flags |= VM_DONTCOPY | VM_DONTEXPAND | VM_DONTDUMP;
		ret = dma_mmap_coherent(pool->dma_dev, vma, pool->va, pool->dma,
					pool->map_len);
	}
	mutex_unlock(&pool->mmap_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(rpmsg_zc_mmap);

/**
 * rpmsg_zc_poll() - zero-copy events of an endpoint file
 * @zc: the endpoint device's zero-copy state
 * @filp: the file
 * @wait: poll table
 *
 * Return: %EPOLLRDBAND while a returned buffer waits to be taken.
 */
__poll_t rpmsg_zc_poll(struct rpmsg_zc *zc, struct file *filp,
		       poll_table *wait)
{
	struct rpmsg_zc_pool *pool = zc_file_pool(zc);

	if (!pool)
		return 0;
	poll_wait(filp, &pool->wq, wait);
	return READ_ONCE(pool->nr_done) ? EPOLLRDBAND : 0;
}
EXPORT_SYMBOL_GPL(rpmsg_zc_poll);

static bool zc_remote_holds(struct rpmsg_zc_pool *pool)
{
	bool holds;

	spin_lock_irq(&pool->lock);
	holds = !pool->dead && pool->nr_remote;
	pool->orphan = holds;
	spin_unlock_irq(&pool->lock);
	return holds;
}

/**
 * rpmsg_zc_release() - the file that owns the pool is released
 * @zc: the endpoint device's zero-copy state
 *
 * The file has no mapping left. Its pool is freed, or kept as the
 * device's orphan while the remote holds buffers of it.
 *
 * Context: process context; may sleep.
 */
void rpmsg_zc_release(struct rpmsg_zc *zc)
{
	struct rpmsg_zc_pool *pool;
	bool keep = false;

	mutex_lock(&zc->lock);
	pool = zc->pool;
	if (pool) {
		WRITE_ONCE(zc->pool, NULL);
		keep = zc_remote_holds(pool);
		if (keep)
			zc->orphan = pool;
	}
	mutex_unlock(&zc->lock);

	if (keep)
		dev_dbg(zc->dev, "zero-copy: pool kept until the remote returns its buffers\n");
	else if (pool)
		zc_pool_free(pool);
}
EXPORT_SYMBOL_GPL(rpmsg_zc_release);

/* Free the orphan once the remote returned its last buffer */
static void zc_orphan_work(struct work_struct *work)
{
	struct rpmsg_zc *zc = container_of(work, struct rpmsg_zc, orphan_work);
	struct rpmsg_zc_pool *pool;

	mutex_lock(&zc->lock);
	pool = zc->orphan;
	if (pool && !zc_remote_holds(pool))
		zc->orphan = NULL;
	else
		pool = NULL;
	mutex_unlock(&zc->lock);

	if (pool)
		zc_pool_free(pool);
	put_device(zc->dev);
}

/**
 * rpmsg_zc_revoke() - the endpoint device is being destroyed
 * @zc: its zero-copy state
 *
 * Revokes the pool of the open file, if any (see zc_pool_kill()), and
 * frees the orphan. No pool can be created afterwards.
 *
 * Context: process context; may sleep. The caller must not hold the
 * mmap_lock of any process.
 */
void rpmsg_zc_revoke(struct rpmsg_zc *zc)
{
	struct rpmsg_zc_pool *orphan;

	mutex_lock(&zc->lock);
	if (zc->gone) {
		mutex_unlock(&zc->lock);
		return;
	}
	zc->gone = true;
	orphan = zc->orphan;
	zc->orphan = NULL;
	if (zc->pool)
		zc_pool_kill(zc->pool);
	mutex_unlock(&zc->lock);

	if (orphan)
		zc_pool_free(orphan);
	/* Nothing queues the work any more; drop the reference of a queued one */
	if (cancel_work_sync(&zc->orphan_work))
		put_device(zc->dev);
}
EXPORT_SYMBOL_GPL(rpmsg_zc_revoke);

/**
 * rpmsg_zc_init() - set up the zero-copy state of a new endpoint device
 * @zc: the state, inside the endpoint device
 * @dev: the endpoint device
 * @rpdev: the channel its endpoint lives on
 * @dst: the remote address the endpoint sends to; %RPMSG_ADDR_ANY means
 *	no pool can be made
 */
void rpmsg_zc_init(struct rpmsg_zc *zc, struct device *dev,
		   struct rpmsg_device *rpdev, u32 dst)
{
	mutex_init(&zc->lock);
	INIT_WORK(&zc->orphan_work, zc_orphan_work);
	zc->dev = dev;
	zc->rpdev = rpdev;
	zc->dst = dst;
}
EXPORT_SYMBOL_GPL(rpmsg_zc_init);

MODULE_DESCRIPTION("zero-copy buffer pools of rpmsg endpoint devices");
MODULE_LICENSE("GPL");
