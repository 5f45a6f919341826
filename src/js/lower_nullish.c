/* SPDX-License-Identifier: MIT */
/*
 * Nullish coalescing and logical assignment (ES2020, ES2021):
 *   a ?? b        -> ((T = a) != null ? T : b)
 *   x ??= v       -> (x != null ? x : (x = v))      (||= and &&= alike)
 *   o.p ??= v     -> ((T = o).p != null ? T.p : (T.p = v))
 *   o[k] ??= v    -> ((T = o)[U = k] != null ? T[U] : (T[U] = v))
 * so the left side is evaluated once and the right side only when the
 * operator says. The temporaries are `var`s of the enclosing function
 * (pp_lower_tmpvar). The operands are found on the bracket structure: the
 * left one ends at the nearest token of lower precedence (`,` `?` `:` `;`
 * an assignment, `||`, `&&`, an opener), the right one at the same set or
 * the next `??` (left associative).
 */
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

/* A token that ends an operand of `??` (on either side). */
static bool boundary(const lw_t *w, long k) {
  static const char *const stops[] = {",", "?", ":", ";", "=>", "||", "&&", "...", NULL};
  if (pp_lower_is_assign(w, k)) return true;
  long p = w->parent[k];
  if ((is(w, k, "in") || is(w, k, "of")) && p > 0 && is(w, p, "(") && is(w, p - 1, "for"))
    return true; /* for (k in a ?? b) */
  if (pp_lower_kind(w, k, PP_JS_KEYWORD))
    return is(w, k, "return") || is(w, k, "throw") || is(w, k, "case") || is(w, k, "else") ||
           is(w, k, "do") || is(w, k, "extends") || is(w, k, "var") || is(w, k, "const");
  if (!pp_lower_kind(w, k, PP_JS_PUNCT)) return false;
  for (size_t i = 0; stops[i]; i++)
    if (is(w, k, stops[i])) return true;
  return false;
}

/* First token of the template chain whose last part is k (a tail). */
static long template_start(const lw_t *w, long k) {
  int depth = 0;
  for (long j = k; j >= 0; j--) {
    if (pp_lower_kind(w, j, PP_JS_TEMPLATE_TAIL)) depth++;
    else if (pp_lower_kind(w, j, PP_JS_TEMPLATE_HEAD) && --depth == 0) return j;
  }
  return 0;
}

/* First token of the left operand of the `??` at q. */
static long left_start(lw_t *w, long q) {
  long last = q;
  for (long j = q - 1; j >= 0; j--) {
    if (pp_lower_asi_break(w, last)) break;
    if (is(w, j, "??") && w->aux[j] >= 0) return w->aux[j];
    if ((is(w, j, ")") || is(w, j, "]")) && w->match[j] >= 0) {
      last = j = w->match[j];
      continue;
    }
    if (is(w, j, "}") && w->match[j] >= 0 && (w->fl[w->match[j]] & LW_OBJ)) {
      last = j = w->match[j];
      continue;
    }
    if (pp_lower_kind(w, j, PP_JS_TEMPLATE_TAIL)) {
      last = j = template_start(w, j);
      continue;
    }
    if (is(w, j, "(") || is(w, j, "[") || is(w, j, "{") || is(w, j, "}") ||
        pp_lower_kind(w, j, PP_JS_TEMPLATE_HEAD) || pp_lower_kind(w, j, PP_JS_TEMPLATE_MID) ||
        boundary(w, j))
      break;
    last = j;
  }
  return last;
}

/* Last token of the right operand of the `??` at q. */
static long right_end(const lw_t *w, long q) {
  long last = q;
  for (long j = q + 1; j < w->n - 1; j++) {
    if (j > q + 1 && pp_lower_asi_break(w, j)) break;
    if (is(w, j, "(") || is(w, j, "[") || is(w, j, "{") ||
        pp_lower_kind(w, j, PP_JS_TEMPLATE_HEAD)) {
      last = j = pp_lower_template_end(w, j);
      continue;
    }
    if (is(w, j, ")") || is(w, j, "]") || is(w, j, "}") || is(w, j, "??") ||
        pp_lower_kind(w, j, PP_JS_TEMPLATE_MID) || pp_lower_kind(w, j, PP_JS_TEMPLATE_TAIL) ||
        boundary(w, j))
      break;
    last = j;
  }
  return last;
}

void pp_lower_nullish(lw_t *w, long q) {
  long s = left_start(w, q), e = right_end(w, q);
  if (s >= q || e <= q) return; /* a missing operand: Duktape reports it */
  w->aux[q] = s;
  pp_lower_used(w, q, LWF_NULLISH, "nullish coalescing ??", "ES2020");
  char t[32];
  snprintf(t, sizeof(t), "__pp_n%ld", q);
  pp_lower_tmpvar(w, q, t);
  pp_lower_before(w, s, e, "((%s = ", t);
  char mid[64];
  snprintf(mid, sizeof(mid), ") != null ? %s : ", t);
  pp_lower_repl(w, q, mid);
  pp_lower_after(w, e, s, ")");
}

bool pp_lower_member_target(lw_t *w, long q, long s, char *buf, size_t cap) {
  char t[32], u[32];
  snprintf(t, sizeof(t), "__pp_l%ld", q);
  snprintf(u, sizeof(u), "__pp_k%ld", q);
  if ((is(w, q - 2, ".")) && q - 3 >= s) {
    pp_lower_tmpvar(w, q, t);
    pp_lower_after(w, q - 3, s, ")");
    snprintf(buf, cap, "%s.%.*s", t, (int)w->t[q - 1].len, w->src + w->t[q - 1].off);
  } else if (is(w, q - 1, "]") && w->match[q - 1] - 1 >= s) {
    long m = w->match[q - 1];
    pp_lower_tmpvar(w, q, t);
    pp_lower_tmpvar(w, q, u);
    pp_lower_after(w, m - 1, s, ")");
    pp_lower_after(w, m, m, "%s = ", u);
    snprintf(buf, cap, "%s[%s]", t, u);
  } else {
    return false;
  }
  pp_lower_before(w, s, q, "(%s = ", t);
  return true;
}

void pp_lower_logical_assign(lw_t *w, long q) {
  const char *op = is(w, q, "?\?=") ? "?\?=" : is(w, q, "||=") ? "||=" : "&&=";
  long s = pp_lower_operand_start(w, q - 1), e = pp_lower_expr_end(w, q + 1, true);
  if (q == 0 || e <= q) return; /* Duktape reports the missing operand */
  pp_lower_used(w, q, LWF_LOGASSIGN, "logical assignment", "ES2021");
  char again[160];
  if (s == q - 1 && pp_lower_kind(w, s, PP_JS_IDENT)) {
    pp_lower_name(w, s, again, sizeof(again));
  } else if (is(w, q - 1, "?.") || is(w, q - 2, "?.") ||
             !pp_lower_member_target(w, q, s, again, sizeof(again))) {
    pp_lower_unsupported(w, q, "logical assignment to this target", "ES2021");
    return;
  }
  char mid[400];
  if (op[0] == '?') snprintf(mid, sizeof(mid), " != null ? %s : (%s = ", again, again);
  else snprintf(mid, sizeof(mid), " %.2s (%s = ", op, again);
  pp_lower_before(w, s, e, "(");
  pp_lower_repl(w, q, mid);
  pp_lower_after(w, e, s, "))");
}
