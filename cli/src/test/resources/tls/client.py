"""Clients for the tls view's test, each on 127.0.0.1:PORT.

tls SNI: a TLS connection with Python's ssl (OpenSSL underneath); prints what the client
    negotiated: "SNI version cipher alpn".
garbage: an HTTP request on the TLS port (no TLS at all).
cut SNI: the first 90 bytes of a ClientHello for SNI, then close.
"""
import socket
import ssl
import sys

mode, port = sys.argv[1], int(sys.argv[2])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
ctx.set_alpn_protocols(["x-test", "http/1.1"])
s = socket.create_connection(("127.0.0.1", port))
if mode == "tls":
    sni = sys.argv[3]
    t = ctx.wrap_socket(s, server_hostname=sni)
    t.sendall(b"GET / HTTP/1.0\r\n\r\n")
    while t.recv(65536):
        pass
    print(sni, t.version(), t.cipher()[0], t.selected_alpn_protocol())
    t.close()
elif mode == "garbage":
    s.sendall(b"GET / HTTP/1.0\r\nHost: garbage.test\r\n\r\n")
    s.settimeout(5)
    try:
        s.recv(100)
    except OSError:
        pass
    s.close()
elif mode == "cut":
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(incoming, outgoing, server_hostname=sys.argv[3])
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    s.sendall(outgoing.read()[:90])
    s.close()
