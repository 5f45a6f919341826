/* SPDX-License-Identifier: MIT */
/*
 * One route attempt: a libcurl easy handle for DIRECT, PROXY (CONNECT for
 * https), HTTPS, SOCKS4 or SOCKS5 with the names resolved by pacprobe's own
 * resolver (CURLOPT_RESOLVE), then the outcome named precisely from
 * libcurl's info (docs/libcurl-notes.md "Naming failures precisely").
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "route/route_int.h"
#include "util/str.h"

bool pp_attempt_set_error(pp_attempt_t *a, const char *code, bool failover, const char *fmt, ...) {
  va_list ap;
  char buf[512];
  va_start(ap, fmt);
  vsnprintf(buf, sizeof(buf), fmt, ap);
  va_end(ap);
  a->ok = false;
  a->error_code = code;
  a->failover = failover;
  free(a->error_message);
  a->error_message = pp_strndup(buf, strlen(buf));
  return a->error_message != NULL;
}

static const char *curl_scheme(pp_route_type_t t) {
  switch (t) {
  case PP_ROUTE_HTTPS: return "https";
  case PP_ROUTE_SOCKS4: return "socks4";
  case PP_ROUTE_SOCKS5: return "socks5h"; /* the proxy resolves, as Chromium */
  default: return "http";
  }
}

/* "HOST:PORT:ADDR,ADDR" for CURLOPT_RESOLVE, IPv6 addresses bracketed. */
static char *resolve_entry(const char *host, long port, const pp_dns_answer_t *ans) {
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "%s:%ld:", host, port);
  for (size_t i = 0; i < ans->naddrs; i++) {
    bool v6 = strchr(ans->addrs[i], ':') != NULL;
    pp_str_printf(&s, "%s%s%s%s", i ? "," : "", v6 ? "[" : "", ans->addrs[i], v6 ? "]" : "");
  }
  return pp_str_take(&s);
}

/* The names on the wire: the alias chain, or the name alone. */
static bool record_chain(pp_attempt_t *a, const char *name, const pp_dns_answer_t *ans) {
  if (!ans->ncnames) return pp_strlist_push(&a->dns_chain, &a->ndns_chain, name);
  for (size_t i = 0; i < ans->ncnames; i++)
    if (!pp_strlist_push(&a->dns_chain, &a->ndns_chain, ans->cnames[i])) return false;
  return true;
}

/* Resolves host for the attempt; false with the attempt's error set. */
static bool resolve(pp_att_t *att, const char *host, long port, bool is_proxy) {
  pp_dns_answer_t ans;
  char bare[256];
  size_t n = strlen(host);
  if (n >= 2 && host[0] == '[') snprintf(bare, sizeof(bare), "%.*s", (int)(n - 2), host + 1);
  else snprintf(bare, sizeof(bare), "%s", host);
  pp_status_t st = pp_resolver_lookup(att->o->resolver, bare, PP_DNS_ANY, &ans);
  att->a->dns_ms = ans.ms;
  bool ok = st == PP_OK;
  if (!ok && st != PP_ENOMEM && st != PP_ENOTFOUND)
    pp_attempt_set_error(att->a, "dns", true, "%s%s could not be resolved: %s",
                         is_proxy ? "proxy host " : "", bare, pp_dns_failure_describe(ans.failure));
  else if (!ok && st != PP_ENOMEM)
    pp_attempt_set_error(att->a, "dns", true, "%s%s %s", is_proxy ? "proxy host " : "", bare,
                         ans.source == PP_DNS_SRC_OFFLINE ? "is not looked up (--no-dns)"
                                                          : "does not resolve");
  if (ok && ans.source != PP_DNS_SRC_LITERAL) {
    char *e = resolve_entry(host, port, &ans);
    struct curl_slist *l = e ? curl_slist_append(att->resolve, e) : NULL;
    if (l) att->resolve = l;
    else att->oom = true;
    free(e);
  }
  if (ok && ans.source == PP_DNS_SRC_SERVER && !record_chain(att->a, bare, &ans)) att->oom = true;
  if (st == PP_ENOMEM) att->oom = true;
  pp_dns_answer_clear(&ans);
  return ok;
}

/* The body is not kept, except the start of a proxy's error page (reason.c). */
static size_t discard(char *p, size_t sz, size_t n, void *u) {
  pp_att_t *att = u;
  if (att->reason) pp_reason_body(att->reason, p, sz * n);
  return sz * n;
}

/* Proxy-Authenticate schemes in offer order, a 407 seen, squid's DNS error. */
static size_t on_header(char *p, size_t sz, size_t n, void *udata) {
  pp_att_t *att = udata;
  size_t len = sz * n;
  if (att->reason) pp_reason_header(att->reason, p, len);
  if (len > 12 && strncmp(p, "HTTP/", 5) == 0) {
    const char *sp = memchr(p, ' ', len);
    if (sp && (size_t)(sp - p) + 4 <= len && strncmp(sp + 1, "407", 3) == 0) att->saw_407 = true;
  } else if (len > 19 && strncasecmp(p, "Proxy-Authenticate:", 19) == 0) {
    size_t i = 19, j;
    while (i < len && (p[i] == ' ' || p[i] == '\t')) i++;
    for (j = i; j < len && p[j] != ' ' && p[j] != '\r' && p[j] != '\n' && p[j] != ','; j++) {}
    char scheme[32];
    snprintf(scheme, sizeof(scheme), "%.*s", (int)(j - i), p + i);
    bool seen = j == i;
    for (size_t k = 0; !seen && k < att->a->nauth_offered; k++)
      seen = strcasecmp(att->a->auth_offered[k], scheme) == 0;
    if (!seen && !pp_strlist_push(&att->a->auth_offered, &att->a->nauth_offered, scheme))
      att->oom = true;
  } else if (len > 27 && strncasecmp(p, "X-Squid-Error: ERR_DNS_FAIL", 27) == 0) {
    att->squid_dns = true;
  }
  return len;
}

static bool url_host_port(const char *url, char **host, long *port) {
  CURLU *u = curl_url();
  char *h = NULL, *p = NULL;
  bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
            curl_url_get(u, CURLUPART_PORT, &p, CURLU_DEFAULT_PORT) == CURLUE_OK;
  if (ok) {
    *host = pp_strndup(h, strlen(h));
    *port = strtol(p, NULL, 10);
    ok = *host != NULL;
  }
  curl_free(h);
  curl_free(p);
  curl_url_cleanup(u);
  return ok;
}

static void set_proxy(pp_att_t *att) {
  CURL *h = att->h;
  const pp_route_t *r = att->r;
  const pp_check_opts_t *o = att->o;
  if (r->type == PP_ROUTE_DIRECT) {
    /* otherwise libcurl reads http_proxy/https_proxy itself */
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
    return;
  }
  bool v6 = strchr(r->host, ':') != NULL;
  pp_str_t s = PP_STR_INIT;
  pp_str_printf(&s, "%s://%s%s%s:%d", curl_scheme(r->type), v6 ? "[" : "", r->host, v6 ? "]" : "",
                r->port);
  att->proxy_url = pp_str_take(&s);
  if (!att->proxy_url) att->oom = true;
  curl_easy_setopt(h, CURLOPT_PROXY, att->proxy_url);
  curl_easy_setopt(h, CURLOPT_NOPROXY, "");
  curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 0L); /* libcurl tunnels https itself */
  if (r->type == PP_ROUTE_SOCKS4) curl_easy_setopt(h, CURLOPT_PROXYTYPE, (long)CURLPROXY_SOCKS4);
  /* The proxy's own handshake is recorded apart from the origin's (tls.c). */
  if (r->type == PP_ROUTE_HTTPS) att->tls.proxy = &att->proxy_tls;
  /* Only a proxy the user named gets the credentials, and a plain-HTTP one
   * never by Basic unless asked (creds.c); libcurl answers a 407 with the
   * best scheme the mask allows and sends nothing before the challenge. */
  const pp_proxy_cred_t *c = att->cred = pp_cred_for_route(o, r, att->a);
  if (c) {
    att->basic_held = r->type == PP_ROUTE_PROXY && !o->basic_plain_ok;
    curl_easy_setopt(h, CURLOPT_PROXYUSERNAME, c->user);
    curl_easy_setopt(h, CURLOPT_PROXYPASSWORD, c->password ? c->password : "");
    curl_easy_setopt(h, CURLOPT_PROXYAUTH, (long)(att->basic_held ? CURLAUTH_ANYSAFE : CURLAUTH_ANY));
  }
  /* No CURLOPT_PROXY_CAINFO: it would replace the system roots for an HTTPS
   * proxy; pp_tls_ctx_cb gives the proxy's handshake the same trust as the
   * origin's (system roots plus --cacert). */
}

/* libcurl 7.88 reports a failed socket() as "Couldn't connect to server"
 * with CURLINFO_OS_ERRNO 0; opening it here keeps the errno, so EMFILE is
 * named as the local limit it is (classify.c), not a refusal. */
static curl_socket_t open_socket(void *udata, curlsocktype purpose, struct curl_sockaddr *addr) {
  pp_att_t *att = udata;
  (void)purpose;
  int fd = socket(addr->family, addr->socktype | SOCK_CLOEXEC, addr->protocol);
  if (fd < 0) att->sock_errno = errno;
  return fd < 0 ? CURL_SOCKET_BAD : fd;
}

static void set_common(pp_att_t *att) {
  CURL *h = att->h;
  curl_easy_setopt(h, CURLOPT_URL, att->t->url);
  curl_easy_setopt(h, CURLOPT_PRIVATE, att);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, att->errbuf);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
  curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, att);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_FRESH_CONNECT, 1L); /* a new handshake: a chain per attempt */
  curl_easy_setopt(h, CURLOPT_FORBID_REUSE, 1L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)att->o->connect_timeout_ms);
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)att->o->max_time_ms);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, att);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, att);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "pacprobe/" PP_VERSION);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  if (att->t->head) curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  att->tls.cacert = att->o->cacert;
  curl_easy_setopt(h, CURLOPT_SSL_CTX_FUNCTION, pp_tls_ctx_cb);
  curl_easy_setopt(h, CURLOPT_SSL_CTX_DATA, &att->tls);
}

static char *route_text(const pp_route_t *r) {
  pp_str_t s = PP_STR_INIT;
  if (r->type == PP_ROUTE_DIRECT) pp_str_puts(&s, "DIRECT");
  else if (strchr(r->host, ':'))
    pp_str_printf(&s, "%s [%s]:%d", pp_route_type_name(r->type), r->host, r->port);
  else pp_str_printf(&s, "%s %s:%d", pp_route_type_name(r->type), r->host, r->port);
  return pp_str_take(&s);
}

pp_status_t pp_att_start(pp_att_t *att, const pp_check_opts_t *o, const pp_check_target_t *t,
                         const pp_route_t *r, pp_attempt_t *a) {
  memset(att, 0, sizeof(*att));
  memset(a, 0, sizeof(*a));
  att->a = a;
  att->t = t;
  att->r = r;
  att->o = o;
  a->dns_ms = a->connect_ms = a->tls_ms = a->first_byte_ms = a->total_ms = -1;
  if (!(a->route = route_text(r))) return PP_ENOMEM;
  if (r->type == PP_ROUTE_QUIC) {
    /* libcurl cannot speak to a QUIC proxy; a browser without QUIC skips it */
    return pp_attempt_set_error(a, "refused", true, "QUIC proxies cannot be tried (libcurl has no "
                                "QUIC proxy support)") ? PP_OK : PP_ENOMEM;
  }
  char *host = NULL;
  long port = 0;
  if (!url_host_port(t->url, &host, &port))
    return pp_attempt_set_error(a, "http", false, "the URL cannot be parsed") ? PP_OK : PP_ENOMEM;
  bool ok;
  /* The proxy resolves the target (never resolve it for a proxy route), except
   * SOCKS4, which carries an IPv4 address: the client resolves (Chromium). */
  if (r->type == PP_ROUTE_DIRECT || r->type == PP_ROUTE_SOCKS4)
    ok = resolve(att, host, port, false);
  else ok = resolve(att, r->host, r->port, true);
  free(host);
  if (att->oom) return PP_ENOMEM;
  if (!ok) {
    a->total_ms = a->dns_ms;
    return PP_OK;
  }
  if (!(att->h = curl_easy_init())) return PP_ENOMEM;
  if (r->type != PP_ROUTE_DIRECT && !(att->reason = calloc(1, sizeof(*att->reason)))) return PP_ENOMEM;
  set_common(att);
  set_proxy(att);
  if (att->resolve) curl_easy_setopt(att->h, CURLOPT_RESOLVE, att->resolve);
  return att->oom ? PP_ENOMEM : PP_OK;
}

void pp_att_prefetch(const pp_check_opts_t *o, const pp_check_target_t *t, const pp_route_t *r) {
  char *host = NULL;
  long port = 0;
  if (r->type == PP_ROUTE_QUIC) return;
  if (r->type != PP_ROUTE_DIRECT && r->type != PP_ROUTE_SOCKS4) {
    pp_resolver_prefetch(o->resolver, r->host, PP_DNS_ANY);
    return;
  }
  if (!url_host_port(t->url, &host, &port)) return;
  size_t n = strlen(host);
  if (n >= 2 && host[0] == '[') {
    memmove(host, host + 1, n - 2);
    host[n - 2] = '\0';
  }
  pp_resolver_prefetch(o->resolver, host, PP_DNS_ANY);
  free(host);
}

void pp_att_free(pp_att_t *att) {
  if (att->h) curl_easy_cleanup(att->h);
  att->h = NULL;
  curl_slist_free_all(att->resolve);
  att->resolve = NULL;
  free(att->proxy_url);
  att->proxy_url = NULL;
  free(att->reason);
  att->reason = NULL;
  pp_tls_capture_clear(&att->tls);
  pp_tls_capture_clear(&att->proxy_tls);
}
