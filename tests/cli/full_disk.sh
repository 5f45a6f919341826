#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A full disk never leaves a truncated report (issue 15 item 10,
# src/cli/outfile.c): `test --junit --overwrite`, `check --junit
# --overwrite` and `sources --write-reg --overwrite` onto a small tmpfs
# that is full. Each must fail with a one-line error naming the path and
# the cause (exit 2), leave the previous file byte for byte, and leave no
# temporary file behind; with room, the report is replaced. The tmpfs is
# mounted in a private mount namespace (unshare -m), so nothing outside
# this test sees it. Skips (77) without root or unshare.
# Usage: full_disk.sh PACPROBE
set -u
BIN=$(realpath "$1")
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root for a private tmpfs"; exit 77; }
command -v unshare >/dev/null || { echo "SKIP: no unshare"; exit 77; }
unshare -m true 2>/dev/null || { echo "SKIP: unshare -m not permitted here"; exit 77; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export BIN SRC WORK
unshare -m bash -s <<'INNER'
set -u
pass=0 fail=0
bad() { echo "FAIL [$case]: $*"; fail=$((fail + 1)); }
ok() { pass=$((pass + 1)); }
mount --make-rprivate / 2>/dev/null
D=$WORK/disk
mkdir -p "$D"
mount -t tmpfs -o size=64k tmpfs "$D" || { echo "SKIP: cannot mount tmpfs"; exit 77; }
T=$SRC/tests/cli/data/test
fill() { dd if=/dev/zero of="$D/filler" bs=4k 2>/dev/null; sync; }
unfill() { rm -f "$D/filler"; }
# expect_kept FILE: exit 2, the old content, one error naming FILE and ENOSPC, no temp file
expect_kept() {
  [ "$rc" = 2 ] && ok || bad "exit $rc, expected 2"
  cmp -s "$1" "$WORK/old" && ok || bad "the previous report changed: $(head -c 200 "$1")"
  grep -q "No space left on device" "$WORK/err" && grep -qF "$1" "$WORK/err" && ok ||
    bad "stderr does not name the path and ENOSPC: $(cat "$WORK/err")"
  [ "$(wc -l <"$WORK/err")" -le 2 ] && ok || bad "more than two stderr lines"
  ls -A "$D" | grep -q pacprobe- && bad "a temporary file is left: $(ls -A "$D")" || ok
}
# a previous report big enough that truncating it is visible
yes '<previous report line/>' | head -c 6000 >"$WORK/old"

case="test --junit --overwrite on a full disk keeps the previous report"
cp "$WORK/old" "$D/report.xml"
fill
(cd "$T" && "$BIN" test --overwrite --junit "$D/report.xml" routes.pac suite.cases) >/dev/null 2>"$WORK/err"
rc=$?
expect_kept "$D/report.xml"
unfill

case="with room, the same command replaces it"
(cd "$T" && "$BIN" test --overwrite --junit "$D/report.xml" routes.pac suite.cases) >/dev/null 2>"$WORK/err"
grep -q '</testsuites>' "$D/report.xml" && ok || bad "not replaced: $(cat "$WORK/err")"

case="check --junit --overwrite on a full disk keeps the previous report"
cp "$WORK/old" "$D/check.xml"
fill
env -u http_proxy -u https_proxy "$BIN" check --proxy "" --connect-timeout 500 --overwrite \
  --junit "$D/check.xml" http://127.0.0.1:9/ >/dev/null 2>"$WORK/err"
rc=$?
expect_kept "$D/check.xml"
unfill

case="sources --write-reg --overwrite on a full disk keeps the previous file"
cp "$WORK/old" "$D/fix.reg"
fill
"$BIN" sources --no-env --reg "$SRC/tests/cli/data/sources/corp.reg" --for localsystem --overwrite \
  --write-reg "$D/fix.reg" >/dev/null 2>"$WORK/err"
rc=$?
expect_kept "$D/fix.reg"
unfill

case="a new --junit on a full disk: no file, no temporary file"
fill
(cd "$T" && "$BIN" test --junit "$D/new.xml" routes.pac suite.cases) >/dev/null 2>"$WORK/err"
rc=$?
[ "$rc" = 2 ] && ok || bad "exit $rc, expected 2"
[ -e "$D/new.xml" ] && bad "a (truncated) new.xml was left" || ok
ls -A "$D" | grep -q pacprobe- && bad "a temporary file is left" || ok
unfill
umount "$D"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
INNER
