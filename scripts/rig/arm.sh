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
n=0
failed=0
frags=$(ls "$REPO"/configs/arm/*.config 2>/dev/null | sort)

build() {
	local name=$1 defconfig=$2 cross=$3 out=$O/arm-$1 rc=0
	local am=(make -C "$SRC" O="$out" ARCH=arm CROSS_COMPILE="$cross"
		  CC="ccache ${cross}gcc" -j"$JOBS" -s)
	local stamp
	stamp=$(cat $frags "$0" /dev/null | sha1sum | cut -d' ' -f1)
	step "ARM: $defconfig ($cross)"
	mkdir -p "$out"
	if [ "$(cat "$out/.rig-config" 2>/dev/null)" != "$stamp" ]; then
		"${am[@]}" "$defconfig" >/dev/null || return 1
		if [ -n "$frags" ]; then
			(cd "$out" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$out" \
				"$out/.config" $frags >/dev/null 2>&1) || return 1
			"${am[@]}" olddefconfig >/dev/null || return 1
			"$REPO/scripts/rig/config-check.sh" "$out/.config" $frags || return 1
		fi
		echo "$stamp" > "$out/.rig-config"
	fi
	"${am[@]}" KCFLAGS=-Werror drivers/remoteproc/ drivers/rpmsg/ samples/remoteproc/ samples/rpmsg/ \
		> "$LOGS/arm-$name.log" 2>&1 || rc=1
	grep -E 'warning|error' "$LOGS/arm-$name.log"
	return $rc
}

for spec in "omap2plus omap2plus_defconfig arm-linux-gnueabihf-" \
	    "davinci davinci_all_defconfig arm-linux-gnueabi-"; do
	set -- $spec
	n=$((n + 1))
	if build "$@"; then
		echo "ok $n arm: $2"
	else
		echo "not ok $n arm: $2"
		failed=$((failed + 1))
	fi
done
exit $((failed > 0))
