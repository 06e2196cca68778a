#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ARM compile checks: drivers/remoteproc, drivers/rpmsg and the samples with every project
# option (configs/arm/*.config) on top of omap2plus_defconfig
# (arm-linux-gnueabihf) and davinci_all_defconfig (arm-linux-gnueabi),
# warnings as errors. One KTAP-style line per build; non-zero exit on any
# failure.
set -u
. "$(dirname "$0")/common.sh"

"$REPO/scripts/rig/prepare-src.sh" || exit 1
mkdir -p "$LOGS"
frags=$(ls "$REPO"/configs/arm/*.config 2>/dev/null | sort)

arm() {
	local name=$1 arch=$2 defconfig=$3 cross=$4 out=$O/arm-$1 rc=0
	local am=(make -C "$SRC" O="$out" ARCH="$arch" CROSS_COMPILE="$cross"
		  CC="ccache ${cross}gcc" -j"$JOBS" -s)

	step "ARM: $defconfig ($cross)"
	cross_configure "$out" "$arch" "$cross" "$defconfig" $frags || return 1
	"${am[@]}" KCFLAGS=-Werror drivers/remoteproc/ drivers/rpmsg/ \
		samples/remoteproc/ samples/rpmsg_echo/ samples/rpmsg/ \
		> "$LOGS/arm-$name.log" 2>&1 || rc=1
	grep -E ': (warning|error):' "$LOGS/arm-$name.log"
	return $rc
}

ktap_builds arm "omap2plus arm omap2plus_defconfig arm-linux-gnueabihf-" \
	"davinci arm davinci_all_defconfig arm-linux-gnueabi-"
