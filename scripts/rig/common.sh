# SPDX-License-Identifier: GPL-2.0
#
# Shared settings of the rig scripts; sourced, never run.
#   O        build directory (default: build/ in the repository)
#   REPO     the repository root
#   SRC      the unpacked kernel source with our files overlaid ($O/src)
#   KOUT     object directory of the x86_64 test kernel ($O/x86;
#            RIG_KOUT boots another one, as bench.sh does)
#   LOGS     guest logs ($O/logs; RIG_LOGS for another place)
#   JOBS     parallel make jobs

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
O=${O:-$REPO/build}
mkdir -p "$O"
O=$(cd "$O" && pwd)
SRC=$O/src
KOUT=${RIG_KOUT:-$O/x86}
LOGS=${RIG_LOGS:-$O/logs}
JOBS=${JOBS:-$(nproc)}
TARBALL=${TARBALL:-/usr/src/linux-source-6.1.tar.xz}

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=$O
export CCACHE_NOHASHDIR=1
export CCACHE_SLOPPINESS=time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}

# Mainline 6.1 files this project replaces. They are deleted when the tree
# is unpacked, so none survives beside ours; every other file of mainline's
# drivers/remoteproc, drivers/rpmsg and their include directories (the
# platform drivers, the Qualcomm and MediaTek transports, their headers)
# stays exactly as 6.1 has it and is built by our Kconfig and Makefiles.
REPLACED_FILES="
drivers/remoteproc/Kconfig drivers/remoteproc/Makefile
drivers/remoteproc/da8xx_remoteproc.c drivers/remoteproc/omap_remoteproc.c
drivers/remoteproc/omap_remoteproc.h drivers/remoteproc/remoteproc_cdev.c
drivers/remoteproc/remoteproc_core.c drivers/remoteproc/remoteproc_coredump.c
drivers/remoteproc/remoteproc_debugfs.c
drivers/remoteproc/remoteproc_elf_helpers.h
drivers/remoteproc/remoteproc_elf_loader.c
drivers/remoteproc/remoteproc_internal.h drivers/remoteproc/remoteproc_sysfs.c
drivers/remoteproc/remoteproc_virtio.c
drivers/rpmsg/Kconfig drivers/rpmsg/Makefile drivers/rpmsg/rpmsg_char.c
drivers/rpmsg/rpmsg_char.h drivers/rpmsg/rpmsg_core.c drivers/rpmsg/rpmsg_ctrl.c
drivers/rpmsg/rpmsg_internal.h drivers/rpmsg/rpmsg_ns.c
drivers/rpmsg/virtio_rpmsg_bus.c
include/linux/remoteproc.h include/linux/rpmsg.h
include/linux/rpmsg/byteorder.h include/linux/rpmsg/ns.h
include/uapi/linux/rpmsg.h include/uapi/linux/rpmsg_types.h
include/uapi/linux/remoteproc_cdev.h"

# The mainline directories those files live in: what is not replaced there
# is kept (prepare-src.sh restores it when REPLACED_FILES changes).
MIXED_DIRS="drivers/remoteproc drivers/rpmsg include/linux/remoteproc
include/linux/rpmsg samples/rpmsg"

# Top-level directories of the repository that are overlaid onto the tree.
OVERLAY_DIRS="drivers include samples Documentation tools"

kmake() {
	make -C "$SRC" O="$KOUT" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$JOBS" "$@"
}

step() {
	printf '\033[1m== %s\033[0m\n' "$*"
}

die() {
	echo "rig: $*" >&2
	exit 1
}
