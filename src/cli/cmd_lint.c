/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe lint PAC...` (DESIGN §1.4, docs/lint.md): reads each PAC, asks
 * the library for its diagnostics (the files of src/lint/) and, with --urls,
 * streams each URL list through the dynamic checks (pp_cli_each_line, the
 * reader eval uses), then prints them in the chosen format (lint_out.c).
 * Text and github output is printed as it comes, so a long URL list needs
 * no memory per URL; json, sarif and junit are one document, printed at
 * the end. Exit 1 on errors (warnings too with --strict), 2 when a PAC or
 * a URL list cannot be read or an option is bad.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/env.h"
#include "cli/lint_config.h"
#include "cli/lint_out.h"
#include "lint/lint.h"
#include "util/str.h"
#include "util/strmap.h"

typedef struct lint_run {
  pp_args_t a;
  pp_cli_env_t env;
  pp_lint_format_t format;
  pp_lint_config_t config;
  char **disabled; /* --disable and the project file's rule ids */
  size_t ndisabled;
  pp_lint_session_t *session; /* the PAC the URL lists are checked against */
  const char *list_name;      /* the URL list being read */
  bool streaming;             /* text, github: print findings as they come */
  size_t errors, warnings, notes; /* findings printed (and dropped) so far */
  pp_lint_report_t rep;
  bool unreadable;
  pp_strmap_t seen; /* log URLs already checked */
} lint_run_t;

/* Distinct log URLs remembered so each is checked once; past this, a
 * repeated URL is checked again (slower, same findings). */
#define LINT_LOG_URLS_MAX 1000000u

static void print_help(void) {
  printf("usage: pacprobe lint [options] PAC...\n\n"
         "Check PAC scripts for errors and likely mistakes (compiler-style diagnostics).\n\n"
         "options:\n");
  pp_options_help(stdout, PP_CMD_LINT);
  printf("\nexit status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or "
         "unreadable file\n");
}

/* ---- the URL lists ------------------------------------------------------ */

static void drop_disabled(lint_run_t *r);

/* Text and github: print what the report holds and keep only the counts. */
static void flush(lint_run_t *r) {
  drop_disabled(r);
  if (!r->streaming || r->rep.n == 0) return;
  pp_lint_print_findings(stdout, r->format, &r->rep);
  fflush(stdout);
  r->errors += r->rep.errors;
  r->warnings += r->rep.warnings;
  r->notes += r->rep.notes;
  pp_lint_report_clear(&r->rep);
}

/* One line of a --urls list (pp_cli_list_url trims it, as for eval -f). */
static int lint_line(void *udata, const char *line, size_t len, bool had_nl, const char *where) {
  lint_run_t *r = udata;
  const char *tok;
  size_t n;
  if (len > 0 && line[len - 1] == '\r') len--;
  if (!pp_cli_list_url(line, len, &tok, &n)) return 0;
  char *url = pp_strndup(tok, n);
  if (!url) return -1;
  const char *colon = strrchr(where, ':');
  pp_lint_url_t u = {url, r->list_name, colon ? atoi(colon + 1) : 0};
  pp_status_t st = pp_lint_session_url(r->session, &u, &r->rep);
  free(url);
  if (st != PP_OK) return -1;
  flush(r);
  return 0;
}

/* One entry of a proxy log: each distinct URL is checked once, at its
 * first line (a log repeats its popular URLs millions of times). */
static int lint_entry(void *udata, const char *url, size_t n, long long bytes, const char *name,
                      unsigned long lineno) {
  lint_run_t *r = udata;
  (void)bytes;
  uint64_t h = pp_strmap_hash(url, n), v;
  if (pp_strmap_get(&r->seen, url, n, h, &v)) return 0;
  if (pp_strmap_put(&r->seen, url, n, h, 0, NULL) == PP_STRMAP_ENOMEM) return -1;
  char *u = pp_strndup(url, n);
  if (!u) return -1;
  pp_lint_url_t lu = {u, name, (int)lineno};
  pp_status_t st = pp_lint_session_url(r->session, &lu, &r->rep);
  free(u);
  if (st != PP_OK) return -1;
  flush(r);
  return 0;
}

static int lint_lists(lint_run_t *r, const char *text, size_t len, const char *name) {
  const pp_strv_t *u = &r->a.list[PP_OPT_URLS], *logs = &r->a.list[PP_OPT_LOG];
  if (u->n == 0 && logs->n == 0) return PP_EXIT_OK;
  if (pp_lint_session_new(text, len, name, &r->env.opts, &r->session) != PP_OK) return -1;
  pp_cli_input_t in;
  memset(&in, 0, sizeof(in));
  in.list_fn = lint_line;
  in.entry_fn = lint_entry;
  in.udata = r;
  in.bad = &r->unreadable;
  pp_strmap_init(&r->seen, LINT_LOG_URLS_MAX);
  int rc = 0;
  for (size_t i = 0; i < u->n && rc == 0 && r->session; i++) {
    r->list_name = pp_cli_pac_name(u->v[i]);
    rc = pp_cli_each_input(&in, u->v[i]);
  }
  for (size_t i = 0; i + 1 < logs->n && rc == 0 && r->session; i += 2) {
    if (!pp_cli_input_format(&in, logs->v[i])) break; /* checked in setup */
    r->list_name = pp_cli_pac_name(logs->v[i + 1]);
    rc = pp_cli_each_input(&in, logs->v[i + 1]);
  }
  pp_cli_input_free(&in);
  pp_strmap_free(&r->seen);
  pp_lint_session_free(r->session);
  r->session = NULL;
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
  if (st == PP_OK) flush(r);
  if (st == PP_OK && lint_lists(r, text, len, name) != 0) st = PP_ENOMEM;
  free(text);
  if (st == PP_OK) return PP_EXIT_OK;
  pp_msg_error("%s: %s", name, pp_strerror(st));
  return PP_EXIT_USAGE;
}

/* The report in the chosen format; JUnit names a suite for every PAC. */
static int print_report(lint_run_t *r) {
  if (r->streaming) {
    flush(r);
    if (r->format == PP_LINT_FMT_TEXT) pp_lint_print_summary(stdout, r->errors, r->warnings, r->notes);
    return PP_EXIT_OK;
  }
  r->errors = r->rep.errors;
  r->warnings = r->rep.warnings;
  r->notes = r->rep.notes;
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
  r->streaming = r->format == PP_LINT_FMT_TEXT || r->format == PP_LINT_FMT_GITHUB;
  rc = pp_cli_env_setup(&r->env, &r->a);
  /* Each list is read once per PAC: a file must be readable now, and
   * stdin can serve one PAC only. */
  const pp_strv_t *u = &r->a.list[PP_OPT_URLS], *logs = &r->a.list[PP_OPT_LOG];
  if (rc == PP_EXIT_OK) rc = pp_cli_check_log_formats(&r->a);
  for (size_t i = 1; rc == PP_EXIT_OK && i < logs->n; i += 2) {
    if (strcmp(logs->v[i], "-") == 0 && r->a.positional.n > 1)
      rc = pp_cli_usage_error("log", "-", "stdin can be read for one PAC only");
    else if (strcmp(logs->v[i], "-") != 0 && access(logs->v[i], R_OK) != 0)
      rc = pp_cli_usage_error("log", logs->v[i], strerror(errno));
  }
  for (size_t i = 0; rc == PP_EXIT_OK && i < u->n; i++) {
    if (strcmp(u->v[i], "-") == 0 && r->a.positional.n > 1)
      rc = pp_cli_usage_error("urls", "-", "stdin can be read for one PAC only");
    else if (strcmp(u->v[i], "-") != 0 && access(u->v[i], R_OK) != 0)
      rc = pp_cli_usage_error("urls", u->v[i], strerror(errno));
  }
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
  else if (r.errors > 0 || (strict && r.warnings > 0)) rc = PP_EXIT_PROBLEM;
done:
  pp_lint_report_clear(&r.rep);
  pp_lint_config_free(&r.config);
  pp_strlist_free(r.disabled, r.ndisabled);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
