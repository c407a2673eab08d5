# The net --system workload: run by a process tree jstrace does not trace. Writes one
# JSON line of ground truth per connection to argv[1]: pids, ports, the bytes each way.
import json, os, random, socket, subprocess, sys, threading, time

truth = open(sys.argv[1], "w")
N_LONG, N_SHORT, HOLD = 10, 6, 1.0

def note(**kw):
    truth.write(json.dumps(kw) + "\n")
    truth.flush()

# The server is a process of its own: for each connection, an 8-byte header saying how
# many bytes to send back, then data until the client's FIN; the bytes back; its FIN.
SERVER = r'''
import socket, sys, threading
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(64)
print(l.getsockname()[1], flush=True)
def serve(c):
    head = b""
    while len(head) < 8: head += c.recv(8 - len(head))
    while c.recv(65536): pass
    c.sendall(b"s" * int.from_bytes(head, "big")); c.close()
while True:
    c, _ = l.accept(); threading.Thread(target=serve, args=(c,)).start()
'''
server = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE)
port = int(server.stdout.readline())

def connection(hold):
    k, back = random.randint(1, 200_000), random.randint(1, 100_000)
    c = socket.create_connection(("127.0.0.1", port))
    c.sendall(back.to_bytes(8, "big") + b"c" * k)
    time.sleep(hold)  # both ends established meanwhile: snapshots see them
    c.shutdown(socket.SHUT_WR)
    got = 0
    while True:
        b = c.recv(65536)
        if not b: break
        got += len(b)
    assert got == back
    note(kind="tcp", pid=os.getpid(), server=server.pid, cport=c.getsockname()[1], sport=port,
         tx=8 + k, rx=back, held=hold > 0)
    c.close()

threads = [threading.Thread(target=connection, args=(HOLD,)) for _ in range(N_LONG)]
for t in threads: t.start()
for t in threads: t.join()
for _ in range(N_SHORT): connection(0)

# A connected UDP socket and a unix stream pair, each in a process of its own, held a while.
UDP = r'''
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); c.connect(s.getsockname())
c.send(b"u" * 77); s.recv(100)
print(c.getsockname()[1], s.getsockname()[1], flush=True); time.sleep(float(sys.argv[1]))
'''
UNIX = r'''
import os, socket, sys, time
path = sys.argv[2]
l = socket.socket(socket.AF_UNIX); l.bind(path); l.listen(1)
if os.fork() == 0:
    c = socket.socket(socket.AF_UNIX); c.connect(path); c.send(b"x" * 5); time.sleep(float(sys.argv[1])); os._exit(0)
a, _ = l.accept(); a.recv(10)
print(os.getpid(), flush=True); time.sleep(float(sys.argv[1])); os.wait()
'''
u = subprocess.Popen([sys.executable, "-c", UDP, str(HOLD)], stdout=subprocess.PIPE)
cport, sport = map(int, u.stdout.readline().split())
u.wait()
note(kind="udp", pid=u.pid, cport=cport, sport=sport)
# UDP sockets that live for one datagram, in a process gone before any question: two sent
# with an address, two connected, all to a receiver of the process's own.
SHORT_UDP = r'''
import socket
r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); r.bind(("127.0.0.1", 0))
for connect in (0, 0, 1, 1):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if connect: s.connect(r.getsockname()); s.send(b"v" * 33)
    else: s.sendto(b"v" * 33, r.getsockname())
    r.recv(100)
    print(s.getsockname()[1], r.getsockname()[1], connect, flush=True); s.close()
'''
v = subprocess.Popen([sys.executable, "-c", SHORT_UDP], stdout=subprocess.PIPE)
for line in v.stdout:
    cport, sport, connected = map(int, line.split())
    note(kind="udp-short", pid=v.pid, cport=cport, sport=sport, connected=bool(connected))
v.wait()
# Unix sockets closed at once, in a process gone before any question: named by their calls.
SHORT_UNIX = r'''
import os, socket
for _ in range(5):
    a, b = socket.socketpair(); a.send(b"p"); b.recv(1); a.close(); b.close()
socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).close()
print(os.getpid(), flush=True)
'''
w = subprocess.Popen([sys.executable, "-c", SHORT_UNIX], stdout=subprocess.PIPE)
w.stdout.readline()
w.wait()
note(kind="unix-short", pid=w.pid, pairs=5, sockets=1)
path = os.path.join(os.path.dirname(sys.argv[1]), "unix.sock")
if os.path.exists(path): os.unlink(path)
x = subprocess.Popen([sys.executable, "-c", UNIX, str(HOLD), path], stdout=subprocess.PIPE)
x.stdout.readline()
x.wait()
note(kind="unix", pid=x.pid, path=path)
server.kill(); server.wait()
truth.close()
