/* SPDX-License-Identifier: MIT */
/*
 * Compares pacprobe's decision with what Windows itself says (c->os, filled
 * by pp_config_add_live): WinHttpGetIEProxyConfigForCurrentUser answers for
 * the running account only, so it is compared when the consumer is that
 * account; WinHttpGetDefaultProxyConfiguration answers for `--for winhttp`.
 * A difference is the warning os-disagrees. Called by pp_config_decide.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

typedef struct view {
  pp_config_mode_t mode;
  const char *proxy, *pac_url, *bypass;
  bool auto_detect;
} view_t;

static bool same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A bypass list as "a;b;c" (split as collect.c splits one), "" when empty. */
static char *joined(char **v, size_t n) {
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  for (size_t i = 0; i < n; i++) pp_str_printf(&o, "%s%s", i ? ";" : "", v[i]);
  return pp_str_take(&o);
}

static char *normalised(const char *list) {
  char **v = NULL;
  size_t n = 0;
  char *s = pp_config_split_bypass(list, "; \t", &v, &n) ? joined(v, n) : NULL;
  pp_strlist_free(v, n);
  return s;
}

static bool account_consumer(pp_consumer_t k, pp_account_t *a) {
  switch (k) {
  case PP_FOR_USER: *a = PP_ACCT_USER; return true;
  case PP_FOR_LOCALSYSTEM: *a = PP_ACCT_LOCALSYSTEM; return true;
  case PP_FOR_LOCALSERVICE: *a = PP_ACCT_LOCALSERVICE; return true;
  case PP_FOR_NETWORKSERVICE: *a = PP_ACCT_NETWORKSERVICE; return true;
  default: return false;
  }
}

static void describe(pp_str_t *o, const view_t *v) {
  pp_str_puts(o, pp_config_mode_name(v->mode));
  if (v->mode == PP_MODE_PROXY) pp_str_printf(o, " %s", v->proxy ? v->proxy : "");
  if (v->mode == PP_MODE_PAC) pp_str_printf(o, " %s", v->pac_url ? v->pac_url : "");
  if (v->mode == PP_MODE_PROXY && v->bypass && *v->bypass) pp_str_printf(o, " bypass %s", v->bypass);
  if (v->auto_detect && v->mode != PP_MODE_AUTO_DETECT) pp_str_puts(o, " (auto-detect on)");
}

static bool agree(const view_t *a, const view_t *b) {
  if (a->mode != b->mode || a->auto_detect != b->auto_detect) return false;
  if (a->mode == PP_MODE_PAC) return same(a->pac_url, b->pac_url);
  if (a->mode == PP_MODE_PROXY) return same(a->proxy, b->proxy) && same(a->bypass, b->bypass);
  return true;
}

/* WinHTTP's WINHTTP_CURRENT_USER_IE_PROXY_CONFIG as a decision: a PAC URL
 * wins over a proxy, auto-detect is its own flag (WinINet's order). */
static view_t ie_view(const pp_config_os_t *os, char *bypass) {
  view_t v = {PP_MODE_DIRECT, os->ie_proxy, os->ie_pac_url, bypass, os->ie_auto_detect};
  if (os->ie_pac_url && *os->ie_pac_url) v.mode = PP_MODE_PAC;
  else if (os->ie_proxy && *os->ie_proxy) v.mode = PP_MODE_PROXY;
  else if (os->ie_auto_detect) v.mode = PP_MODE_AUTO_DETECT;
  return v;
}

static view_t winhttp_view(const pp_config_os_t *os, char *bypass) {
  bool named = os->winhttp_access == 3 && os->winhttp_proxy && *os->winhttp_proxy;
  view_t v = {named ? PP_MODE_PROXY : PP_MODE_DIRECT, os->winhttp_proxy, NULL, bypass, false};
  return v;
}

bool pp_config_compare_os(pp_config_t *c, bool cmdline_decided) {
  pp_config_os_t *os = &c->os;
  pp_account_t a = PP_ACCT_NONE;
  bool winhttp = c->consumer == PP_FOR_WINHTTP;
  os->compared = os->agrees = false;
  if (!os->present || cmdline_decided) return true;
  if (!winhttp && !(account_consumer(c->consumer, &a) && a == os->running_as)) return true;
  if (winhttp ? os->winhttp_error != NULL : os->ie_error != NULL) return true;
  const pp_config_effective_t *e = &c->effective;
  char *ours_by = joined(e->bypass, e->nbypass);
  char *os_by = normalised(winhttp ? os->winhttp_bypass : os->ie_bypass);
  bool ok = ours_by && os_by;
  view_t ours = {e->mode, e->proxy, e->pac_url, ours_by, e->auto_detect};
  view_t theirs = winhttp ? winhttp_view(os, os_by) : ie_view(os, os_by);
  if (ok) {
    os->compared = true;
    os->agrees = agree(&ours, &theirs);
  }
  if (ok && !os->agrees) {
    pp_str_t m = PP_STR_INIT, t = PP_STR_INIT;
    describe(&m, &ours);
    describe(&t, &theirs);
    ok = !m.oom && !t.oom &&
         (winhttp ? pp_config_warn(c, "os-disagrees", "Windows itself "
                                   "(WinHttpGetDefaultProxyConfiguration) says %s; pacprobe "
                                   "decided %s", t.s, m.s)
                  : pp_config_warn(c, "os-disagrees", "Windows itself "
                                   "(WinHttpGetIEProxyConfigForCurrentUser, running as %s) says "
                                   "%s; pacprobe decided %s", pp_account_name(os->running_as),
                                   t.s, m.s));
    pp_str_free(&m);
    pp_str_free(&t);
  }
  free(ours_by);
  free(os_by);
  return ok;
}
