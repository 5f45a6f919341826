/* SPDX-License-Identifier: MIT */
/*
 * Operators: `a ** b` becomes Math.pow(a, b), `x **= e` becomes
 * `x = Math.pow(x, e)`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

void pp_lower_pow(lw_t *w, long k) {
  pp_lower_used(w, k, LWF_POW, "exponent operator **", "ES2016");
  if (is(w, k, "**=")) {
    if (!pp_lower_kind(w, k - 1, PP_JS_IDENT) || is(w, k - 2, ".")) {
      pp_lower_unsupported(w, k, "**= on a property", "ES2016");
      return;
    }
    char name[128];
    pp_lower_name(w, k - 1, name, sizeof(name));
    long e = pp_lower_expr_end(w, k + 1, true);
    pp_lower_repl(w, k, "= Math.pow(");
    pp_lower_after(w, k, k, "%s, ", name);
    pp_lower_after(w, e < k + 1 ? k : e, k, ")");
    return;
  }
  long s = pp_lower_operand_start(w, k - 1), e = pp_lower_operand_end(w, k + 1);
  pp_lower_before(w, s, e, "Math.pow(");
  pp_lower_repl(w, k, ",");
  pp_lower_after(w, e, s, ")");
}
