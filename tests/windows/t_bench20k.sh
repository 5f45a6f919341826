#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 14, must-show 2: on the bench PAC (tests/tools/gen-rules-pac.sh, 200
# rules, as bench/run.sh builds it) and 20,000 URLs, `eval --emulate
# pacparser --no-dns` under Wine is byte-identical to the Linux binary:
# once on the bench's clean URL list (stdout), once on the raw generated
# list with its list-handling lines (comments, blanks, CRLF, junk; stdout,
# stderr and the exit code).
set -u
N=${PP_BENCH_URLS:-20000}
bash "$PP_SRC/tests/tools/gen-rules-pac.sh" "$PP_TMP" 200 "$N" 1 >/dev/null || exit 1
grep -E '^[a-z]+://[^ ]+$' "$PP_TMP/urls.txt" | grep -v $'\r' | head -n "$N" >"$PP_TMP/clean.urls"
fails=0
compare() { # NAME URLFILE
  "$PP_LINUX" eval --quiet --emulate pacparser --no-dns -p "$PP_TMP/rules.pac" -f "$2" \
    >"$PP_TMP/$1.linux.out" 2>"$PP_TMP/$1.linux.err"
  local lrc=$?
  local s; s=$(date +%s%N)
  "$PP_WIN" eval --quiet --emulate pacparser --no-dns -p "$PP_TMP/rules.pac" -f "$2" \
    >"$PP_TMP/$1.win.out" 2>"$PP_TMP/$1.win.err"
  local wrc=$? ms=$(( ($(date +%s%N) - s) / 1000000 ))
  local lines; lines=$(wc -l <"$PP_TMP/$1.linux.out")
  if cmp "$PP_TMP/$1.linux.out" "$PP_TMP/$1.win.out" && cmp "$PP_TMP/$1.linux.err" "$PP_TMP/$1.win.err" &&
     [ $lrc = $wrc ]; then
    echo "$1: $(wc -l <"$2") URLs, $lines result lines, stdout+stderr byte-identical, exit $wrc ($ms ms under Wine)"
  else
    echo "$1: DIFFERENT (exit linux $lrc, windows $wrc)"
    diff "$PP_TMP/$1.linux.out" "$PP_TMP/$1.win.out" | head -5
    diff "$PP_TMP/$1.linux.err" "$PP_TMP/$1.win.err" | head -5
    fails=$((fails + 1))
  fi
}
compare clean "$PP_TMP/clean.urls"
compare raw "$PP_TMP/urls.txt"
[ "$(wc -l <"$PP_TMP/clean.linux.out")" -ge "$((N * 9 / 10))" ] || { echo "too few results"; fails=$((fails + 1)); }
echo "$((2 - fails)) passed, $fails failed"
[ $fails = 0 ]
