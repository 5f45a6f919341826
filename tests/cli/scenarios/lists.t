# URL lists (issue 15 items 5 and 9): every list reader (eval -f, diff -f,
# check -f, lint --urls, test CASES) caps a line at Chromium's URL length
# (2 MiB) and reports a line over it, or holding a NUL byte, as FILE:LINE[:COL]
# with a shortened echo; the lines after it still run; the exit code is
# never 0. Memory and the endless /dev/zero: tests/cli/bounds.sh.

=== eval: a NUL byte inside a line is a malformed line at its column; the rest go on, exit 1
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; printf 'http://a/\nhttp://b\0x/\nhttp://c/\n' > l.txt; pacprobe eval -p d.pac -f l.txt
exit 1
out<<
http://a/ : DIRECT
http://c/ : DIRECT
.
err~ ^pacprobe: error: l\.txt:2:9: malformed line skipped: a NUL byte inside it: 'http://b\\x00x/'$
errlines 1

=== eval --format json: the NUL line gets no record, the others do
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; printf 'http://a/\nhttp://b\0x/\nhttp://c/\n' > l.txt; pacprobe eval --format json -p d.pac -f l.txt | jq -r .url
exit 0
out<<
http://a/
http://c/
.
err~ l\.txt:2:9: malformed line

=== eval: a line over 2 MiB is skipped with a short echo naming the cap; the next URL runs
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; { echo http://a/; printf 'http://'; head -c 3000000 /dev/zero | tr '\0' x; printf '/\nhttp://z/\n'; } > l.txt; pacprobe eval -p d.pac -f l.txt
exit 1
out<<
http://a/ : DIRECT
http://z/ : DIRECT
.
err~ ^pacprobe: error: l\.txt:2: line of 3000008 bytes skipped: longer than a URL can be \(2097152 bytes, Chromium's url::kMaxURLChars\): 'http://x{57}\.\.\.'$
errlines 1

=== eval: a malformed URL under the cap is echoed shortened
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; { printf 'nourl'; head -c 5000 /dev/zero | tr '\0' y; echo; } > l.txt; pacprobe eval -p d.pac -f l.txt
exit 1
err~ ^pacprobe: error: l\.txt:1: 'nourly+\.\.\. \(5005 bytes\)': bad URL
err! y{100}

=== eval -f /dev/zero ends with an error naming the file, never exit 0
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; pacprobe eval -p d.pac -f /dev/zero
exit 1
err~ ^pacprobe: error: /dev/zero:1: no end of line within 1024 MiB: not a URL list; the rest of the file is not read$
errlines 1

=== diff -f: a NUL line is reported and the list goes on (exit 2: unusable input)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; printf 'http://a/\nhttp://b\0x/\nhttp://c/\n' > l.txt; pacprobe diff d.pac d.pac -f l.txt
exit 2
out= 0 of 2 URLs changed
err~ ^pacprobe: error: l\.txt:2:9: malformed line skipped

=== lint --urls: a NUL line is reported at FILE:LINE:COL, the other URLs are checked
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; printf 'http://a/\nhttp://b\0x/\n' > l.txt; pacprobe lint --urls l.txt d.pac
exit 2
err~ ^pacprobe: error: l\.txt:2:9: malformed line skipped

=== test: a case line with a NUL byte is an unusable CASES file (exit 2, FILE:LINE:COL)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' > d.pac; printf 'http://a/\tDIRECT\nhttp://b\0x/\tDIRECT\n' > c.cases; pacprobe test d.pac c.cases
exit 2
err~ ^pacprobe: error: c\.cases:2:9: malformed line skipped: a NUL byte inside it

=== check -f: a NUL line is unusable input (exit 2) before anything is tried
$ printf 'http://b\0x/\n' > l.txt; pacprobe check --proxy 127.0.0.1:9 -f l.txt
exit 2
err~ ^pacprobe: error: l\.txt:1:9: malformed line skipped
