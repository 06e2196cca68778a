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
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/firmware.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/workqueue.h>

#include "remoteproc_internal.h"

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
 * @kicks: notify ids passed to kick, the last one
 * @nkicks: number of kicks
 * @vendor_type: type passed to handle_rsc
 * @loaded_table: get_loaded_rsc_table returns @devmem
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
	int kicks;
	int nkicks;
	u32 vendor_type;
	bool loaded_table;
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
	if (fake->start_ret)
		return fake->start_ret;
	if (fake->fail_start_after >= 0 &&
	    fake->starts >= fake->fail_start_after)
		return -EIO;
	fake->starts++;
	return 0;
}

static int fake_stop(struct rproc *rproc)
{
	struct fake_rproc *fake = rproc->priv;

	fake_log(rproc, "stop");
	if (fake->crash_in_stop)
		rproc_report_crash(rproc, RPROC_WATCHDOG);
	return 0;
}

static int fake_attach(struct rproc *rproc)
{
	fake_log(rproc, "attach");
	return 0;
}

static int fake_detach(struct rproc *rproc)
{
	fake_log(rproc, "detach");
	return 0;
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

	return fake->table ? fake->devmem : NULL;
}

static struct resource_table *fake_get_loaded(struct rproc *rproc,
					      size_t *size)
{
	struct fake_rproc *fake = rproc->priv;

	if (!fake->loaded_table || !fake->table)
		return NULL;
	*size = fake->table_sz;
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

static int rproc_test_init(struct kunit *test)
{
	struct rproc_test_ctx *ctx;
	struct fake_rproc *fake;
	int ret;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);

	ctx->parent = root_device_register("rproc-kunit");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->parent);
	ret = dma_coerce_mask_and_coherent(ctx->parent, DMA_BIT_MASK(32));
	KUNIT_ASSERT_EQ(test, ret, 0);

	ctx->rproc = rproc_alloc(ctx->parent, "kunit", &fake_ops, "kunit-fw",
				 sizeof(*fake));
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	ctx->rproc->auto_boot = false;

	fake = ctx->rproc->priv;
	fake->test = test;
	fake->fail_start_after = -1;
	fake->devmem = kunit_kzalloc(test, FAKE_DEVMEM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fake->devmem);
	ctx->fake = fake;

	ret = rproc_add(ctx->rproc);
	KUNIT_ASSERT_EQ(test, ret, 0);

	test->priv = ctx;
	return 0;
}

static void rproc_test_exit(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;

	if (!ctx)
		return;
	rproc_del(ctx->rproc);
	rproc_free(ctx->rproc);
	root_device_unregister(ctx->parent);
}

static int rproc_test_suite_init(struct kunit_suite *suite)
{
	rproc_request_firmware_hook = fake_request_firmware;
	return 0;
}

static void rproc_test_suite_exit(struct kunit_suite *suite)
{
	rproc_request_firmware_hook = NULL;
}

static void rproc_test_wait_crash_work(struct rproc *rproc)
{
	flush_work(&rproc->crash_handler);
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
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 0);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop unprepare ");
}

/* Recovery stops, reloads and restarts, keeping the users. */
static void rproc_test_crash_recovery(struct kunit *test)
{
	struct rproc_test_ctx *ctx = test->priv;
	struct rproc *rproc = ctx->rproc;

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rproc_report_crash(rproc, RPROC_FATAL_ERROR);
	rproc_report_crash(rproc, RPROC_WATCHDOG);
	rproc_test_wait_crash_work(rproc);

	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_RUNNING);
	KUNIT_EXPECT_EQ(test, rproc->crash_cnt, 1);
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

	/* A crashed remote is shut down with a single stop. */
	rproc_report_crash(rproc, RPROC_MMUFAULT);
	rproc_test_wait_crash_work(rproc);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_CRASHED);
	KUNIT_EXPECT_EQ(test, rproc_shutdown(rproc), 0);
	KUNIT_EXPECT_EQ(test, rproc->state, RPROC_OFFLINE);
	KUNIT_EXPECT_STREQ(test, ctx->fake->log,
			   "prepare parse load start stop load start stop unprepare ");
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
	KUNIT_EXPECT_FALSE(test, rproc->powered);
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
	KUNIT_EXPECT_FALSE(test, work_pending(&rproc->crash_handler));

	/* The fixture's exit deletes again: give it a fresh processor. */
	put_device(&rproc->dev);
	rproc_free(rproc);
	ctx->rproc = rproc_alloc(ctx->parent, "kunit", &fake_ops, NULL, 0);
	KUNIT_ASSERT_NOT_NULL(test, ctx->rproc);
	KUNIT_EXPECT_STREQ(test, ctx->rproc->firmware, "rproc-kunit-fw");
	ctx->rproc->auto_boot = false;
	KUNIT_ASSERT_EQ(test, rproc_add(ctx->rproc), 0);
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
	KUNIT_EXPECT_EQ(test, rproc->num_traces, 1);

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
	struct fw_rsc_vdev *v;
	struct scatterlist sg;
	struct vring vr;
	int calls = 0;
	u8 cfg[4], *buf;
	u32 feature;

	tb_vdev(&tb, FAKE_VIRTIO_ID, BIT(0) | BIT(2));
	ctx->fake->table = tb_finish(test, &tb, &ctx->fake->table_sz);

	KUNIT_ASSERT_EQ(test, rproc_boot(rproc), 0);
	rvdev = list_first_entry(&rproc->rvdevs, struct rproc_vdev, node);
	vdev = rvdev->vdev;
	KUNIT_ASSERT_NOT_NULL(test, vdev);
	KUNIT_EXPECT_EQ(test, vdev->id.device, FAKE_VIRTIO_ID);
	vdev->priv = &calls;

	/* Write-backs: vring addresses and ids, in the loaded copy. */
	v = loaded_vdev(ctx, 0);
	KUNIT_EXPECT_EQ(test, v->vring[0].notifyid, 0);
	KUNIT_EXPECT_EQ(test, v->vring[1].notifyid, 1);
	KUNIT_EXPECT_EQ(test, v->vring[0].da, rvdev->vring[0].da);
	KUNIT_EXPECT_NE(test, v->vring[1].da, (u32)FW_RSC_ADDR_ANY);
	KUNIT_EXPECT_NE(test, v->status, 0);	/* ACKNOWLEDGE at least */

	/* Features and config space. */
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
	KUNIT_CASE(rproc_test_attach_detach),
	KUNIT_CASE(rproc_test_resources),
	KUNIT_CASE_PARAM(rproc_test_bad_resource, rproc_bad_rsc_gen_params),
	KUNIT_CASE(rproc_test_virtio),
	KUNIT_CASE(rproc_test_virtio_recovery),
	{}
};

static struct kunit_suite rproc_core_test_suite = {
	.name		= "remoteproc-core",
	.init		= rproc_test_init,
	.exit		= rproc_test_exit,
	.suite_init	= rproc_test_suite_init,
	.suite_exit	= rproc_test_suite_exit,
	.test_cases	= rproc_core_test_cases,
};

kunit_test_suite(rproc_core_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests of the remoteproc core");
