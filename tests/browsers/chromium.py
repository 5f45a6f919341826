#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential run of the project's case files through the real Chromium.

Usage: chromium.py PACPROBE CASEFILE...   (tests/cases/*.cases, *.fcases)

The cases, batched as in common.py (one browser run per PAC and
environment: every .fcases group with the same @tz/@my-ip/@resolve shares
one generated PAC, at most BATCH_MAX cases), are run by `pacprobe eval --emulate chrome` and
by Debian's headless Chromium, and the two answers are compared; the
expected values written in the case file are not used, and a group written
for another --emulate mode is asked of Chromium all the same. Chromium
runs in the lab of common.py (its own network namespace, a DNS peer
answering @resolve, @my-ip as its interface addresses, no route out), TZ
from @tz; the PAC is handed over as a data: URL (PacFileFetcherImpl
allows data:), and one page loads every URL of the batch as an <img>, so
each URL goes through proxy resolution. The answers are read from the
net-log (--log-net-log): per proxy-resolution source, the PAC's alert()
lines and PROXY_RESOLUTION_SERVICE_RESOLVED_PROXY_LIST.

What is compared:
  .cases   the script wrapped so it first alerts "PPURL <url>": Chromium's
           resolved list for the url pacprobe says the script sees (a url
           Chromium never passed is a disagreement, as is a url pacprobe
           bypasses but Chromium ran the script for); a pacprobe error
           agrees with a Chromium DIRECT.
  .fcases  the generated PAC alerts "PPCASE <i> <JSON value>" for
           http://c<i>/: the two JSON values.
@now: the PAC starts with common.CLOCK_PIN, which pins `new Date()` in
the browser to the case's instant (pacprobe gets --now as well).
A URL with credentials gets no proxy resolution as an <img> (measured), so
each is the page of a Chromium start of its own (at most CREDENTIAL_URLS
a batch; more are skipped, as is an @now this runner cannot read).

Prints one line per disagreement, then "chromium: N agree, M disagree ...".
Exit 0 when every disagreement is listed in known-disagreements.txt, 1
when one is not, 77 when Chromium, root or ip are not available.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable",
]
# --timeout (ms) ends the page when some load still hangs; the loads
# normally settle long before (a DNS failure or a refused connection in the
# lab). Generous: on a loaded 2-core machine 449 cases took over 8 s.
PAGE_MS_BASE, PAGE_MS_PER_URL = 20000, 100
BATCH_MAX = 200  # cases per Chromium run
CREDENTIAL_URLS = 5  # URLs with credentials a batch, each a Chromium start


def run_chromium(lab, chromium, tz, pac_text, urls, tmp, navigate=False):
    """{source id: {"alerts": [...], "result": str|None, "error": bool}}.
    navigate: the one URL is the page itself, not an <img> of it."""
    b64 = base64.b64encode(pac_text.encode("utf-8")).decode()
    page = "<!doctype html>" + "".join('<img src="%s">' % u.replace('"', "%22") for u in urls)
    page_url = "data:text/html;base64," + base64.b64encode(page.encode("utf-8")).decode()
    if navigate:
        page_url = urls[0]
    netlog, ud = os.path.join(tmp, "netlog.json"), os.path.join(tmp, "profile")
    shutil.rmtree(ud, ignore_errors=True)
    cmd = [chromium] + CHROMIUM_FLAGS + [
        "--user-data-dir=" + ud, "--log-net-log=" + netlog,
        "--proxy-pac-url=data:application/x-ns-proxy-autoconfig;charset=utf-8;base64," + b64,
        "--timeout=%d" % (PAGE_MS_BASE + PAGE_MS_PER_URL * len(urls)), "--dump-dom", page_url]
    env = dict(os.environ, HOME=tmp)
    for k in ("DISPLAY", "WAYLAND_DISPLAY", "TZ"):
        env.pop(k, None)
    if tz:
        env["TZ"] = tz
    subprocess.run(lab.exec_args() + cmd, capture_output=True, timeout=180, env=env,
                   stdin=subprocess.DEVNULL)
    with open(netlog, encoding="utf-8") as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    by_source = {}
    for ev in log["events"]:
        name = names.get(ev["type"])
        src = by_source.setdefault(ev["source"]["id"], {"alerts": [], "result": None, "error": False})
        params = ev.get("params") or {}
        if name == "PAC_JAVASCRIPT_ALERT":
            src["alerts"].append(params.get("message", ""))
        elif name == "PAC_JAVASCRIPT_ERROR":
            src["error"] = True
        elif name == "PROXY_RESOLUTION_SERVICE_RESOLVED_PROXY_LIST":
            src["result"] = params.get("proxy_info")
    return by_source


def compare_cases(rows, sources, cases, report):
    seen = {}
    for s in sources.values():
        for a in s["alerts"]:
            if a.startswith("PPURL ") and (s["result"] is not None or s["error"]):
                seen.setdefault(a[6:], s)
    for (path, line, url, _, _), row in zip(cases, rows):
        got = seen.get(row.get("pac_url") or "")
        if row.get("decided_by") == "implicit-bypass":
            ok = got is None
            why = "pacprobe bypasses it; Chromium ran the script (%s)" % (got or {}).get("result")
        elif got is None:
            near = sorted(k for k in seen if urllib.parse.urlsplit(k).hostname ==
                          urllib.parse.urlsplit(row.get("pac_url") or "").hostname)
            ok, why = False, "Chromium never passed %r to the script (it passed %s)" % (row.get("pac_url"), near)
        elif row.get("error"):
            # a script error: Chromium logs PAC_JAVASCRIPT_ERROR and goes DIRECT
            ok = got["error"] or got["result"] == "DIRECT"
            why = "pacprobe: error %r, Chromium: %s" % (row["error"].get("message"), got["result"])
        elif got["result"] is None:
            ok, why = False, "pacprobe %s, Chromium: a script error" % row.get("result")
        else:
            ok = got["result"] == row.get("result")
            why = "pacprobe %s, Chromium %s" % (row.get("result"), got["result"])
        report(path, line, url, ok, why)


def compare_fcases(rows, sources, cases, report):
    alerts = [a for s in sources.values() for a in s["alerts"]]
    common.compare_fcases(alerts, cases, rows, report, "Chromium",
                          "(no answer before the page's time limit)")


def run_batch(lab, chromium, pacprobe, batch, tmp, report):
    lab.configure(batch.myips, batch.resolves)
    cases = batch.cases
    if batch.fcases:
        pac_text = common.fcases_pac(cases, common.FPAC_ALERT, batch.pinned)
    else:
        pac_text = common.url_pac(batch.path, common.WRAP, cases[0][4])
        # Chromium blocks subresources with credentials in the URL
        # (measured: no proxy resolution happens), so such a URL is the
        # page of a Chromium start of its own (at most CREDENTIAL_URLS).
        creds = [c for c in cases if "@" in urllib.parse.urlsplit(c[2]).netloc]
        for c in creds[CREDENTIAL_URLS:]:
            report.skip("URL with credentials beyond %d a batch (one Chromium start each)"
                        % CREDENTIAL_URLS, 1)
        for c in creds[:CREDENTIAL_URLS]:
            ask(lab, chromium, pacprobe, batch, [c], pac_text, tmp, report, True)
        cases = [c for c in cases if c not in creds]
    if cases:
        ask(lab, chromium, pacprobe, batch, cases, pac_text, tmp, report)


def ask(lab, chromium, pacprobe, batch, cases, pac_text, tmp, report, navigate=False):
    """Asks pacprobe and Chromium about cases (all of batch, or part of a
    .cases batch) and compares."""
    urls = ["http://c%d/" % i for i in range(len(cases))] if batch.fcases else [c[2] for c in cases]
    pac_path = os.path.join(tmp, "group.pac")
    with open(pac_path, "w", encoding="utf-8") as f:
        f.write(pac_text)
    part = common.Batch(batch.key, batch)
    part.cases = cases
    rows = common.pacprobe_rows(lab, pacprobe, "chrome", part, pac_path, urls, tmp)
    if rows is None:
        report.skip("pacprobe gave no answer per URL (a runner problem)", len(cases))
        print("%s:%d: a batch of %d cases: pacprobe gave no answer per URL"
              % (cases[0][0], cases[0][1], len(cases)))
        return
    t = time.monotonic()
    sources = run_chromium(lab, chromium, batch.tz, pac_text, urls, tmp, navigate)
    print("chromium: %d cases (%s) in %.1f s" % (len(cases), os.path.basename(batch.path)
                                               if not batch.fcases else "fcases",
                                               time.monotonic() - t), flush=True)
    (compare_fcases if batch.fcases else compare_cases)(rows, sources, cases, report)


def run(report, pacprobe, files):
    chromium = shutil.which("chromium")
    if not chromium or not common.Lab.available():
        print("SKIP: needs Debian's chromium, root and ip")
        return 77
    groups = common.collect(files, report)
    tmp = tempfile.mkdtemp(prefix="pp-chromium.")
    try:
        with common.Lab("cr", tmp) as lab:
            for b in common.batches(groups, BATCH_MAX):
                run_batch(lab, chromium, pacprobe, b, tmp, report)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return None


if __name__ == "__main__":
    sys.exit(common.main("chromium", run, sys.argv[1:]))
