// SPDX-License-Identifier: GPL-2.0-only
/*
 * rproc-mkimage - build a remoteproc firmware image from a text description
 *
 * The description is a list of lines "keyword key=value ...", '#' starts a
 * comment. See Documentation/driver-api/remoteproc/firmware-format.rst for
 * the syntax, or run rproc-mkimage -h. The image is an ELF32 or ELF64
 * executable with one PT_LOAD segment per "segment" line, a
 * ".resource_table" section (loaded at the "table" address) and section
 * headers. It is checked with the kernel's rules before it is written.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "remoteproc_elf_helpers.h"
#include "rproc_image.h"

#define MAX_SEGS	32
#define MAX_KEYS	16
#define TABLE_MAX	65536

struct seg {
	char name[32];
	uint64_t da;
	uint8_t *data;
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags;
	uint64_t offset;	/* in the output file */
};

struct desc {
	const char *path;
	unsigned int line;
	unsigned int class;
	unsigned int machine;
	uint64_t entry;
	struct seg segs[MAX_SEGS];
	unsigned int nsegs;
	bool has_table;
	uint64_t table_da;
	/* resource table being built */
	uint8_t table[TABLE_MAX];
	size_t table_len;
	uint32_t offsets[256];
	unsigned int nentries;
	size_t vdev_at;		/* offset of the last vdev entry */
	bool has_vdev;		/* there is one */
};

struct kv {
	char *key;
	char *val;
};

static const struct { const char *name; unsigned int em; } machines[] = {
	{ "none", EM_NONE }, { "x86", EM_386 }, { "x86_64", EM_X86_64 },
	{ "arm", EM_ARM }, { "aarch64", EM_AARCH64 }, { "riscv", EM_RISCV },
	{ "c6000", EM_TI_C6000 }, { "xtensa", EM_XTENSA },
	{ "mips", EM_MIPS }, { "ppc", EM_PPC },
};

__attribute__((format(printf, 2, 3), noreturn))
static void die(const struct desc *d, const char *fmt, ...)
{
	va_list ap;

	if (d && d->line)
		fprintf(stderr, "rproc-mkimage: %s:%u: ", d->path, d->line);
	else
		fprintf(stderr, "rproc-mkimage: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t num(const struct desc *d, const char *key, const char *s)
{
	unsigned int shift;
	char *end;
	uint64_t v;

	if (!strcmp(s, "any"))
		return RR_RSC_ADDR_ANY;
	if (*s == '-' || *s == '+' || *s == ' ')
		die(d, "%s: bad number '%s'", key, s);
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || (*end && (end[1] || !strchr("KkM", *end))))
		die(d, "%s: bad number '%s'", key, s);
	shift = *end == 'M' ? 20 : *end ? 10 : 0;
	if (v > UINT64_MAX >> shift)
		die(d, "%s: %s is too large", key, s);
	return v << shift;
}

static uint32_t num32(const struct desc *d, const char *key, const char *s)
{
	uint64_t v = num(d, key, s);

	if (v > UINT32_MAX)
		die(d, "%s: %s does not fit in 32 bits", key, s);
	return v;
}

/* Value of @key among @kv, or NULL; marks it used. */
static const char *get(struct kv *kv, unsigned int n, const char *key)
{
	unsigned int i;
	const char *v;

	for (i = 0; i < n; i++) {
		if (kv[i].key && !strcmp(kv[i].key, key)) {
			v = kv[i].val;
			kv[i].key = NULL;
			return v;
		}
	}
	return NULL;
}

static const char *need(struct desc *d, struct kv *kv, unsigned int n,
			const char *key)
{
	const char *v = get(kv, n, key);

	if (!v)
		die(d, "missing %s=", key);
	return v;
}

static void all_used(struct desc *d, struct kv *kv, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (kv[i].key)
			die(d, "unknown key '%s'", kv[i].key);
}

static void *table_grow(struct desc *d, size_t len)
{
	void *p;

	d->table_len = (d->table_len + 3) & ~(size_t)3;
	if (d->table_len + len > TABLE_MAX)
		die(d, "resource table larger than %d bytes", TABLE_MAX);
	p = d->table + d->table_len;
	d->table_len += len;
	return p;
}

/* Start a new entry of @type, @len bytes with its type word; return it. */
static void *add_entry(struct desc *d, uint32_t type, size_t len)
{
	uint8_t *e;

	if (d->nentries == sizeof(d->offsets) / sizeof(d->offsets[0]))
		die(d, "too many resource entries");
	e = table_grow(d, len);
	d->offsets[d->nentries++] = e - d->table;
	memcpy(e, &type, 4);
	return e;
}

static void set_name(struct desc *d, char *dst, const char *name)
{
	if (strlen(name) >= RR_RSC_NAME_LEN)
		die(d, "name '%s' longer than %d characters", name,
		    RR_RSC_NAME_LEN - 1);
	strcpy(dst, name);
}

static size_t hex_bytes(struct desc *d, const char *hex, uint8_t *out,
			size_t max)
{
	size_t n = 0;
	unsigned int byte;

	while (hex[0] && hex[1]) {
		if (n == max || sscanf(hex, "%2x", &byte) != 1)
			die(d, "bad hex data");
		out[n++] = byte;
		hex += 2;
	}
	if (*hex)
		die(d, "odd number of hex digits");
	return n;
}

static void do_mem(struct desc *d, uint32_t type, struct kv *kv,
		   unsigned int n)
{
	struct rr_rsc_mem *m = add_entry(d, type, sizeof(*m));
	const char *flags = get(kv, n, "flags");

	set_name(d, m->name, need(d, kv, n, "name"));
	m->da = num32(d, "da", need(d, kv, n, "da"));
	m->pa = num32(d, "pa", need(d, kv, n, "pa"));
	m->len = num32(d, "len", need(d, kv, n, "len"));
	m->flags = flags ? num32(d, "flags", flags) : 0;
}

static void do_trace(struct desc *d, struct kv *kv, unsigned int n)
{
	struct rr_rsc_trace *t = add_entry(d, RR_RSC_TRACE, sizeof(*t));

	set_name(d, t->name, need(d, kv, n, "name"));
	t->da = num32(d, "da", need(d, kv, n, "da"));
	t->len = num32(d, "len", need(d, kv, n, "len"));
}

static void do_vdev(struct desc *d, struct kv *kv, unsigned int n)
{
	struct rr_rsc_vdev *v = add_entry(d, RR_RSC_VDEV, sizeof(*v));
	const char *s;

	d->vdev_at = (uint8_t *)v - d->table;
	d->has_vdev = true;
	v->id = num32(d, "id", need(d, kv, n, "id"));
	s = get(kv, n, "notifyid");
	v->notifyid = s ? num32(d, "notifyid", s) : RR_RSC_ADDR_ANY;
	s = get(kv, n, "dfeatures");
	v->dfeatures = s ? num32(d, "dfeatures", s) : 0;
	s = get(kv, n, "config");
	v->config_len = s ? num32(d, "config", s) : 0;
	s = get(kv, n, "config-hex");
	if (s) {
		uint8_t buf[1024];
		size_t len = hex_bytes(d, s, buf, sizeof(buf));

		v->config_len = len;
		memcpy(table_grow(d, len), buf, len);
	} else if (v->config_len) {
		table_grow(d, v->config_len);
	}
}

static void do_vring(struct desc *d, struct kv *kv, unsigned int n)
{
	struct rr_rsc_vdev *v;
	struct rr_rsc_vring *r;
	uint8_t *cfg;
	const char *s;

	/* A vring goes between the vdev's fields and its config space. */
	if (!d->has_vdev || d->offsets[d->nentries - 1] != d->vdev_at)
		die(d, "'vring' must follow its 'vdev' line");
	v = (struct rr_rsc_vdev *)(d->table + d->vdev_at);
	cfg = (uint8_t *)(v + 1) + v->num_of_vrings * sizeof(*r);
	table_grow(d, sizeof(*r));
	memmove(cfg + sizeof(*r), cfg, v->config_len);
	r = (struct rr_rsc_vring *)cfg;
	memset(r, 0, sizeof(*r));
	r->da = num32(d, "da", need(d, kv, n, "da"));
	r->align = num32(d, "align", need(d, kv, n, "align"));
	r->num = num32(d, "num", need(d, kv, n, "num"));
	s = get(kv, n, "notifyid");
	r->notifyid = s ? num32(d, "notifyid", s) : RR_RSC_ADDR_ANY;
	v->num_of_vrings++;
}

static void do_vendor(struct desc *d, struct kv *kv, unsigned int n)
{
	uint32_t type = num32(d, "type", need(d, kv, n, "type"));
	const char *hex = get(kv, n, "data");
	uint8_t buf[1024];
	size_t len = hex ? hex_bytes(d, hex, buf, sizeof(buf)) : 0;

	memcpy((uint8_t *)add_entry(d, type, 4 + len) + 4, buf, len);
}

static void do_segment(struct desc *d, struct kv *kv, unsigned int n)
{
	struct seg *s = &d->segs[d->nsegs];
	const char *file = get(kv, n, "file");
	const char *fill = get(kv, n, "fill");
	const char *v;
	FILE *f;

	if (d->nsegs == MAX_SEGS)
		die(d, "too many segments");
	s->da = num(d, "da", need(d, kv, n, "da"));
	v = get(kv, n, "name");
	snprintf(s->name, sizeof(s->name), "%s", v ? v : "");
	if (!v)
		snprintf(s->name, sizeof(s->name), ".seg%u", d->nsegs);

	if (file && fill)
		die(d, "give file= or fill=, not both");
	if (file) {
		f = fopen(file, "rb");
		if (!f || fseek(f, 0, SEEK_END))
			die(d, "%s: %s", file, strerror(errno));
		s->filesz = ftell(f);
		rewind(f);
		s->data = malloc(s->filesz ?: 1);
		if (!s->data || fread(s->data, 1, s->filesz, f) != s->filesz)
			die(d, "%s: read error", file);
		fclose(f);
	} else if (fill) {
		s->filesz = num(d, "size", need(d, kv, n, "size"));
		s->data = malloc(s->filesz ?: 1);
		if (!s->data)
			die(d, "out of memory");
		memset(s->data, num(d, "fill", fill), s->filesz);
	}
	v = get(kv, n, "memsz");
	s->memsz = v ? num(d, "memsz", v) : s->filesz;
	if (!s->memsz)
		die(d, "segment of size 0");

	v = get(kv, n, "flags");
	s->flags = v ? 0 : PF_R | PF_W | PF_X;
	for (; v && *v; v++) {
		if (*v == 'r')
			s->flags |= PF_R;
		else if (*v == 'w')
			s->flags |= PF_W;
		else if (*v == 'x')
			s->flags |= PF_X;
		else
			die(d, "flags: use r, w and x");
	}
	d->nsegs++;
}

static void do_line(struct desc *d, char *line)
{
	struct kv kv[MAX_KEYS];
	unsigned int n = 0;
	char *word, *save, *eq, *kw;

	line[strcspn(line, "#\r\n")] = 0;
	kw = strtok_r(line, " \t", &save);
	if (!kw)
		return;

	while ((word = strtok_r(NULL, " \t", &save))) {
		eq = strchr(word, '=');
		if (n == MAX_KEYS)
			die(d, "too many keys");
		kv[n].key = word;
		kv[n].val = eq ? eq + 1 : "";
		if (eq)
			*eq = 0;
		n++;
	}

	if (!strcmp(kw, "class") && n == 1) {
		d->class = num(d, "class", kv[0].key) == 64 ? ELFCLASS64 :
							      ELFCLASS32;
		return;
	}
	if (!strcmp(kw, "machine") && n == 1) {
		size_t i;

		for (i = 0; i < sizeof(machines) / sizeof(machines[0]); i++)
			if (!strcmp(machines[i].name, kv[0].key))
				break;
		d->machine = i < sizeof(machines) / sizeof(machines[0]) ?
			     machines[i].em : num32(d, "machine", kv[0].key);
		return;
	}
	if (!strcmp(kw, "entry") && n == 1) {
		d->entry = num(d, "entry", kv[0].key);
		return;
	}

	if (!strcmp(kw, "segment")) {
		do_segment(d, kv, n);
	} else if (!strcmp(kw, "table")) {
		d->has_table = true;
		d->table_da = num(d, "da", need(d, kv, n, "da"));
	} else if (!strcmp(kw, "carveout")) {
		do_mem(d, RR_RSC_CARVEOUT, kv, n);
	} else if (!strcmp(kw, "devmem")) {
		do_mem(d, RR_RSC_DEVMEM, kv, n);
	} else if (!strcmp(kw, "trace")) {
		do_trace(d, kv, n);
	} else if (!strcmp(kw, "vdev")) {
		do_vdev(d, kv, n);
	} else if (!strcmp(kw, "vring")) {
		do_vring(d, kv, n);
	} else if (!strcmp(kw, "vendor")) {
		do_vendor(d, kv, n);
	} else {
		die(d, "unknown line '%s'", kw);
	}
	all_used(d, kv, n);
}

/* The final table: header, offset array, then the entries. */
static uint8_t *make_table(struct desc *d, size_t *len)
{
	size_t hdr = sizeof(struct rr_rsc_hdr) + 4 * d->nentries;
	struct rr_rsc_hdr *t;
	uint32_t off;
	unsigned int i;

	*len = hdr + d->table_len;
	t = calloc(1, *len);
	if (!t)
		die(NULL, "out of memory");
	t->ver = RR_RSC_VERSION;
	t->num = d->nentries;
	for (i = 0; i < d->nentries; i++) {
		off = hdr + d->offsets[i];
		memcpy((uint8_t *)(t + 1) + 4 * i, &off, 4);
	}
	memcpy((uint8_t *)t + hdr, d->table, d->table_len);
	return (uint8_t *)t;
}

struct out {
	uint8_t *buf;
	size_t len;
	size_t cap;
};

static size_t put(struct out *o, const void *p, size_t len, size_t align)
{
	size_t at = (o->len + align - 1) & ~(align - 1);

	if (at + len > o->cap) {
		o->cap = (at + len) * 2;
		o->buf = realloc(o->buf, o->cap);
		if (!o->buf)
			die(NULL, "out of memory");
	}
	memset(o->buf + o->len, 0, at - o->len);
	if (p)
		memcpy(o->buf + at, p, len);
	else
		memset(o->buf + at, 0, len);
	o->len = at + len;
	return at;
}

static void check_fits(const struct desc *d)
{
	unsigned int i;

	if (d->class == ELFCLASS64)
		return;
	if (d->entry > UINT32_MAX)
		die(d, "entry does not fit in ELF32");
	for (i = 0; i < d->nsegs; i++)
		if (d->segs[i].da + d->segs[i].memsz > 1ull << 32)
			die(d, "segment %s does not fit in ELF32",
			    d->segs[i].name);
}

static void build(struct desc *d, struct out *o)
{
	size_t ehsize = rproc_elf_hdr_size(d->class);
	size_t phsize = rproc_elf_phdr_size(d->class);
	size_t shsize = rproc_elf_shdr_size(d->class);
	unsigned int nph = d->nsegs + d->has_table, i, nsh = 0;
	char strtab[MAX_SEGS * 33 + 64] = "";
	size_t strlen_ = 1, table_len = 0, table_off = 0, str_off, sh_off, at;
	uint8_t *table = NULL;
	struct elf64_shdr sh[MAX_SEGS + 3];
	struct elf64_hdr eh = { 0 };
	struct elf64_phdr ph;

	check_fits(d);
	if (d->nentries && !d->has_table)
		die(d, "resources need a 'table da=ADDR' line");
	if (!nph)
		die(d, "nothing to load: add a 'segment' line");

	put(o, NULL, ehsize, 8);
	put(o, NULL, nph * phsize, 8);
	memset(sh, 0, sizeof(sh));
	nsh = 1;	/* SHN_UNDEF */

	for (i = 0; i < d->nsegs; i++) {
		struct seg *s = &d->segs[i];

		s->offset = put(o, s->data, s->filesz, 16);
		sh[nsh].sh_name = strlen_;
		strcpy(strtab + strlen_, s->name);
		strlen_ += strlen(s->name) + 1;
		sh[nsh].sh_type = s->filesz ? SHT_PROGBITS : SHT_NOBITS;
		sh[nsh].sh_flags = SHF_ALLOC | (s->flags & PF_W ? SHF_WRITE : 0) |
				   (s->flags & PF_X ? SHF_EXECINSTR : 0);
		sh[nsh].sh_addr = s->da;
		sh[nsh].sh_offset = s->offset;
		sh[nsh].sh_size = s->filesz ? s->filesz : s->memsz;
		sh[nsh].sh_addralign = 16;
		nsh++;
	}

	if (d->has_table) {
		table = make_table(d, &table_len);
		table_off = put(o, table, table_len, 16);
		sh[nsh].sh_name = strlen_;
		strcpy(strtab + strlen_, RR_RSC_TABLE_SECTION);
		strlen_ += sizeof(RR_RSC_TABLE_SECTION);
		sh[nsh].sh_type = SHT_PROGBITS;
		sh[nsh].sh_flags = SHF_ALLOC | SHF_WRITE;
		sh[nsh].sh_addr = d->table_da;
		sh[nsh].sh_offset = table_off;
		sh[nsh].sh_size = table_len;
		sh[nsh].sh_addralign = 4;
		nsh++;
	}

	sh[nsh].sh_name = strlen_;
	strcpy(strtab + strlen_, ".shstrtab");
	strlen_ += sizeof(".shstrtab");
	str_off = put(o, strtab, strlen_, 1);
	sh[nsh].sh_type = SHT_STRTAB;
	sh[nsh].sh_offset = str_off;
	sh[nsh].sh_size = strlen_;
	sh[nsh].sh_addralign = 1;
	nsh++;

	sh_off = put(o, NULL, 0, 8);
	for (i = 0; i < nsh; i++) {
		at = put(o, NULL, shsize, 8);
		rproc_elf_put_shdr(d->class, o->buf + at, &sh[i]);
	}

	/* Program headers, now that the offsets are known. */
	o->len = ehsize;
	o->len = (o->len + 7) & ~(size_t)7;
	for (i = 0; i < nph; i++) {
		memset(&ph, 0, sizeof(ph));
		ph.p_type = PT_LOAD;
		ph.p_align = 16;
		if (i < d->nsegs) {
			ph.p_flags = d->segs[i].flags;
			ph.p_offset = d->segs[i].offset;
			ph.p_paddr = d->segs[i].da;
			ph.p_filesz = d->segs[i].filesz;
			ph.p_memsz = d->segs[i].memsz;
		} else {
			ph.p_flags = PF_R | PF_W;
			ph.p_offset = table_off;
			ph.p_paddr = d->table_da;
			ph.p_filesz = table_len;
			ph.p_memsz = table_len;
		}
		ph.p_vaddr = ph.p_paddr;
		at = put(o, NULL, phsize, 8);
		rproc_elf_put_phdr(d->class, o->buf + at, &ph);
	}
	o->len = sh_off + nsh * shsize;

	rproc_elf_init_ident(&eh, d->class);
	eh.e_type = ET_EXEC;
	eh.e_machine = d->machine;
	eh.e_version = EV_CURRENT;
	eh.e_entry = d->entry;
	eh.e_phoff = (ehsize + 7) & ~(size_t)7;
	eh.e_shoff = sh_off;
	eh.e_ehsize = ehsize;
	eh.e_phentsize = phsize;
	eh.e_phnum = nph;
	eh.e_shentsize = shsize;
	eh.e_shnum = nsh;
	eh.e_shstrndx = nsh - 1;
	rproc_elf_put_hdr(d->class, o->buf, &eh);
	free(table);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: rproc-mkimage [-f] -o IMAGE DESCRIPTION\n"
		"  -o, --output IMAGE  output file\n"
		"  -f, --force         write the image even if the kernel would refuse it\n"
		"  -h, --help          print this and exit\n"
		"DESCRIPTION ('-' for stdin), one item per line:\n"
		"  class 32|64                  machine NAME|NUMBER\n"
		"  entry ADDR                   table da=ADDR\n"
		"  segment da=ADDR [name=S] [file=PATH | fill=BYTE size=N] [memsz=N] [flags=rwx]\n"
		"  carveout name=S da=ADDR pa=ADDR len=N [flags=N]\n"
		"  devmem name=S da=ADDR pa=ADDR len=N [flags=N]\n"
		"  trace name=S da=ADDR len=N\n"
		"  vdev id=N [dfeatures=N] [notifyid=N] [config=LEN | config-hex=HEX]\n"
		"  vring da=ADDR align=N num=N [notifyid=N]   (after its vdev)\n"
		"  vendor type=N [data=HEX]\n"
		"ADDR may be 'any' (0xffffffff); numbers take 0x, K and M.\n");
}

int main(int argc, char **argv)
{
	static struct desc d;
	const char *out_path = NULL;
	struct out o = { 0 };
	struct img img = { 0 };
	bool force = false;
	char line[4096];
	FILE *f;
	int i;

	static const struct option opts[] = {
		{ "output",	required_argument,	NULL, 'o' },
		{ "force",	no_argument,		NULL, 'f' },
		{ "help",	no_argument,		NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "o:fh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			out_path = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1 || !out_path) {
		usage(stderr);
		return 2;
	}
	i = optind;

	d.path = argv[i];
	d.class = ELFCLASS32;
	f = strcmp(d.path, "-") ? fopen(d.path, "r") : stdin;
	if (!f)
		die(NULL, "%s: %s", d.path, strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		d.line++;
		do_line(&d, line);
	}
	d.line = 0;
	if (f != stdin)
		fclose(f);

	build(&d, &o);

	img.data = o.buf;
	img.size = o.len;
	if (img_check(&img)) {
		fprintf(stderr, "rproc-mkimage: %s: the kernel would refuse this image: %s [%s]\n",
			force ? "warning" : "error", img.msg,
			img_errname(img.err));
		if (!force)
			return 1;
	}
	img_release(&img);

	f = fopen(out_path, "wb");
	if (!f || fwrite(o.buf, 1, o.len, f) != o.len || fclose(f))
		die(NULL, "%s: %s", out_path, strerror(errno));
	free(o.buf);
	for (i = 0; i < (int)d.nsegs; i++)
		free(d.segs[i].data);
	return 0;
}
