#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# check with absurd PAC lists (issue 15 item 4, must-show 2): at most
# PP_CHECK_MAX_ROUTES (16) routes are tried per target and the rest counted
# as untried; --max-time covers the whole target, not each attempt; the
# `decided by` line summarises a long attempt list; a PAC listing 50,000
# proxies is a result-limit error (item 3), not minutes of attempts. All on
# 127.0.0.1: closed ports refuse at once, pp_lab_faultd proxy-hold accepts
# and never answers. Bounded by fl_run's 60 s kill, no timed assertions.
# Usage: test_check_bounds.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
fl_start P_hold proxy-hold
fl_pac origin.pac 'return "DIRECT";' >/dev/null
fl_start P_origin http-pac "$FL_TMP/origin.pac"

# list FIRST COUNT: "PROXY 127.0.0.1:P" for COUNT ports from FIRST, ';'-joined.
# Ports 41000-41899 are closed unless something else happens to listen:
# the test checks every tried one was refused.
list() { seq "$1" $(($1 + $2 - 1)) | sed 's/^/PROXY 127.0.0.1:/' | paste -sd ';'; }

fl_pac many.pac "return \"$(list 41000 900)\";" >/dev/null
fl_case "900 closed proxies: 16 tried, 884 counted as untried (JSON)"
fl_run check --pac "$FL_TMP/many.pac" --connect-timeout 1s --format json http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0].verdict == "unreachable"'
want_jq '(.targets[0].attempts | length) == 16'
want_jq 'all(.targets[0].attempts[]; .error.code == "refused")'
want_jq '.targets[0].attempts[15].route == "PROXY 127.0.0.1:41015"'
want_jq '.targets[0].untried == {"count": 884, "reason": "route-cap"}'

fl_case "the same in text: the decided-by line summarises, the report says what was not tried"
fl_run check --pac "$FL_TMP/many.pac" --connect-timeout 1s http://127.0.0.1:9/
want_rc 1
want_out 'decided by: --pac → pac line 2 → PROXY 127\.0\.0\.1:41000 failed \(refused\) → PROXY 127\.0\.0\.1:41001 failed \(refused\) → PROXY 127\.0\.0\.1:41002 failed \(refused\) → 12 more attempts \(refused ×12\) → PROXY 127\.0\.0\.1:41015 failed \(refused\) → 884 more PAC entries not tried: at most 16 routes are tried per target$'
want_out '^    884 more PAC entries not tried: at most 16 routes are tried per target$'
[ "$(grep -c '^    PROXY 127' "$FL_OUT")" = 16 ] && ok || bad "not 16 attempt blocks"

fl_case "a proxy that never answers, listed 6 times: --max-time covers the whole target"
fl_pac hold.pac "return \"$(for i in 1 2 3 4 5 6; do printf 'PROXY 127.0.0.1:%s;' "$P_hold"; done)\";" >/dev/null
fl_run check --pac "$FL_TMP/hold.pac" --connect-timeout 1s --max-time 1500ms --format json http://127.0.0.1:9/
want_rc 1
# the first attempt gets the whole 1500 ms; a second starts only if curl
# gave up with 100 ms or more to spare; together they stay within
# --max-time (100 ms of slack for curl's own rounding)
want_jq '(.targets[0].attempts | length) <= 2 and all(.targets[0].attempts[]; .error.code == "timeout")'
want_jq '.targets[0].untried.reason == "max-time" and .targets[0].untried.count + (.targets[0].attempts | length) == 6'
want_jq '([.targets[0].attempts[].timings_ms.total] | add) <= 1600'
fl_run check --pac "$FL_TMP/hold.pac" --connect-timeout 1s --max-time 1500ms http://127.0.0.1:9/
want_out "[45] more PAC entries not tried: the target's --max-time \(1500 ms\) ran out$"

fl_case "50,000 proxies: a result-limit error for the target, nothing tried"
fl_pac huge.pac "return \"$(list 10000 50000)\";" >/dev/null
fl_run check --pac "$FL_TMP/huge.pac" --format json http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0].verdict == "pac-error" and (.targets[0].attempts | length) == 0'
want_jq '.targets[0].pac_error | test("^result limit: FindProxyForURL\\(\\) returned 1099999 bytes, over the 65536")'

fl_case "a working first route: nothing counted as untried"
fl_pac one.pac "return \"DIRECT; $(list 41000 40)\";" >/dev/null
fl_run check --pac "$FL_TMP/one.pac" --connect-timeout 1s --format json "http://127.0.0.1:$P_origin/"
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].untried == null and (.targets[0].attempts | length) == 1'

fl_finish
