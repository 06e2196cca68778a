// SPDX-License-Identifier: GPL-2.0-only
/*
 * rproc-inspect - show and check a remoteproc firmware image
 *
 * Prints the ELF header, the loadable segments, the sections and the decoded
 * resource table, then checks the image with the kernel's rules. Exit status:
 * 0 the kernel would load it, 1 it would refuse it (the reason and the
 * kernel's error code are printed on stderr), 2 usage or I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/elf.h>

#include "rproc_image.h"

#define MAX_REGIONS	16

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rproc-inspect [-q] [-c 32|64] [-M MACHINE] [-m DA:LEN]... IMAGE\n"
		"  -q, --quiet           print nothing but the verdict\n"
		"  -c, --class CLASS     the processor runs ELFCLASS32 or ELFCLASS64\n"
		"                        images only (32 or 64)\n"
		"  -M, --machine NUMBER  the processor's e_machine number\n"
		"  -m, --region DA:LEN   a memory region the processor maps\n"
		"                        (repeatable, at most %d); with it, segments\n"
		"                        and the loaded table are placed\n"
		"  -h, --help            print this and exit\n"
		"IMAGE may be '-' for stdin. Numbers take a 0x prefix for hex.\n"
		"exit: 0 valid, 1 rejected (reason on stderr), 2 usage or I/O error\n",
		MAX_REGIONS);
}

static int read_file(const char *path, uint8_t **data, size_t *size)
{
	size_t cap = 65536, len = 0, n;
	uint8_t *buf = malloc(cap), *nbuf;
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;

	if (!f || !buf) {
		fprintf(stderr, "rproc-inspect: %s: %s\n", path, strerror(errno));
		free(buf);
		return -1;
	}
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len < cap)
			continue;
		nbuf = realloc(buf, cap * 2);
		if (!nbuf) {
			free(buf);
			fclose(f);
			return -1;
		}
		buf = nbuf;
		cap *= 2;
	}
	if (f != stdin)
		fclose(f);
	*data = buf;
	*size = len;
	return 0;
}

static const char *addr(uint32_t v, char *buf, size_t n)
{
	if (v == RR_RSC_ADDR_ANY)
		return "any";
	snprintf(buf, n, "0x%08x", v);
	return buf;
}

static void show_entry(const uint8_t *e, size_t avail, unsigned int i)
{
	uint32_t type;
	char a[16], b[16];
	unsigned int v;

	memcpy(&type, e, sizeof(type));
	printf("  [%u] %-8s", i, rsc_type_name(type));

	if (type == RR_RSC_CARVEOUT || type == RR_RSC_DEVMEM) {
		const struct rr_rsc_mem *m = (const void *)e;

		printf(" name=%s da=%s pa=%s len=0x%x flags=0x%x\n", m->name,
		       addr(m->da, a, sizeof(a)), addr(m->pa, b, sizeof(b)),
		       m->len, m->flags);
	} else if (type == RR_RSC_TRACE) {
		const struct rr_rsc_trace *t = (const void *)e;

		printf(" name=%s da=%s len=0x%x\n", t->name,
		       addr(t->da, a, sizeof(a)), t->len);
	} else if (type == RR_RSC_VDEV) {
		const struct rr_rsc_vdev *d = (const void *)e;
		const struct rr_rsc_vring *r = (const void *)(d + 1);

		printf(" id=%u notifyid=%s dfeatures=0x%x gfeatures=0x%x config_len=%u status=0x%x vrings=%u\n",
		       d->id, addr(d->notifyid, a, sizeof(a)), d->dfeatures,
		       d->gfeatures, d->config_len, d->status,
		       d->num_of_vrings);
		for (v = 0; v < d->num_of_vrings; v++)
			printf("        vring%u da=%s align=0x%x num=%u notifyid=%s\n",
			       v, addr(r[v].da, a, sizeof(a)), r[v].align,
			       r[v].num, addr(r[v].notifyid, b, sizeof(b)));
	} else {
		printf(" type=%u, %zu bytes to the end of the table%s\n", type,
		       avail - 4, type < RR_RSC_VENDOR_START ? " (ignored)" : "");
	}
}

static void show(const struct img *img)
{
	const struct rr_rsc_hdr *t = (const void *)img->table;
	unsigned int i;
	uint32_t off;

	printf("ELF%u machine %u entry 0x%llx, %zu bytes\n",
	       img->class == ELFCLASS64 ? 64 : 32, img->machine,
	       (unsigned long long)img->entry, img->size);

	printf("segments (PT_LOAD, by device address):\n");
	for (i = 0; i < img->nsegs; i++) {
		const struct img_seg *s = &img->segs[i];

		printf("  [%u] da 0x%08llx offset 0x%06llx filesz 0x%06llx memsz 0x%06llx %c%c%c\n",
		       s->index, (unsigned long long)s->da,
		       (unsigned long long)s->offset,
		       (unsigned long long)s->filesz,
		       (unsigned long long)s->memsz,
		       s->flags & PF_R ? 'r' : '-', s->flags & PF_W ? 'w' : '-',
		       s->flags & PF_X ? 'x' : '-');
	}

	printf("sections:\n");
	for (i = 0; i < img->nsects; i++) {
		const struct img_sect *s = &img->sects[i];

		printf("  [%u] %-18s type %-2u addr 0x%08llx offset 0x%06llx size 0x%06llx\n",
		       i, s->name, s->type, (unsigned long long)s->addr,
		       (unsigned long long)s->offset,
		       (unsigned long long)s->size);
	}

	if (!img->table) {
		printf("resource table: none\n");
		return;
	}
	printf("resource table: section %u, %zu bytes, version %u, %u entries\n",
	       img->table_sect, img->table_size, t->ver, t->num);
	for (i = 0; i < t->num; i++) {
		memcpy(&off, img->table + sizeof(*t) + 4 * i, sizeof(off));
		show_entry(img->table + off, img->table_size - off, i);
	}
}

/* A whole unsigned number, decimal or 0x hex, no sign, up to @max. */
static int parse_num(const char *s, uint64_t max, uint64_t *v, char **rest)
{
	char *end;

	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, 0);
	if (errno || end == s || *v > max)
		return -1;
	if (rest)
		*rest = end;
	else if (*end)
		return -1;
	return 0;
}

static int parse_region(const char *arg, struct img_region *r)
{
	uint64_t da, len;
	char *end;

	if (parse_num(arg, UINT64_MAX, &da, &end) || *end != ':' ||
	    parse_num(end + 1, UINT64_MAX, &len, NULL) || !len)
		return -1;
	r->da = da;
	r->len = len;
	return 0;
}

__attribute__((format(printf, 1, 2)))
static int bad_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rproc-inspect: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'rproc-inspect --help'.\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct img_region regions[MAX_REGIONS];
	struct img img = { 0 };
	uint8_t *data;
	bool quiet = false;
	int i, ret;

	static const struct option opts[] = {
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "class",	required_argument,	NULL, 'c' },
		{ "machine",	required_argument,	NULL, 'M' },
		{ "region",	required_argument,	NULL, 'm' },
		{ "help",	no_argument,		NULL, 'h' },
		{ }
	};
	uint64_t v;
	int c;

	while ((c = getopt_long(argc, argv, "qc:M:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'q':
			quiet = true;
			break;
		case 'c':
			if (!strcmp(optarg, "32"))
				img.want_class = ELFCLASS32;
			else if (!strcmp(optarg, "64"))
				img.want_class = ELFCLASS64;
			else
				return bad_usage("--class takes 32 or 64, not '%s'",
						 optarg);
			break;
		case 'M':
			if (parse_num(optarg, UINT16_MAX, &v, NULL))
				return bad_usage("--machine: bad number '%s'",
						 optarg);
			img.want_machine = v;
			break;
		case 'm':
			if (img.nregions >= MAX_REGIONS)
				return bad_usage("at most %d regions", MAX_REGIONS);
			if (parse_region(optarg, &regions[img.nregions]))
				return bad_usage("--region takes DA:LEN with LEN > 0, not '%s'",
						 optarg);
			img.nregions++;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	i = optind;
	img.regions = regions;

	if (read_file(argv[i], &data, &img.size))
		return 2;
	img.data = data;

	ret = img_check(&img);
	if (!ret && !quiet)
		show(&img);
	if (ret)
		fprintf(stderr, "rproc-inspect: %s: invalid: %s [%s]\n", argv[i],
			img.msg, img_errname(img.err));
	else if (!quiet)
		printf("%s: valid\n", argv[i]);

	img_release(&img);
	free(data);
	return ret ? 1 : 0;
}
