/* SPDX-License-Identifier: MIT */
/*
 * `--for macos`, and the macOS system settings that Firefox (type 5),
 * Chrome without a policy, Java (useSystemProxies) and .NET follow on a
 * Mac (docs/sources.md "macOS"). `scutil --proxy` is the effective view:
 * configd's State:/Network/Global/Proxies, the primary service's
 * settings, which CFNetwork (Safari, URLSession) and Chrome read. The
 * plist alone does not say which service is primary; pacprobe takes the
 * first service of the current set's ServiceOrder that has settings and
 * says so. The dictionary is read as Chromium's ProxyConfigServiceMac
 * (net/proxy_resolution/proxy_config_service_mac.cc) reads it:
 * ProxyAutoDiscoveryEnable (WPAD) first, then ProxyAutoConfigEnable with
 * ProxyAutoConfigURLString, then the HTTP, HTTPS and SOCKS proxies (each
 * with its *Enable, the port defaulting to the scheme's); ExceptionsList
 * and ExcludeSimpleHostnames bypass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

static pp_source_t *pick(pp_config_t *c, bool *from_plist) {
  pp_source_t *scutil = NULL, *plist = NULL;
  for (size_t i = 0; i < c->nsources; i++) {
    pp_source_t *s = &c->sources[i];
    if (s->error) continue;
    if (s->kind == PP_SRC_SCUTIL) scutil = s;
    if (s->kind == PP_SRC_MACOS_PLIST && !plist) plist = s;
  }
  *from_plist = !scutil && plist;
  return scutil ? scutil : plist;
}

static bool on(const pp_source_t *s, const char *key) {
  const pp_setting_t *v = pp_config_setting(s, key, false);
  return v && strtol(v->value, NULL, 10) != 0;
}

static const char *val(const pp_source_t *s, const char *key) {
  const pp_setting_t *v = pp_config_setting(s, key, false);
  return v && *v->value ? v->value : NULL;
}

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

/* "http=h:p;https=h:p", SOCKS for a scheme without its own proxy. */
static bool manual(const pp_source_t *s, pp_str_t *o) {
  static const struct { const char *scheme, *key; int port; } p[] = {
      {"http", "HTTP", 80}, {"https", "HTTPS", 443}};
  char en[32], host[32], port[32];
  bool socks = on(s, "SOCKSEnable") && val(s, "SOCKSProxy");
  for (size_t i = 0; i < 2; i++) {
    snprintf(en, sizeof(en), "%sEnable", p[i].key);
    snprintf(host, sizeof(host), "%sProxy", p[i].key);
    snprintf(port, sizeof(port), "%sPort", p[i].key);
    if (on(s, en) && val(s, host)) {
      const char *pt = val(s, port);
      pp_str_printf(o, "%s%s=%s:%s", o->len ? ";" : "", p[i].scheme, val(s, host),
                    pt ? pt : (p[i].port == 80 ? "80" : "443"));
    } else if (socks) {
      const char *pt = val(s, "SOCKSPort");
      pp_str_printf(o, "%s%s=socks5://%s:%s", o->len ? ";" : "", p[i].scheme,
                    val(s, "SOCKSProxy"), pt ? pt : "1080");
    }
  }
  return !o->oom;
}

bool pp_config_decide_macos(pp_config_t *c, bool *found) {
  bool from_plist;
  pp_source_t *s = pick(c, &from_plist);
  *found = s != NULL;
  if (!s) return true;
  s->in_effect = true;
  pp_config_effective_t *e = &c->effective;
  bool ok = true;
  e->auto_detect = on(s, "ProxyAutoDiscoveryEnable");
  const char *pac = on(s, "ProxyAutoConfigEnable") ? val(s, "ProxyAutoConfigURLString") : NULL;
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  ok = manual(s, &o);
  if (pac) e->mode = PP_MODE_PAC;
  else if (e->auto_detect) e->mode = PP_MODE_AUTO_DETECT;
  else e->mode = o.len ? PP_MODE_PROXY : PP_MODE_DIRECT;
  ok = ok && set(&e->pac_url, pac) && (!o.len || set(&e->proxy, o.s));
  pp_str_free(&o);
  for (size_t i = 0; ok && i < s->nsettings; i++)
    if (strcmp(s->settings[i].name, "ExceptionsList") == 0)
      ok = pp_strlist_push(&e->bypass, &e->nbypass, s->settings[i].value);
  if (ok && on(s, "ExcludeSimpleHostnames")) ok = pp_strlist_push(&e->bypass, &e->nbypass, "<local>");
  char by[768];
  snprintf(by, sizeof(by), "macOS %s (%s)", from_plist ? "preferences.plist service" : "scutil --proxy",
           from_plist ? s->value : s->file ? s->file : "");
  ok = ok && set(&c->decided_by, by);
  if (ok && from_plist)
    ok = pp_config_warn(c, "macos-plist-service", "the plist does not say which network service "
                        "is primary: pacprobe took %s, the first of the current set's "
                        "ServiceOrder with proxy settings; 'scutil --proxy' shows the effective "
                        "one", s->value);
  return ok;
}

bool pp_config_decided_by_macos(const pp_config_t *c) {
  for (size_t i = 0; i < c->nsources; i++)
    if ((c->sources[i].kind == PP_SRC_SCUTIL || c->sources[i].kind == PP_SRC_MACOS_PLIST) &&
        c->sources[i].in_effect)
      return true;
  return false;
}
