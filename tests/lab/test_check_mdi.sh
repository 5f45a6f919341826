#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# pacprobe check --targets mdi --workspace contoso offline (issue 8 must-show
# 4, DESIGN §1.7): the sensor ping URL and the four certificate URLs, each
# with its own verdict and a precise failure within the timeouts, never a
# hang. Runs inside a fresh network namespace with only `lo` up (no route,
# its own resolv.conf naming 127.0.0.1 where nothing listens), so not one
# packet can reach the real Microsoft hosts whatever pacprobe does.
# Usage: test_check_mdi.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
[ "$(id -u)" = 0 ] || ck_skip "needs root for a network namespace (the MDI hosts must be unreachable by construction)"
command -v ip >/dev/null || ck_skip "ip (iproute2) not installed"
command -v jq >/dev/null || ck_skip "jq not installed"
"$CK_BIN" check --help >/dev/null 2>&1 || ck_skip "this pacprobe has no 'check' subcommand"
NS=ppmdi$$
ip netns add "$NS" 2>/dev/null || ck_skip "cannot create network namespaces here"
# `ip netns exec` also needs a private mount tree, which a chroot cannot make
ip netns exec "$NS" true 2>/dev/null || { ip netns del "$NS"; ck_skip "cannot enter network namespaces here (a chroot?)"; }
CK_TMP=$(mktemp -d /tmp/pp-mdi-XXXXXX)
cleanup() { ip netns del "$NS" 2>/dev/null; rm -rf "/etc/netns/$NS" "$CK_TMP"; }
trap cleanup EXIT
ip -n "$NS" link set lo up
mkdir -p "/etc/netns/$NS"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"/etc/netns/$NS/resolv.conf"
CK_OUT=$CK_TMP/out CK_ERR=$CK_TMP/err
CK_WRAP="ip netns exec $NS"
# The namespace really is cut off: no route to anything but loopback.
ip -n "$NS" route get 1.1.1.1 >/dev/null 2>&1 && { echo "FAIL: the namespace has a route out"; exit 1; }
W=contoso
EXPECT='["https://contososensorapi.atp.azure.com/tri/sensor/api/ping"]'
CK_JQARGS=(--argjson expect "$EXPECT")

ck_case "five targets, in profile order, with the workspace in the sensor URL"
ck_run --targets mdi --workspace "$W" --connect-timeout 1 --max-time 3 --format json
want_rc 1
want_jq '.targets | length == 5'
want_jq '.targets[0].url == $expect[0]'
want_jq '[.targets[1:][].url | test("^http://[^/:]+/")] | all'
want_jq '[.targets[].url | capture("^(?<s>https?)://(?<h>[^/:]+)").h] == ["contososensorapi.atp.azure.com", "crl.microsoft.com", "ctldl.windowsupdate.com", "www.microsoft.com", "www.microsoft.com"]'
want_jq '[.targets[].url] | map(select(test("^http://www\\.microsoft\\.com/pkiops/"))) | length == 1'
want_jq '[.targets[].url] | map(select(test("^http://www\\.microsoft\\.com/pki/"))) | length == 1'

ck_case "offline, no proxy: each target dns-failed with a message, none ok"
want_jq '[.targets[].verdict] == ["dns-failed","dns-failed","dns-failed","dns-failed","dns-failed"]'
want_jq '[.targets[].attempts[0].error.code] | all(. == "dns")'
want_jq '[.targets[].attempts[0].error.message | length > 0] | all'
want_jq '.summary == {"total": 5, "ok": 0, "failed": 5}'
# --connect-timeout covers DNS (DESIGN §1.7), and the five run concurrently.
want_jq '[.targets[].attempts[0].timings_ms.total] | all(. <= 1500)'
want_within 10000

ck_case "offline via --dns-server 127.0.0.1 (nothing listening)"
ck_run --targets mdi --workspace "$W" --dns-server 127.0.0.1 --connect-timeout 1 --max-time 3 --format json
want_rc 1
want_jq '[.targets[].verdict] | length == 5 and all(. == "dns-failed")'
want_within 10000

ck_case "offline through a dead proxy: each target unreachable (refused), its route tried"
ck_run --targets mdi --workspace "$W" --proxy http://127.0.0.1:9 --connect-timeout 1 --max-time 3 --format json
want_rc 1
want_jq '[.targets[].verdict] | length == 5 and all(. == "unreachable")'
want_jq '[.targets[].attempts[0].route] | all(. == "PROXY 127.0.0.1:9")'
want_jq '[.targets[].attempts[0].error.code] | all(. == "refused")'
want_within 10000

ck_case "the text report lists every target and its verdict"
ck_run --targets mdi --workspace "$W" --connect-timeout 1 --max-time 3
want_rc 1
want_out "contososensorapi\.atp\.azure\.com"
want_out "crl\.microsoft\.com"
want_out "ctldl\.windowsupdate\.com"
want_out "www\.microsoft\.com/pkiops/"
want_out "www\.microsoft\.com/pki/"
want_out "dns-failed"

ck_case "JUnit: five testcases, five failures"
ck_run --targets mdi --workspace "$W" --connect-timeout 1 --max-time 3 --junit "$CK_TMP/j.xml"
[ "$(grep -c '<testcase' "$CK_TMP/j.xml" 2>/dev/null)" = 5 ] && ok || bad "JUnit has not five testcases"
[ "$(grep -c '<failure' "$CK_TMP/j.xml" 2>/dev/null)" = 5 ] && ok || bad "JUnit has not five failures"

# issue 17 must show 1: the sensor's account (LocalService) has auto-detect
# on and WPAD finds nothing here (no DHCP server, no DNS answer): Windows
# falls through to the next mode and finally DIRECT, so every target is
# tried DIRECT and the chain names the fall-through (docs/consumers.md).
REG=$(cd "$(dirname "$0")" && pwd)/data/localservice-autodetect.reg
ck_case "must show 1: mdi-sensor, LocalService auto-detect, WPAD finds nothing: every target tried DIRECT"
ck_run --targets mdi --workspace "$W" --for mdi-sensor --reg "$REG" --connect-timeout 1 --max-time 3 --format json
want_rc 1
want_jq '.targets | length == 5'
want_jq '[.targets[].attempts | length] | all(. == 1)'
want_jq '[.targets[].attempts[0].route] | all(. == "DIRECT")'
want_jq '.config.mode == "direct" and .config.for == "mdi-sensor" and .config.fallthrough == "WinINet tries the next mode → DIRECT"'
want_jq '.config.decided_by[0] | test("^WinINet localservice \\(S-1-5-19\\) DefaultConnectionSettings")'
want_jq '.config.decided_by[-1] | test("^auto-detect found no PAC \\(.*\\) → WinINet tries the next mode → DIRECT$")'
want_jq '[.targets[].decided_by[-1] | test("^auto-detect found no PAC")] | all'
want_err "warning: auto-detect: .*the MDI sensor \(.NET, LocalService\): WinINet tries the next mode → DIRECT"
want_within 15000

ck_case "must show 1 in text: decided by names the fall-through"
ck_run --targets mdi --workspace "$W" --for mdi-sensor --reg "$REG" --connect-timeout 1 --max-time 3
want_rc 1
want_out "^  decided by: WinINet localservice \(S-1-5-19\) .* → auto-detect found no PAC \(.*\) → WinINet tries the next mode → DIRECT → DIRECT failed \(dns\)$"

ck_case "--auto without --for: no consumer to fall through, WPAD finding nothing is an error (exit 2)"
ck_run --targets mdi --workspace "$W" --auto --connect-timeout 1 --max-time 3
want_rc 2
want_err "auto-detect: WPAD found no usable PAC"

ck_case "--auto --for chrome: Chrome's rule, the manual settings else DIRECT"
ck_run --targets mdi --workspace "$W" --auto --for chrome --connect-timeout 1 --max-time 3 --format json
want_rc 1
want_jq '.config.fallthrough | test("^Chrome uses the manual proxy settings, else DIRECT")'
want_jq '[.targets[].attempts[0].route] | all(. == "DIRECT")'

ck_case "bad workspace names are usage errors"
for bad_ws in "" "con.toso" "con toso" "-contoso" "$(printf 'x%.0s' $(seq 1 70))"; do
  ck_run --targets mdi --workspace "$bad_ws" --format json
  [ "$CK_RC" = 2 ] && ok || bad "workspace '$bad_ws': exit $CK_RC, expected 2"
done
ck_run --targets mdi --format json
want_rc 2
want_err "workspace"

ck_finish
