#!/bin/bash
# SPDX-License-Identifier: MIT
# Lint's warnings per PAC do not grow (issue 18, must-show 4): every PAC of
# the repository (pacscripts/examples and the test corpus under tests/) is
# linted with --no-dns and its warnings compared with tests/lint/budget.txt
# ("COUNT PATH"). More warnings than the budget, or a PAC missing from it,
# fails; fewer is reported so the budget can be lowered.
#   budget.sh PACPROBE            check
#   budget.sh PACPROBE --update   rewrite budget.txt from the current counts
PP=$(realpath "${1:?usage: budget.sh PACPROBE [--update]}") || exit 2
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${PP_SRC:-$HERE/../..}
BUDGET=$HERE/budget.txt
cd "$SRC" || exit 2
count() { # warnings of one PAC, from the summary line
  timeout 60 "$PP" lint --no-dns "$1" 2>/dev/null | tail -n 1 |
    sed -n 's/^[0-9]* errors\{0,1\}, \([0-9]*\) warnings\{0,1\}.*/\1/p'
}
pacs=$(find pacscripts/examples tests -name '*.pac' -not -path '*/build*' | LC_ALL=C sort)
if [ "${2:-}" = --update ]; then
  for f in $pacs; do printf '%s %s\n' "$(count "$f")" "$f"; done > "$BUDGET"
  echo "wrote $BUDGET"; exit 0
fi
fail=0 lower=0 n=0
for f in $pacs; do
  n=$((n + 1))
  got=$(count "$f")
  want=$(awk -v f="$f" '$2 == f { print $1 }' "$BUDGET")
  if [ -z "$got" ]; then echo "FAIL $f: no summary line from lint"; fail=$((fail + 1))
  elif [ -z "$want" ]; then echo "FAIL $f: not in budget.txt (budget.sh PACPROBE --update)"; fail=$((fail + 1))
  elif [ "$got" -gt "$want" ]; then echo "FAIL $f: $got warnings, budget $want"; fail=$((fail + 1))
  elif [ "$got" -lt "$want" ]; then echo "note $f: $got warnings, budget $want (lower it)"; lower=$((lower + 1))
  fi
done
echo "$n PACs: $fail over budget, $lower under"
[ $fail = 0 ]
