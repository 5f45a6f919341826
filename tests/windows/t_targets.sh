#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `check --targets NAME` finds profiles on Windows (issue 14): in
# PACPROBE_TARGETS_DIR split on ';' (a ':' split would cut C:\x after the
# drive letter), and in targets\ next to pacprobe.exe, the zip's layout.
# Each profile here is broken on purpose: the parse error naming the file
# shows which one was found, and nothing is sent anywhere.
set -u
. "$(dirname "$0")/lib.sh"

mkdir -p "$PP_TMP/one" "$PP_TMP/two" "$PP_TMP/prog/targets"
echo 'no-such-statement x' >"$PP_TMP/two/second.targets"
echo 'no-such-statement y' >"$PP_TMP/prog/targets/beside.targets"
one=$(winepath -w "$PP_TMP/one" 2>/dev/null) two=$(winepath -w "$PP_TMP/two" 2>/dev/null)
case "$two" in [A-Z]:\\*) ok "drive-letter folders: $one;$two" ;; *) bad "winepath gave '$two'" ;; esac

PACPROBE_TARGETS_DIR="$one;$two" expect "PACPROBE_TARGETS_DIR split on ';', drive letters kept" 2 \
  'second\.targets' -- "$PP_WIN" check --targets second
PACPROBE_TARGETS_DIR="$one;$two" expect "a name in no folder is a usage error" 2 \
  "no profile named 'absent'" -- "$PP_WIN" check --targets absent

# targets\ beside the program: a copy of pacprobe.exe in a folder of its own
cp "$PP_EXE" "$PP_TMP/prog/pacprobe.exe"
wine "$PP_TMP/prog/pacprobe.exe" check --targets beside >"$PP_TMP/out" 2>"$PP_TMP/err"
rc=$?
[ $rc = 2 ] && grep -q 'beside\.targets' "$PP_TMP/err" && ok "targets\\ next to pacprobe.exe" ||
  bad "targets\\ beside the exe: exit $rc, $(head -c 300 "$PP_TMP/err")"
finish
