/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#define SZ_1K	0x400
#define SZ_4K	0x1000
#define SZ_64K	0x10000
#define SZ_1M	0x100000
#define SZ_4M	0x400000
