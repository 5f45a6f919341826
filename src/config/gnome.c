/* SPDX-License-Identifier: MIT */
/*
 * GNOME's proxy settings as `gsettings list-recursively
 * org.gnome.system.proxy` prints them (issue 21; docs/sources.md "GNOME"):
 * lines "SCHEMA KEY VALUE" for org.gnome.system.proxy (mode, autoconfig-url,
 * ignore-hosts, use-same-proxy) and its .http/.https/.socks children (host,
 * port). The meaning follows Chromium's SettingGetterImplGSettings
 * (net/proxy_resolution/proxy_config_service_linux.cc) and libproxy's
 * gnome module: mode none = direct, auto = autoconfig-url (empty: WPAD),
 * manual = the hosts. Every line is bounded; foreign text is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

#define ROOT "org.gnome.system.proxy"
#define MAX_LINE 4096

/* A GVariant string 'text' (or "text") with \-escapes, into out. false
 * when it is not one. */
static bool gv_string(const char *v, char *out, size_t n) {
  char q = v[0];
  if ((q != '\'' && q != '"') || n == 0) return false;
  size_t o = 0;
  for (const char *p = v + 1; *p; p++) {
    if (*p == q) return p[1] == '\0' && (out[o] = '\0', true);
    if (*p == '\\' && p[1]) p++;
    if (o + 1 >= n) return false;
    out[o++] = *p;
  }
  return false;
}

/* ['a', 'b'] into the source's bypass list. */
static bool gv_list(pp_source_t *s, const char *v) {
  size_t n = strlen(v);
  if (n < 2 || v[0] != '[' || v[n - 1] != ']') return false;
  char item[512];
  for (const char *p = v + 1; *p && *p != ']';) {
    while (*p == ' ' || *p == ',') p++;
    if (*p == ']') break;
    const char *end = p + 1;
    while (*end && *end != *p) end += (*end == '\\' && end[1]) ? 2 : 1;
    if (!*end || (size_t)(end - p + 2) > sizeof(item)) return false;
    memcpy(item, p, (size_t)(end - p + 1));
    item[end - p + 1] = '\0';
    char str[512];
    if (!gv_string(item, str, sizeof(str))) return false;
    char *e = pp_config_printable(str, strlen(str));
    bool ok = e && pp_strlist_push(&s->bypass, &s->nbypass, e);
    free(e);
    if (!ok) return false;
    p = end + 1;
  }
  return true;
}

typedef struct gnome {
  char mode[32];
  char host[4][256]; /* http, https, socks, ftp */
  unsigned port[4];
  bool same;
} gnome_t;

static const char *const children[] = {ROOT ".http", ROOT ".https", ROOT ".socks", ROOT ".ftp"};

/* One line; *why set when it is not what gsettings prints. */
static bool one(gnome_t *g, pp_source_t *s, char *l, const char **why) {
  char *sp1 = strchr(l, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
  if (!sp1 || !sp2) return (*why = "not 'SCHEMA KEY VALUE'"), true;
  *sp1 = *sp2 = '\0';
  const char *schema = l, *key = sp1 + 1, *val = sp2 + 1;
  char str[1024];
  if (strcmp(schema, ROOT) == 0) {
    if (strcmp(key, "mode") == 0) {
      if (!gv_string(val, str, sizeof(str)) || strlen(str) >= sizeof(g->mode))
        return (*why = "mode is not a string"), true;
      strcpy(g->mode, str);
    } else if (strcmp(key, "autoconfig-url") == 0) {
      if (!gv_string(val, str, sizeof(str))) return (*why = "autoconfig-url is not a string"), true;
      free(s->pac_url);
      s->pac_url = *str ? pp_config_printable(str, strlen(str)) : NULL;
      return !*str || s->pac_url;
    } else if (strcmp(key, "ignore-hosts") == 0) {
      pp_strlist_free(s->bypass, s->nbypass);
      s->bypass = NULL;
      s->nbypass = 0;
      if (!gv_list(s, val)) *why = "ignore-hosts is not a list of strings";
    } else if (strcmp(key, "use-same-proxy") == 0) {
      g->same = strcmp(val, "true") == 0;
    }
    return true;
  }
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(schema, children[i]) != 0) continue;
    if (strcmp(key, "host") == 0) {
      if (!gv_string(val, g->host[i], sizeof(g->host[i]))) *why = "host is not a string";
    } else if (strcmp(key, "port") == 0) {
      char *e;
      unsigned long p = strtoul(val, &e, 10);
      if (*e || p > 65535) *why = "port is not a number from 0 to 65535";
      else g->port[i] = (unsigned)p;
    }
    return true;
  }
  if (strncmp(schema, ROOT, strlen(ROOT)) != 0) *why = "not an org.gnome.system.proxy setting";
  return true;
}

/* The proxy string of manual mode: "http=h:p;https=...;socks=..." or one host. */
static bool manual(pp_source_t *s, const gnome_t *g) {
  static const char *const scheme[] = {"http", "https", "socks", "ftp"};
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  if (g->same && g->host[0][0]) pp_str_printf(&o, "%s:%u", g->host[0], g->port[0]);
  else
    for (size_t i = 0; i < 3; i++)
      if (g->host[i][0])
        pp_str_printf(&o, "%s%s=%s:%u", o.len ? ";" : "", scheme[i], g->host[i], g->port[i]);
  char *p = o.oom ? NULL : pp_config_printable(o.s, o.len);
  bool ok = p && (!*p || pp_config_set_proxy(s, p));
  free(p);
  pp_str_free(&o);
  return ok;
}

pp_status_t pp_config_add_gnome(pp_config_t *c, const void *data, size_t len, const char *file) {
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  const char *line;
  size_t n;
  unsigned lineno = 0;
  gnome_t g;
  memset(&g, 0, sizeof(g));
  pp_source_t tmp;
  memset(&tmp, 0, sizeof(tmp));
  pp_status_t st = PP_OK;
  char l[MAX_LINE + 1];
  while (st == PP_OK && pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    while (n && (line[n - 1] == '\r' || line[n - 1] == '\n')) n--;
    if (n == 0) continue;
    const char *why = NULL;
    if (n > MAX_LINE) why = "line over 4096 bytes";
    else {
      memcpy(l, line, n);
      l[n] = '\0';
      if (memchr(l, '\0', n)) why = "a NUL byte in the line";
      else if (!one(&g, &tmp, l, &why)) st = PP_ENOMEM;
    }
    if (st == PP_OK && why) {
      pp_strlist_free(tmp.bypass, tmp.nbypass);
      free(tmp.pac_url);
      return pp_config_line_error(c, PP_SRC_GNOME, file, lineno, why);
    }
  }
  pp_source_t *s = st == PP_OK ? pp_config_push(c, PP_SRC_GNOME, file) : NULL;
  if (!s) {
    pp_strlist_free(tmp.bypass, tmp.nbypass);
    free(tmp.pac_url);
    return PP_ENOMEM;
  }
  s->bypass = tmp.bypass;
  s->nbypass = tmp.nbypass;
  s->pac_url = tmp.pac_url;
  s->account = PP_ACCT_USER;
  if (!*g.mode) strcpy(g.mode, "none"); /* the schema's default */
  if (!(s->mode = strdup(g.mode)) || !(s->value = strdup("org.gnome.system.proxy")))
    return PP_ENOMEM;
  if (strcmp(g.mode, "manual") == 0 && !manual(s, &g)) return PP_ENOMEM;
  if (strcmp(g.mode, "auto") == 0 && !s->pac_url) s->auto_detect = true;
  return PP_OK;
}
