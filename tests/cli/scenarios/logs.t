# Proxy logs as URL input (issue 22, docs/logs.md): diff --log reports
# moved traffic by requests, bytes and top hosts; eval --log --summary the
# distribution; -f detects a log; gzip and zstd read directly; malformed
# lines (truncated, binary, wrong field count) counted, shown escaped, the
# run goes on; a PAC that keeps state or reads the clock is evaluated per
# line and --stats says why. Fixtures: tests/cli/data/logs/.

=== squid: moved traffic grouped old -> new, requests and bytes, top hosts; malformed lines shown escaped
$ cd $DATA/logs && pacprobe diff old.pac new.pac --log squid squid.log
exit 1
out<<
5 of 6 requests moved (83.3%), 6620 of 7432 bytes (89.1%)
  3 requests (50.0%), 500 bytes (6.7%), 2 hosts  PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
      2  news.example.org  (200 bytes)
      1  api.example.net  (300 bytes)
  2 requests (33.3%), 6120 bytes (82.3%), 1 hosts  PROXY p1.example:8080;DIRECT -> DIRECT
      2  www.video.example  (6120 bytes)
.
err~ ^pacprobe: warning: squid\.log:6: malformed squid line skipped \(7 fields, squid's native format has 10\)
err~ ^pacprobe: warning: squid\.log:7: malformed squid line skipped \(2 fields.*'\\x01\\x02\\xff\\x1b\[2Jbinary junk'$
errlines 2

=== the same log gzip- and zstd-compressed, detected with -f (stated on stderr)
$ cd $DATA/logs && gzip -c squid.log > $TMP/s.log.gz && zstd -q -c squid.log > $TMP/s.log.zst && pacprobe diff old.pac new.pac -f $TMP/s.log.gz -f $TMP/s.log.zst --format json 2>$TMP/err | jq -c '[.traffic.requests, .traffic.moved_requests, .traffic.moved_bytes, .traffic.malformed_lines, .traffic.skipped_lines]' && grep -c 'read as a squid log (detected' $TMP/err
out<<
[12,10,13240,4,2]
2
.

=== a truncated gzip file is reported, what came before it counted
$ cd $DATA/logs && gzip -c squid.log | head -c 150 > $TMP/cut.gz && pacprobe diff old.pac new.pac --log squid $TMP/cut.gz --format json > $TMP/o; echo "exit $?"; jq -c '.traffic.requests' $TMP/o
out<<
exit 2
1
.
err~ cut\.gz.*(truncated|cut short|corrupt)

=== W3C (IIS fields): wrong value counts are malformed, the rest counted
$ cd $DATA/logs && pacprobe diff old.pac new.pac --log iis iis.log --format json > $TMP/o; echo "exit $?"; jq -c '.traffic | [.requests, .malformed_lines, .moved_bytes, [.groups[].top_hosts[0].host]]' $TMP/o
out<<
exit 1
[2,2,3422,["www.video.example","news.example.org"]]
.
err~ iis\.log:6: malformed w3c line skipped \(5 values, #Fields: names 10\)
err~ iis\.log:7: malformed w3c line skipped \(11 values

=== W3C (Blue Coat ProxySG): a CONNECT over tcp becomes https://host:443/, quoted values, an unterminated quote is malformed
$ cd $DATA/logs && pacprobe eval -p new.pac --log bluecoat proxysg.log --format tsv
out<<
https://www.video.example:443/	DIRECT	
http://news.example.org:80/lib.js?v=3	PROXY p2.example:8080;DIRECT	
.
err~ proxysg\.log:5: malformed w3c line skipped \(unterminated quoted value\)

=== Apache combined: CONNECT and absolute targets; an origin-form target and a cut line are malformed
$ cd $DATA/logs && pacprobe eval -p new.pac --log combined combined.log --format tsv
out<<
http://news.example.org/a	PROXY p2.example:8080;DIRECT	
https://www.video.example:443/	DIRECT	
.
err~ combined\.log:3: malformed combined line skipped \(request target is not an absolute URL
err~ combined\.log:4: malformed combined line skipped \(no complete "request" field\)

=== CSV (Zscaler NSS-like): the url column, SSL makes https, a short row is malformed
$ cd $DATA/logs && pacprobe eval -p new.pac -f nss.csv --summary
out<<
2 requests, 5300 bytes, 2 distinct results
  1 requests (50.0%), 5000 bytes (94.3%), 1 hosts  DIRECT
      1  www.video.example  (5000 bytes)
  1 requests (50.0%), 300 bytes (5.7%), 1 hosts  PROXY p2.example:8080;DIRECT
      1  news.example.org  (300 bytes)
.
err~ nss\.csv: read as a csv log \(detected
err~ nss\.csv:4: malformed csv line skipped \(6 fields, the header names 7\)

=== csv:COLUMN names a column the header lacks: every row malformed, never fatal
$ cd $DATA/logs && pacprobe eval -p new.pac --log csv:request nss.csv --summary --format json | jq -c '[.requests, .malformed_lines]'
out= [0,4]
err~ the CSV header has no column 'request'

=== eval --log --summary in JSON: requests, bytes and distinct hosts per route
$ cd $DATA/logs && pacprobe eval -p new.pac --log squid squid.log --summary --format json 2>/dev/null | jq -c '[.requests, .bytes, .evaluations, .memoised, [.routes[] | [.result, .requests, .hosts]]]'
out= [6,7432,5,true,[["DIRECT",3,2],["PROXY p2.example:8080;DIRECT",3,2]]]

=== memoised: --stats gives lines/s, distinct inputs evaluated and the lines answered from the memo
$ cd $DATA/logs && pacprobe diff old.pac new.pac --log squid squid.log --stats 2>&1 >/dev/null | grep '^stats'
out~ ^stats: 9 log lines in [0-9.]+ s, [0-9]+ lines/s; 6 requests, 1 skipped, 2 malformed, 0 bad URLs$
out~ ^stats: memoised: 5 distinct inputs evaluated \(2 sides\), 1 lines answered from the memo$

=== a PAC with a global call counter is evaluated per line, and --stats says why
$ cd $DATA/logs && pacprobe diff old.pac counter.pac --log squid squid.log --stats --format json 2>$TMP/err | jq -c '.traffic | [.memoised, .evaluations, (.groups | map(.requests) | add)]' && grep '^stats: not memoised' $TMP/err
exit 0
out<<
[false,6,6]
stats: not memoised: 6 evaluations, one per line: counter.pac keeps state between calls (it writes the global 'n' inside a function (counter.pac:3:3))
.

=== a PAC using timeRange without --now is evaluated per line; with --now it is memoised
$ cd $DATA/logs && pacprobe diff old.pac time.pac --log squid squid.log --stats 2>&1 >/dev/null | grep '^stats: \(not \)\?memoised'; pacprobe diff old.pac time.pac --log squid squid.log --stats --now 2024-12-07T10:00:00Z 2>&1 >/dev/null | grep '^stats: \(not \)\?memoised'
out<<
stats: not memoised: 6 evaluations, one per line: time.pac may read the clock (time.pac:2:7: uses timeRange) and --now does not pin it
stats: memoised: 5 distinct inputs evaluated (2 sides), 1 lines answered from the memo
.

=== --no-memo evaluates every line and gives the same counts
$ cd $DATA/logs && a=$(pacprobe diff old.pac new.pac --log squid squid.log 2>/dev/null); b=$(pacprobe diff old.pac new.pac --log squid squid.log --no-memo 2>/dev/null); [ "$a" = "$b" ] && echo same
out= same

=== an unknown --log format is a usage error naming it
$ pacprobe diff a.pac b.pac --log syslog x.log
exit 2
err~ ^pacprobe: error: option --log: bad value 'syslog': expected squid, w3c, combined, csv
errlines 1

=== --log needs two values
$ pacprobe eval -p x.pac --log squid
exit 2
err~ option --log needs two values \(FORMAT FILE\)

=== a URL list given with -f is still a URL list (no detection note)
$ cd $DATA/diff && pacprobe diff old.pac new.pac -f urls.txt | tail -n 1
out~ ^  1  PROXY old-gw\.example:8080 -> ERROR$
errlines 0

=== lint --log: each distinct logged URL checked once, at its first line (squid.log has www.video.example twice)
$ cd $DATA/logs && pacprobe lint lintbad.pac --log squid squid.log 2>/dev/null | grep '^squid\.log'
out= squid.log:1:1: error: https://www.video.example:443/: result "PRXY v.example:1" (lintbad.pac:2:44) is not valid PAC grammar in chrome: 'PRXY v.example:1' dropped (a browser uses "DIRECT") [bad-result]

=== lint --urls detects a log as -f does
$ cd $DATA/logs && pacprobe lint lintbad.pac --urls squid.log 2>&1 >/dev/null | grep -c 'read as a squid log'
out= 1

=== diff -p OLD -p NEW: the issue's command line, every argument then a URL
$ cd $DATA/logs && pacprobe diff -p old.pac -p new.pac --log squid squid.log 2>/dev/null | head -n 1; pacprobe diff -p old.pac -p new.pac http://www.video.example/
exit 1
out<<
5 of 6 requests moved (83.3%), 6620 of 7432 bytes (89.1%)
http://www.video.example/: PROXY p1.example:8080;DIRECT -> DIRECT
1 of 1 URLs changed
  1  PROXY p1.example:8080;DIRECT -> DIRECT
.

=== diff with one -p is a usage error
$ pacprobe diff -p old.pac http://a/
exit 2
err~ diff: -p takes OLD and NEW, given twice
