#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# config-check.sh CONFIG FRAGMENT...: print every request of the fragments
# that CONFIG does not satisfy; exit 1 if there is any.
set -eu
config=$1
shift
status=0
while read -r line; do
	case "$line" in
	CONFIG_*=*)
		sym=${line%%=*}
		want=$line
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		want=$line
		;;
	*)
		continue
		;;
	esac
	have=$(grep -E "^($sym=|# $sym is not set)" "$config" || true)
	if [ "$want" != "$have" ] && ! { [ -z "$have" ] && [ "$want" = "# $sym is not set" ]; }; then
		echo "config: asked for '$want', got '${have:-nothing}'"
		status=1
	fi
done < <(cat "$@")
exit $status
