#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check runs targets concurrently, bounded by --parallel (DESIGN
# §1.7): black-hole targets that each take --connect-timeout finish together
# when they fit in --parallel and in rounds when they do not (bounds with a
# wide margin, not a benchmark: bench/check-parallel.sh measures); mixed
# fast and slow targets come out in input order; 40 targets at once through
# one proxy are all ok. Usage: test_check_parallel.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
ck_up origin tinyproxy dead blackhole
urls() { local i; for ((i = 1; i <= $1; i++)); do echo "${LAB_ORIGIN}t$i"; done; }

ck_case "8 black-hole targets with --parallel 8 time out together"
urls 8 >"$LAB_DIR/u8"
ck_run --proxy "http://$LAB_BLACKHOLE" --connect-timeout 1 --parallel 8 --format json -f "$LAB_DIR/u8"
want_rc 1
want_jq '[.targets[].attempts[0].error.code] | length == 8 and all(. == "timeout")'
want_within 4500 # serially: 8 s

ck_case "4 black-hole targets with --parallel 2 take two rounds"
urls 4 >"$LAB_DIR/u4"
ck_run --proxy "http://$LAB_BLACKHOLE" --connect-timeout 1 --parallel 2 --format json -f "$LAB_DIR/u4"
want_rc 1
[ "$CK_MS" -ge 1900 ] && ok || bad "took $CK_MS ms: more than 2 targets were in flight"

ck_case "mixed targets keep input order"
PAC=$LAB_DIR/mixed.pac
cat >"$PAC" <<PACEOF
function FindProxyForURL(url, host) {
  if (shExpMatch(url, "*/slow*")) return "PROXY $LAB_BLACKHOLE";
  if (shExpMatch(url, "*/dead*")) return "PROXY $LAB_DEAD";
  return "PROXY $LAB_TINYPROXY";
}
PACEOF
ck_run --pac "$PAC" --cacert "$LAB_CA" --connect-timeout 1 --parallel 4 --format json \
  "${LAB_ORIGIN}slow1" "${LAB_ORIGIN}fast1" "${LAB_ORIGIN}dead1" "${LAB_ORIGIN}fast2"
want_rc 1
want_jq '[.targets[].url | sub(".*/"; "")] == ["slow1", "fast1", "dead1", "fast2"]'
want_jq '[.targets[].verdict] == ["unreachable", "ok", "unreachable", "ok"]'
want_jq '.targets | map(.attempts[0].error.code // "ok") == ["timeout", "ok", "refused", "ok"]'
want_jq '.summary == {"total": 4, "ok": 2, "failed": 2}'

ck_case "40 targets through one proxy with --parallel 20: all ok"
urls 40 >"$LAB_DIR/u40"
ck_run --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" --parallel 20 --format json -f "$LAB_DIR/u40"
want_rc 0
want_jq '.summary == {"total": 40, "ok": 40, "failed": 0}'
want_jq '[.targets[].url] == [range(1; 41) | "'"$LAB_ORIGIN"'t\(.)"]'

ck_finish
