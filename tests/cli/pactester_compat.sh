#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
#
# pactester_compat.sh PACPROBE: pacprobe must answer exactly like Debian's
# pactester (pacparser 1.3.6) in pacparser mode, and differently (like a
# browser) in the default chrome mode for https URLs whose path a rule tests.
# DESIGN.md section 1.2 ("behaves as pactester when invoked under that name").
# Env from ctest: PP_SRC (source dir), PP_BUILD (build dir, holds the
# `pactester` symlink). Exit 0 pass, 1 fail, 77 skipped (no /usr/bin/pactester).
#
# What Debian's pactester 1.3.6 does (observed by running it; Debian package
# libpacparser1 1.3.6-1.4). `pactester -p PAC -f LIST`:
#  * Lines are read with fgets() into a 1000-byte buffer: a line of 999 or
#    more characters is cut and its remainder is read as the next "line".
#  * Leading blanks (space, TAB) are skipped. A line whose first non-blank
#    is '#' is echoed to stdout verbatim from the '#' on, including its own
#    line end (a CRLF comment keeps its \r; a comment at EOF without '\n' is
#    printed without one). Comments are not evaluated and count as nothing.
#  * Otherwise the URL ends at the first space, TAB, \r or \n; trailing text
#    after a blank is silently ignored (`http://h/a b` is `http://h/a`).
#  * The host is the text after the first "://" up to the next '/', ':' or
#    end: no userinfo, bracket, '?' or '#' handling (`http://u:p@h/` -> `u`,
#    `http://[2001:db8::1]/` -> `[2001`, `http://h?q` -> `h?q`), case kept.
#    Any scheme, even an empty one (`://h/`), is accepted.
#  * A line with no ':' followed by "//", or an empty host (`http://`,
#    `http:///p`, `http://:80/`), prints "pactester.c: Not a proper URL" on
#    stderr, nothing on stdout, and the run goes on. Blank lines and lines
#    of blanks are such lines too (they produce that stderr message).
#  * stdout lines are `URL : RESULT` with URL as cut above. Exit code 0.
#  * A script error on any URL: stderr "JSERROR: PAC script:LINE:" + message
#    + "pacparser.c: pacparser_find_proxy: Problem in executing
#    FindProxyForURL." + "pactester.c: Problem in finding proxy for URL.",
#    the lines already printed stay on stdout, exit 1 (the rest is skipped).
#  * The URL reaches the script inside a single-quoted JS literal: ' in the
#    URL becomes %27, backslash escapes are interpreted; a host containing '
#    is an error ("Invalid hostname: hostname can't have single quotes.").
#  * Non-string results are printed as JS ToString: null, undefined, 42,
#    true, [object Object], "a,b" for arrays; "" prints an empty line.
# `-u URL` prints the bare result; a URL without "://" gives "Not a proper
# URL" on stderr, empty stdout and exit 0 (1.3.6; newer pacparser exits 1);
# `-h HOST` replaces the derived host (no checks, case kept); `-h ''` fails
# ("Host not defined", exit 1); `-f` is ignored when `-u` is given; `-f -`
# is not stdin (cannot open "-"); in list mode `-h` is ignored.
# alert() does not exist in 1.3.6 (ReferenceError); FindProxyForURLEx is
# never called. An empty PAC file is an error at load ("Could not read the
# pacfile"), a PAC of blank lines loads but every URL fails with
# "Javascript function FindProxyForURL not defined.", exit 1.
set -u

PACPROBE=${1:?usage: pactester_compat.sh PACPROBE}
here=$(cd "$(dirname "$0")" && pwd)
PP_SRC=${PP_SRC:-$(cd "$here/../.." && pwd)}
PP_BUILD=${PP_BUILD:-$(dirname "$PACPROBE")}
DEB=/usr/bin/pactester
DATA=$PP_SRC/tests/cli/data/pactester
GEN=$PP_SRC/tests/tools/gen-rules-pac.sh
SYM=$PP_BUILD/pactester

if [ ! -x "$DEB" ]; then
  echo "skipped: $DEB (Debian package libpacparser1) is not installed"
  exit 77
fi
case $(readlink -f "$DEB") in
  */pacprobe)
    echo "skipped: $DEB is pacprobe itself, not pacparser's pactester"
    exit 77 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pp-compat.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
note() { echo "note: $*"; }

# same_file NAME EXPECTED ACTUAL: byte comparison, diff excerpt on failure.
same_file() {
  checks=$((checks + 1))
  if ! cmp -s "$2" "$3"; then
    fail "$1: stdout differs from Debian pactester (< pactester, > pacprobe)"
    diff "$2" "$3" | head -n 20 | cat -A
    return 1
  fi
  return 0
}

same_rc() {
  checks=$((checks + 1))
  [ "$2" = "$3" ] || fail "$1: exit code $3, Debian pactester $2"
}

# run NAME CMD...: stdout to $tmp/NAME.out, stderr to $tmp/NAME.err, rc to RC.
run() {
  local name=$1; shift
  "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
  RC=$?
}

now_ms() { date +%s%3N; }

if [ ! -x "$PACPROBE" ]; then
  echo "FAIL: $PACPROBE is not an executable"
  exit 1
fi
if [ ! -x "$SYM" ]; then
  fail "$SYM (symlink to pacprobe) is missing; it is created by the build"
fi

# ---- 1. 200 rules x 20,000 URLs, list mode ---------------------------------
"$GEN" "$tmp" 200 "${PP_COMPAT_NURLS:-20000}" 1 || { echo "FAIL: $GEN failed"; exit 1; }
pac=$tmp/rules.pac
urls=$tmp/urls.txt

t0=$(now_ms); run deb "$DEB" -p "$pac" -f "$urls"; deb_rc=$RC
t1=$(now_ms); run eval "$PACPROBE" eval --emulate pacparser -p "$pac" -f "$urls"; eval_rc=$RC
t2=$(now_ms); run sym "$SYM" -p "$pac" -f "$urls"; sym_rc=$RC
t3=$(now_ms)
nlines=$(wc -l < "$tmp/deb.out")
echo "bulk: $nlines stdout lines; pactester $((t1 - t0)) ms, pacprobe eval" \
     "$((t2 - t1)) ms, pacprobe as pactester $((t3 - t2)) ms"
[ "$deb_rc" = 0 ] || fail "Debian pactester itself failed (rc $deb_rc)"
same_file "eval --emulate pacparser -f" "$tmp/deb.out" "$tmp/eval.out"
same_file "pactester symlink -f" "$tmp/deb.out" "$tmp/sym.out"
same_rc "pactester symlink -f" "$deb_rc" "$sym_rc"
# DESIGN 1.2: eval exits 1 when a URL line is malformed (urls.txt has one).
case $eval_rc in 0 | 1) ;; *) fail "eval --emulate pacparser -f exited $eval_rc"
                              head -n 5 "$tmp/eval.err" ;; esac
note "stderr lines: pactester $(wc -l < "$tmp/deb.err"), eval" \
     "$(wc -l < "$tmp/eval.err"), symlink $(wc -l < "$tmp/sym.err") (not compared)"

# ---- 2. list handling, made visible by echo.pac ----------------------------
run qdeb "$DEB" -p "$DATA/echo.pac" -f "$DATA/list-quirks.txt"; q_rc=$RC
run qeval "$PACPROBE" eval --emulate pacparser -p "$DATA/echo.pac" -f "$DATA/list-quirks.txt"
run qsym "$SYM" -p "$DATA/echo.pac" -f "$DATA/list-quirks.txt"
same_file "list quirks, eval" "$tmp/qdeb.out" "$tmp/qeval.out"
same_file "list quirks, symlink" "$tmp/qdeb.out" "$tmp/qsym.out"
same_rc "list quirks, symlink" "$q_rc" "$RC"

# A script error in the middle of a list: pactester prints the earlier lines,
# then stops with exit 1. pacprobe deliberately goes on (a failing URL never
# loses the output of the others): its stdout starts with exactly what
# pactester printed, then holds the remaining URL, and the exit code is 1.
run mdeb "$DEB" -p "$DATA/error-midlist.pac" -f "$DATA/error-midlist.txt"; m_rc=$RC
run msym "$SYM" -p "$DATA/error-midlist.pac" -f "$DATA/error-midlist.txt"
head -c "$(wc -c < "$tmp/mdeb.out")" "$tmp/msym.out" > "$tmp/msym.prefix"
same_file "error in mid-list, symlink (prefix)" "$tmp/mdeb.out" "$tmp/msym.prefix"
checks=$((checks + 1))
grep -qx 'http://c.example.com/ : DIRECT' "$tmp/msym.out" ||
  fail "error in mid-list, symlink: the URL after the failing one was not evaluated"
same_rc "error in mid-list, symlink" "$m_rc" "$RC"

# ---- 3. single-URL mode ----------------------------------------------------
# A few URLs from the list (first of each kind) plus one -h override whose
# host hits a rule, so an ignored -h shows.
pick() { grep -m 1 -E "$1" "$urls"; }
hit_host=$(grep -m 1 'leading-spaces' "$urls" | sed -E 's#^ *http://([^/]*)/.*#\1#')
single=(
  "$(pick '^http://[a-z]')"
  "$(pick '^https://[a-z0-9.-]+/.+')"
  "$(pick '^ftp://')"
  "$(pick '^http://[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/')"
  "$(pick '^http://host[0-9]+/')"
)
i=0
for u in "${single[@]}"; do
  i=$((i + 1))
  run "u$i.deb" "$DEB" -p "$pac" -u "$u"; rc=$RC
  run "u$i.sym" "$SYM" -p "$pac" -u "$u"; same_rc "-u $u, symlink" "$rc" "$RC"
  run "u$i.eval" "$PACPROBE" eval --emulate pacparser -p "$pac" "$u"
  same_file "-u $u, symlink" "$tmp/u$i.deb.out" "$tmp/u$i.sym.out"
  same_file "eval $u" "$tmp/u$i.deb.out" "$tmp/u$i.eval.out"
done
hu=http://www.example.com/override
run h0.deb "$DEB" -p "$pac" -u "$hu"
run h.deb "$DEB" -p "$pac" -u "$hu" -h "$hit_host"; rc=$RC
cmp -s "$tmp/h0.deb.out" "$tmp/h.deb.out" &&
  fail "test data: -h $hit_host does not change pactester's answer"
run h.sym "$SYM" -p "$pac" -u "$hu" -h "$hit_host"; same_rc "-h, symlink" "$rc" "$RC"
run h.eval "$PACPROBE" eval --emulate pacparser --host "$hit_host" -p "$pac" "$hu"
same_file "-u $hu -h $hit_host, symlink" "$tmp/h.deb.out" "$tmp/h.sym.out"
same_file "eval --host $hit_host $hu" "$tmp/h.deb.out" "$tmp/h.eval.out"

# ---- 4. results that are not strings, scripts that fail --------------------
# stdout and exit code of the symlink must match; eval's stdout for the
# non-string results too (pac-semantics.md section 5: ToString, exit 0).
for f in "$DATA"/ret-*.pac "$DATA"/throw-*.pac "$DATA"/syntax.pac \
         "$DATA"/unterminated.pac "$DATA"/toplevel-throw.pac "$DATA"/empty.pac \
         "$DATA"/blank.pac "$DATA"/no-func.pac "$DATA"/not-func.pac \
         "$DATA"/ex-only.pac "$DATA"/missing.pac; do
  b=$(basename "$f" .pac)
  run "$b.deb" "$DEB" -p "$f" -u http://a.example.com/x; rc=$RC
  run "$b.sym" "$SYM" -p "$f" -u http://a.example.com/x
  same_file "$b.pac, symlink" "$tmp/$b.deb.out" "$tmp/$b.sym.out"
  same_rc "$b.pac, symlink" "$rc" "$RC"
  case $b in ret-* | ex-only)
    run "$b.eval" "$PACPROBE" eval --emulate pacparser -p "$f" http://a.example.com/x
    same_file "$b.pac, eval" "$tmp/$b.deb.out" "$tmp/$b.eval.out" ;;
  esac
done

# ---- 5. chrome mode: https paths are stripped ------------------------------
# From pactester's own answers, find https URLs with a path whose answer for
# https://host[:port]/ differs; the first one must get the stripped answer
# from pacprobe's default (chrome) mode.
awk -F' : ' '$1 ~ /^https:\/\/[a-z0-9.-]+(:[0-9]+)?\/./ {
  s = $1; sub(/^https:\/\//, "", s); sub(/\/.*/, "", s)
  print "https://" s "/" > STRIP
  print $1 "\thttps://" s "/\t" substr($0, length($1) + 4) > PAIRS
}' STRIP="$tmp/strip.txt" PAIRS="$tmp/pairs.txt" "$tmp/deb.out"
run sdeb "$DEB" -p "$pac" -f "$tmp/strip.txt"
# pairs: full URL, stripped URL, answer for full; sdeb.out: "stripped : answer".
chosen=$(paste -d '\t' "$tmp/pairs.txt" "$tmp/sdeb.out" | awk -F'\t' '
  { k = index($4, " : "); if ($3 != substr($4, k + 3)) { print $1 "\t" $2; exit } }')
if [ -z "$chosen" ]; then
  fail "test data: no https URL whose path changes pactester's answer"
else
  full=${chosen%%$'\t'*}
  strip=${chosen#*$'\t'}
  run c.full "$DEB" -p "$pac" -u "$full"
  run c.strip "$DEB" -p "$pac" -u "$strip"
  run c.chrome "$PACPROBE" eval -p "$pac" "$full"; c_rc=$RC
  checks=$((checks + 1))
  echo "chrome: $full"
  echo "  pactester (full URL):        $(cat "$tmp/c.full.out")"
  echo "  pactester ($strip): $(cat "$tmp/c.strip.out")"
  echo "  pacprobe eval (chrome):      $(cat "$tmp/c.chrome.out")"
  [ "$c_rc" = 0 ] || fail "pacprobe eval $full exited $c_rc: $(head -n 3 "$tmp/c.chrome.err")"
  cmp -s "$tmp/c.full.out" "$tmp/c.chrome.out" &&
    fail "chrome mode gave pactester's full-URL answer for $full"
  same_file "chrome mode equals the answer for $strip" "$tmp/c.strip.out" "$tmp/c.chrome.out"
fi

# ---- 6. version-dependent behaviour: reported, not failed ------------------
for c in "alert.pac|http://a.example.com/" "echo.pac|no-scheme.example.com" \
         "echo.pac|http://q.example.com/it's" "echo.pac|http://q.example.com/a\\\\b"; do
  f=$DATA/${c%%|*}; u=${c#*|}
  run n.deb "$DEB" -p "$f" -u "$u"; rc=$RC
  run n.sym "$SYM" -p "$f" -u "$u"
  if ! cmp -s "$tmp/n.deb.out" "$tmp/n.sym.out" || [ "$rc" != "$RC" ]; then
    note "${c%%|*} -u '$u': pactester rc $rc stdout '$(cat "$tmp/n.deb.out")'," \
         "symlink rc $RC stdout '$(cat "$tmp/n.sym.out")'"
  fi
done

echo "summary: $checks checks, $fails failed"
[ "$fails" = 0 ]
