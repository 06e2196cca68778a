// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * sim_test.c - run the real simulator images against a fake Linux
 *
 * Usage: sim_test FIRMWARE_DIR
 *
 * Loads each rproc-sim-*.elf the way remoteproc does (PT_LOAD by p_paddr
 * into the default instance map: mem 0x20000000, shm 0x30000000), processes
 * its resource table the way Linux does (notify ids, vring addresses),
 * calls its entry point on a thread with a struct rsim_host of our own, and
 * plays Linux's virtio_rpmsg_bus on this thread. Checks the wire protocol
 * end to end without a kernel: announcements, echo, control commands,
 * notification batching, crash and exit codes, hostile images.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fake_linux.h"
#include "ktap.h"
#include "rsim_host.h"
#include "rr_wire.h"

#define MEM_DA		0x20000000u
#define MEM_SIZE	0x800000u
#define SHM_DA		0x30000000u
#define SHM_SIZE	0x100000u
#define NUM		256
#define ALIGN		4096
#define BUFSZ		512
/* generous: the firmware thread may starve on a loaded machine */
#define TMO		10000
#define VQ_DA(v, i)	(SHM_DA + (v) * 0x90000u + (i) * 0x8000u)
#define BUF_DA(v)	(SHM_DA + 0x10000u + (v) * 0x90000u)

static const char *fw_dir;
/* ELF64 layouts, as much of them as this loader reads */
struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct elf64_shdr {
	uint32_t name, type;
	uint64_t flags, addr, offset, size;
	uint32_t link, info;
	uint64_t addralign, entsize;
};

#define ELF_PT_LOAD	1

/* ---- the runner half: what rproc-sim-core gives the firmware -------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t to_remote = PTHREAD_COND_INITIALIZER;
static pthread_cond_t to_linux = PTHREAD_COND_INITIALIZER;
static uint64_t remote_pending, linux_pending;
static unsigned int kicks_from_remote, kicks_to_remote, heartbeats;
static int exit_code;
static int exited;
static int stop_req;
static jmp_buf fw_done;

static void deadline(struct timespec *ts, uint32_t ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

static void host_kick(uint32_t id)
{
	pthread_mutex_lock(&lock);
	linux_pending |= 1ull << (id < 63 ? id : 63);
	kicks_from_remote++;
	pthread_cond_signal(&to_linux);
	pthread_mutex_unlock(&lock);
}

static uint64_t host_wait(uint32_t ms)
{
	struct timespec ts;
	uint64_t got;

	deadline(&ts, ms);
	pthread_mutex_lock(&lock);
	while (!remote_pending && !stop_req &&
	       pthread_cond_timedwait(&to_remote, &lock, &ts) != ETIMEDOUT)
		;
	got = remote_pending;
	remote_pending = 0;
	if (stop_req) {
		/* the "stop" op: the core simply stops running */
		pthread_mutex_unlock(&lock);
		longjmp(fw_done, 1);
	}
	pthread_mutex_unlock(&lock);
	return got;
}

static void host_heartbeat(void)
{
	__atomic_add_fetch(&heartbeats, 1, __ATOMIC_RELAXED);
}

__attribute__((noreturn)) static void host_exit(int code)
{
	pthread_mutex_lock(&lock);
	exit_code = code;
	exited = 1;
	pthread_cond_signal(&to_linux);
	pthread_mutex_unlock(&lock);
	longjmp(fw_done, 1);
}

static void host_console(const char *s, uint32_t len)
{
	if (getenv("RR_SIM_VERBOSE"))
		fprintf(stderr, "# fw: %.*s", (int)len, s);
}

static const struct rsim_host host = {
	.abi = RSIM_HOST_ABI,
	.size = sizeof(struct rsim_host),
	.kick = host_kick,
	.wait = host_wait,
	.heartbeat = host_heartbeat,
	.exit = host_exit,
	.console = host_console,
};

/* ---- the Linux half ------------------------------------------------- */

struct vdev {
	volatile struct rr_rsc_vdev *rsc;
	struct lq q[2];		/* q[0]: remote->Linux, q[1]: Linux->remote */
	uint32_t notify[2];
	unsigned int tx_next;
};

static struct vdev vd[2];
static unsigned int nvdev;
static volatile struct rr_rsc_hdr *table;
static char *trace_buf;
static pthread_t fw_thread;
static rsim_entry_t fw_entry;

static void *fw_main_thread(void *arg)
{
	if (!setjmp(fw_done)) {
		fw_entry(&host);
		host_exit(0);
	}
	return NULL;
}

static void kick_remote(uint32_t id)
{
	pthread_mutex_lock(&lock);
	remote_pending |= 1ull << id;
	kicks_to_remote++;
	pthread_cond_signal(&to_remote);
	pthread_mutex_unlock(&lock);
}

/* wait for a kick from the remote (or its exit); returns 0 on timeout */
static int wait_remote(uint32_t ms)
{
	struct timespec ts;
	int got;

	deadline(&ts, ms);
	pthread_mutex_lock(&lock);
	while (!linux_pending && !exited &&
	       pthread_cond_timedwait(&to_linux, &lock, &ts) != ETIMEDOUT)
		;
	got = linux_pending || exited;
	linux_pending = 0;
	pthread_mutex_unlock(&lock);
	return got;
}

static void *map_at(uint32_t da, uint32_t size)
{
	void *p = mmap((void *)(uintptr_t)da, size, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p != (void *)(uintptr_t)da) {
		perror("mmap");
		exit(4);
	}
	return p;
}

/* load an image, process its table, start it; 0 on success */
static int boot(const char *name, uint32_t accept)
{
	char path[512];
	struct elf64_ehdr *eh;
	struct elf64_phdr *ph;
	struct elf64_shdr *sh;
	struct stat st;
	const char *strs;
	uint8_t *img;
	unsigned int i;
	int fd;

	snprintf(path, sizeof(path), "%s/rproc-sim-%s.elf", fw_dir, name);
	fd = open(path, O_RDONLY);
	if (fd < 0 || fstat(fd, &st)) {
		perror(path);
		return -1;
	}
	img = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	memset((void *)(uintptr_t)MEM_DA, 0xa5, MEM_SIZE);
	memset((void *)(uintptr_t)SHM_DA, 0x5a, SHM_SIZE);
	eh = (struct elf64_ehdr *)img;
	ph = (struct elf64_phdr *)(img + eh->phoff);
	for (i = 0; i < eh->phnum; i++) {
		if (ph[i].type != ELF_PT_LOAD)
			continue;
		memcpy((void *)(uintptr_t)ph[i].paddr, img + ph[i].offset, ph[i].filesz);
		memset((void *)(uintptr_t)(ph[i].paddr + ph[i].filesz), 0,
		       ph[i].memsz - ph[i].filesz);
	}
	sh = (struct elf64_shdr *)(img + eh->shoff);
	strs = (const char *)img + sh[eh->shstrndx].offset;
	table = NULL;
	for (i = 0; i < eh->shnum; i++)
		if (!strcmp(strs + sh[i].name, ".resource_table"))
			table = (void *)(uintptr_t)sh[i].addr;
	fw_entry = (rsim_entry_t)(uintptr_t)eh->entry;
	munmap(img, st.st_size);
	if (!table || table->ver != 1)
		return -1;

	/* what remoteproc does with the table before start */
	nvdev = 0;
	trace_buf = NULL;
	for (i = 0; i < table->num; i++) {
		uint32_t off = ((volatile uint32_t *)(table + 1))[i];
		volatile uint32_t *type = (volatile uint32_t *)((volatile uint8_t *)table + off);
		volatile struct rr_rsc_vdev *v = (void *)type;
		volatile struct rr_rsc_vring *r = (void *)(v + 1);
		struct vdev *d;

		if (*type == RR_RSC_TRACE)
			trace_buf = (char *)(uintptr_t)((volatile struct rr_rsc_trace *)type)->da;
		if (*type != RR_RSC_VDEV || nvdev == 2)
			continue;
		d = &vd[nvdev];
		memset(d, 0, sizeof(*d));
		d->rsc = v;
		for (int k = 0; k < 2; k++) {
			d->notify[k] = nvdev * 2 + k;
			r[k].notifyid = d->notify[k];
			r[k].da = VQ_DA(nvdev, k);
			lq_init(&d->q[k], (void *)(uintptr_t)r[k].da, NUM, ALIGN);
		}
		v->gfeatures = v->dfeatures & accept;
		nvdev++;
	}
	exited = 0;
	exit_code = -1;
	remote_pending = 0;
	linux_pending = 0;
	kicks_from_remote = 0;
	kicks_to_remote = 0;
	pthread_create(&fw_thread, NULL, fw_main_thread, NULL);
	return 0;
}

/* the virtio driver probes: post receive buffers, DRIVER_OK */
static void driver_ok(unsigned int v)
{
	struct vdev *d = &vd[v];

	for (unsigned int i = 0; i < NUM; i++)
		lq_add(&d->q[0], i, BUF_DA(v) + i * BUFSZ, BUFSZ, RR_VRING_DESC_F_WRITE);
	/* virtio_rpmsg_bus suppresses its TX-complete callback */
	d->q[1].avail->flags = RR_VRING_AVAIL_F_NO_INTERRUPT;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	d->rsc->status = 0x07;
}

static void shutdown_fw(void)
{
	pthread_mutex_lock(&lock);
	stop_req = 1;
	pthread_cond_signal(&to_remote);
	pthread_mutex_unlock(&lock);
	pthread_join(fw_thread, NULL);
	stop_req = 0;
}

static void wait_exit(uint32_t ms)
{
	for (uint32_t i = 0; i < ms / 10 && !exited; i++)
		wait_remote(10);
}

/* one message from the remote, waiting up to @ms; returns the header */
static struct rr_rpmsg_hdr *rx(unsigned int v, uint32_t ms, uint32_t *used_len)
{
	struct vdev *d = &vd[v];
	uint32_t id, len;
	int tries = ms / 10 + 1;

	while (tries--) {
		if (lq_get(&d->q[0], &id, &len)) {
			struct rr_rpmsg_hdr *h = (void *)(uintptr_t)(BUF_DA(v) + id * BUFSZ);

			/* recycle it right away, as virtio_rpmsg_bus does */
			lq_add(&d->q[0], id, BUF_DA(v) + id * BUFSZ, BUFSZ,
			       RR_VRING_DESC_F_WRITE);
			*used_len = len;
			return h;
		}
		wait_remote(10);
	}
	return NULL;
}

static void tx(unsigned int v, uint32_t src, uint32_t dst, const void *data,
	       uint16_t len, int kick)
{
	struct vdev *d = &vd[v];
	unsigned int slot = d->tx_next++ % NUM;
	struct rr_rpmsg_hdr *h = (void *)(uintptr_t)(BUF_DA(v) + (NUM + slot) * BUFSZ);
	uint32_t id, l;

	while (lq_get(&d->q[1], &id, &l))
		;
	h->src = src;
	h->dst = dst;
	h->reserved = 0x12345678;
	h->len = len;
	h->flags = 0;
	memcpy(h->data, data, len);
	lq_add(&d->q[1], slot, BUF_DA(v) + (NUM + slot) * BUFSZ, BUFSZ, 0);
	/* kick 1: honour USED_F_NO_NOTIFY; kick 2: honour avail_event */
	if ((kick == 1 && !(d->q[1].used->flags & RR_VRING_USED_F_NO_NOTIFY)) ||
	    (kick == 2 && *lq_avail_event(&d->q[1]) == (uint16_t)(d->q[1].avail_idx - 1)))
		kick_remote(d->notify[1]);
}

static int expect_text(const char *want, uint32_t from)
{
	uint32_t ul;
	struct rr_rpmsg_hdr *h = rx(0, TMO, &ul);

	if (!h) {
		printf("# no reply, wanted \"%s\"\n", want);
		return 0;
	}
	if (h->src != from || h->len != strlen(want) || memcmp(h->data, want, h->len)) {
		printf("# got \"%.*s\" from %u, wanted \"%s\" from %u\n",
		       (int)h->len, (char *)h->data, h->src, want, from);
		return 0;
	}
	return 1;
}

static void ctrl(const char *cmd)
{
	tx(0, 2000, 1003, cmd, strlen(cmd), 1);
}

/* boot an rpmsg image and collect its announcements into @names */
static int boot_and_announce(const char *img, uint32_t accept, char names[][32],
			     int want)
{
	uint32_t ul;
	int n = 0;

	if (boot(img, accept))
		return -1;
	driver_ok(0);
	while (n < want) {
		struct rr_rpmsg_hdr *h = rx(0, TMO, &ul);
		struct rr_rpmsg_ns_msg *ns;

		if (!h)
			break;
		ns = (void *)h->data;
		if (h->dst != RR_RPMSG_NS_ADDR || h->len != sizeof(*ns) ||
		    ul != sizeof(*h) + sizeof(*ns) || ns->flags != RR_RPMSG_NS_CREATE ||
		    ns->addr != h->src || h->reserved || h->flags)
			break;
		memcpy(names[n++], ns->name, 32);
	}
	return n;
}

static int has_name(char names[][32], int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strncmp(names[i], name, 32))
			return 1;
	return 0;
}

/* ---- cases ---------------------------------------------------------- */

static void case_echo(void)
{
	char names[8][32];
	uint32_t ul, i;
	unsigned int k0, big = 2000;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("echo", 1, names, 4) == 4);
	CHECK(has_name(names, 4, "rpmsg-client-sample"));
	CHECK(has_name(names, 4, "rpmsg-echo"));
	CHECK(has_name(names, 4, "rpmsg-raw"));
	CHECK(has_name(names, 4, "rpmsg-remote-ctrl"));
	CHECK(trace_buf && strstr(trace_buf, "booting"));

	tx(0, 1024, 1000, "hello world!", 12, 1);
	h = rx(0, TMO, &ul);
	CHECK(h && h->src == 1000 && h->dst == 1024 && h->len == 12 &&
	      !memcmp(h->data, "hello world!", 12) && ul == 28);
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	ctrl("version");
	CHECK(expect_text("ok echo", 1003));
	ctrl("features");
	CHECK(expect_text("ok 0x1", 1003));
	ctrl("nonsense");
	CHECK(expect_text("err unknown command", 1003));

	/* a long exchange: far fewer kicks than messages */
	k0 = kicks_from_remote;
	for (i = 0; i < big; i++) {
		tx(0, 1025, 1001, &i, sizeof(i), 1);
		h = rx(0, TMO, &ul);
		if (!h || h->len != 4 || memcmp(h->data, &i, 4))
			break;
	}
	CHECK(i == big);
	printf("# echo: %u round trips, %u kicks from the remote, %u to it\n",
	       big, kicks_from_remote - k0, kicks_to_remote);
	/* one per echo at most: the returned RX buffers need none */
	CHECK(kicks_from_remote - k0 <= big);

	/* burst without kicking: the remote batches */
	k0 = kicks_from_remote;
	for (i = 0; i < 64; i++)
		tx(0, 1025, 1001, &i, sizeof(i), 0);
	kick_remote(vd[0].notify[1]);
	for (i = 0; i < 64; i++) {
		h = rx(0, TMO, &ul);
		if (!h || memcmp(h->data, &i, 4))
			break;
	}
	CHECK(i == 64);
	CHECK(kicks_from_remote - k0 <= 4);

	/* the remote sends first */
	ctrl("burst 1030 100 200");
	for (i = 0; i < 100; i++) {
		h = rx(0, TMO, &ul);
		if (!h || h->src != 1002 || h->dst != 1030 || h->len != 200 ||
		    memcmp(h->data, &i, 4))
			break;
	}
	CHECK(i == 100);
	CHECK(expect_text("ok sent 100", 1003));

	/* dynamic endpoints */
	ctrl("announce dyn-svc");
	h = rx(0, TMO, &ul);
	CHECK(h && h->dst == RR_RPMSG_NS_ADDR &&
	      !strcmp(((struct rr_rpmsg_ns_msg *)h->data)->name, "dyn-svc"));
	CHECK(expect_text("ok 1024", 1003));
	tx(0, 1040, 1024, "dyn", 3, 1);
	h = rx(0, TMO, &ul);
	CHECK(h && h->src == 1024 && h->len == 3);
	ctrl("destroy 1024");
	h = rx(0, TMO, &ul);
	CHECK(h && h->dst == RR_RPMSG_NS_ADDR &&
	      ((struct rr_rpmsg_ns_msg *)h->data)->flags == RR_RPMSG_NS_DESTROY);
	CHECK(expect_text("ok", 1003));

	ctrl("trace hello from the test");
	CHECK(expect_text("ok", 1003));
	CHECK(strstr(trace_buf, "hello from the test\n"));
	ctrl("exit");
	CHECK(expect_text("ok", 1003));
	wait_exit(TMO);
	shutdown_fw();
	CHECK(exited && exit_code == 0);
	CHECK(heartbeats > 0);
}

static void case_evidx(void)
{
	char names[8][32];
	uint32_t ul, i;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("echo-evidx", 0xffffffffu, names, 4) == 4);
	ctrl("features");
	CHECK(expect_text("ok 0x20000001", 1003));
	for (i = 0; i < 500; i++) {
		/* Linux asks for a kick at every used entry, like virtqueue_enable_cb */
		*lq_used_event(&vd[0].q[0]) = vd[0].q[0].last_used;
		tx(0, 1025, 1001, &i, sizeof(i), 2);
		h = rx(0, TMO, &ul);
		if (!h || memcmp(h->data, &i, 4))
			break;
	}
	CHECK(i == 500);
	shutdown_fw();
}

static void case_nons(void)
{
	char names[8][32];
	uint32_t ul;

	CHECK(boot_and_announce("echo-nons", 0xffffffffu, names, 1) == 0);
	tx(0, 1024, 1001, "x", 1, 1);
	CHECK(rx(0, TMO, &ul));
	shutdown_fw();
}

static void case_multi(void)
{
	char names[16][32];
	uint32_t ul;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("multi", 1, names, 12) == 12);
	CHECK(has_name(names, 12, "rpmsg-multi-7"));
	for (uint32_t a = 1010; a < 1018; a++) {
		tx(0, 1100 + a, a, "m", 1, 1);
		h = rx(0, TMO, &ul);
		CHECK(h && h->src == a && h->dst == 1100 + a);
	}
	shutdown_fw();
}

static void case_crash(void)
{
	char names[8][32];
	uint32_t ul, i;

	CHECK(boot_and_announce("crash", 1, names, 4) == 4);
	for (i = 0; i < 9; i++) {
		tx(0, 1024, 1001, "c", 1, 1);
		CHECK(rx(0, TMO, &ul));
	}
	tx(0, 1024, 1001, "c", 1, 1);
	wait_exit(TMO);
	shutdown_fw();
	CHECK(exited && exit_code == 2);
	CHECK(strstr(trace_buf, "crashing on purpose"));

	CHECK(boot("crash-boot", 1) == 0);
	wait_exit(TMO);
	shutdown_fw();
	CHECK(exited && exit_code == 2);
}

static void case_bad_ns(void)
{
	char names[8][32];
	uint32_t ul;
	int bad = 0;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("bad-ns", 1, names, 4) == 4);
	while (bad < 7 && (h = rx(0, TMO, &ul)))
		if (h->dst == RR_RPMSG_NS_ADDR)
			bad++;
	CHECK(bad == 7);
	/* and still works */
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	shutdown_fw();
}

static void case_bad_len(void)
{
	char names[8][32];
	uint32_t ul;
	int n = 0, lens_bad = 0;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("bad-len", 1, names, 4) == 4);
	while (n < 6 && (h = rx(0, TMO, &ul))) {
		n++;
		if (ul < sizeof(*h) || ul > BUFSZ || h->len > ul - sizeof(*h))
			lens_bad++;
	}
	CHECK(n == 6 && lens_bad == 5);
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	shutdown_fw();
}

static void case_bad_idx(void)
{
	char names[8][32];
	uint32_t id = 0, len;
	int i;

	CHECK(boot_and_announce("bad-idx", 1, names, 4) == 4);
	for (i = 0; i < TMO / 10 && !lq_get(&vd[0].q[0], &id, &len); i++)
		wait_remote(10);
	CHECK(id == NUM + 5);
	shutdown_fw();
}

static void case_hostile_linux(void)
{
	char names[8][32];
	uint32_t ul;
	int i;

	CHECK(boot_and_announce("echo", 1, names, 4) == 4);
	/* Linux offers a buffer outside shared memory, then a bogus head */
	lq_add(&vd[0].q[1], 7, 0x20000000u, BUFSZ, 0);
	kick_remote(vd[0].notify[1]);
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	ctrl("stats");
	CHECK(rx(0, TMO, &ul));
	vd[0].q[1].avail->ring[vd[0].q[1].avail_idx % NUM] = 999;
	vd[0].q[1].avail->idx = ++vd[0].q[1].avail_idx;
	kick_remote(vd[0].notify[1]);
	for (i = 0; i < TMO / 10 && !strstr(trace_buf, "descriptor index out of range"); i++)
		usleep(10000);
	CHECK(!exited);
	CHECK(strstr(trace_buf, "outside shared memory"));
	CHECK(strstr(trace_buf, "descriptor index out of range"));
	shutdown_fw();
}

static void case_console(void)
{
	static const char line[] = "hello console\r\nsecond";
	char names[8][32];
	uint32_t id = 0, len = 0, ul, v = 1;
	char *in, *out;
	int i;

	CHECK(boot_and_announce("rproc-serial", 1, names, 4) == 4);
	CHECK(nvdev == 2 && vd[1].rsc->id == RR_VIRTIO_ID_RPROC_SERIAL);
	driver_ok(1);
	out = (char *)(uintptr_t)(BUF_DA(v) + NUM * BUFSZ);
	memcpy(out, line, sizeof(line) - 1);
	lq_add(&vd[1].q[1], 0, BUF_DA(v) + NUM * BUFSZ, sizeof(line) - 1, 0);
	kick_remote(vd[1].notify[1]);
	for (i = 0; i < TMO / 10 && !lq_get(&vd[1].q[0], &id, &len); i++)
		wait_remote(10);
	in = (char *)(uintptr_t)(BUF_DA(v) + id * BUFSZ);
	CHECK(len == 14 && !memcmp(in, "hello console\n", 14));
	/* rpmsg still works beside it */
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	(void)ul;
	shutdown_fw();
}

static void case_reset(void)
{
	char names[8][32];
	int n = 0;
	uint32_t ul;
	struct rr_rpmsg_hdr *h;

	CHECK(boot_and_announce("echo", 1, names, 4) == 4);
	/* virtio_rpmsg_bus unbound: status 0, then a fresh probe */
	vd[0].rsc->status = 0;
	usleep(100000);
	for (int k = 0; k < 2; k++)
		lq_init(&vd[0].q[k], (void *)(uintptr_t)VQ_DA(0, k), NUM, ALIGN);
	vd[0].tx_next = 0;
	driver_ok(0);
	while (n < 4 && (h = rx(0, TMO, &ul)) && h->dst == RR_RPMSG_NS_ADDR)
		n++;
	CHECK(n == 4);
	ctrl("ping");
	CHECK(expect_text("pong", 1003));
	CHECK(strstr(trace_buf, "reset by Linux"));
	shutdown_fw();
}

static const struct ktap_case cases[] = {
	{ "sim_echo", case_echo },
	{ "sim_event_idx", case_evidx },
	{ "sim_no_ns", case_nons },
	{ "sim_multi", case_multi },
	{ "sim_crash", case_crash },
	{ "sim_bad_ns", case_bad_ns },
	{ "sim_bad_len", case_bad_len },
	{ "sim_bad_idx", case_bad_idx },
	{ "sim_hostile_linux", case_hostile_linux },
	{ "sim_console", case_console },
	{ "sim_vdev_reset", case_reset },
};

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s FIRMWARE_DIR\n", argv[0]);
		return 2;
	}
	fw_dir = argv[1];
	map_at(MEM_DA, MEM_SIZE);
	map_at(SHM_DA, SHM_SIZE);
	return ktap_run("rpmsg-remote simulator image tests", cases,
			sizeof(cases) / sizeof(cases[0]));
}
