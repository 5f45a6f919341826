/* SPDX-License-Identifier: MIT */
/*
 * Environment proxies with curl's semantics (curl lib/url.c detect_proxy,
 * lib/noproxy.c Curl_check_noproxy) and the credential masking every proxy
 * string goes through before it is stored. Works on "NAME=VALUE" arrays the
 * caller passes, never on the process environment.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "config/config_int.h"

static const char *lookup(const char *const *envp, const char *name) {
  size_t n = strlen(name);
  for (; envp && *envp; envp++)
    if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=')
      return (*envp)[n + 1] ? *envp + n + 1 : NULL; /* curl_getenv: "" is unset */
  return NULL;
}

/* Names are kept in a small static table so *var can point at them. */
static const char *const known[] = {"http_proxy", "https_proxy", "HTTPS_PROXY", "ftp_proxy",
                                    "FTP_PROXY", "all_proxy", "ALL_PROXY", NULL};

static const char *known_name(const char *name) {
  for (size_t i = 0; known[i]; i++)
    if (strcmp(known[i], name) == 0) return known[i];
  return NULL;
}

const char *pp_env_proxy_for(const char *const *envp, const char *scheme, const char **var) {
  char lower[32], upper[32];
  snprintf(lower, sizeof(lower), "%s_proxy", scheme);
  for (size_t i = 0; lower[i]; i++) upper[i] = (char)toupper((unsigned char)lower[i]);
  upper[strlen(lower)] = '\0';
  const char *order[4] = {lower, upper, "all_proxy", "ALL_PROXY"};
  for (size_t i = 0; i < 4; i++) {
    /* curl never reads HTTP_PROXY: CGI programs get it from a request
     * header (httpoxy, CVE-2016-5385). */
    if (i == 1 && strcmp(lower, "http_proxy") == 0) continue;
    const char *v = lookup(envp, order[i]);
    if (v) {
      if (var) *var = known_name(order[i]) ? known_name(order[i]) : "scheme_proxy";
      return v;
    }
  }
  return NULL;
}

const char *pp_env_noproxy(const char *const *envp, const char **var) {
  const char *v = lookup(envp, "no_proxy");
  if (var) *var = "no_proxy";
  if (!v && (v = lookup(envp, "NO_PROXY")) && var) *var = "NO_PROXY";
  return v;
}

/* curl's Curl_cidr4_match/Curl_cidr6_match: bits 0 means a full match. */
static bool cidr(const char *ip, const char *entry, size_t n, bool v6) {
  char net[64];
  unsigned char a[16], b[16];
  if (n >= sizeof(net)) return false;
  memcpy(net, entry, n);
  net[n] = '\0';
  unsigned bits = 0, max = v6 ? 128 : 32;
  char *slash = strchr(net, '/');
  if (slash) {
    bits = (unsigned)atoi(slash + 1);
    *slash = '\0';
  }
  if (!bits) bits = max;
  int af = v6 ? AF_INET6 : AF_INET;
  if (bits > max || inet_pton(af, ip, a) != 1 || inet_pton(af, net, b) != 1) return false;
  for (unsigned i = 0; i < bits; i++) {
    unsigned char m = (unsigned char)(0x80 >> (i % 8));
    if ((a[i / 8] & m) != (b[i / 8] & m)) return false;
  }
  return true;
}

static bool name_match(const char *name, size_t nl, const char *tok, size_t tl) {
  if (tl && tok[tl - 1] == '.') tl--;
  if (tl && tok[0] == '.') tok++, tl--;
  if (tl == nl) return strncasecmp(tok, name, nl) == 0;
  return tl < nl && name[nl - tl - 1] == '.' && strncasecmp(tok, name + nl - tl, tl) == 0;
}

bool pp_env_noproxy_match(const char *host, const char *list) {
  char ip[64];
  unsigned char tmp[16];
  int type = 0; /* 0 name, 4, 6 */
  if (!host || !*host || !list || !*list) return false;
  if (strcmp(list, "*") == 0) return true;
  size_t nl = strlen(host);
  if (host[0] == '[') {
    const char *close = strchr(host, ']');
    if (!close || (size_t)(close - host - 1) >= sizeof(ip)) return false;
    memcpy(ip, host + 1, (size_t)(close - host - 1));
    ip[close - host - 1] = '\0';
    host = ip;
    type = 6;
  } else if (inet_pton(AF_INET, host, tmp) == 1) {
    type = 4;
  } else if (host[nl - 1] == '.') {
    nl--;
  }
  for (const char *p = list; *p;) {
    while (*p == ' ' || *p == '\t') p++;
    const char *tok = p;
    while (*p && *p != ' ' && *p != '\t' && *p != ',') p++;
    size_t tl = (size_t)(p - tok);
    if (tl && (type ? cidr(host, tok, tl, type == 6) : name_match(host, nl, tok, tl))) return true;
    while (*p == ' ' || *p == '\t') p++;
    if (*p != ',') break; /* curl: anything but a comma ends the list */
    while (*p == ',') p++;
  }
  return false;
}

/* Masks the password of one entry [b, e) of a proxy list into o. */
static void mask_entry(pp_str_t *o, const char *b, const char *e, bool *had) {
  const char *p = b;
  const char *eq = memchr(b, '=', (size_t)(e - b));
  if (eq && !memchr(b, ':', (size_t)(eq - b)) && !memchr(b, '/', (size_t)(eq - b))) p = eq + 1;
  if ((size_t)(e - p) > 3) {
    const char *sch = strstr(p, "://");
    if (sch && sch < e) p = sch + 3;
  }
  const char *auth_end = p;
  while (auth_end < e && *auth_end != '/' && *auth_end != '?' && *auth_end != '#') auth_end++;
  const char *at = NULL;
  for (const char *q = p; q < auth_end; q++)
    if (*q == '@') at = q;
  if (!at) {
    pp_str_append(o, b, (size_t)(e - b));
    return;
  }
  *had = true;
  const char *colon = memchr(p, ':', (size_t)(at - p));
  pp_str_append(o, b, (size_t)((colon ? colon : at) - b));
  if (colon) pp_str_puts(o, ":****");
  pp_str_append(o, at, (size_t)(e - at));
}

char *pp_config_mask_credentials(const char *proxy, bool *had_creds) {
  pp_str_t o = PP_STR_INIT;
  bool had = false;
  pp_str_append(&o, "", 0);
  for (const char *p = proxy; *p;) {
    const char *e = p;
    while (*e && *e != ';' && *e != ' ' && *e != '\t') e++;
    mask_entry(&o, p, e, &had);
    p = e;
    while (*p == ';' || *p == ' ' || *p == '\t') pp_str_putc(&o, *p++);
  }
  if (had_creds) *had_creds = had;
  return pp_str_take(&o);
}
