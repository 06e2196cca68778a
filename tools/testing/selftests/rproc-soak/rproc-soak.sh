#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Soak of a simulated remote processor: SOAK_CYCLES (default 50) cycles of
# crash and recovery, with a stop and start every 10th cycle and a removal
# and re-creation of the instance every 25th, while traffic flows all the
# time through
#   - the rpmsg echo client (samples/rpmsg_echo), ping-pong with the echo
#     firmware's "rpmsg-client-sample" channel, checking every reply;
#   - an endpoint made through /dev/rpmsg_ctrlN (rpmsg_soak -m ctrl) and
#     the /dev/rpmsgN of the announced "rpmsg-raw" channel (-m raw), each
#     with 8 messages in flight, carrying sequence numbers and checksums.
# Every cycle waits, with a time bound, until the remote is back and the
# sample client has its replies again.  At the end every message must be
# accounted for: echoed intact exactly once, or lost while its sender was
# told (the endpoint failed, the channel went away); see rpmsg_soak.c.
# Leaks and splats are the rig's to find (kmemleak, console).
# Output is KTAP; exit 0 = passed, 1 = failed, 4 = skipped.

CYCLES=${SOAK_CYCLES:-50}
STEP_S=${SOAK_STEP_TIMEOUT:-60}	# bound of any one wait, in seconds
CFS=/sys/kernel/config/rproc-sim
NAME=soak$$
D=$CFS/$NAME
T=/tmp/rproc-soak.$$
FW=rproc-sim-echo.elf
SAMPLE=rpmsg_echo_client
PARAMS=/sys/module/remoteproc/parameters

skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit 4
}

[ "$(id -u)" = 0 ] || skip_all "must be root"
modprobe remoteproc_sim 2>/dev/null
[ -d "$CFS" ] || skip_all "no $CFS (CONFIG_REMOTEPROC_SIM)"
[ -e "/lib/firmware/$FW" ] || skip_all "$FW not installed"
[ -x ./rpmsg_soak ] || skip_all "rpmsg_soak not built"

echo "TAP version 13"
echo "1..1"
mkdir -p "$T"
why=

# --- helpers -----------------------------------------------------------

uptime_s() { read -r up _ < /proc/uptime; now=${up%.*}; }

# wait_until CMD...: retry CMD every 50 ms for at most STEP_S seconds.
wait_until() {
	local end
	uptime_s
	end=$((now + STEP_S))
	while ! "$@"; do
		uptime_s
		[ "$now" -lt "$end" ] || return 1
		sleep 0.05
	done
}

rp_now() { read -r rp < "$D/remoteproc"; }
state_is() {
	local st

	rp_now && read -r st < "/sys/class/remoteproc/$rp/state" && [ "$st" = "$1" ]
}
rproc_write() { rp_now && echo "$2" > "/sys/class/remoteproc/$rp/$1"; }

# Lines of our kernel log extract since the mark that contain $1.
log_count() { awk -v m="rproc-soak: $NAME begins" -v p="$1" \
	'index($0, m) { on = 1; next } on && index($0, p) { n++ } END { print n + 0 }' "$T/kmsg"; }

# sample_live N: the sample client has been probed N times and its newest
# channel of our remote has at least 2 replies (traffic flows).
sample_live() {
	local d real r
	[ "$(log_count "new channel")" -ge "$1" ] || return 1
	rp_now || return 1
	for d in /sys/bus/rpmsg/devices/*; do
		[ -r "$d/replies" ] || continue
		real=$(realpath "$d")
		case "$real" in */"$rp"/*) ;; *) continue ;; esac
		read -r r < "$d/replies" && [ "$r" -ge 2 ] && return 0
	done
	return 1
}

# back N: boot N is up with traffic; a core that gave up recovering (a
# recovery limit) gets a recovery by hand, as an operator would do.
# A core is left crashed when it has been so for 5 s on end.
back() {
	if ! state_is crashed; then
		crashed_at=
	elif [ -z "$crashed_at" ]; then
		uptime_s
		crashed_at=$now
	else
		uptime_s
		if [ $((now - crashed_at)) -ge 5 ] &&
		   rproc_write recovery recover 2>/dev/null; then
			manual=$((manual + 1))
			crashed_at=
		fi
	fi
	sample_live "$1"
}

fail() { why="$*"; }

# --- run ---------------------------------------------------------------

# The soak drives recovery itself, back to back: the core's crash-loop
# policy (back-off, then giving up) is not what it measures. Restored on
# exit.
policy_set() {
	[ -w "$PARAMS/recovery_limit" ] || return 0
	echo "$1" > "$PARAMS/recovery_limit"
	echo "$2" > "$PARAMS/recovery_backoff_ms"
}
read -r saved_limit 2>/dev/null < "$PARAMS/recovery_limit"
read -r saved_backoff 2>/dev/null < "$PARAMS/recovery_backoff_ms"
trap '[ -n "$saved_limit" ] && policy_set "$saved_limit" "$saved_backoff"' EXIT
policy_set 0 0

rmmod $SAMPLE 2>/dev/null
modprobe $SAMPLE count=4294967295 || skip_all "no $SAMPLE module"
# What we need of the kernel log, kept as it comes; if the reader ever
# falls behind (the ring overwrote records it had not read), it says so.
{
	cat /dev/kmsg 2>/dev/null &
	echo $! > "$T/kmsg.pid"
	wait $!
	echo "rproc-soak: KMSG-READER-FAILED"
} | awk '/rpmsg_echo_client|rproc-soak/ { print; fflush() }' > "$T/kmsg" &
echo "rproc-soak: $NAME begins" > /dev/kmsg

# mem_kb FIELD: the /proc/meminfo figure FIELD, in kB, into $kb.
mem_kb() { kb=$(awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo); }
mem_kb Slab
slab0=$kb
mem_kb MemAvailable
avail0=$kb

uptime_s
t0=$now
boots=1 crashes=0 stops=0 removals=0 manual=0 crashed_at=
mkdir "$D" && echo $FW > "$D/firmware" && echo 1 > "$D/live" &&
	rproc_write state start || fail "cannot start the instance"
./rpmsg_soak -i "$D" -m ctrl -s "$T/stop" -w 8 > "$T/ctrl.out" 2>&1 &
ctrl_pid=$!
./rpmsg_soak -i "$D" -m raw -s "$T/stop" -w 8 > "$T/raw.out" 2>&1 &
raw_pid=$!

i=0
while [ -z "$why" ] && [ "$i" -lt "$CYCLES" ]; do
	i=$((i + 1))
	wait_until back $boots || { fail "cycle $i: no traffic through the sample client"; break; }
	if [ $((i % 25)) = 0 ]; then
		# Remove the instance under traffic and make it anew.
		echo 0 > "$D/live" || { fail "cycle $i: live=0 refused"; break; }
		echo 1 > "$D/live" && rproc_write state start ||
			{ fail "cycle $i: instance does not come back"; break; }
		removals=$((removals + 1))
	elif [ $((i % 10)) = 5 ]; then
		rproc_write state stop || { fail "cycle $i: stop refused"; break; }
		rproc_write state start || { fail "cycle $i: start refused"; break; }
		stops=$((stops + 1))
	else
		echo 1 > "$D/crash" || { fail "cycle $i: crash refused"; break; }
		crashes=$((crashes + 1))
	fi
	boots=$((boots + 1))
	[ $((i % 50)) = 0 ] && echo "# cycle $i of $CYCLES"
done
[ -n "$why" ] || wait_until back $boots || fail "no traffic after the last cycle"

# Stop the traffic, let it drain, then take the remote down.
: > "$T/stop"
for p in $ctrl_pid $raw_pid; do
	wait_until eval "! kill -0 $p 2>/dev/null" || { kill -9 $p; fail "traffic did not drain"; }
	wait $p || [ -n "$why" ] || fail "traffic accounting failed"
done
echo 0 > "$D/live"
rmdir "$D"
removed_all() { [ "$(log_count "removed after")" -ge "$boots" ]; }
wait_until removed_all || fail "sample client: $boots boots but fewer channels removed"
rmmod $SAMPLE
uptime_s
secs=$((now - t0))
[ "$(log_count KMSG-READER-FAILED)" = 0 ] || fail "kernel log reader fell behind"

cat "$T/ctrl.out" "$T/raw.out" | sed 's/^/# /'
# The sample client's own account, one line per channel it lost.
acct=$(awk -v m="rproc-soak: $NAME begins" 'index($0, m) { on = 1; next }
	on && /removed after [0-9]+ of [0-9]+ replies, [0-9]+ sent, [0-9]+ mismatched/ {
		for (k = 1; k <= NF; k++) {
			if ($k == "after") r = $(k + 1)
			if ($k == "sent,") s = $(k - 1)
			if ($k == "mismatched") m2 = $(k - 1)
		}
		ch++; sent += s; rep += r; bad += m2
		if (s - r > 1 || s < r) odd++
	}
	END { printf "channels=%d sent=%d replies=%d lost=%d mismatched=%d odd=%d\n",
	      ch, sent, rep, sent - rep, bad, odd + 0 }' "$T/kmsg")
echo "# SOAK-SAMPLE $acct"
case "$acct" in
*" mismatched=0 odd=0") ;;
*) fail "sample client: damaged replies or unaccounted messages ($acct)" ;;
esac
[ "$(log_count "nothing outstanding")" = 0 ] || fail "sample client got replies nobody waited for"
chans=${acct#channels=}
chans=${chans%% *}
[ "$chans" = "$boots" ] || fail "$boots boots but $chans sample channels removed"

# Memory at the end against the start (no instance either time): a
# steady climb over the cycles would show here.
mem_kb Slab
slab1=$kb
mem_kb MemAvailable
echo "# SOAK-MEM slab_kb=$slab0->$slab1 ($((slab1 - slab0)))" \
	"memavailable_kb=$avail0->$kb ($((kb - avail0)))"
echo "# SOAK cycles=$i crashes=$crashes stops=$stops removals=$removals" \
	"manual_recoveries=$manual seconds=$secs"
kill "$(cat "$T/kmsg.pid")" 2>/dev/null
rm -rf "$T"
if [ -n "$why" ]; then
	dmesg | tail -n 40 | sed 's/^/# log: /'
	echo "not ok 1 soak_${CYCLES}_cycles # $why"
	exit 1
fi
echo "ok 1 soak_${CYCLES}_cycles"
exit 0
