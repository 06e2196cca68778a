/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_FIRMWARE_H
#define FUZZ_FIRMWARE_H
struct firmware {
	size_t size;
	const u8 *data;
};
#endif
