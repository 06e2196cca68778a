// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the ELF firmware loader (drivers/remoteproc/remoteproc_elf_loader.c)
 * together with the resource table validator it calls.
 *
 * Input: a firmware image, handed over in a buffer of exactly its size.
 * The processor maps three device-address regions, each a separate global
 * (AddressSanitizer puts a redzone after each), through a da_to_va() that,
 * like some platform drivers, only checks the start address:
 *
 *   RAM   da 0x00000000, 64 KiB
 *   IRAM  da 0x00010000, 16 KiB, I/O memory, right after RAM in da space
 *   SRAM  da 0x20000000, 16 KiB
 *
 * Contract: headers that rproc_elf_open() refuses are refused by every
 * entry point, and a load succeeds only for an image that passes
 * rproc_elf_sanity_check(); a rejected load leaves device memory
 * untouched; a successful load writes each segment's file bytes and zeroes
 * the rest; a loaded resource table is a validated private copy; the
 * loaded table's address lies with its whole size in one region. Errors
 * are among those documented.
 */
#include "../../../drivers/remoteproc/remoteproc_elf_loader.c"
#include "../../../drivers/remoteproc/remoteproc_rsc_table.c"
#include "fuzz_check.h"

#define RAM_DA		0x00000000ULL
#define IRAM_DA		0x00010000ULL
#define SRAM_DA		0x20000000ULL
#define FILL		0xa5

static u8 ram[0x10000];
static u8 iram[0x4000];
static u8 sram[0x4000];

static const struct region {
	u64 da;
	u8 *mem;
	size_t size;
	bool iomem;
} regions[] = {
	{ RAM_DA, ram, sizeof(ram), false },
	{ IRAM_DA, iram, sizeof(iram), true },
	{ SRAM_DA, sram, sizeof(sram), false },
};

static const int elf_errors[] = {
	EINVAL, EBADMSG, EOVERFLOW, ENOEXEC, EOPNOTSUPP, EPROTO, EADDRINUSE,
	ENOMEM,
	0
};

static const int rsc_errors[] = {
	ENOENT, ENOTUNIQ, ENOMEM, EINVAL, EBADMSG, EOVERFLOW, ENOEXEC,
	EOPNOTSUPP, EPROTO, EADDRINUSE, EMSGSIZE, EPROTONOSUPPORT, ERANGE,
	EILSEQ, E2BIG, EDOM,
	0
};

/* Checks only the start address, as a careless platform driver would. */
void *rproc_da_to_va(struct rproc *rproc, u64 da, size_t len, bool *is_iomem)
{
	size_t i;

	(void)rproc;
	if (!len)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		const struct region *r = &regions[i];

		if (da >= r->da && da - r->da < r->size) {
			if (is_iomem)
				*is_iomem = r->iomem;
			return r->mem + (da - r->da);
		}
	}
	return NULL;
}

static const struct region *region_of(const void *va, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regions); i++) {
		const struct region *r = &regions[i];
		const u8 *p = va;

		if (p >= r->mem && p < r->mem + r->size)
			return len <= (size_t)(r->mem + r->size - p) ? r : NULL;
	}
	return NULL;
}

static u8 pattern[sizeof(ram)];
static bool dirty = true;

/* Refill device memory only after a load wrote to it. */
static void fill_regions(void)
{
	size_t i;

	if (!dirty)
		return;
	memset(pattern, FILL, sizeof(pattern));
	for (i = 0; i < ARRAY_SIZE(regions); i++)
		memset(regions[i].mem, FILL, regions[i].size);
	dirty = false;
}

static bool regions_untouched(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(regions); i++)
		if (memcmp(regions[i].mem, pattern, regions[i].size))
			return false;
	return true;
}

/* After a successful load, every PT_LOAD segment must be in place. */
static void check_segments(const struct firmware *fw)
{
	struct rproc_elf elf;
	struct rproc_elf_seg *segs;
	unsigned int n, i;
	struct rproc rproc = {};
	size_t j;

	FUZZ_CHECK(!elf_open_segments(&rproc, fw, &elf, &segs, &n));
	for (i = 0; i < n; i++) {
		bool io;
		const u8 *va = rproc_da_to_va(&rproc, segs[i].da, 1, &io);

		FUZZ_CHECK(segs[i].filesz <= segs[i].memsz);
		FUZZ_CHECK(segs[i].offset + segs[i].filesz <= fw->size);
		FUZZ_CHECK(va && region_of(va, segs[i].memsz));
		/* Segments do not overlap, so the last writer is this one. */
		FUZZ_CHECK(!memcmp(va, fw->data + segs[i].offset,
				   segs[i].filesz));
		for (j = segs[i].filesz; j < segs[i].memsz; j++)
			FUZZ_CHECK(va[j] == 0);
	}
	kfree(segs);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct rproc rproc = {};
	struct firmware fw;
	struct resource_table *loaded;
	u8 *copy;
	struct rproc_elf elf;
	int sane, opened, ret;

	copy = malloc(size ? size : 1);
	memcpy(copy, data, size);
	fw.data = copy;
	fw.size = size;

	sane = rproc_elf_sanity_check(&rproc, &fw);
	if (sane)
		FUZZ_CHECK_ERRNO(sane, elf_errors);

	/* Headers only; the segments are checked by the other entry points. */
	opened = rproc_elf_open(&rproc, &fw, &elf);
	FUZZ_CHECK(!opened || sane == opened);
	if (opened)
		FUZZ_CHECK(rproc_elf_get_boot_addr(&rproc, &fw) == 0);
	else
		FUZZ_CHECK(rproc_elf_get_boot_addr(&rproc, &fw) == elf.entry);

	ret = rproc_elf_load_rsc_table(&rproc, &fw);
	if (ret) {
		FUZZ_CHECK_ERRNO(ret, rsc_errors);
		FUZZ_CHECK(!rproc.cached_table && !rproc.table_ptr);
	} else {
		FUZZ_CHECK(!opened);
		FUZZ_CHECK(rproc.cached_table == rproc.table_ptr);
		FUZZ_CHECK((void *)rproc.cached_table < (void *)copy ||
			   (void *)rproc.cached_table >= (void *)(copy + size));
		FUZZ_CHECK(!rproc_rsc_table_validate(NULL, rproc.cached_table,
						     rproc.table_sz));
		kfree(rproc.cached_table);
		rproc.cached_table = NULL;
		rproc.table_ptr = NULL;
	}

	fill_regions();
	ret = rproc_elf_load_segments(&rproc, &fw);
	if (ret) {
		if (sane)
			FUZZ_CHECK(ret == sane);
		else
			FUZZ_CHECK(ret == -ERANGE || ret == -ENOMEM);
		FUZZ_CHECK(regions_untouched());
	} else {
		dirty = true;
		FUZZ_CHECK(!sane);
		check_segments(&fw);
	}

	loaded = rproc_elf_find_loaded_rsc_table(&rproc, &fw);
	if (loaded) {
		struct elf64_shdr sect;

		FUZZ_CHECK(!opened);
		FUZZ_CHECK(!elf_open_rsc_table(&rproc, &fw, &elf, &sect));
		FUZZ_CHECK(region_of(loaded, sect.sh_size));
	}

	free(copy);
	return 0;
}
