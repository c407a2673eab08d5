#!/bin/sh
# -k's cost: getppid_loop's N (default 10000) syscalls, traced with and without -k, by strace
# and by jstrace, alternating run by run in one loop (DESIGN.md, "Performance"):
#   strace -k -o FILE getppid_loop N      jstrace -k -o FILE getppid_loop N
#   strace -o FILE getppid_loop N         jstrace -o FILE getppid_loop N
# Start-up included. Prints each column's median, the ratio jstrace/strace, what -k adds per
# syscall for each, and checks that both -k traces have the same frame lines.
#
# usage: bench/stack.sh
#   RUNS=n (default 5, after one warm-up each)   N=calls (default 10000)   JSTRACE=... (default ./jstrace)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
strace=$(command -v strace) || { echo "bench: no strace" >&2; exit 2; }
exec python3 - "${RUNS:-5}" "${N:-10000}" "${JSTRACE:-$root/jstrace}" "$strace" "$here/getppid_loop.c" <<'PY'
import os, re, statistics, subprocess, sys, tempfile, time

runs, n, jstrace, strace, source = int(sys.argv[1]), int(sys.argv[2]), *sys.argv[3:]
work = tempfile.mkdtemp(prefix="jstrace-stack.")
loop = os.path.join(work, "getppid_loop")
subprocess.run(["gcc", "-O2", "-o", loop, source], check=True)  # dynamic: libc's frames too
workload = [loop, str(n)]
columns = [("strace -k", [strace, "-k"]), ("jstrace -k", [jstrace, "-k"]),
           ("strace", [strace]), ("jstrace", [jstrace])]
times = {name: [] for name, _ in columns}
frames = {}
for round in range(runs + 1):  # round 0 warms up
    for i, (name, tracer) in enumerate(columns):
        log = os.path.join(work, f"{i}.log")
        t = time.perf_counter()
        subprocess.run(tracer + ["-o", log] + workload, check=True, stdin=subprocess.DEVNULL)
        if round > 0:
            times[name].append(time.perf_counter() - t)
        with open(log) as f:
            frames[name] = [l for l in f.read().splitlines() if l.startswith(" > ")]

med = {name: statistics.median(t) for name, t in times.items()}
print(f"getppid_loop {n} (gcc -O2, dynamic), start-up included: {runs} alternating runs per column, "
      f"load average {os.getloadavg()[0]:.2f} at the end")
for name, _ in columns:
    print(f"{name:12} median {med[name]:6.2f} s (fastest {min(times[name]):.2f} s)")
print(f"ratio jstrace/strace: -k {med['jstrace -k'] / med['strace -k']:.2f}, without {med['jstrace'] / med['strace']:.2f}")
for t in ("strace", "jstrace"):
    print(f"{t} -k adds {1e6 * (med[t + ' -k'] - med[t]) / n:.1f} us per syscall")
same = frames["strace -k"] == frames["jstrace -k"]
print(f"frame lines: strace {len(frames['strace -k'])}, jstrace {len(frames['jstrace -k'])}, "
      f"{'identical' if same else 'DIFFERENT'}")
sys.exit(0 if same else 1)
PY
