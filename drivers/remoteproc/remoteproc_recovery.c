// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: crash reports and recovery.
 *
 * A crash is reported from any context (often the driver's watchdog or
 * mailbox interrupt).  The report only records that a crash is pending and
 * queues the core's crash_handler; the work then takes rproc->lock like every
 * other transition and decides with the state it finds:
 *
 *  - RUNNING or ATTACHED: the remote crashed.  Mark it CRASHED and, unless
 *    recovery is disabled, stop it, dump it and start it again.
 *  - anything else: the report came while the remote was being stopped (or
 *    it was already handled); there is nothing left to recover.
 *
 * Firmware that dies as soon as it runs must not keep the kernel reloading
 * it forever.  Crashes in a row (none of the runs between them lasted
 * rproc_recovery_policy.stable_ms) are counted: the first is recovered at
 * once, each further one after a delay that doubles from
 * rproc_recovery_policy.backoff_ms, and once rproc_recovery_policy.limit
 * restarts in a row did not help, the remote stays CRASHED with a log line
 * saying so.  A user's "recover", "start" or "stop" begins a new row.  The
 * remote reads "crashed" in sysfs from the crash until it runs again; the
 * "recovery_status" attribute tells waiting, recovering, failed and gave-up
 * apart.
 *
 * A report that arrives while another transition holds the lock is
 * therefore never lost, and it can never stop the remote a second time.
 *
 * A stop (or detach) forgets the reports that came before it returned:
 * they were about the run that just ended, and must not make the core
 * "recover" the next run, which may be up by the time the work gets the
 * lock.
 *
 * When Linux itself panics, the panic notifier gives every running remote
 * a last chance to save its state (&rproc_ops.panic).  The notifier takes
 * no lock, so it relies on one rule instead: &rproc_ops.panic is never
 * called once &rproc_ops.stop (or &rproc_ops.detach) of that remote has
 * begun, neither while it runs nor after it returned; only a stop that
 * failed makes the remote eligible again.  See rproc_going_down().
 */

#include <linux/delay.h>
#include <linux/firmware.h>
#include <linux/jiffies.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/notifier.h>
#include <linux/panic_notifier.h>
#include <linux/rculist.h>
#include <linux/remoteproc.h>
#include <linux/workqueue.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"

/* Recovery may sleep for long (firmware loading): keep it off system_wq. */
static struct workqueue_struct *rproc_recovery_wq;

struct rproc_recovery_policy rproc_recovery_policy = {
	.limit		= 5,
	.backoff_ms	= 500,
	.stable_ms	= 30000,
};
EXPORT_SYMBOL_IF_KUNIT(rproc_recovery_policy);
module_param_named(recovery_limit, rproc_recovery_policy.limit, uint, 0644);
MODULE_PARM_DESC(recovery_limit,
		 "automatic restarts of a remote that keeps crashing, in a row, before it is left crashed (0: no limit; default 5)");
module_param_named(recovery_backoff_ms, rproc_recovery_policy.backoff_ms,
		   uint, 0644);
MODULE_PARM_DESC(recovery_backoff_ms,
		 "delay before the second restart in a row, doubled for each further one up to 60 s (0: none; default 500)");
module_param_named(recovery_stable_ms, rproc_recovery_policy.stable_ms,
		   uint, 0644);
MODULE_PARM_DESC(recovery_stable_ms,
		 "a run this long ends a row of crashes (default 30000)");

static const char * const rproc_recovery_status_words[] = {
	[RPROC_RECOVERY_IDLE]		= "idle",
	[RPROC_RECOVERY_WAITING]	= "waiting",
	[RPROC_RECOVERY_RUNNING]	= "recovering",
	[RPROC_RECOVERY_FAILED]		= "failed",
	[RPROC_RECOVERY_GAVE_UP]	= "gave-up",
};

static void rproc_set_recovery_status(struct rproc *rproc,
				      enum rproc_recovery_status status)
{
	lockdep_assert_held(&rproc->lock);
	WRITE_ONCE(to_rproc_core(rproc)->recovery, status);
}

/**
 * rproc_recovery_status_word() - the "recovery_status" sysfs word
 * @rproc: the remote processor
 *
 * Context: any; reads without &rproc.lock.
 *
 * Return: "idle", "waiting", "recovering", "failed" or "gave-up".
 */
const char *rproc_recovery_status_word(struct rproc *rproc)
{
	unsigned int status = READ_ONCE(to_rproc_core(rproc)->recovery);

	if (status >= ARRAY_SIZE(rproc_recovery_status_words))
		status = RPROC_RECOVERY_IDLE;
	return rproc_recovery_status_words[status];
}
EXPORT_SYMBOL_IF_KUNIT(rproc_recovery_status_word);

/**
 * rproc_recovery_restart_streak() - forget the crashes in a row so far
 * @rproc: the remote processor, being started or recovered by a user
 *
 * Context: &rproc.lock held.
 */
void rproc_recovery_restart_streak(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	to_rproc_core(rproc)->crash_streak = 0;
	rproc_set_recovery_status(rproc, RPROC_RECOVERY_IDLE);
}

/*
 * Delay before the automatic restart after crash number @streak of a row:
 * none for the first, then backoff_ms, doubled each time, at most
 * RPROC_RECOVERY_MAX_DELAY_MS.
 */
static unsigned int rproc_recovery_delay_ms(unsigned int streak)
{
	unsigned int ms = READ_ONCE(rproc_recovery_policy.backoff_ms);
	unsigned int shift;

	if (streak <= 1 || !ms)
		return 0;
	shift = min(streak - 2, 16U);
	if (ms > RPROC_RECOVERY_MAX_DELAY_MS >> shift)
		return RPROC_RECOVERY_MAX_DELAY_MS;
	return ms << shift;
}

static const char *rproc_crash_type_name(enum rproc_crash_type type)
{
	switch (type) {
	case RPROC_MMUFAULT:
		return "mmufault";
	case RPROC_WATCHDOG:
		return "watchdog";
	case RPROC_FATAL_ERROR:
		return "fatal error";
	}
	return "unknown";
}

/**
 * rproc_report_crash() - tell the core that a remote processor crashed
 * @rproc: the remote processor
 * @type: what went wrong
 *
 * Queues the recovery and returns at once.  Reports that arrive before the
 * recovery work ran are handled once.
 *
 * Context: any context, hard IRQ included.
 */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type)
{
	struct rproc_core *core;
	unsigned long flags;

	if (!rproc) {
		pr_err_ratelimited("remoteproc: crash reported without a processor\n");
		return;
	}
	core = to_rproc_core(rproc);

	dev_err_ratelimited(&rproc->dev, "crash detected in %s: type %s\n",
			    rproc->name, rproc_crash_type_name(type));

	spin_lock_irqsave(&core->crash_lock, flags);
	if (!core->crash_closed) {
		core->crash_pending = true;
		queue_work(rproc_recovery_wq, &core->crash_handler);
	}
	spin_unlock_irqrestore(&core->crash_lock, flags);

	rproc_pm_crash_reported(rproc);
}
EXPORT_SYMBOL(rproc_report_crash);

/**
 * rproc_close_crash_reports() - stop queueing recovery for a processor
 * @rproc: the remote processor, being deleted
 *
 * After this returns no report queues the work again, so a following
 * cancel_work_sync() leaves it idle for good.
 */
void rproc_close_crash_reports(struct rproc *rproc)
{
	struct rproc_core *core = to_rproc_core(rproc);
	unsigned long flags;

	spin_lock_irqsave(&core->crash_lock, flags);
	core->crash_closed = true;
	core->crash_pending = false;
	spin_unlock_irqrestore(&core->crash_lock, flags);
}

static bool rproc_take_crash_report(struct rproc *rproc)
{
	struct rproc_core *core = to_rproc_core(rproc);
	unsigned long flags;
	bool pending;

	spin_lock_irqsave(&core->crash_lock, flags);
	pending = core->crash_pending;
	core->crash_pending = false;
	spin_unlock_irqrestore(&core->crash_lock, flags);

	return pending;
}

/**
 * rproc_forget_crash_reports() - drop the reports about the run that ended
 * @rproc: the remote processor, just stopped or detached
 *
 * A report that arrived before or during the stop (often raised by the
 * stop itself) may still have the work queued; the work then finds nothing
 * pending and leaves the next run alone.
 *
 * Context: &rproc.lock held.
 */
void rproc_forget_crash_reports(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	if (rproc_take_crash_report(rproc))
		dev_dbg(&rproc->dev, "crash report of the stopped run dropped\n");
}

/* Bring a remote that restarts by itself back under our control. */
static int rproc_reattach_locked(struct rproc *rproc)
{
	int ret;

	lockdep_assert_held(&rproc->lock);

	if (!rproc->ops->attach)
		return -EINVAL;

	ret = rproc_prepare_subdevices(rproc);
	if (ret)
		return ret;

	ret = rproc->ops->attach(rproc);
	if (ret)
		goto unprepare;
	to_rproc_core(rproc)->powered = true;

	ret = rproc_start_subdevices(rproc);
	if (ret)
		goto unprepare;

	rproc_now_up(rproc);
	rproc->state = RPROC_ATTACHED;
	return 0;

unprepare:
	rproc_unprepare_subdevices(rproc);
	return ret;
}

/**
 * rproc_recover_locked() - stop, dump and restart a crashed remote
 * @rproc: the remote processor, CRASHED
 *
 * Keeps the resources (carveouts, vrings) and reloads the same image into
 * them.  The remote stays CRASHED until it runs again.  When the restart
 * fails it stays CRASHED and stopped; a later recovery or shutdown does not
 * stop it again.
 *
 * Context: &rproc.lock held.
 *
 * Return: 0 on success or a negative errno.
 */
int rproc_recover_locked(struct rproc *rproc)
{
	struct device *dev = &rproc->dev;
	const struct firmware *fw;
	int ret;

	lockdep_assert_held(&rproc->lock);

	dev_info(dev, "recovering %s\n", rproc->name);
	rproc_set_recovery_status(rproc, RPROC_RECOVERY_RUNNING);

	ret = rproc_halt_locked(rproc, true);
	if (ret)
		goto failed;

	rproc_coredump(rproc);

	if (test_bit(RPROC_FEAT_ATTACH_ON_RECOVERY, rproc->features)) {
		ret = rproc_reattach_locked(rproc);
		if (ret)
			goto failed;
		rproc_set_recovery_status(rproc, RPROC_RECOVERY_IDLE);
		return 0;
	}

	ret = rproc_get_firmware(rproc, &fw);
	if (ret)
		goto failed;

	ret = rproc_start_locked(rproc, fw);
	rproc_put_firmware(rproc, fw);
	if (ret)
		goto failed;

	rproc_set_recovery_status(rproc, RPROC_RECOVERY_IDLE);
	dev_info(dev, "%s recovered\n", rproc->name);
	return 0;

failed:
	rproc->state = RPROC_CRASHED;
	rproc_set_recovery_status(rproc, RPROC_RECOVERY_FAILED);
	dev_err(dev, "recovery of %s failed: %d\n", rproc->name, ret);
	return ret;
}

/**
 * rproc_trigger_recovery() - recover a crashed remote now
 * @rproc: the remote processor
 *
 * Used by the sysfs and debugfs "recover" commands, also when recovery is
 * disabled or gave up; the row of crashes starts anew.
 *
 * Return: 0 on success, -EINVAL when the remote is not CRASHED, -EINTR, or
 * the error of the recovery.
 */
int rproc_trigger_recovery(struct rproc *rproc)
{
	int ret;

	ret = mutex_lock_interruptible(&rproc->lock);
	if (ret)
		return ret;

	if (rproc->state != RPROC_CRASHED || to_rproc_core(rproc)->deleting) {
		ret = -EINVAL;
	} else {
		rproc_recovery_restart_streak(rproc);
		ret = rproc_recover_locked(rproc);
	}

	mutex_unlock(&rproc->lock);
	return ret;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_trigger_recovery);

/*
 * Count a crash into its row and restart the remote: at once, after the
 * back-off delay, or, past the limit, not at all.
 */
static void rproc_schedule_recovery(struct rproc *rproc)
{
	struct rproc_core *core = to_rproc_core(rproc);
	unsigned int limit = READ_ONCE(rproc_recovery_policy.limit);
	unsigned int stable_ms = READ_ONCE(rproc_recovery_policy.stable_ms);
	struct device *dev = &rproc->dev;
	unsigned int delay_ms;

	lockdep_assert_held(&rproc->lock);

	if (time_after_eq(jiffies,
			  core->up_since + msecs_to_jiffies(stable_ms)))
		core->crash_streak = 0;
	if (core->crash_streak < UINT_MAX)
		core->crash_streak++;

	if (limit && core->crash_streak > limit) {
		rproc_set_recovery_status(rproc, RPROC_RECOVERY_GAVE_UP);
		dev_err(dev, "%s crashed %u times in a row, each within %u ms of starting: no more automatic recovery, it stays crashed until recovered, stopped or started by a user\n",
			rproc->name, core->crash_streak, stable_ms);
		return;
	}

	delay_ms = rproc_recovery_delay_ms(core->crash_streak);
	if (!delay_ms) {
		rproc_recover_locked(rproc);
		return;
	}

	dev_info(dev, "restarting %s in %u ms (crash %u in a row)\n",
		 rproc->name, delay_ms, core->crash_streak);
	core->recover_at = jiffies + msecs_to_jiffies(delay_ms);
	rproc_set_recovery_status(rproc, RPROC_RECOVERY_WAITING);
	mod_delayed_work(rproc_recovery_wq, &core->recovery_work,
			 msecs_to_jiffies(delay_ms));
}

/**
 * rproc_crash_handler_work() - act on pending crash reports
 * @work: &rproc_core.crash_handler
 */
void rproc_crash_handler_work(struct work_struct *work)
{
	struct rproc_core *core = container_of(work, struct rproc_core,
					       crash_handler);
	struct rproc *rproc = &core->rproc;
	struct device *dev = &rproc->dev;

	mutex_lock(&rproc->lock);

	if (!rproc_take_crash_report(rproc))
		goto unlock;

	if (core->deleting || !rproc_is_up(rproc)) {
		dev_info(dev, "crash report dropped: %s is %s\n", rproc->name,
			 rproc_state_name(rproc->state));
		goto unlock;
	}

	rproc->state = RPROC_CRASHED;
	core->crash_cnt++;
	dev_err(dev, "handling crash #%u in %s\n", core->crash_cnt, rproc->name);

	if (rproc->recovery_disabled) {
		dev_info(dev, "recovery disabled: %s stays crashed\n",
			 rproc->name);
		goto unlock;
	}

	rproc_schedule_recovery(rproc);
unlock:
	mutex_unlock(&rproc->lock);
}

/**
 * rproc_recovery_work() - a restart that waited out its back-off delay
 * @work: &rproc_core.recovery_work
 *
 * Does nothing unless the remote is still CRASHED and waiting for this
 * restart: a user may have stopped, recovered or restarted it meanwhile,
 * or disabled recovery.
 */
void rproc_recovery_work(struct work_struct *work)
{
	struct rproc_core *core = container_of(to_delayed_work(work),
					       struct rproc_core,
					       recovery_work);
	struct rproc *rproc = &core->rproc;

	mutex_lock(&rproc->lock);
	if (rproc->state != RPROC_CRASHED || to_rproc_core(rproc)->deleting ||
	    core->recovery != RPROC_RECOVERY_WAITING)
		goto unlock;
	/* An earlier run of the work, late for the lock: the next is due. */
	if (time_before(jiffies, core->recover_at))
		goto unlock;

	if (rproc->recovery_disabled) {
		rproc_set_recovery_status(rproc, RPROC_RECOVERY_IDLE);
		dev_info(&rproc->dev, "recovery disabled: %s stays crashed\n",
			 rproc->name);
		goto unlock;
	}
	rproc_recover_locked(rproc);
unlock:
	mutex_unlock(&rproc->lock);
}

/**
 * rproc_quiesce_recovery() - no more crash handling or restarts, for good
 * @rproc: the remote processor, being deleted (or never added)
 *
 * Context: process context, &rproc.lock not held.
 */
void rproc_quiesce_recovery(struct rproc *rproc)
{
	rproc_close_crash_reports(rproc);
	cancel_work_sync(&to_rproc_core(rproc)->crash_handler);
	/* The crash work cannot queue it any more. */
	cancel_delayed_work_sync(&to_rproc_core(rproc)->recovery_work);
}

/* The longest a panicking kernel waits for its remotes */
#define RPROC_PANIC_MAX_MS	5000U

/*
 * Panic notifier walks in progress.  With each remote's &rproc_core
 * going_down mark, it is one half of a store-buffering handshake: the
 * notifier raises this count and then reads the marks, a stop raises its
 * mark and then reads this count, each with a full barrier in between.  At
 * least one of them sees the other: either the notifier skips the remote,
 * or the stop waits until the notifier is done with ->panic before calling
 * ->stop.
 */
static atomic_t rproc_panic_walks = ATOMIC_INIT(0);

/**
 * rproc_going_down() - mark a remote as leaving before ->stop or ->detach
 * @rproc: the remote processor
 *
 * From here on the panic notifier no longer calls &rproc_ops.panic of
 * @rproc.  If a notifier walk is under way on another CPU, waits for it to
 * end, so that ->panic and ->stop never overlap.  (On a real panic the
 * other CPUs are being stopped and this CPU does not get far.)
 *
 * Context: &rproc.lock held, right before ->stop or ->detach.
 */
void rproc_going_down(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	WRITE_ONCE(to_rproc_core(rproc)->going_down, true);
	/* Publish the mark before looking for a walk; pairs with the walk. */
	smp_mb();
	while (atomic_read(&rproc_panic_walks))
		cpu_relax();
}

/**
 * rproc_coming_up() - clear the mark of rproc_going_down()
 * @rproc: the remote processor, up again or still up after a failed stop
 *
 * The notifier also checks the state, so the order of this against the
 * state change does not matter: until both say "up", the remote is simply
 * not told.
 *
 * Context: &rproc.lock held.
 */
void rproc_coming_up(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);

	WRITE_ONCE(to_rproc_core(rproc)->going_down, false);
}

/**
 * rproc_now_up() - the remote was started or attached to
 * @rproc: the remote processor
 *
 * rproc_coming_up(), and the start of the run whose length decides whether
 * a crash continues a row of crashes.
 *
 * Context: &rproc.lock held.
 */
void rproc_now_up(struct rproc *rproc)
{
	rproc_coming_up(rproc);
	to_rproc_core(rproc)->up_since = jiffies;
}

/**
 * rproc_panic_remotes() - warn every running remote that Linux panics
 *
 * Calls &rproc_ops.panic of each registered processor that is RUNNING or
 * ATTACHED and not going down (see rproc_going_down()).  Nothing here
 * sleeps or takes a lock that a panicking CPU may hold: the list is walked
 * under RCU and the state is read without &rproc.lock (a processor being
 * started right now may be skipped; one being stopped is always skipped).
 *
 * Return: the longest delay, in milliseconds, the drivers asked for.
 */
unsigned long rproc_panic_remotes(void)
{
	unsigned long wait_ms = 0;
	struct rproc *rproc;

	atomic_inc(&rproc_panic_walks);
	/* Announce the walk before reading the marks; pairs with the stop. */
	smp_mb__after_atomic();

	rcu_read_lock();
	list_for_each_entry_rcu(rproc, &rproc_list, node) {
		unsigned int state = READ_ONCE(rproc->state);

		if (!rproc->ops->panic)
			continue;
		if (state != RPROC_RUNNING && state != RPROC_ATTACHED)
			continue;
		if (READ_ONCE(to_rproc_core(rproc)->going_down))
			continue;
		wait_ms = max(wait_ms, rproc->ops->panic(rproc));
	}
	rcu_read_unlock();

	/* Every ->panic has returned: a stop waiting on us may go on. */
	smp_mb__before_atomic();
	atomic_dec(&rproc_panic_walks);
	return wait_ms;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_panic_remotes);

/**
 * rproc_panic_delay() - how long the panic waits for the remotes
 * @asked_ms: the longest delay the drivers asked for
 *
 * A delay above %RPROC_PANIC_MAX_MS (a driver returning a negative errno,
 * say) is cut down to it, so that a bad driver cannot keep a crash dump or
 * reboot from happening.
 *
 * Return: the delay in milliseconds, at most %RPROC_PANIC_MAX_MS.
 */
unsigned long rproc_panic_delay(unsigned long asked_ms)
{
	return min_t(unsigned long, asked_ms, RPROC_PANIC_MAX_MS);
}
EXPORT_SYMBOL_IF_KUNIT(rproc_panic_delay);

#if IS_ENABLED(CONFIG_REMOTEPROC_KUNIT_TEST)
/*
 * How the notifier waits.  Only the KUnit suite replaces it, to see the
 * delay without spending it; everything else busy-waits with mdelay().
 */
void (*rproc_panic_wait_hook)(unsigned long ms);

/**
 * rproc_test_set_panic_hook() - let the KUnit suite see the panic delay
 * @hook: called instead of waiting; NULL restores the wait
 */
void rproc_test_set_panic_hook(void (*hook)(unsigned long ms))
{
	rproc_panic_wait_hook = hook;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_test_set_panic_hook);
#endif

/**
 * rproc_panic_notify() - the remoteproc entry of panic_notifier_list
 * @nb: the notifier block
 * @event: unused
 * @ptr: unused (the panic message)
 *
 * The remotes cannot tell Linux when they are done (interrupts are off), so
 * the panic is held up once, for the longest delay any of them asked for
 * (see rproc_panic_delay()), rather than once per remote.
 *
 * Context: panic, atomic.
 *
 * Return: NOTIFY_DONE.
 */
int rproc_panic_notify(struct notifier_block *nb, unsigned long event,
		       void *ptr)
{
	unsigned long asked_ms = rproc_panic_remotes();
	unsigned long wait_ms = rproc_panic_delay(asked_ms);

	if (wait_ms < asked_ms)
		pr_warn("remoteproc: a panic delay of %lu ms cut to %lu ms\n",
			asked_ms, wait_ms);
	if (!wait_ms)
		return NOTIFY_DONE;

	if (rproc_panic_wait_hook)
		rproc_panic_wait_hook(wait_ms);
	else
		mdelay(wait_ms);
	return NOTIFY_DONE;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_panic_notify);

static struct notifier_block rproc_panic_block = {
	.notifier_call	= rproc_panic_notify,
};

/**
 * rproc_recovery_init() - create the recovery workqueue, hook into panic
 *
 * Return: 0 or -ENOMEM.
 */
int rproc_recovery_init(void)
{
	rproc_recovery_wq = alloc_workqueue("rproc_recovery_wq",
					    WQ_UNBOUND | WQ_FREEZABLE, 0);
	if (!rproc_recovery_wq)
		return -ENOMEM;

	atomic_notifier_chain_register(&panic_notifier_list,
				       &rproc_panic_block);
	return 0;
}
