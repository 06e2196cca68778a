#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (as /vm-run.sh) for scripts/rig/bench.sh: boots the
# simulator's zc firmware (the echo firmware plus a zero-copy service),
# opens endpoints on its echo service and runs rpmsg-bench in a few shapes:
# round trip and stream of small and full messages, round trip with busy
# polling where the kernel has it (also with the simulated core polling
# for kicks, poll_us, on both kernels), a stream through the batch ioctls
# where the kernel has them, a kernel client (rpmsg_kbench, module
# parameters of this tree's fast paths are ignored elsewhere; also at the
# largest message size below), 8 and 32 endpoints at once (one
# rpmsg-bench each: total messages over the wall time, the median of
# their round trips), and bulk data: each kernel's best way to move 64
# KiB-sized data (ours: zero-copy buffers of 64 KiB; a kernel without
# them: a stream of its largest messages), then the largest message each
# kernel carries when the firmware offers 4 KiB buffers (echo-4k image),
# and the time from start to running of an image of 8 MiB (echo-8m; one
# BENCH line with load_ms). For the others it prints one line
#   BENCH case=<name> <rpmsg-bench's key=value pairs> kicks_per_msg=
#         irqs_per_msg= cpu_us_per_msg= remote_cpu_us_per_msg=
#         linux_cpu_us_per_msg= ctxt_per_msg=
# kicks: Linux->remote notifications, irqs: remote->Linux ones (the sim's
# configfs counters); ctxt: task switches in the whole guest (/proc/stat),
# which unlike the times below does not depend on how busy the host is;
# cpu: all guest CPU time the run took (both sides, as
# /proc/stat counts it), per message; remote_cpu: the simulated core
# process's own share (its /proc/PID/stat times, user and system);
# linux_cpu: cpu less the time the core process spent in user mode, that
# is in the firmware's own code: what is left is Linux's side, the
# simulator's kernel half (the remote's waits and its doorbell, through
# which Linux's interrupt handling runs) counted in; so is a polling
# core's spin (poll_us, in rtt-16B-polled). All are tick-based, so coarse.
# /bench.env (written by bench.sh) may set BENCH_CASES, the names of the
# cases to run (default: all), and BENCH_PERF=1: then bench.sh has put
# perf into the guest, each case also runs under perf record (cpu-clock
# sampling: TCG has no PMU) and its profile follows its BENCH line as
# PERF lines (by task, by symbol, and by symbol with its callees); the
# sampling slows the case, so such a run's figures are not the ones to
# compare.
set -u
[ -f /bench.env ] && . /bench.env
BENCH_CASES=${BENCH_CASES:-}
CFS=/sys/kernel/config/rproc-sim/bench
# Messages per case: enough for a few seconds each, since CPU time is
# sampled at the scheduler tick.
RTT_N=${BENCH_RTT_MSGS:-30000}
STREAM_N=${BENCH_STREAM_MSGS:-300000}
FAN_N=${BENCH_FAN_MSGS:-240000}	# over all endpoints
BULK_N=${BENCH_BULK_BUFS:-20000}
BIG_N=${BENCH_BIG_MSGS:-100000}
KB_N=${BENCH_KCLIENT_MSGS:-300000}
KBENCH=${KBENCH:-/rpmsg_kbench.ko}	# built for this kernel by bench-build.sh

die() { echo "BENCH-ERROR $*"; exit 1; }

# want NAME: whether case NAME is to run
want() {
	[ -z "$BENCH_CASES" ] && return 0
	case " $BENCH_CASES " in *" $1 "*) return 0 ;; esac
	return 1
}

mkdir "$CFS" || die "no rproc-sim in this kernel"
echo rproc-sim-zc.elf > "$CFS/firmware"
echo 1 > "$CFS/live"
rp=$(cat "$CFS/remoteproc")
hz=100

# boot FIRMWARE: (re)start the instance with it, find its runner process
boot() {
	[ "$(cat "/sys/class/remoteproc/$rp/state")" = running ] &&
		echo stop > "/sys/class/remoteproc/$rp/state"
	echo "$1" > "/sys/class/remoteproc/$rp/firmware"
	echo start > "/sys/class/remoteproc/$rp/state" || die "cannot start $rp"
	i=0
	until ls /dev/rpmsg_ctrl* >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 300 ] && die "no rpmsg_ctrl node"; sleep 0.1
	done
	core=$(for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = rproc-sim-core ] && echo "${p#/proc/}"
	done | head -n 1)
	[ -n "$core" ] || die "no rproc-sim-core process"
}

boot rproc-sim-zc.elf
node=$(rpmsg create -r "$rp" -n bench -a 1001) || die "cannot create the endpoint"

busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
ctxt() { awk '/^ctxt /{ print $2 }' /proc/stat; }
core_cpu() { awk '{ print $14 + $15 }' "/proc/$core/stat"; }
core_user() { awk '{ print $14 }' "/proc/$core/stat"; }

# prof_start, prof_stop NAME: perf record around a case, for BENCH_PERF=1
prof=
prof_start() {
	[ "${BENCH_PERF:-0}" = 1 ] || return 0
	perf record -q -e cpu-clock -F 4000 -a -g -o /tmp/perf.data \
		> /dev/null 2>&1 &
	prof=$!
}

prof_stop() {
	[ -n "$prof" ] || return 0
	kill -INT "$prof"
	wait "$prof"
	prof=
	{
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort comm -g none
		perf report -i /tmp/perf.data --stdio --no-children \
			--sort sym -g none --percent-limit 0.5
		perf report -i /tmp/perf.data --stdio --children \
			--sort sym -g none --percent-limit 1.5
	} 2> /dev/null | grep -v -e '^#' -e '^$' | sed "s/^/PERF $1 /"
	rm -f /tmp/perf.data
}

# sample, then report NAME N OUT: the counters since the last sample
# (and the case's profile, with BENCH_PERF=1)
sample() {
	set -- $(cat "$CFS/kicks") "$(busy)" "$(core_cpu)" "$(ctxt)" "$(core_user)"
	i0=$1 k0=$2 b0=$3 c0=$4 x0=$5 u0=$6
	prof_start
}

report() {
	name=$1 N=$2 out=$3
	set -- $(cat "$CFS/kicks") "$(busy)" "$(core_cpu)" "$(ctxt)" "$(core_user)"
	awk -v n="$N" -v hz=$hz -v name="$name" -v out="$out" -v x=$(($5 - x0)) \
	    -v irq=$(($1 - i0)) -v kick=$(($2 - k0)) -v b=$(($3 - b0)) -v c=$(($4 - c0)) \
	    -v u=$(($6 - u0)) 'BEGIN {
		printf "BENCH case=%s %s kicks_per_msg=%.3f irqs_per_msg=%.3f cpu_us_per_msg=%.1f remote_cpu_us_per_msg=%.1f linux_cpu_us_per_msg=%.1f ctxt_per_msg=%.2f\n",
		       name, out, kick / n, irq / n, b * 1e6 / hz / n, c * 1e6 / hz / n, (b - u) * 1e6 / hz / n, x / n
	}'
	prof_stop "$name"
}

# run NAME N ARGS...: rpmsg-bench on $node
run() {
	name=$1 N=$2
	shift 2
	want "$name" || return 0
	sample
	out=$(rpmsg-bench "$node" -n "$N" "$@") || die "$name: rpmsg-bench failed"
	report "$name" "$N" "$out"
}

# kclient NAME PARAMS...: the kernel client (rpmsg_kbench) over a channel
# the firmware announces for it, KB_N messages
kclient() {
	name=$1
	shift
	want "$name" || return 0
	insmod "$KBENCH" "msgs=$KB_N" "$@" || die "$name: insmod failed"
	# The result line is waited for by one reader sleeping on the kernel
	# log, after a mark of this case: a loop polling dmesg would spend
	# the CPU time being measured (under TCG, a tenth of it)
	echo "kbench-case $name" > /dev/kmsg
	timeout 600 awk -v m="kbench-case $name" '
		{ sub(/^[^;]*;/, "") }	# the record header
		$0 == m { on = 1; next }
		on && /kbench: / { sub(/.*kbench: /, "kbench: "); print; exit }' \
		/dev/kmsg > /tmp/kbench.out &
	waiter=$!
	sample
	rpmsg send -r "$rp" -a 1003 "announce rpmsg-kbench 1100" ||
		die "$name: no announcement"
	wait $waiter || die "$name: no result in 600 s"
	out=$(cat /tmp/kbench.out)
	case $out in "kbench: msgs="*) ;; *) die "$name: ${out:-no result}" ;; esac
	report "$name" "$KB_N" "${out#kbench: }"
	rpmsg send -r "$rp" -a 1003 "destroy 1100" || die "$name: no destroy"
	rmmod rpmsg_kbench || die "$name: rmmod failed"
}

# fan NAME ENDPOINTS N ARGS...: N messages over ENDPOINTS endpoints at once
fan() {
	name=$1 eps=$2 N=$3
	shift 3
	want "$name" || return 0
	per=$((N / eps)) nodes=
	for e in $(seq "$eps"); do
		nodes="$nodes $(rpmsg create -r "$rp" -n "fan$e" -a 1001)" ||
			die "$name: cannot create endpoint $e"
	done
	sample
	t0=$(cut -d' ' -f1 /proc/uptime)
	e=0
	for n in $nodes; do
		e=$((e + 1))
		rpmsg-bench "$n" -n "$per" "$@" > "/tmp/fan$e" 2>&1 &
	done
	wait || true
	t1=$(cut -d' ' -f1 /proc/uptime)
	for e in $(seq "$eps"); do
		grep -q msgs_per_s "/tmp/fan$e" || die "$name: $(cat "/tmp/fan$e")"
	done
	out=$(cat /tmp/fan* | awk -v n=$((per * eps)) -v t0="$t0" -v t1="$t1" '
		{ for (i = 1; i <= NF; i++) if ($i ~ /^rtt_p50_us=/) p[NR] = substr($i, 12) + 0
		  for (i = 1; i <= NF; i++) if ($i ~ /^len=/) len = substr($i, 5) + 0 }
		END {
			for (i = 2; i <= NR; i++)
				for (j = i; j > 1 && p[j - 1] > p[j]; j--) {
					t = p[j]; p[j] = p[j - 1]; p[j - 1] = t
				}
			k = NR; s = t1 - t0; if (s <= 0) s = 0.01
			printf "msgs=%d len=%d secs=%.2f msgs_per_s=%.0f mb_per_s=%.2f rtt_p50_us=%d", n, len, s, n / s, n * len / s / 1e6, p[int((k + 1) / 2)]
		}')
	rm -f /tmp/fan*
	for n in $nodes; do rpmsg destroy "$n"; done
	report "$name" $((per * eps)) "$out"
}

rpmsg-bench "$node" -n 200 >/dev/null || die "warm-up failed"
run rtt-16B "$RTT_N" -l 16 -w 1
run rtt-496B "$RTT_N" -l 496 -w 1
# Busy polling (1 ms) where the kernel has it; elsewhere the same as rtt-16B
if rpmsg-bench "$node" -n 4 -p 1000 >/dev/null 2>&1; then
	run rtt-16B-busypoll "$RTT_N" -l 16 -w 1 -p 1000
else
	run rtt-16B-busypoll "$RTT_N" -l 16 -w 1
fi
# The same with the simulated core polling for up to 1 ms before it
# sleeps (both kernels): a remote that spins on its mailbox, so that what
# is left of the round trip is the two sides' work and Linux's wake-up
echo 1000 > "$CFS/poll_us" || die "rtt-16B-polled: no poll_us"
if rpmsg-bench "$node" -n 4 -p 1000 >/dev/null 2>&1; then
	run rtt-16B-polled "$RTT_N" -l 16 -w 1 -p 1000
else
	run rtt-16B-polled "$RTT_N" -l 16 -w 1
fi
echo 0 > "$CFS/poll_us" || die "poll_us stays on"
run stream-16B "$STREAM_N" -l 16 -w 32
run stream-496B "$STREAM_N" -l 496 -w 32
# Many messages per system call where the kernel has the batch ioctls
if rpmsg-bench "$node" -n 4 -w 4 -b >/dev/null 2>&1; then
	run stream-16B-batch "$STREAM_N" -l 16 -w 64 -b
else
	run stream-16B-batch "$STREAM_N" -l 16 -w 64
fi
fan fan-8x16B 8 "$FAN_N" -l 16 -w 8
fan fan-32x16B 32 "$FAN_N" -l 16 -w 4
rpmsg destroy "$node"

# The bus without the character device: rpmsg_send() from a kernel
# client, and (where the kernel has them) its zero-copy send and receive
# in the ring interrupt, then zero-copy sends in batches of what the
# window lets out; elsewhere kclient-fast and -batch are kclient again.
kclient kclient-16B len=16 window=32
kclient kclient-496B len=496 window=32
kclient kclient-16B-fast len=16 window=32 nocopy=1 rx_atomic=1
kclient kclient-16B-batch len=16 window=32 batch=1 rx_atomic=1

# Bulk: zero-copy buffers where the kernel has them
if want bulk; then
	zc=$(rpmsg create -r "$rp" -n bench-zc -a 1004) || die "no zero-copy endpoint"
	if rpmsg-bench "$zc" -z -n 8 -l 65536 -w 4 >/dev/null 2>&1; then
		node=$zc
		run bulk "$BULK_N" -z -l 65536 -w 4
	else
		node=$(rpmsg create -r "$rp" -n bench -a 1001) || die "cannot create the endpoint"
		run bulk "$BIG_N" -l 496 -w 32
		rpmsg destroy "$node"
	fi
	rpmsg destroy "$zc"
fi

# The largest message when the firmware offers 4 KiB buffers
if want stream-max || want kclient-max || want kclient-max-fast; then
	boot rproc-sim-echo-4k.elf
	node=$(rpmsg create -r "$rp" -n bench -a 1001) || die "cannot create the endpoint"
	len=4080
	rpmsg-bench "$node" -n 4 -l $len >/dev/null 2>&1 || len=496
	# Six in flight: our endpoint nodes queue 32 KiB of received data
	run stream-max "$BIG_N" -l $len -w 6
	rpmsg destroy "$node"
	# The kernel client at the same largest size, plain and (where the kernel
	# has them) with the zero-copy send and interrupt-context receive
	kclient kclient-max len=$len window=6
	kclient kclient-max-fast len=$len window=6 nocopy=1 rx_atomic=1
	echo stop > "/sys/class/remoteproc/$rp/state"
fi

# Firmware load: "powering up" to "is now up" in the kernel's own log of
# the echo image with 8 MiB of data more, the median of five starts.
fw_load() {
	F=/sys/kernel/config/rproc-sim/fwload
	mkdir "$F" || die "no fwload instance"
	for r in "mem 0x20000000 0x1000000" "vdev0vring0 0x30000000 0x8000" \
		 "vdev0vring1 0x30008000 0x8000" "vdev0buffer 0x30010000 0x80000"; do
		set -- $r
		mkdir "$F/$1" && echo "$2" > "$F/$1/da" && echo "$3" > "$F/$1/size" ||
			die "fwload: region $1"
	done
	echo rproc-sim-echo-8m.elf > "$F/firmware"
	echo 1 > "$F/live"
	frp=$(cat "$F/remoteproc")
	for i in 1 2 3 4 5; do
		dmesg -c > /dev/null
		echo start > "/sys/class/remoteproc/$frp/state" || die "fwload: cannot start"
		dmesg | awk -v rp="$frp:" '
			index($0, rp) && match($0, /\[ *[0-9]+\.[0-9]+\]/) {
				t = substr($0, RSTART + 1, RLENGTH - 2) + 0
				if (index($0, "powering up")) t0 = t
				if (index($0, "is now up")) t1 = t
			}
			END { if (t0 && t1) printf "%.3f\n", (t1 - t0) * 1000 }'
		echo stop > "/sys/class/remoteproc/$frp/state"
	done > /tmp/load_ms
	[ "$(wc -l < /tmp/load_ms)" -eq 5 ] || die "fwload: $(cat /tmp/load_ms)"
	echo "BENCH case=fw-load-8MiB len=$((8 << 20)) load_ms=$(sort -n /tmp/load_ms | sed -n 3p)"
	echo 0 > "$F/live"
}
if want fw-load-8MiB; then
	fw_load
fi
