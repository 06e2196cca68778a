#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: boot the test kernel and run the demo script inside it, showing
# its output as it happens. The simulator's demo (scripts/demo/sim-demo.sh:
# a remote booting, its channels, an echo, a crash and its recovery) is used
# when present, else scripts/demo/basic.sh (what the subsystem registers).
set -eu
. "$(dirname "$0")/common.sh"

script=$REPO/scripts/demo/sim-demo.sh
[ -f "$script" ] || script=$REPO/scripts/demo/basic.sh
extra=$O/demo-extra
rm -rf "$extra"
mkdir -p "$extra"
cp "$script" "$extra/demo.sh"
(cd "$extra" && find . | cpio -o -H newc --quiet) > "$O/demo-extra.cpio"
step "booting the test kernel with $(basename "$script") (TCG, 2 vCPUs)"
VM_STREAM=1 "$REPO/scripts/rig/boot.sh" demo "$O/demo-extra.cpio"
python3 "$REPO/scripts/rig/parse.py" --mode demo "$LOGS/console.log" "$LOGS/results.log"
