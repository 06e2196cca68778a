/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
struct file *anon_inode_getfile(const char *name, const void *fops,
				void *priv, int flags);
