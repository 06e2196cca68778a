#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench-report.py RAW: turn the BENCH lines of bench.sh into a table.

RAW holds lines "<kernel> case=<name> key=value ...", kernel being "ours"
or "mainline", one line per case and boot. For every case and metric the
table shows each kernel's median over its boots and ours/mainline, marked
"better" or "worse" by the metric's direction.
"""
import statistics
import sys

# metric -> True when a larger value is better
METRICS = {
    "msgs_per_s": True,
    "rtt_p50_us": False,
    "rtt_p99_us": False,
    "kicks_per_msg": False,
    "irqs_per_msg": False,
    "cpu_us_per_msg": False,
    "remote_cpu_us_per_msg": False,
    "ctxt_per_msg": False,
}


def main():
    runs = {}
    order = []
    with open(sys.argv[1]) as f:
        for line in f:
            words = line.split()
            if len(words) < 2 or not words[1].startswith("case="):
                continue
            kv = dict(w.split("=", 1) for w in words[1:] if "=" in w)
            case = kv["case"]
            if case not in order:
                order.append(case)
            runs.setdefault((words[0], case), []).append(kv)
    boots = max((len(v) for v in runs.values()), default=0)
    print(f"median of {boots} boot(s) per kernel")
    print(f"{'case':<13} {'metric':<22} {'ours':>10} {'mainline':>10} {'ratio':>7}")
    for case in order:
        ours, main = runs.get(("ours", case)), runs.get(("mainline", case))
        if not ours or not main:
            print(f"{case:<13} missing a run")
            continue
        for m, up in METRICS.items():
            a = statistics.median(float(r[m]) for r in ours)
            b = statistics.median(float(r[m]) for r in main)
            if b:
                r = a / b
                verdict = "better" if (r > 1) == up and r != 1 else \
                          "same" if r == 1 else "worse"
                rs = f"{r:.2f}"
            else:
                rs, verdict = "-", ""
            print(f"{case:<13} {m:<22} {a:>10g} {b:>10g} {rs:>7} {verdict}")


if __name__ == "__main__":
    main()
