#!/bin/sh
# SPDX-License-Identifier: MIT
# Hostile PAC corpus (issue 10): every NAME.pac here does one hostile thing
# for host "hostile.test" and answers "next.test" normally. NAME.expect says
# how the real binary must end. Each case runs as
#   pacprobe CMD -p NAME.pac --timeout 300 --memory-limit 16 --no-dns ARGS URL http://next.test/
# and must: exit with `exit`, print stderr matching the ERE `stderr`, stdout
# matching `stdout`, print "URL : first" and "http://next.test/ : next" (the
# next URL in the same run is still right), all within `max_ms` wall time.
# Keys (one per line, # comments): args (extra options, @HERE@ = this
# directory), url (default http://hostile.test/), exit, stderr, stdout,
# first, next, max_ms (default 3000), pad (append spaces up to N bytes to a
# temporary copy: the 10 MB script is not stored), cmd (default eval).
# Then the RSS check: corpus-rss.pac dispatches to every behaviour; one eval
# run over the corpus URLs interleaved with normal ones, 3x and 10x, must
# end with peak RSS bounded and the two within 10 %. 3x, not 1x: the corpus
# PAC keeps its bombs in globals (a, s, o) across calls, so the peak climbs
# over the first passes (18.7, 19.7, 21.9 MiB at 1x, 2x, 3x) and is flat
# after (21.8 at 10x, 21.6 at 20x); a per-URL leak still shows from 3x to 10x. With PP_HOSTILE_SANITIZED
# set (ASan build) time limits are 5x and the RSS check is skipped.
# usage: run.sh PACPROBE
set -u
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

now_ms() { date +%s%3N; }
fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }

key() { # key FILE NAME: value of NAME= in FILE (first match), empty if none
  sed -n "s/^$2=//p" "$1" | head -n 1
}

run_case() {
  exp=$1
  name=$(basename "$exp" .expect)
  pac=$here/$name.pac
  pad=$(key "$exp" pad)
  if [ -n "$pad" ]; then
    cp "$pac" "$tmp/$name.pac"
    size=$(wc -c < "$pac")
    head -c $((pad - size)) /dev/zero | tr '\0' ' ' >> "$tmp/$name.pac"
    pac=$tmp/$name.pac
  fi
  cmd=$(key "$exp" cmd); cmd=${cmd:-eval}
  url=$(key "$exp" url); url=${url:-http://hostile.test/}
  args=$(key "$exp" args | sed "s|@HERE@|$here|g")
  max=$(key "$exp" max_ms); max=${max:-3000}
  [ -n "${PP_HOSTILE_SANITIZED:-}" ] && max=$((max * 5))
  next=http://next.test/
  [ "$cmd" = explain ] && next= # explain takes one URL
  before=$fails
  t0=$(now_ms)
  # shellcheck disable=SC2086 # args and next are word lists by design
  (cd "$here" && exec "$bin" "$cmd" -p "$pac" --timeout 300 --memory-limit 16 --no-dns $args \
    "$url" $next) > "$tmp/out" 2> "$tmp/err"
  rc=$?
  ms=$(($(now_ms) - t0))
  want=$(key "$exp" exit)
  [ "$rc" = "$want" ] || fail "$name" "exit $rc, want $want ($(head -c 300 "$tmp/err"))"
  [ "$ms" -le "$max" ] || fail "$name" "took $ms ms, limit $max ms"
  re=$(key "$exp" stderr)
  if [ -n "$re" ] && ! grep -Eq -- "$re" "$tmp/err"; then
    fail "$name" "stderr does not match /$re/: $(head -c 300 "$tmp/err")"
  fi
  re=$(key "$exp" stdout)
  if [ -n "$re" ] && ! grep -Eq -- "$re" "$tmp/out"; then
    fail "$name" "stdout does not match /$re/"
  fi
  for k in first next; do
    v=$(key "$exp" $k)
    [ -n "$v" ] || continue
    u=$url; [ $k = next ] && u=http://next.test/
    if ! grep -Fq -- "$u : $v" "$tmp/out"; then
      fail "$name" "$k URL: want '$u : $v', got: $(grep -F -- "$u :" "$tmp/out" | head -c 200)"
    fi
  done
  [ $fails -eq "$before" ] && echo "ok   $name ($ms ms, exit $rc)"
}

n=0
for exp in "$here"/*.expect; do
  run_case "$exp"
  n=$((n + 1))
done

# RSS: the corpus interleaved with normal URLs, once and ten times.
rss_run() { # rss_run REPS: prints peak RSS in KiB
  : > "$tmp/urls"
  i=0
  while [ $i -lt "$1" ]; do
    sed -n 's/^ *case "\([a-z0-9-]*\.hostile\)".*/\1/p' "$here/corpus-rss.pac" | while read -r h; do
      echo "http://$h/"
      echo "http://next.test/"
    done >> "$tmp/urls"
    i=$((i + 1))
  done
  # One arena, big blocks mmap'd and trimmed at once: peak RSS then follows
  # what pacprobe holds, not glibc's caching (which moved it by ~10 %).
  MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=65536 MALLOC_TOP_PAD_=0 \
    /usr/bin/time -f '%M' -o "$tmp/rss" "$bin" eval -j 1 -p "$here/corpus-rss.pac" \
    --timeout 100 --memory-limit 8 --no-dns -f "$tmp/urls" > "$tmp/rss.out" 2> /dev/null
  nnext=$(grep -c '^http://next.test/ : PROXY next.test:3128$' "$tmp/rss.out")
  nwant=$(grep -c '^http://next.test/$' "$tmp/urls")
  [ "$nnext" = "$nwant" ] || fail rss "$1x: $nnext of $nwant next URLs right"
  tail -n 1 "$tmp/rss" # the last line: time may add "Command exited with ..."
}
if [ -n "${PP_HOSTILE_SANITIZED:-}" ]; then
  echo "skip rss: sanitizer build (its allocator decides RSS)"
elif [ -x /usr/bin/time ]; then
  t0=$(now_ms)
  r1=$(rss_run 3)
  r10=$(rss_run 10)
  d=$((r10 > r1 ? r10 - r1 : r1 - r10))
  if [ $((d * 10)) -gt "$r1" ]; then # CPU contention moves where deadlines cut: measure again
    echo "rss  3x $r1 KiB, 10x $r10 KiB: over 10 %, measuring again"
    r1=$(rss_run 3)
    r10=$(rss_run 10)
  fi
  ms=$(($(now_ms) - t0))
  # bound: the 8 MiB heap, the engine's fixed cost and the C heap around it
  [ "$r10" -le 131072 ] || fail rss "peak RSS $r10 KiB over 128 MiB"
  diff=$((r10 > r1 ? r10 - r1 : r1 - r10))
  [ $((diff * 10)) -le "$r1" ] || fail rss "peak RSS 3x $r1 KiB vs 10x $r10 KiB: over 10 %"
  echo "rss  peak RSS 3x $r1 KiB, 10x $r10 KiB ($ms ms for both runs)"
else
  echo "skip rss: /usr/bin/time (package time) missing"
fi

echo "$n hostile cases, $fails failures"
[ $fails -eq 0 ]
