/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe eval` (DESIGN §1.2): turns options into a resolver and --jobs
 * engines, loads the PAC into each, then streams URLs from the arguments and
 * -f files through the parallel runner (runner.c), which hands records back
 * in input order. Unusable input (the PAC, a flag value) exits 2 before any
 * URL runs; a bad URL or a failing evaluation is reported and the rest go on
 * (exit 1). --stats adds a summary on stderr at the end. Proxy logs
 * (--log FORMAT FILE, -f detected) give their entries' URLs; with
 * --summary every URL goes to the memoised replay (replay.c) instead of the
 * runner, and the distribution of results is printed at the end.
 */
#ifdef __GLIBC__
#endif
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "cli/env.h"
#include "cli/eval.h"
#include "cli/replay.h"
#include "cli/runner.h"
#include "util/buf.h"
#include "util/esc.h"

/* --jobs above this is refused: each engine is a heap of up to
 * --memory-limit MiB. */
#define MAX_JOBS 256

typedef struct eval_run {
  pp_args_t a;
  pp_eval_report_t rep;
  pp_cli_env_t env;
  pp_engine_t **engines;
  size_t jobs;
  pp_runner_t *runner;
  unsigned long long bytes_done, bytes_total;
  bool pactester_lines; /* pacparser text mode: pactester's list handling */
  bool pactester;       /* invoked as pactester: its exit-code rules */
  bool failed;          /* some URL failed: exit 1 */
  bool stateful;        /* the PAC keeps state: one engine, input order */
  char state_why[256];
  bool summary;         /* --summary: the replay counts, no records */
  pp_cli_input_t in;
  pp_replay_t replay;
  char memo_why[300];
  double t0;
  size_t summary_jobs; /* --jobs for the replay's threads */
  char *text;          /* the PAC, for them */
} eval_run_t;

static int parse_format(eval_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (!f || strcmp(f, "text") == 0) r->rep.format = PP_FMT_TEXT;
  else if (strcmp(f, "json") == 0) r->rep.format = PP_FMT_JSON;
  else if (strcmp(f, "tsv") == 0) r->rep.format = PP_FMT_TSV;
  else return pp_cli_usage_error("format", f, "expected text, json or tsv");
  return PP_EXIT_OK;
}

/* --jobs, default one per CPU; never more engines than URL arguments when
 * the URLs are all on the command line. */
static int choose_jobs(eval_run_t *r) {
  unsigned long jobs = r->a.given[PP_OPT_JOBS] ? r->a.count[PP_OPT_JOBS] : (unsigned long)pp_os_ncpus();
  if (jobs > MAX_JOBS) return pp_cli_usage_error("jobs", r->a.value[PP_OPT_JOBS], "at most 256");
  if (r->a.list[PP_OPT_URL_FILE].n == 0 && r->a.list[PP_OPT_LOG].n == 0 && r->a.positional.n < jobs)
    jobs = r->a.positional.n;
  r->jobs = jobs ? jobs : 1;
  return PP_EXIT_OK;
}

/* A PAC that writes global state from FindProxyForURL answers according to
 * the URLs before (a browser runs every URL in one context): such a PAC
 * gets one engine and input order, whatever --jobs says (docs/engine.md
 * "State across URLs"). */
static int one_engine_if_stateful(eval_run_t *r, const char *text, size_t len, const char *name) {
  if (pp_pac_state_scan(text, len, name, r->env.opts.memory_limit_mib, &r->stateful, r->state_why,
                        sizeof(r->state_why)) != PP_OK) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  if (!r->stateful) return PP_EXIT_OK;
  bool unscanned = strncmp(r->state_why, "is not scanned", 14) == 0;
  if (r->jobs > 1)
    pp_msg_note("%s %s state between URLs (it %s): evaluating every URL in one engine, in "
                "input order, as a browser does (not %zu in parallel)", name,
                unscanned ? "is treated as keeping" : "keeps", r->state_why, r->jobs);
  r->jobs = 1;
  return PP_EXIT_OK;
}

static int setup(eval_run_t *r) {
  int rc = parse_format(r);
  if (rc || (rc = pp_cli_env_setup(&r->env, &r->a))) return rc;
  r->rep.mode = r->env.opts.emulate;
  r->env.opts.no_return_sites = true; /* eval reports no return locations */
  r->pactester_lines = r->rep.mode == PP_EMU_PACPARSER && r->rep.format == PP_FMT_TEXT;
  const char *pac = r->a.value[PP_OPT_PAC];
  if (!pac) {
    pp_msg_error("eval: no PAC given (use -p FILE|URL|-)");
    return PP_EXIT_USAGE;
  }
  if (r->a.positional.n == 0 && r->a.list[PP_OPT_URL_FILE].n == 0 && r->a.list[PP_OPT_LOG].n == 0) {
    pp_msg_error("eval: no URL given (arguments, -f FILE or --log FORMAT FILE)");
    return PP_EXIT_USAGE;
  }
  if ((rc = pp_cli_check_log_formats(&r->a))) return rc;
  r->summary = r->a.given[PP_OPT_SUMMARY];
  if (r->summary && r->rep.format == PP_FMT_TSV)
    return pp_cli_usage_error("format", "tsv", "--summary prints text or json");
  if ((rc = choose_jobs(r))) return rc;
  r->summary_jobs = r->jobs;
  if (r->summary) r->jobs = 1; /* the replay has its own evaluation threads */
  char *text = NULL;
  size_t len = 0;
  if ((rc = pp_cli_read_pac(pac, r->env.opts.emulate, &text, &len))) return rc;
  if ((rc = one_engine_if_stateful(r, text, len, pp_cli_pac_name(pac)))) {
    free(text);
    return rc;
  }
  bool memo_off = r->a.given[PP_OPT_NO_MEMO];
  snprintf(r->memo_why, sizeof(r->memo_why), "--no-memo");
  if (!memo_off && pp_cli_memo_scan(text, len, pp_cli_pac_name(pac), &r->env.opts, &memo_off,
                                    r->memo_why, sizeof(r->memo_why)) != 0) {
    free(text);
    return PP_EXIT_USAGE;
  }
  r->engines = calloc(r->jobs, sizeof(*r->engines));
  if (!r->engines) rc = pp_cli_usage_error("jobs", r->a.value[PP_OPT_JOBS], "out of memory");
  /* every engine compiles the PAC once; the first reports a broken PAC */
  for (size_t i = 0; rc == 0 && i < r->jobs; i++)
    rc = pp_cli_load_engine(&r->env.opts, text, len, pp_cli_pac_name(pac), &r->engines[i]);
  if (rc == 0) {
    pp_replay_cfg_t cfg = {{r->engines[0], NULL}, 1, r->env.opts.emulate, r->a.value[PP_OPT_HOST],
                           !memo_off, r->memo_why, r->summary_jobs, &r->env.opts, {text, NULL},
                           {len, 0}, {pp_cli_pac_name(pac), NULL}};
    pp_replay_init(&r->replay, &cfg);
    r->text = text;
  } else {
    free(text);
  }
  return rc;
}

/* The runner's output callback: one record (or pactester's echoed "#"
 * line), in input order, on the main thread. */
static void emit(void *udata, const pp_eval_t *ev, const char *where, const char *text) {
  eval_run_t *r = udata;
  if (!ev) {
    fputs(text, stdout);
    return;
  }
  r->rep.where = where;
  pp_eval_report(&r->rep, ev);
  /* pactester skips a malformed list line and still exits 0 */
  if (ev->status != PP_OK && !(r->pactester && ev->status == PP_EBADURL)) r->failed = true;
}

static int eval_one(eval_run_t *r, const char *url, const char *where) {
  if (r->summary) { /* a URL of a list or argument: one request without bytes */
    const char *colon = strrchr(where, ':');
    unsigned long lineno = colon ? strtoul(colon + 1, NULL, 10) : 0;
    return pp_replay_entry(&r->replay, url, strlen(url), -1, where, lineno);
  }
  pp_runner_progress_bytes(r->runner, r->bytes_done, r->bytes_total);
  return pp_runner_submit(r->runner, url, where);
}

/* A log entry: into the replay (--summary) or the runner. */
static int eval_entry(void *udata, const char *url, size_t n, long long bytes, const char *name,
                      unsigned long lineno) {
  eval_run_t *r = udata;
  if (r->summary) return pp_replay_entry(&r->replay, url, n, bytes, name, lineno);
  char where[600];
  snprintf(where, sizeof(where), "%s:%lu", name, lineno);
  char *u = pp_strndup(url, n);
  int rc = u ? eval_one(r, u, where) : -1;
  free(u);
  return rc;
}

/* One line of a URL list. Ordinary lists: pp_cli_list_url. pactester
 * lists: leading blanks skipped, "#" lines echoed to stdout as they are
 * (their "\r\n" included), the URL ends at the first blank. */
static int eval_line(void *udata, const char *line, size_t raw_len, bool had_nl,
                     const char *where) {
  eval_run_t *r = udata;
  r->bytes_done += raw_len + had_nl;
  size_t len = raw_len > 0 && line[raw_len - 1] == '\r' ? raw_len - 1 : raw_len;
  const char *tok;
  size_t n;
  if (!r->pactester_lines) {
    if (!pp_cli_list_url(line, len, &tok, &n)) return 0;
  } else {
    pp_buf_t b;
    pp_buf_init(&b, line, len);
    pp_buf_skip_blanks(&b);
    if (pp_buf_peek(&b) == '#') {
      pp_str_t echo = PP_STR_INIT;
      /* echoed as pactester does, control characters escaped (pp_esc_text)
       * except the CR of a CRLF line end, which acts on nothing before the
       * LF and keeps a Windows file's echo byte for byte */
      size_t cn = raw_len - b.pos;
      bool cr = cn > 0 && line[b.pos + cn - 1] == '\r';
      bool ok = pp_esc_text(&echo, line + b.pos, cn - cr) && pp_str_puts(&echo, cr ? "\r" : "") &&
                pp_str_puts(&echo, had_nl ? "\n" : "");
      int rc = ok && echo.s ? pp_runner_echo(r->runner, echo.s) : -1;
      pp_str_free(&echo);
      return rc;
    }
    if ((n = pp_buf_fetch_token(&b, &tok)) == 0) return 0;
  }
  char *url = pp_strndup(tok, n);
  if (!url) return -1;
  int rc = eval_one(r, url, where);
  free(url);
  return rc;
}

/* Sum of the sizes of the -f files, 0 when one is not a regular file. */
static unsigned long long input_bytes(const pp_args_t *a) {
  unsigned long long total = 0;
  for (size_t i = 0; i < a->list[PP_OPT_URL_FILE].n; i++) {
    const char *p = a->list[PP_OPT_URL_FILE].v[i];
    long long size = strcmp(p, "-") == 0 ? -1 : pp_os_file_size(p);
    if (size < 0) return 0;
    total += (unsigned long long)size;
  }
  return total;
}

static int start_runner(eval_run_t *r) {
  pp_runner_cfg_t cfg = {
      .engines = r->engines,
      .jobs = r->jobs,
      .mode = r->env.opts.emulate,
      .resolver = r->env.resolver,
      .host_override = r->a.value[PP_OPT_HOST],
      .prefetch = true,
      .progress = !r->a.given[PP_OPT_QUIET] && isatty(STDERR_FILENO),
      .emit = emit,
      .udata = r,
  };
  r->bytes_total = input_bytes(&r->a);
  r->runner = pp_runner_new(&cfg);
  if (r->runner) return PP_EXIT_OK;
  pp_msg_error("cannot start %zu evaluation threads", r->jobs);
  return PP_EXIT_USAGE;
}

/* --stats: one summary on stderr after the last record (DNS counters are
 * the shared resolver's: every query this run sent). */
static void print_stats(const eval_run_t *r, const pp_run_stats_t *s) {
  pp_dns_stats_t d;
  pp_resolver_stats(r->env.resolver, &d);
  double secs = s->wall_ms / 1000.0;
  pp_msg_raw("stats: %lu URLs in %.3f s, %.0f evaluations/s, %zu jobs, %lu failed\n", s->urls,
             secs, secs > 0 ? (double)s->urls / secs : 0.0, r->jobs, s->failed);
  pp_msg_raw("stats: evaluation time p50 %.3f ms, p99 %.3f ms\n", s->p50_ms, s->p99_ms);
  if (r->stateful)
    pp_msg_raw("stats: the PAC keeps state between URLs (it %s): one engine, input order\n",
               r->state_why);
  pp_msg_raw("stats: DNS %lu queries sent, %lu lookups, %lu cache hits, %lu failures "
             "(%lu not found, %lu errors), %lu resolved ahead\n",
             d.queries_sent, d.lookups, d.cache_hits, d.not_found + d.errors, d.not_found, d.errors,
             d.prefetched);
  if (!d.errors) return;
  pp_msg_raw("stats: DNS errors by cause:");
  for (int c = 0; c < PP_DNS_FAIL_COUNT; c++)
    if (d.by_cause[c]) pp_msg_raw(" %lu %s", d.by_cause[c], pp_dns_failure_code((pp_dns_failure_t)c));
  pp_msg_raw("\n");
}

static void print_help(void) {
  printf("usage: pacprobe eval -p PAC [options] [URL...] [-f FILE] [--log FORMAT FILE]\n\n"
         "Evaluate a PAC script for URLs as a browser would.\n\noptions:\n");
  pp_options_help(stdout, PP_CMD_EVAL);
  printf("\nexit status: 0 all evaluated, 1 a URL or evaluation failed, 2 usage error or unusable PAC\n");
}

int pp_cmd_eval(int argc, char **argv, int first) { return pp_eval_main(argc, argv, first, false); }

int pp_eval_main(int argc, char **argv, int first, bool pactester) {
  eval_run_t r;
  memset(&r, 0, sizeof(r));
  r.pactester = pactester;
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_EVAL, "eval", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  r.t0 = pp_dns_now_ms();
  if ((rc = setup(&r)) || (rc = start_runner(&r))) goto done;
  r.rep.bare = r.a.positional.n == 1 && r.a.list[PP_OPT_URL_FILE].n == 0 &&
               r.a.list[PP_OPT_LOG].n == 0 && !r.summary;
  int err = 0;
  for (size_t i = 0; err == 0 && i < r.a.positional.n; i++) {
    char where[48];
    snprintf(where, sizeof(where), "URL argument %zu", i + 1);
    err = eval_one(&r, r.a.positional.v[i], where);
  }
  r.in.list_fn = eval_line;
  r.in.entry_fn = r.pactester ? NULL : eval_entry; /* pactester reads URL lists only */
  r.in.udata = &r;
  r.in.bad = &r.failed;
  if (err == 0) err = pp_cli_read_inputs(&r.in, &r.a);
  pp_run_stats_t stats;
  if (pp_runner_finish(r.runner, &stats) != 0) err = -1;
  if (r.summary && !err && pp_replay_wait(&r.replay) != 0) err = -1;
  if (r.summary && !err) {
    pp_replay_finish(&r.replay);
    pp_replay_print_summary(&r.replay, &r.in, r.rep.format == PP_FMT_JSON);
    r.failed |= r.replay.bad_urls > 0;
  }
  fflush(stdout);
  if (r.a.given[PP_OPT_STATS] && r.summary) pp_replay_print_stats(&r.replay, &r.in, pp_dns_now_ms() - r.t0);
  else if (r.a.given[PP_OPT_STATS]) print_stats(&r, &stats);
  rc = err ? PP_EXIT_USAGE : r.failed ? PP_EXIT_PROBLEM : PP_EXIT_OK;
done:
  pp_replay_free(&r.replay);
  pp_cli_input_free(&r.in);
  free(r.text);
  pp_runner_free(r.runner);
  for (size_t i = 0; r.engines && i < r.jobs; i++) pp_engine_free(r.engines[i]);
  free(r.engines);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
