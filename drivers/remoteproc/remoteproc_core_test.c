// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the remoteproc core: boot/shutdown reference counting,
 * the state machine, crash handling and recovery, resource handling and
 * the virtio transport.
 *
 * A fake platform driver records every callback in a string ("prepare
 * load start ...") that the tests compare with what must have happened.
 * Its image is a buffer in memory handed out through the core's firmware
 * hook; its own parse_fw/load ops put a resource table built by each test
 * in place, and its da_to_va maps a small "device memory" where the loaded
 * copy of the table lives, as the ELF loader would arrange.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/notifier.h>
#include <linux/platform_device.h>
#include <linux/rculist.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include "remoteproc_elf_helpers.h"
#include "remoteproc_internal.h"
#include "remoteproc_rsc_table.h"

#define FAKE_DEVMEM_DA		0x10000000u
#define FAKE_DEVMEM_SIZE	SZ_16K
#define FAKE_VENDOR_TYPE	200
#define FAKE_VIRTIO_ID		0x7e	/* no driver binds to it */
#define FAKE_CONFIG_LEN		8

/**
 * struct fake_rproc - what the fake driver records and is told to do
 * @test: the running test
 * @log: the callbacks, in call order, separated by spaces
 * @table: resource table the image "contains", or NULL
 * @table_sz: its size
 * @devmem: the remote's own memory; the loaded table goes at its start
 * @start_ret: what start returns (-EIO etc.), checked at every call
 * @fail_start_after: start fails once it has succeeded this many times
 * @starts: successful starts
 * @crash_in_stop: stop reports a crash, like a driver whose remote died
 *		   while being stopped
 * @panic_in_stop: stop runs the panic notifier's walk, as if Linux
 *		   panicked while the remote was being stopped
 * @stop_ret: what stop returns
 * @attach_ret: what attach returns
 * @crash_in_attach: attach reports a crash before it returns
 * @kicks: notify ids passed to kick, the last one
 * @nkicks: number of kicks
 * @vendor_type: type passed to handle_rsc
 * @loaded_table: get_loaded_rsc_table returns @devmem
 * @panic_ms: what panic returns
 * @panics: calls of panic
 * @up: start or attach succeeded and stop or detach has not run since
 * @double_ops: starts of a remote that was up, stops of one that was not
 * @table_unmapped: find_loaded_rsc_table finds no place for the table
 * @loaded_size: size get_loaded_rsc_table reports, if not @table_sz
 * @load_state: &rproc.state when load was last called
 * @load_recovery: the "recovery_status" word when load was last called
 */
struct fake_rproc {
	struct kunit *test;
	char log[256];
	struct resource_table *table;
	size_t table_sz;
	void *devmem;
	int start_ret;
	int fail_start_after;
	int starts;
	bool crash_in_stop;
	bool panic_in_stop;
	int stop_ret;
	int attach_ret;
	bool crash_in_attach;
	int kicks;
	int nkicks;
	u32 vendor_type;
	bool loaded_table;
	unsigned long panic_ms;
	int panics;
	bool up;
	int double_ops;
	bool table_unmapped;
	size_t loaded_size;
	unsigned int load_state;
	const char *load_recovery;
};

/**
 * struct rproc_test_ctx - per-test fixture
 * @parent: the fake platform device (a root device with a DMA mask)
 * @rproc: the registered remote processor
 * @fake: its driver state
 */
struct rproc_test_ctx {
	struct device *parent;
	struct rproc *rproc;
	struct fake_rproc *fake;
};

static const u8 fake_image[] = "not an ELF: the fake driver loads it";
static const struct firmware fake_fw = {
	.size = sizeof(fake_image),
	.data = fake_image,
};

static void fake_log(struct rproc *rproc, const char *what)
{
	struct fake_rproc *fake = rproc->priv;

	strlcat(fake->log, what, sizeof(fake->log));
	strlcat(fake->log, " ", sizeof(fake->log));
}

static int fake_prepare(struct rproc *rproc)
{
	fake_log(rproc, "prepare");
	return 0;
}

static int fake_unprepare(struct rproc *rproc)
{
	fake_log(rproc, "unprepare");
	return 0;
}

static int fake_start(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "start");
	if (fake->up)
		fake->double_ops++;
	if (fake->start_ret)
		return fake->start_ret;
	if (fake->fail_start_after >= 0 &&
	    fake->starts >= fake->fail_start_after)
		return -EIO;
	fake->starts++;
	fake->up = true;
	return 0;
}

static int fake_stop(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, fake->stop_ret ? "stop-fails" : "stop");
	if (!fake->up)
		fake->double_ops++;
	if (fake->panic_in_stop)
		rproc_panic_remotes();
	if (fake->stop_ret)
		return fake->stop_ret;
	fake->up = false;
	if (fake->crash_in_stop)
		rproc_report_crash(rproc, RPROC_WATCHDOG);
	return 0;
}

static int fake_attach(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "attach");
	if (fake->crash_in_attach)
		rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	if (fake->attach_ret)
		return fake->attach_ret;
	fake->up = true;
	return 0;
}

static int fake_detach(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "detach");
	fake->up = false;
	return 0;
}

/* Called from the panic notifier: record, and ask for a delay. */
static unsigned long fake_panic(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake->panics++;
	return fake->panic_ms;
}

static void fake_kick(struct rproc *rproc, int vqid)
{
	struct fake_rproc *fake = rproc->priv;

	fake->kicks = vqid;
	fake->nkicks++;
}

static void *fake_da_to_va(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem)
{
	struct fake_rproc *fake = rproc->priv;

	if (da < FAKE_DEVMEM_DA || da - FAKE_DEVMEM_DA > FAKE_DEVMEM_SIZE ||
	    len > FAKE_DEVMEM_SIZE - (da - FAKE_DEVMEM_DA))
		return NULL;
	return fake->devmem + (da - FAKE_DEVMEM_DA);
}

static int fake_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "parse");
	if (!fake->table)
		return 0;

	rproc->cached_table = kmemdup(fake->table, fake->table_sz, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->table_sz = fake->table_sz;
	return 0;
}

static int fake_load(struct rproc *rproc, const struct firmware *fw)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "load");
	fake->load_state = rproc->state;
	fake->load_recovery = rproc_recovery_status_word(rproc);
	KUNIT_EXPECT_PTR_EQ(fake->test, (const void *)fw->data,
			    (const void *)fake_image);
	/* The image's own table lands in device memory, pristine. */
	memset(fake->devmem, 0, FAKE_DEVMEM_SIZE);
	if (fake->table)
		memcpy(fake->devmem, fake->table, fake->table_sz);
	return 0;
}

static struct resource_table *fake_find_loaded(struct rproc *rproc,
					       const struct firmware *fw)
{
	struct fake_rproc *fake = rproc->priv;

	return fake->table && !fake->table_unmapped ? fake->devmem : NULL;
}

static struct resource_table *fake_get_loaded(struct rproc *rproc,
					      size_t *size)
{
	struct fake_rproc *fake = rproc->priv;

	if (!fake->loaded_table || !fake->table)
		return NULL;
	*size = fake->loaded_size ?: fake->table_sz;
	return fake->devmem;
}

static int fake_handle_rsc(struct rproc *rproc, u32 type, void *rsc,
			   int offset, int avail)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "vendor");
	fake->vendor_type = type;
	return RSC_HANDLED;
}

static const struct rproc_ops fake_ops = {
	.prepare		= fake_prepare,
	.unprepare		= fake_unprepare,
	.start			= fake_start,
	.stop			= fake_stop,
	.attach			= fake_attach,
	.detach			= fake_detach,
	.kick			= fake_kick,
	.da_to_va		= fake_da_to_va,
	.parse_fw		= fake_parse_fw,
	.load			= fake_load,
	.find_loaded_rsc_table	= fake_find_loaded,
	.get_loaded_rsc_table	= fake_get_loaded,
	.handle_rsc		= fake_handle_rsc,
	.panic			= fake_panic,
};

static int fake_request_firmware(struct rproc *rproc,
				 const struct firmware **fw)
{
	*fw = &fake_fw;
	return 0;
}

/* Resource table builder: entries are appended in order. */
struct table_builder {
	u8 buf[1024];
	size_t len;
	u32 num;
	u32 offsets[8];
};

static void *tb_add(struct table_builder *tb, u32 type, size_t body)
{
	struct fw_rsc_hdr *hdr;

	tb->offsets[tb->num++] = tb->len;
	hdr = (void *)tb->buf + tb->len;
	hdr->type = type;
	tb->len += sizeof(*hdr) + body;
	return hdr->data;
}

/* Lay out header + offsets in front of the entries and hand it out. */
static struct resource_table *tb_finish(struct kunit *test,
					struct table_builder *tb, size_t *size)
{
	size_t head = struct_size((struct resource_table *)NULL, offset, tb->num);
	struct resource_table *table;
	u32 i;

	table = kunit_kzalloc(test, head + tb->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, table);
	table->ver = 1;
	table->num = tb->num;
	for (i = 0; i < tb->num; i++)
		table->offset[i] = head + tb->offsets[i];
	memcpy((void *)table + head, tb->buf, tb->len);
	*size = head + tb->len;
	return table;
}

static struct fw_rsc_carveout *tb_carveout(struct table_builder *tb, u32 da,
					   u32 len, const char *name)
{
	struct fw_rsc_carveout *c = tb_add(tb, RSC_CARVEOUT, sizeof(*c));

	c->da = da;
	c->pa = FW_RSC_ADDR_ANY;
	c->len = len;
	strscpy(c->name, name, sizeof(c->name));
	return c;
}

static struct fw_rsc_vdev *tb_vdev(struct table_builder *tb, u32 id,
				   u32 dfeatures)
{
	struct fw_rsc_vdev *v;
	u8 *cfg;
	int i;

	v = tb_add(tb, RSC_VDEV, struct_size(v, vring, 2) + FAKE_CONFIG_LEN);
	v->id = id;
	v->dfeatures = dfeatures;
	v->config_len = FAKE_CONFIG_LEN;
	v->num_of_vrings = 2;
	for (i = 0; i < 2; i++) {
		v->vring[i].da = FW_RSC_ADDR_ANY;
		v->vring[i].align = 16;
		v->vring[i].num = 8;
		v->vring[i].notifyid = FW_RSC_ADDR_ANY;
	}
	cfg = (u8 *)&v->vring[2];
	for (i = 0; i < FAKE_CONFIG_LEN; i++)
		cfg[i] = 0xa0 + i;
	return v;
}

/* A registered fake processor, not booted, whose driver records calls. */
static struct rproc *fake_rproc_create(struct kunit *test,
				       struct device *parent, const char *name)
{
	struct fake_rproc *fake;
	struct rproc *rproc;

	rproc = rproc_alloc(parent, name, &fake_ops, "kunit-fw", sizeof(*fake));
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	rproc->auto_boot = false;

	fake = rproc->priv;
	fake->test = test;
	fake->fail_start_after = -1;
	fake->devmem = kunit_kzalloc(test, FAKE_DEVMEM_SIZE, GFP_KERNEL);
	if (!fake->devmem) {
		rproc_free(rproc);
		KUNIT_ASSERT_FAILURE(test, "no device memory for the fake");
	}

	if (rproc_add(rproc)) {
		rproc_free(rproc);
		KUNIT_ASSERT_FAILURE(test, "rproc_add() failed");
	}
	return rproc;
}

static void fake_rproc_destroy(struct rproc *rproc)
{
	rproc_del(rproc);
	rproc_free(rproc);
}

static int rproc_test_init(struct kunit *test)
{
	struct rproc_test_ctx *ctx;
	int ret;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);

	/*
	 * No owner module: 6.1 runs a module's suites while the module is
	 * still coming up, before the sysfs directory an owner link needs.
	 */
	ctx->parent = __root_device_register("rproc-kunit", NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->parent);
	ret = dma_coerce_mask_and_coherent(ctx->parent, DMA_BIT_MASK(32));
	KUNIT_ASSERT_EQ(test, ret, 0);

	/* Every image comes from the fake, never from the file system. */
	rproc_test_set_firmware_hook(fake_request_firmware);

	ctx->rproc = fake_rproc_create(test, ctx->parent, "kunit");
	ctx->fake = ctx->rproc->priv;
	test->priv = ctx;
	return 0;
}

static void rproc_test_exit(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;

	rproc_test_set_firmware_hook(NULL);
	rproc_test_set_panic_hook(NULL);
	if (!ctx)
		return;
	fake_rproc_destroy(ctx->rproc);
	root_device_unregister(ctx->parent);
}

static void rproc_test_wait_crash_work(struct rproc *rproc)
{
	flush_work(&to_rproc_core(rproc)->crash_handler);
}

/* A second boot only counts; only the last shutdown stops. */
static void rproc_test_boot_twice_shutdown_twice(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse load start ");

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 2);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse load start ");

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse load start ");

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
}

/* An unbalanced shutdown is refused and touches nothing. */
static void rproc_test_shutdown_without_boot(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "");

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
}

/* The firmware name changes only while offline. */
static void rproc_test_firmware_change(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "other-fw"), -EBUSY);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "kunit-fw");

	KUNIT_ASSERT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "\n"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_set_firmware(rproc, "other-fw\n"), 0);
	KUNIT_EXPECT_STREQ(test, rproc->firmware, "other-fw");
}

/* A crash reported while the remote is being stopped is not recovered. */
static void rproc_test_crash_while_stopping(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	ctx->fake->crash_in_stop = true;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	rproc_test_wait_crash_work(rproc);

	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, 0);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
}

/* Recovery stops, reloads and restarts, keeping the users. */
static void rproc_test_crash_recovery(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	/*
	 * Two reports before the handler looks are one crash.  The handler
	 * takes the lock before it takes the report: holding the lock keeps
	 * it from running between the two, however the test is scheduled.
	 */
	mutex_lock(&rproc->lock);
	rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	mutex_unlock(&rproc->lock);
	rproc_test_wait_crash_work(rproc);

	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start ");

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
}

/* With recovery disabled the remote stays crashed until told. */
static void rproc_test_recovery_disabled(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_set_recovery(rproc, "disabled\n"), 0);
	KUNIT_EXPECT_TRUE(test, rproc->recovery_disabled);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_trigger_recovery(rproc), -EINVAL);

	rproc_report_crash(rproc, RPROC_MMUFAULT);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse load start ");

	/* "start" on a crashed remote is refused, "recover" works. */
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "start"), -EBUSY);
	KUNIT_EXPECT_EQ(test, rproc_set_recovery(rproc, "recover"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start ");

	/*
	 * As in 6.1, "recover" leaves a running remote alone without an
	 * error, and enabling recovery recovers a crashed one at once.
	 */
	KUNIT_EXPECT_EQ(test, rproc_set_recovery(rproc, "recover"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	rproc_report_crash(rproc, RPROC_MMUFAULT);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, rproc_set_recovery(rproc, "enabled"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_ASSERT_EQ(test, rproc_set_recovery(rproc, "disabled"), 0);

	/* A crashed remote is shut down with a single stop. */
	rproc_report_crash(rproc, RPROC_MMUFAULT);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start stop load start stop unprepare ");
}

/* A failed recovery leaves a stopped, crashed remote: never stop twice. */
static void rproc_test_failed_recovery(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	ctx->fake->fail_start_after = 1;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	rproc_test_wait_crash_work(rproc);

	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_FALSE(test, to_rproc_core(rproc)->powered);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start unprepare ");
}

/* A failed boot is fully undone and leaves no user. */
static void rproc_test_boot_failure(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};

	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_4K, "heap");
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	ctx->fake->start_ret = -EIO;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EIO);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start unprepare ");
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EINVAL);
}

/* sysfs/cdev commands: start/stop are not counted twice. */
static void rproc_test_user_commands(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "bogus"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "stop\n"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "start\n"), 0);
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "start"), -EBUSY);
	KUNIT_EXPECT_EQ(test, atomic_read(&rproc->power), 1);
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "detach"), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "stop"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
	KUNIT_EXPECT_EQ(test, rproc_set_recovery(rproc, "maybe"), -EINVAL);
}

/* Deleting a running processor stops it; later boots fail. */
static void rproc_test_delete_running(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	get_device(&rproc->dev);
	rproc_del(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ENODEV);

	/* A crash reported now is dropped: the work stays idle. */
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	KUNIT_EXPECT_FALSE(test, work_pending(&to_rproc_core(rproc)->crash_handler));

	/* The fixture's exit deletes again: give it a fresh processor. */
	put_device(&rproc->dev);
	rproc_free(rproc);
	ctx->rproc = rproc_alloc(ctx->parent, "kunit", &fake_ops, NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	KUNIT_EXPECT_STREQ(test, ctx->rproc->firmware, "rproc-kunit-fw");
	ctx->rproc->auto_boot = false;
	KUNIT_ASSERT_EQ(test, rproc_add(ctx->rproc), 0);
}

/* Whether @rproc is on the list of registered processors. */
static bool rproc_test_listed(struct rproc *rproc)
{
	struct rproc *r;
	bool found = false;

	rcu_read_lock();
	list_for_each_entry_rcu(r, &rproc_list, node) {
		if (r == rproc)
			found = true;
	}
	rcu_read_unlock();
	return found;
}

/* After a failed rproc_add(): not announced anywhere, no crash work. */
static void rproc_test_expect_unannounced(struct kunit *test,
					  struct rproc *rproc)
{
	KUNIT_EXPECT_FALSE(test, device_is_registered(&rproc->dev));
	KUNIT_EXPECT_FALSE(test, rproc_test_listed(rproc));
	KUNIT_EXPECT_NULL(test, rproc->dbg_dir);
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	KUNIT_EXPECT_FALSE(test, work_pending(&to_rproc_core(rproc)->crash_handler));
}

/* The index of a freed processor is the next one handed out again. */
static void rproc_test_expect_index_free(struct kunit *test,
					 struct device *parent, int index)
{
	struct rproc *rproc;

	rproc = rproc_alloc(parent, "kunit-index", &fake_ops, NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	KUNIT_EXPECT_EQ(test, rproc->index, index);
	rproc_free(rproc);
}

static void rproc_test_orphan_release(struct device *dev)
{
	kfree(dev);
}

/*
 * rproc_add() fails inside device_add(): the parent was never added, so
 * there is no sysfs directory for the class device (the character device,
 * added first, is taken back by cdev_device_add()).
 */
static void rproc_test_add_device_fails(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct device *orphan;
	struct rproc *rproc;
	int index;

	orphan = kzalloc(sizeof(*orphan), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, orphan);
	device_initialize(orphan);
	orphan->release = rproc_test_orphan_release;
	rproc = NULL;
	if (!dev_set_name(orphan, "rproc-kunit-orphan"))
		rproc = rproc_alloc(orphan, "kunit-orphan", &fake_ops,
				    "kunit-fw", sizeof(struct fake_rproc));
	if (!rproc) {
		put_device(orphan);
		KUNIT_ASSERT_FAILURE(test, "no processor on the orphan");
	}
	rproc->auto_boot = false;
	index = rproc->index;

	KUNIT_EXPECT_LT(test, rproc_add(rproc), 0);
	rproc_test_expect_unannounced(test, rproc);
	rproc_free(rproc);
	put_device(orphan);
	rproc_test_expect_index_free(test, ctx->parent, index);
}

/*
 * rproc_add() fails in the auto-boot: the remote runs already, and the
 * attach fails after the driver reported a crash.  Everything announced is
 * taken back, the crash work is idle for good, the driver saw its prepare
 * undone.
 */
static void rproc_test_add_attach_fails(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct fake_rproc *fake;
	struct rproc *rproc;
	int index;

	rproc = rproc_alloc(ctx->parent, "kunit-attach", &fake_ops, "kunit-fw",
			    sizeof(*fake));
	KUNIT_ASSERT_NOT_NULL(test, rproc);
	fake = rproc->priv;
	fake->test = test;
	fake->fail_start_after = -1;
	fake->attach_ret = -EIO;
	fake->crash_in_attach = true;
	rproc->state = RPROC_DETACHED;
	index = rproc->index;

	KUNIT_EXPECT_EQ(test, rproc_add(rproc), -EIO);
	rproc_test_expect_unannounced(test, rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_FALSE(test, fake->up);
	KUNIT_EXPECT_STREQ(test, fake->log, "prepare attach unprepare ");
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ENODEV);
	rproc_free(rproc);
	rproc_test_expect_index_free(test, ctx->parent, index);
}

/*
 * A crash reported while the remote was being stopped is about the run that
 * ended: it does not "recover" the next run, even one that is up before the
 * crash work gets the lock.  A crash of the new run is handled.  A report
 * that came while the remote was down is dropped by the next boot.
 */
static void rproc_test_stale_crash_report(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	int stopped, started;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	ctx->fake->crash_in_stop = true;
	mutex_lock(&rproc->lock);
	stopped = rproc_stop_locked(rproc, false);
	ctx->fake->crash_in_stop = false;
	started = rproc_start_locked(rproc, &fake_fw);
	mutex_unlock(&rproc->lock);
	KUNIT_ASSERT_EQ(test, stopped, 0);
	KUNIT_ASSERT_EQ(test, started, 0);

	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start ");

	rproc_report_crash(rproc, RPROC_WATCHDOG);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, 1);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);

	/* Nor is a report that came while the remote was down. */
	mutex_lock(&rproc->lock);
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	started = rproc_boot_locked(rproc);
	mutex_unlock(&rproc->lock);
	KUNIT_ASSERT_EQ(test, started, 0);
	atomic_set(&rproc->power, 1);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, 1);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, ctx->fake->double_ops, 0);
}

/* Attach to a running remote, detach, attach again. */
static void rproc_test_attach_detach(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};
	struct fw_rsc_vdev *v;

	tb_vdev(&tb, FAKE_VIRTIO_ID, 0);
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	memcpy(ctx->fake->devmem, ctx->fake->table, ctx->fake->table_sz);
	ctx->fake->loaded_table = true;
	rproc->state = RPROC_DETACHED;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_PTR_EQ(test, (void *)rproc->table_ptr, ctx->fake->devmem);
	v = ctx->fake->devmem + ctx->fake->table->offset[0] + 4;
	KUNIT_EXPECT_NE(test, v->status, 0);

	KUNIT_EXPECT_EQ(test, rproc_detach(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	/* The remote gets its table back as it was. */
	KUNIT_EXPECT_EQ(test, memcmp(ctx->fake->devmem, ctx->fake->table,
				     ctx->fake->table_sz), 0);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_ATTACHED);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare attach detach unprepare prepare attach stop unprepare ");
}

static struct fw_rsc_vdev *loaded_vdev(struct rproc_test_ctx *ctx, int i)
{
	return ctx->fake->devmem + ctx->fake->table->offset[i] +
	       sizeof(struct fw_rsc_hdr);
}

/* Carveout, trace, vendor and unknown entries; write-backs land. */
static void rproc_test_resources(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};
	struct fw_rsc_carveout *c;
	struct fw_rsc_trace *t;
	struct rproc_mem_entry *mem;
	char *va;

	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_8K, "heap");
	t = tb_add(&tb, RSC_TRACE, sizeof(*t));
	t->da = FAKE_DEVMEM_DA + SZ_8K;
	t->len = 64;
	strscpy(t->name, "trace", sizeof(t->name));
	tb_add(&tb, FAKE_VENDOR_TYPE, 8);
	tb_add(&tb, 42, 8);
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse vendor load start ");
	KUNIT_EXPECT_EQ(test, ctx->fake->vendor_type, FAKE_VENDOR_TYPE);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->num_traces, 1);

	/* The host's choice is in the copy the remote reads. */
	c = (void *)loaded_vdev(ctx, 0);
	KUNIT_EXPECT_NE(test, c->da, (u32)FW_RSC_ADDR_ANY);
	mem = list_first_entry(&rproc->carveouts, struct rproc_mem_entry, node);
	KUNIT_EXPECT_EQ(test, c->da, mem->da);
	KUNIT_EXPECT_EQ(test, (u64)c->pa, (u64)mem->dma);
	KUNIT_EXPECT_STREQ(test, mem->name, "heap");

	/* Translation: inside the carveout, and not one byte past it. */
	va = rproc_da_to_va(rproc, c->da + 16, 16, NULL);
	KUNIT_EXPECT_PTR_EQ(test, va, (char *)mem->va + 16);
	KUNIT_EXPECT_NULL(test, rproc_da_to_va(rproc, c->da + SZ_8K - 4, 8, NULL));

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->traces));
}

/* Entries a handler must refuse, with the errno it must give. */
struct rproc_bad_rsc_case {
	const char *name;
	u32 type;
	u32 da;
	u32 len;
	int err;
};

static const struct rproc_bad_rsc_case rproc_bad_rsc_cases[] = {
	{ "carveout-empty", RSC_CARVEOUT, FW_RSC_ADDR_ANY, 0, -EINVAL },
	{ "carveout-wraps", RSC_CARVEOUT, 0xfffff000, SZ_8K, -EINVAL },
	{ "carveout-fixed-da", RSC_CARVEOUT, 0x1000, SZ_4K, -ENOMEM },
	{ "trace-empty", RSC_TRACE, FAKE_DEVMEM_DA, 0, -EINVAL },
	{ "trace-wraps", RSC_TRACE, 0xffffffc0, 0x80, -EINVAL },
};

static void rproc_bad_rsc_desc(const struct rproc_bad_rsc_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rproc_bad_rsc, rproc_bad_rsc_cases, rproc_bad_rsc_desc);

static void rproc_test_bad_resource(struct kunit *test)
{
	const struct rproc_bad_rsc_case *bad = test->param_value;
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};
	struct fw_rsc_trace *t;

	if (bad->type == RSC_CARVEOUT) {
		tb_carveout(&tb, bad->da, bad->len, "bad");
	} else {
		t = tb_add(&tb, RSC_TRACE, sizeof(*t));
		t->da = bad->da;
		t->len = bad->len;
	}
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), bad->err);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse unprepare ");
}

static void rproc_test_vq_callback(struct virtqueue *vq)
{
	int *calls = vq->vdev->priv;

	(*calls)++;
}

/*
 * The virtio transport end to end: the device appears after start with
 * the entry's id, features and config; a kick reaches ops->kick with the
 * written-back notify id; a "used" buffer from the remote reaches the
 * virtqueue callback through rproc_vq_interrupt(); stop resets status.
 */
static void rproc_test_virtio(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};
	vq_callback_t *cbs[] = { rproc_test_vq_callback, rproc_test_vq_callback };
	static const char * const names[] = { "rx", "tx" };
	struct virtqueue *vqs[2];
	struct virtio_device *vdev;
	struct rproc_vdev *rvdev;
	struct device *parent;
	struct fw_rsc_vdev *v;
	struct scatterlist sg;
	struct vring vr;
	int calls = 0;
	u8 cfg[4], *buf, status;
	u32 feature;

	tb_vdev(&tb, FAKE_VIRTIO_ID, BIT(0) | BIT(2));
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rvdev = list_first_entry(&rproc->rvdevs, struct rproc_vdev, node);
	vdev = rvdev->vdev;
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	KUNIT_EXPECT_EQ(test, vdev->id.device, FAKE_VIRTIO_ID);
	vdev->priv = &calls;

	/* 6.1's hierarchy: rproc -> rproc-virtio.N.auto, bound -> virtioM */
	parent = vdev->dev.parent;
	KUNIT_ASSERT_TRUE(test, dev_is_platform(parent));
	KUNIT_EXPECT_PTR_EQ(test, parent->parent, &rproc->dev);
	KUNIT_EXPECT_PTR_EQ(test, to_platform_device(parent), &rvdev->pdev);
	KUNIT_EXPECT_TRUE(test, to_platform_device(parent)->id_auto);
	KUNIT_EXPECT_TRUE(test, str_has_prefix(dev_name(parent), "rproc-virtio."));
	KUNIT_ASSERT_NOT_NULL(test, parent->driver);
	KUNIT_EXPECT_STREQ(test, parent->driver->name, "rproc-virtio");
	KUNIT_EXPECT_NULL(test, parent->of_node);

	/* Write-backs: vring addresses and ids, in the loaded copy. */
	v = loaded_vdev(ctx, 0);
	KUNIT_EXPECT_EQ(test, v->vring[0].notifyid, 0);
	KUNIT_EXPECT_EQ(test, v->vring[1].notifyid, 1);
	KUNIT_EXPECT_EQ(test, v->vring[0].da, rvdev->vring[0].da);
	KUNIT_EXPECT_NE(test, v->vring[1].da, (u32)FW_RSC_ADDR_ANY);
	KUNIT_EXPECT_NE(test, v->status, 0);	/* ACKNOWLEDGE at least */

	/* Features and config space. */
	KUNIT_EXPECT_EQ(test, vdev->config->get_features(vdev), 0x5ULL);

	/* A remote rewriting its status and offer changes Linux's view of neither. */
	status = vdev->config->get_status(vdev);
	WRITE_ONCE(v->status, 0xff);
	WRITE_ONCE(v->dfeatures, 0);
	KUNIT_EXPECT_EQ(test, vdev->config->get_status(vdev), status);
	KUNIT_EXPECT_EQ(test, vdev->config->get_features(vdev), 0x5ULL);

	vdev->features = BIT(2);
	KUNIT_EXPECT_EQ(test, vdev->config->finalize_features(vdev), 0);
	KUNIT_EXPECT_EQ(test, v->gfeatures, BIT(2));
	vdev->config->get(vdev, 4, cfg, 4);
	KUNIT_EXPECT_EQ(test, cfg[0], 0xa4);
	KUNIT_EXPECT_EQ(test, cfg[3], 0xa7);
	feature = 0x11223344;
	vdev->config->set(vdev, 0, &feature, 4);
	KUNIT_EXPECT_EQ(test, memcmp(&v->vring[2], &feature, 4), 0);
	vdev->config->get(vdev, 6, cfg, 4);	/* past the end: zeroes */
	KUNIT_EXPECT_EQ(test, cfg[0] | cfg[1] | cfg[2] | cfg[3], 0);

	/* Out: a kick names the tx vring. */
	KUNIT_ASSERT_EQ(test, virtio_find_vqs(vdev, 2, vqs, cbs, names, NULL), 0);
	buf = kunit_kzalloc(test, 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	sg_init_one(&sg, buf, 16);
	KUNIT_ASSERT_EQ(test, virtqueue_add_outbuf(vqs[1], &sg, 1, buf,
						   GFP_KERNEL), 0);
	KUNIT_EXPECT_TRUE(test, virtqueue_kick(vqs[1]));
	KUNIT_EXPECT_EQ(test, ctx->fake->nkicks, 1);
	KUNIT_EXPECT_EQ(test, ctx->fake->kicks, 1);

	/* In: the remote marks the buffer used and interrupts. */
	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, 1), IRQ_NONE);
	vring_init(&vr, rvdev->vring[1].num, rvdev->vring[1].va,
		   rvdev->vring[1].align);
	vr.used->ring[0].id =
		cpu_to_virtio32(vdev, virtio16_to_cpu(vdev, vr.avail->ring[0]));
	vr.used->ring[0].len = 0;
	/* The entry before the index, as a remote publishes it. */
	smp_wmb();
	vr.used->idx = cpu_to_virtio16(vdev, 1);
	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, 1), IRQ_HANDLED);
	KUNIT_EXPECT_EQ(test, calls, 1);
	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, 7), IRQ_NONE);

	vdev->config->del_vqs(vdev);
	KUNIT_EXPECT_EQ(test, rproc_vq_interrupt(rproc, 1), IRQ_NONE);

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, v->status, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->rvdevs));
}

/* Recovery brings the virtio device back, with clean rings. */
static void rproc_test_virtio_recovery(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};
	struct rproc_vdev *rvdev;
	struct virtio_device *before;

	tb_vdev(&tb, FAKE_VIRTIO_ID, 0);
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rvdev = list_first_entry(&rproc->rvdevs, struct rproc_vdev, node);
	before = rvdev->vdev;
	KUNIT_ASSERT_NOT_NULL(test, before);

	rproc_report_crash(rproc, RPROC_WATCHDOG);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_NOT_NULL(test, rvdev->vdev);
	KUNIT_EXPECT_NE(test, loaded_vdev(ctx, 0)->vring[0].da,
			(u32)FW_RSC_ADDR_ANY);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
}

/*
 * A table the remote cannot be handed (its load address is not mapped)
 * stops the boot before the remote starts, and everything is undone.
 */
static void rproc_test_unmapped_loaded_table(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};

	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_4K, "heap");
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	ctx->fake->table_unmapped = true;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -ERANGE);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, ctx->fake->starts, 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare parse load unprepare ");
}

/*
 * A running remote's table is copied with the size the driver reports,
 * which may come from the remote: beyond the table limit it is refused
 * before a byte is copied.
 */
static void rproc_test_attach_table_too_big(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};

	tb_vdev(&tb, FAKE_VIRTIO_ID, 0);
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	memcpy(ctx->fake->devmem, ctx->fake->table, ctx->fake->table_sz);
	ctx->fake->loaded_table = true;
	ctx->fake->loaded_size = RPROC_RSC_TABLE_MAX_SIZE + 1;
	rproc->state = RPROC_DETACHED;

	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -EFBIG);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_DETACHED);
	KUNIT_EXPECT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log, "prepare unprepare ");
}

/*
 * What the core allocates for a table is bounded by carveout_limit, checked
 * before anything is allocated; platform regions do not count.
 */
static void rproc_test_carveout_limit(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	unsigned long saved = rproc_carveout_limit;
	struct rproc *rproc = ctx->rproc;
	struct table_builder tb = {};

	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_32K, "a");
	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_32K, "b");
	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_4K, "c");
	rproc_carveout_limit = SZ_64K;

	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), -E2BIG);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->carveouts));
	KUNIT_EXPECT_EQ(test, ctx->fake->starts, 0);

	/* Exactly at the limit is fine. */
	memset(&tb, 0, sizeof(tb));
	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_32K, "a");
	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_32K, "b");
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	KUNIT_EXPECT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	if (rproc->state == RPROC_RUNNING)
		KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	rproc_carveout_limit = saved;
}

/*
 * Report a crash, let the crash work act on it and check the state it
 * leaves and, unless @status is NULL, the "recovery_status" word.
 */
static void rproc_test_crash(struct kunit *test, struct rproc *rproc,
			     unsigned int state, const char *status)
{
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, state);
	if (status)
		KUNIT_EXPECT_STREQ(test, rproc_recovery_status_word(rproc),
				   status);
}

/*
 * A remote that keeps crashing is restarted at once, then after a back-off,
 * and left CRASHED once the limit of restarts in a row is reached.  It
 * reads "crashed" throughout a recovery.  A user's "recover" and a long
 * enough run start a new row.
 */
static void rproc_test_recovery_backoff(struct kunit *test)
{
	const struct rproc_recovery_policy saved = rproc_recovery_policy;
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct rproc_core *core = to_rproc_core(rproc);
	int i;

	rproc_recovery_policy.limit = 2;
	rproc_recovery_policy.backoff_ms = 60000;
	rproc_recovery_policy.stable_ms = 60000;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_STREQ(test, rproc_recovery_status_word(rproc), "idle");

	/* First crash: recovered at once, CRASHED while it is. */
	rproc_test_crash(test, rproc, RPROC_RUNNING, "idle");
	KUNIT_EXPECT_EQ(test, ctx->fake->load_state, RPROC_CRASHED);
	KUNIT_EXPECT_STREQ(test, ctx->fake->load_recovery, "recovering");

	/* Second in a row: waits out the back-off (a minute) first. */
	rproc_test_crash(test, rproc, RPROC_CRASHED, "waiting");
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&core->recovery_work));
	KUNIT_EXPECT_EQ(test, ctx->fake->starts, 2);
	/* Once the minute has passed, the work restarts the remote. */
	mutex_lock(&rproc->lock);
	core->recover_at = jiffies;
	mutex_unlock(&rproc->lock);
	flush_delayed_work(&core->recovery_work);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_STREQ(test, rproc_recovery_status_word(rproc), "idle");

	/* Third in a row: past the limit of 2 restarts, it stays crashed. */
	rproc_test_crash(test, rproc, RPROC_CRASHED, "gave-up");
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&core->recovery_work));
	KUNIT_EXPECT_EQ(test, ctx->fake->starts, 3);

	/* "recover" by hand works and starts a new row. */
	KUNIT_EXPECT_EQ(test, rproc_set_recovery(rproc, "recover"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	rproc_test_crash(test, rproc, RPROC_RUNNING, NULL);

	/* Runs that last stable_ms end the row: every crash is the first. */
	rproc_recovery_policy.stable_ms = 0;
	for (i = 0; i < 4; i++)
		rproc_test_crash(test, rproc, RPROC_RUNNING, NULL);

	rproc_recovery_policy = saved;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
}

/* A stop while a restart waits for its back-off cancels the restart. */
static void rproc_test_stop_while_waiting(struct kunit *test)
{
	const struct rproc_recovery_policy saved = rproc_recovery_policy;
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct rproc_core *core = to_rproc_core(rproc);

	rproc_recovery_policy.backoff_ms = 60000;
	rproc_recovery_policy.stable_ms = 60000;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rproc_test_crash(test, rproc, RPROC_RUNNING, "idle");
	rproc_test_crash(test, rproc, RPROC_CRASHED, "waiting");

	KUNIT_EXPECT_EQ(test, rproc_state_command(rproc, "stop"), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, rproc_recovery_status_word(rproc), "idle");
	/* The timer may still fire: it must find nothing to do. */
	flush_delayed_work(&core->recovery_work);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_EQ(test, ctx->fake->double_ops, 0);
	rproc_recovery_policy = saved;
}

/**
 * struct rproc_fw_race - one side of the firmware name race
 * @work: runs rproc_fw_race_work()
 * @rproc: the processor
 * @rename: set names (sysfs "firmware") rather than auto boot
 * @errors: calls that failed
 */
struct rproc_fw_race {
	struct work_struct work;
	struct rproc *rproc;
	bool rename;
	int errors;
};

#define FW_RACE_ROUNDS	64

static void rproc_fw_race_work(struct work_struct *work)
{
	struct rproc_fw_race *r = container_of(work, struct rproc_fw_race,
					       work);
	int i;

	for (i = 0; i < FW_RACE_ROUNDS; i++) {
		if (r->rename)
			r->errors += !!rproc_set_firmware(r->rproc, i & 1 ?
				"kunit-race-a-firmware-name-long-enough\n" :
				"kunit-race-b");
		else
			r->errors += !!rproc_trigger_auto_boot(r->rproc);
	}
}

/*
 * The auto boot reads the firmware name while user space may replace it
 * (and free the old one) through sysfs: KASAN reports a use after free if
 * the name is read outside the lock.  The images do not exist, so nothing
 * boots; every request gives its reference back.
 */
static void rproc_test_firmware_name_race(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	unsigned int refs = kref_read(&rproc->dev.kobj.kref);
	struct rproc_fw_race *r;
	unsigned long end;
	int i;

	r = kunit_kcalloc(test, 2, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	for (i = 0; i < 2; i++) {
		r[i].rproc = rproc;
		r[i].rename = !i;
		INIT_WORK(&r[i].work, rproc_fw_race_work);
		queue_work(system_unbound_wq, &r[i].work);
	}
	for (i = 0; i < 2; i++)
		flush_work(&r[i].work);
	KUNIT_EXPECT_EQ(test, r[0].errors, 0);
	KUNIT_EXPECT_EQ(test, r[1].errors, 0);

	/* The firmware loader answers asynchronously: wait for all. */
	end = jiffies + msecs_to_jiffies(30000);
	while (kref_read(&rproc->dev.kobj.kref) > refs &&
	       time_before(jiffies, end))
		usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, kref_read(&rproc->dev.kobj.kref), refs);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
}

/*
 * The panic notifier tells running remotes only, and waits for the longest
 * delay asked for, not for the sum.
 */
static void rproc_test_panic(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *first = ctx->rproc, *second;
	struct fake_rproc *other;

	second = fake_rproc_create(test, ctx->parent, "kunit-panic");
	other = second->priv;
	ctx->fake->panic_ms = 2;
	other->panic_ms = 5;

	/* Nobody runs: nobody is told, nothing to wait for. */
	KUNIT_EXPECT_EQ(test, rproc_panic_remotes(), 0UL);
	KUNIT_EXPECT_EQ(test, ctx->fake->panics, 0);

	KUNIT_ASSERT_EQ(test, rproc_boot(first), 0);
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, ctx->fake->panics, 1);
	KUNIT_EXPECT_EQ(test, other->panics, 0);

	KUNIT_ASSERT_EQ(test, rproc_boot(second), 0);
	KUNIT_EXPECT_EQ(test, rproc_panic_remotes(), 5UL);
	KUNIT_EXPECT_EQ(test, ctx->fake->panics, 2);
	KUNIT_EXPECT_EQ(test, other->panics, 1);

	/* A crashed remote is past help. */
	KUNIT_ASSERT_EQ(test, rproc_set_recovery(second, "disabled"), 0);
	rproc_report_crash(second, RPROC_FATAL_ERROR);
	rproc_test_wait_crash_work(second);
	KUNIT_ASSERT_EQ(test, second->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, rproc_panic_remotes(), 2UL);
	KUNIT_EXPECT_EQ(test, other->panics, 1);

	/* Neither is a removed one, nor one shut down. */
	fake_rproc_destroy(second);
	KUNIT_EXPECT_EQ(test, rproc_panic_remotes(), 2UL);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(first), 0);
	KUNIT_EXPECT_EQ(test, rproc_panic_remotes(), 0UL);
	KUNIT_EXPECT_EQ(test, ctx->fake->panics, 4);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
}

/*
 * A panic while a remote is being stopped does not reach it (its ->stop has
 * begun) but reaches the others.  After a stop that failed the remote still
 * runs and is told again; after a stop that worked it is not, until it runs
 * again.
 */
static void rproc_test_panic_while_stopping(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc, *other;
	struct fake_rproc *fake = ctx->fake, *ofake;

	other = fake_rproc_create(test, ctx->parent, "kunit-panic-other");
	ofake = other->priv;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_ASSERT_EQ(test, rproc_boot(other), 0);

	fake->panic_in_stop = true;
	fake->stop_ret = -EBUSY;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), -EBUSY);
	KUNIT_EXPECT_EQ(test, fake->panics, 0);
	KUNIT_EXPECT_EQ(test, ofake->panics, 1);

	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	rproc_panic_remotes();
	KUNIT_EXPECT_EQ(test, fake->panics, 1);
	KUNIT_EXPECT_EQ(test, ofake->panics, 2);

	fake->stop_ret = 0;
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake->panics, 1);
	KUNIT_EXPECT_EQ(test, ofake->panics, 3);
	rproc_panic_remotes();
	KUNIT_EXPECT_EQ(test, fake->panics, 1);

	fake->panic_in_stop = false;
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rproc_panic_remotes();
	KUNIT_EXPECT_EQ(test, fake->panics, 2);
	KUNIT_EXPECT_EQ(test, ofake->panics, 5);

	/* Stopped by rproc_del() while a panic walks the list: not told. */
	ofake->panic_in_stop = true;
	fake_rproc_destroy(other);
	KUNIT_EXPECT_EQ(test, fake->panics, 3);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, fake->double_ops, 0);
	KUNIT_EXPECT_STREQ(test, fake->log,
			   "prepare parse load start stop-fails stop unprepare prepare parse load start stop unprepare ");
}

static unsigned long rproc_test_waited_ms;
static int rproc_test_waits;

/* Stands in for the notifier's mdelay(). */
static void rproc_test_record_wait(unsigned long ms)
{
	rproc_test_waited_ms = ms;
	rproc_test_waits++;
}

/* The panic waits at most 5 s, whatever a driver asks for. */
static void rproc_test_panic_delay(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct fake_rproc *fake = ctx->fake;

	KUNIT_EXPECT_EQ(test, rproc_panic_delay(0), 0UL);
	KUNIT_EXPECT_EQ(test, rproc_panic_delay(40), 40UL);
	KUNIT_EXPECT_EQ(test, rproc_panic_delay(5000), 5000UL);
	KUNIT_EXPECT_EQ(test, rproc_panic_delay(5001), 5000UL);
	KUNIT_EXPECT_EQ(test, rproc_panic_delay(ULONG_MAX), 5000UL);

	rproc_test_waits = 0;
	rproc_test_set_panic_hook(rproc_test_record_wait);

	/* Nobody runs: no wait at all. */
	fake->panic_ms = 40;
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, rproc_test_waits, 0);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, rproc_test_waits, 1);
	KUNIT_EXPECT_EQ(test, rproc_test_waited_ms, 40UL);

	/* An errno returned by mistake, then an hour. */
	fake->panic_ms = (unsigned long)-EIO;
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, rproc_test_waits, 2);
	KUNIT_EXPECT_EQ(test, rproc_test_waited_ms, 5000UL);
	fake->panic_ms = 3600UL * MSEC_PER_SEC;
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, rproc_test_waits, 3);
	KUNIT_EXPECT_EQ(test, rproc_test_waited_ms, 5000UL);

	/* A driver that asks for nothing is not waited for. */
	fake->panic_ms = 0;
	KUNIT_EXPECT_EQ(test, rproc_panic_notify(NULL, 0, NULL), NOTIFY_DONE);
	KUNIT_EXPECT_EQ(test, rproc_test_waits, 3);
	KUNIT_EXPECT_EQ(test, fake->panics, 4);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
}

/* What rproc_coredump_set_elf_info() accepts. */
static void rproc_test_coredump_elf_info(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_EXPECT_EQ(test, rproc->elf_class, ELFCLASSNONE);
	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(rproc, ELFCLASSNONE,
							  EM_ARM), -EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(rproc, 7, EM_ARM),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rproc->elf_class, ELFCLASSNONE);
	KUNIT_EXPECT_EQ(test, rproc_coredump_set_elf_info(rproc, ELFCLASS64,
							  EM_RISCV), 0);
	KUNIT_EXPECT_EQ(test, rproc->elf_class, ELFCLASS64);
	KUNIT_EXPECT_EQ(test, rproc->elf_machine, EM_RISCV);
}

/* A custom reader: byte i of the segment reads as (i ^ 0x5a). */
static void fake_dump_fn(struct rproc *rproc, struct rproc_dump_segment *seg,
			 void *dest, size_t offset, size_t size)
{
	u8 *out = dest;
	size_t i;

	KUNIT_EXPECT_PTR_EQ(((struct fake_rproc *)rproc->priv)->test,
			    seg->priv, (void *)"custom");
	for (i = 0; i < size; i++)
		out[i] = (offset + i) ^ 0x5a;
}

#define DUMP_RAM_DA	(FAKE_DEVMEM_DA + 0x100)
#define DUMP_RAM_LEN	0x40
#define DUMP_CUSTOM_DA	0x20000000u
#define DUMP_CUSTOM_LEN	0x30

/**
 * struct rproc_dump_case - one crash dump layout to build and parse
 * @name: case name
 * @class: ELF class declared with rproc_coredump_set_elf_info()
 * @sections: section layout, else program headers
 */
struct rproc_dump_case {
	const char *name;
	u8 class;
	bool sections;
};

static const struct rproc_dump_case rproc_dump_cases[] = {
	{ "segments-elf32", ELFCLASS32, false },
	{ "segments-elf64", ELFCLASS64, false },
	{ "sections-elf32", ELFCLASS32, true },
	{ "sections-elf64", ELFCLASS64, true },
};

static void rproc_dump_desc(const struct rproc_dump_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rproc_dump, rproc_dump_cases, rproc_dump_desc);

/* A region of a parsed dump: a program or a section header. */
struct dump_region {
	u32 type;
	u32 name;
	u64 addr;
	u64 offset;
	u64 size;
	u64 flags;
};

static void dump_region(struct kunit *test, u8 class, bool sections,
			const void *p, struct dump_region *r)
{
	struct elf64_shdr sh;
	struct elf64_phdr ph;

	if (sections) {
		rproc_elf_get_shdr(class, p, &sh);
		*r = (struct dump_region){
			.type = sh.sh_type, .name = sh.sh_name,
			.addr = sh.sh_addr, .offset = sh.sh_offset,
			.size = sh.sh_size, .flags = sh.sh_flags,
		};
		return;
	}
	rproc_elf_get_phdr(class, p, &ph);
	*r = (struct dump_region){
		.type = ph.p_type, .addr = ph.p_paddr,
		.offset = ph.p_offset, .size = ph.p_filesz,
		.flags = ph.p_flags,
	};
	KUNIT_EXPECT_EQ(test, ph.p_memsz, ph.p_filesz);
	KUNIT_EXPECT_EQ(test, ph.p_vaddr, ph.p_paddr);
}

/* Check a section name: inside the name table and NUL-terminated there. */
static void dump_expect_name(struct kunit *test, const u8 *dump,
			     const struct dump_region *names, u32 name,
			     const char *want)
{
	KUNIT_ASSERT_LT(test, (u64)name, names->size);
	KUNIT_ASSERT_NOT_NULL(test, memchr(dump + names->offset + name, 0,
					   names->size - name));
	KUNIT_EXPECT_STREQ(test, (const char *)dump + names->offset + name,
			   want);
}

/*
 * Build a dump of a device memory segment and a custom one, in both layouts
 * and both classes, parse it and check headers, names and bytes.
 */
static void rproc_test_coredump_layout(struct kunit *test)
{
	const struct rproc_dump_case *dc = test->param_value;
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	u8 *devmem = ctx->fake->devmem + DUMP_RAM_DA - FAKE_DEVMEM_DA;
	struct dump_region ram, custom, names, null;
	size_t hsize, hsize2, total, entsize, i;
	unsigned int first, count;
	struct elf64_hdr eh;
	bool sections;
	u64 table;
	u8 *dump;

	for (i = 0; i < DUMP_RAM_LEN; i++)
		devmem[i] = i + 1;
	rproc->bootaddr = 0x1234;
	KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(rproc, dc->class,
							  EM_ARM), 0);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, DUMP_RAM_DA,
							  DUMP_RAM_LEN, NULL,
							  "ram"), 0);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, DUMP_CUSTOM_DA,
							  DUMP_CUSTOM_LEN,
							  fake_dump_fn,
							  "custom"), 0);

	dump = rproc_coredump_build(rproc, dc->sections, true, &hsize, &total);
	KUNIT_ASSERT_NOT_NULL(test, dump);

	/* File header: identification read raw, the rest per class. */
	KUNIT_EXPECT_EQ(test, memcmp(dump, ELFMAG, SELFMAG), 0);
	KUNIT_EXPECT_EQ(test, dump[EI_CLASS], dc->class);
	KUNIT_EXPECT_EQ(test, dump[EI_DATA], ELFDATA2LSB);
	rproc_elf_get_hdr(dc->class, dump, &eh);
	KUNIT_EXPECT_EQ(test, eh.e_type, ET_CORE);
	KUNIT_EXPECT_EQ(test, eh.e_machine, EM_ARM);
	KUNIT_EXPECT_EQ(test, eh.e_entry, 0x1234);
	KUNIT_EXPECT_EQ(test, eh.e_ehsize, dc->class == ELFCLASS64 ?
			sizeof(struct elf64_hdr) : sizeof(struct elf32_hdr));

	/*
	 * Sections: the null section, the name table, ram, custom, and no
	 * program header.  Segments: two program headers, no section.
	 */
	sections = dc->sections;
	table = sections ? eh.e_shoff : eh.e_phoff;
	entsize = sections ? eh.e_shentsize : eh.e_phentsize;
	count = sections ? eh.e_shnum : eh.e_phnum;
	first = sections ? 2 : 0;
	KUNIT_EXPECT_EQ(test, sections ? eh.e_phnum : eh.e_shnum, 0);
	KUNIT_ASSERT_EQ(test, count, sections ? 4 : 2);
	KUNIT_EXPECT_EQ(test, entsize, sections ?
			rproc_elf_shdr_size(dc->class) :
			rproc_elf_phdr_size(dc->class));
	if (sections)
		KUNIT_ASSERT_EQ(test, eh.e_shstrndx, 1);
	KUNIT_ASSERT_EQ(test, table, (u64)eh.e_ehsize);
	KUNIT_ASSERT_LE(test, table + count * entsize, (u64)hsize);

	dump_region(test, dc->class, dc->sections,
		    dump + table + first * entsize, &ram);
	dump_region(test, dc->class, dc->sections,
		    dump + table + (first + 1) * entsize, &custom);

	/* The segments, in order, right after the headers. */
	KUNIT_EXPECT_EQ(test, ram.type, dc->sections ? SHT_PROGBITS : PT_LOAD);
	KUNIT_EXPECT_EQ(test, custom.type, ram.type);
	KUNIT_EXPECT_EQ(test, ram.addr, (u64)DUMP_RAM_DA);
	KUNIT_EXPECT_EQ(test, custom.addr, (u64)DUMP_CUSTOM_DA);
	KUNIT_EXPECT_EQ(test, ram.size, (u64)DUMP_RAM_LEN);
	KUNIT_EXPECT_EQ(test, custom.size, (u64)DUMP_CUSTOM_LEN);
	KUNIT_EXPECT_EQ(test, ram.offset, (u64)hsize);
	KUNIT_EXPECT_EQ(test, custom.offset, ram.offset + DUMP_RAM_LEN);
	KUNIT_ASSERT_EQ(test, (u64)total, custom.offset + DUMP_CUSTOM_LEN);

	KUNIT_EXPECT_EQ(test, memcmp(dump + ram.offset, devmem, DUMP_RAM_LEN), 0);
	for (i = 0; i < DUMP_CUSTOM_LEN; i++)
		KUNIT_EXPECT_EQ(test, dump[custom.offset + i], (u8)(i ^ 0x5a));

	if (dc->sections) {
		dump_region(test, dc->class, true, dump + table, &null);
		KUNIT_EXPECT_EQ(test, null.type | null.name, 0);
		KUNIT_EXPECT_EQ(test, null.size | null.offset | null.addr, 0);
		dump_region(test, dc->class, true, dump + table + entsize, &names);
		KUNIT_EXPECT_EQ(test, names.type, SHT_STRTAB);
		KUNIT_ASSERT_LE(test, names.offset + names.size, (u64)hsize);
		KUNIT_EXPECT_EQ(test, dump[names.offset], 0);
		dump_expect_name(test, dump, &names, names.name, ".shstrtab");
		dump_expect_name(test, dump, &names, ram.name, "ram");
		dump_expect_name(test, dump, &names, custom.name, "custom");
		KUNIT_EXPECT_EQ(test, ram.flags, (u64)SHF_WRITE);
	} else {
		KUNIT_EXPECT_EQ(test, ram.flags, (u64)(PF_R | PF_W | PF_X));
	}
	vfree(dump);

	/* Headers only, as for an inline dump: same layout, no bytes. */
	dump = rproc_coredump_build(rproc, dc->sections, false, &hsize2, &total);
	KUNIT_ASSERT_NOT_NULL(test, dump);
	KUNIT_EXPECT_EQ(test, hsize2, hsize);
	KUNIT_EXPECT_EQ(test, (u64)total, custom.offset + DUMP_CUSTOM_LEN);
	vfree(dump);

	/* The segments are forgotten with the rest of the resources. */
	mutex_lock(&rproc->lock);
	rproc_coredump_cleanup(rproc);
	mutex_unlock(&rproc->lock);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->dump_segments));
}

/*
 * Without segments of the driver's, the carveouts are dumped (named after
 * them in section dumps); a shutdown forgets them.  Without any memory
 * there is nothing to dump.
 */
static void rproc_test_coredump_default(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct rproc_dump_segment *seg;
	struct rproc_mem_entry *mem;
	struct table_builder tb = {};
	size_t hsize, total;
	void *dump;

	dump = rproc_coredump_build(rproc, true, true, &hsize, &total);
	KUNIT_EXPECT_NULL(test, dump);
	KUNIT_EXPECT_EQ(test, total, 0);

	tb_carveout(&tb, FW_RSC_ADDR_ANY, SZ_4K, "heap");
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	mem = list_first_entry(&rproc->carveouts, struct rproc_mem_entry, node);
	memset(mem->va, 0xc3, mem->len);

	dump = rproc_coredump_build(rproc, true, true, &hsize, &total);
	KUNIT_ASSERT_NOT_NULL(test, dump);
	KUNIT_EXPECT_EQ(test, total, hsize + SZ_4K);
	KUNIT_EXPECT_NULL(test, memchr_inv(dump + hsize, 0xc3, SZ_4K));
	vfree(dump);

	KUNIT_ASSERT_FALSE(test, list_empty(&rproc->dump_segments));
	seg = list_first_entry(&rproc->dump_segments, struct rproc_dump_segment,
			       node);
	KUNIT_EXPECT_EQ(test, (u64)seg->da, (u64)mem->da);
	KUNIT_EXPECT_EQ(test, seg->size, mem->len);
	KUNIT_EXPECT_STREQ(test, (char *)seg->priv, "heap");
	KUNIT_EXPECT_TRUE(test, list_is_singular(&rproc->dump_segments));

	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_TRUE(test, list_empty(&rproc->dump_segments));
}

/* Device addresses ELF32 cannot hold (0 where dma_addr_t is 32 bits). */
#define DUMP_HIGH_DA		((dma_addr_t)U32_MAX + 1)
#define DUMP_STRADDLE_DA	0xfffff000u
#define DUMP_BIG_LEN		0x80000000u

/*
 * Build a dump and return its class (ELFCLASSNONE for no dump) and number of
 * segments or sections.
 */
static u8 dump_shape(struct kunit *test, struct rproc *rproc, bool sections,
		     size_t *total, unsigned int *count)
{
	struct elf64_hdr eh;
	size_t hsize;
	u8 *dump, class;

	dump = rproc_coredump_build(rproc, sections, false, &hsize, total);
	if (!dump)
		return 0;
	class = dump[EI_CLASS];
	rproc_elf_get_hdr(class, dump, &eh);
	*count = sections ? eh.e_shnum - 2 : eh.e_phnum;
	vfree(dump);
	return class;
}

static void dump_forget(struct rproc *rproc)
{
	mutex_lock(&rproc->lock);
	rproc_coredump_cleanup(rproc);
	mutex_unlock(&rproc->lock);
}

/*
 * ELF32 cannot describe memory beyond 4 GiB: in both layouts such segments
 * are left out of an ELF32 dump, an ELF32 dump beyond 4 GiB is not taken,
 * and a driver that declared no class gets an ELF64 dump.
 */
static void rproc_test_coredump_beyond_4g(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	/* Declared classes that get an ELF64 dump: none, and ELF64. */
	static const u8 wide[] = { ELFCLASSNONE, ELFCLASS64 };
	unsigned int count, nhigh = DUMP_HIGH_DA ? 1 : 0;
	unsigned int layout, i;
	size_t total, hsize;
	bool sections;
	u8 *dump;

	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, DUMP_RAM_DA,
							  DUMP_RAM_LEN, NULL,
							  "ram"), 0);
	if (nhigh)
		KUNIT_ASSERT_EQ(test,
				rproc_coredump_add_custom_segment(rproc,
								  DUMP_HIGH_DA,
								  SZ_4K, NULL,
								  "high"), 0);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc,
							  DUMP_STRADDLE_DA,
							  SZ_8K, NULL,
							  "straddle"), 0);

	for (layout = 0; layout < 2; layout++) {
		sections = layout;
		for (i = 0; i < ARRAY_SIZE(wide); i++) {
			rproc->elf_class = wide[i];
			KUNIT_EXPECT_EQ(test, dump_shape(test, rproc, sections,
							 &total, &count),
					ELFCLASS64);
			KUNIT_EXPECT_EQ(test, count, 2 + nhigh);
		}

		/* Only "ram" is left, read in full. */
		rproc->elf_class = ELFCLASS32;
		dump = rproc_coredump_build(rproc, sections, true, &hsize,
					    &total);
		KUNIT_ASSERT_NOT_NULL(test, dump);
		KUNIT_EXPECT_EQ(test, dump[EI_CLASS], ELFCLASS32);
		KUNIT_EXPECT_EQ(test, total, hsize + DUMP_RAM_LEN);
		KUNIT_EXPECT_EQ(test, memcmp(dump + hsize, ctx->fake->devmem +
					     DUMP_RAM_DA - FAKE_DEVMEM_DA,
					     DUMP_RAM_LEN), 0);
		vfree(dump);
		KUNIT_EXPECT_EQ(test, dump_shape(test, rproc, sections, &total,
						 &count), ELFCLASS32);
		KUNIT_EXPECT_EQ(test, count, 1);
	}

	/* Without any segment that fits, there is no ELF32 dump at all. */
	dump_forget(rproc);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc,
							  DUMP_STRADDLE_DA,
							  SZ_8K, NULL,
							  "straddle"), 0);
	KUNIT_EXPECT_EQ(test, dump_shape(test, rproc, false, &total, &count),
			ELFCLASSNONE);
	KUNIT_EXPECT_NE(test, total, 0);

	/* Two segments that fit, in a file that does not: refused. */
	dump_forget(rproc);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, 0, DUMP_BIG_LEN,
							  NULL, "low"), 0);
	KUNIT_ASSERT_EQ(test,
			rproc_coredump_add_custom_segment(rproc, DUMP_BIG_LEN,
							  DUMP_BIG_LEN, NULL,
							  "high"), 0);
	KUNIT_EXPECT_EQ(test, dump_shape(test, rproc, true, &total, &count),
			ELFCLASSNONE);
	KUNIT_EXPECT_NE(test, total, 0);
	if (sizeof(size_t) > 4) {
		KUNIT_ASSERT_EQ(test, rproc_coredump_set_elf_info(rproc,
								  ELFCLASS64,
								  EM_ARM), 0);
		KUNIT_EXPECT_EQ(test, dump_shape(test, rproc, true, &total,
						 &count), ELFCLASS64);
		KUNIT_EXPECT_EQ(test, count, 2);
		KUNIT_EXPECT_GT(test, (u64)total, (u64)SZ_4G);
	}
	dump_forget(rproc);
}

/**
 * struct rproc_race_actor - one of the parties racing on the processor
 * @work: runs @fn on an unbound worker
 * @rproc: the processor
 * @fn: the actor's loop
 */
struct rproc_race_actor {
	struct work_struct work;
	struct rproc *rproc;
	void (*fn)(struct rproc *rproc);
};

#define RACE_ROUNDS	40

/* A client: boot and shut down. */
static void race_client(struct rproc *rproc)
{
	int i;

	for (i = 0; i < RACE_ROUNDS; i++) {
		if (!rproc_boot(rproc))
			rproc_shutdown(rproc);
	}
}

/* A user writing "start" and "stop" to sysfs or /dev/remoteprocN. */
static void race_user(struct rproc *rproc)
{
	int i;

	for (i = 0; i < RACE_ROUNDS; i++) {
		rproc_state_command(rproc, "start");
		rproc_state_command(rproc, "stop\n");
	}
}

/* The driver's watchdog. */
static void race_crasher(struct rproc *rproc)
{
	int i;

	for (i = 0; i < RACE_ROUNDS; i++) {
		rproc_report_crash(rproc, RPROC_WATCHDOG);
		usleep_range(200, 400);
	}
}

/* An administrator turning recovery off and on, and recovering by hand. */
static void race_admin(struct rproc *rproc)
{
	int i;

	for (i = 0; i < RACE_ROUNDS; i++) {
		rproc_set_recovery(rproc, i & 1 ? "enabled" : "disabled");
		rproc_set_recovery(rproc, "recover");
		usleep_range(100, 200);
	}
}

static void race_actor_work(struct work_struct *work)
{
	struct rproc_race_actor *actor =
		container_of(work, struct rproc_race_actor, work);

	actor->fn(actor->rproc);
}

/*
 * Clients, sysfs/cdev users, crash reports and recovery commands all at
 * once: the driver never sees a start of a running remote nor a stop of a
 * stopped one, the users balance out, and a crash reported afterwards is
 * still recovered.
 */
static void rproc_test_race(struct kunit *test)
{
	static void (* const fns[])(struct rproc *rproc) = {
		race_client, race_client, race_user, race_crasher, race_admin,
	};
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;
	struct rproc_race_actor *actors;
	unsigned int crashes;
	int i;

	actors = kunit_kcalloc(test, ARRAY_SIZE(fns), sizeof(*actors),
			       GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, actors);

	for (i = 0; i < ARRAY_SIZE(fns); i++) {
		actors[i].rproc = rproc;
		actors[i].fn = fns[i];
		INIT_WORK(&actors[i].work, race_actor_work);
		queue_work(system_unbound_wq, &actors[i].work);
	}
	for (i = 0; i < ARRAY_SIZE(fns); i++)
		flush_work(&actors[i].work);
	rproc_test_wait_crash_work(rproc);

	KUNIT_EXPECT_EQ(test, ctx->fake->double_ops, 0);
	KUNIT_EXPECT_GT(test, ctx->fake->starts, 0);

	/* Whatever is left: a user "stop" ends it, like a last shutdown. */
	while (atomic_read(&rproc->power) > 0)
		KUNIT_ASSERT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_FALSE(test, to_rproc_core(rproc)->powered);
	KUNIT_EXPECT_FALSE(test, ctx->fake->up);

	/* No crash gets lost afterwards. */
	KUNIT_ASSERT_EQ(test, rproc_set_recovery(rproc, "enabled"), 0);
	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	crashes = to_rproc_core(rproc)->crash_cnt;
	rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, to_rproc_core(rproc)->crash_cnt, crashes + 1);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_TRUE(test, ctx->fake->up);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, ctx->fake->double_ops, 0);
}

static struct kunit_case rproc_core_test_cases[] = {
	KUNIT_CASE(rproc_test_boot_twice_shutdown_twice),
	KUNIT_CASE(rproc_test_shutdown_without_boot),
	KUNIT_CASE(rproc_test_firmware_change),
	KUNIT_CASE(rproc_test_crash_while_stopping),
	KUNIT_CASE(rproc_test_crash_recovery),
	KUNIT_CASE(rproc_test_recovery_disabled),
	KUNIT_CASE(rproc_test_failed_recovery),
	KUNIT_CASE(rproc_test_boot_failure),
	KUNIT_CASE(rproc_test_user_commands),
	KUNIT_CASE(rproc_test_delete_running),
	KUNIT_CASE(rproc_test_add_device_fails),
	KUNIT_CASE(rproc_test_add_attach_fails),
	KUNIT_CASE(rproc_test_stale_crash_report),
	KUNIT_CASE(rproc_test_attach_detach),
	KUNIT_CASE(rproc_test_resources),
	KUNIT_CASE_PARAM(rproc_test_bad_resource, rproc_bad_rsc_gen_params),
	KUNIT_CASE(rproc_test_virtio),
	KUNIT_CASE(rproc_test_virtio_recovery),
	KUNIT_CASE(rproc_test_unmapped_loaded_table),
	KUNIT_CASE(rproc_test_attach_table_too_big),
	KUNIT_CASE(rproc_test_carveout_limit),
	KUNIT_CASE(rproc_test_recovery_backoff),
	KUNIT_CASE(rproc_test_stop_while_waiting),
	KUNIT_CASE(rproc_test_firmware_name_race),
	KUNIT_CASE(rproc_test_panic),
	KUNIT_CASE(rproc_test_panic_while_stopping),
	KUNIT_CASE(rproc_test_panic_delay),
	KUNIT_CASE(rproc_test_coredump_elf_info),
	KUNIT_CASE_PARAM(rproc_test_coredump_layout, rproc_dump_gen_params),
	KUNIT_CASE(rproc_test_coredump_default),
	KUNIT_CASE(rproc_test_coredump_beyond_4g),
	KUNIT_CASE(rproc_test_race),
	{}
};

static struct kunit_suite rproc_core_test_suite = {
	.init = rproc_test_init,
	.exit = rproc_test_exit,
	.name = "remoteproc_core",
	.test_cases = rproc_core_test_cases,
};

kunit_test_suite(rproc_core_test_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
MODULE_DESCRIPTION("KUnit tests of the remoteproc core");
