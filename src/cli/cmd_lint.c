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
#include "lint/lint.h"
#include "util/buf.h"
#include "util/str.h"

typedef struct lint_run {
  pp_args_t a;
  pp_cli_env_t env;
  bool json;
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

/* ---- output ------------------------------------------------------------- */

static void print_text(const pp_lint_report_t *rep) {
  for (size_t i = 0; i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    printf("%s:%d:%d: %s: %s [%s]\n", d->file, d->line, d->col, pp_lint_severity_name(d->severity),
           d->message, d->code);
  }
  printf("%zu error%s, %zu warning%s", rep->errors, rep->errors == 1 ? "" : "s", rep->warnings,
         rep->warnings == 1 ? "" : "s");
  if (rep->notes) printf(", %zu note%s", rep->notes, rep->notes == 1 ? "" : "s");
  printf("\n");
}

static int print_json(const pp_lint_report_t *rep) {
  json_t *arr = json_array(), *o = json_object();
  for (size_t i = 0; arr && i < rep->n; i++) {
    const pp_lint_diag_t *d = &rep->v[i];
    json_array_append_new(arr, json_pack("{s:s, s:i, s:i, s:s, s:s, s:s}", "file", d->file,
                                         "line", d->line, "col", d->col, "severity",
                                         pp_lint_severity_name(d->severity), "code", d->code,
                                         "message", d->message));
  }
  int rc = PP_EXIT_OK;
  if (!o || !arr) {
    json_decref(arr);
    rc = PP_EXIT_USAGE;
    goto done;
  }
  json_object_set_new(o, "diagnostics", arr);
  json_object_set_new(o, "errors", json_integer((json_int_t)rep->errors));
  json_object_set_new(o, "warnings", json_integer((json_int_t)rep->warnings));
  json_object_set_new(o, "notes", json_integer((json_int_t)rep->notes));
  if (json_dumpf(o, stdout, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER) != 0)
    rc = PP_EXIT_USAGE;
  else
    printf("\n");
done:
  json_decref(o);
  if (rc) pp_msg_error("out of memory");
  return rc;
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

static int setup(lint_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (f && strcmp(f, "json") == 0) r->json = true;
  else if (f && strcmp(f, "text") != 0) return pp_cli_usage_error("format", f, "expected text or json");
  if (r->a.positional.n == 0) {
    pp_msg_error("lint: no PAC given (pacprobe lint [options] PAC...)");
    return PP_EXIT_USAGE;
  }
  int rc = pp_cli_env_setup(&r->env, &r->a);
  const pp_strv_t *u = &r->a.list[PP_OPT_URLS];
  for (size_t i = 0; rc == PP_EXIT_OK && i < u->n; i++) rc = read_urls(r, u->v[i]);
  return rc;
}

int pp_cmd_lint(int argc, char **argv, int first) {
  lint_run_t r;
  memset(&r, 0, sizeof(r));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_LINT, "lint", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  for (size_t i = 0; i < r.a.positional.n && rc == PP_EXIT_OK; i++)
    rc = lint_one(&r, r.a.positional.v[i]);
  if (rc) goto done;
  rc = r.json ? print_json(&r.rep) : (print_text(&r.rep), PP_EXIT_OK);
  if (rc) goto done;
  if (r.unreadable) rc = PP_EXIT_USAGE;
  else if (r.rep.errors > 0 || (r.a.given[PP_OPT_STRICT] && r.rep.warnings > 0))
    rc = PP_EXIT_PROBLEM;
done:
  pp_lint_report_clear(&r.rep);
  free(r.urls);
  pp_strlist_free(r.url_text, r.nurl_text);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
