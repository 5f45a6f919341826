#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# build.sh [OUT=/tmp/fuzz_lower]: builds the libFuzzer target of the
# lowering pass with clang (-fsanitize=fuzzer,address,undefined). Run it as
#   OUT -max_total_time=60 -max_len=4096 tests/fuzz/corpus
# Exits 77 (skipped) when clang or libFuzzer is missing.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${1:-/tmp/fuzz_lower}
command -v clang >/dev/null || { echo "clang not found: skipped"; exit 77; }
clang -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
  -fsanitize=fuzzer,address,undefined -I"$SRC/src" \
  "$SRC/tests/fuzz/fuzz_lower.c" "$SRC"/src/pac/lower.c "$SRC"/src/pac/lower_scan.c \
  "$SRC"/src/pac/lower_struct.c "$SRC"/src/pac/lower_decl.c "$SRC"/src/pac/lower_scope.c \
  "$SRC"/src/pac/lower_fn.c "$SRC"/src/pac/lower_expr.c "$SRC"/src/pac/lower_check.c \
  "$SRC"/src/pac/jslex.c "$SRC"/src/util/str.c "$SRC"/src/util/buf.c "$SRC"/src/util/status.c \
  -o "$OUT" || { echo "libFuzzer build failed: skipped"; exit 77; }
echo "built $OUT"
