#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# discover on Windows (issue 14), under Wine in an empty network namespace
# (unshare -n: nothing leaves the machine, every lookup fails at once):
#   * the suffixes of the Windows DNS client read from the registry as
#     Windows keeps them (policy DNSClient first, then Tcpip\Parameters):
#     the primary suffix devolved to level 2 by default, the devolution
#     level, devolution off, a search list replacing everything,
#     --devolution-level over the registry (src/wpad/win/dnsclient.c, the
#     order in src/wpad/dns.c);
#   * WinHttpDetectAutoProxyConfigUrl asked next to pacprobe's discovery,
#     per method, and compared (src/wpad/osview.c): here both find nothing,
#     which must read as agreement; --no-dns / --no-dhcp skip that method.
# Wine's own detector cannot show a found URL the way Windows does (it
# names the PAC host by reverse lookup): docs/windows.md.
set -u
: "${PP_WIN:?run by tests/windows/run.sh}" "${PP_TMP:?}"
unshare -n true 2>/dev/null || { echo "unshare -n not permitted (needs root): skipped"; exit 77; }
POL='HKLM\SOFTWARE\Policies\Microsoft\Windows NT\DNSClient'
TCP='HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
cleanup() {
  wine reg delete "$POL" /f >/dev/null 2>&1
  for v in SearchList UseDomainNameDevolution DomainNameDevolutionLevel; do
    wine reg delete "$TCP" /v $v /f >/dev/null 2>&1
  done
}
trap cleanup EXIT
cleanup
. "$(dirname "$0")/lib.sh"
regset() { wine reg add "$1" /v "$2" /t "$3" /d "$4" /f >/dev/null 2>&1 || bad "reg add $2" "failed"; }

# names NAME WANT -- ARGS: the DNS names discover asked, in order
names() {
  local name=$1 want=$2
  shift 3
  unshare -n "$PP_WIN" discover --no-dhcp --no-fetch --dns-timeout 1000 --format json "$@" \
    >"$PP_TMP/$name.json" 2>"$PP_TMP/$name.err"
  local got
  got=$(jq -r '[.attempts[] | select(.method == "dns") | .name] | join(" ")' "$PP_TMP/$name.json" 2>/dev/null)
  if [ "$got" = "$want" ]; then ok "$name: $got"
  else bad "$name" "asked '$got', want '$want' ($(head -c 300 "$PP_TMP/$name.json" "$PP_TMP/$name.err"))"; fi
}

regset "$POL" PrimaryDnsSuffix REG_SZ eng.corp.pacprobe.test
names primary-default-level "wpad.eng.corp.pacprobe.test wpad.corp.pacprobe.test wpad.pacprobe.test" --
jq -e '.attempts[] | select(.name == "wpad.eng.corp.pacprobe.test") | .detail | test("primary DNS suffix \\(policy DNSClient.PrimaryDnsSuffix\\)")' \
  "$PP_TMP/primary-default-level.json" >/dev/null && ok "the trace names the registry value" ||
  bad "origin" "$(jq -c '[.attempts[].detail]' "$PP_TMP/primary-default-level.json" 2>&1 | head -c 300)"
jq -e '.attempts[] | select(.name == "wpad.pacprobe.test") | .detail | test("devolved from .*devolution level 2 \\(default\\)")' \
  "$PP_TMP/primary-default-level.json" >/dev/null && ok "devolved names say level 2 (default)" ||
  bad "level detail" "$(jq -c '[.attempts[].detail]' "$PP_TMP/primary-default-level.json" 2>&1 | head -c 300)"

regset "$TCP" DomainNameDevolutionLevel REG_DWORD 3
names tcpip-level-3 "wpad.eng.corp.pacprobe.test wpad.corp.pacprobe.test" --
names option-over-registry "wpad.eng.corp.pacprobe.test" -- --devolution-level 4
regset "$POL" UseDomainNameDevolution REG_DWORD 0
names devolution-off "wpad.eng.corp.pacprobe.test" --
regset "$TCP" SearchList REG_SZ "b.example.test,a.example.test"
names tcpip-search-list "wpad.b.example.test wpad.a.example.test" --
regset "$POL" SearchList REG_SZ "x.pol.example.test"
names policy-search-list-wins "wpad.x.pol.example.test" --
names domain-option-wins "wpad.given.example.test wpad.example.test" -- --domain given.example.test

# the system's own detector, side by side
j=$PP_TMP/primary-default-level.json
if jq -e '.os_detect.api == "WinHttpDetectAutoProxyConfigUrl" and .os_detect.ran and .os_detect.dhcp == null
          and .os_detect.dns.url == null and .os_detect.dns.pacprobe == null and .os_detect.dns.agrees
          and .os_detect.agrees and (.os_detect.dns.error | test("ERROR_WINHTTP_AUTODETECTION_FAILED"))' "$j" >/dev/null; then
  ok "os_detect: DNS asked (not DHCP, --no-dhcp), both found nothing: agree"
else bad "os_detect json" "$(jq -c .os_detect "$j" 2>&1 | head -c 400)"; fi
unshare -n "$PP_WIN" discover --no-dns --no-fetch --dhcp-timeout 1000 >"$PP_TMP/text.out" 2>"$PP_TMP/text.err"
rc=$?
if [ $rc = 1 ] && grep -Eq '^os +WinHttpDetectAutoProxyConfigUrl dhcp -> none .*pacprobe -> none: agree$' "$PP_TMP/text.out" &&
   ! grep -q 'WinHttpDetectAutoProxyConfigUrl dns' "$PP_TMP/text.out" && grep -q '^os_agrees: yes$' "$PP_TMP/text.out"; then
  ok "text: the DHCP line and os_agrees (DNS not asked with --no-dns), exit 1"
else bad "text" "exit $rc: $(head -c 500 "$PP_TMP/text.out" "$PP_TMP/text.err")"; fi
finish
