#include "fuzz_kernel.h"
#include_next <linux/elf.h>
