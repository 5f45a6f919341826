/* SPDX-License-Identifier: MIT */
/*
 * Lookup in the generated Unicode property tables (uprops.h): a binary
 * search over the sorted keys.
 */
#include "pac/uprops.h"

#include <string.h>

static int cmp_key(const char *key, size_t len, const char *k) {
  size_t kl = strlen(k);
  int c = memcmp(key, k, len < kl ? len : kl);
  if (c) return c;
  return len < kl ? -1 : len > kl;
}

const pp_uprop_t *pp_uprop_find(const char *key, size_t len) {
  size_t lo = 0, hi = pp_uprops_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = cmp_key(key, len, pp_uprops[mid].key);
    if (c == 0) return &pp_uprops[mid];
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}
