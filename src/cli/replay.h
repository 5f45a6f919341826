/* SPDX-License-Identifier: MIT */
/* Log replay for `diff --log` and `eval --log --summary` (issue 22,
 * docs/logs.md): each log entry's URL evaluated by one or two engines,
 * memoised by what the script sees, and the requests and bytes counted per
 * result (eval) or per old -> new pair (diff), with the hosts behind them.
 * replay.c counts, replay_out.c prints. */
#ifndef PP_CLI_REPLAY_H
#define PP_CLI_REPLAY_H

#include <stdint.h>

#include "cli/cli.h"
#include "cli/lists.h"
#include "util/strmap.h"

#define PP_REPLAY_TOP 5 /* hosts listed per group */

typedef struct pp_replay_cfg {
  pp_engine_t *engines[2]; /* sides: 1 for eval, 2 (old, new) for diff */
  size_t sides;
  pp_emulation_t mode;
  const char *host_override; /* --host */
  bool memo;                 /* false: every line evaluated */
  const char *no_memo_why;   /* when !memo: the reason, for --stats and JSON */
  /* memo: the evaluation threads load their own engines from these */
  size_t threads;
  const pp_engine_opts_t *opts;
  char *texts[2];
  size_t lens[2];
  const char *names[2];
} pp_replay_cfg_t;

/* A logged URL's fate: pending (its job is out; lines counted here until
 * it is back), resolved to a group and host entry, or a bad URL. */
typedef struct pp_replay_link {
  uint64_t entry;  /* host entry + 1, 0 = none (the host table is full) */
  size_t group;
  bool pending, bad, has_bytes;
  unsigned long long requests, bytes; /* while pending */
} pp_replay_link_t;

struct pp_replay_pool;

/* One result (eval) or old -> new pair (diff) with its traffic. */
typedef struct pp_replay_group {
  uint32_t res[2];          /* interned result strings (pp_replay_result) */
  unsigned long long requests, bytes;
  unsigned long hosts;      /* distinct hosts counted */
  uint32_t top[PP_REPLAY_TOP]; /* host entries (pp_replay_host), most requests first */
  size_t ntop;
  size_t first;             /* order the group was made in: the last tie-break */
} pp_replay_group_t;

/* The traffic of one host within one group. */
typedef struct pp_replay_host {
  const char *host; /* not NUL-terminated */
  size_t host_len;
  uint32_t group;
  unsigned long long requests, bytes;
} pp_replay_host_t;

typedef struct pp_replay {
  pp_replay_cfg_t cfg;
  pp_strmap_t raw;      /* URL as logged -> host entry + 1 (0 = a bad URL) */
  pp_strmap_t seen;     /* what the script sees (pac_url, host) -> results */
  pp_strmap_t results;  /* result string -> id */
  pp_strmap_t groups_ix;/* result ids -> group */
  pp_strmap_t hosts_ix; /* group + host -> host entry */
  char **result_names;  /* by id */
  size_t nresults;
  pp_replay_group_t *groups;
  size_t ngroups, groups_cap;
  pp_replay_host_t *hosts;
  size_t nhosts, hosts_cap;
  unsigned long long requests, bytes, bad_urls, evaluations, memo_hits;
  bool have_bytes;      /* some entry had a byte count */
  bool hosts_capped;    /* the host table filled: top hosts and host counts are lower bounds */
  bool memo_capped;     /* the memo filled: later distinct URLs evaluated per line */
  char *url;            /* NUL-terminated copy of the current URL */
  size_t url_cap;
  pp_replay_link_t *links; /* raw's values index this */
  size_t nlinks, links_cap;
  struct pp_replay_pool *pool; /* started at the first memoised entry */
  unsigned long since_drain;
  unsigned bad_shown;
} pp_replay_t;

/* Zeroes r and keeps cfg. */
void pp_replay_init(pp_replay_t *r, const pp_replay_cfg_t *cfg);
/* One log entry: url[0..n) with its bytes (-1 = none); where for a bad
 * URL's message (name:lineno). -1 on out of memory (reported), else 0. */
int pp_replay_entry(pp_replay_t *r, const char *url, size_t n, long long bytes, const char *name,
                    unsigned long lineno);
/* Waits for the evaluations still out (memoised replay). -1 on ENOMEM
 * (reported). */
int pp_replay_wait(pp_replay_t *r);
/* Sorts the groups (most requests first) and fills their top hosts. Call
 * pp_replay_wait first. */
void pp_replay_finish(pp_replay_t *r);
/* The string of result id. */
const char *pp_replay_result(const pp_replay_t *r, uint32_t id);
void pp_replay_free(pp_replay_t *r);

/* Whether a PAC can be memoised: not when it keeps state between calls
 * (pp_pac_state_scan) or, without --now (opts->now_set), may read the
 * clock (pp_pac_clock_scan); then *off is set and why says which and
 * where. -1 on out of memory (reported), else 0. */
int pp_cli_memo_scan(const char *text, size_t len, const char *name, const pp_engine_opts_t *opts,
                     bool *off, char *why, size_t whylen);

/* replay_out.c: the diff report (moved traffic) and the eval summary, as
 * text or one JSON object on stdout (the diff's without a newline: it sits
 * inside diff's own object). in: the input counters. */
void pp_replay_print_diff(const pp_replay_t *r, const pp_cli_input_t *in, bool json);
void pp_replay_print_summary(const pp_replay_t *r, const pp_cli_input_t *in, bool json);
/* --stats lines on stderr: lines/s, distinct evaluations, memoisation. */
void pp_replay_print_stats(const pp_replay_t *r, const pp_cli_input_t *in, double wall_ms);

#endif
