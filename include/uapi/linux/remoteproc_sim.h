/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Interface between the remoteproc simulator driver and its core runner.
 *
 * Each live simulator instance has a character device, /dev/rproc-sim-NAME.
 * When the remote processor is started, the driver launches the runner
 * with that path: rproc-sim-core for x86-64 images, rproc-sim-m3 for ARM
 * (Cortex-M3) images, or the program the instance names.  The runner is
 * the simulated core: it maps the instance's device-memory regions (at
 * their device addresses, or into the emulated core's address space),
 * tells the driver it is ready and runs the firmware from its entry point.
 * Only the runner launched for the current boot may open the device.
 */
#ifndef _UAPI_LINUX_REMOTEPROC_SIM_H
#define _UAPI_LINUX_REMOTEPROC_SIM_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Version of this interface, reported in &struct rsim_info.abi. */
#define RSIM_ABI_VERSION	1

/* Length of instance and region names, including the terminating NUL. */
#define RSIM_NAME_LEN		32

/**
 * struct rsim_info - description of the instance, read once at start
 * @abi: RSIM_ABI_VERSION
 * @nr_regions: number of device-memory regions; query each one with
 *	RSIM_IOC_GET_REGION
 * @boot_addr: firmware entry point (a device address)
 * @heartbeat_ms: watchdog period; 0 when the watchdog is off
 * @reserved: zero
 * @name: instance name
 */
struct rsim_info {
	__u32 abi;
	__u32 nr_regions;
	__u64 boot_addr;
	__u32 heartbeat_ms;
	__u32 reserved;
	char name[RSIM_NAME_LEN];
};

/**
 * struct rsim_region_info - one device-memory region
 * @index: in: region number, 0 .. nr_regions - 1
 * @flags: out: zero for now
 * @da: out: device address, where the firmware expects the region
 * @pa: out: physical address; the virtio transport may place buffer
 *	addresses in the vrings as physical addresses, so the runner maps
 *	the region there as well
 * @size: out: length in bytes, a multiple of the page size
 * @offset: out: mmap() offset that maps this region
 * @name: out: region name
 */
struct rsim_region_info {
	__u32 index;
	__u32 flags;
	__u64 da;
	__u64 pa;
	__u64 size;
	__u64 offset;
	char name[RSIM_NAME_LEN];
};

/**
 * struct rsim_wait - wait for kicks from Linux
 * @timeout_ms: in: how long to block; 0 polls
 * @pm_request: in: zero; out: a suspend request from Linux
 *	(RSIM_PM_SUSPEND_AUTO or RSIM_PM_SUSPEND_SYSTEM), reported by one
 *	wait only, or RSIM_PM_NONE.  Answer it with RSIM_IOC_PM_ANSWER.
 * @pending: out: notify ids kicked since the last wait, bit n for id n;
 *	ids of 63 and above all set bit 63.  Zero on timeout.
 */
struct rsim_wait {
	__u32 timeout_ms;
	__u32 pm_request;
	__u64 pending;
};

/* rsim_wait.pm_request */
#define RSIM_PM_NONE		0
#define RSIM_PM_SUSPEND_AUTO	1	/* idle for the autosuspend delay */
#define RSIM_PM_SUSPEND_SYSTEM	2	/* the whole system goes to sleep */
/* suspended, then woken by the remote's own wake source (configfs "wake") */
#define RSIM_PM_WOKEN		3

/*
 * Answers to a suspend request (RSIM_IOC_PM_ANSWER).  After an ACK the
 * driver stops the runner (SIGSTOP) until Linux resumes the core.
 */
#define RSIM_PM_ACK		1
#define RSIM_PM_CANCEL		2

/**
 * struct rsim_image - the firmware image the core is started with
 * @machine: ELF e_machine of the image: EM_X86_64 (62) for the native
 *	runner, EM_ARM (40) for the Cortex-M3 emulator
 * @elf_class: ELFCLASS32 (1) or ELFCLASS64 (2)
 * @reserved: zero
 * @rsc_da: device address of the resource table Linux processed, as the
 *	firmware sees it; ~0 when the image has none.  A runner that models
 *	an MMU or peripherals reads the table's devmem entries there.
 * @rsc_size: bytes of that table
 * @reserved2: zero
 */
struct rsim_image {
	__u16 machine;
	__u8 elf_class;
	__u8 reserved;
	__u32 rsc_size;
	__u64 rsc_da;
	__u64 reserved2;
};

/**
 * struct rsim_exit - why the simulated core is about to stop running
 * @code: exit code passed by the firmware; 0 is a clean halt
 * @signal: signal number when the firmware faulted, else 0
 * @addr: faulting address for SIGSEGV/SIGBUS, else 0
 */
struct rsim_exit {
	__s32 code;
	__u32 signal;
	__u64 addr;
};

/*
 * Remotes in Linux userspace.  An instance whose runner is "uio" launches
 * no runner: while the remote processor is started, a UIO device
 * (/dev/uioN, named "rproc-sim-NAME" in /sys/class/uio/uioN/name) stands
 * for the core.  Its maps are the instance's regions, in configuration
 * order and named after them, each at a physical address that is also
 * its device address; Linux's kicks are its events (read() or poll());
 * the process that opens it is the remote and drives it by write()ing one
 * of these 32-bit values:
 */
#define RSIM_UIO_IRQ_MASK	0x00000000	/* hold Linux's kicks back */
#define RSIM_UIO_IRQ_UNMASK	0x00000001	/* deliver them (the default) */
#define RSIM_UIO_HEARTBEAT	0x20000000	/* feed the watchdog */
#define RSIM_UIO_KICK		0x40000000	/* | notify id: interrupt Linux */
#define RSIM_UIO_KICK_ID_MASK	0x0fffffff

#define RSIM_IOC_MAGIC		0xB7

/* Read the instance description. */
#define RSIM_IOC_GET_INFO	_IOR(RSIM_IOC_MAGIC, 0x40, struct rsim_info)
/* Read one region description; set @index first. */
#define RSIM_IOC_GET_REGION	_IOWR(RSIM_IOC_MAGIC, 0x41, struct rsim_region_info)
/* All regions are mapped: the core is now running the firmware. */
#define RSIM_IOC_READY		_IO(RSIM_IOC_MAGIC, 0x42)
/* Interrupt Linux for the given notify id. */
#define RSIM_IOC_KICK		_IOW(RSIM_IOC_MAGIC, 0x43, __u32)
/* Block until Linux kicks, the timeout expires or the core is stopped. */
#define RSIM_IOC_WAIT		_IOWR(RSIM_IOC_MAGIC, 0x44, struct rsim_wait)
/* The firmware is alive; restarts the watchdog. */
#define RSIM_IOC_HEARTBEAT	_IO(RSIM_IOC_MAGIC, 0x45)
/* Record why the core stops; the runner exits right after. */
#define RSIM_IOC_EXIT		_IOW(RSIM_IOC_MAGIC, 0x46, struct rsim_exit)
/* Answer the last suspend request: RSIM_PM_ACK or RSIM_PM_CANCEL. */
#define RSIM_IOC_PM_ANSWER	_IOW(RSIM_IOC_MAGIC, 0x47, __u32)
/* Read what image the core runs (set-up only, like GET_INFO). */
#define RSIM_IOC_GET_IMAGE	_IOR(RSIM_IOC_MAGIC, 0x48, struct rsim_image)

#endif /* _UAPI_LINUX_REMOTEPROC_SIM_H */
