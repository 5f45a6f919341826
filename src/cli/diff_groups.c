/* SPDX-License-Identifier: MIT */
/*
 * Counting old -> new pairs for `pacprobe diff` (diff_groups.h). The pairs
 * live in one array grown by doubling; an open-addressing index of
 * positions (FNV-1a over both strings, linear probing, kept at most half
 * full) finds a pair in constant time. Issue 15 item 6: the linear search
 * and one-by-one realloc before it made a diff where most results change
 * quadratic (1M URLs did not finish in 300 s).
 */
#include "cli/diff_groups.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_pair(const char *o, const char *n) {
  uint64_t h = 1469598103934665603ull;
  for (; *o; o++) h = (h ^ (unsigned char)*o) * 1099511628211ull;
  h = (h ^ 0xff) * 1099511628211ull; /* a separator no result contains */
  for (; *n; n++) h = (h ^ (unsigned char)*n) * 1099511628211ull;
  return h;
}

/* The index slot holding the pair, or the empty slot where it belongs. */
static size_t find_slot(const pp_diff_groups_t *g, const char *o, const char *n) {
  size_t mask = g->index_cap - 1, i = (size_t)hash_pair(o, n) & mask;
  while (g->index[i]) {
    const pp_diff_group_t *p = &g->v[g->index[i] - 1];
    if (strcmp(p->old_result, o) == 0 && strcmp(p->new_result, n) == 0) break;
    i = (i + 1) & mask;
  }
  return i;
}

/* Room for one more pair in v and in the index. */
static bool reserve(pp_diff_groups_t *g) {
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 16;
    pp_diff_group_t *v = realloc(g->v, cap * sizeof(*v));
    if (!v) return false;
    g->v = v;
    g->cap = cap;
  }
  if ((g->n + 1) * 2 <= g->index_cap) return true;
  size_t cap = g->index_cap ? g->index_cap * 2 : 32;
  size_t *idx = calloc(cap, sizeof(*idx));
  if (!idx) return false;
  free(g->index);
  g->index = idx;
  g->index_cap = cap;
  for (size_t k = 0; k < g->n; k++)
    g->index[find_slot(g, g->v[k].old_result, g->v[k].new_result)] = k + 1;
  return true;
}

bool pp_diff_groups_add(pp_diff_groups_t *g, const char *o, const char *n) {
  if (g->index_cap) {
    size_t i = find_slot(g, o, n);
    if (g->index[i]) {
      g->v[g->index[i] - 1].count++;
      return true;
    }
  }
  if (!reserve(g)) return false;
  pp_diff_group_t p = {strdup(o), strdup(n), 1, g->n};
  if (!p.old_result || !p.new_result) {
    free(p.old_result);
    free(p.new_result);
    return false;
  }
  g->v[g->n] = p;
  g->index[find_slot(g, o, n)] = ++g->n;
  return true;
}

/* Most frequent pair first; equal counts in order of first appearance. */
static int by_count(const void *x, const void *y) {
  const pp_diff_group_t *a = x, *b = y;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return a->first < b->first ? -1 : a->first > b->first;
}

void pp_diff_groups_sort(pp_diff_groups_t *g) {
  free(g->index);
  g->index = NULL;
  g->index_cap = 0;
  if (g->n > 1) qsort(g->v, g->n, sizeof(*g->v), by_count);
}

void pp_diff_groups_free(pp_diff_groups_t *g) {
  for (size_t i = 0; i < g->n; i++) {
    free(g->v[i].old_result);
    free(g->v[i].new_result);
  }
  free(g->v);
  free(g->index);
  memset(g, 0, sizeof(*g));
}
