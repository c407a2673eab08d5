"""A tiny server of a protocol that upgrades to TLS in the middle (SMTP, RFC 3207; IMAP,
RFC 3501 6.2.1; POP3, RFC 2595 4; FTP, RFC 4217 4), then speaks TLS with Python's ssl
module, for jstrace ca --starttls. Prints its port, then logs each command it receives
and the end of each handshake on standard output.
usage: python3 starttls_server.py smtp|imap|pop3|ftp CHAIN.pem KEY.pem"""
import socket
import ssl
import sys
import threading

proto = sys.argv[1]
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[2], sys.argv[3])
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(16)
print(listener.getsockname()[1], flush=True)

GREETING = {
    "smtp": b"220-smtp.test ESMTP\r\n220 ready\r\n",
    "imap": b"* OK [CAPABILITY IMAP4rev1 STARTTLS] imap.test ready\r\n",
    "pop3": b"+OK pop3.test ready\r\n",
    "ftp": b"220-ftp.test\r\n220 ready\r\n",
}
# command -> reply; the command that upgrades gets the go-ahead and then the handshake
REPLIES = {
    "smtp": {"EHLO": b"250-smtp.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n"},
    "imap": {},
    "pop3": {},
    "ftp": {},
}
UPGRADE = {"smtp": ("STARTTLS", b"220 go ahead\r\n"), "imap": ("STARTTLS", b"a OK begin TLS\r\n"),
           "pop3": ("STLS", b"+OK begin TLS\r\n"), "ftp": ("AUTH", b"234 AUTH TLS ok\r\n")}


def serve(conn):
    with conn:
        f = conn.makefile("rb")
        conn.sendall(GREETING[proto])
        for raw in f:
            line = raw.decode("ascii", "replace").strip()
            print("C: " + line, flush=True)
            words = line.split(" ")
            verb = (words[1] if proto == "imap" and len(words) > 1 else words[0]).upper()
            if verb == UPGRADE[proto][0]:
                if proto == "imap":  # untagged data first, which the client must skip
                    conn.sendall(b"* OK still here\r\n")
                conn.sendall(UPGRADE[proto][1])
                try:
                    with ctx.wrap_socket(conn, server_side=True) as tls:
                        print("TLS " + tls.version(), flush=True)
                        tls.recv(1)
                except (OSError, ssl.SSLError) as e:
                    print("TLS failed: %s" % e, flush=True)
                return
            conn.sendall(REPLIES[proto].get(verb, b"502 not here\r\n"))


while True:
    c, _ = listener.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
