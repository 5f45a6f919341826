#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The PAC hosting findings (issue 21, docs/sources.md "Where the PAC is
# hosted") from pacprobe.exe's WinHTTP fetch backend (src/wpad/win/
# fetch_http.c) equal the Linux libcurl backend's for the same answers:
# Content-Type, chunked framing, Cache-Control and Expires, a redirect, a
# 404. pp_lab_httpd serves them on 127.0.0.1 (loopback only).
set -u
: "${PP_WIN:?run by tests/windows/run.sh}" "${PP_TMP:?}" "${PP_LINUX:?}"
. "$(dirname "$0")/lib.sh"
HTTPD=${PP_LAB_HTTPD:-$(dirname "$PP_LINUX")/tests/pp_lab_httpd}
[ -x "$HTTPD" ] || { echo "no pp_lab_httpd beside $PP_LINUX: skipped"; exit 77; }
D=$PP_TMP/www/127.0.0.1
mkdir -p "$D"
PAC='function FindProxyForURL(u, h) { return "PROXY p.test:1"; }'
printf '\xef\xbb\xbf%s\n' "$PAC" >"$D/bom.pac"
echo text/plain >"$D/bom.pac.type"
echo 'Cache-Control: max-age=31536000' >"$D/bom.pac.headers"
printf '%s\n' "$PAC" >"$D/chunked.pac"; echo chunked >"$D/chunked.pac.framing"
printf '%s\n' "$PAC" >"$D/expires.pac"; echo 'Expires: Thu, 01 Dec 2044 16:00:00 GMT' >"$D/expires.pac.headers"
printf '%s\n' "$PAC" >"$D/proxy"; echo text/plain >"$D/proxy.type"
echo /chunked.pac >"$D/moved.pac.redirect"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$HTTPD" 127.0.0.1 "$port" "$PP_TMP/www" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
U=http://127.0.0.1:$port

# same NAME PATH: the "PAC hosting [CODE]" lines of both builds, equal and non-empty
same() {
  local name=$1 path=$2
  "$PP_LINUX" eval -p "$U/$path" http://a.test/ 2>&1 >/dev/null | grep -o 'PAC hosting \[[a-z-]*\]: [^;]*' >"$PP_TMP/l"
  "$PP_WIN" eval -p "$U/$path" http://a.test/ 2>&1 >/dev/null | tr -d '\r' |
    grep -o 'PAC hosting \[[a-z-]*\]: [^;]*' >"$PP_TMP/w"
  if [ -s "$PP_TMP/l" ] && cmp -s "$PP_TMP/l" "$PP_TMP/w"; then ok "$name: $(cut -d: -f1 "$PP_TMP/w" | tr '\n' ' ')"
  else bad "$name" "linux: $(tr '\n' '|' <"$PP_TMP/l") windows: $(tr '\n' '|' <"$PP_TMP/w")"; fi
}
same "text/plain + BOM + a year of caching" bom.pac
same "chunked, no Content-Length" chunked.pac
same "Expires without max-age" expires.pac
same "text/plain at a path WinHTTP does not take" proxy
same "a redirect, then chunked" moved.pac
same "a 404" missing.pac
finish
