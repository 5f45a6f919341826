/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe diff OLD NEW [URL...] [-f FILE]` (DESIGN §1.4): evaluates two PAC
 * versions in the same simulated environment (one resolver, one set of
 * engine options from src/cli/env.c) and prints the URLs whose canonical
 * result differs, then a count and the old -> new pairs by frequency. URLs
 * are streamed: memory grows with the number of distinct pairs, not URLs.
 * A proxy log (--log FORMAT FILE, or -f detected) is replayed instead
 * (replay.c): its entries memoised by what the scripts see and reported as
 * moved traffic, requests and bytes per old -> new pair with top hosts.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/diff_groups.h"
#include "cli/env.h"
#include "cli/replay.h"
#include "os/os.h"
#include "util/str.h"

typedef struct diff_run {
  pp_args_t a;
  pp_cli_env_t env;
  pp_engine_t *old_engine, *new_engine;
  bool json;
  unsigned long total, changed;
  pp_diff_groups_t groups;
  bool bad_input; /* a malformed URL or unreadable list: exit 2 at the end */
  pp_cli_input_t in;
  pp_replay_t replay;
  bool memo_off;       /* a side keeps state or reads the clock: every line evaluated */
  char memo_why[300];
  double t0;
  const char *pac[2]; /* OLD and NEW */
  size_t first_url;   /* positional index of the first URL */
  char *texts[2]; /* the PACs, for the replay's evaluation threads */
  size_t lens[2];
} diff_run_t;

/* What one side answered: the canonical result, or "ERROR" with the
 * message. Two failures compare equal whatever their messages say (the file
 * names alone differ): the client does the same thing either way. */
typedef struct side {
  const char *result;
  const char *error;
} side_t;

static side_t side_of(const pp_eval_t *ev) {
  if (ev->status == PP_OK) return (side_t){ev->result.canonical, NULL};
  return (side_t){"ERROR", ev->error ? ev->error : pp_strerror(ev->status)};
}

/* JSON strings must be UTF-8; anything else is shown as null. */
static json_t *jstr(const char *s) {
  json_t *j = s ? json_string(s) : NULL;
  return j ? j : json_null();
}

static void print_change(diff_run_t *r, const char *url, side_t o, side_t n) {
  if (!r->json) {
    printf("%s: %s%s%s%s -> %s%s%s%s\n", pp_safe(url), pp_safe(o.result), o.error ? " (" : "",
           o.error ? pp_safe(o.error) : "", o.error ? ")" : "", pp_safe(n.result),
           n.error ? " (" : "", n.error ? pp_safe(n.error) : "", n.error ? ")" : "");
    return;
  }
  json_t *j = json_object();
  json_object_set_new(j, "url", jstr(url));
  json_object_set_new(j, "old", jstr(o.result));
  json_object_set_new(j, "new", jstr(n.result));
  json_object_set_new(j, "old_error", jstr(o.error));
  json_object_set_new(j, "new_error", jstr(n.error));
  char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) printf("%s%s", r->changed > 1 ? "," : "", s);
  free(s);
  json_decref(j);
}

/* Evaluates url with both engines. -1 on out of memory. */
static int diff_url(diff_run_t *r, const char *url, const char *where) {
  pp_eval_t ev[2];
  const char *host = r->a.value[PP_OPT_HOST];
  pp_status_t s0 = pp_engine_eval(r->old_engine, url, host, &ev[0]);
  pp_status_t s1 = pp_engine_eval(r->new_engine, url, host, &ev[1]);
  int rc = 0;
  if (s0 == PP_ENOMEM || s1 == PP_ENOMEM) {
    rc = -1;
  } else if (ev[0].status == PP_EBADURL) {
    /* both sides prepare the URL the same way: nothing to compare */
    char *echo = pp_cli_echo(url, strlen(url), PP_CLI_ECHO_MAX);
    pp_msg_error("%s: '%s': %s", where, echo ? echo : "", ev[0].error ? ev[0].error : "malformed URL");
    free(echo);
    r->bad_input = true;
  } else {
    side_t o = side_of(&ev[0]), n = side_of(&ev[1]);
    r->total++;
    if (strcmp(o.result, n.result) != 0) {
      r->changed++;
      print_change(r, url, o, n);
      if (!pp_diff_groups_add(&r->groups, o.result, n.result)) rc = -1;
    }
  }
  pp_eval_clear(&ev[0]);
  pp_eval_clear(&ev[1]);
  if (rc) pp_msg_error("out of memory");
  return rc;
}

/* A URL list line (DESIGN §1.1 -f, pp_cli_list_url). */
static int diff_line(void *udata, const char *line, size_t len, bool had_nl, const char *where) {
  (void)had_nl;
  const char *start;
  size_t n;
  if (!pp_cli_list_url(line, len, &start, &n)) return 0;
  char *url = pp_strndup(start, n);
  if (!url) return -1;
  int rc = diff_url(udata, url, where);
  free(url);
  return rc;
}

static void print_summary(diff_run_t *r) {
  pp_diff_groups_sort(&r->groups);
  const pp_diff_group_t *g = r->groups.v;
  size_t ng = r->groups.n;
  if (!r->json) {
    printf("%lu of %lu URLs changed\n", r->changed, r->total);
    int width = ng ? snprintf(NULL, 0, "%lu", g[0].count) : 1;
    for (size_t i = 0; i < ng; i++)
      printf("  %*lu  %s -> %s\n", width, g[i].count, pp_safe(g[i].old_result),
             pp_safe(g[i].new_result));
    return;
  }
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < ng; i++) {
    json_t *o = json_object();
    json_object_set_new(o, "old", jstr(g[i].old_result));
    json_object_set_new(o, "new", jstr(g[i].new_result));
    json_object_set_new(o, "count", json_integer((json_int_t)g[i].count));
    json_array_append_new(arr, o);
  }
  char *s = arr ? json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) : NULL;
  printf("],\"total\":%lu,\"changed_count\":%lu,\"groups\":%s}\n", r->total, r->changed,
         s ? s : "[]");
  free(s);
  json_decref(arr);
}

static int load_side(diff_run_t *r, const char *src, pp_engine_t **e, size_t side) {
  char *text = NULL;
  size_t len = 0;
  int rc = pp_cli_read_pac(src, r->env.opts.emulate, &text, &len);
  if (rc == PP_EXIT_OK && !(r->texts[side] = pp_strndup(text, len))) {
    pp_msg_error("out of memory");
    rc = PP_EXIT_USAGE;
  }
  r->lens[side] = len;
  if (rc == PP_EXIT_OK) rc = pp_cli_load_engine(&r->env.opts, text, len, pp_cli_pac_name(src), e);
  if (rc == PP_EXIT_OK && !r->memo_off &&
      pp_cli_memo_scan(text, len, pp_cli_pac_name(src), &r->env.opts, &r->memo_off, r->memo_why,
                       sizeof(r->memo_why)) != 0)
    rc = PP_EXIT_USAGE;
  free(text);
  return rc;
}

static int setup(diff_run_t *r) {
  const pp_args_t *a = &r->a;
  const char *f = a->value[PP_OPT_FORMAT];
  if (f && strcmp(f, "text") != 0 && strcmp(f, "json") != 0)
    return pp_cli_usage_error("format", f, "expected text or json");
  r->json = f && strcmp(f, "json") == 0;
  /* OLD NEW: the first two arguments, or -p OLD -p NEW (then every
   * argument is a URL) */
  const pp_strv_t *pl = &a->list[PP_OPT_PAC];
  if (pl->n != 0 && pl->n != 2) {
    pp_msg_error("diff: -p takes OLD and NEW, given twice (pacprobe diff -p OLD -p NEW ...)");
    return PP_EXIT_USAGE;
  }
  r->pac[0] = pl->n ? pl->v[0] : a->positional.n > 0 ? a->positional.v[0] : NULL;
  r->pac[1] = pl->n ? pl->v[1] : a->positional.n > 1 ? a->positional.v[1] : NULL;
  r->first_url = pl->n ? 0 : 2;
  if (!r->pac[0] || !r->pac[1]) {
    pp_msg_error("diff: expected two PACs (pacprobe diff OLD NEW [URL...] -f FILE)");
    return PP_EXIT_USAGE;
  }
  if (a->positional.n == r->first_url && a->list[PP_OPT_URL_FILE].n == 0 &&
      a->list[PP_OPT_LOG].n == 0) {
    pp_msg_error("diff: no URL given (arguments after OLD NEW, -f FILE or --log FORMAT FILE)");
    return PP_EXIT_USAGE;
  }
  int frc = pp_cli_check_log_formats(a);
  if (frc) return frc;
  if (strcmp(r->pac[0], "-") == 0 && strcmp(r->pac[1], "-") == 0) {
    pp_msg_error("diff: OLD and NEW cannot both be read from stdin");
    return PP_EXIT_USAGE;
  }
  int rc = pp_cli_env_setup(&r->env, a);
  if (rc || (rc = load_side(r, r->pac[0], &r->old_engine, 0))) return rc;
  if ((rc = load_side(r, r->pac[1], &r->new_engine, 1))) return rc;
  if (a->given[PP_OPT_NO_MEMO] && !r->memo_off) {
    r->memo_off = true;
    snprintf(r->memo_why, sizeof(r->memo_why), "--no-memo");
  }
  long ncpu = pp_os_ncpus();
  pp_replay_cfg_t cfg = {{r->old_engine, r->new_engine}, 2, r->env.opts.emulate,
                         a->value[PP_OPT_HOST], !r->memo_off, r->memo_why,
                         ncpu > 0 ? (size_t)ncpu : 1, &r->env.opts, {r->texts[0], r->texts[1]},
                         {r->lens[0], r->lens[1]},
                         {pp_cli_pac_name(r->pac[0]), pp_cli_pac_name(r->pac[1])}};
  pp_replay_init(&r->replay, &cfg);
  return PP_EXIT_OK;
}

/* A log entry: into the replay. */
static int diff_entry(void *udata, const char *url, size_t n, long long bytes, const char *name,
                      unsigned long lineno) {
  diff_run_t *r = udata;
  return pp_replay_entry(&r->replay, url, n, bytes, name, lineno);
}

static void print_help(void) {
  printf("usage: pacprobe diff OLD NEW [options] [URL...] [-f FILE] [--log FORMAT FILE]\n"
         "       pacprobe diff -p OLD -p NEW [options] [URL...] [-f FILE] [--log FORMAT FILE]\n\n"
         "Compare two PAC versions over a URL list: the URLs whose result changes;\n"
         "over a proxy log: the traffic that moves, by requests, bytes and hosts.\n\n"
         "options:\n");
  pp_options_help(stdout, PP_CMD_DIFF);
  printf("\nexit status: 0 no result changed, 1 some result changed (or traffic moved), "
         "2 usage error, unusable PAC or URL list\n");
}

static int run(diff_run_t *r) {
  int err = 0;
  if (r->json) printf("{\"changed\":[");
  for (size_t i = r->first_url; err == 0 && i < r->a.positional.n; i++) {
    char where[48];
    snprintf(where, sizeof(where), "URL argument %zu", i + 1 - r->first_url);
    err = diff_url(r, r->a.positional.v[i], where);
  }
  r->in.list_fn = diff_line;
  r->in.entry_fn = diff_entry;
  r->in.udata = r;
  r->in.bad = &r->bad_input;
  if (err == 0) err = pp_cli_read_inputs(&r->in, &r->a);
  if (err) return PP_EXIT_USAGE;
  bool logs = r->in.lines > 0, lists = r->total > 0 || !logs;
  if (pp_replay_wait(&r->replay) != 0) return PP_EXIT_USAGE;
  pp_replay_finish(&r->replay);
  if (r->json && logs) {
    printf("],\"total\":%lu,\"changed_count\":%lu,\"traffic\":", r->total, r->changed);
    pp_replay_print_diff(&r->replay, &r->in, true);
    printf("}\n");
  } else {
    if (lists) print_summary(r);
    if (logs) pp_replay_print_diff(&r->replay, &r->in, false);
  }
  fflush(stdout);
  if (r->a.given[PP_OPT_STATS] && logs)
    pp_replay_print_stats(&r->replay, &r->in, pp_dns_now_ms() - r->t0);
  bool moved = false;
  for (size_t i = 0; i < r->replay.ngroups; i++)
    moved |= r->replay.groups[i].res[0] != r->replay.groups[i].res[1];
  return r->bad_input ? PP_EXIT_USAGE : r->changed || moved ? PP_EXIT_PROBLEM : PP_EXIT_OK;
}

int pp_cmd_diff(int argc, char **argv, int first) {
  diff_run_t r;
  memset(&r, 0, sizeof(r));
  int rc = PP_EXIT_USAGE;
  if (!pp_args_parse(&r.a, PP_CMD_DIFF, "diff", argc, argv, first)) goto done;
  if (pp_args_info(&r.a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  r.t0 = pp_dns_now_ms();
  if ((rc = setup(&r)) == PP_EXIT_OK) rc = run(&r);
done:
  pp_replay_free(&r.replay);
  pp_cli_input_free(&r.in);
  free(r.texts[0]);
  free(r.texts[1]);
  pp_diff_groups_free(&r.groups);
  pp_engine_free(r.old_engine);
  pp_engine_free(r.new_engine);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
