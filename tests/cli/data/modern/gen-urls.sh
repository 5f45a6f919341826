#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# gen-urls.sh [N=5000] [SEED=7]: N URLs that exercise every rule of
# corporate.pac (short names, corp domain, office/lab/other IPv4, internal
# and public IPv6, SSO, Microsoft 365, partners, FTP, hashed pools). Same
# arguments, same bytes: our own Park-Miller generator in awk.
set -euo pipefail
N=${1:-5000}
SEED=${2:-7}
awk -v n="$N" -v seed="$SEED" '
function rnd(m) { seed = (seed * 16807) % 2147483647; return seed % m }
function word(   s, i, len) { len = 3 + rnd(8); s = ""; for (i = 0; i < len; i++) s = s substr("abcdefghijklmnopqrstuvwxyz0123456789-", 1 + rnd(26 + (i ? 11 : 0)), 1); return s }
BEGIN {
  split("http https ftp ws wss", scheme, " ")
  split(".com .org .net .io .example.org .co.uk", tld, " ")
  split("10.%d.%d.%d 192.168.%d.%d 172.%d.%d.%d 8.8.%d.%d 203.0.113.%d", v4, " ")
  for (i = 0; i < n; i++) {
    s = scheme[1 + rnd(5)]; r = rnd(14)
    if (r == 0) host = word()
    else if (r == 1) host = word() ".corp.example.com"
    else if (r == 2) host = sprintf("10.%d.%d.%d", rnd(256), rnd(256), rnd(256))
    else if (r == 3) host = sprintf("192.168.%d.%d", rnd(256), rnd(256))
    else if (r == 4) host = sprintf("172.%d.%d.%d", 10 + rnd(30), rnd(256), rnd(256))
    else if (r == 5) host = sprintf("%d.%d.%d.%d", 1 + rnd(223), rnd(256), rnd(256), rnd(256))
    else if (r == 6) host = sprintf("[%s::%x]", rnd(2) ? "2001:db8" : (rnd(2) ? "fd12" : "2606:4700"), rnd(65536))
    else if (r == 7) { host = "login.example.net"; s = "https" }
    else if (r == 8) host = word() (rnd(2) ? ".microsoft.com" : ".azure.com")
    else if (r == 9) host = word() ".office365.com"
    else if (r == 10) host = rnd(2) ? word() ".partner-a.example.org" : "extranet" rnd(10) ".partner-b.example.org"
    else host = word() tld[1 + rnd(6)]
    path = rnd(3) == 0 ? "/sso/" word() : "/" word()
    printf "%s://%s%s%s\n", s, host, rnd(5) == 0 ? ":" (1024 + rnd(60000)) : "", path
  }
}'
