#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack linux-source-6.1 once into $O/src, delete mainline's files in the
# paths this project owns, then overlay the repository's files. Only files
# whose contents changed are rewritten (so make rebuilds only what changed);
# files that left the repository since the last overlay are deleted.
# Finally the hunks in patches/ are applied to mainline files.
set -eu
. "$(dirname "$0")/common.sh"

[ -f "$TARBALL" ] || die "$TARBALL missing (run scripts/rig/deps.sh)"

if [ ! -f "$SRC/.rig-unpacked" ]; then
	step "unpacking $(basename "$TARBALL") into $SRC"
	rm -rf "$SRC" "$O/unpack"
	mkdir -p "$O/unpack"
	tar -C "$O/unpack" -xJf "$TARBALL"
	mv "$O/unpack/linux-source-6.1" "$SRC"
	rmdir "$O/unpack"
	for p in $OWNED_PATHS; do
		rm -rf "${SRC:?}/$p"
	done
	: > "$SRC/.rig-overlay"
	touch "$SRC/.rig-unpacked"
fi

cd "$REPO"
new=$(mktemp)
trap 'rm -f "$new"' EXIT
# Tracked files plus untracked ones that are not ignored: work in progress
# is tested as it is.
git ls-files -co --exclude-standard -- $OVERLAY_DIRS |
	while read -r f; do [ -f "$f" ] && echo "$f"; done | sort -u > "$new"

# Deleted from the repository since the last overlay: delete from the tree.
comm -23 "$SRC/.rig-overlay" "$new" | while read -r f; do
	rm -f "$SRC/$f"
done

rsync -r --perms --checksum --files-from="$new" "$REPO/" "$SRC/"
cp "$new" "$SRC/.rig-overlay"

# patches/*.patch: the series' small hunks in files outside the owned paths
# (a Kconfig "source", a Makefile line). When the set changes, the applied
# ones are reverted in reverse order and the new set applied in order.
applied=$SRC/.rig-patches
mkdir -p "$applied"
if ! diff -rq "$applied" "$REPO/patches" >/dev/null 2>&1; then
	for p in $(ls -r "$applied"/*.patch 2>/dev/null); do
		patch -s -R -p1 -d "$SRC" < "$p" || die "cannot revert $(basename "$p")"
		rm -f "$p"
	done
	for p in "$REPO"/patches/*.patch; do
		[ -f "$p" ] || continue
		patch -s -N -p1 -d "$SRC" < "$p" || die "cannot apply $(basename "$p")"
		cp "$p" "$applied/"
	done
fi
