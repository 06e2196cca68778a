/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * /dev/remoteprocN: user space control of a remote processor.
 *
 * Writing "start", "stop" or "detach" to the device does what writing it to
 * /sys/class/remoteproc/remoteprocN/state does.  With shutdown-on-release
 * set, closing the last file descriptor stops (or detaches from) a remote
 * that is still up, so a crashed controller process does not leave the
 * remote running.
 */

#ifndef _UAPI_REMOTEPROC_CDEV_H_
#define _UAPI_REMOTEPROC_CDEV_H_

#include <linux/ioctl.h>
#include <linux/types.h>

#define RPROC_MAGIC	0xB7

/*
 * RPROC_SET_SHUTDOWN_ON_RELEASE - argument: pointer to a __s32, 0 or 1.
 * RPROC_GET_SHUTDOWN_ON_RELEASE - argument: pointer to a __s32 to fill.
 */
#define RPROC_SET_SHUTDOWN_ON_RELEASE	_IOW(RPROC_MAGIC, 1, __s32)
#define RPROC_GET_SHUTDOWN_ON_RELEASE	_IOR(RPROC_MAGIC, 2, __s32)

#endif /* _UAPI_REMOTEPROC_CDEV_H_ */
