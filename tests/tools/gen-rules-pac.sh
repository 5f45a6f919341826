#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# gen-rules-pac.sh OUTDIR [NRULES=200] [NURLS=20000] [SEED=1]
#
# Writes OUTDIR/rules.pac (NRULES if-rules in one FindProxyForURL) and
# OUTDIR/urls.txt (NURLS generated URLs plus a dozen fixed "list handling"
# lines: comments, one blank line, leading blanks, trailing text, CRLF, a line
# without "://"). Same arguments, same bytes: the PRNG is our own
# Park-Miller generator in awk, never awk's rand(), so mawk and gawk agree.
#
# The PAC is built so that no evaluator needs DNS or a clock: it never calls
# isResolvable, dnsResolve, myIpAddress or the date functions, and calls
# isInNet only after a regex proved the host is an IPv4 literal. That makes
# it a fair byte-for-byte comparison between pacparser's pactester and
# pacprobe (tests/cli/pactester_compat.sh). Rules 1 and 2 always test https
# paths, so the Chromium stripping difference (pac-semantics.md section 4.2)
# is always present. Bash + awk only: python may be missing on build hosts.
set -euo pipefail

usage() {
  echo "usage: $0 OUTDIR [NRULES=200] [NURLS=20000] [SEED=1]" >&2
  exit 2
}

[ $# -ge 1 ] && [ $# -le 4 ] || usage
outdir=$1
nrules=${2:-200}
nurls=${3:-20000}
seed=${4:-1}
for n in "$nrules" "$nurls" "$seed"; do
  case $n in '' | *[!0-9]*) usage ;; esac
done
[ "$nrules" -ge 2 ] && [ "$nurls" -ge 1 ] || usage
mkdir -p "$outdir"

LC_ALL=C awk -v NRULES="$nrules" -v NURLS="$nurls" -v SEED="$seed" \
  -v PAC="$outdir/rules.pac" -v URLS="$outdir/urls.txt" '
# ---- deterministic PRNG (Park-Miller, exact in doubles) -------------------
function rnd() { state = (state * 48271) % 2147483647; return state }
function ri(n) { return int(rnd() / 2147483647 * n) }  # high bits: less correlated
function pick(arr, n) { return arr[ri(n) + 1] }

function init_tables() {
  nw = split("mail shop cdn api files news wiki git ci docs media crm " \
             "erp hr vpn sso auth pay maps chat video build jira stats", W, " ")
  ns = split("www app portal api m static img login dev test", SUB, " ")
  np = split("/ /index.html /login /api/v1/items?id=7 /secure/ /app/ " \
             "/images/logo.png /download/setup.exe /a/b/c /search?q=proxy", PATH, " ")
  nt = split("com org net info", TLD, " ")
  nschemes = split("http http http http https https https ftp", SCHEME, " ")
  NTYPES = 16
}

# ---- rules ----------------------------------------------------------------
function result_for(i,    k) {
  k = ri(10)
  if (k == 0) return "PROXY r" i ".proxy.example.com:8080"
  if (k == 1) return "PROXY r" i "a.proxy.example.com:3128; PROXY r" i \
                     "b.proxy.example.com:3128; DIRECT"
  if (k == 2) return "SOCKS5 s" i ".socks.example.com:1080; DIRECT"
  if (k == 3) return "SOCKS s" i ".socks.example.com:1080"
  if (k == 4) return "DIRECT"
  if (k == 5) return "PROXY  r" i ".proxy.example.com:80 ;  DIRECT"
  if (k == 6) return " PROXY r" i ".proxy.example.com:8080;;SOCKS5 s" i \
                     ".example.com:1080 "
  if (k == 7) return "proxy r" i ".proxy.example.com:8081; direct"
  if (k == 8) return "HTTPS r" i ".secure.example.com:443; PROXY r" i \
                     ".proxy.example.com:8080"
  return "PROXY r" i "x.proxy.example.com:8080; PROXY r" i \
         "y.proxy.example.com:8080; SOCKS5 s" i ".socks.example.com:1080; DIRECT"
}

# The JavaScript condition of rule i of type t for word w.
function cond(t, i, w,   a) {
  a = i % 256
  if (t == 0) return "shExpMatch(host, \"*." w ".example.com\")"
  if (t == 1) return "shExpMatch(host, \"srv-??." w ".example.net\")"
  if (t == 2) return "shExpMatch(url, \"http://*." w ".example.org/app/*\")"
  if (t == 3) return "url.substring(0, 5) == \"https\" && " \
                     "shExpMatch(url, \"https://" w ".example.net/secure/*\")"
  if (t == 4) return "url.substring(0, 6) == \"https:\" && " \
                     "url.indexOf(\"/" w "/admin\") != -1"
  if (t == 5) return "dnsDomainIs(host, \"." w ".example.net\")"
  if (t == 6) return "localHostOrDomainIs(host, \"" w ".example.com\")"
  if (t == 7) return "isPlainHostName(host) && host.substring(0, " \
                     length(w) + 1 ") == \"" w "-\""
  if (t == 8) return "dnsDomainLevels(host) == " (3 + i % 3) \
                     " && dnsDomainIs(host, \"." w ".example.info\")"
  if (t == 9) return "url.indexOf(\"?" w "=\") != -1"
  if (t == 10) return "isIp && isInNet(host, \"10." a ".0.0\", \"255.255.0.0\")"
  if (t == 11) return "isIp && isInNet(host, \"192.168." a ".0\", \"255.255.255.0\")"
  if (t == 12) return "url.substring(0, 4) == \"ftp:\" && " \
                      "dnsDomainIs(host, \"." w ".example.org\")"
  if (t == 13) return "url.substring(0, 5) == \"https\" && (host == \"" w \
                      ".example.biz\" || dnsDomainIs(host, \"." w ".example.biz\"))"
  if (t == 14) return "/^cdn[0-9]+\\." w "\\.example\\.com$/.test(host)"
  return "host.indexOf(\"" w ".\") == 0 && dnsDomainLevels(host) >= 2 && " \
         "shExpMatch(url, \"*/download/*\")"
}

function make_rules(   i) {
  for (i = 1; i <= NRULES; i++) {
    TYPE[i] = (i == 1) ? 3 : (i == 2) ? 4 : ri(NTYPES)
    WORD[i] = W[(i - 1) % nw + 1] i
    RES[i] = result_for(i)
  }
}

function write_pac(   i) {
  printf "// rules.pac: %d generated rules (tests/tools/gen-rules-pac.sh, seed %d).\n", \
         NRULES, SEED > PAC
  printf "// No DNS, no clock: isInNet only on IPv4 literals. Do not edit.\n" > PAC
  printf "function FindProxyForURL(url, host) {\n" > PAC
  printf "  var isIp = /^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}$/.test(host);\n" > PAC
  for (i = 1; i <= NRULES; i++) {
    if (i % 25 == 1) printf "\n  // rules %d-%d\n", i, i + 24 > PAC
    printf "  if (%s)\n    return \"%s\";\n", cond(TYPE[i], i, WORD[i]), RES[i] > PAC
  }
  printf "\n  return \"PROXY default.proxy.example.com:8080; DIRECT\";\n}\n" > PAC
  close(PAC)
}

# ---- URLs -----------------------------------------------------------------
function d2() { return sprintf("%02d", ri(100)) }
function rpath() { return pick(PATH, np) }
function rscheme() { return pick(SCHEME, nschemes) }

# A URL that satisfies rule i (miss == 0) or narrowly misses it (miss == 1).
function rule_url(i, miss,   t, w, a, lv, h, k) {
  t = TYPE[i]; w = WORD[i]; a = i % 256
  if (t == 0) return rscheme() "://" (miss ? "" : pick(SUB, ns) ".") w ".example.com" rpath()
  if (t == 1) return rscheme() "://srv-" d2() (miss ? "9" : "") "." w ".example.net" rpath()
  if (t == 2) return (miss && ri(2) ? "https" : "http") "://" pick(SUB, ns) "." w \
                     ".example.org/" (miss ? "other/" : "app/") "page" ri(50)
  if (t == 3) return (miss && ri(2) ? "http" : "https") "://" w ".example.net/" \
                     (miss ? "public/" : "secure/") "doc" ri(50) "?x=" ri(9)
  if (t == 4) return (miss ? "http" : "https") "://portal" ri(9) ".example.com/" w \
                     "/admin/users?page=" ri(5)
  if (t == 5) return rscheme() "://" pick(SUB, ns) "." (miss ? "x" : "") w ".example.net" rpath()
  if (t == 6) {
    if (miss) return rscheme() "://" w "x.example.com" rpath()
    return rscheme() "://" (ri(2) ? w : w ".example.com") rpath()
  }
  if (t == 7) return "http://" w (miss ? ".lan" : "-box" ri(9)) rpath()
  if (t == 8) {
    lv = 3 + i % 3 + (miss ? 1 : 0); h = w ".example.info"
    for (k = 3; k <= lv; k++) h = pick(SUB, ns) k "." h
    return rscheme() "://" h rpath()
  }
  if (t == 9) return rscheme() "://search" ri(9) ".example.com/find?" \
                     (miss ? "x" w "=" : w "=") ri(100)
  if (t == 10) return rscheme() "://10." (miss ? (a + 1) % 256 : a) "." ri(256) "." ri(256) rpath()
  if (t == 11) return rscheme() "://192.168." (miss ? (a + 1) % 256 : a) "." ri(256) rpath()
  if (t == 12) return (miss ? "http" : "ftp") "://files." w ".example.org/pub/file" ri(20) ".tgz"
  if (t == 13) return (miss ? "http" : "https") "://" (ri(2) ? "" : pick(SUB, ns) ".") w \
                      ".example.biz" rpath()
  if (t == 14) return rscheme() "://cdn" (miss ? "x" : ri(1000)) "." w ".example.com/asset" ri(99) ".js"
  return rscheme() "://" w ".mirror" ri(5) ".example.com/" (miss ? "upload/" : "download/") \
         "file" ri(30) ".iso"
}

function ip_url(   k) {
  k = ri(4)
  if (k == 0) return rscheme() "://10." ri(256) "." ri(256) "." ri(256) rpath()
  if (k == 1) return rscheme() "://192.168." ri(256) "." ri(256) rpath()
  if (k == 2) return rscheme() "://203.0.113." ri(256) rpath()
  return rscheme() "://198.51.100." ri(256) ":8080" rpath()
}

function gen_url(   k) {
  k = ri(100)
  if (k < 55) return rule_url(ri(NRULES) + 1, 0)
  if (k < 75) return rule_url(ri(NRULES) + 1, 1)
  if (k < 90) return rscheme() "://" pick(SUB, ns) ".site" ri(5000) ".example." pick(TLD, nt) \
                     (ri(10) ? "" : ":8443") rpath()
  if (k < 97) return ip_url()
  return "http://host" ri(500) rpath()
}

# Lines that exercise pactester list handling (see pactester_compat.sh).
# hw hits a "*.WORD.example.com" host rule, so a tool that lower-cases the
# host or strips userinfo (pactester does neither) answers differently.
function special_lines(   h, hw, i, k) {
  k = 3
  for (i = NRULES; i >= 1; i--) if (TYPE[i] == 0) k = i
  h = WORD[1] ".example.net"
  hw = "www." WORD[k] ".example.com"
  SPECIAL[1] = "# comment in the middle of the list"
  SPECIAL[2] = "   # indented comment"
  SPECIAL[3] = ""
  SPECIAL[4] = "  http://" hw "/leading-spaces"
  SPECIAL[5] = "\thttps://" h "/secure/tab-led"
  SPECIAL[6] = "http://" hw "/trailing text after a space"
  SPECIAL[7] = "http://" toupper(hw) "/upper-case-host"
  SPECIAL[8] = "http://user:secret@" hw "/userinfo"
  SPECIAL[9] = "https://[2001:db8::1]/ipv6-literal"
  SPECIAL[10] = "www.example.com/no-scheme"
  SPECIAL[11] = "http://" hw "/windows-line-end\r"
  SPECIAL[12] = "# comment with a windows line end\r"
  SPECIAL[13] = "https://" h ":8443/secure/with-port"
  nspecial = 13
}

function write_urls(   j, every, s) {
  printf "# urls.txt: %d generated URLs for rules.pac (seed %d)\n", NURLS, SEED > URLS
  every = int(NURLS / (nspecial + 1)); if (every < 1) every = 1
  s = 1
  for (j = 1; j <= NURLS; j++) {
    print gen_url() > URLS
    if (j % every == 0 && s <= nspecial) print SPECIAL[s++] > URLS
  }
  while (s <= nspecial) print SPECIAL[s++] > URLS
  close(URLS)
}

BEGIN {
  state = (SEED % 2147483646) + 1
  for (warm = 0; warm < 8; warm++) rnd()  # small seeds start with small values
  init_tables()
  make_rules()
  write_pac()
  special_lines()
  write_urls()
}'
