#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `pacprobe.exe check` under Wine through the loopback proxy lab that the
# Linux side starts (tests/lab/proxylab.sh; loopback only): the WinHTTP
# route backend (src/route/win) must give the verdict, error code, exit
# code, offered and used proxy-auth schemes and TLS chain the Linux binary
# gives for the same command (issue 14, must-show 4). Run by
# tests/windows/run.sh (PP_WIN, PP_LINUX, PP_SRC, PP_TMP).
#
# Wine facts this test works around (docs/windows.md "What Wine cannot test"):
# Wine's WinHTTP sends origin-form requests to a proxy whose host name is
# spelled like the origin's ("127.0.0.1" both), so the origins are named
# "localhost" here (the proxies resolve it; the lab's HTTP server gets a
# localhost/ document tree). Digest, NTLM/Negotiate and CONNECT through an
# authenticating proxy are not run: Wine's WinHTTP does not do them.
set -u
: "${PP_WIN:?run by tests/windows/run.sh}" "${PP_LINUX:?}" "${PP_SRC:?}" "${PP_TMP:?}"
export PP_LAB_HTTPD=${PP_LAB_HTTPD:-$(dirname "$PP_LINUX")/tests/pp_lab_httpd}
export PROXYLAB_QUIET=1
. "$PP_SRC/tests/lab/proxylab.sh"
proxylab_up pac origin tinyproxy squid dead >/dev/null 2>&1
proxylab_need pac origin tinyproxy squid dead

HTTP_PORT=${LAB_PAC_BASE##*:}
HTTP_PORT=${HTTP_PORT%/}
HTTP_URL=http://localhost:$HTTP_PORT/ok
HTTPS_URL=https://localhost:$LAB_ORIGIN_PORT/
mkdir -p "$LAB_DIR/www/localhost"
cp "$LAB_DIR/www/127.0.0.1/ok" "$LAB_DIR/www/127.0.0.1/ok.type" "$LAB_DIR/www/localhost/"

pass=0 fail=0
ok() { echo "ok    $1"; pass=$((pass + 1)); }
bad() { echo "FAIL  $1: $2"; fail=$((fail + 1)); }

# What must agree between the two builds, from `check --format json`:
# verdict, then per attempt the route, error code, auth offered/used, what
# was done with the credentials (docs/security.md "Proxy credentials": the
# same rules on both stacks) and the chain's sha256 list (timings and
# messages differ by stack).
summary() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["targets"]:
    print("verdict", t["verdict"])
    for a in t["attempts"]:
        err = (a.get("error") or {}).get("code")
        auth = a.get("auth") or {}
        tls = a.get("tls") or {}
        chain = [c.get("sha256") for c in (tls.get("chain") or [])]
        print("attempt", a["route"], err, auth.get("offered"), auth.get("used"),
              tls.get("verified"), tls.get("intercepted"), chain)
        print("credentials", json.dumps(auth.get("credentials"), sort_keys=True))
' "$1"
}

# case NAME EXPECTED_VERDICT EXPECTED_RC ARGS...: both builds, same args.
case_() {
  local name=$1 verdict=$2 want_rc=$3
  shift 3
  "$PP_WIN" check --format json "$@" >"$PP_TMP/$name.win.json" 2>"$PP_TMP/$name.win.err"
  local wrc=$?
  "$PP_LINUX" check --format json "$@" >"$PP_TMP/$name.linux.json" 2>"$PP_TMP/$name.linux.err"
  local lrc=$?
  summary "$PP_TMP/$name.win.json" >"$PP_TMP/$name.win.sum" 2>&1
  summary "$PP_TMP/$name.linux.json" >"$PP_TMP/$name.linux.sum" 2>&1
  local got
  got=$(sed -n 's/^verdict //p' "$PP_TMP/$name.win.sum" | head -1)
  if [ "$wrc" != "$want_rc" ] || [ "$got" != "$verdict" ]; then
    bad "$name" "windows: verdict '$got' exit $wrc, want '$verdict' exit $want_rc ($(head -c 300 "$PP_TMP/$name.win.err"))"
  elif [ "$lrc" != "$wrc" ] || ! cmp -s "$PP_TMP/$name.win.sum" "$PP_TMP/$name.linux.sum"; then
    bad "$name" "differs from Linux (exit $lrc vs $wrc): $(diff "$PP_TMP/$name.linux.sum" "$PP_TMP/$name.win.sum" | tr '\n' ' ')"
  else
    ok "$name: $verdict, exit $wrc, same as Linux"
  fi
}

case_ tinyproxy-http ok 0 --proxy "http://$LAB_TINYPROXY" "$HTTP_URL"
case_ dead-proxy unreachable 1 --proxy "http://$LAB_DEAD" "$HTTP_URL"
grep -q '"code": "refused"' "$PP_TMP/dead-proxy.win.json" && ok "dead-proxy: the refusal is named (refused)" ||
  bad "dead-proxy" "no 'refused' error code in $(head -c 400 "$PP_TMP/dead-proxy.win.json")"
case_ squid-basic-required auth-required 1 --proxy "http://$LAB_SQUID" "$HTTP_URL"
grep -q '"offered": \["Basic"\]' "$PP_TMP/squid-basic-required.win.json" && ok "squid-basic-required: names Basic" ||
  bad "squid-basic-required" "Basic not offered in $(head -c 400 "$PP_TMP/squid-basic-required.win.json")"
# Basic on plain HTTP only with --proxy-basic-ok (src/route/creds.c rule 4)
PACPROBE_PROXY_PASSWORD=$LAB_SQUID_PASS case_ squid-basic-held auth-required 1 \
  --proxy "http://$LAB_SQUID" --proxy-user "$LAB_SQUID_USER" "$HTTP_URL"
grep -q 'not sent (give --proxy-basic-ok)' "$PP_TMP/squid-basic-held.win.json" &&
  ok "squid-basic-held: Basic held back on plain HTTP" ||
  bad "squid-basic-held" "no held-back message in $(head -c 600 "$PP_TMP/squid-basic-held.win.json")"
PACPROBE_PROXY_PASSWORD=$LAB_SQUID_PASS case_ squid-basic-login ok 0 --proxy "http://$LAB_SQUID" \
  --proxy-user "$LAB_SQUID_USER" --proxy-basic-ok "$HTTP_URL"
PACPROBE_PROXY_PASSWORD=wrong-$LAB_SQUID_PASS case_ squid-basic-wrong auth-required 1 \
  --proxy "http://$LAB_SQUID" --proxy-user "$LAB_SQUID_USER" --proxy-basic-ok "$HTTP_URL"
# a proxy the user did not name never gets the password (rule 2): the PAC's
# second entry is squid, only the dead proxy (host and port) is named
printf 'function FindProxyForURL(u, h) { return "PROXY %s; PROXY %s"; }\n' "$LAB_DEAD" "$LAB_SQUID" \
  > "$PP_TMP/rogue.pac"
PACPROBE_PROXY_PASSWORD=$LAB_SQUID_PASS case_ squid-not-named auth-required 1 \
  --pac "$PP_TMP/rogue.pac" --proxy-user "$LAB_SQUID_USER@$LAB_DEAD" --proxy-basic-ok "$HTTP_URL"
grep -q '"state": "withheld"' "$PP_TMP/squid-not-named.win.json" &&
  ok "squid-not-named: credentials withheld from the unnamed proxy" ||
  bad "squid-not-named" "no withheld credentials in $(head -c 600 "$PP_TMP/squid-not-named.win.json")"
case_ https-connect-cacert ok 0 --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" "$HTTPS_URL"
case_ https-connect-untrusted intercepted 1 --proxy "http://$LAB_TINYPROXY" "$HTTPS_URL"
case_ failover ok 0 --pac "$(proxylab_pac failover.pac \
  "function FindProxyForURL(u, h) { return \"PROXY $LAB_DEAD; PROXY $LAB_TINYPROXY\"; }")" "$HTTP_URL"

# the password never shows in the output of either build
if grep -rqF -- "$LAB_SQUID_PASS" "$PP_TMP"/*.json "$PP_TMP"/*.err 2>/dev/null; then
  bad "secrets" "the proxy password appears in the output"
else
  ok "secrets: the password is in no output"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
