#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Validate the project's devicetree bindings (schemas and their examples)
# with `make dt_binding_check` in $O/src, using Debian's dt-schema. Exits
# non-zero when a schema or an example does not validate.
set -eu
. "$(dirname "$0")/common.sh"

command -v dt-doc-validate >/dev/null ||
	die "dt-schema is not installed (see scripts/rig/packages.txt)"

"$REPO/scripts/rig/prepare-src.sh"

cd "$REPO"
files=$(git ls-files -co --exclude-standard -- \
	'Documentation/devicetree/bindings/*.yaml' | sort)
[ -n "$files" ] || { echo "dt-check: no bindings"; exit 0; }

step "checking devicetree bindings"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
n=0
failed=0
# This kernel's dt_binding_check takes one pattern, matched as a substring
# of the schema paths: check one binding at a time, one result line each.
for f in $files; do
	n=$((n + 1))
	rc=0
	make -C "$SRC" O="$O/dt" ARCH=arm -j"$JOBS" dt_binding_check \
		DT_SCHEMA_FILES="${f#Documentation/devicetree/bindings/}" \
		>"$log" 2>&1 || rc=1
	# dt-validate reports a problem without failing make: any line other
	# than kbuild's progress lines is a problem.
	if grep -Ev '^make|^  [A-Z_]+ +[^ ]+$' "$log" | grep -q .; then
		rc=1
	fi
	if [ "$rc" -eq 0 ]; then
		echo "ok $n dt-binding: $(basename "$f")"
	else
		cat "$log" >&2
		echo "not ok $n dt-binding: $(basename "$f")"
		failed=$((failed + 1))
	fi
done
exit $((failed > 0))
