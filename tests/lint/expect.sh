#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs tests/lint/expect.cases: each case is a PAC snippet and the exact list
# of LINE:RULE findings `pacprobe lint` must print for it, in output order
# ("none" for a PAC that must stay silent). Usage: expect.sh PACPROBE [CASES]
PP=$(realpath "${1:?usage: expect.sh PACPROBE [CASES]}") || exit 2
CASES=${2:-$(dirname "$0")/expect.cases}
TMP=$(mktemp -d) || exit 2
trap 'rm -rf "$TMP"' EXIT
fail=0 n=0

run_case() { # title args want
  n=$((n + 1))
  # shellcheck disable=SC2086 # args is a list of options
  got=$(cd "$TMP" && "$PP" lint $2 case.pac 2>"$TMP/err" |
        sed -n 's/^case\.pac:\([0-9]*\):[0-9]*: [a-z]*: .* \[\([a-z-]*\)\]$/\1:\2/p' | tr '\n' ' ')
  got=${got% }
  [ -n "$got" ] || got=none
  if [ "$got" != "$3" ]; then
    fail=$((fail + 1))
    printf 'FAIL %s\n  want: %s\n  got:  %s\n' "$1" "$3" "$got"
    (cd "$TMP" && "$PP" lint $2 case.pac) | sed 's/^/  | /'
    sed 's/^/  ! /' "$TMP/err"
  fi
}

title='' args='' want='' lineno=0
flush() {
  [ -n "$title" ] || return 0
  [ -n "$want" ] || { echo "$CASES: case '$title' has no want: line"; exit 2; }
  run_case "$title" "$args" "$want"
}
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  case $line in
    '=== '*) flush; title=${line#=== }; args='' want=''; : > "$TMP/case.pac" ;;
    'args: '*) args=${line#args: } ;;
    'want: '*) want=${line#want: } ;;
    '#'*) ;; # a comment (a PAC line never starts with '#')
    *) [ -z "$title" ] || printf '%s\n' "$line" >> "$TMP/case.pac" ;;
  esac
done < "$CASES"
flush
echo "$((n - fail))/$n lint expectation cases pass"
[ "$fail" -eq 0 ]
