/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rpmsg_remote.h - the remote (firmware) side of virtio rpmsg
 *
 * Layers, bottom up:
 *
 *   rr_vring   the virtio *device* half of one split virtqueue (vring_dev.c)
 *   rr_vdev    a vdev resource: waits for DRIVER_OK, checks and maps the
 *              vrings Linux set up, tracks resets (rsc.c)
 *   rr_rpmsg   endpoints, name service, send and receive (rpmsg.c)
 *   rr_trace   text log in the trace resource (trace.c)
 *
 * Everything is statically allocated by the caller; the stack never
 * allocates.  It is single-threaded: call all functions from one context.
 * Errors are negative numbers from the RR_E* list below.
 */
#ifndef RPMSG_REMOTE_H
#define RPMSG_REMOTE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rr_wire.h"

#define RR_EINVAL	22	/* bad argument or bad data from the host */
#define RR_ENOMEM	12	/* no free endpoint address */
#define RR_EAGAIN	11	/* nothing to do / no buffer yet */
#define RR_EBUSY	16	/* address already bound */
#define RR_EMSGSIZE	90	/* message larger than the buffer */
#define RR_ETIMEDOUT	110	/* gave up waiting */
#define RR_ENOTCONN	107	/* vdev not (or no longer) live */
#define RR_EIO		5	/* ring marked broken after host misbehaviour */

/* ---- virtqueue, device side ----------------------------------------- */

/**
 * struct rr_vring - the remote's view of one split virtqueue
 * @desc: descriptor table (shared)
 * @avail: available ring, written by Linux
 * @used: used ring, written by us
 * @num: ring size, a power of two
 * @notifyid: id to kick Linux with after adding used entries
 * @last_avail: next avail slot we will consume
 * @used_idx: private copy of used->idx
 * @kicked_used: used_idx at the last kick decision (EVENT_IDX)
 * @pending: used entries added since the last kick decision
 * @event_idx: VIRTIO_RING_F_EVENT_IDX negotiated
 * @write: the descriptors must be device-writable (Linux's RX buffers)
 * @broken: the host broke the ring protocol; the ring is dead until reset
 * @quiet: a test's wish: add used entries but never kick Linux, so that
 *	only a host that polls the ring sees them (fw "quiet on")
 * @name: for log lines
 */
struct rr_vring {
	volatile struct rr_vring_desc *desc;
	volatile struct rr_vring_avail *avail;
	volatile struct rr_vring_used *used;
	uint16_t num;
	uint32_t notifyid;
	uint16_t last_avail;
	uint16_t used_idx;
	uint16_t kicked_used;
	uint16_t pending;
	bool event_idx;
	bool write;
	bool broken;
	bool quiet;
	const char *name;
};

/**
 * struct rr_buf - one buffer taken from a ring
 * @head: descriptor index, handed back with rr_vring_push()
 * @va: where the buffer is mapped
 * @len: its length as Linux stated it (already checked against the shared window)
 */
struct rr_buf {
	uint16_t head;
	void *va;
	uint32_t len;
};

uint32_t rr_vring_size(uint32_t num, uint32_t align);
int rr_vring_init(struct rr_vring *vr, void *va, uint32_t num, uint32_t align,
		  uint32_t notifyid, bool event_idx, bool write, const char *name);
int rr_vring_pop(struct rr_vring *vr, struct rr_buf *buf);
void rr_vring_push(struct rr_vring *vr, uint16_t head, uint32_t len);
bool rr_vring_kick(struct rr_vring *vr);
bool rr_vring_notify_on(struct rr_vring *vr);
void rr_vring_notify_off(struct rr_vring *vr);
bool rr_vring_has_avail(struct rr_vring *vr);

/* ---- vdev resource -------------------------------------------------- */

#define RR_VDEV_MAX_VRINGS	2

/**
 * struct rr_vdev - a vdev entry of our resource table and its live rings
 * @rsc: the entry inside the loaded resource table (Linux writes into it)
 * @vring: the rings, valid while @live
 * @features: dfeatures & gfeatures as last negotiated
 * @live: DRIVER_OK seen and the rings checked
 * @generation: bumped each time the vdev goes live again after a reset
 */
struct rr_vdev {
	volatile struct rr_rsc_vdev *rsc;
	struct rr_vring vring[RR_VDEV_MAX_VRINGS];
	uint32_t features;
	bool live;
	uint32_t generation;
};

int rr_vdev_init(struct rr_vdev *vdev, volatile struct rr_rsc_vdev *rsc);
int rr_vdev_wait_live(struct rr_vdev *vdev, uint32_t timeout_ms);
bool rr_vdev_check_reset(struct rr_vdev *vdev);
bool rr_vdev_has_feature(const struct rr_vdev *vdev, unsigned int bit);

/* ---- rpmsg ---------------------------------------------------------- */

struct rr_ept;
struct rr_rpmsg;

/**
 * typedef rr_ept_cb - receive callback of an endpoint
 * @ept: the endpoint
 * @data: payload, valid only during the call (it is Linux's buffer)
 * @len: payload length, already checked against the buffer
 * @src: sender's address
 * @priv: the endpoint's private pointer
 *
 * The callback may send (also on other endpoints) and create or destroy
 * endpoints other than @ept.  It may destroy @ept itself as its last act.
 */
typedef void (*rr_ept_cb)(struct rr_ept *ept, void *data, uint32_t len,
			  uint32_t src, void *priv);

/**
 * struct rr_ept - a local rpmsg endpoint
 * @name: channel name announced to Linux ("" = not announced)
 * @addr: local address
 * @dst: default destination; learnt from the first message if ANY
 * @dst_cfg: @dst as created, restored when Linux resets the vdev
 * @cb: receive callback
 * @priv: for the callback
 * @rp: owning rpmsg device, NULL while unbound
 * @next: list link
 */
struct rr_ept {
	char name[RR_RSC_NAME_LEN];
	uint32_t addr;
	uint32_t dst;
	uint32_t dst_cfg;
	rr_ept_cb cb;
	void *priv;
	struct rr_rpmsg *rp;
	struct rr_ept *next;
};

/**
 * struct rr_rpmsg_stats - counters, for tests and the control service
 * @rx: messages delivered to an endpoint
 * @tx: messages sent
 * @rx_bad: messages dropped because the host sent garbage
 * @rx_noept: messages for an address nobody listens on
 * @kicks: kicks sent to Linux
 * @waits: times the remote went idle waiting for Linux
 */
struct rr_rpmsg_stats {
	uint32_t rx;
	uint32_t tx;
	uint32_t rx_bad;
	uint32_t rx_noept;
	uint32_t kicks;
	uint32_t waits;
};

/**
 * struct rr_rpmsg - an rpmsg device on top of one vdev
 * @vdev: the transport; vring[0] carries remote->Linux, vring[1] Linux->remote
 * @epts: endpoint list
 * @stats: counters
 * @send_timeout_ms: how long a send waits for Linux to post a buffer
 * @in_batch: a batch is running (receive or announce): sends defer their
 *	kick to its end, and rr_rpmsg_poll() refuses to nest
 * @gen_seen: vdev generation the endpoints were last announced for
 * @stash: a TX buffer taken from Linux but not used yet
 * @stashed: @stash is valid
 */
struct rr_rpmsg {
	struct rr_vdev vdev;
	struct rr_ept *epts;
	struct rr_rpmsg_stats stats;
	uint32_t send_timeout_ms;
	bool in_batch;
	uint32_t gen_seen;
	struct rr_buf stash;
	bool stashed;
};

#define RR_RPMSG_PAYLOAD_MAX	(RR_RPMSG_BUF_SIZE - sizeof(struct rr_rpmsg_hdr))

int rr_rpmsg_init(struct rr_rpmsg *rp, volatile struct rr_rsc_vdev *rsc);
int rr_rpmsg_start(struct rr_rpmsg *rp, uint32_t timeout_ms);
int rr_rpmsg_poll(struct rr_rpmsg *rp, uint32_t timeout_ms);
void rr_rpmsg_flush(struct rr_rpmsg *rp);
void rr_rpmsg_buf_sizes(struct rr_rpmsg *rp, uint32_t *to_linux,
			uint32_t *from_linux);

int rr_ept_create(struct rr_rpmsg *rp, struct rr_ept *ept, const char *name,
		  uint32_t addr, rr_ept_cb cb, void *priv);
void rr_ept_destroy(struct rr_ept *ept);
struct rr_ept *rr_ept_find(struct rr_rpmsg *rp, uint32_t addr);

int rr_send(struct rr_ept *ept, const void *data, uint32_t len);
int rr_sendto(struct rr_ept *ept, const void *data, uint32_t len, uint32_t dst);
int rr_send_offchannel(struct rr_rpmsg *rp, uint32_t src, uint32_t dst,
		       const void *data, uint32_t len);

void *rr_tx_buffer_get(struct rr_rpmsg *rp, uint32_t *size);
int rr_tx_buffer_send(struct rr_rpmsg *rp, void *payload, uint32_t src,
		      uint32_t dst, uint32_t len);

/* ---- trace ---------------------------------------------------------- */

void rr_trace_init(char *buf, uint32_t len);
void rr_trace_write(const char *s, size_t len);
void rr_trace_vprintf(const char *fmt, va_list ap);
void rr_trace_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/*
 * rr_log_limited() - a log line that a hostile host cannot use to flood the
 * trace: each call site prints its first RR_LOG_BURST lines, then one
 * "suppressed" note, then nothing.
 */
#define RR_LOG_BURST	8
#define rr_log_limited(fmt, ...)					\
	do {								\
		static unsigned int rr_log_count_;			\
		if (rr_log_count_ < RR_LOG_BURST)			\
			rr_trace_printf(fmt, ##__VA_ARGS__);		\
		else if (rr_log_count_ == RR_LOG_BURST)			\
			rr_trace_printf("(further messages suppressed)\n"); \
		if (rr_log_count_ <= RR_LOG_BURST)			\
			rr_log_count_++;				\
	} while (0)

/* ---- freestanding helpers (lib.c) ----------------------------------- */

int rr_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int rr_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t rr_strnlen(const char *s, size_t max);
int rr_strncmp(const char *a, const char *b, size_t n);
unsigned long rr_strtoul(const char *s, const char **end, int base);

#endif /* RPMSG_REMOTE_H */
