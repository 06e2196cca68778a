#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rpmsg bus selftests. Every case boots a tools/rpmsg-remote firmware image
# on a simulated remote processor (rproc-sim, configured through configfs)
# and checks what the rpmsg bus makes of it: channels from the name
# service and from rpmsg_create_channel(), their sysfs attributes, the
# client sample's round trips, driver binding, negotiated buffer sizes,
# and teardown while traffic is flowing or senders are blocked. KTAP
# output; exit 0 when everything passed, 1 on a failure, 4 when the
# simulator is missing. RPMSG_ONLY="case|case*" runs only matching cases.

SIM=/sys/kernel/config/rproc-sim
BUS=/sys/bus/rpmsg
FW=/lib/firmware
TAG=rpm$$
NCASES=$(grep -c '^run ' "$0")
WHY=/tmp/rpmsg-why.$$
UTIL=$(dirname "$0")/rpmsg_util
ONLY=$RPMSG_ONLY
ONLY_VAR=RPMSG_ONLY

# fixed addresses of the test firmware (tools/rpmsg-remote/fw/fw.h)
ADDR_SAMPLE=1000
ADDR_ECHO=1001
ADDR_CTRL=1003

# shellcheck source=../rproc-lib/rproc_lib.sh
. "$(dirname "$0")/rproc_lib.sh"

# ---- helpers --------------------------------------------------------------

# ---- helpers: name-service limits ----------------------------------------

# Defaults of virtio_rpmsg_bus.max_channels and max_endpoints
# (Documentation/driver-api/rpmsg/virtio.rst), used where the kernel has
# no per-device attribute to ask
DEF_MAX_CHANNELS=128

# vdev_dir NAME: sysfs directory of instance NAME's rpmsg virtio device
vdev_dir() {
	channels "$1" rpmsg_ctrl
	VD=${CH%/*}
	[ -n "$CH" ]
}

# node_of CHANNEL: the /dev/rpmsgN rpmsg_char made for CHANNEL into $NODE
node_of() {
	NODE=
	for f in "$1"/rpmsg/rpmsg[0-9]*; do
		[ -e "$f" ] && NODE=/dev/${f##*/} && return 0
	done
	return 1
}

# nodes NAME: number of rpmsg-raw channels of NAME with a node into $N
nodes() {
	channels "$1" rpmsg-raw
	N=0
	for c in $CH; do
		node_of "$c" && [ -c "$NODE" ] && N=$((N + 1))
	done
}


# mem_used: kB of memory not available to programs into $MEM
mem_used() {
	MEM=$(awk '/^MemTotal:/ { t = $2 } /^MemAvailable:/ { a = $2 }
		   END { print t - a }' /proc/meminfo)
}


# traffic_up: instance "a" runs echo and the sample keeps it busy; true
# once 50 round trips are done, with many more to come
traffic_up() {
	need_fw echo || return 1
	sample_load count=1000000 || return 1
	boot_echo a || return 1
	poll 30 sample_done a 50 || fail "no traffic"
}

cleanup_extra() { sample_unload; }

# boot_echo NAME [IMAGE]: boot and wait for the sample channel
boot_echo() {
	boot "$1" "${2:-echo}" || fail "cannot boot ${2:-echo}" || return 1
	poll 20 has_channel "$1" rpmsg-client-sample ||
		fail "no rpmsg-client-sample channel"
}

# ---- cases: channels and binding -------------------------------------------

t_ns_channels() {
	need_fw echo || return 1
	boot_echo a || return 1
	for s in rpmsg-echo rpmsg-raw rpmsg-remote-ctrl; do
		poll 10 has_channel a $s || fail "no $s channel" || return 1
	done
	channels_are 1 a rpmsg-client-sample || fail "duplicate channel"
}

t_sysfs_attrs() {
	need_fw echo || return 1
	boot_echo a || return 1
	channels a rpmsg-client-sample
	c=$CH
	rd "$c/dst"; [ "$V" = 0x3e8 ] || fail "dst is $V" || return 1
	rd "$c/src"; [ "$V" = 0xffffffff ] || fail "unbound src $V" || return 1
	rd "$c/announce"; [ "$V" = false ] || fail "announce $V" || return 1
	rd "$c/modalias"; [ "$V" = rpmsg:rpmsg-client-sample ] || fail "modalias $V" || return 1
	case "${c##*/}" in
	virtio*.rpmsg-client-sample.-1.1000) ;;
	*) fail "device name ${c##*/}"; return 1 ;;
	esac
	grep -qx MODALIAS=rpmsg:rpmsg-client-sample "$c/uevent" || fail "uevent"
}

t_ns_and_ctrl_devices() {
	need_fw echo || return 1
	boot_echo a || return 1
	channels a rpmsg_ns
	ns=$CH
	[ -n "$ns" ] || fail "no rpmsg_ns device" || return 1
	d=$(readlink "$ns/driver")
	[ "${d##*/}" = rpmsg_ns ] || fail "name service not bound" || return 1
	rd "$ns/driver_override"; [ "$V" = rpmsg_ns ] || fail "override $V" || return 1
	has_channel a rpmsg_ctrl || fail "no rpmsg_ctrl device"
}

t_sample_100() {
	need_fw echo || return 1
	sample_load || return 1
	boot_echo a || return 1
	poll 30 sample_done a 100 || fail "sample did not finish 100 round trips" || return 1
	logged "goodbye: 100 of 100 replies, 0 mismatched" || fail "no summary" || return 1
	channels a rpmsg-client-sample
	rd "$CH/src"; [ "$V" != 0xffffffff ] || fail "bound channel has no address"
}

# The sample must stop at its count: no message after the last reply
t_sample_stops_at_count() {
	need_fw echo || return 1
	sample_load count=1000 || return 1
	boot_echo a || return 1
	poll 60 sample_done a 1000 || fail "sample did not finish 1000 round trips" || return 1
	sleep 0.3
	channels a rpmsg-client-sample
	rd "$CH/replies"; [ "$V" -eq 1000 ] || fail "went on to $V" || return 1
	st=$(remote_cmd a stats) || fail "no stats from the remote: $st" || return 1
	# 1000 echoes, the stats command itself, nothing else
	case "$st" in
	"ok rx 1001 tx "*) ;;
	*) fail "remote counted: $st"; return 1 ;;
	esac
	logged_times 1 "goodbye: 1000 of 1000 replies, 0 mismatched" || fail "summary"
}

t_driver_override() {
	need_fw echo || return 1
	sample_load count=50 || return 1
	boot_echo a || return 1
	poll 30 sample_done a 50 || fail "sample channel" || return 1
	poll 10 has_channel a rpmsg-echo || fail "no rpmsg-echo" || return 1
	c=$CH
	[ ! -e "$c/driver" ] || fail "rpmsg-echo bound without override" || return 1
	# No override reads "(null)", as in 6.1: userspace tests for it.
	rd "$c/driver_override"; [ "$V" = "(null)" ] || fail "no override reads '$V'" || return 1
	echo rpmsg_echo_client > "$c/driver_override" || fail "override write" || return 1
	echo "${c##*/}" > "$BUS/drivers_probe" || fail "drivers_probe" || return 1
	poll 30 replies "$c" 50 || fail "override channel did not finish" || return 1
	echo > "$c/driver_override"
	rd "$c/driver_override"; [ "$V" = "(null)" ] || fail "override not cleared: '$V'"
}

t_unbind_rebind() {
	need_fw echo || return 1
	sample_load count=20 || return 1
	boot_echo a || return 1
	poll 30 sample_done a 20 || fail "first run" || return 1
	c=$CH
	echo "${c##*/}" > "$BUS/drivers/rpmsg_echo_client/unbind" || fail "unbind" || return 1
	[ ! -e "$c/replies" ] || fail "still bound" || return 1
	echo "${c##*/}" > "$BUS/drivers/rpmsg_echo_client/bind" || fail "bind" || return 1
	poll 30 replies "$c" 20 || fail "second run" || return 1
	logged "removed after 20 of 20" || fail "remove not called"
}

t_late_driver_binds() {
	need_fw echo || return 1
	boot_echo a || return 1
	c=$CH
	[ ! -e "$c/driver" ] || fail "bound without driver loaded" || return 1
	sample_load count=5 || return 1
	poll 30 replies "$c" 5 || fail "late driver did not bind"
}

# A channel the remote announces at run time, then withdraws
t_ns_destroy_removes_channel() {
	need_fw echo || return 1
	sample_load count=10 || return 1
	boot_echo a || return 1
	poll 10 has_channel a rpmsg-remote-ctrl || fail "no control channel" || return 1
	r=$(remote_cmd a "announce rpmsg-client-sample 1100") || fail "announce: $r" || return 1
	[ "$r" = "ok 1100" ] || fail "announce replied $r" || return 1
	poll 10 channels_are 2 a rpmsg-client-sample || fail "no second channel" || return 1
	for c in $CH; do
		poll 30 replies "$c" 10 || fail "${c##*/} did not finish" || return 1
	done
	r=$(remote_cmd a "destroy 1100") || fail "destroy: $r" || return 1
	poll 10 channels_are 1 a rpmsg-client-sample || fail "channel not removed" || return 1
	rd "$CH/dst"; [ "$V" = 0x3e8 ] || fail "the wrong channel went away" || return 1
	logged "removed after 10 of 10" || fail "driver not unbound"
}

# A static channel: no name service, rpmsg_create_channel() through the
# control node, then rpmsg_release_channel() removes the device
t_static_channel() {
	need_fw echo-nons || return 1
	sample_load count=100 || return 1
	boot a echo-nons || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	"$UTIL" chan create "$CTRL" rpmsg-client-sample $ADDR_SAMPLE ||
		fail "create refused" || return 1
	has_channel a rpmsg-client-sample || fail "no device" || return 1
	poll 30 sample_done a 100 || fail "no round trips on the static channel" || return 1
	"$UTIL" chan create "$CTRL" rpmsg-client-sample $ADDR_SAMPLE 2>/dev/null &&
		fail "duplicate accepted" && return 1
	"$UTIL" chan release "$CTRL" rpmsg-client-sample $ADDR_SAMPLE ||
		fail "release refused" || return 1
	has_channel a rpmsg-client-sample && fail "device left after release" && return 1
	logged "removed after 100 of 100" || fail "driver not unbound"
}

t_no_name_service() {
	need_fw echo-nons || return 1
	boot a echo-nons || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	# the remote is up and answering, yet announced nothing
	"$UTIL" echo "$CTRL" $ADDR_ECHO 100 1 || fail "remote not answering" || return 1
	has_channel a rpmsg_ns && fail "name service without the feature" && return 1
	count a
	[ "$N" -eq 1 ] || fail "unexpected channels: $CH"
}

t_multi_channels() {
	need_fw multi || return 1
	boot_echo a multi || return 1
	for i in 4 5 6 7; do
		poll 10 has_channel a rpmsg-multi-$i || fail "no rpmsg-multi-$i" || return 1
	done
	poll 10 channels_are 5 a rpmsg-raw || fail "rpmsg-raw count"
}

t_two_remotes() {
	need_fw echo || return 1
	sample_load count=100 || return 1
	boot_echo a || return 1
	boot_echo b || return 1
	poll 30 sample_done a 100 || fail "first remote did not finish" || return 1
	poll 30 sample_done b 100 || fail "second remote did not finish"
}

# ---- cases: lifetime ------------------------------------------------------

t_stop_removes_channels() {
	need_fw echo || return 1
	boot_echo a || return 1
	rproc_do a stop || fail "stop refused" || return 1
	count a
	[ "$N" -eq 0 ] || fail "channels left after stop: $CH"
}

t_restart_reannounces() {
	need_fw echo || return 1
	sample_load count=10 || return 1
	boot_echo a || return 1
	poll 30 sample_done a 10 || fail "first boot" || return 1
	rproc_do a stop || fail "stop refused" || return 1
	rproc_do a start || fail "start refused" || return 1
	poll 20 has_channel a rpmsg-client-sample || fail "no channel after restart" || return 1
	poll 30 sample_done a 10 || fail "second boot" || return 1
	logged_times 2 "goodbye: 10 of 10" || fail "not two summaries"
}

t_stop_during_traffic() {
	traffic_up || return 1
	rproc_do a stop || fail "stop refused" || return 1
	state_is a offline || fail "not offline" || return 1
	logged "removed after" || fail "sample not removed" || return 1
	count a
	[ "$N" -eq 0 ] || fail "channels left: $CH"
}

t_rmmod_during_traffic() {
	traffic_up || return 1
	rmmod rpmsg_echo_client || fail "rmmod failed" || return 1
	logged "removed after" || fail "sample not removed" || return 1
	state_is a running || fail "remote stopped" || return 1
	sample_load count=30 || return 1
	poll 30 sample_done a 30 || fail "channel unusable after rmmod"
}

t_crash_during_traffic() {
	traffic_up || return 1
	mark
	inst a
	echo 1 > "$I/crash" || fail "crash trigger refused" || return 1
	poll 20 logged "removed after" || fail "sample not removed on crash" || return 1
	poll 20 state_is a running || fail "not recovered" || return 1
	poll 20 sample_done a 20 || fail "no traffic after recovery"
}

t_remove_instance_during_traffic() {
	traffic_up || return 1
	rproc a
	inst a
	echo 0 > "$I/live" || fail "live 0 refused" || return 1
	rmdir "$I" || fail "rmdir refused" || return 1
	[ ! -e "$R" ] || fail "remoteproc left" || return 1
	logged "removed after" || fail "sample not removed"
}

# blocked_sender HOW: stall the remote, fill its ring from a raw endpoint
# until a write blocks, then remove the device by HOW; the blocked writer
# must wake up at once with EPIPE
blocked_sender() {
	need_fw echo || return 1
	boot_echo a || return 1
	ctrl_node a || fail "no control node" || return 1
	r=$(remote_cmd a "stall 20000") || fail "stall: $r" || return 1
	out=/tmp/rpmsg-flood.$$
	"$UTIL" flood "$CTRL" $ADDR_ECHO > "$out" 2>&1 &
	pid=$!
	poll 10 grep -q blocking "$out" || fail "no blocked write: $(cat "$out")" || return 1
	sleep 0.2
	grep -q error "$out" && fail "write did not block: $(cat "$out")" && return 1
	inst a
	case $1 in
	stop) rproc_do a stop ;;
	crash) echo 1 > "$I/crash" ;;
	remove) echo 0 > "$I/live" && rmdir "$I" ;;
	esac || fail "$1 refused" || return 1
	poll 5 grep -q "^error" "$out" || fail "writer still blocked after $1" || return 1
	wait $pid
	grep -q "^error EPIPE" "$out" || fail "writer woke with: $(cat "$out")"
	rm -f "$out"
}

t_blocked_sender_stop() { blocked_sender stop; }
t_blocked_sender_crash() { blocked_sender crash; }
t_blocked_sender_remove() { blocked_sender remove; }

# ---- cases: hostile remotes and features ---------------------------------

t_hostile_ns() {
	need_fw bad-ns || return 1
	sample_load count=20 || return 1
	boot_echo a bad-ns || return 1
	poll 30 sample_done a 20 || fail "echo broken after bad NS" || return 1
	logged "rejected announcement" || fail "bad sizes not rejected" || return 1
	logged "refused to destroy channel never-announced at 0x5e0: unknown channel" ||
		fail "unknown destroy" || return 1
	channels a
	for c in $CH; do
		rd "$c/name"
		[ -n "$V" ] || fail "channel with empty name" || return 1
	done
}

t_hostile_lengths() {
	need_fw bad-len || return 1
	sample_load count=20 || return 1
	boot_echo a bad-len || return 1
	poll 30 sample_done a 20 || fail "echo broken after bad lengths" || return 1
	logged "dropped a malformed message" || fail "bad lengths not dropped"
}

t_bad_used_index() {
	need_fw bad-idx || return 1
	boot a bad-idx || fail "cannot boot" || return 1
	poll 20 logged "out of range" || fail "bad id not caught"
}

t_event_idx() {
	need_fw echo-evidx || return 1
	sample_load || return 1
	boot_echo a echo-evidx || return 1
	poll 30 sample_done a 100 || fail "no 100 round trips with EVENT_IDX"
}

# 4 KiB buffers offered in the config space and accepted: messages larger
# than 496 bytes pass both ways, through rpmsg_char and through the sample
t_big_buffers() {
	need_fw echo-4k || return 1
	sample_load count=100 size=2000 || return 1
	boot_echo a echo-4k || return 1
	logged "buffers of 4096/4096 bytes" || fail "4096 byte buffers not used" || return 1
	ctrl_node a || fail "no control node" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 2000 20 || fail "2000 byte echo" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 4080 2 || fail "4080 byte echo" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 4081 1 2>/dev/null &&
		fail "4081 bytes accepted" && return 1
	r=$(remote_cmd a features) || fail "features: $r" || return 1
	[ "$r" = "ok 0x100001" ] || fail "remote sees $r" || return 1
	poll 30 sample_done a 100 || fail "sample with 2000 byte messages"
}

# A remote offering unusable sizes gets 512 byte buffers, and knows it
t_big_buffers_declined() {
	need_fw echo-badsz || return 1
	sample_load count=10 size=497 || return 1
	boot_echo a echo-badsz || return 1
	logged "declined buffer sizes 3000/3000" || fail "bad size not declined" || return 1
	logged "buffers of 512/512 bytes" || fail "not 512 byte buffers" || return 1
	r=$(remote_cmd a features) || fail "features: $r" || return 1
	[ "$r" = "ok 0x1" ] || fail "remote sees $r" || return 1
	ctrl_node a || fail "no control node" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 496 2 || fail "496 byte echo" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 497 1 2>/dev/null &&
		fail "497 bytes accepted" && return 1
	logged "497 byte messages exceed the mtu of 496" || fail "sample probed"
}

# ---- cases: hostile rings (tools/rpmsg-remote/fw/misbehave_ring.c) --------
#
# A remote that breaks the ring protocol must get a broken ring and a log
# line, never a hang: every case stops the remote within a time bound and
# then runs the echo image on the same instance.

# stop_bounded NAME SECONDS: stop in the background; true once offline
stop_bounded() {
	rproc_do "$1" stop &
	poll "$2" state_is "$1" offline || fail "stop did not complete in $2 s"
}

# echo_again NAME: stop (bounded), then run the echo image and echo on it
echo_again() {
	state_is "$1" offline || stop_bounded "$1" 20 || return 1
	rproc "$1"
	echo rproc-sim-echo.elf > "$R/firmware" || fail "firmware refused" || return 1
	rproc_do "$1" start || fail "restart refused" || return 1
	poll 20 ctrl_node "$1" || fail "no control node after restart" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 64 20 || fail "echo broken after restart"
}

# bounded SECONDS CMD...: run CMD in the background; its status, or
# failure when it did not end within SECONDS
bounded() {
	secs=$1
	shift
	"$@" > /tmp/rpmsg-bounded.$$ 2>&1 &
	bpid=$!
	poll "$secs" eval '! kill -0 $bpid 2>/dev/null' ||
		{ kill -9 $bpid; fail "$* did not end in $secs s"; return 2; }
	wait $bpid
}

# A circular descriptor chain on the ring Linux receives on
t_ring_loop_rx() {
	need_fw bad-ring-rx && need_fw echo || return 1
	boot a bad-ring-rx || fail "cannot boot" || return 1
	poll 20 logged "input:descriptor [0-9]* was rewritten by the device" ||
		fail "rewritten descriptor not reported" || return 1
	echo_again a
}

# The same on the send ring: Linux meets it when it reclaims buffers,
# after one ring's worth of round trips
t_ring_loop_tx() {
	need_fw bad-ring-tx && need_fw echo || return 1
	boot a bad-ring-tx || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	bounded 120 "$UTIL" echo "$CTRL" $ADDR_ECHO 16 300
	rc=$?
	[ $rc -ne 2 ] || return 1
	[ $rc -ne 0 ] || fail "300 round trips on a broken ring" || return 1
	grep -q "Input/output error" /tmp/rpmsg-bounded.$$ ||
		fail "send ended with: $(cat /tmp/rpmsg-bounded.$$)" || return 1
	logged "output:descriptor [0-9]* was rewritten by the device" ||
		fail "rewritten descriptor not reported" || return 1
	echo_again a
}

# bad_used CMD PATTERN [SENDS]: make the running echo remote do CMD, send
# SENDS round trips (a send ring is only looked at when Linux reclaims),
# expect PATTERN in the log, then a bounded stop and a working restart
bad_used() {
	need_fw echo || return 1
	boot a echo || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 16 1 || fail "no echo" || return 1
	r=$(remote_cmd a "$1") || fail "$1: $r" || return 1
	if [ -n "$3" ]; then
		bounded 120 "$UTIL" echo "$CTRL" $ADDR_ECHO 16 "$3"
		[ $? -ne 2 ] || return 1
	fi
	poll 20 logged "$2" || fail "$1 not reported" || return 1
	echo_again a
}

t_used_jump() { bad_used "bad-idx jump" "input:used index [0-9]* entries ahead"; }
t_used_ahead() { bad_used "bad-ring ahead" "input:used index [0-9]* entries ahead"; }
t_used_tx_id() { bad_used "bad-ring tx-id" "output:id [0-9]* out of range" 300; }
t_used_tx_ahead() { bad_used "bad-ring tx-ahead" "output:used index [0-9]* entries ahead" 300; }

# state PID: the scheduler state letter of PID into $V
state() { V=; read -r _ _ V _ < "/proc/$1/stat" 2>/dev/null; }
sleeping() { state "$1"; [ "$V" = S ]; }

# A remote that never hands a buffer back: a non-blocking writer gets
# EAGAIN, a blocking one sleeps interruptibly, dies at once on SIGKILL,
# and otherwise fails with ETIMEDOUT after the send timeout (15 s)
t_remote_holds_buffers() {
	need_fw echo || return 1
	boot a echo || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	r=$(remote_cmd a "bad-ring hold") || fail "hold: $r" || return 1
	out=/tmp/rpmsg-hold.$$
	"$UTIL" flood "$CTRL" $ADDR_ECHO > "$out" 2>&1 &
	pid=$!
	poll 20 grep -q blocking "$out" || fail "no EAGAIN: $(cat "$out")" || return 1
	poll 5 sleeping $pid || fail "blocked writer in state $V" || return 1
	"$UTIL" flood "$CTRL" $ADDR_ECHO > "$out.2" 2>&1 &
	pid2=$!
	poll 20 grep -q blocking "$out.2" || fail "second writer: $(cat "$out.2")" || return 1
	kill -9 $pid2
	poll 5 eval '! kill -0 $pid2 2>/dev/null' ||
		fail "SIGKILL did not end a blocked writer" || return 1
	poll 30 grep -q "^error" "$out" || fail "blocked writer never timed out" || return 1
	wait $pid
	grep -q "^error Connection timed out" "$out" ||
		fail "writer ended with: $(cat "$out")" || return 1
	rm -f "$out" "$out.2"
	echo_again a
}

# virtio_dev NAME: the rpmsg virtio device of instance NAME into $VD
virtio_dev() {
	rproc "$1"
	VD=
	for d in "$R"/*/virtio[0-9]*; do
		[ -e "$d/features" ] && VD=$d && return 0
	done
	return 1
}

# The remote rewrites the vdev status byte and feature words: Linux's
# view (status, negotiated features, a re-probe's offer) does not change
t_vdev_rewrite() {
	need_fw echo || return 1
	boot_echo a || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	virtio_dev a || fail "no virtio device" || return 1
	rd "$VD/status"; st=$V
	rd "$VD/features"; ft=$V
	r=$(remote_cmd a "bad-ring rewrite") || fail "rewrite: $r" || return 1
	rd "$VD/status"; [ "$V" = "$st" ] || fail "status $st became $V" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 64 5 || fail "echo after rewrite" || return 1
	drv=$(readlink "$VD/driver") || fail "virtio device not bound" || return 1
	vd=${VD##*/}
	echo "$vd" > "$VD/driver/unbind" || fail "unbind" || return 1
	echo "$vd" > "/sys/bus/virtio/drivers/${drv##*/}/bind" || fail "bind" || return 1
	rd "$VD/features"; [ "$V" = "$ft" ] || fail "features $ft became $V" || return 1
	poll 20 has_channel a rpmsg-remote-ctrl || fail "no channels after re-probe" || return 1
	ctrl_node a || fail "no control node after re-probe" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 64 5 || fail "echo after re-probe" || return 1
	stop_bounded a 20
}

# ---- cases: name-service limits and ownership ------------------------------
#
# A remote may announce at most max_channels channels and withdraw only
# what it announced; see Documentation/driver-api/rpmsg/virtio.rst.

# The ns-flood image announces 3000 rpmsg-raw channels at boot, before its
# services answer. Linux must keep exactly the limit (the firmware's own
# four services included), refuse the rest without memory per refusal,
# keep working, and stop quickly.
t_ns_flood_capped() {
	need_fw ns-flood || return 1
	mem_used; m0=$MEM
	boot a ns-flood || fail "cannot boot" || return 1
	poll 20 ctrl_node a || fail "no control node" || return 1
	# the control service answers once the flood is over
	poll 300 "$UTIL" cmd "$CTRL" $ADDR_CTRL ping 2000 >/dev/null 2>&1 ||
		fail "remote still flooding after 300 s" || return 1
	vdev_dir a
	max=$DEF_MAX_CHANNELS
	rd "$VD/rpmsg/max_channels" && max=$V
	count a
	# everything but rpmsg_ns and rpmsg_ctrl came from the remote
	echo "channels $((N - 2)), limit $max"
	[ $((N - 2)) -eq "$max" ] || fail "$((N - 2)) channels, limit $max" || return 1
	nodes a
	[ "$N" -eq $((max - 3)) ] || fail "$N rpmsg-raw nodes, want $((max - 3))" || return 1
	rd "$VD/rpmsg/channels"
	[ "$V" = "$max" ] || fail "channels attribute reads $V" || return 1
	logged "channel limit" || fail "no line about the limit" || return 1
	mem_used; m1=$MEM
	echo "memory: $(( (m1 - m0) / 1024 )) MiB more after the flood"
	[ $((m1 - m0)) -lt $((64 * 1024)) ] ||
		fail "flood took $(( (m1 - m0) / 1024 )) MiB" || return 1
	# 2000 more beyond the limit: nothing new, no memory per announcement
	r=$("$UTIL" cmd "$CTRL" $ADDR_CTRL "ns-flood 2000 rpmsg-raw 6000" 120000) ||
		fail "second flood: $r" || return 1
	[ "$r" = "ok sent 2000" ] || fail "second flood: $r" || return 1
	mem_used; m2=$MEM
	echo "memory: $(( (m2 - m1) / 1024 )) MiB more after 2000 refused"
	[ $((m2 - m1)) -lt $((8 * 1024)) ] ||
		fail "refusals took $(( (m2 - m1) / 1024 )) MiB" || return 1
	count a
	[ $((N - 2)) -eq "$max" ] || fail "$((N - 2)) channels after the second flood" || return 1
	"$UTIL" echo "$CTRL" $ADDR_ECHO 100 5 >/dev/null || fail "echo after the flood" || return 1
	channels a rpmsg-raw
	set -- $CH
	node_of "$1" && "$UTIL" echo-node "$NODE" 64 5 >/dev/null ||
		fail "rpmsg-raw node after the flood" || return 1
	cs; t0=$CS
	rproc_do a stop || fail "stop refused" || return 1
	cs
	echo "stop with $max channels: $(( (CS - t0) * 10 )) ms"
	state_is a offline || fail "not offline" || return 1
	count a
	[ "$N" -eq 0 ] || fail "channels left after stop: $N" || return 1
	[ $((CS - t0)) -lt 4500 ] || fail "stop took $(( (CS - t0) * 10 )) ms"
}

# The limits are per device and can be changed while it runs
t_ns_limits_configurable() {
	need_fw echo || return 1
	boot_echo a || return 1
	poll 10 has_channel a rpmsg-remote-ctrl || fail "no control channel" || return 1
	vdev_dir a || fail "no rpmsg virtio device" || return 1
	ctrl_node a || fail "no control node" || return 1
	d=$VD/rpmsg
	rd "$d/max_channels" || fail "no max_channels attribute" || return 1
	rd /sys/module/virtio_rpmsg_bus/parameters/max_channels
	p=$V
	rd "$d/max_channels"
	[ "$V" = "$p" ] || fail "max_channels $V, module default $p" || return 1
	rd "$d/channels"
	[ "$V" = 4 ] || fail "remote has $V channels, want 4" || return 1
	echo 6 > "$d/max_channels" || fail "max_channels write refused" || return 1
	r=$(remote_cmd a "ns-flood 10 rpmsg-raw 3000") || fail "flood: $r" || return 1
	[ "$r" = "ok sent 10" ] || fail "flood: $r" || return 1
	poll 10 channels_are 3 a rpmsg-raw || fail "limit 6 not kept" || return 1
	rd "$d/channels"
	[ "$V" = 6 ] || fail "channels reads $V" || return 1
	logged "channel limit" || fail "no line about the limit" || return 1
	echo 65536 > "$d/max_channels" 2>/dev/null && fail "65536 accepted" && return 1
	# endpoints: exactly the limit, then no more
	rd "$d/endpoints"
	e=$V
	echo "$e" > "$d/max_endpoints" || fail "max_endpoints write refused" || return 1
	mark
	r=$("$UTIL" echo "$CTRL" $ADDR_ECHO 16 1 2>&1) &&
		fail "endpoint beyond the limit" && return 1
	logged "endpoint limit" || fail "no line about the endpoint limit: $r" || return 1
	echo $((e + 1)) > "$d/max_endpoints"
	"$UTIL" echo "$CTRL" $ADDR_ECHO 16 1 >/dev/null || fail "endpoint within the limit refused"
}

# Destroys of what the remote did not announce are refused: Linux's own
# rpmsg_ctrl and rpmsg_ns devices, a channel userspace created, and a
# channel under another address than the one it was announced at.
t_ns_destroy_foreign_refused() {
	need_fw echo || return 1
	boot_echo a || return 1
	poll 10 has_channel a rpmsg-raw || fail "no rpmsg-raw channel" || return 1
	ctrl_node a || fail "no control node" || return 1
	"$UTIL" chan create "$CTRL" rpmsg-raw $ADDR_ECHO || fail "create refused" || return 1
	poll 10 channels_are 2 a rpmsg-raw || fail "no userspace channel" || return 1
	mark
	for d in "rpmsg_ctrl 0" "rpmsg_ns 53" "rpmsg-raw $ADDR_ECHO" \
		 "rpmsg-raw 1005" "rpmsg-echo 1002"; do
		r=$(remote_cmd a "ns-send destroy $d") || fail "ns-send: $r" || return 1
		[ "$r" = ok ] || fail "ns-send destroy $d: $r" || return 1
	done
	# the NS message was handled before the reply that followed it
	has_channel a rpmsg_ctrl || fail "rpmsg_ctrl destroyed" || return 1
	has_channel a rpmsg_ns || fail "rpmsg_ns destroyed" || return 1
	channels_are 2 a rpmsg-raw || fail "rpmsg-raw channel destroyed" || return 1
	has_channel a rpmsg-echo || fail "rpmsg-echo destroyed" || return 1
	# The refusal lines are rate-limited per remote: a fresh boot starts
	# with a full budget whatever the flood case before did.
	logged_times 3 "refused to destroy channel .*: the remote did not announce it" ||
		fail "not three foreign channels logged" || return 1
	logged_times 2 "refused to destroy channel .*: unknown channel" ||
		fail "not two unknown channels logged" || return 1
	# and everything still works
	"$UTIL" echo "$CTRL" $ADDR_ECHO 100 3 >/dev/null || fail "rpmsg_ctrl broken" || return 1
	channels a rpmsg-raw
	for c in $CH; do
		node_of "$c" || fail "no node for ${c##*/}" || return 1
		"$UTIL" echo-node "$NODE" 64 3 >/dev/null || fail "${c##*/} broken" || return 1
	done
	r=$(remote_cmd a "announce rpmsg-raw 1100") || fail "announce: $r" || return 1
	poll 10 channels_are 3 a rpmsg-raw || fail "name service broken" || return 1
	# what the remote did announce, it may withdraw
	r=$(remote_cmd a "ns-send destroy rpmsg-raw 1100") || fail "ns-send: $r" || return 1
	poll 10 channels_are 2 a rpmsg-raw || fail "own channel not withdrawn"
}

# ---- main -----------------------------------------------------------------

echo "TAP version 13"
if [ ! -d "$SIM" ]; then
	modprobe remoteproc_sim 2>/dev/null
	[ -d "$SIM" ] || { echo "1..0 # SKIP rproc-sim not available"; exit 4; }
fi
[ -x "$UTIL" ] || { echo "1..0 # SKIP rpmsg_util not built"; exit 4; }
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
run sample_stops_at_count t_sample_stops_at_count
run driver_override_binds t_driver_override
run unbind_and_rebind t_unbind_rebind
run late_driver_binds t_late_driver_binds
run ns_destroy_removes_channel t_ns_destroy_removes_channel
run static_channel t_static_channel
run no_name_service t_no_name_service
run multi_channels t_multi_channels
run two_remotes t_two_remotes
run stop_removes_channels t_stop_removes_channels
run restart_reannounces t_restart_reannounces
run stop_during_traffic t_stop_during_traffic
run rmmod_during_traffic t_rmmod_during_traffic
run crash_during_traffic t_crash_during_traffic
run remove_instance_during_traffic t_remove_instance_during_traffic
run blocked_sender_woken_on_stop t_blocked_sender_stop
run blocked_sender_woken_on_crash t_blocked_sender_crash
run blocked_sender_woken_on_removal t_blocked_sender_remove
run hostile_name_service t_hostile_ns
run hostile_lengths t_hostile_lengths
run bad_used_index t_bad_used_index
run event_idx_round_trips t_event_idx
run big_buffers_negotiated t_big_buffers
run big_buffers_declined t_big_buffers_declined
run ring_descriptor_loop_rx t_ring_loop_rx
run ring_descriptor_loop_tx t_ring_loop_tx
run used_index_jumps_past_ring t_used_jump
run used_index_ahead_of_avail t_used_ahead
run send_ring_used_id_out_of_range t_used_tx_id
run send_ring_used_index_ahead t_used_tx_ahead
run remote_holds_send_buffers t_remote_holds_buffers
run vdev_status_features_rewritten t_vdev_rewrite
run ns_flood_capped t_ns_flood_capped
run ns_limits_configurable t_ns_limits_configurable
run ns_destroy_foreign_refused t_ns_destroy_foreign_refused

[ "$nfail" -eq 0 ] || exit 1
exit 0
