#!/usr/bin/env bash
# WPAD lab: the DHCP side of `pacprobe discover` against real dnsmasq
# (DESIGN §1.5, docs/wpad.md). DHCP wins over DNS; lease file + unicast
# INFORM; a 252 value with trailing newline and NUL; a server without a
# dhcp-range (no answer); two servers that disagree.
# Usage: test_wpad_dhcp.sh PACPROBE PP_LAB_HTTPD (skips without root/dnsmasq).
source "$(dirname "$0")/lab.sh"
lab_require
lab_up eng.site1.corp.pacprobe.test || exit 1
GOOD='function FindProxyForURL(url, host) { return "PROXY dhcp.corp.pacprobe.test:3128"; }'
lab_pac pac.corp.pacprobe.test /dhcp.pac "$GOOD"
lab_pac wpad.corp.pacprobe.test /wpad.dat 'function FindProxyForURL(u, h) { return "PROXY dns:3128"; }'
DNS=(--local=/pacprobe.test/ --host-record=pac.corp.pacprobe.test,10.77.0.1
     --host-record=wpad.corp.pacprobe.test,10.77.0.1)
RANGE=--dhcp-range=10.77.0.0,static,255.255.255.0

lab_case "DHCP and DNS both offer a PAC: DHCP decides"
lab_dnsmasq "$S" 10.77.0.1 dns1 "$RANGE" --dhcp-option=252,"http://pac.corp.pacprobe.test/dhcp.pac" "${DNS[@]}" || exit 1
lab_run laptop discover --interface "$C"
want_rc 0
want_out "^dhcp +$C \(broadcast\) -> http://pac\.corp\.pacprobe\.test/dhcp\.pac +\[url, "
want_out "^dns +wpad\.corp\.pacprobe\.test -> 10\.77\.0\.1 +\[found"
want_out "^decided_by: dhcp$"
want_out "^pac_url: http://pac\.corp\.pacprobe\.test/dhcp\.pac$"
want_no_out "^warning"
want_log dns1 "DHCPINFORM\(ppb$LAB_ID\) 10\.77\.0\.2"
want_log dns1 "requested options: 252"

lab_case "a lease names the server: INFORM is also sent unicast"
printf 'lease {\n  interface "%s";\n  fixed-address 10.77.0.2;\n  option dhcp-server-identifier 10.77.0.1;\n  option wpad "http://pac.corp.pacprobe.test/dhcp.pac";\n}\n' "$C" >"$LAB_TMP/dhclient.leases"
lab_run laptop discover --interface "$C" --lease-file "$LAB_TMP/dhclient.leases" --no-dns
want_rc 0
want_out "^dhcp +$C \(unicast 10\.77\.0\.1\) -> http://pac\.corp\.pacprobe\.test/dhcp\.pac +\[url"
want_out "^dhcp +$C \(broadcast\) -> http://pac"
want_out "^lease +$LAB_TMP/dhclient\.leases \(dhclient\) -> http://pac\.corp\.pacprobe\.test/dhcp\.pac +\[url"
want_order "^dhcp " "^lease " "^fetch "
want_out "^decided_by: dhcp$"

lab_case "option 252 ends in newline and NUL: trimmed as Chromium does, and warned"
lab_dnsmasq_stop dns1
HEX=$(printf 'http://pac.corp.pacprobe.test/dhcp.pac' | od -An -tx1 | tr -s ' \n' ':' | sed 's/^://;s/:$//')
lab_dnsmasq "$S" 10.77.0.1 dns2 "$RANGE" --dhcp-option=252,"$HEX:0a:00" "${DNS[@]}" || exit 1
lab_run laptop discover --interface "$C" --no-dns
want_rc 0
want_out 'option 252 raw "http://pac\.corp\.pacprobe\.test/dhcp\.pac\\x0a\\x00"'
want_out "^warning dhcp-252-trimmed: .*trailing NUL and trailing newline"
want_out "^pac_url: http://pac\.corp\.pacprobe\.test/dhcp\.pac$"

lab_case "without root: no port 68, dnsmasq still answers the sender's port"
LAB_AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
lab_run laptop discover --interface "$C" --no-dns --no-fetch
LAB_AS=""
want_rc 0
want_out "^dhcp +$C \(broadcast\) -> http://pac\.corp\.pacprobe\.test/dhcp\.pac +\[url, .*port 68 unavailable \(Permission denied\), sent from port [0-9]+"

lab_case "a second server on the segment disagrees"
lab_server2 || exit 1
lab_pac pac.corp.pacprobe.test /rogue.pac 'function FindProxyForURL(u, h) { return "PROXY rogue:8080"; }'
lab_dnsmasq "$X" 10.77.0.3 rogue --port=0 --dhcp-range=10.77.0.0,static,255.255.255.0 \
  --dhcp-option=252,"http://pac.corp.pacprobe.test/rogue.pac" || exit 1
lab_run laptop discover --interface "$C" --no-dns --format json
want_rc 0
jq -e '[.attempts[] | select(.method == "dhcp") | .server] | sort == ["10.77.0.1", "10.77.0.3"]' "$LAB_OUT" >/dev/null && ok || bad "two DHCP answers expected"
jq -e '[.warnings[].code] | index("dhcp-conflict") != null' "$LAB_OUT" >/dev/null && ok || bad "no dhcp-conflict warning"
jq -e '.decided_by == "dhcp"' "$LAB_OUT" >/dev/null && ok || bad "decided_by is not dhcp"
lab_dnsmasq_stop rogue

lab_case "dnsmasq without a dhcp-range does not answer DHCPINFORM"
lab_dnsmasq_stop dns2
lab_dnsmasq "$S" 10.77.0.1 dns3 --dhcp-option=252,"http://pac.corp.pacprobe.test/dhcp.pac" "${DNS[@]}" || exit 1
lab_run laptop discover --interface "$C" --no-dns --dhcp-timeout 800
want_rc 1
want_out "^dhcp +$C \(broadcast\) -> - +\[no-reply, [0-9]+ ms\]: no DHCPACK within 800 ms \(sent from port 68\)"
want_out "^decided_by: none$"
want_out "^Nothing usable found: no DHCP server answered the DHCPINFORM, and DNS was not tried \(--no-dns\)\.$"
want_within 2000

lab_finish
