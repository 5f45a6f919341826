#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A user's view of the library (issue 19 "Must show" 1 and 5; docs/library.md):
# install this build into a staging DESTDIR, then compile the examples
# against the STAGED header and libpacprobe.pc only, dynamically and with
# pkg-config --static (libpacprobe.a), run them, compare examples/minimal
# with `pacprobe eval`, and check that libpacprobe.so exports only pp_
# symbols, has its soname, and that what make install lays out is there.
set -euo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${PP_BUILD:-$(dirname "$PP")}
command -v cc >/dev/null || { echo "skip: no C compiler"; exit 77; }
grep -q '^PP_SHARED:BOOL=ON' "$B/CMakeCache.txt" || { echo "skip: built without PP_SHARED"; exit 77; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
DESTDIR=$TMP/stage cmake --install "$B" >"$TMP/install.log"
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$B/CMakeCache.txt")
root=$TMP/stage$prefix
libdir=$(dirname "$(dirname "$(find "$root" -name libpacprobe.pc)")")
for f in bin/pacprobe include/pacprobe.h share/man/man1/pacprobe.1 share/man/man1/pacprobe-eval.1 \
         share/man/man1/pacprobe-check.1 share/man/man3/libpacprobe.3 \
         share/bash-completion/completions/pacprobe share/zsh/vendor-completions/_pacprobe \
         share/fish/vendor_completions.d/pacprobe.fish share/pacprobe/targets/mdi.targets; do
  [ -e "$root/$f" ] || fail "make install did not install $f"
done
[ ! -e "$root/bin/pactester" ] || fail "pactester installed without PP_INSTALL_PACTESTER"
so=$(readlink -f "$libdir/libpacprobe.so")
soname=$(objdump -p "$so" | awk '/SONAME/ {print $2}')
[ "$soname" = libpacprobe.so.0 ] || fail "soname is '$soname', expected libpacprobe.so.0"
foreign=$(nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRVW]$/ && $3 !~ /^pp_/ {print $3}')
[ -z "$foreign" ] || fail "libpacprobe.so exports non-pp_ symbols: $(echo $foreign | head -c 300)"
nexp=$(nm -D --defined-only "$so" | awk '$3 ~ /^pp_/' | wc -l)
internal=$(nm -D --defined-only "$so" | awk '$3 ~ /^pp_(engine_eval|config_decide|check_run)(@|$)/')
[ -z "$internal" ] || fail "libpacprobe.so exports internal calls: $internal"
# only the staged files: the sysroot makes pkg-config prefix -I and -L with the stage
export PKG_CONFIG_SYSROOT_DIR=$TMP/stage PKG_CONFIG_PATH=$libdir/pkgconfig PKG_CONFIG_LIBDIR=/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/lib/pkgconfig:/usr/share/pkgconfig
pkg-config --exists libpacprobe || fail "pkg-config does not find the staged libpacprobe.pc"
[ "$(pkg-config --modversion libpacprobe)" = "$("$PP" --version | sed -n '1s/^pacprobe //p')" ] ||
  fail "the .pc version differs from pacprobe --version"
cflags="-std=c11 -Wall -Wextra -Werror"
# the same sanitizers as the library (CI builds ASan+UBSan and TSan variants)
cflags="$cflags $(sed -n 's/^CMAKE_C_FLAGS:STRING=//p' "$B/CMakeCache.txt")"
grep -q '^PP_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" && cflags="$cflags -fsanitize=address,undefined"
for ex in minimal proxies; do
  # shellcheck disable=SC2046
  cc $cflags -o "$TMP/$ex" "$SRC/examples/$ex.c" $(pkg-config --cflags --libs libpacprobe) ||
    fail "examples/$ex.c does not build with pkg-config --libs libpacprobe"
  # shellcheck disable=SC2046
  cc $cflags -o "$TMP/$ex-static" "$SRC/examples/$ex.c" \
    $(pkg-config --static --cflags --libs libpacprobe | sed 's/-lpacprobe\b/-l:libpacprobe.a/') ||
    fail "examples/$ex.c does not build with pkg-config --static (libpacprobe.a)"
done
dyn=$(LD_LIBRARY_PATH=$libdir ldd "$TMP/minimal") static=$(ldd "$TMP/minimal-static")
grep -q 'libpacprobe.so.0 => .*stage' <<<"$dyn" || fail "the dynamic example does not load the staged libpacprobe.so.0"
! grep -q libpacprobe <<<"$static" || fail "the static example still needs libpacprobe.so"
pac=$SRC/pacscripts/examples/corporate.pac
urls=(http://www.example.com/ https://login.example.net/sso http://intranet/)
"$PP" eval --no-dns -j 1 -p "$pac" --format tsv "${urls[@]}" | cut -f1,2 | sed 's/\t/ : /' >"$TMP/pp.out" || true
for bin in "$TMP/minimal" "$TMP/minimal-static"; do
  LD_LIBRARY_PATH=$libdir "$bin" "$pac" "${urls[@]}" >"$TMP/ex.out" || true
  # the example uses the system resolver, eval --no-dns: compare the names that need no DNS
  diff <(head -n2 "$TMP/ex.out") <(head -n2 "$TMP/pp.out") >/dev/null ||
    fail "$(basename "$bin") differs from pacprobe eval: $(diff <(head -n2 "$TMP/ex.out") <(head -n2 "$TMP/pp.out") | tr '\n' ' ')"
  [ "$(wc -l <"$TMP/ex.out")" = 3 ] || fail "$(basename "$bin") printed $(wc -l <"$TMP/ex.out") lines"
done
# the one call, under a known environment: https_proxy decides, no_proxy bypasses
for bin in "$TMP/proxies" "$TMP/proxies-static"; do
  out=$(env -i PATH="$PATH" LD_LIBRARY_PATH="$libdir" https_proxy=http://px.example:3128 \
        no_proxy=.internal.example "$bin" https://a.example/ https://b.internal.example/ http://c.example/)
  grep -qx 'https://a.example/ http://px.example:3128  # decided by: .*https_proxy.*' <<<"$out" ||
    fail "$(basename "$bin"): https_proxy not followed: $out"
  grep -qx 'https://b.internal.example/ direct://  # decided by: .*no_proxy.*\|https://b.internal.example/ direct://  # decided by: .*bypass.*' <<<"$out" ||
    fail "$(basename "$bin"): no_proxy not followed: $out"
  grep -qx 'http://c.example/ direct://  # decided by: .*' <<<"$out" ||
    fail "$(basename "$bin"): http:// without http_proxy is not direct: $out"
  grep -q '^libpacprobe [0-9.]*, Duktape [0-9.]*, libcurl [0-9.]*, c-ares [0-9.]*, OpenSSL [0-9]' <<<"$out" ||
    fail "$(basename "$bin"): versions missing: $out"
done
echo "$nexp pp_ symbols exported; $fails failures"
[ $fails = 0 ]
