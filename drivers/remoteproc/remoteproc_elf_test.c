// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the remoteproc ELF loader
 *
 * A small but complete image is built in memory, ELF32 or ELF64: three
 * program headers (two PT_LOAD, one PT_NOTE), six sections (null, .text,
 * .data, .resource_table, .shstrtab, .bss) and a one-entry resource table.
 * The test processor comes from rproc_alloc() with a da_to_va() that maps
 * two small heap regions, so KASAN reports any write outside them, and the
 * image is copied to a heap buffer of its exact size, so KASAN reports any
 * read past its end.
 *
 * Each negative case applies one defect to the image and expects the exact
 * error of the first loader step that must refuse it; device memory must
 * then still hold its fill pattern.
 */

#include <kunit/test.h>
#include <linux/device.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

#include "remoteproc_elf_helpers.h"
#include "remoteproc_rsc_table.h"

/* Image layout; every table is 8-byte aligned for both classes. */
#define IMG_PHOFF	0x040
#define IMG_TEXT_OFF	0x200
#define IMG_TEXT_SZ	0x040
#define IMG_DATA_OFF	0x240
#define IMG_DATA_SZ	0x010
#define IMG_RSC_OFF	0x260
#define IMG_STR_OFF	0x2c0
#define IMG_SHOFF	0x300
#define IMG_PHNUM	3
#define IMG_SHNUM	6
#define IMG_SIZE	(IMG_SHOFF + IMG_SHNUM * sizeof(struct elf64_shdr))
#define IMG_ENTRY	0x1004

/* Section indexes */
enum { S_NULL, S_TEXT, S_DATA, S_RSC, S_STR, S_BSS };

/* Device memory of the test processor: two regions. */
#define MEM_A_DA	0x1000
#define MEM_B_DA	0x2000
#define MEM_LEN		0x100
#define MEM_FILL	0xa5

#define TEXT_DA		MEM_A_DA
#define TEXT_MEMSZ	0x080
#define DATA_DA		MEM_B_DA
#define DATA_MEMSZ	0x030
#define RSC_DA		(MEM_B_DA + 0x40)

static const char img_strtab[] =
	"\0.text\0.data\0.resource_table\0.shstrtab\0.bss";
/* Offsets of the names in img_strtab, by section index. */
static const u32 img_names[IMG_SHNUM] = { 0, 1, 7, 13, 29, 39 };

/**
 * struct elf_img - an image under construction
 * @data: the file, IMG_SIZE bytes
 * @size: size handed to the loader
 * @class: ELFCLASS32 or ELFCLASS64
 * @eh: file header, ELF64 layout; img_finish() stores it in @data
 * @ph: program headers, stored at %IMG_PHOFF
 * @sh: section headers, stored at %IMG_SHOFF
 */
struct elf_img {
	u8 *data;
	size_t size;
	u8 class;
	struct elf64_hdr eh;
	struct elf64_phdr ph[IMG_PHNUM];
	struct elf64_shdr sh[IMG_SHNUM];
};

/**
 * struct elf_test_priv - per-test state
 * @parent: parent device of @rproc
 * @rproc: the processor under test
 * @mem: its two memory regions, %MEM_LEN bytes each
 * @sloppy: da_to_va() checks only the start address, like a buggy driver
 */
struct elf_test_priv {
	struct device *parent;
	struct rproc *rproc;
	u8 *mem[2];
	bool sloppy;
};

static void *elf_test_da_to_va(struct rproc *rproc, u64 da, size_t len,
			       bool *is_iomem)
{
	static const u64 base[2] = { MEM_A_DA, MEM_B_DA };
	struct elf_test_priv *priv = rproc->priv;
	unsigned int i;
	u64 off;

	for (i = 0; i < ARRAY_SIZE(base); i++) {
		if (da < base[i] || da - base[i] >= MEM_LEN)
			continue;
		off = da - base[i];
		if (!priv->sloppy && len > MEM_LEN - off)
			continue;
		if (is_iomem)
			*is_iomem = false;
		return priv->mem[i] + off;
	}
	return NULL;
}

static const struct rproc_ops elf_test_ops = {
	.da_to_va = elf_test_da_to_va,
};

static void img_set_phdr(struct elf_img *img, unsigned int i, u32 type,
			 u64 off, u64 da, u64 filesz, u64 memsz)
{
	struct elf64_phdr *ph = &img->ph[i];

	ph->p_type = type;
	ph->p_flags = PF_R | PF_W | PF_X;
	ph->p_offset = off;
	ph->p_vaddr = da;
	ph->p_paddr = da;
	ph->p_filesz = filesz;
	ph->p_memsz = memsz;
	ph->p_align = 4;
}

static void img_set_shdr(struct elf_img *img, unsigned int i, u32 type,
			 u64 addr, u64 off, u64 size)
{
	struct elf64_shdr *sh = &img->sh[i];

	sh->sh_name = img_names[i];
	sh->sh_type = type;
	sh->sh_addr = addr;
	sh->sh_offset = off;
	sh->sh_size = size;
	sh->sh_addralign = type == SHT_NULL ? 0 : 4;
}

/* Store the headers in the file, in the image's class. */
static void img_finish(struct elf_img *img)
{
	size_t phsize = rproc_elf_phdr_size(img->class);
	size_t shsize = rproc_elf_shdr_size(img->class);
	unsigned int i;

	rproc_elf_put_hdr(img->class, img->data, &img->eh);
	for (i = 0; i < IMG_PHNUM; i++)
		rproc_elf_put_phdr(img->class, img->data + IMG_PHOFF + i * phsize,
				   &img->ph[i]);
	for (i = 0; i < IMG_SHNUM; i++)
		rproc_elf_put_shdr(img->class, img->data + IMG_SHOFF + i * shsize,
				   &img->sh[i]);
}

/* A valid resource table with one trace entry; returns its size. */
static size_t img_put_rsc_table(u8 *p)
{
	struct resource_table *t = (struct resource_table *)p;
	struct fw_rsc_hdr *hdr;
	struct fw_rsc_trace *trace;

	t->ver = 1;
	t->num = 1;
	t->offset[0] = struct_size(t, offset, 1);
	hdr = (struct fw_rsc_hdr *)(p + t->offset[0]);
	hdr->type = RSC_TRACE;
	trace = (struct fw_rsc_trace *)hdr->data;
	trace->da = MEM_B_DA + 0x80;
	trace->len = 0x40;
	strscpy(trace->name, "trace0", sizeof(trace->name));
	return t->offset[0] + sizeof(*hdr) + sizeof(*trace);
}

#define IMG_RSC_SZ	(16 + 4 + 4 + sizeof(struct fw_rsc_trace))

static void img_build(struct kunit *test, struct elf_img *img, u8 class)
{
	struct elf64_hdr *eh = &img->eh;
	size_t i;

	memset(img, 0, sizeof(*img));
	img->class = class;
	img->size = IMG_SIZE;
	img->data = kunit_kzalloc(test, IMG_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, img->data);

	/* An ARM executable; the table offsets are the fixed IMG_* layout */
	*eh = (struct elf64_hdr) {
		.e_type = ET_EXEC, .e_machine = EM_ARM,
		.e_version = EV_CURRENT, .e_entry = IMG_ENTRY,
		.e_ehsize = rproc_elf_hdr_size(class),
		.e_phoff = IMG_PHOFF, .e_phnum = IMG_PHNUM,
		.e_phentsize = rproc_elf_phdr_size(class),
		.e_shoff = IMG_SHOFF, .e_shnum = IMG_SHNUM,
		.e_shentsize = rproc_elf_shdr_size(class),
		.e_shstrndx = S_STR,
	};
	rproc_elf_init_ident(eh, class);

	img_set_phdr(img, 0, PT_LOAD, IMG_TEXT_OFF, TEXT_DA, IMG_TEXT_SZ,
		     TEXT_MEMSZ);
	img_set_phdr(img, 1, PT_LOAD, IMG_DATA_OFF, DATA_DA, IMG_DATA_SZ,
		     DATA_MEMSZ);
	img_set_phdr(img, 2, PT_NOTE, 0, 0xdead0000, 0, 0x10);

	for (i = 0; i < IMG_TEXT_SZ + IMG_DATA_SZ; i++)
		img->data[IMG_TEXT_OFF + i] = i + 1;
	KUNIT_ASSERT_EQ(test, img_put_rsc_table(img->data + IMG_RSC_OFF),
			IMG_RSC_SZ);
	memcpy(img->data + IMG_STR_OFF, img_strtab, sizeof(img_strtab));

	img_set_shdr(img, S_NULL, SHT_NULL, 0, 0, 0);
	img_set_shdr(img, S_TEXT, SHT_PROGBITS, TEXT_DA, IMG_TEXT_OFF,
		     IMG_TEXT_SZ);
	img_set_shdr(img, S_DATA, SHT_PROGBITS, DATA_DA, IMG_DATA_OFF,
		     IMG_DATA_SZ);
	img_set_shdr(img, S_RSC, SHT_PROGBITS, RSC_DA, IMG_RSC_OFF,
		     IMG_RSC_SZ);
	img_set_shdr(img, S_STR, SHT_STRTAB, 0, IMG_STR_OFF,
		     sizeof(img_strtab));
	img_set_shdr(img, S_BSS, SHT_NOBITS, DATA_DA + IMG_DATA_SZ,
		     IMG_SIZE + 0x1000, DATA_MEMSZ - IMG_DATA_SZ);
}

/**
 * struct elf_case - one image and what the loader must say about it
 * @desc: case name
 * @class: ELFCLASS32 or ELFCLASS64
 * @mutate: applies the defect; may use the rproc too
 * @err: expected result of the load sequence
 */
struct elf_case {
	const char *desc;
	u8 class;
	void (*mutate)(struct elf_img *img, struct elf_test_priv *priv);
	int err;
};

static void m_empty(struct elf_img *img, struct elf_test_priv *p)
{
	img->size = 0;
}

static void m_short_ident(struct elf_img *img, struct elf_test_priv *p)
{
	img->size = EI_NIDENT - 1;
}

static void m_short_ehdr(struct elf_img *img, struct elf_test_priv *p)
{
	img->size = rproc_elf_hdr_size(img->class) - 1;
}

static void m_magic(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ident[EI_MAG1] = 'e';
}

static void m_class_none(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ident[EI_CLASS] = ELFCLASSNONE;
}

static void m_class_bad(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ident[EI_CLASS] = 3;
}

static void m_ident_version(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ident[EI_VERSION] = EV_NONE;
}

static void m_big_endian(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ident[EI_DATA] = ELFDATA2MSB;
}

static void m_type_rel(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_type = ET_REL;
}

static void m_type_core(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_type = ET_CORE;
}

static void m_version(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_version = EV_NONE;
}

static void m_wrong_class(struct elf_img *img, struct elf_test_priv *p)
{
	p->rproc->elf_class = ELFCLASS64;
	p->rproc->elf_machine = EM_ARM;
}

static void m_wrong_machine(struct elf_img *img, struct elf_test_priv *p)
{
	p->rproc->elf_class = img->class;
	p->rproc->elf_machine = EM_RISCV;
}

static void m_ehsize(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_ehsize = 40;
}

static void m_phnum0(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_phnum = 0;
}

static void m_phnum_xnum(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_phnum = PN_XNUM;
}

static void m_phentsize(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_phentsize = 16;
}

static void m_phdrs_past_end(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_phoff = IMG_SIZE - 8;
}

static void m_phoff_wrap(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_phoff = U64_MAX - 8;
}

static void m_shentsize(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shentsize = 0x20;
}

static void m_shdrs_past_end(struct elf_img *img, struct elf_test_priv *p)
{
	img->size -= 1;
}

static void m_shoff_wrap(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shoff = U64_MAX - 0x40;
}

static void m_shnum_ext(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shnum = 0;
}

static void m_shstrndx_range(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shstrndx = IMG_SHNUM;
}

static void m_shstrndx_xindex(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shstrndx = 0xffff;	/* SHN_XINDEX */
}

static void m_shstrndx_type(struct elf_img *img, struct elf_test_priv *p)
{
	img->eh.e_shstrndx = S_TEXT;
}

static void m_strtab_past_end(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_STR].sh_size = IMG_SIZE;
}

static void m_sh_name_range(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_DATA].sh_name = sizeof(img_strtab);
}

static void m_sh_name_unterminated(struct elf_img *img,
				   struct elf_test_priv *p)
{
	/* Cut the string table inside ".bss", before its NUL. */
	img->sh[S_STR].sh_size = sizeof(img_strtab) - 2;
}

static void m_section_past_end(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_TEXT].sh_offset = IMG_SIZE;
}

static void m_seg_past_end(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_offset = IMG_SIZE - 8;
}

static void m_seg_offset_wrap(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[0].p_offset = U64_MAX - 0x10;
}

static void m_filesz_gt_memsz(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_filesz = DATA_MEMSZ + 1;
}

static void m_da_wrap(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_paddr = U64_MAX - 0x10;
}

static void m_overlap(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_paddr = TEXT_DA + TEXT_MEMSZ - 1;
}

static void m_same_da(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_paddr = TEXT_DA;
}

static void m_unmapped(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_paddr = 0x8000;
}

static void m_past_region(struct elf_img *img, struct elf_test_priv *p)
{
	img->ph[1].p_memsz = MEM_LEN + 1;
}

static void m_past_region_sloppy(struct elf_img *img,
				 struct elf_test_priv *p)
{
	p->sloppy = true;
	m_past_region(img, p);
}

static void m_huge_memsz(struct elf_img *img, struct elf_test_priv *p)
{
	/* The highest segment, so that it cannot overlap another one. */
	img->ph[1].p_memsz = SZ_4G;
}

static void m_no_rsc(struct elf_img *img, struct elf_test_priv *p)
{
	/* Name the section ".data" too. */
	img->sh[S_RSC].sh_name = img_names[S_DATA];
}

static void m_two_rsc(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_DATA].sh_name = img_names[S_RSC];
}

static void m_rsc_nobits(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_RSC].sh_type = SHT_NOBITS;
}

static void m_rsc_version(struct elf_img *img, struct elf_test_priv *p)
{
	img->data[IMG_RSC_OFF] = 2;
}

static void m_rsc_short(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_RSC].sh_size = 12;
}

static void m_rsc_entry_cut(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_RSC].sh_size = IMG_RSC_SZ - 1;
}

static void m_rsc_unmapped(struct elf_img *img, struct elf_test_priv *p)
{
	img->sh[S_RSC].sh_addr = MEM_B_DA + MEM_LEN - 8;
}

static const struct elf_case elf_cases[] = {
	{ "empty file", ELFCLASS32, m_empty, -EBADMSG },
	{ "truncated e_ident", ELFCLASS32, m_short_ident, -EBADMSG },
	{ "truncated ELF32 header", ELFCLASS32, m_short_ehdr, -EBADMSG },
	{ "truncated ELF64 header", ELFCLASS64, m_short_ehdr, -EBADMSG },
	{ "bad magic", ELFCLASS32, m_magic, -ENOEXEC },
	{ "class none", ELFCLASS32, m_class_none, -ENOEXEC },
	{ "class 3", ELFCLASS64, m_class_bad, -ENOEXEC },
	{ "e_ident version 0", ELFCLASS32, m_ident_version, -ENOEXEC },
	{ "big endian", ELFCLASS32, m_big_endian, -EOPNOTSUPP },
	{ "relocatable object", ELFCLASS32, m_type_rel, -ENOEXEC },
	{ "core file", ELFCLASS64, m_type_core, -ENOEXEC },
	{ "e_version 0", ELFCLASS64, m_version, -ENOEXEC },
	{ "ELF32 for an ELF64 processor", ELFCLASS32, m_wrong_class,
	  -EOPNOTSUPP },
	{ "wrong machine", ELFCLASS64, m_wrong_machine, -EOPNOTSUPP },
	{ "bad e_ehsize", ELFCLASS32, m_ehsize, -EPROTO },
	{ "no program headers", ELFCLASS32, m_phnum0, -EPROTO },
	{ "extended program header count", ELFCLASS64, m_phnum_xnum, -EPROTO },
	{ "bad e_phentsize", ELFCLASS64, m_phentsize, -EPROTO },
	{ "program headers past end", ELFCLASS32, m_phdrs_past_end, -EBADMSG },
	{ "e_phoff overflows", ELFCLASS64, m_phoff_wrap, -EOVERFLOW },
	{ "bad e_shentsize", ELFCLASS32, m_shentsize, -EPROTO },
	{ "section headers past end", ELFCLASS64, m_shdrs_past_end, -EBADMSG },
	{ "e_shoff overflows", ELFCLASS64, m_shoff_wrap, -EOVERFLOW },
	{ "extended section count", ELFCLASS32, m_shnum_ext, -EOPNOTSUPP },
	{ "e_shstrndx out of range", ELFCLASS32, m_shstrndx_range, -EPROTO },
	{ "e_shstrndx SHN_XINDEX", ELFCLASS64, m_shstrndx_xindex, -EPROTO },
	{ "e_shstrndx not a string table", ELFCLASS32, m_shstrndx_type,
	  -EPROTO },
	{ "string table past end", ELFCLASS64, m_strtab_past_end, -EBADMSG },
	{ "sh_name past string table", ELFCLASS32, m_sh_name_range, -EPROTO },
	{ "sh_name not terminated", ELFCLASS64, m_sh_name_unterminated,
	  -EPROTO },
	{ "section past end", ELFCLASS32, m_section_past_end, -EBADMSG },
	{ "segment past end", ELFCLASS32, m_seg_past_end, -EBADMSG },
	{ "segment offset overflows", ELFCLASS64, m_seg_offset_wrap,
	  -EOVERFLOW },
	{ "p_filesz > p_memsz", ELFCLASS32, m_filesz_gt_memsz, -EINVAL },
	{ "p_paddr + p_memsz overflows", ELFCLASS64, m_da_wrap, -EOVERFLOW },
	{ "overlapping segments", ELFCLASS32, m_overlap, -EADDRINUSE },
	{ "segments at the same address", ELFCLASS64, m_same_da, -EADDRINUSE },
	{ "segment not mapped", ELFCLASS32, m_unmapped, -ERANGE },
	{ "segment runs past its region", ELFCLASS64, m_past_region, -ERANGE },
	{ "same, da_to_va checks start only", ELFCLASS32,
	  m_past_region_sloppy, -ERANGE },
	{ "segment larger than 4 GiB", ELFCLASS64, m_huge_memsz, -ERANGE },
	{ "no resource table", ELFCLASS32, m_no_rsc, -ENOENT },
	{ "two resource tables", ELFCLASS64, m_two_rsc, -ENOTUNIQ },
	{ "resource table without contents", ELFCLASS32, m_rsc_nobits,
	  -EPROTO },
	{ "resource table version 2", ELFCLASS64, m_rsc_version,
	  -EPROTONOSUPPORT },
	{ "resource table shorter than header", ELFCLASS32, m_rsc_short,
	  -EMSGSIZE },
	{ "resource table entry truncated", ELFCLASS64, m_rsc_entry_cut,
	  -EBADMSG },
	{ "loaded resource table not mapped", ELFCLASS32, m_rsc_unmapped,
	  -ERANGE },
};

static void elf_case_desc(const struct elf_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "ELF%u: %s",
		 c->class == ELFCLASS64 ? 64 : 32, c->desc);
}

KUNIT_ARRAY_PARAM(elf, elf_cases, elf_case_desc);

/* Copy the image to a heap buffer of its exact size and describe it. */
static void img_to_fw(struct kunit *test, const struct elf_img *img,
		      struct firmware *fw)
{
	u8 *copy = kunit_kmalloc(test, img->size ?: 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, img->data, img->size);
	memset(fw, 0, sizeof(*fw));
	fw->data = copy;
	fw->size = img->size;
}

/*
 * What the core does with an ELF image, in its order: sanity check, parse
 * the resource table, load the segments, find the loaded table.
 */
static int elf_boot_sequence(struct rproc *rproc, const struct firmware *fw)
{
	int ret;

	ret = rproc_elf_sanity_check(rproc, fw);
	if (ret)
		return ret;

	ret = rproc_elf_load_rsc_table(rproc, fw);
	if (ret)
		return ret;

	ret = rproc_elf_load_segments(rproc, fw);
	if (ret)
		return ret;

	return rproc_elf_find_loaded_rsc_table(rproc, fw) ? 0 : -ERANGE;
}

static bool mem_untouched(const struct elf_test_priv *priv)
{
	return !memchr_inv(priv->mem[0], MEM_FILL, MEM_LEN) &&
	       !memchr_inv(priv->mem[1], MEM_FILL, MEM_LEN);
}

static void elf_bad_image_test(struct kunit *test)
{
	const struct elf_case *c = test->param_value;
	struct elf_test_priv *priv = test->priv;
	struct firmware fw;
	struct elf_img img;

	img_build(test, &img, c->class);
	c->mutate(&img, priv);
	img_finish(&img);
	img_to_fw(test, &img, &fw);

	KUNIT_EXPECT_EQ(test, elf_boot_sequence(priv->rproc, &fw), c->err);
	/* Only the last step may fail after the segments were written. */
	if (c->mutate != m_rsc_unmapped)
		KUNIT_EXPECT_TRUE(test, mem_untouched(priv));
}

/* A valid image goes through the whole sequence and lands byte-exact. */
static void elf_load_test(struct kunit *test, u8 class)
{
	struct elf_test_priv *priv = test->priv;
	struct rproc *rproc = priv->rproc;
	struct resource_table *loaded;
	struct firmware fw;
	struct elf_img img;
	unsigned int i;

	img_build(test, &img, class);
	img_finish(&img);
	img_to_fw(test, &img, &fw);

	KUNIT_ASSERT_EQ(test, elf_boot_sequence(rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_get_boot_addr(rproc, &fw), IMG_ENTRY);

	/* .text: copied, then zero up to p_memsz, then untouched */
	for (i = 0; i < MEM_LEN; i++) {
		u8 want = i < IMG_TEXT_SZ ? i + 1 :
			  i < TEXT_MEMSZ ? 0 : MEM_FILL;

		KUNIT_EXPECT_EQ_MSG(test, priv->mem[0][i], want, "text+%#x", i);
	}
	/* .data + .bss: same, followed by untouched memory */
	for (i = 0; i < MEM_LEN; i++) {
		u8 want = i < IMG_DATA_SZ ? IMG_TEXT_SZ + i + 1 :
			  i < DATA_MEMSZ ? 0 : MEM_FILL;

		KUNIT_EXPECT_EQ_MSG(test, priv->mem[1][i], want, "data+%#x", i);
	}

	KUNIT_ASSERT_NOT_NULL(test, rproc->cached_table);
	KUNIT_EXPECT_PTR_EQ(test, rproc->table_ptr, rproc->cached_table);
	KUNIT_EXPECT_EQ(test, rproc->table_sz, IMG_RSC_SZ);
	KUNIT_EXPECT_EQ(test, memcmp(rproc->cached_table,
				     img.data + IMG_RSC_OFF, IMG_RSC_SZ), 0);

	loaded = rproc_elf_find_loaded_rsc_table(rproc, &fw);
	KUNIT_EXPECT_PTR_EQ(test, (void *)loaded,
			    (void *)(priv->mem[1] + RSC_DA - MEM_B_DA));
}

static void elf32_load_test(struct kunit *test)
{
	elf_load_test(test, ELFCLASS32);
}

static void elf64_load_test(struct kunit *test)
{
	elf_load_test(test, ELFCLASS64);
}

/* Matching class and machine declared by the driver are accepted. */
static void elf_matching_machine_test(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct firmware fw;
	struct elf_img img;

	priv->rproc->elf_class = ELFCLASS64;
	priv->rproc->elf_machine = EM_ARM;
	img_build(test, &img, ELFCLASS64);
	img_finish(&img);
	img_to_fw(test, &img, &fw);
	KUNIT_EXPECT_EQ(test, elf_boot_sequence(priv->rproc, &fw), 0);
}

/* Segments that touch without overlapping, and empty PT_LOADs, are fine. */
static void elf_adjacent_segments_test(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct firmware fw;
	struct elf_img img;

	img_build(test, &img, ELFCLASS32);
	img_set_phdr(&img, 1, PT_LOAD, IMG_DATA_OFF, TEXT_DA + TEXT_MEMSZ,
		     IMG_DATA_SZ, MEM_LEN - TEXT_MEMSZ);
	img_set_phdr(&img, 2, PT_LOAD, 0, TEXT_DA, 0, 0);
	img_finish(&img);
	img_to_fw(test, &img, &fw);

	KUNIT_ASSERT_EQ(test, rproc_elf_load_segments(priv->rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, priv->mem[0][TEXT_MEMSZ], IMG_TEXT_SZ + 1);
	KUNIT_EXPECT_EQ(test, priv->mem[0][MEM_LEN - 1], 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(priv->mem[1], MEM_FILL, MEM_LEN));
}

/* An image without section headers loads but has no resource table. */
static void elf_no_sections_test(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct firmware fw;
	struct elf_img img;

	img_build(test, &img, ELFCLASS64);
	img.eh.e_shoff = 0;
	img.eh.e_shnum = 0;
	img.eh.e_shstrndx = SHN_UNDEF;
	img.size = IMG_SHOFF;
	img_finish(&img);
	img_to_fw(test, &img, &fw);

	KUNIT_EXPECT_EQ(test, rproc_elf_sanity_check(priv->rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_load_segments(priv->rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_load_rsc_table(priv->rproc, &fw),
			-ENOENT);
	KUNIT_EXPECT_NULL(test, rproc_elf_find_loaded_rsc_table(priv->rproc,
								&fw));
	KUNIT_EXPECT_NULL(test, priv->rproc->cached_table);
}

/* A NULL image and a bad image give safe answers everywhere. */
static void elf_null_image_test(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct firmware fw = { .size = 4, .data = (const u8 *)ELFMAG };

	KUNIT_EXPECT_EQ(test, rproc_elf_sanity_check(priv->rproc, NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, rproc_elf_get_boot_addr(priv->rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, rproc_elf_load_segments(priv->rproc, &fw),
			-EBADMSG);
	KUNIT_EXPECT_NULL(test, rproc_elf_find_loaded_rsc_table(priv->rproc,
								&fw));
}

/*
 * A resource table section larger than RPROC_RSC_TABLE_MAX_SIZE is refused
 * before the loader copies it: 5 MiB would be more than kmalloc() can give
 * (a warning), and no table needs it.  One of exactly the limit is taken.
 */
static void elf_rsc_table_too_big_test(struct kunit *test)
{
	const size_t big = SZ_4M + SZ_1M;
	struct elf_test_priv *priv = test->priv;
	struct firmware fw = {};
	struct elf_img img;
	u8 *data;

	img_build(test, &img, ELFCLASS32);
	img_set_shdr(&img, S_RSC, SHT_PROGBITS, RSC_DA, IMG_SIZE, big);
	img_finish(&img);

	data = vzalloc(IMG_SIZE + big);
	KUNIT_ASSERT_NOT_NULL(test, data);
	memcpy(data, img.data, IMG_SIZE);
	img_put_rsc_table(data + IMG_SIZE);
	fw.data = data;
	fw.size = IMG_SIZE + big;

	KUNIT_EXPECT_EQ(test, rproc_elf_load_rsc_table(priv->rproc, &fw),
			-EFBIG);
	KUNIT_EXPECT_NULL(test, priv->rproc->cached_table);

	img_set_shdr(&img, S_RSC, SHT_PROGBITS, RSC_DA, IMG_SIZE,
		     RPROC_RSC_TABLE_MAX_SIZE);
	img_finish(&img);
	memcpy(data, img.data, IMG_SIZE);
	KUNIT_EXPECT_EQ(test, rproc_elf_load_rsc_table(priv->rproc, &fw), 0);
	KUNIT_EXPECT_EQ(test, priv->rproc->table_sz,
			(size_t)RPROC_RSC_TABLE_MAX_SIZE);
	vfree(data);
}

#define FUZZ_ROUNDS	256

/* Every code the loader may return for a bad image or table. */
static bool elf_known_error(int err)
{
	static const int known[] = {
		-EBADMSG, -EOVERFLOW, -ENOEXEC, -EOPNOTSUPP, -EPROTO, -EINVAL,
		-EADDRINUSE, -ERANGE, -ENOENT, -ENOTUNIQ, -EMSGSIZE,
		-EPROTONOSUPPORT, -EILSEQ, -E2BIG, -EDOM, -EFBIG,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		if (err == known[i])
			return true;
	return false;
}

/*
 * Random corruption: flip a few random bytes of a valid image, run the
 * whole sequence and expect success or a known error code, never a crash
 * or an access outside the image and the regions (KASAN watches both).
 * The seed is logged so that a failure can be replayed.
 */
static void elf_fuzz_test(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct rproc *rproc = priv->rproc;
	unsigned int round, flips, accepted = 0;
	struct rnd_state rnd;
	struct firmware fw;
	struct elf_img img;
	u32 seed = get_random_u32();
	int ret;

	kunit_info(test, "seed %u\n", seed);
	prandom_seed_state(&rnd, seed);

	for (round = 0; round < FUZZ_ROUNDS; round++) {
		img_build(test, &img, round & 1 ? ELFCLASS64 : ELFCLASS32);
		img_finish(&img);
		for (flips = 1 + prandom_u32_state(&rnd) % 4; flips; flips--)
			img.data[prandom_u32_state(&rnd) % IMG_SIZE] ^=
				1 + prandom_u32_state(&rnd) % 255;
		img_to_fw(test, &img, &fw);

		ret = elf_boot_sequence(rproc, &fw);
		KUNIT_EXPECT_TRUE_MSG(test, !ret || elf_known_error(ret),
				      "round %u: unexpected %d", round, ret);
		accepted += !ret;

		kfree(rproc->cached_table);
		rproc->cached_table = NULL;
		rproc->table_ptr = NULL;
		kunit_kfree(test, img.data);
		kunit_kfree(test, fw.data);
	}
	kunit_info(test, "%u of %u corrupted images accepted\n", accepted,
		   FUZZ_ROUNDS);
}

static int elf_test_init(struct kunit *test)
{
	struct elf_test_priv *priv;
	struct device *parent;
	struct rproc *rproc;
	unsigned int i;

	/*
	 * No owner module: 6.1 runs a module's suites while the module is
	 * still coming up, before the sysfs directory an owner link needs.
	 */
	parent = __root_device_register("rproc-elf-test", NULL);
	if (IS_ERR(parent))
		return PTR_ERR(parent);

	rproc = rproc_alloc(parent, "elf-test", &elf_test_ops, NULL,
			    sizeof(*priv));
	if (!rproc) {
		root_device_unregister(parent);
		return -ENOMEM;
	}

	priv = rproc->priv;
	priv->parent = parent;
	priv->rproc = rproc;
	for (i = 0; i < ARRAY_SIZE(priv->mem); i++) {
		/* Exact size: KASAN flags a write past the region. */
		priv->mem[i] = kunit_kmalloc(test, MEM_LEN, GFP_KERNEL);
		if (!priv->mem[i])
			goto err;
		memset(priv->mem[i], MEM_FILL, MEM_LEN);
	}
	test->priv = priv;
	return 0;

err:
	rproc_free(rproc);
	root_device_unregister(parent);
	return -ENOMEM;
}

static void elf_test_exit(struct kunit *test)
{
	struct elf_test_priv *priv = test->priv;
	struct device *parent = priv->parent;
	struct rproc *rproc = priv->rproc;

	kfree(rproc->cached_table);
	rproc->cached_table = NULL;
	rproc->table_ptr = NULL;
	rproc_free(rproc);
	root_device_unregister(parent);
}

static struct kunit_case elf_test_cases[] = {
	KUNIT_CASE(elf32_load_test),
	KUNIT_CASE(elf64_load_test),
	KUNIT_CASE(elf_matching_machine_test),
	KUNIT_CASE(elf_adjacent_segments_test),
	KUNIT_CASE(elf_no_sections_test),
	KUNIT_CASE(elf_null_image_test),
	KUNIT_CASE(elf_rsc_table_too_big_test),
	KUNIT_CASE_PARAM(elf_bad_image_test, elf_gen_params),
	KUNIT_CASE(elf_fuzz_test),
	{}
};

static struct kunit_suite elf_test_suite = {
	.name = "remoteproc_elf",
	.init = elf_test_init,
	.exit = elf_test_exit,
	.test_cases = elf_test_cases,
};

kunit_test_suite(elf_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for the remoteproc ELF loader");
