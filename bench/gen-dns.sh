#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# gen-dns.sh OUTDIR [NURLS=2000] [NNAMES=1000] [ZONE=bench.test]
#
# The DNS-heavy benchmark input: OUTDIR/dns.pac, a corporate-style PAC whose
# rules call isResolvable(host), isInNet(host, ...) three times and
# dnsResolve(host) for every request (what real PACs do, and why the peers
# are slow: one blocking lookup after another), and OUTDIR/dns.urls, NURLS
# URLs over NNAMES distinct host names: nine in ten in ZONE (bench/tools/
# slowdns answers them), one in ten outside it (NXDOMAIN). Deterministic:
# the same arguments give the same bytes.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [NURLS] [NNAMES] [ZONE]" >&2; exit 2; }
out=$1 nurls=${2:-2000} nnames=${3:-1000} zone=${4:-bench.test}
mkdir -p "$out"

cat >"$out/dns.pac" <<PAC
// DNS-heavy benchmark PAC (bench/gen-dns.sh): every request resolves its host.
function FindProxyForURL(url, host) {
  if (isPlainHostName(host) || dnsDomainIs(host, ".local"))
    return "DIRECT";
  if (!isResolvable(host))
    return "PROXY unresolved.proxy.example.com:8080";
  if (isInNet(host, "10.0.0.0", "255.255.0.0"))
    return "DIRECT";
  if (isInNet(host, "10.1.0.0", "255.255.0.0") || isInNet(host, "10.2.0.0", "255.255.0.0"))
    return "PROXY inner.proxy.example.com:3128; DIRECT";
  var ip = dnsResolve(host);
  if (shExpMatch(ip, "10.3.*"))
    return "PROXY r3.proxy.example.com:8080; PROXY r3b.proxy.example.com:8080";
  if (shExpMatch(url, "https:*"))
    return "PROXY secure.proxy.example.com:8443";
  return "PROXY default.proxy.example.com:8080; DIRECT";
}
PAC

LC_ALL=C awk -v N="$nurls" -v NAMES="$nnames" -v ZONE="$zone" '
function rnd() { state = (state * 48271) % 2147483647; return state }
BEGIN {
  state = 7
  split("/ /index.html /api/v1/items?id=7 /login /static/app.js", P, " ")
  for (i = 0; i < N; i++) {
    # every name appears, then repeats: i < NAMES walks them in a shuffled order
    k = (i < NAMES) ? ((i * 7919) % NAMES) + 1 : (rnd() % NAMES) + 1
    host = (k % 10 == 0) ? "nx" k ".elsewhere.test" : "h" k "." ZONE
    scheme = (rnd() % 3 == 0) ? "https" : "http"
    print scheme "://" host P[(rnd() % 5) + 1]
  }
}' >"$out/dns.urls"
