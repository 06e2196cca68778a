/* SPDX-License-Identifier: GPL-2.0 */
#include "fuzz_kernel.h"
#ifndef FUZZ_POLL_H
#define FUZZ_POLL_H
#define EPOLLIN		0x001
#define EPOLLOUT	0x004
#define EPOLLERR	0x008
#define EPOLLHUP	0x010
#define EPOLLRDNORM	0x040
#define EPOLLWRNORM	0x100
#define poll_wait(f, q, p)	((void)(f), (void)(q), (void)(p))
/* A NULL table is a poll that does not wait; any other asks for input */
#define poll_does_not_wait(p)		(!(p))
#define poll_requested_events(p)	((void)(p), (__poll_t)EPOLLIN)
#endif
