/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of struct platform_device that public headers embed (a vdev's
 * rproc-virtio device); no harness registers one.
 */
#include "fuzz_kernel.h"
#ifndef FUZZ_PLATFORM_DEVICE_H
#define FUZZ_PLATFORM_DEVICE_H

struct platform_device {
	const char *name;
	int id;
	struct device dev;
};

#endif
