#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check through an HTTPS proxy (PAC keyword HTTPS, route type HTTPS):
# squid on a TLS port with its own leaf from the lab CA (proxylab.sh
# `tlsproxy`). The TLS facts of an https target are the origin's, never the
# proxy's (libcurl calls the SSL_CTX callback for both handshakes); an
# untrusted, misnamed or non-TLS proxy is a `proxy-tls` failure naming the
# proxy (a browser fails over after it), never an interception of the origin;
# a plain-HTTP port that swallows the ClientHello is a handshake timeout
# within --connect-timeout, one that resets is `reset`; http:// targets go
# over the TLS connection as plain GETs; Basic auth works over it.
# Usage: test_check_https_proxy.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin tinyproxy squid tlsproxy reset
[ -n "${LAB_HTTPS_PROXY_AUTH:-}" ] || ck_skip "the Basic-auth HTTPS proxy did not start: $LAB_MISSING"
PX=$LAB_HTTPS_PROXY
CK_JQARGS=(--arg route "HTTPS $PX" --arg origin "$LAB_ORIGIN_SUBJECT" --arg proxy "$LAB_PROXY_SUBJECT"
  --arg ca "$LAB_CA_SUBJECT" --arg tiny "PROXY $LAB_TINYPROXY")
pac() { proxylab_pac "$1" "function FindProxyForURL(url, host) { return \"$2\"; }"; }
PAC=$(pac https.pac "HTTPS $PX")
echo "HTTPS proxy $PX presents: $LAB_PROXY_SUBJECT"

ck_case "directly, for the leaf the origin presents"
ck_run --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
leaf=$(jq -r '.targets[0].attempts[0].tls.chain[0].sha256' "$CK_OUT")
[[ $leaf =~ ^[0-9a-f]{64}$ ]] && ok || bad "no leaf fingerprint DIRECT: $leaf"
CK_JQARGS+=(--arg leaf "$leaf")

ck_case "PAC HTTPS, https target, --cacert: ok, and the TLS facts are the origin's, not the proxy's"
ck_run --pac "$PAC" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == $route'
want_jq '.targets[0].pac_result == $route and (.targets[0].attempts | length == 1)'
want_jq '.targets[0].attempts[0] | .ok == true and .status == 200 and .error == null'
want_jq '.targets[0].attempts[0].tls | .verified == true and .intercepted == false and .reason == null'
want_jq '.targets[0].attempts[0].tls.chain[0] | .subject == $origin and .issuer == $ca and .sha256 == $leaf'
want_jq '[.targets[0].attempts[0].tls.chain[].subject] | index($proxy) == null'
want_jq '.summary == {"total": 1, "ok": 1, "failed": 0}'
grep -q "CONNECT 127.0.0.1:$LAB_ORIGIN_PORT" "$LAB_DIR/tlsproxy/access.log" && ok ||
  bad "the TLS squid logged no CONNECT to the origin: the route did not go through it"

ck_case "the same in text: the route, the origin's certificate, verified"
ck_run --pac "$PAC" --cacert "$LAB_CA" "$LAB_ORIGIN"
want_rc 0
want_out "HTTPS $PX +ok"
want_out "cert 0: $LAB_ORIGIN_SUBJECT"
want_out "tls: verified"
grep -q "proxy.lab.pacprobe.test" "$CK_OUT" && bad "the proxy's certificate is reported for the target" || ok

ck_case "--proxy https://: the same route type; --compare-direct sees the same leaf"
ck_run --proxy "https://$PX" --cacert "$LAB_CA" --compare-direct --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == $route'
want_jq '.targets[0].attempts[0].tls | .intercepted == false and .chain[0].sha256 == $leaf'

ck_case "proxy certificate not trusted (no --cacert): proxy-tls naming the proxy, not intercepted"
ck_run --pac "$PAC" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable" and .targets[0].route == null'
want_jq '.targets[0].attempts[0] | .ok == false and .error.code == "proxy-tls" and .tls == null'
want_jq '.targets[0].attempts[0].error.message | test("HTTPS proxy") and contains($proxy) and test("--cacert")'
want_jq '[.targets[0].attempts[] | .tls | select(. != null) | .intercepted] | all(. == false)'
want_jq '.summary.failed == 1'

ck_case "the same in text: proxy-tls, nothing INTERCEPTED"
ck_run --pac "$PAC" "$LAB_ORIGIN"
want_rc 1
want_out "proxy-tls"
want_out "HTTPS proxy's own certificate does not verify"
grep -qi "intercepted" "$CK_OUT" && bad "the report claims an interception" || ok

ck_case "http:// target through the HTTPS proxy: a plain GET over the TLS connection"
ck_run --pac "$PAC" --cacert "$LAB_CA" --format json "$LAB_HTTP_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == $route'
want_jq '.targets[0].attempts[0] | .status == 200 and .error == null'
want_jq '.targets[0].attempts[0].tls == null' # the proxy's handshake is not the target's TLS
grep -q "GET $LAB_HTTP_ORIGIN " "$LAB_DIR/tlsproxy/access.log" && ok ||
  bad "the TLS squid logged no GET $LAB_HTTP_ORIGIN"

ck_case "http:// target, proxy certificate not trusted: proxy-tls too"
ck_run --pac "$PAC" --format json "$LAB_HTTP_ORIGIN"
want_rc 1
want_jq '.targets[0].attempts[0] | .error.code == "proxy-tls" and .tls == null'

ck_case "HTTPS to tinyproxy's plain-HTTP port: the TLS handshake never completes, within --connect-timeout"
ck_run --pac "$(pac tiny.pac "HTTPS $LAB_TINYPROXY")" --cacert "$LAB_CA" --connect-timeout 1.5 \
  --format json "$LAB_ORIGIN"
want_rc 1
want_within 4500
want_jq '.targets[0].verdict == "unreachable"'
want_jq '.targets[0].attempts[0] | .error.code == "timeout" and .tls == null'
want_jq '.targets[0].attempts[0].error.message | test("HTTPS proxy did not complete the TLS handshake")'

ck_case "HTTPS to squid's plain-HTTP port (it answers 400 in clear text): proxy-tls at once"
ck_run --pac "$(pac squid.pac "HTTPS $LAB_SQUID")" --cacert "$LAB_CA" --connect-timeout 1.5 \
  --format json "$LAB_ORIGIN"
want_rc 1
want_within 1500
want_jq '.targets[0].attempts[0] | .error.code == "proxy-tls" and .tls == null'
want_jq '.targets[0].attempts[0].error.message | test("does not answer in TLS") and test("wrong version number")'

ck_case "HTTPS to a port that resets the connection during the handshake: reset, not a TLS verdict"
ck_run --pac "$(pac reset.pac "HTTPS $LAB_RESET")" --cacert "$LAB_CA" --connect-timeout 1.5 \
  --format json "$LAB_ORIGIN"
want_rc 1
want_within 1500
want_jq '.targets[0].verdict == "unreachable"'
want_jq '.targets[0].attempts[0] | .error.code == "reset" and .tls == null'

ck_case "the proxy's certificate does not name it: proxy-tls (refused after the handshake)"
WRONG="HTTPS wrong.lab.pacprobe.test:${PX##*:}"
ck_run --pac "$(pac wrong.pac "$WRONG")" --resolve wrong.lab.pacprobe.test=127.0.0.1 \
  --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].attempts[0] | .error.code == "proxy-tls" and .tls == null'
want_jq '.targets[0].attempts[0].error.message | test("refused after the TLS handshake") and test("wrong.lab.pacprobe.test") and contains($proxy)'

ck_case "a browser fails over after the proxy's TLS failure (Chromium: ERR_PROXY_CERTIFICATE_INVALID)"
ck_run --pac "$(pac failover.pac "$WRONG; PROXY $LAB_TINYPROXY")" --resolve wrong.lab.pacprobe.test=127.0.0.1 \
  --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == $tiny'
want_jq '[.targets[0].attempts[] | .error.code] == ["proxy-tls", null]'
want_jq '.targets[0].attempts[1].tls | .chain[0].sha256 == $leaf and .intercepted == false'

ck_case "Basic auth over TLS: no credentials, auth-required; with them, ok and the origin's chain"
PACA=$(pac auth.pac "HTTPS $LAB_HTTPS_PROXY_AUTH")
ck_run --pac "$PACA" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "auth-required"'
want_jq '.targets[0].attempts[0] | .status == 407 and .auth.offered == ["Basic"] and .tls == null'
CK_ENV="PACPROBE_PROXY_PASSWORD=$LAB_SQUID_PASS" ck_run --pac "$PACA" --proxy-user "$LAB_SQUID_USER" \
  --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].auth.used == "Basic"'
want_jq '.targets[0].attempts[0].tls | .chain[0].sha256 == $leaf and .verified == true'
want_no "$CK_OUT" "$LAB_SQUID_PASS"

ck_finish
