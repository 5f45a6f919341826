#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A small Chrome DevTools Protocol client over --remote-debugging-pipe.

Chromium started with --remote-debugging-pipe reads NUL-terminated JSON
commands on its fd 3 and writes replies and events on its fd 4: no port is
opened, nothing else on the machine can reach the browser. One page target,
attached with flatten=true; events are kept for the caller to inspect
(console messages, exceptions, network requests).

    with Browser(chromium) as b:
        page = b.new_page()
        page.navigate("file:///tmp/r.html")
        page.eval("document.title")
        page.screenshot("/tmp/r.png")
"""
import base64
import json
import os
import select
import subprocess
import time

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
    "--remote-debugging-pipe", "about:blank",
]


class CDPError(Exception):
    pass


class Browser:
    def __init__(self, chromium, profile, wrapper=(), timeout=30.0):
        self.timeout = timeout
        to_browser_r, self._w = os.pipe()
        self._r, from_browser_w = os.pipe()
        # the child's fd 3 reads commands, fd 4 writes answers
        def setup():  # in the child; fds 3 and 4 survive close_fds (pass_fds)
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(a, 3)
            os.dup2(b, 4)
        self.proc = subprocess.Popen(list(wrapper) + [chromium] + FLAGS[:-1] +
                                     ["--user-data-dir=" + profile, FLAGS[-1]],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=setup,
                                     pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buf, self._id, self.events = b"", 0, []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # already gone
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass

    def _read_message(self, deadline):
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("no answer from chromium in time")
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise CDPError("chromium closed the debugging pipe (exit %s)" % self.proc.poll())
                self._buf += chunk
        msg, _, self._buf = self._buf.partition(b"\0")
        return json.loads(msg)

    def send(self, method, params=None, session=None, timeout=None):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._read_message(deadline)
            if m.get("id") == self._id:
                if "error" in m:
                    raise CDPError("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session=None, timeout=None):
        deadline = time.monotonic() + (timeout or self.timeout)
        for i, m in enumerate(self.events):
            if m.get("method") == method and (not session or m.get("sessionId") == session):
                return self.events.pop(i)
        while True:
            m = self._read_message(deadline)
            if m.get("method") == method and (not session or m.get("sessionId") == session):
                return m
            self.events.append(m)

    def new_page(self, width=1000, height=800):
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        sid = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, sid)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(domain + ".enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        return page


class Page:
    def __init__(self, browser, session):
        self.b, self.session = browser, session

    def send(self, method, params=None):
        return self.b.send(method, params, session=self.session)

    def navigate(self, url):
        self.b.events = [e for e in self.b.events if e.get("sessionId") != self.session]
        r = self.send("Page.navigate", {"url": url})
        if r.get("errorText"):
            raise CDPError("navigate %s: %s" % (url, r["errorText"]))
        self.b.wait_event("Page.loadEventFired", session=self.session)

    def eval(self, expr):
        r = self.send("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise CDPError("evaluate: %s" % r["exceptionDetails"].get("text"))
        return r["result"].get("value")

    def screenshot(self, path, full=True):
        params = {"format": "png", "captureBeyondViewport": full}
        if full:
            w, h = self.eval("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": w, "height": min(h, 16000), "scale": 1}
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def events(self, *methods):
        return [e for e in self.b.events
                if e.get("sessionId") == self.session and e.get("method") in methods]

    def problems(self, own_url):
        """Console errors, exceptions, CSP or other browser log errors, and
        every request the page made for anything but itself."""
        out = []
        for e in self.events("Runtime.consoleAPICalled"):
            p = e["params"]
            if p.get("type") in ("error", "assert", "warning"):
                out.append("console %s: %s" % (p["type"], [a.get("value") for a in p.get("args", [])]))
        for e in self.events("Runtime.exceptionThrown"):
            out.append("exception: %s" % e["params"]["exceptionDetails"].get("text"))
        for e in self.events("Log.entryAdded"):
            en = e["params"]["entry"]
            if en.get("level") in ("error", "warning"):
                out.append("log %s (%s): %s %s" % (en["level"], en.get("source"), en.get("text"), en.get("url", "")))
        for e in self.events("Network.requestWillBeSent"):
            url = e["params"]["request"]["url"]
            if url != own_url:
                out.append("request: %s" % url[:200])
        return out
