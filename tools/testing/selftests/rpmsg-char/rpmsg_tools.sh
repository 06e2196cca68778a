#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftests of the rproc and rpmsg tools (tools/rproc-tools) and of
# rpmsg-bench (tools/rpmsg-bench), end to end
# against a simulated remote processor running the echo test firmware.
# Output is KTAP; exit 0 = all passed, 1 = a failure, 4 = skip.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

CFS=/sys/kernel/config/rproc-sim
FW=rproc-sim-echo.elf
NAME=uapitools$$
INST=$CFS/$NAME
T=$(mktemp -d /tmp/rpmsg-tools.XXXXXX) || exit $KSFT_FAIL
nr=0
failed=0

skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

command -v rproc > /dev/null && command -v rpmsg > /dev/null ||
	skip_all "rproc or rpmsg not installed"
[ -d "$CFS" ] && [ -e "/lib/firmware/$FW" ] || skip_all "no rproc-sim or $FW"

cleanup() {
	[ -d "$INST" ] && { echo 0 > "$INST/live"; rmdir "$INST"; }
	rm -rf "$T"
}
trap cleanup EXIT

# case NAME CMD...: passes if CMD (a shell function) succeeds; CMD exits
# with $KSFT_SKIP, its last output line the reason, when it cannot run here
case_run() {
	name=$1
	shift
	nr=$((nr + 1))
	# not in an "if": that would switch "set -e" off inside the case
	( set -e; "$@" ) > "$T/log" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "ok $nr $name"
	elif [ $rc -eq $KSFT_SKIP ]; then
		echo "ok $nr $name # SKIP $(tail -n 1 "$T/log")"
	else
		sed -e 's/^/# /' "$T/log"
		echo "not ok $nr $name"
		failed=$((failed + 1))
	fi
}

# expect_rc RC CMD...: CMD must exit with RC
expect_rc() {
	want=$1
	shift
	rc=0
	"$@" || rc=$?
	[ "$rc" -eq "$want" ] || { echo "'$*' exited $rc, want $want"; return 1; }
}

# now_cs: the guest's uptime in hundredths of a second, into $CS
now_cs() { read -r CS _ < /proc/uptime; CS=$(( ${CS%.*} * 100 + 1${CS#*.} - 100 )); }

# wait_for CMD...: until CMD succeeds, every 100 ms, for at most 10 s by
# the clock, then once more with its output shown
wait_for() {
	now_cs
	end=$((CS + 1000))
	until "$@" > /dev/null 2>&1; do
		now_cs
		[ "$CS" -lt "$end" ] || { "$@"; return; }
		sleep 0.1
	done
}

raw_node() {
	rpmsg list | awk -v r="$RP" '$1 == "endpoint" && $2 == r &&
		/name=rpmsg-raw/ && /dst=1002/ { print "/dev/" $3; exit }'
}

t_help() {
	rproc --help | grep -q "usage: rproc"
	rpmsg --help | grep -q "usage: rpmsg"
	expect_rc 2 rproc
	expect_rc 2 rpmsg bogus-command
	expect_rc 2 rpmsg ping -a notanumber
	expect_rc 3 rproc boot no-such-processor
}

t_list() {
	rproc list | grep -q "^$RP .*$NAME .*offline .*$FW"
	rproc -j list > "$T/json"
	grep -q "\"device\":\"$RP\",\"name\":\"$NAME\",\"state\":\"offline\"" "$T/json"
}

t_boot() {
	rproc boot "$NAME"
	[ "$(cat /sys/class/remoteproc/$RP/state)" = running ]
	expect_rc 1 rproc boot "$NAME" 2> "$T/err"
	grep -q "state is running" "$T/err"
	wait_for raw_node
	rproc list | grep -q "^$RP .*running"
}

t_trace() {
	wait_for sh -c "rproc trace $RP | grep -q booting"
	expect_rc 3 rproc trace "$RP" trace9
	rproc trace -f "$RP" > "$T/follow" &
	pid=$!
	rpmsg -r "$RP" send -a 1003 "trace hello-from-the-test"
	wait_for grep -q hello-from-the-test "$T/follow"
	kill $pid
}

t_rpmsg_list() {
	rpmsg list | grep -q "^channel  $RP .*name=rpmsg-raw .*driver=rpmsg_chrdev"
	rpmsg list | grep -q "^control  $RP .*rpmsg_ctrl"
	ept='"kind":"endpoint","device":"rpmsg[0-9]*"'
	rpmsg -j list | grep -q "$ept,\"rproc\":\"$RP\",\"name\":\"rpmsg-raw\""
}

t_echo() {
	rpmsg -r "$NAME" echo -a 1001 "hello remote" | grep -qx "hello remote"
	rpmsg echo -d "$(raw_node)" "via the raw node" | grep -qx "via the raw node"
	rpmsg -j echo -r "$RP" -a 1000 -x abc | grep -q '"hex":"616263"'
	# nobody answers at 1234: a timeout, exit 4
	expect_rc 4 rpmsg echo -r "$RP" -a 1234 -t 300 "into the void"
}

t_ping() {
	rpmsg ping -r "$RP" -a 1001 -c 50 -l 64 > "$T/ping"
	cat "$T/ping"
	grep -q "50 sent, 50 received, 0 lost" "$T/ping"
	# the statistics are ordered (the guest clock may tick in ms)
	awk '/^round trip us:/ { ok = $5 >= 0 && $5 <= $7 && $7 <= $9 &&
		$9 <= $11 } END { exit !ok }' "$T/ping"
	rpmsg -j ping -r "$RP" -a 1001 -c 20 -l 496 > "$T/ping.json"
	grep -q '"received":20,.*"p99_us":[0-9]*' "$T/ping.json"
	expect_rc 1 rpmsg ping -r "$RP" -a 1001 -c 1 -l 497
	# nobody answers at 1234: every request lost, exit 4
	expect_rc 4 rpmsg ping -r "$RP" -a 1234 -c 2 -t 200 > "$T/lost"
	grep -q "2 sent, 0 received, 2 lost" "$T/lost"
}

t_create_destroy() {
	node=$(rpmsg create -r "$RP" -n tool-ept -a 1001)
	[ -c "$node" ]
	rpmsg list | grep -q "name=tool-ept"
	rpmsg echo -d "$node" "on a created node" | grep -qx "on a created node"
	rpmsg destroy "$node"
	if rpmsg list | grep -q "name=tool-ept"; then
		echo "tool-ept still listed"
		return 1
	fi
	expect_rc 3 rpmsg destroy "$node"
	expect_rc 1 rpmsg destroy "$(raw_node)"
	expect_rc 2 rpmsg create -r "$RP"
}

t_send_recv() {
	# recv on a fixed address; the remote sends first ("burst")
	rpmsg recv -r "$RP" -n tool-rx -s 1400 -a 1002 -c 3 -x > "$T/rx" &
	pid=$!
	sleep 1
	rpmsg -r "$RP" send -a 1003 "burst 1400 3 8"
	wait $pid
	cat "$T/rx"
	[ "$(wc -l < "$T/rx")" -eq 3 ]
	grep -qx "00 00 00 00 04 05 06 07" "$T/rx"
	grep -qx "02 00 00 00 06 07 08 09" "$T/rx"
	# several messages from stdin, one per line
	printf 'trace line-one\ntrace line-two\n' | rpmsg send -r "$RP" -a 1003 -
	wait_for sh -c "rproc trace $RP | grep -q line-two"
	rproc trace "$RP" | grep -q line-one
}

# rpmsg-bench, briefly, in each of its modes: one message in flight, a
# window of 32, the same through the batch ioctls, and busy polling; every
# reply must come back intact (the tool checks) and the rate be reported;
# a reply that never comes ends the run with an error.
# (-z has its own case in rpmsg-zc, against the zc firmware.)
t_bench() {
	node=$(rpmsg create -r "$RP" -n tool-bench -a 1001)
	for mode in "-w 1" "-w 32" "-w 1 -b" "-w 32 -b" "-w 1 -p 200"; do
		# shellcheck disable=SC2086
		rpmsg-bench "$node" -n 2000 -l 64 $mode > "$T/bench" || return 1
		echo "# rpmsg-bench $mode: $(cat "$T/bench")"
		grep -q "^msgs=2000 len=64 " "$T/bench" || return 1
		awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^msgs_per_s=/) {
			split($i, kv, "="); ok = kv[2] > 0 } } END { exit !ok }' \
			"$T/bench" || return 1
	done
	rpmsg destroy "$node"
	# Nothing answers at 1999: the one-in-flight loop must give up,
	# after 5 to 10 s without a reply, and say why
	node=$(rpmsg create -r "$RP" -n tool-bench-lost -a 1999)
	expect_rc 1 rpmsg-bench "$node" -n 2 -w 1 2> "$T/bench"
	grep -q "no reply" "$T/bench"
	rpmsg destroy "$node"
}

# core_sleeps: how often the instance's core runner has slept so far (its
# voluntary context switches: every wait for a kick that did not poll it)
core_sleeps() {
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2>/dev/null)" = rproc-sim-core ] || continue
		tr '\0' ' ' < "$p/cmdline" | grep -q "$NAME" || continue
		awk '/^voluntary_ctxt_switches:/ { print $2 }' "$p/status"
		return
	done
	echo "no core runner for $NAME" >&2
	return 1
}

# The simulator's poll_us: its range, a change while live, and its effect:
# a core that polls for a kick sleeps far less often in round trips than
# one that does not (a reply comes well within its 1 ms). The reply comes
# from another CPU: with one, the poll gives way to the replier at once.
t_core_poll() {
	if [ "$(nproc)" -lt 2 ]; then
		echo "needs two CPUs"
		exit $KSFT_SKIP
	fi
	trap 'echo 0 > "$INST/poll_us"; [ -z "${node:-}" ] || rpmsg destroy "$node"' EXIT
	[ "$(cat "$INST/poll_us")" = 0 ]
	for bad in 1001 -1 x; do
		if echo "$bad" > "$INST/poll_us" 2> /dev/null; then
			echo "poll_us took '$bad'"
			return 1
		fi
	done
	node=$(rpmsg create -r "$RP" -n tool-poll -a 1001)
	s0=$(core_sleeps)
	rpmsg-bench "$node" -n 2000 -l 16 > /dev/null
	s1=$(core_sleeps)
	echo 1000 > "$INST/poll_us"
	[ "$(cat "$INST/poll_us")" = 1000 ]
	rpmsg-bench "$node" -n 2000 -l 16 > /dev/null
	s2=$(core_sleeps)
	echo "# core sleeps in 2000 round trips: $((s1 - s0)) without polling, $((s2 - s1)) with"
	[ $(((s2 - s1) * 2)) -lt $((s1 - s0)) ]
}

t_firmware() {
	rproc firmware "$RP" | grep -qx "$FW"
	expect_rc 1 rproc firmware "$RP" other.elf
	rproc stop "$NAME"
	[ "$(cat /sys/class/remoteproc/$RP/state)" = offline ]
	expect_rc 1 rproc stop "$NAME"
	rproc firmware "$RP" rproc-sim-heartbeat.elf
	rproc firmware "$RP" | grep -qx rproc-sim-heartbeat.elf
	rproc firmware "$RP" "$FW"
	expect_rc 3 rpmsg -r "$RP" echo -a 1001 x
}

t_recover() {
	rproc boot "$RP"
	wait_for raw_node
	echo disabled > "/sys/class/remoteproc/$RP/recovery"
	echo 1 > "$INST/crash"
	wait_for grep -qx crashed "/sys/class/remoteproc/$RP/state"
	rproc list | grep -q "^$RP .*crashed .*disabled"
	rproc recover "$NAME"
	wait_for raw_node
	rpmsg -r "$RP" echo -a 1001 "after recovery" | grep -qx "after recovery"
	rproc stop "$RP"
}

echo "TAP version 13"
mkdir "$INST" && echo "$FW" > "$INST/firmware" && echo 1 > "$INST/live" ||
	{ echo "1..0 # cannot create a simulated processor"; exit $KSFT_FAIL; }
RP=$(cat "$INST/remoteproc")
# The simulator's own selftests report why it cannot boot
if ! echo start > "/sys/class/remoteproc/$RP/state"; then
	echo "1..0 # SKIP the simulated processor does not boot"
	exit $KSFT_SKIP
fi
echo stop > "/sys/class/remoteproc/$RP/state"
echo "1..13"
case_run help_and_usage_errors t_help
case_run rproc_list t_list
case_run rproc_boot t_boot
case_run rproc_trace_follow t_trace
case_run rpmsg_list t_rpmsg_list
case_run rpmsg_echo t_echo
case_run rpmsg_ping_stats t_ping
case_run rpmsg_create_destroy t_create_destroy
case_run rpmsg_send_recv t_send_recv
case_run rpmsg_bench_modes t_bench
case_run sim_core_poll t_core_poll
case_run rproc_stop_firmware t_firmware
case_run rproc_recover t_recover
echo "# $((nr - failed)) passed, $failed failed"
[ $failed -eq 0 ] && exit $KSFT_PASS
exit $KSFT_FAIL
