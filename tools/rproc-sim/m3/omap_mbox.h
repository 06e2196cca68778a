/* SPDX-License-Identifier: GPL-2.0 */
/*
 * omap_mbox.h - model of the OMAP4 system mailbox, as rproc-sim-m3 shows
 * it to an emulated IPU core
 *
 * The OMAP4 system mailbox (L4_CFG + 0xf4000, OMAP4 TRM "System
 * Mailbox") has eight FIFOs of four 32-bit messages and three users
 * (Cortex-A9 MPU, DSP, IPU), each with its own interrupt status and
 * enable registers.  Register map, offsets from the module base:
 *
 *   0x000        REVISION            read-only
 *   0x010        SYSCONFIG           bit 0 SOFTRESET (self-clearing),
 *                                    bits 3:2 SIDLEMODE
 *   0x040 + 4m   MESSAGE_m           write: queue a message (dropped when
 *                                    the FIFO is full); read: dequeue one
 *                                    (0 when empty)
 *   0x080 + 4m   FIFOSTATUS_m        bit 0: FIFO m is full
 *   0x0c0 + 4m   MSGSTATUS_m         bits 2:0: messages in FIFO m
 *   0x100 + 16u  IRQSTATUS_RAW_u     bit 2m: new message in FIFO m,
 *                                    bit 2m+1: FIFO m not full;
 *                                    write 1 sets (debug)
 *   0x104 + 16u  IRQSTATUS_CLR_u     read: raw & enabled; write 1 clears
 *   0x108 + 16u  IRQENABLE_SET_u     read: enabled; write 1 enables
 *   0x10c + 16u  IRQENABLE_CLR_u     read: enabled; write 1 disables
 *
 * Everything else reads as 0 and ignores writes.  The model only keeps
 * state; who reads FIFOs on the other side (Linux) is the runner's job.
 */
#ifndef OMAP_MBOX_H
#define OMAP_MBOX_H

#include <stdbool.h>
#include <stdint.h>

#define OMAP_MBOX_PA		0x4a0f4000u	/* physical base on OMAP4 */
#define OMAP_MBOX_SIZE		0x1000u
#define OMAP_MBOX_FIFOS		8
#define OMAP_MBOX_DEPTH		4
#define OMAP_MBOX_USERS		3
#define OMAP_MBOX_REVISION_VAL	0x00000400u

#define OMAP_MBOX_REVISION	0x000u
#define OMAP_MBOX_SYSCONFIG	0x010u
#define OMAP_MBOX_MESSAGE(m)	(0x040u + 4u * (m))
#define OMAP_MBOX_FIFOSTATUS(m)	(0x080u + 4u * (m))
#define OMAP_MBOX_MSGSTATUS(m)	(0x0c0u + 4u * (m))
#define OMAP_MBOX_IRQ_RAW(u)	(0x100u + 16u * (u))
#define OMAP_MBOX_IRQ_CLR(u)	(0x104u + 16u * (u))
#define OMAP_MBOX_IRQ_SET_EN(u)	(0x108u + 16u * (u))
#define OMAP_MBOX_IRQ_CLR_EN(u)	(0x10cu + 16u * (u))

#define OMAP_MBOX_SOFTRESET	0x1u
#define OMAP_MBOX_SIDLEMODE	0xcu
#define OMAP_MBOX_FIFO_FULL	0x1u
#define OMAP_MBOX_NEWMSG(m)	(1u << (2 * (m)))
#define OMAP_MBOX_NOTFULL(m)	(1u << (2 * (m) + 1))

/**
 * struct omap_mbox - the mailbox state
 * @msg: the FIFOs, @head[m] is the oldest entry of FIFO m
 * @head: index of the oldest message per FIFO
 * @count: messages per FIFO
 * @irq_raw: raw interrupt status per user
 * @irq_en: interrupt enables per user
 * @sysconfig: SIDLEMODE bits as last written
 * @dropped: messages written to a full FIFO, per FIFO
 * @underflows: reads of an empty FIFO, per FIFO
 */
struct omap_mbox {
	uint32_t msg[OMAP_MBOX_FIFOS][OMAP_MBOX_DEPTH];
	uint8_t head[OMAP_MBOX_FIFOS];
	uint8_t count[OMAP_MBOX_FIFOS];
	uint32_t irq_raw[OMAP_MBOX_USERS];
	uint32_t irq_en[OMAP_MBOX_USERS];
	uint32_t sysconfig;
	uint32_t dropped[OMAP_MBOX_FIFOS];
	uint32_t underflows[OMAP_MBOX_FIFOS];
};

void omap_mbox_reset(struct omap_mbox *mb);
bool omap_mbox_put(struct omap_mbox *mb, unsigned int fifo, uint32_t msg);
bool omap_mbox_get(struct omap_mbox *mb, unsigned int fifo, uint32_t *msg);
unsigned int omap_mbox_count(const struct omap_mbox *mb, unsigned int fifo);
uint32_t omap_mbox_read(struct omap_mbox *mb, uint32_t off);
void omap_mbox_write(struct omap_mbox *mb, uint32_t off, uint32_t val);

#endif /* OMAP_MBOX_H */
