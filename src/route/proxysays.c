/* SPDX-License-Identifier: MIT */
/*
 * What the proxy said, on the attempt, for every backend (issue 17 "the
 * proxy's own reason"; the WinHTTP backend too since issue 14): the
 * reason recognised by reason.c becomes proxy_product/proxy_reason, an
 * appliance's block page fails the attempt whatever its status, and a
 * failed attempt's message ends with the proxy's words. How headers and
 * body bytes reach reason.c is the backend's (curl/attempt.c callbacks,
 * win/xfer.c WinHttpQueryHeaders and the drained body).
 */
#include <stdlib.h>
#include <string.h>

#include "route/reason.h"
#include "route/route_int.h"
#include "util/str.h"

bool pp_route_proxy_says(const pp_reason_t *rs, pp_attempt_t *a, bool *oom) {
  const char *product = NULL;
  char text[320];
  bool block = false;
  if (!rs || !pp_reason_describe(rs, &product, text, sizeof(text), &block)) return false;
  a->proxy_product = product;
  free(a->proxy_reason);
  a->proxy_reason = pp_strndup(text, strlen(text));
  if (!a->proxy_reason) *oom = true;
  return block;
}

void pp_route_reason_outcome(const pp_cred_use_t *cu, const pp_check_target_t *t, const pp_route_t *r,
                             pp_attempt_t *a, long status, bool block) {
  if (r->type != PP_ROUTE_DIRECT && block && status != 407)
    pp_attempt_set_error(a, "proxy-denied", false, "the proxy blocked the request (HTTP %ld, %s "
                         "block page)", status, a->proxy_product);
  else pp_route_http_outcome(cu, t, r, a, status);
}

void pp_route_add_reason(pp_attempt_t *a) {
  if (a->ok || !a->proxy_reason || !a->error_message) return;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "%s; the proxy says: %s%s%s", a->error_message, a->proxy_product,
                *a->proxy_product ? ": " : "", a->proxy_reason);
  char *m = pp_str_take(&s);
  if (!m) return;
  free(a->error_message);
  a->error_message = m;
}
