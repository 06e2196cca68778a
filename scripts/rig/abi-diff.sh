#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# abi-diff.sh: what userspace sees of remoteproc and rpmsg, on our kernel
# and on mainline 6.1, compared (make abi-diff; a stage of make check).
#
# Boots the two kernels make bench builds (bench-build.sh: one
# configuration, mainline whole plus only the simulator driver; both stay
# built in $O/bench, so a re-run rebuilds only what changed) with the test
# initramfs, runs scripts/abi/guest.sh in each, and compares their records
# state by state with abi-compare.py, which accepts only the differences
# listed in scripts/abi/allow.txt, after abi-compare-test.py has shown on
# fabricated records that the comparison catches differences. One result
# line per state and per such case; the last line is "N passed, N failed". Records and logs stay in $O/abi; mainline's
# record is reused while its kernel and the guest's files are unchanged.
set -eu
. "$(dirname "$0")/common.sh"

A=$O/abi
mkdir -p "$A"
[ -f "$O/initramfs.cpio" ] || die "no initramfs: run make kernel user first"

"$REPO/scripts/rig/bench-build.sh"

rm -rf "$A/guest"
mkdir -p "$A/guest"
cp "$REPO/scripts/abi/guest.sh" "$A/guest/vm-run.sh"
(cd "$A/guest" && find . | cpio -o -H newc --quiet) > "$A/guest.cpio"

# Mainline's record depends only on its kernel and the guest's files: it
# is reused while those are unchanged, so a re-run boots only our kernel.
# The selftests and the test kernel's modules are not the guest's files.
mkey=$( { sha1sum < "$O/bench/mainline/arch/x86/boot/bzImage"
	  sha1sum < "$A/guest.cpio"
	  (cd "$O/initramfs" && find . -type f ! -path './kselftest/*' \
		! -path './lib/modules/*' | LC_ALL=C sort | xargs sha1sum); } |
	sha1sum | cut -d' ' -f1)

for k in mainline ours; do
	if [ $k = mainline ] && [ -s "$A/mainline.txt" ] &&
	   [ "$(cat "$A/mainline.key" 2>/dev/null)" = "$mkey" ]; then
		step "reusing the mainline record (same kernel and guest files)"
		continue
	fi
	rm -f "$A/$k.key"
	step "recording what userspace sees on the $k kernel"
	RIG_KOUT=$O/bench/$k RIG_LOGS=$A/logs-$k VM_TIMEOUT=${VM_TIMEOUT:-900} \
		"$REPO/scripts/rig/boot.sh" run "$A/guest.cpio"
	tr -d '\r' < "$A/logs-$k/results.log" | grep -E '^ABI' > "$A/$k.txt" || true
	# A splat or an unfinished guest fails the comparison below.
	if ! python3 "$REPO/scripts/rig/parse.py" --mode run \
		"$A/logs-$k/console.log" "$A/logs-$k/results.log" > "$A/parse-$k.txt"; then
		grep -v '^[0-9]* passed' "$A/parse-$k.txt" >&2 || true
		echo "ABI-ERROR boot: the $k guest failed (logs in $A/logs-$k)" >> "$A/$k.txt"
	fi
	if [ $k = mainline ] && ! grep -q '^ABI-ERROR' "$A/$k.txt" &&
	   grep -q '^ABI-DONE' "$A/$k.txt"; then
		echo "$mkey" > "$A/mainline.key"
	fi
done

# The comparison first shows on fabricated records that it catches a
# changed value, mode, path, uevent or log line; then the real one.
step "testing the comparison on fabricated records"
rc=0
python3 "$REPO/scripts/rig/abi-compare-test.py" "$REPO/scripts/abi/allow.txt" \
	> "$A/compare-test.txt" || rc=1
step "comparing (records in $A)"
python3 "$REPO/scripts/rig/abi-compare.py" "$REPO/scripts/abi/allow.txt" \
	"$A/mainline.txt" "$A/ours.txt" > "$A/compare.txt" || rc=1
grep -vhE '^[0-9]+ passed, [0-9]+ failed' "$A/compare-test.txt" "$A/compare.txt"
sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$A/compare-test.txt" \
	"$A/compare.txt" | awk '{ p += $1; f += $2 } END { print p " passed, " f " failed" }'
exit $rc
