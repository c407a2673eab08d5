# A DNS client by hand, for the dns view's test: prints "PID WHAT NAME TYPE" for each
# query it makes. argv: udp-sendto NAME | udp-recv NAME | tcp-split NAME | silent NAME
import os, socket, struct, sys

def query(name, qtype, qid):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", qtype, 1)

what, name = sys.argv[1], sys.argv[2]
pid = os.getpid()
if what == "udp-sendto":  # unconnected: the server's address is in sendto's and recvfrom's arguments
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(query(name, 1, 0x1234), ("127.0.0.1", 53))
    s.recvfrom(4096)
    s.close()
elif what == "udp-recv":  # unconnected, the response read with no source address (recvfrom's NULL)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(query(name, 16, 0x2345), ("127.0.0.53", 53))
    s.recv(4096)
    s.close()
elif what == "tcp-split":  # the length prefix split, the response read a byte at a time
    s = socket.create_connection(("127.0.0.1", 53))
    q = query(name, 1, 0x4321)
    framed = struct.pack(">H", len(q)) + q
    s.sendall(framed[:1])
    s.sendall(framed[1:7])
    s.sendall(framed[7:])
    n = struct.unpack(">H", s.recv(1) + s.recv(1))[0]
    got = b""
    while len(got) < n:
        got += s.recv(1)
    s.close()
elif what == "silent":  # a server that never answers: the query times out when the socket closes
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 5353))
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.connect(("127.0.0.1", 5353))
    s.send(query(name, 28, 0x0bad))
    s.close()
    server.close()
print(pid, what, name, flush=True)
