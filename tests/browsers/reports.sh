#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The HTML reports (--report, docs/report.md) opened in a real browser:
# Debian's headless Chromium, driven over --remote-debugging-pipe
# (tests/browsers/cdp.py). Makes, in the output folder:
#   check.html    `check` in the proxy lab (tests/lab/proxylab.sh): an ok
#                 target, a failover, an interception, an unreachable one,
#                 and an origin whose certificate subject and issuer are
#                 hostile; the URLs carry hostile text
#   explain.html  `explain` of a PAC whose comments, returns and alerts
#                 carry hostile strings (<script>, "onload=, U+2028, a byte
#                 that is not UTF-8, bidi controls)
#   diff.html     `diff` of two PACs over hostile URLs
#   test.html     `test --coverage` with a failing hostile case and a return
#                 no case reaches
#   discover.html a `discover` that finds nothing, in `unshare -n` (root only)
# each with the --format json of the same run, then tests/browsers/reports.py
# asserts on the rendered DOM (one bar per attempt, the deciding line
# marked, groups and their URLs, no injected element or attribute, no
# console error, no request) and saves a screenshot of each beside it.
# Usage: reports.sh PACPROBE [OUTDIR]   (default OUTDIR: $PP_BUILD/test-output/
# browser-reports). Exits 77 naming what is missing when Chromium or python3
# is not installed (`make test` installs no browser; `make test-browsers` does).
set -uo pipefail
PP=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
OUT=${2:-${PP_BUILD:-$(dirname "$PP")}/test-output/browser-reports}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
fail() { echo "FAIL: $*"; exit 1; }
[ -n "$CHROMIUM" ] || { echo "skip: chromium is not installed ('make deps-browsers' installs it; 'make test-browsers' runs this)"; exit 77; }
command -v python3 >/dev/null || { echo "skip: python3 is not installed"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT"
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

# The hostile strings every field gets (printf escapes): markup, an
# attribute break-out, U+2028, a lone 0xFF byte, RLO/LRI bidi controls.
HOSTILE='<script>alert(1)</script>"onload="alert(2)" '"'"'onerror='"'"'x <img src=x onerror=alert(3)> \u2028 \xff \u202e\u2066gnp.exe'
hostile() { printf '%b' "$HOSTILE"; }

# ---- explain ----
# the PAC must stay UTF-8 (a 0xFF would make it Latin-1) and parse: raw
# bidi controls in a comment, U+2028 and bidi as JS escapes in the alert,
# markup in every string; the URL carries the 0xFF
{
  printf '// %s \u202e\u2066 comment\n' "$(hostile | LC_ALL=C tr -d '\200-\377')"
  printf 'function FindProxyForURL(url, host) {\n'
  printf '  alert("%s \\u2028 \\u202e\\u2066 alert");\n' "$(hostile | LC_ALL=C tr -d '"\200-\377')"
  # a result must be ASCII (Chromium): the markup, not the other characters
  printf '  if (dnsDomainIs(host, ".lab.test") && isResolvable(host)) return "PROXY p1.lab.test:8080; %s";\n' \
    "$(hostile | LC_ALL=C tr -d '"\200-\377')"
  printf '  return "DIRECT";\n}\n'
} >"$OUT/hostile.pac"
"$PP" explain -p "$OUT/hostile.pac" --resolve www.lab.test=10.1.2.3 --format json \
  --report "$OUT/explain.html" "http://www.lab.test/$(hostile)" >"$OUT/explain.json" 2>"$OUT/explain.err"
[ -s "$OUT/explain.html" ] || fail "explain wrote no report: $(cat "$OUT/explain.err")"

# ---- diff ----
printf 'function FindProxyForURL(url, host) { return "PROXY old.lab.test:8080"; }\n' >"$OUT/old.pac"
printf 'function FindProxyForURL(url, host) {\n  if (shExpMatch(host, "a*")) return "DIRECT";\n  return "PROXY new.lab.test:3128";\n}\n' >"$OUT/new.pac"
{ for i in 1 2 3; do printf 'http://a%d.lab.test/%s\n' "$i" "$(hostile)"; done
  for i in 1 2; do printf 'http://b%d.lab.test/%s\n' "$i" "$(hostile)"; done; } >"$OUT/urls"
"$PP" diff "$OUT/old.pac" "$OUT/new.pac" -f "$OUT/urls" --format json --report "$OUT/diff.html" \
  >"$OUT/diff.json" 2>"$OUT/diff.err"
[ -s "$OUT/diff.html" ] || fail "diff wrote no report: $(cat "$OUT/diff.err")"

# ---- test --coverage ----
{ printf 'http://a1.lab.test/%s\tDIRECT\n' "$(hostile)"
  printf 'http://b1.lab.test/%s\tDIRECT\n' "$(hostile)"
  printf 'http://b2.lab.test/\tPROXY new.lab.test:3128\n'; } >"$OUT/cases"
printf 'function FindProxyForURL(url, host) {\n  if (shExpMatch(host, "a*")) return "DIRECT";\n  if (shExpMatch(host, "z*")) return "PROXY z.lab.test:1";\n  return "PROXY new.lab.test:3128";\n}\n' >"$OUT/cov.pac"
"$PP" test "$OUT/cov.pac" "$OUT/cases" --coverage --format json --report "$OUT/test.html" \
  >"$OUT/test.json" 2>"$OUT/test.err"
[ -s "$OUT/test.html" ] || fail "test wrote no report: $(cat "$OUT/test.err")"

# ---- a failing discover, in a network namespace of its own ----
# (never on the host: DHCP broadcasts; only lo, no DNS server answers)
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  unshare -n sh -c 'ip link set lo up; exec "$@"' sh "$PP" discover --dhcp-timeout 300 --dns-timeout 500 \
    --dns-server 127.0.0.1:9 --domain corp.lab.test --format json --report "$OUT/discover.html" \
    >"$OUT/discover.json" 2>"$OUT/discover.err"
  [ -s "$OUT/discover.html" ] || fail "discover wrote no report: $(cat "$OUT/discover.err")"
else
  echo "note: no discover report: it needs root and unshare (a network namespace)"
fi

# ---- check in the proxy lab ----
export PP_LAB_HTTPD=${PP_LAB_HTTPD:-$(dirname "$PP")/tests/pp_lab_httpd}
# shellcheck source=tests/lab/proxylab.sh
source "$SRC/tests/lab/proxylab.sh"
if PROXYLAB_QUIET=1 proxylab_up pac origin tinyproxy mitm dead; then
  PAC=$(proxylab_pac report.pac "function FindProxyForURL(url, host) {
  if (shExpMatch(url, \"*/failover*\")) return \"PROXY $LAB_DEAD; PROXY $LAB_TINYPROXY\";
  if (shExpMatch(url, \"*/intercepted*\")) return \"PROXY $LAB_MITM\";
  if (shExpMatch(url, \"*/unreachable*\")) return \"PROXY $LAB_DEAD\";
  return \"DIRECT\";
}")
  H=$(hostile | tr -d ' ')
  # an HTTPS origin whose certificate names carry the hostile strings
  # (subject and issuer reach the report through the chain table)
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$OUT/hostile.key" -out "$OUT/hostile.pem" -days 2 -utf8 \
    -subj $'/CN=<script>alert(1)<\\/script>"onload="x\' \xe2\x80\xae\xe2\x80\xa8/O=<img src=x onerror=alert(5)>' \
    -addext "subjectAltName=IP:127.0.0.1" >"$OUT/openssl.log" 2>&1 || fail "openssl: $(tail -2 "$OUT/openssl.log")"
  cat "$LAB_CA" "$OUT/hostile.pem" >"$OUT/cas.pem"
  python3 "$SRC/tests/lab/labnet.py" https "$OUT/hostile.pem" "$OUT/hostile.key" >"$OUT/hostile.port" 2>/dev/null &
  HPID=$!
  for _ in $(seq 50); do [ -s "$OUT/hostile.port" ] && break; sleep 0.1; done
  HPORT=$(cat "$OUT/hostile.port")
  "$PP" check --pac "$PAC" --cacert "$OUT/cas.pem" --connect-timeout 2 --format json --report "$OUT/check.html" \
    "${LAB_ORIGIN}ok$H" "${LAB_ORIGIN}failover" "${LAB_ORIGIN}intercepted" "${LAB_ORIGIN}unreachable" \
    "https://127.0.0.1:$HPORT/certificate" >"$OUT/check.json" 2>"$OUT/check.err"
  kill "$HPID" 2>/dev/null
  proxylab_down
  [ -s "$OUT/check.html" ] || fail "check wrote no report: $(cat "$OUT/check.err")"
else
  echo "note: no check report: the proxy lab could not start ($LAB_MISSING)"
fi

python3 "$SRC/tests/browsers/reports.py" "$CHROMIUM" "$OUT"
