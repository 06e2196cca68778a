#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# remoteproc selftests, driven through the remoteproc simulator (rproc-sim).
#
# Each case creates simulated remote processors in configfs, boots the test
# firmware in them (run for real by rproc-sim-core) and checks what Linux
# sees: sysfs/cdev state, trace buffer, rpmsg channels, crashes, recovery,
# coredumps.  Output is KTAP; exit 0 = all passed, 1 = a failure, 4 = skip.
#
# Firmware used: rproc-sim-heartbeat{,-crash,-hang,-exit}.elf (tools/rproc-sim)
# and, when installed, rproc-sim-echo.elf (announces rpmsg-client-sample),
# rproc-sim-console.elf and rproc-sim-rproc-serial.elf (a virtio console,
# as id 3 and as rproc-serial, that echoes lines) from tools/rpmsg-remote.
# Cases whose firmware is missing are skipped.  Hostile images (a 5 MiB
# trace buffer, oversized carveouts) are built here with rproc-mkimage;
# rproc-sim-crash-boot.elf (tools/rpmsg-remote) dies as soon as it runs.
# RSIM_ONLY="case1 case2" runs only the named cases.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

CFS=/sys/kernel/config/rproc-sim
DBG=/sys/kernel/debug/remoteproc
FWDIR=/lib/firmware
PREFIX=kst$$
NTESTS=26

nr=0
failed=0
REASON=/tmp/rproc-sim-reason.$$

ktap_skip_all() {
	echo "TAP version 13"
	echo "1..0 # SKIP $*"
	exit $KSFT_SKIP
}

# --- helpers ---------------------------------------------------------------
#
# A fork+exec costs a tenth of a second in the test guest (TCG, KASAN), so
# the helpers read sysfs/configfs/procfs with the shell's own "read" and
# run external programs only where they must.

# now_cs: the guest's uptime in hundredths of a second, into $CS
now_cs() { read -r CS _ < /proc/uptime; CS=$(( ${CS%.*} * 100 + 1${CS#*.} - 100 )); }

# wait_until TIMEOUT_DS CMD... : retry CMD every 50 ms until TIMEOUT_DS
# tenths of a second have passed (by the clock, however slow the guest),
# then once more.
wait_until() {
	local end
	now_cs
	end=$((CS + $1 * 10))
	shift
	until "$@"; do
		now_cs
		[ "$CS" -lt "$end" ] || { "$@"; return; }
		sleep 0.05
	done
}

inst_dir() { echo "$CFS/$PREFIX-$1"; }

# new_inst NAME [attr=value ...]: create an instance and make it live.
new_inst() {
	local d="$CFS/$PREFIX-$1"
	shift
	mkdir "$d" || return 1
	for kv in "$@"; do
		echo "${kv#*=}" > "$d/${kv%%=*}" || return 1
	done
	echo 1 > "$d/live"
}

del_inst() {
	local d="$CFS/$PREFIX-$1" live
	[ -d "$d" ] || return 0
	read -r live < "$d/live"
	[ "$live" = 1 ] && echo 0 > "$d/live"
	for r in "$d"/*/; do
		[ -d "$r" ] && rmdir "$r"
	done
	rmdir "$d"
}

# rp_of NAME: set $rp to the instance's remoteprocN and $sys to its sysfs dir.
rp_of() {
	read -r rp < "$CFS/$PREFIX-$1/remoteproc"
	sys=/sys/class/remoteproc/$rp
}
rproc_of() { rp_of "$1" && echo "$rp"; }
sysdir() { rp_of "$1" && echo "$sys"; }
state_is() {
	local st
	rp_of "$1" && read -r st < "$sys/state" && [ "$st" = "$2" ]
}

rproc_write() { rp_of "$1" && echo "$3" > "$sys/$2"; }

trace_has() {
	rp_of "$1" && grep -q "$2" "$DBG/$rp/trace0" 2>/dev/null
}

have_fw() { [ -e "$FWDIR/$1" ]; }

# runners: set $runners to the pids of all rproc-sim-core processes and
# $nrunners to their number.
runners() {
	local p c
	runners=
	nrunners=0
	for p in /proc/[0-9]*; do
		read -r c < "$p/comm" 2>/dev/null || continue
		[ "$c" = rproc-sim-core ] || continue
		runners="$runners ${p#/proc/}"
		nrunners=$((nrunners + 1))
	done
	return 0
}
runners_are() { runners && [ "$nrunners" -eq "$1" ]; }

# Kernel log since the last log_mark: the mark is a line of our own in the
# log, so looking for a message costs one dmesg and one awk.  Cases run in
# subshells, so a count alone would repeat: the uptime makes marks unique.
marks=0
log_mark() {
	local up
	read -r up _ < /proc/uptime
	marks="$((${marks%%@*} + 1))@$up"
	echo "rproc-sim.sh: $PREFIX mark $marks" > /dev/kmsg
}
log_has() {
	dmesg | awk -v m="rproc-sim.sh: $PREFIX mark $marks" -v p="$1" \
		'index($0, m) { on = 1; next } on && index($0, p) { f = 1 } END { exit !f }'
}
log_count() {
	dmesg | awk -v m="rproc-sim.sh: $PREFIX mark $marks" -v p="$1" \
		'index($0, m) { on = 1; next } on && index($0, p) { n++ } END { print n + 0 }'
}

# Cases run in a subshell with "set -e": the first failing check ends the
# case; fail/skip leave the reason in $REASON first.
fail() { echo "$*" > "$REASON"; return 1; }
skip() { echo "SKIP $*" > "$REASON"; return 1; }

run() {
	local name=$1 why rc
	shift
	nr=$((nr + 1))
	if [ -n "$RSIM_ONLY" ] && ! echo " $RSIM_ONLY " | grep -q " $name "; then
		echo "ok $nr $name # SKIP not in RSIM_ONLY"
		return 0
	fi
	: > "$REASON"
	(set -e; "$@") > "$REASON.out" 2>&1
	rc=$?
	sed 's/^/# /' "$REASON.out"
	if [ $rc -eq 0 ]; then
		echo "ok $nr $name"
	else
		read -r why < "$REASON"
		case "$why" in
		SKIP*)
			echo "ok $nr $name # $why" ;;
		*)
			echo "not ok $nr $name # ${why:-failed}"
			dmesg | tail -n 30 | sed 's/^/# log: /'
			failed=$((failed + 1)) ;;
		esac
	fi
	cleanup_instances
}

cleanup_instances() {
	local d
	for d in "$CFS/$PREFIX"-*; do
		[ -d "$d" ] && del_inst "${d##*/$PREFIX-}"
	done
}

PARAMS=/sys/module/remoteproc/parameters
read -r SAVED_BACKOFF 2>/dev/null < "$PARAMS/recovery_backoff_ms"

cleanup() {
	cleanup_instances
	[ -n "$SAVED_BACKOFF" ] && echo "$SAVED_BACKOFF" > "$PARAMS/recovery_backoff_ms"
	rm -rf "$REASON" "$REASON.out" "$IMGDIR" "$FWDIR/$PREFIX"-*.elf
	rmmod rpmsg_echo_client 2>/dev/null
}

# --- hostile images ---------------------------------------------------------
#
# mk_image NAME: build $FWDIR/$PREFIX-NAME.elf from the description on
# standard input, after a header that places idle code (host->wait(1000)
# for ever) at the start of the default "mem" region, 0x20000000.
IMGDIR=/tmp/rproc-sim-img.$$
mk_image() {
	mkdir -p "$IMGDIR" || return 1
	# push %rbx; mov %rdi,%rbx; 1: mov $1000,%edi; call *0x10(%rbx); jmp 1b
	printf '\123\110\211\373\277\350\003\000\000\377\123\020\353\366' \
		> "$IMGDIR/idle.bin"
	{
		echo "class 64"
		echo "machine x86_64"
		echo "entry 0x20000000"
		echo "segment name=.text da=0x20000000 file=$IMGDIR/idle.bin memsz=0x1000 flags=rx"
		echo "table da=0x20001000"
		cat
	} > "$IMGDIR/$1.txt" &&
	rproc-mkimage -o "$FWDIR/$PREFIX-$1.elf" "$IMGDIR/$1.txt"
}

log_splat() {
	log_has "WARNING:" || log_has "BUG:" || log_has "page allocation failure"
}

# --- cases -----------------------------------------------------------------

t_create() {
	local name
	new_inst a || fail "cannot make instance live"
	rp_of a
	[ -d "$sys" ] || fail "no remoteproc device"
	read -r name < "$sys/name"
	[ "$name" = "$PREFIX-a" ] || fail "wrong rproc name"
	state_is a offline || fail "new instance is not offline"
	[ -c "/dev/rproc-sim-$PREFIX-a" ] || fail "no runner device node"
	[ "$(cat "$(inst_dir a)/dev_name")" != none ] || fail "no dev_name"
}

t_sysfs_boot() {
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	state_is a running || fail "not running after start"
	runners_are 1 || fail "$nrunners runner processes, want 1"
	wait_until 50 trace_has a "tick 2" || fail "firmware does not run"
	rproc_write a state stop || fail "stop refused"
	state_is a offline || fail "not offline after stop"
	wait_until 30 runners_are 0 || fail "runner left behind"
}

t_cdev_boot() {
	local cdev
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rp_of a
	cdev=/dev/$rp
	[ -c "$cdev" ] || { skip "no $cdev (REMOTEPROC_CDEV off)"; return 1; }
	printf start > "$cdev" || fail "start through $cdev refused"
	state_is a running || fail "not running"
	printf stop > "$cdev" || fail "stop through $cdev refused"
	state_is a offline || fail "not offline"
}

t_refused() {
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a state stop 2>/dev/null && fail "stop accepted while offline"
	rproc_write a state bogus 2>/dev/null && fail "bogus state accepted"
	rproc_write a state start || fail "start refused"
	rproc_write a firmware rproc-sim-heartbeat-crash.elf 2>/dev/null &&
		fail "firmware change accepted while running"
	echo 5 > "$(inst_dir a)/heartbeat_ms" 2>/dev/null &&
		fail "configfs change accepted while live"
	echo 1 > "$(inst_dir a)/live" 2>/dev/null && fail "live twice accepted"
	[ -r "/dev/rproc-sim-$PREFIX-a" ] && cat "/dev/rproc-sim-$PREFIX-a" 2>/dev/null &&
		fail "runner device opened by a stranger"
	state_is a running || fail "refused writes changed the state"
	rproc_write a state stop || fail "stop refused"
}

t_fw_switch() {
	local fw
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a firmware rproc-sim-heartbeat-exit.elf || fail "firmware write refused"
	rp_of a
	read -r fw < "$sys/firmware"
	[ "$fw" = rproc-sim-heartbeat-exit.elf ] || fail "not switched"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 100 log_has "exited with code 3" || fail "new firmware did not run"
	wait_until 30 state_is a crashed || fail "exit not seen as crash"
	rproc_write a firmware rproc-sim-nonexistent.elf 2>/dev/null &&
		fail "firmware change accepted while crashed"
	return 0
}

t_trace() {
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	wait_until 50 trace_has a "tick 2" || fail "trace0 lacks ticks"
	trace_has a "rproc-sim heartbeat firmware (run): hello" || fail "trace0 lacks greeting"
	rproc_write a state stop
}

t_watchdog() {
	new_inst a firmware=rproc-sim-heartbeat-hang.elf heartbeat_ms=300 || fail "setup"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 100 state_is a crashed || fail "hung core not detected"
	log_has "no heartbeat" || fail "no watchdog message"
	log_has "watchdog" || fail "crash type not watchdog"
}

# A firmware that beats every 50 ms keeps a 1000 ms watchdog quiet for
# three periods, while the runner passes only one beat in three on (at
# most one per 125 ms)
t_watchdog_live() {
	new_inst a firmware=rproc-sim-heartbeat.elf heartbeat_ms=1000 || fail "setup"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 150 trace_has a "tick 60" || fail "not running for 3 s"
	state_is a running || fail "not running"
	! log_has "no heartbeat" || fail "watchdog fired on a live firmware"
	rproc_write a state stop
}

t_fault() {
	new_inst a firmware=rproc-sim-heartbeat-crash.elf || fail "setup"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 100 state_is a crashed || fail "fault not reported"
	log_has "firmware fault: signal 11" || fail "no fault message"
}

t_recovery() {
	local old new
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	wait_until 50 trace_has a "tick 2" || fail "not running"
	runners
	old=$runners
	[ -n "$old" ] || fail "no runner"
	log_mark
	echo 1 > "$(inst_dir a)/crash" || fail "crash trigger refused"
	wait_until 100 log_has "crash #1" || fail "crash not handled"
	wait_until 100 state_is a running || fail "not recovered"
	runners
	new=$runners
	[ -n "$new" ] && [ "$new" != "$old" ] || fail "no new runner after recovery"
	wait_until 50 trace_has a "tick 2" || fail "firmware not running again"
	rproc_write a state stop
}

t_no_recovery() {
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a recovery disabled || fail "recovery write refused"
	rproc_write a state start || fail "start refused"
	echo 1 > "$(inst_dir a)/crash" || fail "crash trigger refused"
	wait_until 50 state_is a crashed || fail "not crashed"
	sleep 1
	state_is a crashed || fail "recovered although disabled"
	rproc_write a recovery recover || fail "manual recover refused"
	wait_until 100 state_is a running || fail "manual recover failed"
	rproc_write a state stop
}

# have_dump: set $dump to a devcoredump entry, if there is one.
have_dump() {
	for dump in /sys/class/devcoredump/devcd*; do
		[ -e "$dump/data" ] && return 0
	done
	return 1
}

t_coredump() {
	local dump size magic
	[ -d /sys/class/devcoredump ] || { skip "no devcoredump"; return 1; }
	for dump in /sys/class/devcoredump/devcd*; do
		[ -e "$dump/data" ] && echo 1 > "$dump/data"
	done
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a coredump enabled || fail "coredump write refused"
	rproc_write a state start || fail "start refused"
	wait_until 50 trace_has a "tick 2" || fail "not running"
	echo 1 > "$(inst_dir a)/crash" || fail "crash trigger refused"
	wait_until 100 state_is a running || fail "not recovered"
	wait_until 50 have_dump || fail "no coredump"
	magic=$(head -c 4 "$dump/data" | od -An -c | tr -d ' ')
	[ "$magic" = 177ELF ] || fail "coredump is not ELF ($magic)"
	size=$(wc -c < "$dump/data")
	[ "$size" -gt 8388608 ] || fail "coredump too small ($size)"
	echo 1 > "$dump/data"
	rproc_write a state stop
}

t_two() {
	local first
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup a"
	new_inst b firmware=rproc-sim-heartbeat.elf || fail "setup b"
	rp_of a
	first=$rp
	rp_of b
	[ "$first" != "$rp" ] || fail "same remoteproc"
	rproc_write a state start || fail "start a"
	rproc_write b state start || fail "start b"
	wait_until 50 trace_has a "tick 2" || fail "a not running"
	wait_until 50 trace_has b "tick 2" || fail "b not running"
	runners_are 2 || fail "$nrunners runners, want 2"
	rproc_write a state stop || fail "stop a"
	state_is b running || fail "stopping a stopped b"
	rproc_write b state stop || fail "stop b"
}

t_remove_running() {
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rp_of a
	rproc_write a state start || fail "start refused"
	wait_until 50 trace_has a "tick 2" || fail "not running"
	echo 0 > "$(inst_dir a)/live" || fail "live=0 refused"
	[ -e "/sys/class/remoteproc/$rp" ] && fail "remoteproc still there"
	wait_until 30 runners_are 0 || fail "runner left behind"
	rmdir "$(inst_dir a)" || fail "rmdir"
	# And rmdir of a live, running instance.
	new_inst b firmware=rproc-sim-heartbeat.elf || fail "setup b"
	rproc_write b state start || fail "start b"
	rmdir "$(inst_dir b)" || fail "rmdir of live instance"
	wait_until 30 runners_are 0 || fail "runner left behind"
}

t_bad_config() {
	local d
	d=$(inst_dir a)
	mkdir "$d" && mkdir "$d/mem" "$d/shm" || fail "mkdir"
	echo 0x20000000 > "$d/mem/da" && echo 0x100000 > "$d/mem/size" || fail "set mem"
	echo 0x20080000 > "$d/shm/da" && echo 0x100000 > "$d/shm/size" || fail "set shm"
	echo 1 > "$d/live" 2>/dev/null && fail "overlapping regions accepted"
	echo 0x20000123 > "$d/shm/da" 2>/dev/null && fail "unaligned da accepted"
	echo 0x200000000 > "$d/shm/da" 2>/dev/null && fail "da above 4G accepted"
	mkdir "$d/bad.name" 2>/dev/null && fail "bad region name accepted"
	echo relative > "$d/runner" 2>/dev/null && fail "relative runner accepted"
	echo 0x20100000 > "$d/shm/da" || fail "fix shm"
	echo 1 > "$d/live" || fail "valid map refused"
	return 0
}

t_no_runner() {
	new_inst a firmware=rproc-sim-heartbeat.elf runner=/nonexistent/runner ||
		fail "setup"
	rproc_write a state start 2>/dev/null && fail "start without runner succeeded"
	state_is a offline || fail "not offline after failed start"
}

t_bad_firmware() {
	new_inst a firmware=rproc-sim-nonexistent.elf || fail "setup"
	rproc_write a state start 2>/dev/null && fail "start with missing firmware succeeded"
	state_is a offline || fail "not offline after failed start"
	runners_are 0 || fail "runner started anyway"
}

# The sample client sends "ping N", the echo firmware answers, 100 times;
# the client then logs one summary line.
SAMPLE_DONE="goodbye: 100 of 100 replies, 0 mismatched"

# start_sample: instance "a" with the echo firmware, started, the log
# marked; the caller waits for the sample's lines.
start_sample() {
	have_fw rproc-sim-echo.elf || { skip "rproc-sim-echo.elf not installed"; return 1; }
	modprobe rpmsg_echo_client 2>/dev/null
	new_inst a firmware=rproc-sim-echo.elf || fail "setup" || return 1
	log_mark
	rproc_write a state start || fail "start refused"
}

t_rpmsg_sample() {
	start_sample || return 1
	wait_until 100 log_has "new channel" || fail "no channel from name service"
	wait_until 300 log_has "$SAMPLE_DONE" || fail "no 100 replies"
	# Crash, recover: the channel must come back and work again.
	log_mark
	echo 1 > "$(inst_dir a)/crash" || fail "crash trigger refused"
	wait_until 100 state_is a running || fail "not recovered"
	wait_until 100 log_has "new channel" || fail "channel not back after recovery"
	wait_until 300 log_has "$SAMPLE_DONE" || fail "no replies after recovery"
	rproc_write a state stop
}

# The vdev's platform device can be unbound from rproc-virtio and bound
# again, as in 6.1; here that leaves the vdev working, and stopping and
# restarting the remote afterwards brings the channels back.
t_vdev_unbind() {
	local drv=/sys/bus/platform/drivers/rproc-virtio pdev

	start_sample || return 1
	wait_until 300 log_has "$SAMPLE_DONE" || fail "no 100 replies"
	rp_of a
	for pdev in "$sys"/rproc-virtio.*.auto; do break; done
	[ -n "$(ls -d "$pdev"/virtio* 2>/dev/null)" ] ||
		fail "no virtio device under rproc-virtio.N.auto"
	pdev=${pdev##*/}
	echo "$pdev" > "$drv/unbind" || fail "unbind refused"
	[ ! -e "$sys/$pdev/driver" ] || fail "still bound after unbind"
	[ -n "$(ls -d "$sys/$pdev"/virtio* 2>/dev/null)" ] ||
		fail "the virtio device went with the unbind"
	echo "$pdev" > "$drv/bind" || fail "bind refused"
	[ -e "$sys/$pdev/driver" ] || fail "not bound again"
	rproc_write a state stop || fail "stop refused"
	wait_until 100 state_is a offline || fail "not stopped"
	log_mark
	rproc_write a state start || fail "restart refused"
	wait_until 300 log_has "$SAMPLE_DONE" || fail "no replies after restart"
	rproc_write a state stop
}

# hvc_exchange DEV LINE1 LINE2: on CPU 0, in a session of its own (the tty
# becomes its controlling terminal, not ours, so the hangup when the device
# goes away signals nobody), put DEV in raw mode without echo, write each
# line and read its echo back; prints "ECHO1|ECHO2".
hvc_exchange() {
	taskset 1 setsid sh -c '
		exec 3<>"$1" || exit 2
		stty raw -echo <&3 || exit 3
		echo "$2" >&3
		read -t 10 l1 <&3 || true
		echo "$3" >&3
		read -t 10 l2 <&3 || true
		exec 3<&-
		echo "$l1|$l2"' hvc "$@"
}

# have_console_vdev NAME: the instance has a virtio console (id 3) bound to
# virtio_console; sets $cons to its virtio device.
have_console_vdev() {
	local d id
	rp_of "$1" || return 1
	for d in /sys/class/remoteproc/"$rp"/*/virtio*; do
		[ -r "$d/device" ] || continue
		read -r id < "$d/device"
		[ "$id" = 0x0003 ] && [ -e "$d/driver" ] && cons=$d && return 0
	done
	return 1
}

# The console vdev (VIRTIO_ID_CONSOLE) becomes an hvc console: its driver
# shares kmalloc()ed buffers, which reach the firmware only through the
# transport's bounce buffers.  Two lines prove both directions and that
# buffers are reused.  virtio_console writes hvc output with interrupts
# off and spins until the remote took it, so the remote needs a CPU of its
# own (see simulator.rst): the runners go to CPU 1, the writer to CPU 0.
pin_runners() {
	runners
	[ "$nrunners" -gt 0 ] || return 1
	for p in $runners; do
		taskset -a -p "$1" "$p" >/dev/null || return 1
	done
}

t_console() {
	local cons out want
	have_fw rproc-sim-console.elf || { skip "rproc-sim-console.elf not installed"; return 1; }
	[ "$(grep -c ^processor /proc/cpuinfo)" -ge 2 ] || { skip "needs two CPUs"; return 1; }
	new_inst a firmware=rproc-sim-console.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	wait_until 100 have_console_vdev a || fail "no virtio console bound"
	pin_runners 2 || fail "cannot pin the runner to CPU 1"
	want="hello-$PREFIX|second line, $$"
	out=$(hvc_exchange /dev/hvc0 "hello-$PREFIX" "second line, $$" 2>&1) ||
		fail "hvc0: exchange failed ($out)"
	[ "$out" = "$want" ] || fail "hvc0 echo: got '$out', want '$want'"
	rproc_write a state stop
	wait_until 50 state_is a offline || fail "not offline after stop"
	! have_console_vdev a || fail "console still bound after stop"
}

# Text goes through the rproc-serial port (/dev/vportNp0) to the firmware,
# which sends every line back.
# have_port: set $port to an rproc-serial port device, if there is one.
have_port() {
	for port in /dev/vport*p0; do
		[ -c "$port" ] && return 0
	done
	return 1
}

t_rproc_serial() {
	local port line1 line2
	have_fw rproc-sim-rproc-serial.elf ||
		{ skip "rproc-sim-rproc-serial.elf not installed"; return 1; }
	new_inst a firmware=rproc-sim-rproc-serial.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	wait_until 100 have_port || fail "no console port"
	exec 3<>"$port" || fail "cannot open $port"
	echo "hello-$PREFIX" >&3
	read -t 10 line1 <&3 || true
	echo "second line, $$" >&3
	read -t 10 line2 <&3 || true
	exec 3<&-
	[ "$line1" = "hello-$PREFIX" ] || fail "no echo (got '$line1')"
	[ "$line2" = "second line, $$" ] || fail "no second echo (got '$line2')"
	rproc_write a state stop
}

# A 5 MiB trace buffer is read where it lies, a chunk at a time: no
# allocation of its size (which the page allocator would warn about), and
# the reader gets exactly the text, up to the first NUL.
t_big_trace() {
	local i=0
	mkdir -p "$IMGDIR" || fail "mkdir"
	while [ $i -lt 1500 ]; do
		echo "line $i of a trace buffer five mebibytes long"
		i=$((i + 1))
	done > "$IMGDIR/text"
	mk_image big-trace <<-EOF || fail "rproc-mkimage"
	segment name=.trace da=0x20100000 file=$IMGDIR/text memsz=5M flags=rw
	trace name=trace0 da=0x20100000 len=5M
	EOF
	new_inst a firmware="$PREFIX-big-trace.elf" || fail "setup"
	log_mark
	rproc_write a state start || fail "start refused"
	rp_of a
	cat "$DBG/$rp/trace0" > "$IMGDIR/read" || fail "reading trace0 failed"
	cmp -s "$IMGDIR/read" "$IMGDIR/text" || fail "trace0 differs from the text"
	# Small reads at an offset too.
	dd if="$DBG/$rp/trace0" bs=7 skip=3 count=5 2>/dev/null > "$IMGDIR/part"
	dd if="$IMGDIR/text" bs=7 skip=3 count=5 2>/dev/null | cmp -s - "$IMGDIR/part" ||
		fail "a read at an offset differs"
	! log_splat || fail "kernel warning while reading the trace"
	rproc_write a state stop
}

# 64 carveouts of 4 MiB from one small table: over carveout_limit, refused
# before anything is allocated.
t_carveout_total() {
	local i=0
	while [ $i -lt 64 ]; do
		echo "carveout name=c$i da=any pa=any len=4M"
		i=$((i + 1))
	done | mk_image carveouts || fail "rproc-mkimage"
	new_inst a firmware="$PREFIX-carveouts.elf" || fail "setup"
	log_mark
	rproc_write a state start 2>/dev/null && fail "start accepted 256 MiB of carveouts"
	state_is a offline || fail "not offline after the refused start"
	log_has "carveout_limit" || fail "no message naming the limit"
	! log_splat || fail "kernel warning"
	return 0
}

# One carveout larger than the page allocator can give without CMA: the
# allocation fails quietly and the boot with a clear error.
t_carveout_big() {
	mk_image big-carveout <<-EOF || fail "rproc-mkimage"
	carveout name=big da=any pa=any len=16M
	EOF
	new_inst a firmware="$PREFIX-big-carveout.elf" || fail "setup"
	log_mark
	if rproc_write a state start 2>/dev/null; then
		# A machine with CMA may well give it: then it simply runs.
		rproc_write a state stop || fail "stop refused"
		return 0
	fi
	state_is a offline || fail "not offline after the refused start"
	log_has "carveout big: allocation failed" || fail "no allocation message"
	! log_splat || fail "kernel warning"
	return 0
}

# state_seen NAME: add the instance's state to $seen unless it is there.
state_seen() {
	local st
	rp_of "$1" && read -r st < "$sys/state" || return 1
	case " $seen " in *" $st "*) ;; *) seen="$seen $st" ;; esac
}

# storm_over NAME: note the state; true once recovery gave up.
storm_over() {
	local rs
	state_seen "$1"
	read -r rs < "$sys/recovery_status" && [ "$rs" = gave-up ]
}

# Firmware that dies as it starts: restarted with a growing delay, then
# left crashed with a clear line.  "state" reads crashed (never offline)
# until then, and "recovery_status" tells what recovery does.
t_recovery_storm() {
	local limit=5 crashes rs seen=
	have_fw rproc-sim-crash-boot.elf ||
		{ skip "rproc-sim-crash-boot.elf not installed"; return 1; }
	if [ -r "$PARAMS/recovery_limit" ]; then
		read -r limit < "$PARAMS/recovery_limit"
		[ "$limit" -gt 0 ] || { skip "recovery_limit is 0 (no limit)"; return 1; }
		echo 100 > "$PARAMS/recovery_backoff_ms"	# cleanup() restores it
	fi
	new_inst a firmware=rproc-sim-crash-boot.elf || fail "setup"
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 1200 storm_over a || fail "recovery never gave up (state went:$seen;" \
		"$(log_count 'handling crash #') crashes)"
	state_is a crashed || fail "not crashed after giving up"
	case " $seen " in *" offline "*) fail "state read offline during recovery" ;; esac
	log_has "no more automatic recovery" || fail "no line saying recovery gave up"
	crashes=$(log_count "handling crash #")
	[ "$crashes" -eq $((limit + 1)) ] ||
		fail "$crashes crashes handled, want $((limit + 1))"
	log_has "restarting $PREFIX-a in 100 ms" || fail "no back-off delay"
	rproc_write a state stop || fail "stop refused"
	read -r rs < "$sys/recovery_status"
	[ "$rs" = idle ] || fail "recovery_status $rs after stop"
}

# --- confinement of simulated firmware --------------------------------------
#
# The runner drops root and runs the firmware under a seccomp filter; stop
# kills it within a bound and leaves no process or mapping behind.  The
# rproc-sim-heartbeat-{syscall,fork,spin}.elf images misbehave after three
# ticks; after each, the instance must boot good firmware again.
NTESTS=$((NTESTS + 5))

# uptime_cs: set $now to the uptime in hundredths of a second.
uptime_cs() {
	local up
	read -r up _ < /proc/uptime
	now=${up%.*}${up#*.}
	now=${now#0}
}

# status_is PID FIELD VALUE: /proc/PID/status has "FIELD:<tab>VALUE...".
status_is() {
	awk -v f="$2:" -v v="$3" '$1 == f && index($0, v) { ok = 1 } END { exit !ok }' \
		"/proc/$1/status"
}

# reboot_good NAME: the instance boots good firmware again and stops.
reboot_good() {
	local fw=rproc-sim-heartbeat.elf
	have_fw rproc-sim-echo.elf && fw=rproc-sim-echo.elf
	# A crashed core (recovery disabled) keeps its firmware until stopped.
	if state_is "$1" crashed; then
		rproc_write "$1" state stop || fail "stop of the crashed core refused"
	fi
	rproc_write "$1" firmware "$fw" || fail "cannot switch to $fw"
	rproc_write "$1" state start || fail "$fw does not start after that"
	state_is "$1" running || fail "$fw not running"
	runners_are 1 || fail "$nrunners runners with $fw, want 1"
	rproc_write "$1" state stop || fail "stop of $fw refused"
	wait_until 50 runners_are 0 || fail "runner of $fw left behind"
}

t_runner_confined() {
	local pid
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	rproc_write a state start || fail "start refused"
	wait_until 50 trace_has a "tick 2" || fail "firmware does not run"
	runners
	pid=${runners# }
	[ "$nrunners" = 1 ] || fail "$nrunners runners"
	status_is "$pid" Uid "65534	65534	65534	65534" || fail "runner uid is not 65534"
	status_is "$pid" Gid "65534	65534	65534	65534" || fail "runner gid is not 65534"
	status_is "$pid" CapEff 0000000000000000 || fail "runner has capabilities"
	status_is "$pid" CapPrm 0000000000000000 || fail "runner has permitted capabilities"
	status_is "$pid" CapBnd 0000000000000000 || fail "runner keeps a bounding set"
	status_is "$pid" NoNewPrivs 1 || fail "no_new_privs not set"
	status_is "$pid" Seccomp 2 || fail "no seccomp filter"
	if [ -r "/proc/$pid/smaps" ]; then
		awk '/^20000000-/ { on = 1; next } on && /^VmFlags:/ {
			ok = / dc / && / de / && / dd /; on = 0; seen = 1 }
			END { exit !(seen && ok) }' "/proc/$pid/smaps" ||
			fail "device memory mapping lacks dontcopy/dontexpand/dontdump"
	fi
	rproc_write a state stop || fail "stop refused"
}

t_forbidden_syscall() {
	new_inst a firmware=rproc-sim-heartbeat-syscall.elf || fail "setup"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	if ! wait_until 100 state_is a crashed; then
		why=
		trace_has a 'getuid returned' && why=" (getuid returned)"
		fail "system call not stopped$why"
	fi
	log_has "killed by seccomp: syscall 102" || fail "reason not logged"
	trace_has a "getuid returned" && fail "getuid returned to the firmware"
	wait_until 50 runners_are 0 || fail "runner left behind"
	reboot_good a
}

t_forking_firmware() {
	local t0
	new_inst a firmware=rproc-sim-heartbeat-fork.elf || fail "setup"
	rproc_write a recovery disabled
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 100 state_is a crashed || {
		uptime_cs
		t0=$now
		rproc_write a state stop
		uptime_cs
		fail "fork not stopped (stop then took $(((now - t0) * 10)) ms)"
	}
	log_has "killed by seccomp: syscall 57" || fail "reason not logged"
	wait_until 50 runners_are 0 || fail "$nrunners runner processes left behind"
	reboot_good a
}

# Firmware that never waits never sees the stop request: stop must still
# end it, within a bound (the grace period plus SIGKILL).
t_spinning_firmware() {
	local t0
	new_inst a firmware=rproc-sim-heartbeat-spin.elf || fail "setup"
	log_mark
	rproc_write a state start || fail "start refused"
	wait_until 100 trace_has a spinning || fail "firmware does not spin"
	uptime_cs
	t0=$now
	rproc_write a state stop || fail "stop refused"
	uptime_cs
	[ $((now - t0)) -le 500 ] || fail "stop took $(((now - t0) * 10)) ms"
	state_is a offline || fail "not offline after stop"
	wait_until 50 runners_are 0 || fail "runner left behind"
	log_has "did not exit" && fail "runner outlived SIGKILL"
	reboot_good a
}

# The runner's command line: --help prints its usage and exits 0, bad
# usage exits 2, a device that cannot be opened 1. (Cases run under set -e.)
NTESTS=$((NTESTS + 1))
t_runner_usage() {
	core=$(command -v rproc-sim-core || echo /usr/bin/rproc-sim-core)
	if ! out=$("$core" --help); then
		fail "--help failed"
		return 1
	fi
	case $out in "usage: rproc-sim-core"*) ;; *) fail "--help printed '$out'"; return 1 ;; esac
	for args in "" "-x" "--bogus" "a b"; do
		rc=0
		# shellcheck disable=SC2086
		"$core" $args > /dev/null 2>&1 || rc=$?
		[ "$rc" -eq 2 ] || { fail "'rproc-sim-core $args' exited $rc, not 2"; return 1; }
	done
	rc=0
	"$core" /nonexistent > /dev/null 2>&1 || rc=$?
	[ "$rc" -eq 1 ] || { fail "a missing device gave exit status $rc, not 1"; return 1; }
}

# Firmware waiting for work leaves as soon as stop asks it to: stop must
# not sit out the bound meant for a runner that ignores SIGKILL (5 s).
t_stop_prompt() {
	local i t0
	new_inst a firmware=rproc-sim-heartbeat.elf || fail "setup"
	for i in 1 2 3; do
		rproc_write a state start || fail "start $i refused"
		wait_until 100 trace_has a "tick 1" || fail "firmware does not run"
		uptime_cs
		t0=$now
		rproc_write a state stop || fail "stop $i refused"
		uptime_cs
		[ $((now - t0)) -le 300 ] || fail "stop $i took $(((now - t0) * 10)) ms"
	done
	wait_until 50 runners_are 0 || fail "runner left behind"
}

# --- main ------------------------------------------------------------------

[ "$(id -u)" = 0 ] || ktap_skip_all "must be root"
modprobe remoteproc_sim 2>/dev/null
[ -d /sys/kernel/config ] && ! grep -q configfs /proc/mounts &&
	mount -t configfs none /sys/kernel/config 2>/dev/null
[ -d /sys/kernel/debug/remoteproc ] || mount -t debugfs none /sys/kernel/debug 2>/dev/null
[ -d "$CFS" ] || ktap_skip_all "no $CFS (CONFIG_REMOTEPROC_SIM)"
have_fw rproc-sim-heartbeat.elf || ktap_skip_all "rproc-sim firmware not installed"
command -v rproc-sim-core >/dev/null || [ -x /usr/bin/rproc-sim-core ] ||
	ktap_skip_all "rproc-sim-core not installed"

trap cleanup EXIT

echo "TAP version 13"
echo "1..$NTESTS"
run create_instance t_create
run boot_stop_sysfs t_sysfs_boot
run boot_stop_cdev t_cdev_boot
run refused_writes t_refused
run firmware_switch t_fw_switch
run trace_debugfs t_trace
run watchdog_hung_core t_watchdog
run watchdog_live_core t_watchdog_live
run firmware_fault_crash t_fault
run crash_recovery t_recovery
run recovery_disabled t_no_recovery
run coredump t_coredump
run two_instances t_two
run remove_while_running t_remove_running
run bad_configuration t_bad_config
run missing_runner t_no_runner
run missing_firmware t_bad_firmware
run name_service_sample_100 t_rpmsg_sample
run vdev_unbind_rebind t_vdev_unbind
run console_echo t_console
run rproc_serial_echo t_rproc_serial
run trace_5mib_in_place t_big_trace
run carveouts_over_limit t_carveout_total
run carveout_too_big_fails_cleanly t_carveout_big
run recovery_storm_gives_up t_recovery_storm
run runner_confined t_runner_confined
run forbidden_syscall_killed t_forbidden_syscall
run forking_firmware_killed t_forking_firmware
run spinning_firmware_stopped t_spinning_firmware
run stop_is_prompt t_stop_prompt
run runner_usage t_runner_usage
run no_leftover_runner runners_are 0

echo "# $((nr - failed)) passed, $failed failed"
[ "$failed" -eq 0 ] && exit $KSFT_PASS
exit $KSFT_FAIL
