// SPDX-License-Identifier: GPL-2.0
/*
 * omap_mbox.c - model of the OMAP4 system mailbox (see omap_mbox.h)
 */
#include <string.h>

#include "omap_mbox.h"

/**
 * omap_mbox_reset() - the state after reset: FIFOs empty, no interrupts
 * @mb: the mailbox
 *
 * The statistics survive a soft reset.
 */
void omap_mbox_reset(struct omap_mbox *mb)
{
	memset(mb->msg, 0, sizeof(mb->msg));
	memset(mb->head, 0, sizeof(mb->head));
	memset(mb->count, 0, sizeof(mb->count));
	memset(mb->irq_raw, 0, sizeof(mb->irq_raw));
	memset(mb->irq_en, 0, sizeof(mb->irq_en));
	mb->sysconfig = 0;
}

/**
 * omap_mbox_put() - queue a message, as a write of MESSAGE_m does
 * @mb: the mailbox
 * @fifo: FIFO number, below OMAP_MBOX_FIFOS
 * @msg: the message
 *
 * Return: false, and the message is dropped (and counted), when the FIFO
 * is full or does not exist.
 */
bool omap_mbox_put(struct omap_mbox *mb, unsigned int fifo, uint32_t msg)
{
	unsigned int u;

	if (fifo >= OMAP_MBOX_FIFOS)
		return false;
	if (mb->count[fifo] == OMAP_MBOX_DEPTH) {
		mb->dropped[fifo]++;
		return false;
	}
	mb->msg[fifo][(mb->head[fifo] + mb->count[fifo]) % OMAP_MBOX_DEPTH] = msg;
	mb->count[fifo]++;
	for (u = 0; u < OMAP_MBOX_USERS; u++)
		mb->irq_raw[u] |= OMAP_MBOX_NEWMSG(fifo);
	return true;
}

/**
 * omap_mbox_get() - dequeue the oldest message, as a read of MESSAGE_m does
 * @mb: the mailbox
 * @fifo: FIFO number
 * @msg: where the message goes
 *
 * Return: false when the FIFO is empty (counted) or does not exist.
 */
bool omap_mbox_get(struct omap_mbox *mb, unsigned int fifo, uint32_t *msg)
{
	unsigned int u;

	if (fifo >= OMAP_MBOX_FIFOS)
		return false;
	if (!mb->count[fifo]) {
		mb->underflows[fifo]++;
		return false;
	}
	*msg = mb->msg[fifo][mb->head[fifo]];
	mb->head[fifo] = (mb->head[fifo] + 1) % OMAP_MBOX_DEPTH;
	mb->count[fifo]--;
	for (u = 0; u < OMAP_MBOX_USERS; u++)
		mb->irq_raw[u] |= OMAP_MBOX_NOTFULL(fifo);
	return true;
}

/**
 * omap_mbox_count() - messages waiting in a FIFO
 * @mb: the mailbox
 * @fifo: FIFO number
 *
 * Return: 0 .. OMAP_MBOX_DEPTH, 0 for a FIFO that does not exist.
 */
unsigned int omap_mbox_count(const struct omap_mbox *mb, unsigned int fifo)
{
	return fifo < OMAP_MBOX_FIFOS ? mb->count[fifo] : 0;
}

/* Which FIFO (or user) a register of a bank of @stride bytes addresses. */
static bool in_bank(uint32_t off, uint32_t base, uint32_t stride,
		    unsigned int n, unsigned int *idx)
{
	if (off < base || (off - base) % stride || (off - base) / stride >= n)
		return false;
	*idx = (off - base) / stride;
	return true;
}

/**
 * omap_mbox_read() - a 32-bit read of a mailbox register
 * @mb: the mailbox
 * @off: offset from the module base
 *
 * Return: the register's value; reading MESSAGE_m dequeues.
 */
uint32_t omap_mbox_read(struct omap_mbox *mb, uint32_t off)
{
	unsigned int i;
	uint32_t msg;

	if (off == OMAP_MBOX_REVISION)
		return OMAP_MBOX_REVISION_VAL;
	if (off == OMAP_MBOX_SYSCONFIG)
		return mb->sysconfig;
	if (in_bank(off, OMAP_MBOX_MESSAGE(0), 4, OMAP_MBOX_FIFOS, &i))
		return omap_mbox_get(mb, i, &msg) ? msg : 0;
	if (in_bank(off, OMAP_MBOX_FIFOSTATUS(0), 4, OMAP_MBOX_FIFOS, &i))
		return mb->count[i] == OMAP_MBOX_DEPTH ? OMAP_MBOX_FIFO_FULL : 0;
	if (in_bank(off, OMAP_MBOX_MSGSTATUS(0), 4, OMAP_MBOX_FIFOS, &i))
		return mb->count[i];
	if (in_bank(off, OMAP_MBOX_IRQ_RAW(0), 16, OMAP_MBOX_USERS, &i))
		return mb->irq_raw[i];
	if (in_bank(off, OMAP_MBOX_IRQ_CLR(0), 16, OMAP_MBOX_USERS, &i))
		return mb->irq_raw[i] & mb->irq_en[i];
	if (in_bank(off, OMAP_MBOX_IRQ_SET_EN(0), 16, OMAP_MBOX_USERS, &i) ||
	    in_bank(off, OMAP_MBOX_IRQ_CLR_EN(0), 16, OMAP_MBOX_USERS, &i))
		return mb->irq_en[i];
	return 0;
}

/**
 * omap_mbox_write() - a 32-bit write of a mailbox register
 * @mb: the mailbox
 * @off: offset from the module base
 * @val: the value
 */
void omap_mbox_write(struct omap_mbox *mb, uint32_t off, uint32_t val)
{
	unsigned int i;

	if (off == OMAP_MBOX_SYSCONFIG) {
		if (val & OMAP_MBOX_SOFTRESET)
			omap_mbox_reset(mb);
		else
			mb->sysconfig = val & OMAP_MBOX_SIDLEMODE;
	} else if (in_bank(off, OMAP_MBOX_MESSAGE(0), 4, OMAP_MBOX_FIFOS, &i)) {
		omap_mbox_put(mb, i, val);
	} else if (in_bank(off, OMAP_MBOX_IRQ_RAW(0), 16, OMAP_MBOX_USERS, &i)) {
		mb->irq_raw[i] |= val;
	} else if (in_bank(off, OMAP_MBOX_IRQ_CLR(0), 16, OMAP_MBOX_USERS, &i)) {
		mb->irq_raw[i] &= ~val;
	} else if (in_bank(off, OMAP_MBOX_IRQ_SET_EN(0), 16, OMAP_MBOX_USERS, &i)) {
		mb->irq_en[i] |= val;
	} else if (in_bank(off, OMAP_MBOX_IRQ_CLR_EN(0), 16, OMAP_MBOX_USERS, &i)) {
		mb->irq_en[i] &= ~val;
	}
}
