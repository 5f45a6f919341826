# What the script sees, measured against the real browsers (issue 16 items
# 2, 3, 7, 8; docs/browsers.md). Each case prints "url | host" as
# FindProxyForURL received them (the PAC's only statement is an alert).

=== item 2, chrome: dot segments are removed (GURL, url/url_canon_path.cc)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://e.test/a/../b/./c'
out~ "pac_url":"http://e\.test/b/c"

=== item 2, chrome: %2e spells a dot segment ("/%2e%2e/" climbs); a%2eb stays (measured in Chromium 156)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://e.test/x/%2e%2e/y/%2E/a%2eb'
out~ "pac_url":"http://e\.test/y/a%2eb"

=== item 2, chrome: ".." at the end keeps the trailing slash, never climbs above the root
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://e.test/../../a/..'
out~ "pac_url":"http://e\.test/"

=== item 2: a backslash ends the host and separates path segments (special schemes)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://example.test\p\..\q'
out~ "pac_url":"http://example\.test/q"
out~ "host":"example\.test"

=== item 2, firefox: the backslash URL is read too (cut after the authority)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --emulate firefox --format json -p "$TMP/d.pac" 'http://example.test\p'
out~ "pac_url":"http://example\.test/"

=== item 3: [::ffff:127.0.0.1] is loopback for Chromium's implicit bypass (IsIPv4MappedLoopback)
$ printf 'function FindProxyForURL(u, h) { return "PROXY p:1"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://[::ffff:127.0.0.1]/' 'http://[::ffff:7f01:203]:8080/' 'http://[::ffff:169.254.9.9]/' 'http://[::ffff:10.0.0.1]/'
out~ "url":"http://\[::ffff:127\.0\.0\.1\]/".*"result":"DIRECT".*"decided_by":"implicit-bypass"
out~ "url":"http://\[::ffff:7f01:203\]:8080/".*"decided_by":"implicit-bypass"
out~ "url":"http://\[::ffff:169\.254\.9\.9\]/".*"decided_by":"implicit-bypass"
out~ "url":"http://\[::ffff:10\.0\.0\.1\]/".*"result":"PROXY p:1".*"decided_by":"pac"

=== item 7, firefox: the script sees the credentials (the spec nsPACMan passes keeps them)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --emulate firefox --format json -p "$TMP/d.pac" 'http://user:pass@h.test/x?y'
out~ "pac_url":"http://user:pass@h\.test/"

=== item 7, chrome still drops them (SanitizeUrl)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --format json -p "$TMP/d.pac" 'http://user:pass@h.test/x?y'
out~ "pac_url":"http://h\.test/x\?y"

=== item 8, pac-resolver: new URL(url).href (host lower-cased, default port dropped, spaces escaped, dots resolved, fragment kept)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --emulate pac-resolver --format json -p "$TMP/d.pac" 'HTTP://User:Pw@Ex.TEST:80/a b/../c?d e#f g'
out~ "pac_url":"http://User:Pw@ex\.test/c\?d%20e#f%20g"
out~ "host":"ex\.test"

=== item 8, pac-resolver: %2e stays escaped unless it is a whole segment (the URL Standard, not GURL)
$ printf 'function FindProxyForURL(u, h) { return "DIRECT"; }' > "$TMP/d.pac"; pacprobe eval --emulate pac-resolver --format json -p "$TMP/d.pac" 'https://h.test:443/x/%2e%2E/a%2eb'
out~ "pac_url":"https://h\.test/a%2eb"
