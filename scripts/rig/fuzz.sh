#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make fuzz: build the libFuzzer harnesses of tools/testing/fuzz and run
# each for FUZZ_SECONDS (default 60), one after the other. Every harness
# starts from its seed corpus in the repository plus what earlier runs found
# ($O/fuzz/corpus/<harness>, kept between runs). Each prints one line,
# "ok N fuzz: <harness> ..." with executions, executions per second and
# coverage, or "not ok N ..." naming the saved crash input
# ($O/fuzz/crashes/). A crash reproduces with
#   $O/fuzz/fuzz_<harness> <input>
#
#   FUZZ_SECONDS   seconds per harness
#   FUZZ_ONLY      space-separated harness names to run (default: all)
#   FUZZ_NICE      niceness of the fuzzing processes (default 0)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang
#                  (default 60: wall-clock time, and a loaded machine can
#                  stall a process for seconds; every input takes ms)
set -u
. "$(dirname "$0")/common.sh"

dir=$REPO/tools/testing/fuzz
out=$O/fuzz
secs=${FUZZ_SECONDS:-60}
nice_lvl=${FUZZ_NICE:-0}
mkdir -p "$out/crashes" "$out/logs"

harnesses=${FUZZ_ONLY:-$(sed -n 's/^HARNESSES := //p' "$dir/Makefile")}

step "fuzz: building $(echo "$harnesses" | wc -w) harnesses"
if ! make -s -C "$dir" OUT="$out" -j"$JOBS" \
		$(for h in $harnesses; do echo "$out/fuzz_$h"; done); then
	echo "not ok 1 fuzz: build"
	exit 1
fi

n=0
failed=0
total=0
for h in $harnesses; do
	n=$((n + 1))
	work=$out/corpus/$h
	log=$out/logs/$h.log
	mkdir -p "$work"
	rm -f "$out/crashes/$h-"*
	nice -n "$nice_lvl" "$out/fuzz_$h" -max_total_time="$secs" \
		-timeout="${FUZZ_TIMEOUT:-60}" -report_slow_units="${FUZZ_TIMEOUT:-60}" \
		-rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/$h-" \
		"$work" "$dir/corpus/$h" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
	ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)
	total=$((total + ${execs:-0}))
	info="${execs:-0} execs, ${rate:-0}/s, cov ${cov:-0}, ft ${ft:-0}, ${secs}s"
	# Slow units are not failures: on a loaded machine they are stalls.
	crash=$(ls "$out/crashes/$h-"{crash,leak,timeout,oom}-* 2>/dev/null | head -n 1)
	if [ "$rc" -eq 0 ] && [ -z "$crash" ]; then
		echo "ok $n fuzz: $h ($info)"
	else
		echo "not ok $n fuzz: $h ($info; exit $rc${crash:+, input $crash}; log $log)"
		grep -E -m 5 'ERROR|contract violated|WARNING:|runtime error' "$log" | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done
echo "# fuzz: $total executions in total"
[ "$failed" -eq 0 ]
