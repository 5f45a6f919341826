/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe test --endpoints FILE -p PAC` (issue 17, docs/endpoints.md):
 * the PAC against Microsoft's connectivity guidance, offline. Every URL of
 * the endpoints file is evaluated in the chrome, firefox and winhttp
 * emulations; a table per category shows each result. An Optimize endpoint
 * whose first route is not DIRECT in some emulation is an error (exit 1),
 * an Allow endpoint so routed a warning, Default endpoints are shown only.
 * DNS is offline (--resolve and --hosts still answer): no packet is sent.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/endpoints.h"
#include "cli/env.h"
#include "util/str.h"

#define NEMU 3
static const pp_emulation_t emus[NEMU] = {PP_EMU_CHROME, PP_EMU_FIREFOX, PP_EMU_WINHTTP};

typedef struct row {
  char *result[NEMU]; /* canonical result, or "error: ..." */
  bool proxied;       /* the first route is not DIRECT in some emulation */
} row_t;

static char *eval_one(pp_engine_t *e, const char *url, bool *proxied) {
  pp_eval_t ev;
  memset(&ev, 0, sizeof(ev));
  if (pp_engine_eval(e, url, NULL, &ev) == PP_ENOMEM) return NULL;
  pp_str_t s = PP_STR_INIT;
  if (ev.status != PP_OK) pp_str_printf(&s, "error: %s", ev.error ? ev.error : "?");
  else {
    pp_str_puts(&s, ev.result.canonical ? ev.result.canonical : "DIRECT");
    if (ev.result.nroutes && ev.result.routes[0].type != PP_ROUTE_DIRECT) *proxied = true;
  }
  pp_eval_clear(&ev);
  return pp_str_take(&s);
}

static const char *rule_of(pp_ep_category_t c) {
  return c == PP_EP_OPTIMIZE ? "must be DIRECT" : c == PP_EP_ALLOW ? "should be DIRECT" : "may be proxied";
}

static void print_table(const pp_endpoints_t *eps, const row_t *rows, pp_ep_category_t cat) {
  size_t n = 0, proxied = 0, wu = 3, wr[NEMU] = {6, 7, 7};
  for (size_t i = 0; i < eps->n; i++) {
    if (eps->v[i].category != cat) continue;
    n++;
    proxied += rows[i].proxied;
    if (strlen(eps->v[i].url) > wu) wu = strlen(eps->v[i].url);
    for (int k = 0; k < NEMU; k++)
      if (strlen(rows[i].result[k]) > wr[k]) wr[k] = strlen(rows[i].result[k]);
  }
  printf("%s endpoints (%s): %zu URL%s, %zu proxied\n", pp_ep_category_name(cat), rule_of(cat), n,
         n == 1 ? "" : "s", proxied);
  if (!n) return (void)putchar('\n');
  printf("  %-4s %-10s %-*s  %-*s  %-*s  %s\n", "SET", "SERVICE", (int)wu, "URL", (int)wr[0], "chrome",
         (int)wr[1], "firefox", "winhttp");
  for (size_t i = 0; i < eps->n; i++) {
    const pp_endpoint_t *p = &eps->v[i];
    if (p->category != cat) continue;
    printf("  %-4ld %-10s %-*s  %-*s  %-*s  %s%s\n", p->id, p->service_area, (int)wu, p->url,
           (int)wr[0], rows[i].result[0], (int)wr[1], rows[i].result[1], rows[i].result[2],
           rows[i].proxied && cat != PP_EP_DEFAULT ? "  <-" : "");
  }
  putchar('\n');
}

/* The findings: one line per Optimize (error) or Allow (warning) URL proxied. */
static size_t findings(const pp_endpoints_t *eps, const row_t *rows, pp_ep_category_t cat) {
  size_t count = 0;
  for (size_t i = 0; i < eps->n; i++) {
    const pp_endpoint_t *p = &eps->v[i];
    if (p->category != cat || !rows[i].proxied) continue;
    count++;
    printf("%s: endpoint set %ld (%s, %s%s) %s", cat == PP_EP_OPTIMIZE ? "error" : "warning", p->id,
           p->service_area, pp_ep_category_name(cat), p->required ? ", required" : "", p->pattern);
    if (strcmp(p->pattern, p->url) != 0) printf(" as %s", p->url);
    printf(" is proxied:");
    for (int k = 0; k < NEMU; k++)
      if (strncmp(rows[i].result[k], "DIRECT", 6) != 0)
        printf(" %s %s%s", pp_emulation_name(emus[k]), rows[i].result[k], k < NEMU - 1 ? ";" : "");
    printf(" (Microsoft: %s endpoints %s)\n", pp_ep_category_name(cat), rule_of(cat));
  }
  return count;
}

static int run(const pp_args_t *a, pp_cli_env_t *env, const pp_endpoints_t *eps, row_t *rows) {
  char *text = NULL;
  size_t len = 0;
  int rc = pp_cli_read_pac(a->value[PP_OPT_PAC], PP_EMU_CHROME, &text, &len);
  pp_resolver_set_offline(env->resolver, true); /* no network: --resolve/--hosts only */
  for (int k = 0; rc == PP_EXIT_OK && k < NEMU; k++) {
    pp_engine_opts_t o = env->opts;
    o.emulate = emus[k];
    pp_engine_t *e = NULL;
    if ((rc = pp_cli_load_engine(&o, text, len, pp_cli_pac_name(a->value[PP_OPT_PAC]), &e))) break;
    for (size_t i = 0; rc == PP_EXIT_OK && i < eps->n; i++)
      if (!(rows[i].result[k] = eval_one(e, eps->v[i].url, &rows[i].proxied))) rc = PP_EXIT_USAGE;
    pp_engine_free(e);
  }
  free(text);
  return rc;
}

int pp_test_endpoints(const pp_args_t *a) {
  const char *fmt = a->value[PP_OPT_FORMAT];
  if (fmt && strcmp(fmt, "text") != 0)
    return pp_cli_usage_error("format", fmt, "test --endpoints prints text only");
  if (!a->value[PP_OPT_PAC] || a->positional.n) {
    pp_msg_error("test: --endpoints FILE takes the PAC as -p PAC and no CASES file "
                 "(pacprobe test --endpoints endpoints.json -p proxy.pac)");
    return PP_EXIT_USAGE;
  }
  pp_endpoints_t eps;
  pp_cli_env_t env;
  memset(&env, 0, sizeof(env));
  memset(&eps, 0, sizeof(eps));
  int rc = pp_cli_load_endpoints(a, &eps);
  if (rc) return rc;
  row_t *rows = calloc(eps.n, sizeof(*rows));
  if (!rows) rc = PP_EXIT_USAGE;
  if (!rc) rc = pp_cli_env_setup(&env, a);
  if (!rc) rc = run(a, &env, &eps, rows);
  if (!rc) {
    for (int c = PP_EP_OPTIMIZE; c <= PP_EP_DEFAULT; c++) print_table(&eps, rows, (pp_ep_category_t)c);
    size_t errors = findings(&eps, rows, PP_EP_OPTIMIZE), warnings = findings(&eps, rows, PP_EP_ALLOW);
    printf("summary: %zu URLs from %s; %zu error%s (Optimize proxied), %zu warning%s (Allow "
           "proxied)%s\n", eps.n, a->value[PP_OPT_ENDPOINTS], errors, errors == 1 ? "" : "s",
           warnings, warnings == 1 ? "" : "s", eps.ip_only ? "; sets with IP ranges only are not "
           "tested by name" : "");
    rc = errors || eps.nproblems ? PP_EXIT_PROBLEM : PP_EXIT_OK;
  }
  for (size_t i = 0; rows && i < eps.n; i++)
    for (int k = 0; k < NEMU; k++) free(rows[i].result[k]);
  free(rows);
  pp_endpoints_clear(&eps);
  pp_cli_env_free(&env);
  return rc;
}
