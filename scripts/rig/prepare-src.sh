#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Unpack linux-source-6.1 once into $O/src, delete the mainline files this
# project replaces (REPLACED_FILES), then overlay the repository's files. Only files
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
	for p in $REPLACED_FILES; do
		rm -f "${SRC:?}/$p"
	done
	echo $REPLACED_FILES > "$SRC/.rig-replaced"
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

# A tree unpacked with another REPLACED_FILES (or by the older rig, which
# deleted the mixed directories whole): bring back from the tarball every
# mainline file of MIXED_DIRS that is neither replaced nor overlaid, and
# delete the replaced ones the repository does not provide.
if [ "$(cat "$SRC/.rig-replaced" 2>/dev/null)" != "$(echo $REPLACED_FILES)" ]; then
	step "restoring mainline's kept files in $MIXED_DIRS"
	kept=$O/unpack-kept
	rm -rf "$kept"
	mkdir -p "$kept"
	tar -C "$kept" -xJf "$TARBALL" \
		$(for d in $MIXED_DIRS; do echo "linux-source-6.1/$d"; done)
	(cd "$kept/linux-source-6.1" && find . -type f | sed 's|^\./||') |
		sort > "$kept/list"
	printf '%s\n' $REPLACED_FILES | sort > "$kept/replaced"
	sort -m "$kept/replaced" "$new" | sort -u > "$kept/ours"
	comm -23 "$kept/list" "$kept/ours" | while read -r f; do
		mkdir -p "$SRC/$(dirname "$f")"
		cmp -s "$kept/linux-source-6.1/$f" "$SRC/$f" ||
			cp "$kept/linux-source-6.1/$f" "$SRC/$f"
	done
	comm -23 "$kept/replaced" "$new" | while read -r f; do
		rm -f "$SRC/$f"
	done
	rm -rf "$kept"
	echo $REPLACED_FILES > "$SRC/.rig-replaced"
fi

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
