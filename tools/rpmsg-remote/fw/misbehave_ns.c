// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * misbehave_ns.c - a remote that abuses the name service
 *
 * Linux must bound what one remote can make it allocate through name-
 * service announcements, and a remote may only withdraw the channels it
 * announced itself.  These acts test both; each is logged to the trace
 * first, like those of misbehave.c.
 *
 *   ns-flood: COUNT CREATE announcements of one name at consecutive
 *             addresses, with no endpoint behind them, as fast as Linux
 *             hands buffers back.  The "ns-flood" image does it once the
 *             vdev is live, before serving anything.
 *   ns-send:  one well-formed CREATE or DESTROY naming any channel and
 *             address, e.g. Linux's own rpmsg_ctrl or rpmsg_ns devices
 *             or a channel userspace created.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

/* Send one name-service message, without any endpoint of ours behind it */
static int fw_ns_raw(struct rr_rpmsg *rp, const char *name, uint32_t addr,
		     uint32_t flags)
{
	struct rr_rpmsg_ns_msg msg;
	size_t n = strlen(name);

	memset(&msg, 0, sizeof(msg));
	memcpy(msg.name, name, n < sizeof(msg.name) ? n : sizeof(msg.name) - 1);
	msg.addr = addr;
	msg.flags = flags;
	/* the header's source is the announced address, as rr_ns_send() does */
	return rr_send_offchannel(rp, addr, RR_RPMSG_NS_ADDR, &msg, sizeof(msg));
}

/**
 * fw_ns_flood() - announce @count channels that nothing serves
 * @rp: rpmsg device (must be live)
 * @name: service name of every announcement
 * @first: address of the first; the others follow it
 * @count: number of announcements
 *
 * Return: the number sent; fewer than @count when Linux stopped handing
 * buffers back (the send timed out) or the vdev went away.
 */
uint32_t fw_ns_flood(struct rr_rpmsg *rp, const char *name, uint32_t first,
		     uint32_t count)
{
	uint32_t i;

	rr_trace_printf("misbehaving on purpose: %u announcements of %s from %u\n",
			(unsigned int)count, name, (unsigned int)first);
	for (i = 0; i < count; i++) {
		/* a flood may outlast the host's watchdog period */
		rr_port_alive();
		if (fw_ns_raw(rp, name, first + i, RR_RPMSG_NS_CREATE))
			break;
	}
	rr_rpmsg_flush(rp);
	rr_trace_printf("flood done: %u of %u sent\n", (unsigned int)i,
			(unsigned int)count);
	return i;
}

/* Copy the next word of @p into @out (at most @size - 1 bytes) */
static const char *fw_ns_word(const char *p, char *out, size_t size)
{
	size_t n = 0;

	while (*p == ' ')
		p++;
	while (*p && *p != ' ') {
		if (n < size - 1)
			out[n++] = *p;
		p++;
	}
	out[n] = '\0';
	return p;
}

/* "ns-flood COUNT [NAME [FIRST]]" */
void fw_cmd_ns_flood(struct rr_ept *ept, uint32_t src, const char *arg)
{
	char name[RR_RSC_NAME_LEN] = "rpmsg-raw";
	char word[RR_RSC_NAME_LEN];
	uint32_t count, first = FW_NS_FLOOD_FIRST, sent;
	const char *p;

	count = rr_strtoul(arg, &p, 0);
	p = fw_ns_word(p, word, sizeof(word));
	if (word[0])
		memcpy(name, word, sizeof(name));
	while (*p == ' ')
		p++;
	if (*p)
		first = rr_strtoul(p, NULL, 0);
	if (!count) {
		fw_reply(ept, src, "err usage: ns-flood COUNT [NAME [FIRST]]");
		return;
	}
	sent = fw_ns_flood(ept->rp, name, first, count);
	fw_reply(ept, src, "ok sent %u", (unsigned int)sent);
}

/* "ns-send create|destroy NAME ADDR" */
void fw_cmd_ns_send(struct rr_ept *ept, uint32_t src, const char *arg)
{
	char what[8], name[RR_RSC_NAME_LEN];
	uint32_t flags, addr;
	const char *p;
	int ret;

	p = fw_ns_word(arg, what, sizeof(what));
	p = fw_ns_word(p, name, sizeof(name));
	while (*p == ' ')
		p++;
	if (!rr_strncmp(what, "create", 7))
		flags = RR_RPMSG_NS_CREATE;
	else if (!rr_strncmp(what, "destroy", 8))
		flags = RR_RPMSG_NS_DESTROY;
	else
		flags = ~0u;
	if (flags == ~0u || !name[0] || !*p) {
		fw_reply(ept, src, "err usage: ns-send create|destroy NAME ADDR");
		return;
	}
	addr = rr_strtoul(p, NULL, 0);
	rr_trace_printf("misbehaving on purpose: ns %s %s at %u\n", what, name,
			(unsigned int)addr);
	ret = fw_ns_raw(ept->rp, name, addr, flags);
	if (ret)
		fw_reply(ept, src, "err %d", ret);
	else
		fw_reply(ept, src, "ok");
}
