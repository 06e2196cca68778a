// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz an endpoint file of rpmsg_char (drivers/rpmsg/rpmsg_char.c), as
 * RPMSG_CREATE_EPT_FD_IOCTL hands it out: its open flags, the messages the
 * remote sends to it, and what userspace does with it (read and write
 * sizes, ioctls and their arguments, poll).
 *
 * Input: [mtu:s16le][dst:u8][flags:u8] then operations [op:u8][len:u16le]
 * [bytes]. flags bits 0-1 are O_ACCMODE, bit 2 O_NONBLOCK, bit 3
 * O_CLOEXEC, bit 4 adds an invalid flag. op % 5: 0 the remote sends len
 * bytes (op bit 7: with a length of -1 or 65536 instead), 1 read len bytes,
 * 2 write len bytes (a user buffer shorter than len faults; op bit 7: the
 * transport lends no buffer, so the write takes the copying path; op bit
 * 6: the same as RPMSG_SEND_BATCH_IOCTL of 1 + (op >> 4 & 3) messages of
 * those bytes, op bit 3: the transport fails the send of lent buffers), 3
 * ioctl, 4 poll. A model of the receive queue (a record FIFO of the same size)
 * predicts every result.
 *
 * Contract: bad open flags are refused; a message is queued whole or
 * counted as dropped, never truncated, and one with a bad length is
 * refused before it is read; a read returns the oldest message, cut to the
 * reader's buffer; a write larger than the MTU fails with -EMSGSIZE, one
 * that faults with -EFAULT, and otherwise sends exactly the user's bytes;
 * a batch send does what its writes would and reports each message's
 * bytes, and a send the transport fails after lending gives -EPIPE with
 * the buffer back;
 * the ioctls check their arguments as documented; reads and writes after
 * RPMSG_DESTROY_EPT_IOCTL fail with -EPIPE; every reference is dropped.
 */
#include "../../../drivers/rpmsg/rpmsg_char.c"
#include "fuzz_check.h"

#define QSIZE	1024	/* rx_queue_size, set small so that it fills */

static struct rpmsg_device rpdev;
static struct device parent;
static struct rpmsg_endpoint the_ept;
static bool ept_live;
static ssize_t mtu;

/* "User memory": one buffer at a time, exactly as long as userspace said */
static u8 *ubuf;
static size_t ulen;
/* ... and, for a batch, its descriptor and array as well */
static const void *uextra[2];
static size_t uextra_len[2];

/* How many bytes from @p on are user memory (0: @p is not) */
static size_t user_room(const void *p)
{
	unsigned int i;

	if (p == ubuf)
		return ulen;
	for (i = 0; i < ARRAY_SIZE(uextra); i++)
		if (uextra[i] && (const u8 *)p >= (const u8 *)uextra[i] &&
		    (const u8 *)p < (const u8 *)uextra[i] + uextra_len[i])
			return (const u8 *)uextra[i] + uextra_len[i] -
			       (const u8 *)p;
	return 0;
}

/* The last message the transport was asked to send */
static u8 sent[65536];
static int sent_len;
static u32 sent_dst;

/* The buffer the transport lends for a direct write, and whether it may */
static u8 lent[65536];
static bool lend, lent_out;

/* Model of the receive queue */
static u8 *model[QSIZE / 2];
static u16 model_len[QSIZE / 2];
static unsigned int model_head, model_n;
static size_t model_used;

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	size_t room = user_room(from);

	FUZZ_CHECK(room || from == ubuf);
	if (n > room) {
		memcpy(to, from, room);
		return n - room;
	}
	memcpy(to, from, n);
	return 0;
}

long copy_from_user_nofault(void *dst, const void __user *src, size_t size)
{
	size_t room = user_room(src);

	FUZZ_CHECK(room || src == ubuf);
	if (size > room)
		return -EFAULT;
	memcpy(dst, src, size);
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	FUZZ_CHECK(n <= user_room(to));
	memcpy(to, from, n);
	return 0;
}

struct file *anon_inode_getfile(const char *name, const void *fops,
				void *priv, int flags)
{
	struct file *f = calloc(1, sizeof(*f));

	f->private_data = priv;
	f->f_op = fops;
	f->f_flags = flags;
	/* As the kernel's anon_inode_getfile() derives it */
	f->f_mode = ((flags & O_ACCMODE) != O_WRONLY ? FMODE_READ : 0) |
		    ((flags & O_ACCMODE) != O_RDONLY ? FMODE_WRITE : 0);
	return f;
}

struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *r,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo)
{
	FUZZ_CHECK(r == &rpdev && !ept_live);
	the_ept.cb = cb;
	the_ept.priv = priv;
	the_ept.rpdev = r;
	ept_live = true;
	return &the_ept;
}

void rpmsg_destroy_ept(struct rpmsg_endpoint *ept)
{
	FUZZ_CHECK(ept == &the_ept && ept_live);
	ept_live = false;
}

void rpmsg_set_rx_atomic(struct rpmsg_endpoint *ept, bool atomic) { }

ssize_t rpmsg_get_mtu(struct rpmsg_endpoint *ept)
{
	return mtu;
}

static int send(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	FUZZ_CHECK(ept == &the_ept && ept_live);
	FUZZ_CHECK(len >= 0 && (ssize_t)len <= max_t(ssize_t, mtu, 0));
	memcpy(sent, data, len);
	sent_len = len;
	sent_dst = dst;
	return 0;
}

int rpmsg_send(struct rpmsg_endpoint *ept, void *data, int len)
{
	return send(ept, data, len, RPMSG_ADDR_ANY);
}

int rpmsg_trysend(struct rpmsg_endpoint *ept, void *data, int len)
{
	return send(ept, data, len, RPMSG_ADDR_ANY);
}

int rpmsg_sendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	return send(ept, data, len, dst);
}

int rpmsg_trysendto(struct rpmsg_endpoint *ept, void *data, int len, u32 dst)
{
	return send(ept, data, len, dst);
}

void *rpmsg_get_tx_buffer(struct rpmsg_endpoint *ept, unsigned int *size,
			  bool wait)
{
	FUZZ_CHECK(ept == &the_ept && ept_live && !lent_out && !wait);
	if (!lend || mtu <= 0)
		return ERR_PTR(-ENOMEM);
	lent_out = true;
	*size = mtu;
	return lent;
}

void rpmsg_put_tx_buffer(struct rpmsg_endpoint *ept, void *buf)
{
	FUZZ_CHECK(ept == &the_ept && buf == lent && lent_out);
	lent_out = false;
}

int rpmsg_sendto_nocopy(struct rpmsg_endpoint *ept, void *buf, int len,
			u32 dst)
{
	rpmsg_put_tx_buffer(ept, buf);
	return send(ept, buf, len, dst);
}

int rpmsg_send_nocopy(struct rpmsg_endpoint *ept, void *buf, int len)
{
	return rpmsg_sendto_nocopy(ept, buf, len, RPMSG_ADDR_ANY);
}

/* The transport has one buffer to lend: a batch of it is one at most */
int rpmsg_get_tx_buffers(struct rpmsg_endpoint *ept, void **bufs,
			 unsigned int n, unsigned int *size, bool wait)
{
	void *buf;

	FUZZ_CHECK(n >= 1 && n <= RPMSG_TX_BATCH_MAX);
	buf = rpmsg_get_tx_buffer(ept, size, wait);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	bufs[0] = buf;
	return 1;
}

/* Set by the input: the transport fails a batch after lending for it */
static bool batch_fails;

int rpmsg_sendto_nocopy_batch(struct rpmsg_endpoint *ept, void * const *bufs,
			      const unsigned int *lens, unsigned int n,
			      u32 dst)
{
	FUZZ_CHECK(n == 1 && lens[0] <= INT_MAX);
	if (batch_fails) {
		/* Gone meanwhile: the buffer goes back, nothing is sent */
		rpmsg_put_tx_buffer(ept, bufs[0]);
		return -ENODEV;
	}
	return rpmsg_sendto_nocopy(ept, bufs[0], lens[0], dst) ?: 1;
}

__poll_t rpmsg_poll(struct rpmsg_endpoint *ept, struct file *filp,
		    poll_table *wait)
{
	FUZZ_CHECK(ept == &the_ept && ept_live);
	return EPOLLOUT;
}

int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner)
{
	return 0;
}

void unregister_rpmsg_driver(struct rpmsg_driver *drv) { }

static void model_reset(void)
{
	while (model_n) {
		free(model[model_head]);
		model_head = (model_head + 1) % ARRAY_SIZE(model);
		model_n--;
	}
	model_head = 0;
	model_used = 0;
}

static void remote_sends(struct rpmsg_eptdev *eptdev, const u8 *data,
			 size_t n, bool bad)
{
	u64 dropped = eptdev->rx_dropped;
	int len = bad ? (n & 1 ? -1 : 65536) : (int)n;
	bool fits = !bad && model_used + 2 + n <= QSIZE;
	u8 *copy;
	int ret;

	copy = malloc(n ? n : 1);
	memcpy(copy, data, n);
	ret = the_ept.cb(&rpdev, copy, len, the_ept.priv, 0x400);
	if (bad) {
		FUZZ_CHECK(ret == -EINVAL && eptdev->rx_dropped == dropped);
		free(copy);
		return;
	}
	FUZZ_CHECK(ret == 0);
	if (!fits) {
		FUZZ_CHECK(eptdev->rx_dropped == dropped + (n > 0));
		free(copy);
		return;
	}
	FUZZ_CHECK(eptdev->rx_dropped == dropped);
	FUZZ_CHECK(model_n < ARRAY_SIZE(model));
	model[(model_head + model_n) % ARRAY_SIZE(model)] = copy;
	model_len[(model_head + model_n) % ARRAY_SIZE(model)] = n;
	model_n++;
	model_used += 2 + n;
}

static void user_reads(struct file *file, struct rpmsg_eptdev *eptdev,
		       size_t len, bool gone)
{
	ssize_t ret;

	ulen = len;
	ubuf = malloc(len ? len : 1);
	ret = eptdev_read(file, (char __user *)ubuf, len, NULL);
	if (!model_n) {
		FUZZ_CHECK(ret == (gone ? -EPIPE : -EAGAIN));
	} else {
		unsigned int i = model_head;
		size_t want = min_t(size_t, len, model_len[i]);

		FUZZ_CHECK(ret == (ssize_t)want);
		FUZZ_CHECK(!memcmp(ubuf, model[i], want));
		free(model[i]);
		model_used -= 2 + model_len[i];
		model_head = (i + 1) % ARRAY_SIZE(model);
		model_n--;
	}
	free(ubuf);
}

/* The error a write of @len bytes from ubuf must get, or 0 for none */
static long write_error(struct rpmsg_eptdev *eptdev, size_t len, bool gone)
{
	if (gone)
		return -EPIPE;
	if ((ssize_t)len > eptdev->mtu)
		return -EMSGSIZE;
	if (len > ulen)
		return -EFAULT;
	if (eptdev->chinfo.dst == RPMSG_ADDR_ANY)
		return -EDESTADDRREQ;
	return 0;
}

static void user_writes(struct file *file, struct rpmsg_eptdev *eptdev,
			size_t len, const u8 *data, size_t avail, bool gone,
			bool copying)
{
	ssize_t ret;
	long err;

	ulen = min(len, avail);
	ubuf = malloc(ulen ? ulen : 1);
	memcpy(ubuf, data, ulen);
	sent_len = -1;
	lend = !copying;
	ret = eptdev_write(file, (const char __user *)ubuf, len, NULL);
	FUZZ_CHECK(!lent_out);
	err = write_error(eptdev, len, gone);
	if (err)
		FUZZ_CHECK(ret == err);
	else
		FUZZ_CHECK(ret == (ssize_t)len && sent_len == (int)len &&
			   !memcmp(sent, ubuf, len) &&
			   sent_dst == eptdev->chinfo.dst);
	if (ret != (ssize_t)len)
		FUZZ_CHECK(sent_len == -1);
	free(ubuf);
}

/*
 * RPMSG_SEND_BATCH_IOCTL of @k messages of @len bytes, all from the same
 * user buffer; @copying as for user_writes(), @fails: the transport fails
 * the send of lent buffers (a device removed between lending and sending)
 */
static void user_writes_batch(struct file *file, struct rpmsg_eptdev *eptdev,
			      size_t len, const u8 *data, size_t avail,
			      bool gone, bool copying, unsigned int k,
			      bool fails)
{
	struct rpmsg_batch_msg m[4] = {};
	struct rpmsg_batch b = { .msgs = (uintptr_t)m, .count = k };
	unsigned int i;
	long ret, err;

	ulen = min(len, avail);
	ubuf = malloc(ulen ? ulen : 1);
	memcpy(ubuf, data, ulen);
	for (i = 0; i < k; i++)
		m[i] = (struct rpmsg_batch_msg){ .buf = (uintptr_t)ubuf,
						 .len = len };
	uextra[0] = &b;
	uextra_len[0] = sizeof(b);
	uextra[1] = m;
	uextra_len[1] = k * sizeof(m[0]);
	sent_len = -1;
	lend = !copying;
	batch_fails = fails;
	ret = eptdev_ioctl(file, RPMSG_SEND_BATCH_IOCTL, (unsigned long)&b);
	batch_fails = false;
	uextra[0] = NULL;
	uextra[1] = NULL;
	FUZZ_CHECK(!lent_out);
	/* The first message's error is the batch's */
	if (!(file->f_mode & FMODE_WRITE))
		err = -EBADF;
	else
		err = write_error(eptdev, len, gone);
	if (!err && fails && !copying && mtu > 0)	/* a buffer was lent */
		err = -EPIPE;
	if (err)
		FUZZ_CHECK(ret == err);
	else
		FUZZ_CHECK(ret == (long)k && sent_len == (int)len &&
			   !memcmp(sent, ubuf, len) &&
			   sent_dst == eptdev->chinfo.dst);
	for (i = 0; i < k; i++)
		FUZZ_CHECK(m[i].done == (ret > 0 ? len : 0));
	if (ret <= 0)
		FUZZ_CHECK(sent_len == -1);
	free(ubuf);
}

/* Returns true when the endpoint was destroyed. */
static bool user_ioctl(struct file *file, unsigned int sel, unsigned int arg,
		       bool gone)
{
	long ret;
	int val = -1;

	switch (sel % 4) {
	case 0:
		ret = eptdev_ioctl(file, RPMSG_DESTROY_EPT_IOCTL, 0);
		FUZZ_CHECK(ret == (gone ? -EINVAL : 0));
		return true;
	case 1:
		ubuf = (u8 *)&val;
		ulen = sizeof(val);
		ret = eptdev_ioctl(file, RPMSG_GET_OUTGOING_FLOWCONTROL,
				   (unsigned long)&val);
		FUZZ_CHECK(ret == 0 && val == 0);
		return false;
	case 2:
		ret = eptdev_ioctl(file, RPMSG_SET_INCOMING_FLOWCONTROL, arg);
		FUZZ_CHECK(ret == (arg > 1 ? -EINVAL : -EOPNOTSUPP));
		return false;
	default:
		ret = eptdev_ioctl(file, arg << 8 | sel, 0);
		if (ret == -ENOTTY)
			return false;
		/* This tree's own ioctls, with a NULL argument */
		if ((arg << 8 | sel) == RPMSG_GET_MTU_IOCTL ||
		    (arg << 8 | sel) == RPMSG_SEND_BATCH_IOCTL ||
		    (arg << 8 | sel) == RPMSG_RECV_BATCH_IOCTL) {
			FUZZ_CHECK(ret == -EFAULT || ret == -EBADF ||
				   ret == -EPIPE);
			return false;
		}
		/* It hit a real command number: the cases above check those. */
		FUZZ_CHECK((arg << 8 | sel) == RPMSG_DESTROY_EPT_IOCTL ||
			   (arg << 8 | sel) == RPMSG_SET_INCOMING_FLOWCONTROL);
		return (arg << 8 | sel) == RPMSG_DESTROY_EPT_IOCTL;
	}
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct rpmsg_channel_info chinfo = { .name = "fuzz", .src = 1 };
	struct rpmsg_eptdev *eptdev;
	unsigned int flags;
	struct file *file;
	bool gone = false, bad_flags;
	size_t pos = 4;

	if (size < 4)
		return 0;
	mtu = (s16)(data[0] | data[1] << 8);
	chinfo.dst = data[2] == 0xff ? RPMSG_ADDR_ANY : data[2];
	flags = (data[3] & 3) | (data[3] & 4 ? O_NONBLOCK : 0) |
		(data[3] & 8 ? O_CLOEXEC : 0) | (data[3] & 16 ? O_APPEND : 0);
	bad_flags = (data[3] & 3) == 3 || (data[3] & 16);

	rx_queue_size = QSIZE;
	memset(&rpdev, 0, sizeof(rpdev));
	memset(&parent, 0, sizeof(parent));
	device_initialize(&rpdev.dev);
	device_initialize(&parent);
	ept_live = false;

	file = rpmsg_chrdev_eptdev_new_file(&rpdev, &parent, chinfo, flags);
	if (bad_flags) {
		FUZZ_CHECK(PTR_ERR(file) == -EINVAL);
		FUZZ_CHECK(rpdev.dev.refs == 1 && parent.refs == 1);
		return 0;
	}
	FUZZ_CHECK(!IS_ERR(file) && ept_live);
	eptdev = file->private_data;
	FUZZ_CHECK(eptdev->mtu == (size_t)max_t(ssize_t, mtu, 0));
	/* Reads must not block: nothing else would ever fill the queue. */
	file->f_flags |= O_NONBLOCK;

	while (pos + 3 <= size) {
		u8 op = data[pos];
		size_t len = data[pos + 1] | data[pos + 2] << 8;
		size_t avail;

		pos += 3;
		avail = size - pos;
		switch (op % 5) {
		case 0:
			if (gone)
				break;
			len = min(len, avail);
			remote_sends(eptdev, data + pos, len, op & 0x80);
			pos += len;
			break;
		case 1:
			user_reads(file, eptdev, len, gone);
			break;
		case 2:
			if (op & 0x40)
				user_writes_batch(file, eptdev, len, data + pos,
						  avail, gone, op & 0x80,
						  1 + (op >> 4 & 3),
						  op & 0x08);
			else
				user_writes(file, eptdev, len, data + pos,
					    avail, gone, op & 0x80);
			pos += min(len, avail);
			break;
		case 3:
			if (user_ioctl(file, op >> 3, len, gone)) {
				if (!gone)
					FUZZ_CHECK(!ept_live);
				gone = true;
			}
			break;
		default: {
			__poll_t mask = eptdev_poll(file, NULL);

			FUZZ_CHECK(!!(mask & EPOLLIN) == (model_n > 0));
			FUZZ_CHECK(!!(mask & EPOLLHUP) == gone);
			break;
		}
		}
	}

	eptdev_release(NULL, file);
	free(file);
	FUZZ_CHECK(!ept_live);
	FUZZ_CHECK(rpdev.dev.refs == 1 && parent.refs == 1);
	model_reset();
	return 0;
}
