# pacprobe diff end to end: exactly the changed URLs, the counts and the
# old -> new groups, JSON, exit codes. DESIGN §1.4, issue 4; fixtures in
# tests/cli/data/diff/ (old.pac, new.pac, urls.txt: 9 URLs, 6 change).

=== two versions: exactly the changed URLs in input order, the count, the groups
$ cd $DATA/diff && pacprobe diff old.pac new.pac -f urls.txt
exit 1
out<<
http://legacy.example/: PROXY old-gw.example:8080 -> ERROR (new.pac:6: ReferenceError: identifier 'legacyGateway' undefined)
http://www.video.example/: PROXY p1.example:8080;DIRECT -> DIRECT
http://cdn.video.example/watch?v=1: PROXY p1.example:8080;DIRECT -> DIRECT
http://www.example.com/: PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
http://www.example.org/: PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
http://news.example.net/: PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
6 of 9 URLs changed
  3  PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
  2  PROXY p1.example:8080;DIRECT -> DIRECT
  1  PROXY old-gw.example:8080 -> ERROR
.
errlines 0

=== identical PACs: nothing changed, exit 0
$ cd $DATA/diff && pacprobe diff old.pac old.pac -f urls.txt
out= 0 of 9 URLs changed
errlines 0

=== swapped: the error is on the old side now; the groups mirror
$ cd $DATA/diff && pacprobe diff new.pac old.pac -f urls.txt
exit 1
out~ ^http://legacy\.example/: ERROR \(new\.pac:6: ReferenceError: .*\) -> PROXY old-gw\.example:8080$
out~ ^  3  PROXY p2\.example:8080;DIRECT -> PROXY p1\.example:8080;DIRECT$
out~ ^6 of 9 URLs changed$

=== URL arguments as well as (and before) the list
$ cd $DATA/diff && pacprobe diff old.pac new.pac http://wiki.corp.example/ http://www.video.example/
exit 1
out<<
http://www.video.example/: PROXY p1.example:8080;DIRECT -> DIRECT
1 of 2 URLs changed
  1  PROXY p1.example:8080;DIRECT -> DIRECT
.

=== the list from stdin
$ cd $DATA/diff && pacprobe diff old.pac new.pac -f - < urls.txt | tail -n 4
out<<
6 of 9 URLs changed
  3  PROXY p1.example:8080;DIRECT -> PROXY p2.example:8080;DIRECT
  2  PROXY p1.example:8080;DIRECT -> DIRECT
  1  PROXY old-gw.example:8080 -> ERROR
.

=== --format json: one object with the changes, the totals and the groups
$ cd $DATA/diff && pacprobe diff --format json old.pac new.pac -f urls.txt | jq -c '[.total, .changed_count, [.changed[].url], .changed[1], .groups[0], (.groups|length), .changed[0].new, (.changed[0].new_error|test("legacyGateway"))]'
out= [9,6,["http://legacy.example/","http://www.video.example/","http://cdn.video.example/watch?v=1","http://www.example.com/","http://www.example.org/","http://news.example.net/"],{"url":"http://www.video.example/","old":"PROXY p1.example:8080;DIRECT","new":"DIRECT","old_error":null,"new_error":null},{"old":"PROXY p1.example:8080;DIRECT","new":"PROXY p2.example:8080;DIRECT","count":3},3,"ERROR",true]

=== --format json with nothing changed
$ cd $DATA/diff && pacprobe diff --format json old.pac old.pac -f urls.txt
out= {"changed":[],"total":9,"changed_count":0,"groups":[]}

=== the shared environment applies to both sides (--host here)
$ cd $DATA/diff && pacprobe diff --host legacy.example old.pac new.pac http://a/ http://b/
exit 1
out~ ^2 of 2 URLs changed$
out~ ^  2  PROXY old-gw\.example:8080 -> ERROR$

=== implicit bypass is DIRECT on both sides (localhost is unchanged)
$ cd $DATA/diff && pacprobe diff old.pac new.pac http://localhost/ http://127.0.0.1:8080/
out= 0 of 2 URLs changed

=== a malformed URL is reported with its place and skipped; exit 2 (the comparison is incomplete)
$ cd $DATA/diff && printf 'http://[bad/\nhttp://www.example.com/\n' > $TMP/u.txt && pacprobe diff old.pac new.pac -f $TMP/u.txt
exit 2
out~ ^1 of 1 URLs changed$
err~ u\.txt:1: 'http://\[bad/'

=== usage errors: one PAC only, no URLs, a missing PAC, an unusable PAC, a missing list
$ cd $DATA/diff && pacprobe diff old.pac
exit 2
err~ expected two PACs

=== no URL given
$ cd $DATA/diff && pacprobe diff old.pac new.pac
exit 2
err~ no URL given

=== a missing NEW
$ cd $DATA/diff && pacprobe diff old.pac missing.pac http://a/
exit 2
out= 
err~ cannot read missing\.pac

=== a PAC with a syntax error: exit 2 with file:line
$ cd $DATA/diff && pacprobe diff old.pac $DATA/syntax7.pac http://a/
exit 2
err~ syntax7\.pac:7

=== a missing URL list
$ cd $DATA/diff && pacprobe diff old.pac new.pac -f nope.txt
exit 2
err~ URL file 'nope\.txt'

=== bad --format
$ cd $DATA/diff && pacprobe diff --format tsv old.pac new.pac http://a/
exit 2
err~ option --format: bad value 'tsv'

=== a long list streams: 200,000 URLs counted and grouped
$ cd $DATA/diff && awk 'BEGIN{for(i=0;i<100000;i++){print "http://h" i ".video.example/"; print "http://h" i ".corp.example/"}}' > $TMP/big.txt && pacprobe diff old.pac new.pac -f $TMP/big.txt > $TMP/big.out; echo "rc=$?"; tail -n 2 $TMP/big.out; grep -c video $TMP/big.out
out<<
rc=1
100000 of 200000 URLs changed
  100000  PROXY p1.example:8080;DIRECT -> DIRECT
100000
.
within 60

=== memory stays flat: peak RSS for 200,000 URLs within 4 MiB of 20,000 (ASan's quarantine kept small)
$ cd $DATA/diff && export ASAN_OPTIONS="quarantine_size_mb=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"; awk 'BEGIN{for(i=0;i<10000;i++){print "http://h" i ".video.example/"; print "http://h" i ".corp.example/"}}' > $TMP/small.txt && awk 'BEGIN{for(i=0;i<100000;i++){print "http://h" i ".video.example/"; print "http://h" i ".corp.example/"}}' > $TMP/big.txt && /usr/bin/time -f %M -o $TMP/small.rss $PP_BIN diff old.pac new.pac -f $TMP/small.txt >/dev/null; /usr/bin/time -f %M -o $TMP/big.rss $PP_BIN diff old.pac new.pac -f $TMP/big.txt >/dev/null; s=$(tail -n 1 $TMP/small.rss) b=$(tail -n 1 $TMP/big.rss); if [ $((b - s)) -lt 4096 ]; then echo flat; else echo "grew from $s to $b KiB"; fi
out= flat
within 120

=== --help lists the diff options
$ pacprobe diff --help
out~ usage: pacprobe diff OLD NEW
out~ --url-file
out~ --jobs
out~ --pac .*given twice: OLD, then NEW
out~ --log FORMAT FILE
