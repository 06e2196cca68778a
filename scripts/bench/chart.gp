# SPDX-License-Identifier: GPL-2.0
#
# chart.gp: the picture of a `make bench` run. Called by scripts/rig/bench.sh
# with data (bench-report.py's chart file) and out (the PNG to write):
# per case, ours/mainline of the data moved per second (higher is better)
# and of the guest CPU time per byte moved (lower is better); 1 is parity.
set terminal pngcairo size 1000,520 font "sans,10"
set output out
set title "rpmsg: this tree / mainline 6.1 (medians of alternating boots, same QEMU and firmware)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set logscale y 2
set yrange [*:*]
set ylabel "ours / mainline (log scale)"
set xtics rotate by -30 nomirror
set grid ytics
set key top left
set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2 lw 2
plot data using 2:xtic(1) title "MB/s (higher is better)" lc rgb "#2e7d32", \
     '' using 3 title "guest CPU per byte moved (lower is better)" lc rgb "#c62828"
