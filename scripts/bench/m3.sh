#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (as /vm-run.sh) for make bench-m3: how fast the
# emulated Cortex-M3 (rproc-sim-m3) runs the OMAP4 IPU echo image.  Boots
# the image with the IPU's memory map, opens an endpoint on its echo
# service and runs rpmsg-bench: round trips of 16 and 496 bytes, and a
# 496-byte stream with 32 messages in flight.  The runner logs how many
# instructions it executed when it stops; a boot that is stopped at once
# gives the instructions of booting and stopping, so each case's own
# instructions are the difference.  Prints one line per case:
#   BENCH-M3 case=<name> <rpmsg-bench's key=value pairs> insns=
#            insns_per_msg= insns_per_s=
set -u
CFS=/sys/kernel/config/rproc-sim/ipu
RTT_N=${BENCH_M3_RTT_MSGS:-3000}
STREAM_N=${BENCH_M3_STREAM_MSGS:-20000}

die() { echo "BENCH-ERROR $*"; exit 1; }

mkdir "$CFS" || die "no rproc-sim in this kernel"
for r in "ipu-text 0x0 0x100000" "ipu-data 0x80000000 0x100000" \
	 "vdev0vring0 0xa0000000 0x4000" "vdev0vring1 0xa0004000 0x4000" \
	 "vdev0buffer 0x98800000 0x80000 0x98800000"; do
	set -- $r
	mkdir "$CFS/$1" && echo "$2" > "$CFS/$1/da" && echo "$3" > "$CFS/$1/size" ||
		die "region $1"
	[ -z "${4:-}" ] || echo "$4" > "$CFS/$1/pa" || die "region $1 pa"
done
echo rpmsg-remote-omap4-ipu-echo.elf > "$CFS/firmware"
echo 1 > "$CFS/live" || die "instance refused"
rp=$(cat "$CFS/remoteproc")
state=/sys/class/remoteproc/$rp/state

# up: started, and the control channel announced
up() {
	echo start > "$state" || die "cannot start $rp"
	i=0
	until ls /dev/rpmsg_ctrl* >/dev/null 2>&1 &&
	      rpmsg send -r "$rp" -a 1003 ping >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 300 ] && die "the IPU image did not come up"
		sleep 0.1
	done
}

# down: stopped; the runner's instruction count into $insns
down() {
	dmesg -c > /dev/null
	echo stop > "$state" || die "cannot stop $rp"
	i=0
	until line=$(dmesg | grep -o '[0-9]* instructions in'); do
		i=$((i + 1)); [ $i -gt 100 ] && die "no instruction count"
		sleep 0.1
	done
	insns=${line%% *}
}

up
down
idle=$insns

# run NAME N ARGS...: a boot, rpmsg-bench, a stop
run() {
	name=$1 N=$2
	shift 2
	up
	node=$(rpmsg create -r "$rp" -n bench -a 1001) || die "$name: no endpoint"
	t0=$(cut -d' ' -f1 /proc/uptime)
	out=$(rpmsg-bench "$node" -n "$N" "$@") || die "$name: rpmsg-bench failed"
	t1=$(cut -d' ' -f1 /proc/uptime)
	down
	awk -v name="$name" -v out="$out" -v n="$N" -v i=$((insns - idle)) \
	    -v t0="$t0" -v t1="$t1" 'BEGIN {
		printf "BENCH-M3 case=%s %s insns=%d insns_per_msg=%.0f insns_per_s=%.0f\n",
		       name, out, i, i / n, i / (t1 - t0)
	}'
}

run rtt-16 "$RTT_N" -l 16
run rtt-496 "$RTT_N" -l 496
run stream-496 "$STREAM_N" -l 496 -w 32
echo BENCH-M3-DONE
