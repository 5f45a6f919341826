#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run.sh BUILD SECONDS [TARGET...]: runs the libFuzzer targets built in
# BUILD/fuzz (default: all of them) for SECONDS each, FUZZ_JOBS (default 1)
# at a time. Seeds come from tests/fuzz/corpus/TARGET, dictionaries from
# tests/fuzz/dict; the growing corpus and any crash input stay in
# BUILD/fuzz-work/TARGET. FUZZ_RUNS=N also stops a target after N
# executions (the long run: 10 million or the time, whichever comes first);
# FUZZ_SEED=N fixes libFuzzer's random seed (CI's smoke run is repeatable).
# Prints libFuzzer's final line per target and
# exits non-zero when a target found a crash, leak or hang (docs/fuzzing.md).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=$(cd "${1:?usage: run.sh BUILD SECONDS [TARGET...]}" && pwd)
SECONDS_EACH=${2:?usage: run.sh BUILD SECONDS [TARGET...]}
shift 2
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  for b in "$BUILD"/fuzz/fuzz_*; do TARGETS+=("${b##*/fuzz_}"); done
fi

dict_of() {
  case $1 in
    jslex|lower) echo js ;;
    dhcp|blob|hosts) echo "" ;;
    *) echo "$1" ;;
  esac
}

one() {
  local t=$1 work="$BUILD/fuzz-work/$1" d args=()
  mkdir -p "$work/corpus"
  cp -n "$HERE/corpus/$t"/* "$work/corpus/" 2>/dev/null
  d=$(dict_of "$t")
  [ -n "$d" ] && [ -f "$HERE/dict/$d.dict" ] && args+=(-dict="$HERE/dict/$d.dict")
  case $t in
    eval) args+=(-max_len=16384 -timeout=10) ;;
    dhcp) args+=(-max_len=1500 -timeout=5) ;;
    *) args+=(-max_len=8192 -timeout=5) ;;
  esac
  [ -n "${FUZZ_RUNS:-}" ] && args+=(-runs="$FUZZ_RUNS")
  [ -n "${FUZZ_SEED:-}" ] && args+=(-seed="$FUZZ_SEED")
  "$BUILD/fuzz/fuzz_$t" "${args[@]}" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" >"$work/log" 2>&1
  local rc=$?
  local last
  last=$(grep -E '^#[0-9]+.*(DONE|cov:)' "$work/log" | tail -1)
  local execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
  printf '%-8s rc=%d execs=%s  %s\n' "$t" "$rc" "${execs:-?}" "$last"
  return $rc
}
export -f one dict_of
export HERE BUILD SECONDS_EACH

mkdir -p "$BUILD/fuzz-work"
summary=$(mktemp "$BUILD/fuzz-work/summary.XXXXXX") # one per run: runs may overlap
printf '%s\n' "${TARGETS[@]}" | xargs -P "${FUZZ_JOBS:-1}" -I{} bash -c 'one {}' | tee "$summary"
passed=$(grep -c ' rc=0 ' "$summary")
rm -f "$summary"
echo "fuzz: $passed passed, $(( ${#TARGETS[@]} - passed )) failed (${SECONDS_EACH} s each)"
[ "$passed" = "${#TARGETS[@]}" ]
