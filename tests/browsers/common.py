# SPDX-License-Identifier: MIT
"""What chromium.py and firefox.py share: the case files, pacprobe's side,
the known disagreements, the report, and the network lab the browsers run in.

The lab (class Lab) is two network namespaces joined by a veth pair and
nothing else: the browser's ("B", interface veth0) and a peer ("P",
veth1, 10.99.0.1 and fd99::1) that runs dns.py answering the group's
@resolve names in their order (every other name: NXDOMAIN) and refuses
every connection (its own ports are closed; any other destination hits a
`prohibit` route). B's addresses are the group's @my-ip addresses (else
10.99.0.2 and fd99::2), so myIpAddress() in the browser is what --my-ip
tells pacprobe. Neither namespace has a route to the host or beyond: no
packet leaves. Processes are started in B with `ip netns exec`, which also
binds /etc/netns/<B>/resolv.conf and hosts over /etc's in their mount
namespace.
"""
import ctypes
import ipaddress
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLONE_NEWNET = 0x40000000


class Group:
    """Consecutive cases under the same directives (tests/cases/run.sh)."""

    def __init__(self, path, state, cases):
        self.path = path
        self.emulate = state["emulate"]
        self.now = state["now"]
        self.tz = state["tz"]
        self.myips = list(state["myips"])
        self.resolves = list(state["resolves"])
        self.cases = cases  # [(lineno, case, expected)]

    @property
    def fcases(self):
        return self.path.endswith(".fcases")


def parse_cases(path):
    groups, cur = [], []
    state = {"emulate": "", "now": "", "tz": "", "myips": [], "resolves": []}

    def flush():
        if cur:
            groups.append(Group(path, state, list(cur)))
            cur.clear()

    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            if line.startswith("@"):
                flush()
                name, _, arg = line.partition(" ")
                if name in ("@emulate", "@now", "@tz"):
                    state[name[1:]] = arg
                elif name == "@my-ip":
                    state["myips"].append(arg)
                elif name == "@resolve":
                    state["resolves"].append(arg)
                elif name == "@reset":
                    state["myips"], state["resolves"] = [], []
                continue
            case, _, expected = line.rpartition("\t")
            cur.append((n, case, expected))
    flush()
    return groups


# The .fcases PAC's FindProxyForURL alerts "PPCASE <i> <JSON value>" for
# http://c<i>/ (the value tests/cases/fcases.js computes) and goes DIRECT.
FPAC_ALERT = """
;(function () {
  var f = FindProxyForURL;
  FindProxyForURL = function (url, host) {
    alert('PPCASE ' + host.substring(1) + ' ' + f(url, host));
    return 'DIRECT';
  };
})();
"""
# A .cases PAC is wrapped to alert "PPURL <the url the script sees>" first.
WRAP = """
;(function () {
  var f = FindProxyForURL;
  FindProxyForURL = function (url, host) { alert('PPURL ' + url); return f(url, host); };
})();
"""


class Batch:
    """Groups asked of one browser run: the same environment (@now, @tz,
    @my-ip, @resolve) and the same PAC (a .cases file's, or the generated
    one of every .fcases group). Their @emulate modes do not matter here:
    the browser is what it is, and pacprobe emulates that browser."""

    def __init__(self, key, first):
        self.key = key
        self.fcases = first.fcases
        self.path = first.path
        self.tz = first.tz
        self.myips, self.resolves = first.myips, first.resolves
        self.cases = []  # [(path, lineno, case, expected, now)]

    @property
    def pinned(self):
        return any(c[4] for c in self.cases)

    def runs(self):
        """(start, end, now): the stretches pacprobe runs with one --now."""
        out, start = [], 0
        for i in range(1, len(self.cases) + 1):
            if i == len(self.cases) or self.cases[i][4] != self.cases[start][4]:
                out.append((start, i, self.cases[start][4]))
                start = i
        return out


def batches(groups, most):
    """The groups as batches of at most `most` cases (a group is not split
    unless it alone is larger). .fcases groups with and without @now go to
    different batches (only the first get the clock pin); a .cases file's
    groups with different @now values too (its PAC is pinned as a whole)."""
    out, full = {}, []
    for g in groups:
        key = ("" if g.fcases else g.path, bool(g.now) if g.fcases else g.now, g.tz,
               tuple(g.myips), tuple(g.resolves))
        b = out.get(key)
        if b is not None and len(b.cases) + len(g.cases) > most:
            full.append(b)
            b = None
        if b is None:
            b = out[key] = Batch(key, g)
        b.cases += [(g.path,) + c + (g.now,) for c in g.cases]
    return full + list(out.values())


# The browsers' clock for @now. Neither browser can be told the time (and
# libfaketime under Chromium hung it here), so a PAC whose cases have @now
# starts with this: `Date` is replaced by a function that gives the pinned
# instant __pp_now for `new Date()`, `Date()` and `Date.now()` and is the
# real Date otherwise. Both browsers' date functions (dateRange, timeRange,
# weekdayRange) are JavaScript that calls `new Date()` (Chromium's
# pac_js_library.h, Firefox's ascii_pac_utils.js), so their own code runs
# at that instant. pacprobe gets the same text and --now, and its engine's
# clock already answers that instant. __pp_pin computes the instant in the
# browser's own zone (TZ from @tz) for a local @now.
CLOCK_PIN = """
var __pp_now = null, __pp_pin;
(function () {
  var R = Date;
  function D(a, b, c, d, e, f, g) {
    var n = arguments.length;
    if (!(this instanceof D)) return (__pp_now === null ? new R() : new R(__pp_now)).toString();
    if (n === 0) return __pp_now === null ? new R() : new R(__pp_now);
    if (n === 1) return new R(a);
    return new R(a, b, n > 2 ? c : 1, n > 3 ? d : 0, n > 4 ? e : 0, n > 5 ? f : 0, n > 6 ? g : 0);
  }
  D.prototype = R.prototype;
  D.UTC = R.UTC;
  D.parse = R.parse;
  D.now = function () { return __pp_now === null ? R.now() : __pp_now; };
  __pp_pin = function (y, mo, d, h, mi, s, off) {
    return off === null ? new R(y, mo - 1, d, h, mi, s).getTime()
                        : R.UTC(y, mo - 1, d, h, mi, s) - off * 60000;
  };
  Date = D;
})();
"""
NOW_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d:\d\d)?$")


def pin_expr(now):
    """The JavaScript for @now's instant, or None when the form is not one
    this runner reads (the group is then skipped)."""
    m = NOW_RE.match(now)
    if not m:
        return None
    y, mo, d, h, mi, sec, zone = m.groups()
    if zone is None:
        off = "null"
    elif zone == "Z":
        off = "0"
    else:
        off = str((1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[4:6])))
    return "__pp_pin(%d, %d, %d, %d, %d, %d, %s)" % (int(y), int(mo), int(d), int(h), int(mi),
                                                  int(sec), off)


def fcases_pac(cases, tail_js, pinned=False):
    """The PAC tests/cases/run.sh generates for a .fcases group, plus
    tail_js; pinned: with CLOCK_PIN, each case setting its @now first."""
    out = ["\ufeff/* generated by tests/browsers/ */"]
    if pinned:
        out.append(CLOCK_PIN)
    out.append("var __pp_cases = [")
    for c in cases:
        expr = c[2]
        pin = "__pp_now = %s; " % (pin_expr(c[4]) if c[4] else "null") if pinned else ""
        out.append("function () { %sreturn (\n%s\n); }," % (pin, expr))
    out.append("null];")
    with open(os.path.join(HERE, "..", "cases", "fcases.js"), encoding="utf-8") as f:
        tail = f.read()
    return "\n".join(out) + "\n" + tail + tail_js


def url_pac_text(path):
    """A .cases file's PAC as text: as Chromium decodes one without charset
    or BOM (ISO-8859-1) unless it starts with a UTF-8 BOM. Both sides get
    this text with a BOM, so both read it as UTF-8."""
    with open(path[:-len(".cases")] + ".pac", "rb") as f:
        raw = f.read()
    return raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("latin-1")


def load_known(browser):
    known = {}
    with open(os.path.join(HERE, "known-disagreements.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == browser and not line.startswith("#"):
                known[parts[0]] = parts[2]
    return known


def same_value(mine, theirs):
    """Two JSON texts of an .fcases value: equal as text or as JSON."""
    if mine == theirs:
        return True
    if theirs is None or not isinstance(mine, str):
        return False
    try:
        return json.loads(mine) == json.loads(theirs)
    except ValueError:
        return False


def compare_fcases(alerts, cases, rows, report, browser, missing):
    """The .fcases values: the browser's PPCASE alerts (any order) against
    each pacprobe row's. missing: what to say when the browser gave none."""
    vals = {}
    for a in alerts:
        if a.startswith("PPCASE "):
            i, _, v = a[7:].partition(" ")
            if i.isdigit():  # a background request's host is no cN
                vals.setdefault(int(i), v)
    for i, ((path, line, expr, _, _), row) in enumerate(zip(cases, rows)):
        mine = next((a[7:].partition(" ")[2] for a in row.get("alerts") or []
                     if a.startswith("PPCASE ")), None)
        if mine is None:
            mine = "(no value: %s)" % ((row.get("error") or {}).get("message") or row.get("raw"))
        theirs = vals.get(i)
        report(path, line, expr, same_value(mine, theirs), "pacprobe %s, %s %s"
               % (mine, browser, theirs if theirs is not None else missing))


class Report:
    """Counts and prints; the run fails on a disagreement not in the list."""

    def __init__(self, browser):
        self.browser = browser
        self.known = load_known(browser)
        self.used = set()
        self.agree = self.disagree = self.known_hits = 0
        self.skipped = {}

    def skip(self, why, n):
        if n:
            self.skipped[why] = self.skipped.get(why, 0) + n

    def __call__(self, path, line, case, ok, why):
        if ok:
            self.agree += 1
            if os.environ.get("PP_BROWSERS_VERBOSE"):
                print("%s:%d: %s: agree: %s" % (os.path.relpath(path), line, case, why), flush=True)
            return
        self.disagree += 1
        key = "%s:%d" % (os.path.relpath(path), line)
        reason = self.known.get(key)
        if reason:
            self.known_hits += 1
            self.used.add(key)
            print("%s: %s: %s (known: %s)" % (key, case, why, reason), flush=True)
        else:
            print("%s: %s: %s" % (key, case, why), flush=True)

    def finish(self, seconds):
        for key in sorted(set(self.known) - self.used):
            print("%s: listed for %s in known-disagreements.txt but agrees (or was not run)"
                  % (key, self.browser))
        skipped = sum(self.skipped.values())
        print("%s: %d agree, %d disagree (%d of them known, tests/browsers/known-disagreements.txt;"
              " %d skipped; %.0f s)" % (self.browser, self.agree, self.disagree, self.known_hits,
                                        skipped, seconds))
        for why, n in sorted(self.skipped.items()):
            print("  %s skipped: %d: %s" % (self.browser, n, why))
        return 1 if self.disagree > self.known_hits else 0


def url_pac(path, wrap_js, now):
    """A .cases file's PAC for both sides (with a BOM), pinned to now."""
    head = "\ufeff"
    if now:
        head += CLOCK_PIN + "__pp_now = %s;\n" % pin_expr(now)
    return head + url_pac_text(path) + wrap_js


def pacprobe_rows(lab, pacprobe, emulate, batch, pac_path, urls, tmp):
    """pacprobe's rows for the batch: one run per stretch of one @now."""
    rows = []
    for start, end, now in batch.runs():
        part = run_pacprobe(lab, pacprobe, emulate, batch, now, pac_path, urls[start:end], tmp)
        if part is None:
            return None
        rows += part
    return rows


def run_pacprobe(lab, pacprobe, emulate, group, now, pac_path, urls, tmp):
    """pacprobe's rows (one per URL), run inside the lab as run.sh runs it."""
    listing = os.path.join(tmp, "urls")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("".join(u + "\n" for u in urls))
    args = [pacprobe, "eval", "-p", pac_path, "--format", "json", "--no-dns",
            "--emulate", emulate, "-f", listing]
    if now:
        args += ["--now", now]
    if group.tz:
        args += ["--tz", group.tz]
    for a in group.myips:
        args += ["--my-ip", a]
    for r in group.resolves:
        args += ["--resolve", r]
    p = subprocess.run(lab.exec_args() + args, capture_output=True, text=True, timeout=120)
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]
    return rows if len(rows) == len(urls) else None


def setns_thread_call(ns_name, fn):
    """fn() in a thread that has joined network namespace ns_name (a
    socket made there stays in that namespace)."""
    libc = ctypes.CDLL(None, use_errno=True)
    box = {}

    def body():
        fd = os.open("/run/netns/" + ns_name, os.O_RDONLY)
        try:
            if libc.setns(fd, CLONE_NEWNET) != 0:
                raise OSError(ctypes.get_errno(), "setns " + ns_name)
            box["value"] = fn()
        except BaseException as e:  # handed to the caller
            box["error"] = e
        finally:
            os.close(fd)

    t = threading.Thread(target=body)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def sh(*args, **kw):
    subprocess.run(args, check=True, capture_output=True, timeout=30, **kw)


class Lab:
    PEER4, PEER6 = "10.99.0.1", "fd99::1"
    DEFAULT_MINE = ["10.99.0.2", "fd99::2"]

    def __init__(self, tag, tmp):
        self.b, self.p = "pp-%s-%d-b" % (tag, os.getpid()), "pp-%s-%d-p" % (tag, os.getpid())
        self.tmp = tmp
        self.hosts = os.path.join(tmp, "dns-hosts")
        self.dns = None
        self.mine = []
        self.etc = os.path.join("/etc/netns", self.b)

    @staticmethod
    def available():
        return os.geteuid() == 0 and shutil.which("ip") is not None

    def __enter__(self):
        sh("ip", "netns", "add", self.b)
        sh("ip", "netns", "add", self.p)
        sh("ip", "link", "add", "veth0", "netns", self.b, "type", "veth", "peer", "name", "veth1",
           "netns", self.p)
        for ns, dev in ((self.b, "veth0"), (self.p, "veth1")):
            sh("ip", "-n", ns, "link", "set", "lo", "up")
            sh("ip", "-n", ns, "link", "set", dev, "up")
        sh("ip", "-n", self.p, "addr", "add", self.PEER4 + "/32", "dev", "veth1")
        sh("ip", "-n", self.p, "addr", "add", self.PEER6 + "/128", "dev", "veth1", "nodad")
        # refuse, do not drop: a forwarded packet finds only `prohibit`
        sh("ip", "netns", "exec", self.p, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1")
        sh("ip", "netns", "exec", self.p, "sysctl", "-q", "-w", "net.ipv6.conf.all.forwarding=1")
        sh("ip", "-n", self.p, "route", "add", "prohibit", "default")
        sh("ip", "-n", self.p, "-6", "route", "add", "prohibit", "default")
        self.check_closed()
        os.makedirs(self.etc, exist_ok=True)
        with open(os.path.join(self.etc, "resolv.conf"), "w") as f:
            f.write("nameserver %s\nnameserver %s\noptions timeout:2 attempts:1\n"
                    % (self.PEER4, self.PEER6))
        with open(os.path.join(self.etc, "hosts"), "w") as f:
            f.write("127.0.0.1 localhost\n::1 localhost\n")
        self.configure([], [])
        self.dns = subprocess.Popen(
            ["ip", "netns", "exec", self.p, sys.executable, os.path.join(HERE, "dns.py"),
             self.hosts, self.PEER4, self.PEER6],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.3)
        if self.dns.poll() is not None:
            raise RuntimeError("lab %s: tests/browsers/dns.py exited %s" % (self.p, self.dns.returncode))
        return self

    def __exit__(self, *exc):
        if self.dns:
            self.dns.terminate()
            try:
                self.dns.wait(10)
            except subprocess.TimeoutExpired:
                self.dns.kill()
        for ns in (self.b, self.p):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, timeout=30)
        shutil.rmtree(self.etc, ignore_errors=True)

    def check_closed(self):
        """Each namespace has lo and its end of the veth pair, nothing else:
        no way out of the lab."""
        for ns, dev in ((self.b, "veth0"), (self.p, "veth1")):
            out = subprocess.run(["ip", "-n", ns, "-o", "link", "show"], capture_output=True,
                                 text=True, timeout=30, check=True).stdout
            names = sorted(l.split(":")[1].strip().split("@")[0] for l in out.splitlines())
            if names != sorted(["lo", dev]):
                raise RuntimeError("lab %s has interfaces %s, expected lo and %s" % (ns, names, dev))

    def configure(self, myips, resolves):
        """B's addresses (@my-ip, else the defaults) and the DNS names (@resolve)."""
        mine = [str(ipaddress.ip_address(a)) for a in myips] or self.DEFAULT_MINE
        if mine != self.mine:
            sh("ip", "-n", self.b, "addr", "flush", "dev", "veth0", "scope", "global")
            sh("ip", "-n", self.p, "route", "flush", "dev", "veth1")
            sh("ip", "-n", self.p, "-6", "route", "flush", "dev", "veth1")
            for a in mine:
                v6 = ":" in a
                sh("ip", "-n", self.b, "addr", "add", a + ("/64" if v6 else "/24"), "dev", "veth0",
                   *(["nodad"] if v6 else []))
                sh("ip", "-n", self.p, "route", "replace", a, "dev", "veth1")
            for fam, gw in (("-4", self.PEER4), ("-6", self.PEER6)):
                subprocess.run(["ip", "-n", self.b, fam, "route", "del", "default"],
                               capture_output=True, timeout=30)
                if any((":" in a) == (fam == "-6") for a in mine):
                    sh("ip", "-n", self.b, fam, "route", "add", "default", "via", gw, "dev",
                       "veth0", "onlink")
            self.mine = mine
        lines = []
        for r in resolves:
            name, _, addrs = r.partition("=")
            lines += ["%s %s\n" % (a, name) for a in addrs.split(",") if a]
        with open(self.hosts, "w") as f:
            f.write("".join(lines))

    def exec_args(self):
        return ["ip", "netns", "exec", self.b]


def collect(files, report):
    """Every group of the case files the browsers can be asked."""
    groups = []
    for path in files:
        for g in parse_cases(path):
            if g.now and pin_expr(g.now) is None:
                report.skip("@now in a form this runner does not pin", len(g.cases))
            else:
                groups.append(g)
    return groups


def main(browser, run, argv):
    """browser: its name; run(report, pacprobe, files, tmp) does the work."""
    if len(argv) < 2:
        print("usage: %s.py PACPROBE CASEFILE..." % browser, file=sys.stderr)
        return 2
    t0 = time.monotonic()
    report = Report(browser)
    rc = run(report, os.path.abspath(argv[0]), argv[1:])
    if rc is not None:
        return rc
    return report.finish(time.monotonic() - t0)
