"""An AIA server that misbehaves, for jstrace ca's tests: /hang answers nothing, /huge
streams zeros without end (no Content-Length), /huge-announced announces a gigabyte.
Prints its port, then serves until killed.  usage: python3 aia_server.py"""
import http.server
import sys
import time


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/hang":
            time.sleep(3600)
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "application/pkix-cert")
            self.end_headers()
            block = b"\0" * 65536
            try:
                for _ in range(16384):  # a gigabyte, unless the client hangs up first
                    self.wfile.write(block)
            except OSError:
                pass
        elif self.path == "/huge-announced":
            self.send_response(200)
            self.send_header("Content-Length", str(1 << 30))
            self.end_headers()
            try:
                self.wfile.write(b"\0" * 65536)
            except OSError:
                pass
        else:
            self.send_error(404)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
