#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Running out of file descriptors is a local limit, not a refusal (issue 15
# item 11): `check --parallel 100` over 300 loopback targets under
# `ulimit -n 64` lowers the parallelism to what the limit leaves and says so
# (every target ok, no "refused"); with no descriptor left at all the
# attempt is `local-limit` naming EMFILE. Bounded: 300 targets, loopback.
# Usage: test_check_fdlimit.sh PACPROBE PP_LAB_HTTPD
source "$(dirname "$0")/checklib.sh"
command -v prlimit >/dev/null || ck_skip "prlimit (util-linux) not installed"
ck_up pac
for i in $(seq 1 300); do echo "$LAB_HTTP_ORIGIN"; done >"$LAB_DIR/urls"

ck_case "ulimit -n 64, --parallel 100, 300 targets: all ok, the lowered parallelism named"
CK_WRAP="prlimit --nofile=64:64 --" ck_run --proxy "" --parallel 100 -f "$LAB_DIR/urls" --format json
want_rc 0
want_jq '.summary == {"total": 300, "ok": 300, "failed": 0}'
want_jq '[.targets[].attempts[].error.code] | all(. == null)'
want_err "note: check: [0-9]+ targets in flight instead of 100: the open-file limit \\(ulimit -n 64\\)"
grep -q refused "$CK_OUT" "$CK_ERR" && bad "a target is reported refused" || ok

ck_case "the same in text"
CK_WRAP="prlimit --nofile=64:64 --" ck_run --proxy "" --parallel 100 -f "$LAB_DIR/urls"
want_rc 0
want_out "summary: 300 targets, 300 ok, 0 failed"

ck_case "no descriptor left for the socket: local-limit naming EMFILE, never refused"
# How many descriptors the run needs before the socket differs by build
# (sanitizers open their own): the limit is lowered until the socket is the
# one that does not fit; no limit may yield a refusal.
seen=""
for n in 9 8 7 6 5 4; do
  CK_WRAP="prlimit --nofile=$n:$n --" ck_run --proxy "" --format json "$LAB_HTTP_ORIGIN"
  grep -q refused "$CK_OUT" && bad "ulimit -n $n: reported as refused"
  if jq -e '.targets[0].verdict == "local-limit" and .targets[0].attempts[0].error.code == "local-limit" and
            (.targets[0].attempts[0].error.message | test("EMFILE"))' "$CK_OUT" >/dev/null 2>&1; then
    seen=$n
    break
  fi
done
[ -n "$seen" ] && ok || bad "no limit from 9 down to 4 gave a local-limit verdict naming EMFILE"
[ -z "$seen" ] || [ "$CK_RC" = 1 ] && ok || bad "exit $CK_RC with local-limit, expected 1"

ck_finish
