#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The PAC behaviour case files (tests/cases/*.fcases, *.cases) through
# their own runner, tests/cases/run.sh, with pacprobe.exe under Wine.
# Every file runs, the ones with @tz IANA zones (America/New_York,
# Asia/Kolkata) too: the Windows build reads them from zoneinfo\ next to
# pacprobe.exe (tools/windows-dist.sh puts Debian's tzdata there; the
# TZif reader is src/util/tzif.c). SKIP lists files not run, each with its
# reason (printed); it is empty now.
set -u
declare -A SKIP=()
files=0 failed=0 skipped=0 cp=0 cf=0
for f in "$PP_SRC"/tests/cases/*.fcases "$PP_SRC"/tests/cases/*.cases; do
  name=$(basename "$f")
  if [ -n "${SKIP[$name]:-}" ]; then
    echo "$name: skipped (${SKIP[$name]})"; skipped=$((skipped + 1)); continue
  fi
  files=$((files + 1))
  out=$("$PP_SRC/tests/cases/run.sh" "$PP_WIN" "$f" 2>&1)
  rc=$?
  sum=$(printf '%s\n' "$out" | tail -1)
  echo "$name: $sum"
  [ $rc = 0 ] || { printf '%s\n' "$out" | head -20; failed=$((failed + 1)); }
  if [[ $sum =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    cp=$((cp + BASH_REMATCH[1])); cf=$((cf + BASH_REMATCH[2]))
  fi
done
echo "$files case files run ($cp cases passed, $cf failed), $skipped skipped; $((files - failed)) passed, $failed failed"
[ $failed = 0 ]
