#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Opens the reports tests/browsers/reports.sh made in headless Chromium
(tests/browsers/cdp.py) and asserts on the rendered DOM.

Usage: reports.py CHROMIUM OUTDIR

Every report: no console error or warning, no exception, no request for
anything but the file itself, no element or attribute outside what the
renderers write (so no injected <script>, <img>, on*= survives), every
link an in-page anchor, and the hostile text visible as text. Then per
report, against the --format json of the same run:
  check.html    one waterfall bar per attempt of every target, a decision
                chain ending in the target's verdict, the certificate table
                of each TLS attempt
  explain.html  the deciding line (decided_at.line) marked, and every line
                with a helper call highlighted
  diff.html     one section per old -> new group, listing its URLs
  discover.html one row per step, and the closing sentence
  test.html     exactly the lines of never-taken returns outlined, the
                covered ones highlighted, one row per failed case
A PNG screenshot of each is saved beside it. Exit 0 all good, 1 a failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

# What the renderers write (src/cli/report/); anything else was injected.
TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "span", "div",
        "section", "table", "thead", "tbody", "tr", "th", "td", "a", "ul", "li", "strong", "svg",
        "rect", "title"}
ATTRS = {"lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "viewbox",
         "preserveaspectratio", "role", "aria-hidden", "x", "y", "width", "height"}

DOM_AUDIT = """(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!%s.includes(tag)) bad.push('element <' + tag + '>');
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (!%s.includes(n)) bad.push('attribute ' + n + ' on <' + tag + '>');
      if (n === 'href' && !a.value.startsWith('#')) bad.push('link ' + a.value);
    }
  }
  const metas = document.querySelectorAll('meta').length;
  if (metas !== 4) bad.push(metas + ' <meta> elements, want 4');
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  if (!csp || !csp.content.includes("default-src 'none'")) bad.push('no strict CSP');
  return bad;
})()""" % (json.dumps(sorted(TAGS)), json.dumps(sorted(ATTRS)))

# Never shown raw: line/paragraph separators, bidi and invisible format
# characters (pp_esc_text shows them as \uHHHH).
DANGEROUS = set("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                "\u200b\u200e\u200f\u061c\ufeff")

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def common(page, name, url, hostile):
    for p in page.problems(url):
        check(False, "%s: %s" % (name, p))
    for b in page.eval(DOM_AUDIT):
        check(False, "%s: injected or unexpected: %s" % (name, b))
    text = page.eval("document.body.innerText")
    raw = [c for c in text if c in DANGEROUS or (ord(c) < 32 and c not in "\n\t")]
    check(not raw, "%s: characters shown raw: %s" % (name, sorted({"U+%04X" % ord(c) for c in raw})))
    if hostile:
        check("<script>alert(1)</script>" in text, "%s: the hostile text is not shown as text" % name)


def check_report(page, data):
    targets = data["targets"]
    n = page.eval("document.querySelectorAll('section.target').length")
    check(n == len(targets), "check: %s target sections, want %d" % (n, len(targets)))
    for i, t in enumerate(targets, 1):
        bars = page.eval("document.querySelectorAll('#t%d .wf svg.bar').length" % i)
        check(bars == len(t["attempts"]), "check: %s: %s bars, want one per attempt (%d)"
              % (t["url"], bars, len(t["attempts"])))
        last = page.eval("(() => { const n = document.querySelectorAll('#t%d .chain .node');"
                         " return n.length ? n[n.length - 1].innerText : ''; })()" % i)
        check(t["verdict"] in last, "check: %s: chain ends %r, want the verdict %s"
              % (t["url"], last, t["verdict"]))
        tls = sum(1 for a in t["attempts"] if a.get("tls"))
        tables = page.eval("document.querySelectorAll('#t%d table.certs').length" % i)
        check(tables == tls, "check: %s: %s certificate tables, want %d" % (t["url"], tables, tls))
    cert = [t for t in targets if t["url"].endswith("/certificate")]
    if check(cert and cert[0]["verdict"] == "ok", "check: the hostile-certificate origin was not reached"):
        cells = page.eval("[...document.querySelectorAll('table.certs td')].map(e => e.innerText).join(' ')")
        # RFC 2253 form: the subject reads O=\<img src=x onerror=alert(5)\>,CN=...
        check("\\<img src=x onerror=alert(5)\\>" in cells, "check: the certificate's hostile subject is not shown as text")
    fo = [t for t in targets if "/failover" in t["url"]]
    check(fo and len(fo[0]["attempts"]) == 2, "check: the failover target did not try two routes")
    return "%d targets, %d bars" % (len(targets), sum(len(t["attempts"]) for t in targets))


def explain_report(page, data):
    line = data["decided_at"]["line"]
    got = page.eval("[...document.querySelectorAll('.src .decided')].map(e => e.id)")
    check(got == ["L%d" % line], "explain: decided lines %s, want L%d" % (got, line))
    calls = {e["line"] for e in data["trace"] if e["kind"] == "call"}
    ran = set(page.eval("[...document.querySelectorAll('.src .ran')].map(e => +e.id.slice(1))"))
    check(calls <= ran, "explain: lines with calls %s not all highlighted (%s)" % (calls, ran))
    notes = page.eval("document.querySelectorAll('.src .note.call').length")
    check(notes == len([e for e in data["trace"] if e["kind"] == "call"]),
          "explain: %s call notes for %d calls" % (notes, len(calls)))
    text = page.eval("document.body.innerText").lower()
    check("\\u2028" in text and "\\u202e" in text and "\\u2066" in text,
          "explain: U+2028 / U+202E / U+2066 from the alert and the comment not shown as \\uHHHH")
    return "deciding line %d marked" % line


def diff_report(page, data):
    groups = data["groups"]
    n = page.eval("document.querySelectorAll('section.group').length")
    check(n == len(groups), "diff: %s group sections, want %d" % (n, len(groups)))
    for i, g in enumerate(groups, 1):
        urls = page.eval("document.querySelectorAll('#g%d ul.urls li').length" % i)
        check(urls == g["count"], "diff: group %d lists %s URLs, want %d" % (i, urls, g["count"]))
    return "%d groups" % len(groups)


def discover_report(page, data):
    steps = page.eval("document.querySelectorAll('tr.step').length")
    check(steps == len(data["attempts"]), "discover: %s steps shown, want %d" % (steps, len(data["attempts"])))
    closing = page.eval("document.querySelector('.closing').innerText")
    check(closing == data["closing"] and closing.startswith("Nothing usable found: "),
          "discover: closing sentence %r, want %r" % (closing, data["closing"]))
    return "%d steps, closing sentence shown" % steps


def test_report(page, data):
    never = [c for c in data["coverage"] if c["hits"] == 0]
    got = page.eval("[...document.querySelectorAll('.src .never')].map(e => +e.id.slice(1))")
    check(sorted(got) == sorted({c["line"] for c in never}),
          "test: never-taken lines %s, want %s" % (got, sorted({c["line"] for c in never})))
    taken = page.eval("document.querySelectorAll('.src .covered').length")
    check(taken == len({c["line"] for c in data["coverage"] if c["hits"] > 0} - {c["line"] for c in never}),
          "test: %s covered lines" % taken)
    rows = page.eval("document.querySelectorAll('tr.case').length")
    check(rows == data["failed"], "test: %s failed cases listed, want %d" % (rows, data["failed"]))
    return "%d returns, %d never taken marked" % (len(data["coverage"]), len(never))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text)


def main():
    chromium, out = sys.argv[1], os.path.abspath(sys.argv[2])
    reports = [("check", check_report, True), ("explain", explain_report, True),
               ("diff", diff_report, True), ("discover", discover_report, False),
               ("test", test_report, True)]
    profile = tempfile.mkdtemp(prefix="pp-chromium-")
    # in a network namespace of its own when we may make one: nothing can
    # leave even if a request slipped through (it is still counted)
    wrapper = []
    if os.geteuid() == 0 and shutil.which("unshare") and \
            subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        wrapper = ["unshare", "-n"]
    try:
        with cdp.Browser(chromium, profile, wrapper=wrapper, timeout=60) as b:
            for name, fn, hostile in reports:
                html = os.path.join(out, name + ".html")
                if not os.path.exists(html):
                    print("note: no %s report to open" % name)
                    continue
                page = b.new_page(width=1000, height=800)
                url = "file://" + html
                page.navigate(url)
                common(page, name, url, hostile)
                said = fn(page, read_json(os.path.join(out, name + ".json")))
                page.screenshot(os.path.join(out, name + ".png"))
                print("%s: %s; screenshot %s" % (name, said, os.path.join(out, name + ".png")))
                page.send("Emulation.setDeviceMetricsOverride",
                          {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
                wide = page.eval("document.documentElement.scrollWidth")
                check(wide <= 400, "%s: %spx wide on a 390px phone screen" % (name, wide))
                page.screenshot(os.path.join(out, name + "-phone.png"))
    except cdp.CDPError as e:
        failures.append("chromium: %s" % e)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f)
    if not failures:
        print("ok: every report renders in Chromium, nothing injected, no request, no console error")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
