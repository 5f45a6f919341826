/* SPDX-License-Identifier: MIT */
/*
 * KDE's proxy settings, the [Proxy Settings] group of kioslaverc
 * (~/.config/kioslaverc, /etc/xdg/kioslaverc; issue 21, docs/sources.md
 * "KDE"): ProxyType 0 none, 1 manual, 2 PAC ("Proxy Config Script"), 3
 * WPAD, 4 environment (the proxy keys then hold the names of the
 * variables to read); httpProxy/httpsProxy/ftpProxy/socksProxy as a URL
 * or "host port"; NoProxyFor (comma-separated); ReversedException (the
 * list names the only hosts that use the proxy). Meaning as KIO's
 * KProtocolManager (kio src/core/kprotocolmanager.cpp) and Chromium's
 * SettingGetterImplKDE (net/proxy_resolution/proxy_config_service_linux.cc).
 * KConfig syntax: [Group] headers (a trailing [$i] marks it immutable),
 * Key=Value lines, Key[$e] expansion marks, \s \t \n \\ escapes.
 *
 * The source: mode "none", "manual", "pac", "wpad" or "env"; dword the
 * ProxyType; flags bit 0 ReversedException. In env mode proxy holds
 * "http=$VAR;https=$VAR" and bypass "$VAR": the names, resolved against
 * the environment by decide_linux.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define MAX_LINE 4096
#define GROUP "Proxy Settings"

typedef struct kde {
  long type; /* -1 unset: KIO's default is 0 */
  char proxy[4][512]; /* http, https, ftp, socks */
  char pac[1024];
  char noproxy[2048];
  bool reversed;
} kde_t;

static const char *const keys[] = {"httpProxy", "httpsProxy", "ftpProxy", "socksProxy"};

/* KConfig's escapes in a value, in place. */
static void kunescape(char *v) {
  char *o = v;
  for (char *p = v; *p; p++) {
    if (*p == '\\' && p[1]) {
      p++;
      *o++ = *p == 's' ? ' ' : *p == 't' ? '\t' : *p == 'n' ? '\n' : *p;
    } else {
      *o++ = *p;
    }
  }
  *o = '\0';
}

/* "http://proxy 3128" → "http://proxy:3128" (KDE's host-space-port form). */
static void host_port(char *v) {
  char *sp = strrchr(v, ' ');
  if (!sp || !sp[1] || strspn(sp + 1, "0123456789") != strlen(sp + 1)) return;
  char *host_end = sp;
  while (host_end > v && host_end[-1] == ' ') host_end--;
  *host_end = ':';
  memmove(host_end + 1, sp + 1, strlen(sp + 1) + 1);
}

static const char *kv(kde_t *k, const char *key, char *v) {
  kunescape(v);
  for (size_t i = 0; i < 4; i++)
    if (strcmp(key, keys[i]) == 0) {
      if (strlen(v) >= sizeof(k->proxy[i])) return "proxy value over 511 bytes";
      strcpy(k->proxy[i], v);
      return NULL;
    }
  if (strcmp(key, "ProxyType") == 0) {
    char *e;
    long t = strtol(v, &e, 10);
    if (!*v || *e || t < 0 || t > 4) return "ProxyType is not 0 to 4";
    k->type = t;
  } else if (strcmp(key, "Proxy Config Script") == 0) {
    if (strlen(v) >= sizeof(k->pac)) return "Proxy Config Script over 1023 bytes";
    strcpy(k->pac, v);
  } else if (strcmp(key, "NoProxyFor") == 0) {
    if (strlen(v) >= sizeof(k->noproxy)) return "NoProxyFor over 2047 bytes";
    strcpy(k->noproxy, v);
  } else if (strcmp(key, "ReversedException") == 0) {
    k->reversed = strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0;
  }
  return NULL;
}

/* One line; NULL or why it is not KConfig syntax. *in: inside [Proxy Settings]. */
static const char *kline(kde_t *k, char *l, bool *in) {
  while (*l == ' ' || *l == '\t') l++;
  if (!*l || *l == '#') return NULL;
  if (*l == '[') {
    char *e = strchr(l, ']');
    if (!e) return "a group header without ']'";
    *in = (size_t)(e - l - 1) == strlen(GROUP) && strncmp(l + 1, GROUP, strlen(GROUP)) == 0;
    return NULL;
  }
  char *eq = strchr(l, '=');
  if (!eq) return "not Key=Value";
  if (!*in) return NULL;
  char *ke = eq;
  while (ke > l && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
  *ke = '\0';
  char *br = strchr(l, '['); /* Key[$e], Key[de] */
  if (br) *br = '\0';
  char *v = eq + 1;
  while (*v == ' ' || *v == '\t') v++;
  return kv(k, l, v);
}

static bool fill_manual(pp_source_t *s, const kde_t *k) {
  static const char *const scheme[] = {"http", "https", "ftp", "socks"};
  pp_str_t o = PP_STR_INIT;
  pp_str_append(&o, "", 0);
  for (size_t i = 0; i < 4; i++) {
    if (!k->proxy[i][0]) continue;
    char v[512];
    snprintf(v, sizeof(v), "%s", k->proxy[i]);
    if (k->type != 4) host_port(v);
    pp_str_printf(&o, "%s%s=%s%s", o.len ? ";" : "", scheme[i], k->type == 4 ? "$" : "", v);
  }
  char *p = o.oom ? NULL : pp_config_printable(o.s, o.len);
  bool ok = p && (!*p || pp_config_set_proxy(s, p));
  free(p);
  pp_str_free(&o);
  if (!ok || !k->noproxy[0]) return ok;
  if (k->type == 4) {
    char v[2100];
    snprintf(v, sizeof(v), "$%s", k->noproxy);
    char *e = pp_config_printable(v, strlen(v));
    ok = e && pp_strlist_push(&s->bypass, &s->nbypass, e);
    free(e);
    return ok;
  }
  char *e = pp_config_printable(k->noproxy, strlen(k->noproxy));
  ok = e && pp_config_split_bypass(e, ", ", &s->bypass, &s->nbypass);
  free(e);
  return ok;
}

pp_status_t pp_config_add_kde(pp_config_t *c, const void *data, size_t len, const char *file) {
  static const char *const modes[] = {"none", "manual", "pac", "wpad", "env"};
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  const char *line;
  size_t n;
  unsigned lineno = 0;
  kde_t k;
  memset(&k, 0, sizeof(k));
  k.type = -1;
  bool in = false;
  char l[MAX_LINE + 1];
  while (pp_buf_fetch_line(&b, &line, &n)) {
    lineno++;
    while (n && (line[n - 1] == '\r' || line[n - 1] == '\n')) n--;
    const char *why = NULL;
    if (n > MAX_LINE) why = "line over 4096 bytes";
    else if (memchr(line, '\0', n)) why = "a NUL byte in the line";
    else {
      memcpy(l, line, n);
      l[n] = '\0';
      why = kline(&k, l, &in);
    }
    if (why) return pp_config_line_error(c, PP_SRC_KDE, file, lineno, why);
  }
  pp_source_t *s = pp_config_push(c, PP_SRC_KDE, file);
  if (!s || !(s->value = strdup("[Proxy Settings]"))) return PP_ENOMEM;
  s->account = PP_ACCT_USER;
  long t = k.type < 0 ? 0 : k.type;
  s->dword = (uint32_t)t;
  s->flags = k.reversed ? 1u : 0u;
  if (!(s->mode = strdup(modes[t]))) return PP_ENOMEM;
  if ((t == 1 || t == 4) && !fill_manual(s, &k)) return PP_ENOMEM;
  if (t == 2 && k.pac[0] && !(s->pac_url = pp_config_printable(k.pac, strlen(k.pac))))
    return PP_ENOMEM;
  s->auto_detect = t == 3;
  return PP_OK;
}
