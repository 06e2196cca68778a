// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the remoteproc core's suspend and resume (remoteproc_pm.c)
 * with a scripted driver: which states may suspend, what each answer of
 * the firmware leads to, kicks held while the core is down and replayed
 * once per vring, and the rules for system sleep, stop and failed wake-ups.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/remoteproc.h>

#include "remoteproc_internal.h"

#define PM_TEST_MAX_KICKS	8

/**
 * struct pm_test - a remote driven by a scripted driver
 * @rproc: the remote, allocated, never added
 * @parent: its parent device
 * @rvdev: one vdev with two live vrings (notify ids 0 and 1)
 * @kicks: notify ids kicked, in order
 * @nr_kicks: kicks made (entries in @kicks, up to its size)
 * @answers: the firmware answers the request at once
 * @answer: what it answers
 * @request_err: error of the request
 * @down_err: error of the power-down
 * @up_err: error of the power-up
 * @nr_requests: requests sent
 * @nr_down: power-downs
 * @nr_up: power-ups
 * @why: reason of the last request
 */
struct pm_test {
	struct rproc *rproc;
	struct device *parent;
	struct rproc_vdev rvdev;
	int kicks[PM_TEST_MAX_KICKS];
	unsigned int nr_kicks;
	bool answers;
	enum rproc_pm_answer answer;
	int request_err;
	int down_err;
	int up_err;
	unsigned int nr_requests;
	unsigned int nr_down;
	unsigned int nr_up;
	enum rproc_pm_reason why;
};

static struct pm_test *pm_test_of(struct rproc *rproc)
{
	return *(struct pm_test **)rproc->priv;
}

static int pm_test_start(struct rproc *rproc)
{
	return 0;
}

static int pm_test_stop(struct rproc *rproc)
{
	return 0;
}

static void pm_test_kick(struct rproc *rproc, int vqid)
{
	struct pm_test *t = pm_test_of(rproc);

	if (t->nr_kicks < PM_TEST_MAX_KICKS)
		t->kicks[t->nr_kicks] = vqid;
	t->nr_kicks++;
}

static const struct rproc_ops pm_test_ops = {
	.start	= pm_test_start,
	.stop	= pm_test_stop,
	.kick	= pm_test_kick,
};

static int pm_test_request(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct pm_test *t = pm_test_of(rproc);

	t->nr_requests++;
	t->why = why;
	if (t->request_err)
		return t->request_err;
	if (t->answers)
		rproc_pm_answer(rproc, t->answer);
	return 0;
}

static int pm_test_power_down(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct pm_test *t = pm_test_of(rproc);

	t->nr_down++;
	return t->down_err;
}

static int pm_test_power_up(struct rproc *rproc, enum rproc_pm_reason why)
{
	struct pm_test *t = pm_test_of(rproc);

	t->nr_up++;
	return t->up_err;
}

static const struct rproc_pm_ops pm_test_pm_ops = {
	.request		= pm_test_request,
	.power_down		= pm_test_power_down,
	.power_up		= pm_test_power_up,
	.answer_timeout_ms	= 50,
};

static int pm_test_init(struct kunit *test)
{
	struct pm_test *t;
	int i;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	test->priv = t;

	/*
	 * No owner module: 6.1 runs a module's suites while the module is
	 * still coming up, before the sysfs directory an owner link needs.
	 */
	t->parent = __root_device_register("rproc-pm-kunit", NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t->parent);

	t->rproc = rproc_alloc(t->parent, "pm-kunit", &pm_test_ops, NULL,
			       sizeof(t));
	KUNIT_ASSERT_NOT_NULL(test, t->rproc);
	*(struct pm_test **)t->rproc->priv = t;
	t->rproc->recovery_disabled = true;

	KUNIT_ASSERT_EQ(test, devm_rproc_pm_init(t->parent, t->rproc,
						 &pm_test_pm_ops, -1), 0);

	/* Two vrings with a virtqueue: what the replay looks for. */
	t->rvdev.num_vrings = 2;
	for (i = 0; i < 2; i++) {
		t->rvdev.vring[i].notifyid = i;
		t->rvdev.vring[i].vq = (struct virtqueue *)t;
	}
	list_add(&t->rvdev.node, &t->rproc->rvdevs);

	t->rproc->state = RPROC_RUNNING;
	to_rproc_core(t->rproc)->powered = true;
	t->answers = true;
	t->answer = RPROC_PM_ACK;
	return 0;
}

static void pm_test_exit(struct kunit *test)
{
	struct pm_test *t = test->priv;

	if (!t || !t->rproc)
		return;
	list_del(&t->rvdev.node);
	cancel_work_sync(&to_rproc_core(t->rproc)->crash_handler);
	/* devres of the parent first: it still refers to the remote. */
	root_device_unregister(t->parent);
	rproc_free(t->rproc);
}

static void pm_test_down(struct pm_test *t)
{
	mutex_lock(&t->rproc->lock);
	rproc_pm_down(t->rproc);
	mutex_unlock(&t->rproc->lock);
}

/* Kicks while suspended reach nothing; resume kicks each vring once. */
static void pm_test_kick_replay(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_SUSPENDED);
	KUNIT_EXPECT_EQ(test, t->why, RPROC_PM_AUTO);
	KUNIT_EXPECT_EQ(test, t->nr_down, 1);

	rproc_pm_kick(t->rproc, 1);
	rproc_pm_kick(t->rproc, 1);
	rproc_pm_kick(t->rproc, 0);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 0);

	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);
	KUNIT_ASSERT_EQ(test, t->nr_kicks, 2);
	KUNIT_EXPECT_NE(test, t->kicks[0], t->kicks[1]);

	/* Awake again: straight through, and nothing replayed twice. */
	rproc_pm_kick(t->rproc, 1);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 3);
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 3);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);
}

/* Without a kick meanwhile, resume kicks nothing. */
static void pm_test_no_spurious_kicks(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 0);
}

/* CANCEL and silence keep the remote running; late answers are dropped. */
static void pm_test_refusals(struct kunit *test)
{
	struct pm_test *t = test->priv;

	t->answer = RPROC_PM_CANCEL;
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, t->why, RPROC_PM_SYSTEM);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);

	t->answers = false;
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_suspend(t->rproc), -EBUSY);

	/* The late ACK must not answer the next request. */
	rproc_pm_answer(t->rproc, RPROC_PM_ACK);
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, t->nr_down, 0);

	rproc_pm_kick(t->rproc, 0);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 1);
}

/* Failed request or power-down: running, held kicks sent. */
static void pm_test_driver_failures(struct kunit *test)
{
	struct pm_test *t = test->priv;

	t->request_err = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), -EIO);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, t->nr_down, 0);

	t->request_err = 0;
	t->down_err = -ETIMEDOUT;
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, t->nr_down, 1);

	rproc_pm_kick(t->rproc, 0);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 1);
}

/* Only a running remote without a pending crash report is asked. */
static void pm_test_states(struct kunit *test)
{
	struct pm_test *t = test->priv;
	static const struct {
		unsigned int state;
		int ret;
	} cases[] = {
		{ RPROC_OFFLINE, 0 },
		{ RPROC_DETACHED, 0 },
		{ RPROC_CRASHED, -EBUSY },
		{ RPROC_ATTACHED, -EBUSY },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t->rproc->state = cases[i].state;
		KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc),
				cases[i].ret);
		KUNIT_EXPECT_EQ(test, t->rproc->state, cases[i].state);
	}

	t->rproc->state = RPROC_RUNNING;
	to_rproc_core(t->rproc)->crash_pending = true;
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_suspend(t->rproc), -EBUSY);
	to_rproc_core(t->rproc)->crash_pending = false;

	KUNIT_EXPECT_EQ(test, t->nr_requests, 0);
}

/*
 * System sleep wakes only what it put to sleep: an autosuspended remote
 * stays asleep until traffic wakes it.
 */
static void pm_test_system_sleep(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_system_suspend(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_SUSPENDED);
	KUNIT_ASSERT_EQ(test, rproc_pm_system_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_pm_system_suspend(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_pm_system_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_SUSPENDED);
	KUNIT_EXPECT_EQ(test, t->nr_requests, 2);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);
}

/* A stop wakes a suspended core first; if that fails, ->stop is skipped. */
static void pm_test_stop_while_suspended(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	pm_test_down(t);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);
	KUNIT_EXPECT_TRUE(test, to_rproc_core(t->rproc)->powered);

	t->rproc->state = RPROC_RUNNING;
	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	t->up_err = -EIO;
	pm_test_down(t);
	KUNIT_EXPECT_EQ(test, t->nr_up, 2);
	KUNIT_EXPECT_FALSE(test, to_rproc_core(t->rproc)->powered);

	/* Nothing is woken twice. */
	pm_test_down(t);
	KUNIT_EXPECT_EQ(test, t->nr_up, 2);
}

/* A failed wake-up is a crash of a remote that is already down. */
static void pm_test_resume_fails(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	rproc_pm_kick(t->rproc, 0);
	t->up_err = -EIO;
	KUNIT_EXPECT_EQ(test, rproc_pm_runtime_resume(t->rproc), 0);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, to_rproc_core(t->rproc)->crash_cnt, 1);
	KUNIT_EXPECT_FALSE(test, to_rproc_core(t->rproc)->powered);
	/* The held kick died with the run; new ones are held, not sent. */
	rproc_pm_kick(t->rproc, 1);
	KUNIT_EXPECT_EQ(test, t->nr_kicks, 0);
}

/* A crash reported about a suspended remote is handled at once. */
static void pm_test_crash_reports(struct kunit *test)
{
	struct pm_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, rproc_pm_runtime_suspend(t->rproc), 0);
	rproc_report_crash(t->rproc, RPROC_WATCHDOG);
	flush_work(&to_rproc_core(t->rproc)->crash_handler);
	KUNIT_EXPECT_EQ(test, t->rproc->state, RPROC_CRASHED);

	pm_test_down(t);
	KUNIT_EXPECT_EQ(test, t->nr_up, 1);
	KUNIT_EXPECT_TRUE(test, to_rproc_core(t->rproc)->powered);
}

static struct kunit_case pm_test_cases[] = {
	KUNIT_CASE(pm_test_kick_replay),
	KUNIT_CASE(pm_test_no_spurious_kicks),
	KUNIT_CASE(pm_test_refusals),
	KUNIT_CASE(pm_test_driver_failures),
	KUNIT_CASE(pm_test_states),
	KUNIT_CASE(pm_test_system_sleep),
	KUNIT_CASE(pm_test_stop_while_suspended),
	KUNIT_CASE(pm_test_resume_fails),
	KUNIT_CASE(pm_test_crash_reports),
	{}
};

static struct kunit_suite pm_test_suite = {
	.name = "remoteproc_pm",
	.init = pm_test_init,
	.exit = pm_test_exit,
	.test_cases = pm_test_cases,
};

kunit_test_suite(pm_test_suite);

MODULE_DESCRIPTION("KUnit tests for remoteproc suspend and resume");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
