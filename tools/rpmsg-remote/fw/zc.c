// SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause)
/*
 * zc.c - the "rpmsg-zc" service of the zc image: zero-copy buffers
 *
 * Linux's zero-copy descriptors (src/zc.c) are served by what the low
 * byte of the application's tag asks for, and every buffer is returned
 * with the checksum of the data Linux put in it (rr_zc_sum() of
 * rr_wire.h) as the tag.
 * Ordinary messages are text commands.  The operations and commands are
 * listed in README.md.
 */
#include "fw.h"
#include "rr_port.h"
#include "rr_string.h"
#include "rr_zc.h"

#define FW_ZC_HELD_MAX	64

/* the low byte of the tag */
enum {
	FW_ZC_SUM,		/* return it as it is */
	FW_ZC_INVERT,		/* invert every byte of the data */
	FW_ZC_HOLD,		/* keep it until "release" */
	FW_ZC_BAD_DA_INSIDE,	/* then, a return naming... an address inside it */
	FW_ZC_BAD_DA_OUTSIDE,	/* ... an address outside the pool */
	FW_ZC_BAD_DA_NEXT,	/* ... the next buffer */
	FW_ZC_BAD_COOKIE,	/* ... a wrong cookie */
	FW_ZC_BAD_LEN,		/* ... a length over the size */
	FW_ZC_BAD_OP,		/* ... the GIVE operation */
	FW_ZC_BAD_SHORT,	/* ... 31 bytes only */
	FW_ZC_BAD_SRC,		/* ... from another address */
	FW_ZC_DOUBLE,		/* after the return, the same return again */
	FW_ZC_OPS
};

static const char *const fw_zc_bad_names[FW_ZC_OPS] = {
	[FW_ZC_BAD_DA_INSIDE] = "address inside the buffer",
	[FW_ZC_BAD_DA_OUTSIDE] = "address outside the pool",
	[FW_ZC_BAD_DA_NEXT] = "address of the next buffer",
	[FW_ZC_BAD_COOKIE] = "wrong cookie",
	[FW_ZC_BAD_LEN] = "length over the size",
	[FW_ZC_BAD_OP] = "GIVE instead of RETURN",
	[FW_ZC_BAD_SHORT] = "31-byte descriptor",
	[FW_ZC_BAD_SRC] = "return from the wrong address",
	[FW_ZC_DOUBLE] = "second return of the same buffer",
};

#ifdef RR_ZC_WINDOW_DA
static const struct rr_zc_window fw_zc_windows[] = {
	{ RR_ZC_WINDOW_DA, RR_ZC_WINDOW_LEN },
};

#define FW_ZC_NWIN	1
#else
static const struct rr_zc_window fw_zc_windows[1];

#define FW_ZC_NWIN	0	/* the port names no window: refuse all */
#endif

static struct rr_zc fw_zc;
static struct rr_ept fw_zc_ept;
static struct rr_zc_buf fw_zc_held[FW_ZC_HELD_MAX];
static uint32_t fw_zc_nheld;
static uint32_t fw_zc_gen;

static void fw_zc_give_back(struct rr_ept *ept, const struct rr_zc_buf *b,
			    uint32_t sum)
{
	int ret = rr_zc_return(ept, b, b->len, sum);

	if (ret)
		rr_log_limited("zc: return to %u failed (%d)\n",
			       (unsigned int)b->src, ret);
}

/* A hostile return first; the buffer then goes back properly */
static void fw_zc_misbehave(struct rr_ept *ept, const struct rr_zc_buf *b,
			    uint32_t op, uint32_t sum)
{
	struct rr_zc_desc d;
	uint32_t n = sizeof(d);

	rr_trace_printf("misbehaving on purpose: zc %s\n", fw_zc_bad_names[op]);
	rr_zc_fill_return(&d, b, b->len, sum);
	switch (op) {
	case FW_ZC_BAD_DA_INSIDE:
		d.da += 64;
		break;
	case FW_ZC_BAD_DA_OUTSIDE:
		d.da = 0x10;
		break;
	case FW_ZC_BAD_DA_NEXT:
		d.da += b->size;
		break;
	case FW_ZC_BAD_COOKIE:
		d.cookie ^= 0x5a5a;
		break;
	case FW_ZC_BAD_LEN:
		d.len = b->size + 1;
		break;
	case FW_ZC_BAD_OP:
		d.op = RR_ZC_OP_GIVE;
		break;
	case FW_ZC_BAD_SHORT:
		n--;
		break;
	case FW_ZC_BAD_SRC:
		rr_send_offchannel(ept->rp, FW_ADDR_ECHO, b->src, &d, n);
		return;
	}
	rr_sendto(ept, &d, n, b->src);
}

static void fw_zc_serve(struct rr_ept *ept, const struct rr_zc_buf *b)
{
	uint32_t op = b->tag & 0xff, sum = rr_zc_sum(b->va, b->len), i;
	uint8_t *p = b->va;

	switch (op) {
	case FW_ZC_INVERT:
		for (i = 0; i < b->len; i++)
			p[i] = ~p[i];
		break;
	case FW_ZC_HOLD:
		if (fw_zc_nheld < FW_ZC_HELD_MAX) {
			fw_zc_held[fw_zc_nheld++] = *b;
			return;
		}
		break;
	default:
		if (op > FW_ZC_HOLD && op < FW_ZC_DOUBLE)
			fw_zc_misbehave(ept, b, op, sum);
		break;
	}
	fw_zc_give_back(ept, b, sum);
	if (op == FW_ZC_DOUBLE)
		fw_zc_misbehave(ept, b, op, sum);
}

/* "release": every held buffer back; "stats": the counters */
static void fw_zc_command(struct rr_ept *ept, const char *cmd, uint32_t len,
			  uint32_t src)
{
	uint32_t i, n = fw_zc_nheld;

	if (len == 7 && !memcmp(cmd, "release", 7)) {
		for (i = 0; i < n; i++)
			fw_zc_give_back(ept, &fw_zc_held[i],
					rr_zc_sum(fw_zc_held[i].va, fw_zc_held[i].len));
		fw_zc_nheld = 0;
		fw_reply(ept, src, "ok released %u", (unsigned int)n);
	} else if (len == 5 && !memcmp(cmd, "stats", 5)) {
		fw_reply(ept, src, "ok taken %u refused %u held %u",
			 (unsigned int)fw_zc.taken, (unsigned int)fw_zc.refused,
			 (unsigned int)n);
	} else {
		fw_reply(ept, src, "err unknown command");
	}
}

static void fw_zc_cb(struct rr_ept *ept, void *data, uint32_t len,
		     uint32_t src, void *priv)
{
	struct rr_zc_buf b;
	int ret;

	(void)priv;
	fw_count_message();
	/* Buffers of an earlier session of Linux's driver are gone */
	if (fw_zc_gen != fw_rpmsg.vdev.generation) {
		fw_zc_gen = fw_rpmsg.vdev.generation;
		fw_zc_nheld = 0;
	}
	ret = rr_zc_take(&fw_zc, data, len, src, &b);
	if (ret > 0)
		fw_zc_serve(ept, &b);
	else if (!ret)
		fw_zc_command(ept, data, len, src);
}

/**
 * fw_zc_init() - bind the "rpmsg-zc" service
 * @rp: the rpmsg device
 */
void fw_zc_init(struct rr_rpmsg *rp)
{
	int ret;

	rr_zc_init(&fw_zc, rp, fw_zc_windows, FW_ZC_NWIN);
	fw_zc_gen = rp->vdev.generation;
	ret = rr_ept_create(rp, &fw_zc_ept, "rpmsg-zc", FW_ADDR_ZC, fw_zc_cb,
			    NULL);
	if (ret)
		rr_trace_printf("cannot bind rpmsg-zc at %u (%d)\n",
				(unsigned int)FW_ADDR_ZC, ret);
}
