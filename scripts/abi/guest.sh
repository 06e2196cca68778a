#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Runs inside the guest (as /vm-run.sh) for scripts/rig/abi-diff.sh, the
# same on our kernel and on mainline 6.1: brings a simulated remote
# processor through the states below and records, in each, what userspace
# sees of remoteproc, rpmsg and virtio (tools/abi-dump): the sysfs tree of
# the remote processor's device, the classes and buses, the /dev nodes,
# /proc/devices, the debugfs names, the uevents and the kernel log lines
# since the last state. Every line goes to the results channel prefixed
# "ABI <state> "; the host compares the two kernels' lines.
#
#   created    the instance registered, firmware not started
#   running    started, the firmware's channels announced and probed
#   endpoint   an endpoint created through /dev/rpmsg_ctrlN
#   override   the echo channel bound to rpmsg_chrdev through
#              driver_override
#   stopped    stopped
#   crashed    started again with recovery disabled, then crashed
#   removed    the instance unregistered
set -u
CFS=/sys/kernel/config/rproc-sim/abi
EV=/tmp/abi-uevents
LIMIT=${ABI_WAIT_S:-120}
state=boot

fail() { echo "ABI-ERROR $state: $*"; exit 1; }

# wait_for CONDITION: until the shell condition holds, at most $LIMIT s.
wait_for() {
	end=$(($(date +%s) + LIMIT))
	until eval "$1"; do
		[ "$(date +%s)" -lt "$end" ] || fail "timed out waiting for: $1"
		sleep 0.1
	done
}

# An event for DEVPATH suffix $2 with action $1 has been seen (or there
# is no listener).
seen() {
	[ -z "$listener" ] || grep -qE "^ACTION=$1 DEVPATH=[^ ]*$2( |\$)" "$EV"
}

# channel NAME: the rpmsg channel device of service NAME, if any
channel() { ls /sys/bus/rpmsg/devices | grep -m1 "[.]$1[.]"; }

# mark_events: end the events of $state. A synthetic uevent marks the end:
# netlink delivers in order, so everything sent before it is logged once
# it is.
mark_events() {
	[ -n "$listener" ] || return 0
	echo "change 00000000-0000-4000-8000-000000000000 ABISTATE=$state" \
		> /sys/devices/virtual/mem/null/uevent
	wait_for "grep -q 'SYNTH_ARG_ABISTATE=$state' $EV"
}

# log_lines: the kernel's log lines since the last call, without their
# time stamps (abi-compare.py keeps those of 6.1's stable forms).
log_lines() {
	dmesg -c | sed 's/^\[[^]]*\] //; s/^/log /'
}

# dump NAME: record the current state as NAME.
dump() {
	state=$1
	mark_events
	{
		root=$(readlink -f "/sys/class/remoteproc/$rp")
		echo "root ${root#/sys}"
		abi-dump tree rproc "$root"
		for d in /sys/class/remoteproc /sys/class/rpmsg /sys/bus/rpmsg \
			 /sys/bus/virtio /sys/bus/platform/drivers/rproc-virtio \
			 /sys/bus/platform/drivers/rproc-sim; do
			[ -e "$d" ] && abi-dump tree "${d#/sys/}" "$d"
		done
		[ -d /sys/kernel/debug/remoteproc ] &&
			abi-dump tree -n debug/remoteproc /sys/kernel/debug/remoteproc
		abi-dump tree -n dev /dev | grep -E '^dev/(rpmsg|remoteproc)'
		sed -n '/^Character/,/^$/p' /proc/devices | sed 's/^/proc-devices /'
		sed -n "$done_ev,\$p" "$EV" | sed 's/^/uevent /'
		log_lines
	} | sed "s/^/ABI $state /"
	done_ev=$(($(wc -l < "$EV") + 1))
}

: > "$EV"
dmesg -c > /dev/null
abi-dump uevents "$EV" > /tmp/abi-listener 2>&1 &
listener=$!
wait_for "grep -q -e ready -e abi-dump: /tmp/abi-listener"
if ! grep -q ready /tmp/abi-listener; then
	# A kernel without CONFIG_NET: record the rest all the same.
	echo "ABI-ERROR uevents: $(cat /tmp/abi-listener)"
	listener=
fi
done_ev=1

state=created
mkdir "$CFS" || fail "no rproc-sim in this kernel"
echo rproc-sim-echo.elf > "$CFS/firmware"
echo 1 > "$CFS/live" || fail "cannot register the instance"
rp=$(cat "$CFS/remoteproc")
pdev=$(cat "$CFS/dev_name")
echo "ABI created pdev $pdev"
dump created

state=running
echo start > "/sys/class/remoteproc/$rp/state" || fail "cannot start $rp"
# The announced channels, rpmsg-raw bound to rpmsg_chrdev, the control
# device and the name service, as 6.1 has them.
wait_for "[ -e /sys/bus/rpmsg/devices/\$(channel rpmsg-raw)/driver ]"
wait_for "channel rpmsg-echo >/dev/null && channel rpmsg-client-sample >/dev/null"
wait_for "ls /dev/rpmsg_ctrl* > /dev/null 2>&1"
wait_for "seen bind '[.]rpmsg-raw[.][^/ ]*'"
wait_for "seen bind '[.]rpmsg-echo[.][^/ ]*' || seen add '[.]rpmsg-echo[.][^/ ]*'"
wait_for "seen add '[.]rpmsg-client-sample[.][^/ ]*'"
wait_for "seen bind '/virtio[0-9]+'"
wait_for "seen bind '[.]rpmsg_ctrl[.][^/ ]*'"
wait_for "seen bind '[.]rpmsg_ns[.][^/ ]*'"
dump running

ctrl=$(ls /dev | grep -m1 '^rpmsg_ctrl') || fail "no rpmsg_ctrl node"
node=$(rpmsg create -r "$rp" -n abi-ept -s 1026 -a 1025) ||
	fail "cannot create an endpoint through /dev/$ctrl"
wait_for "[ -e '$node' ]"
wait_for "seen add '/${node#/dev/}'"
echo "ABI endpoint node $node"
dump endpoint

echo_dev=$(ls /sys/bus/rpmsg/devices | grep -m1 '[.]rpmsg-echo[.]') ||
	fail "no echo channel"
echo rpmsg_chrdev > "/sys/bus/rpmsg/devices/$echo_dev/driver_override" ||
	fail "cannot set driver_override"
echo "$echo_dev" > /sys/bus/rpmsg/drivers/rpmsg_chrdev/bind ||
	fail "cannot bind $echo_dev to rpmsg_chrdev"
wait_for "[ -e /sys/bus/rpmsg/devices/$echo_dev/driver ]"
wait_for "seen bind '/$echo_dev'"
dump override

echo stop > "/sys/class/remoteproc/$rp/state" || fail "cannot stop $rp"
wait_for "grep -q offline /sys/class/remoteproc/$rp/state"
dump stopped

echo disabled > "/sys/class/remoteproc/$rp/recovery" ||
	fail "cannot disable recovery"
echo start > "/sys/class/remoteproc/$rp/state" || fail "cannot restart $rp"
wait_for "[ -e /sys/bus/rpmsg/devices/\$(channel rpmsg-raw)/driver ]"
[ -z "$listener" ] ||
	wait_for "[ \$(grep -c 'ACTION=bind DEVPATH=[^ ]*[.]rpmsg-raw[.]' $EV) -ge 2 ]"
echo 1 > "$CFS/crash" || fail "cannot crash $rp"
wait_for "grep -q crashed /sys/class/remoteproc/$rp/state"
dump crashed

echo 0 > "$CFS/live" || fail "cannot unregister the instance"
wait_for "[ ! -e /sys/class/remoteproc/$rp ]"
state=removed
mark_events
{
	sed -n "$done_ev,\$p" "$EV" | sed 's/^/uevent /'
	log_lines
} | sed 's/^/ABI removed /'
[ -z "$listener" ] || kill "$listener"
echo "ABI-DONE"
