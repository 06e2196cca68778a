#include "fuzz_kernel.h"
