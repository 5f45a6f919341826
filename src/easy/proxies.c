/* SPDX-License-Identifier: MIT */
/*
 * pp_proxies_for_url: the one call for the common case (include/pacprobe.h,
 * docs/library.md), "the proxies this machine's configuration gives for
 * this URL, and who decided". It strings together what `pacprobe check`
 * does step by step:
 *   1. the configuration: the live registry where there is one (Windows,
 *      the logged-on user's WinINet settings), else the environment
 *      variables curl reads (env); pp_config_decide picks the mode;
 *   2. direct -> DIRECT; proxy -> the bypass list, then the entry for the
 *      URL's scheme (pp_config_proxy_route); pac -> the PAC fetched and
 *      evaluated as WinHTTP does; auto-detect -> WPAD (pp_discover), then
 *      the same, and DIRECT when nothing is found (as WinINet falls through);
 *   3. the routes as URIs ("http://host:port", "direct://"), as libproxy's
 *      px_proxy_factory_get_proxies hands them out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacprobe.h"
#include "util/str.h"

extern char **environ;

#define PAC_MAX_BYTES (4u * 1024u * 1024u)
#define PAC_TIMEOUT_MS 30000u

struct pp_proxies {
  char **uris;
  size_t n;
  pp_str_t decided_by;
  char *error;
};

static const char *uri_scheme(pp_route_type_t t) {
  switch (t) {
  case PP_ROUTE_PROXY: return "http";
  case PP_ROUTE_HTTPS: return "https";
  case PP_ROUTE_SOCKS4: return "socks4";
  case PP_ROUTE_SOCKS5: return "socks5";
  case PP_ROUTE_QUIC: return "quic";
  case PP_ROUTE_DIRECT: break;
  }
  return "direct";
}

static pp_status_t add_routes(pp_proxies_t *p, const pp_result_t *r) {
  for (size_t i = 0; i < r->nroutes; i++) {
    const pp_route_t *rt = &r->routes[i];
    pp_str_t s = PP_STR_INIT;
    bool v6 = rt->host && strchr(rt->host, ':');
    bool ok = rt->type == PP_ROUTE_DIRECT
                  ? pp_str_printf(&s, "direct://")
                  : pp_str_printf(&s, "%s://%s%s%s:%d", uri_scheme(rt->type), v6 ? "[" : "", rt->host,
                                  v6 ? "]" : "", rt->port);
    char *u = ok ? pp_str_take(&s) : NULL;
    if (!u || !pp_strlist_push(&p->uris, &p->n, u)) {
      free(u);
      pp_str_free(&s);
      return PP_ENOMEM;
    }
    free(u);
  }
  return PP_OK;
}

/* host and lower-case scheme of url, for the bypass list and the entry. */
static void url_parts(const char *url, char *scheme, size_t sl, char *host, size_t hl) {
  size_t n = strcspn(url, ":");
  snprintf(scheme, sl, "%.*s", (int)(n < sl ? n : sl - 1), url);
  for (char *c = scheme; *c; c++)
    if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
  const char *hs = strstr(url, "://");
  hs = hs ? hs + 3 : url;
  const char *at = strpbrk(hs, "@/?#");
  if (at && *at == '@') hs = at + 1;
  size_t hn = hs[0] == '[' ? strcspn(hs, "]") + 1 : strcspn(hs, "/:?#");
  snprintf(host, hl, "%.*s", (int)(hn < hl ? hn : hl - 1), hs);
}

static pp_status_t from_proxy(pp_proxies_t *p, const pp_config_effective_t *e, const char *url) {
  char scheme[16], host[256];
  url_parts(url, scheme, sizeof(scheme), host, sizeof(host));
  for (size_t i = 0; i < e->nbypass; i++)
    if (pp_env_noproxy_match(host, e->bypass[i])) {
      pp_str_printf(&p->decided_by, "; bypass list entry %s", e->bypass[i]);
      return pp_strlist_push(&p->uris, &p->n, "direct://") ? PP_OK : PP_ENOMEM;
    }
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  pp_status_t st = pp_config_proxy_route(e->proxy, scheme, &r);
  if (st == PP_OK) st = add_routes(p, &r);
  pp_result_clear(&r);
  return st;
}

static pp_status_t fail(pp_proxies_t *p, pp_status_t st, const char *why) {
  free(p->error);
  p->error = pp_strndup(why, strlen(why));
  return p->error ? st : PP_ENOMEM;
}

static pp_status_t from_pac(pp_proxies_t *p, const char *pac_url, const char *text, size_t len,
                            const char *url, pp_resolver_t *dns) {
  pp_engine_t *e = pp_engine_create(PP_EMU_WINHTTP, dns);
  if (!e) return PP_ENOMEM;
  pp_status_t st = pp_engine_load(e, text, len, pac_url);
  pp_eval_t ev;
  memset(&ev, 0, sizeof(ev));
  if (st != PP_OK) st = fail(p, st, pp_engine_error(e));
  else if ((st = pp_engine_eval(e, url, NULL, &ev)) != PP_ENOMEM) {
    if (ev.status != PP_OK) st = fail(p, ev.status, ev.error ? ev.error : pp_strerror(ev.status));
    else st = add_routes(p, &ev.result);
    if (st == PP_OK && ev.decided_line)
      pp_str_printf(&p->decided_by, "; PAC %s:%d:%d", pac_url, ev.decided_line, ev.decided_col);
    else if (st == PP_OK) pp_str_printf(&p->decided_by, "; PAC %s", pac_url);
  }
  pp_eval_clear(&ev);
  pp_engine_free(e);
  return st;
}

static pp_status_t fetch_and_eval(pp_proxies_t *p, const char *pac_url, const char *url, pp_resolver_t *dns) {
  char *text = NULL, err[512];
  size_t len = 0;
  pp_status_t st = pp_pac_read(pac_url, PAC_MAX_BYTES, PAC_TIMEOUT_MS, &text, &len, err, sizeof(err));
  st = st == PP_OK ? from_pac(p, pac_url, text, len, url, dns) : fail(p, st, err);
  free(text);
  return st;
}

static pp_status_t auto_detect(pp_proxies_t *p, const char *url, pp_resolver_t *dns) {
  pp_discover_opts_t o;
  pp_discovery_t d;
  pp_discover_opts_init(&o);
  o.resolver = dns;
  memset(&d, 0, sizeof(d));
  pp_status_t st = pp_discover(&o, &d);
  if (st == PP_ENOMEM) return st;
  if (d.pac_url && d.pac) {
    pp_str_printf(&p->decided_by, "; WPAD %s %s", d.decided_by ? d.decided_by : "", d.pac_url);
    st = from_pac(p, d.pac_url, d.pac, d.pac_len, url, dns);
  } else { /* WinINet goes on without a PAC: DIRECT */
    pp_str_printf(&p->decided_by, "; auto-detect found no PAC");
    st = pp_strlist_push(&p->uris, &p->n, "direct://") ? PP_OK : PP_ENOMEM;
  }
  pp_discovery_clear(&d);
  return st;
}

static pp_status_t decide(pp_proxies_t *p, const pp_config_t *c, const char *url) {
  const pp_config_effective_t *e = &c->effective;
  pp_str_printf(&p->decided_by, "%s", c->decided_by ? c->decided_by : "no proxy configured");
  if (e->mode == PP_MODE_PROXY && e->proxy) return from_proxy(p, e, url);
  if (e->mode != PP_MODE_PAC && e->mode != PP_MODE_AUTO_DETECT)
    return pp_strlist_push(&p->uris, &p->n, "direct://") ? PP_OK : PP_ENOMEM;
  pp_resolver_t *dns = pp_resolver_new();
  if (!dns) return PP_ENOMEM;
  pp_status_t st = e->pac_url ? fetch_and_eval(p, e->pac_url, url, dns) : auto_detect(p, url, dns);
  pp_resolver_free(dns);
  return st;
}

pp_status_t pp_proxies_for_url(const char *url, pp_proxies_t **out) {
  *out = NULL;
  pp_proxies_t *p = calloc(1, sizeof(*p));
  if (!p) return PP_ENOMEM;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  pp_status_t st = pp_config_add_live(&c);
  if (st == PP_EPLATFORM) st = PP_OK;
  if (st == PP_OK) st = pp_config_add_env(&c, (const char *const *)environ);
  if (st == PP_OK) st = pp_config_decide(&c, c.os.present ? PP_FOR_USER : PP_FOR_ENV);
  if (st == PP_OK) st = decide(p, &c, url);
  pp_config_clear(&c);
  if (st == PP_ENOMEM) {
    pp_proxies_free(p);
    return st;
  }
  if (!p->n && !pp_strlist_push(&p->uris, &p->n, "direct://")) st = PP_ENOMEM;
  *out = p;
  return st;
}

size_t pp_proxies_count(const pp_proxies_t *p) { return p ? p->n : 0; }

const char *pp_proxies_uri(const pp_proxies_t *p, size_t i) { return p && i < p->n ? p->uris[i] : NULL; }

const char *pp_proxies_decided_by(const pp_proxies_t *p) {
  return p && p->decided_by.s ? p->decided_by.s : "";
}

const char *pp_proxies_error(const pp_proxies_t *p) { return p ? p->error : NULL; }

void pp_proxies_free(pp_proxies_t *p) {
  if (!p) return;
  for (size_t i = 0; i < p->n; i++) free(p->uris[i]);
  free(p->uris);
  pp_str_free(&p->decided_by);
  free(p->error);
  free(p);
}
