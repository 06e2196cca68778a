// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor simulator: remotes that are Linux processes, through UIO
 *
 * An instance whose runner is "uio" launches nothing when it is started.
 * Its core is an ordinary process - the remote side of rpmsg in Linux
 * userspace, as a libmetal application on a second Linux system would be -
 * that attaches through a standard UIO device, /dev/uioN, registered while
 * the core is on:
 *
 *   maps        one per region, in configuration order, named after the
 *               region; the region's physical address is also its device
 *               address (configfs insists on that for UIO instances), so
 *               every address the remote finds in the resource table or
 *               in a vring is the one its map shows in sysfs
 *   interrupts  every kick from Linux is an event: read() or poll() on the
 *               device; which virtqueue is not said, the remote scans its
 *               rings as it would on a shared mailbox line
 *   doorbell    write() of a 32-bit value (the UIO irqcontrol hook):
 *               RSIM_UIO_KICK | notify id interrupts Linux, RSIM_UIO_HEARTBEAT
 *               feeds the watchdog, RSIM_UIO_IRQ_MASK / RSIM_UIO_IRQ_UNMASK
 *               mask and unmask Linux's kicks as UIO's 0 and 1 do
 *
 * The remote's heartbeat is watched from its first open of the device on.
 * The last close of the device while the core is on is a crash, so a
 * remote that exits, faults or is killed is recovered like a runner.
 *
 * Stopping the core unregisters the device - a remote blocked in read()
 * or poll() gets -EIO and the device refuses everything after - and then
 * revokes every mapping the remote made (UIO itself leaves them in place),
 * so no process can reach the memory once the remoteproc core reuses it.
 */

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/rcupdate.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/uio_driver.h>

#include "remoteproc_sim.h"

/* rsim_uio.flags */
#define RSIM_UIO_LIVE		0
#define RSIM_UIO_MASKED		1
#define RSIM_UIO_DEFERRED	2

static struct rsim *rsim_uio_to_rsim(struct uio_info *info)
{
	return container_of(info, struct rsim, uio.info);
}

/*
 * Remember who maps memory through which device node, so that stop can
 * revoke the mappings: the node's inode to zap them, the process's mm to
 * wait for an mmap() in flight, which links its vma only after this
 * driver's callback returned.  Refused once the core is stopping.
 */
static int rsim_uio_track(struct rsim *rsim, struct vm_area_struct *vma)
{
	struct inode *inode = file_inode(vma->vm_file);
	struct rsim_uio_mapper *m;
	int ret = -EBUSY;
	unsigned int i;

	spin_lock(&rsim->lock);
	if (rsim->state != RSIM_CORE_RUNNING) {
		ret = -ESHUTDOWN;
		goto out;
	}
	for (i = 0; i < RSIM_UIO_MAPPERS; i++) {
		m = &rsim->uio.mappers[i];
		if (m->inode == inode && m->mm == vma->vm_mm) {
			ret = 0;
			break;
		}
		if (!m->inode) {
			ihold(inode);
			mmgrab(vma->vm_mm);
			m->inode = inode;
			m->mm = vma->vm_mm;
			ret = 0;
			break;
		}
	}
out:
	spin_unlock(&rsim->lock);
	if (ret == -EBUSY)
		dev_warn_ratelimited(rsim->dev,
				     "%s: more than %u processes or device nodes map the remote's memory\n",
				     current->comm, RSIM_UIO_MAPPERS);
	return ret;
}

/*
 * Take every mapping of the remote's memory away; the core is stopping
 * and the device is unregistered, so no new one can come.
 */
static void rsim_uio_revoke(struct rsim *rsim)
{
	struct rsim_uio_mapper mappers[RSIM_UIO_MAPPERS];
	unsigned int i;

	spin_lock(&rsim->lock);
	memcpy(mappers, rsim->uio.mappers, sizeof(mappers));
	memset(rsim->uio.mappers, 0, sizeof(rsim->uio.mappers));
	spin_unlock(&rsim->lock);

	for (i = 0; i < RSIM_UIO_MAPPERS && mappers[i].inode; i++) {
		/* An mmap() that got its memory links its vma under this lock. */
		mmap_read_lock(mappers[i].mm);
		mmap_read_unlock(mappers[i].mm);
		unmap_mapping_range(mappers[i].inode->i_mapping, 0, 0, 1);
		iput(mappers[i].inode);
		mmdrop(mappers[i].mm);
	}
}

/*
 * UIO calls this under its info lock, which unregistering also takes: the
 * device is registered, so the core is on.  A map is mapped whole, from
 * its start (UIO's offset is the map number).
 */
static int rsim_uio_mmap(struct uio_info *info, struct vm_area_struct *vma)
{
	struct rsim *rsim = rsim_uio_to_rsim(info);
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long mi = vma->vm_pgoff;
	int ret;

	if (mi >= rsim->nr_regions || len != rsim->regions[mi].cfg.size ||
	    !(vma->vm_flags & VM_SHARED)) {
		dev_warn_ratelimited(rsim->dev,
				     "%s: UIO maps are mapped whole and shared: map %lu, %#lx bytes\n",
				     current->comm, mi, len);
		return -EINVAL;
	}

	ret = rsim_uio_track(rsim, vma);
	if (ret)
		return ret;
	return rsim_map_region(vma, &rsim->regions[mi], 0);
}

static int rsim_uio_open(struct uio_info *info, struct inode *inode)
{
	struct rsim *rsim = rsim_uio_to_rsim(info);

	spin_lock(&rsim->lock);
	rsim->uio.users++;
	if (!rsim->uio.attached && rsim->state == RSIM_CORE_RUNNING) {
		/* The remote is here: from now on it must show it is alive. */
		rsim->uio.attached = true;
		rsim_watchdog_kick(rsim);
	}
	spin_unlock(&rsim->lock);
	return 0;
}

/* How the closing process ends, if it is exiting: for the crash report. */
static void rsim_uio_log_exit(struct rsim *rsim)
{
	int status = current->exit_code;

	if (!(current->flags & PF_EXITING))
		dev_err(rsim->dev, "UIO remote closed the device while running\n");
	else if (status & 0x7f)
		dev_err(rsim->dev, "UIO remote %s[%d] killed by signal %d\n",
			current->comm, task_tgid_nr(current), status & 0x7f);
	else
		dev_err(rsim->dev, "UIO remote %s[%d] exited with code %d\n",
			current->comm, task_tgid_nr(current), (status >> 8) & 0xff);
}

static int rsim_uio_release(struct uio_info *info, struct inode *inode)
{
	struct rsim *rsim = rsim_uio_to_rsim(info);
	bool report = false;

	spin_lock(&rsim->lock);
	if (!WARN_ON_ONCE(!rsim->uio.users))
		rsim->uio.users--;
	if (!rsim->uio.users && rsim->uio.attached &&
	    rsim->state == RSIM_CORE_RUNNING && !rsim->crash_reported) {
		rsim->crash_reported = true;
		report = true;
	}
	spin_unlock(&rsim->lock);

	if (report) {
		rsim_uio_log_exit(rsim);
		rproc_report_crash(rsim->rproc, RPROC_FATAL_ERROR);
	}
	return 0;
}

static void rsim_uio_notify(struct rsim *rsim)
{
	rcu_read_lock();
	if (test_bit(RSIM_UIO_LIVE, &rsim->uio.flags))
		uio_event_notify(&rsim->uio.info);
	rcu_read_unlock();
}

static int rsim_uio_kick_linux(struct rsim *rsim, u32 id)
{
	if (READ_ONCE(rsim->state) != RSIM_CORE_RUNNING)
		return -ESHUTDOWN;

	atomic_inc(&rsim->kicks_in);
	/* Early kicks, before the vdevs exist, are normal: just report. */
	if (rproc_vq_interrupt(rsim->rproc, id) == IRQ_NONE)
		return -ENOENT;
	return 0;
}

static int rsim_uio_heartbeat(struct rsim *rsim)
{
	int ret = -ESHUTDOWN;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_RUNNING) {
		rsim_watchdog_kick(rsim);
		ret = 0;
	}
	spin_unlock(&rsim->lock);
	return ret;
}

/* The doorbell: a 32-bit write() to the device, under UIO's info lock. */
static int rsim_uio_irqcontrol(struct uio_info *info, s32 value)
{
	struct rsim *rsim = rsim_uio_to_rsim(info);
	struct rsim_uio *uio = &rsim->uio;
	u32 v = value;

	if ((v & ~RSIM_UIO_KICK_ID_MASK) == RSIM_UIO_KICK)
		return rsim_uio_kick_linux(rsim, v & RSIM_UIO_KICK_ID_MASK);

	switch (v) {
	case RSIM_UIO_HEARTBEAT:
		return rsim_uio_heartbeat(rsim);
	case RSIM_UIO_IRQ_MASK:
		set_bit(RSIM_UIO_MASKED, &uio->flags);
		return 0;
	case RSIM_UIO_IRQ_UNMASK:
		clear_bit(RSIM_UIO_MASKED, &uio->flags);
		/* Pairs with the barrier in rsim_uio_kick(). */
		smp_mb__after_atomic();
		if (test_and_clear_bit(RSIM_UIO_DEFERRED, &uio->flags))
			rsim_uio_notify(rsim);
		return 0;
	default:
		dev_warn_ratelimited(rsim->dev,
				     "%s: unknown UIO doorbell value %#x\n",
				     current->comm, v);
		return -EINVAL;
	}
}

/**
 * rsim_uio_kick() - tell the UIO remote that Linux kicked it
 * @rsim: the instance
 *
 * Counts an event on the UIO device, or remembers the kick while the
 * remote has masked them.  Kicks before the device exists or after it is
 * gone are dropped, as a powered-down core would miss them.
 *
 * Context: any context.
 */
void rsim_uio_kick(struct rsim *rsim)
{
	struct rsim_uio *uio = &rsim->uio;

	if (test_bit(RSIM_UIO_MASKED, &uio->flags)) {
		set_bit(RSIM_UIO_DEFERRED, &uio->flags);
		/* An unmask that ran meanwhile may have missed the bit. */
		smp_mb__after_atomic();
		if (test_bit(RSIM_UIO_MASKED, &uio->flags) ||
		    !test_and_clear_bit(RSIM_UIO_DEFERRED, &uio->flags))
			return;
	}
	rsim_uio_notify(rsim);
}

/**
 * rsim_uio_start() - switch the core on: register the UIO device
 * @rsim: the instance
 *
 * Called from the start op.  A remote process may attach from now on.
 *
 * Return: 0 or a negative error code.
 */
int rsim_uio_start(struct rsim *rsim)
{
	struct rsim_uio *uio = &rsim->uio;
	int ret;

	ret = rsim_core_claim(rsim, RSIM_CORE_RUNNING);
	if (ret)
		return ret;
	spin_lock(&rsim->lock);
	uio->attached = false;
	spin_unlock(&rsim->lock);

	clear_bit(RSIM_UIO_MASKED, &uio->flags);
	clear_bit(RSIM_UIO_DEFERRED, &uio->flags);

	ret = uio_register_device(rsim->dev, &uio->info);
	if (ret) {
		dev_err(rsim->dev, "cannot register the UIO device: %d\n", ret);
		spin_lock(&rsim->lock);
		rsim->state = RSIM_CORE_OFF;
		spin_unlock(&rsim->lock);
		return ret;
	}
	set_bit(RSIM_UIO_LIVE, &uio->flags);
	dev_info(rsim->dev, "waiting for a remote on %s\n",
		 dev_name(&uio->info.uio_dev->dev));
	return 0;
}

/**
 * rsim_uio_stop() - switch the core off
 * @rsim: the instance
 *
 * Unregisters the UIO device, which wakes a remote waiting on it with
 * -EIO, and revokes the remote's mappings.  When this returns, no process
 * can reach the instance's memory.  Safe to call when the core is off.
 */
void rsim_uio_stop(struct rsim *rsim)
{
	struct rsim_uio *uio = &rsim->uio;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_OFF) {
		spin_unlock(&rsim->lock);
		cancel_delayed_work_sync(&rsim->watchdog);
		return;
	}
	rsim->state = RSIM_CORE_STOPPING;
	spin_unlock(&rsim->lock);

	/* No kick may reach the device once it is unregistered. */
	clear_bit(RSIM_UIO_LIVE, &uio->flags);
	synchronize_rcu();
	/* Waits for mmap, open, release and doorbell calls in progress. */
	uio_unregister_device(&uio->info);
	cancel_delayed_work_sync(&rsim->watchdog);

	rsim_uio_revoke(rsim);

	spin_lock(&rsim->lock);
	uio->users = 0;
	rsim->state = RSIM_CORE_OFF;
	spin_unlock(&rsim->lock);
}

/**
 * rsim_uio_crash() - crash the core on purpose
 * @rsim: the instance
 *
 * The remote process is not touched: recovery stops the core, which
 * takes the device and the memory away from it.
 *
 * Return: 0, or -ESRCH if the core is not running.
 */
int rsim_uio_crash(struct rsim *rsim)
{
	bool report = false;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_RUNNING && !rsim->crash_reported) {
		rsim->crash_reported = true;
		report = true;
	}
	spin_unlock(&rsim->lock);

	if (!report)
		return -ESRCH;
	dev_info(rsim->dev, "crashing the core on request (injected fault)\n");
	rproc_report_crash(rsim->rproc, RPROC_FATAL_ERROR);
	return 0;
}

/**
 * rsim_uio_init() - describe the UIO device of a UIO instance, at probe
 * @rsim: the instance, its regions allocated
 *
 * The device itself exists only while the core is on.  Configfs has
 * checked that the regions fit UIO's maps and that each one's physical
 * address is its device address.
 *
 * Return: 0 or a negative error code.
 */
int rsim_uio_init(struct rsim *rsim)
{
	struct rsim_uio *uio = &rsim->uio;
	struct uio_info *info = &uio->info;
	const struct rsim_region *r;
	unsigned int i;

	if (!rsim->uio_remote)
		return 0;
	if (rsim->nr_regions > MAX_UIO_MAPS)
		return dev_err_probe(rsim->dev, -E2BIG,
				     "a UIO remote has at most %u regions\n",
				     MAX_UIO_MAPS);

	snprintf(uio->name, sizeof(uio->name), "rproc-sim-%s",
		 rsim->pdata.name);
	info->name = uio->name;
	info->version = "1";
	info->irq = UIO_IRQ_CUSTOM;
	info->mmap = rsim_uio_mmap;
	info->open = rsim_uio_open;
	info->release = rsim_uio_release;
	info->irqcontrol = rsim_uio_irqcontrol;
	for (i = 0; i < rsim->nr_regions; i++) {
		r = &rsim->regions[i];
		info->mem[i].name = r->cfg.name;
		info->mem[i].addr = r->pa;
		info->mem[i].size = r->cfg.size;
		info->mem[i].memtype = UIO_MEM_PHYS;
	}
	return 0;
}
