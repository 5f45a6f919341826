#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Small misbehaving (and one well-behaved) servers for the proxy lab
# (tests/lab/proxylab.sh). Each binds 127.0.0.1 port 0, so the kernel hands
# out a free port, prints "PORT\n" on stdout once it accepts connections, and
# runs until killed. Standard library only.
#   hold                 bind, never listen: connecting is refused, and no
#                        other process can take the port meanwhile
#   blackhole            accept and never answer (timeouts)
#   reset                read the request, then close with RST
#   https CERT KEY       threaded HTTPS origin: every GET answers 200 "ok"
#                        (after MS milliseconds with ?delay=MS)
#   rogue                a proxy that answers every request (GET or CONNECT)
#                        with 407 and `Proxy-Authenticate: Basic`, keeping
#                        the connection, and logs each request line and every
#                        header it received on stderr (issue 15: does a
#                        password reach a proxy nobody named?)
#   port                 print a free port and exit (for servers that take
#                        a port number; the caller retries on a lost race)
import http.server
import socket
import ssl
import struct
import sys
import threading
import time


def bound(listen):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    if listen:
        s.listen(256)
    return s


def ready(port):
    sys.stdout.write("%d\n" % port)
    sys.stdout.flush()


def hold():
    s = bound(False)
    ready(s.getsockname()[1])
    while True:
        time.sleep(3600)


def blackhole():
    s = bound(True)
    ready(s.getsockname()[1])
    kept = []
    while True:
        c, _ = s.accept()
        kept.append(c)  # keep it open, never read or answer


def reset_one(c):
    try:
        c.settimeout(2)
        c.recv(4096)
    except OSError:
        pass
    # SO_LINGER {on, 0}: close() sends RST instead of FIN.
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()


def reset():
    s = bound(True)
    ready(s.getsockname()[1])
    while True:
        c, _ = s.accept()
        threading.Thread(target=reset_one, args=(c,), daemon=True).start()


class Origin(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        # "?delay=MS" answers after MS milliseconds (bench/check-parallel.sh).
        q = self.path.partition("?")[2]
        for kv in q.split("&"):
            if kv.startswith("delay=") and kv[6:].isdigit():
                time.sleep(min(int(kv[6:]), 60000) / 1000.0)
        body = b"ok\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))


class Rogue(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self):
        sys.stderr.write("request: %s\n" % self.requestline)
        for k, v in self.headers.items():
            sys.stderr.write("header: %s: %s\n" % (k, v))
        sys.stderr.flush()
        self.send_response(407)
        self.send_header("Proxy-Authenticate", 'Basic realm="rogue"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = do_CONNECT = answer

    def log_message(self, fmt, *args):
        pass


def rogue():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Rogue)
    srv.daemon_threads = True
    ready(srv.server_address[1])
    srv.serve_forever()


def https(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Origin)
    srv.daemon_threads = True
    # The handshake runs in the handler thread (first read), not in accept(),
    # so one slow client never stalls the others.
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True, do_handshake_on_connect=False)
    ready(srv.server_address[1])
    srv.serve_forever()


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "hold":
        hold()
    elif mode == "blackhole":
        blackhole()
    elif mode == "reset":
        reset()
    elif mode == "https" and len(sys.argv) == 4:
        https(sys.argv[2], sys.argv[3])
    elif mode == "rogue":
        rogue()
    elif mode == "port":
        s = bound(False)
        ready(s.getsockname()[1])
    else:
        sys.stderr.write("usage: labnet.py hold|blackhole|reset|rogue|port|https CERT KEY\n")
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
