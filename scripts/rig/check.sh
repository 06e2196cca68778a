#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: build, boot and test, then the static gates, the ARM builds
# and the compat builds (every 6.1 user of the two APIs, ARM and arm64). Every stage runs even if an earlier one failed (as far as it can),
# so one run reports everything. Each gate and build counts as one result
# beside the KUnit cases and selftests. The last line is
# "N passed, N failed" (", N skipped"); the exit status is non-zero if
# anything failed.
set -u
. "$(dirname "$0")/common.sh"

mkdir -p "$LOGS"
passed=0
failed=0
skipped=0
failures=()
timings=()

# stage NAME COMMAND...: run a stage, time it, and fold its result lines
# ("ok N ..." / "not ok N ..." at the start of a line, or a final
# "N passed, N failed" summary) into the totals.
stage() {
	local name=$1 start rc out
	shift
	start=$(date +%s)
	out=$LOGS/stage-$name.log
	"$@" 2>&1 | tee "$out"
	rc=${PIPESTATUS[0]}
	timings+=("$name $(( $(date +%s) - start ))s")
	local sum
	sum=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
	if [ -n "$sum" ]; then
		local p f s
		p=$(echo "$sum" | sed -E 's/^([0-9]+) passed.*/\1/')
		f=$(echo "$sum" | sed -E 's/.* ([0-9]+) failed.*/\1/')
		s=$(echo "$sum" | sed -nE 's/.* ([0-9]+) skipped.*/\1/p')
		passed=$((passed + p))
		failed=$((failed + f))
		skipped=$((skipped + ${s:-0}))
	else
		local p f
		p=$(grep -cE '^ok [0-9]+ ' "$out")
		f=$(grep -cE '^not ok [0-9]+ ' "$out")
		passed=$((passed + p))
		failed=$((failed + f))
	fi
	if [ "$rc" -ne 0 ]; then
		failures+=("$name")
		# A stage that failed without saying which test did still counts.
		if ! grep -qE '^not ok |^[0-9]+ passed, [1-9][0-9]* failed' "$out"; then
			failed=$((failed + 1))
		fi
	fi
	return "$rc"
}

kernel_ok=1
stage kernel "$REPO/scripts/rig/build-kernel.sh" || kernel_ok=0
if [ $kernel_ok = 1 ] && stage user "$REPO/scripts/rig/build-user.sh"; then
	stage test "$REPO/scripts/rig/test.sh"
	# What userspace sees, against mainline 6.1 (make abi-diff); its
	# two kernels stay built in $O/bench, mainline's record is reused.
	stage abi-diff "$REPO/scripts/rig/abi-diff.sh"
fi
stage gates "$REPO/scripts/rig/gates.sh"
# The repository as a patch series (make series): checkpatch on every
# patch, git am onto a fresh 6.1 tree, same tree as the overlay, builds.
if [ $kernel_ok = 1 ]; then
	stage series "$REPO/scripts/rig/series.sh" check
fi
stage arm "$REPO/scripts/rig/arm.sh"
stage compat "$REPO/scripts/rig/compat.sh"
# Each fuzz harness for a few seconds: a regression run of its corpus
# plus a little fuzzing (make fuzz runs them longer).
FUZZ_SECONDS=${CHECK_FUZZ_SECONDS:-3} stage fuzz "$REPO/scripts/rig/fuzz.sh"
stage docs "$REPO/scripts/rig/docs.sh"
if [ -x "$REPO/scripts/rig/dt-check.sh" ]; then
	stage dt-binding-check "$REPO/scripts/rig/dt-check.sh"
fi

echo
echo "stage times: ${timings[*]}"
[ ${#failures[@]} -gt 0 ] && echo "failed stages: ${failures[*]} (logs in $LOGS)"
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
