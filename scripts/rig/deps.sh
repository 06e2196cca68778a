#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages the rig needs, once. Every package named in
# scripts/rig/packages.txt that dpkg does not report as installed is handed
# to apt-get; a machine that already has them all costs one dpkg query.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t wanted < <(grep -v '^[[:space:]]*\(#\|$\)' "$here/packages.txt" | sort -u)
missing=()
for pkg in "${wanted[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "rig: installing ${missing[*]}"
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
