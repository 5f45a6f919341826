/* SPDX-License-Identifier: MIT */
/*
 * Literals and small statement forms: 0b/0o number literals become
 * decimal, and `catch {` gets a binding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "js/lower_int.h"

static bool is(const lw_t *w, long k, const char *s) { return pp_lower_is(w, k, s); }

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
