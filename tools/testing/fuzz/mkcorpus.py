#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpora of the fuzz harnesses into corpus/<harness>/.

Valid inputs of each kind plus a few edge cases. ELF images are made by
tools/remoteproc's rproc-mkimage (built here with the host compiler) from
descriptions matching the device memory the ELF harness maps. Run it again
after changing the input format of a harness; the output is deterministic.
"""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
OUT = os.path.join(HERE, 'corpus')


def put(harness, name, data):
    d = os.path.join(OUT, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def name32(s):
    return s.encode().ljust(32, b'\0')


# ---- resource tables ----
def carveout(name, da=0, pa=0, length=0x1000, flags=0, reserved=0):
    return struct.pack('<I5I', 0, da, pa, length, flags, reserved) + name32(name)


def devmem(name, da=0x30000000, pa=0x40000000, length=0x1000):
    return struct.pack('<I5I', 1, da, pa, length, 0, 0) + name32(name)


def trace(name, da=0x2000, length=0x400):
    return struct.pack('<I3I', 2, da, length, 0) + name32(name)


def vdev(vrings, config=b'', vid=7, features=1):
    body = struct.pack('<I5I2B2B', 3, vid, 0, features, 0, len(config),
                       len(vrings), 0, 0, 0)
    for da, align, num in vrings:
        body += struct.pack('<5I', da, align, num, 0, 0)
    return body + config


def vendor(typ, data=b''):
    return struct.pack('<I', typ) + data


def table(entries, ver=1):
    hdr = 16 + 4 * len(entries)
    offs, body = [], b''
    for e in entries:
        offs.append(hdr + len(body))
        body += e
        body += b'\0' * (-len(body) % 4)
    return struct.pack('<4I', ver, len(entries), 0, 0) + \
        b''.join(struct.pack('<I', o) for o in offs) + body


VRINGS = [(0xffffffff, 16, 256), (0xffffffff, 16, 256)]
FULL = table([carveout('text', 0x0, 0, 0x10000), trace('trace0'),
              vdev(VRINGS, struct.pack('<II', 512, 512), features=3),
              devmem('regs'), vendor(130, b'abcd')])


def rsc_tables():
    put('rsc_table', 'full', FULL)
    put('rsc_table', 'empty', table([]))
    put('rsc_table', 'vdev-only', table([vdev(VRINGS)]))
    put('rsc_table', 'unknown-type', table([vendor(7, b'\0' * 8)]))
    put('rsc_table', 'vdev-config-past-end', table([vdev(VRINGS)])[:-4] +
        b'\0\0\0\0' + b'')
    bad = bytearray(table([carveout('x')]))
    struct.pack_into('<I', bad, 16, 18)  # misaligned offset
    put('rsc_table', 'misaligned', bytes(bad))
    put('rsc_table', 'truncated-header', FULL[:12])
    put('rsc_table', 'num-huge', struct.pack('<4I', 1, 0x40000000, 0, 0))
    put('rsc_table', 'unterminated-name',
        table([carveout('x')])[:-32] + b'A' * 32)


# ---- ELF images through rproc-mkimage ----
ELF_DESCS = {
    'elf32-table': """class 32
machine none
entry 0x100
segment da=0x0 fill=0x11 size=0x200 memsz=0x400
segment da=0x10000 fill=0x22 size=0x100
table da=0x20000000
carveout name=text da=0x0 pa=0x0 len=0x10000
trace name=trace0 da=0x2000 len=0x400
vdev id=7 dfeatures=1
vring da=any align=16 num=256
vring da=any align=16 num=256
""",
    'elf64-table': """class 64
machine none
entry 0x200
segment da=0x100 fill=0x33 size=0x80 memsz=0x1000
table da=0x20000100
vdev id=7 dfeatures=3 config-hex=0002000000020000
vring da=any align=4096 num=64
vring da=any align=4096 num=64
""",
    'elf32-no-table': """class 32
machine none
segment da=0x0 fill=0x44 size=0x40
""",
    'elf32-overlap': """class 32
machine none
segment da=0x0 fill=0x44 size=0x100
segment da=0x80 fill=0x55 size=0x100
table da=0x20000000
trace name=t da=0x2000 len=0x400
""",
    'elf32-across-regions': """class 32
machine none
segment da=0xff00 fill=0x66 size=0x200
""",
}


def elf_images():
    tools = os.path.join(REPO, 'tools', 'remoteproc')
    with tempfile.TemporaryDirectory() as tmp:
        mk = os.path.join(tmp, 'rproc-mkimage')
        subprocess.check_call(
            ['cc', '-std=gnu99', '-O1', '-I' + os.path.join(REPO, 'drivers', 'remoteproc'),
             '-o', mk, os.path.join(tools, 'rproc-mkimage.c'),
             os.path.join(tools, 'rproc_check.c')])
        for name, desc in sorted(ELF_DESCS.items()):
            path = os.path.join(tmp, name)
            subprocess.run([mk, '-f', '-o', path, '-'], input=desc.encode(),
                           check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            with open(path, 'rb') as f:
                img = f.read()
            put('elf', name, img)
            if name == 'elf32-table':
                put('elf', name + '-truncated', img[:len(img) // 2])
                put('elf', name + '-header-only', img[:52])


# ---- name service: [byte order][payload] ----
def ns_msg(name, addr, flags, le=True):
    e = '<' if le else '>'
    return name32(name) + struct.pack(e + 'II', addr, flags)


def ns_msgs():
    put('rpmsg_ns', 'create-le', b'\1' + ns_msg('rpmsg-raw', 0x400, 0))
    put('rpmsg_ns', 'destroy-le', b'\1' + ns_msg('rpmsg-raw', 0x400, 1))
    put('rpmsg_ns', 'create-be', b'\0' + ns_msg('rpmsg-client-sample', 0x401, 0, False))
    put('rpmsg_ns', 'bad-flags', b'\1' + ns_msg('x', 1, 7))
    put('rpmsg_ns', 'name-unterminated', b'\1' + b'N' * 32 + struct.pack('<II', 1, 0))
    put('rpmsg_ns', 'short', b'\1' + ns_msg('x', 1, 0)[:36])


# ---- receive path: [flags] then [used:u16][ctl:u8][n:u16][bytes] ----
def rx_rec(src, dst, payload, used=None, ctl=0, le=True):
    e = '<' if le else '>'
    buf = struct.pack(e + 'IIIHH', src, dst, 0, len(payload), 0) + payload
    used = len(buf) if used is None else used
    return struct.pack('<HBH', used, ctl, len(buf)) + buf


def rx_streams():
    put('rpmsg_rx', 'three-le', b'\1' + rx_rec(0x400, 0x35, b'hello') +
        rx_rec(0x401, 0x400, b'x' * 100, ctl=1) + rx_rec(5, 6, b'', ctl=2))
    put('rpmsg_rx', 'be', b'\0' + rx_rec(1, 2, b'abc', le=False))
    put('rpmsg_rx', 'len-past-used', b'\1' + rx_rec(1, 2, b'abcdef', used=20))
    put('rpmsg_rx', 'used-past-buf', b'\1' + rx_rec(1, 2, b'a', used=0xffff))
    put('rpmsg_rx', 'used-short', b'\1' + rx_rec(1, 2, b'', used=8))
    put('rpmsg_rx', 'many-sleeping', b'\3' + b''.join(
        rx_rec(i, 0x400, bytes([i]) * i, ctl=1 | (i % 3 == 0) << 1)
        for i in range(40)))


# ---- device config: [features][cfg before:8][cfg after:8][rx ring][tx ring][flags] ----
def cfg(features, before, after, rx=256, tx=256, le=1):
    return bytes([features]) + struct.pack('<II', *before) + \
        struct.pack('<II', *after) + struct.pack('<HHB', rx, tx, le)


def configs():
    put('vrp_config', 'ns-512', cfg(1, (512, 512), (512, 512)))
    put('vrp_config', 'bufsizes-4k', cfg(3, (4096, 1024), (4096, 1024)))
    put('vrp_config', 'bufsizes-64k', cfg(2, (65536, 65536), (65536, 65536), 8, 8))
    put('vrp_config', 'bufsizes-rewritten', cfg(3, (2048, 2048), (100, 2048)))
    put('vrp_config', 'bufsizes-bad', cfg(3, (513, 0), (513, 0)))
    put('vrp_config', 'ring-empty', cfg(1, (512, 512), (512, 512), 0, 16))
    put('vrp_config', 'ring-odd', cfg(3, (1024, 512), (1024, 512), 3, 1000, 0))


# ---- rpmsg_ctrl: [cmd][ctl][user buffer] ----
def ept_info(name, src, dst):
    return name32(name) + struct.pack('<II', src, dst)


def ctrl_inputs():
    put('rpmsg_ctrl', 'create-ept', b'\0\0' + ept_info('rpmsg-raw', 0x400, 0x401))
    put('rpmsg_ctrl', 'create-dev', b'\1\0' + ept_info('rpmsg-raw', 0xffffffff, 0x402))
    put('rpmsg_ctrl', 'release-dev', b'\2\0' + ept_info('rpmsg-raw', 0xffffffff, 0x402))
    put('rpmsg_ctrl', 'release-ctrl', b'\2\0' + ept_info('rpmsg_ctrl', 0, 0))
    put('rpmsg_ctrl', 'ept-fd', b'\3\0' + ept_info('e', 0xffffffff, 5) +
        struct.pack('<Ii', 0o2000000, -1))
    put('rpmsg_ctrl', 'ept-fd-readonly', b'\3\1' + ept_info('e', 1, 5) +
        struct.pack('<Ii', 0, -1))
    put('rpmsg_ctrl', 'create-dev-empty', b'\1\0' + ept_info('', 1, 2))
    put('rpmsg_ctrl', 'short', b'\0\0' + ept_info('abc', 1, 2)[:20])
    put('rpmsg_ctrl', 'unknown-cmd', b'\x09\0' + struct.pack('<I', 0xc030b508))


# ---- rpmsg_char: [mtu:s16][dst][flags] then [op][len:u16][bytes] ----
def char_op(op, data=b'', length=None):
    return struct.pack('<BH', op, len(data) if length is None else length) + data


def char_batch_op(k, fails):
    """The op byte of a SEND_BATCH of k messages: op % 5 == 2, bit 6 set,
    bits 4-5 k - 1, bit 3 the transport failing, bit 7 (copying) clear"""
    for op in range(0x40, 0x80):
        if (op % 5 == 2 and op >> 4 & 3 == k - 1 and
                bool(op & 8) == fails):
            return op
    raise ValueError((k, fails))


def char_inputs():
    hdr = struct.pack('<hBB', 496, 5, 2)
    put('rpmsg_char', 'rx-read-write', hdr + char_op(0, b'hello') +
        char_op(4) + char_op(1, length=3) + char_op(1, length=64) +
        char_op(2, b'ping') + char_op(4))
    put('rpmsg_char', 'write-too-big', struct.pack('<hBB', 16, 5, 2) +
        char_op(2, b'x' * 17))
    put('rpmsg_char', 'write-no-dst', struct.pack('<hBB', 496, 0xff, 2) +
        char_op(2, b'abc'))
    put('rpmsg_char', 'ioctls', hdr + char_op(3 | 1 << 3) +
        char_op(3 | 2 << 3, length=1) + char_op(3 | 2 << 3, length=2) +
        char_op(3 | 3 << 3, length=0x1234) + char_op(3) + char_op(1, length=8) +
        char_op(2, b'late'))
    put('rpmsg_char', 'bad-rx-length', hdr + char_op(0x80, b'a') + char_op(4))
    put('rpmsg_char', 'queue-full', hdr + b''.join(
        char_op(0, bytes([i]) * 200) for i in range(6)) + char_op(1, length=200))
    put('rpmsg_char', 'bad-flags', struct.pack('<hBB', 496, 5, 3))
    put('rpmsg_char', 'mtu-negative', struct.pack('<hBB', -22, 5, 6) +
        char_op(2, b''))
    put('rpmsg_char', 'batch-write', hdr + char_op(char_batch_op(3, False),
                                                   b'three') + char_op(4))
    put('rpmsg_char', 'batch-write-fails', hdr +
        char_op(char_batch_op(2, True), b'lost') + char_op(4))


def main():
    rsc_tables()
    elf_images()
    ns_msgs()
    rx_streams()
    configs()
    ctrl_inputs()
    char_inputs()
    return 0


if __name__ == '__main__':
    sys.exit(main())
