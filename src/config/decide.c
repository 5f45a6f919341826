/* SPDX-License-Identifier: MIT */
/*
 * Which source is in effect for a consumer, and the warnings that explain
 * a failure before anyone opens a packet capture. The precedence of every
 * consumer, with its source, is docs/sources.md; the rules below implement
 * it. Collecting sources is collect.c; the .reg fix is fix.c.
 *
 * Precedence (first that applies decides):
 *   1. command line --pac / --proxy (an explicit "use this", as curl -x);
 *   2. per consumer:
 *      user, localsystem, localservice, networkservice (WinINet):
 *        ProxySettingsPerUser=0 -> the HKLM blob; else the account's
 *        DefaultConnectionSettings; else its ProxyEnable/... values; else
 *        WinINet's default for a missing blob: auto-detect (Wine, §2.3/4);
 *      winhttp: WinHttpSettings blob, then netsh output, else direct;
 *      env: curl's order (scheme_proxy, SCHEME_PROXY but never HTTP_PROXY,
 *        all_proxy, ALL_PROXY), no_proxy/NO_PROXY or --noproxy;
 *      mdi-sensor: --mdi-proxy, then LocalService, then LocalSystem
 *        WinINet, then WPAD/transparent (mdi-connectivity.md §4).
 *   Flags decide what is in effect (Wine's rule, §2.3/3): the PAC URL only
 *   with 0x04, proxy and bypass only with 0x02; 0x08 is auto-detect, which
 *   WinINet tries before both.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define DCS "DefaultConnectionSettings"
#define SLS "SavedLegacySettings"

static void effective_clear(pp_config_effective_t *e) {
  free(e->proxy);
  free(e->pac_url);
  pp_strlist_free(e->bypass, e->nbypass);
  memset(e, 0, sizeof(*e));
}

static bool copy_list(char ***dst, size_t *nd, char **src, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!pp_strlist_push(dst, nd, src[i])) return false;
  return true;
}

static bool dup_or_null(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

/* Last usable source matching kind/account/value (NULL value: any). */
static pp_source_t *find(pp_config_t *c, pp_source_kind_t kind, pp_account_t a, const char *value,
                         bool hkcu_first) {
  pp_source_t *best = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->kind != kind || s->error || (a != PP_ACCT_NONE && s->account != a)) continue;
    if (value && !pp_config_is_value(s, value)) continue;
    /* The interactive user: HKEY_CURRENT_USER beats an HKEY_USERS\S-1-5-21 hive. */
    if (hkcu_first && best && !best->sid && s->sid) continue;
    best = s;
  }
  return best;
}

/* Applies WinINet flags to the effective configuration (Wine's rule). */
static bool apply_flags(pp_config_t *c, const pp_source_t *s) {
  pp_config_effective_t *e = &c->effective;
  bool auto_detect = s->flags & PP_WININET_AUTO_DETECT;
  e->auto_detect = auto_detect && s->kind != PP_SRC_WINHTTP && s->kind != PP_SRC_NETSH;
  if ((s->flags & PP_WININET_AUTO_PROXY_URL) && s->pac_url && *s->pac_url) {
    e->mode = PP_MODE_PAC;
    if (!dup_or_null(&e->pac_url, s->pac_url)) return false;
  } else if ((s->flags & PP_WININET_PROXY) && s->proxy && *s->proxy) {
    e->mode = PP_MODE_PROXY;
  } else {
    e->mode = e->auto_detect ? PP_MODE_AUTO_DETECT : PP_MODE_DIRECT;
  }
  if ((s->flags & PP_WININET_PROXY) && s->proxy && *s->proxy) {
    if (!dup_or_null(&e->proxy, s->proxy)) return false;
    if (!copy_list(&e->bypass, &e->nbypass, s->bypass, s->nbypass)) return false;
  }
  return true;
}

static bool decided(pp_config_t *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool decided(pp_config_t *c, const char *fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  return dup_or_null(&c->decided_by, buf);
}

/* file:line for an export, the key for the live registry. */
static const char *where(const pp_source_t *s, char *buf, size_t n) {
  if (s->file && s->line) snprintf(buf, n, "%s:%u", s->file, s->line);
  else snprintf(buf, n, "%s", s->file ? s->file : s->key ? s->key : "");
  return buf;
}

/* "localsystem (S-1-5-18)" / "user (HKEY_CURRENT_USER)". */
static const char *who(const pp_source_t *s, char *buf, size_t n) {
  if (s->sid) snprintf(buf, n, "%s (%s)", pp_account_name(s->account), s->sid);
  else if (s->account == PP_ACCT_USER) snprintf(buf, n, "user (HKEY_CURRENT_USER)");
  else snprintf(buf, n, "%s", pp_account_name(s->account));
  return buf;
}

static bool cmdline(pp_config_t *c, bool *done) {
  pp_source_t *pac = find(c, PP_SRC_CMDLINE, PP_ACCT_NONE, "--pac", false);
  pp_source_t *px = find(c, PP_SRC_CMDLINE, PP_ACCT_NONE, "--proxy", false);
  pp_source_t *np = find(c, PP_SRC_CMDLINE, PP_ACCT_NONE, "--noproxy", false);
  pp_config_effective_t *e = &c->effective;
  *done = pac || px;
  if (pac) {
    pac->in_effect = true;
    e->mode = pac->auto_detect ? PP_MODE_AUTO_DETECT : PP_MODE_PAC;
    e->auto_detect = pac->auto_detect;
    return dup_or_null(&e->pac_url, pac->pac_url) &&
           decided(c, "command line --pac%s", pac->auto_detect ? " auto" : "");
  }
  if (!px) return true;
  px->in_effect = true;
  e->mode = px->proxy ? PP_MODE_PROXY : PP_MODE_DIRECT;
  if (!dup_or_null(&e->proxy, px->proxy)) return false;
  if (np) {
    np->in_effect = true;
    if (!copy_list(&e->bypass, &e->nbypass, np->bypass, np->nbypass)) return false;
  }
  return decided(c, "command line --proxy%s", np ? " and --noproxy" : "");
}

static pp_account_t consumer_account(pp_consumer_t k) {
  switch (k) {
  case PP_FOR_LOCALSYSTEM: return PP_ACCT_LOCALSYSTEM;
  case PP_FOR_LOCALSERVICE: return PP_ACCT_LOCALSERVICE;
  case PP_FOR_NETWORKSERVICE: return PP_ACCT_NETWORKSERVICE;
  default: return PP_ACCT_USER;
  }
}

static bool per_machine(pp_config_t *c) {
  pp_source_t *p = find(c, PP_SRC_POLICY, PP_ACCT_MACHINE, NULL, false);
  if (p && p->dword == 0) p->in_effect = true;
  return p && p->dword == 0;
}

/* WinINet as `a` sees it. Returns false on ENOMEM; *found says whether the
 * account had any settings. */
static bool wininet(pp_config_t *c, pp_account_t a, bool *found) {
  char w[128], l[256];
  bool machine = per_machine(c);
  pp_account_t target = machine ? PP_ACCT_MACHINE : a;
  pp_source_t *s = find(c, PP_SRC_WININET, target, DCS, a == PP_ACCT_USER);
  *found = s != NULL;
  if (s) {
    s->in_effect = true;
    return apply_flags(c, s) &&
           decided(c, "WinINet %s " DCS " (%s)%s", who(s, w, sizeof(w)), where(s, l, sizeof(l)),
                   machine ? ", per-machine mode (ProxySettingsPerUser=0)" : "");
  }
  s = find(c, PP_SRC_WININET_VALUES, target, NULL, a == PP_ACCT_USER);
  *found = s != NULL;
  if (s) {
    s->in_effect = true;
    return apply_flags(c, s) &&
           decided(c, "WinINet %s Internet Settings values (%s)", who(s, w, sizeof(w)),
                   where(s, l, sizeof(l))) &&
           pp_config_warn(c, "no-blob", "%s has ProxyEnable/ProxyServer values but no " DCS
                          " blob in the given exports; WinINet acts on the blob",
                          who(s, w, sizeof(w)));
  }
  c->effective.mode = PP_MODE_AUTO_DETECT;
  c->effective.auto_detect = true;
  return decided(c, "default: no WinINet settings for %s in the given sources (WinINet then "
                 "auto-detects)", pp_account_name(target));
}

static bool same(const char *a, const char *b) {
  return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The classic service failure: the user has a proxy or PAC, the account
 * that the service runs as does not. */
static bool missing_settings(pp_config_t *c, pp_account_t a) {
  pp_source_t *u = find(c, PP_SRC_WININET, PP_ACCT_USER, DCS, true);
  if (!u || per_machine(c)) return true;
  bool up = (u->flags & PP_WININET_PROXY) && u->proxy && *u->proxy;
  bool upac = (u->flags & PP_WININET_AUTO_PROXY_URL) && u->pac_url && *u->pac_url;
  if (!up && !upac) return true;
  const pp_config_effective_t *e = &c->effective;
  bool has = upac ? (e->mode == PP_MODE_PAC && same(e->pac_url, u->pac_url))
                  : (e->mode == PP_MODE_PROXY && same(e->proxy, u->proxy));
  if (has) return true;
  char w[128];
  const char *label = pp_account_label(a);
  return pp_config_warn(c, "account-missing-settings",
                        "%s lacks the %s %s that %s has: a service running as %s goes %s. Copy "
                        "the user's " DCS " with 'pacprobe sources --write-reg FILE --for %s' "
                        "and import FILE as administrator",
                        label, upac ? "auto-config URL" : "proxy", upac ? u->pac_url : u->proxy,
                        who(u, w, sizeof(w)), pp_account_label(a), pp_config_mode_name(e->mode),
                        pp_account_name(a));
}

static bool winhttp(pp_config_t *c) {
  char l[256];
  pp_source_t *b = find(c, PP_SRC_WINHTTP, PP_ACCT_NONE, NULL, false);
  pp_source_t *n = find(c, PP_SRC_NETSH, PP_ACCT_NONE, NULL, false);
  if (b && n && (!same(b->proxy, n->proxy) || (b->flags & 2) != (n->flags & 2)) &&
      !pp_config_warn(c, "winhttp-sources-differ", "the WinHttpSettings blob (%s) and the netsh "
                      "output (%s) disagree; WinHTTP reads the blob", where(b, l, sizeof(l)),
                      n->file))
    return false;
  pp_source_t *s = b ? b : n;
  if (!s) {
    c->effective.mode = PP_MODE_DIRECT;
    return decided(c, "default: WinHTTP goes direct unless 'netsh winhttp set proxy' was run");
  }
  s->in_effect = true;
  return apply_flags(c, s) &&
         decided(c, b ? "WinHTTP WinHttpSettings (%s)" : "netsh winhttp show proxy (%s)",
                 where(s, l, sizeof(l)));
}

/* A unit's own Environment= beats the manager's DefaultEnvironment=. */
static int env_rank(const pp_source_t *s) {
  return s->kind == PP_SRC_SYSTEMD && s->key && strcmp(s->key, "DefaultEnvironment") != 0;
}

pp_source_t *pp_config_env_var(pp_config_t *c, unsigned kinds, const char *unit,
                               const char *name) {
  pp_source_t *best = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (!(kinds & (1u << s->kind)) || s->error || !s->value || strcmp(s->value, name) != 0)
      continue;
    if (s->kind == PP_SRC_SYSTEMD && (s->account == PP_ACCT_USER ||
                                      (env_rank(s) && (!unit || strcmp(s->key, unit) != 0))))
      continue;
    if (!best || env_rank(s) >= env_rank(best)) best = s;
  }
  return best;
}

static pp_source_t *env_source_of(pp_config_t *c, unsigned kinds, const char *name) {
  return pp_config_env_var(c, kinds, NULL, name); /* curl-style consumers: no unit */
}


/* The environment as curl reads it, rebuilt from the (masked) env sources
 * so that pp_env_proxy_for's rules are the only copy of curl's order. */
static char **env_array(pp_config_t *c, unsigned kinds) {
  char **v = calloc(c->nsources + 1, sizeof(*v));
  size_t n = 0;
  for (size_t i = 0; v && i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    if (!(kinds & (1u << s->kind)) || !s->proxy || s != env_source_of(c, kinds, s->value)) continue;
    pp_str_t e = PP_STR_INIT;
    pp_str_printf(&e, "%s=%s", s->value, s->proxy);
    if (!(v[n++] = pp_str_take(&e))) {
      pp_strlist_free(v, n);
      return NULL;
    }
  }
  return v;
}

static bool env_bypass(pp_config_t *c, unsigned kinds) {
  pp_source_t *np = find(c, PP_SRC_CMDLINE, PP_ACCT_NONE, "--noproxy", false);
  if (!np) np = env_source_of(c, kinds, "no_proxy");
  if (!np) np = env_source_of(c, kinds, "NO_PROXY");
  if (!np) return true;
  np->in_effect = true;
  return copy_list(&c->effective.bypass, &c->effective.nbypass, np->bypass, np->nbypass);
}

/* "env http_proxy", or "systemd http_proxy (file:line)" for a file source. */
static void env_by(pp_str_t *by, const pp_source_t *s) {
  char l[512];
  pp_str_printf(by, "%s%s %s", by->len ? ", " : "", pp_source_kind_name(s->kind), s->value);
  if (s->key && s->kind == PP_SRC_SYSTEMD) pp_str_printf(by, " of %s", s->key);
  if (s->file) pp_str_printf(by, " (%s)", where(s, l, sizeof(l)));
}

static bool env(pp_config_t *c) { return pp_config_decide_env(c, 1u << PP_SRC_ENV); }

bool pp_config_decide_env(pp_config_t *c, unsigned kinds) {
  char **envp = env_array(c, kinds);
  if (!envp) return false;
  const char *hv = NULL, *sv = NULL;
  const char *h = pp_env_proxy_for((const char *const *)envp, "http", &hv);
  const char *s = pp_env_proxy_for((const char *const *)envp, "https", &sv);
  pp_str_t p = PP_STR_INIT, by = PP_STR_INIT;
  pp_str_append(&p, "", 0);
  pp_str_append(&by, "", 0);
  if (h && s && strcmp(h, s) == 0) pp_str_puts(&p, h);
  else if (h || s)
    pp_str_printf(&p, "%s%s%s%s%s", h ? "http=" : "", h ? h : "", h && s ? ";" : "",
                  s ? "https=" : "", s ? s : "");
  pp_source_t *hs = h ? env_source_of(c, kinds, hv) : NULL;
  pp_source_t *ss = s ? env_source_of(c, kinds, sv) : NULL;
  if (hs) env_by(&by, hs);
  if (ss && ss != hs) env_by(&by, ss);
  if (hs) hs->in_effect = true;
  if (ss) ss->in_effect = true;
  pp_strlist_free(envp, c->nsources + 1);
  bool ok = !p.oom && !by.oom;
  if (ok && (h || s)) {
    c->effective.mode = PP_MODE_PROXY;
    ok = dup_or_null(&c->effective.proxy, p.s) && dup_or_null(&c->decided_by, by.s) &&
         env_bypass(c, kinds);
  } else if (ok) {
    c->effective.mode = PP_MODE_DIRECT;
    ok = decided(c, "default: no proxy variables set (curl goes direct)");
  }
  if (ok && env_source_of(c, kinds, "HTTP_PROXY") && !env_source_of(c, kinds, "http_proxy"))
    ok = pp_config_warn(c, "http-proxy-ignored", "HTTP_PROXY is set but curl never reads it "
                        "(httpoxy, CVE-2016-5385); set http_proxy");
  pp_str_free(&p);
  pp_str_free(&by);
  return ok;
}

static bool has_settings(pp_config_t *c, pp_account_t a) {
  return find(c, PP_SRC_WININET, a, DCS, false) || find(c, PP_SRC_WININET_VALUES, a, NULL, false);
}

/* mdi-connectivity.md §4: the sensor's own proxy, then WinINet of
 * LocalService (the sensor service) or LocalSystem (the updater), then
 * WPAD or a transparent proxy. WinHTTP alone is not enough. */
static bool mdi(pp_config_t *c) {
  pp_source_t *m = find(c, PP_SRC_MDI, PP_ACCT_NONE, NULL, false);
  bool ok = true, found;
  if (m) {
    m->in_effect = true;
    c->effective.mode = m->proxy ? PP_MODE_PROXY : PP_MODE_DIRECT;
    return dup_or_null(&c->effective.proxy, m->proxy) &&
           decided(c, "--mdi-proxy (the sensor's own proxy setting)");
  }
  if (per_machine(c) || has_settings(c, PP_ACCT_LOCALSERVICE))
    ok = wininet(c, PP_ACCT_LOCALSERVICE, &found) && missing_settings(c, PP_ACCT_LOCALSERVICE);
  else if (has_settings(c, PP_ACCT_LOCALSYSTEM))
    ok = wininet(c, PP_ACCT_LOCALSYSTEM, &found) && missing_settings(c, PP_ACCT_LOCALSYSTEM);
  else {
    c->effective.mode = PP_MODE_AUTO_DETECT;
    c->effective.auto_detect = true;
    ok = decided(c, "default: WPAD or a transparent proxy (no --mdi-proxy, no WinINet settings "
                 "for LocalService or LocalSystem)");
  }
  pp_source_t *w = find(c, PP_SRC_WINHTTP, PP_ACCT_NONE, NULL, false);
  if (!w) w = find(c, PP_SRC_NETSH, PP_ACCT_NONE, NULL, false);
  if (ok && w && w->proxy && (w->flags & PP_WININET_PROXY))
    ok = pp_config_warn(c, "winhttp-not-used", "WinHTTP has a proxy (%s) but the MDI sensor does "
                        "not read WinHTTP settings: configure WinINet for LocalService and "
                        "LocalSystem or the sensor's own proxy", w->proxy);
  return ok;
}

static bool legacy_differs(pp_config_t *c) {
  char w[128];
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *d = &c->sources[i];
    if (d->kind != PP_SRC_WININET || d->error || !pp_config_is_value(d, DCS)) continue;
    for (size_t j = 0; j < c->nsources; j++) {
      pp_source_t *s = &c->sources[j];
      if (s->kind != PP_SRC_WININET || s->error || !pp_config_is_value(s, SLS) ||
          strcasecmp(s->key, d->key) != 0 || !same(s->file, d->file))
        continue;
      if (s->flags == d->flags && same(s->proxy, d->proxy) && same(s->pac_url, d->pac_url) &&
          s->nbypass == d->nbypass)
        continue;
      if (!pp_config_warn(c, "saved-legacy-differs", "%s: " SLS " (flags 0x%02x) differs from "
                          DCS " (flags 0x%02x); WinINet uses " DCS " for the default connection",
                          who(d, w, sizeof(w)), s->flags, d->flags))
        return false;
    }
  }
  return true;
}

static bool credentials(pp_config_t *c) {
  for (size_t i = 0; i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    if (s->credentials &&
        !pp_config_warn(c, "credentials-in-proxy", "%s %s: the proxy string carries credentials "
                        "(password masked here); anyone who can read this source can read them",
                        pp_source_kind_name(s->kind), s->value ? s->value : ""))
      return false;
  }
  return true;
}

/* Bypass entries that can never match a host: curl honours '*' only as
 * the whole list and compares names by suffix (lib/noproxy.c); WinINet
 * compares host names with '*' wildcards and knows two macros (§5). */
static const char *never_matches(const char *e, bool curl) {
  if (curl) {
    if (strchr(e, '*')) return "curl's no_proxy has no wildcards (only a lone '*' for everything)";
    if (strstr(e, "://")) return "curl's no_proxy takes host names, not URLs";
    return NULL;
  }
  if (e[0] == '<' && strcasecmp(e, "<local>") != 0 && strcasecmp(e, "<-loopback>") != 0)
    return "not a macro WinINet knows (<local>, <-loopback>)";
  if (strchr(e, '/'))
    return "WinINet documents host names with '*' wildcards only; a path or CIDR matches no host "
           "name (Chromium alone reads a CIDR)";
  return NULL;
}

static bool bypass_check(pp_config_t *c, bool curl) {
  const pp_config_effective_t *e = &c->effective;
  for (size_t i = 0; i < e->nbypass; i++) {
    const char *why = never_matches(e->bypass[i], curl);
    if (why && !pp_config_warn(c, "bypass-never-matches", "bypass entry '%s' never matches: %s",
                               e->bypass[i], why))
      return false;
  }
  return true;
}

static bool auto_detect_note(pp_config_t *c) {
  const pp_config_effective_t *e = &c->effective;
  if (!e->auto_detect || e->mode == PP_MODE_AUTO_DETECT) return true;
  return pp_config_warn(c, "auto-detect-with-proxy", "automatic detection is on as well: %s "
                        "tries WPAD first and uses a PAC it finds there before this %s",
                        c->consumer == PP_FOR_MACOS || pp_config_decided_by_macos(c)
                            ? "CFNetwork (and Chrome)" : "WinINet",
                        e->mode == PP_MODE_PAC ? "auto-config URL" : "proxy");
}

/* Where the effective PAC is hosted, as far as the URL tells (file://,
 * UNC): the hosting findings (src/wpad/hosting.c) as warnings. */
static bool pac_where(pp_config_t *c) {
  const char *u = c->effective.mode == PP_MODE_PAC ? c->effective.pac_url : NULL;
  if (!u) return true;
  pp_pac_finding_t *f = NULL;
  size_t n = 0;
  bool ok = pp_pac_hosting_check(u, NULL, NULL, 0, &f, &n) == PP_OK;
  for (size_t i = 0; ok && i < n; i++) {
    char code[48];
    snprintf(code, sizeof(code), "pac-%s", f[i].code);
    ok = pp_config_warn(c, code, "%s: %s", f[i].message, f[i].clients);
  }
  pp_pac_findings_free(f, n);
  return ok;
}

static void reset(pp_config_t *c) {
  for (size_t i = 0; i < c->nsources; i++) c->sources[i].in_effect = false;
  effective_clear(&c->effective);
  free(c->decided_by);
  c->decided_by = NULL;
  for (size_t i = 0; i < c->nwarnings; i++) {
    free(c->warnings[i].code);
    free(c->warnings[i].message);
  }
  free(c->warnings);
  c->warnings = NULL;
  c->nwarnings = 0;
}

/* The system settings an application follows: GNOME's where given (on a
 * GNOME desktop Chrome reads them: Chromium proxy_config_service_linux.cc
 * SettingGetterImplGSettings), else KDE's (SettingGetterImplKDE), macOS's
 * (scutil, plist), WinINet's where the sources are Windows ones, else the
 * environment. Chrome/Edge without a deciding policy read these too. */
static bool system_settings(pp_config_t *c) {
  bool found;
  if (!pp_config_decide_gnome(c, &found)) return false;
  if (!found && !pp_config_decide_kde(c, &found)) return false;
  if (found) return true;
  if (!pp_config_decide_macos(c, &found)) return false;
  if (found) return true;
  bool windows = find(c, PP_SRC_WININET, PP_ACCT_NONE, NULL, false) ||
                 find(c, PP_SRC_WININET_VALUES, PP_ACCT_NONE, NULL, false);
  return windows ? wininet(c, PP_ACCT_USER, &found) : env(c);
}

bool pp_config_decide_system(pp_config_t *c, const char *app) {
  return system_settings(c) && pp_config_system_note(c, app);
}

bool pp_config_system_note(pp_config_t *c, const char *app) {
  pp_str_t o = PP_STR_INIT;
  pp_str_printf(&o, "%s → the system settings: %s", app, c->decided_by ? c->decided_by : "-");
  if (o.oom) {
    pp_str_free(&o);
    return false;
  }
  free(c->decided_by);
  c->decided_by = pp_str_take(&o);
  return c->decided_by != NULL;
}

static bool browser(pp_config_t *c, pp_consumer_t k) {
  bool done;
  if (!pp_config_decide_browser(c, k, &done)) return false;
  if (done) return true;
  return system_settings(c) && pp_config_browser_system_note(c, k);
}

static bool by_consumer(pp_config_t *c, pp_consumer_t k) {
  bool found, handled;
  if (!pp_config_decide_linux(c, k, &handled)) return false;
  if (handled) return true;
  switch (k) {
  case PP_FOR_CHROME:
  case PP_FOR_EDGE: return browser(c, k);
  case PP_FOR_GNOME:
    if (!pp_config_decide_gnome(c, &found)) return false;
    if (found) return true;
    c->effective.mode = PP_MODE_DIRECT;
    return decided(c, "default: no GNOME settings given (mode 'none': direct)");
  case PP_FOR_FIREFOX: return pp_config_decide_firefox(c);
  case PP_FOR_DOTNET: return pp_config_decide_dotnet(c);
  case PP_FOR_JAVA: return pp_config_decide_java(c);
  case PP_FOR_MACOS:
    if (!pp_config_decide_macos(c, &found)) return false;
    if (found) return true;
    c->effective.mode = PP_MODE_DIRECT;
    return decided(c, "default: no macOS settings given (--scutil, --macos-plist)");
  case PP_FOR_WINHTTP: return winhttp(c);
  case PP_FOR_ENV: return env(c);
  case PP_FOR_MDI_SENSOR: return mdi(c);
  case PP_FOR_USER: return wininet(c, PP_ACCT_USER, &found);
  default:
    return wininet(c, consumer_account(k), &found) && missing_settings(c, consumer_account(k));
  }
}

pp_status_t pp_config_decide(pp_config_t *c, pp_consumer_t consumer) {
  bool done = false;
  reset(c);
  c->consumer = consumer;
  bool ok = cmdline(c, &done);
  if (ok && !done) ok = by_consumer(c, consumer);
  bool curl = consumer == PP_FOR_ENV || consumer == PP_FOR_SESSION || consumer == PP_FOR_SERVICE ||
              consumer == PP_FOR_APT || find(c, PP_SRC_CMDLINE, PP_ACCT_NONE, "--proxy", false);
  /* Chromium's bypass rules take wildcards and CIDR: nothing to warn about */
  bool browser_rules = consumer == PP_FOR_CHROME || consumer == PP_FOR_EDGE ||
                       consumer == PP_FOR_GNOME || /* GNOME's ignore-hosts takes CIDR too */
                       consumer == PP_FOR_KDE || consumer == PP_FOR_DOCKER || /* KIO, Go */
                       /* each has its own rules (decide_firefox.c, ...) */
                       consumer == PP_FOR_FIREFOX || consumer == PP_FOR_DOTNET ||
                       consumer == PP_FOR_JAVA || consumer == PP_FOR_MACOS;
  ok = ok && auto_detect_note(c) && (browser_rules || bypass_check(c, curl)) && legacy_differs(c) &&
       credentials(c) && pac_where(c) &&
       pp_config_compare_os(c, done);
  return ok ? PP_OK : PP_ENOMEM;
}
