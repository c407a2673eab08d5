#!/usr/bin/env bash
# bench/term.sh [--quick] [--memory]: the terminal recorder's cost, in one run.
#
# A command writes SIZE_MB of coloured text lines (cat of a generated file) to a real
# terminal: a tmux pane of 120x40 on a private server. Each recorder records it; /usr/bin/time
# measures the recorder's process (wall seconds, CPU seconds user+system, peak RSS):
#   cat            the command alone (the terminal's own cost)
#   script         script -q -c CMD FILE (util-linux: a pty proxy, raw bytes)
#   asciinema      asciinema rec -q -c CMD FILE (asciicast v2)
#   jstrace v3     jstrace record -o FILE -- CMD (asciicast v3)
#   jstrace trace  jstrace record -f trace -o FILE -- CMD
# The table shows the median of RUNS runs per recorder and jstrace's ratios to script and
# asciinema (below 1: jstrace is cheaper).
#
# --memory: peak RSS of jstrace record (the JVM itself) recording 100 MB and 1 GB of output
# (the 100 MB file cat'ed 1 and 10 times) on a pty that script(1) drains to /dev/null, to
# show it stays flat.
#
# Environment: JSTRACE (default ./jstrace at the repo root), SIZE_MB (default 100, --quick 20),
# RUNS (default 3, --quick 1).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
JSTRACE=${JSTRACE:-$root/jstrace}
quick=0 memory=0
for a in "$@"; do
  case $a in
    --quick) quick=1 ;;
    --memory) memory=1 ;;
    *) echo "usage: bench/term.sh [--quick] [--memory]" >&2; exit 2 ;;
  esac
done
SIZE_MB=${SIZE_MB:-$([ $quick = 1 ] && echo 20 || echo 100)}
RUNS=${RUNS:-$([ $quick = 1 ] && echo 1 || echo 3)}
for c in tmux script asciinema /usr/bin/time python3; do
  command -v "$c" >/dev/null || { echo "bench/term.sh: $c is needed (apt-get install -y tmux bsdutils asciinema time python3)" >&2; exit 1; }
done
work=$(mktemp -d)
socket=jstrace-bench-$$
trap 'tmux -L $socket kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
export ASCIINEMA_CONFIG_HOME=$work/asciinema

# the output: numbered lines with an SGR colour each, SIZE_MB * 10^6 bytes
python3 - "$work/out.txt" "$SIZE_MB" <<'EOF'
import sys
path, size = sys.argv[1], int(sys.argv[2]) * 1_000_000
with open(path, "w") as f:
    n = i = 0
    while n < size:
        s = "\033[3%dmline %d\033[0m %s\n" % (i % 8, i, "abcdefghijklmnopqrstuvwxyz0123456789 " * 2)
        f.write(s); n += len(s); i += 1
EOF
"$JSTRACE" -V >/dev/null 2>&1 # build first, outside the measurements

# measure NAME COMMAND: runs COMMAND in a fresh 120x40 tmux pane under /usr/bin/time;
# prints "wall cpu rss_kb"
measure() {
  local out=$work/time.$1 done=$work/done.$1
  rm -f "$out" "$done"
  tmux -L "$socket" -f /dev/null new-session -d -x 120 -y 40 -s bench \
    "/usr/bin/time -f '%e %U %S %M' -o $out $2; touch $done; sleep 1000"
  while [ ! -f "$done" ]; do sleep 0.2; done
  tmux -L "$socket" kill-server
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [ $memory = 1 ]; then
  echo "peak RSS of jstrace record (asciicast v3) on a pty drained by script(1):"
  for n in 1 10; do
    script -q -c "/usr/bin/time -f '%e %U %S %M' -o $work/mem.$n $JSTRACE record -q --overwrite \
      -o $work/mem.cast -- sh -c 'for i in \$(seq $n); do cat $work/out.txt; done'" /dev/null >/dev/null
    read -r wall user sys rss < "$work/mem.$n"
    printf '  %5d MB of output: peak RSS %4d MB, wall %6.1f s, CPU %6.1f s, recording %5d MB\n' \
      $((n * SIZE_MB)) $((rss / 1024)) "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" $(($(stat -c %s "$work/mem.cast") / 1000000))
  done
  exit 0
fi

cmd="cat $work/out.txt"
declare -A wall cpu rss
names=("cat" "script" "asciinema" "jstrace v3" "jstrace trace")
commands=("$cmd"
  "script -q -c '$cmd' $work/script.out"
  "asciinema rec -q --overwrite -c '$cmd' $work/asciinema.cast"
  "$JSTRACE record -q --overwrite -o $work/jstrace.cast -- $cmd"
  "$JSTRACE record -q --overwrite -f trace -o $work/jstrace.json -- $cmd")
for k in "${!names[@]}"; do
  : > "$work/runs"
  for ((r = 0; r < RUNS; r++)); do measure "$k" "${commands[$k]}" >> "$work/runs"; done
  wall[$k]=$(cut -d' ' -f1 "$work/runs" | median)
  cpu[$k]=$(cut -d' ' -f2 "$work/runs" | median)
  rss[$k]=$(cut -d' ' -f3 "$work/runs" | median)
done
echo "recording $SIZE_MB MB written to a 120x40 tmux pane, median of $RUNS run(s):"
printf '%-14s %9s %9s %9s\n' recorder "wall s" "CPU s" "RSS MB"
for k in "${!names[@]}"; do
  printf '%-14s %9.2f %9.2f %9d\n' "${names[$k]}" "${wall[$k]}" "${cpu[$k]}" $((${rss[$k]} / 1024))
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
for j in 3 4; do
  echo "${names[$j]}: wall x$(ratio "${wall[$j]}" "${wall[1]}") of script, x$(ratio "${wall[$j]}" "${wall[2]}") of asciinema;" \
    "CPU x$(ratio "${cpu[$j]}" "${cpu[1]}") of script, x$(ratio "${cpu[$j]}" "${cpu[2]}") of asciinema"
done
