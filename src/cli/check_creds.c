/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe check`: the proxies the user named for credentials (issue 15
 * items 1 and 2, docs/security.md "Proxy credentials"): the proxy of
 * --proxy, the HOST of --proxy-user USER@HOST, each --proxy-auth-host, and
 * a proxy variable in effect that carries user:password (curl uses those for
 * that proxy). src/route/creds.c applies the list to every route.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "util/str.h"

/* A copy owned by ck (cleared on free: it may be a password). */
static const char *keep(pp_ck_t *ck, const char *s, size_t n) {
  char *c = pp_strndup(s, n);
  if (c && !pp_strlist_push(&ck->cred_mem, &ck->ncred_mem, "")) {
    free(c);
    return NULL;
  }
  if (c) {
    free(ck->cred_mem[ck->ncred_mem - 1]);
    ck->cred_mem[ck->ncred_mem - 1] = c;
  }
  return c;
}

static bool add(pp_ck_t *ck, const char *host, size_t hn, int port, const char *user,
                const char *pw, const char *by) {
  pp_proxy_cred_t *v = realloc(ck->creds, (ck->ncreds + 1) * sizeof(*v));
  if (!v) return false;
  ck->creds = v;
  pp_proxy_cred_t *c = &v[ck->ncreds];
  c->host = keep(ck, host, hn);
  c->port = port;
  c->user = user;
  c->password = pw;
  c->named_by = by;
  if (!c->host) return false;
  ck->ncreds++;
  return true;
}

/* "HOST", "HOST:PORT", "[V6]", "[V6]:PORT" or a bare IPv6 address; false
 * when empty or the port is not 1..65535. */
static bool host_port(const char *s, const char **host, size_t *hn, int *port) {
  const char *colon = NULL;
  *port = 0;
  *host = s;
  if (s[0] == '[') {
    const char *close = strchr(s, ']');
    if (!close || (close[1] && close[1] != ':')) return false;
    *hn = (size_t)(close - s) + 1;
    if (close[1]) colon = close + 1;
  } else {
    colon = strchr(s, ':');
    if (colon && strchr(colon + 1, ':')) colon = NULL; /* bare IPv6 */
    *hn = colon ? (size_t)(colon - s) : strlen(s);
  }
  if (colon) {
    char *end;
    long p = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || p < 1 || p > 65535) return false;
    *port = (int)p;
  }
  return *hn > 0 && *hn < 256;
}

static int bad(const char *opt, const char *value, const char *why) {
  return pp_cli_usage_error(opt, value, why);
}

/* The proxies --proxy names (its http and https entries). */
static bool from_proxy_option(pp_ck_t *ck, const char *proxy, const char *user, const char *pw) {
  static const char *const schemes[] = {"http", "https"};
  for (size_t i = 0; i < 2; i++) {
    pp_result_t r;
    memset(&r, 0, sizeof(r));
    if (!pp_ck_proxy_of(proxy, schemes[i], &r)) return false;
    bool ok = true;
    if (r.nroutes && r.routes[0].type != PP_ROUTE_DIRECT)
      ok = add(ck, r.routes[0].host, strlen(r.routes[0].host), r.routes[0].port, user, pw, "--proxy");
    pp_result_clear(&r);
    if (!ok) return false;
  }
  return true;
}

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Percent-decodes s[0..n) into out (n + 1 bytes) (curl decodes the user and
 * password of a proxy URL); returns the decoded length. */
static size_t unescape(const char *s, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out[o++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else out[o++] = s[i];
  }
  out[o] = '\0';
  return o;
}

/* One proxy variable in effect: when its value carries user:password,
 * those go to that proxy only, as curl uses them. */
static bool from_env_var(pp_ck_t *ck, const char *var) {
  const char *v = getenv(var);
  if (!v) return true;
  const char *hp = strstr(v, "://");
  hp = hp ? hp + 3 : v;
  size_t auth = strcspn(hp, "/");
  const char *at = NULL;
  for (size_t i = 0; i < auth; i++)
    if (hp[i] == '@') at = hp + i; /* the last: a user name may hold '@' */
  if (!at) return true;
  size_t un = (size_t)(at - hp), cn = strcspn(hp, ":");
  if (cn > un) cn = un;
  char *buf = malloc(un + 2);
  if (!buf) return false;
  size_t ul = unescape(hp, cn, buf);
  const char *user = keep(ck, buf, ul);
  const char *pw = NULL;
  if (user) {
    size_t pl = cn < un ? unescape(hp + cn + 1, un - cn - 1, buf) : 0;
    pw = keep(ck, cn < un ? buf : "", pl);
  }
  explicit_bzero(buf, un + 2);
  free(buf);
  if (!user || !pw) return false;
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  bool ok = pp_ck_proxy_of(v, "http", &r);
  char by[64];
  snprintf(by, sizeof(by), "env %s", var);
  const char *named = keep(ck, by, strlen(by));
  if (ok && named && r.nroutes && r.routes[0].type != PP_ROUTE_DIRECT)
    ok = add(ck, r.routes[0].host, strlen(r.routes[0].host), r.routes[0].port, user, pw, named);
  pp_result_clear(&r);
  return ok && named;
}

/* "env http_proxy, env https_proxy": the variables the decision used. */
static bool from_env(pp_ck_t *ck) {
  if (!ck->ndecided_by || strncmp(ck->decided_by[0], "env ", 4) != 0) return true;
  char list[256];
  snprintf(list, sizeof(list), "%s", ck->decided_by[0]);
  for (char *save = NULL, *t = strtok_r(list, ", ", &save); t; t = strtok_r(NULL, ", ", &save))
    if (strcmp(t, "env") != 0 && !from_env_var(ck, t)) return false;
  return true;
}

int pp_ck_creds(pp_ck_t *ck, const pp_args_t *a, const char *password, pp_check_opts_t *o) {
  const char *spec = a->value[PP_OPT_PROXY_USER];
  bool ok = true;
  if (spec) {
    const char *at = strrchr(spec, '@'), *host;
    size_t hn;
    int port;
    if (at && !host_port(at + 1, &host, &hn, &port))
      return bad("proxy-user", at + 1, "expected USER@HOST or USER@HOST:PORT (port 1-65535)");
    const char *user = keep(ck, spec, at ? (size_t)(at - spec) : strlen(spec));
    ok = user != NULL;
    if (ok && !*user) return bad("proxy-user", spec, "empty user name");
    if (ok && at) ok = add(ck, host, hn, port, user, password, "--proxy-user");
    if (ok && a->value[PP_OPT_PROXY] && *a->value[PP_OPT_PROXY])
      ok = from_proxy_option(ck, a->value[PP_OPT_PROXY], user, password);
    for (size_t i = 0; ok && i < a->list[PP_OPT_PROXY_AUTH_HOST].n; i++) {
      const char *h = a->list[PP_OPT_PROXY_AUTH_HOST].v[i];
      if (!host_port(h, &host, &hn, &port))
        return bad("proxy-auth-host", h, "expected HOST or HOST:PORT (port 1-65535)");
      ok = add(ck, host, hn, port, user, password, "--proxy-auth-host");
    }
  } else if (a->given[PP_OPT_PROXY_AUTH_HOST]) {
    pp_msg_error("option --proxy-auth-host needs --proxy-user");
    return PP_EXIT_USAGE;
  }
  if (ok) ok = from_env(ck);
  if (!ok) {
    pp_msg_error("out of memory");
    return PP_EXIT_USAGE;
  }
  if (spec && ck->ncreds == 0)
    pp_msg_warn("--proxy-user: no proxy is named for the credentials, none will be sent (give "
                "--proxy, --proxy-user USER@HOST or --proxy-auth-host HOST)");
  o->creds_given = spec != NULL;
  o->creds = ck->creds;
  o->ncreds = ck->ncreds;
  o->basic_plain_ok = a->given[PP_OPT_PROXY_BASIC_OK];
  o->socks_auth_ok = a->given[PP_OPT_PROXY_SOCKS_AUTH];
  return PP_EXIT_OK;
}

bool pp_ck_proxy_has_userinfo(const char *proxy) {
  const char *hp = strstr(proxy, "://");
  hp = hp ? hp + 3 : proxy;
  return memchr(hp, '@', strcspn(hp, "/")) != NULL;
}

void pp_ck_creds_free(pp_ck_t *ck) {
  for (size_t i = 0; i < ck->ncred_mem; i++)
    if (ck->cred_mem[i]) explicit_bzero(ck->cred_mem[i], strlen(ck->cred_mem[i]));
  pp_strlist_free(ck->cred_mem, ck->ncred_mem);
  free(ck->creds);
  ck->cred_mem = NULL;
  ck->creds = NULL;
  ck->ncred_mem = ck->ncreds = 0;
}
