#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh MODE [EXTRA.cpio]: boot the test kernel with the initramfs (plus
# an optional extra archive) under QEMU/TCG with two vCPUs. The kernel
# console goes to $LOGS/console.log, the tests' output to $LOGS/results.log.
# VM_TIMEOUT (seconds) bounds the run; VM_KVM=1 opts into KVM (it hangs on
# the CI machines, so it is never the default); VM_STREAM=1 prints the
# results channel while the guest runs; RIG_CMDLINE adds to the kernel
# command line.
set -eu
. "$(dirname "$0")/common.sh"

mode=$1
extra=${2:-}
mkdir -p "$LOGS"
initrd=$O/initramfs.cpio
if [ -n "$extra" ]; then
	cat "$initrd" "$extra" > "$O/initramfs-$mode.cpio"
	initrd=$O/initramfs-$mode.cpio
fi

cmdline="console=ttyS0 panic=-1 loglevel=7 rig.mode=$mode ${RIG_CMDLINE:-}"
for f in "$REPO"/configs/cmdline/*.txt; do
	[ -f "$f" ] && cmdline="$cmdline $(grep -v '^#' "$f" | tr '\n' ' ')"
done

# Two CPUs, one per socket: without ACPI the kernel finds CPUs in SeaBIOS's
# MP table, which lists only the first CPU of each package; two cores in
# one socket would boot a uniprocessor guest, and the simulated remote
# would not run beside Linux.
accel=(-accel tcg,thread=multi -cpu max)
[ "${VM_KVM:-0}" = 1 ] && accel=(-accel kvm -cpu host)

: > "$LOGS/console.log"
: > "$LOGS/results.log"

# The wake-up button: the guest's third serial port (ttyS2, at IRQ 15, not
# the legacy 4 that ttyS0 holds and that edges would be lost on) is a pipe
# to this script. A line "P" is answered at once with "p" (the button is
# there); a line "W<n>" is answered with "w" n seconds later: a byte that
# raises the port's interrupt, which wakes a guest sleeping in s2idle if
# the port is a wake-up source. Without ACPI the guest has no other one
# (its RTC alarm cannot wake it), and QEMU's system_wakeup needs ACPI.
wake=$LOGS/wake
rm -f "$wake.in" "$wake.out"
mkfifo "$wake.in" "$wake.out"
(
	exec 3<> "$wake.in"
	while read -r req; do
		req=${req%$'\r'}	# the guest's tty writes CR LF
		case $req in
		P) echo p >&3 ;;
		W[0-9] | W[0-9][0-9]) sleep "${req#W}" && echo w >&3 ;;
		esac
	done < "$wake.out"
) &
waker=$!

timeout --foreground -k 10 "${VM_TIMEOUT:-1800}" \
	qemu-system-x86_64 "${accel[@]}" -smp 2,sockets=2,cores=1,threads=1 -m 2560 \
	-display none -monitor none -no-reboot \
	-serial "file:$LOGS/console.log" -serial "file:$LOGS/results.log" \
	-chardev "pipe,id=wake,path=$wake" \
	-device isa-serial,chardev=wake,iobase=0x3e8,irq=15 \
	-kernel "$KOUT/arch/x86/boot/bzImage" -initrd "$initrd" \
	-append "$cmdline" &
qemu=$!
if [ "${VM_STREAM:-0}" = 1 ]; then
	tail -n +1 -f --pid=$qemu "$LOGS/results.log" | grep --line-buffered -v '^RIG-'
fi
set +e
wait $qemu
rc=$?
set -e
kill "$waker" 2>/dev/null || true
rm -f "$wake.in" "$wake.out"
[ $rc -eq 124 ] && echo "rig: the guest did not finish within ${VM_TIMEOUT:-1800} s" >&2
exit 0
