// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * lib.c - the few string helpers the stack needs, without a C library
 *
 * rr_vsnprintf() understands %% %c %s %d %i %u %x %X %p with the l, ll, z
 * and h length modifiers, the '-', '0' and '#' flags and a field width;
 * enough for log lines.  It always terminates the output and returns the
 * length the whole text would have had, like snprintf().
 */
#include "rpmsg_remote.h"

struct rr_out {
	char *buf;
	size_t size;
	size_t pos;
};

static void rr_put(struct rr_out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

static void rr_put_num(struct rr_out *o, unsigned long long v, unsigned int base,
		       bool neg, bool upper, bool alt, int width, char pad, bool left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	len = n + neg + (alt ? 2 : 0);
	if (pad == '0' && !left) {
		if (neg)
			rr_put(o, '-');
		if (alt) {
			rr_put(o, '0');
			rr_put(o, 'x');
		}
	}
	while (!left && width > len) {
		rr_put(o, pad);
		width--;
	}
	if (pad != '0' || left) {
		if (neg)
			rr_put(o, '-');
		if (alt) {
			rr_put(o, '0');
			rr_put(o, 'x');
		}
	}
	while (n)
		rr_put(o, tmp[--n]);
	while (left && width > len) {
		rr_put(o, ' ');
		width--;
	}
}

static unsigned long long rr_arg_unsigned(va_list *ap, int lmod)
{
	switch (lmod) {
	case 2:
		return va_arg(*ap, unsigned long long);
	case 1:
		return va_arg(*ap, unsigned long);
	case 3:
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

static long long rr_arg_signed(va_list *ap, int lmod)
{
	switch (lmod) {
	case 2:
		return va_arg(*ap, long long);
	case 1:
		return va_arg(*ap, long);
	case 3:
		return (long long)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

/**
 * rr_vsnprintf() - format into a bounded buffer
 * @buf: output
 * @size: its size (0 allowed)
 * @fmt: format, see the file comment
 * @ap: arguments
 *
 * Return: the length of the full output, not counting the NUL.
 */
int rr_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct rr_out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		bool left = false, alt = false;
		int width = 0, lmod = 0;
		char pad = ' ';
		unsigned long long uv;
		const char *s;
		long long sv;

		if (*fmt != '%') {
			rr_put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++) {
			if (*fmt == '-')
				left = true;
			else if (*fmt == '0')
				pad = '0';
			else
				alt = true;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (;; fmt++) {
			if (*fmt == 'l')
				lmod++;
			else if (*fmt == 'z')
				lmod = 3;
			else if (*fmt != 'h')
				break;
		}
		switch (*fmt) {
		case '\0':
			fmt--;
			break;
		case 'c':
			rr_put(&o, (char)va_arg(args, int));
			break;
		case 's':
			s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			width -= (int)rr_strnlen(s, 4096);
			while (!left && width-- > 0)
				rr_put(&o, ' ');
			while (*s)
				rr_put(&o, *s++);
			while (left && width-- > 0)
				rr_put(&o, ' ');
			break;
		case 'd':
		case 'i':
			sv = rr_arg_signed(&args, lmod);
			uv = sv < 0 ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
			rr_put_num(&o, uv, 10, sv < 0, false, false, width, pad, left);
			break;
		case 'u':
			rr_put_num(&o, rr_arg_unsigned(&args, lmod), 10, false, false,
				   false, width, pad, left);
			break;
		case 'x':
		case 'X':
			rr_put_num(&o, rr_arg_unsigned(&args, lmod), 16, false,
				   *fmt == 'X', alt, width, pad, left);
			break;
		case 'p':
			rr_put_num(&o, (uintptr_t)va_arg(args, void *), 16, false,
				   false, true, width, pad, left);
			break;
		default:
			rr_put(&o, '%');
			rr_put(&o, *fmt);
			break;
		}
	}
	va_end(args);
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

/**
 * rr_snprintf() - format into a bounded buffer
 * @buf: output
 * @size: its size
 * @fmt: format, see rr_vsnprintf()
 *
 * Return: as rr_vsnprintf().
 */
int rr_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rr_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/**
 * rr_strnlen() - length of a string, looking at no more than @max bytes
 * @s: string
 * @max: bound
 *
 * Return: the length, at most @max.
 */
size_t rr_strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

/**
 * rr_strncmp() - compare at most @n bytes of two strings
 * @a: first
 * @b: second
 * @n: bound
 *
 * Return: <0, 0 or >0 as strncmp().
 */
int rr_strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

/**
 * rr_strtoul() - parse an unsigned number
 * @s: text; leading blanks are skipped
 * @end: set to the first character not parsed (may be NULL)
 * @base: 10, 16, or 0 to accept a 0x prefix
 *
 * Return: the value; overflow wraps.
 */
unsigned long rr_strtoul(const char *s, const char **end, int base)
{
	unsigned long v = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if ((base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
		base = 16;
	}
	if (!base)
		base = 10;
	for (;; s++) {
		unsigned int d;

		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		v = v * base + d;
	}
	if (end)
		*end = s;
	return v;
}
