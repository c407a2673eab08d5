#!/bin/sh
# The default seccomp filter on a real program: `-f -e trace=openat find /usr`, start-up
# included, alternating run by run in one loop (DESIGN.md, "Performance"):
#   strace -f --seccomp-bpf -e trace=openat -o FILE find /usr
#   jstrace -f -e trace=openat -o FILE find /usr                      (the default filter)
#   jstrace -f --seccomp-bpf=never -e trace=openat -o FILE find /usr  (every syscall stops)
# and checks that jstrace's two traces have the same lines (their pid prefix aside: each
# run's find has its own pid) and as many as strace's.
#
# usage: bench/seccomp.sh
#   RUNS=n      measured runs per column (default 5), after one warm-up each
#   JSTRACE=... (default ./jstrace at the repo root)   DIR=... what find walks (default /usr)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
strace=$(command -v strace) || { echo "bench: no strace" >&2; exit 2; }
exec python3 - "${RUNS:-5}" "${JSTRACE:-$root/jstrace}" "$strace" "${DIR:-/usr}" <<'EOF'
import os, re, statistics, subprocess, sys, tempfile, time

runs, jstrace, strace, top = int(sys.argv[1]), *sys.argv[2:]
work = tempfile.mkdtemp(prefix="jstrace-seccomp.")
workload = ["find", top]
columns = [
    ("strace --seccomp-bpf", [strace, "-f", "--seccomp-bpf", "-e", "trace=openat"]),
    ("jstrace (default filter)", [jstrace, "-f", "-e", "trace=openat"]),
    ("jstrace --seccomp-bpf=never", [jstrace, "-f", "--seccomp-bpf=never", "-e", "trace=openat"]),
]
times = {name: [] for name, _ in columns}
logs = {}
for round in range(runs + 1):  # round 0 warms up
    for i, (name, tracer) in enumerate(columns):
        log = os.path.join(work, f"{i}.log")
        t = time.perf_counter()
        r = subprocess.run(tracer + ["-o", log] + workload, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        s = time.perf_counter() - t
        if r.returncode not in (0, 1):  # find says 1 for unreadable directories
            sys.exit(f"bench: {name} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        if round > 0:
            times[name].append(s)
        with open(log, "rb") as f:
            logs[name] = [re.sub(rb"^\d+ +", b"", l) for l in f.read().splitlines()]

print(f"`-f -e trace=openat find {top}`, start-up included: {runs} alternating runs per column, "
      f"load average {os.getloadavg()[0]:.2f} at the end")
base = columns[0][0]
for name, _ in columns:
    t = times[name]
    print(f"{name:30} median {statistics.median(t):6.2f} s (fastest {min(t):.2f} s)  "
          f"{statistics.median(t) / statistics.median(times[base]):.2f} x strace's  "
          f"{len(logs[name])} lines")
same = logs[columns[1][0]] == logs[columns[2][0]]
print("jstrace with and without the filter: " + ("the same lines" if same else "DIFFERENT lines"))
for f in os.listdir(work):
    os.unlink(os.path.join(work, f))
os.rmdir(work)
sys.exit(0 if same else 1)
EOF
