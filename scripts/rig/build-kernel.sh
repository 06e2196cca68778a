#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configure and build the x86_64 test kernel and its modules in $O/x86.
# The configuration is tinyconfig plus every configs/x86/*.config fragment;
# it is regenerated only when a fragment changes. A symbol that a fragment
# asks for but that does not end up with that value (a typo, an unmet
# dependency) fails the build, so no test is silently left out.
set -eu
. "$(dirname "$0")/common.sh"

"$REPO/scripts/rig/prepare-src.sh"

frags=$(ls "$REPO"/configs/x86/*.config | sort)
stamp=$(cat $frags "$0" | sha1sum | cut -d' ' -f1)
if [ ! -f "$KOUT/.config" ] || [ "$(cat "$KOUT/.rig-config" 2>/dev/null)" != "$stamp" ]; then
	step "configuring the test kernel"
	mkdir -p "$KOUT"
	kmake -s tinyconfig >/dev/null
	(cd "$KOUT" && "$SRC/scripts/kconfig/merge_config.sh" -m -O "$KOUT" \
		"$KOUT/.config" $frags >/dev/null)
	kmake -s olddefconfig >/dev/null 2>&1 || die "olddefconfig failed"
	bad=$("$REPO/scripts/rig/config-check.sh" "$KOUT/.config" $frags) || {
		echo "$bad" >&2
		die "the test kernel configuration lacks what the fragments ask for"
	}
	echo "$stamp" > "$KOUT/.rig-config"
fi

step "building the test kernel"
kmake -s bzImage modules 2>&1 | grep -v '^  [A-Z]' || true
[ "${PIPESTATUS[0]}" -eq 0 ] || die "kernel build failed"
rm -rf "$KOUT/modroot"
kmake -s INSTALL_MOD_PATH="$KOUT/modroot" INSTALL_MOD_STRIP=1 modules_install >/dev/null
kmake -s headers >/dev/null
