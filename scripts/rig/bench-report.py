#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""bench-report.py RAW [CHART]: turn the BENCH lines of bench.sh into a table.

RAW holds lines "<kernel> case=<name> key=value ...", kernel being "ours"
or "mainline", one line per case and boot. For every case and metric the
table shows each kernel's median over its boots and ours/mainline, marked
"better" or "worse" by the metric's direction. A metric a case does not
report is left out.

With CHART, it also writes there, for gnuplot, one line per case: the
case, ours/mainline of the data moved per second (MB/s), and of the guest
CPU time per byte moved.
"""
import statistics
import sys

# metric -> True when a larger value is better
METRICS = {
    "msgs_per_s": True,
    "mb_per_s": True,
    "rtt_p50_us": False,
    "rtt_p99_us": False,
    "kicks_per_msg": False,
    "irqs_per_msg": False,
    "cpu_us_per_msg": False,
    "remote_cpu_us_per_msg": False,
    "linux_cpu_us_per_msg": False,
    "ctxt_per_msg": False,
    "cpu_ns_per_byte": False,
    "load_ms": False,
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
            # What moving a byte costs, whatever the message size
            if "cpu_us_per_msg" in kv and float(kv.get("len", 0)):
                kv["cpu_ns_per_byte"] = "%.3f" % (
                    float(kv["cpu_us_per_msg"]) * 1e3 / float(kv["len"]))
            case = kv["case"]
            if case not in order:
                order.append(case)
            runs.setdefault((words[0], case), []).append(kv)
    ratios = {}
    boots = max((len(v) for v in runs.values()), default=0)
    print(f"median of {boots} boot(s) per kernel")
    print(f"{'case':<13} {'metric':<22} {'ours':>10} {'mainline':>10} {'ratio':>7}")
    for case in order:
        ours, main = runs.get(("ours", case)), runs.get(("mainline", case))
        if not ours or not main:
            print(f"{case:<13} missing a run")
            continue
        for m, up in METRICS.items():
            if any(m not in r for r in ours + main):
                continue
            a = statistics.median(float(r[m]) for r in ours)
            b = statistics.median(float(r[m]) for r in main)
            ratios[(case, m)] = a / b if b else None
            if b:
                r = a / b
                verdict = "better" if (r > 1) == up and r != 1 else \
                          "same" if r == 1 else "worse"
                rs = f"{r:.2f}"
            else:
                rs, verdict = "-", ""
            print(f"{case:<13} {m:<22} {a:>10g} {b:>10g} {rs:>7} {verdict}")
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write("# case mb_per_s(ours/mainline) cpu_ns_per_byte(ours/mainline)\n")
            for case in order:
                t = ratios.get((case, "mb_per_s"))
                c = ratios.get((case, "cpu_ns_per_byte"))
                if t is not None and c is not None:
                    f.write(f"{case} {t:.3f} {c:.3f}\n")


if __name__ == "__main__":
    main()
