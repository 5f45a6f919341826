# pacprobe explain end to end: the deciding return (line and column), the
# trace of helper calls, DNS lookups and alerts, errors. DESIGN §1.3; issue 4.
# Fixtures: tests/cli/data/explain/.

=== a return in FindProxyForURL that delegates: decided there, value from the helper's return
$ cd $DATA/explain && pacprobe explain -p multi.pac --resolve www.example.com=10.1.2.3 http://www.example.com/
out~ ^decided at multi.pac:22:3$
out~ ^     22 \|   return route\(url, host\);$
out~ ^value from multi.pac:12:3$
out~ ^result   DIRECT$
out~ call    isInNet\("10.1.2.3","10.0.0.0","255.0.0.0"\) -> true  multi.pac:6:10
out~ dns     www.example.com -> 10.1.2.3  \[--resolve, [0-9.]+ ms\]
out~ alert   routing www.example.com  multi.pac:18

=== a return inside a nested helper: the value comes from line 11 (braceless if, next line)
$ cd $DATA/explain && pacprobe explain -p multi.pac http://h.example.com/api/v1
out~ ^value from multi.pac:11:5$
out~ ^decided at multi.pac:22:3$
out~ ^raw      PROXY api-proxy.example.com:3128$

=== a ternary on a one-line if: the column of its return
$ cd $DATA/explain && pacprobe explain -p multi.pac --format json http://ternary.example.com/
out~ "decided_at": \{
out~ "line": 19,
out~ "col": 38,
out~ "raw": "PROXY short:1"

=== the return after "else" on the same line has its own column
$ cd $DATA/explain && pacprobe explain -p multi.pac --format json http://x.example.com/
out~ "col": 92
out~ "raw": "PROXY x:1"

=== a minified PAC: one line, the column names the return
$ cd $DATA/explain && pacprobe explain -p minified.pac http://www.a.com/
out~ ^decided at minified.pac:1:58$
out~ ^        \| {58}\^$
out~ ^raw      PROXY a:1$

=== a minified PAC: another return on the same line
$ cd $DATA/explain && pacprobe explain -p minified.pac http://b.example/
out~ ^decided at minified.pac:1:94$

=== a minified PAC: the last return
$ cd $DATA/explain && pacprobe explain -p minified.pac http://c.com/
out~ ^decided at minified.pac:1:150$
out~ ^raw      PROXY c:1$

=== JSON trace lists helper calls in order with their arguments
$ cd $DATA/explain && pacprobe explain -p multi.pac --format json --resolve www.example.com=10.1.2.3 http://www.example.com/ | tr -d ' \n'
out~ "trace":\[\{"kind":"call","fn":"isPlainHostName","args":\["www.example.com"\],"result":false,"line":17,"col":7\},\{"kind":"alert","message":"routingwww.example.com","line":18\},\{"kind":"call","fn":"shExpMatch"
out~ \{"kind":"call","fn":"dnsResolve","args":\["www.example.com"\],"result":"10.1.2.3","line":6,"col":18\},\{"kind":"dns","host":"www.example.com","answers":\["10.1.2.3"\],"source":"override","failure":null,"ms":[0-9.e-]+\},\{"kind":"call","fn":"isInNet"
out~ "decided_by":"pac"
out~ "emulate":"chrome"

=== DNS answers from a hosts file and a failed lookup with --no-dns
$ printf '10.9.9.9 www.example.com\n' > $TMP/h; cd $DATA/explain && pacprobe explain -p multi.pac --hosts $TMP/h http://www.example.com/ && pacprobe explain -p multi.pac --no-dns http://other.example.net/
out~ dns     www.example.com -> 10.9.9.9  \[--hosts, [0-9.]+ ms\]
out~ dns     other.example.net -> \(no answer\)  \[offline \(--no-dns\), [0-9.]+ ms\]

=== JSON: a lookup that gave no address says why ("failure"); a capped one says capped
$ cd $DATA/explain && pacprobe explain -p multi.pac --no-dns --format json http://other.example.net/ | tr -d ' \n'
out~ \{"kind":"dns","host":"other.example.net","answers":\[\],"source":"offline","failure":"not-found","ms":[0-9.e-]+\}

=== the helper inside isInNet appears as a dns entry, not as a call
$ cd $DATA/explain && pacprobe explain -p multi.pac --format json --resolve www.example.com=10.1.2.3 http://www.example.com/ | grep -c '"fn"'
out= 5

=== implicit bypass: the PAC did not run
$ cd $DATA/explain && pacprobe explain -p multi.pac http://localhost/
out~ The PAC did not run
out! ^decided at
out~ ^result   DIRECT$

=== a script error: exit 1, the trace up to the failure and the error line
$ cd $DATA/explain && pacprobe explain -p error.pac http://a.b.c/
exit 1
out~ ^error    error.pac:4: TypeError
out~ ^      4 \|     return parts\[5\].toUpperCase\(\);$
out! ^decided at
err~ error: http://a.b.c/: error.pac:4: TypeError

=== instrumentation keeps Duktape's error lines: same line as eval
$ pacprobe eval -p $DATA/explain/error.pac --format json http://a.b.c/
exit 1
out~ "line":4

=== an unusable PAC exits 2
$ pacprobe explain -p $DATA/syntax7.pac http://a/
exit 2
err~ syntax7.pac:7

=== emulation modes are shown
$ cd $DATA/explain && pacprobe explain -p multi.pac --emulate firefox --my-ip 10.0.0.1 --now 2024-01-01T00:00:00Z --tz UTC --timeout 500 --memory-limit 32 http://a.corp.example.com/
out~ ^PAC      multi.pac \(emulating firefox\)$
out~ ^value from multi.pac:12:3$
out~ return   multi.pac:5:47  \(in a function 2 calls below FindProxyForURL\)

=== a bad URL exits 1
$ cd $DATA/explain && pacprobe explain -p multi.pac 'http://[bad/'
exit 1

=== exactly one URL
$ cd $DATA/explain && pacprobe explain -p multi.pac http://a/ http://b/
exit 2
err~ exactly one URL

=== a PAC with lone CR line ends (classic Mac) is quoted at the right line
$ printf 'function FindProxyForURL(u, h) {\r  if (h == "a") return "PROXY a:1";\r  return "DIRECT";\r}\r' > $TMP/cr.pac && pacprobe explain -p $TMP/cr.pac http://a/
out~ ^decided at .*cr\.pac:2:17$
out~ ^      2 \|   if \(h == "a"\) return "PROXY a:1";$

=== U+2028 is a line terminator for the engine and for the quote (a UTF-8 BOM: without one Chromium reads the file as ISO-8859-1, docs/browsers.md)
$ printf '\xef\xbb\xbffunction FindProxyForURL(u, h) {\xe2\x80\xa8  return "PROXY b:2";\n}\n' > $TMP/ls.pac && pacprobe explain -p $TMP/ls.pac http://a/
out~ ^decided at .*ls\.pac:2:3$
out~ ^      2 \|   return "PROXY b:2";$
