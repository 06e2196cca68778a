#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The repository as a postable patch series against pristine 6.1.
#   series.sh            write it into $O/series (scripts/rig/series.py)
#   series.sh check      the gate: write it, run checkpatch --strict on every
#                        patch, apply it with git am to a fresh 6.1 tree,
#                        check that the result is the overlaid tree, and
#                        build the test kernel's remoteproc, rpmsg and
#                        samples objects from it
#   series.sh bisect     build those objects after every patch
set -u
. "$(dirname "$0")/common.sh"

mode=${1:-write}
OUT=$O/series
WORK=$O/series-work
TREE=$O/series-tree
BUILD=$O/series-build
PLIST=$O/series-pristine.list
n=0
failed=0
result() { ktap_result series "$@"; }

[ -f "$TARBALL" ] || die "$TARBALL missing (run scripts/rig/deps.sh)"
if [ ! -s "$PLIST" ] || [ "$TARBALL" -nt "$PLIST" ]; then
	step "listing $(basename "$TARBALL")"
	tar -tJf "$TARBALL" | sed -n 's|^linux-source-6\.1/||p' |
		grep -v '/$' > "$PLIST.tmp" && mv "$PLIST.tmp" "$PLIST"
fi

# The benchmark figures of the README go into the cover letter.
SERIES_FIGURES=$(sed -n '/^Benchmark$/,/^Fuzzing$/p' "$REPO/README" |
	grep -E '^ +[a-z].*[0-9]' | head -20)
export SERIES_FIGURES REPLACED_FILES OVERLAY_DIRS

step "writing the series into $OUT"
python3 "$REPO/scripts/rig/series.py" "$REPO" "$WORK" "$OUT" "$PLIST" \
	"$TARBALL" || exit 1
[ "$mode" = write ] && exit 0

# build_objects DIR: the remoteproc, rpmsg and samples objects of the test
# kernel's configuration, from the source tree DIR.
build_objects() {
	mkdir -p "$BUILD"
	cmp -s "$KOUT/.config" "$BUILD/.config" || cp "$KOUT/.config" "$BUILD/.config"
	make -C "$1" O="$BUILD" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$JOBS" -s olddefconfig >/dev/null 2>&1 &&
	make -C "$1" O="$BUILD" ARCH=x86_64 CC="ccache gcc" HOSTCC="ccache gcc" \
		-j"$JOBS" -s drivers/remoteproc/ drivers/rpmsg/ samples/ 2>&1
}

# fresh_tree: $TREE as pristine 6.1, ready for git am. It is unpacked once;
# only the files a series touches are tracked, every other file stays as
# unpacked. Checking out base restores the tracked ones and removes what
# the last series added; the files this series touches for the first time
# are still pristine, and are tracked in base from now on.
fresh_tree() {
	local missing
	if [ ! -f "$TREE/.series-unpacked" ]; then
		step "unpacking a fresh 6.1 tree"
		rm -rf "$TREE" "$O/series-unpack"
		mkdir -p "$O/series-unpack"
		tar -C "$O/series-unpack" -xJf "$TARBALL" || return 1
		mv "$O/series-unpack/linux-source-6.1" "$TREE"
		rmdir "$O/series-unpack"
		git -C "$TREE" init -q
		git -C "$TREE" -c user.name=series -c user.email=series@localhost \
			commit -q --allow-empty -m "Linux 6.1 (linux-source-6.1)"
		git -C "$TREE" tag base
		touch "$TREE/.series-unpacked"
	fi
	git -C "$TREE" am --abort >/dev/null 2>&1
	git -C "$TREE" checkout -q -f base || return 1
	missing=$(git -C "$WORK" ls-tree -r --name-only series-base |
		sort | comm -23 - <(git -C "$TREE" ls-files | sort))
	[ -z "$missing" ] && return 0
	git -C "$TREE" add -f -- $missing &&
	git -C "$TREE" -c user.name=series -c user.email=series@localhost \
		commit -q -m "track $(echo $missing | wc -w) more files" &&
	git -C "$TREE" tag -f base >/dev/null
}

am() {
	git -C "$TREE" -c user.name=series -c user.email=series@localhost \
		am -q --whitespace=nowarn "$@" 2>&1
}

[ -f "$KOUT/.config" ] || die "no test kernel configuration (make kernel first)"
mkdir -p "$LOGS"
patches=$(ls "$OUT"/0*.patch | grep -v '/0000-')
total=$(echo "$patches" | wc -l)

if [ "$mode" = bisect ]; then
	fresh_tree || die "cannot prepare $TREE"
	step "building after each of the $total patches"
	i=0
	for p in $patches; do
		i=$((i + 1))
		out=$(am "$p") || { echo "$out"; result "$i/$total applies" 1; break; }
		subj=$(git -C "$TREE" log -1 --format=%s)
		out=$(build_objects "$TREE")
		rc=$?
		echo "$out" > "$LOGS/series-bisect-$i.log"
		[ $rc -ne 0 ] && echo "$out" | grep -E 'error|Error' | head -5
		result "$i/$total builds: $subj" $rc
	done
	echo "# series bisect: $((n - failed)) of $n steps build"
	[ $failed -eq 0 ]
	exit
fi

[ "$mode" = check ] || die "unknown mode $mode"

step "checkpatch --strict on every patch"
# FILE_PATH_CHANGES: the series' directories are listed in MAINTAINERS
# already, so the "does MAINTAINERS need updating" reminder is noise here.
# Userspace tools and tests keep the checks gates.sh turns off for them.
uignore=PREFER_KERNEL_TYPES,NEW_TYPEDEFS,SPLIT_STRING,EMBEDDED_FUNCTION_NAME,PREFER_PRINTF,PREFER_PACKED,PREFER_ALIGNED,PREFER_SECTION,PREFER_DEFINED_ATTRIBUTE_MACRO,VOLATILE,AVOID_EXTERNS,PRINTF_L,LONG_LINE_STRING,CONSTANT_COMPARISON,ARRAY_SIZE
# The fuzz shim re-creates kernel macros (min(), barriers, IS_ENABLED(),
# ENOTSUPP, BUG(), EXPORT_SYMBOL(), container_of()) for a userspace build,
# in the shape of their kernel originals.
fignore=COMPLEX_MACRO,MACRO_ARG_REUSE,MACRO_ARG_PRECEDENCE,MEMORY_BARRIER,IS_ENABLED_CONFIG,ENOTSUPP,AVOID_BUG,EXPORT_SYMBOL,CAMELCASE
bad=0
for p in $patches; do
	ign=FILE_PATH_CHANGES
	grep -q '^+++ b/tools/' "$p" && ign=$ign,$uignore
	grep -q '^+++ b/tools/testing/fuzz/' "$p" && ign=$ign,$fignore
	out=$(cd "$O/src" && perl scripts/checkpatch.pl --strict --terse \
		--no-summary --show-types --ignore "$ign" "$p" 2>&1)
	if [ -n "$out" ]; then
		echo "$(basename "$p"):"
		echo "$out" | head -20
		bad=1
	fi
done
result "checkpatch --strict on $total patches" $bad

step "git am onto a fresh 6.1 tree"
fresh_tree || die "cannot prepare $TREE"
out=$(am $patches)
rc=$?
[ $rc -ne 0 ] && echo "$out" | head -20
result "git am of $total patches" $rc

if [ $rc -eq 0 ]; then
	"$REPO/scripts/rig/prepare-src.sh" >/dev/null || die "cannot prepare the tree"
	diffs=$(cd "$TREE" && git diff --name-only base HEAD | while read -r f; do
		if [ -e "$f" ]; then
			cmp -s "$f" "$SRC/$f" || echo "differs: $f"
		elif [ -e "$SRC/$f" ]; then
			echo "missing: $f"
		fi
	done)
	[ -n "$diffs" ] && echo "$diffs" | head -20
	[ -z "$diffs" ]
	result "the series gives the overlaid tree" $?

	step "building remoteproc, rpmsg and samples from the series"
	out=$(build_objects "$TREE")
	rc=$?
	echo "$out" > "$LOGS/series-build.log"
	[ $rc -ne 0 ] && echo "$out" | grep -E 'error|Error' | head -20
	result "build from the series" $rc
fi
[ $failed -eq 0 ]
