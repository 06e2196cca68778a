// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of the virtio transport's bounce buffers
 * (remoteproc_virtio_dma.c): a vdev device over an in-memory "carveout",
 * driven through the DMA API as a virtio driver would, and through its
 * DMA operations directly for the calls a correct driver never makes.
 */

#include <kunit/test.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>

#include "remoteproc_virtio_dma.h"

#define BT_DA		0x40000000
#define BT_SIZE		SZ_64K
#define BT_BUF		512

struct bt_ctx {
	struct rproc rproc;
	struct device parent;
	struct rproc_vdev rvdev;
	struct rproc_mem_entry mem;
	void *carveout;
	u8 *buf;
};

static void bt_dev_release(struct device *dev)
{
	/* Everything is test-managed memory. */
}

static int bt_init(struct kunit *test)
{
	struct bt_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct device *dev;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->carveout = kunit_kzalloc(test, BT_SIZE, GFP_KERNEL);
	c->buf = kunit_kzalloc(test, BT_BUF, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->carveout);
	KUNIT_ASSERT_NOT_NULL(test, c->buf);

	device_initialize(&c->parent);
	c->parent.release = bt_dev_release;
	c->rproc.dev.parent = &c->parent;
	c->rvdev.rproc = &c->rproc;

	dev = &c->rvdev.pdev.dev;
	device_initialize(dev);
	dev->release = bt_dev_release;
	dev->coherent_dma_mask = DMA_BIT_MASK(32);
	dev->dma_mask = &dev->coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dev_set_name(dev, "bounce-test"), 0);

	c->mem.va = c->carveout;
	c->mem.da = BT_DA;
	c->mem.len = BT_SIZE;
	strscpy(c->mem.name, "vdev0buffer", sizeof(c->mem.name));
	KUNIT_ASSERT_EQ(test, rproc_vdev_bounce_init(&c->rvdev, &c->mem), 0);
	KUNIT_ASSERT_NOT_NULL(test, c->rvdev.bounce);

	test->priv = c;
	return 0;
}

static void bt_exit(struct kunit *test)
{
	struct bt_ctx *c = test->priv;

	rproc_vdev_bounce_release(&c->rvdev);
	KUNIT_EXPECT_NULL(test, c->rvdev.bounce);
	put_device(&c->rvdev.pdev.dev);
	put_device(&c->parent);
}

/* The carveout bytes the remote sees at device address @da. */
static u8 *bt_slot(struct bt_ctx *c, dma_addr_t da)
{
	return c->carveout + (da - BT_DA);
}

static bool bt_in_carveout(dma_addr_t da, size_t len)
{
	return da >= BT_DA && da - BT_DA <= BT_SIZE - len;
}

static void bt_map_to_device(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	dma_addr_t da;

	memset(c->buf, 0x5a, BT_BUF);
	da = dma_map_single(dev, c->buf, BT_BUF, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, da));
	KUNIT_EXPECT_TRUE(test, bt_in_carveout(da, BT_BUF));
	KUNIT_EXPECT_EQ(test, memcmp(bt_slot(c, da), c->buf, BT_BUF), 0);

	/* What the remote scribbles on a to-device buffer stays there. */
	memset(bt_slot(c, da), 0xee, BT_BUF);
	dma_unmap_single(dev, da, BT_BUF, DMA_TO_DEVICE);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x5a);
	KUNIT_EXPECT_EQ(test, c->buf[BT_BUF - 1], 0x5a);
}

static void bt_map_from_device(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	dma_addr_t da;

	memset(c->buf, 0, BT_BUF);
	da = dma_map_single(dev, c->buf, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, da));
	memset(bt_slot(c, da), 0x77, BT_BUF);

	dma_sync_single_for_cpu(dev, da, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c->buf[BT_BUF / 2], 0x77);

	memset(bt_slot(c, da), 0x66, BT_BUF);
	dma_unmap_single(dev, da, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x66);
	KUNIT_EXPECT_EQ(test, c->buf[BT_BUF - 1], 0x66);
}

/* A slot handed out again must not carry its previous user's bytes back. */
static void bt_no_stale_data(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	u8 *other = kunit_kzalloc(test, BT_BUF, GFP_KERNEL);
	dma_addr_t da;

	KUNIT_ASSERT_NOT_NULL(test, other);
	memset(other, 0x11, BT_BUF);
	da = dma_map_single(dev, other, BT_BUF, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, da));
	dma_unmap_single(dev, da, BT_BUF, DMA_TO_DEVICE);

	memset(c->buf, 0x22, BT_BUF);
	da = dma_map_single(dev, c->buf, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, da));
	/* The remote writes only the first byte. */
	*bt_slot(c, da) = 0x33;
	dma_unmap_single(dev, da, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x33);
	KUNIT_EXPECT_EQ(test, c->buf[1], 0x22);
	KUNIT_EXPECT_EQ(test, c->buf[BT_BUF - 1], 0x22);
}

static void bt_scatterlist(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	struct scatterlist sg[2];
	int n;

	memset(c->buf, 0x44, BT_BUF);
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], c->buf, 128);
	sg_set_buf(&sg[1], c->buf + 128, BT_BUF - 128);
	n = dma_map_sg(dev, sg, 2, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_TRUE(test, bt_in_carveout(sg_dma_address(&sg[1]),
					       BT_BUF - 128));
	KUNIT_EXPECT_EQ(test, *bt_slot(c, sg_dma_address(&sg[1])), 0x44);
	*bt_slot(c, sg_dma_address(&sg[1])) = 0x45;
	dma_unmap_sg(dev, sg, 2, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_EQ(test, c->buf[128], 0x45);
}

static void bt_full(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	u8 *big = kunit_kzalloc(test, BT_SIZE / 2, GFP_KERNEL);
	dma_addr_t a, b, x;

	KUNIT_ASSERT_NOT_NULL(test, big);
	a = dma_map_single(dev, big, BT_SIZE / 2, DMA_TO_DEVICE);
	b = dma_map_single(dev, big, BT_SIZE / 2, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, a));
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, b));

	/* Full: the mapping fails cleanly, it is not handed memory outside. */
	x = dma_map_single(dev, c->buf, 16, DMA_TO_DEVICE);
	KUNIT_EXPECT_TRUE(test, dma_mapping_error(dev, x));

	dma_unmap_single(dev, a, BT_SIZE / 2, DMA_TO_DEVICE);
	x = dma_map_single(dev, c->buf, 16, DMA_TO_DEVICE);
	KUNIT_EXPECT_FALSE(test, dma_mapping_error(dev, x));
	if (!dma_mapping_error(dev, x))
		dma_unmap_single(dev, x, 16, DMA_TO_DEVICE);
	dma_unmap_single(dev, b, BT_SIZE / 2, DMA_TO_DEVICE);
}

/*
 * Unmaps and syncs of addresses that are not live mappings are refused
 * and change nothing.  Called on the operations directly: the DMA API
 * debugging in the test kernel would (rightly) warn first.
 */
static void bt_bogus_addresses(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	const struct dma_map_ops *ops = get_dma_ops(dev);
	dma_addr_t da;

	KUNIT_ASSERT_NOT_NULL(test, ops);
	memset(c->buf, 0x10, BT_BUF);
	da = dma_map_single(dev, c->buf, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, da));
	memset(bt_slot(c, da), 0x99, BT_BUF);

	ops->unmap_page(dev, BT_DA + BT_SIZE, 16, DMA_FROM_DEVICE, 0);
	ops->unmap_page(dev, BT_DA - 256, 16, DMA_FROM_DEVICE, 0);
	ops->unmap_page(dev, da + 256, 16, DMA_FROM_DEVICE, 0);
	ops->sync_single_for_cpu(dev, da, BT_BUF + 1, DMA_FROM_DEVICE);
	ops->free(dev, BT_BUF, bt_slot(c, da), da, 0);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x10);

	/* The real mapping is intact and still unmaps. */
	dma_unmap_single(dev, da, BT_BUF, DMA_FROM_DEVICE);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x99);
	ops->unmap_page(dev, da, BT_BUF, DMA_FROM_DEVICE, 0);
	KUNIT_EXPECT_EQ(test, c->buf[0], 0x99);
}

static void bt_coherent(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	struct device *dev = &c->rvdev.pdev.dev;
	dma_addr_t da;
	u8 *va;

	va = dma_alloc_coherent(dev, 1000, &da, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, va);
	KUNIT_EXPECT_TRUE(test, bt_in_carveout(da, 1000));
	KUNIT_EXPECT_PTR_EQ(test, va, bt_slot(c, da));
	KUNIT_EXPECT_EQ(test, va[999], 0);
	dma_free_coherent(dev, 1000, va, da);
}

static void bt_bad_carveout(struct kunit *test)
{
	struct bt_ctx *c = test->priv;
	/* Not on the stack: with CONFIG_PM a device embeds a work and a timer. */
	struct rproc_vdev *other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);
	struct rproc_mem_entry mem = c->mem;

	KUNIT_ASSERT_NOT_NULL(test, other);
	other->rproc = &c->rproc;
	device_initialize(&other->pdev.dev);
	other->pdev.dev.release = bt_dev_release;
	KUNIT_ASSERT_EQ(test, dev_set_name(&other->pdev.dev, "bounce-bad"), 0);
	mem.len = 100;		/* smaller than one slot */
	KUNIT_EXPECT_EQ(test, rproc_vdev_bounce_init(other, &mem), -EINVAL);
	mem.len = BT_SIZE;
	mem.is_iomem = true;
	KUNIT_EXPECT_EQ(test, rproc_vdev_bounce_init(other, &mem), -EINVAL);
	KUNIT_EXPECT_NULL(test, other->bounce);
	put_device(&other->pdev.dev);
}

static struct kunit_case bt_cases[] = {
	KUNIT_CASE(bt_map_to_device),
	KUNIT_CASE(bt_map_from_device),
	KUNIT_CASE(bt_no_stale_data),
	KUNIT_CASE(bt_scatterlist),
	KUNIT_CASE(bt_full),
	KUNIT_CASE(bt_bogus_addresses),
	KUNIT_CASE(bt_coherent),
	KUNIT_CASE(bt_bad_carveout),
	{}
};

static struct kunit_suite bt_suite = {
	.name = "remoteproc_virtio_bounce",
	.test_cases = bt_cases,
	.init = bt_init,
	.exit = bt_exit,
};

kunit_test_suite(bt_suite);

MODULE_DESCRIPTION("KUnit tests of the remoteproc virtio bounce buffers");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
