/* SPDX-License-Identifier: GPL-2.0 */
/* The harnesses build without KUnit: nothing is exported to its suites. */
#include "fuzz_kernel.h"

#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(s)
