#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# make test-browsers: the differential run through both real browsers
# (docs/browsers.md), Chromium and Firefox at the same time, each in its own
# lab (its own network namespaces) and each bounded by BROWSER_TIMEOUT
# seconds (default 900). Prints each browser's disagreements and its
# "NAME: N agree, M disagree ..." line with its wall time. Exit 0 when every
# disagreement of both is listed in tests/browsers/known-disagreements.txt,
# 77 when neither browser could run, else 1.
#
#   run.sh PACPROBE CASEFILE...

set -u
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 2 ] || { echo "usage: run.sh PACPROBE CASEFILE..." >&2; exit 2; }
LIMIT=${BROWSER_TIMEOUT:-900}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ppbrowsers.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

start=$(date +%s)
for b in chromium firefox; do
  (
    t=$(date +%s)
    timeout -k 20 "$LIMIT" python3 "$HERE/$b.py" "$@" </dev/null >"$TMP/$b.out" 2>&1
    rc=$?
    echo "$rc $(( $(date +%s) - t ))" >"$TMP/$b.rc"
  ) &
done
wait

status=77
for b in chromium firefox; do
  read -r rc secs <"$TMP/$b.rc"
  echo "== $b (exit $rc, $secs s) =="
  cat "$TMP/$b.out"
  [ "$rc" = 124 ] && echo "$b: stopped after $LIMIT s (BROWSER_TIMEOUT)"
  case $rc in
    0) [ $status = 77 ] && status=0 ;;
    77) ;;
    *) status=1 ;;
  esac
done
echo "browser stage: $(( $(date +%s) - start )) s"
exit $status
