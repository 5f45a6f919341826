/* SPDX-License-Identifier: MIT */
/*
 * The portable part of `check`'s API (DESIGN §1.7): option defaults and
 * freeing results. Running the attempts is the route backend's
 * (src/route/curl/ with libcurl and OpenSSL; src/route/none/ in a build
 * without one).
 */
#include <stdlib.h>
#include <string.h>

#include "pacprobe.h"
#include "util/str.h"

void pp_check_opts_init(pp_check_opts_t *o) {
  memset(o, 0, sizeof(*o));
  o->connect_timeout_ms = 5000;
  o->max_time_ms = 15000;
  o->parallel = 16;
}

static void attempt_clear(pp_attempt_t *a) {
  free(a->route);
  free(a->error_message);
  pp_strlist_free(a->auth_offered, a->nauth_offered);
  for (size_t i = 0; i < a->nchain; i++) {
    free(a->chain[i].subject);
    free(a->chain[i].issuer);
    free(a->chain[i].not_after);
    free(a->chain[i].sha256);
  }
  free(a->chain);
  free(a->tls_reason);
  free(a->proxy_reason);
}

void pp_check_result_clear(pp_check_result_t *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nattempts; i++) attempt_clear(&r->attempts[i]);
  free(r->attempts);
  memset(r, 0, sizeof(*r));
  r->decided = -1;
}
