#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge a test boot from its two logs.

parse.py CONSOLE RESULTS [--mode test|run]

RESULTS holds what the guest's /init printed: KTAP from the KUnit suites
and the selftests between RIG-BEGIN/RIG-END markers, the kmemleak report,
and RIG-EXIT <status>. CONSOLE is the kernel console, searched for splats.

Every leaf result counts once: a result line is a leaf when no deeper result
line came between it and the previous result at its own depth or above. A
failing parent whose children all passed (a program that crashed after its
last case) counts one failure of its own. Depth is the number of leading
"# " prefixes (kselftest nesting) plus leading indentation / 4 (KTAP).

Prints failures and splats, then the line "N passed, N failed" (with
", N skipped" when any were skipped). Exit status 0 only if nothing failed,
nothing splatted and the guest finished.
"""
import re
import sys

RESULT = re.compile(r'^(not ok|ok)\s+\d+\s*(?:-\s*)?(.*)$')
SPLATS = [
    re.compile(p) for p in (
        r'WARNING: ', r'BUG: ', r'kernel BUG at', r'UBSAN: ', r'Oops',
        r'general protection fault', r'Kernel panic', r'Call Trace:',
        r'INFO: task .* blocked for more than', r'INFO: rcu_.* stall',
        r'possible circular locking', r'possible recursive locking',
        r'inconsistent lock state', r'suspicious RCU usage',
        r'kmemleak: \d+ new suspected memory leaks',
        r'DMA-API: .* (bug|error)',
    )
]
TIMESTAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')


def depth_and_text(line):
    depth = 0
    while True:
        if line.startswith('# '):
            depth += 1
            line = line[2:]
            continue
        stripped = line.lstrip(' ')
        indent = len(line) - len(stripped)
        if indent >= 4:
            depth += indent // 4
            line = stripped
            continue
        return depth, line


def count(lines):
    passed, failed, skipped = 0, 0, 0
    failures = []
    # stack[d] = list of child results seen at depth d+1 since the last
    # result at depth d.
    children = {}
    for raw in lines:
        depth, text = depth_and_text(raw.rstrip('\n'))
        m = RESULT.match(text)
        if not m:
            continue
        ok = m.group(1) == 'ok'
        rest = m.group(2)
        kids = children.pop(depth + 1, [])
        for d in [k for k in children if k > depth + 1]:
            children.pop(d)
        if not kids:
            if re.search(r'#\s*SKIP', rest, re.I):
                skipped += 1
            elif ok:
                passed += 1
            else:
                failed += 1
                failures.append(raw.strip())
        elif not ok and all(kids):
            failed += 1
            failures.append(raw.strip())
        children.setdefault(depth, []).append(ok)
    return passed, failed, skipped, failures


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--") and a not in ("test", "run", "demo")]
    console_path, results_path = args[0], args[1]
    mode = 'test'
    if '--mode' in sys.argv:
        mode = sys.argv[sys.argv.index('--mode') + 1]
    with open(results_path, errors='replace') as f:
        results = f.read().replace('\r', '').splitlines()
    with open(console_path, errors='replace') as f:
        console = f.read().replace('\r', '').splitlines()

    sections = {}
    current = None
    exit_status = None
    for line in results:
        if line.startswith('RIG-BEGIN '):
            current = line.split()[1]
            sections[current] = []
        elif line.startswith('RIG-END '):
            current = None
        elif line.startswith('RIG-EXIT '):
            exit_status = int(line.split()[1])
        elif current:
            sections[current].append(line)

    problems = []
    categories = 0
    splats = []
    for i, line in enumerate(console):
        text = TIMESTAMP.sub('', line)
        if any(p.search(text) for p in SPLATS):
            splats.append(i)
    if splats:
        categories += 1
        problems.append('kernel splats in the console log:')
        shown = set()
        for i in splats[:10]:
            for j in range(max(0, i - 2), min(len(console), i + 25)):
                if j not in shown:
                    problems.append('  | ' + console[j])
                    shown.add(j)
            problems.append('  | ...')
    leaks = [l for l in sections.get('kmemleak', []) if 'unreferenced object' in l]
    if leaks:
        categories += 1
        problems.append('kmemleak reports %d leaked objects:' % len(leaks))
        problems.extend('  | ' + l for l in sections['kmemleak'][:60])

    passed, failed, skipped, failures = 0, 0, 0, []
    for name in ('kunit', 'kselftest'):
        p, f, s, fl = count(sections.get(name, []))
        passed += p
        failed += f
        skipped += s
        failures.extend('%s: %s' % (name, x) for x in fl)

    if exit_status is None:
        categories += 1
        problems.append('the guest never finished (no RIG-EXIT): see ' + console_path)
    elif mode != 'test' and exit_status != 0:
        problems.append('the script exited with status %d' % exit_status)

    for line in failures:
        print('FAILED ' + line)
    for line in problems:
        print(line)
    if mode == 'test':
        summary = '%d passed, %d failed' % (passed, failed + categories)
        if skipped:
            summary += ', %d skipped' % skipped
        print(summary)
    bad = failed or problems
    if mode != 'test' and exit_status:
        sys.exit(exit_status)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
