/* SPDX-License-Identifier: MIT */
/*
 * Regex Unicode property escapes \p{…} and \P{…} under flag u (issue 16):
 * the property's code points (uprops.h, from Debian's unicode-data) as a
 * pattern Duktape runs, astral ones as surrogate-pair alternatives.
 */
#ifndef PP_PAC_REGEX_PROP_H
#define PP_PAC_REGEX_PROP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

typedef struct {
  const char *syntax; /* the SyntaxError browsers raise, or NULL */
  size_t len;         /* bytes of the escape read, from the backslash */
  bool halves;        /* the pattern can match half a surrogate pair's unit */
} pp_regex_prop_t;

/* p at the backslash of \p or \P (end: the pattern's end). back: the
 * pattern reads right to left here (inside a lookbehind). Appends the
 * pattern to out unless r->syntax is set. */
void pp_regex_prop(const char *p, const char *end, bool back, pp_str_t *out, pp_regex_prop_t *r);

/* Only checks the name (inside a class): r->syntax and r->len. */
void pp_regex_prop_check(const char *p, const char *end, pp_regex_prop_t *r);

#endif
