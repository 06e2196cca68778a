/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Remote processor simulator: definitions shared by its parts
 *
 * remoteproc_sim_main.c	memory pool, platform driver, rproc ops
 * remoteproc_sim_runner.c	character device used by the core runner
 * remoteproc_sim_configfs.c	instances created from userspace
 * remoteproc_sim_pm.c		suspend and resume (CONFIG_REMOTEPROC_SIM_PM)
 * remoteproc_sim_uio.c		remotes in Linux userspace (CONFIG_REMOTEPROC_SIM_UIO)
 *
 * Only the public remoteproc driver API is used, so the simulator builds
 * against any remoteproc core that offers Linux 6.1's interface.
 */
#ifndef REMOTEPROC_SIM_H
#define REMOTEPROC_SIM_H

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/irqreturn.h>
#include <linux/miscdevice.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uio_driver.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <uapi/linux/remoteproc_sim.h>

#define RSIM_DRV_NAME		"rproc-sim"
#define RSIM_MAX_REGIONS	16
/* "runner" value that picks the runner by the image's ELF machine */
#define RSIM_RUNNER_AUTO	"auto"
/* "runner" value of an instance whose remote is a process using UIO */
#define RSIM_RUNNER_UIO		"uio"
/* processes (and device nodes) that may map a UIO remote's memory */
#define RSIM_UIO_MAPPERS	4
#define RSIM_RUNNER_X86_64	"/usr/bin/rproc-sim-core"
#define RSIM_RUNNER_ARM		"/usr/bin/rproc-sim-m3"
#define RSIM_DEFAULT_FIRMWARE	"rproc-sim-heartbeat.elf"
#define RSIM_DEFAULT_ATTACH_MS	10000
#define RSIM_MAX_POLL_US	1000	/* longest poll before a wait sleeps */
#define RSIM_FW_LEN		64	/* firmware name, NUL included */
#define RSIM_RUNNER_LEN		128	/* runner path, NUL included */

struct firmware;
struct resource_table;
struct rproc;
struct vm_area_struct;

/*
 * Linux 6.1 declares the ELF helpers and rproc_vq_interrupt() only in its
 * private remoteproc_internal.h, newer cores in <linux/remoteproc.h>.  The
 * functions are exported either way; repeating the prototypes lets this
 * driver build against both without touching a private header.
 */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw);
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

/**
 * struct rsim_region_cfg - a device-memory region as configured
 * @name: region name; "vdev<N>vring<M>" and "vdev<N>buffer" are used by
 *	the virtio transport for vrings and message buffers
 * @da: device address (page aligned, below 4 GiB)
 * @size: length in bytes (page aligned)
 * @pa: physical address the region must have, 0 = anywhere in the pool
 */
struct rsim_region_cfg {
	char name[RSIM_NAME_LEN];
	u64 da;
	u64 size;
	u64 pa;
};

/**
 * struct rsim_pdata - platform data handed from configfs to probe
 * @name: instance name, also the remote processor name
 * @firmware: default firmware file name
 * @runner: path of the core runner executable, or RSIM_RUNNER_AUTO
 * @heartbeat_ms: watchdog period, 0 = no watchdog
 * @attach_timeout_ms: how long start waits for the runner
 * @autosuspend_ms: idle time before runtime suspend, negative = never
 * @poll_us: how long the core polls for a kick before it sleeps; the one
 *	field configfs changes while the device lives (WRITE_ONCE() under
 *	the instance's lock, READ_ONCE() by the waiting runner)
 * @nr_regions: entries used in @regions
 * @regions: the memory map
 * @probe_err: where probe stores its result, read back by the configfs
 *	writer of "live" (probing is synchronous and manual binding is
 *	disabled, so the pointer is only used while that writer waits)
 */
struct rsim_pdata {
	char name[RSIM_NAME_LEN];
	char firmware[RSIM_FW_LEN];
	char runner[RSIM_RUNNER_LEN];
	u32 heartbeat_ms;
	u32 attach_timeout_ms;
	s32 autosuspend_ms;
	u32 poll_us;
	unsigned int nr_regions;
	struct rsim_region_cfg regions[RSIM_MAX_REGIONS];
	int *probe_err;
};

/**
 * struct rsim_region - a region carved from the pool for one instance
 * @cfg: name, device address and size
 * @pa: physical address inside the pool
 * @va: kernel mapping, or NULL for buffer regions, which the virtio
 *	transport maps itself when it declares them as DMA memory
 */
struct rsim_region {
	struct rsim_region_cfg cfg;
	phys_addr_t pa;
	void *va;
};

/**
 * enum rsim_core_state - life cycle of the simulated core
 * @RSIM_CORE_OFF: no runner
 * @RSIM_CORE_STARTING: runner launched, not ready yet
 * @RSIM_CORE_RUNNING: runner executes the firmware
 * @RSIM_CORE_STOPPING: runner is being killed
 */
enum rsim_core_state {
	RSIM_CORE_OFF,
	RSIM_CORE_STARTING,
	RSIM_CORE_RUNNING,
	RSIM_CORE_STOPPING,
};

/**
 * struct rsim_uio_mapper - a process that mapped a UIO remote's memory
 * @inode: the device node it mapped through (a reference)
 * @mm: its address space (a reference to the mm_struct only)
 */
struct rsim_uio_mapper {
	struct inode *inode;
	struct mm_struct *mm;
};

/**
 * struct rsim_uio - the UIO device of an instance whose remote is a process
 * @info: the UIO device, registered while the core is on
 * @flags: RSIM_UIO_LIVE (registered: kicks may notify it), RSIM_UIO_MASKED
 *	(the remote masked Linux's kicks), RSIM_UIO_DEFERRED (a kick came
 *	while they were masked); atomic bit operations
 * @users: open files of the device (under &rsim.lock)
 * @attached: a remote opened the device during this boot (under &rsim.lock)
 * @mappers: who mapped memory this boot, held so that stop can revoke
 *	those mappings (under &rsim.lock)
 * @name: storage for @info's name
 */
struct rsim_uio {
	struct uio_info info;
	unsigned long flags;
	unsigned int users;
	bool attached;
	struct rsim_uio_mapper mappers[RSIM_UIO_MAPPERS];
	char name[RSIM_NAME_LEN + 16];
};

/**
 * struct rsim - one simulator instance (driver data of its platform device)
 * @dev: the platform device
 * @rproc: the registered remote processor
 * @pdata: configuration copied at probe
 * @regions: regions allocated from the pool
 * @nr_regions: entries in @regions
 * @misc: the runner's character device, /dev/rproc-sim-NAME
 * @misc_name: storage for @misc's name
 * @devpath: path of the character device, passed to the runner
 * @lock: protects @state, @runner, @file, @crash_reported, @suspended
 *	and @exit
 * @state: core life cycle, see &enum rsim_core_state
 * @runner: pid of the runner for this boot, NULL when none
 * @file: the runner's open character device for the current boot, NULL
 *	when none; a file of an earlier boot that stop had to disown is
 *	refused everything
 * @crash_reported: a crash of the current boot was reported already
 * @exit: last reason given by the runner through RSIM_IOC_EXIT
 * @exit_valid: @exit was set during this boot
 * @suspended: the core is powered down for suspend: the runner is stopped
 *	and the watchdog paused (also read without @lock, as a hint, by
 *	rsim_pm_remote_kicked())
 * @pm_request: suspend request (RSIM_PM_SUSPEND_*) not yet handed to the
 *	runner, or RSIM_PM_NONE
 * @pending: kicked notify ids not yet collected by the runner (atomic;
 *	set from any context by the kick op)
 * @wq: the runner waits here for kicks and for stop
 * @ready: completed when the runner reports ready or goes away
 * @released: completed when the runner's last reference to the
 *	character device is dropped, i.e. its mappings are gone
 * @watchdog: fires when the firmware misses its heartbeat
 * @kicks_in: kicks from the remote (statistics)
 * @kicks_out: kicks to the remote (statistics)
 * @uio_remote: the remote is a process using @uio, not a runner
 * @uio: the UIO device of such an instance
 *
 * The structure lives in the rproc's allocation; every open file holds a
 * reference on the rproc device, so a runner file that stop had to disown
 * never points to freed memory.
 */
struct rsim {
	struct device *dev;
	struct rproc *rproc;
	struct rsim_pdata pdata;
	struct rsim_region regions[RSIM_MAX_REGIONS];
	unsigned int nr_regions;
	struct miscdevice misc;
	char misc_name[RSIM_NAME_LEN + 16];
	char devpath[RSIM_NAME_LEN + 24];

	spinlock_t lock;	/* state of the core, see above */
	enum rsim_core_state state;
	struct pid *runner;
	struct file *file;
	bool crash_reported;
	bool exit_valid;
	bool suspended;
	struct rsim_exit exit;
	atomic_t pm_request;

	atomic64_t pending;
	wait_queue_head_t wq;
	struct completion ready;
	struct completion released;
	struct delayed_work watchdog;
	atomic_t kicks_in;
	atomic_t kicks_out;
	bool uio_remote;
	struct rsim_uio uio;
};

/* remoteproc_sim_main.c */
int rsim_crash(struct rsim *rsim);

/* remoteproc_sim_runner.c */
int rsim_runner_register(struct rsim *rsim);
int rsim_runner_launch(struct rsim *rsim);
void rsim_runner_halt(struct rsim *rsim);
int rsim_runner_kill(struct rsim *rsim);
int rsim_core_claim(struct rsim *rsim, enum rsim_core_state state);
int rsim_map_region(struct vm_area_struct *vma, const struct rsim_region *r,
		    u64 off);
void rsim_watchdog_init(struct rsim *rsim);
void rsim_watchdog_kick(struct rsim *rsim);

/* remoteproc_sim_uio.c */
#if IS_ENABLED(CONFIG_REMOTEPROC_SIM_UIO)
int rsim_uio_init(struct rsim *rsim);
int rsim_uio_start(struct rsim *rsim);
void rsim_uio_stop(struct rsim *rsim);
void rsim_uio_kick(struct rsim *rsim);
int rsim_uio_crash(struct rsim *rsim);
#else
static inline int rsim_uio_init(struct rsim *rsim)
{
	if (!rsim->uio_remote)
		return 0;
	return dev_err_probe(rsim->dev, -EOPNOTSUPP,
			     "runner \"uio\" needs CONFIG_REMOTEPROC_SIM_UIO\n");
}

static inline int rsim_uio_start(struct rsim *rsim) { return -EOPNOTSUPP; }
static inline void rsim_uio_stop(struct rsim *rsim) { }
static inline void rsim_uio_kick(struct rsim *rsim) { }
static inline int rsim_uio_crash(struct rsim *rsim) { return -ESRCH; }
#endif

/* remoteproc_sim_pm.c */
#if IS_ENABLED(CONFIG_REMOTEPROC_SIM_PM)
extern const struct dev_pm_ops rsim_pm_dev_ops;
int rsim_pm_init(struct rsim *rsim);
void rsim_pm_runner_opened(struct rsim *rsim);
u32 rsim_pm_take_request(struct rsim *rsim);
long rsim_pm_answer_ioctl(struct rsim *rsim, u32 __user *arg);
int rsim_pm_remote_wake(struct rsim *rsim);
void rsim_pm_remote_kicked(struct rsim *rsim);
#define RSIM_PM_OPS	(&rsim_pm_dev_ops)
#else
static inline int rsim_pm_init(struct rsim *rsim) { return 0; }
static inline void rsim_pm_runner_opened(struct rsim *rsim) { }
static inline u32 rsim_pm_take_request(struct rsim *rsim) { return RSIM_PM_NONE; }
static inline long rsim_pm_answer_ioctl(struct rsim *rsim, u32 __user *arg)
{
	return -ENOTTY;
}

static inline int rsim_pm_remote_wake(struct rsim *rsim) { return -EOPNOTSUPP; }
static inline void rsim_pm_remote_kicked(struct rsim *rsim) { }
#define RSIM_PM_OPS	NULL
#endif

/* remoteproc_sim_configfs.c */
int rsim_configfs_register(void);
void rsim_configfs_unregister(void);

#endif /* REMOTEPROC_SIM_H */
