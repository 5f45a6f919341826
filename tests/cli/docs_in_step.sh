#!/usr/bin/env bash
# The option table, --help, the man page and the README stay in step
# (docs/style.md "A test keeps them in step"): every option --help lists is
# documented in docs/pacprobe.1 and README.md, and --help is sorted by long
# name (the table's order).
set -u
BIN=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
fails=0 checks=0
# Each subcommand listed here has its --help checked.
for cmd in eval explain lint test diff sources discover check; do
help=$("$BIN" "$cmd" --help) || { echo "FAIL: $cmd --help exited non-zero"; exit 1; }
opts=$(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u)
listed=$(printf '%s\n' "$help" | grep -oE -- '^ +(-[a-z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+')
checks=$((checks + 1))
if [ "$listed" != "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ]; then
  echo "FAIL: $cmd --help is not sorted by long name"; fails=$((fails + 1))
fi
for o in $opts; do
  checks=$((checks + 2))
  roff=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
  grep -q -- "$roff" "$SRC/docs/pacprobe.1" || { echo "FAIL: $o ($cmd) missing from docs/pacprobe.1"; fails=$((fails + 1)); }
  grep -qE -- "(\`|\`-[a-z], )$o([ =\`|]|\$)" "$SRC/README.md" || { echo "FAIL: $o ($cmd) missing from README.md"; fails=$((fails + 1)); }
done
done
echo "$((checks - fails)) passed, $fails failed"
[ $fails = 0 ]
