#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Races on one simulated remote processor: "start"/"stop" written to sysfs
# and to /dev/remoteprocN, crash reports through debugfs and through the
# simulator, recovery switched off, on and triggered by hand, the firmware
# name replaced (freeing the old one) and read back, all at once.
# The core serializes them (rproc->lock); this checks, with lockdep and
# KASAN watching, that no writer hangs, nothing splats, the processor ends
# in a state the next command can leave, and a crash reported afterwards is
# still acted on.  Output is KTAP; exit 0 = passed, 1 = failed, 4 = skipped.
#
# RACE_SECS (default 10) sets how long the actors run.

KSFT_SKIP=4
CFS=/sys/kernel/config/rproc-sim
DBG=/sys/kernel/debug/remoteproc
INST=$CFS/race$$
TMP=/tmp/rproc-race.$$
RACE_SECS=${RACE_SECS:-10}
NTESTS=5

nr=0
failed=0

ok() {
	nr=$((nr + 1))
	echo "ok $nr $1${2:+ # $2}"
}

not_ok() {
	nr=$((nr + 1))
	failed=$((failed + 1))
	echo "not ok $nr $1 # $2"
	dmesg | tail -n 20 | sed 's/^/# log: /'
}

# now_cs: the guest's uptime in hundredths of a second, into $CS
now_cs() { read -r CS _ < /proc/uptime; CS=$(( ${CS%.*} * 100 + 1${CS#*.} - 100 )); }

# wait_for TENTHS CMD...: until CMD succeeds, every 50 ms, for at most
# TENTHS/10 s by the clock.
wait_for() {
	local end

	now_cs
	end=$((CS + $1 * 10))
	shift
	until "$@"; do
		now_cs
		[ "$CS" -lt "$end" ] || return 1
		sleep 0.05
	done
}

state_is() {
	local st

	read -r st < "$SYS/state" && [ "$st" = "$1" ]
}

# The kernel log since our mark: splats, and the messages we wait for.
mark() { echo "rproc-race.sh: $$ $1" > /dev/kmsg; }
log_since() {
	dmesg | awk -v m="rproc-race.sh: $$ $1" 'index($0, m) { on = 1; next } on'
}
splats() {
	log_since "$1" | grep -E -e 'WARNING:|BUG:|KASAN|UBSAN|possible circular' \
		-e 'possible recursive|INFO: task .* blocked'
}

cleanup() {
	touch "$TMP.stop" 2>/dev/null
	for p in $actors; do
		kill "$p" 2>/dev/null
	done
	if [ -d "$INST" ]; then
		echo 0 > "$INST/live" 2>/dev/null
		rmdir "$INST" 2>/dev/null
	fi
	rm -f "$TMP".*
}

# --- actors ----------------------------------------------------------------
#
# actor NAME: run step_NAME until $TMP.stop exists, then leave the number of
# steps in $TMP.NAME.  A step's errors are expected (refused commands).

actor() {
	local n=0

	while [ ! -e "$TMP.stop" ]; do
		"step_$1" "$n" 2>/dev/null
		n=$((n + 1))
	done
	echo "$n" > "$TMP.$1"
}

step_sysfs() {
	echo start > "$SYS/state"
	echo stop > "$SYS/state"
}

step_cdev() {
	printf start > "$CDEV"
	sleep 0.02
	printf stop > "$CDEV"
}

# debugfs only reports a crash; configfs kills the simulated core.
step_crash() {
	echo $(($1 % 3)) > "$DBG/$RP/crash"
	sleep 0.03
	[ $(($1 % 4)) = 3 ] && echo 1 > "$INST/crash"
	sleep 0.03
}

# The name is only taken while offline; every write frees the old name.
step_firmware() {
	echo rproc-sim-heartbeat.elf > "$SYS/firmware"
	read -r fw < "$SYS/firmware"
}

step_admin() {
	echo disabled > "$SYS/recovery"
	sleep 0.05
	echo recover > "$SYS/recovery"
	echo enabled > "$SYS/recovery"
	sleep 0.05
}

# --- main ------------------------------------------------------------------

[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP must be root"; exit $KSFT_SKIP; }
modprobe remoteproc_sim 2>/dev/null
[ -d /sys/kernel/config ] && ! grep -q configfs /proc/mounts &&
	mount -t configfs none /sys/kernel/config 2>/dev/null
[ -d "$DBG" ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
echo "TAP version 13"
[ -d "$CFS" ] || { echo "1..0 # SKIP no $CFS (CONFIG_REMOTEPROC_SIM)"; exit $KSFT_SKIP; }
[ -e /lib/firmware/rproc-sim-heartbeat.elf ] ||
	{ echo "1..0 # SKIP rproc-sim firmware not installed"; exit $KSFT_SKIP; }
echo "1..$NTESTS"
trap cleanup EXIT

# 1: an instance, offline, with its sysfs, debugfs and cdev nodes.
if mkdir "$INST" && echo rproc-sim-heartbeat.elf > "$INST/firmware" &&
   echo 1 > "$INST/live" && read -r RP < "$INST/remoteproc"; then
	SYS=/sys/class/remoteproc/$RP
	CDEV=/dev/$RP
	if state_is offline && [ -e "$DBG/$RP/crash" ] && [ -c "$CDEV" ]; then
		ok setup
	else
		not_ok setup "$RP: not offline, or no crash file or $CDEV"
		exit 1
	fi
else
	not_ok setup "cannot create a simulator instance"
	exit 1
fi

# 2: the race itself.
mark race
actors=
for a in sysfs cdev crash admin firmware; do
	actor "$a" &
	actors="$actors $!"
done
sleep "$RACE_SECS"
touch "$TMP.stop"
if wait_for 300 sh -c "for p in $actors; do kill -0 \$p 2>/dev/null && exit 1; done; exit 0"; then
	actors=
	counts=
	for a in sysfs cdev crash admin firmware; do
		counts="${counts:+$counts }$a $(cat "$TMP.$a")"
	done
	s=$(splats race)
	if [ -n "$s" ]; then
		not_ok race "splat: $(echo "$s" | head -n 1)"
	elif [ "$(cat "$TMP.crash")" -lt 5 ] || [ "$(cat "$TMP.sysfs")" -lt 5 ]; then
		not_ok race "the actors barely ran ($counts)"
	else
		ok race "$counts, $(log_since race | grep -c 'handling crash #') crashes handled"
	fi
else
	not_ok race "an actor is stuck after 30 s (a writer never returned)"
	exit 1
fi

# 3: whatever the race left, "stop" (or a recovery in flight) ends it.
settle() {
	state_is offline && return 0
	echo stop > "$SYS/state" 2>/dev/null
	state_is offline
}
echo enabled > "$SYS/recovery"
if wait_for 100 settle; then
	ok settles_offline
else
	read -r st < "$SYS/state"
	not_ok settles_offline "stuck in $st"
fi

# 4: a crash after the race is not lost: it is seen and can be recovered.
mark after
echo disabled > "$SYS/recovery"
if ! echo start > "$SYS/state"; then
	not_ok crash_after_race "start refused"
elif ! { echo 2 > "$DBG/$RP/crash" && wait_for 100 state_is crashed; }; then
	not_ok crash_after_race "crash report lost"
elif ! { echo recover > "$SYS/recovery" && wait_for 100 state_is running; }; then
	not_ok crash_after_race "no recovery"
elif ! { echo stop > "$SYS/state" && state_is offline; }; then
	not_ok crash_after_race "stop after recovery failed"
elif [ -n "$(splats after)" ]; then
	not_ok crash_after_race "splat: $(splats after | head -n 1)"
else
	ok crash_after_race
fi

# 5: the instance goes away cleanly.
if echo 0 > "$INST/live" && rmdir "$INST"; then
	ok cleanup
else
	not_ok cleanup "cannot remove the instance"
fi

echo "# $((nr - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
