#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test.sh: boot the test kernel, run every KUnit suite and selftest, judge
# the logs. Ends with "N passed, N failed"; non-zero exit on any failure,
# any kernel splat, any leak, or a guest that did not finish.
set -eu
. "$(dirname "$0")/common.sh"

step "booting the test kernel (TCG, 2 vCPUs)"
"$REPO/scripts/rig/boot.sh" test
step "results (logs in $LOGS)"
python3 "$REPO/scripts/rig/parse.py" "$LOGS/console.log" "$LOGS/results.log" \
	| tee "$LOGS/summary.txt"
exit "${PIPESTATUS[0]}"
