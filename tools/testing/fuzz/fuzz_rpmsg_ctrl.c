// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the ioctl argument checks of /dev/rpmsg_ctrlN
 * (drivers/rpmsg/rpmsg_ctrl.c): what userspace passes to
 * RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL, RPMSG_RELEASE_DEV_IOCTL
 * and RPMSG_CREATE_EPT_FD_IOCTL, and any other command number.
 *
 * Input: [cmd:u8][ctl:u8][user buffer...]. cmd 0-3 pick the four
 * commands, other values are used as a raw command number together with
 * the next four bytes. ctl bit 0 makes the user buffer read-only (the
 * result of CREATE_EPT_FD cannot be written back), bit 1 makes the
 * endpoint or channel creation fail, bit 2 passes a NULL argument. The
 * user buffer is exactly as long as the rest of the input, so a short one
 * faults part way.
 *
 * Contract: the bus is called only with a name NUL-terminated within
 * RPMSG_NAME_SIZE and zero-padded, non-empty where a channel is named, and
 * with the addresses userspace gave; unknown commands get -ENOTTY before
 * anything is read; a descriptor is either installed with the result
 * written back, or released together with its file; nothing is leaked.
 */
#include "../../../drivers/rpmsg/rpmsg_ctrl.c"
#include "fuzz_check.h"

static const u8 *ubuf;
static size_t ulen;
static bool uro, fail_create;
static int fds_reserved, fds_installed, fds_put, files_made, files_put;
static int bus_calls;
static struct rpmsg_device rpdev;
static bool need_name;
static u32 want_src, want_dst;

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	if (!from)
		return n;
	FUZZ_CHECK(from == ubuf);
	if (n > ulen) {
		memcpy(to, ubuf, ulen);
		memset((u8 *)to + ulen, 0, n - ulen);
		return n - ulen;
	}
	memcpy(to, ubuf, n);
	return 0;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (!to || uro)
		return n;
	FUZZ_CHECK(to == ubuf && n <= ulen);
	memcpy((void *)ubuf, from, n);
	return 0;
}

static void check_chinfo(const struct rpmsg_channel_info *chinfo)
{
	size_t len = strnlen(chinfo->name, sizeof(chinfo->name));
	size_t i;

	bus_calls++;
	FUZZ_CHECK(len < sizeof(chinfo->name));
	FUZZ_CHECK(!need_name || len > 0);
	for (i = len; i < sizeof(chinfo->name); i++)
		FUZZ_CHECK(chinfo->name[i] == '\0');
	FUZZ_CHECK(ulen >= sizeof(struct rpmsg_endpoint_info));
	FUZZ_CHECK(!memcmp(chinfo->name, ubuf, len) && ubuf[len] == '\0');
	FUZZ_CHECK(chinfo->src == want_src && chinfo->dst == want_dst);
}

int rpmsg_chrdev_eptdev_create(struct rpmsg_device *r, struct device *parent,
			       struct rpmsg_channel_info chinfo)
{
	FUZZ_CHECK(r == &rpdev);
	check_chinfo(&chinfo);
	return fail_create ? -ENOMEM : 0;
}

static struct file the_file;

struct file *rpmsg_chrdev_eptdev_new_file(struct rpmsg_device *r,
					  struct device *parent,
					  struct rpmsg_channel_info chinfo,
					  unsigned int flags)
{
	FUZZ_CHECK(r == &rpdev);
	check_chinfo(&chinfo);
	if (fail_create)
		return ERR_PTR(-ENOMEM);
	files_made++;
	return &the_file;
}

int rpmsg_chrdev_eptdev_destroy(struct device *dev, void *data) { return 0; }
void rpmsg_chrdev_anon_destroy_all(struct device *parent) { }
struct class *rpmsg_char_class;

struct rpmsg_device *rpmsg_create_channel(struct rpmsg_device *r,
					  struct rpmsg_channel_info *chinfo)
{
	FUZZ_CHECK(r == &rpdev);
	check_chinfo(chinfo);
	return fail_create ? NULL : &rpdev;
}

int rpmsg_release_channel(struct rpmsg_device *r,
			  struct rpmsg_channel_info *chinfo)
{
	FUZZ_CHECK(r == &rpdev);
	check_chinfo(chinfo);
	return 0;
}

static struct device other_channel;

struct device *rpmsg_find_device(struct device *parent,
				 struct rpmsg_channel_info *chinfo)
{
	check_chinfo(chinfo);
	bus_calls--;
	if (fail_create)
		return NULL;
	/* Name "rpmsg_ctrl" stands for the control channel itself. */
	return get_device(strcmp(chinfo->name, "rpmsg_ctrl") ?
			  &other_channel : &rpdev.dev);
}

int get_unused_fd_flags(unsigned int flags)
{
	fds_reserved++;
	return 3;
}

void put_unused_fd(unsigned int fd) { fds_put++; }
void fd_install(unsigned int fd, struct file *file) { fds_installed++; }
void fput(struct file *file) { files_put++; }

int __register_rpmsg_driver(struct rpmsg_driver *drv, struct module *owner)
{
	return 0;
}

void unregister_rpmsg_driver(struct rpmsg_driver *drv) { }

int fuzz_device_children(struct device *parent, void *data, device_child_fn_t fn)
{
	return 0;
}

static const unsigned int cmds[] = {
	RPMSG_CREATE_EPT_IOCTL, RPMSG_CREATE_DEV_IOCTL,
	RPMSG_RELEASE_DEV_IOCTL, RPMSG_CREATE_EPT_FD_IOCTL,
};

static const int ctrl_errors[] = {
	EFAULT, EINVAL, ENOMEM, ENXIO, ENOTTY,
	0
};

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct rpmsg_ctrldev *ctrldev;
	struct inode inode = {};
	struct file filp = {};
	unsigned int cmd;
	u8 *user;
	bool known;
	long ret;

	if (size < 2)
		return 0;
	if (data[0] < ARRAY_SIZE(cmds)) {
		cmd = cmds[data[0]];
		known = true;
	} else {
		cmd = size >= 6 ? data[2] | data[3] << 8 | data[4] << 16 |
				  (u32)data[5] << 24 : data[0];
		known = cmd == cmds[0] || cmd == cmds[1] || cmd == cmds[2] ||
			cmd == cmds[3];
	}
	uro = data[1] & 1;
	fail_create = data[1] & 2;
	ulen = size - 2;
	user = malloc(ulen ? ulen : 1);
	memcpy(user, data + 2, ulen);
	ubuf = data[1] & 4 ? NULL : user;
	if (ulen >= sizeof(struct rpmsg_endpoint_info)) {
		const struct rpmsg_endpoint_info *info = (const void *)user;

		want_src = info->src;
		want_dst = info->dst;
	}
	need_name = cmd == RPMSG_CREATE_DEV_IOCTL || cmd == RPMSG_RELEASE_DEV_IOCTL;
	fds_reserved = 0;
	fds_installed = 0;
	fds_put = 0;
	files_made = 0;
	files_put = 0;
	bus_calls = 0;

	memset(&rpdev, 0, sizeof(rpdev));
	FUZZ_CHECK(!rpmsg_ctrldev_probe(&rpdev));
	ctrldev = dev_get_drvdata(&rpdev.dev);
	rpdev.dev.parent = &rpdev.dev;
	inode.i_cdev = &ctrldev->cdev;
	FUZZ_CHECK(!ctrldev_open(&inode, &filp));

	ret = ctrldev_ioctl(&filp, cmd, (unsigned long)ubuf);
	if (ret)
		FUZZ_CHECK_ERRNO(ret, ctrl_errors);
	if (!known)
		FUZZ_CHECK(ret == -ENOTTY && bus_calls == 0);
	if (!ubuf || ulen < (cmd == RPMSG_CREATE_EPT_FD_IOCTL ?
			     sizeof(struct rpmsg_endpoint_fd_info) :
			     sizeof(struct rpmsg_endpoint_info)))
		FUZZ_CHECK(bus_calls == 0 && (ret == -EFAULT || !known));

	/* Descriptors and files are balanced. */
	FUZZ_CHECK(fds_reserved == fds_installed + fds_put);
	FUZZ_CHECK(files_made == fds_installed + files_put);
	FUZZ_CHECK(fds_installed <= 1);
	if (fds_installed) {
		const struct rpmsg_endpoint_fd_info *info = (const void *)ubuf;

		FUZZ_CHECK(ret == 0 && info->fd == 3);
	}

	ctrldev_release(&inode, &filp);
	rpmsg_ctrldev_remove(&rpdev);
	free(user);
	return 0;
}
