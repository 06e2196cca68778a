#include "fuzz_kernel.h"
#include_next <linux/virtio_ids.h>
