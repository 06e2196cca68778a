#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The documentation gate: build this series' part of the documentation with
# the kernel's own Sphinx configuration and extensions (kernel-doc
# included), and fail on any warning; check that the books link it; and
# validate its Documentation/ABI files with scripts/get_abi.pl.
#
# Only our guides are built (a book of their own in $O/docs/src that links
# the tree's driver-api/remoteproc, driver-api/rpmsg and
# userspace-api/rpmsg.rst), not the whole userspace-api book, which would
# take minutes for the media documentation alone.
set -u
. "$(dirname "$0")/common.sh"

"$REPO/scripts/rig/prepare-src.sh" || exit 1
mkdir -p "$LOGS"
n=0
failed=0
result() { ktap_result docs "$@"; }

out=$O/docs
book=$out/src
rm -rf "$book"
mkdir -p "$book/userspace"
ln -s "$SRC/Documentation/driver-api/remoteproc" "$book/remoteproc"
ln -s "$SRC/Documentation/driver-api/rpmsg" "$book/rpmsg"
ln -s "$SRC/Documentation/userspace-api/rpmsg.rst" "$book/userspace/rpmsg.rst"
cat > "$book/index.rst" <<'EOF'
=========================================
remoteproc and rpmsg (documentation gate)
=========================================

.. toctree::
   :maxdepth: 1

   remoteproc/index
   rpmsg/index
   userspace/rpmsg
EOF

step "docs: Sphinx build of the remoteproc and rpmsg guides"
log=$LOGS/docs-sphinx.log
(cd "$SRC/Documentation" && srctree=$SRC BUILDDIR=$out PYTHONDONTWRITEBYTECODE=1 \
	sphinx-build -b html -q -c "$SRC/Documentation" -d "$out/.doctrees" \
	-D version=6.1 -D release=6.1 "$book" "$out/html") > "$log" 2>&1
rc=$?
# kfigure's note that graphviz is missing is about figures we do not have.
bad=$(grep -E 'WARNING|ERROR|CRITICAL' "$log" | grep -v 'dot(1) not found')
[ -n "$bad" ] && echo "$bad"
[ $rc -eq 0 ] && [ -z "$bad" ]
rc=$?
result "sphinx, no warnings (log: $log)" $rc

step "docs: the books link the guides"
miss=
grep -qx '   remoteproc/index' "$SRC/Documentation/driver-api/index.rst" || miss="$miss driver-api/remoteproc"
grep -qx '   rpmsg/index' "$SRC/Documentation/driver-api/index.rst" || miss="$miss driver-api/rpmsg"
grep -qx '   rpmsg' "$SRC/Documentation/userspace-api/index.rst" || miss="$miss userspace-api/rpmsg"
[ -n "$miss" ] && echo "not in a table of contents:$miss"
[ -z "$miss" ]
result "toctrees" $?

step "docs: Documentation/ABI"
abi=$(cd "$REPO" && git ls-files 'Documentation/ABI/*')
bad=$(cd "$SRC" && perl scripts/get_abi.pl validate --dir Documentation/ABI 2>&1 |
	grep -F "$(echo "$abi" | sed 's|^Documentation/ABI/||')")
[ -n "$bad" ] && echo "$bad"
[ -z "$bad" ]
rc=$?
result "get_abi.pl validate ($(echo "$abi" | wc -w) files)" $rc

[ $failed -eq 0 ]
