// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg_kbench: measure the rpmsg bus from a kernel client, without the
 * character device in the way.
 *
 * Binds to channels named "rpmsg-kbench" whose remote echoes (the test
 * firmware's "announce rpmsg-kbench ADDR" makes one) and, after probe (in
 * a work item: probe may run in the transport's receive path), sends
 * @msgs messages of @len bytes with up to @window in flight, counting the
 * echoes, then logs one line of key=value pairs:
 *   kbench: msgs= len= window= nocopy= rx_atomic= batch= usecs= msgs_per_s=
 *           bad= stray=
 * where bad counts messages from the remote end of the channel that were
 * not an echo of ours, and stray those from any other address: say, the
 * firmware's answer to the command that made it announce the channel,
 * sent to an address Linux gave up and gave the new channel.
 * Built from the public API, so that the same source measures any kernel;
 * where the kernel has them (this tree), @nocopy sends from the transport's
 * buffer (rpmsg_get_tx_buffer() and rpmsg_sendto_nocopy()), @batch sends
 * all the window lets out at once that way (rpmsg_get_tx_buffers() and
 * rpmsg_sendto_nocopy_batch()), and @rx_atomic takes the echoes in the
 * ring interrupt (rpmsg_set_rx_atomic()).
 */
#include <linux/atomic.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

static unsigned int msgs = 100000;
module_param(msgs, uint, 0444);
MODULE_PARM_DESC(msgs, "messages to send at probe");
static unsigned int len = 16;
module_param(len, uint, 0444);
MODULE_PARM_DESC(len, "bytes per message");
static unsigned int window = 32;
module_param(window, uint, 0444);
MODULE_PARM_DESC(window, "messages in flight at once");
static bool nocopy;
module_param(nocopy, bool, 0444);
MODULE_PARM_DESC(nocopy, "fill the transport's buffer in place (this tree)");
static bool rx_atomic;
module_param(rx_atomic, bool, 0444);
MODULE_PARM_DESC(rx_atomic, "take echoes in the ring interrupt (this tree)");
static bool batch;
module_param(batch, bool, 0444);
MODULE_PARM_DESC(batch, "send all the window lets out at once, zero-copy (this tree)");

#define KBENCH_WAIT	(10 * HZ)

struct kbench {
	struct rpmsg_device *rpdev;
	struct work_struct work;
	void *buf;
	wait_queue_head_t wq;
	atomic_t got;
	atomic_t bad;
	atomic_t stray;
#ifdef KBENCH_HAVE_BATCH
	void *bufs[RPMSG_TX_BATCH_MAX];
	unsigned int lens[RPMSG_TX_BATCH_MAX];
#endif
};

static int kbench_cb(struct rpmsg_device *rpdev, void *data, int n,
		     void *priv, u32 src)
{
	struct kbench *kb = dev_get_drvdata(&rpdev->dev);

	if (!kb)
		return 0;	/* nothing was sent yet */
	if (src != rpdev->dst) {
		atomic_inc(&kb->stray);
		return 0;
	}
	/* Only echoes count; anything else the remote end says is "bad" */
	if (n != len || memchr_inv(data, 0x5a, n)) {
		atomic_inc(&kb->bad);
		return 0;
	}
	atomic_inc(&kb->got);
	/*
	 * The sender mostly finds room without sleeping: skip the queue's
	 * lock then, or the client's own bookkeeping weighs in the figures.
	 * The barrier in wq_has_sleeper() pairs with wait_event_timeout()'s.
	 */
	if (wq_has_sleeper(&kb->wq))
		wake_up(&kb->wq);
	return 0;
}

/* Send up to @room messages (one unless @batch): how many, or an errno */
static int kbench_send(struct kbench *kb, unsigned int room)
{
	struct rpmsg_device *rpdev = kb->rpdev;
	int ret;

#ifdef KBENCH_HAVE_BATCH
	if (batch) {
		unsigned int size;
		int i, n;

		n = rpmsg_get_tx_buffers(rpdev->ept, kb->bufs,
					 min_t(unsigned int, room,
					       RPMSG_TX_BATCH_MAX),
					 &size, true);
		if (n < 0)
			return n;
		for (i = 0; i < n; i++) {
			memcpy(kb->bufs[i], kb->buf, min(size, len));
			kb->lens[i] = len;
		}
		/* The buffers go back to the transport whatever happens */
		return rpmsg_sendto_nocopy_batch(rpdev->ept, kb->bufs, kb->lens,
						 n, rpdev->dst);
	}
#endif
#ifdef KBENCH_HAVE_NOCOPY
	if (nocopy) {
		unsigned int size;
		void *p = rpmsg_get_tx_buffer(rpdev->ept, &size, true);

		if (IS_ERR(p))
			return PTR_ERR(p);
		memcpy(p, kb->buf, min(size, len));
		ret = rpmsg_send_nocopy(rpdev->ept, p, len);
		return ret ?: 1;
	}
#endif
	ret = rpmsg_send(rpdev->ept, kb->buf, len);
	return ret ?: 1;
}

/* How many more messages the window lets out after @sent */
static unsigned int kbench_room(struct kbench *kb, unsigned int sent)
{
	unsigned int out = sent - (unsigned int)atomic_read(&kb->got);

	return out < window ? window - out : 0;
}

static void kbench_run(struct work_struct *work)
{
	struct kbench *kb = container_of(work, struct kbench, work);
	struct rpmsg_device *rpdev = kb->rpdev;
	unsigned int sent;
	ktime_t t0;
	s64 us;
	int ret = 0;

	t0 = ktime_get();
	for (sent = 0; sent < msgs; sent += ret) {
		if (!wait_event_timeout(kb->wq, kbench_room(kb, sent),
					KBENCH_WAIT)) {
			ret = -ETIMEDOUT;
			break;
		}
		ret = kbench_send(kb, min(kbench_room(kb, sent), msgs - sent));
		if (ret < 0)
			break;
	}
	if (ret > 0)
		ret = 0;
	if (!ret && !wait_event_timeout(kb->wq, atomic_read(&kb->got) == msgs,
					KBENCH_WAIT))
		ret = -ETIMEDOUT;
	us = ktime_us_delta(ktime_get(), t0);
	if (ret) {
		dev_err(&rpdev->dev, "kbench: failed (%d) after %u sent, %d echoed\n",
			ret, sent, atomic_read(&kb->got));
		return;
	}
	dev_info(&rpdev->dev,
		 "kbench: msgs=%u len=%u window=%u nocopy=%d rx_atomic=%d batch=%d usecs=%lld msgs_per_s=%lld bad=%d stray=%d\n",
		 msgs, len, window, nocopy, rx_atomic, batch, us,
		 div64_s64((s64)msgs * USEC_PER_SEC, max_t(s64, us, 1)),
		 atomic_read(&kb->bad), atomic_read(&kb->stray));
}

static int kbench_probe(struct rpmsg_device *rpdev)
{
	struct kbench *kb;

	if (!msgs || !len || !window)
		return -EINVAL;
	kb = devm_kzalloc(&rpdev->dev, sizeof(*kb), GFP_KERNEL);
	if (!kb)
		return -ENOMEM;
	kb->buf = devm_kmalloc(&rpdev->dev, len, GFP_KERNEL);
	if (!kb->buf)
		return -ENOMEM;
	memset(kb->buf, 0x5a, len);
	kb->rpdev = rpdev;
	init_waitqueue_head(&kb->wq);
	INIT_WORK(&kb->work, kbench_run);
	dev_set_drvdata(&rpdev->dev, kb);
#ifdef KBENCH_HAVE_NOCOPY
	rpmsg_set_rx_atomic(rpdev->ept, rx_atomic);
#else
	/* What the result line reports is what ran */
	nocopy = false;
	rx_atomic = false;
#endif
#ifndef KBENCH_HAVE_BATCH
	batch = false;
#endif
	queue_work(system_unbound_wq, &kb->work);
	return 0;
}

static void kbench_remove(struct rpmsg_device *rpdev)
{
	struct kbench *kb = dev_get_drvdata(&rpdev->dev);

	cancel_work_sync(&kb->work);
}

/* The channel the firmware announces when asked to ("announce rpmsg-kbench") */
static const struct rpmsg_device_id kbench_ids[] = {
	{ "rpmsg-kbench" },
	{ }
};
MODULE_DEVICE_TABLE(rpmsg, kbench_ids);

static struct rpmsg_driver kbench_driver = {
	.callback	= kbench_cb,	/* echoes, in the receive path */
	.probe		= kbench_probe,	/* queues the run */
	.remove		= kbench_remove,
	.id_table	= kbench_ids,
	.drv		= { .name = KBUILD_MODNAME },
};
module_rpmsg_driver(kbench_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("rpmsg benchmark client: rpmsg_send() and echoes, timed");
