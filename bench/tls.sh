#!/bin/sh
# The tls view's cost and accuracy on tracep's workload, in one run on one machine.
#
# usage: bench/tls.sh [--quick]
#   JSTRACE=path   the tracer (default: ./jstrace at the repo root)
#   N=n            curl runs (default 300, --quick 30); each makes two connections with
#                  different server names; odd runs TLS 1.3, even runs --tls-max 1.2
#
# 1. Wall time of the N runs untraced and under `jstrace tls -j` (openssl s_server
#    -www on loopback, a certificate made now).
# 2. Accuracy: every connection's record against what the run did (its curl's pid, the
#    two names, the version asked for; the ALPN chosen where TLS 1.2 shows it).
# 3. Time to the first event: from launching `jstrace tls -v -j -o - -- curl ...` to
#    its first line (the first ServerHello read), 5 times; and curl's own time untraced.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${N:-300}
if [ "${1:-}" = "--quick" ]; then n=${N:-30}; shift; fi
[ $# -eq 0 ] || { echo "usage: $0 [--quick]" >&2; exit 2; }
for tool in openssl curl python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
jstrace=${JSTRACE:-$root/jstrace}
"$jstrace" -o /dev/null true # build and archive before measuring

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-tls-bench.XXXXXX")
server=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
cd "$work"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout key.pem -out cert.pem \
	-days 1 -subj /CN=a.test -addext subjectAltName=DNS:a.test,DNS:b.test 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -accept "127.0.0.1:$port" -cert cert.pem -key key.pem -www -alpn http/1.1 -quiet \
	>/dev/null 2>&1 &
server=$!
until curl -sk -o /dev/null --connect-timeout 1 "https://127.0.0.1:$port/"; do sleep 0.1; done

# one run: "PID a.test b.test VERSION" into truth, then the two connections
cat >run.sh <<RUN
#!/bin/sh
i=0
while [ \$i -lt $n ]; do
	i=\$((i+1))
	if [ \$((i % 2)) -eq 1 ]; then v=TLSv1.3; max=1.3; else v=TLSv1.2; max=1.2; fi
	sh -c 'echo "\$\$ a.test b.test \$1" >>"\$2"; exec curl -sk -o /dev/null -o /dev/null --tls-max "\$3" \
		--resolve a.test:$port:127.0.0.1 --resolve b.test:$port:127.0.0.1 \
		https://a.test:$port/ https://b.test:$port/' run "\$v" "\$1" "\$max"
done
RUN

now() { date +%s%N; }
t0=$(now); sh run.sh "$work/truth-untraced"; t1=$(now)
untraced=$(( (t1 - t0) / 1000000 ))
t0=$(now); "$jstrace" tls -j -o "$work/tls.jsonl" -- sh run.sh "$work/truth"; t1=$(now)
traced=$(( (t1 - t0) / 1000000 ))

python3 - "$work/truth" "$work/tls.jsonl" "$untraced" "$traced" <<'PY'
import json, sys
truth = {}
for line in open(sys.argv[1]):
    pid, a, b, v = line.split()
    truth[int(pid)] = (v, {a, b})
recs = [json.loads(l) for l in open(sys.argv[2])]
right = 0
seen = {}
for r in recs:
    t = truth.get(r["pid"])
    ok = (t is not None and r["status"] == "ok" and r["event"] == "close" and r["name"] == "curl"
          and r["sni"] in t[1] and r["version"] == t[0] and r["alpn_offered"] == ["h2", "http/1.1"]
          and (r["alpn"] == "http/1.1" if t[0] == "TLSv1.2" else r["alpn"] is None and not r["alpn_visible"]))
    if ok:
        seen.setdefault(r["pid"], set()).add(r["sni"])
        right += 1
complete = sum(1 for pid, (v, names) in truth.items() if seen.get(pid) == names)
want = 2 * len(truth)
print("connections: %d expected, %d recorded, %d right (%.1f%%); runs with both names right: %d/%d"
      % (want, len(recs), right, 100.0 * right / want, complete, len(truth)))
u, t = int(sys.argv[3]), int(sys.argv[4])
print("wall time of %d curl runs: untraced %d ms, jstrace tls %d ms (x%.2f, %.1f ms per connection added)"
      % (len(truth), u, t, t / u, (t - u) / want))
PY

# time to the first event: the first handshake line of a single curl run
first=""
for k in 1 2 3 4 5; do
	t0=$(now)
	"$jstrace" tls -v -j -o - -- curl -sk -o /dev/null --resolve a.test:$port:127.0.0.1 "https://a.test:$port/" |
		{ read -r line; t1=$(now); cat >/dev/null; echo $(( (t1 - t0) / 1000000 )); } >"$work/first"
	first="$first $(cat "$work/first")"
done
t0=$(now); curl -sk -o /dev/null --resolve a.test:$port:127.0.0.1 "https://a.test:$port/"; t1=$(now)
echo "time to first event (launch to first handshake line, 5 runs, ms):$first; curl alone untraced: $(( (t1 - t0) / 1000000 )) ms"
