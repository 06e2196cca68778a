// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor ELF firmware loader
 *
 * The image comes from the file system and is not trusted. Before a single
 * byte of it is used, rproc_elf_open() checks the file header, the program
 * header table, the section header table and the section name string table
 * against the file size, with overflow-safe arithmetic; segments are then
 * checked as a whole (inside the file, not overlapping, entirely inside a
 * memory region the platform maps) before anything is copied, so that a bad
 * image never leaves a half-written remote behind.
 *
 * Headers are read through remoteproc_elf_helpers.h, which copies them out
 * of the blob (no alignment guarantee) into the ELF64 layout.
 *
 * Error codes, one per kind of defect (also listed in
 * Documentation/driver-api/remoteproc/firmware-format.rst):
 *
 * -EBADMSG     a header, table, section or segment runs past the file end
 * -EOVERFLOW   an offset plus a size overflows, or does not fit a size_t
 * -ENOEXEC     not an ELF executable (magic, class, version, type)
 * -EOPNOTSUPP  an ELF file this host or processor cannot run (endianness,
 *              class or machine other than the processor's, extended
 *              numbering)
 * -EPROTO      inconsistent headers (entry sizes, e_shstrndx, sh_name)
 * -EINVAL      a segment whose file size exceeds its memory size
 * -EADDRINUSE  two loadable segments overlap in device memory
 * -ERANGE      a segment or the loaded table is not mapped by da_to_va
 * -ENOENT      no ".resource_table" section
 * -ENOTUNIQ    more than one ".resource_table" section
 */

#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "remoteproc_elf_helpers.h"
#include "remoteproc_rsc_table.h"

#define RSC_TABLE_SECTION	".resource_table"

#if defined(__LITTLE_ENDIAN)
#define RPROC_ELF_HOST_DATA	ELFDATA2LSB
#else
#define RPROC_ELF_HOST_DATA	ELFDATA2MSB
#endif

/**
 * struct rproc_elf - an image whose headers passed rproc_elf_open()
 * @dev: device for log messages
 * @data: the file
 * @size: size of @data
 * @class: ELFCLASS32 or ELFCLASS64
 * @entry: e_entry
 * @phoff: offset of the program header table (inside @data)
 * @phnum: number of program headers
 * @shoff: offset of the section header table (inside @data)
 * @shnum: number of section headers, 0 when the image has none
 * @strtab: section name string table (inside @data), NULL if none
 * @strtab_size: size of @strtab
 */
struct rproc_elf {
	struct device *dev;
	const u8 *data;
	size_t size;
	u8 class;
	u64 entry;
	size_t phoff;
	unsigned int phnum;
	size_t shoff;
	unsigned int shnum;
	const char *strtab;
	size_t strtab_size;
};

/**
 * struct rproc_elf_seg - a PT_LOAD segment, checked against the file
 * @da: device address (p_paddr)
 * @offset: file offset of the initialised part
 * @filesz: bytes to copy from the file
 * @memsz: bytes the segment occupies in device memory (>= @filesz)
 * @index: program header index, for log messages
 * @va: kernel address of @da, once mapped
 * @is_iomem: @va is I/O memory
 */
struct rproc_elf_seg {
	u64 da;
	size_t offset;
	size_t filesz;
	size_t memsz;
	unsigned int index;
	void *va;
	bool is_iomem;
};

/*
 * Check that [@offset, @offset + @len) lies inside the file. @what names
 * the object for the log message.
 */
static int elf_check_span(const struct rproc_elf *elf, u64 offset, u64 len,
			  const char *what)
{
	u64 end;

	if (check_add_overflow(offset, len, &end)) {
		dev_err_ratelimited(elf->dev,
				    "%s: offset %#llx + size %#llx overflows\n",
				    what, offset, len);
		return -EOVERFLOW;
	}

	if (end > elf->size) {
		dev_err_ratelimited(elf->dev,
				    "%s: [%#llx, %#llx) past end of %zu-byte image\n",
				    what, offset, end, elf->size);
		return -EBADMSG;
	}

	return 0;
}

static void elf_read_sect(const struct rproc_elf *elf, unsigned int i,
			  struct elf64_shdr *sh)
{
	rproc_elf_get_shdr(elf->class, elf->data + elf->shoff +
			   i * rproc_elf_shdr_size(elf->class), sh);
}

/* Return the name of @sect, or an ERR_PTR() if it is not a valid string. */
static const char *elf_sect_name(const struct rproc_elf *elf,
				 const struct elf64_shdr *sect,
				 unsigned int i)
{
	const char *name;

	if (!elf->strtab)
		return "";

	if (sect->sh_name >= elf->strtab_size) {
		dev_err_ratelimited(elf->dev,
				    "section %u: name offset %#x outside %zu-byte string table\n",
				    i, sect->sh_name, elf->strtab_size);
		return ERR_PTR(-EPROTO);
	}

	name = elf->strtab + sect->sh_name;
	if (!memchr(name, '\0', elf->strtab_size - sect->sh_name)) {
		dev_err_ratelimited(elf->dev,
				    "section %u: name is not NUL-terminated\n",
				    i);
		return ERR_PTR(-EPROTO);
	}

	return name;
}

/* Locate and check the section name string table (e_shstrndx). */
static int elf_open_strtab(struct rproc_elf *elf, unsigned int shstrndx)
{
	struct elf64_shdr sect;
	int ret;

	if (shstrndx == SHN_UNDEF)
		return 0;	/* sections have no names */

	if (shstrndx >= elf->shnum) {
		dev_err_ratelimited(elf->dev,
				    "e_shstrndx %u out of range (%u sections)\n",
				    shstrndx, elf->shnum);
		return -EPROTO;
	}

	elf_read_sect(elf, shstrndx, &sect);
	if (sect.sh_type != SHT_STRTAB) {
		dev_err_ratelimited(elf->dev,
				    "e_shstrndx %u: section type %u is not SHT_STRTAB\n",
				    shstrndx, sect.sh_type);
		return -EPROTO;
	}

	ret = elf_check_span(elf, sect.sh_offset, sect.sh_size, "section name table");
	if (ret)
		return ret;

	elf->strtab = (const char *)elf->data + sect.sh_offset;
	elf->strtab_size = sect.sh_size;
	return 0;
}

/* Every section with file contents must be inside the file, with a name. */
static int elf_check_sections(const struct rproc_elf *elf)
{
	struct elf64_shdr sect;
	const char *name;
	unsigned int i;
	int ret;

	for (i = 0; i < elf->shnum; i++) {
		elf_read_sect(elf, i, &sect);

		name = elf_sect_name(elf, &sect, i);
		if (IS_ERR(name))
			return PTR_ERR(name);

		if (sect.sh_type == SHT_NOBITS || sect.sh_type == SHT_NULL)
			continue;

		ret = elf_check_span(elf, sect.sh_offset, sect.sh_size, "section");
		if (ret) {
			dev_err_ratelimited(elf->dev, "bad section %u (%s)\n",
					    i, name);
			return ret;
		}
	}

	return 0;
}

/* Check e_ident: an ELF file of a class and byte order this host handles. */
static int elf_check_ident(struct rproc *rproc, struct rproc_elf *elf)
{
	const u8 *ident = elf->data;

	if (elf->size < EI_NIDENT) {
		dev_err_ratelimited(elf->dev,
				    "image of %zu bytes is too small for an ELF header\n",
				    elf->size);
		return -EBADMSG;
	}

	if (memcmp(ident, ELFMAG, SELFMAG)) {
		dev_err_ratelimited(elf->dev, "image is not ELF (bad magic)\n");
		return -ENOEXEC;
	}

	elf->class = ident[EI_CLASS];
	if (elf->class != ELFCLASS32 && elf->class != ELFCLASS64) {
		dev_err_ratelimited(elf->dev, "invalid ELF class %u\n",
				    elf->class);
		return -ENOEXEC;
	}

	if (ident[EI_VERSION] != EV_CURRENT) {
		dev_err_ratelimited(elf->dev, "invalid ELF version %u\n",
				    ident[EI_VERSION]);
		return -ENOEXEC;
	}

	if (ident[EI_DATA] != RPROC_ELF_HOST_DATA) {
		dev_err_ratelimited(elf->dev,
				    "ELF byte order %u differs from the host's\n",
				    ident[EI_DATA]);
		return -EOPNOTSUPP;
	}

	if (rproc->elf_class != ELFCLASSNONE && elf->class != rproc->elf_class) {
		dev_err_ratelimited(elf->dev,
				    "ELF class %u, but this processor runs class %u\n",
				    elf->class, rproc->elf_class);
		return -EOPNOTSUPP;
	}

	return 0;
}

/* Check the program header table fields of the file header. */
static int elf_open_phdrs(struct rproc_elf *elf, const struct elf64_hdr *ehdr)
{
	size_t entsize = rproc_elf_phdr_size(elf->class);
	u16 phnum = ehdr->e_phnum;
	int ret;

	if (!phnum || phnum == PN_XNUM) {
		dev_err_ratelimited(elf->dev,
				    "unsupported number of program headers %u\n",
				    phnum);
		return -EPROTO;
	}

	if (ehdr->e_phentsize != entsize) {
		dev_err_ratelimited(elf->dev,
				    "e_phentsize %u, expected %zu\n",
				    ehdr->e_phentsize, entsize);
		return -EPROTO;
	}

	ret = elf_check_span(elf, ehdr->e_phoff, (u64)phnum * entsize,
			     "program header table");
	if (ret)
		return ret;

	elf->phoff = ehdr->e_phoff;
	elf->phnum = phnum;
	return 0;
}

/* Check the section header table fields of the file header. */
static int elf_open_shdrs(struct rproc_elf *elf, const struct elf64_hdr *ehdr)
{
	size_t entsize = rproc_elf_shdr_size(elf->class);
	u64 shoff = ehdr->e_shoff;
	u16 shnum = ehdr->e_shnum;
	int ret;

	if (!shnum) {
		if (!shoff)
			return 0;	/* no section headers at all */
		dev_err_ratelimited(elf->dev,
				    "extended section numbering not supported\n");
		return -EOPNOTSUPP;
	}

	if (ehdr->e_shentsize != entsize) {
		dev_err_ratelimited(elf->dev,
				    "e_shentsize %u, expected %zu\n",
				    ehdr->e_shentsize, entsize);
		return -EPROTO;
	}

	ret = elf_check_span(elf, shoff, (u64)shnum * entsize,
			     "section header table");
	if (ret)
		return ret;

	elf->shoff = shoff;
	elf->shnum = shnum;

	ret = elf_open_strtab(elf, ehdr->e_shstrndx);
	if (ret)
		return ret;

	return elf_check_sections(elf);
}

/*
 * Validate all headers of @fw and fill @elf. Every exported function starts
 * here, as drivers may call any of them without the others.
 */
static int rproc_elf_open(struct rproc *rproc, const struct firmware *fw,
			  struct rproc_elf *elf)
{
	struct elf64_hdr ehdr;
	u16 machine;
	int ret;

	memset(elf, 0, sizeof(*elf));
	elf->dev = &rproc->dev;

	if (!fw || !fw->data) {
		dev_err_ratelimited(elf->dev, "no firmware image\n");
		return -EINVAL;
	}
	elf->data = fw->data;
	elf->size = fw->size;

	ret = elf_check_ident(rproc, elf);
	if (ret)
		return ret;

	if (elf->size < rproc_elf_hdr_size(elf->class)) {
		dev_err_ratelimited(elf->dev,
				    "image of %zu bytes is too small for an ELF%u header\n",
				    elf->size, elf->class == ELFCLASS64 ? 64 : 32);
		return -EBADMSG;
	}
	rproc_elf_get_hdr(elf->class, elf->data, &ehdr);

	if (ehdr.e_type != ET_EXEC || ehdr.e_version != EV_CURRENT) {
		dev_err_ratelimited(elf->dev,
				    "not an ELF executable (e_type %u)\n",
				    ehdr.e_type);
		return -ENOEXEC;
	}

	machine = ehdr.e_machine;
	if (rproc->elf_machine != EM_NONE && machine != rproc->elf_machine) {
		dev_err_ratelimited(elf->dev,
				    "ELF machine %u, but this processor is %u\n",
				    machine, rproc->elf_machine);
		return -EOPNOTSUPP;
	}

	if (ehdr.e_ehsize != rproc_elf_hdr_size(elf->class)) {
		dev_err_ratelimited(elf->dev, "e_ehsize %u, expected %zu\n",
				    ehdr.e_ehsize,
				    rproc_elf_hdr_size(elf->class));
		return -EPROTO;
	}

	elf->entry = ehdr.e_entry;

	ret = elf_open_phdrs(elf, &ehdr);
	if (ret)
		return ret;

	return elf_open_shdrs(elf, &ehdr);
}

static int elf_seg_cmp(const void *a, const void *b)
{
	const struct rproc_elf_seg *x = a, *y = b;

	if (x->da != y->da)
		return x->da < y->da ? -1 : 1;
	return 0;
}

/* Read program header @i; return 1 if it is a non-empty PT_LOAD segment. */
static int elf_read_seg(const struct rproc_elf *elf, unsigned int i,
			struct rproc_elf_seg *seg)
{
	struct elf64_phdr ph;
	u64 end;
	int ret;

	rproc_elf_get_phdr(elf->class, elf->data + elf->phoff +
			   i * rproc_elf_phdr_size(elf->class), &ph);
	if (ph.p_type != PT_LOAD || !ph.p_memsz)
		return 0;

	seg->da = ph.p_paddr;
	seg->index = i;

	if (ph.p_filesz > ph.p_memsz) {
		dev_err_ratelimited(elf->dev,
				    "segment %u: file size %#llx > memory size %#llx\n",
				    i, ph.p_filesz, ph.p_memsz);
		return -EINVAL;
	}

	if (ph.p_memsz > SIZE_MAX ||
	    check_add_overflow(seg->da, ph.p_memsz - 1, &end)) {
		dev_err_ratelimited(elf->dev,
				    "segment %u: da %#llx + size %#llx overflows\n",
				    i, seg->da, ph.p_memsz);
		return -EOVERFLOW;
	}

	ret = elf_check_span(elf, ph.p_offset, ph.p_filesz, "segment");
	if (ret) {
		dev_err_ratelimited(elf->dev, "bad segment %u\n", i);
		return ret;
	}

	seg->offset = ph.p_offset;
	seg->filesz = ph.p_filesz;
	seg->memsz = ph.p_memsz;
	return 1;
}

/**
 * elf_collect_segments() - read and check all loadable segments
 * @elf: the opened image
 * @segs: on success, kmalloc'ed array sorted by device address, or NULL
 * @count: on success, number of entries in @segs
 *
 * Return: 0 or a negative error code (nothing to free then).
 */
static int elf_collect_segments(const struct rproc_elf *elf,
				struct rproc_elf_seg **segs,
				unsigned int *count)
{
	struct rproc_elf_seg *arr;
	unsigned int i, n = 0;
	int ret;

	arr = kmalloc_array(elf->phnum, sizeof(*arr), GFP_KERNEL);
	if (!arr)
		return -ENOMEM;

	for (i = 0; i < elf->phnum; i++) {
		ret = elf_read_seg(elf, i, &arr[n]);
		if (ret < 0)
			goto err_free;
		n += ret;
	}

	sort(arr, n, sizeof(*arr), elf_seg_cmp, NULL);

	/* Sorted by da: overlapping segments are now neighbours. */
	for (i = 1; i < n; i++) {
		if (arr[i].da - arr[i - 1].da >= arr[i - 1].memsz)
			continue;
		dev_err_ratelimited(elf->dev,
				    "segments %u and %u overlap at da %#llx\n",
				    arr[i - 1].index, arr[i].index, arr[i].da);
		ret = -EADDRINUSE;
		goto err_free;
	}

	*segs = arr;
	*count = n;
	return 0;

err_free:
	kfree(arr);
	return ret;
}

/* Open @fw and collect its segments; on success the caller frees *@segs. */
static int elf_open_segments(struct rproc *rproc, const struct firmware *fw,
			     struct rproc_elf *elf, struct rproc_elf_seg **segs,
			     unsigned int *count)
{
	int ret = rproc_elf_open(rproc, fw, elf);

	return ret ?: elf_collect_segments(elf, segs, count);
}

/*
 * Translate [@da, @da + @len) to a kernel address. Both ends are looked up,
 * so a platform da_to_va() that only checks the start address cannot make
 * us write past the end of a region.
 */
static void *elf_map_range(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem)
{
	bool last_iomem = false;
	void *va, *last;
	u64 last_da;

	*is_iomem = false;
	if (!len || check_add_overflow(da, (u64)len - 1, &last_da))
		return NULL;

	va = rproc_da_to_va(rproc, da, len, is_iomem);
	if (!va)
		return NULL;

	last = rproc_da_to_va(rproc, last_da, 1, &last_iomem);
	if (last != va + len - 1 || last_iomem != *is_iomem)
		return NULL;

	return va;
}

/**
 * rproc_elf_sanity_check() - check that a firmware image is a loadable ELF
 * @rproc: the remote processor the image is meant for
 * @fw: the firmware image
 *
 * Validates everything the loader will later rely on: ELF identification
 * (magic, ELF32 or ELF64, host byte order, current version), the file type
 * (ET_EXEC), the class and machine the processor expects when the driver
 * declared them with rproc_coredump_set_elf_info(), the program header table
 * (at least one entry, inside the file), the section header table and the
 * section name table (inside the file, e_shstrndx and every sh_name valid)
 * and every loadable segment (contents inside the file, p_filesz not larger
 * than p_memsz, no overlap with another segment). Problems are logged,
 * rate-limited, against the rproc device.
 *
 * Context: process context; allocates.
 * Return: 0 if the image is sane, otherwise a negative error code naming the
 * kind of defect (see firmware-format.rst): -EINVAL, -EBADMSG, -EOVERFLOW,
 * -ENOEXEC, -EOPNOTSUPP, -EPROTO, -EADDRINUSE or -ENOMEM.
 */
int rproc_elf_sanity_check(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf_seg *segs;
	struct rproc_elf elf;
	unsigned int n;
	int ret;

	ret = elf_open_segments(rproc, fw, &elf, &segs, &n);
	if (ret)
		return ret;
	kfree(segs);

	dev_dbg(elf.dev, "ELF%u image, %u loadable segments\n",
		elf.class == ELFCLASS64 ? 64 : 32, n);
	return 0;
}
EXPORT_SYMBOL(rproc_elf_sanity_check);

/**
 * rproc_elf_get_boot_addr() - entry point of an ELF firmware image
 * @rproc: the remote processor
 * @fw: the firmware image, already accepted by rproc_elf_sanity_check()
 *
 * Not every processor can boot at an address chosen by the firmware; the
 * driver decides what to do with the value.
 *
 * Context: process context.
 * Return: e_entry of the image, or 0 if the image is not a valid ELF file.
 */
u64 rproc_elf_get_boot_addr(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf elf;

	if (rproc_elf_open(rproc, fw, &elf))
		return 0;

	return elf.entry;
}
EXPORT_SYMBOL(rproc_elf_get_boot_addr);

/**
 * rproc_elf_load_segments() - copy the loadable segments to device memory
 * @rproc: the remote processor
 * @fw: the firmware image
 *
 * Each PT_LOAD segment with a non-zero p_memsz is placed at its physical
 * address p_paddr, which is the address the remote sees ("device address").
 * rproc_da_to_va() translates it through the platform's da_to_va() hook and
 * the carveouts allocated from the resource table; the whole
 * [p_paddr, p_paddr + p_memsz) range must be mapped, not only its start.
 * p_filesz bytes are copied from the image and the rest, up to p_memsz, is
 * cleared.
 *
 * All headers and all segments are checked and mapped before the first byte
 * is written, so a rejected image leaves device memory untouched.
 *
 * Context: process context; allocates.
 * Return: 0 on success, otherwise a negative error code: those of
 * rproc_elf_sanity_check(), or -ERANGE when a segment is not inside memory
 * the processor maps.
 */
int rproc_elf_load_segments(struct rproc *rproc, const struct firmware *fw)
{
	struct rproc_elf_seg *segs, *seg;
	struct rproc_elf elf;
	unsigned int n, i;
	int ret;

	ret = elf_open_segments(rproc, fw, &elf, &segs, &n);
	if (ret)
		return ret;

	for (i = 0; i < n; i++) {
		seg = &segs[i];
		seg->va = elf_map_range(rproc, seg->da, seg->memsz,
					&seg->is_iomem);
		if (seg->va)
			continue;
		dev_err_ratelimited(elf.dev,
				    "segment %u: da %#llx size %#zx not in memory mapped for the processor\n",
				    seg->index, seg->da, seg->memsz);
		ret = -ERANGE;
		goto out;
	}

	for (i = 0; i < n; i++) {
		seg = &segs[i];
		dev_dbg(elf.dev, "segment %u: da %#llx filesz %#zx memsz %#zx\n",
			seg->index, seg->da, seg->filesz, seg->memsz);
		if (seg->is_iomem) {
			void __iomem *io = (void __force __iomem *)seg->va;

			memcpy_toio(io, elf.data + seg->offset, seg->filesz);
			memset_io(io + seg->filesz, 0, seg->memsz - seg->filesz);
		} else {
			memcpy(seg->va, elf.data + seg->offset, seg->filesz);
			memset(seg->va + seg->filesz, 0,
			       seg->memsz - seg->filesz);
		}
	}

out:
	kfree(segs);
	return ret;
}
EXPORT_SYMBOL(rproc_elf_load_segments);

/*
 * Find the ".resource_table" section of @elf and check it lies in the file.
 * Return: 0 with @table filled, or a negative error code.
 */
static int elf_find_rsc_table(const struct rproc_elf *elf,
			      struct elf64_shdr *table)
{
	struct elf64_shdr sect;
	unsigned int i, found = 0;

	for (i = 0; i < elf->shnum; i++) {
		elf_read_sect(elf, i, &sect);
		/* Names were checked by rproc_elf_open(). */
		if (strcmp(elf_sect_name(elf, &sect, i), RSC_TABLE_SECTION))
			continue;
		if (found++) {
			dev_err_ratelimited(elf->dev,
					    "more than one %s section\n",
					    RSC_TABLE_SECTION);
			return -ENOTUNIQ;
		}
		*table = sect;
	}

	if (!found) {
		dev_dbg(elf->dev, "no %s section\n", RSC_TABLE_SECTION);
		return -ENOENT;
	}

	if (table->sh_type == SHT_NOBITS) {
		dev_err_ratelimited(elf->dev, "%s section has no contents\n",
				    RSC_TABLE_SECTION);
		return -EPROTO;
	}

	/* Inside the file, so its size also fits a size_t. */
	return elf_check_span(elf, table->sh_offset, table->sh_size,
			      RSC_TABLE_SECTION);
}

/* Open @fw and locate its resource table section in @sect. */
static int elf_open_rsc_table(struct rproc *rproc, const struct firmware *fw,
			      struct rproc_elf *elf, struct elf64_shdr *sect)
{
	int ret = rproc_elf_open(rproc, fw, elf);

	return ret ?: elf_find_rsc_table(elf, sect);
}

/**
 * rproc_elf_load_rsc_table() - copy and validate the image's resource table
 * @rproc: the remote processor
 * @fw: the firmware image
 *
 * Finds the ".resource_table" section, copies it into a new kernel buffer
 * and checks the copy with rproc_rsc_table_validate(), so that neither the
 * image nor the remote can change it after it was checked. On success the
 * copy is stored in @rproc->cached_table, @rproc->table_ptr points at it
 * and @rproc->table_sz holds its size; the core frees it when the remote
 * stops. The core then writes host decisions (vring addresses, notify ids,
 * features) into it before copying it to the loaded image.
 *
 * Context: process context; allocates.
 * Return: 0 on success; -ENOENT if the image has no resource table (many
 * drivers treat that as "nothing to set up"); -ENOTUNIQ if it has two;
 * -EFBIG if the section is larger than %RPROC_RSC_TABLE_MAX_SIZE; -ENOMEM;
 * the errors of rproc_elf_sanity_check() for a bad image and those of
 * rproc_rsc_table_validate() for a bad table.
 */
int rproc_elf_load_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct resource_table *table;
	struct elf64_shdr sect;
	struct rproc_elf elf;
	int ret;

	ret = elf_open_rsc_table(rproc, fw, &elf, &sect);
	if (ret)
		return ret;

	/* The copy is sized by the image: refuse before allocating it. */
	if (sect.sh_size > RPROC_RSC_TABLE_MAX_SIZE) {
		dev_err_ratelimited(elf.dev,
				    "%s section of %llu bytes is larger than %u\n",
				    RSC_TABLE_SECTION, sect.sh_size,
				    RPROC_RSC_TABLE_MAX_SIZE);
		return -EFBIG;
	}

	table = kmemdup(elf.data + sect.sh_offset, sect.sh_size, GFP_KERNEL);
	if (!table)
		return -ENOMEM;

	ret = rproc_rsc_table_validate(elf.dev, table, sect.sh_size);
	if (ret) {
		kfree(table);
		return ret;
	}

	rproc->cached_table = table;
	rproc->table_ptr = table;
	rproc->table_sz = sect.sh_size;
	return 0;
}
EXPORT_SYMBOL(rproc_elf_load_rsc_table);

/**
 * rproc_elf_find_loaded_rsc_table() - where the table lives once loaded
 * @rproc: the remote processor
 * @fw: the firmware image, whose segments are already loaded
 *
 * The remote reads its resource table from the address the ".resource_table"
 * section is linked at (sh_addr). The core copies the processed table there
 * before starting the remote; this returns the kernel address of that place.
 * The whole section must be mapped by rproc_da_to_va().
 *
 * Context: process context.
 * Return: kernel address of the loaded table, or NULL if the image has no
 * valid resource table section or its address is not mapped.
 */
struct resource_table *
rproc_elf_find_loaded_rsc_table(struct rproc *rproc, const struct firmware *fw)
{
	struct elf64_shdr sect;
	struct rproc_elf elf;
	bool is_iomem;
	void *va;

	if (elf_open_rsc_table(rproc, fw, &elf, &sect))
		return NULL;

	va = elf_map_range(rproc, sect.sh_addr, sect.sh_size, &is_iomem);
	if (!va)
		dev_err_ratelimited(elf.dev,
				    "%s at da %#llx size %#llx is not mapped\n",
				    RSC_TABLE_SECTION, sect.sh_addr, sect.sh_size);
	return va;
}
EXPORT_SYMBOL(rproc_elf_find_loaded_rsc_table);
