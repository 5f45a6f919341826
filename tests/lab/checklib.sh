# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Shared by tests/lab/test_check_*.sh: runs the real `pacprobe check` against
# the proxy lab (proxylab.sh) and checks its JSON (DESIGN §1.7) with jq.
# Usage inside a test: source checklib.sh PACPROBE PP_LAB_HTTPD; ck_up
# COMPONENT...; ck_case/ck_run/want_*; ck_finish. Skips (77) with a reason
# when jq, a lab package or `pacprobe check` is missing.
set -u
CK_BIN=${1:?usage: $0 PACPROBE PP_LAB_HTTPD}
PP_LAB_HTTPD=${2:?usage: $0 PACPROBE PP_LAB_HTTPD}
export PP_LAB_HTTPD
CK_PASS=0 CK_FAIL=0 CK_CASE=""
# shellcheck source=tests/lab/proxylab.sh
source "$(dirname "${BASH_SOURCE[0]}")/proxylab.sh"

ck_skip() { echo "SKIP: $*"; exit 77; }

# ck_up COMPONENT...: the lab parts this test needs, or skip naming what is missing.
ck_up() {
  command -v jq >/dev/null || ck_skip "jq not installed"
  "$CK_BIN" check --help >/dev/null 2>&1 || ck_skip "this pacprobe has no 'check' subcommand"
  PROXYLAB_QUIET=1 proxylab_up "$@"
  proxylab_need "$@"
  echo "proxy lab up in ${LAB_START_MS} ms"
  CK_OUT=$LAB_DIR/ck.out CK_ERR=$LAB_DIR/ck.err
}

# ck_run ARGS...: `pacprobe check ARGS` with no proxy from the environment
# (the lab decides every route); stdout $CK_OUT, stderr $CK_ERR, exit $CK_RC,
# wall time $CK_MS. CK_ENV="VAR=value ..." adds environment; CK_WRAP="cmd ..."
# runs it under a wrapper (ip netns exec).
ck_run() {
  local t0
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  ${CK_WRAP:-} env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY \
    -u no_proxy -u NO_PROXY -u PACPROBE_PROXY_PASSWORD ${CK_ENV:-} "$CK_BIN" check "$@" >"$CK_OUT" 2>"$CK_ERR"
  CK_RC=$?
  CK_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

ck_case() { CK_CASE=$1; echo "--- $1"; }
ok() { CK_PASS=$((CK_PASS + 1)); }
bad() {
  CK_FAIL=$((CK_FAIL + 1))
  echo "FAIL [$CK_CASE]: $*"
  echo "  stdout:"; head -c 6000 "$CK_OUT" | sed 's/^/    /'
  echo "  stderr:"; head -c 3000 "$CK_ERR" | sed 's/^/    /'
}
want_rc() { [ "$CK_RC" = "$1" ] && ok || bad "exit $CK_RC, expected $1"; }
want_out() { grep -Eq -- "$1" "$CK_OUT" && ok || bad "stdout does not match /$1/"; }
want_err() { grep -Eq -- "$1" "$CK_ERR" && ok || bad "stderr does not match /$1/"; }
want_no() { grep -Fq -- "$2" "$1" && bad "$1 contains the secret" || ok; }
want_within() { [ "$CK_MS" -le "$1" ] && ok || bad "took $CK_MS ms, limit $1 ms"; }
# want_jq FILTER: the JSON on stdout satisfies the jq boolean FILTER
# (--arg values from CK_JQARGS, e.g. CK_JQARGS=(--arg p "$LAB_DEAD")).
CK_JQARGS=()
want_jq() {
  jq -e "${CK_JQARGS[@]}" "$1" "$CK_OUT" >/dev/null 2>&1 && ok || bad "JSON does not satisfy: $1"
}

ck_finish() {
  echo "$CK_PASS passed, $CK_FAIL failed"
  [ "$CK_FAIL" = 0 ]
}
