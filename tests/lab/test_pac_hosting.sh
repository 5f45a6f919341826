#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# PAC hosting checks (issue 21 "Must show" 3; docs/sources.md "Where the PAC
# is hosted"): pp_lab_httpd on 127.0.0.1 serves the PAC with one hosting
# fault each; every finding names the clients it affects. A file:// URL is
# checked without a server.
# Usage: test_pac_hosting.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
D=$FL_TMP/docroot/127.0.0.1
mkdir -p "$D"
PAC='function FindProxyForURL(u, h) { return "PROXY p.test:1"; }'
# must show 3: text/plain, a UTF-8 BOM and a year of caching
printf '\xef\xbb\xbf%s\n' "$PAC" > "$D/bom.pac"
echo 'text/plain' > "$D/bom.pac.type"
echo 'Cache-Control: max-age=31536000' > "$D/bom.pac.headers"
printf '%s\n' "$PAC" > "$D/good.pac"
printf '%s\n' "$PAC" > "$D/chunked.pac"; echo chunked > "$D/chunked.pac.framing"
printf '%s\n' "$PAC" > "$D/close.pac"; echo close > "$D/close.pac.framing"
printf '%s\n' "$PAC" > "$D/expires.pac"; echo 'Expires: Thu, 01 Dec 2044 16:00:00 GMT' > "$D/expires.pac.headers"
printf '%s\n' "$PAC" > "$D/nocache.pac"; echo 'Cache-Control: no-cache, max-age=0' > "$D/nocache.pac.headers"
printf '<h1>not found</h1>\n' > "$D/gone.pac"; echo 404 > "$D/gone.pac.status"; echo text/html > "$D/gone.pac.type"
printf '%s' "$PAC" | iconv -f UTF-8 -t UTF-16 > "$D/utf16.pac"
printf 'function FindProxyForURL(u, h) { return "PROXY m\xc3\xbcnchen.test:1"; }\n' > "$D/charset.pac"
echo 'application/x-ns-proxy-autoconfig; charset=utf-8' > "$D/charset.pac.type"
printf 'var x = 1;\n' > "$D/nofunc.pac"
printf '%s\n' "$PAC" > "$D/proxy"; echo text/plain > "$D/proxy.type"
fl_httpd "$FL_TMP/docroot"
U=$FL_URL
echo "$U/good.pac" > "$D/moved.pac.redirect" # read per request

fl_case "must show 3: text/plain + UTF-8 BOM + max-age=31536000, each finding with its clients"
fl_run eval -p "$U/bom.pac" http://a.test/
want_rc 0
want_out '^PROXY p.test:1$'
want_err "PAC hosting \[content-type\]: served as 'text/plain', not application/x-ns-proxy-autoconfig; no client pacprobe models refuses it: Chromium only logs it, Firefox and libproxy do not look, and the WinHTTP proxy service takes it for the URL's extension \(.dat, .js, .pac, .jvs; Microsoft KB 4025058\)"
want_err "PAC hosting \[bom\]: the script starts with a UTF-8 byte-order mark; harmless in every engine pacprobe models: Chromium drops it"
want_err "PAC hosting \[long-cache\]: Cache-Control 'max-age=31536000' lets caches keep it; none of the PAC clients honours it \(Chromium fetches with LOAD_DISABLE_CACHE, Firefox with LOAD_BYPASS_CACHE"
want_errlines 3

fl_case "a well-hosted PAC: no finding"
fl_run eval -p "$U/good.pac" http://a.test/
want_rc 0
want_no_err 'PAC hosting'

fl_case "chunked, no Content-Length"
fl_run eval -p "$U/chunked.pac" http://a.test/
want_rc 0
want_err 'PAC hosting \[no-content-length\]: sent chunked, without Content-Length; every client modelled reads it, but a transfer cut short'

fl_case "no Content-Length, the end is the connection closing"
fl_run eval -p "$U/close.pac" http://a.test/
want_rc 0
want_err 'PAC hosting \[no-content-length\]: no Content-Length: the end of the script is the connection closing'

fl_case "Expires without max-age"
fl_run eval -p "$U/expires.pac" http://a.test/
want_err "PAC hosting \[long-cache\]: Expires 'Thu, 01 Dec 2044 16:00:00 GMT' and no max-age"

fl_case "no-cache: nothing to say"
fl_run eval -p "$U/nocache.pac" http://a.test/
want_no_err 'PAC hosting'

fl_case "a redirect, counted and shown"
fl_run eval -p "$U/moved.pac" http://a.test/
want_rc 0
want_err "PAC hosting \[redirect\]: redirected 1 time: -> $U/good.pac; Chromium follows redirects but refuses one to file:"
want_no_err 'redirect-to-http' # http to http is no downgrade

fl_case "404: the status finding names what each client does (libproxy runs the error page)"
fl_run eval -p "$U/gone.pac" http://a.test/
want_rc 2
want_err 'HTTP 404'
want_err 'PAC hosting \[http-status\]: HTTP status 404; Chrome and Edge need 200 \(ERR_HTTP_RESPONSE_CODE_FAILURE\), WinHTTP too \(ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT\); Firefox takes any 2xx; libproxy 0.5 runs the body as the script when it downloads with curl'

fl_case "UTF-16: Chrome reads it by the BOM, Firefox and libproxy do not"
fl_run eval -p "$U/utf16.pac" http://a.test/
want_err 'PAC hosting \[utf16\]: the script is UTF-16 \(little-endian byte-order mark\); Chrome and Edge decode it by the byte-order mark; Firefox'

fl_case "a charset in the Content-Type and non-ASCII bytes"
fl_run eval -p "$U/charset.pac" http://a.test/
want_err "PAC hosting \[charset\]: the Content-Type names a charset \('application/x-ns-proxy-autoconfig; charset=utf-8'\) and the script has non-ASCII bytes; Chrome and Edge decode the script by it; Firefox ignores it"

fl_case "no FindProxyForURL in the body"
fl_run eval -p "$U/nofunc.pac" http://a.test/
want_err 'PAC hosting \[no-findproxyforurl\]: the body has no FindProxyForURL; Chrome and Edge take a body without FindProxyForURL as no PAC'

fl_case "must show 3: a file:// PAC URL, with the clients that ignore it"
printf '%s\n' "$PAC" > "$FL_TMP/local.pac"
fl_run eval -p "file://$FL_TMP/local.pac" http://a.test/
want_rc 0
want_err 'PAC hosting \[file-url\]: the PAC is a file:// URL \(file://.*local.pac\); Chrome and Edge do not load it \(Chromium fetches http, https and data: only: PacFileFetcherImpl::IsUrlSchemeAllowed\), nor does the WinHTTP proxy service, so neither WinHTTP, the .NET services on it nor WinINet on Windows 10 \(Microsoft KB 4025058: no file:// or ftp:// PAC\); Firefox and libproxy read it'
want_no_err 'unc-path'

fl_case "check --pac URL reports the same findings, on stdout with the configuration"
fl_run check --pac "$U/bom.pac" --connect-timeout 1 http://127.0.0.1:1/
want_out "^pac hosting content-type: served as 'text/plain'"
want_out "^pac hosting long-cache: Cache-Control 'max-age=31536000'"
want_out '^pac hosting bom: '
want_no_err 'PAC hosting'

fl_case "text/plain where the URL has no PAC extension: the WinHTTP proxy service refuses it"
fl_run eval -p "$U/proxy" http://a.test/
want_rc 0
want_err "PAC hosting \[content-type\]: served as 'text/plain', not application/x-ns-proxy-autoconfig; the WinHTTP proxy service \(WinHTTP, the .NET services, WinINet on Windows 10\) takes a PAC served with another type only when the URL path ends in .dat, .js, .pac or .jvs \(Microsoft KB 4025058\), and this one does not"

fl_case "check --for winhttp: the consumer does not use that PAC, its no-PAC rule takes the route"
fl_run check --pac "$U/proxy" --for winhttp --connect-timeout 1 --format json http://127.0.0.1:1/
want_rc 1
want_jq '.config.pac_hosting[0] | .code == "content-type" and .relevant == true and .refuses == ["winhttp"]'
want_jq '.config.fallthrough | test("^WinHttpGetProxyForUrl fails")'
want_jq '.targets[0].decided_by[-1] | test("^the PAC .*/proxy is not used \\(served as .text/plain., not application/x-ns-proxy-autoconfig \\[content-type\\]\\) → WinHttpGetProxyForUrl fails")'
want_jq '.config.mode == "direct" and .targets[0].attempts[0].route == "DIRECT"'

fl_case "must show 3: a file:// AutoConfigURL: WinINet (the WinHTTP proxy service) ignores it, DIRECT follows"
printf '%s\n' "$PAC" > "$FL_TMP/local.pac"
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\n"AutoConfigURL"="file://%s/local.pac"\n' \
  "$FL_TMP" > "$FL_TMP/acu.reg"
fl_run check --reg "$FL_TMP/acu.reg" --for user --connect-timeout 1 http://127.0.0.1:1/
want_rc 1
want_out "decided by: WinINet user .* → the PAC file://.*/local.pac is not used \(the PAC is a file:// URL \(file://.*/local.pac\) \[file-url\]\) → WinINet tries the next mode → DIRECT → DIRECT failed"
want_out "^pac hosting file-url \[relevant to --for user: it does not use this PAC\]: the PAC is a file:// URL"
want_no_out 'PROXY p\.test:1'
fl_run check --reg "$FL_TMP/acu.reg" --for firefox --connect-timeout 1 --format json http://127.0.0.1:1/
want_jq '.config.pac_hosting[0] | .code == "file-url" and .relevant == false'
want_jq '.targets[0].attempts[0].route == "PROXY p.test:1"' # Firefox reads a file:// PAC

fl_case "check --for chrome: the same PAC is used, the finding marked not relevant"
fl_run check --pac "$U/proxy" --for chrome --connect-timeout 1 http://127.0.0.1:1/
want_out '^pac hosting content-type \[not relevant to --for chrome\]: '
want_out 'PROXY p\.test:1'

fl_case "a PAC over Chromium's 1 MiB: too-big, Chrome refuses it"
{ printf '%s\n' "$PAC"; head -c 1100000 /dev/zero | tr '\0' ' '; } > "$D/big.pac"
fl_run eval -p "$U/big.pac" --emulate firefox http://a.test/
want_rc 0
want_err 'PAC hosting \[too-big\]: the script is 11000[0-9][0-9] bytes; Chrome and Edge refuse it \(ERR_FILE_TOO_BIG over 1 MiB, kDefaultMaxResponseBytes\); libproxy 0.4 reads at most 100 KiB'
fl_run eval -p "$U/big.pac" http://a.test/ # chrome: the download stops at 1 MiB
want_rc 2
want_err 'PAC hosting \[too-big\]: the script is 11000[0-9][0-9] bytes \(Content-Length\); Chrome and Edge refuse it'

fl_finish
