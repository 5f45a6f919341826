/* SPDX-License-Identifier: MIT */
/*
 * `--for java` (docs/sources.md "Java"): a property given as -D on the
 * command line beats net.properties (sun.net.NetProperties.get: the
 * system property, else the file's value). Per URL scheme as
 * sun.net.spi.DefaultProxySelector.select does it: http uses
 * http.proxyHost, else proxyHost, else socksProxyHost; https uses
 * https.proxyHost, else proxyHost, else socksProxyHost (ports default 80,
 * 443, 1080); both skip http.nonProxyHosts ('|'-separated, '*' at either
 * end; default localhost|127.*|[::1]|0.0.0.0|[::0]). A scheme without a
 * host asks the system only with java.net.useSystemProxies=true (GNOME
 * through GIO on Linux, WinINet on Windows, SystemConfiguration on macOS);
 * Java never reads http_proxy or no_proxy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

#define DEFAULT_NON_PROXY "localhost|127.*|[::1]|0.0.0.0|[::0]"

typedef pp_config_ref_t prop_t;

/* -D (the last command line with it) before net.properties; an empty
 * value counts as set for nonProxyHosts and unset for hosts, as Java. */
static prop_t prop(pp_config_t *c, const char *name) {
  prop_t r = pp_config_last_setting(c, PP_SRC_JAVA_CMDLINE, name);
  if (!r.v) r = pp_config_last_setting(c, PP_SRC_JAVA_PROPS, name);
  if (r.s) r.s->in_effect = true;
  return r;
}

static const char *host(prop_t p) { return p.v && *p.v->value ? p.v->value : NULL; }

/* The proxy of one scheme: "h:p" or "socks5://h:p"; NULL: none. *via
 * names the property. */
static char *scheme_proxy(pp_config_t *c, const char *scheme, char *via, size_t n) {
  static const char *const hosts[2][3] = {{"http.proxyHost", "proxyHost", "socksProxyHost"},
                                          {"https.proxyHost", "proxyHost", "socksProxyHost"}};
  static const char *const ports[2][3] = {{"http.proxyPort", "proxyPort", "socksProxyPort"},
                                          {"https.proxyPort", "proxyPort", "socksProxyPort"}};
  static const long defport[2][3] = {{80, 80, 1080}, {443, 80, 1080}};
  int si = strcmp(scheme, "https") == 0;
  for (int j = 0; j < 3; j++) {
    prop_t h = prop(c, hosts[si][j]);
    if (!host(h)) continue;
    prop_t p = prop(c, ports[si][j]);
    long port = p.v && *p.v->value ? strtol(p.v->value, NULL, 10) : defport[si][j];
    char w[512];
    snprintf(via, n, "%s (%s)", hosts[si][j], pp_config_setting_where(h.s, h.v, w, sizeof(w)));
    pp_str_t o = PP_STR_INIT;
    prop_t ver = prop(c, "socksProxyVersion");
    if (j == 2) pp_str_printf(&o, "socks%s://", ver.v && strcmp(ver.v->value, "4") == 0 ? "4" : "5");
    pp_str_printf(&o, "%s:%ld", host(h), port);
    return pp_str_take(&o);
  }
  return NULL;
}

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

static bool has(const pp_config_t *c, pp_source_kind_t k) {
  for (size_t i = 0; i < c->nsources; i++)
    if (c->sources[i].kind == k && !c->sources[i].error) return true;
  return false;
}

static bool env_ignored(pp_config_t *c) {
  if (!has(c, PP_SRC_ENV)) return true;
  return pp_config_warn(c, "java-ignores-env", "Java does not read http_proxy, https_proxy or "
                        "no_proxy: give -Dhttp.proxyHost/-Dhttps.proxyHost (JAVA_TOOL_OPTIONS) "
                        "or java.net.useSystemProxies=true");
}

static bool use_system(pp_config_t *c, prop_t sys) {
  char w[512], by[768];
  snprintf(by, sizeof(by), "Java java.net.useSystemProxies=true (%s %s)",
           pp_source_kind_name(sys.s->kind), pp_config_setting_where(sys.s, sys.v, w, sizeof(w)));
  if (has(c, PP_SRC_GNOME) || has(c, PP_SRC_SCUTIL) || has(c, PP_SRC_MACOS_PLIST) ||
      has(c, PP_SRC_WININET) || has(c, PP_SRC_WININET_VALUES))
    return pp_config_decide_system(c, by);
  c->effective.mode = PP_MODE_DIRECT;
  return set(&c->decided_by, by) &&
         pp_config_warn(c, "java-system-unknown", "java.net.useSystemProxies=true but no system "
                        "settings were given (--gnome on Linux, --reg on Windows, --scutil on "
                        "macOS): what Java then uses is not known here; shown as direct");
}

bool pp_config_decide_java(pp_config_t *c) {
  char hv[600] = "", sv[600] = "";
  char *h = scheme_proxy(c, "http", hv, sizeof(hv));
  char *s = scheme_proxy(c, "https", sv, sizeof(sv));
  pp_config_effective_t *e = &c->effective;
  bool ok = env_ignored(c);
  if (ok && !h && !s) {
    prop_t sys = prop(c, "java.net.useSystemProxies");
    if (sys.v && strcmp(sys.v->value, "true") == 0) return use_system(c, sys);
    e->mode = PP_MODE_DIRECT;
    return set(&c->decided_by, "default: no proxy properties (Java goes direct)");
  }
  pp_str_t o = PP_STR_INIT, by = PP_STR_INIT;
  pp_str_printf(&o, "%s%s%s%s%s", h ? "http=" : "", h ? h : "", h && s ? ";" : "",
                s ? "https=" : "", s ? s : "");
  pp_str_printf(&by, "Java %s%s%s", h ? hv : "", h && s && strcmp(hv, sv) ? ", " : "",
                s && (!h || strcmp(hv, sv)) ? sv : "");
  e->mode = PP_MODE_PROXY;
  ok = ok && !o.oom && !by.oom && set(&e->proxy, o.s) && set(&c->decided_by, by.s);
  prop_t np = prop(c, "http.nonProxyHosts");
  const char *list = np.v ? np.v->value : DEFAULT_NON_PROXY;
  if (ok) ok = pp_config_split_bypass(list, "|", &e->bypass, &e->nbypass);
  pp_str_free(&o);
  pp_str_free(&by);
  free(h);
  free(s);
  return ok;
}
