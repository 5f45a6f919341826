#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Log replay (issue 22): on a generated log (bench/gen-log.sh: Zipf hosts,
# 70 % CONNECT), the memoised `diff --log` counts exactly the moved traffic
# of evaluating every line (--no-memo), and the squid and W3C renderings of
# the same requests count the same traffic. The bench runs 10^7 lines; this
# is the same comparison on a slice (LINES, default 50000) so it takes
# seconds. Not a timing test.
set -euo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
LINES=${LINES:-50000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

bash "$SRC/bench/gen-log.sh" "$TMP" "$LINES" 10000 squid 5
bash "$SRC/bench/gen-log.sh" "$TMP" "$LINES" 10000 w3c 5
# traffic: what must agree (the counters of how it was computed aside)
traffic() { jq -S -c '.traffic | del(.lines, .skipped_lines, .evaluations, .memoised, .not_memoised_because)' "$1"; }
run() { # NAME ARGS...: diff --log ...; exit 1 = traffic moved, as it must here
  local name=$1 rc=0
  shift
  "$PP" diff --no-dns --format json --stats "$TMP/old.pac" "$TMP/new.pac" "$@" >"$TMP/$name.json" 2>"$TMP/$name.err" || rc=$?
  [ "$rc" = 1 ] || { cat "$TMP/$name.err"; fail "$name: exit $rc, expected 1"; }
}
run memo --log squid "$TMP/log.squid"
run nomemo --log squid "$TMP/log.squid" --no-memo
run w3c --log w3c "$TMP/log.w3c"

[ "$(jq .traffic.requests "$TMP/memo.json")" = "$LINES" ] || fail "memo: not every line counted"
moved=$(jq .traffic.moved_requests "$TMP/memo.json")
[ "$moved" -gt 0 ] && [ "$moved" -lt "$LINES" ] || fail "moved requests $moved: the PACs should move some traffic, not all"
[ "$(traffic "$TMP/memo.json")" = "$(traffic "$TMP/nomemo.json")" ] || fail "memoised and per-line replays differ"
[ "$(traffic "$TMP/memo.json")" = "$(traffic "$TMP/w3c.json")" ] || fail "squid and w3c renderings differ"
evals=$(jq .traffic.evaluations "$TMP/memo.json")
[ "$evals" -lt "$LINES" ] || fail "memo: $evals evaluations for $LINES lines"
[ "$(jq .traffic.evaluations "$TMP/nomemo.json")" = "$LINES" ] || fail "--no-memo: not one evaluation per line"
grep -q '^stats: memoised: ' "$TMP/memo.err" || fail "--stats: no memo line"
grep -q '^stats: not memoised: .*--no-memo' "$TMP/nomemo.err" || fail "--stats: no reason for --no-memo"
echo "ok: $LINES lines, $moved moved requests, $evals distinct evaluations; memo = per line = w3c"
