#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# A guided tour of the remoteproc simulator, run inside the test guest by
# `make demo`: create a simulated remote processor, boot its firmware, watch
# its rpmsg channels appear, exchange messages, crash it and see it recover,
# then echo a line through the hvc console of a second remote. Each step is
# done the way a person would, with the rproc and rpmsg tools
# (tools/rproc-tools), and names the raw sysfs step the tool stands for.

CFS=/sys/kernel/config/rproc-sim
NAME=demo
FW_RPMSG=rproc-sim-echo.elf
FW_BASIC=rproc-sim-heartbeat.elf
FW_TTY=rproc-sim-console.elf
TTY=demo-tty

step() { printf '\n==> %s\n' "$*"; }
show() { printf '    $ %s\n' "$*"; sh -c "$*" 2>&1 | sed 's/^/      /'; }
raw() { printf '    # raw: %s\n' "$*"; }
uptime_s() { read -r up _ < /proc/uptime; echo "${up%.*}"; }
wait_for() {	# SECONDS CMD...: until CMD succeeds or SECONDS have passed
	local end=$(($(uptime_s) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(uptime_s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}
klog_mark() { mark=$(dmesg | wc -l); }
# Kernel lines since the mark that match $1; printk's own rate-limit notes
# ("callbacks suppressed") are not part of the story.
klog_new() {
	dmesg | tail -n +$((mark + 1)) | grep -E "$1" |
		grep -v 'callbacks suppressed' | sed 's/^/      kernel: /'
}

cleanup() {
	local d
	for d in "$CFS/$NAME" "$CFS/$TTY"; do
		[ -d "$d" ] || continue
		echo 0 > "$d/live" 2>/dev/null
		rmdir "$d" 2>/dev/null
	done
}
trap cleanup EXIT

modprobe remoteproc_sim 2>/dev/null
if [ ! -d "$CFS" ]; then
	echo "rproc-sim is not available (CONFIG_REMOTEPROC_SIM)"
	exit 4
fi

fw=$FW_BASIC
[ -e /lib/firmware/$FW_RPMSG ] && fw=$FW_RPMSG
modprobe rpmsg_echo_client 2>/dev/null
dmesg -n 1

step "Create a simulated remote processor in configfs"
show "mkdir $CFS/$NAME"
show "echo $fw > $CFS/$NAME/firmware"
show "echo 1 > $CFS/$NAME/live"
rp=$(cat $CFS/$NAME/remoteproc)
sys=/sys/class/remoteproc/$rp
show "rproc list"
raw "cat $sys/name $sys/state $sys/firmware"

step "Boot it: the firmware runs in rproc-sim-core, a process of its own"
klog_mark
show "rproc boot $NAME"
raw "echo start > $sys/state"
show "rproc list"
show "ps | grep '[r]proc-sim-core'"
wait_for 5 sh -c "rproc trace $rp | grep -q ."
show "rproc trace $rp | head -n 5"
raw "cat /sys/kernel/debug/remoteproc/$rp/trace0"

if [ "$fw" = "$FW_RPMSG" ]; then
	step "Its rpmsg channels appear through the name service"
	wait_for 10 sh -c "rpmsg list | grep -q '^endpoint .*rpmsg-raw'"
	show "rpmsg list"
	raw "ls /sys/bus/rpmsg/devices/ /dev/rpmsg*"
	step "Talk to the echo service (address 1001) from the shell"
	show "rpmsg -r $NAME echo -a 1001 'hello, remote'"
	show "rpmsg -r $NAME ping -a 1001 -c 5 -i 10"
	step "The rpmsg sample client exchanges 100 messages with the echo firmware"
	wait_for 30 sh -c "dmesg | tail -n +$((mark + 1)) | grep -q goodbye"
	klog_new "new channel|goodbye"
	for r in /sys/bus/rpmsg/devices/*rpmsg-client-sample*/replies; do
		[ -e "$r" ] && show "cat $r    # replies the sample client got"
	done
else
	step "($FW_RPMSG is not installed: no rpmsg channels in this demo)"
fi
show "cat $CFS/$NAME/kicks    # kicks remote->Linux, Linux->remote"

step "Crash it on purpose and watch the recovery"
klog_mark
show "echo 1 > $CFS/$NAME/crash"
wait_for 10 sh -c "dmesg | tail -n +$((mark + 1)) | grep -q 'is now up'"
klog_new "crash|recover|is now up|killed"
show "rproc list"
if [ "$fw" = "$FW_RPMSG" ]; then
	wait_for 30 sh -c "dmesg | tail -n +$((mark + 1)) | grep -q goodbye"
	step "The channels are back after recovery"
	klog_new "new channel|goodbye"
fi

if [ -e /lib/firmware/$FW_TTY ]; then
	step "A second remote with a virtio console: Linux writes a line to /dev/hvc0, the firmware echoes it"
	mkdir $CFS/$TTY
	echo $FW_TTY > $CFS/$TTY/firmware
	echo 1 > $CFS/$TTY/live
	tsys=/sys/class/remoteproc/$(cat $CFS/$TTY/remoteproc)
	show "rproc boot $TTY"
	wait_for 10 sh -c "for d in $tsys/*/virtio*; do grep -q 0x0003 \$d/device && [ -e \$d/driver ] && exit 0; done; exit 1"
	# hvc output spins until the remote took it: runners on CPU 1, the
	# writer on CPU 0 (see simulator.rst, "A simulated remote needs a CPU").
	for p in /proc/[0-9]*; do
		[ "$(cat $p/comm 2>/dev/null)" = rproc-sim-core ] &&
			taskset -a -p 2 ${p#/proc/} >/dev/null
	done
	printf '    $ stty raw -echo; echo "hello, remote" > /dev/hvc0; read line < /dev/hvc0\n'
	# In a session of its own: the hvc tty becomes its controlling terminal.
	taskset 1 setsid sh -c '
		exec 3<>/dev/hvc0 || exit 1
		stty raw -echo <&3
		echo "hello, remote" >&3
		read -t 10 line <&3
		exec 3<&-
		printf "      %s\n" "$line"'
	show "rproc stop $TTY"
fi

step "Stop it and remove the instance"
show "rproc stop $NAME"
raw "echo stop > $sys/state"
show "rproc list"
show "echo 0 > $CFS/$NAME/live"
show "rmdir $CFS/$NAME"
echo
echo "Done."
