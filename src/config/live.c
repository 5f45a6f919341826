/* SPDX-License-Identifier: MIT */
/*
 * pp_config_add_live: the live Windows configuration as sources. Which
 * keys are read (docs/sources.md "Live sources"), each value handed to
 * the same per-value code as a .reg export (pp_config_add_reg_value), so a
 * registry and its export give the same sources and the same decision; a
 * key that cannot be read becomes an error source naming the key. Then
 * what the OS itself says (config/live.h), escaped and masked into c->os.
 * The platform part is behind config/live.h; nothing here is Win32.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/live.h"

#define IS "\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define IS_WOW "\\Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define POLICY "\\Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define ACCOUNT(root) {root IS}, {root IS "\\Connections"}

/* The order a reader of the decision expects: the user, the service
 * accounts, then the machine (policy before the keys it switches on). */
static const pp_live_key_t live_keys[] = {
    ACCOUNT("HKEY_CURRENT_USER"),       ACCOUNT("HKEY_USERS\\S-1-5-18"),
    ACCOUNT("HKEY_USERS\\S-1-5-19"),    ACCOUNT("HKEY_USERS\\S-1-5-20"),
    {"HKEY_LOCAL_MACHINE" POLICY},      ACCOUNT("HKEY_LOCAL_MACHINE"),
    {"HKEY_LOCAL_MACHINE" IS_WOW "\\Connections"},
    /* browser proxy policies (docs/sources.md "Browser policies") */
    {"HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome"},
    {"HKEY_LOCAL_MACHINE\\Software\\Policies\\Chromium"},
    {"HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft\\Edge"},
    {"HKEY_CURRENT_USER\\Software\\Policies\\Google\\Chrome"},
    {"HKEY_CURRENT_USER\\Software\\Policies\\Chromium"},
    {"HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Edge"}};

static pp_status_t sink(void *ctx, const char *key, const pp_reg_value_t *v, const char *error) {
  pp_config_t *c = ctx;
  if (v) return pp_config_add_reg_value(c, NULL, v);
  char msg[1024];
  snprintf(msg, sizeof(msg), "%s: %s", key, error);
  pp_status_t st = pp_config_add_error(c, PP_SRC_WININET, NULL, msg);
  pp_source_t *s = st == PP_OK ? &c->sources[c->nsources - 1] : NULL;
  return s && (s->key = strdup(key)) ? PP_OK : PP_ENOMEM;
}

/* Foreign text from the OS, replaced in place by its escaped form (as
 * collect.c shows blob strings); proxies also masked. NULL stays NULL. */
static bool escape(char **s, bool proxy) {
  if (!*s) return true;
  char *e = pp_config_printable(*s, strlen(*s)), *m = NULL;
  bool had;
  if (e && proxy) {
    m = pp_config_mask_credentials(e, &had);
    free(e);
    e = m;
  }
  free(*s);
  *s = e;
  return e != NULL;
}

static pp_account_t account_of(const char *sid) {
  static const struct { const char *sid; pp_account_t a; } wk[] = {
      {"S-1-5-18", PP_ACCT_LOCALSYSTEM},
      {"S-1-5-19", PP_ACCT_LOCALSERVICE},
      {"S-1-5-20", PP_ACCT_NETWORKSERVICE}};
  for (size_t i = 0; sid && i < sizeof(wk) / sizeof(wk[0]); i++)
    if (strcmp(sid, wk[i].sid) == 0) return wk[i].a;
  return PP_ACCT_USER;
}

static pp_status_t os_view(pp_config_t *c) {
  pp_config_os_t *v = &c->os;
  pp_config_os_clear(v);
  pp_status_t st = pp_live_os_read(v);
  if (st != PP_OK) {
    pp_config_os_clear(v);
    return st;
  }
  v->present = true;
  v->running_as = account_of(v->running_sid);
  bool ok = escape(&v->running_sid, false) && escape(&v->ie_error, false) &&
            escape(&v->ie_pac_url, false) && escape(&v->ie_proxy, true) &&
            escape(&v->ie_bypass, false) && escape(&v->winhttp_error, false) &&
            escape(&v->winhttp_proxy, true) && escape(&v->winhttp_bypass, false);
  return ok ? PP_OK : PP_ENOMEM;
}

/* What Windows says first: it names the running account. A service
 * account's HKEY_CURRENT_USER is its own HKEY_USERS\S-1-5-xx hive, read
 * under that name, so HKCU (the first two keys) is then skipped rather
 * than shown as the interactive user's. */
pp_status_t pp_config_add_live(pp_config_t *c) {
  pp_status_t st = os_view(c);
  if (st != PP_OK) return st;
  size_t skip = c->os.running_as == PP_ACCT_USER ? 0 : 2;
  return pp_live_reg_read(live_keys + skip, sizeof(live_keys) / sizeof(live_keys[0]) - skip, sink,
                          c);
}

void pp_config_os_clear(pp_config_os_t *v) {
  free(v->running_sid);
  free(v->ie_error);
  free(v->ie_pac_url);
  free(v->ie_proxy);
  free(v->ie_bypass);
  free(v->winhttp_error);
  free(v->winhttp_proxy);
  free(v->winhttp_bypass);
  memset(v, 0, sizeof(*v));
}
