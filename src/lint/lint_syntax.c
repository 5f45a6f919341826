/* SPDX-License-Identifier: MIT */
/*
 * The column of a syntax error (docs/lint.md#syntax). Duktape names only
 * the line, so lint compiles prefixes of the script that end after each
 * token of that line, in a bare Duktape heap where nothing runs: while the
 * prefix is an unfinished script (Duktape stops at the end of the input) or
 * a complete one, the fault lies further on. Duktape's parser reads one
 * token ahead, so the first prefix that fails before the end of the input
 * ends one token past the fault: the fault is the token before (the first
 * token of the next line is tried too, for a fault at the end of a line).
 */
#include <string.h>

#include "duktape.h"
#include "lint/lint_int.h"

#define MAX_PROBES 64 /* tokens tried on the line */

typedef enum { COMPILES, FAILS_AT_END, FAILS_BEFORE_END, NO_MEMORY } verdict_t;

static duk_ret_t compile(duk_context *ctx, void *udata) {
  (void)udata;
  duk_size_t len;
  const char *src = duk_get_lstring(ctx, -1, &len);
  duk_push_string(ctx, "pac");
  duk_compile_lstring_filename(ctx, 0, src, len);
  return 0;
}

static verdict_t probe(const char *src, size_t len, int *line) {
  duk_context *ctx = duk_create_heap_default();
  if (!ctx) return NO_MEMORY;
  duk_push_lstring(ctx, src, len);
  verdict_t v = COMPILES;
  if (duk_safe_call(ctx, compile, NULL, 1, 1) != DUK_EXEC_SUCCESS) {
    duk_get_prop_string(ctx, -1, "lineNumber");
    *line = duk_get_int_default(ctx, -1, 0);
    duk_pop(ctx);
    const char *msg = duk_safe_to_string(ctx, -1);
    v = strstr(msg, "end of input") ? FAILS_AT_END : FAILS_BEFORE_END;
  }
  duk_destroy_heap(ctx);
  return v;
}

int pp_lint_syntax_column(const pp_lint_ctx_t *c, int line) {
  size_t tried = 0;
  for (size_t k = 0; k < c->ntok && tried < MAX_PROBES; k++) {
    const pp_js_token_t *t = &c->tok[k];
    if (t->line < line) continue;
    int at = 0;
    verdict_t v = t->kind == PP_JS_EOF ? probe(c->src, c->len, &at)
                                       : probe(c->src, t->off + t->len, &at);
    tried++;
    if (v == NO_MEMORY) break;
    if (v == FAILS_BEFORE_END) {
      if (k > 0 && c->tok[k - 1].line == line) return c->tok[k - 1].col;
      return t->line == line ? t->col : 1;
    }
    if (t->line > line || t->kind == PP_JS_EOF) break;
  }
  return 1;
}
