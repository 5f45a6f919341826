/* SPDX-License-Identifier: MIT */
/*
 * Functions: arrows become function expressions (`(a) => e` ->
 * `function(a){return (e)}`, block bodies kept), and the ES2015 parameter
 * forms of every function become a prologue at the top of its body:
 * defaults (`if (a === void 0) a = (...)`), rest (`var r =
 * Array.prototype.slice.call(arguments, i)`) and destructuring (a
 * temporary parameter read by declarators). Default values are moved, not
 * copied, so each expression is evaluated where the language says.
 */
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

static long param_end(const lw_t *w, long j, long hi) {
  long last = j;
  while (j <= hi && !is(w, j, ",")) {
    bool op = is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
              w->t[j].kind == PP_JS_TEMPLATE_HEAD;
    last = j = op ? pp_lower_template_end(w, j) : j;
    j++;
  }
  return last;
}

static void rest_param(lw_t *w, long j, long e, int idx, long dest) {
  char name[128];
  if (!pp_lower_kind(w, j + 1, PP_JS_IDENT) || e != j + 1) {
    pp_lower_unsupported(w, j, "rest parameter pattern", "ES2015");
    return;
  }
  pp_lower_used(w, j, LWF_REST, "rest parameter", "ES2015");
  pp_lower_name(w, j + 1, name, sizeof(name));
  pp_lower_delete(w, is(w, j - 1, ",") ? j - 1 : j, e);
  pp_lower_after(w, dest, dest, "var %s = Array.prototype.slice.call(arguments, %d); ", name, idx);
}

static void default_value(lw_t *w, const char *name, long eq, long e, long dest) {
  pp_lower_used(w, eq, LWF_DEFAULT, "default parameter", "ES2015");
  pp_lower_delete(w, eq, eq);
  pp_lower_after(w, dest, dest, "if (%s === void 0) %s = (", name, name);
  pp_lower_move_after(w, dest, dest, eq + 1, e);
  pp_lower_after(w, dest, dest, "); ");
}

static void pattern_param(lw_t *w, long j, long e, long dest) {
  char tmp[32];
  long pe = w->match[j];
  pp_lower_temp(w, "p", tmp, sizeof(tmp));
  pp_lower_delete(w, j, pe);
  pp_lower_after(w, j - 1, j, "%s", tmp);
  if (is(w, pe + 1, "=") && pe + 1 <= e) default_value(w, tmp, pe + 1, e, dest);
  pp_lower_after(w, dest, dest, "var %s = %s", tmp, tmp);
  pp_lower_pattern(w, j, tmp, dest, dest);
  pp_lower_after(w, dest, dest, "; ");
}

static void params(lw_t *w, const lw_fn_t *f, long dest) {
  int idx = 0;
  char name[128];
  for (long j = f->params_lo; j <= f->params_hi && !w->failed; idx++) {
    long e = param_end(w, j, f->params_hi);
    if (is(w, j, "...")) {
      rest_param(w, j, e, idx, dest);
    } else if (pp_lower_kind(w, j, PP_JS_IDENT)) {
      if (is(w, j + 1, "=") && j + 1 <= e) {
        pp_lower_name(w, j, name, sizeof(name));
        default_value(w, name, j + 1, e, dest);
      }
    } else if ((is(w, j, "[") || is(w, j, "{")) && w->match[j] > j) {
      pattern_param(w, j, e, dest);
    }
    j = e + 2;
  }
}

static void lower_fn(lw_t *w, lw_fn_t *f) {
  bool arrow = f->arrow >= 0;
  bool expr_body = arrow && !is(w, f->body_lo, "{");
  long dest = expr_body ? f->arrow : f->body_lo;
  if (f->needs_this)
    pp_lower_after(w, dest, dest, " var __pp_this = this, __pp_args = arguments; ");
  if (!(arrow && f->params_lo == f->start && f->params_lo == f->params_hi)) params(w, f, dest);
  if (f->gen || f->is_async) pp_lower_generator(w, f - w->fns);
  if (!arrow) return;
  pp_lower_used(w, f->arrow, LWF_ARROW, "arrow function", "ES2015");
  if (pp_lower_kind(w, f->start, PP_JS_IDENT)) {
    pp_lower_before(w, f->start, f->body_hi, "function(");
    pp_lower_after(w, f->start, f->start, ")");
  } else {
    pp_lower_before(w, f->start, f->body_hi, "function");
  }
  if (!expr_body) {
    pp_lower_repl(w, f->arrow, "");
    return;
  }
  pp_lower_repl(w, f->arrow, "{");
  pp_lower_after(w, f->arrow, f->arrow, "return (");
  pp_lower_after(w, f->body_hi, f->start, ")}");
}

void pp_lower_functions_at(lw_t *w, long k) {
  long i = w->arrow_at[k];
  if (i < 0) return;
  for (; i < w->nfns && w->fns[i].start == k && !w->failed; i++) {
    if (w->fns[i].body_hi < 0 || w->fns[i].body_lo >= w->n - 1) continue;
    lower_fn(w, &w->fns[i]);
  }
}
