#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check failover (issue 8 must-show 1, DESIGN §1.7): a PAC that
# lists a dead proxy first is `ok` via the second, with the failed attempt
# and its reason; --all-routes tries every entry; all entries dead is
# `unreachable`; DIRECT as the last resort; SOCKS5 with and without auth;
# text, JSON and JUnit agree. Usage: test_check_failover.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin tinyproxy dead socks
CK_JQARGS=(--arg dead "PROXY $LAB_DEAD" --arg tiny "PROXY $LAB_TINYPROXY" --arg url "$LAB_ORIGIN")

ck_case "dead proxy first, ok via the second (JSON)"
ck_run --pac "$LAB_PAC_URL" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets | length == 1'
want_jq '.targets[0].url == $url and .targets[0].verdict == "ok"'
want_jq '.targets[0].route == $tiny'
want_jq '.targets[0].pac_result == ($dead + ";" + $tiny)'
want_jq '.targets[0].decided_by[-1] == "pac line 2"'
want_jq '.config.mode == "pac" and .config.pac_url == "'"$LAB_PAC_URL"'"'
want_jq '[.targets[0].attempts[].route] == [$dead, $tiny]'
want_jq '.targets[0].attempts[0] | .ok == false and .error.code == "refused" and (.error.message | length > 0)'
want_jq '.targets[0].attempts[0].timings_ms.tls == null'
want_jq '.targets[0].attempts[1] | .ok == true and .status == 200 and .error == null'
want_jq '.targets[0].attempts[1].tls | .verified == true and .intercepted == false'
want_jq '.targets[0].attempts[1].tls.chain[0].issuer == "CN=pacprobe lab CA,O=pacprobe lab"'
want_jq '.targets[0].attempts[1].tls.chain[0].sha256 | test("^[0-9a-f]{64}$")'
want_jq '.targets[0].attempts[1].timings_ms | .connect >= 0 and .tls >= .connect and .total >= .first_byte'
want_jq '.summary == {"total": 1, "ok": 1, "failed": 0}'

ck_case "the same in text: both routes, the failure reason, the verdict"
ck_run --pac "$LAB_PAC_URL" --cacert "$LAB_CA" "$LAB_ORIGIN"
want_rc 0
want_out "PROXY $LAB_DEAD"
want_out "refused"
want_out "PROXY $LAB_TINYPROXY"
want_out "\bok\b"

ck_case "JUnit: one passing testcase"
ck_run --pac "$LAB_PAC_URL" --cacert "$LAB_CA" --junit "$LAB_DIR/j.xml" "$LAB_ORIGIN"
want_rc 0
[ "$(grep -c '<testcase' "$LAB_DIR/j.xml" 2>/dev/null)" = 1 ] && ok || bad "JUnit has not exactly one testcase"
grep -q '<failure' "$LAB_DIR/j.xml" && bad "JUnit reports a failure" || ok

ck_case "every entry dead: unreachable, route null, exit 1"
PAC2=$(proxylab_pac alldead.pac "function FindProxyForURL(url, host) {
  return \"PROXY $LAB_DEAD; PROXY $LAB_DEAD\";
}")
ck_run --pac "$PAC2" --cacert "$LAB_CA" --format json --junit "$LAB_DIR/j2.xml" "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable" and .targets[0].route == null'
want_jq '[.targets[0].attempts[].error.code] == ["refused", "refused"]'
want_jq '.summary == {"total": 1, "ok": 0, "failed": 1}'
grep -q '<failure' "$LAB_DIR/j2.xml" 2>/dev/null && ok || bad "JUnit has no failure for the unreachable target"

ck_case "DIRECT after a dead proxy"
PAC3=$(proxylab_pac direct.pac "function FindProxyForURL(url, host) {
  if (host == \"nothing.example\") return \"PROXY $LAB_TINYPROXY\";
  return \"PROXY $LAB_DEAD; DIRECT\";
}")
ck_run --pac "$PAC3" --cacert "$LAB_CA" --format json "$LAB_ORIGIN" "$LAB_HTTP_ORIGIN"
want_rc 0
want_jq '[.targets[].url] == [$url, "'"$LAB_HTTP_ORIGIN"'"]'
want_jq '[.targets[].route] == ["DIRECT", "DIRECT"] and [.targets[].verdict] == ["ok", "ok"]'
want_jq '.targets[0].decided_by[-1] == "pac line 3"'
want_jq '.targets[1].attempts[-1].tls == null or .targets[1].attempts[-1].tls.chain == []'

ck_case "--all-routes tries every entry and reports each"
PAC4=$(proxylab_pac all.pac "function FindProxyForURL(url, host) {
  return \"PROXY $LAB_TINYPROXY; PROXY $LAB_DEAD; DIRECT\";
}")
ck_run --pac "$PAC4" --cacert "$LAB_CA" --all-routes --format json "$LAB_ORIGIN"
want_rc 0
want_jq '[.targets[0].attempts[].route] == [$tiny, $dead, "DIRECT"]'
want_jq '[.targets[0].attempts[].ok] == [true, false, true]'
want_jq '.targets[0].route == $tiny and .targets[0].verdict == "ok"'
ck_run --pac "$PAC4" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_jq '[.targets[0].attempts[].route] == [$tiny]'

ck_case "--proxy instead of a PAC"
ck_run --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.config.mode == "proxy" and .targets[0].verdict == "ok"'

ck_case "SOCKS5, then SOCKS5 with a password"
PAC5=$(proxylab_pac socks.pac "function FindProxyForURL(url, host) {
  if (shExpMatch(url, \"*/auth*\")) return \"SOCKS5 $LAB_SOCKS_AUTH\";
  return \"SOCKS5 $LAB_SOCKS\";
}")
ck_run --pac "$PAC5" --cacert "$LAB_CA" --format json "${LAB_ORIGIN}plain"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "SOCKS5 '"$LAB_SOCKS"'"'
ck_run --pac "$PAC5" --cacert "$LAB_CA" --format json "${LAB_ORIGIN}auth"
want_rc 1
want_jq '.targets[0].verdict != "ok" and .targets[0].attempts[0].ok == false'
want_jq '.targets[0].attempts[0].error.code == "socks" or .targets[0].attempts[0].error.code == "proxy-auth"'
CK_ENV="PACPROBE_PROXY_PASSWORD=$LAB_SOCKS_PASS" ck_run --pac "$PAC5" --cacert "$LAB_CA" \
  --proxy-user "$LAB_SOCKS_USER@$LAB_SOCKS_AUTH" --proxy-socks-auth --format json "${LAB_ORIGIN}auth"
CK_ENV=""
want_rc 0
want_jq '.targets[0].verdict == "ok"'
grep -qF "$LAB_SOCKS_PASS" "$CK_OUT" "$CK_ERR" && bad "the SOCKS password is printed" || ok

ck_finish
