#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Mainline 6.1's own rpmsg clients, built unmodified from the 6.1 tree, on
# this series' bus over the remoteproc simulator:
#  - drivers/tty/rpmsg_tty.c: a channel created through /dev/rpmsg_ctrlN
#    (RPMSG_CREATE_DEV_IOCTL) towards the echo firmware's echo service
#    becomes /dev/ttyRPMSGn, and text written to it comes back;
#  - a tty held open across the remote's stop, then reopened through the
#    holder's /proc/PID/fd/0 and written to: the write must fail cleanly
#    (this once was a use-after-free of the channel device, which KASAN
#    reports and the rig counts as a failure);
#  - samples/rpmsg/rpmsg_client_sample.c: its 100 round trips with the
#    echo firmware's "rpmsg-client-sample" service end in "goodbye!".
# KTAP output; exit 0 when everything passed, 1 on a failure, 4 when the
# simulator or a module is missing. RPMSG_COMPAT_ONLY="a|b*" picks cases.
# The helpers come from ../rproc-lib/rproc_lib.sh.

SIM=/sys/kernel/config/rproc-sim
FW=/lib/firmware
TAG=rpc$$
WHY=/tmp/rpmsg-compat-why.$$
ONLY=$RPMSG_COMPAT_ONLY
ONLY_VAR=RPMSG_COMPAT_ONLY
UTIL=$(dirname "$0")/rpmsg_tty_util
ADDR_ECHO=1001		# tools/rpmsg-remote/fw/fw.h
HOLDER=/tmp/rpmsg-compat-holder.$$	# pid of a process holding a tty open

# shellcheck source=../rproc-lib/rproc_lib.sh
. "$(dirname "$0")/rproc_lib.sh"

# The one instance every case uses
NAME=c

# chan SERVICE: the first channel device of SERVICE under the remote, in $C
chan() {
	rproc $NAME
	C=
	for c in "$R"/*/virtio[0-9]*/virtio[0-9]*.* "$R"/virtio[0-9]*/virtio[0-9]*.*; do
		[ -e "$c/name" ] || continue
		rd "$c/name"
		[ "$V" = "$1" ] && C=$c && return 0
	done
	return 1
}

# ctrl_node: /dev/rpmsg_ctrlN of the remote's virtio rpmsg device, in $CTRL
ctrl_node() {
	chan rpmsg_ctrl || return 1
	for f in "$C"/rpmsg/rpmsg_ctrl[0-9]* "$C"/rpmsg_ctrl[0-9]*; do
		[ -e "$f" ] && CTRL=/dev/${f##*/} && [ -c "$CTRL" ] && return 0
	done
	return 1
}

# tty_node: the ttyRPMSGn of the remote's rpmsg-tty channel, in $TTY
tty_node() {
	chan rpmsg-tty || return 1
	for f in "$C"/tty/ttyRPMSG[0-9]*; do
		[ -e "$f" ] && TTY=/dev/${f##*/} && [ -c "$TTY" ] && return 0
	done
	return 1
}

# tty_up: boot the echo firmware and create an rpmsg-tty channel to its
# echo service
tty_up() {
	boot $NAME echo || fail "cannot boot the echo firmware" || return 1
	poll 20 ctrl_node || fail "no rpmsg_ctrl node" || return 1
	"$UTIL" create "$CTRL" rpmsg-tty $ADDR_ECHO 2> "$WHY" || return 1
	poll 10 tty_node || fail "no ttyRPMSG node for the channel"
}

# After each case, beside the library's removal of the instance: end the
# process a case left holding the tty (cases run in a subshell, so its
# pid comes through a file)
cleanup_extra() {
	rd "$HOLDER"
	[ -z "$V" ] || kill "$V" 2>/dev/null
	rm -f "$HOLDER"
}

t_tty_echo() {
	tty_up || return 1
	"$UTIL" echo "$TTY" "hello over rpmsg_tty" 2> "$WHY" || return 1
	"$UTIL" echo "$TTY" "and a second line" 2> "$WHY"
}

channel_gone() { ! chan rpmsg-tty; }

t_tty_reopen_after_stop() {
	tty_up || return 1
	sleep 600 < "$TTY" &
	holder=$!
	echo $holder > "$HOLDER"
	poll 10 test -e /proc/$holder/fd/0 || fail "holder did not start" ||
		return 1
	rproc_do $NAME stop || fail "cannot stop the remote" || return 1
	poll 20 state_is $NAME offline || fail "remote did not stop" || return 1
	poll 10 channel_gone || fail "channel outlived the remote" || return 1
	out=$("$UTIL" write /proc/$holder/fd/0)
	case "$out" in
	"write: ok") fail "a write to a removed channel succeeded" ;;
	open:*|write:*) return 0 ;;
	*) fail "rpmsg_tty_util write: '$out'" ;;
	esac
}

goodbyes() { N=$(dmesg | grep -c 'rpmsg_client_sample .*goodbye!'); }
more_goodbyes() { goodbyes; [ "$N" -gt "$before" ]; }

t_mainline_sample() {
	goodbyes
	before=$N
	boot $NAME echo || fail "cannot boot the echo firmware" || return 1
	poll 20 chan rpmsg-client-sample || fail "no rpmsg-client-sample channel" ||
		return 1
	modprobe rpmsg_client_sample || fail "modprobe rpmsg_client_sample" ||
		return 1
	poll 60 more_goodbyes || fail "no goodbye! after 100 round trips"
	rmmod rpmsg_client_sample || fail "rmmod rpmsg_client_sample"
}

echo "TAP version 13"
if [ ! -d "$SIM" ] || [ ! -e "$FW/rproc-sim-echo.elf" ]; then
	echo "1..0 # SKIP no remoteproc simulator or echo firmware"
	exit 4
fi
# Our echo client binds to the same channel name as mainline's sample
[ ! -d /sys/module/rpmsg_echo_client ] || rmmod rpmsg_echo_client
modprobe rpmsg_tty || { echo "1..0 # SKIP no rpmsg_tty module"; exit 4; }

echo "1..3"
run rpmsg_tty_echo t_tty_echo
run rpmsg_tty_reopen_after_stop t_tty_reopen_after_stop
run mainline_client_sample t_mainline_sample
rmmod rpmsg_tty 2>/dev/null
rm -f "$WHY" "$WHY.log" "$HOLDER"
[ $nfail -eq 0 ]
