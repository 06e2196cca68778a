// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: suspend and resume with the firmware's consent.
 *
 * A driver that can put its remote to sleep hands the core three hardware
 * steps (&struct rproc_pm_ops) with devm_rproc_pm_init(), and routes its
 * runtime and system sleep callbacks to rproc_pm_runtime_suspend() and
 * friends.  The core does the rest, the same way for every driver:
 *
 *   suspend  RUNNING only.  Hold kicks back, send the request, wait for
 *            rproc_pm_answer() (ACK or CANCEL) at most the answer timeout,
 *            power the core down, state SUSPENDED.  CANCEL, no answer or a
 *            crash report during the wait leave the remote RUNNING, let
 *            the held kicks through and return -EBUSY, -ETIMEDOUT or -EIO.
 *   resume   SUSPENDED only.  Power the core up, state RUNNING, replay the
 *            kicks that were held back.  A failed power-up is a crash: the
 *            remote is marked CRASHED (it is powered down, so no
 *            &rproc_ops.stop follows) and recovered unless recovery is
 *            disabled.
 *
 * Both run with &rproc.lock held, like every other transition, so a suspend
 * never overlaps a boot, a stop or a recovery.  Rules for what arrives
 * while a remote is suspended, or while a suspend is in flight:
 *
 *   kick from Linux   never reaches a sleeping core: it is remembered and
 *                     runtime PM is asked to resume the device (async); the
 *                     resume then kicks every vring once.  The sender does
 *                     not wait: its buffer is already in the ring, and
 *                     nothing is lost or sent twice.
 *   kick from remote  delivered as usual (the rings stay mapped); it also
 *                     restarts the autosuspend delay.
 *   crash report      cuts a pending handshake short (-EIO).  On a
 *                     suspended remote it is handled at once: the remote
 *                     is CRASHED and recovered, the recovery's stop waking
 *                     it first.
 *   stop, shutdown,   a suspended remote is woken (power_up) and then
 *   rproc_del()       stopped normally, so that the firmware never mistakes
 *                     the next boot for a wake-up; if waking fails it is
 *                     already down and &rproc_ops.stop is skipped.
 *   start             refused (-EBUSY), as for a running remote.
 *
 * Runtime PM and &rproc.lock: the runtime PM callbacks take &rproc.lock
 * (suspend with a trylock, so that a busy core only delays it), hence
 * nothing may wait for a runtime PM callback of the device while holding
 * &rproc.lock: the core only uses the calls that never wait (get_noresume,
 * put_autosuspend, mark_last_busy) under the lock.  Asynchronous resumes
 * go through @wake_work rather than pm_request_resume(): runtime PM's own
 * work items share one lockdep class for every device, and the core
 * flushes those of its virtio devices (device_del()) under &rproc.lock,
 * so a resume callback taking &rproc.lock from one of them would look
 * like a lock inversion.
 *
 * The usage count: the core holds one reference while the remote is not
 * running and drops it when the remote is up (rproc_pm_up()), so the
 * device autosuspends after the delay without traffic; every kick and every
 * notification from the remote marks it busy, which is a single store.
 */

#include <linux/completion.h>
#include <linux/device.h>
#include <linux/jiffies.h>
#include <linux/pm_runtime.h>
#include <linux/remoteproc.h>
#include <linux/spinlock.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"

#define RPROC_PM_DEFAULT_TIMEOUT_MS	1000
#define RPROC_PM_NO_ANSWER		(-1)

static struct rproc_pm *rproc_to_pm(struct rproc *rproc)
{
	return &to_rproc_core(rproc)->pm;
}

/* Resume the device in a context of our own (see the top of this file). */
static void rproc_pm_wake_work(struct work_struct *work)
{
	struct rproc_pm *pm = container_of(work, struct rproc_pm, wake_work);

	pm_runtime_get_sync(pm->dev);
	pm_runtime_mark_last_busy(pm->dev);
	pm_runtime_put_autosuspend(pm->dev);
}

/**
 * rproc_pm_wake() - resume a suspended remote, asynchronously
 * @rproc: the remote processor
 *
 * For a driver whose remote can wake by itself and interrupt Linux while
 * Linux counts it suspended: Linux's side catches up.  Queued on a
 * freezable workqueue, so it waits out a system sleep.
 *
 * Context: any context.
 */
void rproc_pm_wake(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);

	if (pm->ops)
		queue_work(system_freezable_wq, &pm->wake_work);
}
EXPORT_SYMBOL(rproc_pm_wake);

static void rproc_pm_disable(void *data)
{
	struct rproc_pm *pm = data;

	cancel_work_sync(&pm->wake_work);
	pm_runtime_disable(pm->dev);
	pm_runtime_dont_use_autosuspend(pm->dev);
	/* The remote is down (rproc_del() ran first): the core's reference. */
	pm_runtime_put_noidle(pm->dev);
	pm_runtime_set_suspended(pm->dev);
}

/**
 * devm_rproc_pm_init() - let the core suspend and resume a remote
 * @dev: the driver's device; its runtime PM carries the remote's, and the
 *	 setup is undone when it is unbound
 * @rproc: the remote processor, allocated and not yet added
 * @ops: the driver's hardware steps
 * @autosuspend_ms: idle time before the remote is suspended; negative
 *		    never autosuspends (see pm_runtime_set_autosuspend_delay())
 *
 * Enables runtime PM with autosuspend on @dev.  Call it before rproc_add(),
 * and register the remote with devm_rproc_add() (or call rproc_del()
 * before @dev is unbound) so that the remote is down when this is undone.
 *
 * Return: 0 or a negative errno.
 */
int devm_rproc_pm_init(struct device *dev, struct rproc *rproc,
		       const struct rproc_pm_ops *ops, int autosuspend_ms)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);

	if (!ops || !ops->request || !ops->power_down || !ops->power_up)
		return -EINVAL;

	spin_lock_init(&pm->kick_lock);
	spin_lock_init(&pm->answer_lock);
	init_completion(&pm->answered);
	INIT_WORK(&pm->wake_work, rproc_pm_wake_work);
	pm->answer = RPROC_PM_NO_ANSWER;
	pm->dev = dev;
	pm->timeout_ms = ops->answer_timeout_ms ?: RPROC_PM_DEFAULT_TIMEOUT_MS;

	pm_runtime_set_autosuspend_delay(dev, autosuspend_ms);
	pm_runtime_use_autosuspend(dev);
	pm_runtime_get_noresume(dev);
	pm_runtime_set_active(dev);
	pm_runtime_enable(dev);
	/* Published last: a non-NULL @ops is what turns the hooks on. */
	pm->ops = ops;

	return devm_add_action_or_reset(dev, rproc_pm_disable, pm);
}
EXPORT_SYMBOL(devm_rproc_pm_init);

/**
 * rproc_pm_answer() - hand the core the firmware's answer to a request
 * @rproc: the remote processor
 * @answer: ACK or CANCEL
 *
 * An answer that comes when no request waits (late, after a timeout, or
 * made up by the firmware) is dropped.
 *
 * Context: any context, hard IRQ included.
 */
void rproc_pm_answer(struct rproc *rproc, enum rproc_pm_answer answer)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	unsigned long flags;
	bool taken = false;

	if (!pm->ops)
		return;

	spin_lock_irqsave(&pm->answer_lock, flags);
	if (pm->waiting && pm->answer == RPROC_PM_NO_ANSWER) {
		pm->answer = answer;
		complete(&pm->answered);
		taken = true;
	}
	spin_unlock_irqrestore(&pm->answer_lock, flags);

	if (!taken)
		dev_warn_ratelimited(&rproc->dev,
				     "suspend answer %d without a request dropped\n",
				     answer);
}
EXPORT_SYMBOL(rproc_pm_answer);

/**
 * rproc_pm_crash_reported() - a crash report cuts a suspend request short
 * @rproc: the remote processor
 *
 * Context: any context (called by rproc_report_crash()).
 */
void rproc_pm_crash_reported(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	unsigned long flags;

	if (!pm->ops)
		return;

	spin_lock_irqsave(&pm->answer_lock, flags);
	if (pm->waiting && pm->answer == RPROC_PM_NO_ANSWER) {
		pm->answer = -EIO;
		complete(&pm->answered);
	}
	spin_unlock_irqrestore(&pm->answer_lock, flags);
}

/**
 * rproc_pm_kick() - notify the remote, or hold the kick while it sleeps
 * @rproc: the remote processor
 * @notifyid: the vring with work
 *
 * The transport's only way to &rproc_ops.kick.  Awake, this costs one
 * uncontended spinlock and a timestamp store on top of the kick.
 *
 * Context: any context; does not sleep.
 */
void rproc_pm_kick(struct rproc *rproc, int notifyid)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	unsigned long flags;
	bool held;

	if (!pm->ops) {
		rproc->ops->kick(rproc, notifyid);
		return;
	}

	spin_lock_irqsave(&pm->kick_lock, flags);
	held = pm->asleep;
	if (held)
		pm->kick_deferred = true;
	else
		rproc->ops->kick(rproc, notifyid);
	spin_unlock_irqrestore(&pm->kick_lock, flags);

	if (held)
		rproc_pm_wake(rproc);
	pm_runtime_mark_last_busy(pm->dev);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_pm_kick);

static void rproc_pm_hold_kicks(struct rproc_pm *pm)
{
	spin_lock_irq(&pm->kick_lock);
	pm->asleep = true;
	spin_unlock_irq(&pm->kick_lock);
}

/* Let kicks through again, and replay the held ones on every live vring. */
static void rproc_pm_release_kicks(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	struct rproc_vdev *rvdev;
	bool replay;
	int i;

	lockdep_assert_held(&rproc->lock);

	spin_lock_irq(&pm->kick_lock);
	pm->asleep = false;
	replay = pm->kick_deferred;
	pm->kick_deferred = false;
	spin_unlock_irq(&pm->kick_lock);

	if (!replay)
		return;

	list_for_each_entry(rvdev, &rproc->rvdevs, node) {
		for (i = 0; i < rvdev->num_vrings; i++) {
			struct rproc_vring *rvring = &rvdev->vring[i];

			if (rvring->notifyid >= 0 && READ_ONCE(rvring->vq))
				rproc->ops->kick(rproc, rvring->notifyid);
		}
	}
}

/* Drop the kicks held for a remote that is gone; keep holding new ones. */
static void rproc_pm_drop_kicks(struct rproc_pm *pm)
{
	spin_lock_irq(&pm->kick_lock);
	pm->kick_deferred = false;
	spin_unlock_irq(&pm->kick_lock);
}

/* Send the request and wait for the answer: 0 on ACK. */
static int rproc_pm_handshake(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	int answer, ret;

	spin_lock_irq(&pm->answer_lock);
	reinit_completion(&pm->answered);
	pm->answer = RPROC_PM_NO_ANSWER;
	pm->waiting = true;
	spin_unlock_irq(&pm->answer_lock);

	ret = pm->ops->request(rproc, why);
	if (!ret)
		wait_for_completion_timeout(&pm->answered,
					    msecs_to_jiffies(pm->timeout_ms));

	spin_lock_irq(&pm->answer_lock);
	pm->waiting = false;
	answer = pm->answer;
	spin_unlock_irq(&pm->answer_lock);

	if (ret) {
		dev_err_ratelimited(&rproc->dev,
				    "cannot send the suspend request: %d\n", ret);
		return ret;
	}

	switch (answer) {
	case RPROC_PM_ACK:
		return 0;
	case RPROC_PM_CANCEL:
		dev_dbg(&rproc->dev, "%s refused to suspend\n", rproc->name);
		return -EBUSY;
	case RPROC_PM_NO_ANSWER:
		dev_err_ratelimited(&rproc->dev,
				    "%s did not answer the suspend request within %u ms\n",
				    rproc->name, pm->timeout_ms);
		return -ETIMEDOUT;
	default:
		dev_info(&rproc->dev, "%s crashed instead of suspending\n",
			 rproc->name);
		return -EIO;
	}
}

static bool rproc_pm_crash_pending(struct rproc *rproc)
{
	struct rproc_core *core = to_rproc_core(rproc);
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&core->crash_lock, flags);
	pending = core->crash_pending;
	spin_unlock_irqrestore(&core->crash_lock, flags);

	return pending;
}

/*
 * Suspend a RUNNING remote.  Remotes that are off or not ours need nothing
 * (0); a crashed or attached remote, or one with a crash report pending,
 * stays as it is (-EBUSY).
 */
static int rproc_pm_suspend_locked(struct rproc *rproc,
				   enum rproc_pm_reason why)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	int ret;

	lockdep_assert_held(&rproc->lock);

	switch (rproc->state) {
	case RPROC_RUNNING:
		break;
	case RPROC_OFFLINE:
	case RPROC_DETACHED:
	case RPROC_SUSPENDED:
		return 0;
	default:
		return -EBUSY;
	}
	if (to_rproc_core(rproc)->deleting || rproc_pm_crash_pending(rproc))
		return -EBUSY;

	rproc_pm_hold_kicks(pm);

	ret = rproc_pm_handshake(rproc, why);
	if (ret)
		goto wake;

	ret = pm->ops->power_down(rproc, why);
	if (ret) {
		dev_err(&rproc->dev, "cannot power %s down: %d\n",
			rproc->name, ret);
		goto wake;
	}

	pm->hw_down = true;
	pm->reason = why;
	rproc->state = RPROC_SUSPENDED;
	dev_dbg(&rproc->dev, "%s suspended\n", rproc->name);
	return 0;

wake:
	rproc_pm_release_kicks(rproc);
	return ret;
}

/* The hardware is down and could not be woken: a crash with no ->stop. */
static void rproc_pm_wake_failed(struct rproc *rproc, int err)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);

	lockdep_assert_held(&rproc->lock);

	pm->hw_down = false;
	to_rproc_core(rproc)->powered = false;
	rproc_pm_drop_kicks(pm);
	dev_err(&rproc->dev, "cannot wake %s: %d\n", rproc->name, err);
}

/* Wake a SUSPENDED remote; anything else needs nothing. */
static int rproc_pm_resume_locked(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (rproc->state != RPROC_SUSPENDED || !pm->hw_down)
		return 0;

	ret = pm->ops->power_up(rproc, pm->reason);
	if (ret) {
		rproc_pm_wake_failed(rproc, ret);
		rproc->state = RPROC_CRASHED;
		to_rproc_core(rproc)->crash_cnt++;
		if (!rproc->recovery_disabled)
			rproc_recover_locked(rproc);
		return ret;
	}

	pm->hw_down = false;
	rproc->state = RPROC_RUNNING;
	rproc_pm_release_kicks(rproc);
	dev_dbg(&rproc->dev, "%s resumed\n", rproc->name);
	return 0;
}

/**
 * rproc_pm_up() - the remote is running: let it autosuspend
 * @rproc: the remote processor, just started
 *
 * Context: &rproc.lock held.
 */
void rproc_pm_up(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);

	lockdep_assert_held(&rproc->lock);

	if (!pm->ops)
		return;

	pm->hw_down = false;
	rproc_pm_release_kicks(rproc);
	if (pm->armed)
		return;
	pm->armed = true;
	/* A remote stopped while suspended left the device "suspended". */
	rproc_pm_wake(rproc);
	pm_runtime_mark_last_busy(pm->dev);
	pm_runtime_put_autosuspend(pm->dev);
}

/**
 * rproc_pm_down() - the remote is about to stop: keep it awake, wake it
 * @rproc: the remote processor
 *
 * Takes the core's runtime PM reference back, so that no autosuspend
 * starts any more, and powers a suspended core up, so that
 * &rproc_ops.stop finds it as it left it.  When that fails, clears
 * &rproc_core.powered: the core is down and ->stop is skipped.
 *
 * Context: &rproc.lock held, before the subdevices are stopped.
 */
void rproc_pm_down(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!pm->ops)
		return;

	if (pm->armed) {
		pm->armed = false;
		pm_runtime_get_noresume(pm->dev);
	}

	if (!pm->hw_down)
		return;

	ret = pm->ops->power_up(rproc, pm->reason);
	if (ret) {
		rproc_pm_wake_failed(rproc, ret);
		return;
	}
	pm->hw_down = false;
	rproc_pm_release_kicks(rproc);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_pm_down);

/**
 * rproc_pm_runtime_suspend() - runtime suspend of a remote
 * @rproc: the remote processor
 *
 * For the driver's &dev_pm_ops.runtime_suspend.  Does nothing for a remote
 * that is off.  When the core is busy with another transition, or the
 * firmware refuses or does not answer, restarts the autosuspend delay and
 * returns -EBUSY, which makes runtime PM try again after it.
 *
 * Context: process context; waits at most the answer timeout.
 *
 * Return: 0 or -EBUSY.
 */
int rproc_pm_runtime_suspend(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	int ret;

	if (!mutex_trylock(&rproc->lock)) {
		ret = -EBUSY;
		goto busy;
	}
	ret = rproc_pm_suspend_locked(rproc, RPROC_PM_AUTO);
	mutex_unlock(&rproc->lock);
	if (!ret)
		return 0;
busy:
	if (pm->dev)
		pm_runtime_mark_last_busy(pm->dev);
	return -EBUSY;
}
EXPORT_SYMBOL(rproc_pm_runtime_suspend);

/**
 * rproc_pm_runtime_resume() - runtime resume of a remote
 * @rproc: the remote processor
 *
 * For the driver's &dev_pm_ops.runtime_resume.  A failed power-up makes
 * the remote CRASHED (and recovered when recovery is enabled); the device
 * itself is then usable again, so runtime PM is told it resumed.
 *
 * Context: process context.
 *
 * Return: 0.
 */
int rproc_pm_runtime_resume(struct rproc *rproc)
{
	mutex_lock(&rproc->lock);
	rproc_pm_resume_locked(rproc);
	mutex_unlock(&rproc->lock);
	return 0;
}
EXPORT_SYMBOL(rproc_pm_runtime_resume);

/**
 * rproc_pm_system_suspend() - system sleep of a remote
 * @rproc: the remote processor
 *
 * For the driver's &dev_pm_ops.suspend.  A running remote is asked with
 * %RPROC_PM_SYSTEM and woken by rproc_pm_system_resume(); an autosuspended
 * one stays as it is and is woken by traffic after the system resumed.
 *
 * Context: process context; waits at most the answer timeout.
 *
 * Return: 0, or the error of the handshake or power-down, which aborts the
 * system suspend (as in 6.1): -EBUSY (refused, crashed or attached),
 * -ETIMEDOUT (no answer), -EIO (crashed meanwhile).
 */
int rproc_pm_system_suspend(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);
	bool running;
	int ret;

	mutex_lock(&rproc->lock);
	running = rproc->state == RPROC_RUNNING;
	ret = rproc_pm_suspend_locked(rproc, RPROC_PM_SYSTEM);
	if (!ret && running)
		pm->system_slept = true;
	mutex_unlock(&rproc->lock);

	if (ret)
		dev_err(&rproc->dev, "%s blocks system suspend: %d\n",
			rproc->name, ret);
	return ret;
}
EXPORT_SYMBOL(rproc_pm_system_suspend);

/**
 * rproc_pm_system_resume() - system wake-up of a remote
 * @rproc: the remote processor
 *
 * Wakes a remote rproc_pm_system_suspend() put to sleep.  A failed wake-up
 * is handled as a crash (see rproc_pm_runtime_resume()) and not passed on:
 * the rest of the system resumes regardless.
 *
 * Context: process context.
 *
 * Return: 0.
 */
int rproc_pm_system_resume(struct rproc *rproc)
{
	struct rproc_pm *pm = rproc_to_pm(rproc);

	mutex_lock(&rproc->lock);
	if (pm->system_slept) {
		pm->system_slept = false;
		rproc_pm_resume_locked(rproc);
		if (pm->dev)
			pm_runtime_mark_last_busy(pm->dev);
	}
	mutex_unlock(&rproc->lock);
	return 0;
}
EXPORT_SYMBOL(rproc_pm_system_resume);
