#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `eval --jobs`: results with --jobs 1 and --jobs 8 are identical and in input
# order (the parallel runner's reorder window), and --stats' "queries sent"
# equals what a DNS server counted (bench/tools/slowdns on 127.0.0.1, built
# here with cc), with each name asked once. Not a timing test.
set -euo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. order and identity over 5000 URLs of the 200-rule PAC
bash "$SRC/tests/tools/gen-rules-pac.sh" "$TMP/g" 200 5000 3 >/dev/null
grep -E '^[a-z]+://[^ ]+$' "$TMP/g/urls.txt" | grep -v $'\r' >"$TMP/urls"
for j in 1 8; do
  "$PP" eval --quiet --format tsv -j "$j" -p "$TMP/g/rules.pac" -f "$TMP/urls" >"$TMP/out$j" ||
    fail "--jobs $j exited $?"
done
cmp -s "$TMP/out1" "$TMP/out8" || fail "--jobs 1 and --jobs 8 differ"
cut -f1 "$TMP/out8" | cmp -s - "$TMP/urls" || fail "--jobs 8 output is not in input order"
[ "$(wc -l <"$TMP/out8")" = "$(wc -l <"$TMP/urls")" ] || fail "record count"
echo "ok: --jobs 1 = --jobs 8, input order, $(wc -l <"$TMP/urls") URLs"

# 2. --stats against a counting DNS server
command -v cc >/dev/null || { echo "skip: no C compiler for the test DNS server"; exit 77; }
cc -O2 -o "$TMP/slowdns" "$SRC/bench/tools/slowdns.c"
bash "$SRC/bench/gen-dns.sh" "$TMP/d" 600 300 >/dev/null
for try in 1 2 3 4 5; do
  port=$(( 20000 + (RANDOM % 20000) ))
  "$TMP/slowdns" --port "$port" --delay-ms 2 --count-file "$TMP/count" 2>"$TMP/sd.err" &
  pid=$!
  sleep 0.3
  kill -0 "$pid" 2>/dev/null && break
  pid=
done
[ -n "$pid" ] || fail "test DNS server did not start: $(cat "$TMP/sd.err")"
"$PP" eval --quiet --stats -j 4 --emulate pacparser --dns-server "127.0.0.1:$port" \
  -p "$TMP/d/dns.pac" -f "$TMP/d/dns.urls" >"$TMP/dns.out" 2>"$TMP/dns.err" || fail "eval exited $?"
kill "$pid"
wait "$pid" || true
pid=
sent=$(sed -n 's/.*DNS \([0-9]*\) queries sent.*/\1/p' "$TMP/dns.err")
counted=$(awk '$1 == "queries" { print $2 }' "$TMP/count")
names=$(sed 's|^[a-z]*://||; s|/.*||' "$TMP/d/dns.urls" | sort -u | wc -l)
[ -n "$sent" ] || fail "no stats line: $(cat "$TMP/dns.err")"
[ "$sent" = "$counted" ] || fail "--stats says $sent queries, the server counted $counted"
# each name once (A only in pacparser mode), plus search-list variants of
# the NXDOMAIN names if this machine's resolv.conf has a search list
[ "$counted" -ge "$names" ] || fail "server counted $counted queries for $names names"
grep -q '^http://h1.bench.test/login : PROXY' "$TMP/dns.out" || fail "unexpected result for h1"
[ "$(wc -l <"$TMP/dns.out")" = 600 ] || fail "record count (DNS)"
echo "ok: --stats $sent queries = server's $counted for $names names"
