#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench-build.sh [ours] [mainline]: build the two kernels that make bench
# and make abi-diff boot (default: both), without debug options and from
# one configuration: ours from $O/src into $O/bench/ours, and mainline 6.1
# unpacked whole into $O/bench/mainline-src, with only the simulator driver
# (which uses nothing but the public platform-driver API) added to it, into
# $O/bench/mainline. Both stay in $O, so a second run only rebuilds what
# changed; ccache makes the first build of the second kernel cheaper.
set -eu
. "$(dirname "$0")/common.sh"

B=$O/bench
MSRC=$B/mainline-src
mkdir -p "$B"
which=${*:-ours mainline}

case " $which " in *" ours "*) "$REPO/scripts/rig/prepare-src.sh" ;; esac

if [ ! -f "$MSRC/.rig-unpacked" ]; then
	step "unpacking mainline 6.1 into $MSRC"
	rm -rf "$MSRC" "$B/unpack"
	mkdir -p "$B/unpack"
	tar -C "$B/unpack" -xJf "$TARBALL"
	mv "$B/unpack/linux-source-6.1" "$MSRC"
	rmdir "$B/unpack"
	cp "$MSRC/drivers/remoteproc/Kconfig" "$MSRC/drivers/remoteproc/Kconfig.mainline"
	cp "$MSRC/drivers/remoteproc/Makefile" "$MSRC/drivers/remoteproc/Makefile.mainline"
	touch "$MSRC/.rig-unpacked"
fi

# The simulator goes into mainline as it is in our tree: its files, its
# Kconfig entry and its Makefile lines.
step "adding the simulator to mainline"
rd=$REPO/drivers/remoteproc
md=$MSRC/drivers/remoteproc
rsync --checksum "$rd"/remoteproc_sim*.[ch] "$md/"
rsync --checksum "$REPO/include/uapi/linux/remoteproc_sim.h" "$MSRC/include/uapi/linux/"
{
	cat "$md/Kconfig.mainline"
	awk '/^config REMOTEPROC_SIM$/ { on = 1; print; next }
	     on && /^(config|menuconfig|if|endif|menu|endmenu|source)/ { on = 0 }
	     on' "$rd/Kconfig"
} > "$B/Kconfig.new"
{
	cat "$md/Makefile.mainline"
	awk '/REMOTEPROC_SIM|^remoteproc_sim-/ { on = 1 }
	     on { print; if ($0 !~ /\\$/ && $0 !~ /REMOTEPROC_SIM\)/) on = 0 }' "$rd/Makefile"
} > "$B/Makefile.new"
cmp -s "$B/Kconfig.new" "$md/Kconfig" || cp "$B/Kconfig.new" "$md/Kconfig"
cmp -s "$B/Makefile.new" "$md/Makefile" || cp "$B/Makefile.new" "$md/Makefile"

# Same configuration for both: the base system without debug options.
sed '/^# Debugging/,$d' "$REPO/configs/x86/00-base.config" > "$B/base.config"
frags="$B/base.config $REPO/configs/bench/bench.config"

# build NAME SRC [FRAGMENT]: one kernel, with an extra fragment of its own
build() {
	local name=$1 src=$2 out=$B/$1 frags="$frags ${3:-}"
	local km=(make -C "$src" O="$out" ARCH=x86_64 CC="ccache gcc"
		  HOSTCC="ccache gcc" -j"$JOBS")
	local stamp

	stamp=$(cat $frags "$0" | sha1sum | cut -d' ' -f1)
	if [ "$(cat "$out/.rig-config" 2>/dev/null)" != "$stamp" ]; then
		step "configuring the $name kernel"
		mkdir -p "$out"
		"${km[@]}" -s tinyconfig >/dev/null
		(cd "$out" && "$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
			"$out/.config" $frags >/dev/null)
		"${km[@]}" -s olddefconfig >/dev/null 2>&1 || die "$name: olddefconfig failed"
		"$REPO/scripts/rig/config-check.sh" "$out/.config" $frags ||
			die "$name: the configuration lacks what the fragments ask for"
		echo "$stamp" > "$out/.rig-config"
	fi
	step "building the $name kernel"
	"${km[@]}" -s bzImage modules 2>&1 | grep -v '^  [A-Z]' || true
	[ "${PIPESTATUS[0]}" -eq 0 ] || die "$name: kernel build failed"
	# The kernel benchmark client, from the same source for both
	step "building rpmsg_kbench for the $name kernel"
	rm -rf "$B/kbench-$name"
	cp -r "$REPO/tools/rpmsg-bench/kbench" "$B/kbench-$name"
	"${km[@]}" -s M="$B/kbench-$name" modules >/dev/null ||
		die "$name: rpmsg_kbench does not build"
}

for k in $which; do
	case $k in
	ours) build ours "$SRC" "$REPO/configs/bench/ours.config" ;;
	mainline) build mainline "$MSRC" ;;
	*) die "bench-build.sh: unknown kernel $k" ;;
	esac
done
