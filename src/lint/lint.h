/* SPDX-License-Identifier: MIT */
/*
 * pp_lint: static and dynamic checks of a PAC script (`pacprobe lint`,
 * DESIGN §1.4, docs/lint.md). Pure logic: the checks fill a report of
 * diagnostics (file, line, col, severity, stable code, message) that the
 * program formats; nothing here prints.
 */
#ifndef PP_LINT_LINT_H
#define PP_LINT_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "pacprobe.h"

typedef enum pp_lint_severity {
  PP_LINT_ERROR = 0,
  PP_LINT_WARNING,
  PP_LINT_NOTE /* information (DNS lookups per URL); never changes the exit code */
} pp_lint_severity_t;

typedef struct pp_lint_diag {
  char *file;                  /* malloc'd: the PAC name, or the URL list for --urls */
  int line;                    /* 1-based */
  int col;                     /* 1-based, code points (jslex.h) */
  pp_lint_severity_t severity;
  const char *code;            /* static: "unknown-function", "arity", ... */
  char *message;               /* malloc'd, one line */
} pp_lint_diag_t;

typedef struct pp_lint_report {
  pp_lint_diag_t *v;
  size_t n, cap;
  size_t errors, warnings, notes;
} pp_lint_report_t;

/* One URL for the dynamic checks, with where it came from. */
typedef struct pp_lint_url {
  const char *url;
  const char *file; /* the URL list's name */
  int line;
} pp_lint_url_t;

/* One rule (rules.c): a stable id, its usual severity, one line. */
typedef struct pp_lint_rule {
  const char *id;
  pp_lint_severity_t severity;
  const char *summary;
} pp_lint_rule_t;

/* Every rule, sorted by id; *n gets the count. */
const pp_lint_rule_t *pp_lint_rules(size_t *n);
/* The rule called id, or NULL. */
const pp_lint_rule_t *pp_lint_rule_find(const char *id);

/* "error", "warning", "note"; never NULL. */
const char *pp_lint_severity_name(pp_lint_severity_t s);

/* Appends one diagnostic (message printf-style). PP_OK or PP_ENOMEM. */
pp_status_t pp_lint_add(pp_lint_report_t *rep, const char *file, int line, int col,
                        pp_lint_severity_t sev, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

/* Static checks of one PAC (len bytes; `name` is used as the file of every
 * diagnostic). The PAC is also loaded in an engine built from `eo` (which
 * must carry a resolver) to find syntax errors and a missing
 * FindProxyForURL exactly as the emulated client does; nothing is
 * evaluated. Diagnostics of this PAC are appended sorted by line and col.
 * Returns PP_OK (whatever was found) or PP_ENOMEM. */
pp_status_t pp_lint_source(const char *text, size_t len, const char *name,
                           const pp_engine_opts_t *eo, pp_lint_report_t *rep);

/* Dynamic checks (`--urls`): loads the PAC with eo and evaluates every URL;
 * reports results with invalid grammar, script errors, limits and bad URLs
 * (errors, at the URL's list line), and the DNS lookups each URL needed
 * (a note; a warning past Chromium's 20 per evaluation). A PAC that does
 * not load adds nothing here (pp_lint_source reports why). PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_lint_urls(const char *text, size_t len, const char *name,
                         const pp_engine_opts_t *eo, const pp_lint_url_t *urls, size_t nurls,
                         pp_lint_report_t *rep);

/* The same one URL at a time, for a list streamed from a file: a session
 * holds the PAC loaded once. *out is NULL (and PP_OK returned) when the
 * PAC does not load; pp_lint_session_url then adds nothing. */
typedef struct pp_lint_session pp_lint_session_t;
pp_status_t pp_lint_session_new(const char *text, size_t len, const char *name,
                                const pp_engine_opts_t *eo, pp_lint_session_t **out);
pp_status_t pp_lint_session_url(pp_lint_session_t *s, const pp_lint_url_t *u,
                                pp_lint_report_t *rep);
void pp_lint_session_free(pp_lint_session_t *s); /* NULL-safe */

/* Removes diagnostic i (the counts follow). */
void pp_lint_report_drop(pp_lint_report_t *rep, size_t i);

/* Frees every diagnostic and zeroes the report. NULL-safe. */
void pp_lint_report_clear(pp_lint_report_t *rep);

#endif
