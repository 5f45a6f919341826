/* SPDX-License-Identifier: MIT */
/*
 * Optional chaining (ES2020). Each `?.` tests the value left of it once and
 * short-circuits the rest of the whole chain:
 *   a?.b.c        -> ((T1 = a) == null ? void 0 : T1.b.c)
 *   a?.b?.[k]     -> ((T1 = a) == null ? void 0 : ((T2 = T1.b) == null ? void 0 : T2[k]))
 *   o.m?.(x)      -> ((T = (R = o).m) == null ? void 0 : T.call(R, x))
 *   a?.()         -> ((T = a) == null ? void 0 : T())
 * A later `?.` of a chain opens at the earlier one (whose replacement reads
 * its temporary), so the tests nest and `this` of an optional call is the
 * object the method was read from. aux[q] holds the chain's last token.
 */
#include <stdio.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

static bool opens_group(const lw_t *w, long k) { return is(w, k, "(") || is(w, k, "["); }

/* Walks the member/call chain left of token k (inclusive): returns the
 * nearest `?.` in it, or -1 with *start set to the chain's first token. */
static long chain_back(const lw_t *w, long k, long *start) {
  long j = k;
  for (int guard = 0; j > 0 && guard < 1000000; guard++) {
    if ((is(w, j, ")") || is(w, j, "]")) && w->match[j] >= 0) j = w->match[j];
    if (is(w, j - 1, "?.")) return j - 1;
    if (is(w, j - 1, ".") && j >= 2) {
      j -= 2;
      continue;
    }
    if (opens_group(w, j) && pp_lower_ends_operand(w, j - 1) &&
        !pp_lower_kind(w, j - 1, PP_JS_KEYWORD)) {
      j--;
      continue;
    }
    break;
  }
  *start = j < 0 ? 0 : j;
  return -1;
}

/* Last token of the chain continuing after the `?.` at q. */
static long chain_end(const lw_t *w, long q) {
  long j = q + 1;
  if (opens_group(w, j) && w->match[j] > j) j = w->match[j];
  for (int guard = 0; j < w->n - 2 && guard < 1000000; guard++) {
    if (is(w, j + 1, "?.") && opens_group(w, j + 2)) {
      j = w->match[j + 2] > j ? w->match[j + 2] : j + 2;
    } else if ((is(w, j + 1, ".") || is(w, j + 1, "?.")) && j + 2 < w->n - 1) {
      j += 2;
    } else if (opens_group(w, j + 1) && w->match[j + 1] > j) {
      j = w->match[j + 1];
    } else {
      break;
    }
  }
  return j;
}

/* The receiver of the optional call at q (`o.m?.()`): a temporary bound
 * around the object tokens, or the previous link's temporary. */
static void call_receiver(lw_t *w, long q, long open, char *recv, size_t cap) {
  long obj_end = -1, link = -1;
  if (is(w, q - 1, "]") && w->match[q - 1] > open) {
    long m = w->match[q - 1];
    if (is(w, m - 1, "?.")) link = m - 1;
    else obj_end = m - 1;
  } else if (q - 2 >= open && (is(w, q - 2, ".") || is(w, q - 2, "?.")) &&
             !pp_lower_kind(w, q - 1, PP_JS_PUNCT)) {
    if (is(w, q - 2, "?.")) link = q - 2;
    else obj_end = q - 3;
  }
  recv[0] = 0;
  if (link >= 0) {
    snprintf(recv, cap, "__pp_o%ld", link);
  } else if (obj_end >= open) {
    snprintf(recv, cap, "__pp_r%ld", q);
    pp_lower_tmpvar(w, q, recv);
    pp_lower_before(w, open, obj_end, "(%s = ", recv);
    pp_lower_after(w, obj_end, open, ")");
  }
}

void pp_lower_optional(lw_t *w, long q) {
  long start = -1, prev = chain_back(w, q - 1, &start);
  long open = prev >= 0 ? prev : start;
  long end = prev >= 0 ? w->aux[prev] : chain_end(w, q);
  if (q == 0 || end <= q || open >= q) return; /* Duktape reports it */
  w->aux[q] = end;
  pp_lower_used(w, q, LWF_OPTIONAL, "optional chaining ?.", "ES2020");
  char t[32], recv[32] = "", text[96];
  snprintf(t, sizeof(t), "__pp_o%ld", q);
  pp_lower_tmpvar(w, q, t);
  pp_lower_before(w, open, end, "((%s = ", t);
  if (is(w, q + 1, "(")) call_receiver(w, q, open, recv, sizeof(recv));
  pp_lower_after(w, q - 1, open, ") == null ? void 0 : ");
  if (recv[0]) {
    snprintf(text, sizeof(text), "%s.call", t);
    pp_lower_after(w, q + 1, q + 1, "%s%s", recv, is(w, q + 2, ")") ? "" : ", ");
  } else {
    snprintf(text, sizeof(text), "%s%s", t, opens_group(w, q + 1) ? "" : ".");
  }
  pp_lower_repl(w, q, text);
  pp_lower_after(w, end, open, ")");
}
