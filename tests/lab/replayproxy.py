#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# A loopback "proxy" that answers every request with one recorded response
# (tests/unit/data/blockpages/NAME.http: the part after "#---", header lines
# sent with CRLF), so `check` meets an appliance's block page without the
# appliance. Listens on 127.0.0.1 only; prints its port; serves until killed.
# Usage: replayproxy.py FILE
import socket, sys, threading

def response(path):
    text = open(path, "rb").read().split(b"#---\n", 1)[1]
    head, _, body = text.partition(b"\n\n")
    lines = head.split(b"\n")
    lines = [l for l in lines if not l.lower().startswith(b"content-length:")]
    lines.append(b"Content-Length: %d" % len(body))
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body

def serve(conn, data):
    try:
        conn.settimeout(5)
        got = b""
        while b"\r\n\r\n" not in got and len(got) < 65536:
            chunk = conn.recv(4096)
            if not chunk:
                break
            got += chunk
        conn.sendall(data)
    except OSError:
        pass
    finally:
        conn.close()

def main():
    data = response(sys.argv[1])
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    print(s.getsockname()[1], flush=True)
    while True:
        conn, _ = s.accept()
        threading.Thread(target=serve, args=(conn, data), daemon=True).start()

main()
