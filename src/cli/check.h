/* SPDX-License-Identifier: MIT */
/* `pacprobe check` (DESIGN §1.7): the state shared by its files —
 * cmd_check.c (options, targets, run), check_conf.c (which configuration,
 * which routes per target) and check_out.c (text, JSON, JUnit). */
#ifndef PP_CLI_CHECK_H
#define PP_CLI_CHECK_H

#include <jansson.h>

#include "cli/cli.h"
#include "cli/env.h"

/* One name on the wire of a target with --service-tags (check_names.c). */
typedef struct pp_ck_name {
  char *name;
  char **addrs;            /* the name resolved on its own */
  size_t naddrs;
  bool *inside;            /* per address: inside the tag */
  bool all_inside;         /* resolves, and every address is inside */
} pp_ck_name_t;

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
  pp_ck_name_t *names;     /* --service-tags: the URL's name, then each name of
                              its CNAME chain, canonical name last */
  size_t nnames;
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
  pp_proxy_cred_t *creds;  /* proxies named for credentials (check_creds.c) */
  size_t ncreds;
  char **cred_mem;         /* strings creds point to; cleared on free */
  size_t ncred_mem;
  unsigned max_time_ms;    /* the run's --max-time, for the report */
  const struct pp_ck_consumer *consumer; /* --for: whose behaviour (check_consumer.h) */
  const char *fallthrough; /* the PAC could not be had: the rule that took over */
  bool pac_failed;         /* ... because the configured PAC URL failed (exit 1) */
  pp_pac_finding_t *hosting; /* where the PAC is hosted (check_hosting.c) */
  size_t nhosting;
} pp_ck_t;

/* Decides the configuration (--proxy, --pac, --auto or the sources for
 * --for) and the routes of every target (PAC evaluated per target). Prints
 * one line and returns PP_EXIT_USAGE on unusable input. */
int pp_ck_routes(pp_ck_t *ck, const pp_args_t *a, pp_cli_env_t *env);

/* The route `proxy` (a --proxy or proxy-variable value) gives `scheme`
 * URLs, into out (clear with pp_result_clear): no route or DIRECT when it
 * has none. false on out of memory. */
bool pp_ck_proxy_of(const char *proxy, const char *scheme, pp_result_t *out);

/* Fills ck->creds and o's credential fields from --proxy-user [USER@HOST],
 * --proxy, --proxy-auth-host, --proxy-basic-ok, --proxy-socks-auth and a
 * proxy variable in effect with user:password; `password` is the
 * --proxy-user password (not copied). Call after pp_ck_routes. Prints one
 * line and returns PP_EXIT_USAGE on a bad value. */
int pp_ck_creds(pp_ck_t *ck, const pp_args_t *a, const char *password, pp_check_opts_t *o);
/* true when a proxy URL carries user[:password]@. */
bool pp_ck_proxy_has_userinfo(const char *proxy);
void pp_ck_creds_free(pp_ck_t *ck);

const char *pp_ck_verdict(const pp_ck_target_t *t);
/* The text block of one target under its heading: the decided-by chain,
 * every attempt (timings only with_ms), TLS, consumer rule, service tag. */
void pp_ck_print_body(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t, bool with_ms);
/* Every target's block; targets that failed identically (check_group.c)
 * are printed once as "N targets: VERDICT — REASON" with their URLs. */
void pp_ck_print_grouped(FILE *out, const pp_ck_t *ck);
/* check_kerberos.c: for an attempt where a proxy demanded authentication,
 * whether the proxy is named by an IP literal or by an alias (CNAME), the
 * SPN a Windows client asks a ticket for, and the scheme a domain machine
 * ends up using (one line into scheme); false when not relevant. */
typedef struct pp_ck_krb {
  bool ip_literal;
  bool alias;     /* the proxy's name is a CNAME (the attempt's dns_chain) */
  char spn[300];  /* "HTTP/<canonical name>"; "" for an IP literal */
} pp_ck_krb_t;
bool pp_ck_kerberos(const pp_attempt_t *a, pp_ck_krb_t *k, char *scheme, size_t len);
/* check_names.c: --service-tags for every target's name and CNAME chain
 * (PP_EXIT_USAGE with one line on a bad file); the text lines ("names on the
 * wire: a → b → c" only for an alias chain, n >= 2) and JSON. */
int pp_ck_service_tags(pp_ck_t *ck, const char *file, const char *tag, pp_resolver_t *r);
void pp_ck_names_free(pp_ck_target_t *t);
void pp_ck_print_chain(FILE *out, const char *indent, char *const *names, size_t n);
void pp_ck_print_names(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t);
json_t *pp_ck_chain_json(char *const *names, size_t n); /* null when n == 0 */
json_t *pp_ck_names_json(const pp_ck_target_t *t);
void pp_ck_print_text(FILE *out, const pp_ck_t *ck);
bool pp_ck_print_json(FILE *out, const pp_ck_t *ck);
/* The object --format json prints (DESIGN §1.7, docs/json.md), also what
 * --report draws; a new reference, NULL on out of memory. */
json_t *pp_ck_json(const pp_ck_t *ck);
/* check_hosting.c: the PAC hosting findings (docs/sources.md "Where the
 * PAC is hosted") for ck's consumer: the PP_PAC_CLIENT_* it is (0 for none
 * or no --for); the first finding that makes it not use the PAC, or NULL;
 * the text lines and the JSON array ("relevant" with --for). */
unsigned pp_ck_consumer_clients(const pp_ck_t *ck);
const pp_pac_finding_t *pp_ck_hosting_refusal(const pp_ck_t *ck);
void pp_ck_print_hosting(FILE *out, const pp_ck_t *ck);
json_t *pp_ck_hosting_json(const pp_ck_t *ck);
/* Writes the JUnit report to f (errors surface in ferror(f)). */
void pp_ck_write_junit(FILE *f, const pp_ck_t *ck);

#endif
