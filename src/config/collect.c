/* SPDX-License-Identifier: MIT */
/*
 * Turns inputs into the source list of DESIGN §1.6: .reg values by key
 * (which account's hive, which Internet Settings value), WinHTTP blobs,
 * netsh captures, environment variables and options. Decoding errors become
 * sources with an error so the other sources are still reported. Which
 * source is in effect is decide.c's job; the .reg fix is written in fix.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define IS_PATH "Software\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define IS_PATH_WOW "Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"
#define POLICY_PATH "Software\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings"

pp_source_t *pp_config_push(pp_config_t *c, pp_source_kind_t kind, const char *file) {
  pp_source_t *v = realloc(c->sources, (c->nsources + 1) * sizeof(*v));
  if (!v) return NULL;
  c->sources = v;
  pp_source_t *s = &v[c->nsources];
  memset(s, 0, sizeof(*s));
  s->kind = kind;
  if (file && !(s->file = strdup(file))) return NULL;
  c->nsources++;
  return s;
}

bool pp_config_split_bypass(const char *list, const char *seps, char ***out, size_t *n) {
  for (const char *p = list; p && *p;) {
    size_t len = strcspn(p, seps);
    if (len) {
      char *e = pp_strndup(p, len);
      bool ok = e && pp_strlist_push(out, n, e);
      free(e);
      if (!ok) return false;
    }
    p += len;
    if (*p) p++;
  }
  return true;
}

/* §2.3 rule 5: 8-bit strings without a code page; non-ASCII is suspect and
 * shown escaped as \xHH. */
char *pp_config_printable(const char *s, size_t n) {
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x20 || ch >= 0x7f) pp_str_printf(&o, "\\x%02x", ch);
    else pp_str_putc(&o, (char)ch);
  }
  return pp_str_take(&o);
}

bool pp_config_set_proxy(pp_source_t *s, const char *proxy) {
  free(s->proxy);
  s->proxy = pp_config_mask_credentials(proxy, &s->credentials);
  return s->proxy != NULL;
}

bool pp_config_warn(pp_config_t *c, const char *code, const char *fmt, ...) {
  pp_config_warning_t *w = realloc(c->warnings, (c->nwarnings + 1) * sizeof(*w));
  if (!w) return false;
  c->warnings = w;
  pp_str_t m = PP_STR_INIT;
  va_list ap;
  va_start(ap, fmt);
  char buf[1024];
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  pp_str_puts(&m, buf);
  w[c->nwarnings].code = strdup(code);
  w[c->nwarnings].message = pp_str_take(&m);
  if (!w[c->nwarnings].code || !w[c->nwarnings].message) {
    free(w[c->nwarnings].code);
    free(w[c->nwarnings].message);
    return false;
  }
  c->nwarnings++;
  return true;
}

bool pp_config_is_value(const pp_source_t *s, const char *name) {
  return s->value && strcasecmp(s->value, name) == 0;
}

static const char *after_root(const char *key, const char *root) {
  size_t n = strlen(root);
  return strncasecmp(key, root, n) == 0 && key[n] == '\\' ? key + n + 1 : NULL;
}

/* Which account a key belongs to (windows-proxy-settings.md §6); *rest is
 * the path inside the hive. */
static pp_account_t classify(const char *key, const char **sid, const char **rest) {
  const char *r;
  *sid = NULL;
  if ((r = after_root(key, "HKEY_CURRENT_USER")) || (r = after_root(key, "HKCU"))) {
    *rest = r;
    return PP_ACCT_USER;
  }
  if ((r = after_root(key, "HKEY_LOCAL_MACHINE")) || (r = after_root(key, "HKLM"))) {
    *rest = r;
    return PP_ACCT_MACHINE;
  }
  if (!(r = after_root(key, "HKEY_USERS")) && !(r = after_root(key, "HKU"))) return PP_ACCT_NONE;
  const char *slash = strchr(r, '\\');
  if (!slash) return PP_ACCT_NONE;
  size_t n = (size_t)(slash - r);
  *rest = slash + 1;
  static const struct { const char *sid; pp_account_t a; } wk[] = {
      {"S-1-5-18", PP_ACCT_LOCALSYSTEM}, {".DEFAULT", PP_ACCT_LOCALSYSTEM},
      {"S-1-5-19", PP_ACCT_LOCALSERVICE}, {"S-1-5-20", PP_ACCT_NETWORKSERVICE}};
  for (size_t i = 0; i < sizeof(wk) / sizeof(wk[0]); i++)
    if (n == strlen(wk[i].sid) && strncasecmp(r, wk[i].sid, n) == 0) {
      *sid = wk[i].sid;
      return wk[i].a;
    }
  /* Interactive users: S-1-5-21-...; their "_Classes" hive holds no proxy. */
  if (n > 9 && strncasecmp(r, "S-1-5-21-", 9) == 0 && !memchr(r, '_', n)) {
    *sid = r;
    return PP_ACCT_USER;
  }
  return PP_ACCT_NONE;
}

static bool path_is(const char *rest, const char *path, const char *suffix) {
  size_t n = strlen(path);
  return strncasecmp(rest, path, n) == 0 && strcasecmp(rest + n, suffix) == 0;
}

static bool set_sid(pp_source_t *s, const char *sid) {
  if (!sid) return true;
  size_t n = strcspn(sid, "\\");
  return (s->sid = pp_strndup(sid, n)) != NULL;
}

static pp_source_t *reg_source(pp_config_t *c, pp_source_kind_t kind, const char *file,
                               const pp_reg_value_t *v, pp_account_t a, const char *sid) {
  pp_source_t *s = pp_config_push(c, kind, file);
  if (!s) return NULL;
  s->line = v->line;
  s->account = a;
  if (!(s->key = strdup(v->key)) || !(s->value = strdup(v->name)) || !set_sid(s, sid)) return NULL;
  return s;
}

static bool blob_fields(pp_source_t *s, const pp_wininet_t *w) {
  s->has_blob = true;
  s->version = w->version;
  s->counter = w->counter;
  s->flags = w->flags;
  s->auto_detect = !w->winhttp && (w->flags & PP_WININET_AUTO_DETECT);
  char *proxy = pp_config_printable(w->proxy, w->proxy_len);
  char *bypass = pp_config_printable(w->bypass, w->bypass_len);
  bool ok = proxy && bypass;
  if (ok && *proxy) ok = pp_config_set_proxy(s, proxy);
  /* WinINet lists are ';'-separated; WinHTTP also takes whitespace (§5). */
  if (ok) ok = pp_config_split_bypass(bypass, "; \t", &s->bypass, &s->nbypass);
  if (ok && w->pac_url_len) ok = (s->pac_url = pp_config_printable(w->pac_url, w->pac_url_len)) != NULL;
  free(proxy);
  free(bypass);
  return ok;
}

static pp_status_t add_blob(pp_config_t *c, const char *file, const pp_reg_value_t *v,
                            pp_account_t a, const char *sid, bool winhttp) {
  pp_source_t *s = reg_source(c, winhttp ? PP_SRC_WINHTTP : PP_SRC_WININET, file, v, a, sid);
  if (!s) return PP_ENOMEM;
  pp_wininet_t w;
  char err[256];
  pp_status_t st = pp_wininet_decode(v->data, v->len, winhttp, &w, err, sizeof(err));
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK) {
    char msg[1024];
    if (file) snprintf(msg, sizeof(msg), "%s:%u: \"%s\" %s", file, v->line, v->name, err);
    else snprintf(msg, sizeof(msg), "%s: \"%s\" %s", v->key, v->name, err);
    c->nerrors++;
    return (s->error = strdup(msg)) ? PP_OK : PP_ENOMEM;
  }
  bool ok = blob_fields(s, &w);
  pp_wininet_clear(&w);
  if (ok && (s->blob = malloc(v->len ? v->len : 1))) {
    memcpy(s->blob, v->data, v->len);
    s->blob_len = v->len;
    return PP_OK;
  }
  return PP_ENOMEM;
}

/* ProxyEnable/ProxyServer/ProxyOverride/AutoConfigURL of one key: one
 * source per key, created on the first of them. */
static pp_status_t add_text_value(pp_config_t *c, const char *file, const pp_reg_value_t *v,
                                  pp_account_t a, const char *sid) {
  static const char *const names[] = {"ProxyEnable", "ProxyServer", "ProxyOverride",
                                      "AutoConfigURL"};
  size_t i = 0;
  while (i < 4 && strcasecmp(v->name, names[i]) != 0) i++;
  if (i == 4) return PP_OK;
  pp_source_t *s = c->nsources ? &c->sources[c->nsources - 1] : NULL;
  if (!s || s->kind != PP_SRC_WININET_VALUES || strcmp(s->key, v->key) != 0 ||
      (s->file && file ? strcmp(s->file, file) != 0 : s->file != file)) {
    if (!(s = reg_source(c, PP_SRC_WININET_VALUES, file, v, a, sid))) return PP_ENOMEM;
    free(s->value);
    if (!(s->value = strdup("ProxyEnable/ProxyServer/ProxyOverride/AutoConfigURL")))
      return PP_ENOMEM;
    s->flags = PP_WININET_DIRECT;
  }
  bool text = v->type == PP_REG_SZ || v->type == PP_REG_EXPAND_SZ;
  const char *str = (const char *)v->data;
  if (i == 0 && v->type == PP_REG_DWORD && v->len == 4 && v->data[0]) s->flags |= PP_WININET_PROXY;
  if (i == 1 && text && !pp_config_set_proxy(s, str)) return PP_ENOMEM;
  if (i == 2 && text && !pp_config_split_bypass(str, "; \t", &s->bypass, &s->nbypass))
    return PP_ENOMEM;
  if (i == 3 && text) {
    s->flags |= PP_WININET_AUTO_PROXY_URL;
    free(s->pac_url);
    if (!(s->pac_url = strdup(str))) return PP_ENOMEM;
  }
  return PP_OK;
}

static pp_status_t bad_dword(pp_config_t *c, pp_source_t *s, const char *file,
                             const pp_reg_value_t *v) {
  char msg[1024];
  if (file) snprintf(msg, sizeof(msg), "%s:%u: \"%s\" is a REG_DWORD of %zu bytes, not 4", file,
                     v->line, v->name, v->len);
  else snprintf(msg, sizeof(msg), "%s: \"%s\" is a REG_DWORD of %zu bytes, not 4", v->key,
                v->name, v->len);
  c->nerrors++;
  return (s->error = strdup(msg)) ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_config_add_reg_value(pp_config_t *c, const char *file, const pp_reg_value_t *v) {
  const char *sid, *rest = NULL;
  pp_account_t a = classify(v->key, &sid, &rest);
  if (a == PP_ACCT_NONE || v->type == PP_REG_DELETE) return PP_OK;
  if (path_is(rest, IS_PATH, "\\Connections") || path_is(rest, IS_PATH_WOW, "\\Connections")) {
    if (v->type != PP_REG_BINARY) return PP_OK;
    bool winhttp = strcasecmp(v->name, "WinHttpSettings") == 0;
    return add_blob(c, file, v, a, sid, winhttp);
  }
  if (path_is(rest, IS_PATH, "") || path_is(rest, IS_PATH_WOW, ""))
    return add_text_value(c, file, v, a, sid);
  /* Chrome/Chromium/Edge policies: HKLM (machine) or HKCU (user) only */
  if ((a == PP_ACCT_MACHINE || (a == PP_ACCT_USER && !sid)) &&
      (path_is(rest, "Software\\Policies\\Google\\Chrome", "") ||
       path_is(rest, "Software\\Policies\\Chromium", "") ||
       path_is(rest, "Software\\Policies\\Microsoft\\Edge", "")))
    return pp_config_add_browser_reg_value(c, file, v, a, path_is(rest, "Software\\Policies\\Microsoft\\Edge", ""));
  if (a == PP_ACCT_MACHINE && path_is(rest, POLICY_PATH, "") &&
      strcasecmp(v->name, "ProxySettingsPerUser") == 0 && v->type == PP_REG_DWORD) {
    pp_source_t *s = reg_source(c, PP_SRC_POLICY, file, v, a, sid);
    if (!s) return PP_ENOMEM;
    if (v->len != 4) /* a live REG_DWORD can hold any number of bytes */
      return bad_dword(c, s, file, v);
    s->dword = (uint32_t)v->data[0] | ((uint32_t)v->data[1] << 8) |
               ((uint32_t)v->data[2] << 16) | ((uint32_t)v->data[3] << 24);
  }
  return PP_OK;
}

pp_status_t pp_config_add_reg(pp_config_t *c, const void *data, size_t len, const char *file) {
  pp_reg_file_t f;
  char err[512];
  pp_status_t st = pp_reg_parse(data, len, file, &f, err, sizeof(err));
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK) return pp_config_add_error(c, PP_SRC_WININET, file, err);
  for (size_t i = 0; st == PP_OK && i < f.nvalues; i++) st = pp_config_add_reg_value(c, file, &f.values[i]);
  pp_reg_file_clear(&f);
  return st;
}

pp_status_t pp_config_add_netsh(pp_config_t *c, const void *data, size_t len, const char *file) {
  pp_netsh_t n;
  char err[512];
  pp_status_t st = pp_netsh_parse(data, len, file, &n, err, sizeof(err));
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK) return pp_config_add_error(c, PP_SRC_NETSH, file, err);
  pp_source_t *s = pp_config_push(c, PP_SRC_NETSH, file);
  bool ok = s && (s->value = strdup("netsh winhttp show proxy"));
  if (ok) {
    s->account = PP_ACCT_MACHINE;
    s->line = n.proxy_line;
    s->flags = PP_WININET_DIRECT | (n.direct ? 0 : PP_WININET_PROXY);
    if (n.proxy) ok = pp_config_set_proxy(s, n.proxy) &&
                      pp_config_split_bypass(n.bypass, "; \t", &s->bypass, &s->nbypass);
  }
  pp_netsh_clear(&n);
  return ok ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_config_add_env(pp_config_t *c, const char *const *envp) {
  static const char *const vars[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                     "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY"};
  for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
    size_t n = strlen(vars[i]);
    const char *val = NULL;
    for (const char *const *e = envp; e && *e; e++)
      if (strncmp(*e, vars[i], n) == 0 && (*e)[n] == '=') val = *e + n + 1;
    if (!val || !*val) continue;
    pp_source_t *s = pp_config_push(c, PP_SRC_ENV, NULL);
    if (!s || !(s->value = strdup(vars[i]))) return PP_ENOMEM;
    bool ok = strcasecmp(vars[i], "no_proxy") == 0
                  ? pp_config_split_bypass(val, ", \t", &s->bypass, &s->nbypass)
                  : pp_config_set_proxy(s, val);
    if (!ok) return PP_ENOMEM;
  }
  return PP_OK;
}

pp_status_t pp_config_add_option(pp_config_t *c, const char *opt, const char *value) {
  bool mdi = strcmp(opt, "--mdi-proxy") == 0;
  pp_source_t *s = pp_config_push(c, mdi ? PP_SRC_MDI : PP_SRC_CMDLINE, NULL);
  if (!s || !(s->value = strdup(opt))) return PP_ENOMEM;
  bool ok = true;
  if (mdi || strcmp(opt, "--proxy") == 0) {
    if (*value) ok = pp_config_set_proxy(s, value); /* "" = no proxy, as curl -x "" */
  } else if (strcmp(opt, "--pac") == 0) {
    if (strcmp(value, "auto") == 0) s->auto_detect = true;
    else ok = (s->pac_url = strdup(value)) != NULL;
  } else if (strcmp(opt, "--noproxy") == 0) {
    ok = pp_config_split_bypass(value, ", \t", &s->bypass, &s->nbypass);
  }
  return ok ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_config_add_error(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                const char *error) {
  pp_source_t *s = pp_config_push(c, kind, file);
  if (!s || !(s->error = strdup(error))) return PP_ENOMEM;
  c->nerrors++;
  return PP_OK;
}
