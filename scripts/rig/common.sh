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

# Paths inside the kernel tree that belong to this project. Mainline's
# files there are deleted when the tree is unpacked, so none survives.
OWNED_PATHS="drivers/remoteproc drivers/rpmsg
include/linux/remoteproc.h include/linux/remoteproc
include/linux/rpmsg.h include/linux/rpmsg
include/uapi/linux/rpmsg.h include/uapi/linux/rpmsg_types.h
include/uapi/linux/remoteproc_cdev.h samples/rpmsg"

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
