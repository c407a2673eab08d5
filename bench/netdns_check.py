#!/usr/bin/env python3
"""Checks jstrace dns/net records against the ground truth bench/netdns.sh's workload wrote.

  netdns_check.py [--system] TRUTH EDGES DNS_JSONL NET_JSONL    (- for a file not to check)

TRUTH: netdns_workload.py's lines; EDGES: net_edges' account. Prints one line per kind,
found/expected and the first misses, and exits 1 unless every one was found. With
--system, the records of the views' --system mode: both servers are on loopback there (every
query is via a stub), and the kernel counts no UDP or unix bytes (null), so those are not
compared.
"""
import collections, json, sys

A = {"h.test": ["10.0.0.2"], "c.test": ["10.0.0.2"], "web.test": ["127.0.0.1"]}


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def report(kind, want, got):
    found = sum(min(n, got[k]) for k, n in want.items())
    total = sum(want.values())
    misses = [k for k, n in want.items() if got[k] < n][:3]
    print("%-5s %6d / %-6d %6.2f%%%s" % (kind, found, total, 100.0 * found / max(total, 1),
                                        "  missing e.g. %s" % misses if misses else ""))
    return found == total


SYSTEM = False


def main(truth_path, edges_path, dns_path, net_path):
    truth = [l.split() for l in open(truth_path)]
    edges = [dict(kv.split("=", 1) for kv in l.split()[1:] if "=" in kv) | {"kind": l.split()[0]}
             for l in open(edges_path)]
    ok = True
    if dns_path != "-":
        ok &= check_dns(truth, load(dns_path))
    if net_path != "-":
        ok &= check_net(truth, edges, load(net_path))
    return 0 if ok else 1


def check_dns(truth, dns):
    want = collections.Counter()
    for t in truth:
        if t[0] != "dns":
            continue
        pid, name, types, rcode, via, proto = t[1:7]
        for ty in types.split("+"):
            answers = tuple(A.get(name, [])) if ty == "A" and rcode == "NOERROR" else ()
            want[(int(pid), name, ty, rcode, "-" if SYSTEM else via, proto, answers)] += 1
    got = collections.Counter((r["pid"], r["query"], r["type"], r["rcode"], "-" if SYSTEM else r["via"], r["proto"],
                               tuple(r["answers"])) for r in dns if not r["timeout"])
    return report("dns", want, got)


def check_net(truth, edges, net):
    ok = True
    closes = [r for r in net if r["event"] == "close"]
    port = lambda a: int(a.rsplit(":", 1)[1]) if a and ":" in a else None
    want = collections.Counter()
    # the descriptor passed with SCM_RIGHTS: its opener wrote what it sent (rx=-1), the receiver both counts
    passed = {e["tx"]: e["rx"] for e in edges if e["kind"] == "passed"}
    for e in edges:
        if e["kind"] == "out" and e["rx"] == "-1":
            e["rx"] = passed.get(e["tx"], "-1")
        if e["kind"] in ("out", "in"):
            want[("tcp", int(e["pid"]), e["kind"], int(e["lport"]), int(e["rport"]), int(e["tx"]), int(e["rx"]))] += 1
    got = collections.Counter(("tcp", r["pid"], r["dir"], port(r["local"]), port(r["remote"]), r["tx_bytes"],
                               r["rx_bytes"]) for r in closes if r["proto"] == "tcp")
    ok &= report("tcp", want, got)

    tx = lambda n: None if SYSTEM else n
    want = collections.Counter(("udp", int(t[1]), int(t[2]), int(t[3]), tx(int(t[4]))) for t in truth if t[0] == "udp")
    got = collections.Counter(("udp", r["pid"], port(r["local"]), port(r["remote"]), tx(r["tx_bytes"]))
                              for r in closes if r["proto"] == "udp" and r["dir"] == "out")
    ok &= report("udp", want, got)

    want = collections.Counter(("unix", int(t[1]), tx(int(t[2])), tx(int(t[3]))) for t in truth if t[0] == "unix")
    got = collections.Counter(("unix", r["pid"], tx(r["tx_bytes"]), tx(r["rx_bytes"]))
                              for r in closes if r["proto"] == "unix")
    ok &= report("unix", want, got)
    return ok


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--system":
        SYSTEM = True
        args = args[1:]
    sys.exit(main(*args[:4]))
