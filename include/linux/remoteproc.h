/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Remote processor framework: types and API shared by platform drivers,
 * clients and firmware-format helpers.
 *
 * A remote processor ("rproc") is a CPU or DSP next to the main processor
 * that runs its own firmware.  A platform driver describes how to power it
 * with &struct rproc_ops and registers it with rproc_add(); clients then
 * boot and stop it with rproc_boot() and rproc_shutdown().  The firmware
 * carries a resource table (the layouts below are a wire format shared with
 * the firmware, so they must never change) telling the host which memory
 * and virtio devices the remote expects.
 */

#ifndef REMOTEPROC_H
#define REMOTEPROC_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/cdev.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/irqreturn.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
/* Included by 6.1's header; its platform drivers rely on it */
#include <linux/virtio.h>

/**
 * enum fw_resource_type - kinds of resource table entries
 * @RSC_CARVEOUT: physically contiguous memory the host allocates
 * @RSC_DEVMEM: memory-mapped peripheral the host maps into the remote's
 *		IOMMU
 * @RSC_TRACE: log buffer written by the remote, exposed in debugfs
 * @RSC_VDEV: virtio device with its vrings and config space
 * @RSC_LAST: first value past the generic types
 * @RSC_VENDOR_START: first type handed to &rproc_ops.handle_rsc
 * @RSC_VENDOR_END: last type handed to &rproc_ops.handle_rsc
 *
 * Types between @RSC_LAST and @RSC_VENDOR_START, and above @RSC_VENDOR_END,
 * are unknown: the core warns and skips them.
 */
enum fw_resource_type {
	/* Generic types, numbered from 0 (wire values: never reorder) */
	RSC_CARVEOUT,		/* 0: struct fw_rsc_carveout */
	RSC_DEVMEM,		/* 1: struct fw_rsc_devmem */
	RSC_TRACE,		/* 2: struct fw_rsc_trace */
	RSC_VDEV,		/* 3: struct fw_rsc_vdev */
	RSC_LAST,		/* 4 */

	/* Driver specific types, both ends included */
	RSC_VENDOR_START = 128,
	RSC_VENDOR_END = 512,
};

/**
 * enum rsc_handling_status - answer of &rproc_ops.handle_rsc
 * @RSC_HANDLED: the driver consumed the entry
 * @RSC_IGNORED: the driver does not know the entry; the core skips it
 */
enum rsc_handling_status {
	RSC_HANDLED,		/* 0 */
	RSC_IGNORED,		/* 1 */
};

/**
 * struct fw_rsc_hdr - common prefix of every resource table entry
 * @type: one of &enum fw_resource_type
 * @data: type specific body
 */
struct fw_rsc_hdr {
	u32 type;
	u8 data[];
} __packed;

/**
 * struct resource_table - header of the firmware's resource table
 * @ver: format version, must be 1
 * @num: number of entries
 * @reserved: must be zero
 * @offset: byte offset of each entry, counted from the start of the table
 *
 * Each entry starts with a &struct fw_rsc_hdr.  The table is little endian
 * on every supported target and stored in the ELF section
 * ".resource_table".
 */
struct resource_table {
	u32 ver;
	u32 num;
	u32 reserved[2];	/* zero */
	u32 offset[];
} __packed;

/* A device or physical address the firmware leaves to the host to choose. */
#define FW_RSC_ADDR_ANY (-1)

/**
 * struct fw_rsc_carveout - memory the host must allocate for the remote
 * @da: device address (or FW_RSC_ADDR_ANY; the host writes back its choice)
 * @pa: physical address (FW_RSC_ADDR_ANY when the host chooses)
 * @len: length in bytes
 * @flags: IOMMU protection flags
 * @reserved: zero
 * @name: NUL-terminated name; a reserved region of this name is used when
 *	  the platform driver registered one
 */
struct fw_rsc_carveout {
	u32 da;			/* in/out */
	u32 pa;			/* in/out */
	u32 len;		/* bytes */
	u32 flags;		/* IOMMU_READ etc. */
	u32 reserved;		/* zero */
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_devmem - a peripheral to map into the remote's address space
 * @da: device address the remote uses
 * @pa: physical address of the peripheral
 * @len: length in bytes
 * @flags: IOMMU protection flags
 * @reserved: zero
 * @name: NUL-terminated name, for diagnostics only
 *
 * Only meaningful when the remote sits behind an IOMMU.
 */
struct fw_rsc_devmem {
	u32 da;			/* remote view */
	u32 pa;			/* bus view */
	u32 len;		/* bytes */
	u32 flags;		/* IOMMU_READ etc. */
	u32 reserved;		/* zero */
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_trace - a log buffer filled by the remote
 * @da: device address of the buffer
 * @len: size of the buffer in bytes
 * @reserved: zero
 * @name: NUL-terminated name, for diagnostics only
 */
struct fw_rsc_trace {
	u32 da;			/* remote view */
	u32 len;		/* bytes */
	u32 reserved;		/* zero */
	u8 name[32];
} __packed;

/**
 * struct fw_rsc_vdev_vring - one vring of a virtio device
 * @da: device address (FW_RSC_ADDR_ANY: the host allocates and writes back)
 * @align: alignment of the used ring, a power of two
 * @num: number of descriptors, a power of two
 * @notifyid: written back by the host: the id passed to &rproc_ops.kick
 *	      and rproc_vq_interrupt() for this vring
 * @pa: physical address, unused by this implementation
 */
struct fw_rsc_vdev_vring {
	u32 da;			/* in/out */
	u32 align;		/* power of two */
	u32 num;		/* power of two */
	u32 notifyid;		/* out */
	u32 pa;			/* unused */
} __packed;

/**
 * struct fw_rsc_vdev - a virtio device the remote offers
 * @id: virtio device id (VIRTIO_ID_RPMSG, VIRTIO_ID_CONSOLE, ...)
 * @notifyid: written back by the host: id of the device itself
 * @dfeatures: features the remote offers
 * @gfeatures: features the host accepted, written back by the host
 * @config_len: length of the config space following the vrings
 * @status: virtio status byte, written by the host; the remote waits for
 *	    DRIVER_OK before it touches the vrings
 * @num_of_vrings: number of &struct fw_rsc_vdev_vring entries in @vring
 * @reserved: zero
 * @vring: the vrings, followed by @config_len bytes of config space
 */
struct fw_rsc_vdev {
	u32 id;			/* VIRTIO_ID_* */
	u32 notifyid;		/* out */
	u32 dfeatures;		/* remote's offer */
	u32 gfeatures;		/* out: accepted */
	u32 config_len;		/* bytes after the vrings */
	u8 status;		/* out: VIRTIO_CONFIG_S_* */
	u8 num_of_vrings;
	u8 reserved[2];		/* zero */
	struct fw_rsc_vdev_vring vring[];
} __packed;

struct rproc;
struct firmware;
struct iommu_domain;
struct virtio_device;
struct virtqueue;
struct dentry;

/**
 * struct rproc_mem_entry - a memory region shared with the remote
 * @va: kernel virtual address (NULL until @alloc ran)
 * @is_iomem: @va is I/O memory; use memcpy_toio()/memcpy_fromio()
 * @dma: DMA (bus) address
 * @len: length in bytes
 * @da: device address, as the remote sees it
 * @priv: owner's private data (an IOMMU mapping keeps its flags here)
 * @name: region name; resource table carveouts are matched against it
 * @node: link in &rproc.carveouts or &rproc.mappings
 * @rsc_offset: offset of the carveout entry in the resource table, or
 *		FW_RSC_ADDR_ANY when no entry refers to it
 * @flags: IOMMU protection flags
 * @of_resm_idx: index of the DT reserved-memory region, or -1
 * @alloc: makes the region usable (sets @va); may be NULL
 * @release: undoes @alloc; may be NULL
 *
 * Platform drivers describe fixed memory with rproc_mem_entry_init() or
 * rproc_of_resm_mem_entry_init() and hand it to rproc_add_carveout().  The
 * core calls @alloc when the remote is booted and @release when it stops.
 */
struct rproc_mem_entry {
	char name[32];
	struct list_head node;
	u32 da;
	dma_addr_t dma;
	void *va;
	size_t len;
	bool is_iomem;
	u32 flags;
	u32 rsc_offset;
	u32 of_resm_idx;
	int (*alloc)(struct rproc *rproc, struct rproc_mem_entry *mem);
	int (*release)(struct rproc *rproc, struct rproc_mem_entry *mem);
	void *priv;
};

/**
 * struct rproc_ops - what a platform driver provides
 * @prepare: power up what the remote needs before its firmware is loaded
 *	     (clocks, memories).  Optional.
 * @unprepare: undo @prepare.  Optional.
 * @start: release the remote from reset; firmware is loaded.  Mandatory
 *	   unless the driver only attaches.
 * @stop: put the remote back in reset.
 * @attach: take over a remote that is already running (booted by a
 *	    bootloader).  Optional.
 * @detach: leave the remote running and stop managing it.  Optional.
 * @kick: notify the remote that vring @vqid has work.  Called from any
 *	  context, including with spinlocks held: must not sleep.
 * @da_to_va: translate a device address range to a kernel address; set
 *	      *@is_iomem when the result is I/O memory.  Optional (carveouts
 *	      are searched first).
 * @parse_fw: fetch the resource table from the firmware image into
 *	      &rproc.cached_table.  Default: rproc_elf_load_rsc_table().
 * @handle_rsc: handle a vendor resource (types RSC_VENDOR_START to
 *		RSC_VENDOR_END); return &enum rsc_handling_status or a
 *		negative errno.
 * @find_loaded_rsc_table: address of the table inside the loaded image,
 *			   where the remote will read it.  Default:
 *			   rproc_elf_find_loaded_rsc_table().
 * @get_loaded_rsc_table: table of a remote that is already running, used
 *			  when attaching.  Set *@size.
 * @load: copy the firmware image into the remote's memory.  Default:
 *	  rproc_elf_load_segments().
 * @sanity_check: reject an image this remote cannot run.  Default:
 *		  rproc_elf_sanity_check().
 * @get_boot_addr: entry point of the image.  Default:
 *		   rproc_elf_get_boot_addr().
 * @panic: called from the panic notifier; return the number of
 *	   milliseconds the remote needs to flush its state.  Atomic context.
 *	   Never called once @stop or @detach of this remote has begun,
 *	   unless it failed.
 * @coredump: collect a crash dump; default: dump the registered segments.
 *
 * All callbacks except @kick, @panic and @da_to_va are called with
 * &rproc.lock held, from process context.
 */
struct rproc_ops {
	/* Hardware control */
	int (*prepare)(struct rproc *rproc);
	int (*start)(struct rproc *rproc);
	int (*attach)(struct rproc *rproc);
	void (*kick)(struct rproc *rproc, int vqid);
	int (*detach)(struct rproc *rproc);
	int (*stop)(struct rproc *rproc);
	int (*unprepare)(struct rproc *rproc);
	unsigned long (*panic)(struct rproc *rproc);

	/* Memory */
	void *(*da_to_va)(struct rproc *rproc, u64 da, size_t len,
			  bool *is_iomem);

	/* Firmware format (defaults: the rproc_elf_*() helpers) */
	int (*sanity_check)(struct rproc *rproc, const struct firmware *fw);
	u64 (*get_boot_addr)(struct rproc *rproc, const struct firmware *fw);
	int (*parse_fw)(struct rproc *rproc, const struct firmware *fw);
	int (*load)(struct rproc *rproc, const struct firmware *fw);
	struct resource_table *(*find_loaded_rsc_table)(struct rproc *rproc,
							const struct firmware *fw);
	struct resource_table *(*get_loaded_rsc_table)(struct rproc *rproc,
						       size_t *size);
	int (*handle_rsc)(struct rproc *rproc, u32 rsc_type, void *rsc,
			  int offset, int avail);

	/* Crash dumps (default: the dump segments) */
	void (*coredump)(struct rproc *rproc);
};

/**
 * enum rproc_crash_type - why a remote stopped working
 * @RPROC_MMUFAULT: the remote's IOMMU reported a fault
 * @RPROC_WATCHDOG: the remote's watchdog fired
 * @RPROC_FATAL_ERROR: the remote reported an unrecoverable error
 */
enum rproc_crash_type {
	RPROC_MMUFAULT,
	RPROC_WATCHDOG,
	RPROC_FATAL_ERROR,
};

/**
 * enum rproc_state - life cycle of a remote processor
 * @RPROC_OFFLINE: powered off, no firmware loaded
 * @RPROC_SUSPENDED: booted, then put to sleep with the firmware's consent
 *		     (see remoteproc_pm.c); woken by traffic or system resume
 * @RPROC_RUNNING: booted by us and running
 * @RPROC_CRASHED: crashed; waiting for recovery or for shutdown
 * @RPROC_ATTACHED: running a firmware started by someone else; we attached
 * @RPROC_DETACHED: running, not managed by us (we detached or have not
 *		    attached yet)
 * @RPROC_LAST: number of states; also reported as "invalid"
 *
 * The numeric values are visible to user space through sysfs names only,
 * but keep them stable: drivers compare against them.
 */
enum rproc_state {
	RPROC_OFFLINE	= 0,	/* "offline" */
	RPROC_SUSPENDED	= 1,	/* "suspended" */
	RPROC_RUNNING	= 2,	/* "running" */
	RPROC_CRASHED	= 3,	/* "crashed" */
	RPROC_ATTACHED	= 4,	/* "attached" */
	RPROC_DETACHED	= 5,	/* "detached" */
	RPROC_LAST	= 6,	/* "invalid" */
};

/**
 * struct rproc_dump_segment - one memory range in a crash dump
 * @node: link in &rproc.dump_segments
 * @da: device address of the range
 * @size: size in bytes
 * @priv: argument of @dump; the section name in section dumps
 * @dump: custom reader; when NULL the range is read through
 *	  rproc_da_to_va()
 * @offset: file offset of the segment inside the dump
 */
struct rproc_dump_segment {
	dma_addr_t da;
	size_t size;
	loff_t offset;
	void (*dump)(struct rproc *rproc, struct rproc_dump_segment *segment,
		     void *dest, size_t offset, size_t size);
	void *priv;
	struct list_head node;
};

/**
 * enum rproc_dump_mechanism - what to do with a crashed remote's memory
 * @RPROC_COREDUMP_DISABLED: nothing
 * @RPROC_COREDUMP_ENABLED: copy the segments into one vmalloc'ed ELF file
 *			    and hand it to devcoredump
 * @RPROC_COREDUMP_INLINE: hand devcoredump a reader that copies straight
 *			   from device memory; recovery waits until user
 *			   space has read (or dropped) the dump
 */
enum rproc_dump_mechanism {
	RPROC_COREDUMP_DISABLED,
	RPROC_COREDUMP_ENABLED,
	RPROC_COREDUMP_INLINE,
};

/**
 * enum rproc_features - optional behaviours a driver opts in to
 * @RPROC_FEAT_ATTACH_ON_RECOVERY: the remote restarts itself after a
 *	crash; recovery re-attaches instead of reloading the firmware
 * @RPROC_MAX_FEATURES: number of features
 */
enum rproc_features {
	RPROC_FEAT_ATTACH_ON_RECOVERY,
	RPROC_MAX_FEATURES,
};

/**
 * struct rproc - a remote processor
 * @node: link in the global list of registered processors
 * @domain: IOMMU domain, when @has_iommu
 * @name: human readable name
 * @firmware: name of the firmware file requested at boot
 * @priv: platform driver's private data (allocated with the rproc)
 * @ops: platform driver's callbacks (a private copy)
 * @dev: the class device "remoteprocN"; its refcount is the lifetime of
 *	 this structure
 * @power: number of rproc_boot() calls not yet balanced by
 *	   rproc_shutdown(); changed only with @lock held
 * @state: &enum rproc_state; changed only with @lock held
 * @dump_conf: &enum rproc_dump_mechanism
 * @lock: serializes every state change: boot, shutdown, attach, detach,
 *	  crash recovery, firmware and recovery setting changes, and all
 *	  the lists below that change at boot or stop
 * @dbg_dir: debugfs directory
 * @traces: trace buffers (protected by @lock)
 * @carveouts: memory regions (protected by @lock)
 * @mappings: IOMMU mappings (protected by @lock)
 * @bootaddr: entry point of the firmware, for &rproc_ops.start
 * @rvdevs: virtio devices (protected by @lock)
 * @subdevs: subdevices, started after the remote and stopped before it
 *	     (protected by @lock)
 * @index: N of "remoteprocN"
 * @recovery_disabled: leave a crashed remote crashed until told
 * @max_notifyid: highest notify id in use
 * @table_ptr: resource table the remote sees (loaded copy), or the cached
 *	       one before the image is loaded
 * @clean_table: pristine copy of the loaded table, to restore it at stop
 * @cached_table: host copy of the resource table parsed from the firmware
 * @table_sz: size of the resource table
 * @has_iommu: the remote is behind an IOMMU managed by the core
 * @auto_boot: boot (or attach) as soon as the processor is registered
 * @sysfs_read_only: refuse state changes through sysfs and the cdev
 * @dump_segments: segments of the crash dump
 * @elf_class: ELF class of crash dumps (ELFCLASS32/64)
 * @elf_machine: ELF machine of crash dumps
 * @cdev: the /dev/remoteprocN character device
 * @features: &enum rproc_features bits
 * @owner: module of the platform driver, pinned by rproc_get_by_phandle()
 */
struct rproc {
	/* Identity and driver */
	struct device dev;
	const char *name;
	int index;
	struct rproc_ops *ops;
	void *priv;
	struct module *owner;
	struct list_head node;

	/* State, protected by @lock */
	struct mutex lock;		/* serializes every transition */
	unsigned int state;
	atomic_t power;
	const char *firmware;
	u64 bootaddr;
	bool auto_boot;
	bool sysfs_read_only;
	DECLARE_BITMAP(features, RPROC_MAX_FEATURES);

	/* Resource table */
	struct resource_table *cached_table;
	struct resource_table *table_ptr;
	struct resource_table *clean_table;
	size_t table_sz;

	/* What the resource table asked for */
	struct list_head carveouts;
	struct list_head mappings;
	struct list_head traces;
	struct list_head rvdevs;
	int max_notifyid;
	struct list_head subdevs;
	struct iommu_domain *domain;
	bool has_iommu;

	/* Crashes */
	bool recovery_disabled;
	enum rproc_dump_mechanism dump_conf;
	struct list_head dump_segments;
	u8 elf_class;
	u16 elf_machine;

	/* User interfaces */
	struct dentry *dbg_dir;
	struct cdev cdev;
};

/**
 * struct rproc_subdev - a device living on top of the remote (e.g. virtio)
 * @node: link in &rproc.subdevs
 * @prepare: called before the remote starts.  Optional.
 * @start: called after the remote started.  Optional.
 * @stop: called before the remote stops; @crashed tells the remote is
 *	  not answering any more.  Optional.
 * @unprepare: called after the remote stopped.  Optional.
 *
 * Subdevices are prepared and started in registration order and stopped
 * and unprepared in reverse order, with &rproc.lock held.
 */
struct rproc_subdev {
	int (*prepare)(struct rproc_subdev *subdev);
	int (*start)(struct rproc_subdev *subdev);
	void (*stop)(struct rproc_subdev *subdev, bool crashed);
	void (*unprepare)(struct rproc_subdev *subdev);
	struct list_head node;
};

/* Every virtio device of a remote has at most this many vrings. */
#define RVDEV_NUM_VRINGS 2

/**
 * struct rproc_vring - host state of one vring
 * @va: kernel address of the ring memory
 * @num: number of descriptors
 * @da: device address of the ring memory
 * @align: alignment of the used ring
 * @notifyid: id used with &rproc_ops.kick and rproc_vq_interrupt()
 * @rvdev: owning virtio device
 * @vq: the virtqueue, while the virtio driver has it; read locklessly
 *	by rproc_vq_interrupt()
 */
struct rproc_vring {
	struct rproc_vdev *rvdev;
	int notifyid;
	int num;
	u32 align;
	u32 da;
	void *va;
	struct virtqueue *vq;
};

/**
 * struct rproc_vdev - host state of one vdev resource
 * @subdev: hooks the virtio device into the remote's start/stop
 * @pdev: the platform device "rproc-virtio.N.auto" below the rproc's
 *	  device: parent of the virtio device and owner of its DMA memory
 *	  ("vdevNbuffer"); its release frees this structure
 * @id: virtio device id
 * @node: link in &rproc.rvdevs
 * @rproc: the remote processor
 * @vring: the vrings
 * @rsc_offset: offset of the vdev entry in the resource table
 * @index: N of "vdevN"
 * @num_vrings: number of vrings in use
 * @config_len: size of the config space, as validated when the entry was
 *		parsed (the remote cannot grow it later)
 * @dma_pool: "vdevNbuffer" was declared as @dev's DMA memory
 * @bounce: bounce area in "vdevNbuffer", for drivers that share ordinary
 *          kernel memory (the transport then offers VIRTIO_F_ACCESS_PLATFORM)
 * @vdev: the registered virtio device, or NULL while the remote is down
 */
struct rproc_vdev {
	struct rproc *rproc;
	struct list_head node;
	u32 index;
	unsigned int id;
	u32 rsc_offset;
	u32 config_len;
	unsigned int num_vrings;
	struct rproc_vring vring[RVDEV_NUM_VRINGS];
	struct rproc_subdev subdev;
	struct platform_device pdev;
	bool dma_pool;
	struct rproc_vdev_bounce *bounce;
	struct virtio_device *vdev;
};

/**
 * enum rproc_pm_reason - why the host asks a remote to suspend
 * @RPROC_PM_AUTO: the remote was idle for the autosuspend delay
 * @RPROC_PM_SYSTEM: the whole system goes to sleep
 */
enum rproc_pm_reason {
	RPROC_PM_AUTO,
	RPROC_PM_SYSTEM,
};

/**
 * enum rproc_pm_answer - the firmware's answer to a suspend request
 * @RPROC_PM_ACK: the firmware agrees and is saving its context
 * @RPROC_PM_CANCEL: the firmware has work to do and refuses
 */
enum rproc_pm_answer {
	RPROC_PM_ACK,
	RPROC_PM_CANCEL,
};

/**
 * struct rproc_pm_ops - a driver's hardware steps of suspend and resume
 * @request: send the suspend request for @why to the firmware (a mailbox
 *	     word, a doorbell).  The answer comes back through
 *	     rproc_pm_answer().
 * @power_down: the firmware acknowledged: make sure it is idle, then power
 *		the core down, keeping its memories.
 * @power_up: power the core up again and restore what power_down lost
 *	      (boot address, ...).  On failure it must leave the hardware as
 *	      &rproc_ops.stop would: the core then treats the remote as
 *	      crashed and stopped, and never calls &rproc_ops.stop for it.
 * @answer_timeout_ms: how long the firmware has to answer; 0 means 1000.
 *
 * All three are called with &rproc.lock held, in process context.
 */
struct rproc_pm_ops {
	int (*request)(struct rproc *rproc, enum rproc_pm_reason why);
	int (*power_down)(struct rproc *rproc, enum rproc_pm_reason why);
	int (*power_up)(struct rproc *rproc, enum rproc_pm_reason why);
	unsigned int answer_timeout_ms;
};

/* Platform drivers: registration */
struct rproc *rproc_alloc(struct device *dev, const char *name,
			  const struct rproc_ops *ops,
			  const char *firmware, int len);
struct rproc *devm_rproc_alloc(struct device *dev, const char *name,
			       const struct rproc_ops *ops,
			       const char *firmware, int len);
int rproc_add(struct rproc *rproc);
int devm_rproc_add(struct device *dev, struct rproc *rproc);
int rproc_del(struct rproc *rproc);
void rproc_free(struct rproc *rproc);
int rproc_of_parse_firmware(struct device *dev, int index,
			    const char **fw_name);
void rproc_add_subdev(struct rproc *rproc, struct rproc_subdev *subdev);
void rproc_remove_subdev(struct rproc *rproc, struct rproc_subdev *subdev);

/* Platform drivers: memory */
typedef int (*rproc_mem_op_t)(struct rproc *rproc,
			      struct rproc_mem_entry *mem);

__printf(8, 9)
struct rproc_mem_entry *rproc_mem_entry_init(struct device *dev, void *va,
					     dma_addr_t dma, size_t len, u32 da,
					     rproc_mem_op_t alloc,
					     rproc_mem_op_t release,
					     const char *name, ...);
__printf(5, 6)
struct rproc_mem_entry *rproc_of_resm_mem_entry_init(struct device *dev,
						     u32 of_resm_idx,
						     size_t len, u32 da,
						     const char *name, ...);
void rproc_add_carveout(struct rproc *rproc, struct rproc_mem_entry *mem);
void rproc_resource_cleanup(struct rproc *rproc);
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem);

/* Platform drivers: events */
void rproc_report_crash(struct rproc *rproc, enum rproc_crash_type type);

/* Platform drivers: power management (remoteproc_pm.c) */
int devm_rproc_pm_init(struct device *dev, struct rproc *rproc,
		       const struct rproc_pm_ops *ops, int autosuspend_ms);
void rproc_pm_answer(struct rproc *rproc, enum rproc_pm_answer answer);
void rproc_pm_wake(struct rproc *rproc);
int rproc_pm_runtime_suspend(struct rproc *rproc);
int rproc_pm_runtime_resume(struct rproc *rproc);
int rproc_pm_system_suspend(struct rproc *rproc);
int rproc_pm_system_resume(struct rproc *rproc);

/* Platform drivers: crash dumps */
typedef void (*rproc_dump_fn_t)(struct rproc *rproc,
				struct rproc_dump_segment *segment,
				void *dest, size_t offset, size_t size);

int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine);
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da, size_t size);
int rproc_coredump_add_custom_segment(struct rproc *rproc, dma_addr_t da,
				      size_t size, rproc_dump_fn_t dumpfn,
				      void *priv);
void rproc_coredump_using_sections(struct rproc *rproc);

/* Clients */
struct rproc *rproc_get_by_phandle(phandle phandle);
struct rproc *rproc_get_by_child(struct device *dev);
void rproc_put(struct rproc *rproc);
int rproc_boot(struct rproc *rproc);
int rproc_shutdown(struct rproc *rproc);
int rproc_detach(struct rproc *rproc);
int rproc_set_firmware(struct rproc *rproc, const char *fw_name);

/*
 * Helpers for ELF firmware images; rproc_alloc() installs them as the
 * defaults when the driver does not provide &rproc_ops.load.
 */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw);
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw);
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc,
				const struct firmware *fw);

/* From the driver's mailbox or doorbell handler; documented at its definition */
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

#endif /* REMOTEPROC_H */
