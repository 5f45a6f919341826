#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/diff.sh: issue 15 item 6 — `pacprobe diff` where every result
# changes and every old -> new pair is distinct (the worst case for the
# pair counting: N groups). The reference in the same run is what diff must
# at least do: `pacprobe eval` of the old and of the new PAC over the same
# list with -j 1 (diff runs one engine per side, one thread). Prints the
# wall times, URLs per second and the ratio diff / (eval old + eval new);
# a ratio near 1 means the counting costs nothing next to the evaluations.
# The quadratic counting before the fix took 61 s for 100k URLs (2.3 s now).
# Not a pass/fail check. Knobs: BUILD, N (1000000).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
N=${N:-1000000}
PP=$BUILD/pacprobe
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
printf 'function FindProxyForURL(u, h) { return "PROXY " + h + ":1"; }\n' >"$TMP/old.pac"
printf 'function FindProxyForURL(u, h) { return "PROXY " + h + ":2"; }\n' >"$TMP/new.pac"
seq 1 "$N" | sed 's|.*|http://h&.example/|' >"$TMP/urls"

# secs CMD...: wall seconds of one run (output discarded); the user CPU
# seconds go to $TMP/cpu.
secs() {
  local t0
  t0=$(date +%s%N)
  /usr/bin/time -f %U -o "$TMP/cpu" "$@" >/dev/null 2>"$TMP/err"
  awk -v d=$(( $(date +%s%N) - t0 )) 'BEGIN { printf "%.2f", d / 1e9 }'
}
d=$(secs "$PP" diff --no-dns "$TMP/old.pac" "$TMP/new.pac" -f "$TMP/urls")
dcpu=$(tail -n 1 "$TMP/cpu")
e1=$(secs "$PP" eval --no-dns -j 1 --format tsv -p "$TMP/old.pac" -f "$TMP/urls")
e2=$(secs "$PP" eval --no-dns -j 1 --format tsv -p "$TMP/new.pac" -f "$TMP/urls")
echo "diff of $N URLs, every result changed, $N distinct pairs"
printf '  pacprobe diff           %8s s  %8.0f URLs/s, %s s CPU\n' "$d" "$(awk -v n="$N" -v t="$d" 'BEGIN { print n / t }')" "$dcpu"
printf '  eval old + eval new     %8s s  (%s + %s, -j 1)\n' "$(awk -v a="$e1" -v b="$e2" 'BEGIN { printf "%.2f", a + b }')" "$e1" "$e2"
printf '  ratio diff / (2 evals)  %8s\n' "$(awk -v d="$d" -v a="$e1" -v b="$e2" 'BEGIN { printf "%.2f", d / (a + b) }')"
