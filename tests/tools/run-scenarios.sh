#!/usr/bin/env bash
# Runs a scenario file (tests/cli/scenarios/*.t) against the real binary.
#
# A scenario file is a list of cases:
#   === title                 starts a case
#   $ COMMAND                 bash command line; `pacprobe` and `pactester`
#                             run the binary under test, $DATA is
#                             tests/cli/data, $EX is pacscripts/examples,
#                             $TMP a scratch directory
#   exit N                    expected exit status (default 0)
#   out= TEXT                 stdout is exactly TEXT (one line)
#   out<<                     stdout is exactly the following lines, up to "."
#   out~ ERE / out! ERE       stdout matches / does not match (grep -E)
#   err~ ERE / err! ERE       the same for stderr
#   errlines N                stderr has exactly N lines
#   within SECONDS            the command finishes within SECONDS (times
#                             PP_SCENARIO_TIME_SCALE, which the sanitizer
#                             build sets: ASan slows the engine 2-3x)
# Lines starting with # and blank lines between cases are ignored.
# Prints each failure with file:line, then "N passed, N failed".
set -u
BIN=$1
FILE=$2
SRC=$(cd "$(dirname "$0")/../.." && pwd)
export DATA=$SRC/tests/cli/data EX=$SRC/pacscripts/examples
TMP=$(mktemp -d)
export TMP
trap 'rm -rf "$TMP"' EXIT
ln -s "$(realpath "$BIN")" "$TMP/pactester"
export PP_BIN=$(realpath "$BIN") PP_PACTESTER=$TMP/pactester

passed=0 failed=0
title="" cmd="" cmdline=0 want_exit=0 checks=()

fail() { echo "$FILE:$1: [$title] $2"; bad=1; }

run_case() {
  [ -z "$cmd" ] && return
  local out="$TMP/out" err="$TMP/err" start end rc
  start=$(date +%s%N)
  ( cd "$TMP" && pacprobe() { "$PP_BIN" "$@"; }; pactester() { "$PP_PACTESTER" "$@"; }
    export -f pacprobe pactester; eval "$cmd" ) >"$out" 2>"$err" </dev/null
  rc=$?
  end=$(date +%s%N)
  bad=0
  [ "$rc" = "$want_exit" ] || fail "$cmdline" "exit $rc, expected $want_exit"
  local c kind arg ln
  for c in "${checks[@]}"; do
    ln=${c%%|*}; c=${c#*|}; kind=${c%% *}; arg=${c#* }
    case $kind in
      out=) [ "$(cat "$out")" = "$arg" ] || fail "$ln" "stdout is '$(head -c 300 "$out")', expected '$arg'" ;;
      out\<\<) printf '%s' "$arg" | cmp -s - "$out" || fail "$ln" "stdout differs: $(printf '%s' "$arg" | diff - "$out" | head -10)" ;;
      out~) grep -Eq -- "$arg" "$out" || fail "$ln" "stdout does not match /$arg/: $(head -c 300 "$out")" ;;
      out!) grep -Eq -- "$arg" "$out" && fail "$ln" "stdout matches /$arg/" ;;
      err~) grep -Eq -- "$arg" "$err" || fail "$ln" "stderr does not match /$arg/: $(head -c 300 "$err")" ;;
      err!) grep -Eq -- "$arg" "$err" && fail "$ln" "stderr matches /$arg/: $(head -c 300 "$err")" ;;
      errlines) [ "$(wc -l <"$err")" = "$arg" ] || fail "$ln" "stderr has $(wc -l <"$err") lines, expected $arg: $(head -c 300 "$err")" ;;
      within) [ $(( (end - start) / 1000000 )) -le $(( arg * 1000 * ${PP_SCENARIO_TIME_SCALE:-1} )) ] || fail "$ln" "took $(( (end - start) / 1000000 )) ms, limit ${arg}s x ${PP_SCENARIO_TIME_SCALE:-1}" ;;
    esac
  done
  if [ $bad = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  cmd="" checks=() want_exit=0
}

lineno=0 heredoc="" heredoc_line=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  if [ -n "$heredoc_line" ] && [ "$heredoc_line" != 0 ]; then
    if [ "$line" = "." ]; then checks+=("$heredoc_line|out<< $heredoc"); heredoc_line=0; heredoc=""
    else heredoc+="$line"$'\n'; fi
    continue
  fi
  case $line in
    "=== "*) run_case; title=${line#=== } ;;
    "\$ "*) cmd=${line#\$ }; cmdline=$lineno ;;
    "exit "*) want_exit=${line#exit } ;;
    "out<<") heredoc_line=$lineno; heredoc="" ;;
    out=\ *|out~\ *|out!\ *|err~\ *|err!\ *|errlines\ *|within\ *) checks+=("$lineno|$line") ;;
    "#"*|"") ;;
    *) echo "$FILE:$lineno: cannot parse scenario line: $line"; exit 2 ;;
  esac
done <"$FILE"
run_case
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
