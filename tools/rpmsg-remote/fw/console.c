// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * console.c - a virtio console device (vdev1) that echoes lines
 *
 * Without VIRTIO_CONSOLE_F_MULTIPORT the device has one port on two rings:
 * vring 0 (receiveq) carries device->driver text into buffers Linux posts,
 * vring 1 (transmitq) carries what Linux writes.  We collect bytes into a
 * line, and when a '\n' arrives queue the line (with its '\n', '\r'
 * dropped) for output; output waits in a small FIFO until Linux posts
 * receive buffers.  With id VIRTIO_ID_CONSOLE Linux makes it an hvc
 * console, with VIRTIO_ID_RPROC_SERIAL a /dev/vportNpM port.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

#define FW_CONS_LINE	256
#define FW_CONS_FIFO	2048

static struct rr_vdev fw_cons;
static char fw_line[FW_CONS_LINE];
static uint32_t fw_line_len;
static char fw_fifo[FW_CONS_FIFO];
static uint32_t fw_fifo_head, fw_fifo_tail;	/* free-running */

/**
 * fw_console_init() - bind the console vdev entry
 * @rsc: vdev entry in the loaded resource table
 *
 * Return: 0 or -RR_EINVAL.
 */
int fw_console_init(volatile struct rr_rsc_vdev *rsc)
{
	int ret = rr_vdev_init(&fw_cons, rsc);

	if (ret)
		rr_trace_printf("console: bad vdev entry (%d)\n", ret);
	return ret;
}

static void fw_fifo_put(const char *s, uint32_t len)
{
	uint32_t i;

	if (len > FW_CONS_FIFO - (fw_fifo_head - fw_fifo_tail)) {
		rr_log_limited("console: output full, %u bytes dropped\n",
			       (unsigned int)len);
		return;
	}
	for (i = 0; i < len; i++)
		fw_fifo[(fw_fifo_head + i) % FW_CONS_FIFO] = s[i];
	fw_fifo_head += len;
}

static void fw_console_rx(const char *p, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++) {
		char c = p[i];

		if (c == '\r')
			continue;
		if (fw_line_len < FW_CONS_LINE)
			fw_line[fw_line_len++] = c;
		if (c == '\n' || fw_line_len == FW_CONS_LINE) {
			fw_fifo_put(fw_line, fw_line_len);
			fw_line_len = 0;
		}
	}
}

static int fw_console_tx(void)
{
	struct rr_vring *vr = &fw_cons.vring[0];
	struct rr_buf buf;
	int n = 0;

	while (fw_fifo_head != fw_fifo_tail && rr_vring_pop(vr, &buf) > 0) {
		uint32_t len = fw_fifo_head - fw_fifo_tail, i;
		char *dst = buf.va;

		if (len > buf.len)
			len = buf.len;
		for (i = 0; i < len; i++)
			dst[i] = fw_fifo[(fw_fifo_tail + i) % FW_CONS_FIFO];
		fw_fifo_tail += len;
		rr_port_cache_flush(dst, len);
		rr_vring_push(vr, buf.head, len);
		n++;
	}
	rr_vring_kick(vr);
	return n;
}

/**
 * fw_console_poll() - move console data both ways
 *
 * Return: number of buffers handled.
 */
int fw_console_poll(void)
{
	struct rr_vring *vr = &fw_cons.vring[1];
	struct rr_buf buf;
	int n = 0;

	if (rr_vdev_check_reset(&fw_cons)) {
		fw_line_len = 0;
		fw_fifo_head = 0;
		fw_fifo_tail = 0;
	}
	if (!fw_cons.live && rr_vdev_wait_live(&fw_cons, 0))
		return 0;
	while (n < vr->num && rr_vring_pop(vr, &buf) > 0) {
		fw_console_rx(buf.va, buf.len);
		rr_vring_push(vr, buf.head, 0);
		n++;
	}
	rr_vring_kick(vr);
	return n + fw_console_tx();
}

/**
 * fw_console_arm() - ask for kicks before idling
 *
 * Return: true if there is work already.
 */
bool fw_console_arm(void)
{
	bool busy;

	if (!fw_cons.live)
		return false;
	busy = rr_vring_notify_on(&fw_cons.vring[1]);
	if (fw_fifo_head != fw_fifo_tail)
		busy |= rr_vring_notify_on(&fw_cons.vring[0]);
	return busy;
}

/**
 * fw_console_disarm() - stop asking for kicks
 */
void fw_console_disarm(void)
{
	if (!fw_cons.live)
		return;
	rr_vring_notify_off(&fw_cons.vring[0]);
	rr_vring_notify_off(&fw_cons.vring[1]);
}
