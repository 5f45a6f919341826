/* SPDX-License-Identifier: MIT */
/*
 * The structure the lowering pass reads off the jslex tokens: matching
 * brackets, the innermost opener of every token, object-literal braces,
 * functions (with arrows) and the extents of expressions, statements and
 * `**` operands. No syntax tree: each question is answered by a bounded walk
 * over the bracket structure, the way instrument.c finds a return's end.
 */
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

#define MAX_RECURSION 200 /* statement / operand nesting followed before giving up */

bool pp_lower_is(const lw_t *w, long k, const char *text) {
  return k >= 0 && k < w->n && w->t[k].kind != PP_JS_STRING && w->t[k].kind != PP_JS_EOF &&
         pp_js_tok_is(&w->t[k], w->src, text);
}

bool pp_lower_kind(const lw_t *w, long k, pp_js_kind_t kind) {
  return k >= 0 && k < w->n && w->t[k].kind == kind;
}

static bool is_opener(const lw_t *w, long k) {
  return pp_lower_is(w, k, "(") || pp_lower_is(w, k, "[") || pp_lower_is(w, k, "{") ||
         pp_lower_kind(w, k, PP_JS_TEMPLATE_HEAD);
}

static bool is_closer(const lw_t *w, long k) {
  return pp_lower_is(w, k, ")") || pp_lower_is(w, k, "]") || pp_lower_is(w, k, "}");
}

bool pp_lower_ends_operand(const lw_t *w, long k) {
  if (k < 0 || k >= w->n) return false;
  switch (w->t[k].kind) {
  case PP_JS_IDENT: return !pp_lower_is(w, k, "yield"); /* `yield [a]`: an operand follows */
  case PP_JS_NUMBER: case PP_JS_STRING: case PP_JS_TEMPLATE:
  case PP_JS_TEMPLATE_TAIL: case PP_JS_REGEX: return true;
  case PP_JS_KEYWORD:
    return pp_lower_is(w, k, "this") || pp_lower_is(w, k, "null") || pp_lower_is(w, k, "true") ||
           pp_lower_is(w, k, "false") || pp_lower_is(w, k, "super");
  case PP_JS_PUNCT:
    return is_closer(w, k) || pp_lower_is(w, k, "++") || pp_lower_is(w, k, "--");
  default: return false;
  }
}

/* After a line break, does token k start a new statement (ASI)? */
static bool starts_new(const lw_t *w, long k) {
  switch (w->t[k].kind) {
  case PP_JS_IDENT: case PP_JS_NUMBER: case PP_JS_STRING: case PP_JS_TEMPLATE:
  case PP_JS_TEMPLATE_HEAD: return true;
  case PP_JS_KEYWORD: return !pp_lower_is(w, k, "in") && !pp_lower_is(w, k, "instanceof");
  default: return pp_lower_is(w, k, "{") || pp_lower_is(w, k, "++") || pp_lower_is(w, k, "--");
  }
}

/* Last token of the bracket group or template chain opened at k. */
static long group_end(const lw_t *w, long k) {
  long j = w->match[k];
  for (int guard = 0; j > 0 && pp_lower_kind(w, j, PP_JS_TEMPLATE_MID) && guard < 100000; guard++)
    j = w->match[j];
  return j < 0 ? w->n - 2 : j;
}

long pp_lower_template_end(const lw_t *w, long k) { return group_end(w, k); }

bool pp_lower_asi_break(const lw_t *w, long k) {
  return k > 0 && k < w->n - 1 && w->t[k].nl_before && pp_lower_ends_operand(w, k - 1) &&
         starts_new(w, k);
}

bool pp_lower_is_assign(const lw_t *w, long k) {
  static const char *const ops[] = {"=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=",
                                    ">>>=", "&=", "|=", "^=", "&&=", "||=", "?\?=", NULL};
  if (!pp_lower_kind(w, k, PP_JS_PUNCT)) return false;
  for (size_t i = 0; ops[i]; i++)
    if (pp_lower_is(w, k, ops[i])) return true;
  return false;
}

long pp_lower_expr_end(const lw_t *w, long k, bool stop_at_comma) {
  long last = k - 1;
  int tern = 0;
  for (long j = k; j < w->n - 1; j++) {
    if (j > k && w->t[j].nl_before && pp_lower_ends_operand(w, j - 1) && starts_new(w, j)) break;
    if (is_opener(w, j)) {
      last = j = group_end(w, j);
      continue;
    }
    if (is_closer(w, j) || pp_lower_is(w, j, ";") || pp_lower_kind(w, j, PP_JS_TEMPLATE_MID) ||
        pp_lower_kind(w, j, PP_JS_TEMPLATE_TAIL))
      break;
    if (stop_at_comma && pp_lower_is(w, j, ",")) break;
    if (pp_lower_is(w, j, "?")) tern++;
    if (pp_lower_is(w, j, ":") && tern-- == 0) break;
    last = j;
  }
  return last;
}

static bool is_kw(const lw_t *w, long k, const char *s) {
  return pp_lower_kind(w, k, PP_JS_KEYWORD) && pp_lower_is(w, k, s);
}

/* Statement end from an `(`-group followed by a body statement. */
static long stmt_end_r(const lw_t *w, long k, int depth);

static long after_paren_body(const lw_t *w, long p, int depth) {
  if (!pp_lower_is(w, p, "(")) return p;
  return stmt_end_r(w, group_end(w, p) + 1, depth + 1);
}

static long simple_stmt_end(const lw_t *w, long k) {
  long e = pp_lower_expr_end(w, k, false);
  if (e < k) e = k - 1;
  return pp_lower_is(w, e + 1, ";") ? e + 1 : e;
}

static long stmt_end_r(const lw_t *w, long k, int depth) {
  if (k >= w->n - 1) return w->n - 2;
  if (depth > MAX_RECURSION) return w->n - 2;
  if (pp_lower_is(w, k, "{")) return group_end(w, k);
  if (pp_lower_is(w, k, ";")) return k;
  if (is_kw(w, k, "if")) {
    long e = after_paren_body(w, k + 1, depth);
    return is_kw(w, e + 1, "else") ? stmt_end_r(w, e + 2, depth + 1) : e;
  }
  if (is_kw(w, k, "for") || is_kw(w, k, "while") || is_kw(w, k, "with"))
    return after_paren_body(w, k + 1, depth);
  if (is_kw(w, k, "switch")) return pp_lower_is(w, k + 1, "(") ? group_end(w, group_end(w, k + 1) + 1) : k;
  if (is_kw(w, k, "do")) {
    long e = stmt_end_r(w, k + 1, depth + 1);
    if (is_kw(w, e + 1, "while") && pp_lower_is(w, e + 2, "(")) e = group_end(w, e + 2);
    return pp_lower_is(w, e + 1, ";") ? e + 1 : e;
  }
  if (is_kw(w, k, "try")) {
    long e = pp_lower_is(w, k + 1, "{") ? group_end(w, k + 1) : k;
    if (is_kw(w, e + 1, "catch")) {
      e++;
      if (pp_lower_is(w, e + 1, "(")) e = group_end(w, e + 1);
      if (pp_lower_is(w, e + 1, "{")) e = group_end(w, e + 1);
    }
    if (is_kw(w, e + 1, "finally") && pp_lower_is(w, e + 2, "{")) e = group_end(w, e + 2);
    return e;
  }
  if (is_kw(w, k, "function")) {
    long j = k + 1;
    while (j < w->n - 1 && !pp_lower_is(w, j, "(")) j++;
    j = pp_lower_is(w, j, "(") ? group_end(w, j) : j;
    return pp_lower_is(w, j + 1, "{") ? group_end(w, j + 1) : j;
  }
  if (pp_lower_kind(w, k, PP_JS_IDENT) && pp_lower_is(w, k + 1, ":"))
    return stmt_end_r(w, k + 2, depth + 1);
  if (is_kw(w, k, "return") || is_kw(w, k, "throw") || is_kw(w, k, "break") ||
      is_kw(w, k, "continue")) {
    if (w->t[k + 1].nl_before || pp_lower_is(w, k + 1, ";") || pp_lower_is(w, k + 1, "}"))
      return pp_lower_is(w, k + 1, ";") ? k + 1 : k;
    return simple_stmt_end(w, k + 1);
  }
  if (is_kw(w, k, "var") || is_kw(w, k, "const") || (w->fl[k] & LW_DECL))
    return simple_stmt_end(w, k + 1);
  return simple_stmt_end(w, k);
}

long pp_lower_stmt_end(const lw_t *w, long k) { return stmt_end_r(w, k, 0); }

/* First token of the postfix expression ending at k (left of `**`). */
long pp_lower_operand_start(const lw_t *w, long k) {
  long j = k;
  for (int guard = 0; j > 0 && guard < 100000; guard++) {
    if ((pp_lower_is(w, j, ")") || pp_lower_is(w, j, "]")) && w->match[j] >= 0) j = w->match[j];
    if ((pp_lower_is(w, j - 1, ".") || pp_lower_is(w, j - 1, "?.")) && j >= 2) {
      j -= 2;
      continue;
    }
    if ((pp_lower_is(w, j, "(") || pp_lower_is(w, j, "[")) && pp_lower_ends_operand(w, j - 1) &&
        !pp_lower_kind(w, j - 1, PP_JS_KEYWORD)) {
      j--;
      continue;
    }
    break;
  }
  return j < 0 ? 0 : j;
}

static bool is_prefix_op(const lw_t *w, long k) {
  static const char *const ops[] = {"-", "+", "!", "~", "typeof", "void", "delete", "++", "--",
                                    NULL};
  for (size_t i = 0; ops[i]; i++)
    if (pp_lower_is(w, k, ops[i])) return true;
  return false;
}

static long operand_end_r(const lw_t *w, long k, int depth) {
  long j = k;
  while (j < w->n - 1 && is_prefix_op(w, j)) j++;
  if (j >= w->n - 1) return w->n - 2;
  if (is_opener(w, j)) {
    j = group_end(w, j);
  } else if (is_kw(w, j, "function")) {
    j = stmt_end_r(w, j, depth + 1);
  }
  for (int guard = 0; j < w->n - 2 && guard < 100000; guard++) {
    if (pp_lower_is(w, j + 1, "?.") && (pp_lower_is(w, j + 2, "(") || pp_lower_is(w, j + 2, "[")))
      j = group_end(w, j + 2);
    else if ((pp_lower_is(w, j + 1, ".") || pp_lower_is(w, j + 1, "?.")) && j + 2 < w->n - 1)
      j += 2;
    else if (pp_lower_is(w, j + 1, "(") || pp_lower_is(w, j + 1, "[")) j = group_end(w, j + 1);
    else break;
  }
  if (pp_lower_is(w, j + 1, "**") && depth < MAX_RECURSION)
    return operand_end_r(w, j + 2, depth + 1);
  return j;
}

long pp_lower_operand_end(const lw_t *w, long k) { return operand_end_r(w, k, 0); }
