#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, proxies (issue 10): a proxy that resets right after the
# CONNECT, answers it with binary garbage, answers 407 forever (with and
# without credentials), holds the connection without a word, and SOCKS5
# servers with a bad version or a bad reply. Through `check --proxy` (both an
# https target, CONNECT, and a plain http one) and through a PAC whose other
# target goes DIRECT to a working origin: that result must survive. Each
# attempt ends within --connect-timeout (CONNECT) or --max-time (plain GET).
# Usage: test_faults_proxy.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
for m in proxy-reset proxy-garbage proxy-407 proxy-hold socks-badver socks-badreply; do
  fl_start "P_${m//-/_}" "$m"
done
fl_pac origin.pac 'return "DIRECT";' >/dev/null
fl_start P_origin http-pac "$FL_TMP/origin.pac"
OPTS=(--connect-timeout 1 --max-time 3 --format json)

# proxy_fault NAME PROXY-URL CODE MESSAGE LIMIT-MS: an https and an http
# target through the proxy both fail with CODE and MESSAGE within LIMIT-MS.
proxy_fault() {
  fl_case "check --proxy: $1"
  fl_run check --proxy "$2" "${OPTS[@]}" https://127.0.0.1:9/ http://127.0.0.1:9/
  want_rc 1
  want_jq '[.targets[].verdict] | length == 2 and all(. == "unreachable" or . == "auth-required")'
  want_jq '[.targets[].attempts[0].error.code] == ["'"$3"'", "'"$3"'"]'
  want_jq 'all(.targets[].attempts[0].error.message; test("'"$4"'"))'
  want_within "$5"
}
proxy_fault "reset after CONNECT" "http://127.0.0.1:$P_proxy_reset" reset "reset the connection" 2000
# The code list of docs/json.md has no "not HTTP" code: garbage is filed
# under reset, with curl's reason (response 0 / HTTP/0.9) in the message.
proxy_fault "garbage answer to CONNECT" "http://127.0.0.1:$P_proxy_garbage" reset \
  "the proxy .*(response 0|HTTP/0\\\\.9)" 2000
proxy_fault "407 forever, no credentials" "http://127.0.0.1:$P_proxy_407" proxy-auth \
  "demands authentication \\\\(407; offers Basic\\\\); give --proxy-user" 2000
proxy_fault "SOCKS5 answering with version 1" "socks5://127.0.0.1:$P_socks_badver" socks \
  "SOCKS handshake failed \\\\(.*invalid version" 2000
proxy_fault "SOCKS5 CONNECT reply with address type 9" "socks5://127.0.0.1:$P_socks_badreply" socks \
  "SOCKS handshake failed \\\\(.*wrong address type" 2000

fl_case "check --proxy: 407 forever although credentials are given"
FL_ENV_PW=s3cret-Pw
PACPROBE_PROXY_PASSWORD=$FL_ENV_PW fl_run check --proxy "http://127.0.0.1:$P_proxy_407" --proxy-user bob \
  --proxy-basic-ok "${OPTS[@]}" https://127.0.0.1:9/ http://127.0.0.1:9/
want_rc 1
want_jq 'all(.targets[]; .verdict == "auth-required" and .attempts[0].error.code == "proxy-auth")'
want_jq 'all(.targets[].attempts[0].error.message; test("rejected the credentials of user .bob."))'
grep -q "$FL_ENV_PW" "$FL_OUT" "$FL_ERR" && bad "the password is in the output" || ok
want_within 2000

fl_case "check --proxy: a proxy that holds the connection (CONNECT: --connect-timeout)"
fl_run check --proxy "http://127.0.0.1:$P_proxy_hold" "${OPTS[@]}" https://127.0.0.1:9/
want_rc 1
want_jq '.targets[0] | .verdict == "unreachable" and .attempts[0].error.code == "timeout"'
want_jq '.targets[0].attempts[0].error.message | test("did not answer in time")'
want_within 2000

fl_case "check --proxy: a proxy that holds the connection (plain GET: --max-time 3)"
fl_run check --proxy "http://127.0.0.1:$P_proxy_hold" "${OPTS[@]}" http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0] | .verdict == "unreachable" and .attempts[0].error.code == "timeout"'
want_within 4500

# Through a PAC: the faulty proxy for one target, DIRECT to the working
# origin for the other; the origin's result is kept.
for f in proxy_reset:PROXY:reset proxy_garbage:PROXY:reset proxy_407:PROXY:proxy-auth \
  proxy_hold:PROXY:timeout socks_badver:SOCKS5:socks socks_badreply:SOCKS5:socks; do
  IFS=: read -r var kind code <<<"$f"
  port=P_$var; port=${!port}
  PAC=$(fl_pac "$var.pac" "if (host == \"good.test\") return \"DIRECT\"; return \"$kind 127.0.0.1:$port\";")
  fl_case "check --pac: ${var//_/-} for one target, the other DIRECT"
  fl_run check --pac "$PAC" --resolve good.test=127.0.0.1 "${OPTS[@]}" https://bad.test:9/ "http://good.test:$P_origin/"
  want_rc 1
  want_jq '.targets[0].attempts[0].error.code == "'"$code"'"'
  want_jq '.targets[1] | .verdict == "ok" and .route == "DIRECT" and .attempts[0].status == 200'
  want_within 2000
done

fl_case "check --pac: every faulty proxy in one list, then DIRECT (--all-routes off: failover)"
LIST="PROXY 127.0.0.1:$P_proxy_reset; PROXY 127.0.0.1:$P_proxy_garbage;"
LIST+=" SOCKS5 127.0.0.1:$P_socks_badver; SOCKS5 127.0.0.1:$P_socks_badreply; DIRECT"
PAC=$(fl_pac chain.pac "return \"$LIST\";")
fl_run check --pac "$PAC" --resolve good.test=127.0.0.1 "${OPTS[@]}" "http://good.test:$P_origin/"
want_jq '[.targets[0].attempts[] | .error.code // "ok"] == ["reset", "reset", "socks", "socks", "ok"]'
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT"'
want_rc 0
want_within 6000

# --max-time covers the whole target (issue 15 item 4): a proxy that holds a
# plain-http request spends it, and the entries after it are reported as
# not tried instead of each getting a fresh --max-time.
fl_case "check --pac: a holding proxy spends the target's --max-time; the rest is counted untried"
PAC=$(fl_pac hold.pac "return \"PROXY 127.0.0.1:$P_proxy_reset; PROXY 127.0.0.1:$P_proxy_hold; DIRECT\";")
fl_run check --pac "$PAC" --resolve good.test=127.0.0.1 "${OPTS[@]}" "http://good.test:$P_origin/"
want_rc 1
want_jq '[.targets[0].attempts[] | .error.code] == ["reset", "timeout"]'
want_jq '.targets[0].untried == {"count": 1, "reason": "max-time"}'
want_within 6000

fl_finish
