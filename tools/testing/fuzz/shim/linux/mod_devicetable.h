/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_MOD_DEVICETABLE_H
#define FUZZ_MOD_DEVICETABLE_H
#define RPMSG_NAME_SIZE		32
#define RPMSG_DEVICE_MODALIAS_FMT	"rpmsg:%s"
struct rpmsg_device_id {
	char name[RPMSG_NAME_SIZE];
	unsigned long driver_data;
};

#define VIRTIO_DEV_ANY_ID	0xffffffff
struct virtio_device_id {
	u32 device;
	u32 vendor;
};
#endif
