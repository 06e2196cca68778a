#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench.sh: measure this tree's rpmsg bus against mainline 6.1's in the same
# QEMU, with the same simulated remote, firmware, tools and configuration.
#
# Two kernels are built without debug options by bench-build.sh: ours, and
# mainline 6.1 whole with only the simulator driver added to it. Both boot
# the test initramfs and run scripts/bench/guest.sh; the report (each
# metric's median over BENCH_REPEAT boots of each kernel, default 3, and
# the ratio) goes to stdout and to $O/bench/report.txt, and a chart of the
# ratios (gnuplot) to $O/bench/chart.png. BENCH_CASES="rtt-16B ..." runs
# only the cases named (guest.sh's names; default all). BENCH_PERF=1 also
# profiles each case with perf in the guest ($O/bench/perf-KERNEL.txt, per
# boot and case; see guest.sh), at the price of slower runs.
# Numbers are only worth comparing on an otherwise idle machine. Run
# `make kernel user` first.
set -eu
. "$(dirname "$0")/common.sh"

B=$O/bench
mkdir -p "$B"
[ -f "$O/initramfs.cpio" ] || die "no initramfs: run make kernel user first"

"$REPO/scripts/rig/bench-build.sh"

run() {
	local name=$1 extra=$B/guest.cpio

	rm -rf "$B/guest"
	mkdir -p "$B/guest" "$B/logs-$name"
	cp "$REPO/scripts/bench/guest.sh" "$B/guest/vm-run.sh"
	cp "$B/kbench-$name/rpmsg_kbench.ko" "$B/guest/"
	# Which cases to run (BENCH_CASES="rtt-16B kclient-16B ...": default all)
	printf 'BENCH_CASES="%s"\n' "${BENCH_CASES:-}" > "$B/guest/bench.env"
	[ "${BENCH_PERF:-0}" = 1 ] && add_perf "$B/guest"
	(cd "$B/guest" && find . | cpio -o -H newc --quiet) > "$extra"
	step "benchmarking the $name kernel"
	# Round trips are timed with the TSC: the HPET the bench kernels also
	# have (ACPI) is an emulated device each read, and with two sockets
	# the kernel would not trust the TSC on its own.
	RIG_KOUT=$B/$name RIG_LOGS=$B/logs-$name VM_TIMEOUT=${VM_TIMEOUT:-900} \
		RIG_CMDLINE="tsc=reliable" "$REPO/scripts/rig/boot.sh" run "$extra"
	tr -d '\r' < "$B/logs-$name/results.log" | grep '^BENCH' | sed "s/^BENCH/$name/"
	if [ "${BENCH_PERF:-0}" = 1 ]; then
		echo "== boot $i" >> "$B/perf-$name.txt"
		tr -d '\r' < "$B/logs-$name/results.log" | grep '^PERF ' |
			sed 's/^PERF //' >> "$B/perf-$name.txt"
	fi
}

# add_perf DIR: perf and the libraries it loads, for the guest
add_perf() {
	local p l

	p=$(command -v perf) || die "BENCH_PERF=1 needs perf on this machine (Debian: linux-perf)"
	mkdir -p "$1/usr/bin"
	cp "$p" "$1/usr/bin/perf"
	for l in $(ldd "$p" | grep -o '/[^ ]*'); do
		mkdir -p "$1$(dirname "$l")"
		cp -L "$l" "$1$l"
	done
	echo "BENCH_PERF=1" >> "$1/bench.env"
}

# Alternate the kernels, so that a change in the machine's load between
# runs weighs on both; the report takes each metric's median.
: > "$B/raw.txt"
rm -f "$B"/perf-*.txt
for i in $(seq "${BENCH_REPEAT:-3}"); do
	run ours >> "$B/raw.txt"
	run mainline >> "$B/raw.txt"
done
if grep -q -- '-ERROR ' "$B/raw.txt"; then
	cat "$B/raw.txt" >&2
	die "a benchmark run failed (logs in $B/logs-*)"
fi
python3 "$REPO/scripts/rig/bench-report.py" "$B/raw.txt" "$B/chart.dat" |
	tee "$B/report.txt"
gnuplot -e "data='$B/chart.dat'; out='$B/chart.png'" "$REPO/scripts/bench/chart.gp"
echo "chart: $B/chart.png"
