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
#include <sys/stat.h>
#include <time.h>

#include "cli/eval.h"
#include "util/buf.h"

#define PAC_MAX_BYTES (4u * 1024u * 1024u)
#define PAC_FETCH_TIMEOUT_MS 30000u

typedef struct eval_run {
  pp_args_t a;
  pp_eval_report_t rep;
  pp_resolver_t *resolver;
  pp_engine_t *engine;
  bool pactester_lines; /* pacparser text mode: pactester's list handling */
  bool pactester;       /* invoked as pactester: its exit-code rules */
  bool failed;          /* some URL failed: exit 1 */
} eval_run_t;

static int usage_error(const char *opt, const char *value, const char *why) {
  pp_msg_error("option --%s: bad value '%s': %s", opt, value, why);
  return PP_EXIT_USAGE;
}

static int parse_format(eval_run_t *r) {
  const char *f = r->a.value[PP_OPT_FORMAT];
  if (!f || strcmp(f, "text") == 0) r->rep.format = PP_FMT_TEXT;
  else if (strcmp(f, "json") == 0) r->rep.format = PP_FMT_JSON;
  else if (strcmp(f, "tsv") == 0) r->rep.format = PP_FMT_TSV;
  else return usage_error("format", f, "expected text, json or tsv");
  return PP_EXIT_OK;
}

/* --tz must name a zone the C library knows; an unknown TZ would silently
 * mean UTC, which is exactly the kind of default we must not hide. */
static int apply_tz(const char *zone) {
  const char *dir = getenv("TZDIR") ? getenv("TZDIR") : "/usr/share/zoneinfo";
  char path[512];
  struct stat st;
  if (!*zone || zone[0] == '/' || strstr(zone, "..") ||
      (size_t)snprintf(path, sizeof(path), "%s/%s", dir, zone) >= sizeof(path) ||
      stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return usage_error("tz", zone, "not a known IANA time zone (e.g. Europe/Berlin)");
  setenv("TZ", zone, 1);
  tzset();
  return PP_EXIT_OK;
}

static int setup_resolver(eval_run_t *r) {
  char err[512];
  r->resolver = pp_resolver_new();
  if (!r->resolver) return PP_EXIT_USAGE;
  pp_strv_t *l = &r->a.list[PP_OPT_RESOLVE];
  for (size_t i = 0; i < l->n; i++)
    if (pp_resolver_add_override(r->resolver, l->v[i], err, sizeof(err)) != PP_OK)
      return usage_error("resolve", l->v[i], err);
  l = &r->a.list[PP_OPT_DNS_SERVER];
  for (size_t i = 0; i < l->n; i++)
    if (pp_resolver_add_server(r->resolver, l->v[i], err, sizeof(err)) != PP_OK)
      return usage_error("dns-server", l->v[i], err);
  const char *hosts = r->a.value[PP_OPT_HOSTS];
  if (hosts && pp_resolver_load_hosts(r->resolver, hosts, err, sizeof(err)) != PP_OK) {
    pp_msg_error("option --hosts: %s", err);
    return PP_EXIT_USAGE;
  }
  pp_resolver_set_offline(r->resolver, r->a.given[PP_OPT_NO_DNS]);
  return PP_EXIT_OK;
}

static int setup_engine(eval_run_t *r, const char *pac_source) {
  pp_engine_opts_t o;
  pp_engine_opts_init(&o);
  o.emulate = r->rep.mode;
  if (r->a.given[PP_OPT_TIMEOUT]) o.timeout_ms = (unsigned)r->a.count[PP_OPT_TIMEOUT];
  if (r->a.given[PP_OPT_MEMORY_LIMIT]) o.memory_limit_mib = (unsigned)r->a.count[PP_OPT_MEMORY_LIMIT];
  o.my_ips = r->a.list[PP_OPT_MY_IP].v;
  o.nmy_ips = r->a.list[PP_OPT_MY_IP].n;
  o.resolver = r->resolver;
  char err[512];
  const char *now = r->a.value[PP_OPT_NOW];
  if (now && pp_time_parse(now, &o.now_ms, err, sizeof(err)) != PP_OK)
    return usage_error("now", now, err);
  o.now_set = now != NULL;
  char *text = NULL;
  size_t len = 0;
  pp_status_t st = pp_pac_read(pac_source, PAC_MAX_BYTES, PAC_FETCH_TIMEOUT_MS, &text, &len, err,
                               sizeof(err));
  if (st != PP_OK) {
    pp_msg_error("PAC: %s", err);
    return PP_EXIT_USAGE;
  }
  r->engine = pp_engine_new(&o);
  st = r->engine ? pp_engine_load(r->engine, text, len, strcmp(pac_source, "-") ? pac_source : "stdin")
                 : PP_ENOMEM;
  free(text);
  if (st != PP_OK) {
    pp_msg_error("%s", r->engine ? pp_engine_error(r->engine) : pp_strerror(st));
    if (st != PP_EENGINE && st != PP_ENOMEM)
      pp_msg_note("the PAC cannot be used: %s would go DIRECT for every URL",
                  pp_emulation_name(r->rep.mode));
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

static int setup(eval_run_t *r) {
  int rc = parse_format(r);
  if (rc) return rc;
  const char *m = r->a.value[PP_OPT_EMULATE];
  if (m && pp_emulation_parse(m, &r->rep.mode) != PP_OK)
    return usage_error("emulate", m, "expected chrome, firefox, winhttp, pacparser, pac-resolver or libproxy");
  r->pactester_lines = r->rep.mode == PP_EMU_PACPARSER && r->rep.format == PP_FMT_TEXT;
  if (r->a.value[PP_OPT_TZ] && (rc = apply_tz(r->a.value[PP_OPT_TZ]))) return rc;
  if (!r->a.value[PP_OPT_PAC]) {
    pp_msg_error("eval: no PAC given (use -p FILE|URL|-)");
    return PP_EXIT_USAGE;
  }
  if (r->a.positional.n == 0 && r->a.list[PP_OPT_URL_FILE].n == 0) {
    pp_msg_error("eval: no URL given (arguments or -f FILE)");
    return PP_EXIT_USAGE;
  }
  if ((rc = setup_resolver(r))) return rc;
  return setup_engine(r, r->a.value[PP_OPT_PAC]);
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
  pp_resolver_free(r.resolver);
  pp_args_free(&r.a);
  return rc;
}
