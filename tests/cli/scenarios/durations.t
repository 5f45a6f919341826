# Durations on the command line (issue 17, must show 6): the curl-named
# --connect-timeout and --max-time take seconds (fractions allowed), every
# duration flag also takes an explicit unit (500ms, 5s), and a connect
# timeout below 10 ms is refused with a hint. One argument kind in the
# option table (src/cli/options.c), one parser (src/util/duration.c).

=== --timeout keeps milliseconds for a bare number (pactester-style flags stay)
$ pacprobe eval -p $DATA/simple.pac --timeout 300 http://loop/
exit 1
err~ ran longer than 300 ms \(--timeout\)

=== --timeout with a unit: 1s is 1000 ms
$ pacprobe eval -p $DATA/simple.pac --timeout 1s http://loop/
exit 1
err~ ran longer than 1000 ms \(--timeout\)

=== --timeout with a unit: 250ms; a fraction of a second is rounded to whole ms
$ pacprobe eval -p $DATA/simple.pac --timeout 0.25s http://loop/
exit 1
err~ ran longer than 250 ms \(--timeout\)

=== must show 6: --connect-timeout 5ms is refused with a hint naming the unit
$ pacprobe check --connect-timeout 5ms http://127.0.0.1:9/
exit 2
err~ ^pacprobe: error: option --connect-timeout: 5ms is below 10 ms, too short to connect anywhere; the value is in seconds, as curl's \(--connect-timeout 5 = 5 s; 500ms = half a second\)$
errlines 1

=== --max-time 0.005 (5 ms) is refused the same way
$ pacprobe check --max-time 0.005 http://127.0.0.1:9/
exit 2
err~ option --max-time: 0.005 is below 10 ms

=== an old millisecond value for a seconds flag is accepted but warned about
$ pacprobe check --connect-timeout 1000 --max-time 0.5 --resolve nowhere.test= http://nowhere.test/
exit 1
err~ ^pacprobe: warning: option --connect-timeout 1000 means 1000 seconds, as curl's; write 1000ms for milliseconds$

=== no warning for an explicit unit or a plausible number of seconds
$ pacprobe check --connect-timeout 1000ms --max-time 30 --resolve nowhere.test= http://nowhere.test/
exit 1
err! warning

=== bad shapes are one-line usage errors naming the option and the value
$ pacprobe check --connect-timeout 1e3 http://127.0.0.1:9/
exit 2
err~ ^pacprobe: error: option --connect-timeout: bad value '1e3': expected a number with an optional unit ms or s \(e\.g\. 5, 2\.5, 500ms\)$
errlines 1

=== a negative value, a blank unit and an unknown unit are refused
$ pacprobe check --max-time -1 http://x/; echo "rc $?"; pacprobe check --max-time '5 s' http://x/; echo "rc $?"; pacprobe check --max-time 5m http://x/; echo "rc $?"
out<<
rc 2
rc 2
rc 2
.
err~ --max-time: bad value '-1'
err~ --max-time: bad value '5 s'
err~ --max-time: bad value '5m'

=== zero and values over the cap are refused
$ pacprobe eval -p $DATA/simple.pac --timeout 0 http://a/
exit 2
err~ option --timeout: bad value '0': expected 1 ms to 1000000 s

=== discover's duration flags take units too (parse only: --help shows the kind)
$ pacprobe discover --help
out~ --dhcp-timeout MS +wait at most MS for DHCPINFORM replies \(default 2000; or 2s\)
out~ --fetch-timeout MS

=== discover: a bad duration is a usage error before anything is sent
$ pacprobe discover --no-dhcp --no-dns --dhcp-timeout 2x
exit 2
err~ ^pacprobe: error: option --dhcp-timeout: bad value '2x'
