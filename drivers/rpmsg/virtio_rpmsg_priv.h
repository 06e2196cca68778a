/* SPDX-License-Identifier: GPL-2.0 */
/*
 * virtio rpmsg transport: functions shared between its source files.
 */
#ifndef __VIRTIO_RPMSG_PRIV_H__
#define __VIRTIO_RPMSG_PRIV_H__

#include <linux/poll.h>
#include <linux/rpmsg.h>

#include "virtio_rpmsg.h"

struct scatterlist;
struct virtqueue;

/* virtio_rpmsg_dev.c */
void vrp_get(struct virtproc_info *vrp);
void vrp_put(struct virtproc_info *vrp);
struct virtproc_info *vrp_from_rpdev(struct rpmsg_device *rpdev);

/* virtio_rpmsg_tx.c */
void vrp_buf_sg(struct virtproc_info *vrp, struct scatterlist *sg, void *buf,
		unsigned int len);
int vrp_send(struct virtproc_info *vrp, u32 src, u32 dst, const void *data,
	     int len, bool wait);
int vrp_send_nocopy(struct virtproc_info *vrp, void *payload, u32 src,
		    u32 dst, int len);
int vrp_get_tx_buffers(struct virtproc_info *vrp, void **payloads,
		       unsigned int n, unsigned int *size, bool wait);
int vrp_send_nocopy_batch(struct virtproc_info *vrp, void * const *payloads,
			  const unsigned int *lens, unsigned int n, u32 src,
			  u32 dst);
void vrp_put_tx_buffer(struct virtproc_info *vrp, void *payload);
void vrp_tx_done(struct virtqueue *svq);
__poll_t vrp_tx_poll(struct virtproc_info *vrp);
void vrp_tx_shutdown(struct virtproc_info *vrp);

/* virtio_rpmsg_rx.c */
void vrp_rx_init(struct virtproc_info *vrp);
void vrp_rx_start(struct virtproc_info *vrp);
void vrp_rx_done(struct virtqueue *rvq);
void vrp_rx_poll(struct virtproc_info *vrp);
void vrp_rx_shutdown(struct virtproc_info *vrp);

/* virtio_rpmsg_ept.c */
struct rpmsg_endpoint *vrp_create_ept(struct rpmsg_device *rpdev,
				      rpmsg_rx_cb_t cb, void *priv,
				      struct rpmsg_channel_info chinfo);
void vrp_deliver_end(struct virtproc_info *vrp);
int vrp_deliver(struct virtproc_info *vrp, const struct vrp_rx_msg *msg,
		bool atomic);

#endif /* __VIRTIO_RPMSG_PRIV_H__ */
