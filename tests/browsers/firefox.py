#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential run of the project's case files through the real Firefox.

Usage: firefox.py PACPROBE CASEFILE...   (tests/cases/*.cases, *.fcases)

Every group of cases (the grouping of tests/cases/run.sh) is run by
`pacprobe eval --emulate firefox` and by Debian's headless firefox-esr, and
the two answers are compared; the expected values in the case file are not
used, and a group written for another --emulate mode is asked of Firefox
all the same. Firefox runs in the lab of common.py (a network namespace
with a DNS peer for @resolve, its addresses from @my-ip, no route out),
started once per @tz (TZ in its environment) with the profile of
firefox-prefs.js, and is asked through Marionette (marionette.py): a
chrome-context script (firefox-resolve.js) sets network.proxy.autoconfig_url
to the group's PAC as a data: URL and calls nsIProtocolProxyService.
asyncResolve for each URL in turn, collecting the PAC's alert() lines.

What is compared:
  .cases   the script wrapped to alert "PPURL <url>" first: the url
           Firefox passed (pacprobe's pac_url) and the proxy list (a
           pacprobe error agrees with Firefox's DIRECT; a url pacprobe
           bypasses must reach no script).
  .fcases  the generated PAC alerts "PPCASE <i> <JSON value>" for
           http://c<i>/: the two JSON values.
@now: the PAC starts with common.CLOCK_PIN, which pins `new Date()` in
the browser to the case's instant (pacprobe gets --now as well).
Skipped: only an @now this runner cannot read.

Prints one line per disagreement, then "firefox: N agree, M disagree ...".
Exit 0 when every disagreement is listed in known-disagreements.txt, 1
when one is not, 77 when Firefox, root or ip are not available.
"""
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from marionette import Marionette, MarionetteError  # noqa: E402

HERE = common.HERE
PORT = 2828
START_SECONDS = 90
GROUP_SECONDS = 120
BATCH_MAX = 1000  # cases per script call


class Firefox:
    """One headless Firefox in the lab, driven through Marionette."""

    def __init__(self, lab, tmp, tz):
        # One profile for every start of the run: later starts skip the
        # profile's creation; user.js (PAC off) is applied at each start.
        self.profile = os.path.join(tmp, "profile")
        os.makedirs(self.profile, exist_ok=True)
        shutil.copy(os.path.join(HERE, "firefox-prefs.js"), os.path.join(self.profile, "user.js"))
        env = dict(os.environ, MOZ_REMOTE_SETTINGS_DEVTOOLS="1", MOZ_HEADLESS="1",
                   MOZ_CRASHREPORTER_DISABLE="1", HOME=tmp)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
        if tz:
            env["TZ"] = tz
        else:
            env.pop("TZ", None)
        self.log = open(os.path.join(tmp, "firefox.log"), "ab")
        self.proc = subprocess.Popen(
            lab.exec_args() + ["firefox-esr", "--headless", "--marionette",
                               "--remote-allow-system-access", "--no-remote",
                               "--profile", self.profile],
            env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        try:
            self.m = common.setns_thread_call(
                lab.b, lambda: Marionette.connect("127.0.0.1", PORT, deadline, GROUP_SECONDS + 30))
            self.m.command("WebDriver:NewSession", {"capabilities": {}})
            self.m.command("Marionette:SetContext", {"value": "chrome"})
            self.m.command("WebDriver:SetTimeouts", {"script": GROUP_SECONDS * 1000})
        except (OSError, MarionetteError):
            self.proc.kill()  # its content processes end with it
            self.proc.wait(30)
            self.log.close()
            raise
        with open(os.path.join(HERE, "firefox-resolve.js"), encoding="utf-8") as f:
            self.script = f.read()

    def resolve(self, pac_text, urls):
        pac_url = ("data:application/x-ns-proxy-autoconfig;base64," +
                   base64.b64encode(pac_text.encode("utf-8")).decode())
        r = self.m.command("WebDriver:ExecuteAsyncScript",
                           {"script": self.script, "args": [pac_url, urls]})
        value = r.get("value") if isinstance(r, dict) else None
        if not isinstance(value, dict) or "rows" not in value:
            raise MarionetteError("script failed: %r" % (value,))
        return value

    def close(self):
        try:
            self.m.command("Marionette:Quit", {"flags": ["eForceQuit"]})
        except (OSError, MarionetteError):
            pass
        self.m.close()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log.close()


def start_firefox(lab, tmp, tz):
    """A Firefox ready for commands; a second try when the first start
    fails (seen once on a machine with a load average of 27: NewSession
    did not answer within its time limit)."""
    try:
        return Firefox(lab, tmp, tz)
    except (OSError, MarionetteError) as e:
        print("firefox: start failed (%s); trying once more" % e, flush=True)
        show_log(tmp)
        time.sleep(1)
        return Firefox(lab, tmp, tz)


def compare_cases(group, rows, answer, report):
    for (path, line, url, _, _), row, ff in zip(group.cases, rows, answer["rows"]):
        seen = [a[6:] for a in ff.get("alerts", []) if a.startswith("PPURL ")]
        if row.get("decided_by") == "implicit-bypass":
            ok = not seen and ff.get("result") == "DIRECT"
            why = "pacprobe bypasses it; Firefox: %s, script saw %s" % (ff.get("result"), seen)
        elif row.get("pac_url") not in seen:
            ok = False
            why = "pacprobe's script sees %r, Firefox's %s (%s)" % (row.get("pac_url"), seen,
                                                                   ff.get("result"))
        elif row.get("error"):
            ok = ff.get("result") == "DIRECT"
            why = "pacprobe: error %r, Firefox: %s" % (row["error"].get("message"), ff.get("result"))
        else:
            ok = ff.get("result") == row.get("result")
            why = "pacprobe %s, Firefox %s" % (row.get("result"), ff.get("result"))
        report(path, line, url, ok, why)


def compare_fcases(group, rows, answer, report):
    alerts = [a for ff in answer["rows"] for a in ff.get("alerts", [])] + answer.get("late", [])
    common.compare_fcases(alerts, group.cases, rows, report, "Firefox", "(no answer)")


def run_group(ff, lab, pacprobe, group, n, tmp, report):
    lab.configure(group.myips, group.resolves)
    mark = "\n// group %d\n" % n  # a new PAC text, so Firefox loads it anew
    if group.fcases:
        pac_text = common.fcases_pac(group.cases, common.FPAC_ALERT + mark, group.pinned)
        urls = ["http://c%d/" % i for i in range(len(group.cases))]
    else:
        pac_text = common.url_pac(group.path, common.WRAP + mark, group.cases[0][4])
        urls = [c[2] for c in group.cases]
    pac_path = os.path.join(tmp, "group.pac")
    with open(pac_path, "w", encoding="utf-8") as f:
        f.write(pac_text)
    rows = common.pacprobe_rows(lab, pacprobe, "firefox", group, pac_path, urls, tmp)
    if rows is None:
        report.skip("pacprobe gave no answer per URL (a runner problem)", len(group.cases))
        print("%s:%d: a batch of %d cases: pacprobe gave no answer per URL"
              % (group.path, group.cases[0][1], len(group.cases)))
        return
    answer = ff.resolve(pac_text, urls)
    (compare_fcases if group.fcases else compare_cases)(group, rows, answer, report)


def show_log(tmp):
    """The end of Firefox's own output, for a run that failed."""
    try:
        with open(os.path.join(tmp, "firefox.log"), "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 4000))
            tail = f.read().decode("utf-8", "replace")
    except OSError:
        return
    for line in tail.splitlines()[-30:]:
        print("  | " + "".join(c if c.isprintable() else "?" for c in line))


def skipped_files():
    """Case files Firefox cannot run at all (firefox-skip.txt: PATH<TAB>why)."""
    out = {}
    with open(os.path.join(HERE, "firefox-skip.txt"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                path, why = line.rstrip("\n").split("\t", 1)
                out[path] = why
    return out


def run(report, pacprobe, files):
    if not shutil.which("firefox-esr") or not common.Lab.available():
        print("SKIP: needs Debian's firefox-esr, root and ip")
        return 77
    skip = skipped_files()
    groups = []
    for g in common.collect(files, report):
        if os.path.relpath(g.path) in skip:
            report.skip(skip[os.path.relpath(g.path)], len(g.cases))
        else:
            groups.append(g)
    groups = common.batches(groups, BATCH_MAX)
    groups.sort(key=lambda g: g.tz)  # one Firefox per time zone
    tmp = tempfile.mkdtemp(prefix="pp-firefox.")
    ff = None
    try:
        with common.Lab("ff", tmp) as lab:
            tz = None
            for n, g in enumerate(groups):
                if ff is None or g.tz != tz:
                    if ff:
                        ff.close()
                    t = time.monotonic()
                    ff, tz = start_firefox(lab, tmp, g.tz), g.tz
                    print("firefox: started (TZ=%s) in %.1f s" % (tz or "unset", time.monotonic() - t),
                          flush=True)
                run_group(ff, lab, pacprobe, g, n, tmp, report)
            ff.close()
            ff = None
    except (OSError, MarionetteError, subprocess.SubprocessError) as e:
        print("firefox: run failed: %s" % e)
        show_log(tmp)
        return 1
    finally:
        if ff:
            ff.proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    return None


if __name__ == "__main__":
    sys.exit(common.main("firefox", run, sys.argv[1:]))
