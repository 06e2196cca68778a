// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * trace.c - log lines into the trace resource
 *
 * Linux shows the trace buffer (a TRACE entry of the resource table pointing
 * at memory in the firmware image) as debugfs remoteprocN/trace0 and reads
 * it as a NUL-terminated string.  We append text and always keep a NUL
 * after it; when the buffer is full we start again at the top, so the file
 * shows everything written since the last wrap.  Lines are also copied to
 * the port's console, if it has one.
 */
#include "rr_string.h"

#include "rpmsg_remote.h"
#include "rr_port.h"

static char *rr_trace_buf;
static uint32_t rr_trace_len;
static uint32_t rr_trace_pos;

/**
 * rr_trace_init() - start logging into a trace buffer
 * @buf: the memory the TRACE resource entry points at
 * @len: its size; the last byte always stays a NUL
 */
void rr_trace_init(char *buf, uint32_t len)
{
	rr_trace_buf = len >= 2 ? buf : NULL;
	rr_trace_len = len;
	rr_trace_pos = 0;
	if (rr_trace_buf) {
		memset(buf, 0, len);
		rr_port_cache_flush(buf, len);
	}
}

/**
 * rr_trace_write() - append raw text
 * @s: text
 * @len: its length; embedded NULs are written as '?'
 */
void rr_trace_write(const char *s, size_t len)
{
	size_t i;

	rr_port_console(s, len);
	if (!rr_trace_buf)
		return;
	if (len > rr_trace_len - 1)
		len = rr_trace_len - 1;
	if (rr_trace_pos + len > rr_trace_len - 1) {
		/* wrap: the old text is hidden behind the new terminator */
		rr_trace_pos = 0;
	}
	for (i = 0; i < len; i++)
		rr_trace_buf[rr_trace_pos + i] = s[i] ? s[i] : '?';
	rr_trace_buf[rr_trace_pos + len] = '\0';
	rr_port_cache_flush(rr_trace_buf + rr_trace_pos, len + 1);
	rr_trace_pos += len;
}

/**
 * rr_trace_vprintf() - append formatted text (see rr_vsnprintf() for formats)
 * @fmt: format
 * @ap: arguments
 */
void rr_trace_vprintf(const char *fmt, va_list ap)
{
	char line[160];
	int n = rr_vsnprintf(line, sizeof(line), fmt, ap);

	if (n > (int)sizeof(line) - 1)
		n = sizeof(line) - 1;
	if (n > 0)
		rr_trace_write(line, n);
}

/**
 * rr_trace_printf() - append formatted text
 * @fmt: format
 */
void rr_trace_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rr_trace_vprintf(fmt, ap);
	va_end(ap);
}
