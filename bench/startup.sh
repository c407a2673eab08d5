#!/bin/sh
# Start-up of `TRACER -o /dev/null true`, alternating run by run in one loop (DESIGN.md,
# "Performance"): this build on JDK 17 (class-data sharing) and on a JDK of 24 or later
# (its ahead-of-time cache), the previous build on JDK 17 beside them, and strace.
#
# usage: bench/startup.sh
#   RUNS=n     measured runs per column (default 21), after one warm-up each (it builds
#              the CDS archive or the AOT cache when they are missing)
#   PREV=path  the previous build's ./jstrace (a column only when given), e.g. a
#              worktree of an older commit: git worktree add /tmp/prev HEAD~5 && PREV=/tmp/prev/jstrace
#   JDK17=dir  (default /usr/lib/jvm/java-17-openjdk-amd64)
#   JDK25=dir  (default /usr/lib/jvm/temurin-25-jdk-amd64; the column is left out if missing)
#
# Each column runs with JAVA_HOME set to its JDK and that JDK first in PATH (an older
# launcher reads only PATH). Printed: median, fastest and slowest milliseconds per column,
# and each median as a ratio of the previous build's (or of this build's on JDK 17).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-21}
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$jdk17/bin/java" ] || { echo "bench: no JDK 17 at $jdk17 (set JDK17=...)" >&2; exit 2; }

exec python3 - "$runs" "$root/jstrace" "${PREV:-}" "$jdk17" "$jdk25" <<'EOF'
import os, statistics, subprocess, sys, time

runs, jstrace, prev, jdk17, jdk25 = int(sys.argv[1]), *sys.argv[2:]
columns = []  # (name, argv, environment)

def env_for(jdk):
    e = dict(os.environ)
    e["JAVA_HOME"] = jdk
    e["PATH"] = jdk + "/bin:" + e.get("PATH", "")
    return e

if prev:
    columns.append(("previous build, JDK 17", [prev, "-o", "/dev/null", "true"], env_for(jdk17)))
columns.append(("this build, JDK 17 (CDS)", [jstrace, "-o", "/dev/null", "true"], env_for(jdk17)))
if os.access(jdk25 + "/bin/java", os.X_OK):
    columns.append(("this build, JDK 25 (AOT cache)", [jstrace, "-o", "/dev/null", "true"], env_for(jdk25)))
strace = subprocess.run(["sh", "-c", "command -v strace"], capture_output=True, text=True).stdout.strip()
if strace:
    columns.append(("strace", [strace, "-o", "/dev/null", "true"], dict(os.environ)))

times = {name: [] for name, _, _ in columns}
for round in range(runs + 1):  # round 0 warms up (and builds the caches)
    for name, argv, env in columns:
        t = time.perf_counter()
        r = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        ms = (time.perf_counter() - t) * 1000
        if r.returncode != 0:
            sys.exit(f"bench: {' '.join(argv)} exited {r.returncode}: {r.stderr.decode(errors='replace')}")
        if round > 0:
            times[name].append(ms)

base = columns[0][0]
print(f"start-up of `TRACER -o /dev/null true`: {runs} alternating runs per column, "
      f"load average {os.getloadavg()[0]:.2f} at the end")
print(f"{'':34} {'median':>8} {'fastest':>8} {'slowest':>8}  median / {base}'s")
for name, _, _ in columns:
    t = times[name]
    print(f"{name:34} {statistics.median(t):7.0f}ms {min(t):7.0f}ms {max(t):7.0f}ms  "
          f"{statistics.median(t) / statistics.median(times[base]):.2f}")
EOF
