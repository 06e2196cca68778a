// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the name-service message parser: every malformed
 * announcement is rejected with its own error code and the received
 * buffer is never written to.
 */

#include <kunit/test.h>
#include <linux/rpmsg.h>
#include <linux/rpmsg/ns.h>
#include <linux/string.h>

#include "rpmsg_ns.h"

struct ns_parse_case {
	const char *desc;
	const char *name;	/* copied into the message, may fill all 32 */
	size_t name_len;	/* bytes of @name to copy */
	u32 addr;
	u32 flags;
	int len_delta;		/* added to sizeof(struct rpmsg_ns_msg) */
	bool big_endian;
	int expect;
};

static const struct ns_parse_case ns_parse_cases[] = {
	{ "create", "svc", 4, 0x400, RPMSG_NS_CREATE, 0, false, 0 },
	{ "destroy", "svc", 4, 0x401, RPMSG_NS_DESTROY, 0, false, 0 },
	{ "big-endian create", "svc", 4, 0x402, RPMSG_NS_CREATE, 0, true, 0 },
	{ "name of 31 chars", "0123456789012345678901234567890", 32, 7,
	  RPMSG_NS_CREATE, 0, false, 0 },
	{ "one byte short", "svc", 4, 1, RPMSG_NS_CREATE, -1, false,
	  -EMSGSIZE },
	{ "one byte long", "svc", 4, 1, RPMSG_NS_CREATE, 1, false, -EMSGSIZE },
	{ "empty payload", "svc", 4, 1, RPMSG_NS_CREATE, -40, false,
	  -EMSGSIZE },
	{ "name without NUL", "01234567890123456789012345678901", 32, 1,
	  RPMSG_NS_CREATE, 0, false, -EINVAL },
	{ "empty name", "", 1, 1, RPMSG_NS_CREATE, 0, false, -EINVAL },
	{ "unknown flag", "svc", 4, 1, 2, 0, false, -EOPNOTSUPP },
};

static void ns_parse_case_desc(const struct ns_parse_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ns_parse, ns_parse_cases, ns_parse_case_desc);

static void rpmsg_ns_parse_test(struct kunit *test)
{
	const struct ns_parse_case *c = test->param_value;
	struct rpmsg_device rpdev = { .little_endian = !c->big_endian };
	struct rpmsg_channel_info chinfo;
	u8 raw[sizeof(struct rpmsg_ns_msg) + 1];
	u8 copy[sizeof(raw)];
	struct rpmsg_ns_msg *msg = (void *)raw;
	u32 flags = ~0;
	int ret;

	memset(raw, 0xa5, sizeof(raw));
	memset(msg->name, 0, sizeof(msg->name));
	memcpy(msg->name, c->name, c->name_len);
	msg->addr = cpu_to_rpmsg32(&rpdev, c->addr);
	msg->flags = cpu_to_rpmsg32(&rpdev, c->flags);
	memcpy(copy, raw, sizeof(raw));

	ret = rpmsg_ns_parse(&rpdev, raw, sizeof(*msg) + c->len_delta,
			     &chinfo, &flags);
	KUNIT_EXPECT_EQ(test, ret, c->expect);
	/* Valid or not, the received buffer is left exactly as it was */
	KUNIT_EXPECT_EQ(test, memcmp(raw, copy, sizeof(raw)), 0);
	if (ret)
		return;

	KUNIT_EXPECT_EQ(test, flags, c->flags);
	KUNIT_EXPECT_EQ(test, chinfo.dst, c->addr);
	KUNIT_EXPECT_EQ(test, chinfo.src, RPMSG_ADDR_ANY);
	KUNIT_EXPECT_STREQ(test, chinfo.name, c->name);
}

static struct kunit_case rpmsg_ns_cases[] = {
	KUNIT_CASE_PARAM(rpmsg_ns_parse_test, ns_parse_gen_params),
	{}
};

static struct kunit_suite rpmsg_ns_suite = {
	.name = "rpmsg_ns",
	.test_cases = rpmsg_ns_cases,
};

kunit_test_suite(rpmsg_ns_suite);

MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
