#!/bin/sh
# jstrace ca's cost against tracep's ca workload: 50 fetches of a local chain.
#
# usage: bench/ca.sh [N]
#   JSTRACE=path   the tracer (default: ./jstrace at the repo root)
#   N              fetches (default 50, as tracep's bench)
#
# The chain is cli/src/test/resources/ca/chains.sh's (root -> int -> leaf, P-256), sent
# leaf + int by `openssl s_server -www` on loopback, its root given with --trust.
# Three ways to fetch it N times, each timed as tracep times ca (getrusage of the
# processes: wall, CPU = user + system, peak RSS, from wait4), one after the other:
#   batch    one `jstrace ca` with the N targets on its command line (fetched 16 at a time)
#   single   N runs of `jstrace ca HOST:PORT`
#   openssl  N runs of `openssl s_client -showcerts` (no AIA, no diagnosis)
# and checks each: N "verify: ok" reports, N chains of 2 certificates.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
n=${1:-50}
for tool in openssl python3; do
	command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
jstrace=${JSTRACE:-$root/jstrace}
"$jstrace" ca -version >/dev/null # build before measuring

work=$(mktemp -d "${TMPDIR:-/tmp}/jstrace-ca-bench.XXXXXX")
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT INT TERM
mkdir -p "$work/aia"
# the port of a started server, from the line it prints
port() {
	i=0
	until p=$(sed -n "s/$2/\1/p" "$1" | head -1) && [ -n "$p" ]; do
		i=$((i + 1)); [ $i -lt 100 ] || { echo "bench: no port in $1" >&2; exit 1; }; sleep 0.1
	done
	echo "$p"
}
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$work/aia" >"$work/http.log" 2>&1 &
pids="$pids $!"
http=$(port "$work/http.log" '.*port \([0-9]*\).*')
sh "$root/cli/src/test/resources/ca/chains.sh" "$work" "$http" 9 >/dev/null
openssl s_server -accept 127.0.0.1:0 -www -cert "$work/leaf.pem" -key "$work/leaf.key" \
	-cert_chain "$work/chain-int.pem" >"$work/server.log" 2>&1 &
pids="$pids $!"
tls=$(port "$work/server.log" 'ACCEPT 127.0.0.1:\([0-9]*\)')

python3 - "$jstrace" "$work" "$tls" "$n" <<'PY'
import os, subprocess, sys, time
jstrace, work, port, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
target = "localhost:" + port
trust = ["--trust", work + "/root.pem", "-o", "/dev/null"]

def measure(name, commands, check):
    """Runs the commands one after the other: wall, CPU (user + system) and peak RSS of each, from wait4."""
    start = time.monotonic()
    out, cpu, peak = b"", 0.0, 0
    for c in commands:
        p = subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        out += p.stdout.read()
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss)  # kB
    wall = time.monotonic() - start
    ok = check(out.decode("utf-8", "replace"))
    print("%-8s %9.1f %9.1f %12.1f %11.1f  %s" % (name, wall * 1000, wall * 1000 / n, cpu * 1000 / n,
          peak / 1024, "ok" if ok else "WRONG OUTPUT"), flush=True)
    return wall, cpu

print("%d fetches of %s (leaf + int; root by --trust)" % (n, target))
print("%-8s %9s %9s %12s %11s" % ("variant", "total ms", "ms/fetch", "CPU ms/fetch", "peak RSS MB"))
batch = measure("batch", [[jstrace, "ca", *trust] + [target] * n],
                lambda o: o.count("verify: ok\n") == n and o.count("chain received: 2 certificate(s)") == n)
single = measure("single", [[jstrace, "ca", *trust, target]] * n, lambda o: o.count("verify: ok\n") == n)
ossl = measure("openssl", [["openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                            "-showcerts"]] * n,
               lambda o: o.count("-----BEGIN CERTIFICATE-----") == 2 * n)
print("wall: batch/openssl %.2f, single/openssl %.2f, single/batch %.1f; CPU: batch/openssl %.2f (below 1: jstrace"
      " is faster)" % (batch[0] / ossl[0], single[0] / ossl[0], single[0] / batch[0], batch[1] / ossl[1]))
PY
