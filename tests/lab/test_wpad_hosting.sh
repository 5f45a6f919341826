#!/usr/bin/env bash
# WPAD lab: the PAC hosting findings of `discover` and `check --auto`
# (issue 21; docs/sources.md "Where the PAC is hosted"). DHCP option 252
# names a PAC served as text/plain with a UTF-8 BOM and a year of caching
# at a path without a PAC extension; each wpad.<domain> serves /wpad.dat
# with one fault: a redirect chain that leaves http, chunked without
# Content-Length, over 1 MiB, a 404. Every finding names the clients it
# affects; check --for follows the consumer that refuses the PAC.
# Usage: test_wpad_hosting.sh PACPROBE PP_LAB_HTTPD (skips without root/dnsmasq).
source "$(dirname "$0")/lab.sh"
lab_require
D=corp.pacprobe.test
lab_up "$D" || exit 1
PAC='function FindProxyForURL(u, h) { return "PROXY 10.77.0.1:3128"; }'
W=$LAB_TMP/www
# DHCP: text/plain + BOM + max-age=31536000 at /proxy (no .pac/.dat extension)
mkdir -p "$W/pac.$D"
printf '\xef\xbb\xbf%s\n' "$PAC" >"$W/pac.$D/proxy"
lab_sidecar "pac.$D" /proxy type text/plain
lab_sidecar "pac.$D" /proxy headers 'Cache-Control: max-age=31536000'
# DNS, one fault per domain
lab_sidecar "wpad.redir.$D" /wpad.dat redirect /hop.dat
lab_sidecar "wpad.redir.$D" /hop.dat redirect file:///etc/passwd
lab_pac "wpad.chunked.$D" /wpad.dat "$PAC"
lab_sidecar "wpad.chunked.$D" /wpad.dat framing chunked
{ printf '%s\n' "$PAC"; head -c 1100000 /dev/zero | tr '\0' ' '; } >"$LAB_TMP/big"
mkdir -p "$W/wpad.big.$D" && cp "$LAB_TMP/big" "$W/wpad.big.$D/wpad.dat"
# wpad.gone.* has no file: 404
rec=()
for d in redir chunked big gone; do rec+=(--host-record="wpad.$d.$D,10.77.0.1"); done
lab_dnsmasq "$S" 10.77.0.1 dns --dhcp-range=10.77.0.0,static,255.255.255.0 \
  --dhcp-option=252,"http://pac.$D/proxy" --local=/pacprobe.test/ \
  --host-record="pac.$D,10.77.0.1" "${rec[@]}" || exit 1

lab_case "must show 3 via DHCP: text/plain, a UTF-8 BOM and a year of caching, each with its clients"
lab_run laptop discover --interface "$C" --no-dns
want_rc 0
want_out "^fetch http://pac\.$D/proxy .*\[ok"
want_order "^fetch http://pac\.$D/proxy " \
  "^      hosting content-type: served as 'text/plain', not application/x-ns-proxy-autoconfig; the WinHTTP proxy service \(WinHTTP, the .NET services, WinINet on Windows 10\) takes a PAC served with another type only when the URL path ends in .dat, .js, .pac or .jvs \(Microsoft KB 4025058\), and this one does not" \
  "^      hosting long-cache: Cache-Control 'max-age=31536000' lets caches keep it; none of the PAC clients honours it \(Chromium fetches with LOAD_DISABLE_CACHE, Firefox with LOAD_BYPASS_CACHE" \
  "^      hosting bom: the script starts with a UTF-8 byte-order mark; harmless in every engine pacprobe models"
want_out "^Found: the PAC at http://pac\.$D/proxy, offered by dhcp, fetched and valid; 3 hosting findings of its fetch above name the clients affected\.$"

lab_case "the same in JSON: codes, the clients affected and refusing"
lab_run laptop discover --interface "$C" --no-dns --format json
want_rc 0
jq -e '[.attempts[] | select(.method == "fetch") | .hosting[] | .code] == ["content-type", "long-cache", "bom"]' \
  "$LAB_OUT" >/dev/null && ok || bad "hosting codes"
jq -e '.attempts[-1].hosting[0] | .affects == ["winhttp"] and .refuses == ["winhttp"] and (.clients | test("KB 4025058"))' \
  "$LAB_OUT" >/dev/null && ok || bad "content-type clients"
jq -e '.attempts[-1].hosting[1].refuses == [] and .attempts[-1].hosting[2].refuses == []' "$LAB_OUT" >/dev/null \
  && ok || bad "long-cache and bom refuse nothing"

lab_case "the --report page lists the findings under the fetch"
lab_run laptop discover --interface "$C" --no-dns --report "$LAB_TMP/d.html"
want_rc 0
grep -q '<ul class="hosting"><li><span class="badge warn">content-type</span> served as &#39;text/plain&#39;' \
  "$LAB_TMP/d.html" && ok || bad "report: no hosting list"
grep -q 'Microsoft KB 4025058' "$LAB_TMP/d.html" && ok || bad "report: no clients"

lab_case "a redirect chain that leaves http: counted, and the clients that refuse it named"
lab_run laptop discover --interface "$C" --no-dhcp --domain "redir.$D"
want_rc 1
want_out "^fetch http://wpad\.redir\.$D/wpad\.dat .*\[redirect-refused"
want_out "^      hosting redirect: redirected 2 times: -> /hop\.dat -> file:///etc/passwd; Chromium follows redirects but refuses one to file: \(ERR_UNSAFE_REDIRECT\)"
want_out "^      hosting redirect-scheme: a redirect leaves http\(s\) for file:///etc/passwd; Chrome and Edge refuse it \(ERR_UNSAFE_REDIRECT for file:, else ERR_DISALLOWED_URL_SCHEME\), WinHTTP follows http and https only, libproxy 0.5"
want_no_out "hosting http-status"

lab_case "chunked without Content-Length"
lab_run laptop discover --interface "$C" --no-dhcp --domain "chunked.$D"
want_rc 0
want_out "^      hosting no-content-length: sent chunked, without Content-Length; every client modelled reads it, but a transfer cut short"

lab_case "over 1 MiB: the download stops, Chrome's refusal named"
lab_run laptop discover --interface "$C" --no-dhcp --domain "big.$D"
want_rc 1
want_out "^fetch http://wpad\.big\.$D/wpad\.dat .*\[too-big"
want_out "^      hosting too-big: the script is 11000[0-9][0-9] bytes \(Content-Length\); Chrome and Edge refuse it \(ERR_FILE_TOO_BIG over 1 MiB"

lab_case "a 404: the status finding names each client's rule"
lab_run laptop discover --interface "$C" --no-dhcp --domain "gone.$D"
want_rc 1
want_out "^      hosting http-status: HTTP status 404; Chrome and Edge need 200 \(ERR_HTTP_RESPONSE_CODE_FAILURE\), WinHTTP too \(ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT\); Firefox takes any 2xx"

lab_case "eval --pac auto: the findings of the PAC WPAD found, as warnings"
lab_run laptop eval --pac auto http://a.test/
want_rc 0
want_err "^pacprobe: warning: PAC hosting \[content-type\]: served as 'text/plain'.*and this one does not"
want_err "^pacprobe: warning: PAC hosting \[bom\]: "

lab_case "check --auto reports the findings of the PAC WPAD found"
lab_run laptop check --auto --connect-timeout 1 http://10.77.0.1:9/
want_out "^pac hosting content-type: served as 'text/plain'"
want_out "^pac hosting long-cache: "

lab_case "check --auto --for winhttp: the WinHTTP proxy service refuses text/plain at /proxy, DIRECT follows"
lab_run laptop check --auto --for winhttp --connect-timeout 1 --format json http://10.77.0.1:9/
jq -e '.config.pac_hosting[0] | .code == "content-type" and .relevant == true' "$LAB_OUT" >/dev/null \
  && ok || bad "content-type not relevant to winhttp"
jq -e '.config.pac_hosting[1] | .code == "long-cache" and .relevant == false' "$LAB_OUT" >/dev/null \
  && ok || bad "long-cache relevant to winhttp"
jq -e '.config.mode == "direct" and .targets[0].attempts[0].route == "DIRECT"' "$LAB_OUT" >/dev/null \
  && ok || bad "winhttp still used the PAC"
lab_run laptop check --auto --for winhttp --connect-timeout 1 --report "$LAB_TMP/c.html" http://10.77.0.1:9/
grep -q '<section id="hosting"><h2>Where the PAC is hosted</h2>' "$LAB_TMP/c.html" && ok || bad "check report: no hosting"
grep -q '<span class="badge warn">content-type</span> <strong>relevant</strong> served as' "$LAB_TMP/c.html" \
  && ok || bad "check report: relevance"
lab_run laptop check --auto --for winhttp --connect-timeout 1 --format json http://10.77.0.1:9/
jq -e '.targets[0].decided_by[-1] | test("is not used \\(served as .text/plain., not application/x-ns-proxy-autoconfig \\[content-type\\]\\) → WinHttpGetProxyForUrl fails")' \
  "$LAB_OUT" >/dev/null && ok || bad "chain does not say why"

lab_case "check --auto --for chrome: Chrome uses that PAC"
lab_run laptop check --auto --for chrome --connect-timeout 1 --format json http://10.77.0.1:9/
jq -e '.config.mode == "auto-detect"' "$LAB_OUT" >/dev/null && ok || bad "mode"
jq -e '.targets[0].attempts[0].route == "PROXY 10.77.0.1:3128"' "$LAB_OUT" >/dev/null && ok || bad "chrome did not use the PAC"
jq -e '[.config.pac_hosting[] | .relevant] == [false, false, false]' "$LAB_OUT" >/dev/null && ok || bad "relevance for chrome"

lab_finish
