#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh MODE [EXTRA.cpio]: boot the test kernel with the initramfs (plus
# an optional extra archive) under QEMU/TCG with two vCPUs. The kernel
# console goes to $LOGS/console.log, the tests' output to $LOGS/results.log.
# VM_TIMEOUT (seconds) bounds the run; VM_KVM=1 opts into KVM (it hangs on
# the CI machines, so it is never the default); VM_STREAM=1 prints the
# results channel while the guest runs.
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

cmdline="console=ttyS0 panic=-1 loglevel=7 rig.mode=$mode"
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
timeout --foreground -k 10 "${VM_TIMEOUT:-1800}" \
	qemu-system-x86_64 "${accel[@]}" -smp 2,sockets=2,cores=1,threads=1 -m 2048 \
	-display none -monitor none -no-reboot \
	-serial "file:$LOGS/console.log" -serial "file:$LOGS/results.log" \
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
[ $rc -eq 124 ] && echo "rig: the guest did not finish within ${VM_TIMEOUT:-1800} s" >&2
exit 0
