# pacprobe test end to end: the case-file format, failures, summary, exit
# codes, TAP, JUnit, JSON, directives and coverage. DESIGN §1.4, issue 4;
# fixtures in tests/cli/data/test/ (routes.pac, suite.cases: 10 cases, 3 wrong).

=== 10 cases with 3 wrong: the failures with expected and actual, then the summary
$ cd $DATA/test && pacprobe test routes.pac suite.cases
exit 1
out<<
suite.cases:16: http://socks/: expected SOCKS5 s.example:1080, got SOCKS5 s.example:1080;DIRECT
suite.cases:17: http://localhost/: expected PROXY proxy.example:8080;DIRECT, got DIRECT
suite.cases:18: http://www.example.org/: expected DIRECT, got PROXY proxy.example:8080;DIRECT
7 passed, 3 failed
.
errlines 0

=== the summary line is exactly "N passed, N failed" on its own line
$ cd $DATA/test && pacprobe test routes.pac suite.cases | tail -n 1
out= 7 passed, 3 failed

=== all cases passing: exit 0, only the summary
$ cd $DATA/test && grep -v -e socks -e localhost -e example.org suite.cases > $TMP/ok.cases && pacprobe test routes.pac $TMP/ok.cases
out= 7 passed, 0 failed

=== the CASES file can come from stdin
$ cd $DATA/test && pacprobe test routes.pac - < suite.cases
exit 1
out~ ^stdin:16: http://socks/: expected
out~ ^7 passed, 3 failed$

=== a Windows-edited CASES file: UTF-8 BOM and CRLF line ends
$ cd $DATA/test && printf '\xEF\xBB\xBF# saved by Notepad\r\n@my-ip 192.168.7.7\r\nhttp://me/\tPROXY lab.example:8080\r\nhttp://wiki.corp.example/\tPROXY x:1\r\n' > $TMP/w.cases && pacprobe test routes.pac $TMP/w.cases
exit 1
out~ w\.cases:4: http://wiki\.corp\.example/: expected PROXY x:1, got DIRECT$
out~ ^1 passed, 1 failed$

=== PROXY a:80 equals PROXY a (canonical comparison); spaces as separator
$ cd $DATA/test && printf 'http://dns/\tPROXY inside.example\nhttp://dns/\tPROXY inside.example:80\nhttp://dns/  proxy INSIDE.example:80 ;\nhttp://dns/\tPROXY inside.example:8080\n' > $TMP/port.cases && pacprobe test --resolve dns=10.1.2.3 routes.pac $TMP/port.cases
exit 1
out~ port.cases:4: http://dns/: expected PROXY inside.example:8080, got PROXY inside.example:80$
out~ ^3 passed, 1 failed$

=== ERROR expects a failed evaluation; a wrong expectation shows the error message
$ cd $DATA/test && pacprobe test routes.pac errors.cases
exit 1
out<<
errors.cases:2: http://boom/: expected DIRECT, got ERROR (routes.pac:3: Error: boom requested)
errors.cases:3: http://wiki.corp.example/: expected ERROR, got DIRECT
1 passed, 2 failed
.

=== every directive changes a result (@resolve, @emulate, @now/@tz, @my-ip, @host, @reset)
$ cd $DATA/test && pacprobe test --no-dns routes.pac directives.cases
out= 11 passed, 0 failed

=== without its directives the same suite fails exactly where each directive mattered
$ cd $DATA/test && grep -v '^@' directives.cases > $TMP/nodir.cases && pacprobe test --no-dns --now 2026-03-02T08:00:00Z --tz UTC --my-ip 10.9.9.9 routes.pac $TMP/nodir.cases
exit 1
out~ nodir.cases:4: http://dns/: expected PROXY inside.example:80, got PROXY outside.example:80
out~ nodir.cases:5: https://x.example/secret/a: expected PROXY secret.example:3128, got
out~ nodir.cases:8: http://clock/: expected PROXY day.example:8080, got PROXY night.example:8080
out~ nodir.cases:9: http://me/: expected PROXY lab.example:8080, got DIRECT
out~ nodir.cases:11: http://anything/: expected PROXY legacy.example:9999, got
out~ ^6 passed, 5 failed$

=== command-line options are the defaults the directives override; @reset returns to them
$ cd $DATA/test && printf 'http://anything/\tPROXY legacy.example:9999\n@host me\nhttp://anything/\tPROXY lab.example:8080\n@my-ip 10.9.9.9\nhttp://anything/\tDIRECT\n@reset\nhttp://anything/\tPROXY legacy.example:9999\n' > $TMP/cl.cases && pacprobe test --my-ip 192.168.7.7 --host legacy.example routes.pac $TMP/cl.cases
out= 4 passed, 0 failed

=== @now without a zone is local time in the @tz in effect
$ cd $DATA/test && printf '@tz Asia/Kolkata\n@now 2026-03-02T10:00:00\nhttp://clock/\tPROXY day.example:8080\n@tz America/New_York\n@now 2026-03-02T20:00:00\nhttp://clock/\tPROXY night.example:8080\n' > $TMP/tz.cases && pacprobe test routes.pac $TMP/tz.cases
out= 2 passed, 0 failed

=== --tap: TAP version 13 with a plan, one line per case, YAML for failures
$ cd $DATA/test && pacprobe test --tap routes.pac suite.cases
exit 1
out~ ^TAP version 13$
out~ ^1\.\.10$
out~ ^ok 1 - http://www\.example\.com/$
out~ ^not ok 8 - http://socks/$
out~ ^  message: "expected SOCKS5 s\.example:1080, got SOCKS5 s\.example:1080;DIRECT"$
out~ ^  line: 16$
out~ ^# 7 passed, 3 failed$
out! ^suite\.cases:

=== TAP counts: 10 test lines, 3 of them not ok
$ cd $DATA/test && pacprobe test --tap routes.pac suite.cases | grep -cE '^(not )?ok [0-9]+ - '; pacprobe test --tap routes.pac suite.cases | grep -c '^not ok'
out<<
10
3
.

=== --tap: a '#' in the URL is escaped so it does not start a TAP directive
$ cd $DATA/test && printf 'http://wiki.corp.example/#TODO\tDIRECT\n' > $TMP/h.cases && pacprobe test --tap routes.pac $TMP/h.cases
out~ ^ok 1 - http://wiki\.corp\.example/\\#TODO$

=== --junit: one testcase per case line, 3 failures, counts in the testsuite
$ cd $DATA/test && pacprobe test --junit $TMP/j.xml routes.pac suite.cases >/dev/null; echo "rc=$?"; grep -c '<testcase ' $TMP/j.xml; grep -c '<failure ' $TMP/j.xml; grep -c '<testsuite name="suite.cases" tests="10" failures="3"' $TMP/j.xml
out<<
rc=1
10
3
1
.

=== --junit: testcase name is the URL, classname the CASES file, failure message says why
$ cd $DATA/test && pacprobe test --junit $TMP/j2.xml routes.pac suite.cases >/dev/null; cat $TMP/j2.xml
exit 0
out~ <testcase name="http://socks/" classname="suite.cases">
out~ <failure type="mismatch" message="expected SOCKS5 s.example:1080, got SOCKS5 s.example:1080;DIRECT">suite.cases:16:
out~ <testcase name="http://www.example.com/" classname="suite.cases"/>

=== --junit escapes XML special characters
$ cd $DATA/test && printf 'http://boom/?a=1&b=<2>"\tDIRECT\n' > $TMP/x.cases && pacprobe test --junit $TMP/x.xml routes.pac $TMP/x.cases >/dev/null; grep -c 'name="http://boom/?a=1&amp;b=&lt;2&gt;&quot;"' $TMP/x.xml; grep -c '<2>' $TMP/x.xml || true
out<<
1
0
.

=== --junit to a path that cannot be created: exit 2 before any case runs
$ cd $DATA/test && pacprobe test --junit /nonexistent/dir/j.xml routes.pac suite.cases
exit 2
out= 
err~ option --junit: cannot create '/nonexistent/dir/j.xml'

=== --coverage: every return with its hits; the unreached ones by line
$ cd $DATA/test && pacprobe test --coverage routes.pac suite.cases
exit 1
out~ ^7 passed, 3 failed$
out~ ^routes\.pac:4:[0-9]+: return not reached$
out~ ^routes\.pac:9:[0-9]+: return not reached$
out~ ^routes\.pac:7:[0-9]+: return hit 1 times$
out~ ^routes\.pac:11:[0-9]+: return hit 3 times$
out~ ^coverage: 6 of 8 return statements reached$
out! ^routes\.pac:3:

=== --coverage on a minified PAC: two returns on one line, told apart by column
$ cd $DATA/test && pacprobe test --coverage minified.pac minified.cases
out<<
1 passed, 0 failed
minified.pac:1:41: return not reached
minified.pac:1:57: return hit 1 times
coverage: 1 of 2 return statements reached
.

=== --coverage sums the hits of every engine the directives needed
$ cd $DATA/test && pacprobe test --no-dns --coverage routes.pac directives.cases
out~ ^routes\.pac:7:[0-9]+: return hit 3 times$
out~ ^routes\.pac:9:[0-9]+: return hit 1 times$
out~ ^routes\.pac:4:[0-9]+: return hit 1 times$

=== --format json: one object with every case, the counts and the coverage
$ cd $DATA/test && pacprobe test --format json --coverage routes.pac suite.cases | jq -c '[.passed, .failed, (.cases|length), ([.cases[]|select(.ok|not)|.line]), .cases[2], ([.coverage[]|select(.hits==0)|.line])]'
exit 0
out= [7,3,10,[16,17,18],{"line":9,"url":"http://boom/","expected":"ERROR","actual":"ERROR","ok":true,"error":"routes.pac:3: Error: boom requested"},[4,9]]

=== --format json without --coverage: coverage is null
$ cd $DATA/test && pacprobe test --format json routes.pac suite.cases | jq -c '.coverage'
out= null

=== an unknown directive: exit 2 naming CASES:line, nothing run
$ cd $DATA/test && pacprobe test routes.pac bad-directive.cases
exit 2
out= 
err~ ^pacprobe: error: bad-directive\.cases:3: unknown directive '@emulat'
errlines 1

=== a bad directive value: exit 2 with its line
$ cd $DATA/test && pacprobe test routes.pac bad-tz.cases
exit 2
err~ bad-tz\.cases:2: @tz: bad value 'Mars/Olympus'
errlines 1

=== an EXPECTED that is not valid result grammar would silently mean DIRECT: refused
$ cd $DATA/test && pacprobe test routes.pac bad-expected.cases
exit 2
err~ bad-expected\.cases:3: expected result 'PROXI x:1'
errlines 1

=== grammar is checked in the mode in effect: HTTP is a keyword for Firefox only
$ cd $DATA/test && printf '@emulate firefox\nhttp://wiki.corp.example/\tHTTP x:1\n@emulate chrome\nhttp://wiki.corp.example/\tHTTP x:1\n' > $TMP/m.cases && pacprobe test routes.pac $TMP/m.cases
exit 2
err~ m\.cases:4: expected result 'HTTP x:1' has an entry chrome does not accept
errlines 1

=== a line without EXPECTED
$ cd $DATA/test && printf 'http://a/\tDIRECT\nhttp://b/\n' > $TMP/l.cases && pacprobe test routes.pac $TMP/l.cases
exit 2
err~ l\.cases:2: expected 'URL<TAB>EXPECTED'

=== usage errors: missing CASES, missing files, an unusable PAC, bad format
$ cd $DATA/test && pacprobe test routes.pac
exit 2
err~ expected a PAC and a CASES file

=== a missing CASES file
$ cd $DATA/test && pacprobe test routes.pac nope.cases
exit 2
err~ CASES: cannot read nope\.cases

=== a PAC with a syntax error: exit 2 with file:line
$ pacprobe test $DATA/syntax7.pac $DATA/test/suite.cases
exit 2
err~ syntax7\.pac:7

=== --tap and --format json do not combine
$ cd $DATA/test && pacprobe test --tap --format json routes.pac suite.cases
exit 2
err~ --tap and --format json

=== an empty suite passes with a warning
$ cd $DATA/test && printf '# nothing yet\n' > $TMP/e.cases && pacprobe test routes.pac $TMP/e.cases
out= 0 passed, 0 failed
err~ warning: .*e\.cases: no cases

=== --help lists the test options
$ pacprobe test --help
out~ usage: pacprobe test PAC CASES
out~ --coverage
out~ --junit FILE
out~ --tap
out! --url-file
