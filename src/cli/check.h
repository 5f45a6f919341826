/* SPDX-License-Identifier: MIT */
/* `pacprobe check` (DESIGN §1.7): the state shared by its files —
 * cmd_check.c (options, targets, run), check_conf.c (which configuration,
 * which routes per target) and check_out.c (text, JSON, JUnit). */
#ifndef PP_CLI_CHECK_H
#define PP_CLI_CHECK_H

#include "cli/cli.h"
#include "cli/env.h"

typedef struct pp_ck_target {
  char *url;
  pp_check_target_t spec;  /* what src/route tries; spec.url == url */
  pp_result_t result;      /* the routes (owned) */
  char **decided_by;       /* config chain, then "pac line N" */
  size_t ndecided_by;
  char *pac_error;         /* the PAC failed for this URL: verdict pac-error */
  pp_check_result_t res;
  char **addrs;            /* --service-tags: the target's addresses */
  size_t naddrs;
  bool tag_inside;
  bool tag_checked;
  /* --for CONSUMER (check_consumer.c): the rule of docs/consumers.md that
   * decided what the consumer gets, static text; NULL when none applied */
  const char *rule_event;  /* "no-pac", "script-error", "all-proxies-failed", ... */
  const char *rule;
  bool added_direct;       /* the last route is the consumer's own DIRECT */
} pp_ck_target_t;

typedef struct pp_ck {
  pp_ck_target_t *t;
  size_t n;
  pp_config_mode_t mode;
  char **decided_by;       /* how the configuration was decided */
  size_t ndecided_by;
  char *pac_url;           /* the PAC's location, NULL without a PAC */
  char *proxy;             /* mode proxy: the proxy string (masked) */
  char *noproxy;           /* mode proxy: bypass list, comma-separated */
  const char *tag;         /* --tag */
  const char *intercept_note; /* the profile's reason interception fails it */
  const struct pp_ck_consumer *consumer; /* --for: whose behaviour (check_consumer.h) */
  const char *fallthrough; /* the PAC could not be had: the rule that took over */
  bool pac_failed;         /* ... because the configured PAC URL failed (exit 1) */
} pp_ck_t;

/* Decides the configuration (--proxy, --pac, --auto or the sources for
 * --for) and the routes of every target (PAC evaluated per target). Prints
 * one line and returns PP_EXIT_USAGE on unusable input. */
int pp_ck_routes(pp_ck_t *ck, const pp_args_t *a, pp_cli_env_t *env);

const char *pp_ck_verdict(const pp_ck_target_t *t);
/* The text block of one target under its heading: the decided-by chain,
 * every attempt (timings only with_ms), TLS, consumer rule, service tag. */
void pp_ck_print_body(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t, bool with_ms);
/* Every target's block; targets that failed identically (check_group.c)
 * are printed once as "N targets: VERDICT — REASON" with their URLs. */
void pp_ck_print_grouped(FILE *out, const pp_ck_t *ck);
/* check_kerberos.c: for an attempt where a proxy demanded authentication,
 * whether the proxy is named by an IP literal and the scheme a domain
 * machine ends up using (one line into scheme); false when not relevant. */
bool pp_ck_kerberos(const pp_attempt_t *a, bool *ip_literal, char *scheme, size_t len);
void pp_ck_print_text(FILE *out, const pp_ck_t *ck);
bool pp_ck_print_json(FILE *out, const pp_ck_t *ck);
/* Writes the JUnit report to f and closes it; false on a write error. */
bool pp_ck_write_junit(FILE *f, const pp_ck_t *ck);

#endif
