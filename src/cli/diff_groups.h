/* SPDX-License-Identifier: MIT */
/* The old -> new result pairs of `pacprobe diff`, counted: a hash index
 * over a geometrically grown array, so counting is linear in the URLs
 * however many distinct pairs there are. */
#ifndef PP_CLI_DIFF_GROUPS_H
#define PP_CLI_DIFF_GROUPS_H

#include <stdbool.h>
#include <stddef.h>

/* One old -> new pair; `first` orders pairs of equal count by appearance. */
typedef struct pp_diff_group {
  char *old_result, *new_result;
  unsigned long count;
  size_t first;
} pp_diff_group_t;

typedef struct pp_diff_groups {
  pp_diff_group_t *v; /* in order of first appearance until sorted */
  size_t n, cap;
  size_t *index;      /* open addressing: 0 empty, else position in v + 1 */
  size_t index_cap;   /* a power of two, at least twice n */
} pp_diff_groups_t;

/* Counts one old -> new pair (copied). false on ENOMEM (g stays valid). */
bool pp_diff_groups_add(pp_diff_groups_t *g, const char *old_result, const char *new_result);
/* Sorts v: most frequent first, equal counts by first appearance. The index
 * is dropped: no pair can be added after this. */
void pp_diff_groups_sort(pp_diff_groups_t *g);
void pp_diff_groups_free(pp_diff_groups_t *g);

#endif
