/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe sources --no-proxy-test URL`: one no_proxy value evaluated as
 * each runtime would (src/config/noproxy.c), printed as a URL x runtime
 * table with the rows where the runtimes disagree marked; or as JSON.
 * The value is --noproxy for every runtime, else what each runtime reads
 * from the environment (they read different variables).
 */
#include <stdlib.h>
#include <string.h>

#include "cli/json.h"
#include "cli/sources.h"

extern char **environ;

typedef struct np_run {
  const char *value[PP_NP_COUNT]; /* NULL: the runtime reads no value */
  const char *var[PP_NP_COUNT];   /* where it came from */
} np_run_t;

static void values(np_run_t *r, const char *option, bool no_env) {
  for (unsigned d = 0; d < PP_NP_COUNT; d++) {
    r->value[d] = option;
    r->var[d] = "--noproxy";
    if (!option && !no_env)
      r->value[d] = pp_noproxy_value((pp_np_dialect_t)d, (const char *const *)environ, &r->var[d]);
    if (!r->value[d]) r->var[d] = NULL;
  }
}

static bool same_value(const np_run_t *r) {
  for (unsigned d = 1; d < PP_NP_COUNT; d++) {
    const char *a = r->value[0], *b = r->value[d];
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) return false;
  }
  return true;
}

static void print_var(FILE *out, const char *var) {
  fprintf(out, "%.*s", (int)strcspn(var, ","), var);
}

static const char *title(unsigned d);
static int col(unsigned d);

static void header(FILE *out, const np_run_t *r, int w) {
  if (same_value(r)) {
    fprintf(out, "no_proxy: %s", r->value[0] ? pp_safe(r->value[0]) : "(not set)");
    if (r->var[0] && strcmp(r->var[0], "--noproxy") == 0) fputs(" (--noproxy)", out);
    fputc('\n', out);
  } else {
    for (unsigned d = 0; d < PP_NP_COUNT; d++) {
      fprintf(out, "no_proxy for %s: ", pp_noproxy_dialect_name((pp_np_dialect_t)d));
      if (!r->value[d]) fprintf(out, "(not set: reads %s)\n", pp_noproxy_dialect_vars((pp_np_dialect_t)d));
      else {
        fprintf(out, "%s (", pp_safe(r->value[d]));
        print_var(out, r->var[d]);
        fputs(")\n", out);
      }
    }
  }
  fprintf(out, "%-*s", w, "URL");
  for (unsigned d = 0; d < PP_NP_COUNT; d++)
    fprintf(out, "  %-*s", d + 1 < PP_NP_COUNT ? col(d) : 0, title(d));
  fputc('\n', out);
}

static const char *title(unsigned d) {
  return d == PP_NP_GO ? "go/docker" : pp_noproxy_dialect_name((pp_np_dialect_t)d);
}

/* a column is as wide as its title or "direct" */
static int col(unsigned d) {
  size_t n = strlen(title(d));
  return n < 6 ? 6 : (int)n;
}

/* One row; false when the URL is not usable (reported, exit 1). */
static bool row(FILE *out, const np_run_t *r, const char *url, int w, bool *differ) {
  pp_np_url_t u;
  char err[128];
  if (pp_noproxy_url(url, &u, err, sizeof(err)) != PP_OK) {
    pp_msg_error("--no-proxy-test %s: %s", pp_safe(url), err);
    return false;
  }
  bool v[PP_NP_COUNT];
  *differ = false;
  for (unsigned d = 0; d < PP_NP_COUNT; d++) {
    v[d] = pp_noproxy_match_dialect((pp_np_dialect_t)d, r->value[d], &u);
    if (v[d] != v[0]) *differ = true;
  }
  fprintf(out, "%-*s", w, pp_safe(url));
  for (unsigned d = 0; d < PP_NP_COUNT; d++)
    fprintf(out, "  %-*s", d + 1 < PP_NP_COUNT || *differ ? col(d) : 0, v[d] ? "direct" : "proxy");
  fputs(*differ ? "  <- differ\n" : "\n", out);
  return true;
}

static json_t *row_json(const np_run_t *r, const char *url, bool *ok) {
  pp_np_url_t u;
  char err[128];
  json_t *o = json_object(), *b = json_object();
  json_object_set_new(o, "url", pp_json_str(url));
  *ok = pp_noproxy_url(url, &u, err, sizeof(err)) == PP_OK;
  if (!*ok) {
    pp_msg_error("--no-proxy-test %s: %s", pp_safe(url), err);
    json_object_set_new(o, "error", json_string(err));
    json_decref(b);
    return o;
  }
  bool agree = true, first = false;
  for (unsigned d = 0; d < PP_NP_COUNT; d++) {
    bool m = pp_noproxy_match_dialect((pp_np_dialect_t)d, r->value[d], &u);
    if (d == 0) first = m;
    else if (m != first) agree = false;
    json_object_set_new(b, pp_noproxy_dialect_name((pp_np_dialect_t)d), json_boolean(m));
  }
  json_object_set_new(o, "direct", b);
  json_object_set_new(o, "agree", json_boolean(agree));
  return o;
}

static int print_json(FILE *out, const np_run_t *r, const pp_strv_t *urls) {
  json_t *root = json_object(), *vals = json_object(), *rows = json_array();
  int rc = PP_EXIT_OK;
  for (unsigned d = 0; d < PP_NP_COUNT; d++) {
    json_t *v = json_object();
    char var[32] = "";
    if (r->var[d]) snprintf(var, sizeof(var), "%.*s", (int)strcspn(r->var[d], ","), r->var[d]);
    json_object_set_new(v, "value", pp_json_str(r->value[d]));
    json_object_set_new(v, "from", r->var[d] ? json_string(var) : json_null());
    json_object_set_new(vals, pp_noproxy_dialect_name((pp_np_dialect_t)d), v);
  }
  for (size_t i = 0; i < urls->n; i++) {
    bool ok;
    json_array_append_new(rows, row_json(r, urls->v[i], &ok));
    if (!ok) rc = PP_EXIT_PROBLEM;
  }
  json_object_set_new(root, "no_proxy", vals);
  json_object_set_new(root, "urls", rows);
  return pp_json_print_line(out, root) ? rc : PP_EXIT_USAGE;
}

int pp_sources_noproxy_test(FILE *out, const pp_strv_t *urls, const char *option, bool no_env,
                            bool json) {
  np_run_t r;
  values(&r, option, no_env);
  if (json) return print_json(out, &r, urls);
  int w = 3;
  for (size_t i = 0; i < urls->n; i++) {
    int n = (int)strlen(pp_safe(urls->v[i]));
    if (n > w) w = n > 80 ? 80 : n;
  }
  header(out, &r, w);
  int rc = PP_EXIT_OK;
  size_t ndiffer = 0;
  for (size_t i = 0; i < urls->n; i++) {
    bool differ = false;
    if (!row(out, &r, urls->v[i], w, &differ)) rc = PP_EXIT_PROBLEM;
    ndiffer += differ;
  }
  fprintf(out, "%zu of %zu URLs: the runtimes disagree\n", ndiffer, urls->n);
  return rc;
}
