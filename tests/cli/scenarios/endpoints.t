# PAC vs the Microsoft 365 guidance (issue 17, must show 3): pacprobe test
# --endpoints FILE -p PAC, offline. Data: tests/cli/data/endpoints (README
# there says how worldwide.json was built from the documented format).

=== must show 3: a PAC that proxies one Optimize URL: exit 1 naming that endpoint
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/proxied-optimize.pac
exit 1
out~ ^error: endpoint set 1 \(Exchange, Optimize, required\) outlook\.office365\.com as https://outlook\.office365\.com/ is proxied: chrome PROXY proxy\.corp\.test:8080; firefox PROXY proxy\.corp\.test:8080; winhttp PROXY proxy\.corp\.test:8080 \(Microsoft: Optimize endpoints must be DIRECT\)$
out~ ^summary: 27 URLs from .*worldwide\.json; 1 error \(Optimize proxied\), 14 warnings \(Allow proxied\)
out~ ^Optimize endpoints \(must be DIRECT\): 4 URLs, 1 proxied$
out~ ^  1    Exchange   https://outlook\.office365\.com/ +PROXY proxy\.corp\.test:8080 .*<-$
errlines 0

=== must show 3: the fixed PAC exits 0, every category table shown
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/fixed.pac
out~ ^Optimize endpoints \(must be DIRECT\): 4 URLs, 0 proxied$
out~ ^Allow endpoints \(should be DIRECT\): 14 URLs, 0 proxied$
out~ ^Default endpoints \(may be proxied\): 9 URLs, 9 proxied$
out~ ^summary: 27 URLs .*; 0 errors \(Optimize proxied\), 0 warnings \(Allow proxied\); sets with IP ranges only are not tested by name$
out! ^error
out! ^warning

=== Microsoft's PAC type 1 (only Optimize DIRECT): warnings for Allow, exit 0
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/allow-proxied.pac
out~ ^warning: endpoint set 9 \(Exchange, Allow, required\) \*\.protection\.outlook\.com as https://contoso\.protection\.outlook\.com/ is proxied
out~ 0 errors \(Optimize proxied\), 13 warnings
out! ^error

=== wildcards: each '*' becomes contoso (Microsoft's example tenant), or --wildcard LABEL
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/fixed.pac --wildcard fabrikam
out~ https://fabrikam-my\.sharepoint\.com/
out~ https://autodiscover\.fabrikam\.onmicrosoft\.com/
out! contoso

=== ports: 80,443 → https; 587 and 25 keep their port
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/fixed.pac
out~ https://smtp\.office365\.com:587/
out~ https://contoso\.mail\.protection\.outlook\.com:25/

=== a bad --wildcard is a usage error
$ pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/fixed.pac --wildcard 'a.b'
exit 2
err~ option --wildcard: bad value 'a\.b': expected one DNS label

=== a file that is not JSON: one line with file:line:col, exit 2
$ printf '[{"id":1,\n "category": }]' > $TMP/broken.json; pacprobe test --endpoints $TMP/broken.json -p $DATA/endpoints/fixed.pac
exit 2
err~ ^pacprobe: error: .*broken\.json:2:14: 
errlines 1

=== JSON that is not an array of endpoint sets
$ echo '{"id": 1}' > $TMP/obj.json; pacprobe test --endpoints $TMP/obj.json -p $DATA/endpoints/fixed.pac
exit 2
err~ obj\.json:1:1: not an endpoints file: expected a JSON array of endpoint sets

=== one bad set among many is reported, the rest is tested, exit 1
$ printf '[{"id":1,"category":"Optimize","serviceArea":"Exchange","urls":["outlook.office.com"]},{"id":2,"category":"Fast","urls":["b.example"]},{"category":"Allow"},{"id":4,"category":"Allow","urls":["bad host!"]}]' > $TMP/bad.json; pacprobe test --endpoints $TMP/bad.json -p $DATA/endpoints/fixed.pac
exit 1
err~ warning: .*bad\.json: endpoint set 2 \(id 2\): "category" is not Optimize, Allow or Default
err~ warning: .*bad\.json: endpoint set 3: no integer "id"
err~ warning: .*bad\.json: endpoint set 4 \(id 4\): urls entry with a character that cannot be in a host name
out~ ^summary: 1 URLs .*; 0 errors

=== -p without --endpoints, and --endpoints with a CASES file, are usage errors
$ pacprobe test -p $DATA/endpoints/fixed.pac x.cases; echo "rc $?"; pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $DATA/endpoints/fixed.pac x.cases; echo "rc $?"
out<<
rc 2
rc 2
.
err~ -p PAC goes with --endpoints FILE
err~ --endpoints FILE takes the PAC as -p PAC and no CASES file

=== the PAC sees no network: a DNS-using PAC is answered offline
$ printf 'function FindProxyForURL(u,h){ return isResolvable(h) ? "PROXY p:1" : "DIRECT"; }\n' > $TMP/dns.pac; pacprobe test --endpoints $DATA/endpoints/worldwide.json -p $TMP/dns.pac
out~ 0 errors
within 10

=== check --endpoints: every URL is a target (offline here: --no-dns, nothing sent)
$ pacprobe check --endpoints $DATA/endpoints/worldwide.json --no-dns --wildcard fabrikam
exit 1
out~ ^https://outlook\.office\.com/ +- +dns-failed
out~ ^https://fabrikam-my\.sharepoint\.com/ +- +dns-failed
out~ ^summary: 27 targets, 0 ok, 27 failed

=== check --wildcard without --endpoints is a usage error
$ pacprobe check --wildcard x http://a.test/
exit 2
err~ option --wildcard needs --endpoints FILE

=== check --endpoints together with --targets mdi --workspace: both lists, in that order
$ pacprobe check --targets mdi --workspace contoso --endpoints $DATA/endpoints/worldwide.json --no-dns
exit 1
out~ ^https://contososensorapi\.atp\.azure\.com/tri/sensor/api/ping
out~ ^summary: 32 targets, 0 ok, 32 failed
