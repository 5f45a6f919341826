#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The names on the wire (issue 17 must-show 4): a target whose name is a
# CNAME chain in the lab DNS (dnsmasq --cname in the server namespace,
# login.example.test -> login.cdn.example.test -> edge.example.net) shows the
# whole chain per attempt, and --service-tags reports the membership of each
# name of the chain; a proxy reached through an alias is flagged for
# Kerberos with the SPN a Windows client asks for (the canonical name).
# Traffic stays in the lab namespaces (lab.sh); the replayed proxy listens on
# the client namespace's own loopback.
# Usage: test_check_names.sh PACPROBE PP_LAB_HTTPD (skips without root/dnsmasq).
source "$(dirname "$0")/lab.sh"
lab_require
command -v jq >/dev/null || lab_skip "jq not installed"
command -v python3 >/dev/null || lab_skip "python3 not installed"
lab_up example.test || exit 1
HERE=$(cd "$(dirname "$0")" && pwd)
TAGS=$HERE/data/servicetags-lab.json
lab_pac login.example.test /ping 'pong'
lab_pac plain.example.test /ping 'pong'
lab_dnsmasq "$S" 10.77.0.1 dns --local=/example.test/ --local=/example.net/ \
  --cname=login.example.test,login.cdn.example.test --cname=login.cdn.example.test,edge.example.net \
  --host-record=edge.example.net,10.77.0.1 --host-record=plain.example.test,10.77.0.1 \
  --cname=proxy.example.test,proxyhost.example.net --host-record=proxyhost.example.net,127.0.0.1 || exit 1

want_jq() { jq -e "$1" "$LAB_OUT" >/dev/null 2>&1 && ok || bad "jq false: $1"; }
CHAIN='["login.example.test","login.cdn.example.test","edge.example.net"]'

lab_case "must show 4: the attempt shows the whole CNAME chain (JSON dns_chain)"
lab_run laptop check --connect-timeout 2 --max-time 5 --format json http://login.example.test/ping
want_rc 0
want_jq '.targets[0].verdict == "ok" and .targets[0].attempts[0].route == "DIRECT"'
want_jq ".targets[0].attempts[0].dns_chain == $CHAIN"
want_log dns "query\[A\] login\.example\.test from 10\.77\.0\.2"

lab_case "must show 4: service-tag membership for the final name and every name of the chain"
lab_run laptop check --connect-timeout 2 --max-time 5 --format json --service-tags "$TAGS" --tag LabEdge \
  http://login.example.test/ping
want_rc 0
want_jq '.targets[0].service_tag.tag == "LabEdge" and .targets[0].service_tag.inside == true'
want_jq ".targets[0].service_tag.names | map(.name) == $CHAIN"
want_jq '.targets[0].service_tag.names | map(.role) == ["alias","alias","canonical"]'
want_jq '.targets[0].service_tag.names | all(.inside == true and .addresses == [{"address":"10.77.0.1","inside":true}])'

lab_case "the same in text: names on the wire, then each name with its addresses"
lab_run laptop check --connect-timeout 2 --max-time 5 --service-tags "$TAGS" --tag LabEdge http://login.example.test/ping
want_rc 0
want_out "^      names on the wire: login\.example\.test → login\.cdn\.example\.test → edge\.example\.net$"
want_out "^  names on the wire: login\.example\.test → login\.cdn\.example\.test → edge\.example\.net$"
want_out "^  service tag LabEdge: inside \(10\.77\.0\.1\)$"
want_out "^    login\.example\.test \(alias\): 10\.77\.0\.1 inside$"
want_out "^    login\.cdn\.example\.test \(alias\): 10\.77\.0\.1 inside$"
want_out "^    edge\.example\.net \(canonical name\): 10\.77\.0\.1 inside$"

lab_case "a tag the addresses are not in: every name NOT inside"
lab_run laptop check --connect-timeout 2 --max-time 5 --format json --service-tags "$TAGS" --tag LabElsewhere \
  http://login.example.test/ping
want_jq '.targets[0].service_tag.inside == false'
want_jq '.targets[0].service_tag.names | length == 3 and all(.inside == false and .addresses[0].inside == false)'

lab_case "a name that is no alias: dns_chain is the name alone, no chain line"
lab_run laptop check --connect-timeout 2 --max-time 5 --format json --service-tags "$TAGS" --tag LabEdge \
  http://plain.example.test/ping
want_rc 0
want_jq '.targets[0].attempts[0].dns_chain == ["plain.example.test"]'
want_jq '.targets[0].service_tag.names == [{"name":"plain.example.test","role":"canonical","addresses":[{"address":"10.77.0.1","inside":true}],"inside":true}]'
lab_run laptop check --connect-timeout 2 --max-time 5 http://plain.example.test/ping
want_no_out "names on the wire"

lab_case "--resolve answers have no chain"
lab_run laptop check --connect-timeout 2 --max-time 5 --format json --resolve login.example.test=10.77.0.1 \
  http://login.example.test/ping
want_rc 0
want_jq '.targets[0].attempts[0].dns_chain == null'

lab_case "Kerberos readiness: a proxy reached through an alias asks for HTTP/<canonical name>"
PORTF=$LAB_TMP/replay.port
ip netns exec "$C" python3 "$HERE/replayproxy.py" "$HERE/../unit/data/blockpages/negotiate-407.http" >"$PORTF" &
LAB_PIDS+=($!)
for _ in $(seq 50); do [ -s "$PORTF" ] && break; sleep 0.1; done
PORT=$(cat "$PORTF")
lab_run laptop check --connect-timeout 2 --max-time 5 --format json --proxy "http://proxy.example.test:$PORT" \
  http://www.example.test/
want_rc 1
want_jq '.targets[0].verdict == "auth-required"'
want_jq '.targets[0].attempts[0].dns_chain == ["proxy.example.test","proxyhost.example.net"]'
want_jq '.targets[0].attempts[0].auth.domain_machine | .alias == true and .ip_literal == false and .spn == "HTTP/proxyhost.example.net"'
want_jq '.targets[0].attempts[0].auth.domain_machine.scheme | startswith("Kerberos only if the SPN HTTP/proxyhost.example.net is registered")'
lab_run laptop check --connect-timeout 2 --max-time 5 --proxy "http://proxy.example.test:$PORT" http://www.example.test/
want_out "^      names on the wire: proxy\.example\.test → proxyhost\.example\.net$"
want_out "^      domain machine: Kerberos only if the SPN HTTP/proxyhost\.example\.net is registered .*the proxy name proxy\.example\.test is an alias \(CNAME\) of proxyhost\.example\.net"

lab_finish
