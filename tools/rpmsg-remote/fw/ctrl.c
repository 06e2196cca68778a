// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * ctrl.c - the "rpmsg-remote-ctrl" service: tests steer the firmware
 *
 * Each message is one text command; the reply goes back to the sender and
 * starts with "ok" or "err".  The command list is in README.md.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"

#define FW_DYN_MAX	16
#define FW_CMD_MAX	128

static struct rr_ept fw_ctrl;
static struct rr_ept fw_dyn[FW_DYN_MAX];

static void fw_dyn_cb(struct rr_ept *ept, void *data, uint32_t len,
		      uint32_t src, void *priv)
{
	(void)priv;
	fw_count_message();
	if (rr_sendto(ept, data, len, src))
		rr_log_limited("dyn %u: echo failed\n", (unsigned int)ept->addr);
}

void fw_reply(struct rr_ept *ept, uint32_t dst, const char *fmt, ...)
{
	char out[FW_CMD_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = rr_vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(out))
		n = sizeof(out) - 1;
	rr_sendto(ept, out, (uint32_t)n, dst);
}

/* Does @cmd start with the word @w?  Then return what follows it. */
static const char *fw_word(const char *cmd, const char *w)
{
	size_t n = strlen(w);

	if (rr_strncmp(cmd, w, n) || (cmd[n] && cmd[n] != ' '))
		return NULL;
	cmd += n;
	while (*cmd == ' ')
		cmd++;
	return cmd;
}

static void fw_cmd_announce(struct rr_ept *ept, uint32_t src, const char *arg)
{
	char name[RR_RSC_NAME_LEN];
	uint32_t addr = RR_RPMSG_ADDR_ANY;
	size_t n = 0;
	int i, ret;

	while (arg[n] && arg[n] != ' ' && n < sizeof(name) - 1) {
		name[n] = arg[n];
		n++;
	}
	name[n] = '\0';
	if (arg[n] == ' ')
		addr = rr_strtoul(arg + n, NULL, 0);
	if (!n) {
		fw_reply(ept, src, "err usage: announce NAME [ADDR]");
		return;
	}
	for (i = 0; i < FW_DYN_MAX && fw_dyn[i].rp; i++)
		;
	if (i == FW_DYN_MAX) {
		fw_reply(ept, src, "err no free endpoint");
		return;
	}
	ret = rr_ept_create(ept->rp, &fw_dyn[i], name, addr, fw_dyn_cb, NULL);
	if (ret)
		fw_reply(ept, src, "err %d", ret);
	else
		fw_reply(ept, src, "ok %u", (unsigned int)fw_dyn[i].addr);
}

static void fw_cmd_destroy(struct rr_ept *ept, uint32_t src, const char *arg)
{
	uint32_t addr = rr_strtoul(arg, NULL, 0);
	int i;

	for (i = 0; i < FW_DYN_MAX; i++) {
		if (fw_dyn[i].rp && fw_dyn[i].addr == addr) {
			rr_ept_destroy(&fw_dyn[i]);
			fw_reply(ept, src, "ok");
			return;
		}
	}
	fw_reply(ept, src, "err no dynamic endpoint at %u", (unsigned int)addr);
}

/**
 * fw_burst() - send @count numbered messages, then report to @ept's peer
 * @ept: endpoint whose peer @src gets "ok sent N" or "err E after N"
 * @src: where the report goes
 * @from: source address of the messages
 * @dst: their destination
 * @count: how many
 * @len: bytes each; message i is (i + k) & 0xff with the first 4 bytes i
 */
void fw_burst(struct rr_ept *ept, uint32_t src, uint32_t from, uint32_t dst,
	      uint32_t count, uint32_t len)
{
	uint32_t i, room;
	uint8_t *buf;
	int ret = 0;

	for (i = 0; i < count; i++) {
		uint32_t k;

		/* zero-copy: build each message inside Linux's buffer */
		buf = rr_tx_buffer_get(ept->rp, &room);
		if (!buf) {
			ret = -RR_ETIMEDOUT;
			break;
		}
		if (len > room) {
			ret = -RR_EMSGSIZE;
			break;
		}
		for (k = 0; k < len; k++)
			buf[k] = (uint8_t)(i + k);
		if (len >= 4)
			memcpy(buf, &i, 4);
		ret = rr_tx_buffer_send(ept->rp, buf, from, dst, len);
		if (ret)
			break;
	}
	if (ret)
		fw_reply(ept, src, "err %d after %u", ret, (unsigned int)i);
	else
		fw_reply(ept, src, "ok sent %u", (unsigned int)i);
}

/* burst DST|self COUNT LEN [SRC]: the remote sends first */
static void fw_cmd_burst(struct rr_ept *ept, uint32_t src, const char *arg)
{
	uint32_t dst, count, len, from = FW_ADDR_RAW;
	const char *p = arg;

	if (!rr_strncmp(p, "self ", 5)) {
		dst = src;
		p += 5;
	} else {
		dst = rr_strtoul(p, &p, 0);
	}
	count = rr_strtoul(p, &p, 0);
	len = rr_strtoul(p, &p, 0);
	while (*p == ' ')
		p++;
	if (*p)
		from = rr_strtoul(p, &p, 0);
	if (!count || dst == RR_RPMSG_ADDR_ANY) {
		fw_reply(ept, src, "err usage: burst DST COUNT LEN [SRC]");
		return;
	}
	fw_burst(ept, src, from, dst, count, len);
}

static void fw_cmd_ping(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_reply(ept, src, "pong");
}

static void fw_cmd_version(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_reply(ept, src, "ok %s", fw_config.name);
}

static void fw_cmd_stats(struct rr_ept *ept, uint32_t src, const char *arg)
{
	const struct rr_rpmsg_stats *st = &ept->rp->stats;

	fw_reply(ept, src, "ok rx %u tx %u rx_bad %u rx_noept %u kicks %u waits %u",
		 (unsigned int)st->rx, (unsigned int)st->tx,
		 (unsigned int)st->rx_bad, (unsigned int)st->rx_noept,
		 (unsigned int)st->kicks, (unsigned int)st->waits);
}

static void fw_cmd_features(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_reply(ept, src, "ok %#x", (unsigned int)ept->rp->vdev.features);
}

static void fw_cmd_trace(struct rr_ept *ept, uint32_t src, const char *arg)
{
	rr_trace_printf("%s\n", arg);
	fw_reply(ept, src, "ok");
}

static void fw_cmd_crash(struct rr_ept *ept, uint32_t src, const char *arg)
{
	rr_rpmsg_flush(ept->rp);
	if (!rr_strncmp(arg, "segv", 5))
		fw_crash("crash segv command", 1);
	else if (!rr_strncmp(arg, "ill", 4))
		fw_crash("crash ill command", 2);
	fw_crash("crash command", 0);
}

static void fw_cmd_crash_after(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_set_crash_after(rr_strtoul(arg, NULL, 0));
	fw_reply(ept, src, "ok");
}

static void fw_cmd_exit(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_reply(ept, src, "ok");
	rr_trace_printf("halting on request\n");
	rr_rpmsg_flush(ept->rp);
	rr_port_halt(0);
}

/* "hang" (no argument: forever) and "stall MS" */
static void fw_cmd_hang(struct rr_ept *ept, uint32_t src, const char *arg)
{
	uint32_t ms = rr_strtoul(arg, NULL, 0);

	fw_reply(ept, src, "ok");
	rr_rpmsg_flush(ept->rp);
	fw_hang(*arg && !ms ? 1 : ms);
}

static void fw_cmd_bad(struct rr_ept *ept, uint32_t src, uint32_t what,
		       const char *arg, const char *dflt)
{
	fw_reply(ept, src, "ok");
	fw_misbehave(ept->rp, what, *arg ? arg : dflt);
}

static void fw_cmd_bad_ns(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_cmd_bad(ept, src, FW_BAD_NS, arg, "all");
}

static void fw_cmd_bad_len(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_cmd_bad(ept, src, FW_BAD_LEN, arg, "all");
}

static void fw_cmd_bad_idx(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_cmd_bad(ept, src, FW_BAD_IDX, arg, "id");
}

static void fw_cmd_bad_ring(struct rr_ept *ept, uint32_t src, const char *arg)
{
	fw_reply(ept, src, "ok");
	fw_misbehave_ring(ept->rp, arg);
}

/* "quiet on|off": messages to Linux without kicks, for busy-poll tests */
static void fw_cmd_quiet(struct rr_ept *ept, uint32_t src, const char *arg)
{
	struct rr_vring *vr = &ept->rp->vdev.vring[0];
	bool on = !memcmp(arg, "on", 3);

	if (!on && memcmp(arg, "off", 4)) {
		fw_reply(ept, src, "err quiet on|off");
		return;
	}
	/* The reply to "on" is still kicked, the one to "off" is the first */
	if (on)
		fw_reply(ept, src, "ok");
	rr_rpmsg_flush(ept->rp);
	vr->quiet = on;
	if (!on)
		fw_reply(ept, src, "ok");
}

static const struct fw_cmd {
	const char *word;
	void (*run)(struct rr_ept *ept, uint32_t src, const char *arg);
} fw_cmds[] = {
	{ "ping", fw_cmd_ping },
	{ "version", fw_cmd_version },
	{ "stats", fw_cmd_stats },
	{ "features", fw_cmd_features },
	{ "trace", fw_cmd_trace },
	{ "crash", fw_cmd_crash },
	{ "crash-after", fw_cmd_crash_after },
	{ "exit", fw_cmd_exit },
	{ "hang", fw_cmd_hang },
	{ "stall", fw_cmd_hang },
	{ "announce", fw_cmd_announce },
	{ "destroy", fw_cmd_destroy },
	{ "burst", fw_cmd_burst },
	{ "bad-ns", fw_cmd_bad_ns },
	{ "bad-len", fw_cmd_bad_len },
	{ "bad-idx", fw_cmd_bad_idx },
	{ "bad-ring", fw_cmd_bad_ring },
	{ "ns-flood", fw_cmd_ns_flood },
	{ "ns-send", fw_cmd_ns_send },
	{ "pm", fw_cmd_pm },
	{ "quiet", fw_cmd_quiet },
};

static void fw_ctrl_cb(struct rr_ept *ept, void *data, uint32_t len,
		       uint32_t src, void *priv)
{
	char cmd[FW_CMD_MAX];
	const char *arg;
	size_t i;

	if (len >= sizeof(cmd))
		len = sizeof(cmd) - 1;
	memcpy(cmd, data, len);
	cmd[len] = '\0';
	while (len && (cmd[len - 1] == '\n' || cmd[len - 1] == '\r'))
		cmd[--len] = '\0';
	rr_trace_printf("ctrl from %u: %s\n", (unsigned int)src, cmd);

	for (i = 0; i < sizeof(fw_cmds) / sizeof(fw_cmds[0]); i++) {
		arg = fw_word(cmd, fw_cmds[i].word);
		if (arg) {
			fw_cmds[i].run(ept, src, arg);
			return;
		}
	}
	fw_reply(ept, src, "err unknown command");
}

/**
 * fw_ctrl_init() - bind the control service
 * @rp: rpmsg device
 */
void fw_ctrl_init(struct rr_rpmsg *rp)
{
	if (rr_ept_create(rp, &fw_ctrl, "rpmsg-remote-ctrl", FW_ADDR_CTRL,
			  fw_ctrl_cb, NULL))
		rr_trace_printf("cannot bind the control service\n");
}
