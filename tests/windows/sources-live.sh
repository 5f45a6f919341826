#!/usr/bin/env bash
# Runs tests/windows/sources-live.t: pacprobe.exe `sources` on the live Wine
# registry against the Linux binary on the same .reg files (see the case
# file for the format). Usage: sources-live.sh PACPROBE_EXE LINUX_PACPROBE
#
# Wine: a private prefix (WINEPREFIX from the caller, e.g. tests/windows/
# run.sh, else a new temporary one, `wineboot --init` once), one persistent
# wineserver for the whole run (keys under HKEY_USERS\S-1-5-19 live only in
# the running server), Windows output captured to files, never pipes.
# Exit 0 when every case passes, 1 otherwise, 2 on a usage or setup error.
set -u
exe=${1:?usage: sources-live.sh PACPROBE_EXE LINUX_PACPROBE}
lin=${2:?usage: sources-live.sh PACPROBE_EXE LINUX_PACPROBE}
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../cli/data/sources
cases=${CASES:-$here/sources-live.t}
for t in wine wineserver jq; do
  command -v $t >/dev/null || { echo "sources-live: $t not found (apt-get install wine jq)"; exit 2; }
done
[ -f "$exe" ] && [ -x "$lin" ] || { echo "sources-live: missing $exe or $lin"; exit 2; }

work=$(mktemp -d /tmp/pp-sources-live.XXXXXX)
own_prefix=0
if [ -z "${WINEPREFIX:-}" ]; then
  export WINEPREFIX=$work/prefix
  own_prefix=1
fi
export WINEDEBUG=-all WINEARCH=win64
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
cleanup() {
  [ $own_prefix = 1 ] && wineserver -k >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
if [ $own_prefix = 1 ]; then
  timeout 300 wine wineboot --init >"$work/wineboot.log" 2>&1 ||
    { echo "sources-live: wineboot failed:"; tail -5 "$work/wineboot.log"; exit 2; }
  wineserver -p >/dev/null 2>&1
fi

# wine CMD... with output to files; bounded in time.
wrun() { timeout 120 wine "$@"; }

# One import that deletes every key and value the fixtures set (.reg
# deletion syntax: [-KEY] and "Name"=-); a missing one is no error.
IS='Software\Microsoft\Windows\CurrentVersion\Internet Settings'
{
  printf 'Windows Registry Editor Version 5.00\r\n\r\n'
  for k in 'HKEY_USERS\S-1-5-18\Software' 'HKEY_USERS\S-1-5-19\Software' 'HKEY_USERS\S-1-5-20\Software' \
           'HKEY_LOCAL_MACHINE\Software\Policies\Microsoft\Windows\CurrentVersion\Internet Settings'; do
    printf '[-%s]\r\n\r\n' "$k"
  done
  for root in HKEY_CURRENT_USER HKEY_LOCAL_MACHINE; do
    printf '[%s\\%s\\Connections]\r\n' $root "$IS"
    printf '"%s"=-\r\n' DefaultConnectionSettings SavedLegacySettings WinHttpSettings
    printf '\r\n[%s\\%s]\r\n' $root "$IS"
    printf '"%s"=-\r\n' ProxyEnable ProxyServer ProxyOverride AutoConfigURL
    printf '\r\n'
  done
} >"$work/reset.reg"
reset_registry() { wrun reg import "$work/reset.reg" >"$work/reset.out" 2>&1; }

# The fields that must agree, location text masked (see the case file).
NORM='{for, effective,
  decided_by: (.decided_by | gsub("\\((HKEY_[^()]*|[^()]*\\.reg(:[0-9]+)?)\\)"; "(LOCATION)")),
  warnings: [.warnings[] | select(.code != "os-disagrees")],
  sources: ([.sources[] | del(.file, .line)
             | .error |= (if . then sub("^[^\"]*: \""; "LOCATION: \"") else . end)]
            | sort_by(.key, .value))}'

pass=0 fail=0 title= imports=() offline=() forv=user checks=()
run_case() {
  [ -n "$title" ] || return 0
  local d=$work/case ok=1 regs=() wregs=() f
  rm -rf "$d" && mkdir -p "$d"
  reset_registry
  for f in "${imports[@]}"; do
    regs+=(--reg "$data/$f")
    wrun reg import "$data/$f" >"$d/import.out" 2>&1 || { echo "  import $f failed"; ok=0; }
  done
  [ ${#offline[@]} = 0 ] || regs=() # with --reg, pacprobe.exe reads no live registry
  for f in "${offline[@]}"; do
    regs+=(--reg "$data/$f")
    wregs+=(--reg "$data/$f") # a Unix path: Wine maps it to drive Z:
  done
  wrun "$exe" sources --no-env "${wregs[@]}" --for "$forv" --format json >"$d/win.json" 2>"$d/win.err"
  local rc=$?
  "$lin" sources --no-env "${regs[@]}" --for "$forv" --format json >"$d/lin.json" 2>"$d/lin.err"
  if ! jq -e . "$d/win.json" >/dev/null 2>&1; then
    echo "  pacprobe.exe printed no JSON:"; head -c 600 "$d/win.json" "$d/win.err"; ok=0
  fi
  for c in "${checks[@]}"; do
    if [ "${c%% *}" = exit ]; then
      [ "$rc" = "${c#exit }" ] || { echo "  exit $rc, expected ${c#exit }"; ok=0; }
    elif [ "$c" = same ]; then
      jq -S "$NORM" "$d/win.json" >"$d/win.norm" 2>&1
      jq -S "$NORM" "$d/lin.json" >"$d/lin.norm" 2>&1
      if ! cmp -s "$d/win.norm" "$d/lin.norm" || [ ! -s "$d/lin.norm" ]; then
        echo "  not the same as Linux on the same .reg:"; diff "$d/lin.norm" "$d/win.norm" | head -30
        ok=0
      fi
    else
      local r
      r=$(jq -c "${c#jq }" "$d/win.json" 2>&1 | sort -u | tr '\n' ' ')
      if [ "$r" != "true " ]; then echo "  failed: $c  -> $r"; ok=0; fi
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); echo "ok   $title"
  else fail=$((fail + 1)); echo "FAIL $title"; fi
}

while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    '#'*|'') ;;
    '=== '*) run_case; title=${line#=== }; imports=(); offline=(); forv=user; checks=() ;;
    'import '*) imports+=("${line#import }") ;;
    'offline '*) offline+=("${line#offline }") ;;
    'for '*) forv=${line#for } ;;
    same|'jq '*|'exit '*) checks+=("$line") ;;
    *) echo "sources-live: $cases: unknown line: $line"; exit 2 ;;
  esac
done <"$cases"
run_case
echo "sources-live: $pass passed, $fail failed"
[ $fail = 0 ]
