/* SPDX-License-Identifier: MIT */
/*
 * "Did you mean": the nearest known word to a mistyped command or long
 * option. Optimal string alignment distance (a swap of two neighbours
 * counts one, as git's help.c weighs it), bounded by the word lengths it
 * compares; a unique prefix of three letters or more also matches.
 */
#include <string.h>

#include "cli/cli.h"

#define WORD_MAX 64

static size_t min3(size_t a, size_t b, size_t c) {
  size_t m = a < b ? a : b;
  return m < c ? m : c;
}

/* Edit distance with adjacent transpositions; WORD_MAX+1 when too long. */
static size_t distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > WORD_MAX || lb > WORD_MAX) return WORD_MAX + 1;
  size_t d[WORD_MAX + 1][WORD_MAX + 1];
  for (size_t i = 0; i <= la; i++) d[i][0] = i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = j;
  for (size_t i = 1; i <= la; i++)
    for (size_t j = 1; j <= lb; j++) {
      size_t cost = a[i - 1] != b[j - 1];
      d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < d[i][j])
        d[i][j] = d[i - 2][j - 2] + 1;
    }
  return d[la][lb];
}

static const char *unique_prefix(const char *word, const char *const *cand, size_t n) {
  size_t len = strlen(word);
  const char *hit = NULL;
  if (len < 3) return NULL;
  for (size_t i = 0; i < n; i++)
    if (strncmp(cand[i], word, len) == 0) {
      if (hit && strcmp(hit, cand[i]) != 0) return NULL;
      hit = cand[i];
    }
  return hit;
}

const char *pp_cli_suggest(const char *word, const char *const *cand, size_t n) {
  const char *best = NULL;
  size_t best_d = 3; /* at most 2 edits, and fewer than half the word */
  for (size_t i = 0; i < n; i++) {
    size_t d = distance(word, cand[i]);
    if (d < best_d && d * 2 < strlen(cand[i])) {
      best = cand[i];
      best_d = d;
    }
  }
  return best ? best : unique_prefix(word, cand, n);
}
