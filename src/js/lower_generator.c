/* SPDX-License-Identifier: MIT */
/*
 * Generators (ES2015) and async functions (ES2017): `function* g(a) { body }`
 * (and `*m() {}` methods)
 * becomes `function g(a) { return __pp_gen(this, [a], function (a) { body
 * }); }`: the parameter prologue (defaults, rest, patterns) stays in the
 * outer function, so it runs at the call as the language says, and the body
 * runs in a coroutine of its own at the first next()
 * (pacscripts/runtime/07-generators.js). The body gets the parameters
 * (their values after the prologue) as its own, so a `var a` in it is the
 * parameter; `arguments` in it is the call's (__pp_ga). `yield e` becomes
 * `__pp_yield(e)`, `yield* e` `__pp_ystar(e)`; each catch block of a body
 * first lets return()'s signal through (__pp_gcatch; a catch with a
 * pattern binding in a generator is refused). Only text is added
 * around the original tokens, so every line keeps its number.
 * An async function, arrow or method is the same with __pp_async
 * (07-promise.js), which drives the coroutine by promise reactions; `await
 * e` is `__pp_yield(e)` there.
 */
#include <limits.h>
#include <stdio.h>

#include "js/lower_int.h"
#include "util/str.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* Is token k directly in the body of a generator (not a nested function)? */
static bool in_generator(const lw_t *w, long k) {
  long f = w->fn_of ? w->fn_of[k] : -1;
  return f >= 0 && w->fns[f].gen;
}

bool pp_lower_in_async(const lw_t *w, long k) {
  long f = w->fn_of && k >= 0 && k < w->n ? w->fn_of[k] : -1;
  return f >= 0 && w->fns[f].is_async;
}

/* ", name" for every identifier parameter (the others stay in the outer
 * function, where the body sees them by closure). */
static void param_names(const lw_t *w, const lw_fn_t *f, pp_str_t *out) {
  char name[128];
  int depth = 0;
  for (long j = f->params_lo; j <= f->params_hi; j++) {
    if (is(w, j, "(") || is(w, j, "[") || is(w, j, "{")) depth++;
    else if (is(w, j, ")") || is(w, j, "]") || is(w, j, "}")) depth--;
    bool first = j == f->params_lo || (depth == 0 && is(w, j - 1, ","));
    if (depth != 0 || !first || !pp_lower_kind(w, j, PP_JS_IDENT)) continue;
    pp_lower_name(w, j, name, sizeof(name));
    pp_str_printf(out, "%s%s", out->len ? ", " : "", name);
  }
}

static bool uses_arguments(lw_t *w, long fi, const lw_fn_t *f) {
  bool any = false;
  for (long k = f->body_lo + 1; k < f->body_hi; k++) {
    if (w->fn_of[k] != fi || !pp_lower_kind(w, k, PP_JS_IDENT) || !is(w, k, "arguments") ||
        is(w, k - 1, ".") || (w->fl[k] & LW_KEY))
      continue;
    pp_lower_repl(w, k, "__pp_ga");
    any = true;
  }
  return any;
}

void pp_lower_generator(lw_t *w, long fi) {
  const lw_fn_t *f = &w->fns[fi];
  if (f->gen && f->is_async)
    return pp_lower_unsupported(w, f->start - 1, "async generator function", "ES2018");
  pp_str_t names = PP_STR_INIT;
  bool arrow = f->arrow >= 0, expr_body = arrow && !is(w, f->body_lo, "{");
  if (f->gen) pp_lower_used(w, f->start, LWF_GENERATOR, "generator function", "ES2015");
  else pp_lower_used(w, f->start, LWF_ASYNC, "async function", "ES2017");
  if (is(w, f->start, "function") && is(w, f->start + 1, "*")) pp_lower_repl(w, f->start + 1, "");
  if (f->is_async && is(w, f->start - 1, "async") && (is(w, f->start, "function") || arrow))
    pp_lower_repl(w, f->start - 1, "");
  param_names(w, f, &names);
  bool args = !arrow && uses_arguments(w, fi, f);
  const char *list = names.s ? names.s : "";
  const char *helper = f->gen ? "__pp_gen" : "__pp_async";
  if (expr_body) { /* `async x => e`: inside lower_fn's `{return (e)}` */
    pp_lower_after(w, f->arrow, f->arrow, "return %s(this, [%s], function (%s) {", helper, list, list);
    pp_lower_after(w, f->body_hi, LONG_MIN, ");}");
  } else {
    /* after the prologue (its items sort first: their key is body_lo) */
    pp_lower_after(w, f->body_lo, f->start, "%sreturn %s(this, [%s], function (%s) {",
                   args ? "var __pp_ga = arguments; " : "", helper, list, list);
    pp_lower_before(w, f->body_hi, LONG_MIN, "});");
  }
  pp_str_free(&names);
}

/* Does `yield` at k have an operand (AssignmentExpression) after it? */
static bool has_operand(const lw_t *w, long k) {
  long s = k + 1;
  if (s >= w->n - 1 || w->t[s].nl_before) return false;
  return !(is(w, s, ")") || is(w, s, "]") || is(w, s, "}") || is(w, s, ",") || is(w, s, ";") ||
           is(w, s, ":") || is(w, s, "?") || is(w, s, "in") || is(w, s, "=>") ||
           pp_lower_kind(w, s, PP_JS_TEMPLATE_MID) || pp_lower_kind(w, s, PP_JS_TEMPLATE_TAIL));
}

void pp_lower_yield(lw_t *w, long k) {
  if (!in_generator(w, k) || is(w, k - 1, ".") || (w->fl[k] & LW_KEY)) return;
  bool star = is(w, k + 1, "*");
  long s = star ? k + 2 : k + 1;
  if (star) {
    pp_lower_repl(w, k, "__pp_ystar(");
    pp_lower_repl(w, k + 1, "");
  } else if (!has_operand(w, k)) {
    pp_lower_repl(w, k, "__pp_yield()");
    return;
  } else {
    pp_lower_repl(w, k, "__pp_yield(");
  }
  long end = pp_lower_expr_end(w, s, true);
  if (end < s) end = s;
  pp_lower_after(w, end, k, ")");
}

void pp_lower_gen_catch(lw_t *w, long k) {
  if (!pp_lower_kind(w, k, PP_JS_KEYWORD) || !in_generator(w, k)) return;
  char name[128];
  long body;
  if (is(w, k + 1, "{")) {
    body = k + 1;
    snprintf(name, sizeof(name), "__pp_e"); /* pp_lower_catch names it */
  } else if (is(w, k + 1, "(") && pp_lower_kind(w, k + 2, PP_JS_IDENT) && is(w, k + 3, ")") &&
             is(w, k + 4, "{")) {
    body = k + 4;
    pp_lower_name(w, k + 2, name, sizeof(name));
  } else {
    /* a pattern would take return()'s signal apart before it could pass */
    return pp_lower_unsupported(w, k, "catch binding pattern in a generator", "ES2015");
  }
  pp_lower_after(w, body, LONG_MAX, "__pp_gcatch(%s); ", name);
}

/* `await e`: e is a unary expression (`await a + b` awaits a). */
void pp_lower_await(lw_t *w, long k) {
  if (!pp_lower_in_async(w, k) || is(w, k - 1, ".") || (w->fl[k] & LW_KEY)) return;
  long s = k + 1;
  while (s < w->n - 1 && (is(w, s, "await") || is(w, s, "new"))) s++;
  long end = pp_lower_operand_end(w, s);
  if (end < k + 1) end = k + 1;
  pp_lower_repl(w, k, "__pp_yield(");
  pp_lower_after(w, end, k, ")");
}
