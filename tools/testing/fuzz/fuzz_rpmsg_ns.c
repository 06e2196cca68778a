// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the rpmsg name service (drivers/rpmsg/rpmsg_ns.c): the endpoint
 * callback that receives the remote's announcements, and the parser
 * behind it.
 *
 * Input: byte 0 selects the channel's byte order (bit 0: little endian),
 * the rest is the payload as it arrives, in a buffer of exactly its size.
 * Contract: a channel is created or released, through the transport's
 * create_remote_channel or release_remote_channel, only for a 40-byte
 * message with a valid flag, the one the flag names, and then with the
 * announced name (non-empty, NUL-terminated inside RPMSG_NAME_SIZE, nothing
 * after the NUL), any local address and the announced remote address in the
 * channel's byte order. The payload is never written to.
 */
#include "../../../drivers/rpmsg/rpmsg_ns.c"
#include "fuzz_check.h"

static const u8 *cur_msg;
static bool cur_le;
static int created, released;

static void check_chinfo(const struct rpmsg_channel_info *chinfo)
{
	const struct rpmsg_ns_msg *msg = (const void *)cur_msg;
	size_t len = strnlen(chinfo->name, sizeof(chinfo->name));
	u32 addr = cur_le ? le32_to_cpu(msg->addr) : be32_to_cpu(msg->addr);
	size_t i;

	FUZZ_CHECK(cur_msg);
	FUZZ_CHECK(len > 0 && len < sizeof(chinfo->name));
	for (i = len; i < sizeof(chinfo->name); i++)
		FUZZ_CHECK(chinfo->name[i] == '\0');
	FUZZ_CHECK(!memcmp(chinfo->name, msg->name, len));
	FUZZ_CHECK(msg->name[len] == '\0');
	FUZZ_CHECK(chinfo->src == RPMSG_ADDR_ANY);
	FUZZ_CHECK(chinfo->dst == addr);
}

/* Let the callback see success and each documented refusal. */
static int fuzz_create_remote(struct rpmsg_device *rpdev,
			      struct rpmsg_channel_info *chinfo)
{
	static const int rets[] = { 0, -ENOSPC, -EEXIST, -ENOMEM };

	(void)rpdev;
	check_chinfo(chinfo);
	created++;
	return rets[chinfo->dst % ARRAY_SIZE(rets)];
}

static int fuzz_release_remote(struct rpmsg_device *rpdev,
			       struct rpmsg_channel_info *chinfo)
{
	static const int rets[] = { 0, -EPERM, -ENOENT };

	(void)rpdev;
	check_chinfo(chinfo);
	released++;
	return rets[chinfo->dst % ARRAY_SIZE(rets)];
}

static const struct rpmsg_device_ops fuzz_ops = {
	.create_remote_channel	= fuzz_create_remote,
	.release_remote_channel	= fuzz_release_remote,
};

struct rpmsg_endpoint *rpmsg_create_ept(struct rpmsg_device *rpdev,
					rpmsg_rx_cb_t cb, void *priv,
					struct rpmsg_channel_info chinfo)
{
	return NULL;
}

void rpmsg_destroy_ept(struct rpmsg_endpoint *ept) { }

int rpmsg_register_device_override(struct rpmsg_device *rpdev,
				   const char *driver_override)
{
	return 0;
}

int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner)
{
	return 0;
}

void unregister_rpmsg_driver(struct rpmsg_driver *drv) { }

static const int parse_errors[] = {
	EMSGSIZE, EINVAL, EOPNOTSUPP,
	0
};

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct rpmsg_device rpdev = {};
	struct rpmsg_ns ns = {};
	u8 *payload, *orig;
	struct rpmsg_channel_info chinfo;
	size_t len;
	u32 flags;
	int ret, cb_ret;

	if (size < 1)
		return 0;
	cur_le = data[0] & 1;
	rpdev.little_endian = cur_le;
	rpdev.ops = &fuzz_ops;
	len = size - 1;
	payload = malloc(len ? len : 1);
	orig = malloc(len ? len : 1);
	memcpy(payload, data + 1, len);
	memcpy(orig, data + 1, len);
	cur_msg = payload;
	created = 0;
	released = 0;

	ret = rpmsg_ns_parse(&rpdev, payload, len, &chinfo, &flags);
	if (ret) {
		FUZZ_CHECK_ERRNO(ret, parse_errors);
	} else {
		FUZZ_CHECK(flags == RPMSG_NS_CREATE || flags == RPMSG_NS_DESTROY);
		check_chinfo(&chinfo);
	}

	/* The callback's result is only logged; its actions are checked. */
	cb_ret = rpmsg_ns_cb(&rpdev, payload, len, &ns, RPMSG_NS_ADDR);
	FUZZ_CHECK(cb_ret <= 0 && cb_ret > -MAX_ERRNO);
	if (ret)
		FUZZ_CHECK(created + released == 0);
	FUZZ_CHECK(created + released <= 1);
	if (created + released)
		FUZZ_CHECK(len == sizeof(struct rpmsg_ns_msg));
	if (created)
		FUZZ_CHECK(!ret && flags == RPMSG_NS_CREATE);
	if (released)
		FUZZ_CHECK(!ret && flags == RPMSG_NS_DESTROY);
	if (!ret)
		FUZZ_CHECK(created + released == 1);
	if (len != sizeof(struct rpmsg_ns_msg))
		FUZZ_CHECK(ret == -EMSGSIZE);
	FUZZ_CHECK(!memcmp(payload, orig, len));

	cur_msg = NULL;
	free(orig);
	free(payload);
	return 0;
}
