#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Memory bounds of hostile inputs (issue 15, must-show 2): each command runs
# under /usr/bin/time and its peak RSS must stay under a fixed ceiling far
# below what the unbounded code used; the output is checked too. Not a
# timing test. Under ASan (PP_SANITIZE in the build's CMakeCache) the
# sanitizer owns the heap: the outputs are still checked, the RSS is not.
set -uo pipefail
PP=$1
SRC=${PP_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${PP_BUILD:-$(dirname "$PP")}
[ -x /usr/bin/time ] || { echo "skip: no /usr/bin/time"; exit 77; }
sanitized=
grep -q '^PP_SANITIZE:BOOL=ON' "$B/CMakeCache.txt" 2>/dev/null && sanitized=1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# run NAME MAX_KB CMD...: runs CMD with stdin from $TMP/in (or /dev/null),
# stdout to $TMP/NAME.out, stderr to $TMP/NAME.err, exit code in $TMP/NAME.rc;
# fails when the peak RSS is over MAX_KB.
run() {
  local name=$1 max=$2
  shift 2
  local in=/dev/null
  [ -e "$TMP/in" ] && in=$TMP/in
  /usr/bin/time -f %M -o "$TMP/$name.rss" "$@" <"$in" >"$TMP/$name.out" 2>"$TMP/$name.err"
  echo $? >"$TMP/$name.rc"
  rm -f "$TMP/in"
  local kb
  kb=$(tail -n 1 "$TMP/$name.rss")
  echo "$name: peak RSS $kb KB (ceiling $max KB), exit $(cat "$TMP/$name.rc")"
  [ -n "$sanitized" ] || [ "$kb" -le "$max" ] || fail "$name: peak RSS $kb KB over $max KB"
}
want_rc() { [ "$(cat "$TMP/$1.rc")" = "$2" ] || fail "$1: exit $(cat "$TMP/$1.rc"), want $2: $(head -c 300 "$TMP/$1.err")"; }
want_out() { grep -Eq -- "$2" "$TMP/$1.out" || fail "$1: stdout does not match /$2/: $(head -c 300 "$TMP/$1.out")"; }
want_err() { grep -Eq -- "$2" "$TMP/$1.err" || fail "$1: stderr does not match /$2/: $(head -c 300 "$TMP/$1.err")"; }

printf 'function FindProxyForURL(u, h) { return "DIRECT"; }\n' >"$TMP/d.pac"

# Item 5: a 300 MB line in a URL list. getline() grew it in memory (and
# under a memory cap ended the list silently with exit 0); now the line is
# skipped within the 2 MiB cap and the URL after it is evaluated.
{ echo http://a/; printf 'http://'; head -c 300000000 /dev/zero | tr '\0' x; printf '/\nhttp://z/\n'; } >"$TMP/huge.txt"
run huge-line 65536 "$PP" eval -j 1 -p "$TMP/d.pac" -f "$TMP/huge.txt"
want_rc huge-line 1
want_out huge-line '^http://z/ : DIRECT$'
want_err huge-line 'huge\.txt:2: line of 300000008 bytes skipped'
rm -f "$TMP/huge.txt"

# The same through diff -f (stdin).
{ echo http://a/; head -c 100000000 /dev/zero | tr '\0' x; printf '\nhttp://z/\n'; } >"$TMP/in"
run diff-huge-line 65536 "$PP" diff "$TMP/d.pac" "$TMP/d.pac" -f -
want_rc diff-huge-line 2
want_out diff-huge-line '^0 of 2 URLs changed$'
want_err diff-huge-line 'stdin:2: line of 100000000 bytes skipped'

# -f /dev/zero: no newline ever; bounded memory, an error, never exit 0.
run dev-zero 65536 "$PP" eval -j 1 -p "$TMP/d.pac" -f /dev/zero
want_rc dev-zero 1
want_err dev-zero '/dev/zero:1: no end of line within 1024 MiB'

# Item 3: a 16 MiB result fits the default heap and timeout; its JSON record
# cost gigabytes (21 MB: 1.8 GB). Now it is a result-limit error for that URL.
cat >"$TMP/big.pac" <<'PAC'
function FindProxyForURL(u, h) {
  if (h != "big.test") return "DIRECT";
  var s = "PROXY a.test:1; ";
  while (s.length < (16 << 20)) s = s + s;
  return s;
}
PAC
run big-result-json 131072 "$PP" eval -j 1 --timeout 20000 --format json -p "$TMP/big.pac" http://big.test/ http://next.test/
want_rc big-result-json 1
want_out big-result-json '"code":"result-limit"'
want_out big-result-json '"url":"http://next.test/".*"result":"DIRECT"'
want_err big-result-json 'result limit: FindProxyForURL\(\) returned 16777216 bytes'

# Item 7: a 3.8 MB PAC of short tokens. The lowering's token tables took
# 331 MB in eval and 513 MB in lint with --memory-limit 16; now a script
# over the compile budget (PP_JS_BUDGET: --memory-limit / 128 bytes per
# token) is counted in constant memory and not analysed.
{ printf 'var a = ['; seq 1 1900000 | sed 's/.*/1/' | paste -sd ','; printf '];\nfunction FindProxyForURL(u, h) { return "DIRECT"; }\n'; } >"$TMP/short-tokens.pac"
run compile-eval 98304 "$PP" eval -j 1 --memory-limit 16 -p "$TMP/short-tokens.pac" http://a.example/
want_rc compile-eval 2
want_err compile-eval 'short-tokens\.pac'
run compile-lint 98304 "$PP" lint --memory-limit 16 "$TMP/short-tokens.pac"
want_out compile-lint 'short-tokens\.pac:1:1: warning: 3800017 tokens, over the compile budget of --memory-limit 16 MiB \(131072 tokens\): static checks skipped; only loaded .*\[analysis-budget\]'
# Duktape's compiler then runs out of the 16 MiB heap: pacprobe's limit,
# never reported as the PAC's syntax error.
want_out compile-lint 'short-tokens\.pac:1:1: error: memory limit: compiling the script needed more than 16 MiB .*\[load-error\]'
if grep -q '\[syntax\]' "$TMP/compile-lint.out"; then fail "compile-lint: a memory limit reported as [syntax]"; fi
want_err compile-eval 'memory limit: compiling the script needed more than 16 MiB'
# The same size in modern syntax: only the lowering could run it, so it is
# refused as pacprobe's limit (exit 2), naming --memory-limit.
{ printf 'const a = ['; seq 1 1900000 | sed 's/.*/1/' | paste -sd ','; printf '];\nfunction FindProxyForURL(u, h) { return "DIRECT"; }\n'; } >"$TMP/modern.pac"
run compile-modern 98304 "$PP" eval -j 1 --memory-limit 16 -p "$TMP/modern.pac" http://a.example/
want_rc compile-modern 2
want_err compile-modern 'modern\.pac: 3800017 tokens of ES2015\+ JavaScript: lowering them needs about 464 MiB, over the compile budget of --memory-limit 16 MiB \(pacprobe.s limit, not the PAC.s; raise --memory-limit\)'
# An ES5 PAC over the budget that fits the heap still answers (uninstrumented).
bash "$SRC/tests/tools/gen-rules-pac.sh" "$TMP/rules" 27000 10 3 >/dev/null
run compile-rules 98304 "$PP" eval -j 1 --memory-limit 16 -p "$TMP/rules/rules.pac" http://a.example/
want_rc compile-rules 0
want_out compile-rules '^PROXY default\.proxy\.example\.com:8080; DIRECT$'
rm -f "$TMP/short-tokens.pac" "$TMP/modern.pac"

# Item 6: diff where every result changes into a distinct pair. Counting
# the pairs was quadratic (100k URLs: 16 s of CPU); 0.6 s now. A CPU-time
# cap of 8 s (ulimit -t: the kernel counts CPU, not wall-clock time, so a
# loaded machine does not make it flaky) leaves more than 10x headroom.
printf 'function FindProxyForURL(u, h) { return "PROXY " + h + ":1"; }\n' >"$TMP/o.pac"
printf 'function FindProxyForURL(u, h) { return "PROXY " + h + ":2"; }\n' >"$TMP/n.pac"
seq 1 100000 | sed 's|.*|http://h&.example/|' >"$TMP/in"
cpu=8
[ -n "$sanitized" ] && cpu=unlimited
run diff-distinct 262144 bash -c "ulimit -t $cpu; exec \"\$0\" \"\$@\"" "$PP" diff --no-dns \
  "$TMP/o.pac" "$TMP/n.pac" -f -
want_rc diff-distinct 1
want_out diff-distinct '^100000 of 100000 URLs changed$'
[ "$(grep -c '^  1  PROXY h[0-9]*\.example:1 -> PROXY h[0-9]*\.example:2$' "$TMP/diff-distinct.out")" = 100000 ] ||
  fail "diff-distinct: not 100000 groups of 1"

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
echo "ok: bounded"
