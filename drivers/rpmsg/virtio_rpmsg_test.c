// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the virtio rpmsg transport.
 *
 * The "rpmsg_virtio" suite registers a fake virtio device whose remote
 * side is the test itself: it pops the buffers Linux posts, writes
 * messages into them, pushes them to the used ring and raises the ring
 * interrupt by calling vring_interrupt(), just like a remote processor
 * and its remoteproc driver would. Everything between that and the client
 * driver is the real transport, name service and bus.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/irq_work.h>
#include <linux/kthread.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_ring.h>

#include "rpmsg_internal.h"
#include "virtio_rpmsg.h"

/* ------------------------------------------------------------------ */
/* Header validation                                                   */

struct hdr_case {
	const char *desc;
	unsigned int used_len;
	u16 len;
	u32 reserved;
	bool big_endian;
	int expect;
};

static const struct hdr_case hdr_cases[] = {
	{ "empty payload", 16, 0, 0, false, 0 },
	{ "full buffer", 512, 496, 0, false, 0 },
	{ "reserved field ignored", 20, 4, 0xdeadbeef, false, 0 },
	{ "big-endian header", 20, 4, 0, true, 0 },
	{ "used shorter than header", 15, 0, 0, false, -EBADMSG },
	{ "used zero", 0, 0, 0, false, -EBADMSG },
	{ "used beyond buffer", 513, 4, 0, false, -EBADMSG },
	{ "length past used", 20, 5, 0, false, -EMSGSIZE },
	{ "length past buffer", 512, 497, 0, false, -EMSGSIZE },
	{ "length 0xffff", 512, 0xffff, 0, false, -EMSGSIZE },
};

static void hdr_case_desc(const struct hdr_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(hdr, hdr_cases, hdr_case_desc);

static void vrp_parse_hdr_test(struct kunit *test)
{
	const struct hdr_case *c = test->param_value;
	bool le = !c->big_endian;
	struct vrp_rx_msg msg = {};
	struct rpmsg_hdr *hdr;
	u8 *buf;
	int ret;

	buf = kunit_kzalloc(test, VRP_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	hdr = (void *)buf;
	hdr->src = __cpu_to_rpmsg32(le, 0x401);
	hdr->dst = __cpu_to_rpmsg32(le, 0x402);
	hdr->reserved = __cpu_to_rpmsg32(le, c->reserved);
	hdr->len = __cpu_to_rpmsg16(le, c->len);
	hdr->flags = __cpu_to_rpmsg16(le, 0x5a5a);

	ret = vrp_parse_hdr(buf, c->used_len, VRP_BUF_SIZE, le, &msg);
	KUNIT_EXPECT_EQ(test, ret, c->expect);
	if (ret)
		return;
	KUNIT_EXPECT_EQ(test, msg.src, 0x401);
	KUNIT_EXPECT_EQ(test, msg.dst, 0x402);
	KUNIT_EXPECT_EQ(test, msg.len, c->len);
	KUNIT_EXPECT_PTR_EQ(test, msg.data, (void *)(buf + sizeof(*hdr)));
}

static struct kunit_case vrp_hdr_cases[] = {
	KUNIT_CASE_PARAM(vrp_parse_hdr_test, hdr_gen_params),
	{}
};

static struct kunit_suite vrp_hdr_suite = {
	.name = "rpmsg_virtio_hdr",
	.test_cases = vrp_hdr_cases,
};

/* ------------------------------------------------------------------ */
/* The fake remote                                                     */

#define FR_RING_NUM	16
#define FR_RING_ALIGN	64
#define FR_NS_ADDR	RPMSG_NS_ADDR

struct fake_ring {
	struct virtqueue *vq;
	struct vring vr;
	void *mem;
	size_t size;
	u16 last_avail;
	unsigned int notifies;
};

struct fake_remote {
	struct virtio_device vdev;
	struct device parent;
	struct fake_ring ring[2];
	u64 features;
	u8 status;
	struct virtio_rpmsg_config cfg;
	unsigned int cfg_len;
};

static struct fake_remote *to_fr(struct virtio_device *vdev)
{
	return container_of(vdev, struct fake_remote, vdev);
}

static u8 fr_get_status(struct virtio_device *vdev)
{
	return to_fr(vdev)->status;
}

static void fr_set_status(struct virtio_device *vdev, u8 status)
{
	to_fr(vdev)->status = status;
}

static void fr_reset(struct virtio_device *vdev)
{
	to_fr(vdev)->status = 0;
}

static u64 fr_get_features(struct virtio_device *vdev)
{
	return to_fr(vdev)->features;
}

static int fr_finalize_features(struct virtio_device *vdev)
{
	vring_transport_features(vdev);
	return 0;
}

static bool fr_notify(struct virtqueue *vq)
{
	to_fr(vq->vdev)->ring[vq->index].notifies++;
	return true;
}

static void fr_del_vqs(struct virtio_device *vdev)
{
	struct fake_remote *fr = to_fr(vdev);
	int i;

	for (i = 0; i < 2; i++) {
		if (fr->ring[i].vq)
			vring_del_virtqueue(fr->ring[i].vq);
		fr->ring[i].vq = NULL;
		free_pages_exact(fr->ring[i].mem, fr->ring[i].size);
		fr->ring[i].mem = NULL;
	}
}

static int fr_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
		       struct virtqueue *vqs[], vq_callback_t *callbacks[],
		       const char * const names[], const bool *ctx,
		       struct irq_affinity *desc)
{
	struct fake_remote *fr = to_fr(vdev);
	unsigned int i;

	if (nvqs != 2)
		return -EINVAL;

	for (i = 0; i < nvqs; i++) {
		struct fake_ring *r = &fr->ring[i];

		r->size = PAGE_ALIGN(vring_size(FR_RING_NUM, FR_RING_ALIGN));
		r->mem = alloc_pages_exact(r->size, GFP_KERNEL | __GFP_ZERO);
		if (!r->mem)
			goto err;
		vring_init(&r->vr, FR_RING_NUM, r->mem, FR_RING_ALIGN);
		r->vq = vring_new_virtqueue(i, FR_RING_NUM, FR_RING_ALIGN, vdev,
					    false, false, r->mem, fr_notify,
					    callbacks[i], names[i]);
		if (!r->vq)
			goto err;
		vqs[i] = r->vq;
	}
	return 0;

err:
	fr_del_vqs(vdev);
	return -ENOMEM;
}

/* Config space: @cfg_len bytes of @cfg; reads beyond it see zeroes */
static void fr_get(struct virtio_device *vdev, unsigned int offset, void *buf,
		   unsigned int len)
{
	struct fake_remote *fr = to_fr(vdev);

	memset(buf, 0, len);
	if (offset < fr->cfg_len)
		memcpy(buf, (u8 *)&fr->cfg + offset,
		       min(len, fr->cfg_len - offset));
}

static const struct virtio_config_ops fr_config_ops = {
	.get			= fr_get,
	.get_status		= fr_get_status,
	.set_status		= fr_set_status,
	.reset			= fr_reset,
	.find_vqs		= fr_find_vqs,
	.del_vqs		= fr_del_vqs,
	.get_features		= fr_get_features,
	.finalize_features	= fr_finalize_features,
};

static void fr_vdev_release(struct device *dev)
{
	/* Freed with the parent, which this device holds a reference on */
}

static void fr_parent_release(struct device *dev)
{
	kfree(container_of(dev, struct fake_remote, parent));
}

/* Take the next buffer Linux made available on ring @q */
static void *fr_pop(struct fake_remote *fr, int q, u16 *head, u32 *len)
{
	struct virtio_device *vdev = &fr->vdev;
	struct fake_ring *r = &fr->ring[q];
	struct vring_desc *desc;
	u16 avail;

	avail = virtio16_to_cpu(vdev, READ_ONCE(r->vr.avail->idx));
	if (avail == r->last_avail)
		return NULL;
	virtio_rmb(false);
	*head = virtio16_to_cpu(vdev,
				r->vr.avail->ring[r->last_avail % FR_RING_NUM]);
	r->last_avail++;
	desc = &r->vr.desc[*head];
	*len = virtio32_to_cpu(vdev, desc->len);
	return phys_to_virt(virtio64_to_cpu(vdev, desc->addr));
}

/* Hand buffer @head of ring @q back to Linux, @len bytes used */
static void fr_push(struct fake_remote *fr, int q, u16 head, u32 len)
{
	struct virtio_device *vdev = &fr->vdev;
	struct vring *vr = &fr->ring[q].vr;
	u16 idx = virtio16_to_cpu(vdev, vr->used->idx);

	vr->used->ring[idx % FR_RING_NUM].id = cpu_to_virtio32(vdev, head);
	vr->used->ring[idx % FR_RING_NUM].len = cpu_to_virtio32(vdev, len);
	virtio_wmb(false);
	vr->used->idx = cpu_to_virtio16(vdev, idx + 1);
}

/* Raise the ring interrupt and wait until the transport has reacted */
static void fr_irq(struct fake_remote *fr, int q)
{
	struct virtproc_info *vrp = fr->vdev.priv;

	vring_interrupt(0, fr->ring[q].vq);
	flush_work(&vrp->rx_work);
}

/* Number of receive buffers Linux has posted and the remote not used */
static unsigned int fr_rx_posted(struct fake_remote *fr)
{
	struct fake_ring *r = &fr->ring[0];

	return (u16)(virtio16_to_cpu(&fr->vdev, r->vr.avail->idx) -
		     r->last_avail);
}

/*
 * Queue one message for Linux without raising the interrupt. @used_len 0
 * means "header plus payload"; @hdr_len overrides the header's length.
 */
static int fr_queue_raw(struct fake_remote *fr, u32 src, u32 dst,
			const void *data, u16 len, u16 hdr_len, u32 used_len)
{
	struct rpmsg_hdr *hdr;
	u32 size;
	u16 head;

	hdr = fr_pop(fr, 0, &head, &size);
	if (!hdr)
		return -ENOSPC;
	if (size < sizeof(*hdr) + len)
		return -EMSGSIZE;
	hdr->src = __cpu_to_rpmsg32(true, src);
	hdr->dst = __cpu_to_rpmsg32(true, dst);
	hdr->reserved = __cpu_to_rpmsg32(true, 0xdeadbeef);
	hdr->len = __cpu_to_rpmsg16(true, hdr_len);
	hdr->flags = 0;
	memcpy(hdr->data, data, len);
	fr_push(fr, 0, head, used_len ?: sizeof(*hdr) + len);
	return 0;
}

static int fr_send(struct fake_remote *fr, u32 src, u32 dst,
		   const void *data, u16 len)
{
	int ret = fr_queue_raw(fr, src, dst, data, len, len, 0);

	if (!ret)
		fr_irq(fr, 0);
	return ret;
}

static int fr_send_ns(struct fake_remote *fr, const char *name, u32 addr,
		      u32 flags)
{
	struct rpmsg_ns_msg nsm = {};

	strscpy(nsm.name, name, sizeof(nsm.name));
	nsm.addr = __cpu_to_rpmsg32(true, addr);
	nsm.flags = __cpu_to_rpmsg32(true, flags);
	return fr_send(fr, addr, FR_NS_ADDR, &nsm, sizeof(nsm));
}

/* Take one message Linux sent; returns its payload length or -ENOENT */
static int fr_recv(struct fake_remote *fr, struct rpmsg_hdr *hdr,
		   void *data, size_t max)
{
	struct rpmsg_hdr *buf;
	u32 size;
	u16 head;
	u16 len;

	buf = fr_pop(fr, 1, &head, &size);
	if (!buf)
		return -ENOENT;
	memcpy(hdr, buf, sizeof(*hdr));
	len = __rpmsg16_to_cpu(true, hdr->len);
	memcpy(data, buf->data, min_t(size_t, len, max));
	fr_push(fr, 1, head, 0);
	return len;
}

/* ------------------------------------------------------------------ */
/* The client driver under test                                        */

#define TC_NAME		"kunit-client"
#define TC_MAX_MSG	64

/* What the client saw; the suite runs its cases one at a time */
struct test_client_state {
	int probes;
	int removes;
	struct rpmsg_device *rpdev;
	int msgs;
	u32 last_src;
	int last_len;
	u8 last_data[TC_MAX_MSG];
	bool destroy_self;		/* callback destroys its endpoint */
	struct completion *cb_entered;	/* signalled when a callback runs */
	struct completion *cb_release;	/* callback waits for this */
};

static struct test_client_state tcs;

static int tc_cb(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		 u32 src)
{
	struct rpmsg_endpoint **self = priv;

	tcs.msgs++;
	tcs.last_src = src;
	tcs.last_len = len;
	memcpy(tcs.last_data, data, min(len, TC_MAX_MSG));
	if (tcs.cb_entered)
		complete(tcs.cb_entered);
	if (tcs.cb_release)
		wait_for_completion(tcs.cb_release);
	if (tcs.destroy_self && self && *self) {
		rpmsg_destroy_ept(*self);
		*self = NULL;
	}
	return 0;
}

static int tc_probe(struct rpmsg_device *rpdev)
{
	tcs.probes++;
	tcs.rpdev = rpdev;
	return 0;
}

static void tc_remove(struct rpmsg_device *rpdev)
{
	tcs.removes++;
	tcs.rpdev = NULL;
}

static const struct rpmsg_device_id tc_ids[] = {
	{ .name = TC_NAME, .driver_data = 42 },
	{},
};

static struct rpmsg_driver tc_driver = {
	.drv.name	= "rpmsg_kunit_client",
	.id_table	= tc_ids,
	.probe		= tc_probe,
	.remove		= tc_remove,
	.callback	= tc_cb,
};

/* ------------------------------------------------------------------ */
/* Fixture                                                             */

/**
 * struct vrp_test - per-case state
 * @fr: the fake remote, NULL once unregistered
 * @vrp: the transport state bound to it
 */
struct vrp_test {
	struct fake_remote *fr;
	struct virtproc_info *vrp;
};

/*
 * Create and register a fake remote offering @features; the virtio driver
 * probes it synchronously. The fake is freed when its last device
 * reference goes, which may be after fr_unregister() if endpoints remain.
 */
static int fr_register_cfg(struct vrp_test *t, u64 features,
			   const struct virtio_rpmsg_config *cfg,
			   unsigned int cfg_len)
{
	static atomic_t serial = ATOMIC_INIT(0);
	struct fake_remote *fr;
	int ret;

	fr = kzalloc(sizeof(*fr), GFP_KERNEL);
	if (!fr)
		return -ENOMEM;
	fr->features = features;
	if (cfg) {
		fr->cfg = *cfg;
		fr->cfg_len = min_t(unsigned int, cfg_len, sizeof(*cfg));
	}

	device_initialize(&fr->parent);
	fr->parent.release = fr_parent_release;
	fr->parent.coherent_dma_mask = DMA_BIT_MASK(64);
	fr->parent.dma_mask = &fr->parent.coherent_dma_mask;
	/* A fresh name: an old fake may linger while endpoints pin it */
	ret = dev_set_name(&fr->parent, "rpmsg-kunit.%d",
			   atomic_inc_return(&serial));
	if (!ret)
		ret = device_add(&fr->parent);
	if (ret) {
		put_device(&fr->parent);
		return ret;
	}

	fr->vdev.dev.parent = &fr->parent;
	fr->vdev.dev.release = fr_vdev_release;
	fr->vdev.id.device = VIRTIO_ID_RPMSG;
	fr->vdev.id.vendor = VIRTIO_DEV_ANY_ID;
	fr->vdev.config = &fr_config_ops;
	ret = register_virtio_device(&fr->vdev);
	if (ret) {
		put_device(&fr->vdev.dev);
		device_unregister(&fr->parent);
		return ret;
	}

	t->fr = fr;
	t->vrp = fr->vdev.priv;
	if (!t->vrp || !fr->vdev.dev.driver)
		return -ENODEV;
	return 0;
}

static int fr_register(struct vrp_test *t, u64 features)
{
	return fr_register_cfg(t, features, NULL, 0);
}

static void fr_unregister(struct vrp_test *t)
{
	struct fake_remote *fr = t->fr;

	if (!fr)
		return;
	t->fr = NULL;
	t->vrp = NULL;
	unregister_virtio_device(&fr->vdev);
	device_unregister(&fr->parent);
}

static int vrp_test_init(struct kunit *test)
{
	struct vrp_test *t;
	int ret;

	memset(&tcs, 0, sizeof(tcs));

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	test->priv = t;

	/*
	 * No owner module: 6.1 runs a module's suites while the module is
	 * still coming up, before the sysfs directory an owner link needs.
	 */
	ret = __register_rpmsg_driver(&tc_driver, NULL);
	if (ret)
		return ret;

	ret = fr_register(t, BIT_ULL(VIRTIO_RPMSG_F_NS));
	if (ret) {
		fr_unregister(t);
		unregister_rpmsg_driver(&tc_driver);
	}
	return ret;
}

static void vrp_test_exit(struct kunit *test)
{
	struct vrp_test *t = test->priv;

	fr_unregister(t);
	unregister_rpmsg_driver(&tc_driver);
}

static int match_name_prefix(struct device *dev, void *data)
{
	return dev->bus && !strcmp(dev->bus->name, "rpmsg") &&
	       !strcmp(to_rpmsg_device(dev)->id.name, data);
}

/* The channel device named @name under the fake, reference held */
static struct rpmsg_device *find_channel(struct vrp_test *t, const char *name)
{
	struct device *dev;

	dev = device_find_child(&t->fr->vdev.dev, (void *)name,
				match_name_prefix);
	return dev ? to_rpmsg_device(dev) : NULL;
}

/* Announce the test channel at @addr and check the client bound */
static struct rpmsg_device *announce_client(struct kunit *test, u32 addr)
{
	struct vrp_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, addr,
					 RPMSG_NS_CREATE), 0);
	KUNIT_ASSERT_EQ(test, tcs.probes, 1);
	KUNIT_ASSERT_NOT_NULL(test, tcs.rpdev);
	return tcs.rpdev;
}

/* ------------------------------------------------------------------ */
/* Cases                                                               */

static void vrp_probe_posts_rx_buffers(struct kunit *test)
{
	struct vrp_test *t = test->priv;

	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
	KUNIT_EXPECT_EQ(test, t->vrp->num_sbufs, FR_RING_NUM);
	KUNIT_EXPECT_TRUE(test, t->fr->status & VIRTIO_CONFIG_S_DRIVER_OK);
	KUNIT_EXPECT_EQ(test, t->fr->ring[0].notifies, 1);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies, 0);
}

static void vrp_ns_create_binds_driver(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	char name[64];

	snprintf(name, sizeof(name), "%s.%s.-1.%d",
		 dev_name(&t->fr->vdev.dev), TC_NAME, 0x401);
	KUNIT_EXPECT_STREQ(test, dev_name(&rpdev->dev), name);
	KUNIT_EXPECT_EQ(test, rpdev->dst, 0x401);
	KUNIT_EXPECT_GE(test, rpdev->src, VRP_FIRST_DYN_ADDR);
	KUNIT_EXPECT_FALSE(test, rpdev->announce);
	KUNIT_EXPECT_EQ(test, rpdev->id.driver_data, 42);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

static void vrp_rx_delivers_payload(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);

	KUNIT_ASSERT_EQ(test, fr_send(t->fr, 0x401, rpdev->src, "hello", 5), 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 1);
	KUNIT_EXPECT_EQ(test, tcs.last_src, 0x401);
	KUNIT_EXPECT_EQ(test, tcs.last_len, 5);
	KUNIT_EXPECT_EQ(test, memcmp(tcs.last_data, "hello", 5), 0);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

static void vrp_tx_reaches_remote(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_hdr hdr;
	char data[8];

	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "ping", 4), 0);
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 4);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.src), rpdev->src);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), 0x401);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.reserved), 0);
	KUNIT_EXPECT_EQ(test, __rpmsg16_to_cpu(true, hdr.flags), 0);
	KUNIT_EXPECT_EQ(test, memcmp(data, "ping", 4), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rpdev->ept), 496);
}

static void vrp_tx_rejects_oversize(struct kunit *test)
{
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	static char big[497];

	/* A negative length warns (a caller bug), so it is not tried here */
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, big, 497), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, big, 496), 0);
}

struct bad_rx_case {
	const char *desc;
	u32 dst_delta;		/* added to the client's address */
	u16 len;
	u16 hdr_len;
	u32 used_len;
};

static const struct bad_rx_case bad_rx_cases[] = {
	{ "length past used", 0, 4, 100, 0 },
	{ "used shorter than header", 0, 0, 0, 8 },
	{ "used beyond buffer", 0, 4, 4, 600 },
	{ "unknown destination", 7, 4, 4, 0 },
};

static void bad_rx_case_desc(const struct bad_rx_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_rx, bad_rx_cases, bad_rx_case_desc);

static void vrp_rx_bad_message_dropped(struct kunit *test)
{
	const struct bad_rx_case *c = test->param_value;
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);

	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401,
					   rpdev->src + c->dst_delta, "abcd",
					   c->len, c->hdr_len, c->used_len), 0);
	fr_irq(t->fr, 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 0);
	/* The buffer went straight back to the remote */
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);

	/* And the channel still works */
	KUNIT_ASSERT_EQ(test, fr_send(t->fr, 0x401, rpdev->src, "ok", 2), 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 1);
}

static void vrp_rx_batch_kicks_once(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	unsigned int before = t->fr->ring[0].notifies;
	int i;

	for (i = 0; i < 8; i++)
		KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, rpdev->src,
						   "x", 1, 1, 0), 0);
	fr_irq(t->fr, 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 8);
	KUNIT_EXPECT_EQ(test, t->fr->ring[0].notifies - before, 1);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

static void vrp_tx_kick_suppressed(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct vring_used *used = t->fr->ring[1].vr.used;
	unsigned int before = t->fr->ring[1].notifies;
	int i;

	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "a", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 1);

	used->flags = cpu_to_virtio16(&t->fr->vdev, VRING_USED_F_NO_NOTIFY);
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "b", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 1);
}

/* Add @delta to the senders the transport believes are copying a payload */
static void fake_fillers(struct virtproc_info *vrp, int delta)
{
	unsigned long flags;

	spin_lock_irqsave(&vrp->tx_lock, flags);
	vrp->tx_filling += delta;
	spin_unlock_irqrestore(&vrp->tx_lock, flags);
}

static void vrp_tx_back_to_back_share_kick(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	unsigned int before = t->fr->ring[1].notifies;
	unsigned int size;
	struct rpmsg_hdr hdr;
	char data[4];
	void *buf;
	int i;

	/* Another sender is still copying: it will notify for us */
	fake_fillers(t->vrp, 1);
	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "a", 1), 0);
	KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "b", 1), 0);
	buf = rpmsg_get_tx_buffer(rpdev->ept, &size, false);
	KUNIT_ASSERT_FALSE(test, IS_ERR(buf));
	memcpy(buf, "c", 1);
	KUNIT_ASSERT_EQ(test, rpmsg_send_nocopy(rpdev->ept, buf, 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 0);

	/* The last of a burst notifies once for all of it */
	fake_fillers(t->vrp, -1);
	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "d", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 1);
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)),
				1);
		KUNIT_EXPECT_EQ(test, data[0], 'a' + i);
	}

	/* A lone sender is not held back */
	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "e", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 2);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_filling, 0);
}

static void vrp_ns_bad_announcements(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_ns_msg nsm = {};
	u8 *shared;
	u8 copy[sizeof(nsm)];
	u32 size;
	u16 head;

	/* 39 bytes: wrong size */
	strscpy(nsm.name, TC_NAME, sizeof(nsm.name));
	KUNIT_EXPECT_EQ(test, fr_send(t->fr, 0x401, FR_NS_ADDR, &nsm,
				      sizeof(nsm) - 1), 0);
	/* no NUL within the name; check the shared buffer is untouched */
	memset(nsm.name, 'x', sizeof(nsm.name));
	shared = fr_pop(t->fr, 0, &head, &size);
	KUNIT_ASSERT_NOT_NULL(test, shared);
	((struct rpmsg_hdr *)shared)->src = __cpu_to_rpmsg32(true, 0x401);
	((struct rpmsg_hdr *)shared)->dst = __cpu_to_rpmsg32(true, FR_NS_ADDR);
	((struct rpmsg_hdr *)shared)->len = __cpu_to_rpmsg16(true, sizeof(nsm));
	memcpy(shared + sizeof(struct rpmsg_hdr), &nsm, sizeof(nsm));
	memcpy(copy, shared + sizeof(struct rpmsg_hdr), sizeof(nsm));
	fr_push(t->fr, 0, head, sizeof(struct rpmsg_hdr) + sizeof(nsm));
	fr_irq(t->fr, 0);
	KUNIT_EXPECT_EQ(test, memcmp(copy, shared + sizeof(struct rpmsg_hdr),
				     sizeof(nsm)), 0);

	/* destroy of a channel that does not exist */
	KUNIT_EXPECT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 0);
	KUNIT_EXPECT_NULL(test, find_channel(t, TC_NAME));
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

static void vrp_ns_duplicate_rejected(struct kunit *test)
{
	struct vrp_test *t = test->priv;

	announce_client(test, 0x401);
	KUNIT_EXPECT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 1);
	/* Same name at another address is another channel */
	KUNIT_EXPECT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x402,
					 RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 2);
}

static void vrp_ns_destroy_removes_device(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *found;

	announce_client(test, 0x401);
	KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	found = find_channel(t, TC_NAME);
	KUNIT_EXPECT_NULL(test, found);
	if (found)
		put_device(&found->dev);
}

/*
 * Two removal paths that both looked the channel up before either acted
 * (say a release ioctl and the transport going away): the first one
 * unregisters it, the second must leave it alone.
 */
static void vrp_unregister_once(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = RPMSG_ADDR_ANY, .dst = 0x401,
	};
	struct rpmsg_device *found;

	announce_client(test, 0x401);
	found = find_channel(t, TC_NAME);
	KUNIT_ASSERT_NOT_NULL(test, found);

	KUNIT_EXPECT_EQ(test, rpmsg_unregister_child(&found->dev, NULL), 0);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	KUNIT_EXPECT_EQ(test, rpmsg_unregister_child(&found->dev, NULL), 0);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	KUNIT_EXPECT_FALSE(test, device_is_registered(&found->dev));
	KUNIT_EXPECT_EQ(test, rpmsg_unregister_device(&t->fr->vdev.dev, &chinfo),
			-EINVAL);
	put_device(&found->dev);
}

static void vrp_trysend_full_ring(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_hdr hdr;
	char data[4];
	int i;

	for (i = 0; i < FR_RING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), -ENOMEM);
	KUNIT_EXPECT_EQ(test, rpmsg_trysendto(rpdev->ept, "t", 1, 0x401),
			-ENOMEM);

	/* The remote consumes one: it is reclaimed without an interrupt */
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, "u", 1), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, "u", 1), -ENOMEM);
}

static void vrp_send_times_out(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	int i;

	t->vrp->tx_timeout = HZ / 20;
	for (i = 0; i < FR_RING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, "t", 1), -ETIMEDOUT);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_waiters, 0);
}

struct blocked_sender {
	struct rpmsg_endpoint *ept;
	struct completion done;
	int ret;
};

static int blocked_sender_fn(void *data)
{
	struct blocked_sender *bs = data;

	bs->ret = rpmsg_sendto(bs->ept, "w", 1, 0x401);
	complete(&bs->done);
	return 0;
}

/* Start a sender and wait until it sleeps for a buffer */
static void start_blocked_sender(struct kunit *test, struct blocked_sender *bs)
{
	struct vrp_test *t = test->priv;
	struct task_struct *task;
	int i;

	init_completion(&bs->done);
	task = kthread_run(blocked_sender_fn, bs, "rpmsg-kunit-tx");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	for (i = 0; i < 100 && !READ_ONCE(t->vrp->tx_waiters); i++)
		msleep(20);
	KUNIT_ASSERT_EQ(test, READ_ONCE(t->vrp->tx_waiters), 1);
}

static void vrp_send_wakes_on_tx_done(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct blocked_sender bs = { .ept = rpdev->ept };
	struct rpmsg_hdr hdr;
	char data[4];
	int i;

	for (i = 0; i < FR_RING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), 0);
	start_blocked_sender(test, &bs);

	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	fr_irq(t->fr, 1);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&bs.done, 5 * HZ),
			0);
	KUNIT_EXPECT_EQ(test, bs.ret, 0);
}

static void vrp_remove_wakes_blocked_sender(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct blocked_sender bs = {};
	int i;

	/* A private endpoint, so that it outlives the channel's driver */
	bs.ept = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, bs.ept);
	for (i = 0; i < FR_RING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), 0);
	start_blocked_sender(test, &bs);

	fr_unregister(t);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&bs.done, 5 * HZ),
			0);
	KUNIT_EXPECT_EQ(test, bs.ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	/* The endpoint is dead but still safe to use and to destroy */
	KUNIT_EXPECT_EQ(test, rpmsg_trysendto(bs.ept, "x", 1, 0x401), -ENODEV);
	rpmsg_destroy_ept(bs.ept);
}

static void vrp_fixed_address_conflict(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = 0x300 };
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_endpoint *a, *b;

	a = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, a->addr, 0x300);
	b = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_EXPECT_NULL(test, b);
	rpmsg_destroy_ept(a);
	/* Free again once destroyed */
	b = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_EXPECT_NOT_NULL(test, b);
	rpmsg_destroy_ept(b);
}

static void vrp_dynamic_address_exhaustion(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_endpoint *epts[4];
	int i;

	/* The client holds one dynamic address; leave room for four more */
	t->vrp->dyn_last = rpdev->src + 4;
	for (i = 0; i < 4; i++) {
		epts[i] = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
		KUNIT_ASSERT_NOT_NULL(test, epts[i]);
		KUNIT_EXPECT_GE(test, epts[i]->addr, VRP_FIRST_DYN_ADDR);
		KUNIT_EXPECT_LE(test, epts[i]->addr, t->vrp->dyn_last);
	}
	KUNIT_EXPECT_NULL(test, rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo));

	rpmsg_destroy_ept(epts[2]);
	epts[2] = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_EXPECT_NOT_NULL(test, epts[2]);
	for (i = 0; i < 4; i++)
		rpmsg_destroy_ept(epts[i]);
}

static void vrp_destroy_from_callback(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_endpoint *ept = NULL;
	u32 addr;

	ept = rpmsg_create_ept(rpdev, tc_cb, &ept, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, ept);
	addr = ept->addr;
	tcs.destroy_self = true;

	KUNIT_ASSERT_EQ(test, fr_send(t->fr, 0x401, addr, "1", 1), 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 1);
	KUNIT_EXPECT_NULL(test, ept);
	/* Gone: the next message is dropped */
	KUNIT_ASSERT_EQ(test, fr_send(t->fr, 0x401, addr, "2", 1), 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 1);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

/* For vrp_destroy_reuse_in_drain(): the endpoint that replaces its own */
struct reuse_state {
	struct rpmsg_device *rpdev;
	struct rpmsg_endpoint *old, *new;
	int old_msgs;
};

static int reuse_cb(struct rpmsg_device *rpdev, void *data, int len,
		    void *priv, u32 src)
{
	struct rpmsg_channel_info chinfo = { .src = 0x500 };
	struct reuse_state *rs = priv;

	rs->old_msgs++;
	rpmsg_destroy_ept(rs->old);
	rs->old = NULL;
	rs->new = rpmsg_create_ept(rs->rpdev, tc_cb, NULL, chinfo);
	return 0;
}

/*
 * Dispatch keeps the endpoint of one message for the next ones of a drain:
 * one destroyed meanwhile, and another created at its address, must get
 * none of them, and the new one the rest
 */
static void vrp_destroy_reuse_in_drain(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = 0x500 };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct reuse_state rs = { .rpdev = rpdev };

	rs.old = rpmsg_create_ept(rpdev, reuse_cb, &rs, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, rs.old);
	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, 0x500, "1", 1, 1, 0),
			0);
	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, 0x500, "2", 1, 1, 0),
			0);
	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, 0x500, "3", 1, 1, 0),
			0);
	fr_irq(t->fr, 0);

	KUNIT_EXPECT_EQ(test, rs.old_msgs, 1);
	KUNIT_ASSERT_NOT_NULL(test, rs.new);
	KUNIT_EXPECT_EQ(test, rs.new->addr, 0x500);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 2);
	KUNIT_EXPECT_EQ(test, tcs.last_data[0], '3');
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
	rpmsg_destroy_ept(rs.new);
}

/* A function run on a kthread of its own, with a completion for its end */
struct side_task {
	void (*fn)(void *arg);
	void *arg;
	struct completion done;
};

static int side_task_fn(void *data)
{
	struct side_task *st = data;

	st->fn(st->arg);
	complete(&st->done);
	return 0;
}

static void side_task_start(struct kunit *test, struct side_task *st,
			    void (*fn)(void *arg), void *arg)
{
	st->fn = fn;
	st->arg = arg;
	init_completion(&st->done);
	KUNIT_ASSERT_FALSE(test, IS_ERR(kthread_run(side_task_fn, st,
						    "rpmsg-kunit")));
}

/* Whether the task has ended, waiting up to @timeout for it */
static bool side_task_done(struct side_task *st, unsigned long timeout)
{
	return wait_for_completion_timeout(&st->done, timeout);
}

static void side_rx_irq(void *fr)
{
	fr_irq(fr, 0);
}

static void side_destroy_ept(void *ept)
{
	rpmsg_destroy_ept(ept);
}

static void side_unregister(void *t)
{
	fr_unregister(t);
}

static void vrp_destroy_waits_for_callback(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	DECLARE_COMPLETION_ONSTACK(entered);
	DECLARE_COMPLETION_ONSTACK(release);
	struct side_task rx, dt;
	struct rpmsg_endpoint *ept;

	ept = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, ept);
	tcs.cb_entered = &entered;
	tcs.cb_release = &release;

	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, ept->addr, "1",
					   1, 1, 0), 0);
	side_task_start(test, &rx, side_rx_irq, t->fr);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&entered, 5 * HZ),
			0);

	side_task_start(test, &dt, side_destroy_ept, ept);
	/* The callback is still running, so destroy must still be waiting */
	KUNIT_EXPECT_FALSE(test, side_task_done(&dt, HZ / 10));

	complete(&release);
	KUNIT_EXPECT_TRUE(test, side_task_done(&rx, 5 * HZ));
	KUNIT_EXPECT_TRUE(test, side_task_done(&dt, 5 * HZ));
	tcs.cb_entered = NULL;
	tcs.cb_release = NULL;
}

/* A limited count: taken up to the limit, refused at and above it */
static void vrp_count_get_limits(struct kunit *test)
{
	atomic_t count = ATOMIC_INIT(0);

	KUNIT_EXPECT_FALSE(test, vrp_count_get(&count, 0));
	KUNIT_EXPECT_TRUE(test, vrp_count_get(&count, 2));
	KUNIT_EXPECT_TRUE(test, vrp_count_get(&count, 2));
	KUNIT_EXPECT_FALSE(test, vrp_count_get(&count, 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 2);
	/* A limit lowered below the count refuses until units come back */
	KUNIT_EXPECT_FALSE(test, vrp_count_get(&count, 1));
	atomic_dec(&count);
	atomic_dec(&count);
	KUNIT_EXPECT_TRUE(test, vrp_count_get(&count, 1));
	/* Whatever is asked, never beyond VRP_LIMIT_MAX */
	atomic_set(&count, VRP_LIMIT_MAX);
	KUNIT_EXPECT_FALSE(test, vrp_count_get(&count, UINT_MAX));
}

/* The channel of the test client at remote address @dst, or NULL */
static struct rpmsg_device *find_client_at(struct vrp_test *t, u32 dst)
{
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = RPMSG_ADDR_ANY, .dst = dst,
	};
	struct device *dev = rpmsg_find_device(&t->fr->vdev.dev, &chinfo);

	if (!dev)
		return NULL;
	put_device(dev);
	return to_rpmsg_device(dev);
}

/*
 * Announcements beyond max_channels are refused; withdrawing one makes
 * room again. Channels created on Linux's side do not count.
 */
static void vrp_ns_channel_limit(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = RPMSG_ADDR_ANY, .dst = 0x410,
	};
	struct vrp_test *t = test->priv;
	struct rpmsg_device *ctrl;
	u32 addr;

	WRITE_ONCE(t->vrp->max_channels, 2);
	for (addr = 0x401; addr <= 0x404; addr++)
		KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, addr,
						 RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_channels), 2);
	KUNIT_EXPECT_NOT_NULL(test, find_client_at(t, 0x402));
	KUNIT_EXPECT_NULL(test, find_client_at(t, 0x403));
	/* Every refused announcement gave its buffer back */
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);

	/* Linux's own channels are not the remote's to count */
	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	KUNIT_EXPECT_NOT_NULL(test, rpmsg_create_channel(ctrl, &chinfo));
	put_device(&ctrl->dev);
	KUNIT_EXPECT_EQ(test, tcs.probes, 3);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_channels), 2);

	KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_channels), 1);
	KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x403,
					 RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_NOT_NULL(test, find_client_at(t, 0x403));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_channels), 2);
}

/*
 * A DESTROY removes only a channel the remote announced, under exactly
 * that name and address: not Linux's rpmsg_ctrl and rpmsg_ns devices,
 * not a channel created on Linux's side, not one at another address.
 */
static void vrp_ns_destroy_foreign(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = RPMSG_ADDR_ANY, .dst = 0x402,
	};
	struct vrp_test *t = test->priv;
	struct rpmsg_device *ctrl, *ns;

	announce_client(test, 0x401);
	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	KUNIT_EXPECT_NOT_NULL(test, rpmsg_create_channel(ctrl, &chinfo));
	put_device(&ctrl->dev);
	KUNIT_ASSERT_EQ(test, tcs.probes, 2);

	fr_send_ns(t->fr, "rpmsg_ctrl", 0, RPMSG_NS_DESTROY);
	fr_send_ns(t->fr, "rpmsg_ns", RPMSG_NS_ADDR, RPMSG_NS_DESTROY);
	fr_send_ns(t->fr, TC_NAME, 0x402, RPMSG_NS_DESTROY);
	fr_send_ns(t->fr, TC_NAME, 0x405, RPMSG_NS_DESTROY);
	fr_send_ns(t->fr, "rpmsg_ctrl", 0x401, RPMSG_NS_DESTROY);
	KUNIT_EXPECT_EQ(test, tcs.removes, 0);

	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_EXPECT_NOT_NULL(test, ctrl);
	if (ctrl)
		put_device(&ctrl->dev);
	ns = find_channel(t, "rpmsg_ns");
	KUNIT_EXPECT_NOT_NULL(test, ns);
	if (ns)
		put_device(&ns->dev);
	KUNIT_EXPECT_NOT_NULL(test, find_client_at(t, 0x401));
	KUNIT_EXPECT_NOT_NULL(test, find_client_at(t, 0x402));

	/* The name service still works, and withdraws what was announced */
	KUNIT_ASSERT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_DESTROY), 0);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	KUNIT_EXPECT_NULL(test, find_client_at(t, 0x401));
	KUNIT_EXPECT_NOT_NULL(test, find_client_at(t, 0x402));
}

/* Endpoints beyond max_endpoints are refused until one is destroyed */
static void vrp_endpoint_limit(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_endpoint *a, *b;
	int used = atomic_read(&t->vrp->nr_epts);

	/* The name service's and the client's */
	KUNIT_EXPECT_EQ(test, used, 2);
	WRITE_ONCE(t->vrp->max_epts, used + 1);
	a = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_NULL(test, rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_epts), used + 1);
	rpmsg_destroy_ept(a);
	b = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_EXPECT_NOT_NULL(test, b);
	rpmsg_destroy_ept(b);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->nr_epts), used);
}

static void vrp_static_channel_announced(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = 0x300, .dst = 0x402,
	};
	struct vrp_test *t = test->priv;
	struct rpmsg_device *ctrl, *rpdev;
	struct rpmsg_ns_msg nsm;
	struct rpmsg_hdr hdr;

	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	rpdev = rpmsg_create_channel(ctrl, &chinfo);
	put_device(&ctrl->dev);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	KUNIT_EXPECT_EQ(test, tcs.probes, 1);
	KUNIT_EXPECT_TRUE(test, rpdev->announce);
	KUNIT_EXPECT_EQ(test, rpdev->src, 0x300);

	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, &nsm, sizeof(nsm)),
			sizeof(nsm));
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), FR_NS_ADDR);
	KUNIT_EXPECT_STREQ(test, nsm.name, TC_NAME);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, nsm.addr), 0x300);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, nsm.flags),
			RPMSG_NS_CREATE);

	/* The static channel carries traffic both ways */
	KUNIT_ASSERT_EQ(test, fr_send(t->fr, 0x402, 0x300, "st", 2), 0);
	KUNIT_EXPECT_EQ(test, tcs.msgs, 1);
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, "st", 2), 0);
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, &nsm, sizeof(nsm)), 2);

	KUNIT_ASSERT_EQ(test, rpmsg_release_channel(rpdev, &chinfo), 0);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, &nsm, sizeof(nsm)),
			sizeof(nsm));
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, nsm.flags),
			RPMSG_NS_DESTROY);
	KUNIT_EXPECT_EQ(test, rpmsg_release_channel(ctrl, &chinfo), -EINVAL);
}

static void vrp_server_endpoint_sendto(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_channel_info chinfo = {
		.name = TC_NAME, .src = 0x301, .dst = RPMSG_ADDR_ANY,
	};
	struct rpmsg_device *ctrl, *rpdev;
	struct rpmsg_hdr hdr;
	char data[4];

	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	rpdev = rpmsg_create_channel(ctrl, &chinfo);
	put_device(&ctrl->dev);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	/* discard the announcement */
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, 0), 40);

	/* No default peer: plain send is refused, sendto works */
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, "s", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto(rpdev->ept, "s", 1, 0x410), 0);
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), 0x410);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.src), 0x301);

	KUNIT_EXPECT_EQ(test, rpmsg_send_offchannel(rpdev->ept, 0x302, 0x411,
						    "o", 1), 0);
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.src), 0x302);
}

static void vrp_driver_override_match(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = {
		.name = "kunit-nomatch", .src = RPMSG_ADDR_ANY, .dst = 0x403,
	};
	struct vrp_test *t = test->priv;
	struct rpmsg_device *ctrl, *rpdev;
	int ret;

	ctrl = find_channel(t, "rpmsg_ctrl");
	KUNIT_ASSERT_NOT_NULL(test, ctrl);
	rpdev = rpmsg_create_channel(ctrl, &chinfo);
	put_device(&ctrl->dev);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	KUNIT_EXPECT_NULL(test, rpdev->dev.driver);
	KUNIT_EXPECT_EQ(test, tcs.probes, 0);

	ret = driver_set_override(&rpdev->dev, &rpdev->driver_override,
				  tc_driver.drv.name,
				  strlen(tc_driver.drv.name));
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, device_attach(&rpdev->dev), 1);
	KUNIT_EXPECT_EQ(test, tcs.probes, 1);
	KUNIT_EXPECT_PTR_EQ(test, rpdev->dev.driver, &tc_driver.drv);
}

static void vrp_override_excludes_id_match(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	int ret;

	device_release_driver(&rpdev->dev);
	KUNIT_EXPECT_EQ(test, tcs.removes, 1);
	rpdev = find_channel(t, TC_NAME);
	KUNIT_ASSERT_NOT_NULL(test, rpdev);
	ret = driver_set_override(&rpdev->dev, &rpdev->driver_override,
				  "someone-else", strlen("someone-else"));
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, device_attach(&rpdev->dev), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 1);
	put_device(&rpdev->dev);
}

static void vrp_no_ns_feature(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *found;

	/* Restart the fake without the name-service feature */
	fr_unregister(t);
	KUNIT_ASSERT_EQ(test, fr_register(t, 0), 0);

	found = find_channel(t, "rpmsg_ns");
	KUNIT_EXPECT_NULL(test, found);
	if (found)
		put_device(&found->dev);
	/* An "announcement" is now just a message to an unknown address */
	KUNIT_EXPECT_EQ(test, fr_send_ns(t->fr, TC_NAME, 0x401,
					 RPMSG_NS_CREATE), 0);
	KUNIT_EXPECT_EQ(test, tcs.probes, 0);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

static void vrp_poll_reports_space(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_hdr hdr;
	char data[4];
	int i;

	KUNIT_EXPECT_TRUE(test, rpmsg_poll(rpdev->ept, NULL, NULL) & EPOLLOUT);
	for (i = 0; i < FR_RING_NUM; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_trysend(rpdev->ept, "p", 1), 0);
	KUNIT_EXPECT_TRUE(test, !rpmsg_poll(rpdev->ept, NULL, NULL));

	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_TRUE(test, rpmsg_poll(rpdev->ept, NULL, NULL) & EPOLLOUT);
}

static void vrp_event_idx_suppresses_kicks(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev;
	unsigned int before;
	struct vring *vr;
	int i;

	fr_unregister(t);
	KUNIT_ASSERT_EQ(test, fr_register(t, BIT_ULL(VIRTIO_RPMSG_F_NS) |
					  BIT_ULL(VIRTIO_RING_F_EVENT_IDX)), 0);
	KUNIT_ASSERT_TRUE(test, virtio_has_feature(&t->fr->vdev,
						   VIRTIO_RING_F_EVENT_IDX));
	rpdev = announce_client(test, 0x401);
	vr = &t->fr->ring[1].vr;
	before = t->fr->ring[1].notifies;

	/* The remote asked to hear about entry 0 only: one kick for four */
	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "e", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 1);

	/* Now it wants to hear about entry 4, the next one */
	vring_avail_event(vr) = cpu_to_virtio16(&t->fr->vdev, 4);
	KUNIT_ASSERT_EQ(test, rpmsg_send(rpdev->ept, "e", 1), 0);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 2);
}

/* ------------------------------------------------------------------ */
/* Callbacks in the ring interrupt (rpmsg_set_rx_atomic())             */

#define OL_MAX		128

/*
 * What the ordering callbacks saw, message by message: the first payload
 * byte, whether the callback ran on the task that raised the interrupt
 * (else on the receive work), and in hard interrupt context.
 */
struct order_log {
	spinlock_t lock;	/* callbacks may run in hard IRQ */
	unsigned int n;
	u8 seq[OL_MAX];
	bool on_raiser[OL_MAX];
	bool hardirq[OL_MAX];
	struct task_struct *raiser;
	/* Budget case: each callback queues the next message until @refill */
	struct fake_remote *fr;
	u32 src, dst;
	unsigned int refill;
	/* Atomic-context case: each callback replies with rpmsg_trysend() */
	struct rpmsg_endpoint *reply_ept;
	int reply_ret;
	/* The endpoints of the case, destroyed when it ends */
	struct rpmsg_endpoint *fast, *slow;
};

static struct order_log olog;

static int ord_cb(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		  u32 src)
{
	bool hardirq = in_hardirq();
	unsigned long flags;
	unsigned int n;

	spin_lock_irqsave(&olog.lock, flags);
	n = olog.n;
	if (n < OL_MAX) {
		olog.seq[n] = len ? *(u8 *)data : 0xff;
		olog.on_raiser[n] = current == olog.raiser;
		olog.hardirq[n] = hardirq;
		olog.n++;
	}
	spin_unlock_irqrestore(&olog.lock, flags);

	if (olog.fr && n + 1 < olog.refill) {
		u8 next = n + 1;

		fr_queue_raw(olog.fr, olog.src, olog.dst, &next, 1, 1, 0);
	}
	if (olog.reply_ept)
		olog.reply_ret = rpmsg_trysend(olog.reply_ept, data, len);
	return 0;
}

/* An endpoint for ord_cb(), atomic-safe or not */
static struct rpmsg_endpoint *ord_ept(struct kunit *test,
				      struct rpmsg_device *rpdev, bool atomic)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct rpmsg_endpoint *ept;

	ept = rpmsg_create_ept(rpdev, ord_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, ept);
	rpmsg_set_rx_atomic(ept, atomic);
	KUNIT_EXPECT_EQ(test, ept->rx_atomic, atomic);
	return ept;
}

/* After the case (and after the fake is gone, if it failed early) */
static void ord_free(struct kunit_resource *res)
{
	rpmsg_destroy_ept(olog.fast);
	rpmsg_destroy_ept(olog.slow);
	olog.fast = NULL;
	olog.slow = NULL;
}

/*
 * Announce the client, start a fresh log and create two ord_cb()
 * endpoints on the channel: @fast atomic-safe, @slow not.
 */
static struct vrp_test *ord_setup(struct kunit *test,
				  struct rpmsg_endpoint **fast,
				  struct rpmsg_endpoint **slow)
{
	struct rpmsg_device *rpdev = announce_client(test, 0x401);

	memset(&olog, 0, sizeof(olog));
	spin_lock_init(&olog.lock);
	olog.raiser = current;
	kunit_alloc_resource(test, NULL, ord_free, GFP_KERNEL, NULL);
	olog.fast = ord_ept(test, rpdev, true);
	olog.slow = ord_ept(test, rpdev, false);
	*fast = olog.fast;
	*slow = olog.slow;
	return test->priv;
}

/* Queue a one-byte message @seq for @ept */
static void ord_queue(struct kunit *test, struct rpmsg_endpoint *ept, u8 seq)
{
	struct vrp_test *t = test->priv;

	KUNIT_ASSERT_EQ(test, fr_queue_raw(t->fr, 0x401, ept->addr, &seq, 1,
					   1, 0), 0);
}

/* Raise the receive interrupt from this task, then let the work finish */
static void ord_irq(struct vrp_test *t, bool flush)
{
	vring_interrupt(0, t->fr->ring[0].vq);
	if (flush)
		flush_work(&t->vrp->rx_work);
}

static void vrp_rx_atomic_runs_in_irq(struct kunit *test)
{
	struct rpmsg_endpoint *fast, *slow;
	struct vrp_test *t = ord_setup(test, &fast, &slow);

	/* Delivered inside the interrupt: nothing left for the work */
	ord_queue(test, fast, 1);
	ord_irq(t, false);
	KUNIT_EXPECT_EQ(test, olog.n, 1);
	KUNIT_EXPECT_TRUE(test, olog.on_raiser[0]);
	KUNIT_EXPECT_FALSE(test, work_pending(&t->vrp->rx_work));
	KUNIT_EXPECT_EQ(test, t->vrp->rx_owner, VRP_RX_IDLE);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);

	/* A callback that may sleep runs on the work, never on the raiser */
	ord_queue(test, slow, 2);
	ord_irq(t, true);
	KUNIT_ASSERT_EQ(test, olog.n, 2);
	KUNIT_EXPECT_EQ(test, olog.seq[1], 2);
	KUNIT_EXPECT_FALSE(test, olog.on_raiser[1]);
	KUNIT_EXPECT_EQ(test, t->vrp->rx_owner, VRP_RX_IDLE);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);

	/* Switched back: the next message stays in the work too */
	rpmsg_set_rx_atomic(fast, false);
	ord_queue(test, fast, 3);
	ord_irq(t, true);
	KUNIT_ASSERT_EQ(test, olog.n, 3);
	KUNIT_EXPECT_FALSE(test, olog.on_raiser[2]);
}

static void vrp_rx_atomic_keeps_order(struct kunit *test)
{
	struct rpmsg_endpoint *fast, *slow;
	struct vrp_test *t = ord_setup(test, &fast, &slow);
	unsigned int before = t->fr->ring[0].notifies;
	u8 i;

	/* fast, fast, slow, fast, slow, fast, ... : 12 messages */
	for (i = 0; i < 12; i++)
		ord_queue(test, i >= 2 && i % 2 == 0 ? slow : fast, i);
	ord_irq(t, true);

	KUNIT_ASSERT_EQ(test, olog.n, 12);
	for (i = 0; i < 12; i++) {
		KUNIT_EXPECT_EQ(test, olog.seq[i], i);
		/* Everything after the first slow one went to the work */
		KUNIT_EXPECT_EQ(test, olog.on_raiser[i], i < 2);
	}
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
	/* The work tells the remote about all twelve buffers at once */
	KUNIT_EXPECT_EQ(test, t->fr->ring[0].notifies - before, 1);
	KUNIT_EXPECT_EQ(test, t->vrp->rx_owner, VRP_RX_IDLE);
}

static void vrp_rx_atomic_budget(struct kunit *test)
{
	struct rpmsg_endpoint *fast, *slow;
	struct vrp_test *t = ord_setup(test, &fast, &slow);
	unsigned int i;

	/* A remote that never lets the ring run empty */
	olog.fr = t->fr;
	olog.src = 0x401;
	olog.dst = fast->addr;
	olog.refill = OL_MAX;

	ord_queue(test, fast, 0);
	ord_irq(t, true);

	KUNIT_ASSERT_EQ(test, olog.n, OL_MAX);
	for (i = 0; i < OL_MAX; i++) {
		KUNIT_EXPECT_EQ(test, olog.seq[i], (u8)i);
		KUNIT_EXPECT_EQ(test, olog.on_raiser[i],
				i < VRP_RX_IRQ_BUDGET);
	}
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
	KUNIT_EXPECT_EQ(test, t->vrp->rx_owner, VRP_RX_IDLE);
	olog.fr = NULL;
}

static struct vrp_test *hardirq_test;

static void vrp_hardirq_fn(struct irq_work *work)
{
	vring_interrupt(0, hardirq_test->fr->ring[0].vq);
}

static void vrp_rx_atomic_in_hardirq(struct kunit *test)
{
	struct irq_work work = IRQ_WORK_INIT_HARD(vrp_hardirq_fn);
	struct rpmsg_endpoint *fast, *slow;
	struct vrp_test *t = ord_setup(test, &fast, &slow);
	struct rpmsg_hdr hdr;
	char data[4];

	olog.raiser = NULL;
	/* The callback answers from the interrupt */
	olog.reply_ept = fast;
	olog.reply_ret = -EINPROGRESS;
	hardirq_test = t;

	ord_queue(test, fast, 1);
	ord_queue(test, slow, 2);
	KUNIT_ASSERT_TRUE(test, irq_work_queue(&work));
	irq_work_sync(&work);
	flush_work(&t->vrp->rx_work);
	olog.reply_ept = NULL;

	KUNIT_ASSERT_EQ(test, olog.n, 2);
	KUNIT_EXPECT_TRUE(test, olog.hardirq[0]);
	KUNIT_EXPECT_FALSE(test, olog.hardirq[1]);
	KUNIT_EXPECT_EQ(test, olog.reply_ret, 0);
	/* Both answers reached the remote, the first sent in the interrupt */
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, data[0], 1);
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, data[0], 2);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);
}

/* Removal right after the interrupt handed a message over to the work */
static void vrp_rx_remove_after_hand_over(struct kunit *test)
{
	struct rpmsg_endpoint *fast, *slow;
	struct vrp_test *t = ord_setup(test, &fast, &slow);

	ord_queue(test, slow, 1);
	ord_irq(t, false);
	KUNIT_EXPECT_NE(test, t->vrp->rx_owner, VRP_RX_IRQ);

	/* Delivered or dropped with the device; either way nothing leaks */
	fr_unregister(t);
	KUNIT_EXPECT_LE(test, olog.n, 1);
}

/* ------------------------------------------------------------------ */
/* Zero-copy sending                                                   */

static void vrp_nocopy_send(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	unsigned int size = 0;
	struct rpmsg_hdr hdr;
	char data[8];
	u8 *buf;

	buf = rpmsg_get_tx_buffer(rpdev->ept, &size, false);
	KUNIT_ASSERT_FALSE(test, IS_ERR(buf));
	KUNIT_EXPECT_EQ(test, size, rpmsg_get_mtu(rpdev->ept));
	memcpy(buf, "zero", 4);
	KUNIT_ASSERT_EQ(test, rpmsg_send_nocopy(rpdev->ept, buf, 4), 0);

	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 4);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.src), rpdev->src);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), 0x401);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.reserved), 0);
	KUNIT_EXPECT_EQ(test, memcmp(data, "zero", 4), 0);

	/* Explicit destination, and a full-size payload */
	buf = rpmsg_get_tx_buffer(rpdev->ept, &size, true);
	KUNIT_ASSERT_FALSE(test, IS_ERR(buf));
	memset(buf, 'z', size);
	KUNIT_ASSERT_EQ(test, rpmsg_sendto_nocopy(rpdev->ept, buf, size,
						  0x402), 0);
	KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), size);
	KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), 0x402);
	KUNIT_EXPECT_EQ(test, data[7], 'z');
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree + 2, FR_RING_NUM);
}

/* Borrow every send buffer of the fake; returns their payload size */
static unsigned int borrow_all(struct kunit *test, struct rpmsg_endpoint *ept,
			       void *bufs[FR_RING_NUM])
{
	unsigned int size = 0;
	int i;

	for (i = 0; i < FR_RING_NUM; i++) {
		bufs[i] = rpmsg_get_tx_buffer(ept, &size, false);
		KUNIT_ASSERT_FALSE(test, IS_ERR(bufs[i]));
	}
	return size;
}

static void vrp_nocopy_pool_accounting(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	void *bufs[FR_RING_NUM];
	unsigned int size = borrow_all(test, rpdev->ept, bufs);
	int i;

	/* Lent buffers are gone for everybody until they come back */
	KUNIT_EXPECT_EQ(test, PTR_ERR(rpmsg_get_tx_buffer(rpdev->ept, &size,
							  false)), -ENOMEM);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), -ENOMEM);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), FR_RING_NUM);

	rpmsg_put_tx_buffer(rpdev->ept, bufs[0]);
	KUNIT_EXPECT_EQ(test, rpmsg_trysend(rpdev->ept, "t", 1), 0);

	/* Too long: refused, and the buffer is back in the pool anyway */
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, bufs[1], size + 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree, 1);

	for (i = 2; i < FR_RING_NUM; i++)
		rpmsg_put_tx_buffer(rpdev->ept, bufs[i]);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree, FR_RING_NUM - 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
}

static void vrp_nocopy_bad_buffers(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	char stack[32];
	unsigned int size;
	u8 *buf;

	buf = rpmsg_get_tx_buffer(rpdev->ept, &size, false);
	KUNIT_ASSERT_FALSE(test, IS_ERR(buf));

	/* Not a lent payload area: refused, nothing changes */
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, stack, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, buf + 1, 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept,
						buf + t->vrp->tx_buf_size, 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, t->vrp->bufs, 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, NULL, 1), -EINVAL);
	rpmsg_put_tx_buffer(rpdev->ept, stack);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree, FR_RING_NUM - 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 1);

	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, buf, 1), 0);
	/* Sent already: a second send or put is refused */
	KUNIT_EXPECT_EQ(test, rpmsg_send_nocopy(rpdev->ept, buf, 1), -EINVAL);
	rpmsg_put_tx_buffer(rpdev->ept, buf);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree, FR_RING_NUM - 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
}

static void vrp_nocopy_put_wakes_sender(struct kunit *test)
{
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct blocked_sender bs = { .ept = rpdev->ept };
	void *bufs[FR_RING_NUM];
	int i;

	borrow_all(test, rpdev->ept, bufs);
	start_blocked_sender(test, &bs);

	/* No send-done interrupt: giving a buffer back must be enough */
	rpmsg_put_tx_buffer(rpdev->ept, bufs[0]);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&bs.done, 5 * HZ),
			0);
	KUNIT_EXPECT_EQ(test, bs.ret, 0);
	for (i = 1; i < FR_RING_NUM; i++)
		rpmsg_put_tx_buffer(rpdev->ept, bufs[i]);
}

static void vrp_nocopy_remove_waits(struct kunit *test)
{
	struct rpmsg_channel_info chinfo = { .src = RPMSG_ADDR_ANY };
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	struct rpmsg_endpoint *ept;
	struct side_task rm;
	unsigned int size;
	u8 *buf;

	/* A private endpoint, so that it outlives the channel's driver */
	ept = rpmsg_create_ept(rpdev, tc_cb, NULL, chinfo);
	KUNIT_ASSERT_NOT_NULL(test, ept);
	buf = rpmsg_get_tx_buffer(ept, &size, false);
	KUNIT_ASSERT_FALSE(test, IS_ERR(buf));

	side_task_start(test, &rm, side_unregister, t);
	/* The buffer is still written to: its memory must stay */
	KUNIT_EXPECT_FALSE(test, side_task_done(&rm, HZ / 10));
	memset(buf, 'r', size);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy(ept, buf, size, 0x401),
			-ENODEV);
	KUNIT_EXPECT_TRUE(test, side_task_done(&rm, 5 * HZ));
	KUNIT_EXPECT_EQ(test, PTR_ERR(rpmsg_get_tx_buffer(ept, &size, true)),
			-ENODEV);
	rpmsg_destroy_ept(ept);
}

/* Several lent buffers go out in order, with one notification */
static void vrp_nocopy_batch_send(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	unsigned int before = t->fr->ring[1].notifies;
	unsigned int lens[4], size = 0;
	struct rpmsg_hdr hdr;
	void *bufs[4];
	char data[4];
	int i;

	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 4, &size,
						   false), 4);
	KUNIT_EXPECT_EQ(test, size, rpmsg_get_mtu(rpdev->ept));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 4);
	for (i = 0; i < 4; i++) {
		memset(bufs[i], 'a' + i, i + 1);
		lens[i] = i + 1;
	}
	KUNIT_ASSERT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							4, 0x402), 4);
	KUNIT_EXPECT_EQ(test, t->fr->ring[1].notifies - before, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_ASSERT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)),
				i + 1);
		KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.src), rpdev->src);
		KUNIT_EXPECT_EQ(test, __rpmsg32_to_cpu(true, hdr.dst), 0x402);
		KUNIT_EXPECT_EQ(test, data[i], 'a' + i);
	}
	/* Sent: no longer lent */
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							1, 0x402), -EINVAL);
}

/* Fewer free than asked for: what there is; none: -ENOMEM; bad counts */
static void vrp_nocopy_batch_get(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	void *bufs[FR_RING_NUM], *more[RPMSG_TX_BATCH_MAX + 1];
	unsigned int size;
	int i;

	for (i = 0; i < FR_RING_NUM - 2; i++) {
		bufs[i] = rpmsg_get_tx_buffer(rpdev->ept, &size, false);
		KUNIT_ASSERT_FALSE(test, IS_ERR(bufs[i]));
	}
	KUNIT_EXPECT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, more, 0, &size,
						   false), -EINVAL);
	/* Asked for more than one call lends: as many as are free */
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, more,
						   RPMSG_TX_BATCH_MAX + 1,
						   &size, false), 2);
	KUNIT_EXPECT_PTR_NE(test, more[0], more[1]);
	KUNIT_EXPECT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 1, &size,
						   false), -ENOMEM);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), FR_RING_NUM);

	rpmsg_put_tx_buffer(rpdev->ept, more[0]);
	rpmsg_put_tx_buffer(rpdev->ept, more[1]);
	for (i = 0; i < FR_RING_NUM - 2; i++)
		rpmsg_put_tx_buffer(rpdev->ept, bufs[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
}

/*
 * The first message that cannot go ends the batch; the lent buffers from
 * there on come back, a pointer that was never lent is left alone
 */
static void vrp_nocopy_batch_stops(struct kunit *test)
{
	struct vrp_test *t = test->priv;
	struct rpmsg_device *rpdev = announce_client(test, 0x401);
	unsigned int free0 = t->vrp->tx_nfree;
	unsigned int lens[4] = { 1, 1, 1, 1 }, size;
	struct rpmsg_hdr hdr;
	char data[4], stack[4];
	void *bufs[4];

	/* Too long in the middle */
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 4, &size,
						   false), 4);
	memcpy(bufs[0], "x", 1);
	lens[1] = size + 1;
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							4, 0x401), 1);
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, data[0], 'x');
	KUNIT_EXPECT_EQ(test, t->vrp->tx_nfree, free0 - 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);

	/* Not lent in the middle; too long first: nothing goes */
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 3, &size,
						   false), 3);
	bufs[3] = bufs[2];
	bufs[2] = stack;
	lens[1] = 1;
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							4, 0x401), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 2, &size,
						   false), 2);
	lens[0] = size + 1;
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							2, 0x401), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
	/* No lengths: nothing goes, everything comes back */
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 2, &size,
						   false), 2);
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, NULL,
							2, 0x401), -EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
	/* Bad address: nothing goes, everything comes back */
	KUNIT_ASSERT_EQ(test, rpmsg_get_tx_buffers(rpdev->ept, bufs, 2, &size,
						   false), 2);
	lens[0] = 1;
	KUNIT_EXPECT_EQ(test, rpmsg_sendto_nocopy_batch(rpdev->ept, bufs, lens,
							2, RPMSG_ADDR_ANY),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->vrp->tx_users), 0);
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_EQ(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 1);
	KUNIT_EXPECT_LT(test, fr_recv(t->fr, &hdr, data, sizeof(data)), 0);
}

/* ------------------------------------------------------------------ */
/* Negotiated buffer sizes                                             */

#define FR_BUF_SIZES	(BIT_ULL(VIRTIO_RPMSG_F_NS) | \
			 BIT_ULL(VIRTIO_RPMSG_F_BUF_SIZES))

/* Restart the fake offering buffer sizes @rx and @tx in @len config bytes */
static void fr_restart_sizes(struct kunit *test, u32 rx, u32 tx,
			     unsigned int len)
{
	struct vrp_test *t = test->priv;
	struct virtio_rpmsg_config cfg;

	fr_unregister(t);
	/* The fake is a legacy device: native byte order */
	cfg.rx_buf_size = __cpu_to_virtio32(virtio_legacy_is_little_endian(), rx);
	cfg.tx_buf_size = __cpu_to_virtio32(virtio_legacy_is_little_endian(), tx);
	KUNIT_ASSERT_EQ(test, fr_register_cfg(t, FR_BUF_SIZES, &cfg, len), 0);
}

static void vrp_buf_sizes_accepted(struct kunit *test)
{
	struct vrp_test *t;
	struct rpmsg_device *rpdev;
	static char big[1009];

	fr_restart_sizes(test, SZ_4K, SZ_1K, sizeof(struct virtio_rpmsg_config));
	t = test->priv;
	KUNIT_EXPECT_TRUE(test, virtio_has_feature(&t->fr->vdev,
						   VIRTIO_RPMSG_F_BUF_SIZES));
	KUNIT_EXPECT_EQ(test, t->vrp->rx_buf_size, SZ_4K);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_buf_size, SZ_1K);
	KUNIT_EXPECT_EQ(test, t->vrp->num_rbufs, FR_RING_NUM);
	KUNIT_EXPECT_EQ(test, fr_rx_posted(t->fr), FR_RING_NUM);

	rpdev = announce_client(test, 0x401);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rpdev->ept), SZ_1K - 16);
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, big, SZ_1K - 16), 0);
	KUNIT_EXPECT_EQ(test, rpmsg_send(rpdev->ept, big, SZ_1K - 15),
			-EMSGSIZE);
}

struct bufsz_case {
	const char *desc;
	u32 rx, tx;
	unsigned int cfg_len;
};

static const struct bufsz_case bufsz_cases[] = {
	{ "zero", 0, 0, 8 },
	{ "below 512", 256, 512, 8 },
	{ "one above 512", 513, 512, 8 },
	{ "not a power of two", 3000, 4096, 8 },
	{ "above 64 KiB", 512, SZ_128K, 8 },
	{ "all ones", U32_MAX, U32_MAX, 8 },
	{ "top bit", 0x80000000, 512, 8 },
	{ "config too short", 4096, 4096, 4 },
	{ "no config space", 4096, 4096, 0 },
};

static void bufsz_case_desc(const struct bufsz_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bufsz, bufsz_cases, bufsz_case_desc);

/* Unusable sizes: the feature is declined, 512 bytes both ways */
static void vrp_buf_sizes_declined(struct kunit *test)
{
	const struct bufsz_case *c = test->param_value;
	struct vrp_test *t;
	struct rpmsg_device *rpdev;

	fr_restart_sizes(test, c->rx, c->tx, c->cfg_len);
	t = test->priv;
	KUNIT_EXPECT_FALSE(test, virtio_has_feature(&t->fr->vdev,
						    VIRTIO_RPMSG_F_BUF_SIZES));
	KUNIT_EXPECT_TRUE(test, virtio_has_feature(&t->fr->vdev,
						   VIRTIO_RPMSG_F_NS));
	KUNIT_EXPECT_EQ(test, t->vrp->rx_buf_size, VRP_BUF_SIZE);
	KUNIT_EXPECT_EQ(test, t->vrp->tx_buf_size, VRP_BUF_SIZE);
	rpdev = announce_client(test, 0x401);
	KUNIT_EXPECT_EQ(test, rpmsg_get_mtu(rpdev->ept), VRP_BUF_SIZE - 16);
}

/* How many buffers each size gets: the region stays within bounds */
static void vrp_buf_counts(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(512, 256), 256);
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(512, 1024), VRP_MAX_BUFS);
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(512, 16), 16);
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(SZ_4K, 256), 32);
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(SZ_64K, 256), 2);
	KUNIT_EXPECT_EQ(test, vrp_nr_bufs(SZ_4K, 0), 0);
	KUNIT_EXPECT_EQ(test, vrp_check_buf_size(512), 0);
	KUNIT_EXPECT_EQ(test, vrp_check_buf_size(SZ_64K), 0);
	KUNIT_EXPECT_EQ(test, vrp_check_buf_size(SZ_64K * 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, vrp_check_buf_size(0), -EINVAL);
}

static struct kunit_case vrp_cases[] = {
	KUNIT_CASE(vrp_probe_posts_rx_buffers),
	KUNIT_CASE(vrp_ns_create_binds_driver),
	KUNIT_CASE(vrp_rx_delivers_payload),
	KUNIT_CASE(vrp_tx_reaches_remote),
	KUNIT_CASE(vrp_tx_rejects_oversize),
	KUNIT_CASE_PARAM(vrp_rx_bad_message_dropped, bad_rx_gen_params),
	KUNIT_CASE(vrp_rx_batch_kicks_once),
	KUNIT_CASE(vrp_tx_kick_suppressed),
	KUNIT_CASE(vrp_tx_back_to_back_share_kick),
	KUNIT_CASE(vrp_ns_bad_announcements),
	KUNIT_CASE(vrp_ns_duplicate_rejected),
	KUNIT_CASE(vrp_ns_destroy_removes_device),
	KUNIT_CASE(vrp_unregister_once),
	KUNIT_CASE(vrp_trysend_full_ring),
	KUNIT_CASE(vrp_send_times_out),
	KUNIT_CASE(vrp_send_wakes_on_tx_done),
	KUNIT_CASE(vrp_remove_wakes_blocked_sender),
	KUNIT_CASE(vrp_fixed_address_conflict),
	KUNIT_CASE(vrp_dynamic_address_exhaustion),
	KUNIT_CASE(vrp_destroy_from_callback),
	KUNIT_CASE(vrp_destroy_waits_for_callback),
	KUNIT_CASE(vrp_destroy_reuse_in_drain),
	KUNIT_CASE(vrp_count_get_limits),
	KUNIT_CASE(vrp_ns_channel_limit),
	KUNIT_CASE(vrp_ns_destroy_foreign),
	KUNIT_CASE(vrp_endpoint_limit),
	KUNIT_CASE(vrp_static_channel_announced),
	KUNIT_CASE(vrp_server_endpoint_sendto),
	KUNIT_CASE(vrp_driver_override_match),
	KUNIT_CASE(vrp_override_excludes_id_match),
	KUNIT_CASE(vrp_no_ns_feature),
	KUNIT_CASE(vrp_poll_reports_space),
	KUNIT_CASE(vrp_event_idx_suppresses_kicks),
	KUNIT_CASE(vrp_rx_atomic_runs_in_irq),
	KUNIT_CASE(vrp_rx_atomic_keeps_order),
	KUNIT_CASE(vrp_rx_atomic_budget),
	KUNIT_CASE(vrp_rx_atomic_in_hardirq),
	KUNIT_CASE(vrp_rx_remove_after_hand_over),
	KUNIT_CASE(vrp_nocopy_send),
	KUNIT_CASE(vrp_nocopy_pool_accounting),
	KUNIT_CASE(vrp_nocopy_bad_buffers),
	KUNIT_CASE(vrp_nocopy_put_wakes_sender),
	KUNIT_CASE(vrp_nocopy_remove_waits),
	KUNIT_CASE(vrp_nocopy_batch_send),
	KUNIT_CASE(vrp_nocopy_batch_get),
	KUNIT_CASE(vrp_nocopy_batch_stops),
	KUNIT_CASE(vrp_buf_sizes_accepted),
	KUNIT_CASE_PARAM(vrp_buf_sizes_declined, bufsz_gen_params),
	KUNIT_CASE(vrp_buf_counts),
	{}
};

static struct kunit_suite vrp_suite = {
	.name = "rpmsg_virtio",
	.init = vrp_test_init,
	.exit = vrp_test_exit,
	.test_cases = vrp_cases,
};

kunit_test_suites(&vrp_hdr_suite, &vrp_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
