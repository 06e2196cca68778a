// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: crash dumps.
 *
 * A dump is an ELF core file (ET_CORE) handed to devcoredump
 * (/sys/class/devcoredump/devcdN/data).  Its contents are the dump segments
 * the driver described with rproc_coredump_add_segment() and friends; a
 * driver that describes nothing gets its carveouts dumped.  Two layouts:
 *
 *   segments  ELF header, one PT_LOAD program header per segment, the
 *             segments' bytes.  The default.
 *   sections  ELF header, section headers (the null section, the section
 *             name table ".shstrtab", one SHT_PROGBITS section per segment,
 *             named by the segment's @priv string), the name table, the
 *             segments' bytes.  Drivers that want it set
 *             &rproc_ops.coredump to rproc_coredump_using_sections().
 *
 * An ELF32 file has 32-bit addresses, sizes and offsets.  In an ELF32 dump
 * (the class the driver declared, or the default when it declared none and
 * every segment fits), a segment whose device address range does not fit
 * below 4 GiB is left out with an error in the log, and a dump that would
 * be larger than 4 GiB is not taken at all: better no region than a wrong
 * one.  A driver that declared no class gets an ELF64 dump as soon as one
 * segment does not fit ELF32.
 *
 * With "enabled" the bytes are copied into the file right away; with
 * "inline" only the headers are built and the bytes are read from device
 * memory while user space reads the dump, and recovery waits until it is
 * done (or devcoredump's timeout drops it).
 */

#include <linux/completion.h>
#include <linux/devcoredump.h>
#include <linux/elf.h>
#include <linux/io.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <kunit/visibility.h>

#include "remoteproc_internal.h"
#include "remoteproc_elf_helpers.h"

/**
 * struct rproc_dump_state - an inline dump being read by user space
 * @rproc: the remote processor (its lock is held by the waiting recovery)
 * @header: ELF header and program headers
 * @header_size: size of @header
 * @class: ELF class of the dump (which segments are in it)
 * @done: completed when devcoredump frees the dump
 */
struct rproc_dump_state {
	struct rproc *rproc;
	void *header;
	size_t header_size;
	u8 class;
	struct completion done;
};

/**
 * rproc_coredump_cleanup() - forget the dump segments
 * @rproc: the remote processor
 *
 * Context: &rproc.lock held.
 */
void rproc_coredump_cleanup(struct rproc *rproc)
{
	struct rproc_dump_segment *seg, *tmp;

	list_for_each_entry_safe(seg, tmp, &rproc->dump_segments, node) {
		list_del(&seg->node);
		kfree(seg);
	}
}
EXPORT_SYMBOL_IF_KUNIT(rproc_coredump_cleanup);

/**
 * rproc_coredump_add_custom_segment() - add a segment with its own reader
 * @rproc: the remote processor
 * @da: device address of the segment
 * @size: size in bytes
 * @dumpfn: copies @size bytes at @offset of the segment to @dest; NULL to
 *	    read through rproc_da_to_va()
 * @priv: for @dumpfn; with rproc_coredump_using_sections() also the name
 *	  of the segment's section (a string that outlives the segment)
 *
 * Return: 0 or -ENOMEM.
 */
int rproc_coredump_add_custom_segment(struct rproc *rproc, dma_addr_t da,
				      size_t size, rproc_dump_fn_t dumpfn,
				      void *priv)
{
	struct rproc_dump_segment *seg;

	seg = kzalloc(sizeof(*seg), GFP_KERNEL);
	if (!seg)
		return -ENOMEM;

	seg->da = da;
	seg->size = size;
	seg->priv = priv;
	seg->dump = dumpfn;
	list_add_tail(&seg->node, &rproc->dump_segments);
	return 0;
}
EXPORT_SYMBOL(rproc_coredump_add_custom_segment);

/**
 * rproc_coredump_add_segment() - add a device memory range to crash dumps
 * @rproc: the remote processor
 * @da: device address of the range
 * @size: size in bytes
 *
 * Call it while loading the firmware; the segments are forgotten when the
 * remote is shut down.
 *
 * Return: 0 or -ENOMEM.
 */
int rproc_coredump_add_segment(struct rproc *rproc, dma_addr_t da, size_t size)
{
	return rproc_coredump_add_custom_segment(rproc, da, size, NULL, NULL);
}
EXPORT_SYMBOL(rproc_coredump_add_segment);

/**
 * rproc_coredump_set_elf_info() - ELF class and machine of crash dumps
 * @rproc: the remote processor
 * @class: ELFCLASS32 or ELFCLASS64
 * @machine: an EM_* value
 *
 * Return: 0 or -EINVAL for another class.
 */
int rproc_coredump_set_elf_info(struct rproc *rproc, u8 class, u16 machine)
{
	if (class != ELFCLASS32 && class != ELFCLASS64)
		return -EINVAL;

	rproc->elf_class = class;
	rproc->elf_machine = machine;
	return 0;
}
EXPORT_SYMBOL(rproc_coredump_set_elf_info);

/* Copy part of a segment; what cannot be reached reads as 0xff. */
static void rproc_copy_segment(struct rproc *rproc,
			       struct rproc_dump_segment *seg, void *dest,
			       size_t offset, size_t size)
{
	bool is_iomem = false;
	void *va;

	if (seg->dump) {
		seg->dump(rproc, seg, dest, offset, size);
		return;
	}

	va = rproc_da_to_va(rproc, seg->da + offset, size, &is_iomem);
	if (!va) {
		dev_err_ratelimited(&rproc->dev, "dump segment %pad+%#zx unreachable\n",
				    &seg->da, offset);
		memset(dest, 0xff, size);
	} else if (is_iomem) {
		memcpy_fromio(dest, (void __iomem *)va, size);
	} else {
		memcpy(dest, va, size);
	}
}

/*
 * A driver that describes nothing gets its carveouts dumped; the carveout's
 * name doubles as the section name (@priv is free: these segments have no
 * reader of their own).
 */
static void rproc_coredump_default_segments(struct rproc *rproc)
{
	struct rproc_mem_entry *mem;

	if (!list_empty(&rproc->dump_segments))
		return;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (!mem->va)
			continue;
		if (rproc_coredump_add_custom_segment(rproc, mem->da, mem->len,
						      NULL, mem->name))
			break;
	}
}

/* Whether a segment can be described in a dump of ELF class @class. */
static bool rproc_dump_seg_fits(u8 class, const struct rproc_dump_segment *seg)
{
	u64 da = seg->da, size = seg->size;

	if (class == ELFCLASS64)
		return true;
	return da <= U32_MAX && size <= U32_MAX && size <= SZ_4G - da;
}

/*
 * The class of the dump: the declared one, else ELF32 unless a segment
 * needs ELF64.
 */
static u8 rproc_dump_class(struct rproc *rproc)
{
	struct rproc_dump_segment *seg;

	if (rproc->elf_class == ELFCLASS64 || rproc->elf_class == ELFCLASS32)
		return rproc->elf_class;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (!rproc_dump_seg_fits(ELFCLASS32, seg))
			return ELFCLASS64;
	}
	return ELFCLASS32;
}

/* The fields both layouts share. */
static void rproc_dump_init_ehdr(struct rproc *rproc, u8 class,
				 struct elf64_hdr *eh)
{
	memset(eh, 0, sizeof(*eh));
	rproc_elf_init_ident(eh, class);
	eh->e_type = ET_CORE;
	eh->e_machine = rproc->elf_machine;
	eh->e_version = EV_CURRENT;
	eh->e_entry = rproc->bootaddr;
	eh->e_ehsize = rproc_elf_hdr_size(class);
}

/*
 * Header writers: each returns the size of everything in front of the first
 * segment's bytes, and writes it only when @buf is not NULL (the first call
 * measures, the second fills the buffer the caller sized).  The segments'
 * file offsets are set by the caller in between.
 */
typedef size_t (*rproc_dump_hdr_fn)(struct rproc *rproc, u8 class,
				    unsigned int nsegs, void *buf);

static size_t rproc_dump_program_headers(struct rproc *rproc, u8 class,
					 unsigned int nsegs, void *buf)
{
	size_t phsize = rproc_elf_phdr_size(class);
	struct rproc_dump_segment *seg;
	struct elf64_hdr eh;
	void *ph;

	if (!buf)
		return rproc_elf_hdr_size(class) + nsegs * phsize;

	rproc_dump_init_ehdr(rproc, class, &eh);
	eh.e_phoff = eh.e_ehsize;
	eh.e_phentsize = phsize;
	eh.e_phnum = nsegs;
	rproc_elf_put_hdr(class, buf, &eh);

	ph = buf + eh.e_phoff;
	list_for_each_entry(seg, &rproc->dump_segments, node) {
		struct elf64_phdr load = {
			.p_type = PT_LOAD,
			.p_flags = PF_R | PF_W | PF_X,
			.p_offset = seg->offset,
			.p_paddr = seg->da,
			.p_vaddr = seg->da,
			.p_memsz = seg->size,
			.p_filesz = seg->size,
		};

		if (!rproc_dump_seg_fits(class, seg))
			continue;
		rproc_elf_put_phdr(class, ph, &load);
		ph += phsize;
	}
	return eh.e_phoff + nsegs * phsize;
}

/* Name of the section name table, the first name in it. */
static const char rproc_dump_shstrtab[] = ".shstrtab";

/* Append @name to the name table at @names; return its index there. */
static u32 rproc_dump_add_name(char *names, size_t *used, const char *name)
{
	size_t at = *used;

	if (!name || !*name)
		return 0;	/* index 0 is the empty name */
	strcpy(names + at, name);
	*used += strlen(name) + 1;
	return at;
}

static size_t rproc_dump_section_headers(struct rproc *rproc, u8 class,
					 unsigned int nsegs, void *buf)
{
	size_t shsize = rproc_elf_shdr_size(class);
	size_t names_len = 1 + sizeof(rproc_dump_shstrtab);
	struct rproc_dump_segment *seg;
	struct elf64_shdr sh = {};
	struct elf64_hdr eh;
	size_t used = 1;
	char *names;
	void *shdr;

	rproc_dump_init_ehdr(rproc, class, &eh);
	eh.e_shoff = eh.e_ehsize;
	eh.e_shentsize = shsize;
	eh.e_shnum = nsegs + 2;		/* + the null section + .shstrtab */
	eh.e_shstrndx = 1;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (seg->priv && rproc_dump_seg_fits(class, seg))
			names_len += strlen(seg->priv) + 1;
	}
	if (!buf)
		return eh.e_shoff + eh.e_shnum * shsize + names_len;

	rproc_elf_put_hdr(class, buf, &eh);

	/* Section 0 is the all-zero null section: the buffer is zeroed. */
	shdr = buf + eh.e_shoff + shsize;
	names = buf + eh.e_shoff + eh.e_shnum * shsize;

	sh.sh_type = SHT_STRTAB;
	sh.sh_name = rproc_dump_add_name(names, &used, rproc_dump_shstrtab);
	sh.sh_offset = names - (char *)buf;
	sh.sh_size = names_len;
	sh.sh_addralign = 1;
	rproc_elf_put_shdr(class, shdr, &sh);

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		struct elf64_shdr progbits = {
			.sh_type = SHT_PROGBITS,
			.sh_flags = SHF_WRITE,
			.sh_addr = seg->da,
			.sh_offset = seg->offset,
			.sh_size = seg->size,
		};

		if (!rproc_dump_seg_fits(class, seg))
			continue;
		progbits.sh_name = rproc_dump_add_name(names, &used, seg->priv);
		shdr += shsize;
		rproc_elf_put_shdr(class, shdr, &progbits);
	}
	return sh.sh_offset + names_len;
}

/*
 * Lay the segments of the dump out from @pos on; return the file size, 0 on
 * overflow.  Segments left out get offset 0.
 */
static size_t rproc_dump_place_segments(struct rproc *rproc, u8 class,
					size_t pos)
{
	struct rproc_dump_segment *seg;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		seg->offset = 0;
		if (!rproc_dump_seg_fits(class, seg))
			continue;
		seg->offset = pos;
		if (check_add_overflow(pos, seg->size, &pos))
			return 0;
	}
	return pos;
}

/*
 * Count the segments of a dump of class @class, and say which are left
 * out.
 */
static unsigned int rproc_dump_count_segments(struct rproc *rproc, u8 class)
{
	struct rproc_dump_segment *seg;
	unsigned int nsegs = 0;

	list_for_each_entry(seg, &rproc->dump_segments, node) {
		if (rproc_dump_seg_fits(class, seg)) {
			nsegs++;
			continue;
		}
		dev_err_ratelimited(&rproc->dev,
				    "dump segment %pad+%#zx is beyond 4 GiB: not in the ELF32 dump\n",
				    &seg->da, seg->size);
	}
	return nsegs;
}

/**
 * rproc_coredump_build() - lay out a crash dump and build its headers
 * @rproc: the remote processor
 * @sections: section layout (else program headers)
 * @with_data: also copy the segments' bytes into the result
 * @header_size: set to the size of the headers
 * @total: set to the size of the whole dump file
 *
 * Falls back to the carveouts when the driver described no segment, and
 * sets &rproc_dump_segment.offset of every segment.  In an ELF32 dump,
 * segments beyond 4 GiB are left out (see the top of this file).  Exposed
 * for the KUnit suite, which parses the result.
 *
 * Return: a vzalloc'ed buffer of *@total bytes (@with_data) or of
 * *@header_size bytes.  NULL with *@total == 0 when there is nothing to
 * dump, NULL with *@total != 0 when the dump does not fit (memory, sizes,
 * an ELF32 file beyond 4 GiB, no segment left).
 */
void *rproc_coredump_build(struct rproc *rproc, bool sections, bool with_data,
			   size_t *header_size, size_t *total)
{
	rproc_dump_hdr_fn headers = sections ? rproc_dump_section_headers :
					       rproc_dump_program_headers;
	struct rproc_dump_segment *seg;
	unsigned int nsegs;
	size_t hsize, size;
	void *buf;
	u8 class;

	*total = 0;
	rproc_coredump_default_segments(rproc);
	if (list_empty(&rproc->dump_segments))
		return NULL;
	*total = SIZE_MAX;	/* until it is known to fit */

	class = rproc_dump_class(rproc);
	nsegs = rproc_dump_count_segments(rproc, class);
	/* e_phnum and e_shnum are 16 bits wide, below the reserved range. */
	if (!nsegs || nsegs > SHN_LORESERVE - 2)
		return NULL;

	hsize = headers(rproc, class, nsegs, NULL);
	size = rproc_dump_place_segments(rproc, class, hsize);
	if (!size)
		return NULL;
	if (class == ELFCLASS32 && (u64)size > SZ_4G) {
		dev_err_ratelimited(&rproc->dev,
				    "an ELF32 dump of %zu bytes is beyond 4 GiB: not taken\n",
				    size);
		return NULL;
	}

	buf = vzalloc(with_data ? size : hsize);
	if (!buf)
		return NULL;
	headers(rproc, class, nsegs, buf);

	if (with_data) {
		list_for_each_entry(seg, &rproc->dump_segments, node) {
			if (rproc_dump_seg_fits(class, seg))
				rproc_copy_segment(rproc, seg, buf + seg->offset,
						   0, seg->size);
		}
	}

	*header_size = hsize;
	*total = size;
	return buf;
}
EXPORT_SYMBOL_IF_KUNIT(rproc_coredump_build);

/* devcoredump's reader of an inline dump: headers from memory, the rest
 * straight from the device.
 */
static ssize_t rproc_coredump_read(char *buffer, loff_t offset, size_t count,
				   void *data, size_t datalen)
{
	struct rproc_dump_state *st = data;
	struct rproc_dump_segment *seg;
	size_t done = 0;

	if (offset < 0 || offset >= datalen)
		return 0;
	count = min_t(size_t, count, datalen - offset);

	while (done < count) {
		loff_t pos = offset + done;
		size_t chunk;

		if (pos < st->header_size) {
			chunk = min_t(size_t, count - done, st->header_size - pos);
			memcpy(buffer + done, st->header + pos, chunk);
			done += chunk;
			continue;
		}

		list_for_each_entry(seg, &st->rproc->dump_segments, node) {
			if (!rproc_dump_seg_fits(st->class, seg))
				continue;
			if (pos >= seg->offset && pos < seg->offset + seg->size)
				break;
		}
		if (list_entry_is_head(seg, &st->rproc->dump_segments, node))
			break;

		chunk = min_t(size_t, count - done, seg->offset + seg->size - pos);
		rproc_copy_segment(st->rproc, seg, buffer + done,
				   pos - seg->offset, chunk);
		done += chunk;
	}
	return done;
}

static void rproc_coredump_free(void *data)
{
	struct rproc_dump_state *st = data;

	vfree(st->header);
	complete(&st->done);
}

/* Build the core file in the given layout and hand it to devcoredump. */
static void rproc_coredump_emit(struct rproc *rproc, bool sections)
{
	enum rproc_dump_mechanism conf = rproc->dump_conf;
	struct rproc_dump_state st;
	size_t total;

	lockdep_assert_held(&rproc->lock);

	if (conf == RPROC_COREDUMP_DISABLED)
		return;

	st.header = rproc_coredump_build(rproc, sections,
					 conf == RPROC_COREDUMP_ENABLED,
					 &st.header_size, &total);
	if (!st.header) {
		if (total)
			dev_err(&rproc->dev, "cannot build a crash dump of %s\n",
				rproc->name);
		else
			dev_info(&rproc->dev, "%s: nothing to dump\n",
				 rproc->name);
		return;
	}

	if (conf == RPROC_COREDUMP_ENABLED) {
		/* devcoredump owns and vfree()s the buffer. */
		dev_coredumpv(&rproc->dev, st.header, total, GFP_KERNEL);
		return;
	}

	st.rproc = rproc;
	st.class = rproc_dump_class(rproc);
	init_completion(&st.done);
	dev_coredumpm(&rproc->dev, NULL, &st, total, GFP_KERNEL,
		      rproc_coredump_read, rproc_coredump_free);
	wait_for_completion(&st.done);
}

/**
 * rproc_coredump() - dump a crashed remote as configured in &rproc.dump_conf
 * @rproc: the remote processor, stopped after a crash
 *
 * Uses &rproc_ops.coredump when the driver has one, else the segment
 * layout.
 *
 * Context: &rproc.lock held.  With "inline" this waits until user space has
 * read the dump or devcoredump dropped it.
 */
void rproc_coredump(struct rproc *rproc)
{
	if (rproc->dump_conf == RPROC_COREDUMP_DISABLED)
		return;

	if (rproc->ops->coredump)
		rproc->ops->coredump(rproc);
	else
		rproc_coredump_emit(rproc, false);
}

/**
 * rproc_coredump_using_sections() - &rproc_ops.coredump with ELF sections
 * @rproc: the remote processor
 *
 * Builds the dump with a section header table instead of program headers:
 * one SHT_PROGBITS section per dump segment, at the segment's device
 * address (sh_addr), named by the segment's @priv, which must then be a
 * NUL-terminated string (or NULL for an unnamed section).  Drivers whose
 * post-mortem tools look regions up by name use it; the segments are added
 * with rproc_coredump_add_custom_segment(), and the class and machine with
 * rproc_coredump_set_elf_info().
 *
 * Context: &rproc.lock held (it is called as &rproc_ops.coredump).  With
 * "inline" this waits until user space has read the dump.
 */
void rproc_coredump_using_sections(struct rproc *rproc)
{
	rproc_coredump_emit(rproc, true);
}
EXPORT_SYMBOL(rproc_coredump_using_sections);
