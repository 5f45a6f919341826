#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check TLS interception (issue 8 must-show 2, DESIGN §1.7):
# through mitmproxy (its own CA, which pacprobe is not given) the verdict is
# `intercepted` naming mitmproxy's issuer; directly, and through a plain
# CONNECT proxy (tinyproxy), the test CA's chain verifies and it is `ok`.
# With mitmproxy's CA trusted, only --compare-direct (a different leaf than
# DIRECT) reveals the interception.
# Usage: test_check_intercept.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin tinyproxy mitm
CK_JQARGS=(--arg mitm "PROXY $LAB_MITM" --arg issuer "$LAB_MITM_ISSUER")
echo "mitmproxy issues as: $LAB_MITM_ISSUER"

ck_case "through mitmproxy: intercepted, naming the unexpected issuer"
ck_run --proxy "http://$LAB_MITM" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "intercepted"'
want_jq '.targets[0].route == $mitm'
want_jq '.targets[0].attempts[0].tls.intercepted == true'
want_jq '.targets[0].attempts[0].tls.verified == false'
want_jq '.targets[0].attempts[0].tls.chain[0].issuer == $issuer'
want_jq '.targets[0].attempts[0].tls.reason | test("mitmproxy")'
want_jq '.summary.failed == 1'

ck_case "the same in text names mitmproxy"
ck_run --proxy "http://$LAB_MITM" --cacert "$LAB_CA" "$LAB_ORIGIN"
want_rc 1
want_out "intercepted"
want_out "mitmproxy"

ck_case "directly: ok, the test CA's chain"
ck_run --cacert "$LAB_CA" --format json "$LAB_ORIGIN" # no proxy in the environment: direct
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT"'
want_jq '.targets[0].attempts[0].tls | .verified == true and .intercepted == false and .reason == null'
want_jq '.targets[0].attempts[0].tls.chain[0].issuer == "CN=pacprobe lab CA,O=pacprobe lab"'
want_jq '.targets[0].attempts[0].tls.chain[0].not_after | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")'

ck_case "through a CONNECT proxy that does not intercept: ok, the same leaf as direct"
leaf=$(jq -r '.targets[0].attempts[0].tls.chain[0].sha256' "$CK_OUT")
ck_run --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].tls.intercepted == false'
want_jq '.targets[0].attempts[0].tls.chain[0].sha256 == "'"$leaf"'"'

ck_case "a PAC choosing mitmproxy first and tinyproxy second: interception is not failed over"
PAC=$(proxylab_pac mitm.pac "function FindProxyForURL(url, host) {
  return \"PROXY $LAB_MITM; PROXY $LAB_TINYPROXY\";
}")
ck_run --pac "$PAC" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "intercepted" and .targets[0].route == $mitm'
want_jq '.targets[0].attempts | length == 1'

ck_case "mitmproxy's CA trusted too: the chain verifies, so only --compare-direct sees the interception"
cat "$LAB_CA" "$LAB_MITM_CA" > "$LAB_DIR/both-cas.pem"
ck_run --proxy "http://$LAB_MITM" --cacert "$LAB_DIR/both-cas.pem" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].tls.verified == true'
ck_run --proxy "http://$LAB_MITM" --cacert "$LAB_DIR/both-cas.pem" --compare-direct --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "intercepted" and .targets[0].route == $mitm'
want_jq '.targets[0].attempts[0].tls | .intercepted == true and .verified == true'
want_jq '.targets[0].attempts[0].tls.reason | test("differs from the one seen DIRECT")'

ck_case "--compare-direct through a proxy that does not intercept: still ok"
ck_run --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" --compare-direct --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].tls.intercepted == false'

ck_finish
