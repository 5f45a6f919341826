# pacprobe eval end to end: output formats, exit codes, bad input, limits.
# DESIGN §1.2; issue "Core" §3-§4.

=== one URL prints the returned string only
$ pacprobe eval -p $DATA/simple.pac http://www.example.com/
out= PROXY proxy.example.com:8080; DIRECT

=== several URLs print URL : RESULT in input order
$ pacprobe eval -p $DATA/simple.pac http://b.example.com/ http://other.test/ http://a.example.com/
out<<
http://b.example.com/ : PROXY proxy.example.com:8080; DIRECT
http://other.test/ : DIRECT
http://a.example.com/ : PROXY proxy.example.com:8080; DIRECT
.

=== JSON strips credentials, fragment and the https path; host lower-cased
$ pacprobe eval -p $DATA/simple.pac --format json 'https://user:pw@Host.Example.COM:8443/p?q#f'
out~ ^\{"url":"https://user:pw@Host.Example.COM:8443/p\?q#f","pac_url":"https://host.example.com:8443/","host":"host.example.com","raw":"PROXY proxy.example.com:8080; DIRECT","result":"PROXY proxy.example.com:8080;DIRECT",
out~ "routes":\[\{"type":"PROXY","host":"proxy.example.com","port":8080\},\{"type":"DIRECT"\}\],"error":null
out! pw@host
err! pw

=== invalid result entries are dropped with a warning; the raw string is kept whole
$ pacprobe eval -p $DATA/simple.pac --format json http://junk/
out~ "raw":"PROXY a:1 ; JUNK; socks5 B ;; DIRECT","result":"PROXY a:1;SOCKS5 b:1080;DIRECT"
out~ "invalid":\["JUNK"\]
err~ warning: http://junk/: .*'JUNK'.*"PROXY a:1;SOCKS5 b:1080;DIRECT"

=== text output prints the raw result and warns what the browser uses
$ pacprobe eval -p $DATA/simple.pac http://junk/
out= PROXY a:1 ; JUNK; socks5 B ;; DIRECT
err~ a browser uses "PROXY a:1;SOCKS5 b:1080;DIRECT"

=== a script that throws: error with its line, result DIRECT, exit 1, next URL evaluated
$ pacprobe eval -p $DATA/simple.pac --format json http://throw/ http://a.example.com/
exit 1
out~ "url":"http://throw/".*"raw":null,"result":"DIRECT","routes":\[\{"type":"DIRECT"\}\],"error":\{"code":"script","message":".*simple.pac:4: Error: no route for throw","line":4\}
out~ "url":"http://a.example.com/".*"error":null
err~ simple.pac:4: Error: no route for throw \(Chromium goes DIRECT

=== a non-string return is an error, not DIRECT
$ pacprobe eval -p $DATA/simple.pac --format tsv http://null/
exit 1
out~ ^http://null/	DIRECT	FindProxyForURL\(\) did not return a string \(returned null\)$

=== pacparser mode prints what pactester prints for a non-string
$ pacprobe eval --emulate pacparser -p $DATA/simple.pac http://null/
out= null

=== timeout: while(true) ends within its limit and the next URL still works
$ pacprobe eval -p $DATA/simple.pac --timeout 500 http://loop/ http://www.example.com/
exit 1
within 1
out= http://www.example.com/ : PROXY proxy.example.com:8080; DIRECT
err~ http://loop/: execution timeout: the script ran longer than 500 ms \(--timeout\)

=== memory bomb ends at --memory-limit
$ pacprobe eval -p $DATA/simple.pac --memory-limit 32 --timeout 60000 http://bomb/ http://www.example.com/
exit 1
out= http://www.example.com/ : PROXY proxy.example.com:8080; DIRECT
err~ memory limit: the script needed more than 32 MiB

=== a 100 MB return string is stopped by the memory limit (a long --timeout: only the limit may end it, also on a slow machine)
$ pacprobe eval -p $DATA/simple.pac --timeout 60000 http://big/ http://www.example.com/
exit 1
out= http://www.example.com/ : PROXY proxy.example.com:8080; DIRECT
err~ memory limit

=== catastrophic regex ends at the timeout
$ pacprobe eval -p $DATA/simple.pac --timeout 300 http://regex/ http://www.example.com/
exit 1
within 2
out= http://www.example.com/ : PROXY proxy.example.com:8080; DIRECT
err~ http://regex/: execution timeout

=== alert() goes to stderr in text mode and into the JSON record
$ pacprobe eval -p $DATA/simple.pac http://alert/ && pacprobe eval -p $DATA/simple.pac --format json http://alert/
out~ ^DIRECT$
out~ "alerts":\["hello from alert"\]
err~ ^alert: http://alert/: hello from alert$
errlines 1

=== syntax error on line 7: exit 2 with file:line
$ pacprobe eval -p $DATA/syntax7.pac http://a/
exit 2
err~ syntax7.pac:7: SyntaxError
err~ would go DIRECT for every URL
out= 

=== no FindProxyForURL: exit 2
$ pacprobe eval -p $DATA/nofunc.pac http://a/
exit 2
err~ nofunc.pac: FindProxyForURL is undefined or not a function

=== missing PAC: exit 2 naming it
$ pacprobe eval -p $DATA/does-not-exist.pac http://a/
exit 2
err~ does-not-exist.pac
errlines 1

=== bad --now value
$ pacprobe eval -p $DATA/simple.pac --now 2026-13-01 http://a/
exit 2
err~ ^pacprobe: error: option --now: bad value '2026-13-01'
errlines 1

=== impossible date
$ pacprobe eval -p $DATA/simple.pac --now 2026-02-30T10:00:00 http://a/
exit 2
err~ option --now: bad value '2026-02-30T10:00:00': no such date

=== bad --resolve value
$ pacprobe eval -p $DATA/simple.pac --resolve foo http://a/
exit 2
err~ ^pacprobe: error: option --resolve: bad value 'foo'
errlines 1

=== bad --tz, --timeout, --emulate, --format, unknown option
$ pacprobe eval -p $DATA/simple.pac --tz Mars/Olympus http://a/ ; echo "rc=$?"; pacprobe eval -p $DATA/simple.pac --timeout 1m http://a/; echo "rc=$?"; pacprobe eval -p $DATA/simple.pac --emulate opera http://a/; echo "rc=$?"; pacprobe eval -p $DATA/simple.pac --format xml http://a/; echo "rc=$?"; pacprobe eval -p $DATA/simple.pac --bogus http://a/; echo "rc=$?"
out<<
rc=2
rc=2
rc=2
rc=2
rc=2
.
err~ option --tz: bad value 'Mars/Olympus'
err~ option --timeout: bad value '1m': expected a number with an optional unit ms or s
err~ option --emulate: bad value 'opera'
err~ option --format: bad value 'xml'
err~ unknown option '--bogus'
errlines 5

=== a URL list: comments and blank lines skipped, a bad line reported, the rest evaluated
$ pacprobe eval -p $DATA/simple.pac -f $DATA/urls.txt
exit 1
out<<
http://a.example.com/x : PROXY proxy.example.com:8080; DIRECT
http://plain/ : DIRECT
https://b.example.com/secret/1 : PROXY proxy.example.com:8080; DIRECT
.
err~ urls.txt:5: 'not a url': bad URL
errlines 1

=== chrome strips the https path, so a path rule does not match; pacparser passes it
$ pacprobe eval -p $DATA/simple.pac https://b.example.com/secret/1; pacprobe eval --emulate pacparser -p $DATA/simple.pac https://b.example.com/secret/1
out<<
PROXY proxy.example.com:8080; DIRECT
PROXY path-rule:8080
.

=== implicit bypass: localhost, loopback and link-local never reach the script
$ pacprobe eval -p $DATA/simple.pac --format json http://localhost:8080/ http://127.9.9.9/ 'http://[::1]/' http://169.254.1.1/ http://foo.localhost/
out~ "url":"http://localhost:8080/".*"raw":null,"result":"DIRECT".*"error":null.*"decided_by":"implicit-bypass"
out~ "url":"http://127.9.9.9/".*"decided_by":"implicit-bypass"
out~ "url":"http://\[::1\]/".*"host":"::1".*"decided_by":"implicit-bypass"
out~ "url":"http://169.254.1.1/".*"decided_by":"implicit-bypass"
out~ "url":"http://foo.localhost/".*"decided_by":"implicit-bypass"

=== pacparser mode has no implicit bypass
$ pacprobe eval --emulate pacparser --format json -p $DATA/simple.pac http://localhost/
out~ "raw":"DIRECT".*"decided_by":"pac"

=== --host replaces the host argument
$ pacprobe eval -p $DATA/simple.pac --host www.example.com http://other.test/
out= PROXY proxy.example.com:8080; DIRECT

=== the PAC from stdin
$ cat $DATA/simple.pac | pacprobe eval -p - http://www.example.com/
out= PROXY proxy.example.com:8080; DIRECT

=== URLs from stdin
$ printf 'http://a.example.com/\nhttp://x.test/\n' | pacprobe eval -p $DATA/simple.pac -f -
out<<
http://a.example.com/ : PROXY proxy.example.com:8080; DIRECT
http://x.test/ : DIRECT
.

=== simulated DNS: --resolve, --hosts, --no-dns (--my-ip: chrome sorts dnsResolveEx by RFC 6724 from the machine's addresses, docs/browsers.md)
$ pacprobe eval -p $DATA/dns.pac --no-dns --my-ip 10.9.8.7 --my-ip 2001:db8::5 --hosts $DATA/lab.hosts --resolve web.test=192.0.2.7 --resolve gone.test= --resolve multi.test=2001:db8::1,192.0.2.1 http://internal.corp/ http://web.test/ http://gone.test/ http://unknown.test/ http://printer/ http://ex/
out<<
http://internal.corp/ : PROXY ten:8080
http://web.test/ : PROXY resolvable:7
http://gone.test/ : DIRECT
http://unknown.test/ : DIRECT
http://printer/ : PROXY resolvable:5
http://ex/ : PROXY 2001:db8::1;192.0.2.1:1
.

=== --my-ip answers myIpAddress and myIpAddressEx
$ pacprobe eval -p $DATA/dns.pac --my-ip 10.9.8.7 --my-ip 2001:db8::5 http://me/ http://meex/
out<<
http://me/ : PROXY 10.9.8.7:1
http://meex/ : PROXY x:1 ; 10.9.8.7;2001:db8::5
.

=== --now and --tz drive the clock
$ pacprobe eval -p $DATA/dates.pac --now 2026-03-04T10:30:00Z --tz Asia/Kolkata http://a/ && pacprobe eval -p $DATA/dates.pac --now 2026-03-07T10:30:00 --tz Europe/Berlin http://a/
out<<
PROXY h16:1
PROXY h10:2
.

=== tsv output
$ pacprobe eval -p $DATA/simple.pac --format tsv http://a.example.com/ http://junk/
out<<
http://a.example.com/	PROXY proxy.example.com:8080;DIRECT	
http://junk/	PROXY a:1;SOCKS5 b:1080;DIRECT	
.

=== invoked as pactester it speaks pactester
$ pactester -p $DATA/simple.pac -u https://b.example.com/secret/1; pactester -p $DATA/simple.pac -u http://x/ -h a.example.com
out<<
PROXY path-rule:8080
PROXY proxy.example.com:8080; DIRECT
.

=== --help lists every eval option
$ pacprobe eval --help
out~ --dns-server ADDR\[:PORT\]
out~ --memory-limit MIB
out~ -f, --url-file FILE\|-

=== chrome mode: a local PAC over 1 MiB runs, with a warning that Chrome would refuse it served by URL
$ { echo 'function FindProxyForURL(u, h) { return "DIRECT"; }'; head -c 1100000 /dev/zero | tr '\0' ' '; } > $TMP/big.pac && pacprobe eval -p $TMP/big.pac http://a/
out= DIRECT
err~ ^pacprobe: warning: PAC: .*big.pac is 1100052 bytes, over Chromium's 1 MiB limit for a PAC download: served by URL, Chrome would not use it$
errlines 1

=== other modes: no such warning
$ { echo 'function FindProxyForURL(u, h) { return "DIRECT"; }'; head -c 1100000 /dev/zero | tr '\0' ' '; } > $TMP/big2.pac && pacprobe eval --emulate winhttp -p $TMP/big2.pac http://a/
out= DIRECT
errlines 0
