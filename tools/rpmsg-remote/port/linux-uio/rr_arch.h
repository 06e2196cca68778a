/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/* rr_arch.h - linux-uio port: the remote process and Linux share coherent caches */
#ifndef RR_ARCH_H
#define RR_ARCH_H
#include "rr_arch_gcc.h"
#endif
