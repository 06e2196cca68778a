// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the virtio rpmsg receive path (drivers/rpmsg/virtio_rpmsg_rx.c):
 * header validation, delivery, hand-over from the ring interrupt to the
 * work item, and the re-posting of buffers.
 *
 * The harness plays the remote: it returns the receive buffers as "used"
 * with a used length and contents taken from the input, each buffer a
 * separate allocation of exactly the receive buffer size.
 *
 * Input: byte 0: bit 0 wire byte order (little endian if set), bits 1-2
 * buffer size (512 << n); then records of [used_len:u16le][ctl:u8]
 * [n:u16le][n bytes of buffer contents]. ctl bit 0: the endpoint callback
 * may sleep (the interrupt must hand over), bit 1: raise a ring interrupt
 * after this buffer.
 *
 * Contract: a message is delivered only if its header fits in the used
 * length, the used length fits the buffer and the payload fits the used
 * length; the payload lies inside the buffer; messages are delivered in
 * ring order, each at most once, sleeping callbacks never from the
 * interrupt; every buffer taken off the ring is re-posted exactly once,
 * whole; every drain that delivered lets go of its endpoint
 * (vrp_deliver_end()) before the ring changes hands; the drain ends, and
 * shutdown finds the ring released.
 */
#include "../../../drivers/rpmsg/virtio_rpmsg_rx.c"
#include "fuzz_check.h"

#define MAX_BUFS	64

struct fbuf {
	u8 *mem;
	unsigned int used_len;
	bool may_sleep;
	bool irq_after;
	bool taken;
	bool delivered;
	int reposted;
};

static struct fbuf bufs[MAX_BUFS];
static unsigned int nbufs, next_used, avail_end, last_delivered;
static unsigned int buf_size;
static bool in_irq_ctx, cb_enabled;
static bool delivering;	/* vrp_deliver() ran, vrp_deliver_end() not yet */
static struct virtproc_info *vrp;

static struct fbuf *find_buf(const void *p)
{
	unsigned int i;

	for (i = 0; i < nbufs; i++)
		if (bufs[i].mem == p)
			return &bufs[i];
	return NULL;
}

void vrp_buf_sg(struct virtproc_info *vrp, struct scatterlist *sg, void *buf,
		unsigned int len)
{
	sg_init_one(sg, buf, len);
}

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist *sg,
			unsigned int num, void *data, gfp_t gfp)
{
	struct fbuf *b = find_buf(data);

	FUZZ_CHECK(vq == vrp->rvq && num == 1);
	FUZZ_CHECK(b && b->taken);
	FUZZ_CHECK(sg->buf == b->mem && sg->length == buf_size);
	b->reposted++;
	FUZZ_CHECK(b->reposted == 1);
	return 0;
}

void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len)
{
	struct fbuf *b;

	FUZZ_CHECK(vq == vrp->rvq);
	if (next_used >= avail_end)
		return NULL;
	b = &bufs[next_used++];
	b->taken = true;
	*len = b->used_len;
	return b->mem;
}

bool virtqueue_kick_prepare(struct virtqueue *vq) { return true; }
bool virtqueue_notify(struct virtqueue *vq) { return true; }
void virtqueue_disable_cb(struct virtqueue *vq) { cb_enabled = false; }

bool virtqueue_enable_cb(struct virtqueue *vq)
{
	cb_enabled = true;
	return next_used >= avail_end;
}

int vrp_deliver(struct virtproc_info *v, const struct vrp_rx_msg *msg,
		bool atomic)
{
	struct fbuf *b = find_buf(msg->data - sizeof(struct rpmsg_hdr));
	const struct rpmsg_hdr *hdr;
	unsigned long sum = 0;
	unsigned int i;

	FUZZ_CHECK(v == vrp && b && b->taken && !b->reposted);
	FUZZ_CHECK(atomic == in_irq_ctx);
	delivering = true;
	hdr = (const void *)b->mem;
	FUZZ_CHECK(b->used_len >= sizeof(*hdr) && b->used_len <= buf_size);
	FUZZ_CHECK(sizeof(*hdr) + msg->len <= b->used_len);
	FUZZ_CHECK(msg->len == __rpmsg16_to_cpu(vrp->vdev->little_endian, hdr->len));
	FUZZ_CHECK(msg->src == __rpmsg32_to_cpu(vrp->vdev->little_endian, hdr->src));
	FUZZ_CHECK(msg->dst == __rpmsg32_to_cpu(vrp->vdev->little_endian, hdr->dst));
	if (atomic && b->may_sleep)
		return -EAGAIN;
	FUZZ_CHECK(!b->delivered);
	FUZZ_CHECK(b - bufs >= (long)last_delivered);
	for (i = 0; i < msg->len; i++)
		sum += ((const u8 *)msg->data)[i];
	fuzz_sink(sum);
	b->delivered = true;
	last_delivered = b - bufs;
	return 0;
}

void vrp_deliver_end(struct virtproc_info *v)
{
	FUZZ_CHECK(v == vrp);
	delivering = false;
}

static void run_work(void)
{
	unsigned int rounds = 0;

	in_irq_ctx = false;
	while (vrp->rx_work.pending) {
		vrp->rx_work.pending = 0;
		vrp->rx_work.func(&vrp->rx_work);
		FUZZ_CHECK(!delivering);
		/* Each run handles a budget of messages or ends the drain. */
		FUZZ_CHECK(++rounds <= MAX_BUFS + 2);
	}
}

static void interrupt(void)
{
	in_irq_ctx = true;
	vrp_rx_done(vrp->rvq);
	in_irq_ctx = false;
	FUZZ_CHECK(!delivering);
	run_work();
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct virtio_device vdev = {};
	struct virtqueue rvq = {};
	struct virtproc_info v = {};
	size_t pos = 1;
	unsigned int i;

	if (size < 1)
		return 0;
	vdev.little_endian = data[0] & 1;
	buf_size = 512u << ((data[0] >> 1) & 3);
	vdev.priv = &v;
	rvq.vdev = &vdev;
	v.vdev = &vdev;
	v.rvq = &rvq;
	v.rx_buf_size = buf_size;
	vrp = &v;
	vrp_rx_init(&v);
	vrp_rx_start(&v);

	nbufs = 0;
	next_used = 0;
	avail_end = 0;
	last_delivered = 0;
	delivering = false;
	while (nbufs < MAX_BUFS && pos + 5 <= size) {
		struct fbuf *b = &bufs[nbufs];
		unsigned int n;

		memset(b, 0, sizeof(*b));
		b->used_len = data[pos] | data[pos + 1] << 8;
		b->may_sleep = data[pos + 2] & 1;
		b->irq_after = data[pos + 2] & 2;
		n = data[pos + 3] | data[pos + 4] << 8;
		pos += 5;
		n = min_t(size_t, min(n, buf_size), size - pos);
		b->mem = calloc(1, buf_size);
		memcpy(b->mem, data + pos, n);
		pos += n;
		nbufs++;
	}

	/* Make buffers used one by one, interrupting where asked to. */
	for (i = 0; i < nbufs; i++) {
		avail_end = i + 1;
		if (bufs[i].irq_after)
			interrupt();
	}
	interrupt();

	FUZZ_CHECK(next_used == nbufs);
	for (i = 0; i < nbufs; i++) {
		struct fbuf *b = &bufs[i];
		struct vrp_rx_msg msg;
		bool valid = !vrp_parse_hdr(b->mem, b->used_len, buf_size,
					    vdev.little_endian, &msg);

		FUZZ_CHECK(b->reposted == 1);
		FUZZ_CHECK(b->delivered == valid);
		if (valid)
			FUZZ_CHECK((u8 *)msg.data + msg.len <=
				   b->mem + min(b->used_len, buf_size));
	}
	FUZZ_CHECK(v.rx_owner == VRP_RX_IDLE && !v.rx_held);

	vrp_rx_shutdown(&v);
	for (i = 0; i < nbufs; i++)
		free(bufs[i].mem);
	return 0;
}
