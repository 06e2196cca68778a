/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#include_next <linux/ioctl.h>
