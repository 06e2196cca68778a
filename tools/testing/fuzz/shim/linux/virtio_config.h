/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_VIRTIO_CONFIG_H
#define FUZZ_VIRTIO_CONFIG_H

#include <linux/virtio.h>

struct irq_affinity;

struct virtio_config_ops {
	void (*get)(struct virtio_device *vdev, unsigned int offset,
		    void *buf, unsigned int len);
	int (*find_vqs)(struct virtio_device *vdev, unsigned int nvqs,
			struct virtqueue *vqs[], vq_callback_t *callbacks[],
			const char * const names[], const bool *ctx,
			struct irq_affinity *desc);
	void (*del_vqs)(struct virtio_device *vdev);
};

static inline bool virtio_has_feature(const struct virtio_device *vdev,
				      unsigned int fbit)
{
	return vdev->features & BIT_ULL(fbit);
}

static inline void __virtio_clear_bit(struct virtio_device *vdev,
				      unsigned int fbit)
{
	vdev->features &= ~BIT_ULL(fbit);
}

static inline bool virtio_is_little_endian(struct virtio_device *vdev)
{
	return vdev->little_endian;
}

static inline int virtio_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
				  struct virtqueue *vqs[],
				  vq_callback_t *callbacks[],
				  const char * const names[],
				  struct irq_affinity *desc)
{
	return vdev->config->find_vqs(vdev, nvqs, vqs, callbacks, names, NULL,
				      desc);
}

/* Config space in the device's byte order, 32-bit fields only here. */
#define virtio_cread(vdev, structname, member, ptr)			\
	do {								\
		u32 __v;						\
		_Static_assert(sizeof(*(ptr)) == 4, "32-bit only");	\
		(vdev)->config->get((vdev),				\
				    offsetof(structname, member),	\
				    &__v, sizeof(__v));			\
		*(ptr) = virtio_is_little_endian(vdev) ? le32_to_cpu(__v) : \
						 be32_to_cpu(__v);	\
	} while (0)

#endif
