/* SPDX-License-Identifier: MIT */
/*
 * The discovery report (pp_discovery_t): appending trace lines and
 * warnings, and freeing it all. Every stage of src/wpad writes through
 * these so the report has one owner; what goes into it is decided in
 * dhcp_client.c and discover.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/str.h"
#include "wpad/wpad_int.h"

const char *pp_wpad_method_name(pp_wpad_method_t m) {
  switch (m) {
  case PP_WPAD_DHCP: return "dhcp";
  case PP_WPAD_LEASE: return "lease";
  case PP_WPAD_DNS: return "dns";
  case PP_WPAD_FETCH: return "fetch";
  }
  return "dhcp";
}

static char *dup_or_null(const char *s, bool *ok) {
  if (!s) return NULL;
  char *d = strdup(s);
  if (!d) *ok = false;
  return d;
}

pp_wpad_attempt_t *pp_wpad_trace_add(pp_discovery_t *d, pp_wpad_method_t m, const char *asked,
                                     const char *via, const char *result) {
  pp_wpad_attempt_t *v = realloc(d->attempts, (d->nattempts + 1) * sizeof(*v));
  if (!v) return NULL;
  d->attempts = v;
  pp_wpad_attempt_t *a = &v[d->nattempts++];
  memset(a, 0, sizeof(*a));
  a->method = m;
  bool ok = true;
  a->asked = dup_or_null(asked, &ok);
  a->via = dup_or_null(via, &ok);
  a->result = dup_or_null(result, &ok);
  return ok ? a : NULL;
}

bool pp_wpad_set(char **field, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = pp_vformat(fmt, ap);
  va_end(ap);
  if (!s) return false;
  free(*field);
  *field = s;
  return true;
}

bool pp_wpad_warn(pp_discovery_t *d, const char *code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = pp_vformat(fmt, ap);
  va_end(ap);
  char *c = strdup(code);
  pp_wpad_warning_t *v = msg && c ? realloc(d->warnings, (d->nwarnings + 1) * sizeof(*v)) : NULL;
  if (!v) {
    free(msg);
    free(c);
    return false;
  }
  d->warnings = v;
  v[d->nwarnings++] = (pp_wpad_warning_t){c, msg};
  return true;
}

static void attempt_free(pp_wpad_attempt_t *a) {
  free(a->asked);
  free(a->via);
  free(a->server);
  free(a->answer);
  free(a->result);
  free(a->detail);
  pp_fetch_info_clear(&a->fetch);
  pp_pac_findings_free(a->hosting, a->nhosting);
}

void pp_discovery_clear(pp_discovery_t *d) {
  if (!d) return;
  for (size_t i = 0; i < d->nattempts; i++) attempt_free(&d->attempts[i]);
  free(d->attempts);
  for (size_t i = 0; i < d->nwarnings; i++) {
    free(d->warnings[i].code);
    free(d->warnings[i].message);
  }
  free(d->warnings);
  free(d->pac_url);
  free(d->decided_by);
  free(d->pac);
  free(d->error);
  pp_wpad_os_view_clear(&d->os);
  memset(d, 0, sizeof(*d));
}

void pp_discover_opts_init(pp_discover_opts_t *o) { memset(o, 0, sizeof(*o)); }
