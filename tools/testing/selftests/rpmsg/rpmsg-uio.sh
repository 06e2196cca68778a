#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A remote in Linux userspace: rpmsg-remote-uio (tools/rpmsg-remote,
# port/linux-uio), an ordinary process running as nobody with access to
# nothing but /dev/uioN, is the remote of a simulator instance whose runner
# is "uio", against the real remoteproc and rpmsg stack: the UIO device and
# its maps, name service, the client sample and /dev/rpmsgN echoes, stop and
# start, the process killed, a crash reported by the firmware, the
# watchdog, mappings revoked at stop, the doorbell, and configurations a
# UIO remote cannot have. KTAP output; exit 0 when everything passed, 1 on
# a failure, 4 when there is no simulator or no UIO support.
# RPMSG_UIO_ONLY="case|case*" runs only matching cases.

SIM=/sys/kernel/config/rproc-sim
FW=/lib/firmware
IMAGE=rpmsg-remote-uio-echo.elf
REMOTE=/usr/bin/rpmsg-remote-uio
TAG=ruio$$
NCASES=$(grep -c '^run ' "$0")
WHY=/tmp/rpmsg-uio-why.$$
RLOG=/tmp/rpmsg-uio-remote.$$
UTIL=$(dirname "$0")/rpmsg_util
UIO_UTIL=$(dirname "$0")/uio_util
ONLY=$RPMSG_UIO_ONLY
ONLY_VAR=RPMSG_UIO_ONLY
NOBODY=65534

# the remote's memory map (tools/rpmsg-remote/port/linux-uio/rr_layout.h):
# name, device address = physical address, size
MAP="mem 0x7f000000 0x100000
vdev0vring0 0x7f100000 0x10000
vdev0vring1 0x7f110000 0x10000
vdev0buffer 0x7f200000 0x100000"

# shellcheck source=../rproc-lib/rproc_lib.sh
. "$(dirname "$0")/rproc_lib.sh"

# ---- helpers --------------------------------------------------------------

# regions NAME [LINES]: the REGION directories of instance NAME, from
# LINES of "name da size" (default $MAP), each pinned at pa = da
regions() {
	inst "$1"
	echo "${2:-$MAP}" | while read -r rn da sz; do
		mkdir "$I/$rn" && echo "$da" > "$I/$rn/da" &&
			echo "$sz" > "$I/$rn/size" && echo "$da" > "$I/$rn/pa" ||
			return 1
	done
}

# make_uio NAME [HEARTBEAT_MS]: a live UIO instance loading $IMAGE
make_uio() {
	inst "$1"
	mkdir "$I" || return 1
	regions "$1" || return 1
	echo "$IMAGE" > "$I/firmware" || return 1
	echo uio > "$I/runner" || return 1
	echo "${2:-1000}" > "$I/heartbeat_ms" || return 1
	echo 1 > "$I/live"
}

# uio_node NAME: the UIO device of instance NAME into $UIO (uioN)
uio_node() {
	UIO=
	for d in /sys/class/uio/uio*; do
		rd "$d/name"
		[ "$V" = "rproc-sim-$TAG-$1" ] && UIO=${d##*/} && return 0
	done
	return 1
}
no_uio() { ! uio_node "$1"; }

# remote NAME: the remote process for instance NAME, as nobody, in the
# background ($RPID; its output in $RLOG)
remote() {
	poll 10 uio_node "$1" || fail "no UIO device for $1" || return 1
	chown $NOBODY:$NOBODY "/dev/$UIO" || fail "chown /dev/$UIO" || return 1
	"$UIO_UTIL" as $NOBODY "$REMOTE" -v -w 10 "$TAG-$1" > "$RLOG" 2>&1 &
	RPID=$!
}

# gone PID: the process has exited (a zombie of ours counts as exited)
gone() {
	[ -e "/proc/$1/stat" ] || return 0
	read -r _ _ st _ < "/proc/$1/stat"
	[ "$st" = Z ]
}

# exited PID CODE: the process ended with CODE
exited() {
	poll 20 gone "$1" || fail "remote $1 still running" || return 1
	wait "$1"
	rc=$?
	[ "$rc" -eq "$2" ] || fail "remote exited with $rc, not $2: $(tail -n 3 "$RLOG")"
}

# up NAME [HEARTBEAT_MS]: started, the remote attached and announced
up() {
	make_uio "$@" || fail "cannot create instance $1" || return 1
	rproc_do "$1" start || fail "start refused" || return 1
	remote "$1" || return 1
	poll 30 has_channel "$1" rpmsg-client-sample ||
		fail "no rpmsg-client-sample channel: $(tail -n 3 "$RLOG")" || return 1
	poll 10 has_channel "$1" rpmsg-remote-ctrl || fail "no control channel"
}

# recovered NAME: after a crash, running again; a new remote attaches and
# answers
recovered() {
	poll 30 state_is "$1" running || fail "not recovered" || return 1
	remote "$1" || return 1
	poll 30 has_channel "$1" rpmsg-remote-ctrl || fail "no channels after recovery" || return 1
	out=$(remote_cmd "$1" ping) || fail "no answer after recovery: $out" || return 1
	[ "$out" = pong ] || fail "ping after recovery: '$out'"
}

# remotes: pids of remote processes into $RP (comm is cut to 15 characters)
remotes() {
	RP=
	for p in /proc/[0-9]*; do
		read -r c 2>/dev/null < "$p/comm" || continue
		[ "$c" = rpmsg-remote-ui ] && RP="$RP ${p#/proc/}"
	done
	RP=${RP# }
}

cleanup_extra() {
	sample_unload
	remotes
	[ -z "$RP" ] || kill -9 $RP 2>/dev/null
	rm -f "$RLOG"
}

trace_has() { rproc "$1"; grep -q "$2" "/sys/kernel/debug/remoteproc/${R##*/}/trace0" 2>/dev/null; }

# ---- cases ----------------------------------------------------------------

t_device_and_maps() {
	make_uio a || fail "cannot create instance" || return 1
	no_uio a || fail "a UIO device before start" || return 1
	rproc_do a start || fail "start refused" || return 1
	poll 10 uio_node a || fail "no UIO device after start" || return 1
	poll 5 logged "waiting for a remote on $UIO" || fail "no log line" || return 1
	i=0
	echo "$MAP" | while read -r rn da sz; do
		m=/sys/class/uio/$UIO/maps/map$i
		rd "$m/name"; [ "$V" = "$rn" ] || { fail "map$i is '$V', not $rn"; return 1; }
		rd "$m/addr"; [ $((V)) -eq $((da)) ] || { fail "map$i at $V, not $da"; return 1; }
		rd "$m/size"; [ $((V)) -eq $((sz)) ] || { fail "map$i has $V bytes"; return 1; }
		i=$((i + 1))
	done || return 1
	[ ! -e "/sys/class/uio/$UIO/maps/map4" ] || fail "a fifth map"
}

t_boots_and_announces() {
	[ -x "$REMOTE" ] && [ -e "$FW/$IMAGE" ] || { skip "no $REMOTE or $IMAGE"; return 1; }
	up a || return 1
	for s in rpmsg-echo rpmsg-raw; do
		has_channel a $s || fail "no $s channel" || return 1
	done
	st=$(grep '^Uid:' "/proc/$RPID/status")
	case $st in *"	$NOBODY	$NOBODY	$NOBODY	$NOBODY") ;;
	*) fail "remote is not running as nobody: $st"; return 1 ;;
	esac
	poll 5 trace_has a '(port linux-uio) booting' || fail "no boot line in the trace"
}

t_sample_100() {
	sample_load || return 1
	up a || return 1
	sample_round_trips a 100
}

t_char_echo() {
	up a || return 1
	char_echoes a
}

t_stop_start() {
	sample_load count=20 || return 1
	up a || return 1
	poll 60 sample_done a 20 || fail "first boot" || return 1
	rproc_do a stop || fail "stop refused" || return 1
	state_is a offline || fail "not offline" || return 1
	exited "$RPID" 0 || return 1
	grep -q "stopped by Linux" "$RLOG" || fail "remote did not see the stop" || return 1
	no_uio a || fail "UIO device left after stop" || return 1
	channels a; [ -z "$CH" ] || fail "channels left after stop: $CH" || return 1
	logged "crash detected" && fail "stop was taken for a crash" && return 1
	rproc_do a start || fail "start refused" || return 1
	remote a || return 1
	poll 30 has_channel a rpmsg-client-sample || fail "no channel after restart" || return 1
	poll 60 sample_done a 20 || fail "second boot" || return 1
	poll 5 logged_times 2 "goodbye: 20 of 20" || fail "not two summaries"
}

t_remote_killed() {
	sample_load count=1000000 || return 1
	up a || return 1
	poll 60 sample_done a 50 || fail "no traffic" || return 1
	mark
	kill -9 "$RPID"
	poll 20 logged "UIO remote rpmsg-remote-ui\[$RPID\] killed by signal 9" ||
		fail "no death in the log" || return 1
	poll 20 logged "crash detected" || fail "no crash reported" || return 1
	poll 20 logged "removed after" || fail "sample not removed on crash" || return 1
	recovered a || return 1
	poll 60 sample_done a 20 || fail "no traffic after recovery"
}

t_crash_reported() {
	up a || return 1
	ctrl_node a || fail "no control node" || return 1
	mark
	"$UTIL" cmd "$CTRL" 1003 crash 500 > /dev/null 2>&1
	poll 20 logged "UIO remote rpmsg-remote-ui\[$RPID\] exited with code 2" ||
		fail "no exit code in the log" || return 1
	poll 20 logged "crash detected" || fail "no crash reported" || return 1
	exited "$RPID" 2 || return 1
	recovered a
}

t_watchdog() {
	up a 1000 || return 1
	mark
	out=$(remote_cmd a hang) || fail "hang: $out" || return 1
	poll 20 logged "watchdog: no heartbeat from the firmware" ||
		fail "no watchdog crash" || return 1
	# recovery stops the core: the hung process sees it and leaves
	exited "$RPID" 0 || return 1
	recovered a
}

t_mappings_revoked() {
	# no watchdog: the holder below is not a remote and sends no heartbeat
	make_uio a 0 || fail "cannot create instance" || return 1
	rproc_do a start || fail "start refused" || return 1
	poll 10 uio_node a || fail "no UIO device" || return 1
	rproc a
	"$UIO_UTIL" hold "/dev/$UIO" 3 0x100000 "$R/state" > "$RLOG" 2>&1 &
	pid=$!
	poll 10 grep -q mapped "$RLOG" || fail "not mapped: $(cat "$RLOG")" || return 1
	out=$("$UIO_UTIL" hold "/dev/$UIO" 3 0x1000 2>&1) &&
		fail "a partial map was allowed: $out" && return 1
	logged "UIO maps are mapped whole" || fail "no log line for the partial map" || return 1
	rproc_do a stop || fail "stop refused" || return 1
	poll 20 gone $pid || fail "holder still running" || return 1
	wait $pid
	rc=$?
	grep -q revoked "$RLOG" ||
		fail "memory still mapped after stop (holder exit $rc): $(cat "$RLOG")"
}

t_doorbell() {
	up a || return 1
	out=$("$UIO_UTIL" bell "/dev/$UIO" 0x12345678) || fail "bell: $out" || return 1
	[ "$out" = "error EINVAL" ] || fail "unknown value: '$out'" || return 1
	poll 5 logged "unknown UIO doorbell value 0x12345678" || fail "no log line" || return 1
	out=$("$UIO_UTIL" bell "/dev/$UIO" 0x40000fff) || fail "bell: $out" || return 1
	[ "$out" = "error ENOENT" ] || fail "kick of an unknown vq: '$out'" || return 1
	# masked, Linux's kick for a ping is held; unmasked, it comes
	ctrl_node a || fail "no control node" || return 1
	out=$("$UIO_UTIL" masked "/dev/$UIO" "$UTIL" cmd "$CTRL" 1003 ping 2>&1) ||
		fail "mask: $out" || return 1
	[ "$out" = "held and delivered" ] || fail "mask: '$out'" || return 1
	out=$(remote_cmd a ping) || fail "ping: $out" || return 1
	[ "$out" = pong ] || fail "ping answered '$out'" || return 1
	state_is a running || fail "a second opener crashed the remote"
}

# refused NAME PATTERN: going live fails and the log says PATTERN
refused() {
	inst "$1"
	echo uio > "$I/runner" || return 1
	mark
	echo 1 > "$I/live" 2> /dev/null && fail "$1 went live" && return 1
	poll 5 logged "$2" || fail "no '$2' in the log"
}

t_bad_config() {
	inst a; mkdir "$I" || return 1
	refused a "a UIO remote needs a map of its own" || return 1
	inst b; mkdir "$I" || return 1
	regions b "$MAP" || return 1
	inst b; echo 0x7f300000 > "$I/mem/pa" || return 1
	refused b "region mem of a UIO remote needs pa = da" || return 1
	inst c; mkdir "$I" || return 1
	regions c "$MAP
r4 0x7f400000 0x1000
r5 0x7f410000 0x1000" || return 1
	refused c "a UIO remote needs a map of its own, of at most 5 regions" || return 1
	inst d; mkdir "$I" || return 1
	regions d || return 1
	inst d; echo 1000 > "$I/autosuspend_ms" || return 1
	refused d "a UIO remote cannot be suspended" || return 1
	echo -1 > "$I/autosuspend_ms" && echo 100 > "$I/poll_us" || return 1
	refused d "poll_us is for runner cores, not a UIO remote" || return 1
	echo 0 > "$I/poll_us" && echo 1 > "$I/live" || fail "d not live" || return 1
	if echo 100 > "$I/poll_us" 2> /dev/null; then
		fail "poll_us taken by a live UIO instance"
		return 1
	fi
	inst a
	if echo foo > "$I/runner" 2> /dev/null; then
		fail "runner 'foo' accepted"
		return 1
	fi
}

# ---- main -----------------------------------------------------------------

echo "TAP version 13"
if [ ! -d "$SIM" ]; then
	modprobe remoteproc_sim 2>/dev/null
	[ -d "$SIM" ] || { echo "1..0 # SKIP no rproc-sim configfs"; exit 4; }
fi
if [ ! -d /sys/class/uio ]; then
	echo "1..0 # SKIP no UIO in this kernel"
	exit 4
fi
echo "1..$NCASES"
trap 'cleanup; rm -f "$WHY" "$WHY.log" "$RLOG"' EXIT

run uio_device_and_maps t_device_and_maps
run uio_boots_and_announces t_boots_and_announces
run uio_sample_100_round_trips t_sample_100
run uio_char_device_echo t_char_echo
run uio_stop_and_start t_stop_start
run uio_remote_killed t_remote_killed
run uio_crash_reported_by_firmware t_crash_reported
run uio_watchdog t_watchdog
run uio_mappings_revoked_at_stop t_mappings_revoked
run uio_doorbell t_doorbell
run uio_bad_configurations t_bad_config

[ "$nfail" -eq 0 ] || exit 1
exit 0
