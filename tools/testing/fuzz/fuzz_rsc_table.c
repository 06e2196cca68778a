// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz rproc_rsc_table_validate() (drivers/remoteproc/remoteproc_rsc_table.c).
 *
 * Input: a resource table, copied into a buffer of exactly its size, so
 * that AddressSanitizer sees any read past the end. Contract checked on
 * every table the validator accepts: each entry's type word, its fixed
 * body, a vdev's vring array and config space and every name lie inside
 * the table, names are NUL-terminated, and vrings have the sizes the
 * validator promises. A rejected table must get one of its documented
 * error codes.
 */
#include "../../../drivers/remoteproc/remoteproc_rsc_table.c"
#include "fuzz_check.h"

static const int rsc_errors[] = {
	EFBIG, EMSGSIZE, EPROTONOSUPPORT, EPROTO, ERANGE, EINVAL, EBADMSG,
	EILSEQ, E2BIG, EDOM, EADDRINUSE,
	0
};

static void check_name(const u8 *name, size_t len)
{
	FUZZ_CHECK(memchr(name, '\0', len));
	FUZZ_CHECK(strlen((const char *)name) < len);
}

/* Walk an accepted table the way the resource handlers do. */
static void walk_table(const struct resource_table *table, size_t size)
{
	u32 i;

	FUZZ_CHECK(struct_size(table, offset, table->num) <= size);
	for (i = 0; i < table->num; i++) {
		u32 off = table->offset[i];
		const struct fw_rsc_hdr *hdr = (const void *)table + off;
		size_t avail;

		FUZZ_CHECK(off % 4 == 0);
		FUZZ_CHECK(off >= struct_size(table, offset, table->num));
		FUZZ_CHECK((size_t)off + sizeof(*hdr) <= size);
		avail = size - off - sizeof(*hdr);

		switch (hdr->type) {
		case RSC_CARVEOUT: {
			const struct fw_rsc_carveout *c = (const void *)hdr->data;

			FUZZ_CHECK(sizeof(*c) <= avail);
			check_name(c->name, sizeof(c->name));
			break;
		}
		case RSC_DEVMEM: {
			const struct fw_rsc_devmem *d = (const void *)hdr->data;

			FUZZ_CHECK(sizeof(*d) <= avail);
			FUZZ_CHECK(d->reserved == 0);
			check_name(d->name, sizeof(d->name));
			break;
		}
		case RSC_TRACE: {
			const struct fw_rsc_trace *t = (const void *)hdr->data;

			FUZZ_CHECK(sizeof(*t) <= avail);
			FUZZ_CHECK(t->reserved == 0);
			check_name(t->name, sizeof(t->name));
			break;
		}
		case RSC_VDEV: {
			const struct fw_rsc_vdev *v = (const void *)hdr->data;
			const u8 *cfg;
			u8 sum = 0;
			u32 j;

			FUZZ_CHECK(sizeof(*v) <= avail);
			FUZZ_CHECK(v->num_of_vrings <= RPROC_RSC_MAX_VRINGS);
			FUZZ_CHECK(struct_size(v, vring, v->num_of_vrings) +
				   v->config_len <= avail);
			for (j = 0; j < v->num_of_vrings; j++) {
				const struct fw_rsc_vdev_vring *r = &v->vring[j];

				FUZZ_CHECK(is_power_of_2(r->num));
				FUZZ_CHECK(r->num >= RPROC_RSC_VRING_MIN_NUM &&
					   r->num <= RPROC_RSC_VRING_MAX_NUM);
				FUZZ_CHECK(is_power_of_2(r->align));
				FUZZ_CHECK(r->align >= RPROC_RSC_VRING_MIN_ALIGN &&
					   r->align <= RPROC_RSC_VRING_MAX_ALIGN);
			}
			/* Touch the whole config space: ASan checks the bounds. */
			cfg = (const u8 *)&v->vring[v->num_of_vrings];
			for (j = 0; j < v->config_len; j++)
				sum += cfg[j];
			fuzz_sink(sum);
			break;
		}
		default:
			break;
		}
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct device dev = {};
	struct resource_table *table;
	int ret;

	table = malloc(size ? size : 1);
	memcpy(table, data, size);

	ret = rproc_rsc_table_validate(&dev, size ? table : NULL, size);
	if (ret)
		FUZZ_CHECK_ERRNO(ret, rsc_errors);
	else
		walk_table(table, size);

	free(table);
	return 0;
}
