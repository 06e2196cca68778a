// SPDX-License-Identifier: GPL-2.0-only
/*
 * Remote processor resource table validation
 *
 * The table is written by the firmware author (or by the remote itself when
 * Linux attaches to a running processor), so nothing in it is trusted until
 * it went through rproc_rsc_table_validate(). The checks are done once, in
 * one place, so that each resource handler may use the offsets and sizes it
 * finds without repeating them.
 *
 * Error codes, one per kind of defect:
 *
 * -EFBIG           table larger than RPROC_RSC_TABLE_MAX_SIZE, or more
 *                   than RPROC_RSC_TABLE_MAX_ENTRIES entries
 * -EMSGSIZE         table smaller than its header and offset array
 * -EPROTONOSUPPORT  table version is not 1
 * -EPROTO           a reserved field is not zero
 * -ERANGE           an entry offset points outside the entry area
 * -EINVAL           an entry offset is not 4-byte aligned
 * -EBADMSG          an entry (body, vrings, config space) runs past the end
 * -EILSEQ           a resource name is not NUL-terminated
 * -E2BIG            a vdev declares more vrings than supported
 * -EDOM             a vring size or alignment is out of bounds
 * -EADDRINUSE       two entries share an offset or overlap
 */

#include <linux/device.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/remoteproc.h>
#include <linux/string.h>

#include "remoteproc_rsc_table.h"

/**
 * struct rsc_entry - one table entry being validated
 * @dev: device used for log messages
 * @index: position of the entry in the offset array
 * @body: start of the entry, just after its type word
 * @avail: bytes from @body to the end of the table
 */
struct rsc_entry {
	struct device *dev;
	u32 index;
	const void *body;
	size_t avail;
};

/**
 * struct rsc_type_info - what the validator knows about a resource type
 * @name: human readable type name for log messages
 * @body_size: size of the fixed part of the body
 * @check: optional type-specific check, called once @body_size bytes are
 *	known to be inside the table
 */
struct rsc_type_info {
	const char *name;
	size_t body_size;
	int (*check)(const struct rsc_entry *entry);
};

static int rsc_check_name(const struct rsc_entry *entry, const u8 *name,
			  size_t len)
{
	if (memchr(name, '\0', len))
		return 0;

	dev_err_ratelimited(entry->dev,
			    "resource %u: name is not NUL-terminated\n",
			    entry->index);
	return -EILSEQ;
}

static int rsc_check_reserved_zero(const struct rsc_entry *entry, u32 val)
{
	if (!val)
		return 0;

	dev_err_ratelimited(entry->dev,
			    "resource %u: reserved field is %#x, must be 0\n",
			    entry->index, val);
	return -EPROTO;
}

static int rsc_check_carveout(const struct rsc_entry *entry)
{
	const struct fw_rsc_carveout *rsc = entry->body;

	/* 6.1 never enforced @reserved of a carveout: keep accepting it. */
	return rsc_check_name(entry, rsc->name, sizeof(rsc->name));
}

static int rsc_check_devmem(const struct rsc_entry *entry)
{
	const struct fw_rsc_devmem *rsc = entry->body;
	int ret;

	ret = rsc_check_reserved_zero(entry, rsc->reserved);
	if (ret)
		return ret;

	return rsc_check_name(entry, rsc->name, sizeof(rsc->name));
}

static int rsc_check_trace(const struct rsc_entry *entry)
{
	const struct fw_rsc_trace *rsc = entry->body;
	int ret;

	ret = rsc_check_reserved_zero(entry, rsc->reserved);
	if (ret)
		return ret;

	return rsc_check_name(entry, rsc->name, sizeof(rsc->name));
}

static int rsc_check_vring(const struct rsc_entry *entry, unsigned int i,
			   const struct fw_rsc_vdev_vring *vring)
{
	if (vring->num < RPROC_RSC_VRING_MIN_NUM ||
	    vring->num > RPROC_RSC_VRING_MAX_NUM ||
	    !is_power_of_2(vring->num)) {
		dev_err_ratelimited(entry->dev,
				    "resource %u: vring %u has %u buffers, need a power of two in [%u, %u]\n",
				    entry->index, i, vring->num,
				    RPROC_RSC_VRING_MIN_NUM,
				    RPROC_RSC_VRING_MAX_NUM);
		return -EDOM;
	}

	if (vring->align < RPROC_RSC_VRING_MIN_ALIGN ||
	    vring->align > RPROC_RSC_VRING_MAX_ALIGN ||
	    !is_power_of_2(vring->align)) {
		dev_err_ratelimited(entry->dev,
				    "resource %u: vring %u alignment %#x, need a power of two in [%#x, %#x]\n",
				    entry->index, i, vring->align,
				    RPROC_RSC_VRING_MIN_ALIGN,
				    RPROC_RSC_VRING_MAX_ALIGN);
		return -EDOM;
	}

	return 0;
}

static int rsc_check_vdev(const struct rsc_entry *entry)
{
	const struct fw_rsc_vdev *rsc = entry->body;
	size_t need;
	unsigned int i;
	int ret;

	ret = rsc_check_reserved_zero(entry, rsc->reserved[0] | rsc->reserved[1]);
	if (ret)
		return ret;

	if (rsc->num_of_vrings > RPROC_RSC_MAX_VRINGS) {
		dev_err_ratelimited(entry->dev,
				    "resource %u: vdev has %u vrings, at most %u supported\n",
				    entry->index, rsc->num_of_vrings,
				    RPROC_RSC_MAX_VRINGS);
		return -E2BIG;
	}

	/* Body, vring array and config space must all be inside the table. */
	need = size_add(struct_size(rsc, vring, rsc->num_of_vrings),
			rsc->config_len);
	if (need > entry->avail) {
		dev_err_ratelimited(entry->dev,
				    "resource %u: vdev needs %zu bytes (config_len %u), only %zu left in table\n",
				    entry->index, need, rsc->config_len,
				    entry->avail);
		return -EBADMSG;
	}

	for (i = 0; i < rsc->num_of_vrings; i++) {
		ret = rsc_check_vring(entry, i, &rsc->vring[i]);
		if (ret)
			return ret;
	}

	return 0;
}

static const struct rsc_type_info rsc_types[RSC_LAST] = {
	[RSC_CARVEOUT] = {
		.name = "carveout",
		.body_size = sizeof(struct fw_rsc_carveout),
		.check = rsc_check_carveout,
	},
	[RSC_DEVMEM] = {
		.name = "devmem",
		.body_size = sizeof(struct fw_rsc_devmem),
		.check = rsc_check_devmem,
	},
	[RSC_TRACE] = {
		.name = "trace",
		.body_size = sizeof(struct fw_rsc_trace),
		.check = rsc_check_trace,
	},
	[RSC_VDEV] = {
		.name = "vdev",
		.body_size = sizeof(struct fw_rsc_vdev),
		.check = rsc_check_vdev,
	},
};

/*
 * Bytes an entry covers, type word included: what the validator checked
 * to be inside the table.  Vendor entries and unknown types are opaque,
 * so only their type word counts.
 */
static size_t rsc_entry_len(const struct fw_rsc_hdr *hdr)
{
	const struct fw_rsc_vdev *vdev = (const void *)hdr->data;
	size_t len = sizeof(*hdr);

	if (hdr->type >= RSC_LAST)
		return len;
	len += rsc_types[hdr->type].body_size;
	if (hdr->type == RSC_VDEV)
		len += vdev->num_of_vrings * sizeof(vdev->vring[0]) +
		       vdev->config_len;
	return len;
}

/*
 * Two entries at one offset, or one starting inside another, would let a
 * handler's write-back (a carveout address, a vdev's status) change what
 * another handler already took from the table.  Called once every entry
 * is known to be inside the table; at most RPROC_RSC_TABLE_MAX_ENTRIES
 * entries, so comparing every pair stays cheap.
 */
static int rsc_check_overlaps(struct device *dev,
			      const struct resource_table *table)
{
	u32 a_start, a_end, b_start, b_end;
	u32 i, j;

	for (i = 1; i < table->num; i++) {
		a_start = table->offset[i];
		a_end = a_start + rsc_entry_len((const void *)table + a_start);
		for (j = 0; j < i; j++) {
			b_start = table->offset[j];
			b_end = b_start +
				rsc_entry_len((const void *)table + b_start);
			if (a_start >= b_end || b_start >= a_end)
				continue;
			dev_err_ratelimited(dev,
					    "resource %u: bytes [%#x, %#x) overlap resource %u at [%#x, %#x)\n",
					    i, a_start, a_end, j, b_start,
					    b_end);
			return -EADDRINUSE;
		}
	}
	return 0;
}

static int rsc_check_entry(struct device *dev,
			   const struct resource_table *table, size_t size,
			   size_t first, u32 index)
{
	const struct rsc_type_info *info;
	const struct fw_rsc_hdr *hdr;
	struct rsc_entry entry;
	u32 offset = table->offset[index];

	/* Callers guarantee @first <= @size and @size >= 16. */
	if (offset < first || offset > size - sizeof(*hdr)) {
		dev_err_ratelimited(dev,
				    "resource %u: offset %#x outside entry area [%#zx, %#zx)\n",
				    index, offset, first, size);
		return -ERANGE;
	}

	if (!IS_ALIGNED(offset, sizeof(u32))) {
		dev_err_ratelimited(dev,
				    "resource %u: offset %#x is not 4-byte aligned\n",
				    index, offset);
		return -EINVAL;
	}

	hdr = (const void *)table + offset;
	entry.dev = dev;
	entry.index = index;
	entry.body = hdr->data;
	entry.avail = size - offset - sizeof(*hdr);

	if (hdr->type >= RSC_VENDOR_START && hdr->type <= RSC_VENDOR_END)
		return 0;	/* opaque to us, the platform driver checks it */

	if (hdr->type >= RSC_LAST) {
		dev_warn_ratelimited(dev,
				     "resource %u: unknown type %u, ignored\n",
				     index, hdr->type);
		return 0;
	}

	info = &rsc_types[hdr->type];
	if (info->body_size > entry.avail) {
		dev_err_ratelimited(dev,
				    "resource %u: %s entry needs %zu bytes, only %zu left in table\n",
				    index, info->name, info->body_size,
				    entry.avail);
		return -EBADMSG;
	}

	return info->check ? info->check(&entry) : 0;
}

/**
 * rproc_rsc_table_validate() - check a resource table before it is used
 * @dev: device to report problems against
 * @table: the table; must be a copy the remote cannot change any more
 * @size: number of bytes available at @table
 *
 * Verifies the header (version 1, reserved words zero), that the offset
 * array fits in @size, and for every entry that its offset lies after the
 * offset array, is 4-byte aligned, and that the whole entry is inside the
 * table: the type word, the fixed body of carveout (52 bytes), devmem (52),
 * trace (44) and vdev (24) entries, the vring array and the config space of
 * a vdev. No two entries may overlap (vendor and unknown entries count
 * with their type word only). The table may be at most
 * %RPROC_RSC_TABLE_MAX_SIZE bytes with at most %RPROC_RSC_TABLE_MAX_ENTRIES
 * entries. Names must be NUL-terminated, vdev entries may declare at most
 * %RPROC_RSC_MAX_VRINGS vrings, and each vring must have a power-of-two
 * number of buffers in [%RPROC_RSC_VRING_MIN_NUM, %RPROC_RSC_VRING_MAX_NUM]
 * and a power-of-two alignment in [%RPROC_RSC_VRING_MIN_ALIGN,
 * %RPROC_RSC_VRING_MAX_ALIGN]. Vendor entries (types %RSC_VENDOR_START to
 * %RSC_VENDOR_END) only need their type word inside the table; unknown
 * types are reported and accepted, the resource handlers skip them.
 *
 * After a successful return, code walking the table may trust every offset
 * and size in it. Each failure is logged (rate-limited) with the entry index.
 *
 * Context: any context; does not sleep and does not allocate.
 * Return: 0 if the table is valid, otherwise a negative error code that
 * names the kind of defect: -EFBIG (table or entry count over the limits),
 * -EMSGSIZE (header or offset array truncated),
 * -EPROTONOSUPPORT (version), -EPROTO (reserved field set), -ERANGE (entry
 * offset out of the table), -EINVAL (entry offset misaligned), -EBADMSG
 * (entry truncated), -EILSEQ (unterminated name), -E2BIG (too many vrings),
 * -EDOM (bad vring size or alignment) or -EADDRINUSE (entries overlap).
 */
int rproc_rsc_table_validate(struct device *dev,
			     const struct resource_table *table, size_t size)
{
	size_t first;
	u32 i;
	int ret;

	if (size > RPROC_RSC_TABLE_MAX_SIZE) {
		dev_err_ratelimited(dev,
				    "resource table of %zu bytes is larger than %u\n",
				    size, RPROC_RSC_TABLE_MAX_SIZE);
		return -EFBIG;
	}

	if (!table || size < sizeof(*table)) {
		dev_err_ratelimited(dev,
				    "resource table of %zu bytes is smaller than its header\n",
				    size);
		return -EMSGSIZE;
	}

	if (table->ver != RPROC_RSC_TABLE_VERSION) {
		dev_err_ratelimited(dev,
				    "resource table version %u not supported (want %u)\n",
				    table->ver, RPROC_RSC_TABLE_VERSION);
		return -EPROTONOSUPPORT;
	}

	if (table->reserved[0] || table->reserved[1]) {
		dev_err_ratelimited(dev,
				    "resource table reserved words are %#x %#x, must be 0\n",
				    table->reserved[0], table->reserved[1]);
		return -EPROTO;
	}

	first = struct_size(table, offset, table->num);
	if (first > size) {
		dev_err_ratelimited(dev,
				    "resource table of %zu bytes cannot hold %u offsets\n",
				    size, table->num);
		return -EMSGSIZE;
	}

	if (table->num > RPROC_RSC_TABLE_MAX_ENTRIES) {
		dev_err_ratelimited(dev,
				    "resource table has %u entries, at most %u supported\n",
				    table->num, RPROC_RSC_TABLE_MAX_ENTRIES);
		return -EFBIG;
	}

	for (i = 0; i < table->num; i++) {
		ret = rsc_check_entry(dev, table, size, first, i);
		if (ret)
			return ret;
	}

	return rsc_check_overlaps(dev, table);
}
EXPORT_SYMBOL_GPL(rproc_rsc_table_validate);
