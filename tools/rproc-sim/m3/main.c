// SPDX-License-Identifier: GPL-2.0
/*
 * rproc-sim-m3 - an emulated Cortex-M3 core for the remoteproc simulator
 *
 * The rproc-sim driver starts this runner instead of rproc-sim-core when
 * the firmware is a 32-bit ARM image, such as the OMAP4 IPU images of
 * tools/rpmsg-remote.  It executes the very binary one would flash, one
 * instruction at a time, with Unicorn (Thumb-2, ARMv7-M), in an address
 * space laid out as the IPU's MMU lays it out from the resource table:
 *
 *  - every region of the instance (carveouts, vrings, rpmsg buffers) at
 *    its device address;
 *  - the OMAP4 system mailbox where a devmem entry of the resource table
 *    maps its physical address (L4_CFG + 0xf4000), modelled by
 *    omap_mbox.c.  As for Linux's omap_remoteproc on the IPU, FIFO 0
 *    carries Linux's kicks to the core and FIFO 1 the core's to Linux,
 *    each message a notify id or one of omap_remoteproc's RP_MBOX_*
 *    requests (RR_MBOX_* in rr_wire.h);
 *  - the IPU's watchdog timer (GPTimer 9, where a devmem entry maps
 *    0x4803e000): a write of its trigger register TTGR, which reloads the
 *    timer on the chip, is the firmware's heartbeat;
 *  - SysTick and CPUID in the System Control Space (m3_scs.c), SysTick
 *    counting real time, so firmware waits last what they last on the
 *    chip.
 *
 * The core starts as a Cortex-M3 does, with the stack pointer and reset
 * handler from the vector table at address 0.  It takes no interrupts:
 * the firmware polls the mailbox, and WFI sleeps until Linux sends it a
 * message.  While the firmware polls an empty FIFO 0, the runner waits
 * for Linux in the driver rather than spinning.  A core that stops
 * reloading its watchdog timer (a lockup, a hang, a halt in WFI) misses
 * the heartbeat and the driver's watchdog reports the crash.
 *
 * Every fault of the emulated core - an access outside the map, an
 * undefined instruction, an exception the emulator cannot deliver - and
 * an RR_MBOX_CRASH message from the firmware are crashes: the runner
 * logs the reason and the PC, tells the driver and exits.  Before it
 * runs the firmware the runner confines itself as rproc-sim-core does,
 * with the few memory-management calls the emulator makes added to the
 * allowed system calls.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/remoteproc_sim.h>
#include <unicorn/unicorn.h>

#include "confine.h"
#include "runner.h"
#include "rr_wire.h"
#include "m3_scs.h"
#include "omap_mbox.h"

/* GPTimer 9, IPU core 0's watchdog in panda's device tree. */
#define WDT_PA			0x4803e000u
#define WDT_SIZE		0x1000u
/* its trigger register (OMAP4 "v2" timer layout) */
#define WDT_TTGR		0x44u

/* The IPU's FIFOs, as Linux's OMAP4 device tree assigns them. */
#define MBOX_TO_CORE		0
#define MBOX_TO_HOST		1

/* Polls of an empty FIFO 0 that only peek at the driver... */
#define IDLE_PEEKS		8
/* ...before each further one waits up to this long for Linux. */
#define IDLE_WAIT_MS		1
/* WFI: how long one wait for a message lasts before the next. */
#define WFI_WAIT_MS		200
/* Largest resource table the runner reads. */
#define RSC_MAX			65536u
/* Where emulation never stops by address (Thumb code is at even PCs). */
#define NO_UNTIL		0xffffffffu
/* Blocks whose instruction count is cached, a power of two. */
#define BLOCK_CACHE		4096

/**
 * struct m3_core - the emulated core and its surroundings
 * @fd: the instance's character device
 * @name: instance name, for messages
 * @uc: the emulator
 * @mbox: the system mailbox
 * @scs: SysTick
 * @mbox_da: where the core sees the mailbox, when @have_mbox
 * @have_mbox: a devmem entry maps the mailbox
 * @wdt_da: where the core sees its watchdog timer, when @have_wdt
 * @have_wdt: a devmem entry maps the watchdog timer
 * @backlog: notify ids Linux kicked that did not fit into FIFO 0 yet
 * @pm_backlog: suspend message not yet in FIFO 0, or 0
 * @event: a message entered FIFO 0 since the last WFI (wakes it)
 * @idle: polls of an empty FIFO 0 in a row
 * @beat: the heartbeats passed on to the driver
 * @reset_pending: the firmware acknowledged a suspend: Linux powers the
 *	core down, and it starts again from its reset vector
 * @fault_type: UC_MEM_* of the last invalid access
 * @fault_addr: address of the last invalid access
 * @faulted: @fault_type and @fault_addr are valid
 * @insns: instructions executed
 * @start_ns: when the firmware started
 * @block_pc: cache of instruction counts: block start address
 * @block_n: cache of instruction counts: instructions in the block
 */
struct m3_core {
	int fd;
	const char *name;
	uc_engine *uc;
	struct omap_mbox mbox;
	struct m3_scs scs;
	uint32_t mbox_da;
	bool have_mbox;
	uint32_t wdt_da;
	bool have_wdt;
	uint64_t backlog;
	uint32_t pm_backlog;
	bool event;
	unsigned int idle;
	struct runner_beat beat;
	bool reset_pending;
	int fault_type;
	uint64_t fault_addr;
	bool faulted;
	uint64_t insns;
	uint64_t start_ns;
	uint32_t block_pc[BLOCK_CACHE];
	uint16_t block_n[BLOCK_CACHE];
};

static struct m3_core core = { .fd = -1, .name = "?" };

static uint32_t reg(int id)
{
	uint32_t v = 0;

	uc_reg_read(core.uc, id, &v);
	return v;
}

static void report_stats(void)
{
	uint64_t ns = runner_now_ns() - core.start_ns;

	fprintf(stderr, "rproc-sim-m3: %s: %llu instructions in %llu ms (%llu per second)\n",
		core.name, (unsigned long long)core.insns,
		(unsigned long long)(ns / 1000000u),
		(unsigned long long)(ns >= 1000000u ?
				     core.insns * 1000u / (ns / 1000000u) : 0));
}

/* Being stopped: the driver kills us anyway, leave quietly. */
static void __attribute__((noreturn)) leave(void)
{
	report_stats();
	_exit(0);
}

/* The core stops for good: tell the driver why, then exit. */
static void __attribute__((noreturn)) die(int code, int sig, uint64_t addr)
{
	struct rsim_exit why = { .code = code, .signal = sig, .addr = addr };

	ioctl(core.fd, RSIM_IOC_EXIT, &why);
	report_stats();
	_exit(code ? 1 : 0);
}

/* ---- Linux's side of the mailbox ------------------------------------ */

/* Collect Linux's kicks and requests; @timeout_ms 0 only peeks. */
static void collect(uint32_t timeout_ms)
{
	struct rsim_wait w = { .timeout_ms = timeout_ms };

	if (ioctl(core.fd, RSIM_IOC_WAIT, &w) < 0) {
		if (errno == ESHUTDOWN)
			leave();
		return;
	}
	core.backlog |= w.pending;
	if (w.pm_request == RSIM_PM_SUSPEND_AUTO)
		core.pm_backlog = RR_MBOX_SUSPEND_AUTO;
	else if (w.pm_request == RSIM_PM_SUSPEND_SYSTEM)
		core.pm_backlog = RR_MBOX_SUSPEND_SYSTEM;
	/* RSIM_PM_WOKEN: the IPU has no wake source of its own */
}

/* Move what Linux sent into FIFO 0 while there is room, oldest first. */
static void feed(void)
{
	struct omap_mbox *mb = &core.mbox;
	unsigned int id;

	if (core.pm_backlog && omap_mbox_count(mb, MBOX_TO_CORE) < OMAP_MBOX_DEPTH) {
		omap_mbox_put(mb, MBOX_TO_CORE, core.pm_backlog);
		core.pm_backlog = 0;
		core.event = true;
	}
	while (core.backlog && omap_mbox_count(mb, MBOX_TO_CORE) < OMAP_MBOX_DEPTH) {
		id = __builtin_ctzll(core.backlog);
		core.backlog &= core.backlog - 1;
		omap_mbox_put(mb, MBOX_TO_CORE, id);
		core.event = true;
	}
}

/* The firmware reloaded its watchdog timer: it is alive. */
static void alive(void)
{
	if (runner_beat_due(&core.beat))
		ioctl(core.fd, RSIM_IOC_HEARTBEAT);
}

static void pm_answer(uint32_t answer)
{
	ioctl(core.fd, RSIM_IOC_PM_ANSWER, &answer);
}

/* Linux's omap_remoteproc reads FIFO 1 at once: act on each message. */
static void deliver(void)
{
	struct omap_mbox *mb = &core.mbox;
	uint32_t msg;

	while (omap_mbox_count(mb, MBOX_TO_HOST)) {
		omap_mbox_get(mb, MBOX_TO_HOST, &msg);
		switch (msg) {
		case RR_MBOX_CRASH:
			fprintf(stderr, "rproc-sim-m3: %s: firmware reports a crash (RP_MBOX_CRASH) at pc %#010x, lr %#010x\n",
				core.name, reg(UC_ARM_REG_PC), reg(UC_ARM_REG_LR));
			die(1, 0, 0);
		case RR_MBOX_ECHO_REQUEST:
		case RR_MBOX_ECHO_REPLY:
			/* omap_remoteproc only logs a reply, answers nothing */
			break;
		case RR_MBOX_SUSPEND_ACK:
			pm_answer(RSIM_PM_ACK);
			core.reset_pending = true;
			break;
		case RR_MBOX_SUSPEND_CANCEL:
			pm_answer(RSIM_PM_CANCEL);
			break;
		default:
			/* a notify id; the driver ignores ids it does not know */
			ioctl(core.fd, RSIM_IOC_KICK, &msg);
			break;
		}
	}
}

/* ---- memory-mapped peripherals -------------------------------------- */

static uint64_t mbox_read(uc_engine *uc, uint64_t off, unsigned int size,
			  void *data)
{
	struct omap_mbox *mb = &core.mbox;

	if (off == OMAP_MBOX_MSGSTATUS(MBOX_TO_CORE) ||
	    off == OMAP_MBOX_MESSAGE(MBOX_TO_CORE)) {
		feed();
		if (!omap_mbox_count(mb, MBOX_TO_CORE)) {
			collect(core.idle < IDLE_PEEKS ? 0 : IDLE_WAIT_MS);
			core.idle++;
			feed();
		}
		if (omap_mbox_count(mb, MBOX_TO_CORE))
			core.idle = 0;
	}
	return omap_mbox_read(mb, (uint32_t)off);
}

static void mbox_write(uc_engine *uc, uint64_t off, unsigned int size,
		       uint64_t val, void *data)
{
	omap_mbox_write(&core.mbox, (uint32_t)off, (uint32_t)val);
	if (off == OMAP_MBOX_MESSAGE(MBOX_TO_HOST))
		deliver();
}

/* The watchdog timer: TTGR restarts it, everything else reads as 0. */
static uint64_t wdt_read(uc_engine *uc, uint64_t off, unsigned int size,
			 void *data)
{
	return 0;
}

static void wdt_write(uc_engine *uc, uint64_t off, unsigned int size,
		      uint64_t val, void *data)
{
	if (off == WDT_TTGR)
		alive();
}

static uint64_t scs_read(uc_engine *uc, uint64_t off, unsigned int size,
			 void *data)
{
	return m3_scs_read(&core.scs, (uint32_t)off, runner_now_ns());
}

static void scs_write(uc_engine *uc, uint64_t off, unsigned int size,
		      uint64_t val, void *data)
{
	m3_scs_write(&core.scs, (uint32_t)off, (uint32_t)val, runner_now_ns());
}

/* Remember what an access outside the map touched; the run then fails. */
static bool on_invalid(uc_engine *uc, uc_mem_type type, uint64_t addr,
		       int size, int64_t value, void *data)
{
	core.fault_type = type;
	core.fault_addr = addr;
	core.faulted = true;
	return false;
}

/*
 * Instructions in a translated block: a Thumb-2 instruction is one
 * halfword, or two when the first starts with 0b11101, 0b11110 or
 * 0b11111.  A block never crosses a page.
 */
static unsigned int count_insns(uint64_t pc, uint32_t size)
{
	static uint16_t hw[2048];
	unsigned int n = 0, i;

	if (size > sizeof(hw))
		size = sizeof(hw);
	if (uc_mem_read(core.uc, pc, hw, size))
		return 1;
	for (i = 0; i < size / 2; i++, n++)
		if ((hw[i] >> 11) >= 0x1d)
			i++;
	return n;
}

static void on_block(uc_engine *uc, uint64_t pc, uint32_t size, void *data)
{
	unsigned int slot = (pc >> 1) & (BLOCK_CACHE - 1);

	if (core.block_pc[slot] != (uint32_t)pc || !core.block_n[slot]) {
		core.block_pc[slot] = (uint32_t)pc;
		core.block_n[slot] = count_insns(pc, size);
	}
	core.insns += core.block_n[slot];
}

/* ---- set-up --------------------------------------------------------- */

static int map_regions(const struct rsim_info *info)
{
	struct rsim_region_info r;
	unsigned int i;
	uc_err err;
	void *va;

	for (i = 0; i < info->nr_regions; i++) {
		memset(&r, 0, sizeof(r));
		r.index = i;
		if (ioctl(core.fd, RSIM_IOC_GET_REGION, &r) < 0) {
			fprintf(stderr, "rproc-sim-m3: %s: region %u: %m\n",
				core.name, i);
			return -1;
		}
		r.name[sizeof(r.name) - 1] = '\0';
		if (r.da > UINT32_MAX || r.size > UINT32_MAX - r.da + 1) {
			fprintf(stderr, "rproc-sim-m3: %s: %s at %#llx is outside the core's 4 GiB\n",
				core.name, r.name, (unsigned long long)r.da);
			return -1;
		}
		va = mmap(NULL, r.size, PROT_READ | PROT_WRITE, MAP_SHARED,
			  core.fd, r.offset);
		if (va == MAP_FAILED) {
			fprintf(stderr, "rproc-sim-m3: %s: mmap %s: %m\n",
				core.name, r.name);
			return -1;
		}
		err = uc_mem_map_ptr(core.uc, r.da, r.size, UC_PROT_ALL, va);
		if (err) {
			fprintf(stderr, "rproc-sim-m3: %s: cannot map %s at %#llx: %s\n",
				core.name, r.name, (unsigned long long)r.da,
				uc_strerror(err));
			return -1;
		}
	}
	return 0;
}

/*
 * Where the core sees the peripheral at physical address @pa, the way the
 * IPU's MMU maps it: through the devmem entry of the resource table that
 * covers it.  The table is in memory the firmware owns, so it is copied
 * once and checked throughout.
 */
static bool find_devmem(const uint8_t *table, uint32_t size, uint32_t pa,
			uint32_t len, uint32_t *da)
{
	const struct rr_rsc_hdr *hdr = (const struct rr_rsc_hdr *)table;
	struct rr_rsc_mem mem;
	uint32_t i, off;

	if (size < sizeof(*hdr) || hdr->num > (size - sizeof(*hdr)) / 4)
		return false;
	for (i = 0; i < hdr->num; i++) {
		memcpy(&off, table + sizeof(*hdr) + 4 * i, 4);
		if (off > size || size - off < sizeof(mem))
			continue;
		memcpy(&mem, table + off, sizeof(mem));
		if (mem.type != RR_RSC_DEVMEM || mem.pa > pa ||
		    pa - mem.pa > mem.len || mem.len - (pa - mem.pa) < len ||
		    mem.da > UINT32_MAX - (pa - mem.pa))
			continue;
		*da = mem.da + (pa - mem.pa);
		return true;
	}
	return false;
}

static void find_peripherals(void)
{
	struct rsim_image img;
	uint8_t *table;
	uint32_t size;

	if (ioctl(core.fd, RSIM_IOC_GET_IMAGE, &img) < 0 ||
	    img.rsc_da == ~0ULL || !img.rsc_size)
		return;
	size = img.rsc_size < RSC_MAX ? img.rsc_size : RSC_MAX;
	table = malloc(size);
	if (!table)
		return;
	if (!uc_mem_read(core.uc, img.rsc_da, table, size)) {
		core.have_mbox = find_devmem(table, size, OMAP_MBOX_PA,
					     OMAP_MBOX_SIZE, &core.mbox_da);
		core.have_wdt = find_devmem(table, size, WDT_PA, WDT_SIZE,
					    &core.wdt_da);
	}
	free(table);
}

static int setup_emulator(const struct rsim_info *info)
{
	uc_hook h;
	uc_err err;

	err = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &core.uc);
	if (!err)
		err = uc_ctl_set_cpu_model(core.uc, UC_CPU_ARM_CORTEX_M3);
	if (err) {
		fprintf(stderr, "rproc-sim-m3: %s: no Cortex-M3 emulator: %s\n",
			core.name, uc_strerror(err));
		return -1;
	}
	if (map_regions(info))
		return -1;

	find_peripherals();
	if (!core.have_mbox)
		fprintf(stderr, "rproc-sim-m3: %s: no devmem entry maps the mailbox (pa %#x): the firmware cannot talk to Linux\n",
			core.name, OMAP_MBOX_PA);
	else
		err = uc_mmio_map(core.uc, core.mbox_da, OMAP_MBOX_SIZE,
				  mbox_read, NULL, mbox_write, NULL);
	if (!err && core.have_wdt)
		err = uc_mmio_map(core.uc, core.wdt_da, WDT_SIZE,
				  wdt_read, NULL, wdt_write, NULL);
	if (!err)
		err = uc_mmio_map(core.uc, M3_SCS_BASE, M3_SCS_SIZE,
				  scs_read, NULL, scs_write, NULL);
	if (!err)
		err = uc_hook_add(core.uc, &h, UC_HOOK_MEM_INVALID, on_invalid,
				  NULL, 1, 0);
	if (!err)
		err = uc_hook_add(core.uc, &h, UC_HOOK_BLOCK, on_block, NULL, 1, 0);
	if (err) {
		fprintf(stderr, "rproc-sim-m3: %s: emulator set-up: %s\n",
			core.name, uc_strerror(err));
		return -1;
	}
	omap_mbox_reset(&core.mbox);
	return 0;
}

/* ---- running -------------------------------------------------------- */

/* A Cortex-M3 reset: SP and PC from the vector table at address 0. */
static uint32_t core_reset(void)
{
	static const int gprs[] = {
		UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
		UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7,
		UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
		UC_ARM_REG_R12,
	};
	uint32_t vec[2], zero = 0, lr = 0xffffffffu;
	unsigned int i;

	if (uc_mem_read(core.uc, 0, vec, sizeof(vec))) {
		fprintf(stderr, "rproc-sim-m3: %s: no vector table at address 0\n",
			core.name);
		die(-1, SIGSEGV, 0);
	}
	if (!(vec[1] & 1)) {
		fprintf(stderr, "rproc-sim-m3: %s: reset vector %#010x is not a Thumb address\n",
			core.name, vec[1]);
		die(-1, SIGILL, vec[1]);
	}
	for (i = 0; i < sizeof(gprs) / sizeof(gprs[0]); i++)
		uc_reg_write(core.uc, gprs[i], &zero);
	uc_reg_write(core.uc, UC_ARM_REG_LR, &lr);
	uc_reg_write(core.uc, UC_ARM_REG_SP, &vec[0]);
	m3_scs_reset(&core.scs);
	return vec[1];
}

static void __attribute__((noreturn)) fault(uc_err err)
{
	uint32_t pc = reg(UC_ARM_REG_PC);
	int sig = SIGSEGV;
	uint64_t addr = pc;

	if (err == UC_ERR_INSN_INVALID || err == UC_ERR_EXCEPTION)
		sig = SIGILL;
	if (core.faulted &&
	    (err == UC_ERR_READ_UNMAPPED || err == UC_ERR_WRITE_UNMAPPED ||
	     err == UC_ERR_FETCH_UNMAPPED || err == UC_ERR_READ_PROT ||
	     err == UC_ERR_WRITE_PROT || err == UC_ERR_FETCH_PROT ||
	     err == UC_ERR_READ_UNALIGNED || err == UC_ERR_WRITE_UNALIGNED ||
	     err == UC_ERR_FETCH_UNALIGNED))
		addr = core.fault_addr;
	if (err == UC_ERR_READ_UNALIGNED || err == UC_ERR_WRITE_UNALIGNED ||
	    err == UC_ERR_FETCH_UNALIGNED)
		sig = SIGBUS;
	fprintf(stderr, "rproc-sim-m3: %s: core fault at pc %#010x: %s, address %#010llx, lr %#010x, sp %#010x\n",
		core.name, pc, uc_strerror(err), (unsigned long long)addr,
		reg(UC_ARM_REG_LR), reg(UC_ARM_REG_SP));
	die(-1, sig, addr);
}

/* WFI: sleep until a message for the core arrives (its interrupt). */
static void wait_for_interrupt(void)
{
	core.event = false;
	feed();
	while (!core.event) {
		collect(WFI_WAIT_MS);
		feed();
	}
}

static void __attribute__((noreturn)) run(void)
{
	uint32_t pc = core_reset();
	uc_err err;

	core.start_ns = runner_now_ns();
	for (;;) {
		core.faulted = false;
		err = uc_emu_start(core.uc, pc | 1, NO_UNTIL, 0, 0);
		if (err)
			fault(err);
		/* Unicorn returns after WFI, with the PC past it. */
		if (core.reset_pending) {
			core.reset_pending = false;
			pc = core_reset();
			continue;
		}
		wait_for_interrupt();
		pc = reg(UC_ARM_REG_PC);
	}
}

static const char help[] =
	"Run the ARM (Cortex-M3) firmware of a simulated remote processor in\n"
	"an emulator: DEVICE is the instance's /dev/rproc-sim-NAME. The\n"
	"rproc-sim driver starts this program when a processor with an ARM\n"
	"image is started; it is not meant to be run by hand.\n";

int main(int argc, char **argv)
{
	struct rsim_image img;
	struct rsim_info info;
	int status;

	core.fd = runner_open(argc, argv, "rproc-sim-m3", help, &info,
			      &status);
	if (core.fd < 0)
		return status;
	core.name = info.name;
	if (ioctl(core.fd, RSIM_IOC_GET_IMAGE, &img) < 0 || img.machine != EM_ARM) {
		fprintf(stderr, "rproc-sim-m3: %s: the firmware is not an ARM image\n",
			core.name);
		return 1;
	}
	runner_beat_init(&core.beat, &info);

	if (setup_emulator(&info)) {
		fprintf(stderr, "rproc-sim-m3: %s: setup failed\n", core.name);
		return 1;
	}
	/* From here on only what the emulator and the driver need. */
	if (confine(core.fd, core.name, CONFINE_EMULATOR))
		return 1;
	if (ioctl(core.fd, RSIM_IOC_READY) < 0) {
		fprintf(stderr, "rproc-sim-m3: %s: READY: %m\n", core.name);
		return 1;
	}
	run();
}
