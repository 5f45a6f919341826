/* SPDX-License-Identifier: MIT */
/*
 * Counting a log's traffic by PAC result (replay.h). Per entry:
 *   1. the URL as logged is looked up in `raw`: a hit gives the host entry
 *      (group + host) to count, no parsing, no evaluation (most lines);
 *   2. on a miss the URL is prepared as the emulated client prepares it
 *      (pp_url_prepare: https stripped to scheme, host and port) and
 *      (pac_url, host) looked up in `seen`, which holds the results: two
 *      logged URLs the script cannot tell apart share one evaluation;
 *   3. on a miss there, each side's engine evaluates it once.
 * With cfg.memo off (a PAC that keeps state, or reads the clock without
 * --now) every entry is evaluated, in log order, on one engine per side.
 * Every table is bounded (MEMO_MAX, HOSTS_MAX): a full memo means later
 * new URLs are evaluated per line (correct, slower); a full host table
 * means group totals stay exact while host counts become lower bounds.
 * Memoisation takes a name's first DNS answer for the whole run, as the
 * resolver's cache does within a TTL: the replay is of one moment.
 */
#include "cli/replay.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/replay_pool.h"
#include "util/str.h"

#define MEMO_MAX 2000000u  /* distinct logged URLs and distinct script inputs */
#define HOSTS_MAX 2000000u /* distinct (group, host) pairs */
#define BAD_SHOWN 5        /* bad URLs reported one by one */
#define NO_ENTRY 0u

void pp_replay_init(pp_replay_t *r, const pp_replay_cfg_t *cfg) {
  memset(r, 0, sizeof(*r));
  r->cfg = *cfg;
  pp_strmap_init(&r->raw, MEMO_MAX);
  pp_strmap_init(&r->seen, MEMO_MAX);
  pp_strmap_init(&r->results, HOSTS_MAX);
  pp_strmap_init(&r->groups_ix, HOSTS_MAX);
  pp_strmap_init(&r->hosts_ix, HOSTS_MAX);
}

void pp_replay_free(pp_replay_t *r) {
  pp_strmap_free(&r->raw);
  pp_strmap_free(&r->seen);
  pp_strmap_free(&r->results);
  pp_strmap_free(&r->groups_ix);
  pp_strmap_free(&r->hosts_ix);
  for (size_t i = 0; i < r->nresults; i++) free(r->result_names[i]);
  free(r->result_names);
  free(r->groups);
  free(r->hosts);
  free(r->url);
  pp_replay_pool_free(r->pool);
  free(r->links);
}

const char *pp_replay_result(const pp_replay_t *r, uint32_t id) {
  return id < r->nresults ? r->result_names[id] : "?";
}

static bool grow(void **v, size_t *cap, size_t n, size_t size) {
  if (n < *cap) return true;
  size_t c = *cap ? *cap * 2 : 64;
  void *p = realloc(*v, c * size);
  if (!p) return false;
  *v = p;
  *cap = c;
  return true;
}

/* The id of a result string, interned. UINT32_MAX on ENOMEM. */
static uint32_t result_id(pp_replay_t *r, const char *s) {
  size_t n = strlen(s);
  uint64_t h = pp_strmap_hash(s, n), v;
  if (pp_strmap_get(&r->results, s, n, h, &v)) return (uint32_t)v;
  size_t cap = r->nresults; /* names grow one by one: results are few */
  char **names = realloc(r->result_names, (cap + 1) * sizeof(*names));
  if (!names) return UINT32_MAX;
  r->result_names = names;
  if (!(names[r->nresults] = strdup(s))) return UINT32_MAX;
  if (pp_strmap_put(&r->results, s, n, h, r->nresults, NULL) != PP_STRMAP_ADDED) {
    free(names[r->nresults]);
    return UINT32_MAX;
  }
  return (uint32_t)r->nresults++;
}

/* The group of a result pair; SIZE_MAX on ENOMEM. */
static size_t group_of(pp_replay_t *r, const uint32_t res[2]) {
  uint64_t h = pp_strmap_hash(res, 2 * sizeof(uint32_t)), v;
  if (pp_strmap_get(&r->groups_ix, res, 2 * sizeof(uint32_t), h, &v)) return (size_t)v;
  if (!grow((void **)&r->groups, &r->groups_cap, r->ngroups, sizeof(*r->groups)) ||
      pp_strmap_put(&r->groups_ix, res, 2 * sizeof(uint32_t), h, r->ngroups, NULL) != PP_STRMAP_ADDED)
    return SIZE_MAX;
  pp_replay_group_t *g = &r->groups[r->ngroups];
  memset(g, 0, sizeof(*g));
  g->res[0] = res[0];
  g->res[1] = res[1];
  g->first = r->ngroups;
  return r->ngroups++;
}

/* The host entry of (group, host) + 1; NO_ENTRY when the table is full
 * (then only the group is counted: the caller passes the group), or
 * UINT64_MAX on ENOMEM. */
static uint64_t host_entry(pp_replay_t *r, size_t group, const char *host) {
  size_t hn = strlen(host);
  char key[4 + 256];
  if (hn > 255) hn = 255; /* a DNS name is at most 253 */
  uint32_t g32 = (uint32_t)group;
  memcpy(key, &g32, 4);
  memcpy(key + 4, host, hn);
  uint64_t h = pp_strmap_hash(key, 4 + hn), v;
  if (pp_strmap_get(&r->hosts_ix, key, 4 + hn, h, &v)) return v + 1;
  if (!grow((void **)&r->hosts, &r->hosts_cap, r->nhosts, sizeof(*r->hosts))) return UINT64_MAX;
  const char *stored = NULL;
  pp_strmap_put_t put = pp_strmap_put(&r->hosts_ix, key, 4 + hn, h, r->nhosts, &stored);
  if (put == PP_STRMAP_ENOMEM) return UINT64_MAX;
  if (put == PP_STRMAP_FULL) {
    r->hosts_capped = true;
    return NO_ENTRY;
  }
  /* the key copy in the map holds the name (not NUL-terminated: its length) */
  r->hosts[r->nhosts] = (pp_replay_host_t){stored + 4, hn, (uint32_t)group, 0, 0};
  r->groups[group].hosts++;
  return ++r->nhosts;
}

static void count(pp_replay_t *r, size_t group, uint64_t entry, long long bytes) {
  pp_replay_group_t *g = &r->groups[entry ? r->hosts[entry - 1].group : group];
  g->requests++;
  r->requests++;
  if (entry) r->hosts[entry - 1].requests++;
  if (bytes < 0) return;
  r->have_bytes = true;
  g->bytes += (unsigned long long)bytes;
  r->bytes += (unsigned long long)bytes;
  if (entry) r->hosts[entry - 1].bytes += (unsigned long long)bytes;
}

/* Evaluates url on every side: the result ids, and the host the script
 * saw into *host (malloc'd). 1 for a bad URL, -1 on ENOMEM, else 0. */
static int evaluate(pp_replay_t *r, const char *where_name, unsigned long lineno, uint32_t res[2],
                    char **host) {
  int rc = 0;
  *host = NULL;
  for (size_t s = 0; rc == 0 && s < r->cfg.sides; s++) {
    pp_eval_t ev;
    if (pp_engine_eval(r->cfg.engines[s], r->url, r->cfg.host_override, &ev) == PP_ENOMEM) {
      rc = -1;
    } else if (ev.status == PP_EBADURL) {
      if (++r->bad_urls <= BAD_SHOWN) {
        char *echo = pp_cli_echo(r->url, strlen(r->url), PP_CLI_ECHO_MAX);
        pp_msg_warn("%s:%lu: '%s': %s", where_name, lineno, echo ? echo : "",
                    ev.error ? ev.error : "malformed URL");
        free(echo);
      }
      rc = 1;
    } else {
      res[s] = result_id(r, ev.status == PP_OK ? ev.result.canonical : "ERROR");
      if (res[s] == UINT32_MAX || (!*host && !(*host = strdup(ev.host ? ev.host : "")))) rc = -1;
    }
    pp_eval_clear(&ev);
  }
  r->evaluations++;
  if (r->cfg.sides == 1) res[1] = res[0];
  if (rc) {
    free(*host);
    *host = NULL;
  }
  return rc;
}

/* Step 2 and 3 of the essay: the host entry of a URL not in `raw`
 * (NO_ENTRY + the group in *group when the host table is full); 0 in
 * *bad for a bad URL. -1 on ENOMEM. */
static int resolve(pp_replay_t *r, const char *name, unsigned long lineno, size_t *group,
                   uint64_t *entry, bool *bad) {
  pp_url_info_t ui = {0};
  char err[64];
  uint32_t res[2];
  char *host = NULL;
  int rc = 0;
  *bad = false;
  pp_str_t key = PP_STR_INIT;
  uint64_t v = 0, h = 0;
  bool known = false;
  if (r->cfg.memo && pp_url_prepare(r->url, r->cfg.mode, &ui, err, sizeof(err)) == PP_OK) {
    const char *hs = r->cfg.host_override ? r->cfg.host_override : ui.host;
    if (!pp_str_puts(&key, ui.pac_url) || !pp_str_putc(&key, '\n') || !pp_str_puts(&key, hs) ||
        !pp_str_putc(&key, ui.implicit_bypass ? '1' : '0')) {
      rc = -1;
      goto done;
    }
    h = pp_strmap_hash(key.s, key.len);
    known = pp_strmap_get(&r->seen, key.s, key.len, h, &v);
    if (known) {
      r->memo_hits++;
      res[0] = (uint32_t)v;
      res[1] = (uint32_t)(v >> 32);
      host = strdup(hs);
      if (!host) rc = -1;
    }
  }
  if (!known && rc == 0) {
    rc = evaluate(r, name, lineno, res, &host);
    if (rc == 1) {
      *bad = true;
      rc = 0;
      goto done;
    }
    if (rc == 0 && key.s) {
      pp_strmap_put_t put = pp_strmap_put(&r->seen, key.s, key.len, h,
                                          res[0] | (uint64_t)res[1] << 32, NULL);
      if (put == PP_STRMAP_ENOMEM) rc = -1;
      if (put == PP_STRMAP_FULL) r->memo_capped = true;
    }
  }
  if (rc == 0) {
    *group = group_of(r, res);
    if (*group == SIZE_MAX) rc = -1;
    else if ((*entry = host_entry(r, *group, host)) == UINT64_MAX) rc = -1;
  }
done:
  free(host);
  pp_str_free(&key);
  pp_url_info_clear(&ui);
  return rc;
}

/* ---- the memoised path: links and the pool ------------------------------------ */

/* A new link (pending until its job is back); SIZE_MAX on ENOMEM. */
static size_t new_link(pp_replay_t *r) {
  if (!grow((void **)&r->links, &r->links_cap, r->nlinks, sizeof(*r->links))) return SIZE_MAX;
  memset(&r->links[r->nlinks], 0, sizeof(r->links[0]));
  r->links[r->nlinks].pending = true;
  return r->nlinks++;
}

static void link_count(pp_replay_t *r, pp_replay_link_t *l, long long bytes) {
  if (l->bad) {
    r->bad_urls++;
  } else if (!l->pending) {
    count(r, l->group, l->entry, bytes);
  } else {
    l->requests++;
    if (bytes >= 0) {
      l->bytes += (unsigned long long)bytes;
      l->has_bytes = true;
    }
  }
}

/* Resolves link l to (group, entry) and counts the lines that waited. */
static void link_resolve(pp_replay_t *r, pp_replay_link_t *l, size_t group, uint64_t entry) {
  l->pending = false;
  l->group = group;
  l->entry = entry;
  if (!l->requests) return;
  pp_replay_group_t *g = &r->groups[group];
  g->requests += l->requests;
  r->requests += l->requests;
  if (entry) r->hosts[entry - 1].requests += l->requests;
  if (l->has_bytes) {
    r->have_bytes = true;
    g->bytes += l->bytes;
    r->bytes += l->bytes;
    if (entry) r->hosts[entry - 1].bytes += l->bytes;
  }
}

/* A finished job: its results into the tables, its link resolved. */
static int job_back(pp_replay_t *r, pp_replay_job_t *j) {
  pp_replay_link_t *l = &r->links[j->link];
  r->evaluations++;
  if (j->status < 0) return -1;
  if (j->status == 1) {
    l->pending = false;
    l->bad = true;
    r->bad_urls += l->requests;
    if (r->bad_shown++ < BAD_SHOWN) {
      char *echo = pp_cli_echo(j->url, strlen(j->url), PP_CLI_ECHO_MAX);
      pp_msg_warn("'%s': %s", echo ? echo : "", j->err ? j->err : "malformed URL");
      free(echo);
    }
    return 0;
  }
  uint32_t res[2] = {result_id(r, j->res[0]), 0};
  res[1] = r->cfg.sides > 1 ? result_id(r, j->res[1]) : res[0];
  if (res[0] == UINT32_MAX || res[1] == UINT32_MAX) return -1;
  uint64_t v;
  if (j->key && !pp_strmap_get(&r->seen, j->key, j->keylen, j->keyhash, &v)) {
    pp_strmap_put_t put = pp_strmap_put(&r->seen, j->key, j->keylen, j->keyhash,
                                        res[0] | (uint64_t)res[1] << 32, NULL);
    if (put == PP_STRMAP_ENOMEM) return -1;
    if (put == PP_STRMAP_FULL) r->memo_capped = true;
  }
  size_t group = group_of(r, res);
  if (group == SIZE_MAX) return -1;
  uint64_t entry = host_entry(r, group, j->host);
  if (entry == UINT64_MAX) return -1;
  link_resolve(r, l, group, entry);
  return 0;
}

/* Takes the finished jobs (waiting for one when wait). */
static int drain(pp_replay_t *r, bool wait) {
  pp_replay_job_t *done[256];
  size_t n = pp_replay_pool_done(r->pool, done, 256, wait);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rc == 0 && job_back(r, done[i]) != 0) rc = -1;
    pp_replay_job_free(done[i]);
  }
  return rc;
}

/* The memo key of r->url: what the script sees. false when the URL does
 * not prepare (the engine then reports why) or on ENOMEM (*oom). */
static bool memo_key(pp_replay_t *r, pp_str_t *key, bool *oom) {
  pp_url_info_t ui = {0};
  char err[64];
  *oom = false;
  if (pp_url_prepare(r->url, r->cfg.mode, &ui, err, sizeof(err)) != PP_OK) return false;
  const char *hs = r->cfg.host_override ? r->cfg.host_override : ui.host;
  bool ok = pp_str_puts(key, ui.pac_url) && pp_str_putc(key, '\n') && pp_str_puts(key, hs) &&
            pp_str_putc(key, ui.implicit_bypass ? '1' : '0');
  pp_url_info_clear(&ui);
  *oom = !ok;
  return ok;
}

/* A logged URL not seen before: a link, resolved now when the memo knows
 * the script input, else a job for the pool. */
static int memo_miss(pp_replay_t *r, size_t *link_out) {
  size_t li = new_link(r);
  if (li == SIZE_MAX) return -1;
  *link_out = li;
  pp_str_t key = PP_STR_INIT;
  bool oom;
  bool keyed = memo_key(r, &key, &oom);
  if (oom) goto oom;
  uint64_t kh = keyed ? pp_strmap_hash(key.s, key.len) : 0, v;
  if (keyed && pp_strmap_get(&r->seen, key.s, key.len, kh, &v)) {
    uint32_t res[2] = {(uint32_t)v, (uint32_t)(v >> 32)};
    size_t group = group_of(r, res);
    const char *nl = strchr(key.s, '\n');
    key.s[key.len - 1] = '\0'; /* the host, without the bypass flag */
    uint64_t entry = group == SIZE_MAX ? UINT64_MAX : host_entry(r, group, nl + 1);
    if (entry == UINT64_MAX) goto oom;
    r->memo_hits++;
    link_resolve(r, &r->links[li], group, entry);
    pp_str_free(&key);
    return 0;
  }
  pp_replay_job_t *j = calloc(1, sizeof(*j));
  if (!j || !(j->url = strdup(r->url))) {
    free(j);
    goto oom;
  }
  j->link = (uint32_t)li;
  j->key = keyed ? pp_str_take(&key) : NULL;
  j->keylen = keyed ? strlen(j->key) : 0;
  j->keyhash = kh;
  pp_replay_pool_submit(r->pool, j);
  pp_str_free(&key);
  return drain(r, false);
oom:
  pp_str_free(&key);
  return -1;
}

static bool start_pool(pp_replay_t *r) {
  const pp_replay_cfg_t *c = &r->cfg;
  r->pool = pp_replay_pool_new(c->threads ? c->threads : 1, c->sides, c->opts, c->texts, c->lens,
                               c->names, c->host_override);
  return r->pool != NULL;
}

/* The URL into r->url, NUL-terminated. */
static bool copy_url(pp_replay_t *r, const char *url, size_t n) {
  if (n + 1 > r->url_cap) {
    char *p = realloc(r->url, n + 1);
    if (!p) return false;
    r->url = p;
    r->url_cap = n + 1;
  }
  memcpy(r->url, url, n);
  r->url[n] = '\0';
  return true;
}

static int memo_entry(pp_replay_t *r, const char *url, size_t n, long long bytes) {
  uint64_t h = pp_strmap_hash(url, n), v;
  if (pp_strmap_get(&r->raw, url, n, h, &v)) {
    r->memo_hits++;
    link_count(r, &r->links[v], bytes);
    return 0;
  }
  if (!r->pool && !start_pool(r)) return -2;
  size_t li;
  if (!copy_url(r, url, n) || memo_miss(r, &li) != 0) return -1;
  link_count(r, &r->links[li], bytes);
  pp_strmap_put_t put = pp_strmap_put(&r->raw, url, n, h, li, NULL);
  if (put == PP_STRMAP_ENOMEM) return -1;
  if (put == PP_STRMAP_FULL) r->memo_capped = true;
  if ((++r->since_drain & 1023) == 0) return drain(r, false);
  return 0;
}

int pp_replay_entry(pp_replay_t *r, const char *url, size_t n, long long bytes, const char *name,
                    unsigned long lineno) {
  int rc = 0;
  if (r->cfg.memo) {
    rc = memo_entry(r, url, n, bytes);
  } else if (!copy_url(r, url, n)) {
    rc = -1;
  } else {
    size_t group = 0;
    uint64_t entry = NO_ENTRY;
    bool bad;
    rc = resolve(r, name, lineno, &group, &entry, &bad);
    if (rc == 0 && !bad) count(r, group, entry, bytes);
  }
  if (rc == -1) pp_msg_error("out of memory");
  return rc ? -1 : 0;
}

int pp_replay_wait(pp_replay_t *r) {
  while (r->pool && pp_replay_pool_in_flight(r->pool) > 0)
    if (drain(r, true) != 0) {
      pp_msg_error("out of memory");
      return -1;
    }
  return 0;
}

/* Most requests first; ties by bytes, then by the result texts, so the
 * order does not depend on which evaluation a worker finished first.
 * qsort has no context argument: the names are reached through this
 * pointer, set by pp_replay_finish (called once, on one thread). */
static const pp_replay_t *sorting;

static int by_requests(const void *x, const void *y) {
  const pp_replay_group_t *a = x, *b = y;
  if (a->requests != b->requests) return a->requests > b->requests ? -1 : 1;
  if (a->bytes != b->bytes) return a->bytes > b->bytes ? -1 : 1;
  for (int i = 0; i < 2; i++) {
    int c = strcmp(sorting->result_names[a->res[i]], sorting->result_names[b->res[i]]);
    if (c) return c;
  }
  return a->first < b->first ? -1 : a->first > b->first;
}

void pp_replay_finish(pp_replay_t *r) {
  for (size_t i = 0; i < r->nhosts; i++) {
    pp_replay_group_t *g = &r->groups[r->hosts[i].group];
    size_t k = g->ntop;
    while (k > 0 && r->hosts[g->top[k - 1]].requests < r->hosts[i].requests) k--;
    if (k >= PP_REPLAY_TOP) continue;
    size_t last = g->ntop < PP_REPLAY_TOP ? g->ntop : PP_REPLAY_TOP - 1;
    memmove(&g->top[k + 1], &g->top[k], (last - k) * sizeof(g->top[0]));
    g->top[k] = (uint32_t)i;
    if (g->ntop < PP_REPLAY_TOP) g->ntop++;
  }
  sorting = r;
  if (r->ngroups) qsort(r->groups, r->ngroups, sizeof(*r->groups), by_requests); /* NULL when none: UBSan */
  sorting = NULL;
}

int pp_cli_memo_scan(const char *text, size_t len, const char *name, const pp_engine_opts_t *opts,
                     bool *off, char *why, size_t whylen) {
  bool found = false;
  char detail[256];
  if (pp_pac_state_scan(text, len, name, opts->memory_limit_mib ? opts->memory_limit_mib : 64,
                        &found, detail, sizeof(detail)) != PP_OK) {
    pp_msg_error("out of memory");
    return -1;
  }
  if (found) {
    *off = true;
    snprintf(why, whylen, "%s keeps state between calls (it %s)", name, detail);
    return 0;
  }
  if (opts->now_set) return 0;
  pp_pac_clock_scan(text, len, name, &found, detail, sizeof(detail));
  if (found) {
    *off = true;
    snprintf(why, whylen, "%s may read the clock (%s) and --now does not pin it", name, detail);
  }
  return 0;
}
