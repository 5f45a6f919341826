/* SPDX-License-Identifier: MIT */
/*
 * The interception verdict of an https attempt from what a backend saw of
 * the handshake (route_int.h pp_tls_view_t). Interception is judged by
 * issuer and trust, never by subject: mitmproxy copies the origin's subject
 * (docs/libcurl-notes.md "TLS chains and interception"). How a stack
 * verifies and captures the chain is the backend's (curl/tls.c, win/tls.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "route/route_int.h"
#include "util/str.h"

void pp_cert_chain_free(pp_cert_info_t *c, size_t n) {
  for (size_t i = 0; c && i < n; i++) {
    free(c[i].subject);
    free(c[i].issuer);
    free(c[i].not_after);
    free(c[i].sha256);
  }
  free(c);
}

static bool contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; hay && *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0) return true;
  return false;
}

/* Expected issuers (profile): some issuer in the chain or the root names one. */
static bool issuer_expected(const pp_tls_view_t *v, const pp_attempt_t *a,
                            const pp_check_target_t *t) {
  for (size_t k = 0; k < t->nissuers; k++) {
    if (contains_ci(v->root, t->issuers[k])) return true;
    for (size_t i = 0; i < a->nchain; i++)
      if (contains_ci(a->chain[i].issuer, t->issuers[k])) return true;
  }
  return false;
}

static char *expected_list(const pp_check_target_t *t) {
  pp_str_t s = PP_STR_INIT;
  pp_str_append(&s, "", 0);
  for (size_t k = 0; k < t->nissuers; k++) pp_str_printf(&s, "%s%s", k ? ", " : "", t->issuers[k]);
  return pp_str_take(&s);
}

void pp_tls_judge(pp_tls_view_t *v, const pp_check_target_t *t, pp_attempt_t *a) {
  a->tls = true;
  a->chain = v->chain;
  a->nchain = v->nchain;
  v->chain = NULL;
  v->nchain = 0;
  a->verified = !v->failed;
  const char *top = a->nchain ? a->chain[a->nchain - 1].issuer : "?";
  pp_str_t r = PP_STR_INIT;
  if (v->failed && v->untrusted) {
    a->intercepted = true;
    pp_str_printf(&r, "the chain does not build to a trusted root: issuer '%s' is unknown (%s)",
                  v->err_issuer ? v->err_issuer : top, v->why ? v->why : "?");
  } else if (v->failed) {
    pp_str_printf(&r, "certificate not valid: %s", v->why ? v->why : "?");
  } else if (t->nissuers && !issuer_expected(v, a, t)) {
    char *exp = expected_list(t);
    a->intercepted = true;
    pp_str_printf(&r, "issuer '%s' (root '%s') is not one of the expected issuers (%s)", top,
                  v->root ? v->root : "?", exp ? exp : "");
    free(exp);
  }
  a->tls_reason = r.len ? pp_str_take(&r) : NULL;
  pp_str_free(&r);
}

char *pp_tls_describe(const pp_tls_view_t *v) {
  const pp_cert_info_t *leaf = v->nchain ? &v->chain[0] : NULL;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "'%s' (issuer '%s'): %s", leaf ? leaf->subject : "?",
                leaf ? leaf->issuer : "?", v->why ? v->why : "?");
  return pp_str_take(&s);
}
