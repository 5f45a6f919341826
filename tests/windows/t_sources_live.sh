#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `pacprobe.exe sources` on the live Wine registry against the Linux binary
# on the same .reg (issue 14, must show 3): the cases are sources-live.t,
# the runner sources-live.sh; run by tests/windows/run.sh (PP_EXE,
# PP_LINUX, WINEPREFIX and a running wineserver come from there).
exec "$(dirname "$0")/sources-live.sh" "$PP_EXE" "$PP_LINUX"
