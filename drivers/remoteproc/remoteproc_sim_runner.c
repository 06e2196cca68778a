// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor simulator: the simulated core
 *
 * Starting the remote processor launches the core runner, a userspace
 * program, with the path of this instance's character device.  The runner
 * opens the device, maps every region at its device address, says READY and
 * calls the firmware entry point.  From then on the firmware interrupts
 * Linux with RSIM_IOC_KICK and sleeps in RSIM_IOC_WAIT until Linux kicks it.
 *
 * Stopping asks the runner to leave (its RSIM_IOC_WAIT fails with
 * -ESHUTDOWN), kills it with SIGKILL after a short grace period and waits,
 * for a bounded time, until its last reference to the device (its mappings
 * included) is gone, so the remoteproc core can reuse the memory.  Should
 * the runner still hold the device then, its mappings are revoked and the
 * open file is disowned: whatever it does later cannot reach the memory or
 * the next boot.  A runner that goes away by itself while the core runs -
 * firmware exit, fault, a system call its seccomp filter forbids, or killed
 * by someone - is a crash, and so is a firmware that misses its heartbeat
 * when the watchdog is on.
 *
 * The runner is confined before it runs the firmware (no privileges, a
 * seccomp filter), but the driver does not rely on it: mappings are not
 * inherited by a child (VM_DONTCOPY), cannot grow (VM_DONTEXPAND) and can
 * only be made while the runner sets up, and only the file opened for the
 * current boot is served.
 */

#include <linux/elf.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kmod.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/syscall.h>

#include "remoteproc_sim.h"

/* Longest single RSIM_IOC_WAIT; the runner simply waits again. */
#define RSIM_MAX_WAIT_MS	60000
/* How long stop lets the runner leave by itself before killing it. */
#define RSIM_STOP_GRACE		(HZ / 10)
/* How long stop then waits for the killed runner to release the device. */
#define RSIM_RELEASE_TIMEOUT	(5 * HZ)

static void rsim_watchdog_fn(struct work_struct *work)
{
	struct rsim *rsim = container_of(to_delayed_work(work), struct rsim,
					 watchdog);
	bool report = false;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_RUNNING && !rsim->crash_reported &&
	    !rsim->suspended) {
		rsim->crash_reported = true;
		report = true;
	}
	spin_unlock(&rsim->lock);

	if (!report)
		return;
	dev_err(rsim->dev, "watchdog: no heartbeat from the firmware for %u ms\n",
		rsim->pdata.heartbeat_ms);
	rproc_report_crash(rsim->rproc, RPROC_WATCHDOG);
}

/**
 * rsim_watchdog_kick() - restart the watchdog period
 * @rsim: the instance
 *
 * Does nothing when the instance has no watchdog.
 *
 * Context: the caller holds @rsim->lock.
 */
void rsim_watchdog_kick(struct rsim *rsim)
{
	lockdep_assert_held(&rsim->lock);

	if (rsim->pdata.heartbeat_ms)
		mod_delayed_work(system_wq, &rsim->watchdog,
				 msecs_to_jiffies(rsim->pdata.heartbeat_ms));
}

static int rsim_open(struct inode *inode, struct file *file)
{
	struct rsim *rsim = container_of(file->private_data, struct rsim, misc);
	int ret = -EPERM;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_STARTING && !rsim->file &&
	    rsim->runner == task_tgid(current)) {
		rsim->file = file;
		WRITE_ONCE(rsim->suspended, false);
		reinit_completion(&rsim->released);
		ret = 0;
	}
	spin_unlock(&rsim->lock);
	if (!ret)
		rsim_pm_runner_opened(rsim);

	if (ret) {
		dev_warn_ratelimited(rsim->dev,
				     "%s: only the runner launched for this boot may open the core\n",
				     current->comm);
		return ret;
	}
	/* A disowned file may outlive the instance; rsim lives in rproc. */
	get_device(&rsim->rproc->dev);
	file->private_data = rsim;
	return nonseekable_open(inode, file);
}

/*
 * How the runner died, as the kernel saw it: called by the release of the
 * runner's file, which normally runs as the last step of the runner's own
 * exit.  Fills @sig (0 if it did not die by a signal, or if the release
 * runs elsewhere) and @nr (the system call it was killed in).
 */
static void rsim_death_signal(struct pid *runner, unsigned int *sig, int *nr)
{
	*sig = 0;
	*nr = -1;
	if (!runner || runner != task_tgid(current) ||
	    !(current->flags & PF_EXITING))
		return;
	*sig = current->exit_code & 0x7f;
	if (*sig == SIGSYS)
		*nr = syscall_get_nr(current, task_pt_regs(current));
}

/* Log why the core stopped by itself; the crash report follows. */
static void rsim_log_death(struct rsim *rsim, const struct rsim_exit *why,
			   bool valid, unsigned int sig, int nr)
{
	if (sig == SIGSYS)
		dev_err(rsim->dev, "firmware killed by seccomp: syscall %d\n",
			nr);
	else if (valid && why->signal == SIGKILL)
		dev_err(rsim->dev, "core killed\n");
	else if (valid && why->signal)
		dev_err(rsim->dev, "firmware fault: signal %u at %#llx\n",
			why->signal, why->addr);
	else if (sig)
		dev_err(rsim->dev, "core runner killed by signal %u\n", sig);
	else if (valid)
		dev_err(rsim->dev, "firmware exited with code %d\n", why->code);
	else
		dev_err(rsim->dev, "core runner died\n");
}

static int rsim_release(struct inode *inode, struct file *file)
{
	struct rsim *rsim = file->private_data;
	struct rproc *rproc = rsim->rproc;
	struct rsim_exit why = { };
	struct pid *pid = NULL;
	bool report = false;
	unsigned int sig;
	bool valid;
	int nr;

	spin_lock(&rsim->lock);
	if (rsim->file != file) {
		/* Disowned by a stop that could not wait any longer. */
		spin_unlock(&rsim->lock);
		put_device(&rproc->dev);
		return 0;
	}
	rsim->file = NULL;
	rsim_death_signal(rsim->runner, &sig, &nr);
	if (rsim->state == RSIM_CORE_RUNNING && !rsim->crash_reported) {
		rsim->crash_reported = true;
		report = true;
	}
	if (rsim->state == RSIM_CORE_RUNNING ||
	    rsim->state == RSIM_CORE_STARTING) {
		/* The core stopped by itself; stop only has to clean up. */
		rsim->state = RSIM_CORE_OFF;
		pid = rsim->runner;
		rsim->runner = NULL;
	}
	valid = rsim->exit_valid;
	why = rsim->exit;
	spin_unlock(&rsim->lock);

	put_pid(pid);
	wake_up_all(&rsim->wq);

	if (report) {
		rsim_log_death(rsim, &why, valid, sig, nr);
		rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	}

	/* Wake a start still waiting for READY, then a stop waiting for us. */
	complete(&rsim->ready);
	complete(&rsim->released);
	put_device(&rproc->dev);
	return 0;
}

/* After a revoke, accesses to the memory end in SIGBUS. */
static vm_fault_t rsim_vm_fault(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;
}

static const struct vm_operations_struct rsim_vm_ops = {
	.fault = rsim_vm_fault,
};

/**
 * rsim_map_region() - map part of a region into a core's address space
 * @vma: the mapping being made
 * @r: the region
 * @off: offset of the mapping in @r; @r must hold all of @vma from there
 *
 * With the memory type the Linux side uses (buffer regions write-combined,
 * the rest cached), not inherited by a child, never grown or dumped.  Once
 * revoked with unmap_mapping_range(), accesses fault with SIGBUS.
 *
 * Return: 0 or a negative error code.
 */
int rsim_map_region(struct vm_area_struct *vma, const struct rsim_region *r,
		    u64 off)
{
	pgprot_t prot = vma->vm_page_prot;

	if (!r->va)
		prot = pgprot_writecombine(prot);
	vma->vm_flags |= VM_IO | VM_DONTCOPY | VM_DONTEXPAND | VM_DONTDUMP;
	vma->vm_ops = &rsim_vm_ops;
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(r->pa + off),
			       vma->vm_end - vma->vm_start, prot);
}

/* Whether @file is the runner's file of the current boot. */
static bool rsim_file_current(struct rsim *rsim, struct file *file)
{
	return READ_ONCE(rsim->file) == file;
}

static const struct rsim_region *rsim_region_at(struct rsim *rsim, u64 off,
						u64 len, u64 *base)
{
	const struct rsim_region *r;
	unsigned int i;
	u64 start = 0;

	for (i = 0; i < rsim->nr_regions; i++) {
		r = &rsim->regions[i];
		if (off >= start && len <= r->cfg.size &&
		    off - start <= r->cfg.size - len) {
			*base = start;
			return r;
		}
		start += r->cfg.size;
	}
	return NULL;
}

static int rsim_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct rsim *rsim = file->private_data;
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;
	const struct rsim_region *r;
	bool setup;
	u64 base;

	/* Mappings are made while the runner sets up, never later. */
	spin_lock(&rsim->lock);
	setup = rsim->file == file && rsim->state == RSIM_CORE_STARTING;
	spin_unlock(&rsim->lock);
	if (!setup)
		return -EPERM;

	r = rsim_region_at(rsim, off, len, &base);
	if (!r) {
		dev_warn_ratelimited(rsim->dev,
				     "runner mmap %#llx+%#llx is not inside one region\n",
				     off, len);
		return -EINVAL;
	}

	return rsim_map_region(vma, r, off - base);
}

static long rsim_get_info(struct rsim *rsim, void __user *arg)
{
	struct rsim_info info = {
		.abi = RSIM_ABI_VERSION,
		.nr_regions = rsim->nr_regions,
		.boot_addr = rsim->rproc->bootaddr,
		.heartbeat_ms = rsim->pdata.heartbeat_ms,
	};

	strscpy(info.name, rsim->pdata.name, sizeof(info.name));
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

/*
 * Device address of the table the core started with, which lies in one
 * region; ~0 when there is none.  Start waits for the runner with the
 * table in place; a later call (only a runner could make it) may race
 * with stop pointing table_ptr at the kernel's copy, which is in no
 * region and so is never reported.
 */
static u64 rsim_rsc_da(struct rsim *rsim, size_t *size)
{
	const void *table = READ_ONCE(rsim->rproc->table_ptr);
	size_t sz = READ_ONCE(rsim->rproc->table_sz);
	const struct rsim_region *r;
	unsigned int i;

	if (!table || !sz)
		return ~0ULL;
	for (i = 0; i < rsim->nr_regions; i++) {
		r = &rsim->regions[i];
		if (r->va && sz <= r->cfg.size && table >= r->va &&
		    table - r->va <= r->cfg.size - sz) {
			*size = sz;
			return r->cfg.da + (table - r->va);
		}
	}
	return ~0ULL;
}

static long rsim_get_image(struct rsim *rsim, void __user *arg)
{
	struct rsim_image img = {
		.machine = rsim->rproc->elf_machine,
		.elf_class = rsim->rproc->elf_class,
	};
	size_t size = 0;

	img.rsc_da = rsim_rsc_da(rsim, &size);
	img.rsc_size = size;
	return copy_to_user(arg, &img, sizeof(img)) ? -EFAULT : 0;
}

static long rsim_get_region(struct rsim *rsim, void __user *arg)
{
	struct rsim_region_info info;
	const struct rsim_region *r;
	u64 offset = 0;
	unsigned int i;

	if (copy_from_user(&info, arg, sizeof(info)))
		return -EFAULT;
	if (info.index >= rsim->nr_regions)
		return -EINVAL;

	for (i = 0; i < info.index; i++)
		offset += rsim->regions[i].cfg.size;
	r = &rsim->regions[info.index];

	memset(&info.flags, 0, sizeof(info) - offsetof(typeof(info), flags));
	info.da = r->cfg.da;
	info.pa = r->pa;
	info.size = r->cfg.size;
	info.offset = offset;
	strscpy(info.name, r->cfg.name, sizeof(info.name));
	return copy_to_user(arg, &info, sizeof(info)) ? -EFAULT : 0;
}

static long rsim_ready(struct rsim *rsim)
{
	int ret = -EINVAL;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_STARTING) {
		rsim->state = RSIM_CORE_RUNNING;
		rsim_watchdog_kick(rsim);
		ret = 0;
	}
	spin_unlock(&rsim->lock);

	if (!ret)
		complete(&rsim->ready);
	return ret;
}

static long rsim_kick_linux(struct rsim *rsim, u32 __user *arg)
{
	u32 id;

	if (get_user(id, arg))
		return -EFAULT;
	if (READ_ONCE(rsim->state) != RSIM_CORE_RUNNING)
		return -ESHUTDOWN;
	if (id > INT_MAX)
		return -EINVAL;

	atomic_inc(&rsim->kicks_in);
	rsim_pm_remote_kicked(rsim);
	/* Early kicks, before the vdevs exist, are normal: just report. */
	if (rproc_vq_interrupt(rsim->rproc, id) == IRQ_NONE)
		return -ENOENT;
	return 0;
}

/*
 * Wake-up condition of RSIM_IOC_WAIT: a kick, a suspend request, or the
 * core is stopping.
 */
static bool rsim_wait_done(struct rsim *rsim)
{
	return atomic64_read(&rsim->pending) ||
	       atomic_read(&rsim->pm_request) ||
	       READ_ONCE(rsim->state) != RSIM_CORE_RUNNING;
}

/*
 * Poll the wake-up condition for up to @poll_us before sleeping, as a core
 * that spins on its mailbox instead of halting: a kick that comes within
 * the period costs no wake-up. The poll yields to any other task that
 * wants the CPU and to signals, and is bounded by RSIM_MAX_POLL_US and by
 * the wait's own timeout, @timeout_ms.
 * Return: whether the condition came true.
 */
static bool rsim_wait_poll(struct rsim *rsim, u32 timeout_ms)
{
	u32 us = min_t(u32, READ_ONCE(rsim->pdata.poll_us), RSIM_MAX_POLL_US);
	u64 end;

	us = min_t(u64, us, (u64)timeout_ms * USEC_PER_MSEC);
	if (!us)
		return false;
	end = local_clock() + (u64)us * NSEC_PER_USEC;
	while (!rsim_wait_done(rsim)) {
		if (need_resched() || signal_pending(current) ||
		    local_clock() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static long rsim_wait(struct rsim *rsim, void __user *arg)
{
	unsigned long timeout;
	struct rsim_wait w;

	if (copy_from_user(&w, arg, sizeof(w)))
		return -EFAULT;

	timeout = msecs_to_jiffies(min_t(u32, w.timeout_ms, RSIM_MAX_WAIT_MS));
	if (!rsim_wait_poll(rsim, w.timeout_ms)) {
		long left = wait_event_interruptible_timeout(rsim->wq,
							rsim_wait_done(rsim),
							timeout);
		if (left < 0)
			return left;
	}
	if (READ_ONCE(rsim->state) != RSIM_CORE_RUNNING)
		return -ESHUTDOWN;

	w.pending = atomic64_xchg(&rsim->pending, 0);
	w.pm_request = rsim_pm_take_request(rsim);
	return copy_to_user(arg, &w, sizeof(w)) ? -EFAULT : 0;
}

static long rsim_heartbeat(struct rsim *rsim)
{
	int ret = -ESHUTDOWN;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_RUNNING) {
		if (!rsim->suspended)
			rsim_watchdog_kick(rsim);
		ret = 0;
	}
	spin_unlock(&rsim->lock);
	return ret;
}

static long rsim_set_exit(struct rsim *rsim, void __user *arg)
{
	struct rsim_exit why;

	if (copy_from_user(&why, arg, sizeof(why)))
		return -EFAULT;

	spin_lock(&rsim->lock);
	rsim->exit = why;
	rsim->exit_valid = true;
	spin_unlock(&rsim->lock);
	return 0;
}

static long rsim_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct rsim *rsim = file->private_data;
	void __user *uarg = (void __user *)arg;

	/* A file disowned by stop speaks for no boot. */
	if (!rsim_file_current(rsim, file))
		return -ESHUTDOWN;

	switch (cmd) {
	case RSIM_IOC_GET_INFO:
		return rsim_get_info(rsim, uarg);
	case RSIM_IOC_GET_REGION:
		return rsim_get_region(rsim, uarg);
	case RSIM_IOC_GET_IMAGE:
		return rsim_get_image(rsim, uarg);
	case RSIM_IOC_READY:
		return rsim_ready(rsim);
	case RSIM_IOC_KICK:
		return rsim_kick_linux(rsim, uarg);
	case RSIM_IOC_WAIT:
		return rsim_wait(rsim, uarg);
	case RSIM_IOC_HEARTBEAT:
		return rsim_heartbeat(rsim);
	case RSIM_IOC_EXIT:
		return rsim_set_exit(rsim, uarg);
	case RSIM_IOC_PM_ANSWER:
		return rsim_pm_answer_ioctl(rsim, uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations rsim_fops = {
	.owner		= THIS_MODULE,
	.open		= rsim_open,
	.release	= rsim_release,
	.mmap		= rsim_mmap,
	.unlocked_ioctl	= rsim_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= no_llseek,
};

/* The runner's environment; the usermode helper API wants it writable. */
static char *rsim_runner_envp[] = {
	"HOME=/",
	"PATH=/sbin:/bin:/usr/sbin:/usr/bin",
	NULL
};

/* Runs in the new process before exec: remember who the runner is. */
static int rsim_umh_init(struct subprocess_info *info, struct cred *new)
{
	struct rsim *rsim = info->data;
	int ret = -EINTR;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_STARTING && !rsim->runner) {
		rsim->runner = get_pid(task_tgid(current));
		ret = 0;
	}
	spin_unlock(&rsim->lock);
	return ret;
}

/*
 * The instance's runner, or the one for the machine of the image that the
 * sanity check of this boot accepted (rproc->elf_machine).
 */
static char *rsim_runner_path(struct rsim *rsim)
{
	if (strcmp(rsim->pdata.runner, RSIM_RUNNER_AUTO))
		return rsim->pdata.runner;
	return rsim->rproc->elf_machine == EM_ARM ? RSIM_RUNNER_ARM :
						     RSIM_RUNNER_X86_64;
}

/**
 * rsim_runner_launch() - start the simulated core
 * @rsim: the instance
 *
 * Runs the core runner and waits until it has mapped the device memory
 * and is about to enter the firmware.  Called from the start op.
 *
 * Return: 0 when the core runs, else a negative error code; the runner is
 * gone again on error.
 */
int rsim_runner_launch(struct rsim *rsim)
{
	struct subprocess_info *info;
	unsigned long timeout, left;
	char *argv[3];
	bool running;
	int ret;

	ret = rsim_core_claim(rsim, RSIM_CORE_STARTING);
	if (ret)
		return ret;

	atomic64_set(&rsim->pending, 0);
	reinit_completion(&rsim->ready);

	argv[0] = rsim_runner_path(rsim);
	argv[1] = rsim->devpath;
	argv[2] = NULL;
	info = call_usermodehelper_setup(argv[0], argv, rsim_runner_envp,
					 GFP_KERNEL,
					 rsim_umh_init, NULL, rsim);
	if (!info) {
		ret = -ENOMEM;
		goto err_halt;
	}
	ret = call_usermodehelper_exec(info, UMH_WAIT_EXEC);
	if (ret) {
		dev_err(rsim->dev, "cannot run core runner %s: %d\n", argv[0], ret);
		goto err_halt;
	}

	timeout = msecs_to_jiffies(rsim->pdata.attach_timeout_ms);
	left = wait_for_completion_timeout(&rsim->ready, timeout);
	spin_lock(&rsim->lock);
	running = rsim->state == RSIM_CORE_RUNNING;
	spin_unlock(&rsim->lock);
	if (!running) {
		ret = left ? -EIO : -ETIMEDOUT;
		dev_err(rsim->dev, "core runner %s before it was ready\n",
			left ? "exited" : "timed out");
		goto err_halt;
	}
	return 0;

err_halt:
	rsim_runner_halt(rsim);
	return ret;
}

/*
 * Give up on a runner that does not let go of the device: take its
 * mappings away and forget its file, which from now on is refused
 * everything and, when it is finally closed, touches nothing.
 */
static void rsim_disown(struct rsim *rsim)
{
	struct file *file = NULL;

	spin_lock(&rsim->lock);
	/* A file whose last reference is going is released right now. */
	if (rsim->file && get_file_rcu(rsim->file))
		file = rsim->file;
	rsim->file = NULL;
	spin_unlock(&rsim->lock);

	if (!file)
		return;
	unmap_mapping_range(file->f_mapping, 0, 0, 1);
	dev_err(rsim->dev, "core runner did not exit within %u ms of SIGKILL: its mappings are revoked\n",
		jiffies_to_msecs(RSIM_RELEASE_TIMEOUT));
	fput(file);
}

/**
 * rsim_runner_halt() - stop the simulated core
 * @rsim: the instance
 *
 * Tells the runner to stop, kills it with SIGKILL if it has not left
 * after a short grace period, and waits until it has dropped the device
 * and its mappings.  The wait is bounded: a runner that is still there
 * after RSIM_RELEASE_TIMEOUT loses its mappings and its file.  Either way,
 * when this returns no mapping of the memory remains and the core is off.
 * Safe to call when the core is already off.
 */
void rsim_runner_halt(struct rsim *rsim)
{
	bool released = false;
	struct pid *pid;
	bool opened;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_OFF) {
		spin_unlock(&rsim->lock);
		cancel_delayed_work_sync(&rsim->watchdog);
		return;
	}
	rsim->state = RSIM_CORE_STOPPING;
	pid = rsim->runner;
	rsim->runner = NULL;
	opened = !!rsim->file;
	spin_unlock(&rsim->lock);

	/* RSIM_IOC_WAIT fails with -ESHUTDOWN: a runner in it leaves. */
	wake_up_all(&rsim->wq);
	/*
	 * The file is released, and @released completed, once: a runner
	 * that left in the grace period is gone and must not be waited for
	 * a second time.
	 */
	if (opened)
		released = wait_for_completion_timeout(&rsim->released,
						       RSIM_STOP_GRACE);
	if (pid) {
		if (!released)
			kill_pid(pid, SIGKILL, 1);
		put_pid(pid);
	}
	if (opened && !released &&
	    !wait_for_completion_timeout(&rsim->released, RSIM_RELEASE_TIMEOUT))
		rsim_disown(rsim);
	cancel_delayed_work_sync(&rsim->watchdog);

	spin_lock(&rsim->lock);
	rsim->state = RSIM_CORE_OFF;
	spin_unlock(&rsim->lock);
}

/**
 * rsim_runner_kill() - crash the simulated core on purpose
 * @rsim: the instance
 *
 * Kills the runner without stopping the remote processor, which the
 * remoteproc core then sees as a crash.
 *
 * Return: 0, or -ESRCH if the core is not running.
 */
int rsim_runner_kill(struct rsim *rsim)
{
	struct pid *pid = NULL;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_RUNNING && rsim->runner) {
		pid = get_pid(rsim->runner);
		rsim->exit.code = 0;
		rsim->exit.signal = SIGKILL;
		rsim->exit.addr = 0;
		rsim->exit_valid = true;
	}
	spin_unlock(&rsim->lock);

	if (!pid)
		return -ESRCH;
	dev_info(rsim->dev, "crashing the core on request (injected fault)\n");
	kill_pid(pid, SIGKILL, 1);
	put_pid(pid);
	return 0;
}

static void rsim_misc_unregister(void *data)
{
	struct rsim *rsim = data;

	misc_deregister(&rsim->misc);
}

/**
 * rsim_core_claim() - begin a boot of the core
 * @rsim: the instance
 * @state: RSIM_CORE_STARTING, or RSIM_CORE_RUNNING for a core that needs
 *	no start-up
 *
 * Moves the core from off to @state and forgets the crash and the exit
 * reason of the previous boot.
 *
 * Return: 0, or -EBUSY when the core is not off.
 */
int rsim_core_claim(struct rsim *rsim, enum rsim_core_state state)
{
	int ret = 0;

	spin_lock(&rsim->lock);
	if (rsim->state == RSIM_CORE_OFF) {
		rsim->state = state;
		rsim->crash_reported = false;
		rsim->exit_valid = false;
	} else {
		ret = -EBUSY;
	}
	spin_unlock(&rsim->lock);

	if (ret)
		dev_err(rsim->dev, "core is still running\n");
	return ret;
}

/**
 * rsim_watchdog_init() - set up the instance's watchdog, at probe
 * @rsim: the instance
 *
 * The watchdog reports a crash when a running core misses its heartbeat
 * for &rsim_pdata.heartbeat_ms; the core, runner or UIO remote, feeds it
 * with rsim_watchdog_kick().
 */
void rsim_watchdog_init(struct rsim *rsim)
{
	INIT_DELAYED_WORK(&rsim->watchdog, rsim_watchdog_fn);
}

/**
 * rsim_runner_register() - create the runner's character device
 * @rsim: the instance, being probed
 *
 * Return: 0 or a negative error code.  Undone by devm.
 */
int rsim_runner_register(struct rsim *rsim)
{
	int ret;

	snprintf(rsim->misc_name, sizeof(rsim->misc_name), "rproc-sim-%s",
		 rsim->pdata.name);
	snprintf(rsim->devpath, sizeof(rsim->devpath), "/dev/%s",
		 rsim->misc_name);

	rsim->misc.minor = MISC_DYNAMIC_MINOR;
	rsim->misc.name = rsim->misc_name;
	rsim->misc.fops = &rsim_fops;
	rsim->misc.parent = rsim->dev;
	rsim->misc.mode = 0600;
	ret = misc_register(&rsim->misc);
	if (ret)
		return dev_err_probe(rsim->dev, ret,
				     "cannot create %s\n", rsim->devpath);

	return devm_add_action_or_reset(rsim->dev, rsim_misc_unregister, rsim);
}
