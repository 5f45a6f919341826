# SPDX-License-Identifier: MIT
"""A small Marionette client: Firefox's remote protocol, as much of it as
tests/browsers/firefox.py needs.

Each message is its length in decimal, a colon and that many bytes of JSON.
The server speaks first ({"applicationType": "gecko", "marionetteProtocol":
3}); a command is [0, id, name, params], its answer [1, id, error, result].
Every read is bounded by the socket timeout and the message size by
MAX_MESSAGE.
"""
import json
import socket
import time

MAX_MESSAGE = 64 << 20


class MarionetteError(Exception):
    pass


class Marionette:
    def __init__(self, host, port, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        self.next_id = 0
        hello = self._read()
        if not isinstance(hello, dict) or hello.get("marionetteProtocol") != 3:
            raise MarionetteError("unexpected greeting %r" % (hello,))

    @classmethod
    def connect(cls, host, port, deadline, timeout):
        """Retries until Firefox listens or the deadline (time.monotonic()) passes."""
        while True:
            try:
                return cls(host, port, timeout)
            except (OSError, MarionetteError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.25)

    def _read(self):
        while b":" not in self.buf:
            self._fill()
        head, _, rest = self.buf.partition(b":")
        if not head.isdigit() or int(head) > MAX_MESSAGE:
            raise MarionetteError("bad message length %r" % head[:20])
        n = int(head)
        self.buf = rest
        while len(self.buf) < n:
            self._fill()
        msg, self.buf = self.buf[:n], self.buf[n:]
        return json.loads(msg.decode("utf-8"))

    def _fill(self):
        data = self.sock.recv(1 << 16)
        if not data:
            raise MarionetteError("connection closed by Firefox")
        self.buf += data
        if len(self.buf) > MAX_MESSAGE + 32:
            raise MarionetteError("message too long")

    def command(self, name, params=None):
        self.next_id += 1
        body = json.dumps([0, self.next_id, name, params or {}]).encode("utf-8")
        self.sock.sendall(b"%d:%s" % (len(body), body))
        while True:
            msg = self._read()
            if isinstance(msg, list) and len(msg) == 4 and msg[0] == 1 and msg[1] == self.next_id:
                break
        if msg[2]:
            err = msg[2]
            raise MarionetteError("%s: %s" % (err.get("error"), err.get("message")))
        return msg[3]

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
