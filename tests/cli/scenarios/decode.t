# Decoding a PAC as the emulated client does (issue 16 item 1, must-show 3;
# src/pac/decode.c, docs/browsers.md "Decoding a PAC"). Fixtures:
# tests/cases/latin1.pac (ISO-8859-1), tests/cases/utf8-nobom.pac,
# tests/cli/data/decode/. The evaluation results themselves are in
# tests/cases/latin1.cases, utf8-nobom.cases, utf8-bom.cases.

=== must-show: explain quotes a Latin-1 line as the browsers read it (UTF-8 on the terminal), caret on the return
$ cd "$DATA/../../cases" && pacprobe explain -p latin1.pac http://www.example.com/
out~ ^decided at latin1\.pac:9:16$
out~ ^      9 \|   /\* Übrige \*/ return "PROXY p" \+ ort\.charCodeAt\(1\) \+ "-" \+ ort\.length \+ "\.example:8080"; // für alle übrigen$
out~ ^        \| {16}\^$
out~ ^result   PROXY p252-7\.example:8080$
err~ ^pacprobe: note: PAC: latin1\.pac decoded as ISO-8859-1 \(no charset, no byte-order mark\), as chrome reads it$

=== explain --format json carries the quoted line as JSON text (ü escaped)
$ cd "$DATA/../../cases" && pacprobe explain --format json -p latin1.pac http://www.example.com/
out~ "source": "  /\* \\u00DCbrige \*/ return

=== firefox: the Latin-1 fallback is named
$ cd "$DATA/../../cases" && pacprobe eval --emulate firefox -p latin1.pac http://www.example.com/
out= PROXY p252-7.example:8080
err~ decoded as ISO-8859-1 \(the script is not valid UTF-8\), as firefox reads it

=== a UTF-8 PAC without byte-order mark: chrome reads it as ISO-8859-1 and says so
$ cd "$DATA/../../cases" && pacprobe explain -p utf8-nobom.pac http://www.example.com/
out~ Ã¼brigen$
out~ ^result   PROXY p195-8\.example:8080$
err~ decoded as ISO-8859-1

=== a UTF-8 PAC is no news for firefox: no note
$ cd "$DATA/../../cases" && pacprobe eval --emulate firefox -p utf8-nobom.pac http://www.example.com/
out= PROXY p252-7.example:8080
errlines 0

=== libproxy hands the bytes to Duktape, which refuses invalid UTF-8: the PAC is unusable there
$ cd "$DATA/../../cases" && pacprobe eval --emulate libproxy -p latin1.pac http://www.example.com/
exit 2
err~ source decode failed
err~ libproxy would go DIRECT for every URL

=== lint: a Latin-1 PAC is linted, columns count characters (was: "source decode failed")
$ cd "$DATA/decode" && pacprobe lint lint-latin1.pac
out~ ^lint-latin1\.pac:2:48: warning: shExpMatch\(url, \.\.\.\) tests the path of an https URL
out~ ^0 errors, 1 warning$

=== a UTF-16 PAC with its byte-order mark (Chromium's kBomMappings)
$ printf '\377\376' > "$TMP/u16.pac"; printf 'function FindProxyForURL(u, h) { return "PROXY p" + "\u00e9".charCodeAt(0) + ":1"; }' | iconv -f UTF-8 -t UTF-16LE >> "$TMP/u16.pac"; pacprobe eval -p "$TMP/u16.pac" http://a.example/
out= PROXY p233:1
err~ decoded as UTF-16 \(its byte-order mark\)
