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
 * The token expected there is found the same way: each closing or
 * separating token is put in front of the fault in turn, and the first with
 * which the prefix no longer fails before its end is the one that was
 * missing (`if (a {` -> ')', `var x = 1 2` -> ';').
 */
#include <stdlib.h>
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

/* Tried in this order: ';' first, so `var x = 1 2` is a missing ';' and not
 * a '}' that would end the function early. */
static const char *const CANDIDATES[] = {";", ")", "]", "}", ",", ":"};

/* The token that, put before token f, lets the prefix through token k (the
 * one whose prefix failed) compile or end unfinished; NULL when none does. */
static const char *expected_before(const pp_lint_ctx_t *c, size_t f, size_t k) {
  const pp_js_token_t *fault = &c->tok[f];
  size_t end = c->tok[k].kind == PP_JS_EOF ? c->len : c->tok[k].off + c->tok[k].len;
  char *buf = malloc(end + 4);
  if (!buf) return NULL;
  const char *found = NULL;
  for (size_t i = 0; i < sizeof(CANDIDATES) / sizeof(CANDIDATES[0]) && !found; i++) {
    size_t n = strlen(CANDIDATES[i]);
    memcpy(buf, c->src, fault->off);
    memcpy(buf + fault->off, CANDIDATES[i], n);
    buf[fault->off + n] = ' ';
    memcpy(buf + fault->off + n + 1, c->src + fault->off, end - fault->off);
    int at = 0;
    verdict_t v = probe(buf, end + n + 1, &at);
    if (v == NO_MEMORY) break;
    if (v != FAILS_BEFORE_END) found = CANDIDATES[i];
  }
  free(buf);
  return found;
}

int pp_lint_syntax_column(const pp_lint_ctx_t *c, int line, const char **expected,
                          const pp_js_token_t **at) {
  size_t tried = 0;
  *expected = NULL;
  *at = NULL;
  for (size_t k = 0; k < c->ntok && tried < MAX_PROBES; k++) {
    const pp_js_token_t *t = &c->tok[k];
    if (t->line < line) continue;
    int eline = 0;
    verdict_t v = t->kind == PP_JS_EOF ? probe(c->src, c->len, &eline)
                                       : probe(c->src, t->off + t->len, &eline);
    tried++;
    if (v == NO_MEMORY) break;
    if (v == FAILS_BEFORE_END) {
      size_t f = k > 0 && c->tok[k - 1].line == line ? k - 1 : k;
      if (c->tok[f].line != line || c->tok[f].kind == PP_JS_EOF) return 1;
      *expected = expected_before(c, f, k);
      *at = &c->tok[f];
      return c->tok[f].col;
    }
    if (t->line > line || t->kind == PP_JS_EOF) break;
  }
  return 1;
}
