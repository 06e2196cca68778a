/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Class-independent ELF header access, shared with tools/remoteproc
 *
 * ELF32 and ELF64 headers carry the same fields at different offsets and
 * widths. The helpers below convert between a header of either class, as
 * stored in a file, and the ELF64 layout, so that one code path handles
 * both classes. Readers copy the header out of the file first: a firmware
 * blob gives no alignment guarantee and some targets fault on unaligned
 * access. Writers keep the low bits of values too wide for ELF32.
 *
 * Nothing here checks bounds: the caller makes sure that
 * rproc_elf_hdr_size(), rproc_elf_phdr_size() or rproc_elf_shdr_size()
 * bytes are available. The file only uses uapi types so that the image
 * tools in tools/remoteproc build it unchanged in userspace.
 */
#ifndef REMOTEPROC_ELF_HELPERS_H
#define REMOTEPROC_ELF_HELPERS_H

#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif
#include <linux/elf.h>
#include <linux/types.h>

/**
 * rproc_elf_hdr_size() - size of the file header of an ELF class
 * @class: ELFCLASS32 or ELFCLASS64
 *
 * Return: sizeof(struct elf32_hdr) or sizeof(struct elf64_hdr).
 */
static inline size_t rproc_elf_hdr_size(__u8 class)
{
	return class == ELFCLASS64 ? sizeof(struct elf64_hdr) :
				     sizeof(struct elf32_hdr);
}

/**
 * rproc_elf_phdr_size() - size of a program header of an ELF class
 * @class: ELFCLASS32 or ELFCLASS64
 *
 * Return: sizeof(struct elf32_phdr) or sizeof(struct elf64_phdr).
 */
static inline size_t rproc_elf_phdr_size(__u8 class)
{
	return class == ELFCLASS64 ? sizeof(struct elf64_phdr) :
				     sizeof(struct elf32_phdr);
}

/**
 * rproc_elf_shdr_size() - size of a section header of an ELF class
 * @class: ELFCLASS32 or ELFCLASS64
 *
 * Return: sizeof(struct elf32_shdr) or sizeof(struct elf64_shdr).
 */
static inline size_t rproc_elf_shdr_size(__u8 class)
{
	return class == ELFCLASS64 ? sizeof(struct elf64_shdr) :
				     sizeof(struct elf32_shdr);
}

/**
 * rproc_elf_get_hdr() - read a file header of either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @src: the header in the file, any alignment
 * @eh: filled with the header in the ELF64 layout
 */
static inline void rproc_elf_get_hdr(__u8 class, const void *src,
				     struct elf64_hdr *eh)
{
	struct elf32_hdr h;

	if (class == ELFCLASS64) {
		memcpy(eh, src, sizeof(*eh));
		return;
	}

	memcpy(&h, src, sizeof(h));
	memcpy(eh->e_ident, h.e_ident, EI_NIDENT);
	eh->e_type = h.e_type;
	eh->e_machine = h.e_machine;
	eh->e_version = h.e_version;
	eh->e_entry = h.e_entry;
	eh->e_phoff = h.e_phoff;
	eh->e_shoff = h.e_shoff;
	eh->e_flags = h.e_flags;
	eh->e_ehsize = h.e_ehsize;
	eh->e_phentsize = h.e_phentsize;
	eh->e_phnum = h.e_phnum;
	eh->e_shentsize = h.e_shentsize;
	eh->e_shnum = h.e_shnum;
	eh->e_shstrndx = h.e_shstrndx;
}

/**
 * rproc_elf_get_phdr() - read a program header of either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @src: the header in the file, any alignment
 * @ph: filled with the header in the ELF64 layout
 */
static inline void rproc_elf_get_phdr(__u8 class, const void *src,
				      struct elf64_phdr *ph)
{
	struct elf32_phdr p;

	if (class == ELFCLASS64) {
		memcpy(ph, src, sizeof(*ph));
		return;
	}

	memcpy(&p, src, sizeof(p));
	ph->p_type = p.p_type;
	ph->p_flags = p.p_flags;
	ph->p_offset = p.p_offset;
	ph->p_vaddr = p.p_vaddr;
	ph->p_paddr = p.p_paddr;
	ph->p_filesz = p.p_filesz;
	ph->p_memsz = p.p_memsz;
	ph->p_align = p.p_align;
}

/**
 * rproc_elf_get_shdr() - read a section header of either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @src: the header in the file, any alignment
 * @sh: filled with the header in the ELF64 layout
 */
static inline void rproc_elf_get_shdr(__u8 class, const void *src,
				      struct elf64_shdr *sh)
{
	struct elf32_shdr s;

	if (class == ELFCLASS64) {
		memcpy(sh, src, sizeof(*sh));
		return;
	}

	memcpy(&s, src, sizeof(s));
	sh->sh_name = s.sh_name;
	sh->sh_type = s.sh_type;
	sh->sh_flags = s.sh_flags;
	sh->sh_addr = s.sh_addr;
	sh->sh_offset = s.sh_offset;
	sh->sh_size = s.sh_size;
	sh->sh_link = s.sh_link;
	sh->sh_info = s.sh_info;
	sh->sh_addralign = s.sh_addralign;
	sh->sh_entsize = s.sh_entsize;
}

/**
 * rproc_elf_put_hdr() - store a file header in either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @dst: where the header goes, any alignment
 * @eh: the header in the ELF64 layout
 */
static inline void rproc_elf_put_hdr(__u8 class, void *dst,
				     const struct elf64_hdr *eh)
{
	struct elf32_hdr h = {
		.e_type = eh->e_type,
		.e_machine = eh->e_machine,
		.e_version = eh->e_version,
		.e_entry = (__u32)eh->e_entry,
		.e_phoff = (__u32)eh->e_phoff,
		.e_shoff = (__u32)eh->e_shoff,
		.e_flags = eh->e_flags,
		.e_ehsize = eh->e_ehsize,
		.e_phentsize = eh->e_phentsize,
		.e_phnum = eh->e_phnum,
		.e_shentsize = eh->e_shentsize,
		.e_shnum = eh->e_shnum,
		.e_shstrndx = eh->e_shstrndx,
	};

	if (class == ELFCLASS64) {
		memcpy(dst, eh, sizeof(*eh));
		return;
	}
	memcpy(h.e_ident, eh->e_ident, EI_NIDENT);
	memcpy(dst, &h, sizeof(h));
}

/**
 * rproc_elf_put_phdr() - store a program header in either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @dst: where the header goes, any alignment
 * @ph: the header in the ELF64 layout
 */
static inline void rproc_elf_put_phdr(__u8 class, void *dst,
				      const struct elf64_phdr *ph)
{
	struct elf32_phdr p = {
		.p_type = ph->p_type,
		.p_flags = ph->p_flags,
		.p_offset = (__u32)ph->p_offset,
		.p_vaddr = (__u32)ph->p_vaddr,
		.p_paddr = (__u32)ph->p_paddr,
		.p_filesz = (__u32)ph->p_filesz,
		.p_memsz = (__u32)ph->p_memsz,
		.p_align = (__u32)ph->p_align,
	};

	if (class == ELFCLASS64)
		memcpy(dst, ph, sizeof(*ph));
	else
		memcpy(dst, &p, sizeof(p));
}

/**
 * rproc_elf_put_shdr() - store a section header in either class
 * @class: ELFCLASS32 or ELFCLASS64
 * @dst: where the header goes, any alignment
 * @sh: the header in the ELF64 layout
 */
static inline void rproc_elf_put_shdr(__u8 class, void *dst,
				      const struct elf64_shdr *sh)
{
	struct elf32_shdr s = {
		.sh_name = sh->sh_name,
		.sh_type = sh->sh_type,
		.sh_flags = (__u32)sh->sh_flags,
		.sh_addr = (__u32)sh->sh_addr,
		.sh_offset = (__u32)sh->sh_offset,
		.sh_size = (__u32)sh->sh_size,
		.sh_link = sh->sh_link,
		.sh_info = sh->sh_info,
		.sh_addralign = (__u32)sh->sh_addralign,
		.sh_entsize = (__u32)sh->sh_entsize,
	};

	if (class == ELFCLASS64)
		memcpy(dst, sh, sizeof(*sh));
	else
		memcpy(dst, &s, sizeof(s));
}

/**
 * rproc_elf_init_ident() - fill e_ident for an image the caller generates
 * @eh: the header (ELF64 layout; e_ident is the same for both classes)
 * @class: ELFCLASS32 or ELFCLASS64
 *
 * Little endian, current version, no OS ABI.
 */
static inline void rproc_elf_init_ident(struct elf64_hdr *eh, __u8 class)
{
	memset(eh->e_ident, 0, EI_NIDENT);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = class;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_ident[EI_OSABI] = ELFOSABI_NONE;
}

#ifdef __KERNEL__
/*
 * 6.1's accessors, for the platform drivers of the 6.1 tree that parse
 * firmware themselves (imx_dsp_rproc, mtk_scp, qcom_q6v5_mss, ...): one
 * getter per field, on a header of the given class stored in the image,
 * any alignment.  As in 6.1, every class other than ELFCLASS32 is taken
 * for ELFCLASS64, and a value comes back as the type 6.1 gives it.
 * Nothing is bounds checked: the caller makes sure elf_size_of_hdr(),
 * elf_size_of_phdr() or elf_size_of_shdr() bytes are there.  New code
 * uses the rproc_elf_*() helpers above, which read a header once.
 */
#include <linux/firmware.h>

/**
 * fw_elf_get_class() - the ELF class an image says it has
 * @fw: the firmware image
 *
 * Return: e_ident[EI_CLASS], or ELFCLASSNONE for an image too short to
 * have one.
 */
static inline u8 fw_elf_get_class(const struct firmware *fw)
{
	return fw->size > EI_CLASS ? fw->data[EI_CLASS] : ELFCLASSNONE;
}

static inline u8 rproc_elf_compat_class(u8 class)
{
	return class == ELFCLASS32 ? ELFCLASS32 : ELFCLASS64;
}

/* A header of @class at @arg, in the ELF64 layout */
static inline struct elf64_hdr rproc_elf_compat_hdr(u8 class, const void *arg)
{
	struct elf64_hdr h;

	rproc_elf_get_hdr(rproc_elf_compat_class(class), arg, &h);
	return h;
}

static inline struct elf64_phdr rproc_elf_compat_phdr(u8 class, const void *arg)
{
	struct elf64_phdr h;

	rproc_elf_get_phdr(rproc_elf_compat_class(class), arg, &h);
	return h;
}

static inline struct elf64_shdr rproc_elf_compat_shdr(u8 class, const void *arg)
{
	struct elf64_shdr h;

	rproc_elf_get_shdr(rproc_elf_compat_class(class), arg, &h);
	return h;
}

/* elf_<kind>_get_<field>(class, arg): one field, as the type 6.1 gives it */
#define elf_hdr_get_e_type(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_type)
#define elf_hdr_get_e_machine(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_machine)
#define elf_hdr_get_e_version(c, a)	((u32)rproc_elf_compat_hdr(c, a).e_version)
#define elf_hdr_get_e_entry(c, a)	((u64)rproc_elf_compat_hdr(c, a).e_entry)
#define elf_hdr_get_e_phoff(c, a)	((u64)rproc_elf_compat_hdr(c, a).e_phoff)
#define elf_hdr_get_e_shoff(c, a)	((u64)rproc_elf_compat_hdr(c, a).e_shoff)
#define elf_hdr_get_e_ehsize(c, a)	((u32)rproc_elf_compat_hdr(c, a).e_ehsize)
#define elf_hdr_get_e_phentsize(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_phentsize)
#define elf_hdr_get_e_phnum(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_phnum)
#define elf_hdr_get_e_shentsize(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_shentsize)
#define elf_hdr_get_e_shnum(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_shnum)
#define elf_hdr_get_e_shstrndx(c, a)	((u16)rproc_elf_compat_hdr(c, a).e_shstrndx)

#define elf_phdr_get_p_type(c, a)	((u32)rproc_elf_compat_phdr(c, a).p_type)
#define elf_phdr_get_p_flags(c, a)	((u32)rproc_elf_compat_phdr(c, a).p_flags)
#define elf_phdr_get_p_offset(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_offset)
#define elf_phdr_get_p_vaddr(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_vaddr)
#define elf_phdr_get_p_paddr(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_paddr)
#define elf_phdr_get_p_filesz(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_filesz)
#define elf_phdr_get_p_memsz(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_memsz)
#define elf_phdr_get_p_align(c, a)	((u64)rproc_elf_compat_phdr(c, a).p_align)

#define elf_shdr_get_sh_name(c, a)	((u32)rproc_elf_compat_shdr(c, a).sh_name)
#define elf_shdr_get_sh_type(c, a)	((u32)rproc_elf_compat_shdr(c, a).sh_type)
#define elf_shdr_get_sh_flags(c, a)	((u32)rproc_elf_compat_shdr(c, a).sh_flags)
#define elf_shdr_get_sh_addr(c, a)	((u64)rproc_elf_compat_shdr(c, a).sh_addr)
#define elf_shdr_get_sh_offset(c, a)	((u64)rproc_elf_compat_shdr(c, a).sh_offset)
#define elf_shdr_get_sh_size(c, a)	((u64)rproc_elf_compat_shdr(c, a).sh_size)
#define elf_shdr_get_sh_entsize(c, a)	((u16)rproc_elf_compat_shdr(c, a).sh_entsize)

/* 6.1's names for the header sizes */
static inline unsigned long elf_size_of_hdr(u8 class)
{
	return rproc_elf_hdr_size(rproc_elf_compat_class(class));
}

static inline unsigned long elf_size_of_phdr(u8 class)
{
	return rproc_elf_phdr_size(rproc_elf_compat_class(class));
}

static inline unsigned long elf_size_of_shdr(u8 class)
{
	return rproc_elf_shdr_size(rproc_elf_compat_class(class));
}
#endif /* __KERNEL__ */

#endif /* REMOTEPROC_ELF_HELPERS_H */
