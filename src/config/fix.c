/* SPDX-License-Identifier: MIT */
/*
 * The fix (`sources --write-reg`): Microsoft's MDI procedure of copying the
 * user's DefaultConnectionSettings to HKU\S-1-5-18 and S-1-5-19
 * (windows-proxy-settings.md §6), written as a regedit-format .reg; plus
 * the names of consumers, accounts, kinds and modes, and freeing a config.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

#define CONNECTIONS "\\Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\Connections"

static const char *const consumers[] = {"user",           "localsystem", "localservice",
                                        "networkservice", "winhttp",     "env",
                                        "mdi-sensor",     "chrome",      "edge",
                                        "gnome",          "kde",         "session",
                                        "service",        "apt",         "docker",
                                        "firefox",        "dotnet",      "java",
                                        "macos"};

pp_status_t pp_consumer_parse(const char *name, pp_consumer_t *out) {
  for (size_t i = 0; i < sizeof(consumers) / sizeof(consumers[0]); i++)
    if (strcmp(name, consumers[i]) == 0) {
      *out = (pp_consumer_t)i;
      return PP_OK;
    }
  return PP_EINVAL;
}

const char *pp_consumer_name(pp_consumer_t c) {
  return (size_t)c < sizeof(consumers) / sizeof(consumers[0]) ? consumers[c] : "?";
}

const char *pp_source_kind_name(pp_source_kind_t k) {
  static const char *const n[] = {"cmdline", "env",     "wininet", "wininet-values",
                                  "policy",  "winhttp", "netsh",   "mdi",
                                  "chrome-policy", "edge-policy", "gnome",
                                  "kde", "environment", "systemd", "apt",
                                  "docker-client", "docker-daemon",
                                  "firefox-policy", "firefox-prefs", "dotnet-config",
                                  "java-props", "java-cmdline", "scutil", "macos-plist"};
  return (size_t)k < sizeof(n) / sizeof(n[0]) ? n[k] : "?";
}

const char *pp_account_name(pp_account_t a) {
  static const char *const n[] = {"none", "user", "localsystem", "localservice",
                                  "networkservice", "machine"};
  return (size_t)a < sizeof(n) / sizeof(n[0]) ? n[a] : "?";
}

const char *pp_account_label(pp_account_t a) {
  static const char *const n[] = {"-", "the user", "LocalSystem (S-1-5-18)",
                                  "LocalService (S-1-5-19)", "NetworkService (S-1-5-20)",
                                  "the machine (HKEY_LOCAL_MACHINE)"};
  return (size_t)a < sizeof(n) / sizeof(n[0]) ? n[a] : "?";
}

const char *pp_config_mode_name(pp_config_mode_t m) {
  static const char *const n[] = {"direct", "proxy", "pac", "auto-detect"};
  return (size_t)m < sizeof(n) / sizeof(n[0]) ? n[m] : "?";
}

/* The interactive user's blob: HKEY_CURRENT_USER first, else the first
 * HKEY_USERS\S-1-5-21-... hive (later values of the same hive win). */
static const pp_source_t *user_blob(const pp_config_t *c) {
  const pp_source_t *best = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    if (s->kind != PP_SRC_WININET || s->error || s->account != PP_ACCT_USER || !s->blob ||
        !pp_config_is_value(s, "DefaultConnectionSettings"))
      continue;
    if (best && !best->sid && s->sid) continue;
    if (best && best->sid && s->sid && strcmp(best->sid, s->sid) != 0) continue;
    best = s;
  }
  return best;
}

static bool add_sid(const char **sids, size_t *n, const char *sid) {
  for (size_t i = 0; i < *n; i++)
    if (strcmp(sids[i], sid) == 0) return true;
  sids[(*n)++] = sid;
  return true;
}

static pp_status_t target_sids(const pp_consumer_t *t, size_t n, const char **sids, size_t *ns,
                               char *err, size_t errlen) {
  *ns = 0;
  for (size_t i = 0; i < n; i++) {
    switch (t[i]) {
    case PP_FOR_LOCALSYSTEM: add_sid(sids, ns, "S-1-5-18"); break;
    case PP_FOR_LOCALSERVICE: add_sid(sids, ns, "S-1-5-19"); break;
    case PP_FOR_NETWORKSERVICE: add_sid(sids, ns, "S-1-5-20"); break;
    case PP_FOR_MDI_SENSOR:
      add_sid(sids, ns, "S-1-5-18");
      add_sid(sids, ns, "S-1-5-19");
      break;
    default:
      pp_set_err(err, errlen, "--write-reg writes WinINet settings for service accounts "
                 "(localsystem, localservice, networkservice, mdi-sensor), not for '%s'%s",
                 pp_consumer_name(t[i]),
                 t[i] == PP_FOR_WINHTTP ? " (use 'netsh winhttp import proxy source=ie')" : "");
      return PP_EINVAL;
    }
  }
  return PP_OK;
}

pp_status_t pp_config_write_reg(const pp_config_t *c, const pp_consumer_t *targets, size_t n,
                                unsigned char **out, size_t *len, char *err, size_t errlen) {
  const char *sids[4];
  char keys[4][160];
  pp_reg_binary_t v[8];
  size_t ns = 0;
  pp_status_t st = target_sids(targets, n, sids, &ns, err, errlen);
  if (st != PP_OK) return st;
  const pp_source_t *u = user_blob(c);
  if (!u) {
    pp_set_err(err, errlen, "no user DefaultConnectionSettings (HKEY_CURRENT_USER or "
               "HKEY_USERS\\S-1-5-21-...) in the given --reg files: nothing to copy");
    return PP_EINVAL;
  }
  /* Both values get the user's DefaultConnectionSettings: WinINet reads
   * the first, and a stale SavedLegacySettings is what support asks to
   * align (windows-proxy-settings.md §6). */
  for (size_t i = 0; i < ns; i++) {
    snprintf(keys[i], sizeof(keys[i]), "HKEY_USERS\\%s" CONNECTIONS, sids[i]);
    v[2 * i] = (pp_reg_binary_t){keys[i], "DefaultConnectionSettings", u->blob, u->blob_len};
    v[2 * i + 1] = (pp_reg_binary_t){keys[i], "SavedLegacySettings", u->blob, u->blob_len};
  }
  st = pp_reg_write(v, 2 * ns, out, len);
  if (st != PP_OK) pp_set_err(err, errlen, "out of memory");
  return st;
}

void pp_source_free(pp_source_t *s) {
  free(s->file);
  free(s->key);
  free(s->value);
  free(s->sid);
  free(s->proxy);
  pp_strlist_free(s->bypass, s->nbypass);
  free(s->pac_url);
  free(s->error);
  free(s->blob);
  free(s->mode);
  pp_config_settings_free(s);
}

void pp_config_clear(pp_config_t *c) {
  if (!c) return;
  for (size_t i = 0; i < c->nsources; i++) pp_source_free(&c->sources[i]);
  free(c->sources);
  free(c->effective.proxy);
  free(c->effective.pac_url);
  pp_strlist_free(c->effective.bypass, c->effective.nbypass);
  free(c->decided_by);
  for (size_t i = 0; i < c->nwarnings; i++) {
    free(c->warnings[i].code);
    free(c->warnings[i].message);
  }
  free(c->warnings);
  pp_config_os_clear(&c->os);
  memset(c, 0, sizeof(*c));
}
