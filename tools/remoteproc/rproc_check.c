// SPDX-License-Identifier: GPL-2.0-only
/*
 * rproc_check.c - check a remoteproc firmware image the way the kernel does
 *
 * Applies, in the kernel's order, the checks of rproc_elf_sanity_check(),
 * rproc_elf_load_rsc_table() (with rproc_rsc_table_validate()),
 * rproc_elf_load_segments() and rproc_elf_find_loaded_rsc_table(), and
 * records the first defect with the error code the kernel returns for it.
 * Images are little endian, like every target this project supports.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "remoteproc_elf_helpers.h"
#include "rproc_image.h"

/* Record the first defect; returns -1 so callers can "return bad(...)". */
__attribute__((format(printf, 3, 4)))
static int bad(struct img *img, int err, const char *fmt, ...)
{
	va_list ap;

	if (!img->err) {
		img->err = err;
		va_start(ap, fmt);
		vsnprintf(img->msg, sizeof(img->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Does [off, off + len) lie in the file? EOVERFLOW / EBADMSG if not. */
static int in_file(struct img *img, uint64_t off, uint64_t len,
		   const char *what)
{
	if (off + len < off)
		return bad(img, EOVERFLOW, "%s: offset 0x%llx + size 0x%llx overflows",
			   what, (unsigned long long)off,
			   (unsigned long long)len);
	if (off + len > img->size)
		return bad(img, EBADMSG, "%s: bytes 0x%llx..0x%llx past end of %zu-byte image",
			   what, (unsigned long long)off,
			   (unsigned long long)(off + len), img->size);
	return 0;
}

/* The file header, widened to the ELF64 layout. */
static int read_ehdr(struct img *img, struct elf64_hdr *eh)
{
	const uint8_t *id = img->data;

	if (img->size < EI_NIDENT)
		return bad(img, EBADMSG, "image of %zu bytes is too small for an ELF header",
			   img->size);
	if (memcmp(id, ELFMAG, SELFMAG))
		return bad(img, ENOEXEC, "not an ELF file (bad magic)");
	img->class = id[EI_CLASS];
	if (img->class != ELFCLASS32 && img->class != ELFCLASS64)
		return bad(img, ENOEXEC, "invalid ELF class %u", img->class);
	if (id[EI_VERSION] != EV_CURRENT)
		return bad(img, ENOEXEC, "invalid ELF version %u", id[EI_VERSION]);
	if (id[EI_DATA] != ELFDATA2LSB)
		return bad(img, EOPNOTSUPP, "ELF byte order %u is not little endian",
			   id[EI_DATA]);
	if (img->want_class && img->class != img->want_class)
		return bad(img, EOPNOTSUPP, "ELF class %u, processor runs class %u",
			   img->class, img->want_class);
	if (img->size < rproc_elf_hdr_size(img->class))
		return bad(img, EBADMSG, "image too small for an ELF%u header",
			   img->class == ELFCLASS64 ? 64 : 32);

	rproc_elf_get_hdr(img->class, img->data, eh);
	return 0;
}

static int check_sections(struct img *img, const struct elf64_hdr *eh)
{
	size_t entsize = rproc_elf_shdr_size(img->class);
	const char *strtab = NULL;
	uint64_t strsize = 0;
	struct elf64_shdr sh;
	unsigned int i;

	if (!eh->e_shnum) {
		if (eh->e_shoff)
			return bad(img, EOPNOTSUPP, "extended section numbering not supported");
		return 0;
	}
	if (eh->e_shentsize != entsize)
		return bad(img, EPROTO, "e_shentsize %u, expected %zu",
			   eh->e_shentsize, entsize);
	if (in_file(img, eh->e_shoff, (uint64_t)eh->e_shnum * entsize,
		    "section header table"))
		return -1;

	if (eh->e_shstrndx != SHN_UNDEF) {
		if (eh->e_shstrndx >= eh->e_shnum)
			return bad(img, EPROTO, "e_shstrndx %u out of range (%u sections)",
				   eh->e_shstrndx, eh->e_shnum);
		rproc_elf_get_shdr(img->class, img->data + eh->e_shoff +
				   eh->e_shstrndx * entsize, &sh);
		if (sh.sh_type != SHT_STRTAB)
			return bad(img, EPROTO, "e_shstrndx %u: section type %u is not SHT_STRTAB",
				   eh->e_shstrndx, sh.sh_type);
		if (in_file(img, sh.sh_offset, sh.sh_size, "section name table"))
			return -1;
		strtab = (const char *)img->data + sh.sh_offset;
		strsize = sh.sh_size;
	}

	img->sects = calloc(eh->e_shnum, sizeof(*img->sects));
	if (!img->sects)
		return bad(img, ENOMEM, "out of memory");
	img->nsects = eh->e_shnum;

	for (i = 0; i < eh->e_shnum; i++) {
		struct img_sect *s = &img->sects[i];

		rproc_elf_get_shdr(img->class,
				   img->data + eh->e_shoff + i * entsize, &sh);
		s->type = sh.sh_type;
		s->addr = sh.sh_addr;
		s->offset = sh.sh_offset;
		s->size = sh.sh_size;
		s->name = "";
		if (strtab) {
			if (sh.sh_name >= strsize)
				return bad(img, EPROTO, "section %u: name offset 0x%x outside %llu-byte string table",
					   i, sh.sh_name,
					   (unsigned long long)strsize);
			if (!memchr(strtab + sh.sh_name, 0,
				    strsize - sh.sh_name))
				return bad(img, EPROTO, "section %u: name is not NUL-terminated",
					   i);
			s->name = strtab + sh.sh_name;
		}
		if (s->type == SHT_NULL || s->type == SHT_NOBITS)
			continue;
		if (in_file(img, s->offset, s->size, "section"))
			return -1;
	}
	return 0;
}

static int by_da(const void *a, const void *b)
{
	const struct img_seg *x = a, *y = b;

	return x->da < y->da ? -1 : x->da > y->da;
}

static int check_segments(struct img *img, const struct elf64_hdr *eh)
{
	size_t entsize = rproc_elf_phdr_size(img->class);
	struct elf64_phdr ph;
	unsigned int i;

	img->segs = calloc(eh->e_phnum, sizeof(*img->segs));
	if (!img->segs)
		return bad(img, ENOMEM, "out of memory");

	for (i = 0; i < eh->e_phnum; i++) {
		struct img_seg *s = &img->segs[img->nsegs];

		rproc_elf_get_phdr(img->class,
				   img->data + eh->e_phoff + i * entsize, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (ph.p_filesz > ph.p_memsz)
			return bad(img, EINVAL, "segment %u: file size 0x%llx > memory size 0x%llx",
				   i, (unsigned long long)ph.p_filesz,
				   (unsigned long long)ph.p_memsz);
		if (ph.p_paddr + (ph.p_memsz - 1) < ph.p_paddr ||
		    ph.p_memsz > SIZE_MAX)
			return bad(img, EOVERFLOW, "segment %u: da 0x%llx + size 0x%llx overflows",
				   i, (unsigned long long)ph.p_paddr,
				   (unsigned long long)ph.p_memsz);
		if (in_file(img, ph.p_offset, ph.p_filesz, "segment"))
			return -1;
		s->index = i;
		s->flags = ph.p_flags;
		s->da = ph.p_paddr;
		s->offset = ph.p_offset;
		s->filesz = ph.p_filesz;
		s->memsz = ph.p_memsz;
		img->nsegs++;
	}

	qsort(img->segs, img->nsegs, sizeof(*img->segs), by_da);
	for (i = 1; i < img->nsegs; i++) {
		const struct img_seg *lo = &img->segs[i - 1], *hi = &img->segs[i];

		if (hi->da - lo->da < lo->memsz)
			return bad(img, EADDRINUSE, "segments %u and %u overlap at da 0x%llx",
				   lo->index, hi->index,
				   (unsigned long long)hi->da);
	}
	return 0;
}

static int check_headers(struct img *img)
{
	size_t phentsize;
	struct elf64_hdr eh;

	if (read_ehdr(img, &eh))
		return -1;
	if (eh.e_type != ET_EXEC || eh.e_version != EV_CURRENT)
		return bad(img, ENOEXEC, "not an ELF executable (e_type %u)",
			   eh.e_type);
	img->machine = eh.e_machine;
	img->entry = eh.e_entry;
	if (img->want_machine && img->machine != img->want_machine)
		return bad(img, EOPNOTSUPP, "ELF machine %u, processor is %u",
			   img->machine, img->want_machine);
	if (eh.e_ehsize != rproc_elf_hdr_size(img->class))
		return bad(img, EPROTO, "bad e_ehsize %u", eh.e_ehsize);

	phentsize = rproc_elf_phdr_size(img->class);
	if (!eh.e_phnum || eh.e_phnum == PN_XNUM)
		return bad(img, EPROTO, "unsupported number of program headers %u",
			   eh.e_phnum);
	if (eh.e_phentsize != phentsize)
		return bad(img, EPROTO, "e_phentsize %u, expected %zu",
			   eh.e_phentsize, phentsize);
	if (in_file(img, eh.e_phoff, (uint64_t)eh.e_phnum * phentsize,
		    "program header table"))
		return -1;

	if (check_sections(img, &eh))
		return -1;
	return check_segments(img, &eh);
}

static uint32_t ld32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static bool has_nul(const char *s, size_t n)
{
	return memchr(s, 0, n);
}

/* One entry of the table; @off is known to be inside and aligned. */
static int check_entry(struct img *img, unsigned int i, uint32_t off)
{
	const uint8_t *e = img->table + off;
	size_t avail = img->table_size - off;
	uint32_t type = ld32(e);
	const struct rr_rsc_mem *mem = (const void *)e;
	const struct rr_rsc_trace *tr = (const void *)e;
	const struct rr_rsc_vdev *vd = (const void *)e;
	const struct rr_rsc_vring *vr;
	size_t need;
	unsigned int v;

	switch (type) {
	case RR_RSC_CARVEOUT:
	case RR_RSC_DEVMEM:
		if (avail < sizeof(*mem))
			break;
		if (type == RR_RSC_DEVMEM && mem->reserved)
			return bad(img, EPROTO, "resource %u: reserved field is 0x%x, must be 0",
				   i, mem->reserved);
		if (!has_nul(mem->name, sizeof(mem->name)))
			return bad(img, EILSEQ, "resource %u: name is not NUL-terminated", i);
		return 0;
	case RR_RSC_TRACE:
		if (avail < sizeof(*tr))
			break;
		if (tr->reserved)
			return bad(img, EPROTO, "resource %u: reserved field is 0x%x, must be 0",
				   i, tr->reserved);
		if (!has_nul(tr->name, sizeof(tr->name)))
			return bad(img, EILSEQ, "resource %u: name is not NUL-terminated", i);
		return 0;
	case RR_RSC_VDEV:
		if (avail < sizeof(*vd))
			break;
		if (vd->reserved[0] || vd->reserved[1])
			return bad(img, EPROTO, "resource %u: vdev reserved bytes are not 0", i);
		if (vd->num_of_vrings > RSC_MAX_VRINGS)
			return bad(img, E2BIG, "resource %u: vdev has %u vrings, at most %u supported",
				   i, vd->num_of_vrings, RSC_MAX_VRINGS);
		need = sizeof(*vd) + vd->num_of_vrings * sizeof(*vr) +
		       (size_t)vd->config_len;
		/* Reported without the type word, as the kernel counts */
		if (need > avail)
			return bad(img, EBADMSG, "resource %u: vdev needs %zu bytes (config_len %u), only %zu left",
				   i, need - 4, vd->config_len, avail - 4);
		vr = (const void *)(vd + 1);
		for (v = 0; v < vd->num_of_vrings; v++) {
			uint32_t num = vr[v].num;
			uint32_t align = vr[v].align;

			if (num < RSC_VRING_MIN_NUM || num > RSC_VRING_MAX_NUM ||
			    (num & (num - 1)))
				return bad(img, EDOM, "resource %u: vring %u has %u buffers, need a power of two in [%u, %u]",
					   i, v, num, RSC_VRING_MIN_NUM,
					   RSC_VRING_MAX_NUM);
			if (align < RSC_VRING_MIN_ALIGN ||
			    align > RSC_VRING_MAX_ALIGN || (align & (align - 1)))
				return bad(img, EDOM, "resource %u: vring %u alignment 0x%x, need a power of two in [0x%x, 0x%x]",
					   i, v, align, RSC_VRING_MIN_ALIGN,
					   RSC_VRING_MAX_ALIGN);
		}
		return 0;
	default:
		return 0;	/* vendor or unknown: the kernel skips it */
	}
	return bad(img, EBADMSG, "resource %u: %s entry truncated by the end of the table",
		   i, rsc_type_name(type));
}

/* Bytes an entry that passed check_entry() covers, type word included. */
static size_t entry_len(const struct img *img, uint32_t off)
{
	const struct rr_rsc_vdev *vd = (const void *)(img->table + off);

	switch (ld32(img->table + off)) {
	case RR_RSC_CARVEOUT:
	case RR_RSC_DEVMEM:
		return sizeof(struct rr_rsc_mem);
	case RR_RSC_TRACE:
		return sizeof(struct rr_rsc_trace);
	case RR_RSC_VDEV:
		return sizeof(*vd) +
		       vd->num_of_vrings * sizeof(struct rr_rsc_vring) +
		       vd->config_len;
	default:
		return 4;
	}
}

static int check_overlaps(struct img *img, unsigned int num)
{
	uint32_t a, b;
	unsigned int i, j;

	for (i = 1; i < num; i++) {
		a = ld32(img->table + 16 + 4 * i);
		for (j = 0; j < i; j++) {
			b = ld32(img->table + 16 + 4 * j);
			if (a < b + entry_len(img, b) && b < a + entry_len(img, a))
				return bad(img, EADDRINUSE, "resource %u: overlaps resource %u",
					   i, j);
		}
	}
	return 0;
}

static int check_table(struct img *img)
{
	const struct rr_rsc_hdr *t = (const void *)img->table;
	uint64_t first;
	unsigned int i;
	uint32_t off;

	if (img->table_size > RSC_TABLE_MAX_SIZE)
		return bad(img, EFBIG, "resource table of %zu bytes is larger than %u",
			   img->table_size, RSC_TABLE_MAX_SIZE);
	if (img->table_size < sizeof(*t))
		return bad(img, EMSGSIZE, "resource table of %zu bytes is smaller than its header",
			   img->table_size);
	if (t->ver != 1)
		return bad(img, EPROTONOSUPPORT, "resource table version %u not supported",
			   t->ver);
	if (t->reserved[0] || t->reserved[1])
		return bad(img, EPROTO, "resource table reserved words are not 0");
	first = sizeof(*t) + 4ull * t->num;
	if (first > img->table_size)
		return bad(img, EMSGSIZE, "resource table of %zu bytes cannot hold %u offsets",
			   img->table_size, t->num);
	if (t->num > RSC_TABLE_MAX_ENTRIES)
		return bad(img, EFBIG, "resource table has %u entries, at most %u supported",
			   t->num, RSC_TABLE_MAX_ENTRIES);

	for (i = 0; i < t->num; i++) {
		off = ld32(img->table + sizeof(*t) + 4 * i);
		if (off < first || off > img->table_size - 4)
			return bad(img, ERANGE, "resource %u: offset 0x%x outside entry area",
				   i, off);
		if (off % 4)
			return bad(img, EINVAL, "resource %u: offset 0x%x is not 4-byte aligned",
				   i, off);
		if (check_entry(img, i, off))
			return -1;
	}
	return check_overlaps(img, t->num);
}

static int find_table(struct img *img)
{
	const struct img_sect *s;
	unsigned int i, found = 0;

	for (i = 0; i < img->nsects; i++) {
		if (strcmp(img->sects[i].name, RR_RSC_TABLE_SECTION))
			continue;
		if (found++)
			return bad(img, ENOTUNIQ, "more than one %s section",
				   RR_RSC_TABLE_SECTION);
		img->table_sect = i;
	}
	if (!found)
		return 0;	/* -ENOENT in the kernel; most drivers accept it */

	s = &img->sects[img->table_sect];
	if (s->type == SHT_NOBITS)
		return bad(img, EPROTO, "%s section has no contents",
			   RR_RSC_TABLE_SECTION);
	img->table = img->data + s->offset;
	img->table_size = s->size;
	return check_table(img);
}

/* Is [da, da + len) inside one mapped region? */
static bool mapped(const struct img *img, uint64_t da, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < img->nregions; i++) {
		const struct img_region *r = &img->regions[i];

		if (da >= r->da && da - r->da < r->len &&
		    len <= r->len - (da - r->da))
			return true;
	}
	return false;
}

static int check_placement(struct img *img)
{
	const struct img_sect *t;
	unsigned int i;

	if (!img->nregions)
		return 0;

	for (i = 0; i < img->nsegs; i++) {
		const struct img_seg *s = &img->segs[i];

		if (!mapped(img, s->da, s->memsz))
			return bad(img, ERANGE, "segment %u: da 0x%llx size 0x%llx not in memory mapped for the processor",
				   s->index, (unsigned long long)s->da,
				   (unsigned long long)s->memsz);
	}

	if (!img->table)
		return 0;
	t = &img->sects[img->table_sect];
	if (!mapped(img, t->addr, t->size))
		return bad(img, ERANGE, "%s at da 0x%llx size 0x%llx is not mapped",
			   RR_RSC_TABLE_SECTION, (unsigned long long)t->addr,
			   (unsigned long long)t->size);
	return 0;
}

/**
 * img_check() - run all checks on @img->data
 * @img: image with @data, @size and the processor description filled in
 *
 * Return: 0 if the kernel would accept the image, otherwise -1 with
 * @img->err and @img->msg describing the first defect.
 */
int img_check(struct img *img)
{
	if (check_headers(img) || find_table(img) || check_placement(img))
		return -1;
	return 0;
}

void img_release(struct img *img)
{
	free(img->segs);
	free(img->sects);
	img->segs = NULL;
	img->sects = NULL;
}

const char *img_errname(int err)
{
	static const struct { int err; const char *name; } names[] = {
		{ EBADMSG, "EBADMSG" }, { EOVERFLOW, "EOVERFLOW" },
		{ ENOEXEC, "ENOEXEC" }, { EOPNOTSUPP, "EOPNOTSUPP" },
		{ EPROTO, "EPROTO" }, { EINVAL, "EINVAL" },
		{ EADDRINUSE, "EADDRINUSE" }, { ERANGE, "ERANGE" },
		{ ENOENT, "ENOENT" }, { ENOTUNIQ, "ENOTUNIQ" },
		{ EMSGSIZE, "EMSGSIZE" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
		{ EILSEQ, "EILSEQ" }, { E2BIG, "E2BIG" }, { EDOM, "EDOM" },
		{ ENOMEM, "ENOMEM" }, { EFBIG, "EFBIG" },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	return "E?";
}

const char *rsc_type_name(uint32_t type)
{
	static const char *const names[RR_RSC_LAST] = {
		"carveout", "devmem", "trace", "vdev",
	};

	if (type < RR_RSC_LAST)
		return names[type];
	if (type >= RR_RSC_VENDOR_START && type <= RR_RSC_VENDOR_END)
		return "vendor";
	return "unknown";
}
