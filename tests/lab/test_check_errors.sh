#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check names each failure precisely (DESIGN §1.7 error codes):
# refused (dead port), reset (a proxy that resets), timeout (a black hole,
# bounded by --connect-timeout), dns (a name the resolver cannot answer, via
# --resolve and via a dead --dns-server), the proxy's own name not resolving, proxy-denied (403 from
# tinyproxy for a CONNECT port it does not allow), http-error (404 from the
# origin, not failed over), pac-error. Nothing leaves 127.0.0.1: every name
# is answered (or refused) by --resolve or a dead local DNS server.
# Usage: test_check_errors.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up pac origin tinyproxy dead reset blackhole
pac() { proxylab_pac "$1" "function FindProxyForURL(url, host) {
  $2
}"; }

ck_case "refused: the dead port"
ck_run --proxy "http://$LAB_DEAD" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable" and .targets[0].attempts[0].error.code == "refused"'

ck_case "reset: a proxy that resets the connection"
ck_run --proxy "http://$LAB_RESET" --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable" and .targets[0].attempts[0].error.code == "reset"'

ck_case "timeout: a black hole, within --connect-timeout"
ck_run --proxy "http://$LAB_BLACKHOLE" --cacert "$LAB_CA" --connect-timeout 800ms --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable" and .targets[0].attempts[0].error.code == "timeout"'
want_within 4000

ck_case "must show 6: --connect-timeout 1 is one second, as curl's (not 1 ms): the black hole is waited on"
ck_run --proxy "http://$LAB_BLACKHOLE" --connect-timeout 1 --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].attempts[0].error.code == "timeout" and .targets[0].attempts[0].timings_ms.total >= 990'
want_within 4000

ck_case "timeout of a black hole, then failover to a working proxy"
PAC=$(pac bh.pac "return \"PROXY $LAB_BLACKHOLE; PROXY $LAB_TINYPROXY\";")
ck_run --pac "$PAC" --cacert "$LAB_CA" --connect-timeout 800ms --format json "$LAB_ORIGIN"
want_rc 0
want_jq '[.targets[0].attempts[] | .error.code // "ok"] == ["timeout", "ok"]'
want_jq '.targets[0].route == "PROXY '"$LAB_TINYPROXY"'"'
want_within 4000

ck_case "dns: a name --resolve says does not exist"
ck_run --resolve nowhere.lab.pacprobe.test= --format json "https://nowhere.lab.pacprobe.test:$LAB_ORIGIN_PORT/"
want_rc 1
want_jq '.targets[0].verdict == "dns-failed" and .targets[0].attempts[0].error.code == "dns"'

ck_case "dns: the resolver given by --dns-server does not answer (dead local port)"
ck_run --dns-server "$LAB_DEAD" --connect-timeout 2 --format json "https://nowhere.lab.pacprobe.test:$LAB_ORIGIN_PORT/"
want_rc 1
want_jq '.targets[0].verdict == "dns-failed" and .targets[0].attempts[0].error.code == "dns"'
want_within 8000

ck_case "a name resolved by --resolve reaches the origin (the certificate names it)"
ck_run --resolve "origin.lab.pacprobe.test=127.0.0.1" --cacert "$LAB_CA" --format json \
  "https://origin.lab.pacprobe.test:$LAB_ORIGIN_PORT/"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].route == "DIRECT"'

ck_case "the proxy's own name does not resolve: unreachable, a DNS error, failover to the next"
# DESIGN §1.7 does not say whether this is "dns" or "proxy-dns" (the
# implementation uses proxy-dns for a proxy that cannot resolve the target).
PAC=$(pac pdns.pac "return \"PROXY noproxy.lab.pacprobe.test:3128; PROXY $LAB_DEAD\";")
ck_run --pac "$PAC" --resolve noproxy.lab.pacprobe.test= --cacert "$LAB_CA" --format json "$LAB_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "unreachable"'
want_jq '.targets[0].attempts[0].error.code | . == "dns" or . == "proxy-dns"'
want_jq '.targets[0].attempts[0].error.message | test("noproxy")'
want_jq '.targets[0].attempts[1].error.code == "refused"'

ck_case "proxy-denied: tinyproxy refuses CONNECT to a port it does not allow (403)"
HTTPD_PORT=${LAB_PAC_BASE##*:}; HTTPD_PORT=${HTTPD_PORT%/}
ck_run --proxy "http://$LAB_TINYPROXY" --format json "https://127.0.0.1:$HTTPD_PORT/ok"
want_rc 1
want_jq '.targets[0].verdict == "blocked"'
want_jq '.targets[0].attempts[0] | .status == 403 and .error.code == "proxy-denied"'

ck_case "http-error: the origin answers 404; not failed over (the route worked)"
PAC=$(pac e404.pac "return \"PROXY $LAB_TINYPROXY; DIRECT\";")
ck_run --pac "$PAC" --format json "${LAB_PAC_BASE}missing"
want_rc 1
want_jq '.targets[0].verdict == "http-error" and .targets[0].attempts[0].status == 404'
want_jq '.targets[0].attempts | length == 1'
want_jq '.targets[0].attempts[0].error.code == "http"'

ck_case "pac-error: the PAC throws for this URL"
PAC=$(pac throw.pac 'if (host == "127.0.0.1") throw new Error("boom"); return "DIRECT";')
ck_run --pac "$PAC" --format json "$LAB_HTTP_ORIGIN"
want_rc 1
want_jq '.targets[0].verdict == "pac-error" and .targets[0].route == null'

ck_finish
