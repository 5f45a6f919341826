/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe test PAC CASES` (DESIGN §1.4, docs/cases-format.md): runs a PAC
 * against a file of expected results. This file owns the directive state and
 * the engines; the line grammar is src/pac/cases.c, the outputs are
 * src/cli/test_report.c, and the environment is built by src/cli/env.c.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/endpoints.h"
#include "cli/env.h"
#include "cli/test_report.h"
#include "cli/report/html.h"
#include "os/os.h"
#include "pac/cases.h"
#include "util/buf.h"

/*
 * Directives and engines.
 *
 * 1. The case file is read whole and walked twice: the first walk checks
 *    every line (directive values, EXPECTED in the mode in effect) so a bad
 *    file exits 2 before any case runs; the second walk runs the cases.
 * 2. Directive state starts empty, meaning "the command line's value". A
 *    directive replaces its value, @resolve adds, a bare directive goes back
 *    to the command line's value, @reset clears everything.
 * 3. An engine is built lazily for the first case after the environment
 *    changed (@emulate, @now, @tz, @my-ip, @resolve, @reset) and reused
 *    until the next change; @host needs no new engine. Before an engine is
 *    freed its return-site hits are added to the coverage totals.
 * 4. TZ is process-wide: each engine build sets it (setenv + tzset) from
 *    @tz, else --tz, else the TZ the program started with. test evaluates
 *    on one thread, so this is safe.
 */

#define CASES_MAX_BYTES (64u * 1024u * 1024u)

typedef struct case_state {
  char *emulate, *now, *tz, *host; /* NULL: the command line's value */
  char **my_ips;                   /* replaces --my-ip when nmy_ips > 0 */
  size_t nmy_ips;
  char **resolves; /* added to --resolve */
  size_t nresolves;
} case_state_t;

typedef struct test_run {
  pp_args_t a;
  const char *pac_src, *cases_name;
  char *pac, *cases;
  size_t pac_len, cases_len;
  char *start_tz; /* TZ at start, NULL when unset */
  case_state_t st;
  pp_cli_env_t env;
  pp_engine_t *engine;
  bool coverage;
  pp_return_site_t *cov;
  size_t ncov;
  pp_test_report_t rep;
} test_run_t;

static void state_clear(case_state_t *s) {
  free(s->emulate);
  free(s->now);
  free(s->tz);
  free(s->host);
  pp_strlist_free(s->my_ips, s->nmy_ips);
  pp_strlist_free(s->resolves, s->nresolves);
  memset(s, 0, sizeof(*s));
}

/* Adds the engine's hits to the totals, site by site (every engine loads
 * the same PAC, so the sites are the same; matching by line:col is safe). */
static bool merge_coverage(test_run_t *r) {
  const pp_return_site_t *s = NULL;
  size_t n = pp_engine_return_sites(r->engine, &s);
  for (size_t i = 0; i < n; i++) {
    size_t j = 0;
    while (j < r->ncov && (r->cov[j].line != s[i].line || r->cov[j].col != s[i].col)) j++;
    if (j == r->ncov) {
      pp_return_site_t *grown = realloc(r->cov, (r->ncov + 1) * sizeof(*grown));
      if (!grown) return false;
      r->cov = grown;
      r->cov[r->ncov++] = (pp_return_site_t){s[i].line, s[i].col, 0};
    }
    r->cov[j].hits += s[i].hits;
  }
  return true;
}

static bool retire_engine(test_run_t *r) {
  bool ok = true;
  if (r->engine && r->coverage) ok = merge_coverage(r);
  pp_engine_free(r->engine);
  r->engine = NULL;
  pp_cli_env_free(&r->env);
  return ok;
}

static void restore_tz(const test_run_t *r) {
  pp_os_set_tz(r->start_tz);
}

/* The command line's options with the directive state laid over them, built
 * by the same code as every other subcommand (src/cli/env.c). */
static int build_engine(test_run_t *r) {
  pp_args_t a = r->a;
  const case_state_t *s = &r->st;
  if (s->emulate) a.value[PP_OPT_EMULATE] = s->emulate;
  if (s->now) a.value[PP_OPT_NOW] = s->now;
  if (s->tz) a.value[PP_OPT_TZ] = s->tz;
  if (s->nmy_ips) a.list[PP_OPT_MY_IP] = (pp_strv_t){(const char **)s->my_ips, s->nmy_ips};
  size_t nres = r->a.list[PP_OPT_RESOLVE].n;
  const char **res = malloc((nres + s->nresolves + 1) * sizeof(*res));
  if (!res) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  for (size_t i = 0; i < nres; i++) res[i] = r->a.list[PP_OPT_RESOLVE].v[i];
  for (size_t i = 0; i < s->nresolves; i++) res[nres + i] = s->resolves[i];
  a.list[PP_OPT_RESOLVE] = (pp_strv_t){res, nres + s->nresolves};
  if (!a.value[PP_OPT_TZ]) restore_tz(r);
  int rc = pp_cli_env_setup(&r->env, &a);
  free(res);
  if (rc == PP_EXIT_OK)
    rc = pp_cli_load_engine(&r->env.opts, r->pac, r->pac_len, pp_cli_pac_name(r->pac_src),
                            &r->engine);
  return rc;
}

static bool same(const char *x, const char *y) { return x == y || (x && y && strcmp(x, y) == 0); }

static bool set_string(char **slot, const char *value) {
  char *v = value ? strdup(value) : NULL;
  if (value && !v) return false;
  free(*slot);
  *slot = v;
  return true;
}

static bool copy_items(char ***list, size_t *n, const pp_case_line_t *l) {
  for (size_t i = 0; i < l->nitems; i++)
    if (!pp_strlist_push(list, n, l->items[i])) return false;
  return true;
}

/* Whether directive l changes what an engine was built from. */
static bool changes_engine(const case_state_t *s, const pp_case_line_t *l) {
  switch (l->dir) {
  case PP_CASE_DIR_HOST: return false;
  case PP_CASE_DIR_EMULATE: return !same(s->emulate, l->value);
  case PP_CASE_DIR_NOW: return !same(s->now, l->value);
  case PP_CASE_DIR_TZ: return !same(s->tz, l->value);
  default: return true;
  }
}

/* Applies directive l to the state, retiring the engine first when it was
 * built from what changes (its options point into the state). */
static bool apply_directive(test_run_t *r, const pp_case_line_t *l) {
  case_state_t *s = &r->st;
  if (changes_engine(s, l) && !retire_engine(r)) return false;
  switch (l->dir) {
  case PP_CASE_DIR_NOW: return set_string(&s->now, l->value);
  case PP_CASE_DIR_TZ: return set_string(&s->tz, l->value);
  case PP_CASE_DIR_EMULATE: return set_string(&s->emulate, l->value);
  case PP_CASE_DIR_HOST: return set_string(&s->host, l->value);
  case PP_CASE_DIR_MY_IP:
    pp_strlist_free(s->my_ips, s->nmy_ips);
    s->my_ips = NULL;
    s->nmy_ips = 0;
    return copy_items(&s->my_ips, &s->nmy_ips, l);
  case PP_CASE_DIR_RESOLVE:
    if (!l->value) {
      pp_strlist_free(s->resolves, s->nresolves);
      s->resolves = NULL;
      s->nresolves = 0;
    }
    return copy_items(&s->resolves, &s->nresolves, l);
  case PP_CASE_DIR_RESET: state_clear(s); return true;
  }
  return true;
}

/* The mode in effect (both values were checked before use). */
static pp_emulation_t current_mode(const test_run_t *r) {
  pp_emulation_t m = PP_EMU_CHROME;
  const char *name = r->st.emulate ? r->st.emulate : r->a.value[PP_OPT_EMULATE];
  if (name) pp_emulation_parse(name, &m);
  return m;
}

/* Runs one case and reports it. -1: fatal (out of memory, engine). */
static int run_case(test_run_t *r, const pp_case_line_t *l, unsigned long lineno,
                    const char *expected) {
  if (!r->engine && build_engine(r) != PP_EXIT_OK) return -1;
  pp_eval_t ev;
  const char *host = r->st.host ? r->st.host : r->a.value[PP_OPT_HOST];
  if (pp_engine_eval(r->engine, l->url, host, &ev) == PP_ENOMEM) {
    pp_eval_clear(&ev);
    pp_msg_error("out of memory");
    return -1;
  }
  bool failed = ev.status != PP_OK;
  const char *actual = failed ? "ERROR" : ev.result.canonical;
  pp_test_outcome_t o = {lineno, l->url, expected, actual,
                         failed ? (ev.error ? ev.error : pp_strerror(ev.status)) : NULL,
                         strcmp(expected, actual) == 0};
  pp_test_report_case(&r->rep, &o);
  pp_eval_clear(&ev);
  return 0;
}

/* One line of either walk. Returns 0, or an exit code to stop with. */
static int walk_line(test_run_t *r, const char *line, size_t len, unsigned long lineno, bool run) {
  char err[512];
  pp_case_line_t l;
  char *expected = NULL;
  int rc = 0;
  char where[600];
  snprintf(where, sizeof(where), "%s:%lu", r->rep.cases_name, lineno);
  if (!pp_cli_line_usable(where, line, len)) return PP_EXIT_USAGE;
  pp_status_t st = pp_case_line_parse(line, len, &l, err, sizeof(err));
  if (st == PP_OK && l.kind == PP_CASE_DIRECTIVE && !apply_directive(r, &l)) st = PP_ENOMEM;
  if (st == PP_OK && l.kind == PP_CASE_TEST)
    st = pp_case_expected_canonical(l.expected, current_mode(r), &expected, err, sizeof(err));
  if (st == PP_ENOMEM) {
    pp_msg_error("out of memory");
    rc = PP_EXIT_USAGE;
  } else if (st != PP_OK) {
    pp_msg_error("%s:%lu: %s", r->rep.cases_name, lineno, err);
    rc = PP_EXIT_USAGE;
  } else if (l.kind == PP_CASE_TEST) {
    if (!run) r->rep.planned++;
    else if (run_case(r, &l, lineno, expected) != 0) rc = PP_EXIT_USAGE;
  }
  free(expected);
  pp_case_line_clear(&l);
  return rc;
}

static int walk(test_run_t *r, bool run) {
  pp_buf_t b;
  const char *line;
  size_t len;
  unsigned long lineno = 0;
  int rc = 0;
  pp_buf_init(&b, r->cases, r->cases_len);
  pp_buf_match(&b, "\xEF\xBB\xBF"); /* a UTF-8 BOM from a Windows editor */
  while (rc == 0 && pp_buf_fetch_line(&b, &line, &len)) rc = walk_line(r, line, len, ++lineno, run);
  if (!retire_engine(r) && rc == 0) {
    pp_msg_error("out of memory");
    rc = PP_EXIT_USAGE;
  }
  state_clear(&r->st);
  return rc;
}

static int parse_options(test_run_t *r) {
  const pp_args_t *a = &r->a;
  const char *f = a->value[PP_OPT_FORMAT];
  if (!f || strcmp(f, "text") == 0) r->rep.format = PP_TEST_TEXT;
  else if (strcmp(f, "json") == 0) r->rep.format = PP_TEST_JSON;
  else return pp_cli_usage_error("format", f, "expected text or json");
  if (a->given[PP_OPT_TAP]) {
    if (r->rep.format == PP_TEST_JSON) {
      pp_msg_error("test: --tap and --format json cannot be combined");
      return PP_EXIT_USAGE;
    }
    r->rep.format = PP_TEST_TAP;
  }
  if (a->positional.n != 2) {
    pp_msg_error("test: expected a PAC and a CASES file (pacprobe test PAC CASES)");
    return PP_EXIT_USAGE;
  }
  r->pac_src = a->positional.v[0];
  r->cases_name = a->positional.v[1];
  if (strcmp(r->pac_src, "-") == 0 && strcmp(r->cases_name, "-") == 0) {
    pp_msg_error("test: PAC and CASES cannot both be read from stdin");
    return PP_EXIT_USAGE;
  }
  r->coverage = a->given[PP_OPT_COVERAGE];
  r->rep.cases_name = pp_cli_pac_name(r->cases_name);
  r->rep.pac_name = pp_cli_pac_name(r->pac_src);
  return PP_EXIT_OK;
}

/* Reads both inputs and checks the command line by building its engine
 * once, so every usage problem is reported before any output. */
static int setup(test_run_t *r) {
  int rc = parse_options(r);
  if (rc) return rc;
  const char *tz = getenv("TZ");
  if (tz && !(r->start_tz = strdup(tz))) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  char err[512];
  if (pp_pac_read(r->cases_name, CASES_MAX_BYTES, PP_PAC_FETCH_TIMEOUT_MS, &r->cases, &r->cases_len,
                  err, sizeof(err)) != PP_OK) {
    pp_msg_error("CASES: %s", err);
    return PP_EXIT_USAGE;
  }
  /* the command line's mode decides the download limit (sections may
   * switch modes later; the PAC is read once) */
  pp_emulation_t mode = PP_EMU_CHROME;
  if (r->a.value[PP_OPT_EMULATE]) (void)pp_emulation_parse(r->a.value[PP_OPT_EMULATE], &mode);
  if ((rc = pp_cli_read_pac(r->pac_src, mode, &r->pac, &r->pac_len))) return rc;
  if ((rc = build_engine(r))) return rc;
  if ((rc = walk(r, false))) return rc;
  if (r->rep.planned == 0) pp_msg_warn("%s: no cases", r->rep.cases_name);
  r->rep.pac_text = r->pac;
  r->rep.pac_len = r->pac_len;
  if (!pp_report_open(&r->rep.html, &r->a)) return PP_EXIT_USAGE;
  return pp_test_report_begin(&r->rep, r->a.value[PP_OPT_JUNIT], r->a.given[PP_OPT_OVERWRITE]);
}

static void print_help(void) {
  printf("usage: pacprobe test PAC CASES [options]\n"
         "       pacprobe test --endpoints FILE -p PAC [--wildcard LABEL]\n\n"
         "Run a PAC against a file of expected results (format: docs/cases-format.md).\n\n"
         "options:\n");
  pp_options_help(stdout, PP_CMD_TEST);
  printf("\nexit status: 0 every case passed, 1 a case failed, "
         "2 usage error or unusable PAC or CASES file\n");
}

int pp_cmd_test(int argc, char **argv, int first) {
  test_run_t r;
  memset(&r, 0, sizeof(r));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_TEST, "test", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  if (r.a.given[PP_OPT_ENDPOINTS] && r.a.given[PP_OPT_REPORT]) {
    pp_msg_error("test: --report goes with a cases run (pacprobe test PAC CASES), not --endpoints");
    goto done;
  }
  if (r.a.given[PP_OPT_ENDPOINTS]) {
    rc = pp_test_endpoints(&r.a); /* the PAC vs Microsoft 365's categories (test_endpoints.c) */
    goto done;
  }
  if (r.a.given[PP_OPT_PAC]) {
    pp_msg_error("test: -p PAC goes with --endpoints FILE; a cases run is pacprobe test PAC CASES");
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  if ((rc = walk(&r, true))) goto done;
  rc = pp_test_report_end(&r.rep, r.coverage, r.cov, r.ncov);
done:
  retire_engine(&r);
  state_clear(&r.st);
  pp_test_report_free(&r.rep);
  free(r.cov);
  free(r.pac);
  free(r.cases);
  free(r.start_tz);
  pp_args_free(&r.a);
  return rc;
}
