/* SPDX-License-Identifier: MIT */
/*
 * `--for dotnet` (docs/sources.md ".NET"). With <defaultProxy> files
 * (.NET Framework): machine.config first, then the application's file;
 * each attribute of the later file overrides the earlier one and the
 * bypass lists add up (<add>, <remove>, <clear>), as the .NET
 * configuration system merges sections. The proxy is then built as
 * DefaultProxySectionInternal does (referencesource System/net/System/
 * Net/Configuration/DefaultProxySection.cs): enabled="false" is no proxy;
 * usesystemdefault other than false starts from the account's WinINet
 * settings; proxyaddress, scriptLocation and autoDetect replace parts of
 * them; WebProxy then tries auto-detection, the script, the address, in
 * that order. bypasslist entries are .NET regular expressions matched
 * (unanchored, ignoring case) against "scheme://host[:port]": they are
 * listed, not evaluated here.
 * Without <defaultProxy> (.NET Core, .NET 5+): HttpClient.DefaultProxy
 * reads the environment first (http_proxy, else HTTP_PROXY; https_proxy,
 * else HTTPS_PROXY; all_proxy, else ALL_PROXY; no_proxy, else NO_PROXY:
 * dotnet/runtime HttpEnvironmentProxy.cs), else the system's settings
 * (WinINet on Windows, CFNetwork on macOS; nothing on Linux).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

typedef pp_config_ref_t attr_t;

static attr_t attr(pp_config_t *c, const char *name) {
  attr_t r = pp_config_last_setting(c, PP_SRC_DOTNET, name);
  if (r.s) r.s->in_effect = true;
  return r;
}

static bool is(attr_t a, const char *v) { return a.v && strcasecmp(a.v->value, v) == 0; }

static bool set(char **dst, const char *s) {
  free(*dst);
  *dst = s ? strdup(s) : NULL;
  return !s || *dst;
}

/* The bypass list after every file's <add>, <remove> and <clear>. */
static bool bypass(pp_config_t *c, char ***out, size_t *n) {
  for (size_t i = 0; i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    if (s->kind != PP_SRC_DOTNET || s->error) continue;
    for (size_t j = 0; j < s->nsettings; j++) {
      const pp_setting_t *v = &s->settings[j];
      if (strcmp(v->name, "bypasslist.clear") == 0) {
        pp_strlist_free(*out, *n);
        *out = NULL;
        *n = 0;
      } else if (strcmp(v->name, "bypasslist.remove") == 0) {
        for (size_t k = 0; k < *n; k++)
          if (strcmp((*out)[k], v->value) == 0) {
            free((*out)[k]);
            memmove(&(*out)[k], &(*out)[k + 1], (*n - k - 1) * sizeof(char *));
            (*n)--;
            break;
          }
      } else if (strcmp(v->name, "bypasslist.add") == 0 && !pp_strlist_push(out, n, v->value)) {
        return false;
      }
    }
  }
  return true;
}

static bool has_kind(const pp_config_t *c, pp_source_kind_t k) {
  for (size_t i = 0; i < c->nsources; i++)
    if (c->sources[i].kind == k && !c->sources[i].error) return true;
  return false;
}

static bool regex_notes(pp_config_t *c) {
  const pp_config_effective_t *e = &c->effective;
  for (size_t i = 0; i < e->nbypass; i++) {
    const char *r = e->bypass[i];
    bool ok = true;
    if (r[0] == '*' || r[0] == '+' || r[0] == '?')
      ok = pp_config_warn(c, "dotnet-bypass-invalid", "bypasslist entry '%s' is not a valid "
                          "regular expression (a quantifier with nothing before it): .NET cannot "
                          "compile it; for *.example.com write '\\.example\\.com$'", r);
    else if (r[0] != '^' && r[strlen(r) - 1] != '$')
      ok = pp_config_warn(c, "dotnet-bypass-unanchored", "bypasslist entry '%s' is a regular "
                          "expression matched anywhere in \"scheme://host[:port]\": it also "
                          "bypasses hosts that merely contain it; anchor it with ^ or $", r);
    if (!ok) return false;
  }
  return true;
}

static bool framework(pp_config_t *c) {
  pp_config_effective_t *e = &c->effective;
  attr_t en = attr(c, "defaultProxy.enabled"), sys = attr(c, "proxy.usesystemdefault");
  attr_t addr = attr(c, "proxy.proxyaddress"), script = attr(c, "proxy.scriptLocation");
  attr_t ad = attr(c, "proxy.autoDetect"), local = attr(c, "proxy.bypassonlocal");
  attr_t mod = attr(c, "module.type");
  char w[512], by[900];
  if (is(en, "false")) {
    e->mode = PP_MODE_DIRECT;
    snprintf(by, sizeof(by), ".NET <defaultProxy enabled=\"false\"> (%s): no proxy",
             pp_config_setting_where(en.s, en.v, w, sizeof(w)));
    return set(&c->decided_by, by);
  }
  if (mod.v) {
    e->mode = PP_MODE_DIRECT;
    snprintf(by, sizeof(by), ".NET <module type=\"%s\"> (%s): a custom proxy class decides; "
             "pacprobe cannot run it", mod.v->value, pp_config_setting_where(mod.s, mod.v, w, sizeof(w)));
    return set(&c->decided_by, by) &&
           pp_config_warn(c, "dotnet-custom-module", "the proxy comes from the application's "
                          "own class %s: shown as direct", mod.v->value);
  }
  bool ok = true;
  if (!is(sys, "false")) { /* true or unspecified: the account's WinINet settings */
    ok = pp_config_decide_system(c, ".NET <defaultProxy> usesystemdefault");
    if (!ok) return false;
  } else {
    e->mode = PP_MODE_DIRECT;
    char by2[700];
    snprintf(by2, sizeof(by2), ".NET <defaultProxy> usesystemdefault=\"false\" (%s)",
             pp_config_setting_where(sys.s, sys.v, w, sizeof(w)));
    ok = set(&c->decided_by, by2);
  }
  pp_str_t o = PP_STR_INIT;
  pp_str_puts(&o, c->decided_by ? c->decided_by : "");
  if (addr.v && *addr.v->value) {
    e->mode = PP_MODE_PROXY;
    ok = ok && set(&e->proxy, addr.v->value);
    pp_str_printf(&o, "; proxyaddress (%s)", pp_config_setting_where(addr.s, addr.v, w, sizeof(w)));
  }
  if (script.v && *script.v->value) {
    e->mode = PP_MODE_PAC;
    ok = ok && set(&e->pac_url, script.v->value);
    pp_str_printf(&o, "; scriptLocation (%s)", pp_config_setting_where(script.s, script.v, w, sizeof(w)));
  }
  if (is(ad, "true")) {
    e->auto_detect = true;
    if (e->mode != PP_MODE_PAC) e->mode = PP_MODE_AUTO_DETECT;
    pp_str_printf(&o, "; autoDetect (%s)", pp_config_setting_where(ad.s, ad.v, w, sizeof(w)));
  } else if (is(ad, "false")) {
    e->auto_detect = false;
    if (e->mode == PP_MODE_AUTO_DETECT) e->mode = e->proxy ? PP_MODE_PROXY : PP_MODE_DIRECT;
  }
  if (ok && (attr(c, "bypasslist.add").v || attr(c, "bypasslist.clear").v)) {
    pp_strlist_free(e->bypass, e->nbypass);
    e->bypass = NULL;
    e->nbypass = 0;
    ok = bypass(c, &e->bypass, &e->nbypass) && regex_notes(c);
  }
  if (ok && is(local, "true")) ok = pp_strlist_push(&e->bypass, &e->nbypass, "<local>");
  ok = ok && !o.oom && set(&c->decided_by, o.s);
  pp_str_free(&o);
  return ok;
}

/* .NET Core: the environment, as HttpEnvironmentProxy reads it. */
static bool core_env(pp_config_t *c, bool *found) {
  static const char *const vars[3][2] = {{"http_proxy", "HTTP_PROXY"},
                                         {"https_proxy", "HTTPS_PROXY"},
                                         {"all_proxy", "ALL_PROXY"}};
  const pp_source_t *v[3] = {NULL, NULL, NULL};
  for (size_t i = 0; i < c->nsources; i++) {
    const pp_source_t *s = &c->sources[i];
    if (s->kind != PP_SRC_ENV || !s->proxy) continue;
    for (int j = 0; j < 3; j++)
      if (strcmp(s->value, vars[j][0]) == 0 || (strcmp(s->value, vars[j][1]) == 0 &&
                                                 !(v[j] && strcmp(v[j]->value, vars[j][0]) == 0)))
        v[j] = s;
  }
  const pp_source_t *h = v[0] ? v[0] : v[2], *s = v[1] ? v[1] : v[2];
  *found = h || s;
  if (!*found) return true;
  pp_config_effective_t *e = &c->effective;
  pp_str_t p = PP_STR_INIT, by = PP_STR_INIT;
  pp_str_printf(&p, "%s%s%s%s%s", h ? "http=" : "", h ? h->proxy : "", h && s ? ";" : "",
                s ? "https=" : "", s ? s->proxy : "");
  pp_str_printf(&by, ".NET (HttpClient.DefaultProxy) env %s", h ? h->value : s->value);
  if (h && s && h != s) pp_str_printf(&by, ", env %s", s->value);
  for (size_t i = 0; i < c->nsources; i++)
    if (&c->sources[i] == h || &c->sources[i] == s) c->sources[i].in_effect = true;
  e->mode = PP_MODE_PROXY;
  bool ok = !p.oom && !by.oom && set(&e->proxy, p.s) && set(&c->decided_by, by.s);
  pp_str_free(&p);
  pp_str_free(&by);
  for (int pass = 0; ok && pass < 2; pass++)
    for (size_t i = 0; i < c->nsources; i++) {
      pp_source_t *n = &c->sources[i];
      if (n->kind == PP_SRC_ENV && strcmp(n->value, pass ? "NO_PROXY" : "no_proxy") == 0 &&
          !e->nbypass) {
        n->in_effect = true;
        for (size_t k = 0; ok && k < n->nbypass; k++) ok = pp_strlist_push(&e->bypass, &e->nbypass, n->bypass[k]);
      }
    }
  return ok;
}

bool pp_config_decide_dotnet(pp_config_t *c) {
  if (has_kind(c, PP_SRC_DOTNET)) return framework(c);
  bool found;
  if (!core_env(c, &found)) return false;
  if (found) return true;
  bool windows = has_kind(c, PP_SRC_WININET) || has_kind(c, PP_SRC_WININET_VALUES);
  if (windows || has_kind(c, PP_SRC_SCUTIL) || has_kind(c, PP_SRC_MACOS_PLIST))
    return pp_config_decide_system(c, ".NET: no proxy variables");
  c->effective.mode = PP_MODE_DIRECT;
  return set(&c->decided_by, "default: no <defaultProxy> and no proxy variables (.NET on Linux "
             "goes direct; it does not read GNOME's settings)");
}
