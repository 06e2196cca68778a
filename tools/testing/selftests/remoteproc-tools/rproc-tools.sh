#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Selftests for rproc-mkimage and rproc-inspect (tools/remoteproc): build
# images from descriptions, inspect them, corrupt them byte by byte and
# check that rproc-inspect refuses them with the error code the kernel's
# loader returns. Output is KTAP; exit 0 = all passed, 1 = a failure,
# 4 = skip (tools not installed).

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4
NTESTS=17

MK=$(command -v rproc-mkimage)
IN=$(command -v rproc-inspect)
T=$(mktemp -d /tmp/rproc-tools.XXXXXX) || exit $KSFT_FAIL
nr=0
failed=0

cleanup() {
	rm -rf "$T"
}
trap cleanup EXIT

if [ -z "$MK" ] || [ -z "$IN" ]; then
	echo "TAP version 13"
	echo "1..0 # SKIP rproc-mkimage or rproc-inspect not installed"
	exit $KSFT_SKIP
fi

ok() {
	nr=$((nr + 1))
	echo "ok $nr $1"
}

not_ok() {
	nr=$((nr + 1))
	failed=$((failed + 1))
	echo "not ok $nr $1"
}

# check NAME CMD...: the case passes if CMD succeeds.
check() {
	name=$1
	shift
	if "$@" > "$T/log" 2>&1; then
		ok "$name"
	else
		sed -e 's/^/# /' "$T/log"
		not_ok "$name"
	fi
}

# poke FILE OFFSET OCTAL...: overwrite bytes of FILE at OFFSET.
poke() {
	f=$1
	off=$2
	shift 2
	for b in "$@"; do
		printf "\\$b" | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
		off=$((off + 1))
	done
}

# refused IMAGE CODE [inspect options]: inspect exits 1 naming CODE.
refused() {
	img=$1
	code=$2
	shift 2
	"$IN" "$@" "$img" > "$T/out" 2> "$T/err"
	rc=$?
	cat "$T/err"
	[ $rc -eq 1 ] && grep -q "invalid: .*\[$code\]" "$T/err"
}

# mk_refused DESC CODE: mkimage refuses DESC naming CODE, writes nothing.
mk_refused() {
	"$MK" -o "$T/refused.elf" "$1" 2> "$T/err"
	rc=$?
	cat "$T/err"
	[ $rc -eq 1 ] && grep -q "\[$2\]" "$T/err" && [ ! -e "$T/refused.elf" ]
}

# Description of a complete firmware: three segments, every resource type.
write_desc() {
	cat > "$T/fw$1.txt" <<-EOD
	# test firmware, ELF$1
	class $1
	machine arm
	entry 0x1004
	segment name=.text da=0x1000 file=$T/code.bin memsz=0x200 flags=rx
	segment name=.bss da=0x2000 memsz=0x100 flags=rw
	segment name=.data da=0x3000 fill=0x5a size=0x20
	table da=0x4000
	carveout name=ddr da=0x10000000 pa=any len=1M
	devmem name=uart da=0x4a000000 pa=0x4a000000 len=4K
	trace name=trace0 da=0x8000 len=0x1000
	vdev id=7 dfeatures=1 config=8
	vring da=any align=0x1000 num=256
	vring da=any align=0x1000 num=256
	vendor type=130 data=deadbeef
	EOD
}

build32() {
	"$MK" -o "$T/fw32.elf" "$T/fw32.txt" && "$IN" "$T/fw32.elf" > "$T/out" &&
	grep -q "^ELF32 machine 40 entry 0x1004" "$T/out" &&
	grep -q "resource table: .* version 1, 5 entries" "$T/out" &&
	grep -q "vring1 da=any align=0x1000 num=256" "$T/out" &&
	grep -q "vendor   type=130, 4 bytes" "$T/out"
}

build64() {
	"$MK" -o "$T/fw64.elf" "$T/fw64.txt" && "$IN" "$T/fw64.elf" > "$T/out" &&
	grep -q "^ELF64 machine 40" "$T/out" && grep -q ": valid$" "$T/out"
}

# The .text segment carries code.bin byte for byte, zero-padded in memory.
file_segment() {
	line=$("$IN" "$T/fw32.elf" | grep "da 0x00001000") || return 1
	echo "$line"
	off=$(echo "$line" | sed -n 's/.*offset \(0x[0-9a-f]*\).*/\1/p')
	echo "$line" | grep -q "filesz 0x000064 memsz 0x000200" || return 1
	dd if="$T/fw32.elf" of="$T/text.bin" bs=1 skip=$((off)) count=100 \
		2>/dev/null
	cmp "$T/code.bin" "$T/text.bin"
}

corrupt() {
	cp "$T/fw32.elf" "$T/bad.elf"
	poke "$T/bad.elf" "$@"
}

bad_magic() {
	corrupt 1 145		# 'e'
	refused "$T/bad.elf" ENOEXEC
}

truncated() {
	head -c 40 "$T/fw32.elf" > "$T/bad.elf"
	refused "$T/bad.elf" EBADMSG
}

big_endian() {
	corrupt 5 002		# EI_DATA = ELFDATA2MSB
	refused "$T/bad.elf" EOPNOTSUPP
}

class_mismatch() {
	refused "$T/fw32.elf" EOPNOTSUPP -c 64 && "$IN" -q -c 32 "$T/fw32.elf"
}

bad_shstrndx() {
	corrupt 50 143 000	# e_shstrndx (ELF32 offset 50) = 99
	refused "$T/bad.elf" EPROTO
}

bad_table_version() {
	off=$("$IN" "$T/fw32.elf" |
	      sed -n 's/.*\.resource_table .*offset \(0x[0-9a-f]*\).*/\1/p')
	[ -n "$off" ] || return 1
	corrupt $((off)) 002
	refused "$T/bad.elf" EPROTONOSUPPORT
}

overlap() {
	printf 'segment da=0x1000 memsz=0x100\nsegment da=0x10f0 memsz=0x20\n' \
		> "$T/ov.txt"
	mk_refused "$T/ov.txt" EADDRINUSE || return 1
	"$MK" -f -o "$T/ov.elf" "$T/ov.txt" 2>/dev/null &&
	refused "$T/ov.elf" EADDRINUSE
}

bad_vring() {
	sed 's/num=256$/num=96/' "$T/fw32.txt" > "$T/vr.txt"
	mk_refused "$T/vr.txt" EDOM
}

placement() {
	"$IN" -q -m 0x1000:0x4000 -m 0x4000:0x200 "$T/fw32.elf" &&
	refused "$T/fw32.elf" ERANGE -m 0x1000:0x1000 -m 0x3000:0x2000
}

syntax_error() {
	printf 'class 32\nsegment da=0x1000 memsz=0x10\nvdev id=7 bogus=1\n' \
		> "$T/syn.txt"
	"$MK" -o "$T/syn.elf" "$T/syn.txt" 2> "$T/err"
	rc=$?
	cat "$T/err"
	[ $rc -eq 1 ] && grep -q "syn.txt:3: unknown key 'bogus'" "$T/err"
}

io_error() {
	"$IN" "$T/does-not-exist.elf" 2>/dev/null
	[ $? -eq 2 ]
}

# Images from a real linker (the simulator's test firmware) pass too.
linker_images() {
	n=0
	for f in /lib/firmware/rproc-sim-*.elf; do
		[ -e "$f" ] || continue
		"$IN" -q "$f" || return 1
		n=$((n + 1))
	done
	echo "$n images checked"
	[ $n -gt 0 ]
}

# rc WANT CMD...: CMD exits with status WANT.
rc() {
	want=$1
	shift
	"$@" > "$T/out" 2>&1
	got=$?
	[ $got -eq "$want" ] && return 0
	echo "'$*' exited $got, not $want"
	return 1
}

cli_usage() {
	rc 0 "$IN" --help && grep -q -- '--region' "$T/out" &&
	rc 0 "$IN" -h && rc 0 "$MK" --help && rc 0 "$MK" -h &&
	rc 2 "$IN" && rc 2 "$MK" "$T/fw32.txt" &&
	rc 2 "$IN" --bogus "$T/fw32.elf" && rc 2 "$MK" --bogus &&
	rc 2 "$IN" -c 33 "$T/fw32.elf" && rc 2 "$IN" -M 70000 "$T/fw32.elf" &&
	rc 2 "$IN" -M 12x "$T/fw32.elf" && rc 2 "$IN" -m 0x1000 "$T/fw32.elf" &&
	rc 2 "$IN" -m 0x1000:0 "$T/fw32.elf" &&
	rc 2 "$IN" -m -1:0x100 "$T/fw32.elf" &&
	rc 0 "$IN" -q --class 32 "$T/fw32.elf"
}

echo "TAP version 13"
echo "1..$NTESTS"

dd if=/dev/urandom of="$T/code.bin" bs=100 count=1 2>/dev/null
write_desc 32
write_desc 64

check "mkimage builds a valid ELF32 image with every resource" build32
check "mkimage builds a valid ELF64 image" build64
check "file segment copied byte for byte" file_segment
check "bad magic refused (ENOEXEC)" bad_magic
check "truncated header refused (EBADMSG)" truncated
check "big-endian image refused (EOPNOTSUPP)" big_endian
check "class other than the processor's refused (EOPNOTSUPP)" class_mismatch
check "e_shstrndx out of range refused (EPROTO)" bad_shstrndx
check "resource table version 2 refused (EPROTONOSUPPORT)" bad_table_version
check "overlapping segments refused (EADDRINUSE)" overlap
check "vring size not a power of two refused (EDOM)" bad_vring
check "segments outside mapped memory refused (ERANGE)" placement
check "description error reported with its line" syntax_error
check "unreadable image gives exit status 2" io_error
if ls /lib/firmware/rproc-sim-*.elf > /dev/null 2>&1; then
	check "linker-made firmware images are valid" linker_images
else
	ok "linker-made firmware images are valid # SKIP none installed"
fi
check "--help exits 0, bad usage and bad numbers exit 2" cli_usage
check "mkimage -h documents the syntax" sh -c "\"$MK\" -h | grep -q 'vring da=ADDR'"

echo "# $((nr - failed)) passed, $failed failed"
[ $failed -eq 0 ] && exit $KSFT_PASS
exit $KSFT_FAIL
