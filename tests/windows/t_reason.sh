#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The proxy's own reason on Windows (issue 14 after issue 17): the WinHTTP
# backend feeds the answer's headers and error page to the shared
# recogniser (src/route/reason.c, proxysays.c) as the libcurl one does, so
# each recorded block page (tests/unit/data/blockpages, replayed on
# loopback by tests/lab/replayproxy.py) gives the same verdict, error code
# and proxy_reason under Wine as on Linux. Run by tests/windows/run.sh.
set -u
: "${PP_WIN:?run by tests/windows/run.sh}" "${PP_LINUX:?}" "${PP_SRC:?}" "${PP_TMP:?}"
command -v python3 >/dev/null || { echo "python3 not installed"; exit 77; }
PAGES=$PP_SRC/tests/unit/data/blockpages
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done' EXIT
. "$(dirname "$0")/lib.sh"

# verdict, then per attempt the error code and what the proxy said
summary() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for t in d["targets"]:
    print("verdict", t["verdict"])
    for a in t["attempts"]:
        print("attempt", a["status"], (a.get("error") or {}).get("code"), json.dumps(a.get("proxy_reason"), sort_keys=True))
' "$1"
}

# page NAME VERDICT: replays NAME.http; both builds check a URL through it
page() {
  local name=$1 verdict=$2 port
  python3 "$PP_SRC/tests/lab/replayproxy.py" "$PAGES/$name.http" >"$PP_TMP/$name.port" &
  pids+=($!)
  for _ in $(seq 50); do [ -s "$PP_TMP/$name.port" ] && break; sleep 0.1; done
  port=$(cat "$PP_TMP/$name.port")
  "$PP_WIN" check --format json --proxy "http://127.0.0.1:$port" http://www.blocked.example/ >"$PP_TMP/$name.win.json" 2>"$PP_TMP/$name.win.err"
  local wrc=$?
  "$PP_LINUX" check --format json --proxy "http://127.0.0.1:$port" http://www.blocked.example/ >"$PP_TMP/$name.linux.json" 2>&1
  local lrc=$?
  summary "$PP_TMP/$name.win.json" >"$PP_TMP/$name.win.sum" 2>&1
  summary "$PP_TMP/$name.linux.json" >"$PP_TMP/$name.linux.sum" 2>&1
  local got
  got=$(sed -n 's/^verdict //p' "$PP_TMP/$name.win.sum" | head -1)
  if [ "$got" != "$verdict" ]; then
    bad "$name" "windows: verdict '$got' exit $wrc, want '$verdict' ($(head -c 300 "$PP_TMP/$name.win.sum" "$PP_TMP/$name.win.err"))"
  elif ! grep -q '"product"' "$PP_TMP/$name.win.sum"; then
    bad "$name" "windows: no proxy_reason ($(cat "$PP_TMP/$name.win.sum"))"
  elif [ "$lrc" != "$wrc" ] || ! cmp -s "$PP_TMP/$name.win.sum" "$PP_TMP/$name.linux.sum"; then
    bad "$name" "differs from Linux (exit $lrc vs $wrc): $(diff "$PP_TMP/$name.linux.sum" "$PP_TMP/$name.win.sum" | tr '\n' ' ')"
  else
    ok "$name: $verdict, $(sed -n 's/^attempt //p' "$PP_TMP/$name.win.sum" | head -1 | cut -c1-120), same as Linux"
  fi
}

page squid-access-denied blocked
page zscaler-redirect blocked
page forcepoint-redirect blocked
page paloalto-url-block blocked
page bluecoat-content-filter-denied blocked
page unknown-error-page http-error # not a block page: its title only
finish
