#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# soak.sh: `make soak` - boot the test kernel and run the soak selftest
# (tools/testing/selftests/rproc-soak) for SOAK_CYCLES crash/recovery
# cycles (default 1000) of a simulated remote under traffic. Like vm-run,
# a splat or a kmemleak leak fails it; the figures are in the output and
# in $O/logs/soak.txt.
set -eu
. "$(dirname "$0")/common.sh"

cycles=${SOAK_CYCLES:-1000}
case $cycles in
'' | *[!0-9]*) die "SOAK_CYCLES must be a number" ;;
esac
# A cycle takes one to two seconds of guest time under TCG; leave room.
export VM_TIMEOUT=${VM_TIMEOUT:-$((cycles * 6 + 600))}

script=$O/soak-run.sh
cat > "$script" <<EOS
cd /kselftest/rproc-soak && SOAK_CYCLES=$cycles SOAK_STEP_TIMEOUT=120 ./rproc-soak.sh
EOS
step "soak: $cycles cycles (guest time bound ${VM_TIMEOUT}s)"
mkdir -p "$LOGS"
start=$(date +%s)
set +e
"$REPO/scripts/rig/vm-run.sh" "$script" "" | tee "$LOGS/soak.txt"
status=${PIPESTATUS[0]}
set -e
echo "soak: $cycles cycles, exit status $status, $(($(date +%s) - start)) s wall clock" |
	tee -a "$LOGS/soak.txt"
exit "$status"
