"""A tiny SMTP server that offers STARTTLS (RFC 3207) and then speaks TLS with Python's ssl
module, for jstrace ca --starttls smtp. Prints its port, then logs each command it
receives and the end of each handshake on standard output.
usage: python3 smtp_server.py CHAIN.pem KEY.pem"""
import socket
import ssl
import sys
import threading

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print(listener.getsockname()[1], flush=True)


def serve(conn):
    with conn:
        f = conn.makefile("rb")
        conn.sendall(b"220-smtp.test ESMTP\r\n220 ready\r\n")
        for raw in f:
            line = raw.decode("ascii", "replace").strip()
            print("C: " + line, flush=True)
            verb = line.split(" ")[0].upper()
            if verb == "EHLO":
                conn.sendall(b"250-smtp.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
            elif verb == "STARTTLS":
                conn.sendall(b"220 go ahead\r\n")
                try:
                    with ctx.wrap_socket(conn, server_side=True) as tls:
                        print("TLS " + tls.version(), flush=True)
                        tls.recv(1)
                except (OSError, ssl.SSLError) as e:
                    print("TLS failed: %s" % e, flush=True)
                return
            else:
                conn.sendall(b"502 not here\r\n")


while True:
    c, _ = listener.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
