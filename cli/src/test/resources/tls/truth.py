"""The server's view of every handshake, as ground truth for jstrace tls.

Reads `openssl s_server -msg` output (argv[1]): each ClientHello and ServerHello it
printed as hex, in order. Parses them here, independently of jstrace (RFC 8446 4.1.2,
4.1.3), and computes JA3 (salesforce/ja3) and JA4 (FoxIO technical_details/JA4.md).
Prints one JSON object per ClientHello, with the ServerHello that followed it.
"""
import hashlib
import json
import re
import sys


def grease(v):
    return (v & 0x0f0f) == 0x0a0a and (v >> 8) == (v & 0xff)


class Cur:
    def __init__(self, b):
        self.b, self.i = b, 0

    def take(self, n):
        if self.i + n > len(self.b):
            raise ValueError("short")
        v = self.b[self.i:self.i + n]
        self.i += n
        return v

    def num(self, n):
        return int.from_bytes(self.take(n), "big")

    def vec(self, n):
        return Cur(self.take(self.num(n)))

    def more(self):
        return self.i < len(self.b)


def client_hello(msg):
    c = Cur(msg[4:])
    h = {"legacy_version": c.num(2), "random": c.take(32).hex()}
    h["session_id"] = c.vec(1).b.hex()
    s = c.vec(2)
    h["ciphers"] = [s.num(2) for _ in range(len(s.b) // 2)]
    c.vec(1)
    h.update(exts=[], sni=None, alpn=[], versions=[], groups=[], formats=[], sigalgs=[])
    e = c.vec(2) if c.more() else Cur(b"")
    while e.more():
        t, d = e.num(2), e.vec(2)
        h["exts"].append(t)
        if t == 0:
            lst = d.vec(2)
            if lst.num(1) == 0:
                h["sni"] = lst.vec(2).b.decode("latin-1")
        elif t == 16:
            lst = d.vec(2)
            while lst.more():
                h["alpn"].append(lst.vec(1).b.decode("latin-1"))
        elif t == 43:
            v = d.vec(1)
            h["versions"] = [v.num(2) for _ in range(len(v.b) // 2)]
        elif t == 10:
            v = d.vec(2)
            h["groups"] = [v.num(2) for _ in range(len(v.b) // 2)]
        elif t == 11:
            h["formats"] = list(d.vec(1).b)
        elif t == 13:
            v = d.vec(2)
            h["sigalgs"] = [v.num(2) for _ in range(len(v.b) // 2)]
    return h


def server_hello(msg):
    c = Cur(msg[4:])
    h = {"legacy_version": c.num(2), "random": c.take(32).hex(), "session_id": c.vec(1).b.hex()}
    h["cipher"] = c.num(2)
    c.num(1)
    h.update(version=h["legacy_version"], alpn=None, psk=False)
    e = c.vec(2) if c.more() else Cur(b"")
    while e.more():
        t, d = e.num(2), e.vec(2)
        if t == 43:
            h["version"] = d.num(2)
        elif t == 16:
            h["alpn"] = d.vec(2).vec(1).b.decode("latin-1")
        elif t == 41:
            h["psk"] = True
    return h


def ja3(h):
    j = lambda vs: "-".join(str(v) for v in vs if not grease(v))
    s = "%d,%s,%s,%s,%s" % (h["legacy_version"], j(h["ciphers"]), j(h["exts"]), j(h["groups"]), j(h["formats"]))
    return s, hashlib.md5(s.encode()).hexdigest()


def ja4(h):
    names = {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10", 0x0300: "s3"}
    vs = [v for v in h["versions"] if not grease(v)]
    version = names.get(max(vs) if vs else h["legacy_version"], "00")
    ciphers = [v for v in h["ciphers"] if not grease(v)]
    exts = [v for v in h["exts"] if not grease(v)]
    a = h["alpn"][0] if h["alpn"] else ""
    if not a:
        alpn = "00"
    elif a[0].isascii() and a[0].isalnum() and a[-1].isascii() and a[-1].isalnum():
        alpn = a[0] + a[-1]
    else:
        x = a.encode("latin-1").hex()
        alpn = x[0] + x[-1]
    part_a = "t%s%s%02d%02d%s" % (version, "d" if 0 in exts else "i", min(len(ciphers), 99), min(len(exts), 99), alpn)
    sha = lambda s: hashlib.sha256(s.encode()).hexdigest()[:12]
    b = sha(",".join("%04x" % v for v in sorted(ciphers))) if ciphers else "0" * 12
    rest = sorted(v for v in exts if v not in (0, 16))
    c = ",".join("%04x" % v for v in rest)
    sig = [v for v in h["sigalgs"] if not grease(v)]
    if sig:
        c += "_" + ",".join("%04x" % v for v in sig)
    return "%s_%s_%s" % (part_a, b, sha(c) if rest else "0" * 12)


def messages(path):
    """(kind, bytes) for each ClientHello and ServerHello in the log, in order."""
    out, kind, hexes = [], None, []
    for line in open(path, encoding="latin-1"):
        m = re.match(r"^[<>]{3} .*Handshake \[length [0-9a-f]+\], (ClientHello|ServerHello)$", line.rstrip())
        if m:
            kind, hexes = m.group(1), []
            out.append((kind, hexes))
            continue
        if kind and re.match(r"^    ([0-9a-f]{2} ?)+$", line.rstrip()):
            hexes.extend(line.split())
        else:
            kind = None
    return [(k, bytes.fromhex("".join(h))) for k, h in out]


NAMES = {0x0304: "TLSv1.3", 0x0303: "TLSv1.2", 0x0302: "TLSv1.1", 0x0301: "TLSv1"}
records = []
for kind, msg in messages(sys.argv[1]):
    if kind == "ClientHello":
        h = client_hello(msg)
        s, md5 = ja3(h)
        records.append({"client_random": h["random"], "sni": h["sni"], "alpn_offered": h["alpn"],
                        "versions_offered": [NAMES.get(v, hex(v)) for v in h["versions"] if not grease(v)]
                        or [NAMES.get(h["legacy_version"])], "ja3": s, "ja3_md5": md5,
                        "ja4": ja4(h), "session_id": h["session_id"], "server": None})
    elif records and records[-1]["server"] is None:
        records[-1]["server"] = server_hello(msg)
        records[-1]["server"]["version_name"] = NAMES.get(records[-1]["server"]["version"])
for r in records:
    print(json.dumps(r))
