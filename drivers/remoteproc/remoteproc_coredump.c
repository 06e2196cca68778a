// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor framework: crash dumps.
 *
 * A dump is an ELF core file with one PT_LOAD program header per dump
 * segment, handed to devcoredump (/sys/class/devcoredump/devcdN/data).
 * With "enabled" the segments are copied into the file right away; with
 * "inline" only the headers are built and the segments are read from device
 * memory while user space reads the dump, and recovery waits until it is
 * done (or devcoredump's timeout drops it).
 *
 * Drivers describe what to dump with rproc_coredump_add_segment() and
 * friends; a driver that adds nothing gets its carveouts dumped.
 */

#include <linux/completion.h>
#include <linux/devcoredump.h>
#include <linux/elf.h>
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "remoteproc_internal.h"
#include "remoteproc_elf_helpers.h"

/**
 * struct rproc_dump_state - an inline dump being read by user space
 * @rproc: the remote processor (its lock is held by the waiting recovery)
 * @header: ELF header and program headers
 * @header_size: size of @header
 * @done: completed when devcoredump frees the dump
 */
struct rproc_dump_state {
	struct rproc *rproc;
	void *header;
	size_t header_size;
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

/**
 * rproc_coredump_add_custom_segment() - add a segment with its own reader
 * @rproc: the remote processor
 * @da: device address of the segment
 * @size: size in bytes
 * @dumpfn: copies @size bytes at @offset of the segment to @dest; NULL to
 *	    read through rproc_da_to_va()
 * @priv: for @dumpfn
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

/* A driver that describes nothing gets its carveouts dumped. */
static void rproc_coredump_default_segments(struct rproc *rproc)
{
	struct rproc_mem_entry *mem;

	if (!list_empty(&rproc->dump_segments))
		return;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (mem->va && rproc_coredump_add_segment(rproc, mem->da, mem->len))
			break;
	}
}

/*
 * Build the ELF and program headers; place the segments after them.
 * Returns the header buffer (vmalloc'ed, with room for the segment data
 * when @with_data) and sets *@header_size and *@total.
 */
static void *rproc_coredump_headers(struct rproc *rproc, u8 class,
				    bool with_data, size_t *header_size,
				    size_t *total)
{
	struct elf64_hdr eh = {};
	struct rproc_dump_segment *seg;
	size_t hsize, size;
	int phnum = 0;
	void *ehdr, *phdr;

	list_for_each_entry(seg, &rproc->dump_segments, node)
		phnum++;

	hsize = rproc_elf_hdr_size(class) + phnum * rproc_elf_phdr_size(class);
	size = hsize;
	list_for_each_entry(seg, &rproc->dump_segments, node) {
		seg->offset = size;
		size += seg->size;
	}

	ehdr = vzalloc(with_data ? size : hsize);
	if (!ehdr)
		return NULL;

	rproc_elf_init_ident(&eh, class);
	eh.e_type = ET_CORE;
	eh.e_machine = rproc->elf_machine;
	eh.e_version = EV_CURRENT;
	eh.e_entry = rproc->bootaddr;
	eh.e_phoff = rproc_elf_hdr_size(class);
	eh.e_ehsize = rproc_elf_hdr_size(class);
	eh.e_phentsize = rproc_elf_phdr_size(class);
	eh.e_phnum = phnum;
	rproc_elf_put_hdr(class, ehdr, &eh);

	phdr = ehdr + rproc_elf_hdr_size(class);
	list_for_each_entry(seg, &rproc->dump_segments, node) {
		struct elf64_phdr ph = {
			.p_type = PT_LOAD,
			.p_flags = PF_R | PF_W | PF_X,
			.p_offset = seg->offset,
			.p_vaddr = seg->da,
			.p_paddr = seg->da,
			.p_filesz = seg->size,
			.p_memsz = seg->size,
		};

		rproc_elf_put_phdr(class, phdr, &ph);
		if (with_data)
			rproc_copy_segment(rproc, seg, ehdr + seg->offset, 0,
					   seg->size);
		phdr += rproc_elf_phdr_size(class);
	}

	*header_size = hsize;
	*total = size;
	return ehdr;
}

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

/* Build the core file from the dump segments and hand it to devcoredump. */
static void rproc_coredump_segments(struct rproc *rproc)
{
	enum rproc_dump_mechanism conf = rproc->dump_conf;
	struct rproc_dump_state st;
	size_t total;
	u8 class;

	lockdep_assert_held(&rproc->lock);

	if (conf == RPROC_COREDUMP_DISABLED)
		return;

	rproc_coredump_default_segments(rproc);
	if (list_empty(&rproc->dump_segments))
		return;

	class = rproc->elf_class == ELFCLASSNONE ? ELFCLASS32 : rproc->elf_class;

	st.header = rproc_coredump_headers(rproc, class,
					   conf == RPROC_COREDUMP_ENABLED,
					   &st.header_size, &total);
	if (!st.header) {
		dev_err(&rproc->dev, "no memory for a %s crash dump\n",
			rproc->name);
		return;
	}

	if (conf == RPROC_COREDUMP_ENABLED) {
		/* devcoredump owns and vfree()s the buffer. */
		dev_coredumpv(&rproc->dev, st.header, total, GFP_KERNEL);
		return;
	}

	st.rproc = rproc;
	init_completion(&st.done);
	dev_coredumpm(&rproc->dev, NULL, &st, total, GFP_KERNEL,
		      rproc_coredump_read, rproc_coredump_free);
	wait_for_completion(&st.done);
}

/**
 * rproc_coredump() - dump a crashed remote as configured in &rproc.dump_conf
 * @rproc: the remote processor, stopped after a crash
 *
 * Uses &rproc_ops.coredump when the driver has one.
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
		rproc_coredump_segments(rproc);
}

/**
 * rproc_coredump_using_sections() - &rproc_ops.coredump for section dumps
 * @rproc: the remote processor
 *
 * Some drivers ask for their remote to be dumped per ELF section rather
 * than per segment.  The dump segments describe the memory either way, and
 * the resulting PT_LOAD-per-segment core file is what every ELF tool reads,
 * so this produces the default dump.
 *
 * Context: &rproc.lock held (it is called as &rproc_ops.coredump).
 */
void rproc_coredump_using_sections(struct rproc *rproc)
{
	rproc_coredump_segments(rproc);
}
EXPORT_SYMBOL(rproc_coredump_using_sections);
