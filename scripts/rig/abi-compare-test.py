#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Show that abi-compare.py catches what it is there to catch.

abi-compare-test.py [ALLOW]

Runs abi-compare.py on fabricated records: a mainline record shaped like
what scripts/abi/guest.sh prints, and copies of it with one deliberate
difference each (a value, a mode, a missing or an extra file, a moved
device, a uevent variable, a stable log line, a guest error). Each case states whether the
comparison must pass or fail, and in which state. ALLOW defaults to
scripts/abi/allow.txt, so the real allow-list is what is tested: a rule
that accepted too much would turn a "must fail" case green. Prints one
"ok N" / "not ok N" line per case and "N passed, N failed".
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, 'abi-compare.py')
STATES = ['created', 'running', 'endpoint', 'override', 'stopped', 'crashed',
          'removed']

CHAN = 'virtio0.rpmsg-echo.-1.30'
BASE = {
    'created': [
        'root /devices/platform/rproc-sim.0.auto/remoteproc/remoteproc0',
        'rproc/firmware f 0644 = rproc-sim-echo.elf\\n',
        'rproc/recovery f 0644 = enabled\\n',
        'rproc/state f 0644 = offline\\n',
        'rproc/dev f 0444 = 253:0\\n',
        'proc-devices 253 remoteproc',
        'uevent ACTION=add DEVPATH=/devices/platform/rproc-sim.0.auto'
        '/remoteproc/remoteproc0 SUBSYSTEM=remoteproc MAJOR=253 MINOR=0 '
        'DEVNAME=remoteproc0 DEVTYPE=remoteproc SEQNUM=812',
    ],
    'running': [
        'rproc/state f 0644 = running\\n',
        'log remoteproc remoteproc0: powering up abi',
        'log remoteproc remoteproc0: remote processor abi is now up',
        'log virtio_rpmsg_bus virtio0: rpmsg host is online',
        'rproc/rproc-virtio.0.auto/virtio0 d 0755',
        f'bus/rpmsg/devices/{CHAN} l -> ../../../devices/platform/'
        f'rproc-sim.0.auto/remoteproc/remoteproc0/rproc-virtio.0.auto/'
        f'virtio0/{CHAN}',
        f'rproc/rproc-virtio.0.auto/virtio0/{CHAN}/driver_override '
        'f 0644 = (null)\\n',
    ],
    'endpoint': [
        'rproc/rproc-virtio.0.auto/virtio0/virtio0.rpmsg_ctrl.0.0/'
        'rpmsg_ctrl0/rpmsg0/src f 0444 = 1025\\n',
        'dev/rpmsg0 c 0600 250:0',
        'proc-devices 250 rpmsg',
        'uevent ACTION=add DEVPATH=/devices/x/rpmsg/rpmsg0 SUBSYSTEM=rpmsg '
        'MAJOR=250 MINOR=0 DEVNAME=rpmsg0 SEQNUM=900',
    ],
    'override': ['rproc/state f 0644 = running\\n'],
    'stopped': ['rproc/state f 0644 = offline\\n'],
    'crashed': ['rproc/state f 0644 = crashed\\n'],
    'removed': [
        'uevent ACTION=remove DEVPATH=/devices/platform/rproc-sim.0.auto '
        'SUBSYSTEM=platform SEQNUM=990',
    ],
}


def record(changes=None, extra=None, drop=None):
    """The base record with line substitutions, additions and removals."""
    out = []
    for state in STATES:
        for line in BASE[state]:
            if drop and drop[0] == state and re.search(drop[1], line):
                continue
            if changes and changes[0] == state:
                line = re.sub(changes[1], changes[2], line)
            out.append(f'ABI {state} {line}')
        if extra and extra[0] == state:
            out.append(f'ABI {state} {extra[1]}')
    out.append('ABI-DONE')
    return out


# (name, ours, expected: None = pass, else the state that must fail)
CASES = [
    ('identical records pass', record(), None),
    ('device numbers allocated differently pass',
     record(changes=('endpoint', r'250', '248')), None),
    ('sequence numbers differ and pass',
     record(changes=('created', r'SEQNUM=812', 'SEQNUM=3')), None),
    ('driver_override empty instead of (null) fails',
     record(changes=('running', r'= \(null\)', '= ')), 'running'),
    ('a mode changed fails',
     record(changes=('created', r'recovery f 0644', 'recovery f 0444')),
     'created'),
    ('vdev parent renamed fails',
     record(changes=('running', r'rproc-virtio\.0\.auto', 'remoteproc0#vdev0')),
     'running'),
    ('a missing attribute fails',
     record(drop=('created', r'rproc/firmware')), 'created'),
    ('an undocumented extra attribute fails',
     record(extra=('crashed', 'rproc/coredump_size f 0444 = 0\\n')), 'crashed'),
    ('a documented extra attribute passes',
     record(extra=('endpoint', 'rproc/rproc-virtio.0.auto/virtio0/'
                   'virtio0.rpmsg_ctrl.0.0/rpmsg_ctrl0/rpmsg0/local_addr '
                   'f 0444 = 1025\\n')), None),
    ('an extra uevent variable fails',
     record(changes=('endpoint', r'DEVNAME=rpmsg0',
                     'DEVNAME=rpmsg0 DEVTYPE=rpmsg_eptdev')), 'endpoint'),
    ('a documented extra uevent variable passes',
     record(changes=('endpoint', r'DEVNAME=rpmsg0',
                     'DEVNAME=rpmsg0 RPMSG_SRC=1025')), None),
    ('a uevent less fails',
     record(drop=('removed', r'ACTION=remove')), 'removed'),
    ('a state value differs and fails',
     record(changes=('stopped', r'offline', 'suspended')), 'stopped'),
    ('a stable log line reworded fails',
     record(changes=('running', r'is now up', 'is up')), 'running'),
    ('a stable log line missing fails',
     record(drop=('running', r'rpmsg host is online')), 'running'),
    ('other log lines may differ',
     record(extra=('running', 'log remoteproc remoteproc0: rpmsg: 256 '
                   'buffers')), None),
    ('a guest error fails',
     record() + ['ABI-ERROR running: timed out'], 'guests'),
    ('a missing state fails',
     [x for x in record() if not x.startswith('ABI crashed ')], 'crashed'),
]


def main():
    allow = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(HERE, '..', 'abi', 'allow.txt')
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        mpath = os.path.join(tmp, 'mainline.txt')
        opath = os.path.join(tmp, 'ours.txt')
        with open(mpath, 'w') as f:
            f.write('\n'.join(record()) + '\n')
        for n, (name, ours, expect) in enumerate(CASES, 1):
            with open(opath, 'w') as f:
                f.write('\n'.join(ours) + '\n')
            res = subprocess.run([sys.executable, COMPARE, allow, mpath, opath],
                                 capture_output=True, text=True)
            bad = set(re.findall(r'^not ok \d+ abi-diff (\S+)', res.stdout,
                                 re.M))
            want = {expect} if expect else set()
            good = bad == want and (res.returncode != 0) == bool(expect)
            if good:
                passed += 1
                print(f'ok {n} abi-compare {name}')
            else:
                failed += 1
                print(f'not ok {n} abi-compare {name} # exit '
                      f'{res.returncode}, failed states {sorted(bad)}, '
                      f'expected {sorted(want)}')
                sys.stdout.write(res.stdout + res.stderr)
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
