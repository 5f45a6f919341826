#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The end-to-end scenarios of eval, explain, lint, test, diff and sources (offline: --reg/--netsh)
# (tests/cli/scenarios/*.t) through their runner,
# tests/tools/run-scenarios.sh, with pacprobe.exe under Wine (`pactester`
# in a scenario runs the wrapper's pactester personality).
set -u
files=0 failed=0 cp=0 cf=0
for s in ${PP_SCENARIOS:-eval explain lint test diff sources}; do
  f=$PP_SRC/tests/cli/scenarios/$s.t
  files=$((files + 1))
  out=$("$PP_SRC/tests/tools/run-scenarios.sh" "$PP_WIN" "$f" 2>&1)
  rc=$?
  sum=$(printf '%s\n' "$out" | tail -1)
  echo "$s.t: $sum"
  [ $rc = 0 ] || { printf '%s\n' "$out" | head -30; failed=$((failed + 1)); }
  if [[ $sum =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    cp=$((cp + BASH_REMATCH[1])); cf=$((cf + BASH_REMATCH[2]))
  fi
done
echo "$files scenario files ($cp cases passed, $cf failed); $((files - failed)) passed, $failed failed"
[ $failed = 0 ]
