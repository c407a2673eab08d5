#!/bin/sh
# The exec view's cost, as ratios measured in one run on one machine.
#
# usage: bench/exec.sh [--quick]
#   JSTRACE=path   the tracer (default: ./jstrace at the repo root)
#   RUNS=n         measured runs per variant (default 5, --quick 3), after one warm-up
#
# 1. Wall time of `make -j2` building 24 small C files: untraced, under
#    `strace -f -e trace=execve`, and under `jstrace exec` (one hyperfine invocation,
#    the variants alternating run by run; `make clean` before each run).
# 2. CPU time of `jstrace exec --system` (utime+stime from /proc/PID/stat) while a shell
#    starts 2000 `/bin/true jsx-mark-N`, against the CPU time of that shell and its children
#    (the workload's own cost), per 1000 execs; how many of the 2000 execs it reported, and
#    how many with their argv (the marker). Other execs on the machine meanwhile are counted
#    too: run it on an idle machine.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-5}
if [ "${1:-}" = "--quick" ]; then runs=${RUNS:-3}; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--quick]" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "bench: hyperfine not found (bench/run.sh installs it)" >&2; exit 2; }
for tool in make cc strace python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
jstrace=${JSTRACE:-$root/jstrace}
"$jstrace" -o /dev/null true # build and archive before measuring

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-exec-bench.XXXXXX")
trap '[ -z "${view:-}" ] || kill "$view" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
view=
proj=$work/proj
mkdir -p "$proj"
for i in $(seq 1 24); do
	printf 'int f%d(int x) { return x * %d; }\n' "$i" "$i" >"$proj/f$i.c"
done
printf 'int main(void) { return 0; }\n' >"$proj/main.c"
cat >"$proj/Makefile" <<'MAKE'
SRCS := $(wildcard *.c)
prog: $(SRCS:.c=.o)
	cc -o $@ $^
%.o: %.c
	cc -O1 -c $< -o $@
clean:
	rm -f *.o prog
MAKE

echo "bench: make -j2, untraced / strace -f -e trace=execve / jstrace exec ($runs runs each, after a warm-up)" >&2
hyperfine --shell=none --style=none --runs 1 --prepare "make -s -C $proj clean" \
	--parameter-list variant "untraced,strace,jstrace" --parameter-list round "$(seq -s, 0 "$runs")" \
	--export-json "$work/make.json" \
	"$here/exec-variant.sh {variant} $jstrace $proj" >&2

python3 - "$work/make.json" <<'PY'
import json, statistics, sys
runs = json.load(open(sys.argv[1]))["results"]
t = {}
for r in runs:
    if r["parameters"]["round"] == "0":
        continue
    t.setdefault(r["parameters"]["variant"], []).append(r["mean"])
m = {k: statistics.median(v) for k, v in t.items()}
print("| make -j2, 25 C files | median s | vs untraced |")
print("|---|---|---|")
for k in ("untraced", "strace", "jstrace"):
    print(f"| {k} | {m[k]:.2f} | {m[k] / m['untraced']:.2f} |")
print(f"jstrace exec / strace -f -e trace=execve: {m['jstrace'] / m['strace']:.2f}")
PY

cpu() { # utime+stime of a process, in clock ticks
	awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
"$jstrace" exec --system -o "$work/system.txt" &
view=$!
while [ ! -s "$work/system.txt" ]; do sleep 0.1; done
before=$(cpu "$view")
/usr/bin/time -f '%U %S' -o "$work/loop.time" \
	sh -c 'echo $$ >"$0"; i=0; while [ $i -lt 2000 ]; do /bin/true jsx-mark-$i; i=$((i+1)); done' "$work/loop.pid"
sleep 1
after=$(cpu "$view")
kill -TERM "$view"; wait "$view" || true
view=
python3 - "$before" "$after" "$work/loop.time" "$work/system.txt" "$(cat "$work/loop.pid")" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
view = (int(sys.argv[2]) - int(sys.argv[1])) / tick
user, system = map(float, open(sys.argv[3]).read().split()[-2:])
lines = [l.rstrip("\n") for l in open(sys.argv[4], errors="replace")]
fields = [l.split() for l in lines]
execs = sum(1 for f in fields if len(f) > 3 and f[1] == "exec" and f[3] == sys.argv[5])
marked = len({f[-1] for f in fields if len(f) > 3 and f[1] == "exec" and f[-1].startswith("jsx-mark-")})
print(f"jstrace exec --system while 2000 processes start: {view:.2f} s CPU ({view * 1000 * 1000 / 2000:.0f} ms per 1000 execs), "
      f"the workload's own {user + system:.2f} s: ratio {view / (user + system):.2f}; "
      f"{execs} of the 2000 execs reported, {marked} with their argv")
PY
