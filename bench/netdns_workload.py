#!/usr/bin/env python3
"""Ground-truth workload for bench/netdns.sh: DNS lookups, UDP flows and unix pairs, each
noted with the pid that made it, so that every record jstrace reports can be checked.

  netdns_workload.py dns OUT WORKER LOOKUPS   lookups by one worker process (run 8 at once)
  netdns_workload.py udp OUT FLOWS            UDP flows on 127.0.0.1, each a random byte count
  netdns_workload.py unix OUT PAIRS           unix socketpairs, random byte counts each way

Lines written to OUT (appended, one per event):
  dns PID NAME TYPE RCODE VIA PROTO           VIA: direct (10.53.0.1) or stub (127.0.0.53)

The servers' addresses can be moved (for a run in the host's network namespace):
NETDNS_DIRECT and NETDNS_STUB.
  udp PID LPORT RPORT TX                      one flow as its sender saw it
  unix PID TX RX                              one socketpair end's bytes
"""
import os, random, socket, struct, subprocess, sys

NAMES = {"h.test": ["10.0.0.2"], "c.test": ["10.0.0.2"], "web.test": ["127.0.0.1"]}
DIRECT = os.environ.get("NETDNS_DIRECT", "10.53.0.1")
STUB = os.environ.get("NETDNS_STUB", "127.0.0.53")


def query(name, qtype, qid):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", qtype, 1)


def ask_udp(server, name):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(5)
    s.sendto(query(name, 1, random.randrange(65536)), (server, 53))
    reply = s.recv(4096)
    s.close()
    return ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN"][reply[3] & 0xF]


def dns(out, worker, count):
    rnd = random.Random(worker)
    with open(out, "a") as log:
        for i in range(count):
            name = rnd.choice(list(NAMES) + ["nx%d.test" % i])
            rcode = "NOERROR" if name in NAMES else "NXDOMAIN"
            kind = i % 4
            if kind == 0:  # glibc through resolv.conf: the server directly, A and AAAA
                try:
                    socket.getaddrinfo(name, 80, type=socket.SOCK_STREAM)
                except socket.gaierror:
                    pass
                log.write("dns %d %s A+AAAA %s direct udp\n" % (os.getpid(), name, rcode))
            elif kind == 1 or kind == 2:  # through the stub, by hand
                ask_udp(STUB, name)
                log.write("dns %d %s A %s stub udp\n" % (os.getpid(), name, rcode))
            else:  # dig over TCP, its own process, to the stub every other time
                server = STUB if i % 8 == 3 else DIRECT
                p = subprocess.Popen(["dig", "+tcp", "+short", "+tries=1", "@" + server, name, "A"],
                                     stdout=subprocess.DEVNULL)
                p.wait()
                log.write("dns %d %s A %s %s tcp\n" % (p.pid, name, rcode,
                                                      "stub" if server == STUB else "direct"))
            log.flush()


def udp(out, flows):
    rnd = random.Random(1)
    r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    r.bind(("127.0.0.1", 0))
    r.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
    with open(out, "a") as log:
        for _ in range(flows):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind(("127.0.0.1", 0))
            tx = 0
            for _ in range(rnd.randint(1, 4)):
                n = rnd.randint(1, 1400)
                tx += s.sendto(os.urandom(n), r.getsockname())
                r.recv(65536)
            log.write("udp %d %d %d %d\n" % (os.getpid(), s.getsockname()[1], r.getsockname()[1], tx))
            s.close()
    r.close()


def unix(out, pairs):
    rnd = random.Random(2)
    with open(out, "a") as log:
        for _ in range(pairs):
            a, b = socket.socketpair()
            na, nb = rnd.randint(1, 20000), rnd.randint(1, 20000)
            a.sendall(os.urandom(na))
            got = 0
            while got < na:
                got += len(b.recv(65536))
            b.sendall(os.urandom(nb))
            got = 0
            while got < nb:
                got += len(a.recv(65536))
            log.write("unix %d %d %d\n" % (os.getpid(), na, nb))
            log.write("unix %d %d %d\n" % (os.getpid(), nb, na))
            a.close()
            b.close()


if __name__ == "__main__":
    what, out = sys.argv[1], sys.argv[2]
    if what == "dns":
        dns(out, int(sys.argv[3]), int(sys.argv[4]))
    elif what == "udp":
        udp(out, int(sys.argv[3]))
    else:
        unix(out, int(sys.argv[3]))
