#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The `pacprobe check` part of `make demo` (issue 8 "The demo lab"): starts
# the proxy lab on loopback (tests/lab/proxylab.sh: a PAC server, an HTTPS
# origin with a test CA, tinyproxy, a dead proxy, mitmproxy), checks four
# lab URLs whose PAC routes show an ok route, a failover, an interception
# and an unreachable target, writes the HTML report (--report, docs/report.md)
# into BUILD-DIR and prints its path, then stops the lab. Nothing from the internet.
# When the lab cannot start it says why and exits 0 (the eval demo stands).
# Usage: tools/demo-check.sh BUILD-DIR
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
PP=$BUILD/pacprobe
export PP_LAB_HTTPD=$BUILD/tests/pp_lab_httpd
echo
echo "== pacprobe check in the proxy lab (loopback only) =="
if ! "$PP" check --help >/dev/null 2>&1; then
  echo "(skipped: this build of pacprobe has no 'check' subcommand)"; exit 0
fi
# shellcheck source=tests/lab/proxylab.sh
source "$SRC/tests/lab/proxylab.sh"
if ! PROXYLAB_QUIET=1 proxylab_up pac origin tinyproxy mitm dead; then
  echo "(skipped: the lab could not start: $LAB_MISSING; 'make deps' as root installs its packages)"
  exit 0
fi
echo "lab up in $LAB_START_MS ms: PAC $LAB_PAC_BASE, origin $LAB_ORIGIN (test CA), tinyproxy $LAB_TINYPROXY,"
echo "mitmproxy $LAB_MITM (its own CA, not trusted), dead proxy $LAB_DEAD"
PAC=$(proxylab_pac demo.pac "function FindProxyForURL(url, host) {
  if (shExpMatch(url, \"*/failover*\")) return \"PROXY $LAB_DEAD; PROXY $LAB_TINYPROXY\";
  if (shExpMatch(url, \"*/intercepted*\")) return \"PROXY $LAB_MITM\";
  if (shExpMatch(url, \"*/unreachable*\")) return \"PROXY $LAB_DEAD\";
  return \"DIRECT\";
}")
echo
echo "\$ cat demo.pac"
cat "$LAB_DIR/www/127.0.0.1/demo.pac"
echo
REPORT=$(cd "$BUILD" && pwd)/demo-check.html
echo "\$ pacprobe check --pac $PAC --cacert lab-ca.pem --report $REPORT --overwrite ${LAB_ORIGIN}ok ${LAB_ORIGIN}failover ${LAB_ORIGIN}intercepted ${LAB_ORIGIN}unreachable"
env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY -u no_proxy -u NO_PROXY \
  "$PP" check --pac "$PAC" --cacert "$LAB_CA" --connect-timeout 2 --report "$REPORT" --overwrite \
  "${LAB_ORIGIN}ok" "${LAB_ORIGIN}failover" "${LAB_ORIGIN}intercepted" "${LAB_ORIGIN}unreachable"
echo "(exit $?: 1 because not every target is ok)"
[ -s "$REPORT" ] && echo "HTML report (self-contained, open it in a browser): $REPORT"
proxylab_down
echo "lab stopped"
exit 0
