#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# make deb: builds the Debian packages pacprobe, libpacprobe0 and
# libpacprobe-dev from a copy of the tracked files in OUT (default
# build-deb; dpkg-buildpackage writes its .debs next to the source tree, so
# the copy keeps them out of the checkout's parent), then runs lintian on
# them and fails on any error. The version is CMake's project() version:
# debian/changelog must carry it.
# Usage: tools/deb.sh [OUT]
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
OUT=$(mkdir -p "${1:-$SRC/build-deb}" && cd "${1:-$SRC/build-deb}" && pwd)
version=$(sed -n 's/^project(pacprobe VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
debver=$(sed -n '1s/^pacprobe (\([^)]*\)).*/\1/p' "$SRC/debian/changelog")
if [ "$debver" != "$version" ]; then
  echo "deb: debian/changelog says $debver, CMakeLists.txt project() says $version" >&2
  exit 1
fi
tree=$OUT/pacprobe-$version
rm -rf "$tree" "$OUT"/*.deb "$OUT"/*.changes "$OUT"/*.buildinfo
mkdir -p "$tree"
(cd "$SRC" && git ls-files -z | xargs -0 cp --parents -t "$tree")
(cd "$tree" && dpkg-buildpackage -us -uc -b -j"${JOBS:-2}")
changes=$(ls "$OUT"/pacprobe_"$version"_*.changes)
echo "deb: lintian $changes"
lintian --fail-on error --tag-display-limit 0 "$changes"
ls -1 "$OUT"/*.deb
