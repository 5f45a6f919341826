/* SPDX-License-Identifier: MIT */
/*
 * The private natives behind the language built-ins of the runtime
 * (pacscripts/runtime/06-08, issue 16): __pp_objkey, an object's identity
 * in the heap (Map/Set keys), and __pp_normalize, String.prototype.normalize
 * through the platform's Unicode library (pp_os_normalize), and
 * __pp_re_rewrite, a pattern Duktape can run (regex.c). The runtime
 * files capture them and delete the globals before the PAC runs.
 *
 * Duktape strings are CESU-8 here (pac/decode.c turns a PAC's astral
 * characters into surrogate pairs, as JavaScript sees them); normalize
 * reads them as UTF-16 code units, hands each run of well-formed text to
 * the library as UTF-8 and keeps a lone surrogate as it is (V8 leaves it
 * unchanged too), then writes CESU-8 back.
 */
#include "os/os.h"
#include "pac/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/regex.h"
#include "util/str.h"

static duk_ret_t n_objkey(duk_context *ctx) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%p", duk_get_heapptr(ctx, 0));
  duk_push_string(ctx, buf);
  return 1;
}

/* One code unit or code point from Duktape's extended UTF-8 at *p (< end);
 * malformed bytes read as U+FFFD (Duktape never makes them). */
static unsigned long next_cp(const unsigned char **p, const unsigned char *end) {
  const unsigned char *s = *p;
  int n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
        : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
  if (n == 0 || s + n > end) {
    *p = s + 1;
    return 0xFFFD;
  }
  unsigned long c = n == 1 ? s[0] : s[0] & (0x7F >> n);
  for (int i = 1; i < n; i++) c = c << 6 | (s[i] & 0x3F);
  *p = s + n;
  return c;
}

static bool put_utf8(pp_str_t *o, unsigned long c) {
  char b[4];
  size_t n;
  if (c < 0x80) b[0] = (char)c, n = 1;
  else if (c < 0x800) b[0] = (char)(0xC0 | c >> 6), b[1] = (char)(0x80 | (c & 0x3F)), n = 2;
  else if (c < 0x10000)
    b[0] = (char)(0xE0 | c >> 12), b[1] = (char)(0x80 | (c >> 6 & 0x3F)),
    b[2] = (char)(0x80 | (c & 0x3F)), n = 3;
  else
    b[0] = (char)(0xF0 | c >> 18), b[1] = (char)(0x80 | (c >> 12 & 0x3F)),
    b[2] = (char)(0x80 | (c >> 6 & 0x3F)), b[3] = (char)(0x80 | (c & 0x3F)), n = 4;
  return pp_str_append(o, b, n);
}

/* Appends UTF-8 text to o as CESU-8 (astral code points as two surrogates). */
static bool put_cesu(pp_str_t *o, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  bool ok = true;
  while (ok && p < end) {
    unsigned long c = next_cp(&p, end);
    if (c >= 0x10000) {
      c -= 0x10000;
      ok = put_utf8(o, 0xD800 | c >> 10) && put_utf8(o, 0xDC00 | (c & 0x3FF));
    } else {
      ok = put_utf8(o, c);
    }
  }
  return ok;
}

/* Normalizes the pending well-formed run into out; false on failure. */
static bool flush_run(pp_str_t *run, pp_str_t *out, int form) {
  if (run->len == 0) return true;
  size_t n = 0;
  char *r = pp_os_normalize(form, run->s, run->len, &n);
  bool ok = r && put_cesu(out, r, n);
  free(r);
  run->len = 0;
  return ok;
}

/* The normalized string as CESU-8 (malloc'd), NULL when out of memory. */
static char *normalize(const char *s, size_t len, int form, size_t *outlen) {
  pp_str_t run = PP_STR_INIT, out = PP_STR_INIT;
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  bool ok = pp_str_puts(&out, "");
  while (ok && p < end) {
    unsigned long c = next_cp(&p, end);
    if (c >= 0xD800 && c <= 0xDBFF && p < end) {
      const unsigned char *q = p;
      unsigned long d = next_cp(&q, end);
      if (d >= 0xDC00 && d <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        p = q;
      }
    }
    if (c >= 0xD800 && c <= 0xDFFF) /* lone: a boundary, kept as it is */
      ok = flush_run(&run, &out, form) && put_utf8(&out, c);
    else
      ok = put_utf8(&run, c);
  }
  ok = ok && flush_run(&run, &out, form);
  pp_str_free(&run);
  if (!ok) {
    pp_str_free(&out);
    return NULL;
  }
  *outlen = out.len;
  return pp_str_take(&out);
}

static duk_ret_t n_normalize(duk_context *ctx) {
  static const char *const forms[] = {"NFC", "NFD", "NFKC", "NFKD"};
  duk_size_t len = 0;
  const char *s = duk_require_lstring(ctx, 0, &len);
  const char *f = duk_require_string(ctx, 1);
  int form = 0;
  while (form < 3 && strcmp(forms[form], f) != 0) form++;
  pp_engine_t *e = pp_heap_ctx(ctx)->owner;
  free(e->held_str); /* held on the engine: the push below may throw */
  size_t n = 0;
  e->held_str = normalize(s, len, form, &n);
  if (!e->held_str) return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  duk_push_lstring(ctx, e->held_str, n);
  free(e->held_str);
  e->held_str = NULL;
  return 1;
}

/* "FLAGS|N=name,N=name|SOURCE", what Duktape runs (N a group number), or a
 * SyntaxError as browsers raise it, or the unsupported-feature error (which
 * also marks the engine, e->unsup). */
static duk_ret_t n_re_rewrite(duk_context *ctx) {
  duk_size_t len = 0;
  const char *src = duk_require_lstring(ctx, 0, &len);
  const char *flags = duk_require_string(ctx, 1);
  pp_engine_t *e = pp_heap_ctx(ctx)->owner;
  pp_regex_t r;
  pp_str_t ans = PP_STR_INIT;
  bool ok = pp_regex_rewrite(src, len, flags, &r);
  char msg[sizeof(e->unsup) + 96] = "", syn[sizeof(r.syntax) + 64] = "";
  if (ok && r.unsupported) {
    snprintf(e->unsup, sizeof(e->unsup), "'%s' (%s)", r.unsupported, r.es);
    snprintf(msg, sizeof(msg), "unsupported JavaScript feature %s \xe2\x80\x94 browsers accept this; "
             "pacprobe's engine does not", e->unsup);
  } else if (ok && r.syntax[0]) {
    snprintf(syn, sizeof(syn), "Invalid regular expression: /%.*s/%s: %s", len > 64 ? 64 : (int)len,
             src, flags, r.syntax);
  } else if (ok) {
    pp_str_printf(&ans, "%s|", r.flags);
    for (size_t k = 0; k < r.nnames; k++)
      pp_str_printf(&ans, "%s%d=%s", k ? "," : "", r.name_group[k], r.name[k]);
    pp_str_putc(&ans, '|');
    pp_str_append(&ans, r.src.s, r.src.len);
    ok = !ans.oom;
  }
  pp_regex_clear(&r);
  size_t n = ans.len;
  free(e->held_str); /* held on the engine: the calls below may throw */
  e->held_str = pp_str_take(&ans);
  if (!ok) return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  if (msg[0]) return duk_error(ctx, DUK_ERR_ERROR, "%s", msg);
  if (syn[0]) return duk_error(ctx, DUK_ERR_SYNTAX_ERROR, "%s", syn);
  duk_push_lstring(ctx, e->held_str, n);
  free(e->held_str);
  e->held_str = NULL;
  return 1;
}

void pp_natives_lang_install(pp_engine_t *e) {
  duk_context *ctx = e->ctx;
  duk_push_c_function(ctx, n_objkey, 1);
  duk_put_global_string(ctx, "__pp_objkey");
  duk_push_c_function(ctx, n_normalize, 2);
  duk_put_global_string(ctx, "__pp_normalize");
  duk_push_c_function(ctx, n_re_rewrite, 2);
  duk_put_global_string(ctx, "__pp_re_rewrite");
}
