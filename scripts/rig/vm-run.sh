#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# vm-run.sh SCRIPT [FILES]: boot the test kernel with SCRIPT as /vm-run.sh
# and the directory FILES as /vm-files (its working directory), print what
# it prints while it runs, and exit with its status. A kernel splat or a
# leak makes the exit status non-zero even if the script succeeded.
set -eu
. "$(dirname "$0")/common.sh"

script=$(realpath "$1")
files=${2:-}
[ -f "$script" ] || die "no such script: $1"
extra=$O/vm-run-extra
rm -rf "$extra"
mkdir -p "$extra/vm-files"
cp "$script" "$extra/vm-run.sh"
[ -n "$files" ] && cp -a "$(realpath "$files")/." "$extra/vm-files/"
(cd "$extra" && find . | cpio -o -H newc --quiet) > "$O/vm-run-extra.cpio"
VM_STREAM=1 "$REPO/scripts/rig/boot.sh" run "$O/vm-run-extra.cpio"
python3 "$REPO/scripts/rig/parse.py" --mode run "$LOGS/console.log" "$LOGS/results.log"
