#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (as /vm-run.sh) for scripts/rig/bench.sh: boots the
# simulator's echo firmware, opens an endpoint on its echo service and runs
# rpmsg-bench in a few shapes. For each it prints one line
#   BENCH case=<name> <rpmsg-bench's key=value pairs> kicks_per_msg=
#         irqs_per_msg= cpu_us_per_msg= remote_cpu_us_per_msg= ctxt_per_msg=
# kicks: Linux->remote notifications, irqs: remote->Linux ones (the sim's
# configfs counters); ctxt: task switches in the whole guest (/proc/stat),
# which unlike the times below does not depend on how busy the host is;
# cpu: all guest CPU time the run took (both sides, as
# /proc/stat counts it), per message; remote_cpu: the simulated core
# process's own share (its /proc/PID/stat times). Both are sampled at the
# scheduler tick, so they are coarse; the two are not subtracted, since
# the samples of one are not a subset of the other's.
set -u
CFS=/sys/kernel/config/rproc-sim/bench
# Messages per case: enough for a few seconds each, since CPU time is
# sampled at the scheduler tick.
RTT_N=${BENCH_RTT_MSGS:-30000}
STREAM_N=${BENCH_STREAM_MSGS:-300000}

die() { echo "BENCH-ERROR $*"; exit 1; }

mkdir "$CFS" || die "no rproc-sim in this kernel"
echo rproc-sim-echo.elf > "$CFS/firmware"
echo 1 > "$CFS/live"
rp=$(cat "$CFS/remoteproc")
echo start > "/sys/class/remoteproc/$rp/state" || die "cannot start $rp"
i=0
until ls /dev/rpmsg_ctrl* >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 300 ] && die "no rpmsg_ctrl node"; sleep 0.1
done
node=$(rpmsg create -r "$rp" -n bench -a 1001) || die "cannot create the endpoint"
core=$(for p in /proc/[0-9]*; do
	[ "$(cat "$p/comm" 2>/dev/null)" = rproc-sim-core ] && echo "${p#/proc/}"; done | head -n 1)
[ -n "$core" ] || die "no rproc-sim-core process"
hz=100

busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
ctxt() { awk '/^ctxt /{ print $2 }' /proc/stat; }
core_cpu() { awk '{ print $14 + $15 }' "/proc/$core/stat"; }

run() {
	name=$1 N=$2
	shift 2
	set -- $(cat "$CFS/kicks") "$(busy)" "$(core_cpu)" "$(ctxt)" "$@"
	i0=$1 k0=$2 b0=$3 c0=$4 x0=$5; shift 5
	out=$(rpmsg-bench "$node" -n "$N" "$@") || die "$name: rpmsg-bench failed"
	set -- $(cat "$CFS/kicks") "$(busy)" "$(core_cpu)" "$(ctxt)"
	awk -v n="$N" -v hz=$hz -v name="$name" -v out="$out" -v x=$(($5 - x0)) \
	    -v irq=$(($1 - i0)) -v kick=$(($2 - k0)) -v b=$(($3 - b0)) -v c=$(($4 - c0)) 'BEGIN {
		printf "BENCH case=%s %s kicks_per_msg=%.3f irqs_per_msg=%.3f cpu_us_per_msg=%.1f remote_cpu_us_per_msg=%.1f ctxt_per_msg=%.2f\n",
		       name, out, kick / n, irq / n, b * 1e6 / hz / n, c * 1e6 / hz / n, x / n
	}'
}

rpmsg-bench "$node" -n 200 >/dev/null || die "warm-up failed"
run rtt-16B "$RTT_N" -l 16 -w 1
run rtt-496B "$RTT_N" -l 496 -w 1
run stream-16B "$STREAM_N" -l 16 -w 32
run stream-496B "$STREAM_N" -l 496 -w 32
rpmsg destroy "$node"
echo stop > "/sys/class/remoteproc/$rp/state"
