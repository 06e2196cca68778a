/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_FILE_H
#define FUZZ_FILE_H
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
void fput(struct file *file);
#endif
