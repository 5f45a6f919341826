#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The completions and the per-command man pages are generated from the
# option table (tools/gen-completions.sh, tools/gen-man.sh): for every
# command, the long options that bash completes after `pacprobe CMD --`,
# that the zsh and fish files offer, that man pacprobe-CMD lists and that
# `pacprobe CMD --help` lists are the same set; bash completes every
# command after `pacprobe `. (issue 19 "Must show" 3)
set -u
PP=$1
B=${PP_BUILD:-$(dirname "$PP")}
G=$B/share
fails=0 checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
for f in bash-completion/pacprobe zsh/_pacprobe fish/pacprobe.fish man/man1/pacprobe-eval.1; do
  [ -f "$G/$f" ] || { echo "FAIL: $G/$f not generated"; exit 1; }
done
# shellcheck disable=SC1091
source "$G/bash-completion/pacprobe"
complete_words() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMPREPLY=(); _pacprobe; printf '%s\n' "${COMPREPLY[@]}" | sort -u; }
cmds=$("$PP" --help | awk '/^commands:/{on=1; next} on && /^  [a-z]/{print $1; next} on && /^$/{exit}' | sort)
checks=$((checks + 1))
offered=$(complete_words pacprobe "")
for c in $cmds; do grep -qx "$c" <<<"$offered" || fail "bash completion does not offer the command $c"; done
for c in $cmds; do
  checks=$((checks + 4))
  help=$("$PP" "$c" --help | grep -oE -- '^ +(-[a-zA-Z], )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+' | sort -u)
  bash_set=$(complete_words pacprobe "$c" -- | grep -- '^--' | sort -u)
  zsh_set=$(awk -v c="$c" '$1 == c ")" {on=1; next} on && /;;/ {exit} on' "$G/zsh/_pacprobe" |
            grep -oE -- "^ +'--[a-z-]+" | grep -oE -- '--[a-z-]+' | sort -u)
  fish_set=$(grep -- "__fish_seen_subcommand_from $c'" "$G/fish/pacprobe.fish" | grep -oE -- ' -l [a-z-]+' |
             sed 's/ -l /--/' | sort -u)
  man_set=$(grep -A1 '^\.TP' "$G/man/man1/pacprobe-$c.1" | grep -E '^\.BR? ' | sed 's/\\-/-/g' |
            grep -oE -- '--[a-z][a-z-]*' | sort -u)
  [ -n "$help" ] || fail "$c --help lists no option"
  [ "$bash_set" = "$help" ] || fail "$c: bash completion differs from --help: $(diff <(echo "$bash_set") <(echo "$help") | grep '^[<>]' | tr '\n' ' ')"
  [ "$zsh_set" = "$help" ] || fail "$c: zsh completion differs from --help: $(diff <(echo "$zsh_set") <(echo "$help") | grep '^[<>]' | tr '\n' ' ')"
  [ "$fish_set" = "$help" ] || fail "$c: fish completion differs from --help: $(diff <(echo "$fish_set") <(echo "$help") | grep '^[<>]' | tr '\n' ' ')"
  [ "$man_set" = "$help" ] || fail "$c: man pacprobe-$c differs from --help: $(diff <(echo "$man_set") <(echo "$help") | grep '^[<>]' | tr '\n' ' ')"
done
# a value that is a file completes file names, an option's value is not an option
files=$(cd "$(dirname "$PP")" && complete_words pacprobe check --cacert "")
[ -n "$files" ] || fail "bash: --cacert does not complete file names"
echo "$((checks - fails)) passed, $fails failed"
[ $fails = 0 ]
