#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Static gates on the project's files. Each gate prints the offending lines
# and one KTAP-style result line; the script exits non-zero if any failed.
#   checkpatch   scripts/checkpatch.pl --strict on every kernel C file and
#                header, and on userspace C with the kernel-only checks off
#   build        W=1 and sparse (C=2) over drivers/remoteproc, drivers/rpmsg
#                and samples, in a separate object directory ($O/gates)
#   kernel-doc   scripts/kernel-doc -none on every kernel C file and header
set -u
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/files.sh"

"$REPO/scripts/rig/prepare-src.sh" || exit 1
mkdir -p "$LOGS"
n=0
failed=0
result() { ktap_result gate "$@"; }

mapfile -t kfiles < <(kernel_c_files)
mapfile -t ufiles < <(user_c_files)

step "gate: checkpatch --strict (${#kfiles[@]} kernel files, ${#ufiles[@]} userspace files)"
cp=(perl "$SRC/scripts/checkpatch.pl" --strict --terse --no-summary --show-types -f)
out=$(cd "$SRC" && "${cp[@]}" "${kfiles[@]}" 2>&1)
# Userspace code uses C99/libc types and its own printing: the checks that
# only make sense inside the kernel are off for it.
uignore=PREFER_KERNEL_TYPES,NEW_TYPEDEFS,SPLIT_STRING,EMBEDDED_FUNCTION_NAME,PREFER_PRINTF,PREFER_PACKED,PREFER_ALIGNED,PREFER_SECTION,PREFER_DEFINED_ATTRIBUTE_MACRO,VOLATILE,AVOID_EXTERNS,PRINTF_L,LONG_LINE_STRING,CONSTANT_COMPARISON,ARRAY_SIZE
if [ ${#ufiles[@]} -gt 0 ]; then
	uout=$(cd "$SRC" && "${cp[@]}" --ignore "$uignore" "${ufiles[@]}" 2>&1)
	[ -n "$uout" ] && out=${out:+$out$'\n'}$uout
fi
[ -n "$out" ] && echo "$out"
[ -z "$out" ]
result checkpatch $?

step "gate: W=1 and sparse (C=2)"
gout=$O/gates
mkdir -p "$gout"
if [ -f "$KOUT/.config" ]; then
	if ! cmp -s "$KOUT/.config" "$gout/.config"; then
		cp "$KOUT/.config" "$gout/.config"
	fi
	out=$(make -C "$SRC" O="$gout" ARCH=x86_64 CC="ccache gcc" -j"$JOBS" -s \
		W=1 C=2 drivers/remoteproc/ drivers/rpmsg/ samples/ 2>&1)
	rc=$?
	echo "$out" > "$LOGS/gates-build.log"
	bad=$(echo "$out" | grep -E 'warning|error|Error' | grep -vE '^make(\[[0-9]+\])?: ')
	[ -n "$bad" ] && echo "$bad"
	[ $rc -eq 0 ] && [ -z "$bad" ]
	result "W=1 + sparse" $?
else
	echo "no test kernel configuration: run make kernel first"
	result "W=1 + sparse" 1
fi

step "gate: kernel-doc"
out=$(cd "$SRC" && perl scripts/kernel-doc -none "${kfiles[@]}" 2>&1)
[ -n "$out" ] && echo "$out"
[ -z "$out" ]
result kernel-doc $?

exit $((failed > 0))
