/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_XARRAY_H
#define FUZZ_XARRAY_H
struct xarray { void *unused; };
#define XA_FLAGS_ALLOC		1
#define XA_FLAGS_LOCK_IRQ	2
#define xa_init_flags(xa, f)	((void)(xa), (void)(f))
#define xa_destroy(xa)		((void)(xa))
#endif
