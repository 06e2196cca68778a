/* SPDX-License-Identifier: (GPL-2.0 OR BSD-3-Clause) */
/*
 * rr_arch_gcc.h - barriers from the compiler's C11 fences
 *
 * Right for a port whose two sides are CPUs of one cache-coherent system
 * (the simulator, the host tests).  On x86 they cost a compiler barrier,
 * except the full one, which is an mfence.
 */
#ifndef RR_ARCH_GCC_H
#define RR_ARCH_GCC_H

#define rr_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rr_rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define rr_wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)

#endif /* RR_ARCH_GCC_H */
