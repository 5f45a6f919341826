#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/run.sh: pacprobe against the peers, same inputs, same run (`make bench`).
#
#   1. no-DNS PAC (tests/tools/gen-rules-pac.sh, 200 rules) over NODNS_URLS
#      URLs: pacprobe --emulate pacparser vs Debian's pactester (outputs must
#      be byte-identical) and pacprobe --emulate pac-resolver vs node's
#      pac-resolver 9 (outputs must be identical);
#   2. peak RSS of pacprobe for BIG_URLS vs NODNS_URLS URLs (must stay flat);
#   3. DNS-heavy PAC (bench/gen-dns.sh) over DNS_URLS URLs and DNS_NAMES names
#      with bench/tools/slowdns answering after DELAY_MS, inside a network
#      namespace whose resolv.conf points at it, so every tool resolves
#      through the same slow server (root needed; skipped with a message
#      otherwise). The peers ask one blocking lookup after another, so they
#      run on the first PEER_DNS_URLS URLs (their rate does not depend on the
#      list length: no cache); pacprobe runs the whole list.
# Prints one table per benchmark (tool, URLs, wall, evaluations/s, DNS
# queries sent, peak RSS, pacprobe's ratio) and the checks; exits 1 when an
# output comparison or a count check fails. Traffic: loopback in the
# namespace only. Every run is bounded by `timeout`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
OUT=${OUT:-$ROOT/bench/out}
NODNS_URLS=${NODNS_URLS:-100000}
BIG_URLS=${BIG_URLS:-1000000}
DNS_URLS=${DNS_URLS:-2000}
DNS_NAMES=${DNS_NAMES:-1000}
DELAY_MS=${DELAY_MS:-20}
PEER_DNS_URLS=${PEER_DNS_URLS:-200}
LIMIT=${LIMIT:-600} # seconds per tool run
NS=ppbench$$
PP=$BUILD/pacprobe
SLOWDNS=$BUILD/bench/slowdns
status=0

say() { printf '%s\n' "$*" >&2; }

# ---- tools -------------------------------------------------------------------
prepare() {
  [ -x "$PP" ] || { say "building pacprobe in $BUILD"; make -C "$ROOT" build BUILD="$BUILD" >/dev/null; }
  cmake -S "$ROOT/bench" -B "$BUILD/bench" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD/bench" >/dev/null
  if ! command -v pactester >/dev/null; then
    if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpacparser1 >/dev/null
    else say "pactester missing: sudo apt-get install libpacparser1"; exit 1; fi
  fi
  if [ ! -d "$ROOT/bench/peers/node_modules/pac-resolver" ]; then
    command -v npm >/dev/null || { say "npm missing: sudo apt-get install nodejs npm"; exit 1; }
    say "installing pac-resolver into bench/peers/node_modules"
    (cd "$ROOT/bench/peers" && timeout 300 npm install --no-audit --no-fund --silent)
  fi
  mkdir -p "$OUT"
}

# ---- measuring ---------------------------------------------------------------
# run NAME OUTFILE CMD...: wall seconds and peak RSS (KiB) into $OUT/NAME.{wall,rss}
run() {
  local name=$1 outfile=$2
  shift 2
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$OUT/$name.rss" timeout "$LIMIT" "$@" >"$outfile" 2>"$OUT/$name.err" || true
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 ))" >"$OUT/$name.wall"
  tail -n1 "$OUT/$name.rss" >"$OUT/$name.rss.1" && mv "$OUT/$name.rss.1" "$OUT/$name.rss"
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN { printf "%.0f", (ms > 0 ? n * 1000 / ms : 0) }'; }

# row TOOL URLS NAME QUERIES REF_RATE
row() {
  local ms rss r ratio
  ms=$(cat "$OUT/$3.wall")
  rss=$(cat "$OUT/$3.rss")
  r=$(rate "$2" "$ms")
  ratio=$(awk -v a="$5" -v b="$r" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }')
  printf '| %-34s | %8s | %8.2f | %10s | %11s | %8.1f | %8s |\n' "$1" "$2" \
    "$(awk -v m="$ms" 'BEGIN{print m/1000}')" "$r" "$4" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$ratio"
}

header() {
  printf '\n%s\n\n' "$1"
  printf '| %-34s | %8s | %8s | %10s | %11s | %8s | %8s |\n' tool URLs "wall s" "evals/s" \
    "DNS queries" "RSS MiB" "pacprobe"
  printf '|%s|\n' "------------------------------------|----------|----------|------------|-------------|----------|----------"
}

check() { # check DESCRIPTION COMMAND...
  if "${@:2}"; then say "ok: $1"; else say "FAILED: $1"; status=1; fi
}

# ---- 1 + 2: no DNS -------------------------------------------------------------
bench_nodns() {
  local d=$OUT/nodns
  bash "$ROOT/tests/tools/gen-rules-pac.sh" "$d" 200 "$NODNS_URLS" 1 >/dev/null
  # only plain URL lines: every tool's script must see the same string
  grep -E '^[a-z]+://[^ ]+$' "$d/urls.txt" | grep -v $'\r' | head -n "$NODNS_URLS" >"$d/clean.urls"
  local n
  n=$(wc -l <"$d/clean.urls")
  run pp-nodns "$d/pp.out" "$PP" eval --quiet --emulate pacparser -p "$d/rules.pac" -f "$d/clean.urls"
  run pp-nodns-pr "$d/pp-pr.out" "$PP" eval --quiet --emulate pac-resolver -p "$d/rules.pac" -f "$d/clean.urls"
  run pactester-nodns "$d/pactester.out" pactester -p "$d/rules.pac" -f "$d/clean.urls"
  run node-nodns "$d/node.out" node "$ROOT/bench/peers/pac-resolver-run.js" "$d/rules.pac" "$d/clean.urls"
  local ref
  ref=$(rate "$n" "$(cat "$OUT/pp-nodns.wall")")
  header "No-DNS PAC (200 rules), $n URLs, $(nproc) CPUs"
  row "pacprobe --emulate pacparser" "$n" pp-nodns 0 "$ref"
  row "pacprobe --emulate pac-resolver" "$n" pp-nodns-pr 0 "$ref"
  row "pactester (libpacparser1 1.3.6)" "$n" pactester-nodns 0 "$ref"
  row "node pac-resolver $(node -p "require('$ROOT/bench/peers/node_modules/pac-resolver/package.json').version")" \
    "$n" node-nodns 0 "$ref"
  check "pacprobe >= 30 x pactester's evaluations/s (no DNS)" awk -v a="$ref" \
    -v b="$(rate "$n" "$(cat "$OUT/pactester-nodns.wall")")" 'BEGIN{exit !(a >= 30 * b)}'
  check "pacprobe >= 3 x pac-resolver's evaluations/s (no DNS)" awk -v a="$ref" \
    -v b="$(rate "$n" "$(cat "$OUT/node-nodns.wall")")" 'BEGIN{exit !(a >= 3 * b)}'
  check "pacprobe --emulate pacparser output identical to pactester's ($n URLs)" \
    cmp -s "$d/pp.out" "$d/pactester.out"
  check "pacprobe --emulate pac-resolver output identical to pac-resolver's ($n URLs)" \
    cmp -s "$d/pp-pr.out" "$d/node.out"

  local reps=$(( (BIG_URLS + n - 1) / n ))
  for _ in $(seq "$reps"); do cat "$d/clean.urls"; done | head -n "$BIG_URLS" >"$d/big.urls"
  run pp-big /dev/null "$PP" eval --quiet --emulate pacparser -p "$d/rules.pac" -f "$d/big.urls"
  local small big
  small=$(cat "$OUT/pp-nodns.rss") big=$(cat "$OUT/pp-big.rss")
  printf '\nPeak RSS: %s URLs %.1f MiB, %s URLs %.1f MiB (%+.1f %%)\n' "$n" \
    "$(awk -v k="$small" 'BEGIN{print k/1024}')" "$(wc -l <"$d/big.urls")" \
    "$(awk -v k="$big" 'BEGIN{print k/1024}')" "$(awk -v a="$small" -v b="$big" 'BEGIN{print (b-a)*100/a}')"
  check "peak RSS for $(wc -l <"$d/big.urls") URLs within 10 % of $n URLs" \
    awk -v a="$small" -v b="$big" 'BEGIN{exit !(b <= a * 1.10)}'
}

# ---- 3: DNS-heavy, slow DNS server in a namespace ------------------------------
ns_up() {
  ip netns add "$NS"
  ip -n "$NS" link set lo up
  mkdir -p "/etc/netns/$NS"
  echo "nameserver 127.0.0.1" >"/etc/netns/$NS/resolv.conf"
}

ns_down() {
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "/etc/netns/$NS"
}

# with_dns NAME OUTFILE CMD...: a fresh slowdns for one tool run; its query
# count lands in $OUT/NAME.queries
with_dns() {
  local name=$1
  ip netns exec "$NS" "$SLOWDNS" --delay-ms "$DELAY_MS" --count-file "$OUT/$name.count" &
  local pid=$!
  sleep 0.3
  run "$name" "$2" ip netns exec "$NS" "${@:3}"
  kill "$pid"
  wait "$pid" || true
  awk '$1 == "queries" { print $2 }' "$OUT/$name.count" >"$OUT/$name.queries"
}

bench_dns() {
  if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null; then
    say "skipped DNS benchmark: needs root and iproute2 (network namespace + DNS server on port 53)"
    return
  fi
  local d=$OUT/dns
  bash "$ROOT/bench/gen-dns.sh" "$d" "$DNS_URLS" "$DNS_NAMES"
  head -n "$PEER_DNS_URLS" "$d/dns.urls" >"$d/peer.urls"
  trap ns_down EXIT
  ns_up
  with_dns pp-dns "$d/pp.out" "$PP" eval --quiet --stats --emulate pacparser -p "$d/dns.pac" -f "$d/dns.urls"
  with_dns pactester-dns "$d/pactester.out" pactester -p "$d/dns.pac" -f "$d/peer.urls"
  with_dns node-dns "$d/node.out" node "$ROOT/bench/peers/pac-resolver-run.js" "$d/dns.pac" "$d/peer.urls"
  with_dns node64-dns "$d/node64.out" node "$ROOT/bench/peers/pac-resolver-run.js" "$d/dns.pac" "$d/peer.urls" 64
  with_dns pp-dns-pr "$d/pp-pr.out" "$PP" eval --quiet --emulate pac-resolver -p "$d/dns.pac" -f "$d/peer.urls"
  ns_down
  trap - EXIT

  local n ref names conc floor ms
  n=$(wc -l <"$d/dns.urls")
  names=$(sed 's|^[a-z]*://||; s|/.*||' "$d/dns.urls" | sort -u | wc -l)
  conc=$(awk '/define PP_DNS_MAX_INFLIGHT/ { print $3 }' "$ROOT/src/dns/dns_int.h")
  ref=$(rate "$n" "$(cat "$OUT/pp-dns.wall")")
  header "DNS-heavy PAC, $n URLs over $names names, DNS server delay ${DELAY_MS} ms (peers: first $PEER_DNS_URLS URLs)"
  row "pacprobe --emulate pacparser" "$n" pp-dns "$(cat "$OUT/pp-dns.queries")" "$ref"
  row "pactester (libpacparser1 1.3.6)" "$PEER_DNS_URLS" pactester-dns "$(cat "$OUT/pactester-dns.queries")" "$ref"
  row "node pac-resolver" "$PEER_DNS_URLS" node-dns "$(cat "$OUT/node-dns.queries")" "$ref"
  row "node pac-resolver, 64 in flight" "$PEER_DNS_URLS" node64-dns "$(cat "$OUT/node64-dns.queries")" "$ref"
  floor=$(awk -v d="$DELAY_MS" -v h="$names" -v c="$conc" 'BEGIN { r = int((h + c - 1) / c); print d * r }')
  ms=$(cat "$OUT/pp-dns.wall")
  printf '\nDNS floor for pacprobe (%s in flight): %s ms x ceil(%s / %s) = %s ms; pacprobe took %s ms (%.2f x floor)\n' \
    "$conc" "$DELAY_MS" "$names" "$conc" "$floor" "$ms" "$(awk -v a="$ms" -v b="$floor" 'BEGIN{print a/b}')"
  sed 's/^/pacprobe /' "$OUT/pp-dns.err" >&2
  check "pacprobe wall time within 2 x the DNS floor" awk -v a="$ms" -v b="$floor" 'BEGIN{exit !(a <= 2 * b)}'
  check "pacprobe >= 100 x pactester's evaluations/s" awk -v a="$ref" \
    -v b="$(rate "$PEER_DNS_URLS" "$(cat "$OUT/pactester-dns.wall")")" 'BEGIN{exit !(a >= 100 * b)}'
  check "each name asked at most once per record type (server counted $(cat "$OUT/pp-dns.queries") for $names names)" \
    awk -v q="$(cat "$OUT/pp-dns.queries")" -v h="$names" 'BEGIN{exit !(q <= h)}'
  local sent
  sent=$(sed -n 's/.*DNS \([0-9]*\) queries sent.*/\1/p' "$OUT/pp-dns.err")
  check "--stats queries sent ($sent) = what the server counted ($(cat "$OUT/pp-dns.queries"))" \
    test "$sent" = "$(cat "$OUT/pp-dns.queries")"
  check "pacprobe --emulate pacparser = pactester on the first $PEER_DNS_URLS URLs" \
    cmp -s <(head -n "$PEER_DNS_URLS" "$d/pp.out") "$d/pactester.out"
  check "pacprobe --emulate pac-resolver = pac-resolver on the first $PEER_DNS_URLS URLs" \
    cmp -s "$d/pp-pr.out" "$d/node.out"
}

prepare
say "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(uname -sr)"
bench_nodns
bench_dns
exit $status
