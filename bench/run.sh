#!/bin/sh
# jstrace vs strace, as ratios measured in one run on one machine (DESIGN.md,
# "Performance design"): never compare absolute times across machines.
#
# usage: bench/run.sh [--quick]
#   JSTRACE=path   the tracer to compare (default: ./jstrace at the repo root)
#   STRACE=path    the reference (default: strace)
#   RUNS=n         measured runs per tracer (default 5, --quick 3), after one warm-up
#
# Each workload also runs once more per tracer, untimed, for the tracer's own peak resident
# set (bench/peak_rss.py: VmHWM, sampled every 5 ms), printed beside the ratios.
#
# Workloads (see README.md), each traced as `TRACER -f -o FILE WORKLOAD`:
#   getppid   200000 x syscall(SYS_getppid)            (C, static)
#   write     100000 x write(fd, "x", 1) to /dev/null  (C, static)
#   find      find /usr -name '*.h'
# and start-up: `TRACER -o /dev/null true`.
#
# Each workload is ONE hyperfine invocation in which the two tracers alternate,
# run by run (strace, jstrace, strace, jstrace, ...): two parameter lists, the
# tracer varying fastest, one run per combination; round 0 is the warm-up and is
# left out.  Alternating keeps slow drifts of a noisy machine out of the ratio.
# The table shows the median seconds of each tracer and the ratio jstrace/strace.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-5}
if [ "${1:-}" = "--quick" ]; then runs=${RUNS:-3}; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--quick]" >&2; exit 2; }

if ! command -v hyperfine >/dev/null 2>&1; then
	echo "bench: installing hyperfine" >&2
	# refresh the package lists only if apt does not know the package yet
	if ! apt-cache show hyperfine >/dev/null 2>&1; then apt-get update -qq >&2; fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine >&2
fi
for tool in gcc python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
strace=$(command -v "${STRACE:-strace}") || { echo "bench: no strace (set STRACE=...)" >&2; exit 2; }
jstrace=$(command -v "${JSTRACE:-$root/jstrace}") ||
	{ echo "bench: no executable jstrace at ${JSTRACE:-$root/jstrace} (set JSTRACE=...)" >&2; exit 2; }
case $strace$jstrace in *,*) echo "bench: tracer paths must not contain commas" >&2; exit 2 ;; esac
if [ "$strace" = "$jstrace" ]; then
	# hyperfine needs two distinct parameter values: a second name for the same binary
	mkdir -p "${TMPDIR:-/tmp}/jstrace-bench-self"
	ln -sf "$jstrace" "${TMPDIR:-/tmp}/jstrace-bench-self/jstrace"
	jstrace=${TMPDIR:-/tmp}/jstrace-bench-self/jstrace
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
for w in getppid_loop devnull_writes; do
	gcc -O2 -static -w -o "$work/$w" "$here/$w.c"
done
rounds=$(seq -s, 0 "$runs")

# bench NAME TRACER-OPTIONS -- WORKLOAD...: alternating runs of both tracers; JSON in $work/NAME.json
bench() {
	name=$1
	options=$2
	shift 2
	echo "bench: $name: TRACER $options $* ($runs runs each, after a warm-up)" >&2
	hyperfine --shell=none --style=none --runs 1 \
		--parameter-list tracer "$strace,$jstrace" --parameter-list round "$rounds" \
		--export-json "$work/$name.json" \
		"{tracer} $options $*" >&2
	# one more run of each, untimed, for the tracer's own peak resident set (bench/peak_rss.py)
	for tracer in "$strace" "$jstrace"; do
		echo "$tracer $(python3 "$here/peak_rss.py" $tracer $options "$@")" >>"$work/$name.rss"
	done
}

bench getppid "-f -o $work/getppid.log" "$work/getppid_loop"
bench write "-f -o $work/write.log" "$work/devnull_writes"
bench find "-f -o $work/find.log" find /usr -name '*.h'
bench startup "-o /dev/null" true
bench summary "-f -c -o /dev/null" "$work/getppid_loop"

# --json against jstrace's own text (strace has no JSON): -a40 is text's default, a no-op token
echo "bench: json: jstrace -f {-a40|--json} -o FILE getppid_loop ($runs runs each, after a warm-up)" >&2
hyperfine --shell=none --style=none --runs 1 \
	--parameter-list format "-a40,--json" --parameter-list round "$rounds" \
	--export-json "$work/json.json" \
	"$jstrace -f {format} -o $work/json.log $work/getppid_loop" >&2

python3 - "$work" "$runs" "$strace" "$jstrace" <<'PY'
import json, os, statistics, sys
work, runs, strace, jstrace = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def times(name, tracer):
    with open(os.path.join(work, name + ".json")) as f:
        results = json.load(f)["results"]
    return [t for r in results if r["parameters"]["tracer"] == tracer and r["parameters"]["round"] != "0"
            for t in r["times"]]

print()
print(f"jstrace vs strace: median of {runs} alternating runs each, {os.cpu_count()} CPUs")
print(f"  strace  = {strace}\n  jstrace = {jstrace}")
def rss(name, tracer):
    with open(os.path.join(work, name + ".rss")) as f:
        return next(int(l.rsplit(" ", 1)[1]) for l in f if l.rsplit(" ", 1)[0] == tracer) / 1024

print(f"{'workload':<34} {'strace':>9} {'jstrace':>9} {'jstrace/strace':>15} {'strace max/min':>15}"
      f" {'peak RSS MB (strace | jstrace)':>31}")
rows = [("getppid x200000 (s)", "getppid", 1),
        ("write 1 byte x100000 (s)", "write", 1),
        ("find /usr -name '*.h' (s)", "find", 1),
        ("start-up: -o /dev/null true (ms)", "startup", 1000),
        ("getppid x200000, -c (s)", "summary", 1)]
for label, name, scale in rows:
    s, j = times(name, strace), times(name, jstrace)
    ms, mj = statistics.median(s), statistics.median(j)
    print(f"{label:<34} {ms * scale:>9.3f} {mj * scale:>9.3f} {mj / ms:>15.2f} {max(s) / min(s):>15.2f}"
          f" {rss(name, strace):>19.1f} | {rss(name, jstrace):.1f}")

with open(os.path.join(work, "json.json")) as f:
    results = json.load(f)["results"]
def mode(m):
    return [t for r in results if r["parameters"]["format"] == m and r["parameters"]["round"] != "0" for t in r["times"]]
text, js = statistics.median(mode("-a40")), statistics.median(mode("--json"))
print(f"{'getppid x200000, --json vs text (s)':<34} {text:>9.3f} {js:>9.3f} {js / text:>15.2f}   (text | json)")
PY
