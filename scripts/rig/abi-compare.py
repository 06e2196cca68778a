#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare what userspace saw on mainline 6.1 and on our kernel.

abi-compare.py ALLOW MAINLINE OURS

MAINLINE and OURS hold the "ABI <state> ..." lines scripts/abi/guest.sh
printed on each kernel. Per state, the records are normalised (character
device majors become the name /proc/devices gives them, uevent sequence
numbers and the guest's own marker events go, each uevent's variables are
sorted) and compared as multisets of lines. ALLOW (scripts/abi/allow.txt)
lists the accepted differences, one rule a line:

  mask REGEX       the text of each group of REGEX becomes "*" on both
                   sides (addresses, counters)
  strip REGEX      the text REGEX matches is removed on both sides (our
                   additional uevent variables, inside a line)
  ignore REGEX     lines matching REGEX are dropped on both sides
  addition REGEX   a line only our kernel has is accepted if it matches
  logform REGEX    a kernel log line ("log ...") is compared only if it
                   matches one of these: 6.1's lines that scripts wait
                   for or count; every other log line is dropped

Prints every other difference ("- " mainline only, "+ " ours only), a
result line for the guests (neither reported an error) and one per state
("ok N abi-diff STATE" or "not ok N ..."), then "N passed, N failed"; the
exit status is 1 on any failure.
"""
import collections
import re
import sys

STATES = ['created', 'running', 'endpoint', 'override', 'stopped', 'crashed',
          'removed']
# uevents that are not about remoteproc, rpmsg or virtio
RELEVANT_EVENT = re.compile(
    r'SUBSYSTEM=(remoteproc|rpmsg|virtio)\b|DEVPATH=/devices/platform/rproc-')


def load_rules(path):
    rules = {'mask': [], 'strip': [], 'ignore': [], 'addition': [],
             'logform': []}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith('#'):
                continue
            kind, _, regex = line.partition(' ')
            if kind not in rules:
                sys.exit(f'{path}:{n}: unknown rule "{kind}"')
            rules[kind].append(re.compile(regex.strip()))
    return rules


def majors(lines):
    names = {}
    for line in lines:
        m = re.match(r'proc-devices\s+(\d+) (\S+)$', line)
        if m:
            names[m.group(1)] = m.group(2)
    return names


def normalise(line, names, rules):
    def major(m):
        return m.group(1) + names.get(m.group(2), m.group(2)) + ':'

    if line.startswith('log '):
        if not any(r.search(line) for r in rules['logform']):
            return None
    elif line.startswith('uevent '):
        if not RELEVANT_EVENT.search(line) or 'SYNTH_UUID=' in line:
            return None
        words = [w for w in line.split(' ')[1:] if not w.startswith('SEQNUM=')]
        words = [re.sub(r'^MAJOR=(\d+)$',
                        lambda m: 'MAJOR=' + names.get(m.group(1), m.group(1)), w)
                 for w in words]
        line = 'uevent ' + ' '.join(sorted(words))
    elif line.startswith('proc-devices '):
        # Only the names are ABI; the numbers are allocated at boot.
        if not re.search(r'rpmsg|remoteproc', line):
            return None
        line = re.sub(r'\d+ ', '', line, count=1)
    else:
        line = re.sub(r'( [cb] \d+ )(\d+):', major, line)
        line = re.sub(r'(/dev f \d+ = )(\d+):', major, line)
        line = re.sub(r'(MAJOR=)(\d+)(\\n)',
                      lambda m: m.group(1) + names.get(m.group(2), m.group(2))
                      + m.group(3), line)
    for r in rules['mask']:
        def star(m):
            s, out = m.group(0), ''
            pos = 0
            for g in range(1, (m.re.groups or 0) + 1):
                if m.start(g) < 0:
                    continue
                out += s[pos:m.start(g) - m.start()] + '*'
                pos = m.end(g) - m.start()
            return out + s[pos:]
        line = r.sub(star, line)
    for r in rules['strip']:
        line = r.sub('', line)
    if line.startswith('uevent '):
        line = ' '.join(line.split())
    if any(r.search(line) for r in rules['ignore']):
        return None
    return line


def records(path, rules):
    per_state = collections.defaultdict(list)
    errors = []
    with open(path) as f:
        for raw in f:
            raw = raw.rstrip('\n')
            if raw.startswith('ABI-ERROR'):
                errors.append(raw)
                continue
            parts = raw.split(' ', 2)
            if len(parts) == 3 and parts[0] == 'ABI':
                per_state[parts[1]].append(parts[2])
    out = {}
    # Majors are named from every state's /proc/devices: "removed" has none.
    names = majors(line for lines in per_state.values() for line in lines)
    for state, lines in per_state.items():
        norm = (normalise(line, names, rules) for line in lines)
        out[state] = collections.Counter(n for n in norm if n is not None)
    return out, errors


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rules = load_rules(sys.argv[1])
    mainline, m_err = records(sys.argv[2], rules)
    ours, o_err = records(sys.argv[3], rules)
    passed = failed = 0
    n = 0
    for e in m_err:
        print('mainline: ' + e)
    for e in o_err:
        print('ours: ' + e)
    n += 1
    if m_err or o_err:
        failed += 1
        print(f'not ok {n} abi-diff guests # a guest failed, see above')
    else:
        passed += 1
        print(f'ok {n} abi-diff guests')
    for state in STATES:
        n += 1
        m = mainline.get(state, collections.Counter())
        o = ours.get(state, collections.Counter())
        missing = sorted((m - o).elements())
        extra = sorted((o - m).elements())
        extra_bad = [x for x in extra
                     if not any(r.search(x) for r in rules['addition'])]
        problems = []
        if not m:
            problems.append('no record from mainline')
        if not o:
            problems.append('no record from our kernel')
        for x in missing:
            print(f'{state}: - {x}')
        for x in extra_bad:
            print(f'{state}: + {x}')
        if missing or extra_bad or problems:
            failed += 1
            why = '; '.join(problems + [f'{len(missing)} missing, '
                                        f'{len(extra_bad)} unexpected'])
            print(f'not ok {n} abi-diff {state} # {why}')
        else:
            passed += 1
            note = f' ({len(extra)} allowed additions)' if extra else ''
            print(f'ok {n} abi-diff {state}{note}')
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
