// SPDX-License-Identifier: GPL-2.0
/*
 * rpmsg client sample: ping-pong with an echo service on the remote.
 *
 * Binds to channels named "rpmsg-client-sample". On probe it sends the
 * first message; every reply is checked against what was sent, counted,
 * and answered with the next message until @count round trips are done.
 * Then it stops and logs one summary line. Progress is readable at any
 * time from the channel's "replies" and "mismatched" attributes in sysfs.
 *
 * Receive callbacks run in process context, so they may use the blocking
 * rpmsg_send(). Nothing is allocated per message: each channel owns one
 * message buffer, sized at probe.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>

static unsigned int count = 100;
module_param(count, uint, 0444);
MODULE_PARM_DESC(count, "round trips per channel, then stop (default 100)");

static unsigned int size;
module_param(size, uint, 0444);
MODULE_PARM_DESC(size, "payload bytes per message; 0 (default): just \"ping N\"");

/**
 * struct sample_chan - per-channel state
 * @rpdev: the channel
 * @limit: @count when the channel was probed
 * @len: payload length of every message
 * @sent: messages sent so far, counted before each leaves
 * @replies: replies received so far
 * @bad: replies that did not echo what was sent
 * @msg: the message last sent, @len bytes
 *
 * Probe sends the first message, the receive callback every other one;
 * they never run at the same time on one channel except for the first
 * reply, which may arrive before probe has returned. sysfs reads
 * @replies and @bad without a lock.
 */
struct sample_chan {
	struct rpmsg_device *rpdev;
	unsigned int limit;
	unsigned int len;
	unsigned int sent;
	unsigned int replies;
	unsigned int bad;
	u8 msg[];
};

/* Build message number @chan->sent + 1 in @chan->msg and send it */
static int sample_send_next(struct sample_chan *chan)
{
	unsigned int seq = chan->sent + 1;
	unsigned int i, head;
	int ret;

	head = scnprintf((char *)chan->msg, chan->len, "ping %u", seq);
	/* A recognisable filler, different for every message */
	for (i = head; i < chan->len; i++)
		chan->msg[i] = (u8)(seq + i);

	/*
	 * Count it before it leaves: the reply can come back, on another
	 * CPU, before rpmsg_send() returns to a caller outside the receive
	 * callback (probe, when the driver binds after the channel appeared).
	 */
	WRITE_ONCE(chan->sent, seq);
	ret = rpmsg_send(chan->rpdev->ept, chan->msg, chan->len);
	if (ret) {
		WRITE_ONCE(chan->sent, seq - 1);
		dev_err(&chan->rpdev->dev, "cannot send message %u: %d\n", seq,
			ret);
	}
	return ret;
}

static int sample_cb(struct rpmsg_device *rpdev, void *data, int len,
		     void *priv, u32 src)
{
	struct sample_chan *chan = dev_get_drvdata(&rpdev->dev);
	unsigned int done;

	if (chan->replies == READ_ONCE(chan->sent)) {
		dev_warn_ratelimited(&rpdev->dev,
				     "nothing outstanding, dropped %d bytes from 0x%x\n",
				     len, src);
		return 0;
	}

	if (len != chan->len || memcmp(data, chan->msg, len))
		WRITE_ONCE(chan->bad, chan->bad + 1);
	done = chan->replies + 1;
	WRITE_ONCE(chan->replies, done);
	dev_dbg(&rpdev->dev, "reply %u: %d bytes from 0x%x\n", done, len, src);

	if (done < chan->limit)
		return sample_send_next(chan);

	dev_info(&rpdev->dev, "goodbye: %u of %u replies, %u mismatched\n",
		 done, chan->limit, chan->bad);
	return 0;
}

static int sample_probe(struct rpmsg_device *rpdev)
{
	struct sample_chan *chan;
	unsigned int len = size;
	ssize_t mtu;

	mtu = rpmsg_get_mtu(rpdev->ept);
	if (mtu < 0)
		return mtu;
	if (!len)
		len = sizeof("ping 4294967295");
	if (len > mtu) {
		dev_err(&rpdev->dev, "%u byte messages exceed the mtu of %zd\n",
			len, mtu);
		return -EMSGSIZE;
	}

	chan = devm_kzalloc(&rpdev->dev, struct_size(chan, msg, len),
			    GFP_KERNEL);
	if (!chan)
		return -ENOMEM;
	chan->rpdev = rpdev;
	chan->limit = count;
	chan->len = len;
	dev_set_drvdata(&rpdev->dev, chan);

	dev_info(&rpdev->dev, "new channel: 0x%x -> 0x%x, %u x %u bytes\n",
		 rpdev->src, rpdev->dst, chan->limit, len);
	return chan->limit ? sample_send_next(chan) : 0;
}

static void sample_remove(struct rpmsg_device *rpdev)
{
	struct sample_chan *chan = dev_get_drvdata(&rpdev->dev);

	/* The final account: sent - replies were lost with the channel. */
	dev_info(&rpdev->dev, "removed after %u of %u replies, %u sent, %u mismatched\n",
		 READ_ONCE(chan->replies), chan->limit, READ_ONCE(chan->sent),
		 READ_ONCE(chan->bad));
}

static ssize_t replies_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct sample_chan *chan = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", READ_ONCE(chan->replies));
}
static DEVICE_ATTR_RO(replies);

static ssize_t mismatched_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct sample_chan *chan = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%u\n", READ_ONCE(chan->bad));
}
static DEVICE_ATTR_RO(mismatched);

static struct attribute *sample_attrs[] = {
	&dev_attr_replies.attr,
	&dev_attr_mismatched.attr,
	NULL
};
ATTRIBUTE_GROUPS(sample);

static const struct rpmsg_device_id sample_ids[] = {
	{ .name = "rpmsg-client-sample" },
	{}
};

static struct rpmsg_driver sample_driver = {
	.callback	= sample_cb,
	.probe		= sample_probe,
	.remove		= sample_remove,
	.id_table	= sample_ids,
	.drv		= {
		.name		= KBUILD_MODNAME,
		.dev_groups	= sample_groups,
	},
};

module_rpmsg_driver(sample_driver);
MODULE_DEVICE_TABLE(rpmsg, sample_ids);
MODULE_DESCRIPTION("rpmsg client sample: echo round trips");
MODULE_LICENSE("GPL");
