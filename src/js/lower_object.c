/* SPDX-License-Identifier: MIT */
/*
 * Object literals: shorthand properties and methods get their `name:`,
 * spread properties go through __pp_ospread;
 * the forms not lowered (computed names) are refused
 * at their original position.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

static long prop_end(const lw_t *w, long j, long close) {
  while (j < close && !is(w, j, ",")) {
    bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
              w->t[j].kind == PP_JS_TEMPLATE_HEAD;
    j = op ? pp_lower_template_end(w, j) + 1 : j + 1;
  }
  return j;
}

/* `{a, ...b, c}` -> `__pp_ospread({a: a, }, b, { c: c})` (06-lower.js): the
 * literal's own parts keep their getters, a spread copies values. */
static void spread(lw_t *w, long k, long j, long after, int *count) {
  long close = w->match[k];
  if ((*count)++ == 0) {
    pp_lower_used(w, j, LWF_OSPREAD, "object spread", "ES2018");
    pp_lower_before(w, k, close, "__pp_ospread(");
    pp_lower_after(w, close, k, ")");
  }
  pp_lower_repl(w, j, "}, ");
  if (after < close) pp_lower_repl(w, after, "");
  pp_lower_after(w, after - 1, j, ", {");
}

void pp_lower_object(lw_t *w, long k) {
  long close = w->match[k];
  int spreads = 0;
  for (long j = k + 1; j < close && !w->failed; j = prop_end(w, j, close) + 1) {
    bool accessor = (is(w, j, "get") || is(w, j, "set")) && pp_lower_kind(w, j, PP_JS_IDENT) &&
                    !is(w, j + 1, ",") && !is(w, j + 1, ":") && !is(w, j + 1, "(") &&
                    !is(w, j + 1, "}");
    if (is(w, j, "...")) {
      spread(w, k, j, prop_end(w, j, close), &spreads);
      continue;
    }
    if (is(w, j, "async") && pp_lower_kind(w, j, PP_JS_IDENT) && is(w, j + 1, "*"))
      return pp_lower_unsupported(w, j, "async generator method", "ES2018");
    if (is(w, j, "async") && pp_lower_kind(w, j, PP_JS_IDENT) && is(w, j + 2, "(") &&
        (w->fl[j + 1] & LW_KEY))
      pp_lower_repl(w, j++, ""); /* an async method (lower_generator.c) */
    if (is(w, j, "*")) pp_lower_repl(w, j++, ""); /* a generator method (lower_generator.c) */
    if (accessor && is(w, j + 1, "["))
      return pp_lower_unsupported(w, j + 1, "getter or setter with a computed name", "ES2015");
    if (is(w, j, "[")) return pp_lower_unsupported(w, j, "computed property name", "ES2015");
    if (accessor) continue;
    if (pp_lower_kind(w, j, PP_JS_IDENT) && (is(w, j + 1, ",") || is(w, j + 1, "}"))) {
      pp_lower_used(w, j, LWF_SHORTHAND, "shorthand property", "ES2015");
      pp_lower_before(w, j, j, "%.*s: ", (int)w->t[j].len, w->src + w->t[j].off);
    } else if (is(w, j + 1, "(") && (w->fl[j] & LW_KEY)) {
      pp_lower_used(w, j, LWF_METHOD, "method definition", "ES2015");
      pp_lower_after(w, j, j, ": function");
    } else if (is(w, j + 1, "=")) {
      return pp_lower_unsupported(w, j, "destructuring assignment", "ES2015");
    }
  }
}
