/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Remote processor framework: what the pieces of the core share with each
 * other.  Not for platform drivers: they use <linux/remoteproc.h>.
 *
 * The core is split by concern:
 *
 *   remoteproc_core.c       registration, reference counting, boot and
 *                           shutdown, the state machine
 *   remoteproc_resources.c  resource table walking, carveouts, devmem,
 *                           trace buffers, memory lookup
 *   remoteproc_recovery.c   crash reports, recovery work, panic notifier
 *   remoteproc_coredump.c   crash dumps through devcoredump
 *   remoteproc_virtio.c     vdev resources as virtio devices
 *   remoteproc_sysfs.c      the "remoteproc" class and its attributes
 *   remoteproc_pm.c         suspend and resume with the firmware's consent
 *   remoteproc_debugfs.c    debugfs (optional)
 *   remoteproc_cdev.c       /dev/remoteprocN (optional)
 *
 * Optional parts have inline stubs below so that callers need no #ifdef.
 */

#ifndef REMOTEPROC_INTERNAL_H
#define REMOTEPROC_INTERNAL_H

#include <linux/firmware.h>
#include <linux/idr.h>
#include <linux/irqreturn.h>
#include <linux/pm_runtime.h>
#include <linux/remoteproc.h>

struct firmware;
struct notifier_block;

/**
 * struct rproc_debug_trace - a trace buffer declared by the firmware
 * @trace_mem: where the buffer lives (@da and @len; resolved at read time)
 * @rproc: owning remote processor
 * @node: link in &rproc.traces
 * @tfile: its debugfs file
 */
struct rproc_debug_trace {
	struct rproc_mem_entry trace_mem;
	struct rproc *rproc;
	struct list_head node;
	struct dentry *tfile;
};

/**
 * enum rproc_recovery_status - where the automatic recovery of a remote is
 * @RPROC_RECOVERY_IDLE: nothing to recover, or recovery is disabled
 * @RPROC_RECOVERY_WAITING: crashed; a restart is due after a back-off delay
 * @RPROC_RECOVERY_RUNNING: crashed; being stopped, dumped and restarted
 * @RPROC_RECOVERY_FAILED: crashed; the last restart failed
 * @RPROC_RECOVERY_GAVE_UP: crashed too often in a row; no more restarts
 *			    until a user recovers, stops or starts it
 */
enum rproc_recovery_status {
	RPROC_RECOVERY_IDLE,
	RPROC_RECOVERY_WAITING,
	RPROC_RECOVERY_RUNNING,
	RPROC_RECOVERY_FAILED,
	RPROC_RECOVERY_GAVE_UP,
};

/**
 * struct rproc_pm - power management state of a remote (remoteproc_pm.c)
 * @ops: the driver's hardware steps; NULL when the driver has no PM, and
 *	 then nothing below is used
 * @dev: device whose runtime PM carries the remote's (the driver's)
 * @timeout_ms: how long the firmware has to answer a suspend request
 * @kick_lock: protects @asleep and @kick_deferred; taken from any context,
 *	       hard IRQ included, and held across &rproc_ops.kick
 * @answer_lock: protects @waiting and @answer; taken from any context,
 *		 including the driver's receive path inside its transport's
 *		 locks, so never held across a call into the driver
 * @asleep: kicks must not reach the hardware: a suspend is in flight or
 *	    the remote is suspended.  Kicks are then remembered in
 *	    @kick_deferred and replayed on wake-up.
 * @kick_deferred: a kick arrived while @asleep
 * @waiting: a suspend request is waiting for its answer
 * @answer: the answer received, or -1 (none yet) or -EIO (crash reported)
 * @answered: completed when @answer is set
 * @hw_down: &rproc_pm_ops.power_down succeeded and &rproc_pm_ops.power_up
 *	     has not run since (&rproc.lock)
 * @reason: what @hw_down is for (&rproc.lock)
 * @armed: the runtime PM usage count the core holds while the remote is
 *	   not running is dropped (&rproc.lock)
 * @system_slept: system suspend put the remote to sleep; system resume
 *		  wakes it (&rproc.lock)
 * @wake_work: resumes @dev on behalf of kicks and rproc_pm_wake()
 */
struct rproc_pm {
	const struct rproc_pm_ops *ops;
	struct device *dev;
	unsigned int timeout_ms;
	spinlock_t kick_lock;		/* see above */
	bool asleep;
	bool kick_deferred;
	spinlock_t answer_lock;		/* see above */
	bool waiting;
	int answer;
	struct completion answered;
	bool hw_down;
	enum rproc_pm_reason reason;
	bool armed;
	bool system_slept;
	struct work_struct wake_work;
};

/**
 * struct rproc_core - a remote processor with the state only the core sees
 * @rproc: what drivers see; rproc_alloc() hands out a pointer to it, and
 *	   the driver's private data (&rproc.priv) follows this structure
 * @going_down: the core is stopping or detaching the remote, or has done
 *		so.  Set (rproc_going_down()) before every &rproc_ops.stop and
 *		&rproc_ops.detach, cleared (rproc_coming_up()) when the remote
 *		is up again or when the stop or detach failed, both with
 *		&rproc.lock held.  The panic notifier reads it without a lock
 *		and leaves a remote that is going down alone.
 * @recovery_work: a restart delayed by the back-off (remoteproc_recovery.c)
 * @recovery: an &enum rproc_recovery_status.  Written with &rproc.lock
 *	      held, read without it (sysfs "recovery_status").
 * @crash_streak: crashes since the remote last ran for recovery_stable_ms,
 *		  or since a user started or recovered it
 * @up_since: jiffies when the remote last came up
 * @recover_at: jiffies when the restart in @recovery_work is due
 * @pm: power management, when the driver called devm_rproc_pm_init()
 * @powered: &rproc_ops.start or &rproc_ops.attach succeeded and
 *	     &rproc_ops.stop has not run since; this is what makes a second
 *	     stop impossible
 * @deleting: rproc_del() started; boot requests are refused
 * @crash_handler: work item running the crash recovery
 * @crash_lock: protects @crash_pending and @crash_closed; taken from any
 *		context, including hard IRQ
 * @crash_pending: a crash was reported and @crash_handler has not seen it
 * @crash_closed: rproc_del() ran: crash reports are dropped
 * @crash_cnt: number of crashes handled
 * @notifyids: maps a notify id to its &struct rproc_vring; lookups are
 *	       lock-free under RCU, updates happen with &rproc.lock held
 * @nb_vdev: number of virtio devices
 * @num_traces: number of entries in &rproc.traces
 * @cdev_put_on_release: shut the remote down when /dev/remoteprocN is
 *			 closed (written and read without a lock)
 *
 * All but @going_down, @recovery, @pm (which has its own locks, see
 * &struct rproc_pm), @crash_lock and what it protects, @notifyids'
 * lookups and @cdev_put_on_release are protected by &rproc.lock.
 */
struct rproc_core {
	struct rproc rproc;
	bool going_down;
	struct delayed_work recovery_work;
	int recovery;
	unsigned int crash_streak;
	unsigned long up_since;
	unsigned long recover_at;
	struct rproc_pm pm;
	bool powered;
	bool deleting;
	struct work_struct crash_handler;
	spinlock_t crash_lock;	/* crash_pending, crash_closed */
	bool crash_pending;
	bool crash_closed;
	unsigned int crash_cnt;
	struct idr notifyids;
	int nb_vdev;
	int num_traces;
	bool cdev_put_on_release;
};

static inline struct rproc_core *to_rproc_core(struct rproc *rproc)
{
	return container_of(rproc, struct rproc_core, rproc);
}

extern struct class rproc_class;

/*
 * Registered processors (remoteproc_core.c).  Updates are serialized by a
 * mutex private to the core and use the RCU list primitives; readers hold
 * rcu_read_lock().
 */
extern struct list_head rproc_list;

/*
 * Test seams: function pointers the KUnit suite of the core sets through
 * the two setters (exported to it only), to feed firmware images built in
 * memory and to see the panic delay without spending it. They exist only
 * in kernels built with that suite; in every other kernel they are NULL
 * constants and the code behind them folds away.
 */
#if IS_ENABLED(CONFIG_REMOTEPROC_KUNIT_TEST)
extern int (*rproc_request_firmware_hook)(struct rproc *rproc,
					  const struct firmware **fw);
extern void (*rproc_panic_wait_hook)(unsigned long ms);
void rproc_test_set_firmware_hook(int (*hook)(struct rproc *rproc,
					      const struct firmware **fw));
void rproc_test_set_panic_hook(void (*hook)(unsigned long ms));
#else
#define rproc_request_firmware_hook \
	((int (*)(struct rproc *, const struct firmware **))NULL)
#define rproc_panic_wait_hook	((void (*)(unsigned long))NULL)
#endif

/* remoteproc_core.c */
int rproc_get_firmware(struct rproc *rproc, const struct firmware **fw);
void rproc_put_firmware(struct rproc *rproc, const struct firmware *fw);
int rproc_prepare_subdevices(struct rproc *rproc);
int rproc_start_subdevices(struct rproc *rproc);
void rproc_stop_subdevices(struct rproc *rproc, bool crashed);
void rproc_unprepare_subdevices(struct rproc *rproc);
int rproc_boot_locked(struct rproc *rproc);
int rproc_user_start(struct rproc *rproc);
int rproc_user_stop(struct rproc *rproc);
int rproc_halt_locked(struct rproc *rproc, bool crashed);
int rproc_stop_locked(struct rproc *rproc, bool crashed);
int rproc_start_locked(struct rproc *rproc, const struct firmware *fw);
int rproc_attach_locked(struct rproc *rproc);
const char *rproc_state_name(unsigned int state);
const char *rproc_firmware_name(struct rproc *rproc);
int rproc_trigger_auto_boot(struct rproc *rproc);

/* remoteproc_resources.c */
extern unsigned long rproc_carveout_limit;
int rproc_handle_resources(struct rproc *rproc);
int rproc_alloc_registered_carveouts(struct rproc *rproc);
__printf(2, 3)
struct rproc_mem_entry *rproc_find_carveout_by_name(struct rproc *rproc,
						    const char *name, ...);
void *rproc_resource_at(struct rproc *rproc, u32 offset, size_t len);
int rproc_alloc_carveout(struct rproc *rproc, struct rproc_mem_entry *mem);
int rproc_release_carveout(struct rproc *rproc, struct rproc_mem_entry *mem);
int rproc_enable_iommu(struct rproc *rproc);
void rproc_disable_iommu(struct rproc *rproc);

/**
 * struct rproc_recovery_policy - when the core restarts a crashed remote
 * @limit: automatic restarts in a row before giving up; 0: no limit
 * @backoff_ms: delay before the second restart in a row, doubled for each
 *		further one up to %RPROC_RECOVERY_MAX_DELAY_MS; 0: none
 * @stable_ms: a run at least this long ends a row of crashes
 *
 * Set by the module parameters recovery_limit, recovery_backoff_ms and
 * recovery_stable_ms; read without a lock, one field at a time.
 */
struct rproc_recovery_policy {
	unsigned int limit;
	unsigned int backoff_ms;
	unsigned int stable_ms;
};

#define RPROC_RECOVERY_MAX_DELAY_MS	60000U

/* remoteproc_recovery.c */
int rproc_trigger_recovery(struct rproc *rproc);
int rproc_recover_locked(struct rproc *rproc);
void rproc_close_crash_reports(struct rproc *rproc);
void rproc_crash_handler_work(struct work_struct *work);
void rproc_recovery_work(struct work_struct *work);
void rproc_quiesce_recovery(struct rproc *rproc);
void rproc_forget_crash_reports(struct rproc *rproc);
void rproc_recovery_restart_streak(struct rproc *rproc);
const char *rproc_recovery_status_word(struct rproc *rproc);
int rproc_recovery_init(void);
void rproc_going_down(struct rproc *rproc);
void rproc_coming_up(struct rproc *rproc);
void rproc_now_up(struct rproc *rproc);
extern struct rproc_recovery_policy rproc_recovery_policy;
unsigned long rproc_panic_remotes(void);
unsigned long rproc_panic_delay(unsigned long asked_ms);
int rproc_panic_notify(struct notifier_block *nb, unsigned long event,
		       void *ptr);

/* remoteproc_virtio.c */
int rproc_handle_vdev(struct rproc *rproc, void *rsc, int offset, int avail);
void rproc_vdev_release_all(struct rproc *rproc);

/* remoteproc_coredump.c */
void rproc_coredump(struct rproc *rproc);
void rproc_coredump_cleanup(struct rproc *rproc);
void *rproc_coredump_build(struct rproc *rproc, bool sections, bool with_data,
			   size_t *header_size, size_t *total);

/* remoteproc_pm.c */
void rproc_pm_up(struct rproc *rproc);
void rproc_pm_down(struct rproc *rproc);
void rproc_pm_kick(struct rproc *rproc, int notifyid);
void rproc_pm_crash_reported(struct rproc *rproc);

/* Traffic from the remote restarts the autosuspend delay: a store. */
static inline void rproc_pm_mark_busy(struct rproc *rproc)
{
	struct rproc_pm *pm = &to_rproc_core(rproc)->pm;

	if (pm->ops)
		pm_runtime_mark_last_busy(pm->dev);
}

/* remoteproc_sysfs.c */
const char *rproc_recovery_word(struct rproc *rproc);
const char *rproc_coredump_word(struct rproc *rproc);
int rproc_set_recovery(struct rproc *rproc, const char *buf);
int rproc_set_coredump(struct rproc *rproc, const char *buf);
int rproc_state_command(struct rproc *rproc, const char *buf);
int rproc_init_sysfs(void);
void rproc_exit_sysfs(void);

#ifdef CONFIG_DEBUG_FS
void rproc_init_debugfs(void);
void rproc_create_debug_dir(struct rproc *rproc);
void rproc_delete_debug_dir(struct rproc *rproc);
struct dentry *rproc_create_trace_file(const char *name, struct rproc *rproc,
				       struct rproc_debug_trace *trace);
void rproc_remove_trace_file(struct dentry *tfile);
#else
static inline void rproc_init_debugfs(void) { }
static inline void rproc_create_debug_dir(struct rproc *rproc) { }
static inline void rproc_delete_debug_dir(struct rproc *rproc) { }

static inline struct dentry *
rproc_create_trace_file(const char *name, struct rproc *rproc,
			struct rproc_debug_trace *trace)
{
	return NULL;
}

static inline void rproc_remove_trace_file(struct dentry *tfile) { }
#endif

/*
 * The character device is added together with the class device; without
 * it, only the class device is added.
 */
#ifdef CONFIG_REMOTEPROC_CDEV
void rproc_init_cdev(void);
int rproc_char_device_add(struct rproc *rproc);
void rproc_char_device_remove(struct rproc *rproc);
#else
static inline void rproc_init_cdev(void) { }

static inline int rproc_char_device_add(struct rproc *rproc)
{
	return device_add(&rproc->dev);
}

static inline void rproc_char_device_remove(struct rproc *rproc)
{
	device_del(&rproc->dev);
}
#endif

/*
 * Wrappers making optional operations safe to call.  All of them are called
 * with rproc->lock held.
 */
static inline int rproc_prepare_device(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);
	return rproc->ops->prepare ? rproc->ops->prepare(rproc) : 0;
}

static inline int rproc_unprepare_device(struct rproc *rproc)
{
	lockdep_assert_held(&rproc->lock);
	return rproc->ops->unprepare ? rproc->ops->unprepare(rproc) : 0;
}

static inline int rproc_fw_sanity_check(struct rproc *rproc,
					const struct firmware *fw)
{
	return rproc->ops->sanity_check ? rproc->ops->sanity_check(rproc, fw) : 0;
}

static inline u64 rproc_get_boot_addr(struct rproc *rproc,
				      const struct firmware *fw)
{
	return rproc->ops->get_boot_addr ? rproc->ops->get_boot_addr(rproc, fw) : 0;
}

static inline int rproc_load_segments(struct rproc *rproc,
				      const struct firmware *fw)
{
	return rproc->ops->load ? rproc->ops->load(rproc, fw) : -EINVAL;
}

static inline int rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	return rproc->ops->parse_fw ? rproc->ops->parse_fw(rproc, fw) : 0;
}

static inline struct resource_table *
rproc_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	if (!rproc->ops->find_loaded_rsc_table)
		return NULL;
	return rproc->ops->find_loaded_rsc_table(rproc, fw);
}

static inline struct resource_table *
rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	if (!rproc->ops->get_loaded_rsc_table)
		return NULL;
	return rproc->ops->get_loaded_rsc_table(rproc, size);
}

/*
 * A remote that is up: running (whether we booted it or attached to it) or
 * suspended.  A suspended remote is stopped, recovered and deleted like a
 * running one; the stop wakes it first (rproc_pm_down()).
 */
static inline bool rproc_is_up(struct rproc *rproc)
{
	return rproc->state == RPROC_RUNNING || rproc->state == RPROC_ATTACHED ||
	       rproc->state == RPROC_SUSPENDED;
}

/**
 * rproc_u64_fit_in_size_t() - can a 64-bit size from a firmware image be
 *	used as a size_t here
 * @val: the size
 *
 * For the 6.1 platform drivers that size copies by ELF fields themselves.
 *
 * Return: true if @val is at most SIZE_MAX.
 */
static inline bool rproc_u64_fit_in_size_t(u64 val)
{
	return (size_t)val == val;
}

#endif /* REMOTEPROC_INTERNAL_H */
