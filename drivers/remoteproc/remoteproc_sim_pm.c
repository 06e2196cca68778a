// SPDX-License-Identifier: GPL-2.0
/*
 * Remote processor simulator: suspend and resume with the firmware's consent
 *
 * The simulated core plays the protocol of a real one through the
 * remoteproc core's power management helpers (remoteproc_pm.c):
 *
 *   request     the next RSIM_IOC_WAIT of the runner returns at once with
 *               the request in &rsim_wait.pm_request (delivered once); the
 *               runner hands it to the firmware through its host interface
 *   answer      the firmware answers with RSIM_IOC_PM_ANSWER (ACK or
 *               CANCEL), which goes to rproc_pm_answer()
 *   power_down  the runner is stopped (SIGSTOP) and the watchdog paused:
 *               a suspended core executes nothing until it is resumed
 *   power_up    the runner continues (SIGCONT), the watchdog restarts
 *
 * A suspended core can also wake by itself, as one whose peripherals have
 * a wake-up line of their own: writing to the instance's configfs "wake"
 * continues the runner and tells the firmware (RSIM_PM_WOKEN).  Linux
 * still counts the remote suspended until its first kick, which asks
 * runtime PM to resume the device; the messages it announces are
 * delivered at once either way.
 *
 * The runner is marked PF_NOFREEZE when it opens the device (see
 * rsim_pm_runner_opened()): it stands for hardware, which the freezer does
 * not stop, and it must still answer the request that system suspend sends
 * after user space is frozen.
 *
 * This file uses the PM helpers of this series' remoteproc core, which
 * mainline 6.1 lacks; it is only built with CONFIG_REMOTEPROC_SIM_PM, so
 * the rest of the simulator still builds against mainline.
 */

#include <linux/pm_runtime.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#include "remoteproc_sim.h"

/* How long the firmware has to answer: generous, the guest runs under TCG. */
#define RSIM_PM_ANSWER_MS	3000

/* Send a job-control signal to the runner; -ESHUTDOWN when there is none. */
static int rsim_pm_signal(struct rsim *rsim, int sig, bool suspended)
{
	struct pid *pid = NULL;

	spin_lock(&rsim->lock);
	WRITE_ONCE(rsim->suspended, suspended);
	if (rsim->state == RSIM_CORE_RUNNING && rsim->runner)
		pid = get_pid(rsim->runner);
	spin_unlock(&rsim->lock);

	if (!pid)
		return -ESHUTDOWN;
	kill_pid(pid, sig, 1);
	put_pid(pid);
	return 0;
}

static int rsim_pm_request(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct rsim *rsim = rproc->priv;
	u32 req = why == RPROC_PM_SYSTEM ? RSIM_PM_SUSPEND_SYSTEM :
					   RSIM_PM_SUSPEND_AUTO;

	if (rsim->uio_remote) {
		dev_err_ratelimited(rsim->dev, "a UIO remote cannot be suspended\n");
		return -EOPNOTSUPP;
	}
	if (READ_ONCE(rsim->state) != RSIM_CORE_RUNNING)
		return -ESHUTDOWN;
	atomic_set(&rsim->pm_request, req);
	wake_up(&rsim->wq);
	return 0;
}

static int rsim_pm_power_down(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct rsim *rsim = rproc->priv;
	int ret;

	ret = rsim_pm_signal(rsim, SIGSTOP, true);
	if (ret)
		return ret;
	cancel_delayed_work_sync(&rsim->watchdog);
	dev_dbg(rsim->dev, "core stopped for suspend\n");
	return 0;
}

static int rsim_pm_power_up(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct rsim *rsim = rproc->priv;
	int ret;

	ret = rsim_pm_signal(rsim, SIGCONT, false);
	if (ret) {
		dev_err(rsim->dev, "no core to resume\n");
		return ret;
	}
	if (rsim->pdata.heartbeat_ms)
		mod_delayed_work(system_wq, &rsim->watchdog,
				 msecs_to_jiffies(rsim->pdata.heartbeat_ms));
	wake_up(&rsim->wq);
	return 0;
}

static const struct rproc_pm_ops rsim_rproc_pm_ops = {
	.request		= rsim_pm_request,
	.power_down		= rsim_pm_power_down,
	.power_up		= rsim_pm_power_up,
	.answer_timeout_ms	= RSIM_PM_ANSWER_MS,
};

/**
 * rsim_pm_init() - let the remoteproc core suspend this instance
 * @rsim: the instance, being probed, its rproc not yet added
 *
 * Return: 0 or a negative error code.  Undone by devm.
 */
int rsim_pm_init(struct rsim *rsim)
{
	atomic_set(&rsim->pm_request, RSIM_PM_NONE);
	return devm_rproc_pm_init(rsim->dev, rsim->rproc, &rsim_rproc_pm_ops,
				  rsim->pdata.autosuspend_ms);
}

/**
 * rsim_pm_runner_opened() - the runner of a new boot opened the device
 * @rsim: the instance
 *
 * Called in the runner's context.  Forgets a request of a previous boot
 * and keeps the runner out of the freezer, like the hardware it stands for.
 */
void rsim_pm_runner_opened(struct rsim *rsim)
{
	atomic_set(&rsim->pm_request, RSIM_PM_NONE);
	current->flags |= PF_NOFREEZE;
}

/**
 * rsim_pm_take_request() - the request to deliver with this wait, if any
 * @rsim: the instance
 *
 * Return: an RSIM_PM_SUSPEND_* value, delivered once, or %RSIM_PM_NONE.
 */
u32 rsim_pm_take_request(struct rsim *rsim)
{
	return atomic_xchg(&rsim->pm_request, RSIM_PM_NONE);
}

/**
 * rsim_pm_remote_wake() - a wake-up event on the remote's side
 * @rsim: the instance
 *
 * Context: process context.
 *
 * Return: 0, or -EAGAIN when the core is not suspended.
 */
int rsim_pm_remote_wake(struct rsim *rsim)
{
	struct pid *pid = NULL;

	spin_lock(&rsim->lock);
	if (rsim->suspended && rsim->state == RSIM_CORE_RUNNING && rsim->runner)
		pid = get_pid(rsim->runner);
	spin_unlock(&rsim->lock);

	if (!pid)
		return -EAGAIN;
	atomic_set(&rsim->pm_request, RSIM_PM_WOKEN);
	kill_pid(pid, SIGCONT, 1);
	put_pid(pid);
	wake_up(&rsim->wq);
	return 0;
}

/**
 * rsim_pm_remote_kicked() - the core interrupted Linux
 * @rsim: the instance
 *
 * A core that woke by itself while Linux counts it suspended gets Linux
 * to resume it (asynchronously; the kick itself is handled at once).
 *
 * Context: any context.
 */
void rsim_pm_remote_kicked(struct rsim *rsim)
{
	if (READ_ONCE(rsim->suspended))
		rproc_pm_wake(rsim->rproc);
}

/**
 * rsim_pm_answer_ioctl() - RSIM_IOC_PM_ANSWER: the firmware's answer
 * @rsim: the instance
 * @arg: user pointer to RSIM_PM_ACK or RSIM_PM_CANCEL
 *
 * An answer nobody asked for is dropped (and logged) by the core.
 *
 * Return: 0, -EFAULT or -EINVAL.
 */
long rsim_pm_answer_ioctl(struct rsim *rsim, u32 __user *arg)
{
	u32 answer;

	if (get_user(answer, arg))
		return -EFAULT;
	switch (answer) {
	case RSIM_PM_ACK:
		rproc_pm_answer(rsim->rproc, RPROC_PM_ACK);
		return 0;
	case RSIM_PM_CANCEL:
		rproc_pm_answer(rsim->rproc, RPROC_PM_CANCEL);
		return 0;
	default:
		return -EINVAL;
	}
}

static int rsim_runtime_suspend(struct device *dev)
{
	struct rsim *rsim = dev_get_drvdata(dev);

	return rproc_pm_runtime_suspend(rsim->rproc);
}

static int rsim_runtime_resume(struct device *dev)
{
	struct rsim *rsim = dev_get_drvdata(dev);

	return rproc_pm_runtime_resume(rsim->rproc);
}

static int rsim_suspend(struct device *dev)
{
	struct rsim *rsim = dev_get_drvdata(dev);

	return rproc_pm_system_suspend(rsim->rproc);
}

static int rsim_resume(struct device *dev)
{
	struct rsim *rsim = dev_get_drvdata(dev);

	return rproc_pm_system_resume(rsim->rproc);
}

const struct dev_pm_ops rsim_pm_dev_ops = {
	SYSTEM_SLEEP_PM_OPS(rsim_suspend, rsim_resume)
	RUNTIME_PM_OPS(rsim_runtime_suspend, rsim_runtime_resume, NULL)
};
