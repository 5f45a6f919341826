/* SPDX-License-Identifier: MIT */
/*
 * pp_safe: foreign text ready for a printf("%s") of text output (issue 15
 * item 8). The escaping itself is pp_esc_text (src/util/esc.c); this file
 * only keeps the escaped copies alive long enough for one output call.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/esc.h"

#define RING 16 /* arguments of one printf that may be escaped at once */

static _Thread_local char *ring[RING];
static _Thread_local unsigned next;

static const char *safe_n(const char *s, size_t n) {
  if (!s) return "(null)";
  if (!pp_esc_needed(s, n)) return s;
  pp_str_t o = PP_STR_INIT;
  pp_esc_text(&o, s, n);
  char *e = pp_str_take(&o);
  if (!e) return "(out of memory)";
  free(ring[next]);
  ring[next] = e;
  next = (next + 1) % RING;
  return e;
}

const char *pp_safe(const char *s) { return safe_n(s, s ? strlen(s) : 0); }

void pp_safe_fputs(FILE *out, const char *s) { fputs(pp_safe(s), out); }
