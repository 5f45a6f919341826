#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs tests/lint/engines.cases: (1) each recorded verdict against the real
# engine (pactester; node's pac-resolver when bench/peers has it installed:
# `cd bench/peers && npm install`), (2) lint's engine claims against the
# verdicts: with --emulate pacparser / pac-resolver, an engine-compat
# finding or "is not defined in pacparser" is a claim that the engine fails,
# which must only appear where it does. Where the engine fails and lint is
# silent, the case is listed as a known gap (not a failure).
# Usage: engines.sh PACPROBE
PP=$(realpath "${1:?usage: engines.sh PACPROBE}") || exit 2
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${PP_SRC:-$HERE/../..}
RUNNER=$SRC/bench/peers/pac-resolver-run.js
command -v pactester >/dev/null || { echo "SKIP: pactester missing (apt-get install libpacparser1)"; exit 77; }
have_node=0
if command -v node >/dev/null && [ -d "$SRC/bench/peers/node_modules/pac-resolver" ]; then have_node=1
else echo "note: pac-resolver not installed in bench/peers; its verdicts are not re-checked"; fi
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
echo http://a.example/ > "$TMP/urls"
fail=0 n=0 gaps=0

verdict_pactester() { pactester -p "$TMP/f.pac" -u http://a.example/ >/dev/null 2>&1 && echo runs || echo fails; }
verdict_node() {
  local out
  out=$(timeout 20 node "$RUNNER" "$TMP/f.pac" "$TMP/urls" 2>/dev/null) && [ -n "$out" ] &&
    ! grep -q ' : ERROR' <<<"$out" && echo runs || echo fails
}
claims() { # mode: does lint say this engine fails?
  "$PP" lint --emulate "$1" "$TMP/f.pac" |
    grep -Eq "\[engine-compat\]$|is not defined in $1.*\[unknown-function\]$" && echo yes || echo no
}

check() { # name engine recorded actual
  if [ "$3" != "$4" ]; then
    echo "FAIL $1: recorded '$2 $3' but $2 $4"; fail=$((fail + 1))
  fi
}

while IFS='|' read -r name pt pr src; do
  case $name in ''|'#'*) continue ;; esac
  n=$((n + 1))
  printf '%s\n' "$src" > "$TMP/f.pac"
  check "$name" pactester "$pt" "$(verdict_pactester)"
  [ $have_node = 1 ] && check "$name" pac-resolver "$pr" "$(verdict_node)"
  for pair in "pacparser:$pt" "pac-resolver:$pr"; do
    mode=${pair%%:*} v=${pair#*:}
    c=$(claims "$mode")
    if [ "$c" = yes ] && [ "$v" = runs ]; then
      echo "FAIL $name: lint --emulate $mode claims the engine rejects it, but it runs there"
      "$PP" lint --emulate "$mode" "$TMP/f.pac" | sed 's/^/  | /'
      fail=$((fail + 1))
    elif [ "$c" = no ] && [ "$v" = fails ]; then
      echo "gap: $name fails in $mode, lint --emulate $mode says nothing of it"; gaps=$((gaps + 1))
    fi
  done
done < "$HERE/engines.cases"
echo "$n engine cases: $fail failures, $gaps known gaps"
[ "$fail" -eq 0 ]
