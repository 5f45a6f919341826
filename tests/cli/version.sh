#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# One version (issue 19): CMakeLists.txt's project() version is the one in
# pacprobe --version, pp_version() (through the examples in install.sh),
# the generated man pages, debian/changelog and the top of CHANGELOG.md.
set -u
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${PP_BUILD:-$(dirname "$PP")}
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
v=$(sed -n 's/^project(pacprobe VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
[ -n "$v" ] || { echo "FAIL: no version in CMakeLists.txt project()"; exit 1; }
[ "$("$PP" --version | head -n1)" = "pacprobe $v" ] || fail "pacprobe --version: $("$PP" --version | head -n1)"
[ "$(sed -n '1s/^pacprobe (\([^)]*\)).*/\1/p' "$SRC/debian/changelog")" = "$v" ] || fail "debian/changelog is not $v"
[ "$(grep -m1 -oE '^## [0-9][0-9.]*' "$SRC/CHANGELOG.md")" = "## $v" ] || fail "CHANGELOG.md's newest entry is not $v"
for m in "$B"/share/man/man1/*.1 "$B"/share/man/man3/*.3; do
  [ -f "$m" ] || continue
  grep -qE "^\.TH .*\"(lib)?pacprobe $v\"" "$m" ||
    fail "$(basename "$m") does not carry $v on its .TH line"
done
echo "version $v; $fails failures"
[ $fails = 0 ]
