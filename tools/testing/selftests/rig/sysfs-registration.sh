#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The subsystem registers its class and bus at boot: /sys/class/remoteproc
# and /sys/bus/rpmsg exist, and the test environment is what the rig
# promises (debugfs, configfs, KUnit results).

n=0
failed=0
check() {
	n=$((n + 1))
	desc=$1
	shift
	if "$@"; then
		echo "ok $n $desc"
	else
		echo "not ok $n $desc"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"
echo "1..5"
check "debugfs is mounted" grep -q " /sys/kernel/debug debugfs " /proc/mounts
check "configfs is mounted" grep -q " /sys/kernel/config configfs " /proc/mounts
check "kunit results are in debugfs" test -d /sys/kernel/debug/kunit
check "remoteproc class is registered" test -d /sys/class/remoteproc
check "rpmsg bus is registered" test -d /sys/bus/rpmsg/devices
[ $failed -eq 0 ]
