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
include/uapi/linux/remoteproc_cdev.h
Documentation/staging/remoteproc.rst Documentation/staging/rpmsg.rst"

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

# cross_configure OUT ARCH CROSS DEFCONFIG FRAGMENT...: configure the cross
# build in OUT as DEFCONFIG with the fragments merged in, and check that
# every request of the fragments holds. Skipped while neither the fragments
# nor the calling script changed since the last time.
cross_configure() {
	local out=$1 arch=$2 cross=$3 defconfig=$4 stamp
	shift 4
	local cm=(make -C "$SRC" O="$out" ARCH="$arch" CROSS_COMPILE="$cross"
		  CC="ccache ${cross}gcc" -s)

	mkdir -p "$out"
	stamp=$(cat "$@" "$0" /dev/null | sha1sum | cut -d' ' -f1)
	[ "$(cat "$out/.rig-config" 2>/dev/null)" = "$stamp" ] && return 0
	"${cm[@]}" "$defconfig" >/dev/null || return 1
	if [ $# -gt 0 ]; then
		(cd "$out" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$out" \
			"$out/.config" "$@" >/dev/null 2>&1) || return 1
		"${cm[@]}" olddefconfig >/dev/null || return 1
		"$REPO/scripts/rig/config-check.sh" "$out/.config" "$@" || return 1
	fi
	echo "$stamp" > "$out/.rig-config"
}

# ktap_result KIND NAME RC: one KTAP line "ok N KIND: NAME" (or "not ok"),
# counting in the caller's n and failed.
ktap_result() {
	n=$((n + 1))
	if [ "$3" -eq 0 ]; then
		echo "ok $n $1: $2"
	else
		echo "not ok $n $1: $2"
		failed=$((failed + 1))
	fi
}

# ktap_builds FUNCTION "ARGS"...: run FUNCTION once per word list ARGS,
# print one KTAP line for each ("ok N <first and third word>"), and return
# non-zero if any failed.
ktap_builds() {
	local fn=$1 n=0 failed=0 spec
	shift
	for spec in "$@"; do
		set -- $spec
		n=$((n + 1))
		if "$fn" "$@"; then
			echo "ok $n $fn: $1 $3"
		else
			echo "not ok $n $fn: $1 $3"
			failed=$((failed + 1))
		fi
	done
	[ $failed -eq 0 ]
}
