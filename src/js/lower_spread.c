/* SPDX-License-Identifier: MIT */
/*
 * Spread in calls and array literals goes through __pp_flat / __pp_mcall
 * (05-polyfills.js): `f(a, ...b)` -> `f.apply(void 0, __pp_flat([a, b], [1]))`,
 * a method call keeps its receiver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* Lists the element indexes holding `...` directly inside opener k into
 * idx ("0,3"); returns how many, and blanks each `...`. */
static int spread_indexes(lw_t *w, long k, pp_str_t *idx) {
  long close = w->match[k];
  int count = 0, el = 0;
  for (long j = k + 1; j < close; j++) {
    if (is(w, j, ",")) {
      el++;
    } else if (is(w, j, "...") && (is(w, j - 1, ",") || j == k + 1)) {
      if (count && !w->oom) pp_str_putc(idx, ',');
      pp_str_printf(idx, "%d", el);
      pp_lower_repl(w, j, "");
      count++;
    }
    bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
              w->t[j].kind == PP_JS_TEMPLATE_HEAD;
    if (op) j = pp_lower_template_end(w, j);
  }
  return count;
}

static bool has_spread(const lw_t *w, long k) {
  long close = w->match[k];
  for (long j = k + 1; j < close; j++) {
    if (is(w, j, "...")) return true;
    bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
              w->t[j].kind == PP_JS_TEMPLATE_HEAD;
    if (op) j = pp_lower_template_end(w, j);
  }
  return false;
}

static void spread_call(lw_t *w, long k, long close, const char *idx) {
  long p = k - 1;
  if (is(w, pp_lower_operand_start(w, p) - 1, "new")) {
    pp_lower_unsupported(w, k, "spread in new", "ES2015");
    return;
  }
  char tail[160];
  snprintf(tail, sizeof(tail), "], [%s]))", idx);
  if (pp_lower_kind(w, p, PP_JS_IDENT) && is(w, p - 1, ".") && p >= 2) {
    long s = pp_lower_operand_start(w, p - 2);
    char name[160];
    snprintf(name, sizeof(name), "\"%.*s\"", (int)w->t[p].len, w->src + w->t[p].off);
    pp_lower_before(w, s, close, "__pp_mcall(");
    pp_lower_repl(w, p - 1, ", ");
    pp_lower_repl(w, p, name);
    pp_lower_repl(w, k, ", __pp_flat([");
  } else if (is(w, p, "]") && w->match[p] > 0) {
    long s = pp_lower_operand_start(w, w->match[p] - 1);
    pp_lower_before(w, s, close, "__pp_mcall(");
    pp_lower_repl(w, w->match[p], ", ");
    pp_lower_repl(w, p, "");
    pp_lower_repl(w, k, ", __pp_flat([");
  } else {
    pp_lower_repl(w, k, ".apply(void 0, __pp_flat([");
  }
  pp_lower_repl(w, close, tail);
}

void pp_lower_spread(lw_t *w, long k) {
  if (w->match[k] < 0 || !has_spread(w, k)) return;
  long close = w->match[k];
  pp_str_t idx = PP_STR_INIT;
  if (spread_indexes(w, k, &idx) == 0) { /* `...` in no element position: Duktape says so */
    pp_str_free(&idx);
    return;
  }
  pp_lower_used(w, k, LWF_SPREAD, "spread", "ES2015");
  if (!idx.s) {
    w->oom = true;
  } else if (w->fl[k] & LW_CALL) {
    spread_call(w, k, close, idx.s);
  } else {
    pp_lower_before(w, k, close, "__pp_flat(");
    pp_lower_after(w, close, k, ", [%s])", idx.s);
  }
  pp_str_free(&idx);
}
