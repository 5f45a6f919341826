#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, DNS (issue 10): a --dns-server that never answers, answers
# SERVFAIL, sets TC with no TCP behind it, cuts its answer, answers for
# another name, or sends many records (30 fit in 512 bytes; 400 do not and
# make c-ares retry over TCP, where nothing listens). Run through eval with a
# PAC that calls dnsResolve: the failure's cause in the stderr warning, in
# --stats and in the JSON record's dns_problems, and in explain's trace;
# then through check (error code and message in JSON). A silent server ends
# an evaluation at its --timeout (a timeout error naming the DNS wait), or,
# with a --timeout longer than the resolver's 5 s, at the resolver's timeout
# (the PAC gets null). A second URL or target in the same run keeps its
# result. Causes per fault: docs/engine.md "DNS failures".
# Usage: test_faults_dns.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
for m in dns-ok dns-timeout dns-servfail dns-tc dns-cut dns-othername; do fl_start "P_${m//-/_}" "$m"; done
fl_start P_huge30 dns-huge 30
fl_start P_huge400 dns-huge 400
PAC=$(fl_pac dns.pac 'var ip = dnsResolve(host); return ip ? "PROXY " + ip + ":3128" : "DIRECT";')
EX=$(fl_pac ex.pac 'var ip = dnsResolveEx(host); return ip ? "PROXY n" + ip.split(";").length + ".test:3128" : "DIRECT";')
U=http://a.example.test/
SILENT=127.0.0.1:$P_dns_timeout

fl_case "baseline: a DNS server that answers"
fl_run eval -p "$PAC" --dns-server "127.0.0.1:$P_dns_ok" "$U"
want_rc 0
want_out "^PROXY 127\.0\.0\.1:3128$"
want_no_err "DNS lookup"

# eval_fault NAME PORT CAUSE STATS MESSAGE: dnsResolve gets null (the PAC
# says DIRECT), --stats counts the failure (STATS: "N not found, N errors")
# and its CAUSE, stderr warns with MESSAGE (an ERE, a parenthesised detail
# may follow; no warning for not-found), the
# JSON record lists the cause in dns_problems, the second URL (an IP
# literal, no DNS) is still evaluated, and the run ends at once.
eval_fault() {
  fl_case "eval: $1"
  fl_run eval -p "$PAC" --dns-server "127.0.0.1:$2" --stats "$U" http://10.1.2.3/
  want_rc 0
  want_out "^http://a\.example\.test/ : DIRECT$"
  want_out "^http://10\.1\.2\.3/ : PROXY 10\.1\.2\.3:3128$"
  want_err "DNS .* 1 failures \($4\)"
  if [ "$3" = not-found ]; then
    want_no_err "warning: .*DNS lookup"
    want_no_err "errors by cause"
  else
    want_err "^pacprobe: warning: http://a\.example\.test/: DNS lookup of a\.example\.test failed: $5( \([^)]*\))?; the PAC got no address"
    want_err "^stats: DNS errors by cause: 1 $3$"
  fi
  want_within 1500
  fl_case "eval --format json: $1"
  fl_run eval -p "$PAC" --dns-server "127.0.0.1:$2" --format json "$U" http://10.1.2.3/
  want_rc 0
  if [ "$3" = not-found ]; then
    want_jqs '.[0].dns_problems == [] and .[0].result == "DIRECT"'
  else
    want_jqs '.[0].dns_problems | length == 1 and .[0].name == "a.example.test" and .[0].cause == "'"$3"'" and (.[0].message | test("'"$5"'"))'
  fi
  want_jqs '.[1].url == "http://10.1.2.3/" and .[1].dns_problems == [] and .[1].result == "PROXY 10.1.2.3:3128"'
}
eval_fault "SERVFAIL" "$P_dns_servfail" servfail "0 not found, 1 errors" "the DNS server answered SERVFAIL"
eval_fault "TC bit, no TCP listener (c-ares: connection refused)" "$P_dns_tc" unreachable \
  "0 not found, 1 errors" "the DNS server refused the connection"
eval_fault "answer cut inside the record" "$P_dns_cut" bad-answer "0 not found, 1 errors" \
  "the DNS server's answer is malformed or cut short"
eval_fault "answer for another name (ignored, not used)" "$P_dns_othername" not-found "1 not found, 0 errors" ""
eval_fault "400 records in a 6.4 KB datagram without EDNS (TCP retry refused)" "$P_huge400" unreachable \
  "0 not found, 1 errors" "the DNS server refused the connection"

# A silent server: the wait ends at min(--timeout, the resolver's 5 s).
# The 'within' limits sit between the deadline (1 s per URL) and the
# resolver's 5 s they must not reach: on a loaded CI machine a 1 s deadline
# run took 1.8 s and two took 3.6 s (process start 170 ms there, 50 here).
fl_case "eval: no answer at all, default --timeout 1000: the URL times out after ~1 s naming the DNS wait"
fl_run eval -j 1 -p "$PAC" --dns-server "$SILENT" --stats "$U" http://10.1.2.3/
want_rc 1
want_no_out "^http://a\.example\.test/ :"
want_out "^http://10\.1\.2\.3/ : PROXY 10\.1\.2\.3:3128$"
want_err "^pacprobe: error: http://a\.example\.test/: execution timeout: the script ran longer than 1000 ms \(--timeout\) while waiting for the DNS answer for a\.example\.test \(no answer from the server yet\) \(Chromium goes DIRECT"
want_err "^stats: DNS errors by cause: 1 deadline$"
want_no_err "warning: .*DNS lookup" # the error line already names the wait
want_at_least 950
want_within 3800

fl_case "eval --format json: no answer, default --timeout: error code timeout, dns_problems cause deadline"
fl_run eval -j 1 -p "$PAC" --dns-server "$SILENT" --format json "$U" http://10.1.2.3/
want_rc 1
want_jqs '.[0].error.code == "timeout" and (.[0].error.message | test("while waiting for the DNS answer for a\\.example\\.test")) and .[0].result == "DIRECT"'
want_jqs '.[0].dns_problems == [{"name": "a.example.test", "cause": "deadline", "message": "the evaluation'"'"'s --timeout ended the wait for the answer"}]'
want_jqs '.[1].error == null and .[1].result == "PROXY 10.1.2.3:3128"'
want_within 3800

fl_case "eval: no answer, the same name twice in one run (-j 1): each URL ends at its own deadline"
fl_run eval -j 1 -p "$PAC" --dns-server "$SILENT" "$U" "$U" http://10.1.2.3/
want_rc 1
[ "$(grep -c 'waiting for the DNS answer for a.example.test' "$FL_ERR")" = 2 ] && ok || bad "expected 2 timeout errors"
want_out "^http://10\.1\.2\.3/ : PROXY 10\.1\.2\.3:3128$"
want_at_least 1900
want_within 5500

fl_case "eval: no answer, --timeout 8000: the lookup gives up at the resolver's 5 s, the PAC gets null"
fl_run eval -j 1 -p "$PAC" --dns-server "$SILENT" --timeout 8000 --stats "$U" http://10.1.2.3/
want_rc 0
want_out "^http://a\.example\.test/ : DIRECT$"
want_out "^http://10\.1\.2\.3/ : PROXY 10\.1\.2\.3:3128$"
want_err "^pacprobe: warning: http://a\.example\.test/: DNS lookup of a\.example\.test failed: no answer from the DNS server \(timeout\); the PAC got no address"
want_err "DNS .* 1 failures \(0 not found, 1 errors\)"
want_err "^stats: DNS errors by cause: 1 timeout$"
want_at_least 4500
want_within 7000

fl_case "explain: no answer, default --timeout: the trace's lookup ends at the deadline"
fl_run explain -p "$PAC" --dns-server "$SILENT" --format json "$U"
want_rc 1
want_jq '[.trace[] | select(.kind == "dns")][0] | .host == "a.example.test" and .answers == [] and .failure == "deadline" and .ms >= 900'
want_jq '.error.message | test("waiting for the DNS answer for a\\.example\\.test")'
want_within 3800

fl_case "explain: the lookup of a cut answer is in the trace with no answers, failure bad-answer"
fl_run explain -p "$PAC" --dns-server "127.0.0.1:$P_dns_cut" --format json "$U"
want_rc 0
want_jq '[.trace[] | select(.kind == "dns")][0] | .host == "a.example.test" and .answers == [] and .source == "server" and .failure == "bad-answer"'
want_within 1500

fl_case "explain text: the cause follows the source"
fl_run explain -p "$PAC" --dns-server "127.0.0.1:$P_dns_servfail" "$U"
want_rc 0
want_out "dns +a\.example\.test -> \(no answer\)  \[server, [0-9.]+ ms, the DNS server answered SERVFAIL\]"

fl_case "explain: the record for another name is not taken as the answer"
fl_run explain -p "$PAC" --dns-server "127.0.0.1:$P_dns_othername" --format json "$U"
want_rc 0
want_jq '[.trace[] | select(.kind == "dns")][0] | .answers == [] and .failure == "not-found"'
want_jq '.result == "DIRECT"'
grep -q 10.66.6.6 "$FL_OUT" && bad "the other name's address was used" || ok

fl_case "eval: 30 records (a full 512-byte answer): all of them reach dnsResolveEx"
fl_run eval -p "$EX" --dns-server "127.0.0.1:$P_huge30" "$U"
want_rc 0
want_out "^PROXY n30\.test:3128$"

# check_fault NAME PORT MESSAGE LIMIT-MS: the name target fails with code
# dns and MESSAGE, the IP-literal target beside it keeps its own result.
check_fault() {
  fl_case "check: $1"
  fl_run check --dns-server "127.0.0.1:$2" --connect-timeout 1 --format json \
    http://a.example.test:9/ http://127.0.0.1:9/
  want_rc 1
  want_jq '.targets[0] | .verdict == "dns-failed" and .attempts[0].error.code == "dns"'
  want_jq '.targets[0].attempts[0].error.message | test("'"$3"'")'
  want_jq '.targets[1] | .verdict == "unreachable" and .attempts[0].error.code == "refused"'
  want_within "$4"
}
check_fault "no answer, bounded by --connect-timeout 1" "$P_dns_timeout" \
  "a.example.test could not be resolved: no answer from the DNS server .timeout.$" 2500
check_fault "SERVFAIL" "$P_dns_servfail" "could not be resolved: the DNS server answered SERVFAIL" 2500
check_fault "TC bit, no TCP listener" "$P_dns_tc" "could not be resolved: the DNS server refused the connection" 2500
check_fault "cut answer" "$P_dns_cut" "could not be resolved: the DNS server's answer is malformed" 2500
check_fault "answer for another name" "$P_dns_othername" "does not resolve" 2500
check_fault "oversized answer" "$P_huge400" "could not be resolved: the DNS server refused the connection" 2500

fl_case "check with a DNS-using PAC and a silent server: the PAC fails at --timeout (1 s), a PAC error"
fl_run check --pac "$PAC" --dns-server "$SILENT" --connect-timeout 1 --format json \
  http://a.example.test:9/ http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0] | .verdict == "pac-error" and .pac_result == null and .attempts == []'
want_jq '.targets[0].pac_error | test("execution timeout: .* while waiting for the DNS answer for a\\.example\\.test")'
want_jq '.targets[1] | .pac_result == "PROXY 127.0.0.1:3128" and .attempts[0].error.code == "refused"'
want_within 3800

fl_case "check, same, --timeout 8000: PAC lookup gives up at 5 s (DIRECT), then check's own lookup times out"
fl_run check --pac "$PAC" --dns-server "$SILENT" --timeout 8000 --connect-timeout 1 --format json \
  http://a.example.test:9/ http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0] | .verdict == "dns-failed" and .pac_result == "DIRECT" and .attempts[0].error.code == "dns"'
want_jq '.targets[0].attempts[0].error.message | test("could not be resolved: no answer from the DNS server")'
want_jq '.targets[1] | .pac_result == "PROXY 127.0.0.1:3128" and .attempts[0].error.code == "refused"'
want_within 9000

fl_finish
