/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Remote processor framework: bounce buffers of the virtio transport.
 */

#ifndef REMOTEPROC_VIRTIO_DMA_H
#define REMOTEPROC_VIRTIO_DMA_H

struct rproc_mem_entry;
struct rproc_vdev;

int rproc_vdev_bounce_init(struct rproc_vdev *rvdev,
			   struct rproc_mem_entry *mem);
void rproc_vdev_bounce_release(struct rproc_vdev *rvdev);

#endif /* REMOTEPROC_VIRTIO_DMA_H */
