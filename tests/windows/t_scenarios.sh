#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The end-to-end scenarios of eval, explain, lint, test, diff and sources (offline: --reg/--netsh)
# (tests/cli/scenarios/*.t) through their runner,
# tests/tools/run-scenarios.sh, with pacprobe.exe under Wine (`pactester`
# in a scenario runs the wrapper's pactester personality).
#
# KNOWN lists the checks (FILE:LINE of the check) that are not expected to
# hold for the Windows build under Wine, each with its reason; a failure
# there is reported as known and does not fail this test, any other
# failure does. Timing limits (`within`) count Wine's process start-up.
set -u
WINE_TIME="within: the limit counts Wine's process start-up (seconds on a loaded host)"
TZ_ZONE="an IANA zone other than UTC (the Windows build knows only UTC)"
declare -A KNOWN=(
  [eval.t:53]=$WINE_TIME [eval.t:72]=$WINE_TIME [diff.t:115]=$WINE_TIME [diff.t:120]=$WINE_TIME
  [eval.t:198]=$TZ_ZONE [eval.t:199]=$TZ_ZONE [test.t:70]=$TZ_ZONE [test.t:71]=$TZ_ZONE
  [test.t:52]=$TZ_ZONE [test.t:53]=$TZ_ZONE [test.t:146]=$TZ_ZONE [test.t:147]=$TZ_ZONE
  [test.t:148]=$TZ_ZONE [test.t:149]=$TZ_ZONE
  [diff.t:119]="peak RSS through /usr/bin/time measures Wine's processes, not pacprobe.exe"
)
files=0 failed=0 known=0 cp=0 cf=0
for s in ${PP_SCENARIOS:-eval explain lint test diff sources}; do
  f=$PP_SRC/tests/cli/scenarios/$s.t
  files=$((files + 1))
  out=$("$PP_SRC/tests/tools/run-scenarios.sh" "$PP_WIN" "$f" 2>&1)
  sum=$(printf '%s\n' "$out" | tail -1)
  echo "$s.t: $sum"
  bad=0
  while IFS= read -r line; do
    [[ $line =~ /($s\.t:[0-9]+):\ (.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    if [ -n "${KNOWN[$key]:-}" ]; then
      echo "  known $key: ${KNOWN[$key]}"; known=$((known + 1))
    else
      echo "  FAILED $line"; bad=1
    fi
  done <<<"$out"
  [[ $sum =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]] || bad=1
  [ $bad = 0 ] || failed=$((failed + 1))
  cp=$((cp + ${BASH_REMATCH[1]:-0})); cf=$((cf + ${BASH_REMATCH[2]:-0}))
done
echo "$files scenario files ($cp cases passed, $cf failed; $known known checks listed); $((files - failed)) passed, $failed failed"
[ $failed = 0 ]
