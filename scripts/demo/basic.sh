#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Demo shown when no simulator demo is available: what the subsystem
# registered in the booted kernel.

title() {
	printf '\n### %s\n' "$*"
}

title "kernel"
uname -a
title "remote processors (/sys/class/remoteproc)"
for r in /sys/class/remoteproc/*; do
	[ -e "$r" ] || { echo "(none registered)"; break; }
	printf '%s: name=%s state=%s firmware=%s\n' "${r##*/}" \
		"$(cat "$r/name")" "$(cat "$r/state")" "$(cat "$r/firmware")"
done
title "rpmsg bus (/sys/bus/rpmsg)"
ls /sys/bus/rpmsg/devices /sys/bus/rpmsg/drivers 2>&1
title "KUnit suites that ran at boot"
for f in /sys/kernel/debug/kunit/*/results; do
	[ -e "$f" ] || break
	d=${f%/results}
	printf '%-40s %s\n' "${d##*/}" "$(tail -n 1 "$f")"
done
