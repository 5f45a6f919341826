#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What the Windows build is as a file and where it is honest about what it
# lacks (issue 14): a PE32+ console program that needs only system DLLs;
# output byte-identical to Linux with no CR added; UTF-8 arguments and
# file names; --tz UTC and named zones (zoneinfo\ beside the exe) work as
# on Linux, an unknown zone is refused with the reason;
# check, --pac URL and discover's DHCP answer (no placeholder). Loopback
# addresses only.
set -u
. "$(dirname "$0")/lib.sh"

file "$PP_EXE" | grep -q 'PE32+ executable (console) x86-64' && ok "PE32+ console x86-64" || bad "not PE32+: $(file "$PP_EXE")"
dlls=$(x86_64-w64-mingw32-objdump -p "$PP_EXE" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort | tr '\n' ' ')
case " $dlls" in
  *libwinpthread*|*libgcc*|*libjansson*|*libcares*|*libidn2*|*libpsl*) bad "needs non-system DLLs: $dlls" ;;
  *) ok "system DLLs only: $dlls" ;;
esac

expect "--version" 0 '^pacprobe [0-9]' -- "$PP_WIN" --version
pac=$PP_SRC/pacscripts/examples/corporate.pac
"$PP_WIN" eval --format json --no-dns -p "$pac" http://a.example.com/ >"$PP_TMP/w.json" 2>&1
"$PP_LINUX" eval --format json --no-dns -p "$pac" http://a.example.com/ >"$PP_TMP/l.json" 2>&1
cmp -s "$PP_TMP/w.json" "$PP_TMP/l.json" && ! grep -q $'\r' "$PP_TMP/w.json" &&
  ok "binary stdout: JSON byte-identical, no CR" || bad "stdout differs from Linux or has CR"

# UTF-8: a PAC in a directory with a non-ASCII name, a non-ASCII URL argument
mkdir -p "$PP_TMP/Prüfung-日本"
cp "$pac" "$PP_TMP/Prüfung-日本/proxy.pac"
"$PP_WIN" eval --format json --no-dns -p "$PP_TMP/Prüfung-日本/proxy.pac" 'http://bücher.example/ü' >"$PP_TMP/w8" 2>&1
"$PP_LINUX" eval --format json --no-dns -p "$PP_TMP/Prüfung-日本/proxy.pac" 'http://bücher.example/ü' >"$PP_TMP/l8" 2>&1
cmp -s "$PP_TMP/w8" "$PP_TMP/l8" && grep -q 'xn--bcher-kva.example' "$PP_TMP/w8" &&
  ok "UTF-8 file name and IDN argument as on Linux" || bad "UTF-8: $(head -c 300 "$PP_TMP/w8")"

# output files: created, refused when present, replaced with --overwrite
printf 'http://a.example.com/\tDIRECT\n' >"$PP_TMP/t.cases"
"$PP_WIN" test "$pac" "$PP_TMP/t.cases" --junit "$PP_TMP/j.xml" >/dev/null 2>&1
[ -s "$PP_TMP/j.xml" ] && ok "--junit creates its file" || bad "--junit wrote nothing"
expect "--junit refuses an existing file" 2 'already exists' -- "$PP_WIN" test "$pac" "$PP_TMP/t.cases" --junit "$PP_TMP/j.xml"

expect "--tz UTC works" 0 '"result"' -- "$PP_WIN" eval --format json --no-dns --tz UTC -p "$pac" http://a.example.com/
# named zones from zoneinfo\ beside the exe (src/os/win/tz.c): the engine's
# Date and --now's local time agree with Linux; an unknown zone is refused
tzpac=$PP_TMP/tz.pac
printf 'function FindProxyForURL(u, h) { var d = new Date(); return "PROXY " + d.getHours() + "-" + d.getTimezoneOffset() + "-" + (weekdayRange("SAT") ? "sat" : "other") + ":1"; }\n' >"$tzpac"
for z in Europe/Berlin America/New_York Asia/Kolkata Australia/Sydney; do
  for now in 2026-07-04T01:30:00 2026-01-10T23:30:00 2045-10-29T02:30:00; do
    w=$("$PP_WIN" eval --no-dns --tz "$z" --now "$now" -p "$tzpac" http://a.example.com/ 2>&1)
    l=$("$PP_LINUX" eval --no-dns --tz "$z" --now "$now" -p "$tzpac" http://a.example.com/ 2>&1)
    [ "$w" = "$l" ] && [ -n "$w" ] || { bad "--tz $z --now $now: windows '$w', linux '$l'"; continue 2; }
  done
  ok "--tz $z: Date and --now local time as on Linux ($w)"
done
expect "an unknown zone is refused with the reason" 2 "not a known IANA time zone" -- "$PP_WIN" eval --no-dns --tz Mars/Olympus -p "$pac" http://a.example.com/
# check, --pac URL and discover's DHCP run on the platform's stack (win-net;
# tests/windows/t_check.sh compares check with Linux): here only that each
# answers as on Linux instead of a placeholder.
expect "check: a dead proxy is refused" 1 'refused' -- \
  "$PP_WIN" check --proxy http://127.0.0.1:9 http://127.0.0.1:9/
expect "--pac URL: a dead server is a one-line error" 2 'cannot connect' -- \
  "$PP_WIN" eval -p http://127.0.0.1:9/proxy.pac http://a.example.com/
expect "discover: DHCP through DhcpRequestParams" 1 'DhcpRequestParams' -- \
  "$PP_WIN" discover --domain example.invalid --no-dns
finish
