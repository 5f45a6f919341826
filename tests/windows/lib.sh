# SPDX-License-Identifier: MIT
# Shared by the tests/windows/t_*.sh that count sub-cases (source it):
# ok/bad tally and print, expect runs a command and checks its exit code
# and output, finish prints the "N passed, N failed" summary line
# tests/windows/run.sh shows and exits with the verdict.
pass=0 fail=0
ok() { echo "ok    $1"; pass=$((pass + 1)); }
bad() { echo "FAIL  $1${2:+: $2}"; fail=$((fail + 1)); }
expect() { # NAME WANT_RC ERE -- CMD...: exit code and stdout+stderr pattern
  local name=$1 want=$2 re=$3; shift 4
  "$@" >"$PP_TMP/out" 2>"$PP_TMP/err"
  local rc=$?
  if [ "$rc" = "$want" ] && cat "$PP_TMP/out" "$PP_TMP/err" | grep -Eq -- "$re"; then ok "$name"
  else bad "$name" "exit $rc (want $want), output: $(head -c 300 "$PP_TMP/out" "$PP_TMP/err" | tr '\n' ' ')"; fi
}
finish() {
  echo "$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
