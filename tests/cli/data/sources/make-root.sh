#!/usr/bin/env bash
# Builds a fake system tree under $1 from the fixtures next to this script,
# for `sources --root` (tests/cli/scenarios/sources_linux.t): every standard
# location of src/config/locations.c that the Linux fixtures cover, user alice.
set -eu
R=$1 D=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$R/etc/systemd/system/docker.service.d" "$R/etc/systemd/system.conf.d" \
  "$R/etc/apt/apt.conf.d" "$R/etc/docker" "$R/etc/xdg" "$R/etc/opt/chrome/policies/managed" \
  "$R/home/alice/.config" "$R/home/alice/.docker"
cp "$D/environment" "$R/etc/environment"
cp "$D/system.conf" "$R/etc/systemd/system.conf"
cp "$D/docker.service.d/http-proxy.conf" "$R/etc/systemd/system/docker.service.d/"
cp "$D/apt-proxy.conf" "$R/etc/apt/apt.conf.d/95proxy"
cp "$D/apt-broken.conf" "$R/etc/apt/apt.conf.d/96proxy.dpkg-old" # a leftover: skipped
cp "$D/daemon.json" "$R/etc/docker/daemon.json"
cp "$D/kioslaverc-pac" "$R/etc/xdg/kioslaverc"
cp "$D/kioslaverc-manual" "$R/home/alice/.config/kioslaverc"
cp "$D/docker-config.json" "$R/home/alice/.docker/config.json"
cp "$D/chrome-system.json" "$R/etc/opt/chrome/policies/managed/proxy.json"
