#include "fuzz_kernel.h"
#include <fcntl.h>
