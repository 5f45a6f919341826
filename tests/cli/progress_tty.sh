#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 20 "clean progress": `eval -f` of 200,000 URLs with stdout and stderr
# on one terminal (a pty, tests/lab/pty_run.py). The screen is replayed as a
# terminal shows it (carriage return, erase to end of line, overwriting):
# every line a user reads is a whole "URL : RESULT" line, the progress line
# never shares a line with a result, and with NO_COLOR=1 not one escape
# sequence is written. With stdout to a file, no progress reaches the file.
set -euo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || { echo "skip: python3 not installed (pty runner)"; exit 77; }

N=200000
# 200,000 URLs take 2-3 s here: past the 1 s after which the progress
# line appears (a faster machine gets a note, not a failure)
cat >"$TMP/p.pac" <<'PAC'
function FindProxyForURL(url, host) {
  if (shExpMatch(host, "*.7.example")) return "PROXY p7:8080";
  return "DIRECT";
}
PAC
awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) printf "http://h%d.%d.example/p%d\n", i, i % 10, i }' >"$TMP/urls"

NO_COLOR=1 COLUMNS=100 python3 "$SRC/tests/lab/pty_run.py" "" "" "$PP" eval -j 2 -p "$TMP/p.pac" \
  -f "$TMP/urls" >"$TMP/screen" || fail "eval under a pty exited $?"

python3 - "$TMP/screen" "$N" <<'PY' || exit 1
import re, sys
raw = open(sys.argv[1], "rb").read()
n = int(sys.argv[2])
if b"\x1b" in raw:
    i = raw.index(b"\x1b")
    sys.exit("FAIL: NO_COLOR=1 but an escape sequence was written: %r" % raw[max(0, i - 40):i + 20])
progress_seen = b" URLs, " in raw and b"/s" in raw
lines, line, col = [], [], 0
def put(ch):
    global col
    if col < len(line): line[col] = ch
    else: line.extend([" "] * (col - len(line))); line.append(ch)
    col += 1
for b in raw.decode("utf-8", "replace"):
    if b == "\r": col = 0
    elif b == "\n":
        lines.append("".join(line).rstrip(" ")); line, col = [], 0
    else: put(b)
tail = "".join(line).strip()
if tail: sys.exit("FAIL: the screen ends with a partial line: %r" % tail[:120])
want = re.compile(r"^http://h(\d+)\.\d\.example/p\1 : (DIRECT|PROXY p7:8080)$")
bad = [l for l in lines if not want.match(l)]
if bad: sys.exit("FAIL: %d screen lines are not whole result lines, first: %r" % (len(bad), bad[0][:160]))
if len(lines) != n: sys.exit("FAIL: %d result lines on the screen, want %d" % (len(lines), n))
print("ok: %d whole result lines on a terminal, no escape sequence with NO_COLOR=1%s"
      % (n, ", progress line seen and cleared" if progress_seen else
         " (note: the run was too fast for the progress line to appear)"))
PY

# stdout to a file, stderr on the terminal: the file holds results only
python3 "$SRC/tests/lab/pty_run.py" "" "" sh -c '"$0" eval -j 2 -p "$1" -f "$2" >"$3"' "$PP" \
  "$TMP/p.pac" "$TMP/urls" "$TMP/out" >"$TMP/screen2" || fail "eval to a file exited $?"
grep -c ' : ' "$TMP/out" | grep -qx "$N" || fail "result file does not hold $N lines"
grep -q 'URLs, ' "$TMP/out" && fail "progress text reached the result file"
echo "ok: with stdout to a file, the file holds $N result lines and no progress text"
