/* SPDX-License-Identifier: MIT */
/*
 * Printing a log replay (replay.h): `diff --log` as moved traffic (old ->
 * new groups by requests, bytes where the log has them, top hosts per
 * group), `eval --log --summary` as the distribution of results, both as
 * text or one JSON object (docs/json.md), and the --stats lines. Foreign
 * text (results, hosts) goes through pp_safe in text, exact in JSON.
 */
#include "cli/replay.h"

#include "util/str.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *jstr(const char *s) {
  json_t *j = s ? json_string(s) : NULL;
  return j ? j : json_null();
}

static json_t *jstrn(const char *s, size_t n) {
  json_t *j = json_stringn(s, n);
  return j ? j : json_null();
}

static double pct(unsigned long long part, unsigned long long whole) {
  return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

/* "  1234 requests, 5678 bytes, 3 hosts" pieces of a group line. */
static void text_group(const pp_replay_t *r, const pp_replay_group_t *g, const char *label) {
  printf("  %llu requests (%.1f%%)", g->requests, pct(g->requests, r->requests));
  if (r->have_bytes) printf(", %llu bytes (%.1f%%)", g->bytes, pct(g->bytes, r->bytes));
  printf(", %s%lu hosts  %s\n", r->hosts_capped ? ">= " : "", g->hosts, label);
  for (size_t k = 0; k < g->ntop; k++) {
    const pp_replay_host_t *h = &r->hosts[g->top[k]];
    char *name = pp_strndup(h->host, h->host_len);
    printf("      %llu  %s", h->requests, pp_safe(name ? name : ""));
    if (r->have_bytes) printf("  (%llu bytes)", h->bytes);
    printf("\n");
    free(name);
  }
}

static json_t *json_group(const pp_replay_t *r, const pp_replay_group_t *g, bool diff) {
  json_t *o = json_object();
  if (diff) {
    json_object_set_new(o, "old", jstr(pp_replay_result(r, g->res[0])));
    json_object_set_new(o, "new", jstr(pp_replay_result(r, g->res[1])));
  } else {
    json_object_set_new(o, "result", jstr(pp_replay_result(r, g->res[0])));
  }
  json_object_set_new(o, "requests", json_integer((json_int_t)g->requests));
  json_object_set_new(o, "bytes", r->have_bytes ? json_integer((json_int_t)g->bytes) : json_null());
  json_object_set_new(o, "hosts", json_integer((json_int_t)g->hosts));
  json_t *top = json_array();
  for (size_t k = 0; k < g->ntop; k++) {
    const pp_replay_host_t *h = &r->hosts[g->top[k]];
    json_t *t = json_object();
    json_object_set_new(t, "host", jstrn(h->host, h->host_len));
    json_object_set_new(t, "requests", json_integer((json_int_t)h->requests));
    json_object_set_new(t, "bytes", r->have_bytes ? json_integer((json_int_t)h->bytes) : json_null());
    json_array_append_new(top, t);
  }
  json_object_set_new(o, "top_hosts", top);
  return o;
}

/* The counters every replay JSON object carries. */
static void json_input(json_t *o, const pp_replay_t *r, const pp_cli_input_t *in) {
  json_object_set_new(o, "lines", json_integer((json_int_t)in->lines));
  json_object_set_new(o, "skipped_lines", json_integer((json_int_t)in->skipped));
  json_object_set_new(o, "malformed_lines", json_integer((json_int_t)in->malformed_total));
  json_object_set_new(o, "bad_urls", json_integer((json_int_t)r->bad_urls));
  json_object_set_new(o, "requests", json_integer((json_int_t)r->requests));
  json_object_set_new(o, "bytes", r->have_bytes ? json_integer((json_int_t)r->bytes) : json_null());
  json_object_set_new(o, "evaluations", json_integer((json_int_t)r->evaluations));
  json_object_set_new(o, "memoised", json_boolean(r->cfg.memo));
  json_object_set_new(o, "not_memoised_because", r->cfg.memo ? json_null() : jstr(r->cfg.no_memo_why));
  json_object_set_new(o, "hosts_complete", json_boolean(!r->hosts_capped));
}

static void json_print(json_t *o) {
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  if (s) printf("%s", s);
  else pp_msg_error("out of memory");
  free(s);
  json_decref(o);
}

void pp_replay_print_diff(const pp_replay_t *r, const pp_cli_input_t *in, bool json) {
  unsigned long long moved = 0, moved_bytes = 0;
  for (size_t i = 0; i < r->ngroups; i++)
    if (r->groups[i].res[0] != r->groups[i].res[1]) {
      moved += r->groups[i].requests;
      moved_bytes += r->groups[i].bytes;
    }
  if (json) {
    json_t *o = json_object(), *arr = json_array();
    json_input(o, r, in);
    json_object_set_new(o, "moved_requests", json_integer((json_int_t)moved));
    json_object_set_new(o, "moved_bytes", r->have_bytes ? json_integer((json_int_t)moved_bytes) : json_null());
    for (size_t i = 0; i < r->ngroups; i++)
      if (r->groups[i].res[0] != r->groups[i].res[1])
        json_array_append_new(arr, json_group(r, &r->groups[i], true));
    json_object_set_new(o, "groups", arr);
    json_print(o);
    return;
  }
  printf("%llu of %llu requests moved (%.1f%%)", moved, r->requests, pct(moved, r->requests));
  if (r->have_bytes) printf(", %llu of %llu bytes (%.1f%%)", moved_bytes, r->bytes, pct(moved_bytes, r->bytes));
  printf("\n");
  for (size_t i = 0; i < r->ngroups; i++) {
    const pp_replay_group_t *g = &r->groups[i];
    if (g->res[0] == g->res[1]) continue;
    pp_str_t label = PP_STR_INIT;
    pp_str_printf(&label, "%s -> %s", pp_replay_result(r, g->res[0]), pp_replay_result(r, g->res[1]));
    text_group(r, g, label.s ? pp_safe(label.s) : "");
    pp_str_free(&label);
  }
}

void pp_replay_print_summary(const pp_replay_t *r, const pp_cli_input_t *in, bool json) {
  if (json) {
    json_t *o = json_object(), *arr = json_array();
    json_input(o, r, in);
    for (size_t i = 0; i < r->ngroups; i++) json_array_append_new(arr, json_group(r, &r->groups[i], false));
    json_object_set_new(o, "routes", arr);
    json_print(o);
    printf("\n");
    return;
  }
  printf("%llu requests", r->requests);
  if (r->have_bytes) printf(", %llu bytes", r->bytes);
  printf(", %zu distinct results\n", r->ngroups);
  for (size_t i = 0; i < r->ngroups; i++)
    text_group(r, &r->groups[i], pp_safe(pp_replay_result(r, r->groups[i].res[0])));
}

void pp_replay_print_stats(const pp_replay_t *r, const pp_cli_input_t *in, double wall_ms) {
  double secs = wall_ms / 1000.0;
  pp_msg_raw("stats: %llu log lines in %.3f s, %.0f lines/s; %llu requests, %llu skipped, "
             "%llu malformed, %llu bad URLs\n", in->lines, secs,
             secs > 0 ? (double)in->lines / secs : 0.0, r->requests, in->skipped,
             in->malformed_total, r->bad_urls);
  if (r->cfg.memo)
    pp_msg_raw("stats: memoised: %llu distinct inputs evaluated (%zu side%s), %llu lines answered "
               "from the memo%s\n", r->evaluations, r->cfg.sides, r->cfg.sides > 1 ? "s" : "",
               r->memo_hits, r->memo_capped ? "; the memo filled up, later new URLs were "
                                              "evaluated per line" : "");
  else
    pp_msg_raw("stats: not memoised: %llu evaluations, one per line: %s\n", r->evaluations,
               r->cfg.no_memo_why ? r->cfg.no_memo_why : "");
  if (r->hosts_capped)
    pp_msg_raw("stats: the host table filled up: host counts and top hosts are lower bounds\n");
}
