/* SPDX-License-Identifier: MIT */
/*
 * Unicode property tables for regex \p{…} and \P{…} (issue 16): generated
 * at build time by tools/gen-uprops.py from Debian's unicode-data files
 * (the same tables on Linux and Windows). Keys are "gc=VALUE",
 * "sc=VALUE", "scx=VALUE" and "bin=NAME", every alias ECMAScript accepts,
 * sorted bytewise; each maps to sorted, disjoint code point ranges.
 */
#ifndef PP_PAC_UPROPS_H
#define PP_PAC_UPROPS_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  const char *key;
  const uint32_t *ranges; /* lo, hi pairs, inclusive */
  size_t n;               /* pairs */
} pp_uprop_t;

extern const pp_uprop_t pp_uprops[];
extern const size_t pp_uprops_count;
extern const char pp_uprops_version[]; /* the Unicode version, e.g. "15.0.0" */

/* The property of key (len bytes), or NULL. */
const pp_uprop_t *pp_uprop_find(const char *key, size_t len);

#endif
