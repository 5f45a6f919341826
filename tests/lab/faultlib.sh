# shellcheck shell=bash
# SPDX-License-Identifier: MIT
# Shared by tests/lab/test_faults_*.sh (issue 10, network faults): starts
# pp_lab_faultd servers on free 127.0.0.1 ports (each prints its port), kills
# them by PID on exit, runs the real pacprobe with a bounded wall time and
# checks exit code, stdout/stderr and JSON. Nothing leaves 127.0.0.1.
# Usage inside a test: source faultlib.sh PACPROBE PP_LAB_HTTPD; fl_start
# VAR MODE [FILE]; fl_case/fl_run/want_*; fl_finish.
set -u
FL_BIN=${1:?usage: $0 PACPROBE PP_LAB_HTTPD}
FL_HTTPD=${2:?usage: $0 PACPROBE PP_LAB_HTTPD}
FL_FAULTD=$(dirname "$FL_HTTPD")/pp_lab_faultd
FL_PASS=0 FL_FAIL=0 FL_CASE="" FL_PIDS=()
FL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/pp-faults.XXXXXX")
FL_OUT=$FL_TMP/out FL_ERR=$FL_TMP/err

fl_cleanup() {
  local p
  for p in "${FL_PIDS[@]}"; do kill "$p" 2>/dev/null; done
  for p in "${FL_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$FL_TMP"
}
trap fl_cleanup EXIT
trap 'exit 1' INT TERM

fl_skip() { echo "SKIP: $*"; exit 77; }
[ -x "$FL_FAULTD" ] || fl_skip "pp_lab_faultd not built beside $FL_HTTPD"
command -v jq >/dev/null || fl_skip "jq not installed"

# fl_start VAR MODE [FILE]: a faultd server; its port in VAR (waits at most 5 s).
fl_start() {
  local var=$1 log=$FL_TMP/$2.$RANDOM i port=""
  shift
  "$FL_FAULTD" "$@" >"$log.port" 2>"$log.log" &
  FL_PIDS+=($!)
  for ((i = 0; i < 50; i++)); do
    port=$(head -n1 "$log.port" 2>/dev/null)
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { echo "FAIL: pp_lab_faultd $1 did not start"; cat "$log.log"; exit 1; }
  printf -v "$var" '%s' "$port"
}

# fl_httpd DOCROOT: pp_lab_httpd on 127.0.0.1, a free port, serving
# DOCROOT/127.0.0.1/...; sets FL_URL=http://127.0.0.1:PORT (waits at most 5 s).
fl_httpd() {
  local port i
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])') ||
    fl_skip "python3 cannot pick a port"
  "$FL_HTTPD" 127.0.0.1 "$port" "$1" 2>/dev/null &
  FL_PIDS+=("$!")
  for ((i = 0; i < 50; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
  done
  FL_URL=http://127.0.0.1:$port
}

# fl_run ARGS...: pacprobe ARGS with no proxy from the environment and a hard
# 60 s kill (a hang fails the case instead of the suite); stdout $FL_OUT,
# stderr $FL_ERR, exit $FL_RC, wall time $FL_MS.
fl_run() {
  local t0
  t0=$(date +%s%N)
  env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u ALL_PROXY \
    -u no_proxy -u NO_PROXY timeout -s KILL 60 "$FL_BIN" "$@" >"$FL_OUT" 2>"$FL_ERR"
  FL_RC=$?
  FL_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "    ($FL_MS ms, exit $FL_RC)"
}

fl_case() { FL_CASE=$1; echo "--- $1"; }
ok() { FL_PASS=$((FL_PASS + 1)); }
bad() {
  FL_FAIL=$((FL_FAIL + 1))
  echo "FAIL [$FL_CASE]: $*"
  echo "  stdout:"; head -c 4000 "$FL_OUT" | sed 's/^/    /'
  echo "  stderr:"; head -c 3000 "$FL_ERR" | sed 's/^/    /'
}
want_rc() { [ "$FL_RC" = "$1" ] && ok || bad "exit $FL_RC, expected $1"; }
want_out() { grep -Eq -- "$1" "$FL_OUT" && ok || bad "stdout does not match /$1/"; }
want_err() { grep -Eq -- "$1" "$FL_ERR" && ok || bad "stderr does not match /$1/"; }
want_no_out() { grep -Eq -- "$1" "$FL_OUT" && bad "stdout matches /$1/" || ok; }
want_no_err() { grep -Eq -- "$1" "$FL_ERR" && bad "stderr matches /$1/" || ok; }
want_within() {
  # a run past two thirds of its limit is named in the log, so a slow CI
  # machine's margins can be read before a case fails there
  [ $((FL_MS * 3)) -gt $(($1 * 2)) ] && echo "    (near the limit: $FL_MS of $1 ms)"
  [ "$FL_MS" -le "$1" ] && ok || bad "took $FL_MS ms, limit $1 ms"
}
want_at_least() { [ "$FL_MS" -ge "$1" ] && ok || bad "took $FL_MS ms, expected at least $1 ms"; }
want_jq() { jq -e "$1" "$FL_OUT" >/dev/null 2>&1 && ok || bad "JSON does not satisfy: $1"; }
want_errlines() { [ "$(wc -l <"$FL_ERR")" = "$1" ] && ok || bad "stderr has $(wc -l <"$FL_ERR") lines, expected $1"; }
# want_jqs FILTER: the same over all JSON values of stdout as one array (JSON Lines).
want_jqs() { jq -s -e "$1" "$FL_OUT" >/dev/null 2>&1 && ok || bad "JSON lines do not satisfy: $1"; }
# fl_pac NAME BODY: a PAC file FindProxyForURL(url, host) { BODY }; prints its path.
fl_pac() {
  printf 'function FindProxyForURL(url, host) {\n  %s\n}\n' "$2" >"$FL_TMP/$1"
  echo "$FL_TMP/$1"
}

fl_finish() {
  echo "$FL_PASS passed, $FL_FAIL failed"
  [ "$FL_FAIL" = 0 ]
}
