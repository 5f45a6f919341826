/* SPDX-License-Identifier: MIT */
/*
 * NO_PROXY dialects (issue 21, docs/sources.md "NO_PROXY dialects"): the
 * same no_proxy value as each runtime reads and applies it, each rule
 * written from that runtime's source (cited per function). Pure: the URL
 * and the list come in as strings; every input is bounded (URL 2048 bytes,
 * list 8192 bytes, entry 255 bytes) and anything longer never matches.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "config/config_int.h"

#define MAX_URL 2048
#define MAX_LIST 8192
#define MAX_ENTRY 255

static const struct {
  const char *name;
  const char *vars; /* which variables, in order ("" ends) */
} dialects[PP_NP_COUNT] = {
    [PP_NP_CURL] = {"curl", "no_proxy,NO_PROXY"},
    [PP_NP_WGET] = {"wget", "no_proxy"},
    [PP_NP_GO] = {"go", "NO_PROXY,no_proxy"},
    [PP_NP_PY_URLLIB] = {"python-urllib", "no_proxy,NO_PROXY"},
    [PP_NP_PY_REQUESTS] = {"python-requests", "no_proxy,NO_PROXY"},
    [PP_NP_NODE] = {"node", "npm_config_no_proxy,no_proxy,NO_PROXY"},
    [PP_NP_DOTNET] = {"dotnet", "no_proxy,NO_PROXY"},
};

const char *pp_noproxy_dialect_name(pp_np_dialect_t d) {
  return d < PP_NP_COUNT ? dialects[d].name : "?";
}

pp_status_t pp_noproxy_dialect_parse(const char *name, pp_np_dialect_t *out) {
  for (unsigned i = 0; i < PP_NP_COUNT; i++)
    if (strcmp(dialects[i].name, name) == 0) {
      *out = (pp_np_dialect_t)i;
      return PP_OK;
    }
  if (strcmp(name, "docker") == 0) { /* the Docker CLI and daemon are Go programs */
    *out = PP_NP_GO;
    return PP_OK;
  }
  return PP_EINVAL;
}

const char *pp_noproxy_dialect_vars(pp_np_dialect_t d) {
  return d < PP_NP_COUNT ? dialects[d].vars : "";
}

static const char *lookup(const char *const *envp, const char *name, size_t n) {
  for (; envp && *envp; envp++)
    if (strncmp(*envp, name, n) == 0 && (*envp)[n] == '=') return *envp + n + 1;
  return NULL;
}

const char *pp_noproxy_value(pp_np_dialect_t d, const char *const *envp, const char **var) {
  const char *p = pp_noproxy_dialect_vars(d);
  while (*p) {
    size_t n = strcspn(p, ",");
    const char *v = lookup(envp, p, n);
    /* every one of them takes an empty value as unset, except .NET, whose
     * `??` only skips a missing variable (HttpEnvironmentProxy.Unix.cs) */
    if (v && (*v || d == PP_NP_DOTNET)) {
      if (var) *var = p; /* "no_proxy,..." : the caller prints up to ',' */
      return v;
    }
    p += n;
    if (*p) p++;
  }
  return NULL;
}

/* ---- the URL as the runtimes see it -------------------------------------- */

pp_status_t pp_noproxy_url(const char *url, pp_np_url_t *u, char *err, size_t errlen) {
  memset(u, 0, sizeof(*u));
  size_t n = strlen(url);
  const char *sep = strstr(url, "://");
  if (n > MAX_URL || !sep || sep == url || (size_t)(sep - url) >= sizeof(u->scheme)) {
    pp_set_err(err, errlen, "not an absolute URL (scheme://host...)%s", n > MAX_URL ? ", or over 2048 bytes" : "");
    return PP_EBADURL;
  }
  for (size_t i = 0; url + i < sep; i++) u->scheme[i] = (char)tolower((unsigned char)url[i]);
  const char *a = sep + 3, *end = a + strcspn(a, "/?#");
  const char *at = NULL;
  for (const char *q = a; q < end; q++)
    if (*q == '@') at = q;
  if (at) a = at + 1;
  const char *hend = end, *colon = NULL;
  if (*a == '[') {
    const char *close = memchr(a, ']', (size_t)(end - a));
    if (!close) goto bad;
    u->v6 = true;
    hend = close + 1;
    if (hend < end && *hend == ':') colon = hend;
    else if (hend != end) goto bad;
  } else {
    colon = memchr(a, ':', (size_t)(end - a));
    if (colon) hend = colon;
  }
  size_t hl = (size_t)(hend - a);
  if (hl == 0 || hl >= sizeof(u->host)) goto bad;
  for (size_t i = 0; i < hl; i++) u->host[i] = (char)tolower((unsigned char)a[i]);
  if (colon && colon + 1 < end) {
    char *e;
    unsigned long p = strtoul(colon + 1, &e, 10);
    if (e != end || p == 0 || p > 65535) goto bad;
    u->port = (unsigned)p;
    u->port_given = true;
  } else {
    u->port = strcmp(u->scheme, "https") == 0 ? 443 : strcmp(u->scheme, "http") == 0 ? 80 : 0;
  }
  return PP_OK;
bad:
  pp_set_err(err, errlen, "bad host or port");
  return PP_EBADURL;
}

/* host without brackets, into buf */
static const char *bare(const pp_np_url_t *u, char *buf, size_t n) {
  if (!u->v6) return u->host;
  snprintf(buf, n, "%.*s", (int)strlen(u->host) - 2, u->host + 1);
  return buf;
}

static bool ends_with(const char *s, const char *suf, bool ci) {
  size_t a = strlen(s), b = strlen(suf);
  if (b > a) return false;
  return ci ? strcasecmp(s + a - b, suf) == 0 : strcmp(s + a - b, suf) == 0;
}

/* Calls f on every entry of list split at any of seps, trimmed of blanks
 * when trim; stops at the first true. */
static bool each(const char *list, const char *seps, bool trim, bool (*f)(const char *, const void *),
                 const void *ctx) {
  char e[MAX_ENTRY + 1];
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, seps);
    const char *b = p, *x = p + n;
    if (trim) {
      while (b < x && isspace((unsigned char)*b)) b++;
      while (x > b && isspace((unsigned char)x[-1])) x--;
    }
    if (x > b && (size_t)(x - b) <= MAX_ENTRY) {
      memcpy(e, b, (size_t)(x - b));
      e[x - b] = '\0';
      if (f(e, ctx)) return true;
    }
    p += n;
    if (*p) p++;
  }
  return false;
}

static bool ip4(const char *s, unsigned char out[4]) { return inet_pton(AF_INET, s, out) == 1; }

/* ---- wget: src/init.c sepstring(getenv("no_proxy")), src/host.c sufmatch */

static bool wget_entry(const char *e, const void *ctx) {
  const char *what = ctx;
  size_t lw = strlen(what), j = strlen(e);
  if (lw < j) return false;
  if (strcasecmp(what + lw - j, e) != 0) return false;
  return lw == j || what[lw - j - 1] == '.' || e[0] == '.';
}

/* ---- Go: golang.org/x/net/http/httpproxy (config.init, useProxy) --------- */

typedef struct go_ctx {
  const char *host; /* lowercase, no brackets */
  char port[8];
  bool is_ip;
  unsigned char ip[16];
  bool v6;
} go_ctx_t;

static bool go_cidr(const char *e, const go_ctx_t *g, bool *is_cidr) {
  char net[64];
  const char *slash = strchr(e, '/');
  *is_cidr = false;
  if (!slash || (size_t)(slash - e) >= sizeof(net)) return false;
  memcpy(net, e, (size_t)(slash - e));
  net[slash - e] = '\0';
  unsigned char b[16];
  bool v6 = strchr(net, ':') != NULL;
  char *end;
  long bits = strtol(slash + 1, &end, 10);
  if (*end || slash[1] == '\0' || bits < 0 || bits > (v6 ? 128 : 32) ||
      inet_pton(v6 ? AF_INET6 : AF_INET, net, b) != 1)
    return false;
  *is_cidr = true;
  if (!g->is_ip || g->v6 != v6) return false;
  for (long i = 0; i < bits; i++) {
    unsigned char m = (unsigned char)(0x80 >> (i % 8));
    if ((g->ip[i / 8] & m) != (b[i / 8] & m)) return false;
  }
  return true;
}

static bool go_entry(const char *raw, const void *ctx) {
  const go_ctx_t *g = ctx;
  char e[MAX_ENTRY + 1], host[MAX_ENTRY + 2];
  size_t n = strlen(raw);
  for (size_t i = 0; i <= n; i++) e[i] = (char)tolower((unsigned char)raw[i]);
  bool is_cidr;
  bool hit = go_cidr(e, g, &is_cidr);
  if (is_cidr) return hit;
  /* net.SplitHostPort: "[v6]:port" or exactly one ':'; otherwise the
   * whole entry is the host */
  char port[MAX_ENTRY + 1] = "";
  snprintf(host, sizeof(host), "%s", e);
  char *close = host[0] == '[' ? strstr(host, "]:") : NULL;
  char *c = strchr(host, ':');
  if (close) {
    snprintf(port, sizeof(port), "%s", close + 2);
    *close = '\0';
    memmove(host, host + 1, strlen(host));
  } else if (host[0] != '[' && c && c == strrchr(host, ':')) {
    snprintf(port, sizeof(port), "%s", c + 1);
    *c = '\0';
  }
  if (!host[0]) return false;
  unsigned char b[16];
  bool v6 = inet_pton(AF_INET6, host, b) == 1;
  if (v6 || inet_pton(AF_INET, host, b) == 1) { /* ipMatch */
    if (!g->is_ip || g->v6 != v6 || memcmp(b, g->ip, v6 ? 16 : 4) != 0) return false;
    return !*port || strcmp(port, g->port) == 0;
  }
  const char *h = host;
  if (strncmp(h, "*.", 2) == 0) h++;
  bool match_host = h[0] != '.';
  const char *suffix = match_host ? NULL : h;
  char dotted[MAX_ENTRY + 3];
  if (match_host) {
    snprintf(dotted, sizeof(dotted), ".%s", h);
    suffix = dotted;
  }
  if (ends_with(g->host, suffix, false) || (match_host && strcmp(g->host, h) == 0))
    return !*port || strcmp(port, g->port) == 0;
  return false;
}

static bool go_match(const char *list, const pp_np_url_t *u) {
  go_ctx_t g = {0};
  char b6[64];
  g.host = bare(u, b6, sizeof(b6));
  snprintf(g.port, sizeof(g.port), "%u", u->port);
  g.v6 = inet_pton(AF_INET6, g.host, g.ip) == 1;
  g.is_ip = g.v6 || inet_pton(AF_INET, g.host, g.ip) == 1;
  if (strcmp(g.host, "localhost") == 0) return true; /* useProxy: never for localhost */
  if (g.is_ip && (g.v6 ? memcmp(g.ip, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0 : g.ip[0] == 127))
    return true; /* ... nor for a loopback address */
  /* "*" anywhere in the list, trimmed, matches everything */
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, ",");
    const char *b = p, *x = p + n;
    while (b < x && isspace((unsigned char)*b)) b++;
    while (x > b && isspace((unsigned char)x[-1])) x--;
    if (x - b == 1 && *b == '*') return true;
    p += n;
    if (*p) p++;
  }
  return each(list, ",", true, go_entry, &g);
}

/* ---- Python urllib: Lib/urllib/request.py proxy_bypass_environment ------- */

typedef struct py_ctx {
  const char *host;     /* req.host: "name" or "name:port" as written, lowercase */
  const char *hostonly; /* _splitport(host)[0] */
} py_ctx_t;

static bool py_entry(const char *e, const void *ctx) {
  const py_ctx_t *p = ctx;
  while (*e == '.') e++; /* name.lstrip('.') */
  char name[MAX_ENTRY + 2];
  size_t n = strlen(e);
  for (size_t i = 0; i <= n; i++) name[i + 1] = (char)tolower((unsigned char)e[i]);
  name[0] = '.';
  if (strcmp(p->hostonly, name + 1) == 0 || strcmp(p->host, name + 1) == 0) return true;
  return ends_with(p->hostonly, name, false) || ends_with(p->host, name, false);
}

static bool urllib_match(const char *list, const char *host_port) {
  if (strcmp(list, "*") == 0) return true;
  char hostonly[300];
  snprintf(hostonly, sizeof(hostonly), "%s", host_port);
  char *c = strrchr(hostonly, ':'); /* _splitport: '(.*):([0-9]*)' */
  if (c && strspn(c + 1, "0123456789") == strlen(c + 1)) *c = '\0';
  py_ctx_t p = {host_port, hostonly};
  return each(list, ",", true, py_entry, &p);
}

static bool py_urllib(const char *list, const pp_np_url_t *u) {
  char hp[300];
  if (u->port_given) snprintf(hp, sizeof(hp), "%s:%u", u->host, u->port);
  else snprintf(hp, sizeof(hp), "%s", u->host);
  return urllib_match(list, hp);
}

/* ---- Python requests: src/requests/utils.py should_bypass_proxies -------- */

typedef struct rq_ctx {
  const char *hostname; /* lowercase, no brackets */
  const char *with_port;
  bool ipv4;
  unsigned char ip[4];
} rq_ctx_t;

static bool rq_entry(const char *e, const void *ctx) {
  const rq_ctx_t *r = ctx;
  if (!r->ipv4) return ends_with(r->hostname, e, false) || ends_with(r->with_port, e, false);
  const char *slash = strchr(e, '/');
  if (slash) { /* is_valid_cidr: one '/', mask 1..32, inet_aton */
    char net[32];
    unsigned char b[4];
    char *end;
    long bits = strtol(slash + 1, &end, 10);
    if ((size_t)(slash - e) >= sizeof(net) || *end || bits < 1 || bits > 32 || strchr(slash + 1, '/'))
      return false;
    memcpy(net, e, (size_t)(slash - e));
    net[slash - e] = '\0';
    if (!ip4(net, b)) return false;
    uint32_t m = bits == 32 ? 0xffffffffu : ~(0xffffffffu >> bits);
    uint32_t x = (uint32_t)r->ip[0] << 24 | (uint32_t)r->ip[1] << 16 | (uint32_t)r->ip[2] << 8 | r->ip[3];
    uint32_t y = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return (x & m) == (y & m);
  }
  return strcmp(r->hostname, e) == 0;
}

static bool py_requests(const char *list, const pp_np_url_t *u) {
  char b6[64], wp[300], nospace[MAX_LIST + 1];
  rq_ctx_t r = {0};
  r.hostname = bare(u, b6, sizeof(b6));
  if (u->port_given) snprintf(wp, sizeof(wp), "%s:%u", r.hostname, u->port);
  else snprintf(wp, sizeof(wp), "%s", r.hostname);
  r.with_port = wp;
  r.ipv4 = ip4(r.hostname, r.ip);
  size_t n = 0; /* no_proxy.replace(" ", "") */
  for (const char *p = list; *p && n < MAX_LIST; p++)
    if (*p != ' ') nospace[n++] = *p;
  nospace[n] = '\0';
  if (each(nospace, ",", false, rq_entry, &r)) return true;
  return urllib_match(list, r.hostname); /* then proxy_bypass(parsed.hostname) */
}

/* ---- Node: proxy-from-env index.js shouldProxy ---------------------------- */

typedef struct node_ctx {
  const char *hostname; /* url.parse host without the port: lowercase, brackets kept */
  unsigned port;
} node_ctx_t;

static bool node_entry(const char *raw, const void *ctx) {
  const node_ctx_t *c = ctx;
  char e[MAX_ENTRY + 1];
  snprintf(e, sizeof(e), "%s", raw);
  char *colon = strrchr(e, ':'); /* /^(.+):(\d+)$/ */
  unsigned long port = 0;
  if (colon && colon > e && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
    port = strtoul(colon + 1, NULL, 10);
    *colon = '\0';
  }
  if (port && port != c->port) return false;
  if (e[0] != '.' && e[0] != '*') return strcmp(c->hostname, e) == 0;
  return ends_with(c->hostname, e[0] == '*' ? e + 1 : e, false);
}

static bool node_match(const char *list, const pp_np_url_t *u) {
  char low[MAX_LIST + 1];
  size_t n = strlen(list);
  if (n > MAX_LIST) return false;
  for (size_t i = 0; i <= n; i++) low[i] = (char)tolower((unsigned char)list[i]);
  if (strcmp(low, "*") == 0) return true;
  node_ctx_t c = {u->host, u->port};
  return each(low, ", \t\r\n\f\v", false, node_entry, &c);
}

/* ---- .NET: System.Net.Http HttpEnvironmentProxy.IsMatchInBypassList ----- */

static bool dotnet_entry(const char *e, const void *ctx) {
  const char *host = ctx; /* Uri.Host: brackets kept for IPv6 */
  if (e[0] != '.') return strcasecmp(e, host) == 0;
  return strcasecmp(e + 1, host) == 0 || ends_with(host, e, true);
}

static bool curl_match(const char *list, const pp_np_url_t *u) {
  return pp_env_noproxy_match(u->host, list);
}

static bool wget_match(const char *list, const pp_np_url_t *u) {
  char b6[64];
  return each(list, ",", true, wget_entry, bare(u, b6, sizeof(b6)));
}

static bool dotnet_match(const char *list, const pp_np_url_t *u) {
  return each(list, ",", true, dotnet_entry, u->host);
}

bool pp_noproxy_match_dialect(pp_np_dialect_t d, const char *list, const pp_np_url_t *u) {
  static bool (*const f[PP_NP_COUNT])(const char *, const pp_np_url_t *) = {
      [PP_NP_CURL] = curl_match,     [PP_NP_WGET] = wget_match,
      [PP_NP_GO] = go_match,         [PP_NP_PY_URLLIB] = py_urllib,
      [PP_NP_PY_REQUESTS] = py_requests, [PP_NP_NODE] = node_match,
      [PP_NP_DOTNET] = dotnet_match};
  if (!list || !*list || strlen(list) > MAX_LIST || d >= PP_NP_COUNT) return false;
  return f[d](list, u);
}
