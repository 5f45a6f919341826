#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check --for CONSUMER (issue 17 must-show 2): the PAC lists two
# proxies, both down (a dead port, a proxy that resets). What the consumer
# gets differs, and each report names the rule of docs/consumers.md:
#   chrome   both tried, no implicit DIRECT  → unreachable
#   env      curl uses one proxy, no failover → unreachable after 1 attempt
#   winhttp  .NET tries DIRECT after the list → ok via DIRECT
# plus a script error (Chrome goes DIRECT, curl has nothing to go to) and
# the same rules for a LocalService .NET service and Firefox. Every rule
# text printed must appear in docs/consumers.md (they stay in step).
# Usage: test_check_consumers.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin dead reset
DOC=$(cd "$(dirname "$0")/../.." && pwd)/docs/consumers.md
PAC=$(proxylab_pac down.pac "function FindProxyForURL(url, host) {
  if (host == \"origin.lab.pacprobe.test\") throw new Error(\"no rule for \" + host);
  return \"PROXY $LAB_DEAD; PROXY $LAB_RESET\";
}")
CK_JQARGS=(--arg dead "PROXY $LAB_DEAD" --arg reset "PROXY $LAB_RESET")
# the rule printed is documented, word for word, in docs/consumers.md
want_documented() {
  local rule
  rule=$(jq -r '.targets[0].consumer_rule.rule' "$CK_OUT")
  grep -Fq -- "$rule" "$DOC" && ok || bad "rule not in docs/consumers.md: $rule"
}

ck_case "must show 2: chrome tries both proxies, adds no DIRECT: unreachable"
ck_run --pac "$PAC" --for chrome --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.config.for == "chrome" and .config.consumer == "Chrome"'
want_jq '.targets[0].verdict == "unreachable" and .targets[0].route == null'
want_jq '[.targets[0].attempts[].route] == [$dead, $reset]'
want_jq '.targets[0].consumer_rule.event == "all-proxies-failed"'
want_jq '.targets[0].consumer_rule.rule | test("ERR_PROXY_CONNECTION_FAILED and adds no DIRECT")'
want_documented

ck_case "must show 2: env (curl) uses the first proxy only and never fails over: unreachable"
ck_run --pac "$PAC" --for env --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable"'
want_jq '[.targets[0].attempts[].route] == [$dead]'
want_jq '.targets[0].consumer_rule.event == "all-proxies-failed"'
want_jq '.targets[0].consumer_rule.rule | test("never fails over")'
want_documented

ck_case "must show 2: a WinHTTP service (.NET) goes DIRECT after the list: ok"
ck_run --pac "$PAC" --for winhttp --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT"'
want_jq '[.targets[0].attempts[].route] == [$dead, $reset, "DIRECT"]'
want_jq '.targets[0].consumer_rule.event == "all-proxies-failed"'
want_jq '.targets[0].consumer_rule.rule | test("GetProxyAutoFailover")'
want_documented

ck_case "the same three in text: each names its consumer and rule"
for f in chrome env winhttp; do
  ck_run --pac "$PAC" --for "$f" --cacert "$LAB_CA" "$LAB_ORIGIN"
  case $f in
    chrome) want_out '^  Chrome: every proxy failed → Chrome reports ERR_PROXY_CONNECTION_FAILED' ;;
    env) want_out '^  curl \(environment\): the proxy failed → curl fails' ;;
    winhttp) want_out '^  a WinHTTP service \(.NET Framework\): every proxy failed → .NET tries the manual proxy, else DIRECT' ;;
  esac
done

ck_case "a .NET service as LocalService and Firefox also end DIRECT; user (WinINet) does not"
ck_run --pac "$PAC" --for localservice --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT"'
ck_run --pac "$PAC" --for firefox --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_jq '.targets[0].verdict == "ok" and (.targets[0].consumer_rule.rule | test("failover_direct"))'
want_documented
ck_run --pac "$PAC" --for user --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_jq '.targets[0].verdict == "unreachable" and (.targets[0].attempts | length) == 2'

ck_case "a script error: Chrome goes DIRECT (ok, exit 1: the PAC is still broken); curl gets pac-error"
T="https://origin.lab.pacprobe.test:$LAB_ORIGIN_PORT/"
ck_run --pac "$PAC" --for chrome --resolve origin.lab.pacprobe.test=127.0.0.1 --cacert "$LAB_CA" --format json "$T"
want_rc 1
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT" and (.targets[0].pac_error | test("no rule for"))'
want_jq '.targets[0].consumer_rule.event == "script-error"'
want_documented
ck_run --pac "$PAC" --for env --resolve origin.lab.pacprobe.test=127.0.0.1 --cacert "$LAB_CA" --format json "$T"
want_rc 1
want_jq '.targets[0].verdict == "pac-error" and (.targets[0].attempts | length) == 0 and .targets[0].consumer_rule == null'

ck_case "without --for nothing changes: every entry tried, no rule, no consumer in the JSON"
ck_run --pac "$PAC" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '(.targets[0].attempts | length) == 2 and (.targets[0] | has("consumer_rule") | not) and (.config | has("for") | not)'

ck_case "an unknown consumer is a usage error listing the known ones"
ck_run --pac "$PAC" --for edge "$LAB_ORIGIN"
want_rc 2
want_err "option --for: .*chrome, firefox, env \(curl\), winhttp"

ck_finish
