/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe eval` (DESIGN §1.2): turns options into a resolver and an engine,
 * loads the PAC, then evaluates URLs from the arguments and -f files in input
 * order, streaming one record per URL. Unusable input (the PAC, a flag value)
 * exits 2 before any URL runs; a bad URL or a failing evaluation is reported
 * and the rest go on (exit 1).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"
#include "cli/eval.h"
#include "util/buf.h"

typedef struct eval_run {
  pp_args_t a;
  pp_eval_report_t rep;
  pp_cli_env_t env;
  pp_engine_t *engine;
  bool pactester_lines; /* pacparser text mode: pactester's list handling */
  bool pactester;       /* invoked as pactester: its exit-code rules */
  bool failed;          /* some URL failed: exit 1 */
} eval_run_t;

static int parse_format(eval_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (!f || strcmp(f, "text") == 0) r->rep.format = PP_FMT_TEXT;
  else if (strcmp(f, "json") == 0) r->rep.format = PP_FMT_JSON;
  else if (strcmp(f, "tsv") == 0) r->rep.format = PP_FMT_TSV;
  else return pp_cli_usage_error("format", f, "expected text, json or tsv");
  return PP_EXIT_OK;
}

static int setup(eval_run_t *r) {
  int rc = parse_format(r);
  if (rc || (rc = pp_cli_env_setup(&r->env, &r->a))) return rc;
  r->rep.mode = r->env.opts.emulate;
  r->pactester_lines = r->rep.mode == PP_EMU_PACPARSER && r->rep.format == PP_FMT_TEXT;
  const char *pac = r->a.value[PP_OPT_PAC];
  if (!pac) {
    pp_msg_error("eval: no PAC given (use -p FILE|URL|-)");
    return PP_EXIT_USAGE;
  }
  if (r->a.positional.n == 0 && r->a.list[PP_OPT_URL_FILE].n == 0) {
    pp_msg_error("eval: no URL given (arguments or -f FILE)");
    return PP_EXIT_USAGE;
  }
  char *text = NULL;
  size_t len = 0;
  if ((rc = pp_cli_read_pac(pac, &text, &len))) return rc;
  rc = pp_cli_load_engine(&r->env.opts, text, len, pp_cli_pac_name(pac), &r->engine);
  free(text);
  return rc;
}

static int eval_one(eval_run_t *r, const char *url, const char *where) {
  pp_eval_t ev;
  pp_status_t st = pp_engine_eval(r->engine, url, r->a.value[PP_OPT_HOST], &ev);
  if (st == PP_ENOMEM) {
    pp_eval_clear(&ev);
    pp_msg_error("out of memory");
    return -1;
  }
  r->rep.where = where;
  pp_eval_report(&r->rep, &ev);
  /* pactester skips a malformed list line and still exits 0 */
  if (ev.status != PP_OK && !(r->pactester && ev.status == PP_EBADURL)) r->failed = true;
  pp_eval_clear(&ev);
  return 0;
}

/* One line of a URL list. Ordinary lists: surrounding blanks trimmed, blank
 * and "#" lines skipped. pactester lists: leading blanks skipped, "#" lines
 * echoed to stdout as they are, the URL ends at the first blank. */
static int eval_line(eval_run_t *r, const char *line, size_t len, size_t raw_len, bool had_nl,
                     const char *where) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  pp_buf_skip_blanks(&b);
  if (pp_buf_peek(&b) == '#') {
    /* pactester echoes the comment with its own line end, "\r\n" included */
    if (r->pactester_lines)
      printf("%.*s%s", (int)(raw_len - b.pos), line + b.pos, had_nl ? "\n" : "");
    return 0;
  }
  const char *tok;
  size_t n = pp_buf_fetch_token(&b, &tok);
  if (!r->pactester_lines) {
    /* the URL runs to the last non-blank byte */
    size_t end = len;
    while (end > b.pos - n && (line[end - 1] == ' ' || line[end - 1] == '\t')) end--;
    n = end - (size_t)(tok - line);
  }
  if (n == 0) return 0;
  char *url = pp_strndup(tok, n);
  if (!url) return -1;
  int rc = eval_one(r, url, where);
  free(url);
  return rc;
}

static int eval_file(eval_run_t *r, const char *path) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  if (!f) {
    pp_msg_error("URL file '%s': %s", path, strerror(errno));
    r->failed = true;
    return 0;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  unsigned long lineno = 0;
  int rc = 0;
  while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
    char where[600];
    lineno++;
    snprintf(where, sizeof(where), "%s:%lu", strcmp(path, "-") ? path : "stdin", lineno);
    size_t len = (size_t)got;
    bool nl = len > 0 && line[len - 1] == '\n';
    if (nl) len--;
    size_t raw_len = len;
    if (len > 0 && line[len - 1] == '\r') len--;
    rc = eval_line(r, line, len, raw_len, nl, where);
  }
  if (rc == 0 && ferror(f)) {
    pp_msg_error("URL file '%s': read error: %s", path, strerror(errno));
    r->failed = true;
  }
  free(line);
  if (f != stdin) fclose(f);
  return rc;
}

static void print_help(void) {
  printf("usage: pacprobe eval -p PAC [options] [URL...] [-f FILE]\n\n"
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
  if (r.a.given[PP_OPT_VERSION]) {
    printf("pacprobe %s\n", PP_VERSION);
    rc = PP_EXIT_OK;
    goto done;
  }
  if (r.a.given[PP_OPT_HELP]) {
    print_help();
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = setup(&r))) goto done;
  r.rep.bare = r.a.positional.n == 1 && r.a.list[PP_OPT_URL_FILE].n == 0;
  int err = 0;
  for (size_t i = 0; err == 0 && i < r.a.positional.n; i++) {
    char where[48];
    snprintf(where, sizeof(where), "URL argument %zu", i + 1);
    err = eval_one(&r, r.a.positional.v[i], where);
  }
  for (size_t i = 0; err == 0 && i < r.a.list[PP_OPT_URL_FILE].n; i++)
    err = eval_file(&r, r.a.list[PP_OPT_URL_FILE].v[i]);
  fflush(stdout);
  rc = err ? PP_EXIT_USAGE : r.failed ? PP_EXIT_PROBLEM : PP_EXIT_OK;
done:
  pp_engine_free(r.engine);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
