/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Resource table validation, shared by the ELF loader and the core.
 *
 * A resource table comes from the firmware image or, when the core attaches
 * to a processor that is already running, from device memory written by the
 * remote. Either way it is untrusted: rproc_rsc_table_validate() proves that
 * every offset and every size inside it is sane, so that the resource
 * handlers which walk the table afterwards may rely on them.
 */
#ifndef REMOTEPROC_RSC_TABLE_H
#define REMOTEPROC_RSC_TABLE_H

#include <linux/sizes.h>
#include <linux/types.h>

struct device;
struct resource_table;

/* Highest resource table format version this kernel understands. */
#define RPROC_RSC_TABLE_VERSION		1

/*
 * Largest resource table accepted, and most entries in one.  Real tables
 * hold a few dozen entries in a few KiB; the limits keep the kernel's copy
 * of a table a small allocation and its validation quick.
 */
#define RPROC_RSC_TABLE_MAX_SIZE	SZ_64K
#define RPROC_RSC_TABLE_MAX_ENTRIES	256

/* Most vrings a single vdev entry may declare (rx and tx). */
#define RPROC_RSC_MAX_VRINGS		2

/* Bounds on the number of descriptors of one vring (a power of two). */
#define RPROC_RSC_VRING_MIN_NUM		2
#define RPROC_RSC_VRING_MAX_NUM		32768

/* Bounds on the alignment of the used ring of one vring (a power of two). */
#define RPROC_RSC_VRING_MIN_ALIGN	4
#define RPROC_RSC_VRING_MAX_ALIGN	SZ_64K

int rproc_rsc_table_validate(struct device *dev,
			     const struct resource_table *table, size_t size);

#endif /* REMOTEPROC_RSC_TABLE_H */
