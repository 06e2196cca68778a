// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the virtio rpmsg device setup (drivers/rpmsg/virtio_rpmsg_dev.c):
 * feature and config-space negotiation of the buffer sizes, the sizing
 * and carving of the buffer region, probe and remove.
 *
 * The harness plays the remote's virtio device: its offered features, the
 * config space it shows before validation and the one it shows afterwards
 * (a hostile remote may rewrite it), its vring sizes and its byte order
 * come from the input:
 *   [features:u8][config before:8][config after:8][rx ring:u16le]
 *   [tx ring:u16le][flags:u8]   (flags bit 0: little endian)
 *   [limit:rest]   (written to the sysfs limits after probe)
 * features bit 0 offers VIRTIO_RPMSG_F_NS, bit 1 VIRTIO_RPMSG_F_BUF_SIZES.
 *
 * Contract: probe either fails cleanly (negative errno, nothing leaked:
 * LeakSanitizer runs at exit) or sets sizes that are powers of two from
 * 512 bytes to 64 KiB, equal to the config space if the feature stayed
 * negotiated and 512 otherwise, buffer counts within the ring sizes and
 * 256, a region within VRP_MAX_POOL, and posts each receive buffer once,
 * whole and inside the region; the send buffers are the other part of the
 * region. A limit written through sysfs is refused with -EINVAL or -ERANGE
 * and left alone, or is at most VRP_LIMIT_MAX and read back as written.
 * Remove frees everything.
 */
#include "../../../drivers/rpmsg/virtio_rpmsg_dev.c"
#include "fuzz_check.h"

#define MAX_CHILDREN	4

static u8 cfg[8];
static unsigned int ring_size[2];
static struct virtqueue vqs_store[2];
static struct virtproc_info *cur;
static unsigned int posted;
static struct device *children[MAX_CHILDREN];
static unsigned int nchildren;

static void cfg_get(struct virtio_device *vdev, unsigned int offset,
		    void *buf, unsigned int len)
{
	FUZZ_CHECK(offset + len <= sizeof(cfg));
	memcpy(buf, cfg + offset, len);
}

static int find_vqs(struct virtio_device *vdev, unsigned int nvqs,
		    struct virtqueue *vqs[], vq_callback_t *callbacks[],
		    const char * const names[], const bool *ctx,
		    struct irq_affinity *desc)
{
	unsigned int i;

	FUZZ_CHECK(nvqs == 2);
	for (i = 0; i < nvqs; i++) {
		vqs_store[i].vdev = vdev;
		vqs_store[i].index = i;
		vqs_store[i].callback = callbacks[i];
		vqs[i] = &vqs_store[i];
	}
	cur = vdev->priv;
	return 0;
}

static void del_vqs(struct virtio_device *vdev) { }

static const struct virtio_config_ops cfg_ops = {
	.get = cfg_get,
	.find_vqs = find_vqs,
	.del_vqs = del_vqs,
};

unsigned int virtqueue_get_vring_size(const struct virtqueue *vq)
{
	return ring_size[vq->index];
}

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist *sg,
			unsigned int num, void *data, gfp_t gfp)
{
	size_t off = (u8 *)sg->buf - (u8 *)cur->bufs;

	FUZZ_CHECK(vq->index == 0 && num == 1 && data == sg->buf);
	FUZZ_CHECK(sg->length == cur->rx_buf_size);
	FUZZ_CHECK(off == (size_t)posted * cur->rx_buf_size);
	FUZZ_CHECK(off + sg->length <= (size_t)cur->num_rbufs * cur->rx_buf_size);
	/* Touch both ends: ASan checks the region really is that large. */
	((volatile u8 *)sg->buf)[0] = 0;
	((volatile u8 *)sg->buf)[sg->length - 1] = 0;
	posted++;
	return 0;
}

void vrp_buf_sg(struct virtproc_info *vrp, struct scatterlist *sg, void *buf,
		unsigned int len)
{
	sg_init_one(sg, buf, len);
}

bool virtqueue_kick_prepare(struct virtqueue *vq) { return false; }
bool virtqueue_notify(struct virtqueue *vq) { return true; }
void virtqueue_disable_cb(struct virtqueue *vq) { }
bool virtqueue_enable_cb(struct virtqueue *vq) { return true; }
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len) { return NULL; }
void virtio_reset_device(struct virtio_device *dev) { }
void virtio_device_ready(struct virtio_device *dev) { }

/* The data paths and the bus, which have harnesses or tests of their own */
void vrp_rx_init(struct virtproc_info *vrp) { INIT_WORK(&vrp->rx_work, NULL); }
void vrp_rx_start(struct virtproc_info *vrp) { }
void vrp_rx_done(struct virtqueue *rvq) { }
void vrp_rx_shutdown(struct virtproc_info *vrp) { }
void vrp_tx_done(struct virtqueue *svq) { }
void vrp_tx_shutdown(struct virtproc_info *vrp) { }
struct rpmsg_endpoint *vrp_create_ept(struct rpmsg_device *rpdev,
				      rpmsg_rx_cb_t cb, void *priv,
				      struct rpmsg_channel_info chinfo)
{
	return NULL;
}

int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	return 0;
}

struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo)
{
	return NULL;
}

static int add_child(struct rpmsg_device *rpdev)
{
	FUZZ_CHECK(nchildren < MAX_CHILDREN);
	FUZZ_CHECK(rpdev->dev.release);
	device_initialize(&rpdev->dev);
	children[nchildren++] = &rpdev->dev;
	return 0;
}

int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override)
{
	return add_child(rpdev);
}

int rpmsg_register_device(struct rpmsg_device *rpdev)
{
	return add_child(rpdev);
}

int rpmsg_unregister_device(struct device *parent,
			    struct rpmsg_channel_info *chinfo)
{
	return -EINVAL;
}

int rpmsg_ns_register_device(struct rpmsg_device *rpdev)
{
	return add_child(rpdev);
}

int rpmsg_unregister_child(struct device *dev, void *data)
{
	unsigned int i;

	for (i = 0; i < nchildren; i++)
		if (children[i] == dev)
			break;
	FUZZ_CHECK(i < nchildren);
	children[i] = children[--nchildren];
	put_device(dev);
	return 0;
}

/* Like the driver core: @fn may unregister the child it is given. */
int fuzz_device_children(struct device *parent, void *data, device_child_fn_t fn)
{
	struct device *snap[MAX_CHILDREN];
	unsigned int i, n = nchildren;
	int ret = 0;

	memcpy(snap, children, sizeof(snap));
	for (i = 0; i < n && !ret; i++)
		ret = fn(snap[i], data);
	return ret;
}

static void check_limit(struct device *dev, struct device_attribute *attr,
			const u8 *in, size_t len)
{
	char val[32], before[32], after[32];
	ssize_t ret;

	len = min(len, sizeof(val) - 1);
	memcpy(val, in, len);
	val[len] = '\0';
	FUZZ_CHECK(attr->show(dev, attr, before) > 0);
	ret = attr->store(dev, attr, val, strlen(val));
	FUZZ_CHECK(attr->show(dev, attr, after) > 0);
	if (ret < 0) {
		FUZZ_CHECK(ret == -EINVAL || ret == -ERANGE);
		FUZZ_CHECK(!strcmp(before, after));
	} else {
		FUZZ_CHECK(ret == (ssize_t)strlen(val));
		FUZZ_CHECK(strtoul(after, NULL, 10) == strtoul(val, NULL, 0));
		FUZZ_CHECK(strtoul(after, NULL, 10) <= VRP_LIMIT_MAX);
	}
}

static void check_sizes(const struct virtproc_info *vrp, u32 cfg_rx,
			u32 cfg_tx, bool negotiated)
{
	unsigned int i;

	FUZZ_CHECK(!vrp_check_buf_size(vrp->rx_buf_size));
	FUZZ_CHECK(!vrp_check_buf_size(vrp->tx_buf_size));
	if (negotiated) {
		FUZZ_CHECK(vrp->rx_buf_size == cfg_rx);
		FUZZ_CHECK(vrp->tx_buf_size == cfg_tx);
	} else {
		FUZZ_CHECK(vrp->rx_buf_size == VRP_BUF_SIZE);
		FUZZ_CHECK(vrp->tx_buf_size == VRP_BUF_SIZE);
	}
	FUZZ_CHECK(vrp->num_rbufs >= 1 && vrp->num_sbufs >= 1);
	FUZZ_CHECK(vrp->num_rbufs <= ring_size[0] && vrp->num_sbufs <= ring_size[1]);
	FUZZ_CHECK(vrp->num_rbufs <= VRP_MAX_BUFS && vrp->num_sbufs <= VRP_MAX_BUFS);
	FUZZ_CHECK(vrp->bufs_size == (size_t)vrp->num_rbufs * vrp->rx_buf_size +
				      (size_t)vrp->num_sbufs * vrp->tx_buf_size);
	FUZZ_CHECK(vrp->bufs_size <= VRP_MAX_POOL);
	FUZZ_CHECK(posted == vrp->num_rbufs);
	FUZZ_CHECK(vrp->tx_nfree == vrp->num_sbufs);
	for (i = 0; i < vrp->tx_nfree; i++) {
		size_t off = (u8 *)vrp->tx_free[i] - (u8 *)vrp->bufs;
		size_t tx0 = (size_t)vrp->num_rbufs * vrp->rx_buf_size;

		FUZZ_CHECK(off >= tx0 && (off - tx0) % vrp->tx_buf_size == 0);
		FUZZ_CHECK(off + vrp->tx_buf_size <= vrp->bufs_size);
		((volatile u8 *)vrp->tx_free[i])[vrp->tx_buf_size - 1] = 0;
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct virtio_device vdev = {};
	u8 after[8];
	u32 rx, tx;
	bool negotiated;
	int ret;

	if (size < 22)
		return 0;
	if (data[0] & 1)
		vdev.features |= BIT_ULL(VIRTIO_RPMSG_F_NS);
	if (data[0] & 2)
		vdev.features |= BIT_ULL(VIRTIO_RPMSG_F_BUF_SIZES);
	memcpy(cfg, data + 1, 8);
	memcpy(after, data + 9, 8);
	ring_size[0] = data[17] | data[18] << 8;
	ring_size[1] = data[19] | data[20] << 8;
	vdev.little_endian = data[21] & 1;
	vdev.config = &cfg_ops;
	posted = 0;
	nchildren = 0;
	cur = NULL;

	FUZZ_CHECK(vrp_validate(&vdev) == 0);
	negotiated = virtio_has_feature(&vdev, VIRTIO_RPMSG_F_BUF_SIZES);
	if (negotiated) {
		/* Only usable sizes keep the feature. */
		virtio_cread(&vdev, struct virtio_rpmsg_config, rx_buf_size, &rx);
		virtio_cread(&vdev, struct virtio_rpmsg_config, tx_buf_size, &tx);
		FUZZ_CHECK(!vrp_check_buf_size(rx) && !vrp_check_buf_size(tx));
	}

	memcpy(cfg, after, 8);
	ret = vrp_probe(&vdev);
	if (ret) {
		FUZZ_CHECK(ret < 0 && ret > -MAX_ERRNO);
		FUZZ_CHECK(nchildren == 0);
		return 0;
	}
	if (negotiated) {
		virtio_cread(&vdev, struct virtio_rpmsg_config, rx_buf_size, &rx);
		virtio_cread(&vdev, struct virtio_rpmsg_config, tx_buf_size, &tx);
	}
	check_sizes(cur, rx, tx, negotiated);
	FUZZ_CHECK(nchildren == (virtio_has_feature(&vdev, VIRTIO_RPMSG_F_NS) ? 2 : 1));
	check_limit(&vdev.dev, &dev_attr_max_channels, data + 22, size - 22);
	check_limit(&vdev.dev, &dev_attr_max_endpoints, data + 22, size - 22);
	vrp_remove(&vdev);
	FUZZ_CHECK(nchildren == 0);
	return 0;
}
