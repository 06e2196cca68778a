#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make compat: does every 6.1 user of remoteproc and rpmsg build on this
# series? Two cross builds, 32-bit ARM (multi_v7_defconfig) and arm64
# (defconfig), with configs/compat/common.config and the architecture's
# fragment merged in: every platform driver and transport of
# drivers/remoteproc and drivers/rpmsg (ours and mainline's kept ones) and
# every user of the two APIs elsewhere in the tree, as modules.
#
# Only what is needed is compiled: modules_prepare, the two directories and
# the samples, then each user's object file as a single target. The users
# are found by grep over the tree (calls of rproc_*()/rpmsg_*(), the
# structures, includes of the headers), so a new one cannot be missed.
# Warnings are errors everywhere: a warning in a user is most likely a type
# our headers got wrong.
#
# Every file is listed with its result; a file that cannot build on an
# architecture for a reason outside this series is listed with the reason
# (the table below). One KTAP line per architecture; non-zero exit on any
# failure.
set -u
. "$(dirname "$0")/common.sh"

"$REPO/scripts/rig/prepare-src.sh" || exit 1
mkdir -p "$LOGS"

# Files that do not build on an architecture for a reason outside this
# series: "ARCH PATH REASON". They are not compiled there.
SKIP="
arm drivers/remoteproc/ti_k3_dsp_remoteproc.c ARCH_K3 exists on arm64 only
arm drivers/remoteproc/ti_k3_r5_remoteproc.c ARCH_K3 exists on arm64 only
arm64 drivers/remoteproc/keystone_remoteproc.c ARCH_KEYSTONE exists on 32-bit ARM only
arm64 drivers/remoteproc/wkup_m3_rproc.c SOC_AM33XX/SOC_AM43XX exist on 32-bit ARM only
arm64 drivers/soc/ti/wkup_m3_ipc.c needs WKUP_M3_RPROC (32-bit ARM only)
arm64 drivers/remoteproc/st_remoteproc.c ARCH_STI exists on 32-bit ARM only
arm64 drivers/remoteproc/st_slim_rproc.c selected by ST_FDMA, which needs ARCH_STI (32-bit ARM only)
arm64 drivers/dma/st_fdma.c ARCH_STI exists on 32-bit ARM only
arm64 drivers/media/platform/st/sti/delta/delta-ipc.c ARCH_STI exists on 32-bit ARM only
"

# KUnit suites and the simulator are built and run in the x86 test kernel.
X86_ONLY='^drivers/(remoteproc|rpmsg)/(.*_test|ti_rproc_fakes|remoteproc_sim_.*)\.c$'

skip_reason() {
	echo "$SKIP" | awk -v a="$1" -v f="$2" \
		'$1 == a && $2 == f { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }'
}

# The users of the two APIs outside our directories: C files that call
# them, use their structures or include their headers. (A file that only
# includes a local header which includes ours is left out: the files that
# include that header directly compile it, and such a file may be one the
# configuration leaves out.)
find_users() {
	local re='#include <linux/(remoteproc|rpmsg)(\.h|/)|\b(rproc|rpmsg)_[a-z0-9_]+\(|struct (rproc|rpmsg_[a-z]+)\b'
	cd "$SRC" || return 1
	grep -rlE "$re" --include='*.c' drivers sound net samples arch 2>/dev/null |
		grep -vE '^(drivers/(remoteproc|rpmsg)|samples/(rpmsg_echo|remoteproc))/' |
		sort -u
}

compat() {
	local name=$1 arch=$2 defconfig=$3 cross=$4 out=$O/compat-$1 rc=0
	local am=(make -C "$SRC" O="$out" ARCH="$arch" CROSS_COMPILE="$cross"
		  CC="ccache ${cross}gcc" -j"$JOBS" -s)
	local log=$LOGS/compat-$name.log f o reason objs=() users=()

	step "compat: $name $defconfig ($cross)"
	cross_configure "$out" "$arch" "$cross" "$defconfig" \
		"$REPO/configs/compat/common.config" \
		"$REPO/configs/compat/$name.config" || return 1
	"${am[@]}" modules_prepare > "$log" 2>&1 || { cat "$log"; return 1; }

	# Our directories and the samples, as the configuration has them.
	"${am[@]}" -k KCFLAGS=-Werror drivers/remoteproc/ drivers/rpmsg/ \
		samples/rpmsg/ samples/rpmsg_echo/ samples/remoteproc/ \
		>> "$log" 2>&1 || rc=1

	# The users elsewhere, one object each.
	mapfile -t users < <(find_users)
	for f in "${users[@]}"; do
		[ -n "$(skip_reason "$name" "$f")" ] || objs+=("${f%.c}.o")
	done
	"${am[@]}" -k KCFLAGS=-Werror "${objs[@]}" >> "$log" 2>&1 || rc=1

	# The list: every C file of our directories and every user.
	for f in $(cd "$SRC" && ls drivers/remoteproc/*.c drivers/rpmsg/*.c \
			samples/rpmsg/*.c samples/rpmsg_echo/*.c \
			samples/remoteproc/*.c) "${users[@]}"; do
		o=$out/${f%.c}.o
		reason=$(skip_reason "$name" "$f")
		if [ -n "$reason" ]; then
			echo "  skipped  $f: $reason"
		elif [ -f "$o" ]; then
			echo "  built    $f"
		elif [[ $f =~ $X86_ONLY ]]; then
			echo "  x86      $f: KUnit suite or simulator, built in the test kernel"
		else
			echo "  MISSING  $f: not built"
			rc=1
		fi
	done
	grep -E ': (warning|error):' "$log"
	return $rc
}

ktap_builds compat "arm arm multi_v7_defconfig arm-linux-gnueabihf-" \
	"arm64 arm64 defconfig aarch64-linux-gnu-"
