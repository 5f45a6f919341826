#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# bench/check-parallel.sh: issue 8 must-show 5 — 100 lab targets checked with
# `pacprobe check --parallel 20` take no more than 1.5x the slowest single
# target checked alone. The lab (tests/lab/proxylab.sh) runs on loopback:
# an HTTPS origin with a test CA that answers after ?delay=MS, reached
# through tinyproxy (HTTP CONNECT). The mix is what a required-URL list looks
# like: most targets answer fast (FAST_MS), every 20th is slow (SLOW_MS), so
# concurrency must keep slow targets from holding up the rest. A second,
# uniform run (every target SLOW_MS/4) is printed with its ideal for context.
# Prints wall times, the ratio and PASS/FAIL; exits 1 when the ratio is above
# 1.5. Knobs: BUILD, N (100), PARALLEL (20), FAST_MS (20), SLOW_MS (1000),
# RUNS (3, the median is used).
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
N=${N:-100} PARALLEL=${PARALLEL:-20} FAST_MS=${FAST_MS:-20} SLOW_MS=${SLOW_MS:-1000} RUNS=${RUNS:-3}
PP=$BUILD/pacprobe
"$PP" check --help >/dev/null 2>&1 || { echo "check-parallel: $PP has no 'check' subcommand"; exit 1; }
# shellcheck source=tests/lab/proxylab.sh
source "$ROOT/tests/lab/proxylab.sh"
PROXYLAB_QUIET=1 proxylab_up origin tinyproxy || { echo "check-parallel: lab incomplete: $LAB_MISSING"; exit 1; }
echo "lab up in $LAB_START_MS ms (origin $LAB_ORIGIN, tinyproxy $LAB_TINYPROXY)"

# ms CMD...: wall time of one run in ms on stdout; the run must succeed.
ms() {
  local t0 rc
  t0=$(date +%s%N)
  env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u no_proxy -u NO_PROXY \
    "$PP" check --proxy "http://$LAB_TINYPROXY" --cacert "$LAB_CA" --format json "$@" >"$LAB_DIR/last.json" 2>&1
  rc=$?
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  [ "$rc" = 0 ] || { echo "check-parallel: pacprobe check failed (exit $rc):" >&2; head -c 2000 "$LAB_DIR/last.json" >&2; return 1; }
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs() { local i; for ((i = 0; i < RUNS; i++)); do ms "$@" || exit 1; done | median; }

: >"$LAB_DIR/mixed" ; : >"$LAB_DIR/uniform"
for ((i = 1; i <= N; i++)); do
  if (( i % 20 == 0 )); then echo "${LAB_ORIGIN}slow$i?delay=$SLOW_MS"; else echo "${LAB_ORIGIN}fast$i?delay=$FAST_MS"; fi >>"$LAB_DIR/mixed"
  echo "${LAB_ORIGIN}u$i?delay=$(( SLOW_MS / 4 ))" >>"$LAB_DIR/uniform"
done

single_slow=$(runs "${LAB_ORIGIN}slow?delay=$SLOW_MS")
single_fast=$(runs "${LAB_ORIGIN}fast?delay=$FAST_MS")
slowest=$(( single_slow > single_fast ? single_slow : single_fast ))
batch=$(runs --parallel "$PARALLEL" -f "$LAB_DIR/mixed")
jq -e ".summary.ok == $N" "$LAB_DIR/last.json" >/dev/null || { echo "check-parallel: not every target was ok"; exit 1; }
single_u=$(runs "${LAB_ORIGIN}u?delay=$(( SLOW_MS / 4 ))")
uniform=$(runs --parallel "$PARALLEL" -f "$LAB_DIR/uniform")
ideal_u=$(( (N + PARALLEL - 1) / PARALLEL * SLOW_MS / 4 ))

ratio=$(awk -v a="$batch" -v b="$slowest" 'BEGIN {printf "%.2f", a / b}')
printf '%-44s %8s\n' "run (median of $RUNS)" "wall ms"
printf '%-44s %8d\n' "1 slow target (${SLOW_MS} ms origin)" "$single_slow"
printf '%-44s %8d\n' "1 fast target (${FAST_MS} ms origin)" "$single_fast"
printf '%-44s %8d\n' "$N mixed targets, --parallel $PARALLEL" "$batch"
printf '%-44s %8d\n' "1 target ($(( SLOW_MS / 4 )) ms origin)" "$single_u"
printf '%-44s %8d   (floor %d ms: %d rounds)\n' "$N uniform targets, --parallel $PARALLEL" "$uniform" "$ideal_u" \
  $(( (N + PARALLEL - 1) / PARALLEL ))
if awk -v r="$ratio" 'BEGIN {exit !(r <= 1.5)}'; then
  echo "PASS: $N targets / slowest single = ${ratio}x (limit 1.5x)"
else
  echo "FAIL: $N targets / slowest single = ${ratio}x (limit 1.5x)"; exit 1
fi
