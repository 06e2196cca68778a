#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# rproc_lib.sh: what the shell selftests of remoteproc and rpmsg share
# (rpmsg/rpmsg.sh, rpmsg/rpmsg-m3.sh, rpmsg/rpmsg-uio.sh, rproc-pm/rproc-pm.sh,
# rpmsg-compat/rpmsg-compat.sh).
# Sourced, after the test set
#   SIM   the simulator's configfs directory
#   FW    where the firmware images are
#   TAG   the prefix of this run's instance names
#   WHY   a file for the reason of the current case's failure
#   ONLY  case patterns to run ("a|b*"; empty: all) and ONLY_VAR its name
#   LOG_LINES  kernel log lines shown for a failed case (default 15)
# and optionally defined cleanup_extra, run after each case. The test
# Makefiles install it beside the scripts (TEST_FILES).
#
# Every program started costs tens of milliseconds in an emulated guest,
# so the helpers read sysfs with the shell's own "read" and time out by
# the clock rather than by a count of tries.

n=0
nfail=0

# rd FILE: its first line into $V, without a fork
rd() { V=; read -r V 2>/dev/null < "$1"; }

# now: whole seconds of uptime into $NOW
now() { read -r NOW _ < /proc/uptime; NOW=${NOW%.*}; }

# cs: uptime in hundredths of a second into $CS
cs() { read -r CS _ < /proc/uptime; CS=$(( ${CS%.*} * 100 + 1${CS#*.} - 100 )); }

# poll SECONDS CMD...: true as soon as CMD succeeds, false after SECONDS
poll() {
	now
	end=$((NOW + $1))
	shift
	until "$@"; do
		now
		[ "$NOW" -lt "$end" ] || return 1
		sleep 0.05
	done
}

fail() { echo "$*" > "$WHY"; return 1; }
skip() { echo "SKIP $*" > "$WHY"; return 1; }
need_fw() { [ -e "$FW/rproc-sim-$1.elf" ] || skip "no rproc-sim-$1.elf"; }

# inst NAME: the configfs directory of instance NAME into $I
inst() { I="$SIM/$TAG-$1"; }
# rproc NAME: the remoteproc class directory of instance NAME into $R
rproc() { inst "$1"; rd "$I/remoteproc"; R=/sys/class/remoteproc/$V; }
# state_is NAME STATE / state_not NAME STATE: the processor's state
state_is() { rproc "$1"; rd "$R/state"; [ "$V" = "$2" ]; }
state_not() { rproc "$1"; rd "$R/state"; [ "$V" != "$2" ]; }
# rproc_do NAME start|stop: ask the processor of instance NAME
rproc_do() { rproc "$1"; echo "$2" > "$R/state"; }

# boot NAME IMAGE [AUTOSUSPEND_MS]: a live instance running
# rproc-sim-IMAGE.elf, started
boot() {
	inst "$1"
	mkdir "$I" || return 1
	echo "rproc-sim-$2.elf" > "$I/firmware" || return 1
	if [ -n "$3" ]; then
		echo "$3" > "$I/autosuspend_ms" || return 1
	fi
	echo 1 > "$I/live" || return 1
	rproc_do "$1" start
}

# drop NAME: stop instance NAME if it runs, and remove it with its
# REGION directories
drop() {
	inst "$1"
	[ -d "$I" ] || return 0
	rd "$I/live"
	if [ "$V" = 1 ]; then
		state_is "$1" offline || echo stop > "$R/state"
		inst "$1"
		echo 0 > "$I/live"
	fi
	for r in "$I"/*/; do
		[ -d "$r" ] && rmdir "$r"
	done
	rmdir "$I"
}

# ---- rpmsg channels of an instance ----

# channels NAME [SERVICE]: channel devices of instance NAME into $CH
# (space separated), through the virtio devices below the remoteproc
channels() {
	rproc "$1"
	CH=
	for c in "$R"/*/virtio[0-9]*/virtio[0-9]*.* "$R"/virtio[0-9]*/virtio[0-9]*.*; do
		[ -e "$c/name" ] || continue
		if [ -n "$2" ]; then
			rd "$c/name"
			[ "$V" = "$2" ] || continue
		fi
		CH="$CH${CH:+ }$c"
	done
}

has_channel() { channels "$1" "$2"; [ -n "$CH" ]; }
# count NAME [SERVICE]: number of channels into $N
count() { channels "$1" "$2"; set -- $CH; N=$#; }
# channels_are N NAME SERVICE: instance NAME has N channels of SERVICE
channels_are() { count "$2" "$3"; [ "$N" -eq "$1" ]; }

# ctrl_node NAME: /dev/rpmsg_ctrlN of instance NAME into $CTRL
ctrl_node() {
	channels "$1" rpmsg_ctrl
	CTRL=
	for f in $CH/rpmsg/rpmsg_ctrl[0-9]* $CH/rpmsg_ctrl[0-9]*; do
		[ -e "$f" ] && CTRL=/dev/${f##*/} && [ -c "$CTRL" ] && return 0
	done
	CTRL=
	return 1
}

# remote_cmd NAME TEXT: a command to the control service of the test
# firmware (rpmsg_util cmd, $UTIL; address 1003, tools/rpmsg-remote/fw/fw.h)
remote_cmd() {
	ctrl_node "$1" || { echo "no control node"; return 1; }
	"$UTIL" cmd "$CTRL" 1003 "$2"
}

# char_echoes NAME: the test firmware's control service answers a ping,
# and its echo service (address 1001, tools/rpmsg-remote/fw/fw.h) echoes
# 200 messages of 496 bytes and 200 of 1 byte through /dev/rpmsgN
char_echoes() {
	out=$(remote_cmd "$1" ping) || fail "ping: $out" || return 1
	[ "$out" = pong ] || fail "ping answered '$out'" || return 1
	ctrl_node "$1" || fail "no control node" || return 1
	out=$("$UTIL" echo "$CTRL" 1001 496 200) || fail "echo 496: $out" || return 1
	out=$("$UTIL" echo "$CTRL" 1001 1 200) || fail "echo 1: $out"
}

# ---- the rpmsg client sample (samples/rpmsg, rpmsg_echo_client) ----

sample_load() { modprobe rpmsg_echo_client "$@" || fail "modprobe failed"; }
sample_unload() {
	[ ! -d /sys/module/rpmsg_echo_client ] || rmmod rpmsg_echo_client
}

# replies CHANNEL N: the sample got at least N replies on CHANNEL, and
# every one of them matched
replies() {
	rd "$1/mismatched"
	[ "$V" = 0 ] || return 1
	rd "$1/replies"
	[ -n "$V" ] && [ "$V" -ge "$2" ]
}

# sample_round_trips NAME N: the sample (loaded with its default count
# of 100, or count=N) finishes N round trips with instance NAME, all
# matching, and logs its summary
sample_round_trips() {
	poll 60 sample_done "$1" "$2" ||
		fail "sample did not finish $2 round trips" || return 1
	poll 5 logged "goodbye: $2 of $2 replies, 0 mismatched" || fail "no summary"
}

# sample_done NAME N [SERVICE]: the sample finished N round trips on the
# channel of instance NAME, all of them matching
sample_done() {
	channels "$1" "${3:-rpmsg-client-sample}"
	[ -n "$CH" ] && replies "$CH" "$2"
}

# Kernel log since the last mark, by printk timestamp: unlike a line
# count this survives the log buffer wrapping around.
mark() {
	base=$(dmesg | awk '{ s = $0; sub(/^\[ */, "", s); t = s + 0 }
			    END { printf "%.6f\n", t }')
}
since() {
	dmesg | awk -v b="$base" '{ s = $0; sub(/^\[ */, "", s); if (s + 0 > b) print }'
}
logged() { since | grep -q "$1"; }
# logged_times N PATTERN: PATTERN appeared exactly N times since mark
logged_times() { [ "$(since | grep -c "$2")" -eq "$1" ]; }

# cleanup: remove every instance of this run, then the test's own cleanup
cleanup() {
	for d in "$SIM"/"$TAG"-*; do
		[ -d "$d" ] && drop "${d##*/$TAG-}"
	done
	command -v cleanup_extra >/dev/null && cleanup_extra
	return 0
}

# run NAME CMD...: one KTAP case; CMD runs in a subshell, its output
# becomes comments, and a failure shows why and the kernel log meanwhile
run() {
	name=$1
	shift
	n=$((n + 1))
	if [ -n "$ONLY" ] && ! eval "case $name in $ONLY) true;; *) false;; esac"; then
		echo "ok $n $name # SKIP not selected by $ONLY_VAR"
		return
	fi
	: > "$WHY"
	mark
	("$@") > "$WHY.log" 2>&1
	rc=$?
	[ -s "$WHY.log" ] && sed 's/^/# /' "$WHY.log"
	why=
	read -r why < "$WHY"
	if [ $rc -eq 0 ]; then
		echo "ok $n $name"
	elif [ "${why#SKIP}" != "$why" ]; then
		echo "ok $n $name # $why"
	else
		echo "not ok $n $name # ${why:-failed}"
		since | tail -n "${LOG_LINES:-15}" | sed 's/^/# log: /'
		nfail=$((nfail + 1))
	fi
	cleanup
}
