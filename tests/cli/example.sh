#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# examples/minimal.c builds against the library of this build and answers
# like `pacprobe eval` (the library API is what the CLI uses).
set -euo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${PP_BUILD:-$(dirname "$PP")}
command -v cc >/dev/null || { echo "skip: no C compiler"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
duk=$B/libpp_duktape.a
[ -f "$duk" ] || duk=$B/libpacprobe_duktape.a
# the same sanitizers as the library (CI builds ASan+UBSan and TSan variants)
san=$(sed -n 's/^CMAKE_C_FLAGS:STRING=//p' "$B/CMakeCache.txt" 2>/dev/null || true)
grep -q '^PP_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" 2>/dev/null && san="$san -fsanitize=address,undefined"
# shellcheck disable=SC2086
cc -std=c11 -Wall -Wextra -Werror $san -I"$SRC/src" -I"$B/generated" -o "$TMP/minimal" "$SRC/examples/minimal.c" \
  "$B/libpacprobe.a" "$duk" $(pkg-config --libs libcurl libcares jansson libidn2) -lunistring -lm -lpthread
pac=$SRC/pacscripts/examples/corporate.pac
urls=(http://www.example.com/ https://login.example.net/sso http://intranet/)
"$TMP/minimal" "$pac" "${urls[@]}" >"$TMP/ex.out" || true
"$PP" eval --no-dns -j 1 -p "$pac" --format tsv "${urls[@]}" | cut -f1,2 | sed 's/\t/ : /' >"$TMP/pp.out" || true
# the example uses the system resolver, eval --no-dns: compare names that need no DNS
diff <(head -n2 "$TMP/ex.out") <(head -n2 "$TMP/pp.out")
[ "$(wc -l <"$TMP/ex.out")" = 3 ]
echo "ok: examples/minimal.c agrees with pacprobe eval"
