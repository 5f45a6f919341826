/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe diff OLD NEW [URL...] [-f FILE]` (DESIGN §1.4): evaluates two PAC
 * versions in the same simulated environment (one resolver, one set of
 * engine options from src/cli/env.c) and prints the URLs whose canonical
 * result differs, then a count and the old -> new pairs by frequency. URLs
 * are streamed: memory grows with the number of distinct pairs, not URLs.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"
#include "util/str.h"

/* One old -> new pair; `first` orders pairs of equal count by appearance. */
typedef struct diff_group {
  char *old_result, *new_result;
  unsigned long count;
  size_t first;
} diff_group_t;

typedef struct diff_run {
  pp_args_t a;
  pp_cli_env_t env;
  pp_engine_t *old_engine, *new_engine;
  bool json;
  unsigned long total, changed;
  diff_group_t *groups;
  size_t ngroups;
  bool bad_input; /* a malformed URL or unreadable list: exit 2 at the end */
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

static bool add_group(diff_run_t *r, const char *o, const char *n) {
  for (size_t i = 0; i < r->ngroups; i++)
    if (strcmp(r->groups[i].old_result, o) == 0 && strcmp(r->groups[i].new_result, n) == 0) {
      r->groups[i].count++;
      return true;
    }
  diff_group_t *g = realloc(r->groups, (r->ngroups + 1) * sizeof(*g));
  if (!g) return false;
  r->groups = g;
  g = &r->groups[r->ngroups];
  g->old_result = strdup(o);
  g->new_result = strdup(n);
  g->count = 1;
  g->first = r->ngroups;
  r->ngroups++;
  return g->old_result && g->new_result;
}

/* JSON strings must be UTF-8; anything else is shown as null. */
static json_t *jstr(const char *s) {
  json_t *j = s ? json_string(s) : NULL;
  return j ? j : json_null();
}

static void print_change(diff_run_t *r, const char *url, side_t o, side_t n) {
  if (!r->json) {
    printf("%s: %s%s%s%s -> %s%s%s%s\n", url, o.result, o.error ? " (" : "", o.error ? o.error : "",
           o.error ? ")" : "", n.result, n.error ? " (" : "", n.error ? n.error : "",
           n.error ? ")" : "");
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
      if (!add_group(r, o.result, n.result)) rc = -1;
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

/* Most frequent pair first; equal counts in order of first appearance. */
static int by_count(const void *x, const void *y) {
  const diff_group_t *a = x, *b = y;
  if (a->count != b->count) return a->count > b->count ? -1 : 1;
  return a->first < b->first ? -1 : a->first > b->first;
}

static void print_summary(diff_run_t *r) {
  if (r->ngroups > 1) qsort(r->groups, r->ngroups, sizeof(*r->groups), by_count);
  if (!r->json) {
    printf("%lu of %lu URLs changed\n", r->changed, r->total);
    int width = r->ngroups ? snprintf(NULL, 0, "%lu", r->groups[0].count) : 1;
    for (size_t i = 0; i < r->ngroups; i++)
      printf("  %*lu  %s -> %s\n", width, r->groups[i].count, r->groups[i].old_result,
             r->groups[i].new_result);
    return;
  }
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < r->ngroups; i++) {
    json_t *g = json_object();
    json_object_set_new(g, "old", jstr(r->groups[i].old_result));
    json_object_set_new(g, "new", jstr(r->groups[i].new_result));
    json_object_set_new(g, "count", json_integer((json_int_t)r->groups[i].count));
    json_array_append_new(arr, g);
  }
  char *s = arr ? json_dumps(arr, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII) : NULL;
  printf("],\"total\":%lu,\"changed_count\":%lu,\"groups\":%s}\n", r->total, r->changed,
         s ? s : "[]");
  free(s);
  json_decref(arr);
}

static int load_side(diff_run_t *r, const char *src, pp_engine_t **e) {
  char *text = NULL;
  size_t len = 0;
  int rc = pp_cli_read_pac(src, r->env.opts.emulate, &text, &len);
  if (rc == PP_EXIT_OK) rc = pp_cli_load_engine(&r->env.opts, text, len, pp_cli_pac_name(src), e);
  free(text);
  return rc;
}

static int setup(diff_run_t *r) {
  const pp_args_t *a = &r->a;
  const char *f = a->value[PP_OPT_FORMAT];
  if (f && strcmp(f, "text") != 0 && strcmp(f, "json") != 0)
    return pp_cli_usage_error("format", f, "expected text or json");
  r->json = f && strcmp(f, "json") == 0;
  if (a->positional.n < 2) {
    pp_msg_error("diff: expected two PACs (pacprobe diff OLD NEW [URL...] -f FILE)");
    return PP_EXIT_USAGE;
  }
  if (a->positional.n == 2 && a->list[PP_OPT_URL_FILE].n == 0) {
    pp_msg_error("diff: no URL given (arguments after OLD NEW, or -f FILE)");
    return PP_EXIT_USAGE;
  }
  if (strcmp(a->positional.v[0], "-") == 0 && strcmp(a->positional.v[1], "-") == 0) {
    pp_msg_error("diff: OLD and NEW cannot both be read from stdin");
    return PP_EXIT_USAGE;
  }
  int rc = pp_cli_env_setup(&r->env, a);
  if (rc || (rc = load_side(r, a->positional.v[0], &r->old_engine))) return rc;
  return load_side(r, a->positional.v[1], &r->new_engine);
}

static void print_help(void) {
  printf("usage: pacprobe diff OLD NEW [options] [URL...] [-f FILE]\n\n"
         "Compare two PAC versions over a URL list: the URLs whose result changes.\n\n"
         "options:\n");
  pp_options_help(stdout, PP_CMD_DIFF);
  printf("\nexit status: 0 no result changed, 1 some result changed, "
         "2 usage error, unusable PAC or URL list\n");
}

static int run(diff_run_t *r) {
  int err = 0;
  if (r->json) printf("{\"changed\":[");
  for (size_t i = 2; err == 0 && i < r->a.positional.n; i++) {
    char where[48];
    snprintf(where, sizeof(where), "URL argument %zu", i - 1);
    err = diff_url(r, r->a.positional.v[i], where);
  }
  for (size_t i = 0; err == 0 && i < r->a.list[PP_OPT_URL_FILE].n; i++)
    err = pp_cli_each_line(r->a.list[PP_OPT_URL_FILE].v[i], diff_line, r, &r->bad_input);
  if (err) return PP_EXIT_USAGE;
  print_summary(r);
  fflush(stdout);
  return r->bad_input ? PP_EXIT_USAGE : r->changed ? PP_EXIT_PROBLEM : PP_EXIT_OK;
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
  if ((rc = setup(&r)) == PP_EXIT_OK) rc = run(&r);
done:
  for (size_t i = 0; i < r.ngroups; i++) {
    free(r.groups[i].old_result);
    free(r.groups[i].new_result);
  }
  free(r.groups);
  pp_engine_free(r.old_engine);
  pp_engine_free(r.new_engine);
  pp_cli_env_free(&r.env);
  pp_args_free(&r.a);
  return rc;
}
