/* SPDX-License-Identifier: MIT */
/*
 * Native fast path for shExpMatch, the helper corporate PACs call most. The
 * runtime builds ^...$ RegExps from the pattern ('.' -> '\.', '*' -> '.*',
 * '?' -> '.', pac-semantics.md §2.1) and Duktape's backtracking matcher
 * dominated bulk evaluation in profiles. For the cases where that RegExp is
 * exactly a glob, this matches in C; every other case calls the original.
 */
#include "pac/fast.h"

#include <string.h>

/* The original runtime function, kept in the heap stash. */
#define STASH_KEY "pp_shexp_orig"

/*
 * When is the RegExp a glob? The pattern may only hold printable ASCII
 * without RegExp syntax (a '[', '+', '(' ... would mean something else), and
 * the subject must be printable ASCII too: '.' in a RegExp does not match
 * line terminators, and non-ASCII subjects would need UTF-16 code-unit
 * semantics for '?'. Both must be primitive strings: anything else goes
 * through ToString (user code) in the original.
 */
static bool is_syntax(unsigned char c) {
  switch (c) {
  case '\\': case '^': case '$': case '+': case '(': case ')':
  case '[': case ']': case '{': case '}': case '|': return true;
  default: return false;
  }
}

static bool plain_ascii(const char *s, size_t n, bool pattern) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c > 0x7e || (pattern && is_syntax(c))) return false;
  }
  return true;
}

/* Glob match: '*' any run, '?' any one character, the rest literal. The
 * usual backtrack-to-last-star loop; linear for one star, O(n*m) worst. */
static bool glob(const char *s, size_t sn, const char *p, size_t pn) {
  size_t si = 0, pi = 0, star = (size_t)-1, mark = 0;
  while (si < sn) {
    if (pi < pn && (p[pi] == '?' || p[pi] == s[si])) {
      si++;
      pi++;
    } else if (pi < pn && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (star != (size_t)-1) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < pn && p[pi] == '*') pi++;
  return pi == pn;
}

static duk_ret_t n_shexp_match(duk_context *ctx) {
  if (duk_get_top(ctx) >= 2 && duk_is_string(ctx, 0) && duk_is_string(ctx, 1)) {
    duk_size_t sn, pn;
    const char *s = duk_get_lstring(ctx, 0, &sn);
    const char *p = duk_get_lstring(ctx, 1, &pn);
    if (plain_ascii(s, sn, false) && plain_ascii(p, pn, true)) {
      duk_push_boolean(ctx, glob(s, sn, p, pn));
      return 1;
    }
  }
  duk_idx_t n = duk_get_top(ctx);
  duk_push_heap_stash(ctx);
  duk_get_prop_string(ctx, -1, STASH_KEY);
  duk_push_undefined(ctx); /* this */
  for (duk_idx_t i = 0; i < n; i++) duk_dup(ctx, i);
  duk_call_method(ctx, n);
  return 1;
}

void pp_fast_install(pp_engine_t *e) {
  duk_context *ctx = e->ctx;
  duk_get_global_string(ctx, "shExpMatch");
  if (!duk_is_function(ctx, -1)) {
    duk_pop(ctx);
    return;
  }
  duk_push_heap_stash(ctx);
  duk_dup(ctx, -2);
  duk_put_prop_string(ctx, -2, STASH_KEY);
  duk_pop_2(ctx);
  duk_push_c_function(ctx, n_shexp_match, DUK_VARARGS);
  /* look like the function it replaces: name and length 2 */
  duk_push_string(ctx, "name");
  duk_push_string(ctx, "shExpMatch");
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  duk_push_string(ctx, "length");
  duk_push_int(ctx, 2);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  duk_put_global_string(ctx, "shExpMatch");
}
