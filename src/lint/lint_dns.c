/* SPDX-License-Identifier: MIT */
/*
 * dns-on-host (docs/lint.md#dns-on-host): the calls that look the host up
 * in DNS on every request, collected while lint_calls.c walks the calls and
 * reported once per function, with the other sites' lines and the lookups
 * per URL, unless the function returns for plain and internal names first
 * (the documented intended pattern).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"
#include "pac/host.h"
#include "util/str.h"

/* `/^\d+...$/.test(host) && isInNet(host, ...)`: an earlier operand of the
 * same && chain tests the host parameter with .test() or isValidIpAddress,
 * so the call only ever sees IP literals. */
static bool ip_tested_before(const pp_lint_ctx_t *c, size_t callee) {
  size_t k = callee;
  while (k > 0) {
    k--;
    if (c->match[k] != PP_LINT_NO_MATCH && c->match[k] < k) {
      k = c->match[k];
      continue;
    }
    if (pp_lint_is(c, k, "(") || pp_lint_is(c, k, ";") || pp_lint_is(c, k, "{") ||
        pp_lint_is(c, k, "||") || pp_lint_is(c, k, "?"))
      return false;
    if ((pp_lint_is_ident(c, k, "test") || pp_lint_is_ident(c, k, "isValidIpAddress")) &&
        pp_lint_is(c, k + 1, "(") && pp_lint_is_ident(c, k + 2, c->host_param) &&
        pp_lint_is(c, k + 3, ")"))
      return true;
  }
  return false;
}

/* A cheap test of the host name: isPlainHostName(host), dnsDomainIs /
 * localHostOrDomainIs / shExpMatch(host, "literal"), host == "literal". */
static bool cheap_at(pp_lint_ctx_t *c, size_t k) {
  pp_lint_call_t call;
  if (pp_lint_is_ident(c, k, c->host_param) && pp_lint_is(c, k + 1, "==") &&
      c->tok[k + 2].kind == PP_JS_STRING)
    return true;
  if (!pp_lint_call_at(c, k, &call) || !pp_lint_arg_is_ident(c, &call, 0, c->host_param))
    return false;
  if (pp_lint_is_ident(c, k, "isPlainHostName")) return call.argc == 1;
  if (!pp_lint_is_ident(c, k, "dnsDomainIs") && !pp_lint_is_ident(c, k, "localHostOrDomainIs") &&
      !pp_lint_is_ident(c, k, "shExpMatch"))
    return false;
  char *lit = call.argc == 2 ? pp_lint_arg_string(c, &call, 1) : NULL;
  free(lit);
  return lit != NULL;
}

/* The documented intended pattern (docs/lint.md#dns-on-host): before the
 * DNS call, its function has a complete `if (CHEAP...) return` statement,
 * so plain and internal names never reach the lookup. */
static bool after_cheap_checks(pp_lint_ctx_t *c, size_t site) {
  size_t body = c->fnbody[site];
  if (body == PP_LINT_NO_MATCH) return false;
  for (size_t k = body + 1; k < site; k++) {
    if (!pp_lint_is(c, k, "if") || !pp_lint_is(c, k + 1, "(")) continue;
    size_t m = c->match[k + 1];
    if (m == PP_LINT_NO_MATCH || m >= site) continue;
    bool returns = pp_lint_is(c, m + 1, "return") ||
                   (pp_lint_is(c, m + 1, "{") && pp_lint_is(c, m + 2, "return"));
    for (size_t j = k + 2; returns && j < m; j++)
      if (cheap_at(c, j)) return true;
  }
  return false;
}

void pp_lint_note_dns(pp_lint_ctx_t *c, const pp_lint_call_t *call, pp_lint_dns_t *s) {
  char *key = NULL;
  if (pp_lint_arg_is_ident(c, call, 0, c->host_param)) {
    if (ip_tested_before(c, call->callee)) return;
    key = pp_strndup(c->host_param, strlen(c->host_param));
  } else {
    key = pp_lint_arg_string(c, call, 0);
    if (key && (pp_host_is_ip_literal(key) || !*key)) {
      free(key);
      return; /* an IP literal resolves to itself without a lookup */
    }
  }
  if (!key) return;
  if (s->n == sizeof(s->tok) / sizeof(s->tok[0])) {
    free(key);
    return;
  }
  s->tok[s->n] = call->callee;
  s->key[s->n++] = key;
}

/* One warning per function, at its first DNS site not behind the cheap
 * checks, listing the other sites' lines and the lookups per URL. */
static void report_dns_function(pp_lint_ctx_t *c, pp_lint_dns_t *s, size_t first) {
  size_t body = c->fnbody[s->tok[first]], distinct = 0, others = 0;
  char lines[160] = "";
  for (size_t i = first; i < s->n; i++) {
    if (c->fnbody[s->tok[i]] != body) continue;
    bool seen = false;
    for (size_t j = first; j < i && !seen; j++)
      seen = c->fnbody[s->tok[j]] == body && strcmp(s->key[i], s->key[j]) == 0;
    if (!seen) distinct++;
    int line = c->tok[s->tok[i]].line;
    size_t used = strlen(lines);
    if (i != first && used + 16 < sizeof(lines))
      snprintf(lines + used, sizeof(lines) - used, "%s%d", others++ ? ", " : "", line);
  }
  if (after_cheap_checks(c, s->tok[first])) return;
  char *fn = pp_lint_text(c, s->tok[first]);
  bool param = strcmp(s->key[first], c->host_param) == 0 &&
               c->tok[s->tok[first] + 2].kind == PP_JS_IDENT;
  bool more = strcmp(fn ? fn : "", "isInNet") == 0;
  char also[200] = "";
  if (others) snprintf(also, sizeof(also), " (also line%s %s)", others > 1 ? "s" : "", lines);
  pp_lint_at(c, s->tok[first], PP_LINT_WARNING, "dns-on-host",
             "%s(%s%s%s%s) resolves the name in DNS on every request%s, before any "
             "isPlainHostName or domain check returns (a slow DNS server delays every URL); "
             "this script may need up to %zu lookup%s per URL",
             fn ? fn : "?", param ? "" : "\"", s->key[first], param ? "" : "\"",
             more ? ", ..." : "", also, distinct, distinct == 1 ? "" : "s");
  free(fn);
}

void pp_lint_report_dns(pp_lint_ctx_t *c, pp_lint_dns_t *s) {
  for (size_t i = 0; i < s->n; i++) {
    bool done = false;
    for (size_t j = 0; j < i && !done; j++) done = c->fnbody[s->tok[j]] == c->fnbody[s->tok[i]];
    if (!done) report_dns_function(c, s, i);
  }
  for (size_t i = 0; i < s->n; i++) free(s->key[i]);
  s->n = 0;
}
