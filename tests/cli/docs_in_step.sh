#!/usr/bin/env bash
# The option table (src/cli/options.c, printed by `pacprobe --list-options`),
# --help, the man page and the README stay in step (docs/style.md "A test
# keeps them in step"):
#  - every command's --help lists exactly its table rows (no alias), sorted
#    by long name, and names no option that command does not take;
#  - a (command, option) pair has one row; the table is sorted;
#  - every option is documented in docs/pacprobe.1 and README.md;
#  - `pacprobe help COMMAND` prints what `pacprobe COMMAND --help` prints.
set -u
BIN=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
fails=0 checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
table=$("$BIN" --list-options) || { echo "FAIL: --list-options exited non-zero"; exit 1; }
cmds=$(printf '%s\n' "$table" | cut -f1 | awk '!seen[$0]++')
[ -n "$cmds" ] || { echo "FAIL: empty option table"; exit 1; }
checks=$((checks + 1))
dups=$(printf '%s\n' "$table" | cut -f1,2 | sort | uniq -d)
[ -z "$dups" ] && checks=$((checks + 1)) || fail "(command, option) pairs with more than one row: $dups"
for cmd in $cmds; do
  help=$("$BIN" "$cmd" --help) || { fail "$cmd --help exited non-zero"; continue; }
  mine=$(printf '%s\n' "$table" | awk -F'\t' -v c="$cmd" '$1 == c && $5 !~ /alias/ {print $2}')
  all_mine=$(printf '%s\n' "$table" | awk -F'\t' -v c="$cmd" '$1 == c {print $2}' | sort -u)
  listed=$(printf '%s\n' "$help" | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+')
  checks=$((checks + 4))
  [ "$listed" = "$(printf '%s\n' "$listed" | LC_ALL=C sort)" ] || fail "$cmd --help is not sorted by long name"
  [ "$listed" = "$mine" ] || fail "$cmd --help lists other options than the table's rows: $(diff <(echo "$listed") <(echo "$mine") | grep '^[<>]' | tr '\n' ' ')"
  [ "$mine" = "$(printf '%s\n' "$mine" | LC_ALL=C sort)" ] || fail "$cmd: the option table is not sorted by long name"
  for o in $(printf '%s\n' "$help" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$all_mine" | grep -qx -- "$o" || fail "$cmd --help names $o, an option of another command"
  done
  [ "$("$BIN" help "$cmd")" = "$help" ] || fail "pacprobe help $cmd differs from pacprobe $cmd --help"
  for o in $mine; do
    checks=$((checks + 2))
    roff=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -- "$roff" "$SRC/docs/pacprobe.1" || fail "$o ($cmd) missing from docs/pacprobe.1"
    grep -qE -- "(\`|\`-[a-zA-Z], )$o([ =\`|]|\$)" "$SRC/README.md" || fail "$o ($cmd) missing from README.md"
  done
done
echo "$((checks - fails)) passed, $fails failed"
[ $fails = 0 ]
