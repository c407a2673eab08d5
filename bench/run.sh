#!/bin/sh
# jstrace vs strace, as ratios measured in one run on one machine (DESIGN.md,
# "Performance design"): never compare absolute times across machines.
#
# usage: bench/run.sh [--quick]
#   JSTRACE=path   the tracer to compare (default: ./jstrace at the repo root)
#   STRACE=path    the reference (default: strace)
#   RUNS=n         runs per command (default 5, --quick 3); one warm-up run each
#
# For each workload, ONE hyperfine invocation measures both tracers on it
# (hyperfine runs all runs of the first command, then all of the second):
#   getppid   200000 x syscall(SYS_getppid)            (C, static)
#   write     100000 x write(fd, "x", 1) to /dev/null  (C, static)
#   find      find /usr -name '*.h'
# each as `TRACER -f -o FILE WORKLOAD`, then start-up: `TRACER -o /dev/null true`.
# Prints median seconds and the ratio jstrace/strace per workload.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-5}
if [ "${1:-}" = "--quick" ]; then runs=${RUNS:-3}; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--quick]" >&2; exit 2; }
jstrace=${JSTRACE:-$root/jstrace}
strace=${STRACE:-strace}

need() { command -v "$1" >/dev/null 2>&1; }

if ! need hyperfine; then
	echo "bench: installing hyperfine" >&2
	# refresh the package lists only if apt does not know the package yet
	if ! apt-cache show hyperfine >/dev/null 2>&1; then apt-get update -qq >&2; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >&2
fi
for tool in gcc python3 "$strace"; do
	need "$tool" || { echo "bench: $tool not found" >&2; exit 2; }
done
if ! need "$jstrace"; then
	echo "bench: no executable jstrace at $jstrace (set JSTRACE=...)" >&2
	exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
for w in getppid_loop devnull_writes; do
	gcc -O2 -static -w -o "$work/$w" "$here/$w.c"
done

# bench NAME WORKLOAD...: one hyperfine run of both tracers; JSON in $work/NAME.json
bench() {
	name=$1
	shift
	echo "bench: $name: $*" >&2
	hyperfine --shell=none --style=basic --warmup 1 --runs "$runs" \
		--export-json "$work/$name.json" \
		--command-name strace "$strace -f -o $work/$name.strace.log $*" \
		--command-name jstrace "$jstrace -f -o $work/$name.jstrace.log $*" >&2
}

bench getppid "$work/getppid_loop"
bench write "$work/devnull_writes"
bench find find /usr -name '*.h'

echo "bench: start-up" >&2
hyperfine --shell=none --style=basic --warmup 1 --runs "$runs" \
	--export-json "$work/startup.json" \
	--command-name strace "$strace -o /dev/null true" \
	--command-name jstrace "$jstrace -o /dev/null true" >&2

python3 - "$work" "$runs" "$jstrace" <<'PY'
import json, os, sys
work, runs, jstrace = sys.argv[1], sys.argv[2], sys.argv[3]

def medians(name):
    with open(os.path.join(work, name + ".json")) as f:
        results = {r["command"]: r["median"] for r in json.load(f)["results"]}
    return results["strace"], results["jstrace"]

print()
print(f"jstrace vs strace, median of {runs} runs, {os.cpu_count()} CPUs; jstrace = {jstrace}")
print(f"{'workload':<30} {'strace':>10} {'jstrace':>10} {'jstrace/strace':>15}")
rows = [("getppid x200000 (s)", "getppid", 1),
        ("write 1 byte x100000 (s)", "write", 1),
        ("find /usr -name '*.h' (s)", "find", 1),
        ("start-up: -o /dev/null true (ms)", "startup", 1000)]
for label, name, scale in rows:
    s, j = medians(name)
    print(f"{label:<30} {s * scale:>10.3f} {j * scale:>10.3f} {j / s:>15.2f}")
PY
