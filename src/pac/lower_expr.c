/* SPDX-License-Identifier: MIT */
/*
 * Expression-level lowering: template literals become string concatenation
 * (each template token is rewritten on its own, so nesting needs no stack),
 * shorthand properties and methods get their `name:`, spread in calls and
 * array literals goes through __pp_flat / __pp_mcall (05-polyfills.js),
 * `a ** b` becomes Math.pow(a, b), 0b/0o literals become decimal, and
 * `catch {` gets a binding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* ---- templates ----------------------------------------------------------- */

/* Appends raw template characters as the body of a "..." literal. A raw
 * line break (cooked as \n) ends the literal and continues it on the next
 * line, so the line count stays. */
static void template_chars(pp_str_t *s, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '\\' && i + 1 < n) {
      if (p[i + 1] == 0) pp_str_puts(s, "\\x00");
      else pp_str_append(s, p + i, 2);
      i++;
      if (p[i] == '\r' && i + 1 < n && p[i + 1] == '\n') pp_str_putc(s, p[++i]);
    } else if (c == 0) {
      pp_str_puts(s, "\\x00"); /* repl texts are C strings */
    } else if (c == '"') {
      pp_str_puts(s, "\\\"");
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < n && p[i + 1] == '\n') i++;
      pp_str_puts(s, "\\n\" +\n\"");
    } else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
               ((unsigned char)p[i + 2] == 0xA8 || (unsigned char)p[i + 2] == 0xA9)) {
      pp_str_printf(s, "\\u%s\" +\n\"", (unsigned char)p[i + 2] == 0xA8 ? "2028" : "2029");
      i += 2;
    } else {
      pp_str_putc(s, (char)c);
    }
  }
}

void pp_lower_template(lw_t *w, long k) {
  const pp_js_token_t *t = &w->t[k];
  bool opens = t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_HEAD;
  if (opens && pp_lower_ends_operand(w, k - 1)) {
    pp_lower_unsupported(w, k, "tagged template", "ES2015");
    return;
  }
  pp_lower_used(w, k, LWF_TEMPLATE, "template literal", "ES2015");
  const char *p = w->src + t->off + 1;
  size_t n = t->len - 1 - (t->kind == PP_JS_TEMPLATE || t->kind == PP_JS_TEMPLATE_TAIL ? 1 : 2);
  pp_str_t s = PP_STR_INIT;
  switch (t->kind) {
  case PP_JS_TEMPLATE: pp_str_puts(&s, "\""); break;
  case PP_JS_TEMPLATE_HEAD: pp_str_puts(&s, "(\""); break;
  default: pp_str_puts(&s, ") + \""); break;
  }
  template_chars(&s, p, n);
  pp_str_puts(&s, t->kind == PP_JS_TEMPLATE ? "\"" : t->kind == PP_JS_TEMPLATE_TAIL ? "\")" : "\" + (");
  if (!s.s) w->oom = true;
  else pp_lower_repl(w, k, s.s);
  pp_str_free(&s);
}

/* ---- object literals ------------------------------------------------------ */

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

/* ---- spread ---------------------------------------------------------------- */

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

/* ---- ** ----------------------------------------------------------------- */

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

/* ---- numbers and catch ---------------------------------------------------- */

void pp_lower_number(lw_t *w, long k) {
  const char *p = w->src + w->t[k].off;
  size_t n = w->t[k].len;
  if (n < 3 || p[0] != '0' || !strchr("bBoO", p[1])) return;
  int base = (p[1] == 'b' || p[1] == 'B') ? 2 : 8;
  double v = 0;
  for (size_t i = 2; i < n; i++) {
    int d = p[i] - '0';
    if (d < 0 || d >= base) return; /* Duktape reports the bad literal */
    v = v * base + d;
  }
  char buf[40];
  snprintf(buf, sizeof(buf), "%.17g", v);
  pp_lower_used(w, k, LWF_NUMBER, "binary/octal literal", "ES2015");
  pp_lower_repl(w, k, buf);
}

void pp_lower_catch(lw_t *w, long k) {
  if (w->t[k].kind != PP_JS_KEYWORD || !is(w, k + 1, "{")) return;
  pp_lower_used(w, k, LWF_CATCH, "optional catch binding", "ES2019");
  pp_lower_after(w, k, k, " (__pp_e)");
}
