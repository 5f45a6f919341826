# pacprobe lint (DESIGN §1.4, docs/lint.md). Each fixture in
# tests/cli/data/lint/ has its exact expected output next to it (X.expected);
# a case compares stdout with it and keeps lint's own exit status.

=== must-show: a misspelt helper on line 12, an invalid literal result on line 15
$ cd "$DATA/lint" && pacprobe lint misspelt.pac
exit 1
out~ ^misspelt\.pac:12:7: warning: call to unknown function 'shExpMatchs'; did you mean 'shExpMatch'\? \[unknown-function\]$
out~ ^misspelt\.pac:15:44: error: result "PROXI legacy-gw\.example\.com:3128" is not valid PAC grammar in chrome: .*\[bad-result\]$
out~ ^1 error, 1 warning$

=== must-show: the clean example PAC is silent (exit 0, only the summary)
$ pacprobe lint "$EX/corporate.pac"
out= 0 errors, 0 warnings
errlines 0

=== a small clean PAC is silent too
$ cd "$DATA/lint" && pacprobe lint clean.pac > "$TMP/o"; rc=$?; diff "$TMP/o" clean.expected && exit $rc
out= 

=== misspelt.pac: exact output
$ cd "$DATA/lint" && pacprobe lint misspelt.pac > "$TMP/o"; rc=$?; diff "$TMP/o" misspelt.expected && exit $rc
exit 1

=== every warning code at its line:col (warnings only: exit 0)
$ cd "$DATA/lint" && pacprobe lint warnings.pac > "$TMP/o"; rc=$?; diff "$TMP/o" warnings.expected && exit $rc
exit 0

=== the warnings fixture names each code
$ cd "$DATA/lint" && pacprobe lint warnings.pac
out~ ^warnings\.pac:3:7: warning: .*\[arity\]$
out~ ^warnings\.pac:4:7: warning: isInNet\(host, \.\.\.\) resolves .*up to 1 lookup per URL \[dns-on-host\]$
out~ ^warnings\.pac:5:27: warning: .*\[bad-ip\]$
out~ ^warnings\.pac:5:41: warning: .*not contiguous.*\[bad-ip\]$
out~ ^warnings\.pac:6:24: warning: .*'/' is not part of any host name \[never-matches\]$
out~ ^warnings\.pac:7:23: warning: .*\[never-matches\]$
out~ ^warnings\.pac:8:24: warning: .*unbalanced '\['.*\[never-matches\]$
out~ ^warnings\.pac:9:20: warning: .*"mon".*\[bad-date\]$
out~ ^warnings\.pac:9:37: warning: timeRange with 3 arguments throws .*\[arity\]$
out~ ^warnings\.pac:9:70: warning: dateRange: FEB 31 does not exist.*\[bad-date\]$
out~ ^warnings\.pac:10:7: warning: timeRange\(22, 2\) is never true.*\[bad-date\]$
out~ ^warnings\.pac:11:7: warning: isPlainHostName\("::1"\).*\[mode-difference\]$
out~ ^warnings\.pac:12:23: warning: .*https URL.*\[mode-difference\]$
out~ ^warnings\.pac:13:7: warning: isInNetEx is not defined in firefox.*\[mode-difference\]$
out~ ^warnings\.pac:14:27: warning: .*\[non-ascii-result\]$
out~ ^warnings\.pac:17:5: warning: unreachable code after 'return' on line 16 \[unreachable\]$
out~ ^warnings\.pac:21:7: warning: 'return' followed by a line break .*\[unreachable\]$
out~ ^warnings\.pac:23:7: warning: .*'isResolveable'; did you mean 'isResolvable'\? \[unknown-function\]$
out~ ^0 errors, 18 warnings$

=== --strict makes warnings fail
$ cd "$DATA/lint" && pacprobe lint --strict warnings.pac
exit 1
out~ ^0 errors, 18 warnings$

=== --strict on a clean PAC still exits 0
$ pacprobe lint --strict "$EX/corporate.pac"
out= 0 errors, 0 warnings

=== invalid literal results: PROXI, PROXY alone, HTTP in chrome, DIRECT with a host
$ cd "$DATA/lint" && pacprobe lint results.pac > "$TMP/o"; rc=$?; diff "$TMP/o" results.expected && exit $rc
exit 1

=== HTTP is valid in firefox: a mode difference, not an error
$ cd "$DATA/lint" && pacprobe lint --emulate firefox results.pac > "$TMP/o"; rc=$?; diff "$TMP/o" results-firefox.expected && exit $rc
exit 1

=== several PACs: diagnostics per file in command-line order, one summary
$ cd "$DATA/lint" && pacprobe lint misspelt.pac clean.pac results.pac
exit 1
out~ ^misspelt\.pac:12:7: 
out~ ^results\.pac:6:27: error: result "HTTP x:1"
out~ ^5 errors, 1 warning$
out! ^clean\.pac

=== JSON output
$ cd "$DATA/lint" && pacprobe lint --format json misspelt.pac
exit 1
out~ ^\{"diagnostics":\[\{"file":"misspelt\.pac","line":12,"col":7,"severity":"warning","code":"unknown-function","message":"call to unknown function 'shExpMatchs'; did you mean 'shExpMatch'\?"\},\{"file":"misspelt\.pac","line":15,"col":44,"severity":"error","code":"bad-result",
out~ "errors":1,"warnings":1,"notes":0\}$

=== JSON output of a clean PAC
$ pacprobe lint --format json "$EX/corporate.pac"
out= {"diagnostics":[],"errors":0,"warnings":0,"notes":0}

=== syntax error: the engine's message at its line
$ pacprobe lint "$DATA/syntax7.pac"
exit 1
out~ syntax7\.pac:7:11: error: SyntaxError: empty expression not allowed \[syntax\]$

=== no FindProxyForURL; a near miss is named
$ printf 'function findProxyForUrl(url, host) {\n  return "DIRECT";\n}\n' > "$TMP/case.pac"; pacprobe lint "$TMP/case.pac"
exit 1
out~ case\.pac:1:10: error: no FindProxyForURL function; did you mean 'findProxyForUrl'\? \[no-findproxy\]$

=== a script over 1 MB (WinHTTP refuses it)
$ { echo 'function FindProxyForURL(url, host) { return "DIRECT"; }'; head -c 1100000 /dev/zero | tr '\0' ' '; echo; } > "$TMP/big.pac"; pacprobe lint "$TMP/big.pac"
out~ big\.pac:1:1: warning: the script is 1100058 bytes: WinHTTP refuses .*\[too-big\]$

=== unreadable PAC: exit 2 with a one-line message, the other files still linted
$ cd "$DATA/lint" && pacprobe lint no-such.pac misspelt.pac
exit 2
err~ no-such\.pac
errlines 1
out~ ^misspelt\.pac:12:7:

=== no PAC at all is a usage error
$ pacprobe lint
exit 2
err~ no PAC given

=== bad --format
$ pacprobe lint --format tsv "$EX/corporate.pac"
exit 2
err~ option --format: bad value 'tsv': expected text, json, sarif, junit or github

=== --urls: invalid results, script errors, timeouts, bad URLs, DNS lookups per URL
$ cd "$DATA/lint" && pacprobe lint --no-dns --resolve a.lookup.test=10.0.0.1 --resolve b.lookup.test=10.0.0.2 --timeout 200 --urls dynamic.urls dynamic.pac > "$TMP/o"; rc=$?; diff "$TMP/o" dynamic.expected && exit $rc
exit 1

=== --urls: an unreadable URL list is a usage error
$ pacprobe lint --urls "$TMP/none.txt" "$EX/corporate.pac"
exit 2
err~ option --urls: .*none\.txt

=== --urls on the clean example: no findings for its own URL list
$ pacprobe lint --no-dns --urls "$EX/corporate.urls" "$EX/corporate.pac"
out= 0 errors, 0 warnings

=== --help lists the lint options
$ pacprobe lint --help
out~ --strict
out~ --urls FILE

=== a construct pacprobe cannot run is a warning (browsers accept it), not a PAC error
$ printf 'function FindProxyForURL(u, h) {\n  return "DIRECT";\n}\nasync function* a() {}\n' > $TMP/c.pac; pacprobe lint $TMP/c.pac
out~ c\.pac:4:1: warning: unsupported JavaScript feature 'async generator function' \(ES2018\) .* \[unsupported-js\]$
out~ ^0 errors, 1 warning$

=== a class (lowered since issue 16) is no finding at all in chrome mode
$ printf 'function FindProxyForURL(u, h) {\n  return new A().m(h) ?? "DIRECT";\n}\nclass A { m(h) { return h?.x; } }\n' > $TMP/c.pac; pacprobe lint $TMP/c.pac
out~ ^0 errors, 0 warnings$

=== winhttp: modern syntax its engine rejects is reported where it is
$ printf 'function FindProxyForURL(u, h) {\n  let p = "PROXY a:1";\n  return `${p}`;\n}\n' > $TMP/m.pac; pacprobe lint $TMP/m.pac; pacprobe lint --emulate winhttp $TMP/m.pac
out~ ^0 errors, 0 warnings$
out~ m\.pac:2:3: warning: let \(ES2015\): winhttp's engine rejects this; pacprobe lowers it to ES5 \[engine-compat\]
out~ m\.pac:3:10: warning: template literal .*\[engine-compat\]

=== project file: the nearest .pacprobe.toml turns rules off for the team
$ mkdir -p "$TMP/proj/sub" && printf '[lint]\n# team defaults\ndisable = [\n  "domain-dot",\n]\n' > "$TMP/proj/.pacprobe.toml" && printf 'function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, "office.com")) return "DIRECT";\n  return "PROXY p.example.com:1";\n}\n' > "$TMP/proj/sub/a.pac" && cd "$TMP/proj/sub" && pacprobe lint a.pac
out= 0 errors, 0 warnings

=== project file: strict = true makes warnings fail; --config names the file
$ printf '[lint]\nstrict = true\n' > "$TMP/team.toml" && printf 'function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, "office.com")) return "DIRECT";\n  return "PROXY p.example.com:1";\n}\n' > "$TMP/a.pac" && cd "$TMP" && pacprobe lint --config team.toml a.pac
exit 1
out~ ^a\.pac:2:25: warning: .*\[domain-dot\]$

=== project file: an unknown rule is a usage error at FILE:LINE:COL
$ printf '[lint]\ndisable = ["dns-on-host", "dns-on-hots"]\n' > "$TMP/bad.toml" && pacprobe lint --config "$TMP/bad.toml" "$EX/corporate.pac"
exit 2
err~ bad\.toml:2:28: 'dns-on-hots' is not a lint rule
errlines 1

=== --disable with an unknown rule is a usage error
$ pacprobe lint --disable dns-on-hots "$EX/corporate.pac"
exit 2
err~ option --disable: bad value 'dns-on-hots'

=== --list-rules prints every rule id with its severity
$ pacprobe lint --list-rules
out~ ^dns-on-host +warning +
out~ ^unused-suppression +warning +
out~ ^syntax +error +

=== --format github: one workflow command per finding
$ cd "$DATA/lint" && pacprobe lint --format github misspelt.pac
exit 1
out~ ^::warning file=misspelt\.pac,line=12,col=7,title=pacprobe lint unknown-function::call to unknown function 'shExpMatchs'.*\(docs/lint\.md#unknown-function\)$
out~ ^::error file=misspelt\.pac,line=15,col=44,title=pacprobe lint bad-result::

=== --urls streams the list like eval: no 4 MiB cap, findings at their line
$ { awk 'BEGIN { for (i = 0; i < 60000; i++) print "# padding that takes the list past the old 4 MiB cap of lint --urls ........" }'; echo http://www.example.com/; echo "not a url"; } > "$TMP/big.urls"; [ "$(wc -c < "$TMP/big.urls")" -gt 4194304 ] && cd "$TMP" && pacprobe lint --no-dns --urls big.urls "$EX/corporate.pac"
exit 1
out~ ^big\.urls:60002:1: error: not a url: .*\[bad-url\]$
out~ ^1 error, 0 warnings$

=== --urls - (stdin) serves one PAC only
$ echo http://a.example/ | pacprobe lint --no-dns --urls - "$EX/corporate.pac" "$EX/corporate.pac"
exit 2
err~ option --urls: bad value '-': stdin can be read for one PAC only

=== syntax errors: the column of the fault, not column 1 (Duktape gives only the line)
$ printf 'function FindProxyForURL(url, host) {\n  if (shExpMatch(host, "*.a.com") {\n    return "DIRECT";\n  }\n  var x = 1 2;\n}\n' > "$TMP/s.pac"; pacprobe lint "$TMP/s.pac"; printf 'function FindProxyForURL(url, host) {\n  var x = 1 2;\n}\n' > "$TMP/t.pac"; pacprobe lint "$TMP/t.pac"
exit 1
out~ s\.pac:2:35: error: SyntaxError: parse error \(expected '\)' before '\{'\) \[syntax\]$
out~ t\.pac:2:13: error: SyntaxError: unterminated statement \(expected ';' before '2'\) \[syntax\]$

=== syntax errors: the token expected, and none guessed where no single token mends the line
$ printf 'function FindProxyForURL(url, host) {\n  var l = [1, 2;\n  return f(a, b;\n}\n' > "$TMP/v.pac"; pacprobe lint "$TMP/v.pac"; printf 'function FindProxyForURL(url, host) {\n  return (;\n}\n' > "$TMP/w.pac"; pacprobe lint "$TMP/w.pac"
exit 1
out~ v\.pac:2:16: error: SyntaxError: invalid array literal \(expected '\]' before ';'\) \[syntax\]$
out~ w\.pac:2:11: error: SyntaxError: empty expression not allowed \[syntax\]$
