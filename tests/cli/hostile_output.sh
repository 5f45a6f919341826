#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Output integrity (issue 15 item 8, must-show 3; docs/security.md "Output
# integrity"): hostile strings — an OSC title sequence with BEL, a CSI clear
# screen, C1 CSI as a raw byte (0x9b) and as U+009B, U+202E, and CR/LF
# followed by a forged "pacprobe: error:" line — from a PAC (result, alert
# text, error message, helper arguments), a lease file, a .reg value, the
# environment and a cases file are sent through the text output of every
# command (eval text/bare/tsv, pactester, explain, lint, test text/TAP,
# diff, discover, sources, check). No stdout or stderr may carry a raw
# control character (TAB and the line feed that ends a line aside), C1,
# bidi control, or a forged line; JSON keeps the exact string.
# Usage: hostile_output.sh PACPROBE
set -u
BIN=$(realpath "$1")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
pass=0 fail=0
EVIL_JS='\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eRLO\r\npacprobe: error: FORGED'
cat >"$W/h.pac" <<PAC
function FindProxyForURL(url, host) {
  var evil = "$EVIL_JS";
  alert(evil);
  if (host == "throw.test") throw new Error(evil);
  isPlainHostName(evil);
  return evil;
}
PAC
printf 'function FindProxyForURL(url, host) { return "DIRECT"; }\n' >"$W/old.pac"
# lint quotes a literal return string that is not PAC grammar (raw control
# characters in the file itself)
printf 'function FindProxyForURL(url, host) {\n  return "PROXY \033[2J\302\233x\342\200\256:80\\r\\npacprobe: error: FORGED";\n}\n' >"$W/lint.pac"
printf 'http://a.test/\tPROXY \033[2Jx:80\342\200\256\r\n' >"$W/c.cases"
printf 'lease {\n  interface "lo";\n  fixed-address 127.0.0.2;\n  option wpad "http://w.test/\\033[2J\\302\\233\\342\\200\\256\\r\\npacprobe: error: FORGED";\n}\n' >"$W/dhclient.leases"
printf 'REGEDIT4\r\n\r\n[HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings]\r\n"ProxyEnable"=dword:00000001\r\n"ProxyServer"="p\033[2J\233\342\200\256:80"\r\n' >"$W/h.reg"

# check_clean NAME: the files $W/out and $W/err carry nothing raw
check_clean() {
  if python3 - "$W/out" "$W/err" <<'PY'; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL [$1]"; fi
import re, sys
bad = re.compile(rb'[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]|\xd8\x9c|\xef\xbb\xbf')
ok = True
for path in sys.argv[1:]:
    data = open(path, 'rb').read()
    # bytes that are not UTF-8 (a lone 0x9b is C1 CSI on 8-bit terminals)
    text = data.decode('utf-8', 'surrogateescape')
    raw8 = [c for c in text if '\udc80' <= c <= '\udcff']
    m = bad.search(data)
    if m or raw8:
        print('  %s: raw %r at %d' % (path, m.group(0) if m else raw8[0].encode('utf-8', 'surrogateescape'), m.start() if m else -1))
        ok = False
    for line in data.split(b'\n'):
        if b'FORGED' in line and line.startswith(b'pacprobe: error: FORGED'):
            print('  %s: a forged line: %r' % (path, line[:80]))
            ok = False
sys.exit(0 if ok else 1)
PY
}
# run NAME CMD...: runs CMD (no proxy environment), then check_clean; the
# output must also show the escapes (\x1b or \u202e), proof the text passed
run() {
  local name=$1
  shift
  (cd "$W" && env -u http_proxy -u https_proxy -u HTTP_PROXY -u HTTPS_PROXY -u all_proxy -u no_proxy "$@") >"$W/out" 2>"$W/err" </dev/null
  check_clean "$name"
  if grep -qE '\\(x1b|u202e|x9b)' "$W/out" "$W/err"; then pass=$((pass + 1))
  else fail=$((fail + 1)); echo "FAIL [$name]: the hostile text is not shown escaped"; head -c 600 "$W/out" "$W/err"; fi
}

run "eval text, several URLs" "$BIN" eval -p h.pac --no-dns http://a.test/ http://throw.test/
run "eval --emulate pacparser (the result as returned)" "$BIN" eval -p h.pac --no-dns --emulate pacparser http://a.test/ http://b.test/
run "eval, one URL (bare result)" "$BIN" eval -p h.pac --no-dns http://a.test/
run "eval --format tsv" "$BIN" eval -p h.pac --no-dns --format tsv http://a.test/ http://throw.test/
ln -s "$BIN" "$W/pactester"
run "pactester -u" "$W/pactester" -p h.pac -u http://a.test/
printf '# \033[2J comment \342\200\256\nhttp://a.test/\n' >"$W/urls"
run "pactester -f with a # line" "$W/pactester" -p h.pac -f urls
run "explain" "$BIN" explain -p h.pac --no-dns http://a.test/
run "explain, the PAC throws" "$BIN" explain -p h.pac --no-dns http://throw.test/
run "lint" "$BIN" lint lint.pac
run "lint --urls" "$BIN" lint --urls urls h.pac
run "test (text)" "$BIN" test h.pac c.cases
run "test --tap" "$BIN" test --tap h.pac c.cases
printf 'http://a.test/\nhttp://throw.test/\n' >"$W/diff.urls"
run "diff" "$BIN" diff old.pac h.pac -f diff.urls
if unshare -n true 2>/dev/null; then
  run "discover (lease file, no network)" unshare -n "$BIN" discover --lease-file dhclient.leases --no-dns --no-fetch
else echo "SKIP: discover needs unshare -n"; fi
run "sources --reg" "$BIN" sources --no-env --reg h.reg
run "sources, env proxy" env "http_proxy=http://p$(printf '\033[2J\342\200\256'):80" "$BIN" sources
run "check, the PAC throws (no network)" "$BIN" check --pac h.pac --no-dns http://throw.test/

# JSON keeps the exact string (escaped as JSON, not as text)
(cd "$W" && "$BIN" eval -p h.pac --no-dns --emulate pacparser --format json http://a.test/) >"$W/out" 2>/dev/null
want=$(printf '\033]0;pwned\a\033[2J\302\233%s\342\200\256RLO\r\npacprobe: error: FORGED' "31m")
if [ "$(jq -r .raw "$W/out")" = "$want" ] && [ "$(jq -r '.alerts[0]' "$W/out")" = "$want" ]; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL [eval JSON keeps the exact string]: $(head -c 300 "$W/out")"; fi
check_clean "eval JSON has no raw control character"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
