"""A TLS server on loopback for SystemTlsTest: it serves CONNECTIONS requests one after
another (GET /N answered with N bytes of body, then closed) and files, for each, the server
name the client sent and the plaintext bytes it received and sent: the ground truth the
tls view's calls are checked against. Python's ssl module calls SSL_read_ex/SSL_write_ex.

usage: tlsserver.py CERT KEY PORTFILE LOGFILE CONNECTIONS
"""
import json
import os
import socket
import ssl
import sys

cert, key, portfile, logfile, connections = sys.argv[1:6]
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
names = {}
context.sni_callback = lambda sock, name, ctx: names.__setitem__(id(sock), name)

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
with open(portfile + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
os.rename(portfile + ".tmp", portfile)

with open(logfile, "w") as log:
    for _ in range(int(connections)):
        conn, _ = listener.accept()
        tls = context.wrap_socket(conn, server_side=True)
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = tls.recv(65536)
            if not chunk:
                break
            request += chunk
        size = int(request.split(b" ")[1].strip(b"/"))
        response = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % size + b"x" * size
        tls.sendall(response)
        log.write(json.dumps({"pid": os.getpid(), "sni": names.get(id(tls)), "received": len(request),
                              "sent": len(response)}) + "\n")
        log.flush()
        tls.close()
