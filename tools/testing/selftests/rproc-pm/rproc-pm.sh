#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Power management of remote processors, over the remoteproc simulator:
# runtime suspend after the autosuspend delay, wake-up by traffic, firmware
# that cancels or never answers the suspend request, crash and stop while
# suspended, and system suspend of the whole guest (s2idle, woken by the
# rig's wake-up button) with traffic before and after.  The firmware is the
# tools/rpmsg-remote test firmware (images echo, pm-cancel, pm-silent; the
# "pm" control command changes the answer at run time).  KTAP output;
# exit 0 when everything passed, 1 on a failure, 4 when the simulator is
# missing.  PM_ONLY="case|case*" runs only matching cases.
#
# Lines "# resume latency: ..." report the time from a send to a suspended
# remote to its reply, and from the end of system suspend to the first
# reply.

SIM=/sys/kernel/config/rproc-sim
FW=/lib/firmware
TAG=pm$$
NCASES=$(grep -c '^run ' "$0")
WHY=/tmp/rproc-pm-why.$$
HERE=$(dirname "$0")
UTIL=$HERE/rproc_pm_util
RPMSG_UTIL=$HERE/../rpmsg/rpmsg_util
ADDR_ECHO=1001
# how long the simulator gives the firmware to answer (remoteproc_sim_pm.c)
ANSWER_MS=3000
ONLY=$PM_ONLY
ONLY_VAR=PM_ONLY
LOG_LINES=20

# shellcheck source=../rproc-lib/rproc_lib.sh
. "$HERE/rproc_lib.sh"

# ---- helpers --------------------------------------------------------------

# cmd NAME TEXT: a control command to the firmware; the reply on stdout
cmd() {
	ctrl_node "$1" || { echo "no control node"; return 1; }
	"$RPMSG_UTIL" cmd "$CTRL" 1003 "$2" 10000
}

# ready NAME: booted, control node there, firmware answering
ready() {
	poll 60 ctrl_node "$1" || fail "no rpmsg_ctrl node" || return 1
	r=$(cmd "$1" ping) && [ "$r" = pong ] || fail "no pong: $r"
}

# runner_state NAME: the state letter of the instance's core runner in $RS
runner_state() {
	RS=
	for p in /proc/[0-9]*; do
		rd "$p/comm"
		[ "$V" = rproc-sim-core ] || continue
		grep -q "$TAG-$1" "$p/cmdline" 2>/dev/null || continue
		RS=$(awk '/^State:/ { print $2 }' "$p/status")
		return 0
	done
	return 1
}

# traced NAME N PATTERN: the firmware's trace has PATTERN at least N times
# (read from debugfs: unlike a command, it is no traffic)
traced() {
	rproc "$1"
	[ "$(grep -c "$3" "/sys/kernel/debug/remoteproc/${R##*/}/trace0" 2>/dev/null)" -ge "$2" ]
}

# pm_stat NAME FIELD: a number from the firmware's "pm" report into $V
pm_stat() {
	r=$(cmd "$1" pm) || return 1
	V=$(echo "$r" | awk -v f="$2" '{ for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }')
}

# ---- cases ----------------------------------------------------------------

# Idle for the delay: the firmware is asked, acks, its core stops running
# and the state reads "suspended"; not before the delay has passed.
t_autosuspend() {
	need_fw echo || return 1
	boot a echo 1500 || fail "cannot boot" || return 1
	ready a || return 1
	cs; t0=$CS
	poll 60 state_is a suspended || fail "not suspended after 60 s" || return 1
	cs; idle=$(( (CS - t0) * 10 ))
	echo "suspended after ${idle} ms idle (delay 1500 ms)"
	[ "$idle" -ge 1400 ] || fail "suspended after ${idle} ms, before the delay" || return 1
	runner_state a || fail "no core runner" || return 1
	[ "$RS" = T ] || fail "suspended core still runs (state $RS)" || return 1
	r=$(cmd a pm) || fail "pm: $r" || return 1
	echo "firmware: $r"
	pm_stat a acks && [ "$V" -ge 1 ] || fail "no ack counted: $r" || return 1
}

# A send from Linux wakes a suspended remote; every message comes back
# once, in order (rpmsg_util echo compares each reply), and the firmware
# received exactly what was sent.  Then it suspends again.
t_wake_on_send() {
	need_fw echo || return 1
	boot a echo 300 || fail "cannot boot" || return 1
	ready a || return 1
	pm_stat a acks || fail "pm" || return 1
	r=$(cmd a stats) || fail "stats: $r" || return 1
	rx0=$(echo "$r" | awk '{ print $3 }')
	poll 60 state_is a suspended || fail "not suspended" || return 1
	lat=$("$UTIL" ping "$CTRL") || fail "ping to a suspended remote failed" || return 1
	echo "resume latency: send to a suspended remote -> first reply: $lat us"
	poll 60 state_is a suspended || fail "not suspended again" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 50 >/dev/null ||
		fail "echo after wake-up failed" || return 1
	r=$(cmd a stats) || fail "stats: $r" || return 1
	rx1=$(echo "$r" | awk '{ print $3 }')
	# ping + 50 echoes + this stats (the first stats was counted in rx0)
	[ $((rx1 - rx0)) -eq 52 ] ||
		fail "firmware received $((rx1 - rx0)) messages, expected 52" || return 1
	poll 60 state_is a suspended || fail "not suspended after traffic" || return 1
	pm_stat a acks || fail "pm" || return 1
	[ "$V" -ge 3 ] || fail "only $V suspends acknowledged" || return 1
	lat=$("$UTIL" ping "$CTRL") || fail "ping failed" || return 1
	echo "resume latency (second sample): $lat us"
}

# The remote sends first after a wake-up: a burst it sends right after the
# request that woke it arrives whole, each message once, nothing after.
t_remote_burst_after_wake() {
	need_fw echo || return 1
	boot a echo 300 || fail "cannot boot" || return 1
	ready a || return 1
	for round in 1 2 3; do
		poll 60 state_is a suspended || fail "round $round: not suspended" || return 1
		r=$("$UTIL" burst "$CTRL" 64 32) || fail "round $round: burst: $r" || return 1
	done
}

# A suspended remote wakes by itself (its own wake source, configfs
# "wake") and speaks first: its kick gets Linux to resume it, its burst
# arrives whole and once, and it suspends again afterwards.
t_remote_wake() {
	need_fw echo || return 1
	boot a echo 2000 || fail "cannot boot" || return 1
	ready a || return 1
	rproc a
	lat=$("$UTIL" wake-burst "$CTRL" 32 64 "$R/state" "$I/wake") ||
		fail "burst after the remote's own wake-up" || return 1
	echo "remote wake-up -> first message: $lat us"
	# its kicks made Linux resume it (the delay, 2 s, has not passed)
	state_is a running || fail "state $V after the remote woke and sent" || return 1
	pm_stat a wakes || fail "pm" || return 1
	[ "$V" = 1 ] || fail "firmware counted $V wake-ups" || return 1
	poll 60 state_is a suspended || fail "not suspended again" || return 1
	"$UTIL" ping "$CTRL" >/dev/null || fail "ping failed"
}

# A firmware that refuses: the remote keeps running, runtime PM asks again
# after the delay, the remote stays usable; once it agrees it suspends.
t_cancel() {
	need_fw pm-cancel || return 1
	boot a pm-cancel 300 || fail "cannot boot" || return 1
	ready a || return 1
	poll 60 traced a 3 "(auto): cancel" || fail "fewer than 3 requests cancelled" || return 1
	state_is a running || fail "state $V after cancel" || return 1
	runner_state a && [ "$RS" != T ] || fail "core stopped after cancel" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 10 >/dev/null || fail "echo failed" || return 1
	r=$(cmd a "pm ack") || fail "pm ack: $r" || return 1
	poll 60 state_is a suspended || fail "not suspended once it agrees" || return 1
}

# A firmware that never answers: the request times out with a clear error,
# the remote keeps running and stays usable.
t_no_answer() {
	need_fw pm-silent || return 1
	boot a pm-silent 300 || fail "cannot boot" || return 1
	ready a || return 1
	poll 60 logged "did not answer the suspend request within $ANSWER_MS ms" ||
		fail "no timeout reported" || return 1
	state_is a running || fail "state $V after a timeout" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 10 >/dev/null || fail "echo failed" || return 1
	r=$(cmd a "pm ack") || fail "pm ack: $r" || return 1
	poll 60 state_is a suspended || fail "not suspended once it answers" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 10 >/dev/null || fail "echo after resume failed"
}

# A crash of a suspended core is handled at once: recovered, usable.
t_crash_while_suspended() {
	need_fw echo || return 1
	boot a echo 300 || fail "cannot boot" || return 1
	ready a || return 1
	poll 60 state_is a suspended || fail "not suspended" || return 1
	rproc a
	rd "$R/recovery"
	[ "$V" = enabled ] || fail "recovery is $V" || return 1
	echo 1 > "$I/crash" || fail "cannot crash the core" || return 1
	poll 60 logged " recovered" || fail "not recovered" || return 1
	poll 60 eval 'r=$(cmd a ping) && [ "$r" = pong ]' ||
		fail "not usable after recovery" || return 1
	poll 60 state_is a suspended || fail "recovered remote does not suspend" || return 1
}

# Stop while suspended: the core is woken, then stopped; it boots again
# from scratch.
t_stop_while_suspended() {
	need_fw echo || return 1
	boot a echo 300 || fail "cannot boot" || return 1
	ready a || return 1
	poll 60 state_is a suspended || fail "not suspended" || return 1
	rproc a
	echo stop > "$R/state" || fail "stop failed" || return 1
	state_is a offline || fail "state $V after stop" || return 1
	! runner_state a || fail "core runner left behind" || return 1
	! logged "cannot wake" || fail "wake-up before stop failed" || return 1
	echo start > "$R/state" || fail "restart failed" || return 1
	ready a
}

# suspend_guest: system suspend of the whole guest for real: user space
# is frozen, every device suspended, the CPUs enter s2idle ("freeze").
# The wake-up source is the rig's wake-up button on the third serial port
# (scripts/rig/boot.sh; a UART at IRQ 15, which the legacy port table does
# not know, hence serial-irq): asked before the suspend, it sends a byte
# 3 s later, whose interrupt wakes the guest. True when the suspend counted
# as a success (/sys/power/suspend_stats/success went up) and the guest
# slept until the button woke it.
WAKE_TTY=ttyS2
suspend_guest() {
	local t0 t1 reply

	"$UTIL" serial-irq "/dev/$WAKE_TTY" 15 || { skip "no /dev/$WAKE_TTY"; return 1; }
	exec 3<> "/dev/$WAKE_TTY" || { skip "no /dev/$WAKE_TTY"; return 1; }
	stty -F "/dev/$WAKE_TTY" -echo 2>/dev/null
	echo P >&3
	if ! read -r -t 10 reply <&3 || [ "$reply" != p ]; then
		exec 3>&-
		skip "no wake-up button on $WAKE_TTY (not the rig's QEMU)"
		return 1
	fi
	echo enabled > "/sys/class/tty/$WAKE_TTY/power/wakeup" ||
		{ exec 3>&-; fail "$WAKE_TTY cannot be a wake-up source"; return 1; }
	rd /sys/power/suspend_stats/success
	ok0=$V
	echo W3 >&3
	now
	t0=$NOW
	echo freeze > /sys/power/state
	rc=$?
	now
	t1=$NOW
	# The button's byte, if the suspend failed before it came
	read -r -t 10 reply <&3
	exec 3>&-
	echo disabled > "/sys/class/tty/$WAKE_TTY/power/wakeup"
	[ $rc -eq 0 ] || return 1
	rd /sys/power/suspend_stats/success
	[ "$V" -gt "$ok0" ] || { fail "suspend did not count as a success"; return 1; }
	# /proc/uptime counts the time asleep too: the guest waited for the
	# button rather than coming straight back
	echo "# system suspend: $((t1 - t0)) s from freeze to resume"
	[ $((t1 - t0)) -ge 2 ] || fail "back after $((t1 - t0)) s, before the button"
}

# The whole guest sleeps with a running remote: asked (system), acks, is
# woken at resume; traffic flows before and after.
t_system_suspend() {
	need_fw echo || return 1
	grep -q freeze /sys/power/state 2>/dev/null || skip "no s2idle" || return 1
	boot a echo -1 || fail "cannot boot" || return 1
	ready a || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 20 >/dev/null || fail "echo before" || return 1
	suspend_guest || { [ -s "$WHY" ] || fail "system suspend failed"; return 1; }
	lat=$("$UTIL" ping "$CTRL") || fail "no reply after system resume" || return 1
	echo "resume latency: system resume -> first reply: $lat us"
	state_is a running || fail "state $V after system resume" || return 1
	pm_stat a requests || fail "pm" || return 1
	[ "$V" = 1 ] || fail "$V requests during system suspend, expected 1" || return 1
	traced a 1 "suspend request 1 (system): ack" ||
		fail "firmware did not see a system request" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 20 >/dev/null || fail "echo after" || return 1
}

# An autosuspended remote stays asleep through system sleep and is woken
# by the first send after it.
t_system_suspend_asleep() {
	need_fw echo || return 1
	grep -q freeze /sys/power/state 2>/dev/null || skip "no s2idle" || return 1
	boot a echo 300 || fail "cannot boot" || return 1
	ready a || return 1
	poll 60 state_is a suspended || fail "not suspended" || return 1
	suspend_guest || { [ -s "$WHY" ] || fail "system suspend failed"; return 1; }
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 20 >/dev/null || fail "echo after" || return 1
}

# A remote that refuses blocks system suspend with a clear error, and the
# system and the remote go on.
t_system_suspend_refused() {
	need_fw pm-cancel || return 1
	grep -q freeze /sys/power/state 2>/dev/null || skip "no s2idle" || return 1
	boot a pm-cancel -1 || fail "cannot boot" || return 1
	ready a || return 1
	if suspend_guest; then
		fail "system suspend succeeded over a refusal"
		return 1
	fi
	[ -s "$WHY" ] && return 1
	logged "blocks system suspend" || fail "no error naming the remote" || return 1
	state_is a running || fail "state $V" || return 1
	"$RPMSG_UTIL" echo "$CTRL" $ADDR_ECHO 64 10 >/dev/null || fail "echo after" || return 1
}

# ---- main -----------------------------------------------------------------

echo "TAP version 13"
if [ ! -d "$SIM" ]; then
	modprobe remoteproc_sim 2>/dev/null
	[ -d "$SIM" ] || { echo "1..0 # SKIP rproc-sim not available"; exit 4; }
fi
[ -x "$UTIL" ] && [ -x "$RPMSG_UTIL" ] || { echo "1..0 # SKIP helpers not built"; exit 4; }
mkdir "$SIM/$TAG-probe" 2>/dev/null
if [ ! -e "$SIM/$TAG-probe/autosuspend_ms" ]; then
	rmdir "$SIM/$TAG-probe"
	echo "1..0 # SKIP the simulator has no power management"
	exit 4
fi
rmdir "$SIM/$TAG-probe"
trap 'cleanup; rm -f "$WHY" "$WHY.log"' EXIT
echo "1..$NCASES"

run autosuspend_after_delay t_autosuspend
run wake_on_send_exactly_once t_wake_on_send
run remote_burst_after_wake t_remote_burst_after_wake
run remote_wakes_and_kicks t_remote_wake
run firmware_cancels t_cancel
run firmware_never_answers t_no_answer
run crash_while_suspended t_crash_while_suspended
run stop_while_suspended t_stop_while_suspended
run system_suspend_running t_system_suspend
run system_suspend_autosuspended t_system_suspend_asleep
run system_suspend_refused t_system_suspend_refused

[ "$nfail" -eq 0 ]
