/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe lint PAC...` (DESIGN §1.4, docs/lint.md): reads each PAC, asks
 * the library for its diagnostics (the files of src/lint/) and, with --urls, for
 * the dynamic checks, then prints them gcc-style (or as one JSON object)
 * with a summary. Exit 1 on errors (warnings too with --strict), 2 when a
 * PAC or the URL list cannot be read or an option is bad.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"
#include "cli/lint_config.h"
#include "cli/lint_out.h"
#include "lint/lint.h"
#include "util/buf.h"
#include "util/str.h"

typedef struct lint_run {
  pp_args_t a;
  pp_cli_env_t env;
  pp_lint_format_t format;
  pp_lint_config_t config;
  char **disabled; /* --disable and the project file's rule ids */
  size_t ndisabled;
  pp_lint_url_t *urls;
  size_t nurls;
  char **url_text; /* owned copies behind urls[].url */
  size_t nurl_text;
  pp_lint_report_t rep;
  bool unreadable;
} lint_run_t;

static void print_help(void) {
  printf("usage: pacprobe lint [options] PAC...\n\n"
         "Check PAC scripts for errors and likely mistakes (compiler-style diagnostics).\n\n"
         "options:\n");
  pp_options_help(stdout, PP_CMD_LINT);
  printf("\nexit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or "
         "unreadable file\n");
}

/* ---- the URL list -------------------------------------------------------- */

static bool add_url(lint_run_t *r, const char *file, const char *p, size_t n, int line) {
  char *url = pp_strndup(p, n);
  if (!url || !pp_strlist_push(&r->url_text, &r->nurl_text, url)) {
    free(url);
    return false;
  }
  free(url);
  pp_lint_url_t *v = realloc(r->urls, (r->nurls + 1) * sizeof(*v));
  if (!v) return false;
  r->urls = v;
  v[r->nurls].url = r->url_text[r->nurl_text - 1];
  v[r->nurls].file = file;
  v[r->nurls].line = line;
  r->nurls++;
  return true;
}

/* One URL per line; surrounding blanks trimmed, blank and '#' lines skipped
 * (DESIGN §1.1, as `eval -f`). */
static int read_urls(lint_run_t *r, const char *path) {
  char *text = NULL;
  size_t len = 0;
  char err[512];
  if (pp_pac_read(path, PP_PAC_MAX_BYTES, PP_PAC_FETCH_TIMEOUT_MS, &text, &len, err,
                  sizeof(err)) != PP_OK) {
    pp_msg_error("option --urls: %s", err);
    return PP_EXIT_USAGE;
  }
  const char *name = pp_cli_pac_name(path);
  pp_buf_t b;
  pp_buf_init(&b, text, len);
  const char *line;
  size_t n;
  int lineno = 0, rc = PP_EXIT_OK;
  while (rc == PP_EXIT_OK && pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    const char *url;
    size_t ulen;
    if (!pp_cli_list_url(line, n, &url, &ulen)) continue;
    if (!add_url(r, name, url, ulen, lineno)) {
      pp_msg_error("out of memory");
      rc = PP_EXIT_USAGE;
    }
  }
  free(text);
  return rc;
}

/* ---- rules turned off ------------------------------------------------------ */

/* --disable RULE[,RULE...]: every id must exist (a typo would silently
 * keep the rule on). */
static int add_disabled(lint_run_t *r, const char *list) {
  const char *p = list;
  while (*p) {
    size_t n = strcspn(p, ",");
    char id[64];
    snprintf(id, sizeof(id), "%.*s", (int)(n < 63 ? n : 63), p);
    if (!pp_lint_rule_find(id))
      return pp_cli_usage_error("disable", id, "not a lint rule (pacprobe lint --list-rules)");
    if (!pp_strlist_push(&r->disabled, &r->ndisabled, id)) {
      pp_msg_error("out of memory");
      return PP_EXIT_USAGE;
    }
    p += n + (p[n] == ',');
  }
  return PP_EXIT_OK;
}

static void drop_disabled(lint_run_t *r) {
  for (size_t i = 0; i < r->rep.n;) {
    bool off = false;
    for (size_t k = 0; k < r->ndisabled && !off; k++) off = !strcmp(r->disabled[k], r->rep.v[i].code);
    if (off) pp_lint_report_drop(&r->rep, i);
    else i++;
  }
}

/* ---- the run -------------------------------------------------------------- */

static int lint_one(lint_run_t *r, const char *source) {
  char *text = NULL;
  size_t len = 0;
  if (pp_cli_read_pac(source, r->env.opts.emulate, &text, &len) != PP_EXIT_OK) {
    r->unreadable = true; /* reported; the other files are still linted */
    return PP_EXIT_OK;
  }
  const char *name = pp_cli_pac_name(source);
  pp_status_t st = pp_lint_source(text, len, name, &r->env.opts, &r->rep);
  if (st == PP_OK && r->nurls > 0)
    st = pp_lint_urls(text, len, name, &r->env.opts, r->urls, r->nurls, &r->rep);
  free(text);
  if (st == PP_OK) return PP_EXIT_OK;
  pp_msg_error("%s: %s", name, pp_strerror(st));
  return PP_EXIT_USAGE;
}

/* The report in the chosen format; JUnit names a suite for every PAC. */
static int print_report(lint_run_t *r) {
  size_t n = r->a.positional.n;
  const char **names = calloc(n ? n : 1, sizeof(*names));
  if (!names) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  for (size_t i = 0; i < n; i++) names[i] = pp_cli_pac_name(r->a.positional.v[i]);
  int rc = pp_lint_print(stdout, r->format, &r->rep, names, n);
  free(names);
  return rc;
}

static int setup(lint_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (f && !pp_lint_format_parse(f, &r->format))
    return pp_cli_usage_error("format", f, "expected text, json, sarif, junit or github");
  int rc = pp_lint_config_load(r->a.value[PP_OPT_CONFIG], &r->config);
  for (size_t i = 0; rc == PP_EXIT_OK && i < r->config.ndisable; i++)
    rc = add_disabled(r, r->config.disable[i]);
  const pp_strv_t *d = &r->a.list[PP_OPT_DISABLE];
  for (size_t i = 0; rc == PP_EXIT_OK && i < d->n; i++) rc = add_disabled(r, d->v[i]);
  if (rc) return rc;
  if (r->a.positional.n == 0) {
    pp_msg_error("lint: no PAC given (pacprobe lint [options] PAC...)");
    return PP_EXIT_USAGE;
  }
  rc = pp_cli_env_setup(&r->env, &r->a);
  const pp_strv_t *u = &r->a.list[PP_OPT_URLS];
  for (size_t i = 0; rc == PP_EXIT_OK && i < u->n; i++) rc = read_urls(r, u->v[i]);
  return rc;
}

int pp_cmd_lint(int argc, char **argv, int first) {
  lint_run_t r;
  memset(&r, 0, sizeof(r));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_LINT, "lint", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help) || r.a.given[PP_OPT_LIST_RULES]) {
    if (!r.a.given[PP_OPT_HELP] && r.a.given[PP_OPT_LIST_RULES]) pp_lint_print_rules(stdout);
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  for (size_t i = 0; i < r.a.positional.n && rc == PP_EXIT_OK; i++)
    rc = lint_one(&r, r.a.positional.v[i]);
  if (rc) goto done;
  drop_disabled(&r);
  if ((rc = print_report(&r))) goto done;
  bool strict = r.a.given[PP_OPT_STRICT] || r.config.strict;
  if (r.unreadable) rc = PP_EXIT_USAGE;
  else if (r.rep.errors > 0 || (strict && r.rep.warnings > 0)) rc = PP_EXIT_PROBLEM;
done:
  pp_lint_report_clear(&r.rep);
  pp_lint_config_free(&r.config);
  pp_strlist_free(r.disabled, r.ndisabled);
  free(r.urls);
  pp_strlist_free(r.url_text, r.nurl_text);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
