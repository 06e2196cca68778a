#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The OMAP4 IPU image of tools/rpmsg-remote (rpmsg-remote-omap4-ipu-echo.elf,
# ARM Cortex-M3, unmodified: the binary one would flash) executed instruction
# by instruction by the simulator's emulated core, rproc-sim-m3, against the
# real remoteproc and rpmsg stack: name service, the client sample and
# /dev/rpmsgN echoes, stop and start, crashes reported by the firmware, by
# core faults and by the watchdog, recovery, and an ARM core dump. KTAP
# output; exit 0 when everything passed, 1 on a failure, 4 when there is
# no simulator. RPMSG_M3_ONLY="case|case*" runs only matching cases.

SIM=/sys/kernel/config/rproc-sim
FW=/lib/firmware
IMAGE=rpmsg-remote-omap4-ipu-echo.elf
TAG=rm3$$
NCASES=$(grep -c '^run ' "$0")
WHY=/tmp/rpmsg-m3-why.$$
UTIL=$(dirname "$0")/rpmsg_util
ONLY=$RPMSG_M3_ONLY
ONLY_VAR=RPMSG_M3_ONLY

# fixed address of the test firmware's echo service (tools/rpmsg-remote/fw/fw.h)
ADDR_ECHO=1001

# shellcheck source=../rproc-lib/rproc_lib.sh
. "$(dirname "$0")/rproc_lib.sh"

# ---- helpers --------------------------------------------------------------

# boot_ipu NAME [HEARTBEAT_MS]: an instance with the IPU's memory map
# ($RUNNER and $AUTOSUSPEND, when set, for its runner and autosuspend_ms)
# (tools/rpmsg-remote/port/omap4-ipu/rr_layout.h) running the IPU image.
# The rpmsg buffers sit at their physical address 0x98800000, which the
# image reaches identity-mapped, as on a panda.
boot_ipu() {
	inst "$1"
	mkdir "$I" || return 1
	for r in "ipu-text 0x0 0x100000" "ipu-data 0x80000000 0x100000" \
		 "vdev0vring0 0xa0000000 0x4000" "vdev0vring1 0xa0004000 0x4000" \
		 "vdev0buffer 0x98800000 0x80000 0x98800000"; do
		set -- "$1" "$2" $r
		mkdir "$I/$3" && echo "$4" > "$I/$3/da" &&
			echo "$5" > "$I/$3/size" || return 1
		[ -z "$6" ] || echo "$6" > "$I/$3/pa" || return 1
		set -- "$1" "$2"
	done
	echo "$IMAGE" > "$I/firmware" || return 1
	[ -z "$RUNNER" ] || echo "$RUNNER" > "$I/runner" || return 1
	[ -z "$AUTOSUSPEND" ] || echo "$AUTOSUSPEND" > "$I/autosuspend_ms" || return 1
	echo "${2:-1000}" > "$I/heartbeat_ms" || return 1
	echo 1 > "$I/live" || return 1
	rproc_do "$1" start
}

no_channels() { channels "$1"; [ -z "$CH" ]; }

# boot_up NAME [HEARTBEAT_MS]: booted, and the name service announced the
# firmware's services
boot_up() {
	boot_ipu "$@" || fail "cannot boot $IMAGE" || return 1
	poll 30 has_channel "$1" rpmsg-client-sample ||
		fail "no rpmsg-client-sample channel" || return 1
	poll 10 has_channel "$1" rpmsg-remote-ctrl || fail "no control channel"
}

# m3_runners: pids of the emulated cores into $M3
m3_runners() {
	M3=
	for p in /proc/[0-9]*; do
		read -r c 2>/dev/null < "$p/comm" || continue
		[ "$c" = rproc-sim-m3 ] && M3="$M3 ${p#/proc/}"
	done
	M3=${M3# }
}
runner_gone() { m3_runners; [ -z "$M3" ]; }

cleanup_extra() { sample_unload; }

trace_has() { rproc "$1"; grep -q "$2" "/sys/kernel/debug/remoteproc/${R##*/}/trace0" 2>/dev/null; }

# recovered NAME: running again, announced again and answering
recovered() {
	poll 30 state_is "$1" running || fail "not recovered" || return 1
	poll 30 has_channel "$1" rpmsg-remote-ctrl || fail "no channels after recovery" || return 1
	out=$(remote_cmd "$1" ping) || fail "no answer after recovery: $out" || return 1
	[ "$out" = pong ] || fail "ping after recovery: '$out'"
}

# ---- cases ----------------------------------------------------------------

t_boots_emulated() {
	[ -e "$FW/$IMAGE" ] || { skip "no $IMAGE"; return 1; }
	inst a
	boot_up a || return 1
	rd "$I/runner"; [ "$V" = auto ] || fail "runner is '$V'" || return 1
	m3_runners
	[ -n "$M3" ] || fail "no rproc-sim-m3 process" || return 1
	for s in rpmsg-echo rpmsg-raw rpmsg-remote-ctrl; do
		has_channel a $s || fail "no $s channel" || return 1
	done
	poll 5 trace_has a '(port omap4-ipu) booting' || fail "no boot line in the trace"
}

t_sample_100() {
	sample_load || return 1
	boot_up a || return 1
	sample_round_trips a 100
}

t_char_echo() {
	boot_up a || return 1
	char_echoes a
}

t_stop_start() {
	sample_load count=20 || return 1
	boot_up a || return 1
	poll 60 sample_done a 20 || fail "first boot" || return 1
	rproc_do a stop || fail "stop refused" || return 1
	state_is a offline || fail "not offline" || return 1
	no_channels a || fail "channels left after stop: $CH" || return 1
	poll 10 runner_gone || fail "emulator still running: $M3" || return 1
	poll 5 logged "rproc-sim-m3: $TAG-a: [1-9][0-9]* instructions in" ||
		fail "no instruction count" || return 1
	rproc_do a start || fail "start refused" || return 1
	poll 30 has_channel a rpmsg-client-sample || fail "no channel after restart" || return 1
	poll 60 sample_done a 20 || fail "second boot" || return 1
	poll 5 logged_times 2 "goodbye: 20 of 20" || fail "not two summaries"
}

t_crash_during_traffic() {
	sample_load count=1000000 || return 1
	boot_up a || return 1
	poll 60 sample_done a 50 || fail "no traffic" || return 1
	mark
	inst a
	echo 1 > "$I/crash" || fail "crash trigger refused" || return 1
	poll 20 logged "removed after" || fail "sample not removed on crash" || return 1
	recovered a || return 1
	poll 60 sample_done a 20 || fail "no traffic after recovery"
}

# crash_by NAME COMMAND PATTERN: the firmware crashes on COMMAND, the
# kernel log says PATTERN, and the remote recovers
crash_by() {
	boot_up a || return 1
	mark
	remote_cmd a "$1" > /dev/null 2>&1
	poll 20 logged "$2" || fail "no '$2' in the log" || return 1
	poll 20 logged "crash detected" || fail "no crash reported" || return 1
	recovered a
}

t_crash_reported() { crash_by crash "firmware reports a crash (RP_MBOX_CRASH) at pc 0x"; }
t_undefined_instruction() {
	crash_by "crash ill" "core fault at pc 0x[0-9a-f]*: Invalid instruction"
}

t_watchdog() {
	# a period the emulated core keeps on a loaded machine; hang ends it
	boot_up a 2000 || return 1
	mark
	out=$(remote_cmd a hang) || fail "hang: $out" || return 1
	poll 20 logged "watchdog: no heartbeat from the firmware" ||
		fail "no watchdog crash" || return 1
	recovered a
}

t_coredump() {
	[ -d /sys/class/devcoredump ] || { skip "no devcoredump"; return 1; }
	for d in /sys/class/devcoredump/devcd*; do
		[ -e "$d/data" ] && echo 1 > "$d/data"
	done
	boot_up a || return 1
	echo enabled > "$R/coredump" || fail "coredump write refused" || return 1
	inst a
	echo 1 > "$I/crash" || fail "crash trigger refused" || return 1
	dump=
	poll 20 have_dump || fail "no coredump" || return 1
	# e_ident: ELF, class 1 (32-bit), little endian; e_machine 40 (ARM)
	hdr=$(od -An -tx1 -N20 "$dump/data" | tr -d ' \n')
	echo 1 > "$dump/data"
	case $hdr in
	7f454c46010101*) ;;
	*) fail "not an ELF32 LE dump: $hdr"; return 1 ;;
	esac
	[ "${hdr#????????????????????????????????????}" = 2800 ] ||
		fail "e_machine is not ARM: $hdr" || return 1
	recovered a
}
have_dump() {
	for dump in /sys/class/devcoredump/devcd*; do
		[ -e "$dump/data" ] && return 0
	done
	dump=
	return 1
}

# bad_vector WORD PATTERN: the IPU image with its reset vector (word 1 of
# the vector table, file offset 0x1004) replaced by WORD must not run:
# the start fails or the core crashes at once, and the log says PATTERN
bad_vector() {
	# the image's first segment (file offset 0x1000) loads at address 0
	v=$(od -An -tu4 -j 4100 -N4 "$FW/$IMAGE" | tr -d ' ')
	[ -n "$v" ] && [ $((v % 2)) -eq 1 ] && [ "$v" -lt 1048576 ] ||
		fail "file offset 0x1004 is not the reset vector ($v)" || return 1
	cp "$FW/$IMAGE" "$FW/rpmsg-m3-bad.elf" || return 1
	printf "$1" | dd of="$FW/rpmsg-m3-bad.elf" bs=1 seek=4100 conv=notrunc 2>/dev/null ||
		fail "cannot patch the image" || return 1
	IMAGE=rpmsg-m3-bad.elf
	boot_ipu a 2> /dev/null
	IMAGE=rpmsg-remote-omap4-ipu-echo.elf
	rm -f "$FW/rpmsg-m3-bad.elf"
	poll 20 logged "$2" || fail "no '$2' in the log" || return 1
	poll 20 runner_gone || fail "emulator still running: $M3"
}

# reset vector 0x10000001: Thumb, in the executable code region, but
# nothing is mapped there
t_fetch_unmapped() {
	bad_vector '\001\000\000\020' \
		"core fault at pc 0x10000000: Invalid memory fetch (UC_ERR_FETCH_UNMAPPED)"
}

# reset vector 0x50000001: the peripheral region, which the Cortex-M3
# never executes from (execute-never): an exception, not a fetch
t_fetch_xn() {
	bad_vector '\001\000\000\120' \
		"core fault at pc 0x50000000: Unhandled CPU exception (UC_ERR_EXCEPTION)"
}

# reset vector 0x00000100: not a Thumb address
t_not_thumb() {
	bad_vector '\000\001\000\000' "reset vector 0x00000100 is not a Thumb address"
}

# Runtime PM through the mailbox: Linux asks the idle IPU to suspend, the
# firmware acknowledges and is powered down; at resume the core starts
# again from its reset vector and the firmware continues where it was.
t_autosuspend() {
	AUTOSUSPEND=800
	boot_up a || { AUTOSUSPEND=; return 1; }
	AUTOSUSPEND=
	poll 60 state_is a suspended || fail "not suspended when idle" || return 1
	ctrl_node a || fail "no control node" || return 1
	out=$("$UTIL" echo "$CTRL" $ADDR_ECHO 496 50) || fail "echo after resume: $out" || return 1
	poll 60 state_is a suspended || fail "not suspended again" || return 1
	out=$(remote_cmd a pm) || fail "pm: $out" || return 1
	echo "firmware: $out"
	case $out in *" acks "[1-9]*) ;; *) fail "no suspend acknowledged: $out"; return 1 ;; esac
	state_is a suspended || state_is a running || fail "state after pm"
}

t_x86_runner_refuses() {
	RUNNER=/usr/bin/rproc-sim-core
	boot_ipu a 2> /dev/null
	RUNNER=
	state_is a running && fail "the x86-64 runner ran an ARM image" && return 1
	poll 10 logged "the firmware is for ELF machine 40, not x86-64" ||
		fail "no refusal in the log"
}

# ---- main -----------------------------------------------------------------

echo "TAP version 13"
if [ ! -d "$SIM" ]; then
	modprobe remoteproc_sim 2>/dev/null
	[ -d "$SIM" ] || { echo "1..0 # SKIP no rproc-sim configfs"; exit 4; }
fi
echo "1..$NCASES"
trap 'cleanup; rm -f "$WHY" "$WHY.log"' EXIT

run m3_boots_emulated t_boots_emulated
run m3_sample_100_round_trips t_sample_100
run m3_char_device_echo t_char_echo
run m3_stop_and_start t_stop_start
run m3_crash_during_traffic t_crash_during_traffic
run m3_crash_reported_by_firmware t_crash_reported
run m3_undefined_instruction t_undefined_instruction
run m3_watchdog t_watchdog
run m3_coredump_is_arm t_coredump
run m3_fetch_from_unmapped_address t_fetch_unmapped
run m3_fetch_from_execute_never t_fetch_xn
run m3_reset_vector_not_thumb t_not_thumb
run m3_autosuspend_and_resume t_autosuspend
run m3_x86_runner_refuses_arm t_x86_runner_refuses

[ "$nfail" -eq 0 ] || exit 1
exit 0
