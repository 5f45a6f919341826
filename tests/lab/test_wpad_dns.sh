#!/usr/bin/env bash
# WPAD lab: the DNS side of `pacprobe discover` (DESIGN §1.5, docs/wpad.md).
# Devolution from a deep search domain, most specific first; the public-
# suffix stop (wpad.co.uk is never asked, even though it would resolve);
# a wildcard; nothing found within the timeouts.
# Usage: test_wpad_dns.sh PACPROBE PP_LAB_HTTPD (skips without root/dnsmasq).
source "$(dirname "$0")/lab.sh"
lab_require
lab_up eng.site1.corp.pacprobe.test || exit 1
lab_pac wpad.corp.pacprobe.test /wpad.dat 'function FindProxyForURL(u, h) { return "PROXY proxy.corp.pacprobe.test:3128"; }'
lab_pac wpad.example.co.uk /wpad.dat 'function FindProxyForURL(u, h) { return "PROXY proxy.example.co.uk:8080"; }'
lab_pac wpad.co.uk /wpad.dat 'function FindProxyForURL(u, h) { return "PROXY attacker.example:80"; }'
lab_dnsmasq "$S" 10.77.0.1 dns --dhcp-range=10.77.0.0,static,255.255.255.0 \
  --local=/pacprobe.test/ --local=/co.uk/ \
  --host-record=wpad.site1.corp.pacprobe.test,10.77.0.1 --host-record=wpad.corp.pacprobe.test,10.77.0.1 \
  --host-record=wpad.example.co.uk,10.77.0.1 --host-record=wpad.co.uk,10.77.0.1 \
  --address=/wild.pacprobe.test/10.77.0.1 --local=/othercorp.test/ \
  --host-record=wpad.othercorp.test,203.0.113.10 || exit 1

lab_case "DNS after devolution: the more specific names fail first, in order"
lab_run laptop discover --interface "$C"
want_rc 0
want_out "^dhcp +$C \(broadcast\) -> - +\[no-option-252"
want_order "^dns +wpad\.eng\.site1\.corp\.pacprobe\.test -> - +\[not-found" \
  "^dns +wpad\.site1\.corp\.pacprobe\.test -> 10\.77\.0\.1 +\[found" \
  "^dns +wpad\.corp\.pacprobe\.test -> 10\.77\.0\.1 +\[found" \
  "^dns +wpad\.pacprobe\.test -> - +\[not-found" \
  "^fetch http://wpad\.site1\.corp\.pacprobe\.test/wpad\.dat .* -> HTTP 404.*\[http-status" \
  "^fetch http://wpad\.corp\.pacprobe\.test/wpad\.dat .* -> HTTP 200.*\[ok"
want_out "^decided_by: dns$"
want_out "^pac_url: http://wpad\.corp\.pacprobe\.test/wpad\.dat$"
want_log dns "query\[A\] wpad\.eng\.site1\.corp\.pacprobe\.test from 10\.77\.0\.2"
want_log dns "query\[AAAA\] wpad\.corp\.pacprobe\.test from 10\.77\.0\.2"

lab_case "public suffix: corp.example.co.uk never devolves to wpad.co.uk"
: >"$LAB_TMP/dns.log.mark"
lab_run laptop.corp.example.co.uk discover --interface "$C" --no-dhcp --domain corp.example.co.uk
want_rc 0
want_order "^dns +wpad\.corp\.example\.co\.uk -> - +\[not-found" "^dns +wpad\.example\.co\.uk -> 10\.77\.0\.1 +\[found"
want_no_out "^(dns|fetch) +(http://)?wpad\.co\.uk[ /]"
want_out "^warning public-suffix-stop: devolution of corp\.example\.co\.uk stopped at example\.co\.uk: co\.uk is a public suffix, wpad\.co\.uk not queried"
want_out "^pac_url: http://wpad\.example\.co\.uk/wpad\.dat$"
want_log_no dns "query\[[A-Z]+\] wpad\.co\.uk "

lab_case "a public suffix as the search domain is never queried"
lab_run laptop discover --interface "$C" --no-dhcp --domain co.uk
want_rc 1
want_out "^warning domain-public-suffix: co\.uk"
want_log_no dns "query\[[A-Z]+\] wpad\.co\.uk "

lab_case "a wildcard answers for wpad: warned"
lab_run laptop discover --interface "$C" --no-dhcp --no-fetch --domain wild.pacprobe.test
want_rc 0
want_out "^warning wildcard: wpad\.wild\.pacprobe\.test exists only as a wildcard"
want_out "^fetch http://wpad\.wild\.pacprobe\.test/wpad\.dat .*\[not-fetched"

lab_case "a devolved name outside the organisation, answering with a public address"
lab_run laptop.corp.pacprobe.test discover --interface "$C" --no-dhcp --no-fetch --domain eng.othercorp.test
want_rc 0
want_out "^warning outside-organisation: wpad\.othercorp\.test \(devolved\) answers from othercorp\.test, outside this host's organisation pacprobe\.test"
want_out "^warning public-address: wpad\.othercorp\.test resolves to the public address 203\.0\.113\.10 from a private network"

lab_case "JSON: attempts in trace order, decision, warnings"
lab_run laptop discover --interface "$C" --format json
want_rc 0
jq -e '[.attempts[] | select(.method == "dns") | .name] == ["wpad.eng.site1.corp.pacprobe.test",
  "wpad.site1.corp.pacprobe.test", "wpad.corp.pacprobe.test", "wpad.pacprobe.test"]' "$LAB_OUT" >/dev/null \
  && ok || bad "dns names not most specific first"
jq -e '.decided_by == "dns" and .pac_url == "http://wpad.corp.pacprobe.test/wpad.dat"' "$LAB_OUT" >/dev/null \
  && ok || bad "decision"
jq -e '[.attempts[] | select(.method == "fetch") | .status] == [404, 200]' "$LAB_OUT" >/dev/null && ok || bad "fetch statuses"

lab_case "nothing found: exit 1 within --dhcp-timeout + --dns-timeout + 1 s"
lab_dnsmasq_stop dns
lab_run laptop discover --interface "$C" --dhcp-timeout 1000 --dns-timeout 1000 --dns-server 10.77.0.9
want_rc 1
want_out "^dhcp +$C \(broadcast\) -> - +\[no-reply"
want_out "^dns +wpad\.corp\.pacprobe\.test -> - +\[error"
want_out "^decided_by: none$"
want_out "^Nothing usable found: [0-9]+ wpad lookups? failed with a DNS error .*; check that the DNS server in /etc/resolv\.conf \(or --dns-server\) is reachable and answers\.$"
want_within 3000

lab_finish
