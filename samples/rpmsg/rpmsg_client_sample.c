// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg client sample: ping-pong with an echo service on the remote.
 *
 * Binds to channels named "rpmsg-client-sample". On probe it sends the
 * first message; every reply is counted and answered with the next
 * message until @count round trips are done, then the result is logged.
 * Receive callbacks run in process context, so they may use the blocking
 * rpmsg_send().
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>

static unsigned int count = 100;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "number of round trips per channel (default 100)");

/**
 * struct sample_chan - per-channel state
 * @sent: messages sent so far
 * @replies: replies received so far
 * @bad: replies that did not echo what was sent
 */
struct sample_chan {
	unsigned int sent;
	unsigned int replies;
	unsigned int bad;
};

static int sample_send_next(struct rpmsg_device *rpdev,
			    struct sample_chan *chan)
{
	char msg[32];
	int len, ret;

	len = scnprintf(msg, sizeof(msg), "ping %u", chan->sent + 1);
	ret = rpmsg_send(rpdev->ept, msg, len);
	if (ret) {
		dev_err(&rpdev->dev, "send %u failed: %d\n", chan->sent + 1,
			ret);
		return ret;
	}
	chan->sent++;
	return 0;
}

static int sample_cb(struct rpmsg_device *rpdev, void *data, int len,
		     void *priv, u32 src)
{
	struct sample_chan *chan = dev_get_drvdata(&rpdev->dev);
	char expect[32];
	int elen;

	if (chan->replies >= chan->sent) {
		dev_warn_ratelimited(&rpdev->dev,
				     "unexpected message from 0x%x\n", src);
		return 0;
	}

	elen = scnprintf(expect, sizeof(expect), "ping %u",
			 chan->replies + 1);
	if (len != elen || memcmp(data, expect, elen))
		chan->bad++;
	chan->replies++;
	dev_info(&rpdev->dev, "incoming msg %u (src: 0x%x)\n",
		 chan->replies, src);

	if (chan->replies < count)
		return sample_send_next(rpdev, chan);

	dev_info(&rpdev->dev, "goodbye: %u of %u replies, %u mismatched\n",
		 chan->replies, count, chan->bad);
	return 0;
}

static int sample_probe(struct rpmsg_device *rpdev)
{
	struct sample_chan *chan;

	dev_info(&rpdev->dev, "new channel: 0x%x -> 0x%x\n", rpdev->src,
		 rpdev->dst);

	chan = devm_kzalloc(&rpdev->dev, sizeof(*chan), GFP_KERNEL);
	if (!chan)
		return -ENOMEM;
	dev_set_drvdata(&rpdev->dev, chan);

	if (!count)
		return 0;
	return sample_send_next(rpdev, chan);
}

static void sample_remove(struct rpmsg_device *rpdev)
{
	struct sample_chan *chan = dev_get_drvdata(&rpdev->dev);

	dev_info(&rpdev->dev, "removed after %u of %u replies\n",
		 chan->replies, count);
}

static const struct rpmsg_device_id sample_ids[] = {
	{ .name = "rpmsg-client-sample" },
	{},
};
MODULE_DEVICE_TABLE(rpmsg, sample_ids);

static struct rpmsg_driver sample_driver = {
	.drv.name	= KBUILD_MODNAME,
	.id_table	= sample_ids,
	.probe		= sample_probe,
	.remove		= sample_remove,
	.callback	= sample_cb,
};
module_rpmsg_driver(sample_driver);

MODULE_DESCRIPTION("rpmsg client sample: echo round trips");
MODULE_LICENSE("GPL");
