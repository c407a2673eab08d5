#!/usr/bin/env bash
# The dns and net views against ground truth, and what tracing costs: the same workload
# run untraced, under `jstrace dns -j` and under `jstrace net -j -t`, in a network, mount
# and pid namespace made here (dnsmasq on 10.53.0.1, an address of the namespace's own
# loopback device standing for a remote server, answering the zone "test"; a second dnsmasq
# on 127.0.0.53 forwarding to it as a local stub; the host's resolver untouched).
#
#   bench/netdns.sh [--quick] [--system]     needs root, unshare, dnsmasq, dig, python3, gcc
#
# --system: the views' --system mode instead (`jstrace dns --system -j`, then `jstrace net
# --system -j -t`, each started before the workload and stopped after it), with the workload
# run by another process tree in the host's network and pid namespaces (a mount namespace of
# its own for resolv.conf; dnsmasq on 127.53.0.1, the stub on 127.53.0.53): every record
# checked the same way, less what --system cannot know (UDP and unix bytes, `via`); the
# tracer's own CPU and peak RSS over the run.
#
# Workload (bench/netdns_workload.py and net_edges from testdata): LOOKUPS DNS lookups by
# 8 workers at once (a quarter getaddrinfo to dnsmasq, half by hand to the stub, a quarter
# `dig +tcp` to either; a random share NXDOMAIN), CONNS TCP connections with random byte
# counts each way plus net_edges' edge cases, UDP flows and UNIX socketpairs. Every record
# is checked by bench/netdns_check.py (found/expected per kind); then wall time, CPU
# (user+system of everything, the workload included) and the tracer's peak RSS.
# Environment: JSTRACE (default ./jstrace), LOOKUPS (1200), CONNS (1000), UDP (200), UNIX (200).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
JSTRACE=${JSTRACE:-$root/jstrace}
SYSTEM=
for a in "$@"; do
  case $a in
    --quick) LOOKUPS=${LOOKUPS:-240} CONNS=${CONNS:-100} UDP=${UDP:-40} UNIX=${UNIX:-40} ;;
    --system) SYSTEM=1 ;;
    *) echo "netdns: unknown argument $a" >&2; exit 2 ;;
  esac
done
LOOKUPS=${LOOKUPS:-1200} CONNS=${CONNS:-1000} UDP=${UDP:-200} UNIX=${UNIX:-200}
for t in unshare dnsmasq dig python3 gcc; do
  command -v $t >/dev/null || { echo "netdns: needs $t" >&2; exit 2; }
done
[ "$(id -u)" = 0 ] || { echo "netdns: needs root (namespaces)" >&2; exit 2; }
"$JSTRACE" -o /dev/null true || { echo "netdns: $JSTRACE does not run" >&2; exit 2; }
work=$(mktemp -d /tmp/jstrace-netdns.XXXXXX)
trap 'rm -rf "$work"' EXIT
gcc -O2 -o "$work/net_edges" "$root/testdata/src/main/targets/net_edges.c" || exit 2
printf 'nameserver 10.53.0.1\n' > "$work/resolv.conf"
cat > "$work/ns.sh" <<NS
set -e
ip link set lo up
ip addr add 10.53.0.1/32 dev lo
mount --bind "$work/resolv.conf" /etc/resolv.conf
dnsmasq --no-resolv --no-hosts --local=/test/ --host-record=h.test,10.0.0.2 --cname=c.test,h.test \
  --host-record=web.test,127.0.0.1 --port=53 --listen-address=10.53.0.1 --bind-interfaces --keep-in-foreground \
  --log-facility=/dev/null -C /dev/null --cache-size=0 --pid-file="$work/dnsmasq.pid" &
dnsmasq --no-resolv --no-hosts --server=10.53.0.1 --port=53 --listen-address=127.0.0.53 --bind-interfaces \
  --keep-in-foreground --log-facility=/dev/null -C /dev/null --cache-size=0 --pid-file="$work/stub.pid" &
for s in 10.53.0.1 127.0.0.53; do i=0; until dig +short +tries=1 +time=1 @\$s ready.test >/dev/null 2>&1; do
  i=\$((i+1)); [ \$i -lt 50 ] || exit 99; sleep 0.1; done; done
set +e
"\$@"
NS
cat > "$work/workload.sh" <<WL
# \$1: the run's directory
for w in 1 2 3 4 5 6 7 8; do python3 "$here/netdns_workload.py" dns "\$1/truth" \$w $((LOOKUPS / 8)) & done
python3 "$here/netdns_workload.py" udp "\$1/truth" $UDP &
python3 "$here/netdns_workload.py" unix "\$1/truth" $UNIX &
"$work/net_edges" "\$1/edges" 7 $CONNS &
wait
WL
run() { # NAME TRACER-ARGS...: runs the workload in a fresh namespace, timed
  local name=$1; shift
  mkdir -p "$work/$name"
  unshare -n -m -p -f --kill-child --mount-proc sh "$work/ns.sh" \
    /usr/bin/time -o "$work/$name/time" -f '%e %U %S %M' "$@" sh "$work/workload.sh" "$work/$name" \
    >/dev/null 2>"$work/$name/stderr" || { echo "netdns: the $name run failed:" >&2; cat "$work/$name/stderr" >&2; }
}
if [ -n "$SYSTEM" ]; then
  printf 'nameserver 127.53.0.1\n' > "$work/resolv.conf"
  cat > "$work/sysns.sh" <<NS
set -e
mount --bind "$work/resolv.conf" /etc/resolv.conf
dnsmasq --no-resolv --no-hosts --local=/test/ --host-record=h.test,10.0.0.2 --cname=c.test,h.test \
  --host-record=web.test,127.0.0.1 --port=53 --listen-address=127.53.0.1 --bind-interfaces \
  --log-facility=/dev/null -C /dev/null --cache-size=0 --pid-file="$work/dnsmasq.pid"
dnsmasq --no-resolv --no-hosts --server=127.53.0.1 --port=53 --listen-address=127.53.0.53 --bind-interfaces \
  --log-facility=/dev/null -C /dev/null --cache-size=0 --pid-file="$work/stub.pid"
for s in 127.53.0.1 127.53.0.53; do i=0; until dig +short +tries=1 +time=1 @\$s ready.test >/dev/null 2>&1; do
  i=\$((i+1)); [ \$i -lt 50 ] || exit 99; sleep 0.1; done; done
set +e
"\$@"; rc=\$?
kill \$(cat "$work/dnsmasq.pid" "$work/stub.pid")
exit \$rc
NS
  export NETDNS_DIRECT=127.53.0.1 NETDNS_STUB=127.53.0.53
  sysrun() { # NAME [VIEW ARGS...]: the workload by another process tree, the view watching the machine
    local name=$1; shift
    mkdir -p "$work/$name"
    local tracer=
    if [ $# -gt 0 ]; then
      /usr/bin/time -o "$work/$name/tracer.time" -f '%e %U %S %M' "$JSTRACE" "$@" -o "$work/$name/out.jsonl" \
        2>"$work/$name/tracer.stderr" &
      tracer=$!
      sleep 3 # the view's sockets and its first look at the machine
    fi
    unshare -m sh "$work/sysns.sh" /usr/bin/time -o "$work/$name/time" -f '%e %U %S %M' \
      sh "$work/workload.sh" "$work/$name" >/dev/null 2>"$work/$name/stderr" \
      || { echo "netdns: the $name run failed:" >&2; cat "$work/$name/stderr" >&2; }
    if [ -n "$tracer" ]; then
      sleep 2
      pkill -TERM -P "$tracer"; wait "$tracer" # time(1)'s child: jstrace
      cat "$work/$name/tracer.stderr" >&2
    fi
  }
  sysrun untraced
  sysrun dns dns --system -j
  sysrun net net --system -j -t
  [ -n "${KEEP:-}" ] && { trap - EXIT; echo "netdns: the runs' files are in $work"; }
  echo "workload (another process tree, the host's namespaces): $LOOKUPS lookups (8 workers), $CONNS TCP connections + net_edges' edge cases, $UDP UDP flows, $UNIX unix pairs"
  echo "correctness of --system (records found / expected, by kind):"
  python3 "$here/netdns_check.py" --system "$work/dns/truth" "$work/dns/edges" "$work/dns/out.jsonl" - | sed 's/^/  /'
  python3 "$here/netdns_check.py" --system "$work/net/truth" "$work/net/edges" - "$work/net/out.jsonl" | sed 's/^/  /'
  read -r w0 u0 s0 m0 < "$work/untraced/time"
  printf '%-26s %9s %9s %9s %14s %12s\n' run wall_s cpu_s wall_ratio tracer_cpu_s tracer_rss_MB
  printf '%-26s %9.2f %9.2f %9s %14s %12s\n' untraced "$w0" "$(echo "$u0 + $s0" | bc)" 1.00 - -
  for name in dns net; do
    read -r w u s m < "$work/$name/time"
    read -r tw tu ts tm < <(tail -1 "$work/$name/tracer.time") # after time(1)'s "terminated by signal 15"
    printf '%-26s %9.2f %9.2f %9.2f %14.2f %12.1f\n' "jstrace $name --system" "$w" "$(echo "$u + $s" | bc)" \
      "$(echo "scale=4; $w / $w0" | bc)" "$(echo "$tu + $ts" | bc)" "$(echo "scale=1; $tm / 1024" | bc)"
  done
  exit 0
fi
run untraced
run dns "$JSTRACE" dns -j -o "$work/dns/out.jsonl" --
run net "$JSTRACE" net -j -t -o "$work/net/out.jsonl" --
[ -n "${KEEP:-}" ] && { trap - EXIT; echo "netdns: the runs' files are in $work"; }
echo "workload: $LOOKUPS lookups (8 workers), $CONNS TCP connections + net_edges' edge cases, $UDP UDP flows, $UNIX unix pairs"
echo "correctness (records found / expected, by kind):"
python3 "$here/netdns_check.py" "$work/dns/truth" "$work/dns/edges" "$work/dns/out.jsonl" - | sed 's/^/  /'
python3 "$here/netdns_check.py" "$work/net/truth" "$work/net/edges" - "$work/net/out.jsonl" | sed 's/^/  /'
read -r w0 u0 s0 m0 < "$work/untraced/time"
printf '%-22s %9s %9s %9s %12s\n' run wall_s cpu_s wall_ratio tracer_rss_MB
printf '%-22s %9.2f %9.2f %9s %12s\n' untraced "$w0" "$(echo "$u0 + $s0" | bc)" 1.00 -
for name in dns net; do
  read -r w u s m < "$work/$name/time"
  printf '%-22s %9.2f %9.2f %9.2f %12.1f\n' "jstrace $name" "$w" "$(echo "$u + $s" | bc)" \
    "$(echo "scale=4; $w / $w0" | bc)" "$(echo "scale=1; $m / 1024" | bc)"
done
