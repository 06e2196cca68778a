// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for rproc_rsc_table_validate()
 *
 * Each case starts from a valid table holding one entry of every type,
 * applies one defect and checks the exact error code. The table under test
 * is copied into a heap buffer of exactly the size passed to the validator,
 * so that KASAN reports any read past the end.
 */

#include <asm/unaligned.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "remoteproc_rsc_table.h"

#define TBL_ENTRIES	5
#define TBL_BUF_SIZE	512

/**
 * struct tbl - a resource table under construction
 * @buf: backing store, zero-filled
 * @size: size passed to the validator
 * @t: the header, at the start of @buf
 * @carveout: the carveout entry
 * @devmem: the devmem entry
 * @trace: the trace entry
 * @vdev: the vdev entry, with two vrings and 8 bytes of config space
 * @vendor: the type word of the vendor entry
 * @end: offset of the first byte after each entry, by entry index
 */
struct tbl {
	u8 buf[TBL_BUF_SIZE] __aligned(8);
	size_t size;
	struct resource_table *t;
	struct fw_rsc_carveout *carveout;
	struct fw_rsc_devmem *devmem;
	struct fw_rsc_trace *trace;
	struct fw_rsc_vdev *vdev;
	u32 *vendor;
	size_t end[TBL_ENTRIES];
};

/* Append an entry of @type with a @body_len byte body; return its body. */
static void *tbl_add(struct tbl *tb, u32 type, size_t body_len)
{
	struct fw_rsc_hdr *hdr;
	size_t off = ALIGN(tb->size, 4);
	unsigned int idx = tb->t->num++;

	tb->t->offset[idx] = off;
	hdr = (struct fw_rsc_hdr *)(tb->buf + off);
	hdr->type = type;
	tb->size = off + sizeof(*hdr) + body_len;
	tb->end[idx] = tb->size;
	return hdr->data;
}

static void tbl_build(struct tbl *tb)
{
	struct fw_rsc_vdev_vring *vr;
	unsigned int i;

	memset(tb, 0, sizeof(*tb));
	tb->t = (struct resource_table *)tb->buf;
	tb->t->ver = 1;
	tb->size = struct_size(tb->t, offset, TBL_ENTRIES);

	tb->carveout = tbl_add(tb, RSC_CARVEOUT, sizeof(*tb->carveout));
	tb->carveout->da = 0x10000000;
	tb->carveout->pa = FW_RSC_ADDR_ANY;
	tb->carveout->len = 0x10000;
	strscpy(tb->carveout->name, "text", sizeof(tb->carveout->name));

	tb->devmem = tbl_add(tb, RSC_DEVMEM, sizeof(*tb->devmem));
	tb->devmem->da = 0x4a000000;
	tb->devmem->pa = 0x4a000000;
	tb->devmem->len = 0x1000;
	strscpy(tb->devmem->name, "uart", sizeof(tb->devmem->name));

	tb->trace = tbl_add(tb, RSC_TRACE, sizeof(*tb->trace));
	tb->trace->da = 0x10008000;
	tb->trace->len = 0x1000;
	strscpy(tb->trace->name, "trace0", sizeof(tb->trace->name));

	tb->vdev = tbl_add(tb, RSC_VDEV, sizeof(*tb->vdev) + 2 * sizeof(*vr) + 8);
	tb->vdev->id = 7;
	tb->vdev->dfeatures = 1;
	tb->vdev->config_len = 8;
	tb->vdev->num_of_vrings = 2;
	for (i = 0; i < 2; i++) {
		vr = &tb->vdev->vring[i];
		vr->da = FW_RSC_ADDR_ANY;
		vr->align = 0x1000;
		vr->num = 256;
		vr->notifyid = FW_RSC_ADDR_ANY;
	}

	tb->vendor = tbl_add(tb, RSC_VENDOR_START + 2, 8);
}

/* Size of the table tbl_build() makes: 36 + 56 + 56 + 48 + 76 + 12. */
#define TBL_FULL	284

/* Entry indexes in the table tbl_build() makes */
enum { E_CARVEOUT, E_DEVMEM, E_TRACE, E_VDEV, E_VENDOR, E_HDR = -1 };

/**
 * struct tbl_poke - one change applied to the built table
 * @entry: entry index (its body is the base), or %E_HDR for the header
 * @at: byte offset from the base
 * @len: 1 or 4 to store @val as u8 or u32; any other non-zero length fills
 *	 that many bytes with @val
 * @val: the value
 */
struct tbl_poke {
	int entry;
	unsigned int at;
	unsigned int len;
	u32 val;
};

#define POKE32(e, type, field, v)					\
	{ .entry = (e), .at = offsetof(type, field), .len = 4, .val = (v) }
#define POKE8(e, type, field, v)					\
	{ .entry = (e), .at = offsetof(type, field), .len = 1, .val = (v) }
#define HDR(field, v)	POKE32(E_HDR, struct resource_table, field, v)
#define VDEV(field, v)	POKE32(E_VDEV, struct fw_rsc_vdev, field, v)
#define VDEV8(field, v)	POKE8(E_VDEV, struct fw_rsc_vdev, field, v)
/* Fill a whole 32-byte name with the character @c */
#define FILL(e, type, c)						\
	{ .entry = (e), .at = offsetof(type, name), .len = 32, .val = (c) }

/**
 * struct rsc_case - one table and the result expected for it
 * @desc: case name
 * @poke: changes, applied in order; unused slots have @len 0
 * @keep: if non-zero, keep this many entries and end the table after the
 *	  last kept one
 * @cut: bytes removed from the end of the table
 * @grow: bytes of zero padding added at the end
 * @size: if non-zero, size passed to the validator minus one
 * @err: expected return value
 */
struct rsc_case {
	const char *desc;
	struct tbl_poke poke[4];
	unsigned int keep;
	unsigned int cut;
	unsigned int grow;
	unsigned int size;
	int err;
};

static void tbl_apply(struct tbl *tb, const struct rsc_case *c)
{
	const struct tbl_poke *p;
	unsigned int i;
	u8 *base;

	for (i = 0; i < ARRAY_SIZE(c->poke) && c->poke[i].len; i++) {
		p = &c->poke[i];
		base = p->entry == E_HDR ? tb->buf :
		       tb->buf + tb->t->offset[p->entry] + sizeof(u32);
		if (p->len == 1)
			base[p->at] = p->val;
		else if (p->len == 4)
			put_unaligned(p->val, (u32 *)(base + p->at));
		else
			memset(base + p->at, p->val, p->len);
	}

	if (c->keep) {
		tb->t->num = c->keep;
		tb->size = tb->end[c->keep - 1];
	}
	tb->size = tb->size - c->cut + c->grow;
	if (c->size)
		tb->size = c->size - 1;
}

static const struct rsc_case rsc_cases[] = {
	/* valid tables */
	{ "all types" },
	{ "no entries", { HDR(num, 0) }, .size = 16 + 1 },
	{ "vendor entry with only its type word", .cut = 8 },
	{ "last vendor type",
	  { { E_HDR, TBL_FULL - 12, 4, RSC_VENDOR_END } } },
	{ "unknown type 4 skipped",
	  { { E_HDR, TBL_FULL - 12, 4, RSC_LAST } } },
	{ "unknown type 513 skipped",
	  { { E_HDR, TBL_FULL - 12, 4, RSC_VENDOR_END + 1 } } },
	{ "carveout reserved set (6.1 compatible)",
	  { POKE32(E_CARVEOUT, struct fw_rsc_carveout, reserved, 1) } },
	{ "slack after last entry", .grow = 64 },
	{ "31-character name",
	  { { E_TRACE, offsetof(struct fw_rsc_trace, name), 31, 'n' } } },
	{ "vdev without vrings or config",
	  { VDEV8(num_of_vrings, 0), VDEV(config_len, 0) },
	  .keep = E_VDEV + 1, .cut = 48 },
	{ "vring limits",
	  { VDEV(vring[0].num, RPROC_RSC_VRING_MAX_NUM),
	    VDEV(vring[0].align, RPROC_RSC_VRING_MAX_ALIGN),
	    VDEV(vring[1].num, RPROC_RSC_VRING_MIN_NUM),
	    VDEV(vring[1].align, RPROC_RSC_VRING_MIN_ALIGN) } },
	{ "vdev with one vring, rest is config",
	  { VDEV8(num_of_vrings, 1), VDEV(config_len, 28) } },
	/* malformed tables */
	{ "empty buffer", .size = 0 + 1, .err = -EMSGSIZE },
	{ "header truncated", .size = 15 + 1, .err = -EMSGSIZE },
	{ "version 0", { HDR(ver, 0) }, .err = -EPROTONOSUPPORT },
	{ "version 2", { HDR(ver, 2) }, .err = -EPROTONOSUPPORT },
	{ "reserved[0] set", { HDR(reserved[0], 1) }, .err = -EPROTO },
	{ "reserved[1] set", { HDR(reserved[1], BIT(31)) }, .err = -EPROTO },
	{ "num larger than table", { HDR(num, 0x40000000) },
	  .err = -EMSGSIZE },
	{ "num U32_MAX", { HDR(num, U32_MAX) }, .err = -EMSGSIZE },
	{ "offset array truncated", .size = 16 + 12 + 1, .err = -EMSGSIZE },
	{ "offset at table end", { HDR(offset[1], TBL_FULL) }, .err = -ERANGE },
	{ "offset near U32_MAX", { HDR(offset[2], U32_MAX - 3) },
	  .err = -ERANGE },
	{ "offset into header", { HDR(offset[0], 0) }, .err = -ERANGE },
	{ "offset into offset array", { HDR(offset[3], 16) }, .err = -ERANGE },
	{ "type word cut by table end", { HDR(offset[4], TBL_FULL - 2) },
	  .err = -ERANGE },
	{ "offset misaligned", { HDR(offset[0], 38) }, .err = -EINVAL },
	{ "carveout truncated", .keep = 1, .cut = 1, .err = -EBADMSG },
	{ "devmem truncated", .keep = 2, .cut = 1, .err = -EBADMSG },
	{ "trace truncated", .keep = 3, .cut = 20, .err = -EBADMSG },
	{ "vdev body truncated", .keep = 4, .cut = 49,
	  .err = -EBADMSG },
	{ "vdev vring array truncated", .keep = 4, .cut = 28,
	  .err = -EBADMSG },
	{ "vdev config truncated", .keep = 4, .cut = 1,
	  .err = -EBADMSG },
	{ "vdev config_len U32_MAX", { VDEV(config_len, U32_MAX) },
	  .err = -EBADMSG },
	{ "vdev reserved set", { VDEV8(reserved[1], 1) }, .err = -EPROTO },
	{ "vdev with 3 vrings", { VDEV8(num_of_vrings, 3) }, .err = -E2BIG },
	{ "vdev with 255 vrings", { VDEV8(num_of_vrings, 255) }, .err = -E2BIG },
	{ "vring num 0", { VDEV(vring[0].num, 0) }, .err = -EDOM },
	{ "vring num 1", { VDEV(vring[1].num, 1) }, .err = -EDOM },
	{ "vring num not a power of two", { VDEV(vring[1].num, 96) },
	  .err = -EDOM },
	{ "vring num 65536", { VDEV(vring[0].num, 65536) }, .err = -EDOM },
	{ "vring align 0", { VDEV(vring[0].align, 0) }, .err = -EDOM },
	{ "vring align 2", { VDEV(vring[1].align, 2) }, .err = -EDOM },
	{ "vring align not a power of two", { VDEV(vring[0].align, 48) },
	  .err = -EDOM },
	{ "vring align 128K", { VDEV(vring[0].align, SZ_128K) },
	  .err = -EDOM },
	{ "trace reserved set",
	  { POKE32(E_TRACE, struct fw_rsc_trace, reserved, 1) }, .err = -EPROTO },
	{ "devmem reserved set",
	  { POKE32(E_DEVMEM, struct fw_rsc_devmem, reserved, 4) },
	  .err = -EPROTO },
	{ "carveout name unterminated",
	  { FILL(E_CARVEOUT, struct fw_rsc_carveout, 'x') },
	  .err = -EILSEQ },
	{ "trace name unterminated",
	  { FILL(E_TRACE, struct fw_rsc_trace, 'y') }, .err = -EILSEQ },
	{ "devmem name unterminated",
	  { FILL(E_DEVMEM, struct fw_rsc_devmem, 'z') },
	  .err = -EILSEQ },
	{ "two entries at one offset", { HDR(offset[1], 36) },
	  .err = -EADDRINUSE },
	{ "entry inside a carveout", { HDR(offset[4], 36 + 8) },
	  .err = -EADDRINUSE },
	{ "vdev config over the next entry", { VDEV(config_len, 12) },
	  .err = -EADDRINUSE },
	{ "vendor entries at one offset",
	  { HDR(offset[3], TBL_FULL - 12) }, .err = -EADDRINUSE },
};

static void rsc_case_desc(const struct rsc_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rsc, rsc_cases, rsc_case_desc);

static void rsc_table_validate_test(struct kunit *test)
{
	const struct rsc_case *c = test->param_value;
	struct device *dev = test->priv;
	struct tbl *tb;
	void *copy;

	tb = kunit_kzalloc(test, sizeof(*tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tb);

	tbl_build(tb);
	KUNIT_ASSERT_EQ(test, tb->size, TBL_FULL);
	tbl_apply(tb, c);
	KUNIT_ASSERT_LE(test, tb->size, sizeof(tb->buf));

	/* Exactly @size bytes: KASAN catches any read past the end. */
	copy = kunit_kmalloc(test, tb->size ?: 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, tb->buf, tb->size);

	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(dev, copy, tb->size),
			c->err);
}

#define FUZZ_ROUNDS	512

/*
 * Independent statement of what a valid table guarantees: every entry,
 * with its vrings and config space, lies inside the table.
 */
static bool tbl_entries_inside(const struct resource_table *t, size_t size)
{
	const struct fw_rsc_vdev *vdev;
	const struct fw_rsc_hdr *hdr;
	size_t end;
	u32 i;

	for (i = 0; i < t->num; i++) {
		hdr = (const void *)t + t->offset[i];
		end = t->offset[i] + sizeof(*hdr);
		switch (hdr->type) {
		case RSC_CARVEOUT:
			end += sizeof(struct fw_rsc_carveout);
			break;
		case RSC_DEVMEM:
			end += sizeof(struct fw_rsc_devmem);
			break;
		case RSC_TRACE:
			end += sizeof(struct fw_rsc_trace);
			break;
		case RSC_VDEV:
			vdev = (const void *)hdr->data;
			end += struct_size(vdev, vring, vdev->num_of_vrings) +
			       vdev->config_len;
			break;
		}
		if (end > size)
			return false;
	}
	return true;
}

/*
 * Flip random bytes of the table (and sometimes shorten it), validate,
 * and check that an accepted table really keeps every entry inside. The
 * seed is logged so that a failing round can be replayed.
 */
static void rsc_table_fuzz_test(struct kunit *test)
{
	unsigned int round, flips, accepted = 0;
	u32 seed = get_random_u32();
	struct rnd_state rnd;
	struct tbl *tb;
	void *copy;
	int ret;

	tb = kunit_kzalloc(test, sizeof(*tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tb);
	kunit_info(test, "seed %u\n", seed);
	prandom_seed_state(&rnd, seed);

	for (round = 0; round < FUZZ_ROUNDS; round++) {
		tbl_build(tb);
		for (flips = 1 + prandom_u32_state(&rnd) % 3; flips; flips--)
			tb->buf[prandom_u32_state(&rnd) % TBL_FULL] ^=
				1 + prandom_u32_state(&rnd) % 255;
		if (!(round % 8))
			tb->size -= prandom_u32_state(&rnd) % 64;

		copy = kunit_kmalloc(test, tb->size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, copy);
		memcpy(copy, tb->buf, tb->size);

		ret = rproc_rsc_table_validate(test->priv, copy, tb->size);
		if (!ret) {
			accepted++;
			KUNIT_EXPECT_TRUE_MSG(test,
					      tbl_entries_inside(copy, tb->size),
					      "round %u: accepted a table with an entry outside",
					      round);
		}
		kunit_kfree(test, copy);
	}
	kunit_info(test, "%u of %u corrupted tables accepted\n", accepted,
		   FUZZ_ROUNDS);
}

/*
 * A table of @num vendor entries of 4 bytes each, in a buffer of @size
 * bytes (zero padding after the last entry).
 */
static struct resource_table *tbl_vendor_only(struct kunit *test, u32 num,
					      size_t size)
{
	size_t head = struct_size((struct resource_table *)NULL, offset, num);
	struct resource_table *t;
	u32 i;

	KUNIT_ASSERT_LE(test, head + 4 * num, size);
	t = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->ver = 1;
	t->num = num;
	for (i = 0; i < num; i++) {
		t->offset[i] = head + 4 * i;
		*(u32 *)((void *)t + t->offset[i]) = RSC_VENDOR_START;
	}
	return t;
}

/* The size and entry limits: at the limit accepted, beyond it -EFBIG. */
static void rsc_table_limits_test(struct kunit *test)
{
	const size_t max = RPROC_RSC_TABLE_MAX_SIZE;
	const u32 most = RPROC_RSC_TABLE_MAX_ENTRIES;
	struct resource_table *t;

	t = tbl_vendor_only(test, 1, max + 4);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, t, max), 0);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, t, max + 1),
			-EFBIG);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, t, SIZE_MAX),
			-EFBIG);

	t = tbl_vendor_only(test, most, SZ_4K);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, t, SZ_4K), 0);
	t = tbl_vendor_only(test, most + 1, SZ_4K);
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, t, SZ_4K),
			-EFBIG);
}

static void rsc_table_null_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, rproc_rsc_table_validate(test->priv, NULL, 64),
			-EMSGSIZE);
}

static int rsc_table_test_init(struct kunit *test)
{
	/* No owner module: see remoteproc_elf_test.c */
	struct device *dev = __root_device_register("rproc-rsc-table-test", NULL);

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	test->priv = dev;
	return 0;
}

static void rsc_table_test_exit(struct kunit *test)
{
	root_device_unregister(test->priv);
}

static struct kunit_case rsc_table_test_cases[] = {
	KUNIT_CASE_PARAM(rsc_table_validate_test, rsc_gen_params),
	KUNIT_CASE(rsc_table_null_test),
	KUNIT_CASE(rsc_table_limits_test),
	KUNIT_CASE(rsc_table_fuzz_test),
	{}
};

static struct kunit_suite rsc_table_test_suite = {
	.name = "remoteproc_rsc_table",
	.init = rsc_table_test_init,
	.exit = rsc_table_test_exit,
	.test_cases = rsc_table_test_cases,
};

kunit_test_suite(rsc_table_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for remoteproc resource table validation");
