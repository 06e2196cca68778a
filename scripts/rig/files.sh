# SPDX-License-Identifier: GPL-2.0
#
# Sourced: lists of the project's files that the static gates check, as
# paths relative to the repository (tracked and untracked-but-not-ignored).

project_files() {
	(cd "$REPO" && git ls-files -co --exclude-standard -- "$@" |
		while read -r f; do [ -f "$f" ] && echo "$f"; done | sort -u)
}

# Kernel C sources and headers.
kernel_c_files() {
	project_files 'drivers/*.[ch]' 'include/*.h' 'samples/*.[ch]'
}

# Userspace C: tools, firmware, selftests. The fuzzers' shim is left out:
# it re-creates kernel macros (min(), BUG_ON(), EXPORT_SYMBOL()...) under
# their kernel names, which is exactly what checkpatch warns about.
user_c_files() {
	project_files 'tools/*.[ch]' ':!tools/testing/fuzz/shim/*'
}
