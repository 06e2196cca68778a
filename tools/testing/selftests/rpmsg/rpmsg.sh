#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rpmsg bus selftests. Every case boots a tools/rpmsg-remote firmware image
# on a simulated remote processor (rproc-sim, configured through configfs)
# and checks what the rpmsg bus makes of it: channels from the name
# service, their sysfs attributes, the client sample's round trips, driver
# binding, and teardown while traffic is flowing. KTAP output; exit 0 when
# everything passed, 1 on a failure, 4 when the simulator is missing.

SIM=/sys/kernel/config/rproc-sim
BUS=/sys/bus/rpmsg
FW=/lib/firmware
TAG=rpm$$
NCASES=20
WHY=/tmp/rpmsg-why.$$

n=0
nfail=0

# ---- helpers --------------------------------------------------------------

# poll TENTHS CMD...: true as soon as CMD succeeds, checked every 100 ms
poll() {
	t=$1
	shift
	until "$@"; do
		[ "$t" -gt 0 ] || return 1
		t=$((t - 1))
		sleep 0.1
	done
}

fail() { echo "$*" > "$WHY"; return 1; }
skip() { echo "SKIP $*" > "$WHY"; return 1; }
need_fw() { [ -e "$FW/rproc-sim-$1.elf" ] || skip "no rproc-sim-$1.elf"; }

inst() { echo "$SIM/$TAG-$1"; }

# boot NAME IMAGE: create instance NAME running rproc-sim-IMAGE.elf
boot() {
	mkdir "$(inst "$1")" || return 1
	echo "rproc-sim-$2.elf" > "$(inst "$1")/firmware" || return 1
	echo 1 > "$(inst "$1")/live" || return 1
	echo start > "$(rproc_dir "$1")/state"
}

rproc_dir() { echo "/sys/class/remoteproc/$(cat "$(inst "$1")/remoteproc")"; }
rproc_state() { cat "$(rproc_dir "$1")/state"; }
rproc_is() { [ "$(rproc_state "$1")" = "$2" ]; }

drop() {
	d=$(inst "$1")
	[ -d "$d" ] || return 0
	if [ "$(cat "$d/live")" = 1 ]; then
		rproc_is "$1" offline || echo stop > "$(rproc_dir "$1")/state"
		echo 0 > "$d/live"
	fi
	rmdir "$d"
}

# channels NAME [SERVICE]: channel devices of instance NAME, one per line
channels() {
	r=$(cat "$(inst "$1")/remoteproc")
	for c in "$BUS"/devices/*; do
		[ -e "$c" ] || continue
		case "$(readlink -f "$c")" in
		*/"$r"/*) ;;
		*) continue ;;
		esac
		[ -z "$2" ] || [ "$(cat "$c/name")" = "$2" ] || continue
		echo "$c"
	done
}

has_channel() { [ -n "$(channels "$1" "$2")" ]; }
nr_channels() { channels "$1" "$2" | wc -l; }

mark() { base=$(dmesg | wc -l); }
logged() { dmesg | tail -n +$((base + 1)) | grep -q "$1"; }
nlogged() { dmesg | tail -n +$((base + 1)) | grep -c "$1"; }
# logged_times N PATTERN: PATTERN appeared exactly N times since mark
logged_times() { [ "$(nlogged "$2")" -eq "$1" ]; }
# channels_are N NAME SERVICE: instance NAME has N channels of SERVICE
channels_are() { [ "$(nr_channels "$2" "$3")" -eq "$1" ]; }

sample_load() { modprobe rpmsg_client_sample "$@" || fail "modprobe failed"; }
sample_unload() { rmmod rpmsg_client_sample 2>/dev/null; true; }

cleanup() {
	for d in "$SIM"/"$TAG"-*; do
		[ -d "$d" ] && drop "${d##*/$TAG-}"
	done
	sample_unload
}

run() {
	name=$1
	shift
	n=$((n + 1))
	: > "$WHY"
	mark
	("$@") > "$WHY.log" 2>&1
	rc=$?
	sed 's/^/# /' "$WHY.log"
	why=$(cat "$WHY")
	if [ $rc -eq 0 ]; then
		echo "ok $n $name"
	elif [ "${why#SKIP}" != "$why" ]; then
		echo "ok $n $name # $why"
	else
		echo "not ok $n $name # ${why:-failed}"
		nfail=$((nfail + 1))
	fi
	cleanup
}

# boot_echo NAME [IMAGE]: boot and wait for the sample channel
boot_echo() {
	boot "$1" "${2:-echo}" || fail "cannot boot ${2:-echo}" || return 1
	poll 100 has_channel "$1" rpmsg-client-sample ||
		fail "no rpmsg-client-sample channel"
}

# ---- cases ----------------------------------------------------------------

t_ns_channels() {
	need_fw echo || return 1
	boot_echo a || return 1
	for s in rpmsg-echo rpmsg-raw rpmsg-remote-ctrl; do
		poll 50 has_channel a $s || fail "no $s channel" || return 1
	done
	[ "$(nr_channels a rpmsg-client-sample)" -eq 1 ] || fail "duplicate channel"
}

t_sysfs_attrs() {
	need_fw echo || return 1
	boot_echo a || return 1
	c=$(channels a rpmsg-client-sample)
	[ "$(cat "$c/dst")" = 0x3e8 ] || fail "dst is $(cat "$c/dst")" || return 1
	[ "$(cat "$c/src")" = 0xffffffff ] || fail "unbound src $(cat "$c/src")" || return 1
	[ "$(cat "$c/announce")" = false ] || fail "announce set" || return 1
	[ "$(cat "$c/modalias")" = rpmsg:rpmsg-client-sample ] || fail "modalias" || return 1
	case "${c##*/}" in
	virtio*.rpmsg-client-sample.-1.1000) ;;
	*) fail "device name ${c##*/}"; return 1 ;;
	esac
	grep -qx MODALIAS=rpmsg:rpmsg-client-sample "$c/uevent" || fail "uevent"
}

t_ns_and_ctrl_devices() {
	need_fw echo || return 1
	boot_echo a || return 1
	ns=$(channels a rpmsg_ns)
	[ -n "$ns" ] || fail "no rpmsg_ns device" || return 1
	[ "$(basename "$(readlink -f "$ns/driver")")" = rpmsg_ns ] ||
		fail "name service not bound" || return 1
	[ "$(cat "$ns/driver_override")" = rpmsg_ns ] || fail "override" || return 1
	has_channel a rpmsg_ctrl || fail "no rpmsg_ctrl device"
}

t_sample_100() {
	need_fw echo || return 1
	sample_load || return 1
	boot_echo a || return 1
	poll 300 logged "goodbye: 100 of 100 replies, 0 mismatched" ||
		fail "sample did not finish 100 round trips" || return 1
	c=$(channels a rpmsg-client-sample)
	[ "$(cat "$c/src")" != 0xffffffff ] || fail "bound channel has no address"
}

t_sample_2000() {
	need_fw echo || return 1
	sample_load count=2000 || return 1
	boot_echo a || return 1
	poll 900 logged "goodbye: 2000 of 2000 replies, 0 mismatched" ||
		fail "sample did not finish 2000 round trips"
}

t_driver_override() {
	need_fw echo || return 1
	sample_load count=50 || return 1
	boot_echo a || return 1
	poll 300 logged "goodbye: 50 of 50" || fail "sample channel" || return 1
	poll 50 has_channel a rpmsg-echo || fail "no rpmsg-echo" || return 1
	c=$(channels a rpmsg-echo)
	[ ! -e "$c/driver" ] || fail "rpmsg-echo bound without override" || return 1
	echo rpmsg_client_sample > "$c/driver_override" || fail "override write" || return 1
	echo "${c##*/}" > "$BUS/drivers_probe" || fail "drivers_probe" || return 1
	poll 300 logged_times 2 "goodbye: 50 of 50" ||
		fail "override channel did not finish" || return 1
	echo > "$c/driver_override"
	[ -z "$(cat "$c/driver_override")" ] || fail "override not cleared"
}

t_unbind_rebind() {
	need_fw echo || return 1
	sample_load count=20 || return 1
	boot_echo a || return 1
	poll 300 logged "goodbye: 20 of 20" || fail "first run" || return 1
	c=$(channels a rpmsg-client-sample)
	echo "${c##*/}" > "$BUS/drivers/rpmsg_client_sample/unbind" || fail "unbind" || return 1
	logged "removed after 20 of 20" || fail "remove not called" || return 1
	echo "${c##*/}" > "$BUS/drivers/rpmsg_client_sample/bind" || fail "bind" || return 1
	poll 300 logged_times 2 "goodbye: 20 of 20" || fail "second run"
}

t_stop_removes_channels() {
	need_fw echo || return 1
	boot_echo a || return 1
	echo stop > "$(rproc_dir a)/state" || fail "stop refused" || return 1
	[ "$(nr_channels a)" -eq 0 ] || fail "channels left after stop"
}

t_restart_reannounces() {
	need_fw echo || return 1
	sample_load count=10 || return 1
	boot_echo a || return 1
	poll 300 logged "goodbye: 10 of 10" || fail "first boot" || return 1
	echo stop > "$(rproc_dir a)/state" || fail "stop refused" || return 1
	echo start > "$(rproc_dir a)/state" || fail "start refused" || return 1
	poll 100 has_channel a rpmsg-client-sample || fail "no channel after restart" || return 1
	poll 300 logged_times 2 "goodbye: 10 of 10" || fail "second boot"
}

t_stop_during_traffic() {
	need_fw echo || return 1
	sample_load count=1000000 || return 1
	boot_echo a || return 1
	poll 300 logged "incoming msg 50 " || fail "no traffic" || return 1
	echo stop > "$(rproc_dir a)/state" || fail "stop refused" || return 1
	rproc_is a offline || fail "not offline" || return 1
	logged "removed after" || fail "sample not removed" || return 1
	[ "$(nr_channels a)" -eq 0 ] || fail "channels left"
}

t_rmmod_during_traffic() {
	need_fw echo || return 1
	sample_load count=1000000 || return 1
	boot_echo a || return 1
	poll 300 logged "incoming msg 50 " || fail "no traffic" || return 1
	rmmod rpmsg_client_sample || fail "rmmod failed" || return 1
	logged "removed after" || fail "sample not removed" || return 1
	rproc_is a running || fail "remote stopped" || return 1
	sample_load count=30 || return 1
	poll 300 logged "goodbye: 30 of 30" || fail "channel unusable after rmmod"
}

t_crash_during_traffic() {
	need_fw echo || return 1
	sample_load count=1000000 || return 1
	boot_echo a || return 1
	poll 300 logged "incoming msg 50 " || fail "no traffic" || return 1
	mark
	echo 1 > "$(inst a)/crash" || fail "crash trigger refused" || return 1
	poll 100 logged "removed after" || fail "sample not removed on crash" || return 1
	poll 100 rproc_is a running || fail "not recovered" || return 1
	poll 100 logged "new channel" || fail "channel not back" || return 1
	poll 300 logged "incoming msg 20 " || fail "no traffic after recovery"
}

t_hostile_ns() {
	need_fw bad-ns || return 1
	sample_load count=20 || return 1
	boot_echo a bad-ns || return 1
	poll 100 logged "rejected announcement" || fail "bad sizes not rejected" || return 1
	poll 100 logged "cannot destroy unknown channel" || fail "unknown destroy" || return 1
	poll 300 logged "goodbye: 20 of 20" || fail "echo broken after bad NS" || return 1
	for c in $(channels a); do
		[ -n "$(cat "$c/name")" ] || fail "channel with empty name" || return 1
	done
}

t_hostile_lengths() {
	need_fw bad-len || return 1
	sample_load count=20 || return 1
	boot_echo a bad-len || return 1
	poll 100 logged "dropped a malformed message" || fail "bad lengths not dropped" || return 1
	poll 300 logged "goodbye: 20 of 20" || fail "echo broken after bad lengths"
}

t_bad_used_index() {
	need_fw bad-idx || return 1
	boot a bad-idx || fail "cannot boot" || return 1
	poll 100 logged "out of range" || fail "bad id not caught"
}

t_event_idx() {
	need_fw echo-evidx || return 1
	sample_load || return 1
	boot_echo a echo-evidx || return 1
	poll 300 logged "goodbye: 100 of 100 replies, 0 mismatched" ||
		fail "no 100 round trips with EVENT_IDX"
}

t_no_name_service() {
	need_fw echo-nons || return 1
	boot a echo-nons || fail "cannot boot" || return 1
	poll 100 has_channel a rpmsg_ctrl || fail "no control device" || return 1
	sleep 1
	has_channel a rpmsg_ns && fail "name service without the feature" && return 1
	[ "$(nr_channels a)" -eq 1 ] || fail "unexpected channels"
}

t_multi_channels() {
	need_fw multi || return 1
	boot_echo a multi || return 1
	for i in 4 5 6 7; do
		poll 50 has_channel a rpmsg-multi-$i || fail "no rpmsg-multi-$i" || return 1
	done
	poll 50 channels_are 5 a rpmsg-raw || fail "rpmsg-raw count"
}

t_two_remotes() {
	need_fw echo || return 1
	sample_load count=100 || return 1
	boot_echo a || return 1
	boot_echo b || return 1
	poll 600 logged_times 2 "goodbye: 100 of 100 replies, 0 mismatched" ||
		fail "both remotes did not finish"
}

t_sample_unloaded_channel_idle() {
	need_fw echo || return 1
	boot_echo a || return 1
	c=$(channels a rpmsg-client-sample)
	[ ! -e "$c/driver" ] || fail "bound without driver loaded" || return 1
	sample_load count=5 || return 1
	poll 300 logged "goodbye: 5 of 5" || fail "late driver did not bind"
}

# ---- main -----------------------------------------------------------------

echo "TAP version 13"
# Not yet reliable end to end over the simulator (the sample test does not
# stop at its count): runs only on request, like the simulator's own rpmsg
# cases.
[ "${RSIM_RPMSG:-0}" = 1 ] ||
	{ echo "1..0 # SKIP rpmsg over the simulator: RSIM_RPMSG=1 runs it"; exit 4; }
if [ ! -d "$SIM" ]; then
	modprobe remoteproc_sim 2>/dev/null
	[ -d "$SIM" ] || { echo "1..0 # SKIP rproc-sim not available"; exit 4; }
fi
trap 'cleanup; rm -f "$WHY" "$WHY.log"' EXIT
sample_unload
# The remote must at least start: that is remoteproc's job, not ours.
if [ -e "$FW/rproc-sim-echo.elf" ] && ! boot pre echo 2>/dev/null; then
	echo "1..0 # SKIP the simulated remote does not start"
	exit 4
fi
cleanup
echo "1..$NCASES"

run ns_channels_appear t_ns_channels
run channel_sysfs_attributes t_sysfs_attrs
run ns_and_ctrl_devices t_ns_and_ctrl_devices
run sample_100_round_trips t_sample_100
run sample_2000_round_trips t_sample_2000
run driver_override_binds t_driver_override
run unbind_and_rebind t_unbind_rebind
run stop_removes_channels t_stop_removes_channels
run restart_reannounces t_restart_reannounces
run stop_during_traffic t_stop_during_traffic
run rmmod_during_traffic t_rmmod_during_traffic
run crash_during_traffic t_crash_during_traffic
run hostile_name_service t_hostile_ns
run hostile_lengths t_hostile_lengths
run bad_used_index t_bad_used_index
run event_idx_round_trips t_event_idx
run no_name_service t_no_name_service
run multi_channels t_multi_channels
run two_remotes t_two_remotes
run late_driver_binds t_sample_unloaded_channel_idle

[ "$nfail" -eq 0 ] || exit 1
exit 0
