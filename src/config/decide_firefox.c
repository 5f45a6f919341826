/* SPDX-License-Identifier: MIT */
/*
 * `--for firefox` (docs/sources.md "Firefox"): every network.proxy.*
 * preference is resolved as Firefox's preference service does it: a
 * Locked Proxy policy sets locked preferences (nothing overrides them);
 * user.js, then prefs.js, give the user's values; an unlocked policy only
 * sets default preferences, which a user value overrides
 * (browser/components/enterprisepolicies/Policies.sys.mjs "Proxy":
 * setAndLockPref when Locked, else setDefaultPref); else Firefox's own
 * default (modules/libpref/init/all.js: network.proxy.type 5, system).
 * The type then decides as nsProtocolProxyService does (netwerk/base):
 * 0 direct, 1 manual (http, ssl, socks: the network code never reads
 * share_proxy_settings, a checkbox of the settings dialog), 2 PAC, 4 WPAD,
 * 5 the system settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

typedef struct pref {
  const pp_setting_t *v;
  pp_source_t *s;
} pref_t;

static bool is_user_js(const pp_source_t *s) { return s->value && strcmp(s->value, "user.js") == 0; }

/* The last setting called name among sources of kind that pass filter. */
static pref_t last(pp_config_t *c, pp_source_kind_t kind, int filter, const char *name) {
  pref_t r = {NULL, NULL};
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->kind != kind || s->error) continue;
    if (filter == 1 && !s->locked) continue;   /* locked policies */
    if (filter == 2 && s->locked) continue;    /* unlocked policies */
    if (filter == 3 && !is_user_js(s)) continue;
    if (filter == 4 && is_user_js(s)) continue;
    const pp_setting_t *v = pp_config_setting(s, name, false);
    if (v) r = (pref_t){v, s};
  }
  return r;
}

static pref_t pref(pp_config_t *c, const char *name) {
  pref_t r = last(c, PP_SRC_FIREFOX_POLICY, 1, name);
  if (!r.v) r = last(c, PP_SRC_FIREFOX_PREFS, 3, name);
  if (!r.v) r = last(c, PP_SRC_FIREFOX_PREFS, 4, name);
  if (!r.v) r = last(c, PP_SRC_FIREFOX_POLICY, 2, name);
  if (r.s) r.s->in_effect = true;
  return r;
}

static const char *str(pref_t p) { return p.v && *p.v->value ? p.v->value : NULL; }
static long num(pref_t p, long def) { return p.v ? strtol(p.v->value, NULL, 10) : def; }

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

/* "http=h:p;https=h:p": each scheme's own proxy, else the SOCKS one
 * (nsProtocolProxyService::Resolve_Internal). Empty: none usable. */
static bool manual(pp_config_t *c, pp_str_t *o, bool *https_socks) {
  pref_t socks = pref(c, "network.proxy.socks");
  long socks_port = num(pref(c, "network.proxy.socks_port"), 0);
  long socks_v = num(pref(c, "network.proxy.socks_version"), 5);
  static const char *const types[] = {"http", "ssl"};
  static const char *const schemes[] = {"http", "https"};
  for (size_t i = 0; i < 2; i++) {
    char host[64], port[64];
    snprintf(host, sizeof(host), "network.proxy.%s", types[i]);
    snprintf(port, sizeof(port), "network.proxy.%s_port", types[i]);
    pref_t h = pref(c, host);
    long p = num(pref(c, port), 0);
    if (str(h) && p > 0) pp_str_printf(o, "%s%s=%s:%ld", o->len ? ";" : "", schemes[i], str(h), p);
    else if (str(socks) && socks_port > 0) {
      pp_str_printf(o, "%s%s=socks%ld://%s:%ld", o->len ? ";" : "", schemes[i],
                    socks_v == 4 ? 4L : 5L, str(socks), socks_port);
      if (i == 1) *https_socks = true;
    } else if (i == 1) *https_socks = false;
  }
  return !o->oom;
}

static bool warn_manual(pp_config_t *c, bool https_socks) {
  pref_t ssl = pref(c, "network.proxy.ssl");
  pref_t share = pref(c, "network.proxy.share_proxy_settings");
  if (str(ssl) && num(pref(c, "network.proxy.ssl_port"), 0) > 0) return true;
  char w[512], note[768] = "";
  if (share.v && strcmp(share.v->value, "true") == 0)
    snprintf(note, sizeof(note), " although share_proxy_settings is true (%s; the network code "
             "does not read it: the settings dialog copies the HTTP proxy into network.proxy.ssl)",
             pp_config_setting_where(share.s, share.v, w, sizeof(w)));
  return pp_config_warn(c, "firefox-no-ssl-proxy", "network.proxy.ssl is not set: Firefox sends "
                        "https %s%s", https_socks ? "through the SOCKS proxy" : "DIRECT", note);
}

static bool localhost(pp_config_t *c) {
  pref_t h = pref(c, "network.proxy.allow_hijacking_localhost");
  if (h.v && strcmp(h.v->value, "true") == 0) return true;
  return pp_config_warn(c, "firefox-localhost", "Firefox never sends localhost, 127.0.0.0/8 or "
                        "::1 through a proxy or the PAC (network.proxy.allow_hijacking_localhost "
                        "is false), whatever no_proxies_on says");
}

/* An unlocked policy whose preference a user value overrides. */
static bool overridden(pp_config_t *c) {
  pref_t u = last(c, PP_SRC_FIREFOX_PREFS, 3, "network.proxy.type");
  if (!u.v) u = last(c, PP_SRC_FIREFOX_PREFS, 4, "network.proxy.type");
  pref_t p = last(c, PP_SRC_FIREFOX_POLICY, 2, "network.proxy.type");
  if (!u.v || !p.v || last(c, PP_SRC_FIREFOX_POLICY, 1, "network.proxy.type").v) return true;
  char a[512], b[512];
  return pp_config_warn(c, "firefox-policy-not-locked", "the Proxy policy (%s) is not Locked: "
                        "Firefox sets it as a default and the user's network.proxy.type (%s) "
                        "overrides it; add \"Locked\": true", pp_config_setting_where(p.s, p.v, a, sizeof(a)),
                        pp_config_setting_where(u.s, u.v, b, sizeof(b)));
}

bool pp_config_decide_firefox(pp_config_t *c) {
  pref_t t = pref(c, "network.proxy.type");
  long type = num(t, 5);
  char where[512], by[1024];
  if (t.v) snprintf(where, sizeof(where), "%s %s%s", pp_source_kind_name(t.s->kind),
                    pp_config_setting_where(t.s, t.v, by, sizeof(by)), t.s->locked ? ", Locked" : "");
  else snprintf(where, sizeof(where), "Firefox's default");
  snprintf(by, sizeof(by), "Firefox network.proxy.type=%ld (%s)", type, where);
  pp_config_effective_t *e = &c->effective;
  bool ok = overridden(c);
  if (!ok) return false;
  if (type == 5) {
    snprintf(by, sizeof(by), "Firefox network.proxy.type=5, system (%s)", where);
    return pp_config_decide_system(c, by);
  }
  if (type == 1) {
    pp_str_t o = PP_STR_INIT;
    pp_str_append(&o, "", 0);
    bool https_socks = false;
    ok = manual(c, &o, &https_socks);
    e->mode = o.len ? PP_MODE_PROXY : PP_MODE_DIRECT;
    ok = ok && (!o.len || set(&e->proxy, o.s));
    pp_str_free(&o);
    pref_t np = pref(c, "network.proxy.no_proxies_on");
    if (ok && str(np)) ok = pp_config_split_bypass(str(np), ", \t\n", &e->bypass, &e->nbypass);
    ok = ok && (e->mode == PP_MODE_DIRECT || (warn_manual(c, https_socks) && localhost(c)));
    if (ok && e->mode == PP_MODE_DIRECT)
      ok = pp_config_warn(c, "firefox-manual-without-proxy", "network.proxy.type is 1 (manual) "
                          "but no proxy has both a host and a port: Firefox goes DIRECT");
  } else if (type == 2) {
    pref_t u = pref(c, "network.proxy.autoconfig_url");
    e->mode = str(u) ? PP_MODE_PAC : PP_MODE_DIRECT;
    ok = set(&e->pac_url, str(u)) && localhost(c);
    if (ok && !str(u))
      ok = pp_config_warn(c, "firefox-pac-without-url", "network.proxy.type is 2 (PAC) but "
                          "network.proxy.autoconfig_url is empty: Firefox goes DIRECT");
  } else if (type == 4) {
    e->mode = PP_MODE_AUTO_DETECT;
    e->auto_detect = true;
  } else {
    e->mode = PP_MODE_DIRECT; /* 0, and 3 (the old "direct" of Netscape 4) */
    if (type != 0 && type != 3)
      ok = pp_config_warn(c, "firefox-unknown-type", "network.proxy.type %ld is not 0, 1, 2, 4 "
                          "or 5; pacprobe takes it as direct", type);
  }
  return ok && set(&c->decided_by, by);
}
