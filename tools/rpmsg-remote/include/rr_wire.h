/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_wire.h - the bytes the remote shares with Linux
 *
 * Layouts of the resource table entries, the legacy split virtqueue and the
 * rpmsg message and name-service records, as a remote processor sees them.
 * All fields are little-endian on every target this stack supports, so they
 * are plain native integers here.  Nothing in this file is specific to one
 * core or one port.
 *
 * This is the one copy of these layouts in tools/: the remote-side stack,
 * the image tools (tools/remoteproc) and the simulator's test firmware
 * include it, and rpmsg-bench and the zero-copy selftests the checksum
 * of the test firmware's zero-copy service, at the end.  Linux keeps the
 * layouts in include/linux/remoteproc.h and drivers/rpmsg/virtio_rpmsg.h,
 * which are not uapi, so they cannot be included here; the sizes below
 * are asserted at compile time instead.
 */
#ifndef RR_WIRE_H
#define RR_WIRE_H

#include <stdint.h>

#define RR_BIT(n)		(1u << (n))

/* compile-time check of a wire layout's size */
#define RR_WIRE_SIZE(type, bytes)					\
	extern char rr_wire_size_##type[sizeof(struct type) == (bytes) ? 1 : -1]

/* ---- resource table ------------------------------------------------- */

#define RR_RSC_VERSION		1
#define RR_RSC_ADDR_ANY		0xffffffffu

enum rr_rsc_type {
	RR_RSC_CARVEOUT	= 0,
	RR_RSC_DEVMEM	= 1,
	RR_RSC_TRACE	= 2,
	RR_RSC_VDEV	= 3,
	RR_RSC_LAST	= 4,
};

/* Types Linux leaves to the platform driver's handle_rsc() */
#define RR_RSC_VENDOR_START	128
#define RR_RSC_VENDOR_END	512

/* The ELF section Linux looks for the table in */
#define RR_RSC_TABLE_SECTION	".resource_table"

#define RR_RSC_NAME_LEN		32

struct rr_rsc_hdr {
	uint32_t ver;
	uint32_t num;
	uint32_t reserved[2];
	/* uint32_t offset[num] follows */
} __attribute__((packed));

/* CARVEOUT and DEVMEM share one body layout. */
struct rr_rsc_mem {
	uint32_t type;
	uint32_t da;
	uint32_t pa;
	uint32_t len;
	uint32_t flags;
	uint32_t reserved;
	char name[RR_RSC_NAME_LEN];
} __attribute__((packed));

struct rr_rsc_trace {
	uint32_t type;
	uint32_t da;
	uint32_t len;
	uint32_t reserved;
	char name[RR_RSC_NAME_LEN];
} __attribute__((packed));

struct rr_rsc_vring {
	uint32_t da;
	uint32_t align;
	uint32_t num;
	uint32_t notifyid;
	uint32_t pa;
} __attribute__((packed));

struct rr_rsc_vdev {
	uint32_t type;
	uint32_t id;
	uint32_t notifyid;
	uint32_t dfeatures;
	uint32_t gfeatures;
	uint32_t config_len;
	uint8_t status;
	uint8_t num_of_vrings;
	uint8_t reserved[2];
	/* struct rr_rsc_vring vring[num_of_vrings], then config space */
} __attribute__((packed));

/* virtio device ids and status bits the remote cares about */
#define RR_VIRTIO_ID_CONSOLE		3
#define RR_VIRTIO_ID_RPMSG		7
#define RR_VIRTIO_ID_RPROC_SERIAL	11

#define RR_VIRTIO_STATUS_DRIVER_OK	0x04
#define RR_VIRTIO_STATUS_FAILED		0x80

/* feature bits (the table carries the low 32 only) */
#define RR_VIRTIO_RPMSG_F_NS		0
/* config space holds struct rr_rpmsg_config (not an upstream bit) */
#define RR_VIRTIO_RPMSG_F_BUF_SIZES	20
#define RR_VIRTIO_RING_F_EVENT_IDX	29

/* ---- legacy split virtqueue ----------------------------------------- */

#define RR_VRING_DESC_F_NEXT		1
#define RR_VRING_DESC_F_WRITE		2
#define RR_VRING_DESC_F_INDIRECT	4

#define RR_VRING_USED_F_NO_NOTIFY	1
#define RR_VRING_AVAIL_F_NO_INTERRUPT	1

#define RR_VRING_MAX_NUM		32768u

struct rr_vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct rr_vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
	/* uint16_t used_event follows ring[num] */
};

struct rr_vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct rr_vring_used {
	uint16_t flags;
	uint16_t idx;
	struct rr_vring_used_elem ring[];
	/* uint16_t avail_event follows ring[num] */
};

/* ---- rpmsg ---------------------------------------------------------- */

#define RR_RPMSG_ADDR_ANY	0xffffffffu
#define RR_RPMSG_NS_ADDR	53
#define RR_RPMSG_FIRST_DYN_ADDR	1024
#define RR_RPMSG_BUF_SIZE	512

struct rr_rpmsg_hdr {
	uint32_t src;
	uint32_t dst;
	uint32_t reserved;
	uint16_t len;
	uint16_t flags;
	uint8_t data[];
} __attribute__((packed));

/*
 * Config space of the rpmsg vdev with RR_VIRTIO_RPMSG_F_BUF_SIZES offered:
 * buffer sizes in bytes, header included, each a power of two from 512 to
 * 65536.  Named from Linux's side: rx_buf_size for vring 0 (remote to
 * Linux), tx_buf_size for vring 1.  If Linux does not accept the feature
 * it uses RR_RPMSG_BUF_SIZE both ways.
 */
struct rr_rpmsg_config {
	uint32_t rx_buf_size;
	uint32_t tx_buf_size;
} __attribute__((packed));

#define RR_RPMSG_NS_CREATE	0
#define RR_RPMSG_NS_DESTROY	1

struct rr_rpmsg_ns_msg {
	char name[RR_RSC_NAME_LEN];
	uint32_t addr;
	uint32_t flags;
} __attribute__((packed));

/* ---- OMAP mailbox messages ----------------------------------------- */

/*
 * On OMAP, each mailbox message is a notify id, or one of these requests
 * of Linux's omap_remoteproc (RP_MBOX_* there).
 */
#define RR_MBOX_CRASH		0xffffff02u	/* remote: I crashed */
#define RR_MBOX_ECHO_REQUEST	0xffffff03u
#define RR_MBOX_ECHO_REPLY	0xffffff04u
#define RR_MBOX_SUSPEND_AUTO	0xffffff10u	/* Linux: idle, may suspend */
#define RR_MBOX_SUSPEND_SYSTEM	0xffffff11u	/* Linux: system suspend */
#define RR_MBOX_SUSPEND_ACK	0xffffff12u	/* remote: ready to power down */
#define RR_MBOX_SUSPEND_CANCEL	0xffffff13u	/* remote: cannot now */

RR_WIRE_SIZE(rr_rsc_hdr, 16);
RR_WIRE_SIZE(rr_rsc_mem, 56);
RR_WIRE_SIZE(rr_rsc_trace, 48);
RR_WIRE_SIZE(rr_rsc_vdev, 28);
RR_WIRE_SIZE(rr_rsc_vring, 20);
RR_WIRE_SIZE(rr_vring_desc, 16);
RR_WIRE_SIZE(rr_rpmsg_hdr, 16);
RR_WIRE_SIZE(rr_rpmsg_ns_msg, 40);
RR_WIRE_SIZE(rr_rpmsg_config, 8);

/* ---- the test firmware's zero-copy service ------------------------ */

/**
 * rr_zc_sum() - the checksum the "rpmsg-zc" test service returns as tag
 * @p: the data
 * @len: its length in bytes
 *
 * A multiplicative hash over the data as little-endian 32-bit words, a
 * last partial word zero-padded: FNV-1a's basis and prime, with the high
 * half of the state folded back after every step, since a product only
 * carries a changed bit upwards and without the fold a byte's top bits
 * would reach only the top of the result. Every bit of the data counts,
 * at a quarter of the steps of a byte-wise hash. The firmware computes
 * it; Linux-side tools check returns with it.
 *
 * Return: the checksum.
 */
static inline uint32_t rr_zc_sum(const void *p, uint32_t len)
{
	const uint8_t *c = (const uint8_t *)p;
	uint32_t h = 2166136261u, w, i;

	for (; len >= 4; c += 4, len -= 4) {
		w = c[0] | c[1] << 8 | c[2] << 16 | (uint32_t)c[3] << 24;
		h = (h ^ w) * 16777619u;
		h ^= h >> 16;
	}
	if (len) {
		for (w = 0, i = 0; i < len; i++)
			w |= (uint32_t)c[i] << (8 * i);
		h = (h ^ w) * 16777619u;
		h ^= h >> 16;
	}
	return h;
}

#endif /* RR_WIRE_H */
