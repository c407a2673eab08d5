#!/bin/sh
# `jstrace tls --system` (uprobes on the machine's TLS libraries): time to arm, cost per
# call, accuracy and memory, in one run on one machine. Root only.
#
# usage: bench/tls-system.sh [--quick]
#   JSTRACE=path   the tracer (default: ./jstrace at the repo root)
#   N=n            curl runs (default 300, --quick 30), each with two connections with
#                  different server names, to a Python TLS server that logs the bytes
#                  it received and sent on each (cli/src/test/resources/system/tlsserver.py)
#
# 1. Time to arm: from launching jstrace to its probes being enabled (its tracing
#    instance's enable file reading 1), 5 times. tracep's README: ~2-3 s.
# 2. Wall time of the N runs with no probes, then with `jstrace tls --system -j` watching.
# 3. Accuracy: per connection (server name), curl's SSL_write bytes and the server's
#    SSL_read_ex bytes against what the server logged it received, and the reverse.
# 4. jstrace's peak RSS (VmHWM) and CPU time over the run.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${N:-300}
if [ "${1:-}" = "--quick" ]; then n=${N:-30}; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--quick]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "bench: tls --system needs root" >&2; exit 2; }
for tool in openssl curl /usr/bin/python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
jstrace=${JSTRACE:-$root/jstrace}
"$jstrace" -o /dev/null true # build before measuring
tracefs=/sys/kernel/tracing

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-tls-system-bench.XXXXXX")
server= watcher=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; [ -z "$watcher" ] || kill "$watcher" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
cd "$work"
cp "$root/cli/src/test/resources/system/tlsserver.py" .
openssl req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -days 1 -subj /CN=localhost 2>/dev/null

now_ms() { date +%s%3N; }

# the java process under the launcher: its pid names the probes' group
java_pid() { pgrep -n -f "io.jstrace.cli.Main tls --system|jstrace.jar tls --system"; }

armed() {
	p=$(java_pid) || return 1
	[ "$(cat "$tracefs/instances/jstrace_$p/events/jstrace_$p/enable" 2>/dev/null)" = 1 ]
}

echo "== time to arm (5 launches)"
for i in 1 2 3 4 5; do
	t0=$(now_ms)
	"$jstrace" tls --system -o /dev/null &
	launcher=$!
	until armed; do sleep 0.01; done
	echo "arm ${i}: $(( $(now_ms) - t0 )) ms"
	kill -TERM "$(java_pid)"; { wait "$launcher"; } 2>/dev/null || true
done

workload() { # $1: log file; N runs of curl, two names each
	rm -f port "$1"
	/usr/bin/python3 tlsserver.py c.pem k.pem port "$1" $((2 * n)) > server.out 2>&1 &
	server=$!
	until [ -f port ]; do sleep 0.02; done
	p=$(cat port)
	t0=$(now_ms)
	i=0
	while [ $i -lt "$n" ]; do
		curl -sk --resolve a$i.test:$p:127.0.0.1 --resolve b$i.test:$p:127.0.0.1 \
			https://a$i.test:$p/1000 https://b$i.test:$p/20000 -o /dev/null -o /dev/null
		i=$((i + 1))
	done
	wait "$server"; server=
	echo $(( $(now_ms) - t0 ))
}

echo "== $n curl runs, $((2 * n)) connections"
plain=$(workload untraced.log)
echo "untraced: ${plain} ms"
"$jstrace" tls --system -j -o calls.jsonl &
watcher=$!
until armed; do sleep 0.01; done
jpid=$(java_pid)
cpu0=$(awk '{print $14 + $15}' "/proc/$jpid/stat")
traced=$(workload traced.log)
sleep 1
cpu1=$(awk '{print $14 + $15}' "/proc/$jpid/stat")
rss=$(awk '/VmHWM/ {print $2}' "/proc/$jpid/status")
kill -TERM "$jpid"; { wait "$watcher"; } 2>/dev/null || true; watcher=
echo "with jstrace tls --system: ${traced} ms (x$(echo "scale=2; $traced / $plain" | bc))"
echo "jstrace: CPU $(( (cpu1 - cpu0) * 10 )) ms over the run, peak RSS $((rss / 1024)) MB"
/usr/bin/python3 - traced.log calls.jsonl <<'PY'
import json, sys
truth = [json.loads(l) for l in open(sys.argv[1])]
calls = [json.loads(l) for l in open(sys.argv[2])]
server = truth[0]["pid"]
by = {}
for c in calls:
    side = "server" if c["pid"] == server else "client"
    k = (side, c["sni"], c["dir"])
    by[k] = by.get(k, 0) + (c["length"] or 0)
right = 0
for t in truth:
    s = t["sni"]
    ok = (by.get(("client", s, "write")) == t["received"] and by.get(("client", s, "read")) == t["sent"]
          and by.get(("server", s, "read")) == t["received"] and by.get(("server", s, "write")) == t["sent"])
    right += ok
print(f"connections right on both ends (bytes each way, server name): {right} of {len(truth)}")
print(f"calls seen: {len(calls)}; with an unread _ex count: {sum(1 for c in calls if c['length'] is None)}")
PY
