#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The proxy's own reason (issue 17 must-show 5): squid refusing a URL and a
# host by rule names its X-Squid-Error; two appliance block pages recorded
# under tests/unit/data/blockpages (Zscaler's redirect to its notification,
# Palo Alto Networks' block page), replayed by a loopback "proxy"
# (replayproxy.py), are named with the appliance and its reason, and are
# `blocked`, never `ok`. Usage: test_check_reason.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
command -v python3 >/dev/null || ck_skip "python3 not installed"
ck_up pac squid
PAGES=$(cd "$(dirname "$0")/../unit/data/blockpages" && pwd)
REPLAY_PIDS=()
trap 'for p in "${REPLAY_PIDS[@]}"; do kill "$p" 2>/dev/null; done; proxylab_down' EXIT
# replay NAME: starts a replaying proxy for NAME.http, its port in $REPLAY_PORT
replay() {
  local out=$LAB_DIR/replay-$1.port
  python3 "$(dirname "$0")/replayproxy.py" "$PAGES/$1.http" >"$out" &
  REPLAY_PIDS+=($!)
  for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.1; done
  REPLAY_PORT=$(cat "$out")
}

ck_case "must show 5: squid refuses a URL by rule: blocked, X-Squid-Error named"
ck_run --proxy "http://$LAB_SQUID" --format json "${LAB_PAC_BASE}denied"
want_rc 1
want_jq '.targets[0].verdict == "blocked" and .targets[0].attempts[0].status == 403'
want_jq '.targets[0].attempts[0].proxy_reason.product == "squid"'
want_jq '.targets[0].attempts[0].proxy_reason.text | startswith("X-Squid-Error: ERR_ACCESS_DENIED 0; page: ERROR: The requested URL could not be retrieved")'
want_jq '.targets[0].attempts[0].error.message | test("the proxy says: squid: X-Squid-Error: ERR_ACCESS_DENIED")'

ck_case "squid refuses CONNECT to a host by rule: the reason comes with the CONNECT answer"
ck_run --proxy "http://$LAB_SQUID" --resolve denied.lab.pacprobe.test=127.0.0.1 --format json "https://denied.lab.pacprobe.test/"
want_rc 1
want_jq '.targets[0].verdict == "blocked" and .targets[0].attempts[0].error.code == "proxy-denied"'
want_jq '.targets[0].attempts[0].proxy_reason.text | startswith("X-Squid-Error: ERR_ACCESS_DENIED")'

ck_case "the same in text: the proxy's reason under the attempt"
ck_run --proxy "http://$LAB_SQUID" "${LAB_PAC_BASE}denied"
want_out "the proxy says: squid: X-Squid-Error: ERR_ACCESS_DENIED 0"

ck_case "must show 5: a Zscaler block redirect (307, accepted status) is blocked, its reason and code named"
replay zscaler-redirect
ck_run --proxy "http://127.0.0.1:$REPLAY_PORT" --format json "http://www.gambling.example/"
want_rc 1
want_jq '.targets[0].verdict == "blocked" and .targets[0].attempts[0].error.code == "proxy-denied"'
want_jq '.targets[0].attempts[0].proxy_reason == {"product": "Zscaler", "text": "Not allowed to browse Gambling category (reasoncode CATEGORY_DENIED; redirect to the notification page)"}'

ck_case "must show 5: a Palo Alto Networks block page (503) names the category"
replay paloalto-url-block
ck_run --proxy "http://127.0.0.1:$REPLAY_PORT" "http://www.gambling.example/"
want_rc 1
want_out "blocked"
want_out "the proxy says: Palo Alto Networks: Web Page Blocked: category gambling"

ck_case "a Forcepoint redirect and a Blue Coat exception page, through a PAC"
replay forcepoint-redirect
FP=$REPLAY_PORT
replay bluecoat-content-filter-denied
PAC=$(proxylab_pac appliances.pac "function FindProxyForURL(url, host) {
  return host == \"fp.example\" ? \"PROXY 127.0.0.1:$FP\" : \"PROXY 127.0.0.1:$REPLAY_PORT\";
}")
ck_run --pac "$PAC" --format json --resolve fp.example=127.0.0.1 --resolve bc.example=127.0.0.1 http://fp.example/ http://bc.example/
want_rc 1
want_jq '[.targets[].verdict] == ["blocked", "blocked"]'
want_jq '[.targets[].attempts[0].proxy_reason.product] == ["Forcepoint", "Blue Coat/Symantec"]'

ck_case "Kerberos readiness: a proxy named by IP address that offers Negotiate ends in NTLM"
replay negotiate-407
ck_run --proxy "http://127.0.0.1:$REPLAY_PORT" --format json "http://www.example.test/"
want_rc 1
want_jq '.targets[0].verdict == "auth-required" and .targets[0].attempts[0].auth.offered == ["Negotiate", "NTLM"]'
want_jq '.targets[0].attempts[0].auth.domain_machine.ip_literal == true'
want_jq '.targets[0].attempts[0].auth.domain_machine.scheme | startswith("NTLM: the proxy is named by its IP address 127.0.0.1, which has no Kerberos SPN")'

ck_case "Kerberos readiness: the same proxy by name: Kerberos if HTTP/name is registered"
PAC=$(proxylab_pac named.pac "function FindProxyForURL(url, host) { return \"PROXY proxy.lab.pacprobe.test:$REPLAY_PORT\"; }")
ck_run --pac "$PAC" --resolve proxy.lab.pacprobe.test=127.0.0.1 "http://www.example.test/"
want_rc 1
want_out "^      domain machine: Kerberos, if the SPN HTTP/proxy.lab.pacprobe.test is registered for the proxy's account"

ck_case "Kerberos readiness: squid offering Basic only: no logon answers it"
ck_run --proxy "http://$LAB_SQUID" --format json "${LAB_PAC_BASE}a"
want_jq '.targets[0].attempts[0].auth.domain_machine | .ip_literal == true and (.scheme | startswith("Basic only"))'

ck_case "report readability: four targets refused the same way are one block, headed with the reason"
ck_run --proxy "http://$LAB_SQUID" "${LAB_PAC_BASE}a" "${LAB_PAC_BASE}b" "${LAB_PAC_BASE}c" "${LAB_PAC_BASE}d" "${LAB_PAC_BASE}denied"
want_rc 1
want_out "^4 targets: auth-required — the proxy demands authentication \(407; offers Basic\); give --proxy-user"
[ "$(grep -c "demands authentication" "$CK_OUT")" = 2 ] && ok || bad "the shared block is not printed once (heading + one attempt line)"
for u in a b c d; do want_out "^  ${LAB_PAC_BASE}$u\$"; done
want_out "^${LAB_PAC_BASE}denied: blocked\$"
[ "$(grep -c "ms: dns" "$CK_OUT")" = 1 ] && ok || bad "timings: expected only the ungrouped target's attempt"

ck_case "JSON is not grouped: one object per target"
ck_run --proxy "http://$LAB_SQUID" --format json "${LAB_PAC_BASE}a" "${LAB_PAC_BASE}b"
want_jq '[.targets[].verdict] == ["auth-required", "auth-required"]'

ck_finish
