#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# The Windows build's tests, run under Wine (make test-windows,
# docs/windows.md).
#
#   tests/windows/run.sh WINBUILD NATIVEBUILD [NAME...]
#
# WINBUILD holds pacprobe.exe (make windows), NATIVEBUILD the Linux
# pacprobe the comparisons are made against. NAMEs pick tests (default all).
#
# The harness
#   1. makes a private Wine prefix, WINBUILD/wine/prefix (WINEDEBUG=-all,
#      64-bit), boots it once (wineboot --init, output to a file) and keeps
#      one persistent wineserver (-p) for the whole run, stopped with
#      `wineserver -k` at the end (HKEY_USERS\S-1-5-19 & co live only in the
#      running server, so `reg import` must happen inside the run);
#   2. writes two wrappers, WINBUILD/wine/bin/pacprobe and .../pactester,
#      that run the .exe under Wine with stdout and stderr captured to
#      FILES and copied out afterwards (Wine's helper processes inherit
#      them; a pipe read to EOF could wait forever), stdin passed through,
#      the exit code kept. Unix absolute paths work as arguments: Wine maps
#      them to drive Z:. Any runner that takes a binary path takes these;
#   3. runs every tests/windows/t_*.sh in name order (or the NAMEs given).
#
# Adding a test: drop an executable tests/windows/t_NAME.sh. It runs with
#   PP_WIN     the Wine wrapper for pacprobe.exe (call it like the binary)
#   PP_WIN_PACTESTER  the same for the pactester personality
#   PP_EXE     the .exe itself (for `file`, objdump)
#   PP_LINUX   the Linux pacprobe (reference output)
#   PP_SRC     the source tree;  PP_TMP  a scratch directory of its own
#   WINEPREFIX, WINEDEBUG, WINESERVER  already set and the server running:
#              `wine reg import FILE.reg` works as is
# and exits 0 (passed), 1 (failed) or 77 (skipped; print the reason). It
# prints what it checked; the last line of its output is shown in the
# summary, so end with "N passed, N failed" where it counts sub-cases.
# A test is bounded: each has TEST_TIMEOUT seconds (default 1200).
set -u

die() { echo "windows tests: $*" >&2; exit 2; }
[ $# -ge 2 ] || die "usage: run.sh WINBUILD NATIVEBUILD [NAME...]"
WINBUILD=$(realpath "$1")
NATIVE=$(realpath "$2")
shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
export PP_SRC=$(cd "$HERE/../.." && pwd)
export PP_EXE=$WINBUILD/pacprobe.exe PP_LINUX=$NATIVE/pacprobe
[ -f "$PP_EXE" ] || die "$PP_EXE missing (make windows)"
[ -x "$PP_LINUX" ] || die "$PP_LINUX missing (the native build)"
command -v wine >/dev/null || die "wine missing (apt-get install wine wine64)"

W=$WINBUILD/wine
mkdir -p "$W/bin" "$W/logs"
export WINEPREFIX=$W/prefix WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
export WINESERVER=$(command -v wineserver || echo /usr/lib/wine/wineserver64)
[ -x "$WINESERVER" ] || WINESERVER=/usr/lib/wine/wineserver64

# ---- the wrappers -------------------------------------------------------------
# One script; called through a link named pactester it runs pactester.exe
# (the runners make such links), else pacprobe.exe.
cat > "$W/bin/pacprobe" <<WRAP
#!/bin/sh
# Runs pacprobe.exe under Wine like a native binary (tests/windows/run.sh).
exe="$PP_EXE"
[ "\$(basename "\$0")" = pactester ] && exe="$WINBUILD/pactester.exe"
out=\$(mktemp "\${TMPDIR:-/tmp}/ppwine.XXXXXX") || exit 125
wine "\$exe" "\$@" >"\$out" 2>"\$out.err"
rc=\$?
cat "\$out"
cat "\$out.err" >&2
rm -f "\$out" "\$out.err"
exit \$rc
WRAP
chmod +x "$W/bin/pacprobe"
ln -sf pacprobe "$W/bin/pactester"
export PP_WIN=$W/bin/pacprobe PP_WIN_PACTESTER=$W/bin/pactester

# ---- the prefix and the server ---------------------------------------------------
t0=$(date +%s)
"$WINESERVER" -k >/dev/null 2>&1
"$WINESERVER" -p
trap '"$WINESERVER" -k >/dev/null 2>&1' EXIT
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wine wineboot --init >"$W/logs/wineboot.log" 2>&1 || die "wineboot failed: see $W/logs/wineboot.log"
else
  wine wineboot >"$W/logs/wineboot.log" 2>&1
fi
echo "wine prefix ready in $(( $(date +%s) - t0 )) s ($(wine --version 2>/dev/null))"

# ---- the tests ---------------------------------------------------------------------
TESTS=()
if [ $# -gt 0 ]; then
  for n in "$@"; do TESTS+=("$HERE/t_$n.sh"); done
else
  for t in "$HERE"/t_*.sh; do TESTS+=("$t"); done
fi
passed=0 failed=0 skipped=0
for t in "${TESTS[@]}"; do
  name=$(basename "$t" .sh); name=${name#t_}
  [ -x "$t" ] || { echo "FAIL $name: $t is not an executable test"; failed=$((failed + 1)); continue; }
  export PP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ppwin-$name.XXXXXX")
  log=$W/logs/$name.log
  s=$(date +%s)
  timeout "${TEST_TIMEOUT:-1200}" "$t" >"$log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - s ))
  last=$(tail -1 "$log")
  case $rc in
    0) passed=$((passed + 1)); echo "PASS $name (${secs} s): $last" ;;
    77) skipped=$((skipped + 1)); echo "SKIP $name: $last" ;;
    *) failed=$((failed + 1)); echo "FAIL $name (exit $rc, ${secs} s); $log:"; tail -30 "$log" | sed 's/^/    /' ;;
  esac
  rm -rf "$PP_TMP"
done
echo "windows tests: $passed passed, $failed failed, $skipped skipped in $(( $(date +%s) - t0 )) s"
[ $failed = 0 ]
