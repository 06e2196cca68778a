/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rproc_image.h - remoteproc firmware image layout and checker, userspace
 *
 * The wire layouts come from tools/rpmsg-remote/include/rr_wire.h, the one
 * copy in tools/ of the resource table of include/linux/remoteproc.h; the
 * checker in rproc_check.c applies the rules of
 * drivers/remoteproc/remoteproc_elf_loader.c and remoteproc_rsc_table.c and
 * reports the error code the kernel would return.
 */
#ifndef RPROC_IMAGE_H
#define RPROC_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_wire.h"

/* Limits, as in drivers/remoteproc/remoteproc_rsc_table.h */
#define RSC_MAX_VRINGS		2
#define RSC_VRING_MIN_NUM	2
#define RSC_VRING_MAX_NUM	32768
#define RSC_VRING_MIN_ALIGN	4
#define RSC_VRING_MAX_ALIGN	65536
#define RSC_TABLE_MAX_SIZE	65536
#define RSC_TABLE_MAX_ENTRIES	256

/* A memory region the processor maps (for checking segment placement). */
struct img_region {
	uint64_t da;
	uint64_t len;
};

/* One PT_LOAD segment, class independent. */
struct img_seg {
	unsigned int index;
	uint32_t flags;
	uint64_t da;
	uint64_t offset;
	uint64_t filesz;
	uint64_t memsz;
};

/* One section header, class independent. */
struct img_sect {
	const char *name;
	uint32_t type;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
};

/**
 * struct img - an image being checked
 * @data, @size: the file
 * @want_class, @want_machine: as rproc->elf_class / elf_machine (0: any)
 * @regions, @nregions: memory the processor maps; 0 regions: not checked
 * @class, @machine, @entry: from the file header
 * @segs, @nsegs: loadable segments, sorted by device address
 * @sects, @nsects: sections
 * @table, @table_size: the resource table, or NULL
 * @table_sect: section index of the table
 * @err: errno-style code of the first defect (positive), 0 if none
 * @msg: description of the first defect
 */
struct img {
	const uint8_t *data;
	size_t size;
	unsigned int want_class;
	unsigned int want_machine;
	const struct img_region *regions;
	unsigned int nregions;

	unsigned int class;
	unsigned int machine;
	uint64_t entry;
	struct img_seg *segs;
	unsigned int nsegs;
	struct img_sect *sects;
	unsigned int nsects;
	const uint8_t *table;
	size_t table_size;
	unsigned int table_sect;

	int err;
	char msg[256];
};

int img_check(struct img *img);
void img_release(struct img *img);
const char *img_errname(int err);
const char *rsc_type_name(uint32_t type);

#endif /* RPROC_IMAGE_H */
