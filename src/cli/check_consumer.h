/* SPDX-License-Identifier: MIT */
/* `pacprobe check --for CONSUMER`: what the consumer does when the PAC
 * cannot be had, the script fails, every proxy fails or a proxy demands
 * authentication (docs/consumers.md holds the same table with sources). */
#ifndef PP_CLI_CHECK_CONSUMER_H
#define PP_CLI_CHECK_CONSUMER_H

#include "cli/check.h"

typedef enum pp_ck_after_list {
  PP_AFTER_LIST_ERROR,  /* the request fails: no implicit DIRECT (Chrome, WinHTTP) */
  PP_AFTER_LIST_DIRECT  /* DIRECT after the last entry (.NET Framework, Firefox) */
} pp_ck_after_list_t;

typedef struct pp_ck_consumer {
  const char *name;          /* --for value */
  const char *label;         /* "Chrome", "a .NET service as LocalService" */
  pp_consumer_t config;      /* whose configuration the sources decide */
  bool one_proxy;            /* curl: one proxy, never a list, no failover */
  pp_ck_after_list_t after_list;
  const char *no_pac;        /* PAC download failure / WPAD found nothing → DIRECT */
  const char *script_error;  /* the script threw or returned no string → DIRECT, or NULL */
  const char *no_entry;      /* a result with no usable entry */
  const char *all_failed;    /* every entry failed */
  const char *auth;          /* a 407 (no --proxy-user) */
  pp_np_dialect_t dialect;   /* how it applies the bypass list (0: curl's) */
} pp_ck_consumer_t;

/* The consumer named by --for, or NULL (unknown name). */
const pp_ck_consumer_t *pp_ck_consumer_find(const char *name);
/* "chrome, firefox, ..." for usage errors. */
const char *pp_ck_consumer_names(void);

/* Applies the consumer to t's routes before the attempts: one proxy only
 * (curl), DIRECT after the list (.NET), DIRECT after a script error; the
 * first two only for routes a PAC gave (from_pac). false on ENOMEM. */
bool pp_ck_consumer_routes(const pp_ck_consumer_t *c, pp_ck_target_t *t, bool from_pac);
/* After the attempts: names the rule that decided what the consumer gets
 * (t->rule, t->rule_event), or leaves them NULL. */
void pp_ck_consumer_explain(const pp_ck_consumer_t *c, pp_ck_target_t *t);

#endif
