// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * host_test.c - unit tests of the remote stack against a fake Linux
 *
 * Both halves run in this process: the code under test is the real stack
 * (src/), built with port/host; the "Linux" half below lays out vrings,
 * posts buffers and reads the used rings the way a virtio driver does.
 * Built with ASan and UBSan, so an out-of-bounds access the stack makes on
 * hostile input fails the run.  Output is KTAP; the last line counts.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_linux.h"
#include "ktap.h"
#include "port.h"
#include "rpmsg_remote.h"
#include "rr_zc.h"

#define NUM		16
#define ALIGN		4096
#define VQ0_DA		(HOST_SHM_DA + 0x0000)
#define VQ1_DA		(HOST_SHM_DA + 0x8000)
#define BUF_DA		(HOST_SHM_DA + 0x10000)
#define BUF_SIZE	512

/* ---- the fake Linux side ------------------------------------------- */

static struct {
	struct rr_rsc_vdev vdev;
	struct rr_rsc_vring vring[2];
	struct rr_rpmsg_config cfg;
} __attribute__((packed)) tbl;

static struct lq lq[2];
static struct rr_rpmsg rp;
static unsigned int tx_next;	/* next Linux TX buffer slot */

static uint32_t rx_buf_da(unsigned int i)
{
	return BUF_DA + i * BUF_SIZE;
}

static uint32_t tx_buf_da(unsigned int i)
{
	return BUF_DA + (NUM + i) * BUF_SIZE;
}

/* Linux posts @n empty receive buffers (for remote->Linux) */
static void linux_post_rx(unsigned int first, unsigned int n)
{
	unsigned int i;

	for (i = first; i < first + n; i++)
		lq_add(&lq[0], i, rx_buf_da(i), BUF_SIZE, RR_VRING_DESC_F_WRITE);
}

/* Linux sends one message to the remote */
static void linux_send(uint32_t src, uint32_t dst, const void *data, uint16_t len)
{
	unsigned int slot = tx_next++ % NUM;
	struct rr_rpmsg_hdr *h = host_va(tx_buf_da(slot));

	h->src = src;
	h->dst = dst;
	h->reserved = 0xabcd;	/* must be ignored */
	h->len = len;
	h->flags = 0;
	memcpy(h->data, data, len);
	lq_add(&lq[1], slot, tx_buf_da(slot), BUF_SIZE, 0);
}

static void linux_setup(uint32_t dfeatures, uint32_t gfeatures)
{
	memset(&tbl, 0, sizeof(tbl));
	memset(host_kicks, 0, sizeof(host_kicks));
	host_wait_hook = NULL;
	tx_next = 0;
	tbl.vdev.type = RR_RSC_VDEV;
	tbl.vdev.id = RR_VIRTIO_ID_RPMSG;
	tbl.vdev.dfeatures = dfeatures;
	tbl.vdev.num_of_vrings = 2;
	tbl.vring[0] = (struct rr_rsc_vring){ VQ0_DA, ALIGN, NUM, 0, 0 };
	tbl.vring[1] = (struct rr_rsc_vring){ VQ1_DA, ALIGN, NUM, 1, 0 };
	lq_init(&lq[0], host_va(VQ0_DA), NUM, ALIGN);
	lq_init(&lq[1], host_va(VQ1_DA), NUM, ALIGN);
	tbl.vdev.gfeatures = gfeatures;
}

static void linux_driver_ok(void)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	tbl.vdev.status = 0x07;
}

/* ---- the remote's endpoints under test ------------------------------ */

static struct rr_ept ept_a, ept_b;
static char last_rx[512];
static uint32_t last_len, last_src, rx_count;

static void echo_cb(struct rr_ept *ept, void *data, uint32_t len, uint32_t src,
		    void *priv)
{
	memcpy(last_rx, data, len);
	last_len = len;
	last_src = src;
	rx_count++;
	rr_sendto(ept, data, len, src);
}

static void quiet_cb(struct rr_ept *ept, void *data, uint32_t len, uint32_t src,
		     void *priv)
{
	rx_count++;
}

/* ---- harness -------------------------------------------------------- */

/* bring the stack up: two endpoints, NS negotiated, N RX buffers posted */
static void up(uint32_t features)
{
	linux_setup(features, features);
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	rp.send_timeout_ms = 20;
	CHECK(rr_ept_create(&rp, &ept_a, "svc-a", 1000, echo_cb, NULL) == 0);
	CHECK(rr_ept_create(&rp, &ept_b, "svc-b", RR_RPMSG_ADDR_ANY, quiet_cb, NULL) == 0);
	linux_post_rx(0, NUM);
	linux_driver_ok();
	CHECK(rr_rpmsg_start(&rp, 0) == 0);
}

static void test_vring_size(void)
{
	CHECK(rr_vring_size(256, 4096) == 8192 + 6 + 8 * 256);
	CHECK(rr_vring_size(16, 16) == ((16 * 16 + 2 * 19 + 15) & ~15u) + 6 + 8 * 16);
	CHECK(rr_vring_size(0, 4096) == 0);
	CHECK(rr_vring_size(100, 4096) == 0);
	CHECK(rr_vring_size(65536, 4096) == 0);
	CHECK(rr_vring_size(16, 2) == 0);
	CHECK(rr_vring_size(16, 3000) == 0);
}

static void test_wait_live(void)
{
	linux_setup(1, 1);
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 30) == -RR_ETIMEDOUT);
	CHECK(!rp.vdev.live);
	linux_driver_ok();
	CHECK(rr_rpmsg_start(&rp, 30) == 0);
	CHECK(rp.vdev.live);
	CHECK(rp.vdev.vring[0].num == NUM && rp.vdev.vring[1].notifyid == 1);
}

static void test_features_masked(void)
{
	/* Linux "accepts" a bit we never offered: ignore it */
	linux_setup(1u << RR_VIRTIO_RPMSG_F_NS, 0xffffffffu);
	linux_driver_ok();
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 0) == 0);
	CHECK(rp.vdev.features == 1u);
	CHECK(!rp.vdev.vring[0].event_idx);
}

/* buffer sizes of the config space count only once Linux accepted them */
static void buf_sizes_case(uint32_t gfeatures, uint32_t config_len,
			   uint32_t want_to, uint32_t want_from)
{
	uint32_t offer = RR_BIT(RR_VIRTIO_RPMSG_F_NS) |
			 RR_BIT(RR_VIRTIO_RPMSG_F_BUF_SIZES);
	uint32_t to_linux = 0, from_linux = 0;

	linux_setup(offer, gfeatures);
	tbl.vdev.config_len = config_len;
	tbl.cfg = (struct rr_rpmsg_config){ 4096, 1024 };
	linux_driver_ok();
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 0) == 0);
	rr_rpmsg_buf_sizes(&rp, &to_linux, &from_linux);
	CHECK(to_linux == want_to);
	CHECK(from_linux == want_from);
}

static void test_buf_sizes(void)
{
	uint32_t all = RR_BIT(RR_VIRTIO_RPMSG_F_NS) |
		       RR_BIT(RR_VIRTIO_RPMSG_F_BUF_SIZES);

	buf_sizes_case(all, sizeof(tbl.cfg), 4096, 1024);
	/* Linux declined: 512 both ways, whatever the config space says */
	buf_sizes_case(RR_BIT(RR_VIRTIO_RPMSG_F_NS), sizeof(tbl.cfg), 512, 512);
	/* a config space too short to hold the sizes is not read */
	buf_sizes_case(all, 4, 512, 512);
}

static void test_bad_vring_geometry(void)
{
	linux_setup(1, 1);
	tbl.vring[1].da = HOST_SHM_DA + HOST_SHM_SIZE - 64;	/* runs off the end */
	linux_driver_ok();
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 0) == -RR_EINVAL);
	CHECK(!rp.vdev.live);

	linux_setup(1, 1);
	tbl.vring[0].num = 24;	/* not a power of two */
	linux_driver_ok();
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 0) == -RR_EINVAL);

	linux_setup(1, 1);
	tbl.vring[0].da = 0x1000;	/* outside shared memory */
	linux_driver_ok();
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == 0);
	CHECK(rr_rpmsg_start(&rp, 0) == -RR_EINVAL);

	linux_setup(1, 1);
	tbl.vdev.num_of_vrings = 1;
	CHECK(rr_rpmsg_init(&rp, &tbl.vdev) == -RR_EINVAL);
}

static void test_ns_announce(void)
{
	struct rr_rpmsg_hdr *h;
	struct rr_rpmsg_ns_msg *ns;
	uint32_t id, len;

	up(1u << RR_VIRTIO_RPMSG_F_NS);
	/* two announcements, newest endpoint first, one kick for both */
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	CHECK(len == sizeof(*h) + sizeof(*ns));
	h = host_va(rx_buf_da(id));
	ns = (void *)h->data;
	CHECK(h->dst == RR_RPMSG_NS_ADDR && h->reserved == 0 && h->flags == 0);
	CHECK(h->len == sizeof(*ns));
	CHECK(!strcmp(ns->name, "svc-b") && ns->addr == 1024 && ns->flags == 0);
	CHECK(h->src == ns->addr);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	h = host_va(rx_buf_da(id));
	ns = (void *)h->data;
	CHECK(!strcmp(ns->name, "svc-a") && ns->addr == 1000);
	CHECK(lq_get(&lq[0], &id, &len) == 0);
	CHECK(host_kicks[0] == 1);

	/* destroy withdraws */
	rr_ept_destroy(&ept_b);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	ns = (void *)((struct rr_rpmsg_hdr *)host_va(rx_buf_da(id)))->data;
	CHECK(!strcmp(ns->name, "svc-b") && ns->flags == RR_RPMSG_NS_DESTROY);
	CHECK(!rr_ept_find(&rp, 1024));
}

static void test_no_ns_feature(void)
{
	uint32_t id, len;

	up(0);
	CHECK(lq_get(&lq[0], &id, &len) == 0);
	CHECK(host_kicks[0] == 0);
}

static void test_echo(void)
{
	struct rr_rpmsg_hdr *h;
	uint32_t id, len;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	rx_count = 0;
	linux_send(1025, 1000, "hello", 5);
	CHECK(rr_rpmsg_poll(&rp, 0) == 1);
	CHECK(rx_count == 1 && last_len == 5 && last_src == 1025);
	CHECK(!memcmp(last_rx, "hello", 5));
	CHECK(ept_a.dst == 1025);	/* learnt */
	/* the echo went out in one RX buffer */
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	h = host_va(rx_buf_da(id));
	CHECK(len == sizeof(*h) + 5 && h->src == 1000 && h->dst == 1025 && h->len == 5);
	CHECK(!memcmp(h->data, "hello", 5));
	/* Linux's buffer came back */
	CHECK(lq_get(&lq[1], &id, &len) == 1 && id == 0 && len == 0);
	CHECK(rp.stats.rx == 1 && rp.stats.tx == 3);
}

static void test_batch_one_kick(void)
{
	uint32_t id, len;
	int i;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	linux_post_rx(0, 2);	/* recycle the two NS buffers */
	memset(host_kicks, 0, sizeof(host_kicks));
	for (i = 0; i < 8; i++)
		linux_send(1025, 1000, "x", 1);
	CHECK(rr_rpmsg_poll(&rp, 0) == 8);
	CHECK(host_kicks[0] == 1);	/* eight echoes, one kick */
	CHECK(host_kicks[1] == 1);	/* eight returned buffers, one kick */
}

static void test_kick_suppressed(void)
{
	uint32_t id, len;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	memset(host_kicks, 0, sizeof(host_kicks));
	lq[0].avail->flags = RR_VRING_AVAIL_F_NO_INTERRUPT;
	lq[1].avail->flags = RR_VRING_AVAIL_F_NO_INTERRUPT;
	linux_send(1025, 1000, "y", 1);
	CHECK(rr_rpmsg_poll(&rp, 0) == 1);
	CHECK(host_kicks[0] == 0 && host_kicks[1] == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
}

static uint64_t idle_hook(uint32_t ms)
{
	/* while the remote sleeps it must have asked to be kicked */
	CHECK(!(lq[1].used->flags & RR_VRING_USED_F_NO_NOTIFY));
	return 0;
}

static void test_notify_flags(void)
{
	up(1);
	CHECK(lq[1].used->flags & RR_VRING_USED_F_NO_NOTIFY);
	host_wait_hook = idle_hook;
	host_waits = 0;
	CHECK(rr_rpmsg_poll(&rp, 5) == 0);
	CHECK(host_waits == 1);
	CHECK(lq[1].used->flags & RR_VRING_USED_F_NO_NOTIFY);
	/* work already there: no sleep */
	linux_send(1025, 1000, "z", 1);
	host_waits = 0;
	CHECK(rr_rpmsg_poll(&rp, 5) == 1);
	CHECK(host_waits == 0);
}

static void test_event_idx(void)
{
	volatile uint16_t *used_event, *avail_event;
	uint32_t id, len;
	int i;

	up((1u << RR_VIRTIO_RPMSG_F_NS) | (1u << RR_VIRTIO_RING_F_EVENT_IDX));
	CHECK(rp.vdev.vring[0].event_idx && rp.vdev.vring[1].event_idx);
	while (lq_get(&lq[0], &id, &len))
		;
	linux_post_rx(0, 2);
	used_event = lq_used_event(&lq[0]);
	avail_event = lq_avail_event(&lq[1]);
	/* Linux wants a kick only once the used index passes 5 */
	*used_event = 5;
	memset(host_kicks, 0, sizeof(host_kicks));
	for (i = 0; i < 2; i++)
		linux_send(1025, 1000, "e", 1);
	CHECK(rr_rpmsg_poll(&rp, 0) == 2);	/* used idx 2 -> 4 */
	CHECK(host_kicks[0] == 0);
	for (i = 0; i < 2; i++)
		linux_send(1025, 1000, "e", 1);
	CHECK(rr_rpmsg_poll(&rp, 0) == 2);	/* 4 -> 6 crosses 5 */
	CHECK(host_kicks[0] == 1);
	/* idle: the remote asks for a kick at its next avail entry */
	CHECK(rr_vring_notify_on(&rp.vdev.vring[1]) == false);
	CHECK(*avail_event == lq[1].avail_idx);
	rr_vring_notify_off(&rp.vdev.vring[1]);
	CHECK(*avail_event == (uint16_t)(lq[1].avail_idx - 1));
}

static void test_hostile_rx(void)
{
	struct rr_rpmsg_hdr *h;
	uint32_t id, len;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	rx_count = 0;
	/* header length beyond the buffer */
	h = host_va(tx_buf_da(0));
	memset(h, 0, sizeof(*h));
	h->dst = 1000;
	h->len = 0xffff;
	lq_add(&lq[1], 0, tx_buf_da(0), BUF_SIZE, 0);
	/* buffer shorter than a header */
	lq_add(&lq[1], 1, tx_buf_da(1), 8, 0);
	/* buffer outside shared memory, and one straddling its end */
	lq_add(&lq[1], 2, 0x1000, BUF_SIZE, 0);
	lq_add(&lq[1], 3, HOST_SHM_DA + HOST_SHM_SIZE - 16, BUF_SIZE, 0);
	/* chained and wrong-direction descriptors */
	lq_add(&lq[1], 4, tx_buf_da(4), BUF_SIZE, RR_VRING_DESC_F_NEXT);
	lq_add(&lq[1], 5, tx_buf_da(5), BUF_SIZE, RR_VRING_DESC_F_WRITE);
	/* no endpoint there */
	h = host_va(tx_buf_da(6));
	memset(h, 0, sizeof(*h));
	h->dst = 4242;
	h->len = 4;
	lq_add(&lq[1], 6, tx_buf_da(6), BUF_SIZE, 0);
	/* and a good one after all that */
	tx_next = 7;
	linux_send(1025, 1000, "ok", 2);

	CHECK(rr_rpmsg_poll(&rp, 0) >= 1);
	CHECK(rx_count == 1 && last_len == 2);
	CHECK(rp.stats.rx_bad == 2 && rp.stats.rx_noept == 1);
	/* every buffer was handed back exactly once */
	for (int i = 0; i < 8; i++) {
		CHECK(lq_get(&lq[1], &id, &len) == 1);
		CHECK(len == 0);
	}
	CHECK(lq_get(&lq[1], &id, &len) == 0);
	CHECK(!rp.vdev.vring[1].broken);
}

static void test_hostile_ring(void)
{
	uint32_t id, len;

	/* a head index outside the descriptor table kills the ring */
	up(1);
	lq[1].avail->ring[0] = NUM + 3;
	lq[1].avail->idx = ++lq[1].avail_idx;
	CHECK(rr_rpmsg_poll(&rp, 0) == -RR_EIO);
	CHECK(rp.vdev.vring[1].broken);
	CHECK(lq_get(&lq[1], &id, &len) == 0);
	CHECK(rr_rpmsg_poll(&rp, 1) == -RR_EIO);

	/* an avail index more than a ring ahead too */
	up(1);
	lq[1].avail->idx = NUM + 1;
	CHECK(rr_rpmsg_poll(&rp, 0) == -RR_EIO);

	/* a TX buffer Linux posts with a bogus address is skipped... */
	up(1);
	for (int i = 2; i < NUM; i++)	/* use up the good ones first */
		CHECK(rr_send_offchannel(&rp, 1000, 1025, "p", 1) == 0);
	while (lq_get(&lq[0], &id, &len))
		;
	lq_add(&lq[0], 0, 0xdead0000u, BUF_SIZE, RR_VRING_DESC_F_WRITE);
	lq_add(&lq[0], 1, rx_buf_da(1), BUF_SIZE, RR_VRING_DESC_F_WRITE);
	/* ... no: an unreachable empty buffer stops the ring (no ping-pong) */
	CHECK(rr_send_offchannel(&rp, 1000, 1025, "q", 1) == -RR_EIO);
	CHECK(rp.vdev.vring[0].broken);
	CHECK(lq_get(&lq[0], &id, &len) == 0);
	/* while a wrong-direction one is handed back and skipped */
	up(1);
	for (int i = 2; i < NUM; i++)
		CHECK(rr_send_offchannel(&rp, 1000, 1025, "p", 1) == 0);
	while (lq_get(&lq[0], &id, &len))
		;
	lq_add(&lq[0], 0, rx_buf_da(0), BUF_SIZE, 0);
	lq_add(&lq[0], 1, rx_buf_da(1), BUF_SIZE, RR_VRING_DESC_F_WRITE);
	CHECK(rr_send_offchannel(&rp, 1000, 1025, "q", 1) == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1 && id == 0 && len == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1 && id == 1 && len == 17);
}

static int post_after;

static uint64_t post_hook(uint32_t ms)
{
	if (--post_after == 0) {
		linux_post_rx(0, 1);
		return 1;
	}
	return 0;
}

static void test_send_waits(void)
{
	uint32_t id, len;
	int i;

	up(1);
	/* use up every buffer Linux posted */
	for (i = 2; i < NUM; i++)
		CHECK(rr_send_offchannel(&rp, 1000, 1025, "f", 1) == 0);
	host_waits = 0;
	CHECK(rr_send_offchannel(&rp, 1000, 1025, "f", 1) == -RR_ETIMEDOUT);
	CHECK(host_waits > 0);
	while (lq_get(&lq[0], &id, &len))
		;
	/* Linux posts a buffer while we wait */
	post_after = 2;
	host_wait_hook = post_hook;
	CHECK(rr_send_offchannel(&rp, 1000, 1025, "g", 1) == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1 && len == 17);
}

static void test_msgsize_and_zero_copy(void)
{
	static char big[600];
	uint32_t id, len, room;
	uint8_t *p;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	CHECK(rr_send_offchannel(&rp, 1000, 1025, big, 497) == -RR_EMSGSIZE);
	CHECK(rr_send_offchannel(&rp, 1000, 1025, big, 496) == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1 && len == 512);
	CHECK(rr_send(&ept_b, "x", 1) == -RR_ENOTCONN);	/* no dst known */

	p = rr_tx_buffer_get(&rp, &room);
	CHECK(p && room == 496);
	if (!p)
		return;
	memcpy(p, "zero", 4);
	CHECK(rr_tx_buffer_send(&rp, p + 1, 1000, 1025, 4) == -RR_EINVAL);
	CHECK(rr_tx_buffer_send(&rp, p, 1000, 1025, 4) == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1 && len == 20);
	CHECK(!memcmp(((struct rr_rpmsg_hdr *)host_va(rx_buf_da(id)))->data, "zero", 4));
}

static void test_reset(void)
{
	uint32_t id, len;

	up(1);
	linux_send(1025, 1000, "r", 1);
	CHECK(rr_rpmsg_poll(&rp, 0) == 1);
	CHECK(ept_a.dst == 1025);
	/* Linux's driver goes away */
	tbl.vdev.status = 0;
	CHECK(rr_rpmsg_poll(&rp, 0) == -RR_ENOTCONN);
	CHECK(!rp.vdev.live && ept_a.dst == RR_RPMSG_ADDR_ANY);
	/* and comes back with fresh rings: everything is announced again */
	lq_init(&lq[0], host_va(VQ0_DA), NUM, ALIGN);
	lq_init(&lq[1], host_va(VQ1_DA), NUM, ALIGN);
	linux_post_rx(0, NUM);
	linux_driver_ok();
	CHECK(rr_rpmsg_poll(&rp, 0) == 0);
	CHECK(rp.vdev.live && rp.vdev.generation == 2);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	CHECK(lq_get(&lq[0], &id, &len) == 0);
}

static void test_reset_unseen(void)
{
	up(1);
	/* a reset and re-probe faster than we looked: the used index moved back */
	lq_init(&lq[0], host_va(VQ0_DA), NUM, ALIGN);
	lq_init(&lq[1], host_va(VQ1_DA), NUM, ALIGN);
	linux_post_rx(0, NUM);
	CHECK(rr_vdev_check_reset(&rp.vdev));
	CHECK(rr_rpmsg_poll(&rp, 0) == 0 && rp.vdev.generation == 2);
}

static void test_ept_addresses(void)
{
	struct rr_ept e1, e2, e3;

	up(1);
	CHECK(rr_ept_create(&rp, &e1, NULL, 1000, quiet_cb, NULL) == -RR_EBUSY);
	CHECK(rr_ept_create(&rp, &e1, NULL, RR_RPMSG_NS_ADDR, quiet_cb, NULL) == -RR_EINVAL);
	CHECK(rr_ept_create(&rp, &e1, NULL, RR_RPMSG_ADDR_ANY, quiet_cb, NULL) == 0);
	CHECK(e1.addr == 1025);
	CHECK(rr_ept_create(&rp, &e2, "a-name-that-is-far-too-long-for-the-field",
			    RR_RPMSG_ADDR_ANY, quiet_cb, NULL) == 0);
	CHECK(e2.addr == 1026 && strlen(e2.name) == 31);
	rr_ept_destroy(&e1);
	CHECK(rr_ept_create(&rp, &e3, NULL, RR_RPMSG_ADDR_ANY, quiet_cb, NULL) == 0);
	CHECK(e3.addr == 1025);
	rr_ept_destroy(&e2);
	rr_ept_destroy(&e3);
}

static void test_trace(void)
{
	static char buf[32];
	char out[64];

	rr_trace_init(buf, sizeof(buf));
	rr_trace_printf("abc %d %u %x\n", -5, 7u, 0xbeefu);
	CHECK(!strcmp(buf, "abc -5 7 beef\n"));
	rr_trace_printf("0123456789abcdefghij");	/* does not fit: wraps */
	CHECK(!strcmp(buf, "0123456789abcdefghij"));
	rr_trace_write("a\0b", 3);
	CHECK(!strcmp(buf + 20, "a?b"));
	CHECK(buf[sizeof(buf) - 1] == '\0');

	CHECK(rr_snprintf(out, sizeof(out), "[%5s|%-4u|%04x|%#x|%lld]", "ab", 3u,
			  0x1fu, 0x10u, -9LL) == 25);
	CHECK(!strcmp(out, "[   ab|3   |001f|0x10|-9]"));
	CHECK(rr_snprintf(out, 4, "%s", "truncate") == 8 && !strcmp(out, "tru"));
	CHECK(rr_strtoul(" 0x1F", NULL, 0) == 31 && rr_strtoul("42z", NULL, 10) == 42);
}

/* ---- zero-copy buffers (src/zc.c) ----------------------------------- */

#define ZC_WIN_DA	(HOST_SHM_DA + 0x20000)
#define ZC_WIN_LEN	0x20000u

static struct rr_zc_desc zc_give(uint64_t da, uint32_t size, uint32_t len)
{
	return (struct rr_zc_desc){
		.magic = RR_ZC_MAGIC, .op = RR_ZC_OP_GIVE, .da = da,
		.size = size, .len = len, .cookie = 77, .tag = 5,
	};
}

/* Take @d and expect it refused */
static void zc_refused(struct rr_zc *zc, struct rr_zc_desc d)
{
	struct rr_zc_buf b;
	uint32_t before = zc->refused;

	CHECK(rr_zc_take(zc, &d, sizeof(d), 1025, &b) == -RR_EINVAL);
	CHECK(zc->refused == before + 1);
}

static void test_zero_copy_buffers(void)
{
	static const struct rr_zc_window win[] = {
		{ ZC_WIN_DA, ZC_WIN_LEN },
		{ HOST_SHM_DA, 0x10000 },		/* holds both vrings */
		{ HOST_SHM_DA + HOST_SHM_SIZE, 0x1000 },	/* not mapped */
	};
	struct rr_zc_desc d = zc_give(ZC_WIN_DA + 0x1000, 256, 100);
	const struct rr_zc_desc *r;
	struct rr_rpmsg_hdr *h;
	struct rr_zc zc;
	struct rr_zc_buf b;
	uint32_t id, len;

	up(1);
	while (lq_get(&lq[0], &id, &len))
		;
	linux_post_rx(0, 2);
	rr_zc_init(&zc, &rp, win, 3);

	CHECK(rr_zc_take(&zc, &d, sizeof(d), 1025, &b) == 1);
	CHECK(b.va == host_va(ZC_WIN_DA + 0x1000) && b.da == d.da);
	CHECK(b.size == 256 && b.len == 100 && b.cookie == 77 && b.tag == 5);
	CHECK(b.src == 1025 && zc.taken == 1);
	CHECK(rr_zc_return(&ept_a, &b, 257, 9) == -RR_EINVAL);
	CHECK(rr_zc_return(&ept_a, &b, 50, 9) == 0);
	CHECK(lq_get(&lq[0], &id, &len) == 1);
	h = host_va(rx_buf_da(id));
	r = (const struct rr_zc_desc *)h->data;
	CHECK(len == sizeof(*h) + sizeof(*r) && h->src == 1000 && h->dst == 1025);
	CHECK(r->magic == RR_ZC_MAGIC && r->op == RR_ZC_OP_RETURN && !r->flags);
	CHECK(r->da == d.da && r->size == 256 && r->len == 50);
	CHECK(r->cookie == 77 && r->tag == 9);

	/* not descriptors at all: left to the service */
	CHECK(rr_zc_take(&zc, &d, sizeof(d) - 1, 1025, &b) == 0);
	d.magic ^= 1;
	CHECK(rr_zc_take(&zc, &d, sizeof(d), 1025, &b) == 0);

	d = zc_give(ZC_WIN_DA, 256, 100);
	d.op = RR_ZC_OP_RETURN;
	zc_refused(&zc, d);
	d = zc_give(ZC_WIN_DA, 256, 100);
	d.flags = 1;
	zc_refused(&zc, d);
	zc_refused(&zc, zc_give(ZC_WIN_DA, 0, 0));
	zc_refused(&zc, zc_give(ZC_WIN_DA, 256, 257));
	/* runs off the end of the window, wraps, lies before it */
	zc_refused(&zc, zc_give(ZC_WIN_DA + ZC_WIN_LEN - 128, 256, 1));
	zc_refused(&zc, zc_give(UINT64_MAX - 16, 256, 1));
	zc_refused(&zc, zc_give(ZC_WIN_DA - 64, 128, 1));
	/* inside a window, but on a vring or outside shared memory */
	zc_refused(&zc, zc_give(HOST_SHM_DA + 0x100, 64, 1));
	zc_refused(&zc, zc_give(HOST_SHM_DA + 0x8000 + 0x1000 + 6 + 8 * NUM - 8, 64, 1));
	zc_refused(&zc, zc_give(HOST_SHM_DA + HOST_SHM_SIZE, 64, 1));
	/* right after vring 1 is fine */
	d = zc_give(HOST_SHM_DA + 0xc000, 64, 1);
	CHECK(rr_zc_take(&zc, &d, sizeof(d), 1025, &b) == 1);
	CHECK(zc.taken == 2 && zc.refused == 10);
}

static const struct ktap_case tests[] = {
	{ "vring_size", test_vring_size },
	{ "wait_live", test_wait_live },
	{ "features_masked", test_features_masked },
	{ "buf_sizes", test_buf_sizes },
	{ "bad_vring_geometry", test_bad_vring_geometry },
	{ "ns_announce", test_ns_announce },
	{ "no_ns_feature", test_no_ns_feature },
	{ "echo", test_echo },
	{ "batch_one_kick", test_batch_one_kick },
	{ "kick_suppressed", test_kick_suppressed },
	{ "notify_flags", test_notify_flags },
	{ "event_idx", test_event_idx },
	{ "hostile_rx", test_hostile_rx },
	{ "hostile_ring", test_hostile_ring },
	{ "send_waits", test_send_waits },
	{ "msgsize_and_zero_copy", test_msgsize_and_zero_copy },
	{ "reset", test_reset },
	{ "reset_unseen", test_reset_unseen },
	{ "ept_addresses", test_ept_addresses },
	{ "trace", test_trace },
	{ "zero_copy_buffers", test_zero_copy_buffers },
};

int main(void)
{
	return ktap_run("rpmsg-remote host tests", tests,
			sizeof(tests) / sizeof(tests[0]));
}
