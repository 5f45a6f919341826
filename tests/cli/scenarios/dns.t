# DNS problems named by eval (issue 10): Chromium's cap of 20 distinct
# lookups per evaluation as a warning and in JSON dns_problems, each name
# once; other clients have no cap; names that do not exist are no problem.
# Failures of a DNS server: tests/lab/test_faults_dns.sh.

=== chrome: 25 distinct names, 5 not looked up: one warning naming the cap and the first name
$ pacprobe eval -p $DATA/dns-cap.pac $(for i in $(seq 1 25); do printf -- '--resolve h%d.example.test=10.0.0.%d ' $i $i; done) http://x/
out= PROXY resolved40.test:3128
err~ ^pacprobe: warning: http://x/: 5 DNS lookups not made: Chromium's cap of 20 distinct lookups per evaluation \(first: h21\.example\.test\); the PAC got no address for them$
errlines 1

=== chrome JSON: dns_problems lists the 5 names once each, cause capped
$ pacprobe eval -p $DATA/dns-cap.pac --format json $(for i in $(seq 1 25); do printf -- '--resolve h%d.example.test=10.0.0.%d ' $i $i; done) http://x/
out~ "alerts":\[\],"dns_problems":\[\{"name":"h21\.example\.test","cause":"capped","message":"Chromium's cap of 20 distinct lookups per evaluation"\},\{"name":"h22\.example\.test",("[a-z]+":"[^"]*",?){2}\},\{"name":"h23\.example\.test",("[a-z]+":"[^"]*",?){2}\},\{"name":"h24\.example\.test",("[a-z]+":"[^"]*",?){2}\},\{"name":"h25\.example\.test","cause":"capped",[^]]*\],"invalid":\[\]
out! "name":"h20\.example\.test"
err~ 5 DNS lookups not made

=== firefox has no cap: every name resolves, no warning, empty dns_problems
$ pacprobe eval -p $DATA/dns-cap.pac --emulate firefox --format json $(for i in $(seq 1 25); do printf -- '--resolve h%d.example.test=10.0.0.%d ' $i $i; done) http://x/
out~ "raw":"PROXY resolved50\.test:3128"
out~ "dns_problems":\[\]
errlines 0

=== chrome with 21 names: the one past the cap is named alone
$ printf 'function FindProxyForURL(u, h) {\n  for (var i = 1; i <= 21; i++) dnsResolve("h" + i + ".test");\n  return "DIRECT";\n}\n' > $TMP/c21.pac && pacprobe eval -p $TMP/c21.pac --no-dns http://x/
out= DIRECT
err~ ^pacprobe: warning: http://x/: DNS lookup of h21\.test not made: Chromium's cap of 20 distinct lookups per evaluation; the PAC got no address for it$
errlines 1

=== names that do not exist (--no-dns, HOST=) are not DNS problems
$ pacprobe eval -p $DATA/dns.pac --no-dns --resolve gone.test= --format json http://gone.test/ http://unknown.test/
out~ "url":"http://gone.test/".*"dns_problems":\[\]
out~ "url":"http://unknown.test/".*"dns_problems":\[\]
errlines 0
