#!/bin/bash
# The Windows zip (make windows, docs/windows.md): pacprobe.exe (stripped), the README
# and docs/windows.md, the manual as text (man -l docs/pacprobe.1 | col -b),
# the shipped target profiles; text files with CRLF line ends for Notepad.
#
#   tools/windows-dist.sh BUILD_DIR    writes BUILD_DIR/pacprobe-VERSION-win64.zip
set -euo pipefail
BUILD=${1:?usage: windows-dist.sh BUILD_DIR}
SRC=$(cd "$(dirname "$0")/.." && pwd)
VERSION=$(sed -n 's/^project(pacprobe VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
NAME=pacprobe-$VERSION-win64
STAGE=$BUILD/dist/$NAME
EXE=$BUILD/pacprobe.exe
[ -f "$EXE" ] || { echo "windows-dist: $EXE missing (build it first)" >&2; exit 2; }

crlf() { sed -e 's/\r$//' -e 's/$/\r/' "$1" > "$2"; }

rm -rf "$BUILD/dist"
mkdir -p "$STAGE/targets"
x86_64-w64-mingw32-strip -o "$STAGE/pacprobe.exe" "$EXE" # symbols stay in the build's copy
crlf "$SRC/README.md" "$STAGE/README.md"
crlf "$SRC/docs/windows.md" "$STAGE/windows.md"
MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$SRC/docs/pacprobe.1" 2>/dev/null | col -bx > "$BUILD/dist/pacprobe.txt"
[ -s "$BUILD/dist/pacprobe.txt" ] || { echo "windows-dist: man produced no text" >&2; exit 2; }
crlf "$BUILD/dist/pacprobe.txt" "$STAGE/pacprobe.txt"
for t in "$SRC"/pacscripts/targets/*.targets; do crlf "$t" "$STAGE/targets/$(basename "$t")"; done
rm -f "$BUILD/$NAME.zip"
(cd "$BUILD/dist" && zip -qrX "../$NAME.zip" "$NAME")
echo "windows-dist: $BUILD/$NAME.zip ($(stat -c %s "$BUILD/$NAME.zip") bytes)"
