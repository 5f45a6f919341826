#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The packages on a clean system (issue 19 "Must show" 2): a minimal Debian
# 12 made by debootstrap (from deb.debian.org; root), the three .debs from
# build-deb/ installed with apt (which pulls their dependencies), then
# `pacprobe eval -p PAC URL`, `man pacprobe-eval`, and a program compiled
# against libpacprobe-dev with pkg-config. Not part of make test: it needs
# root and the Debian mirror, and takes minutes.
# Usage: tools/deb-test.sh [CHROOT] (default build-deb/chroot; reused when present)
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
ROOT=${1:-$SRC/build-deb/chroot}
[ "$(id -u)" = 0 ] || { echo "deb-test: needs root (debootstrap, chroot)"; exit 77; }
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase bookworm "$ROOT" http://deb.debian.org/debian
fi
mkdir -p "$ROOT/tmp/debs"
cp "$SRC"/build-deb/{pacprobe,libpacprobe0,libpacprobe-dev}_*.deb "$ROOT/tmp/debs/"
cp "$SRC/pacscripts/examples/corporate.pac" "$SRC/examples/proxies.c" "$ROOT/tmp/"
run() { chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
run sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db gcc libc6-dev pkg-config /tmp/debs/*.deb >/dev/null'
echo '$ pacprobe --version'; run pacprobe --version
echo '$ pacprobe eval -p /tmp/corporate.pac http://www.example.com/ http://intranet/wiki'
run pacprobe eval --no-dns -p /tmp/corporate.pac http://www.example.com/ http://intranet/wiki
echo '$ man pacprobe-eval | head -12'; run sh -c 'MANWIDTH=80 man pacprobe-eval 2>/dev/null | head -12'
run sh -c 'man -w pacprobe pacprobe-check libpacprobe' 
echo '$ cc proxies.c $(pkg-config --cflags --libs libpacprobe) && https_proxy=http://px:3128 ./a.out https://a.example/'
run sh -c 'cd /tmp && cc proxies.c $(pkg-config --cflags --libs libpacprobe) -o proxies && https_proxy=http://px:3128 ./proxies https://a.example/'
echo "deb-test: ok"
