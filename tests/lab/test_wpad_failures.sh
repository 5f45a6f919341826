#!/usr/bin/env bash
# WPAD lab: every fetch failure is named in the trace and discovery moves on
# to the next candidate (DESIGN §1.5): a DHCP URL that 404s (falls back to
# DNS, warned), then wpad names that answer 404, too big, too slow, a
# redirect loop, a syntax error, no FindProxyForURL, and finally a good PAC.
# Also `eval --pac auto`, and a file: URL from DHCP or a lease (refused). Usage: test_wpad_failures.sh PACPROBE PP_LAB_HTTPD.
source "$(dirname "$0")/lab.sh"
lab_require
D=corp.pacprobe.test
CHAIN=notfound.big.slow.loop.syntax.nofunc.$D
lab_up "$CHAIN" || exit 1
names=() rec=()
n=$CHAIN
while :; do names+=("wpad.$n"); rec+=(--host-record="wpad.$n,10.77.0.1"); [ "$n" = "$D" ] && break; n=${n#*.}; done
# wpad.notfound.* has no file: 404
head -c 1100000 /dev/zero | tr '\0' '/' >"$LAB_TMP/big"; mkdir -p "$LAB_TMP/www/wpad.big.slow.loop.syntax.nofunc.$D"
cp "$LAB_TMP/big" "$LAB_TMP/www/wpad.big.slow.loop.syntax.nofunc.$D/wpad.dat"
lab_pac "wpad.slow.loop.syntax.nofunc.$D" /wpad.dat 'function FindProxyForURL(u, h) { return "DIRECT"; }'
lab_sidecar "wpad.slow.loop.syntax.nofunc.$D" /wpad.dat slow 3
lab_sidecar "wpad.loop.syntax.nofunc.$D" /wpad.dat redirect /wpad.dat
lab_pac "wpad.syntax.nofunc.$D" /wpad.dat 'function FindProxyForURL(url, host) { return "DIRECT"'
lab_pac "wpad.nofunc.$D" /wpad.dat 'function findProxyForURL(url, host) { return "DIRECT"; }'
lab_pac "wpad.$D" /wpad.dat 'function FindProxyForURL(url, host) { return "PROXY proxy.corp.pacprobe.test:3128"; }'
lab_sidecar "wpad.$D" /wpad.dat type text/plain
lab_dnsmasq "$S" 10.77.0.1 dns --dhcp-range=10.77.0.0,static,255.255.255.0 \
  --dhcp-option=252,"http://10.77.0.1/missing.pac" --local=/pacprobe.test/ "${rec[@]}" || exit 1

lab_case "each failure is named and discovery moves on"
lab_run laptop discover --interface "$C" --fetch-timeout 1000
want_rc 0
want_order "^fetch http://10\.77\.0\.1/missing\.pac \(dhcp $C server 10\.77\.0\.1\) -> HTTP 404.*\[http-status" \
  "^fetch http://wpad\.notfound\..* -> HTTP 404.*\[http-status" \
  "^fetch http://wpad\.big\..*\[too-big" \
  "^fetch http://wpad\.slow\..*\[timeout" \
  "^fetch http://wpad\.loop\..*redirected to /wpad\.dat -> /wpad\.dat.*\[redirect-loop" \
  "^fetch http://wpad\.syntax\..*\[syntax-error" \
  "^fetch http://wpad\.nofunc\..*\[no-function" \
  "^fetch http://wpad\.corp\.pacprobe\.test/wpad\.dat .*\[ok"
want_out "^warning dhcp-failed-fallback: dhcp $C server 10\.77\.0\.1 offered http://10\.77\.0\.1/missing\.pac"
want_out "^warning pac-invalid: http://wpad\.syntax\."
want_out "^warning pac-invalid: http://wpad\.nofunc\."
want_out "^      hosting content-type: served as 'text/plain', not application/x-ns-proxy-autoconfig; no client pacprobe models refuses it: .*the WinHTTP proxy service takes it for the URL's extension"
want_out "^decided_by: dns$"
want_out "^Found: the PAC at http://wpad\.corp\.pacprobe\.test/wpad\.dat, offered by dns, fetched and valid; [0-9]+ warnings above to look at; 1 hosting finding of its fetch above names the clients affected\.$"
want_no_out "wpad\.pacprobe\.test/wpad\.dat"

lab_case "--order dns,dhcp and --no-fetch: the first DNS candidate decides unfetched"
lab_run laptop discover --interface "$C" --order dns,dhcp --no-fetch
want_rc 0
want_out "^pac_url: http://wpad\.$CHAIN/wpad\.dat$"
want_out "^decided_by: dns$"

lab_case "eval --pac auto evaluates what discovery found"
rm -f "$LAB_TMP/www/wpad.slow.loop.syntax.nofunc.$D/wpad.dat.slow"
lab_run laptop eval --pac auto http://example.com/
want_rc 0
want_out "^DIRECT$"
want_err "note: --pac auto: WPAD decided by dns: http://wpad\.slow\."

lab_case "a file: URL in DHCP option 252 is refused and flagged, never read"
lab_dnsmasq_stop dns
lab_dnsmasq "$S" 10.77.0.1 dnsfile --dhcp-range=10.77.0.0,static,255.255.255.0 \
  --dhcp-option=252,"file:///etc/passwd" --local=/pacprobe.test/ || exit 1
lab_run laptop discover --interface "$C" --no-dns --format json
want_rc 1
grep -q '"code":"scheme-refused"' "$LAB_OUT" && ok || bad "no scheme-refused warning"
want_out '"message":"dhcp [^"]* offered file:///etc/passwd: not fetched, a WPAD answer may only name an http:// or https:// PAC \(a file: URL would make the client read a local file\)"'
want_no_out '"method":"fetch"'
grep -q 'root:' "$LAB_OUT" "$LAB_ERR" && bad "/etc/passwd was read" || ok

lab_case "the same from a lease file"
printf 'lease {\n  interface "%s";\n  option dhcp-server-identifier 10.77.0.1;\n  option wpad "FILE:///etc/shadow";\n}\n' "$C" >"$LAB_TMP/file.lease"
lab_run laptop discover --interface "$C" --lease-file "$LAB_TMP/file.lease" --no-dns
want_rc 1
want_out "^warning scheme-refused: lease .*file\.lease offered FILE:///etc/shadow: not fetched"
want_out "^warning scheme-refused: dhcp $C server 10\.77\.0\.1 offered file:///etc/passwd: not fetched"
want_no_out "^fetch "

lab_finish
