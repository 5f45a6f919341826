/* SPDX-License-Identifier: MIT */
/*
 * Native fast paths for the helpers corporate PACs call most: shExpMatch
 * (the runtime builds ^...$ RegExps from the pattern, pac-semantics.md §2.1,
 * and Duktape's backtracking matcher dominated bulk evaluation), dnsDomainIs,
 * dnsDomainLevels, localHostOrDomainIs and the JavaScript isPlainHostName.
 * Each answers only the common case (primitive printable-ASCII strings,
 * where C byte semantics equal the JavaScript ones) and calls the original
 * runtime function for everything else, so results never differ.
 */
#include "pac/fast.h"

#include <stdio.h>
#include <string.h>

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

/* Calls the original runtime function saved under `key` in the heap stash
 * with this call's arguments. */
static duk_ret_t call_original(duk_context *ctx, const char *key) {
  duk_idx_t n = duk_get_top(ctx);
  duk_push_heap_stash(ctx);
  duk_get_prop_string(ctx, -1, key);
  duk_push_undefined(ctx); /* this */
  for (duk_idx_t i = 0; i < n; i++) duk_dup(ctx, i);
  duk_call_method(ctx, n);
  return 1;
}

/* Argument i as a printable-ASCII primitive string, or NULL. */
static const char *ascii_arg(duk_context *ctx, duk_idx_t i, duk_size_t *n, bool pattern) {
  if (duk_get_top(ctx) <= i || !duk_is_string(ctx, i)) return NULL;
  const char *s = duk_get_lstring(ctx, i, n);
  return plain_ascii(s, *n, pattern) ? s : NULL;
}

static duk_ret_t n_shexp_match(duk_context *ctx) {
  duk_size_t sn, pn;
  const char *s = ascii_arg(ctx, 0, &sn, false), *p = ascii_arg(ctx, 1, &pn, true);
  if (!s || !p) return call_original(ctx, "pp_orig_shExpMatch");
  duk_push_boolean(ctx, glob(s, sn, p, pn));
  return 1;
}

/* host.length >= domain.length && the tail of host equals domain. */
static duk_ret_t n_dns_domain_is(duk_context *ctx) {
  duk_size_t hn, dn;
  const char *h = ascii_arg(ctx, 0, &hn, false), *d = ascii_arg(ctx, 1, &dn, false);
  if (!h || !d) return call_original(ctx, "pp_orig_dnsDomainIs");
  duk_push_boolean(ctx, hn >= dn && memcmp(h + hn - dn, d, dn) == 0);
  return 1;
}

/* host.split('.').length - 1: the number of dots. */
static duk_ret_t n_dns_domain_levels(duk_context *ctx) {
  duk_size_t hn;
  const char *h = ascii_arg(ctx, 0, &hn, false);
  if (!h) return call_original(ctx, "pp_orig_dnsDomainLevels");
  int dots = 0;
  for (duk_size_t i = 0; i < hn; i++) dots += h[i] == '.';
  duk_push_int(ctx, dots);
  return 1;
}

/* host == hostdom || hostdom starts with host + ".". */
static duk_ret_t n_local_host_or_domain_is(duk_context *ctx) {
  duk_size_t hn, dn;
  const char *h = ascii_arg(ctx, 0, &hn, false), *d = ascii_arg(ctx, 1, &dn, false);
  if (!h || !d) return call_original(ctx, "pp_orig_localHostOrDomainIs");
  bool same = hn == dn && memcmp(h, d, hn) == 0;
  bool prefix = dn > hn && memcmp(d, h, hn) == 0 && d[hn] == '.';
  duk_push_boolean(ctx, same || prefix);
  return 1;
}

/* The JavaScript isPlainHostName of firefox (no '.' and no ':') and of the
 * peers (no '.'); chrome and winhttp have a native one already. */
static duk_ret_t n_is_plain_host_name(duk_context *ctx) {
  duk_size_t hn;
  const char *h = ascii_arg(ctx, 0, &hn, false);
  if (!h) return call_original(ctx, "pp_orig_isPlainHostName");
  bool colon_counts = pp_heap_ctx(ctx) && ((pp_engine_t *)pp_heap_ctx(ctx)->owner)->opts.emulate ==
                                               PP_EMU_FIREFOX;
  bool plain = memchr(h, '.', hn) == NULL && (!colon_counts || memchr(h, ':', hn) == NULL);
  duk_push_boolean(ctx, plain);
  return 1;
}

#define MODE(m) (1u << (m))
#define MOZILLA_LIB (MODE(PP_EMU_CHROME) | MODE(PP_EMU_FIREFOX) | MODE(PP_EMU_WINHTTP) | \
                     MODE(PP_EMU_PACPARSER) | MODE(PP_EMU_LIBPROXY))

/* Which runtime functions get a fast path, in which modes: exactly those
 * whose runtime body the C above reproduces (20-profiles.js gives
 * pac-resolver and libproxy their own versions of some). */
static const struct fast_def {
  const char *name;
  duk_c_function fn;
  int length;
  unsigned modes;
} fast_defs[] = {
    {"shExpMatch", n_shexp_match, 2, MOZILLA_LIB | MODE(PP_EMU_PAC_RESOLVER)},
    {"dnsDomainIs", n_dns_domain_is, 2, MOZILLA_LIB},
    {"dnsDomainLevels", n_dns_domain_levels, 1, MOZILLA_LIB},
    {"localHostOrDomainIs", n_local_host_or_domain_is, 2, MOZILLA_LIB & ~MODE(PP_EMU_LIBPROXY)},
    {"isPlainHostName", n_is_plain_host_name, 1,
     MODE(PP_EMU_FIREFOX) | MODE(PP_EMU_PACPARSER) | MODE(PP_EMU_LIBPROXY)},
};

static void wrap(duk_context *ctx, const struct fast_def *d) {
  duk_get_global_string(ctx, d->name);
  if (!duk_is_function(ctx, -1)) {
    duk_pop(ctx);
    return;
  }
  char key[64];
  snprintf(key, sizeof(key), "pp_orig_%s", d->name);
  duk_push_heap_stash(ctx);
  duk_dup(ctx, -2);
  duk_put_prop_string(ctx, -2, key);
  duk_pop_2(ctx);
  duk_push_c_function(ctx, d->fn, DUK_VARARGS);
  /* look like the function it replaces: its name and length */
  duk_push_string(ctx, "name");
  duk_push_string(ctx, d->name);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  duk_push_string(ctx, "length");
  duk_push_int(ctx, d->length);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  duk_put_global_string(ctx, d->name);
}

void pp_fast_install(pp_engine_t *e) {
  for (size_t i = 0; i < sizeof(fast_defs) / sizeof(fast_defs[0]); i++)
    if (fast_defs[i].modes & MODE(e->opts.emulate)) wrap(e->ctx, &fast_defs[i]);
}
