# pacprobe sources --no-proxy-test (issue 21 "Must show" 2): one no_proxy value
# as curl, wget, Go/Docker, Python urllib and requests, Node (proxy-from-env)
# and .NET apply it; rows where they disagree are marked. The rules and their
# sources: docs/sources.md "NO_PROXY dialects"; unit cases tests/unit/data/config/noproxy.cases.

=== must show 2: .example.com,10.0.0.0/8,*.internal:8080 for five URLs
$ pacprobe sources --no-env --noproxy '.example.com,10.0.0.0/8,*.internal:8080' --no-proxy-test http://example.com/ https://www.example.com/ http://10.1.2.3/ http://db.internal:8080/ http://db.internal:9090/
out~ ^no_proxy: \.example\.com,10\.0\.0\.0/8,\*\.internal:8080 \(--noproxy\)$
out~ ^URL +curl +wget +go/docker +python-urllib +python-requests +node +dotnet$
out~ ^http://example\.com/ +direct +proxy +proxy +direct +direct +proxy +direct +<- differ$
out~ ^https://www\.example\.com/ +direct +direct +direct +direct +direct +direct +direct$
out~ ^http://10\.1\.2\.3/ +direct +proxy +direct +proxy +direct +proxy +proxy +<- differ$
out~ ^http://db\.internal:8080/ +proxy +proxy +direct +proxy +proxy +direct +proxy +<- differ$
out~ ^http://db\.internal:9090/ +proxy +proxy +proxy +proxy +proxy +proxy +proxy$
out~ ^3 of 5 URLs: the runtimes disagree$
errlines 0

=== each runtime reads its own variable: Go reads NO_PROXY first, the others no_proxy
$ env -i no_proxy=a.test NO_PROXY=b.test "$PP_BIN" sources --no-proxy-test http://a.test/
out~ ^no_proxy for go: b\.test \(NO_PROXY\)$
out~ ^no_proxy for curl: a\.test \(no_proxy\)$
out~ ^http://a\.test/ +direct +direct +proxy +direct +direct +direct +direct +<- differ$

=== wget reads only no_proxy
$ env -i NO_PROXY=a.test "$PP_BIN" sources --no-proxy-test http://a.test/
out~ ^no_proxy for wget: \(not set: reads no_proxy\)$

=== JSON: the value per runtime and a boolean per runtime and URL
$ pacprobe sources --no-env --noproxy '*' --no-proxy-test --format json http://x.test/
out~ ^\{"no_proxy":\{"curl":\{"value":"\*","from":"--noproxy"\}
out~ "urls":\[\{"url":"http://x.test/","direct":\{"curl":true,"wget":false,"go":true,"python-urllib":true,"python-requests":true,"node":true,"dotnet":false\},"agree":false\}\]\}$

=== a bad URL among good ones: reported, the rest still evaluated, exit 1
$ pacprobe sources --no-env --noproxy a.test --no-proxy-test notaurl http://a.test/
exit 1
err~ --no-proxy-test notaurl: not an absolute URL
out~ ^http://a\.test/ +direct

=== foreign text is escaped
$ pacprobe sources --no-env --noproxy "$(printf 'a\033[31m')" --no-proxy-test http://a.test/
out~ ^no_proxy: a\\x1b\[31m \(--noproxy\)$

=== --no-proxy-test needs URLs
$ pacprobe sources --no-proxy-test
exit 2
err~ give the URLs to test as arguments

=== check --for go applies Go's rules: a loopback address never goes through the proxy
$ env -i http_proxy=http://127.0.0.1:9 no_proxy=other.test "$PP_BIN" check --for go --connect-timeout 1 http://127.0.0.1:1/
exit 1
out~ decided by: env http_proxy → bypass list other.test \(go rules\) → DIRECT failed \(refused\)

=== check --for curl: the same list, curl's rules: through the proxy
$ env -i http_proxy=http://127.0.0.1:9 no_proxy=other.test "$PP_BIN" check --for curl --connect-timeout 1 http://127.0.0.1:1/
exit 1
out~ decided by: env http_proxy → PROXY 127.0.0.1:9 failed \(refused\)

=== check --for node: '.example.com' does not cover example.com itself (curl's rules would)
$ env -i http_proxy=http://127.0.0.1:9 no_proxy=.localhost "$PP_BIN" check --for node --connect-timeout 1 --resolve localhost=127.0.0.1 http://localhost:1/
exit 1
out~ PROXY 127.0.0.1:9 failed
