/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Conversions between CPU order and the byte order a transport chose for
 * its shared structures (see struct rpmsg_device.little_endian).
 */
#ifndef _LINUX_RPMSG_BYTEORDER_H
#define _LINUX_RPMSG_BYTEORDER_H

#include <linux/types.h>
#include <asm/byteorder.h>
#include <uapi/linux/rpmsg_types.h>

/**
 * rpmsg_is_little_endian() - byte order of the CPU we run on
 *
 * Return: true on little-endian CPUs; used when no device says otherwise.
 */
static inline bool rpmsg_is_little_endian(void)
{
	return !IS_ENABLED(CONFIG_CPU_BIG_ENDIAN);
}

/*
 * In the helpers below @le selects the wire order at run time: true for a
 * little-endian transport, false for a big-endian one.
 */
static inline u16 __rpmsg16_to_cpu(bool le, __rpmsg16 v)
{
	return le ? le16_to_cpu((__force __le16)v) : be16_to_cpu((__force __be16)v);
}

static inline __rpmsg16 __cpu_to_rpmsg16(bool le, u16 v)
{
	return le ? (__force __rpmsg16)cpu_to_le16(v) :
		    (__force __rpmsg16)cpu_to_be16(v);
}

static inline u32 __rpmsg32_to_cpu(bool le, __rpmsg32 v)
{
	return le ? le32_to_cpu((__force __le32)v) : be32_to_cpu((__force __be32)v);
}

static inline __rpmsg32 __cpu_to_rpmsg32(bool le, u32 v)
{
	return le ? (__force __rpmsg32)cpu_to_le32(v) :
		    (__force __rpmsg32)cpu_to_be32(v);
}

static inline u64 __rpmsg64_to_cpu(bool le, __rpmsg64 v)
{
	return le ? le64_to_cpu((__force __le64)v) : be64_to_cpu((__force __be64)v);
}

static inline __rpmsg64 __cpu_to_rpmsg64(bool le, u64 v)
{
	return le ? (__force __rpmsg64)cpu_to_le64(v) :
		    (__force __rpmsg64)cpu_to_be64(v);
}

#endif /* _LINUX_RPMSG_BYTEORDER_H */
