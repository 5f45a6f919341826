/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe lint` static checks, the driver (DESIGN §1.4, docs/lint.md):
 * the report (a growable list of diagnostics), the size limit, loading the
 * PAC in a real engine for syntax errors and a missing FindProxyForURL,
 * then the token checks of lint_calls.c, lint_patterns.c, lint_dates.c and
 * lint_returns.c. The dynamic checks (--urls) are lint_urls.c's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"
#include "js/lower.h"
#include "util/str.h"

/* WinHTTP refuses a PAC over 1 MB; Chromium's fetcher stops at 1,048,576
 * bytes (pac-semantics.md §7). The stricter reading of "1 MB" would be
 * 1,000,000; Chromium's constant is the one we can cite exactly. */
#define PP_LINT_MAX_PAC (1024u * 1024u)

const char *pp_lint_severity_name(pp_lint_severity_t s) {
  switch (s) {
  case PP_LINT_ERROR: return "error";
  case PP_LINT_WARNING: return "warning";
  default: return "note";
  }
}

/* A message quotes the PAC (strings, names): control characters, C1
 * controls included, become \xNN so nothing foreign reaches a terminal
 * raw. NULL on ENOMEM. */
static char *printable(const char *msg) {
  pp_str_t o = PP_STR_INIT;
  pp_str_puts(&o, "");
  for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) pp_str_printf(&o, "\\x%02x", *p);
    else if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) pp_str_printf(&o, "\\x%02x", *++p);
    else pp_str_printf(&o, "%c", *p);
  }
  return pp_str_take(&o);
}

pp_status_t pp_lint_add(pp_lint_report_t *rep, const char *file, int line, int col,
                        pp_lint_severity_t sev, const char *code, const char *fmt, ...) {
  if (rep->n == rep->cap) {
    size_t cap = rep->cap ? rep->cap * 2 : 16;
    pp_lint_diag_t *v = realloc(rep->v, cap * sizeof(*v));
    if (!v) return PP_ENOMEM;
    rep->v = v;
    rep->cap = cap;
  }
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  pp_lint_diag_t *d = &rep->v[rep->n];
  d->file = pp_strndup(file, strlen(file));
  d->message = printable(msg);
  if (!d->file || !d->message) {
    free(d->file);
    free(d->message);
    return PP_ENOMEM;
  }
  d->line = line > 0 ? line : 1;
  d->col = col > 0 ? col : 1;
  d->severity = sev;
  d->code = code;
  rep->n++;
  if (sev == PP_LINT_ERROR) rep->errors++;
  else if (sev == PP_LINT_WARNING) rep->warnings++;
  else rep->notes++;
  return PP_OK;
}

void pp_lint_report_drop(pp_lint_report_t *rep, size_t i) {
  pp_lint_diag_t *d = &rep->v[i];
  if (d->severity == PP_LINT_ERROR) rep->errors--;
  else if (d->severity == PP_LINT_WARNING) rep->warnings--;
  else rep->notes--;
  free(d->file);
  free(d->message);
  memmove(d, d + 1, (rep->n - i - 1) * sizeof(*d));
  rep->n--;
}

void pp_lint_report_clear(pp_lint_report_t *rep) {
  if (!rep) return;
  for (size_t i = 0; i < rep->n; i++) {
    free(rep->v[i].file);
    free(rep->v[i].message);
  }
  free(rep->v);
  memset(rep, 0, sizeof(*rep));
}

/* Insertion sort by (line, col) from index `from`: stable, and the lists
 * are short and nearly sorted already. */
static void sort_from(pp_lint_report_t *rep, size_t from) {
  for (size_t i = from + 1; i < rep->n; i++) {
    pp_lint_diag_t d = rep->v[i];
    size_t j = i;
    while (j > from && (rep->v[j - 1].line > d.line ||
                        (rep->v[j - 1].line == d.line && rep->v[j - 1].col > d.col))) {
      rep->v[j] = rep->v[j - 1];
      j--;
    }
    rep->v[j] = d;
  }
}

/* ---- loading ------------------------------------------------------------- */

/* "name:LINE: SyntaxError: msg (line LINE)" -> "SyntaxError: msg". */
static void engine_message(const char *err, const char *name, char *out, size_t outlen) {
  size_t nl = strlen(name);
  if (strncmp(err, name, nl) == 0 && err[nl] == ':') {
    const char *p = err + nl + 1;
    while (*p >= '0' && *p <= '9') p++;
    if (*p == ':') err = p + 1;
    while (*err == ' ') err++;
  }
  snprintf(out, outlen, "%s", err);
  char *tail = strstr(out, " (line ");
  if (tail && tail[strlen(tail) - 1] == ')') *tail = '\0';
}

/* Suggests a defined function spelled like FindProxyForURL. */
static size_t near_find_proxy(const pp_lint_ctx_t *c) {
  for (size_t i = 1; c && i < c->ntok; i++)
    if (pp_lint_is(c, i - 1, "function") && pp_lint_is_ident(c, i, NULL)) {
      char name[64];
      if (c->tok[i].len >= sizeof(name)) continue;
      memcpy(name, c->src + c->tok[i].off, c->tok[i].len);
      name[c->tok[i].len] = '\0';
      if (pp_lint_distance(name, "FindProxyForURL") <= 3) return i;
    }
  return PP_LINT_NO_MATCH;
}

static pp_status_t report_load(pp_status_t st, const pp_engine_t *e, const char *name,
                               const pp_lint_ctx_t *c, const pp_js_error_t *lexerr,
                               bool lexed, pp_lint_report_t *rep) {
  char msg[512];
  int line = pp_engine_error_line(e);
  engine_message(pp_engine_error(e), name, msg, sizeof(msg));
  if (st == PP_ESYNTAX) {
    /* Duktape gives the line only; the tokenizer's error gives a column
     * when it failed on that same line, else lint_syntax.c finds it. */
    const char *want = NULL;
    const pp_js_token_t *at = NULL;
    int col = !lexed && lexerr->line == line ? lexerr->col
              : lexed && c                     ? pp_lint_syntax_column(c, line, &want, &at)
                                               : 1;
    if (want && at)
      return pp_lint_add(rep, name, line, col, PP_LINT_ERROR, "syntax", "%s (expected '%s' before '%.*s')",
                         msg, want, (int)(at->len > 40 ? 40 : at->len), c->src + at->off);
    return pp_lint_add(rep, name, line, col, PP_LINT_ERROR, "syntax", "%s", msg);
  }
  if (st == PP_EUNSUPPORTED) return PP_OK; /* a warning from check_engines, not a PAC error */
  if (st == PP_ENOFUNC) {
    size_t near = near_find_proxy(c);
    if (near != PP_LINT_NO_MATCH)
      return pp_lint_add(rep, name, c->tok[near].line, c->tok[near].col, PP_LINT_ERROR,
                         "no-findproxy", "no FindProxyForURL function; did you mean '%.*s'?",
                         (int)c->tok[near].len, c->src + c->tok[near].off);
    return pp_lint_add(rep, name, 1, 1, PP_LINT_ERROR, "no-findproxy",
                       "no FindProxyForURL function: every client goes DIRECT");
  }
  return pp_lint_add(rep, name, line, 1, PP_LINT_ERROR, "load-error", "%s", msg);
}

/* Loads the PAC as the emulated client would. PP_OK when it loaded,
 * PP_ENOMEM, or another status after a diagnostic was added. */
static pp_status_t load_check(const char *text, size_t len, const char *name,
                              const pp_engine_opts_t *eo, const pp_lint_ctx_t *c,
                              const pp_js_error_t *lexerr, bool lexed, pp_lint_report_t *rep) {
  pp_engine_t *e = pp_engine_new(eo);
  if (!e) return PP_ENOMEM;
  pp_status_t st = pp_engine_load(e, text, len, name);
  if (st == PP_ENOMEM || st == PP_EENGINE) {
    pp_engine_free(e);
    return PP_ENOMEM;
  }
  if (st != PP_OK && report_load(st, e, name, c, lexerr, lexed, rep) != PP_OK) st = PP_ENOMEM;
  pp_engine_free(e);
  return st;
}

/* What the lowering pass knows about engines (docs/modern-js.md): a
 * construct no engine of pacprobe's runs (the PAC itself works in browsers,
 * so a warning, not an error) and, for winhttp/pacparser, constructs their
 * older engines reject. Findings arrive as "LINE:COL: text". */
static pp_status_t check_engines(const char *text, size_t len, const char *name,
                                 pp_emulation_t mode, pp_lint_report_t *rep) {
  char **lines = NULL;
  size_t n = 0, nerr = 0;
  if (pp_lower_findings(text, len, mode, &lines, &n, &nerr) != PP_OK) return PP_ENOMEM;
  pp_status_t st = PP_OK;
  for (size_t i = 0; i < n && st == PP_OK; i++) {
    int line = 0, col = 0, used = 0;
    if (sscanf(lines[i], "%d:%d: %n", &line, &col, &used) < 2 || used == 0) continue;
    st = pp_lint_add(rep, name, line, col, PP_LINT_WARNING,
                     i < nerr ? "unsupported-js" : "engine-compat", "%s", lines[i] + used);
  }
  pp_strlist_free(lines, n);
  return st;
}

/* The compile budget (jslex.h PP_JS_BUDGET, issue 15 item 7): a script
 * over it gets one diagnostic and, when it is ES5, the load check only (the
 * engine then runs it uninstrumented); the token view, the lowering's
 * findings and every static check are skipped. *over says whether it was. */
static pp_status_t check_budget(const char *text, size_t len, const char *name,
                                const pp_engine_opts_t *eo, pp_lint_report_t *rep, bool *over) {
  size_t budget = PP_JS_BUDGET(eo->memory_limit_mib), ntok = 0;
  bool modern = false;
  *over = false;
  if (len / 2 < budget) return PP_OK;
  pp_status_t st = pp_js_survey(text, len, &ntok, &modern);
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK || ntok <= budget) return PP_OK;
  *over = true;
  st = pp_lint_add(rep, name, 1, 1, PP_LINT_WARNING, "analysis-budget",
                   "%zu tokens, over the compile budget of --memory-limit %u MiB (%zu tokens): "
                   "static checks skipped%s (pacprobe's limit; raise --memory-limit)",
                   ntok, eo->memory_limit_mib, budget,
                   modern ? "; its ES2015+ syntax cannot be lowered within it, so it is not loaded"
                          : "; only loaded");
  if (st != PP_OK || modern) return st;
  pp_js_error_t none;
  memset(&none, 0, sizeof(none));
  st = load_check(text, len, name, eo, NULL, &none, true, rep);
  return st == PP_ENOMEM ? st : PP_OK;
}

static pp_status_t lint_text(const char *text, size_t len, const char *name,
                             const pp_engine_opts_t *eo, pp_lint_report_t *rep, size_t first) {
  pp_lint_ctx_t c;
  pp_js_error_t lexerr;
  memset(&lexerr, 0, sizeof(lexerr));
  pp_status_t st = PP_OK;
  if (len > PP_LINT_MAX_PAC &&
      pp_lint_add(rep, name, 1, 1, PP_LINT_WARNING, "too-big",
                  "the script is %zu bytes: WinHTTP refuses PAC files over 1 MB and Chromium "
                  "stops fetching at 1048576 bytes",
                  len) != PP_OK)
    return PP_ENOMEM;
  bool over;
  if (check_budget(text, len, name, eo, rep, &over) != PP_OK) return PP_ENOMEM;
  if (over) {
    sort_from(rep, first);
    return PP_OK;
  }
  if (check_engines(text, len, name, eo->emulate, rep) != PP_OK) return PP_ENOMEM;
  pp_status_t lx = pp_lint_ctx_init(&c, text, len, name, eo->emulate, rep, &lexerr);
  if (lx == PP_ENOMEM) {
    st = PP_ENOMEM;
    goto done;
  }
  bool lexed = lx == PP_OK;
  pp_status_t ld = load_check(text, len, name, eo, lexed ? &c : NULL, &lexerr, lexed, rep);
  if (ld == PP_ENOMEM) {
    st = PP_ENOMEM;
    goto done;
  }
  /* A script that does not compile gets no further advice: the token view
   * of broken code would mislead more than it helps. */
  if (lexed && ld != PP_ESYNTAX) {
    pp_lint_check_calls(&c);
    pp_lint_check_url_methods(&c);
    pp_lint_check_returns(&c);
    pp_lint_check_comparisons(&c);
    pp_lint_check_shadowed(&c);
  }
  if (lexed) pp_lint_apply_suppressions(&c, first);
  if (c.oom) st = PP_ENOMEM;
done:
  pp_lint_ctx_free(&c);
  return st;
}

pp_status_t pp_lint_source(const char *text, size_t len, const char *name,
                           const pp_engine_opts_t *eo, pp_lint_report_t *rep) {
  size_t first = rep->n;
  char *clean = NULL;
  size_t cleanlen = 0;
  pp_status_t st = pp_lint_check_encoding(text, len, name, rep, &clean, &cleanlen);
  if (st == PP_OK)
    st = lint_text(clean ? clean : text, clean ? cleanlen : len, name, eo, rep, first);
  free(clean);
  sort_from(rep, first);
  return st;
}
