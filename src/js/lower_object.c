/* SPDX-License-Identifier: MIT */
/*
 * Object literals: shorthand properties and methods get their `name:`;
 * the forms not lowered (computed names, generator methods) are refused
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

void pp_lower_object(lw_t *w, long k) {
  long close = w->match[k];
  for (long j = k + 1; j < close && !w->failed; j = prop_end(w, j, close) + 1) {
    bool accessor = (is(w, j, "get") || is(w, j, "set")) && pp_lower_kind(w, j, PP_JS_IDENT) &&
                    !is(w, j + 1, ",") && !is(w, j + 1, ":") && !is(w, j + 1, "(") &&
                    !is(w, j + 1, "}");
    if (is(w, j, "...")) return pp_lower_unsupported(w, j, "object spread", "ES2018");
    if (is(w, j, "*")) return pp_lower_unsupported(w, j, "generator method", "ES2015");
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
