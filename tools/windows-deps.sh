#!/bin/bash
# Third-party libraries of the Windows build, built from Debian's source
# packages (never copied into the repository): jansson, c-ares, libidn2 (with
# its bundled libunistring), libpsl (no runtime IDNA, built-in list from
# Debian's publicsuffix package). Static libraries and .pc files land in
# DEPS (default build-windows/deps/prefix), which the toolchain file
# cmake/mingw-w64-x86_64.cmake hands to pkg-config.
#
#   tools/windows-deps.sh DEPS_DIR
#
# apt-get source runs with a private source list (bookworm, -updates,
# -security deb-src, so security-patched versions win) and a private state
# directory: the system's apt configuration is not touched.
# Cache: DEPS_DIR/stamp holds the hash of this script and the versions
# built; when it matches nothing is redone.
set -euo pipefail

DIR=$(realpath -m "${1:?usage: windows-deps.sh DEPS_DIR}")
PKGS="jansson c-ares libidn2 libpsl"
HOST=x86_64-w64-mingw32
CC=$HOST-gcc-posix
JOBS=${JOBS:-2}
HERE=$(cd "$(dirname "$0")/.." && pwd)
PSL_LIST=/usr/share/publicsuffix/public_suffix_list.dat
PREFIX=$DIR/prefix
SRC=$DIR/src
APT=$DIR/apt

say() { printf 'windows-deps: %s\n' "$*"; }

fetch_sources() {
  mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$SRC"
  local mirror=http://deb.debian.org/debian sec=http://deb.debian.org/debian-security
  {
    echo "deb-src $mirror bookworm main"
    echo "deb-src $mirror bookworm-updates main"
    echo "deb-src $sec bookworm-security main"
  } > "$APT/sources.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o Dir::Etc::SourceParts=/nonexistent
            -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o Debug::NoLocking=1
            -o APT::Sandbox::User=root)
  apt-get "${APT_OPTS[@]}" -qq update
  (cd "$SRC" && apt-get "${APT_OPTS[@]}" -qq source --download-only $PKGS)
}

# The version apt-get source picked, from the .dsc it downloaded.
dsc_of() { ls "$SRC"/"$1"_*.dsc | sort -V | tail -1; }

unpack() {
  local dsc; dsc=$(dsc_of "$1")
  rm -rf "$SRC/$1"
  dpkg-source --no-check -x "$dsc" "$SRC/$1"
}

build_jansson() {
  cmake -S "$SRC/jansson" -B "$SRC/jansson/_b" -G Ninja \
    -DCMAKE_TOOLCHAIN_FILE="$HERE/cmake/mingw-w64-x86_64.cmake" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF \
    -DJANSSON_WITHOUT_TESTS=ON -DJANSSON_EXAMPLES=OFF \
  && cmake --build "$SRC/jansson/_b" -j"$JOBS" && cmake --install "$SRC/jansson/_b"
}

# c-ares 1.18.1's inet_net_pton.c uses INADDRSZ, which only a system
# <arpa/nameser.h> defines (upstream renamed it NS_INADDRSZ in 1.19.0).
build_cares() {
  cmake -S "$SRC/c-ares" -B "$SRC/c-ares/_b" -G Ninja -DCMAKE_C_FLAGS=-DINADDRSZ=NS_INADDRSZ \
    -DCMAKE_TOOLCHAIN_FILE="$HERE/cmake/mingw-w64-x86_64.cmake" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$PREFIX" -DCARES_STATIC=ON -DCARES_SHARED=OFF \
    -DCARES_BUILD_TOOLS=OFF -DCARES_BUILD_TESTS=OFF -DCARES_INSTALL=ON \
  && cmake --build "$SRC/c-ares/_b" -j"$JOBS" && cmake --install "$SRC/c-ares/_b"
}

build_idn2() {
  (cd "$SRC/libidn2" && ./configure -q --host=$HOST CC=$CC --prefix="$PREFIX" \
     --disable-shared --enable-static --disable-doc --disable-nls --disable-valgrind-tests \
     --with-included-libunistring --without-libiconv-prefix --without-libintl-prefix \
     && make -s -j"$JOBS" -C gl && make -s -j"$JOBS" -C unistring \
     && make -s -j"$JOBS" -C lib install && make -s install-pkgconfigDATA)
}

build_psl() {
  local cross=$SRC/libpsl/cross.ini
  cat > "$cross" <<EOF
[binaries]
c = '$CC'
ar = '$HOST-gcc-ar-posix'
strip = '$HOST-strip'
pkgconfig = 'pkg-config'
[host_machine]
system = 'windows'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'
EOF
  (cd "$SRC/libpsl" && meson setup _b --cross-file "$cross" --prefix="$PREFIX" \
     --default-library=static --buildtype=release -Druntime=no -Dbuiltin=true \
     -Dpsl_file="$PSL_LIST" -Ddocs=false \
     && meson compile -C _b -j "$JOBS" src/psl:static_library \
     && meson install -C _b --no-rebuild --tags devel)
}

main() {
  [ -r "$PSL_LIST" ] || { echo "windows-deps: $PSL_LIST missing: apt-get install publicsuffix" >&2; exit 2; }
  local want; want="$(sha256sum "$0" | cut -d' ' -f1) $(sha256sum "$PSL_LIST" | cut -d' ' -f1)"
  if [ -f "$DIR/stamp" ] && [ "$(head -1 "$DIR/stamp")" = "$want" ]; then
    say "cached in $PREFIX ($(tail -n +2 "$DIR/stamp" | tr '\n' ' '))"; exit 0
  fi
  rm -rf "$PREFIX" "$DIR/stamp"
  say "fetching Debian sources: $PKGS"
  fetch_sources
  local p t0
  for p in $PKGS; do
    t0=$(date +%s)
    unpack "$p"
    local log=$DIR/logs/$p.log rc=0
    mkdir -p "$DIR/logs"
    case $p in
      jansson) build_jansson ;; c-ares) build_cares ;;
      libidn2) build_idn2 ;; libpsl) build_psl ;;
    esac >"$log" 2>&1 || rc=$?
    if [ $rc != 0 ]; then
      say "building $p failed (exit $rc); the end of $log:" >&2
      tail -20 "$log" >&2
      exit 1
    fi
    say "built $(basename "$(dsc_of "$p")" .dsc) in $(( $(date +%s) - t0 ))s"
  done
  { echo "$want"; for p in $PKGS; do basename "$(dsc_of "$p")" .dsc; done; } > "$DIR/stamp"
}

main
