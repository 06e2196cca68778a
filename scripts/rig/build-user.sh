#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the userspace parts and the test initramfs $O/initramfs.cpio:
# busybox, /init, the kernel modules, every tools/<dir> of the repository
# (installed with DESTDIR) and every selftest directory of the repository
# (installed under /kselftest, listed in /kselftest/list).
set -eu
. "$(dirname "$0")/common.sh"

"$REPO/scripts/rig/prepare-src.sh"
[ -f "$KOUT/arch/x86/boot/bzImage" ] || die "no test kernel: run make kernel"

stage=$O/initramfs
rm -rf "$stage"
mkdir -p "$stage"/{bin,dev,proc,sys,tmp,etc,lib/firmware,kselftest}
cp /bin/busybox "$stage/bin/busybox"
cp "$REPO/scripts/rig/init" "$stage/init"
chmod 755 "$stage/init"
[ -d "$KOUT/modroot/lib/modules" ] && cp -a "$KOUT/modroot/lib/modules" "$stage/lib/"

export CC="ccache gcc"
for mk in "$REPO"/tools/*/Makefile; do
	[ -f "$mk" ] || continue
	d=$(basename "$(dirname "$mk")")
	[ "$d" = testing ] && continue
	step "building tools/$d"
	make -s -C "$SRC/tools/$d" -j"$JOBS" all
	make -s -C "$SRC/tools/$d" install DESTDIR="$stage"
done

: > "$stage/kselftest/list"
for mk in "$REPO"/tools/testing/selftests/*/Makefile; do
	[ -f "$mk" ] || continue
	d=$(basename "$(dirname "$mk")")
	step "building selftests/$d"
	args=(-C "$SRC/tools/testing/selftests/$d" OUTPUT="$O/kselftest-build/$d"
	      KHDR_INCLUDES="-isystem $KOUT/usr/include" COLLECTION="$d")
	mkdir -p "$O/kselftest-build/$d"
	make -s "${args[@]}" -j"$JOBS" all
	make -s "${args[@]}" INSTALL_PATH="$stage/kselftest/$d" install
	make -s --no-print-directory "${args[@]}" emit_tests >> "$stage/kselftest/list"
done

(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$O/initramfs.cpio"
