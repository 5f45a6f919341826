#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A PAC served over HTTP is decoded by the charset its Content-Type names,
# as Chromium's PacFileFetcherImpl does (ConvertResponseToUTF16); without a
# charset, ISO-8859-1; Firefox ignores the charset (issue 16 item 1,
# docs/browsers.md "Decoding a PAC"). pp_lab_httpd on 127.0.0.1 only.
# Usage: test_pac_charset.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
D=$FL_TMP/docroot/127.0.0.1
mkdir -p "$D"
# "München" in UTF-8 (no BOM) and in ISO-8859-2 (ü is FC there too; ř is F8)
BODY='function FindProxyForURL(u, h) { var s = "M\u00fcnchen \u0159"; return "PROXY p" + s.charCodeAt(1) + "-" + s.charCodeAt(8) + "-" + s.length + ":1"; }'
printf '%b' "$BODY" > "$D/plain.pac"
printf '%b' "$BODY" > "$D/utf8.pac"
echo 'application/x-ns-proxy-autoconfig; charset=utf-8' > "$D/utf8.pac.type"
printf '%b' "$BODY" | iconv -f UTF-8 -t ISO-8859-2 > "$D/latin2.pac"
echo 'application/x-ns-proxy-autoconfig; charset="ISO-8859-2"' > "$D/latin2.pac.type"
printf '%b' "$BODY" > "$D/bogus.pac"
echo 'text/plain; charset=x-no-such-charset' > "$D/bogus.pac.type"
fl_httpd "$FL_TMP/docroot"
U=$FL_URL

fl_case "chrome, no charset: the UTF-8 bytes read as ISO-8859-1 (Ã¼ and Å™: 11 characters)"
fl_run eval -p "$U/plain.pac" http://a.test/
want_rc 0
want_out '^PROXY p195-32-11:1$'
want_err 'decoded as ISO-8859-1'

fl_case "chrome, charset=utf-8: UTF-8 (ü is 252, ř 345, 9 characters)"
fl_run eval -p "$U/utf8.pac" http://a.test/
want_rc 0
want_out '^PROXY p252-345-9:1$'

fl_case "chrome, charset=ISO-8859-2: decoded with it, named in the note"
fl_run eval -p "$U/latin2.pac" http://a.test/
want_rc 0
want_out '^PROXY p252-345-9:1$'
want_err 'decoded as the charset the server named'

fl_case "chrome, a charset the system does not know: refused, named"
fl_run eval -p "$U/bogus.pac" http://a.test/
want_rc 2
want_err "charset 'x-no-such-charset' is not known"

fl_case "firefox ignores the charset: ISO-8859-2 bytes are not UTF-8, so Latin-1 (ř is F8 = ø, 248)"
fl_run eval --emulate firefox -p "$U/latin2.pac" http://a.test/
want_rc 0
want_out '^PROXY p252-248-9:1$'

fl_case "firefox: the UTF-8 file without charset is UTF-8"
fl_run eval --emulate firefox -p "$U/plain.pac" http://a.test/
want_out '^PROXY p252-345-9:1$'

fl_finish
