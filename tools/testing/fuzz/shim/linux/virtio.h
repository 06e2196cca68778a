/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal virtio device and virtqueue for the harnesses. The ring
 * operations are declared here and implemented by each harness, which plays
 * the remote.
 */
#include "fuzz_kernel.h"
#ifndef FUZZ_VIRTIO_H
#define FUZZ_VIRTIO_H

#include <linux/mod_devicetable.h>
#include <linux/scatterlist.h>

struct virtio_device;
struct virtqueue;
typedef void vq_callback_t(struct virtqueue *vq);

struct virtqueue {
	void (*callback)(struct virtqueue *vq);
	const char *name;
	struct virtio_device *vdev;
	unsigned int index;
	void *priv;
};

struct virtio_config_ops;

struct virtio_device {
	int index;
	struct device dev;
	const struct virtio_config_ops *config;
	u64 features;
	bool little_endian;	/* fuzz: wire byte order */
	void *priv;
};

#define dev_to_virtio(d)	container_of(d, struct virtio_device, dev)

struct virtio_driver {
	struct device_driver driver;
	const struct virtio_device_id *id_table;
	const unsigned int *feature_table;
	unsigned int feature_table_size;
	int (*validate)(struct virtio_device *dev);
	int (*probe)(struct virtio_device *dev);
	void (*remove)(struct virtio_device *dev);
};

#define module_virtio_driver(drv)

int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist *sg,
			unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist *sg,
			 unsigned int num, void *data, gfp_t gfp);
bool virtqueue_kick_prepare(struct virtqueue *vq);
bool virtqueue_notify(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
void virtqueue_disable_cb(struct virtqueue *vq);
bool virtqueue_enable_cb(struct virtqueue *vq);
unsigned int virtqueue_get_vring_size(const struct virtqueue *vq);
void virtio_reset_device(struct virtio_device *dev);
void virtio_device_ready(struct virtio_device *dev);

#endif
