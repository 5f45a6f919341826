#!/usr/bin/env bash
# shellcheck disable=SC2154 # fl_start sets the P_* port variables by name
# SPDX-License-Identifier: MIT
# Network faults, DNS (issue 10): a --dns-server that never answers, answers
# SERVFAIL, sets TC with no TCP behind it, cuts its answer, answers for
# another name, or sends many records (30 fit in 512 bytes; 400 do not and
# are rejected). Run through eval with a PAC that calls dnsResolve (the
# lookup's outcome in explain's trace and --stats) and through check (error
# code and message in JSON). Each run ends within the resolver's timeout
# (5 s, docs/engine.md) or --connect-timeout, and a second target in the same
# run keeps its result. Usage: test_faults_dns.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/faultlib.sh"
for m in dns-ok dns-timeout dns-servfail dns-tc dns-cut dns-othername; do fl_start "P_${m//-/_}" "$m"; done
fl_start P_huge30 dns-huge 30
fl_start P_huge400 dns-huge 400
PAC=$(fl_pac dns.pac 'var ip = dnsResolve(host); return ip ? "PROXY " + ip + ":3128" : "DIRECT";')
EX=$(fl_pac ex.pac 'var ip = dnsResolveEx(host); return ip ? "PROXY n" + ip.split(";").length + ".test:3128" : "DIRECT";')
U=http://a.example.test/

fl_case "baseline: a DNS server that answers"
fl_run eval -p "$PAC" --dns-server "127.0.0.1:$P_dns_ok" "$U"
want_rc 0
want_out "^PROXY 127\.0\.0\.1:3128$"

# eval_fault NAME PORT FAILURE-KIND LIMIT-MS: dnsResolve gets null (the PAC
# says DIRECT), --stats names the failure kind, the second URL (an IP
# literal, no DNS) is still evaluated, and the run ends within LIMIT-MS.
eval_fault() {
  fl_case "eval: $1"
  fl_run eval -p "$PAC" --dns-server "127.0.0.1:$2" --stats "$U" http://10.1.2.3/
  want_rc 0
  want_out "^http://a\.example\.test/ : DIRECT$"
  want_out "^http://10\.1\.2\.3/ : PROXY 10\.1\.2\.3:3128$"
  want_err "DNS .* 1 failures \($3\)"
  want_within "$4"
}
eval_fault "no answer at all (resolver timeout 5 s)" "$P_dns_timeout" "0 not found, 1 errors" 7000
eval_fault "SERVFAIL" "$P_dns_servfail" "0 not found, 1 errors" 2000
eval_fault "TC bit, no TCP listener" "$P_dns_tc" "0 not found, 1 errors" 2000
eval_fault "answer cut inside the record" "$P_dns_cut" "0 not found, 1 errors" 7000
eval_fault "answer for another name (ignored, not used)" "$P_dns_othername" "1 not found, 0 errors" 2000
eval_fault "400 records in a 6.4 KB datagram without EDNS (rejected)" "$P_huge400" "0 not found, 1 errors" 7000

fl_case "explain: the lookup of a cut answer is in the trace with no answers"
fl_run explain -p "$PAC" --dns-server "127.0.0.1:$P_dns_cut" --format json "$U"
want_rc 0
want_jq '[.trace[] | select(.kind == "dns")][0] | .host == "a.example.test" and .answers == [] and .source == "server"'
want_within 7000

fl_case "explain: the record for another name is not taken as the answer"
fl_run explain -p "$PAC" --dns-server "127.0.0.1:$P_dns_othername" --format json "$U"
want_rc 0
want_jq '[.trace[] | select(.kind == "dns")][0].answers == [] and .result == "DIRECT"'
grep -q 10.66.6.6 "$FL_OUT" && bad "the other name's address was used" || ok

fl_case "eval: 30 records (a full 512-byte answer): all of them reach dnsResolveEx"
fl_run eval -p "$EX" --dns-server "127.0.0.1:$P_huge30" "$U"
want_rc 0
want_out "^PROXY n30\.test:3128$"

# check_fault NAME PORT MESSAGE LIMIT-MS: the name target fails with code
# dns and MESSAGE, the IP-literal target beside it keeps its own result.
check_fault() {
  fl_case "check: $1"
  fl_run check --dns-server "127.0.0.1:$2" --connect-timeout 1000 --format json \
    http://a.example.test:9/ http://127.0.0.1:9/
  want_rc 1
  want_jq '.targets[0] | .verdict == "dns-failed" and .attempts[0].error.code == "dns"'
  want_jq '.targets[0].attempts[0].error.message | test("'"$3"'")'
  want_jq '.targets[1] | .verdict == "unreachable" and .attempts[0].error.code == "refused"'
  want_within "$4"
}
check_fault "no answer, bounded by --connect-timeout 1000" "$P_dns_timeout" "could not be resolved" 2500
check_fault "SERVFAIL" "$P_dns_servfail" "could not be resolved" 2500
check_fault "TC bit, no TCP listener" "$P_dns_tc" "could not be resolved" 2500
check_fault "cut answer" "$P_dns_cut" "could not be resolved" 2500
check_fault "answer for another name" "$P_dns_othername" "does not resolve" 2500
check_fault "oversized answer" "$P_huge400" "could not be resolved" 2500

fl_case "check with a DNS-using PAC and a silent server: PAC lookup (5 s) + connect-timeout"
fl_run check --pac "$PAC" --dns-server "127.0.0.1:$P_dns_timeout" --connect-timeout 1000 --format json \
  http://a.example.test:9/ http://127.0.0.1:9/
want_rc 1
want_jq '.targets[0] | .verdict == "dns-failed" and .pac_result == "DIRECT" and .attempts[0].error.code == "dns"'
want_jq '.targets[1] | .pac_result == "PROXY 127.0.0.1:3128" and .attempts[0].error.code == "refused"'
want_within 9000

fl_finish
