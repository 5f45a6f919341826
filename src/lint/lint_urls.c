/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe lint --urls FILE`: the dynamic checks (docs/lint.md). Every URL
 * is evaluated in one engine with the trace on (pacprobe.h, pp_trace_entry_t)
 * so the DNS lookups it needed can be counted from PP_TRACE_DNS entries.
 * Results with invalid grammar, script errors and limits are errors at the
 * URL's list line; lookups are a note, a warning past Chromium's 20.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint.h"
#include "util/str.h"

/* kMaxUniqueResolveDnsPerExec, proxy_resolver_v8_tracing.cc. */
#define CHROME_DNS_PER_EXEC 20

static const char *error_code(pp_status_t st) {
  switch (st) {
  case PP_EBADURL: return "bad-url";
  case PP_ETIMEOUT: return "timeout";
  case PP_EMEMLIMIT: return "memory-limit";
  case PP_ETOOBIG: return "result-limit";
  case PP_ENOTSTRING: return "not-a-string";
  case PP_ENONASCII: return "non-ascii-result";
  default: return "script-error";
  }
}

/* Distinct names the evaluation looked up (IP literals need no lookup). */
static size_t dns_names(const pp_eval_t *ev, pp_str_t *list) {
  size_t n = 0;
  for (size_t i = 0; i < ev->ntrace; i++) {
    const pp_trace_entry_t *t = &ev->trace[i];
    if (t->kind != PP_TRACE_DNS || t->source == PP_DNS_SRC_LITERAL || !t->text) continue;
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = ev->trace[j].kind == PP_TRACE_DNS && ev->trace[j].text &&
             strcmp(ev->trace[j].text, t->text) == 0;
    if (seen) continue;
    pp_str_printf(list, "%s%s", n ? ", " : "", t->text);
    n++;
  }
  return n;
}

static pp_status_t report_result(const pp_eval_t *ev, const char *name, const pp_lint_url_t *u,
                                 pp_emulation_t mode, pp_lint_report_t *rep) {
  pp_str_t inv = PP_STR_INIT;
  for (size_t i = 0; i < ev->result.ninvalid; i++)
    pp_str_printf(&inv, "%s'%s'", i ? ", " : "", ev->result.invalid[i]);
  char where[64] = "";
  if (ev->decided_line > 0)
    snprintf(where, sizeof(where), ":%d:%d", ev->decided_line, ev->decided_col);
  pp_status_t st = inv.oom ? PP_ENOMEM
                           : pp_lint_add(rep, u->file, u->line, 1, PP_LINT_ERROR, "bad-result",
                                         "%s: result \"%s\" (%s%s) is not valid PAC grammar in %s: "
                                         "%s dropped (a browser uses \"%s\")",
                                         u->url, ev->raw, name, where, pp_emulation_name(mode),
                                         inv.s, ev->result.canonical);
  pp_str_free(&inv);
  return st;
}

static pp_status_t report_dns(const pp_eval_t *ev, const pp_lint_url_t *u, pp_emulation_t mode,
                              pp_lint_report_t *rep) {
  pp_str_t names = PP_STR_INIT;
  size_t n = dns_names(ev, &names);
  pp_status_t st = PP_OK;
  if (names.oom) st = PP_ENOMEM;
  else if (n > CHROME_DNS_PER_EXEC && mode == PP_EMU_CHROME)
    st = pp_lint_add(rep, u->file, u->line, 1, PP_LINT_WARNING, "dns-limit",
                     "%s: %zu DNS lookups; chrome answers only the first %d per evaluation "
                     "(later ones return null): %s",
                     u->url, n, CHROME_DNS_PER_EXEC, names.s);
  else if (n > 0)
    st = pp_lint_add(rep, u->file, u->line, 1, PP_LINT_NOTE, "dns-lookups",
                     "%s: %zu DNS lookup%s (%s)", u->url, n, n == 1 ? "" : "s", names.s);
  pp_str_free(&names);
  return st;
}

static pp_status_t check_url(pp_engine_t *e, const char *name, const pp_lint_url_t *u,
                             pp_emulation_t mode, pp_lint_report_t *rep) {
  pp_eval_t ev;
  pp_status_t st = pp_engine_eval(e, u->url, NULL, &ev);
  if (st == PP_ENOMEM) goto done;
  st = PP_OK;
  if (ev.status != PP_OK)
    st = pp_lint_add(rep, u->file, u->line, 1, PP_LINT_ERROR, error_code(ev.status), "%s: %s",
                     u->url, ev.error ? ev.error : pp_strerror(ev.status));
  else if (ev.result.ninvalid > 0 && ev.raw)
    st = report_result(&ev, name, u, mode, rep);
  if (st == PP_OK && ev.status != PP_EBADURL) st = report_dns(&ev, u, mode, rep);
done:
  pp_eval_clear(&ev);
  return st;
}

struct pp_lint_session {
  pp_engine_t *e;
  char *name;
  pp_emulation_t mode;
};

pp_status_t pp_lint_session_new(const char *text, size_t len, const char *name,
                                const pp_engine_opts_t *eo, pp_lint_session_t **out) {
  *out = NULL;
  pp_engine_opts_t o = *eo;
  o.trace = true;
  pp_lint_session_t *s = calloc(1, sizeof(*s));
  if (!s || !(s->e = pp_engine_new(&o)) || !(s->name = pp_strndup(name, strlen(name)))) {
    pp_lint_session_free(s);
    return PP_ENOMEM;
  }
  s->mode = o.emulate;
  pp_status_t ld = pp_engine_load(s->e, text, len, name);
  if (ld != PP_OK) {
    pp_lint_session_free(s); /* pp_lint_source says why it does not load */
    return ld == PP_ENOMEM ? PP_ENOMEM : PP_OK;
  }
  *out = s;
  return PP_OK;
}

pp_status_t pp_lint_session_url(pp_lint_session_t *s, const pp_lint_url_t *u,
                                pp_lint_report_t *rep) {
  return s ? check_url(s->e, s->name, u, s->mode, rep) : PP_OK;
}

void pp_lint_session_free(pp_lint_session_t *s) {
  if (!s) return;
  pp_engine_free(s->e);
  free(s->name);
  free(s);
}

pp_status_t pp_lint_urls(const char *text, size_t len, const char *name,
                         const pp_engine_opts_t *eo, const pp_lint_url_t *urls, size_t nurls,
                         pp_lint_report_t *rep) {
  pp_lint_session_t *s;
  pp_status_t st = pp_lint_session_new(text, len, name, eo, &s);
  for (size_t i = 0; s && i < nurls && st == PP_OK; i++) st = pp_lint_session_url(s, &urls[i], rep);
  pp_lint_session_free(s);
  return st;
}
