#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 20 "colour on terminals": verdicts and severities are coloured only
# when stdout is a terminal (a pty here, tests/lab/pty_run.py), never with
# NO_COLOR set, TERM=dumb or --color=never; --color=always colours a pipe
# too and wins over NO_COLOR; a bad --color value is a usage error. And the
# check table fits the terminal: the TARGET column is elided in the middle,
# the verdict never; into a pipe nothing is cut.
set -uo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || { echo "skip: python3 not installed (pty runner)"; exit 77; }
PAC=$SRC/tests/cli/data/syntax7.pac
ESC=$(printf '\033')
PTY=(python3 "$SRC/tests/lab/pty_run.py" "" "")

out=$(env -u NO_COLOR TERM=xterm "${PTY[@]}" "$PP" lint "$PAC")
case $out in *"${ESC}[1;31merror${ESC}[0m: SyntaxError"*) ;; *) fail "lint on a terminal: no red 'error': $out" ;; esac
echo "ok: lint on a terminal colours the severity"

out=$(NO_COLOR=1 TERM=xterm "${PTY[@]}" "$PP" lint "$PAC")
case $out in *"$ESC"*) fail "NO_COLOR=1 on a terminal still wrote an escape sequence" ;; *error:*) ;; *) fail "no lint output: $out" ;; esac
out=$(env -u NO_COLOR TERM=dumb "${PTY[@]}" "$PP" lint "$PAC")
case $out in *"$ESC"*) fail "TERM=dumb still got an escape sequence" ;; esac
out=$(env -u NO_COLOR TERM=xterm "${PTY[@]}" "$PP" lint --color=never "$PAC")
case $out in *"$ESC"*) fail "--color=never on a terminal still got an escape sequence" ;; esac
echo "ok: NO_COLOR=1, TERM=dumb, --color=never: no escape sequence on a terminal"

out=$(env -u NO_COLOR "$PP" lint "$PAC")
case $out in *"$ESC"*) fail "a pipe got colour without --color=always" ;; esac
out=$(NO_COLOR=1 "$PP" lint --color=always "$PAC")
case $out in *"${ESC}[1;31merror"*) ;; *) fail "--color=always did not colour a pipe (NO_COLOR=1 set)" ;; esac
echo "ok: a pipe is plain; --color=always colours it, over NO_COLOR"

"$PP" lint --color=sometimes "$PAC" >"$TMP/o" 2>"$TMP/e"
rc=$?
[ $rc = 2 ] || fail "--color=sometimes exited $rc, want 2"
grep -q "option --color: bad value 'sometimes'" "$TMP/e" || fail "no usage message: $(cat "$TMP/e")"
echo "ok: --color=sometimes is a usage error"

# check's table on an 80-column terminal (a refused proxy on loopback)
LONG="http://127.0.0.1:9/$(printf 'segment%03d/' $(seq 1 30))end"
args=(check --proxy 127.0.0.1:1 --connect-timeout 1 "$LONG")
NO_COLOR=1 COLUMNS=80 "${PTY[@]}" "$PP" "${args[@]}" | tr -d '\r' >"$TMP/tty"
head -n 2 "$TMP/tty" >"$TMP/table"
grep -q '^TARGET ' "$TMP/table" || fail "no table header on the terminal: $(head -3 "$TMP/tty")"
python3 - "$TMP/table" <<'PY' || exit 1
import sys
rows = open(sys.argv[1], encoding="utf-8").read().splitlines()
wide = [r for r in rows if len(r) > 80]
if wide: sys.exit("FAIL: table rows wider than 80 columns: %r" % wide)
if "…" not in rows[1] or "unreachable" not in rows[1]:
    sys.exit("FAIL: the URL is not elided or the verdict is cut: %r" % rows[1])
PY
COLUMNS=80 "$PP" "${args[@]}" >"$TMP/pipe" 2>/dev/null
grep -qF "$LONG" "$TMP/pipe" || fail "into a pipe the URL was cut"
echo "ok: check's table fits 80 columns on a terminal (URL elided, verdict whole); a pipe gets it whole"
