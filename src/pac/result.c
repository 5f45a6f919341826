/* SPDX-License-Identifier: MIT */
/*
 * The FindProxyForURL result grammar (docs/pac-semantics.md §6, DESIGN §1.2
 * "result"): splits a result string into routes, canonicalises each host
 * (host.c) and writes Chromium's ToPacString form. Keyword rules differ per
 * emulation profile; the table below is the only place they live. Running
 * the script and reporting are elsewhere (engine.c, the CLI).
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pac/host.h"
#include "pacprobe.h"
#include "util/buf.h"
#include "util/str.h"

/*
 * One element is parsed as Chromium's PacResultElementToProxyChain
 * (net/base/proxy_string_util.cc) does:
 *
 *   1. Trim spaces and tabs; a blank piece is skipped silently (Chromium
 *      drops it too, and it is not worth reporting).
 *   2. The keyword runs to the first space or tab; the rest, trimmed, is
 *      host[:port]. DIRECT must have no rest; every other type needs one.
 *   3. host[:port] is split as url::ParseAuthority does: any '@' means
 *      userinfo (invalid); the port follows the last ':' outside brackets;
 *      an empty port ("h:") is invalid although URLs allow it.
 *   4. A host containing ':' gets brackets (ProxyServer::FromSchemeHostAndPort)
 *      and must then be an IPv6 literal; every host goes through
 *      pp_host_canonicalize, so a path, a space or junk after the host fails.
 *
 * Chromium 156 (issue 16 item 4, measured): a QUIC entry parses but is
 * dropped (ProxyList::SetFromPacString keeps only chains for which
 * ProxyChain::IsValid holds, net/base/proxy_chain.cc allows QUIC only in
 * IP-protection chains): "QUIC q:4433;PROXY a:1" is PROXY a:1, "QUIC q" is
 * DIRECT. A space inside the host is kept and escaped by the host
 * canonicaliser: "PROXY a b:1" is PROXY a%20b:1.
 *
 * Per-profile differences (the §6 table), all in `grammars` below:
 *   firefox      nsProtocolProxyService::ExtractProxyInfo: after the
 *                keyword the text up to ';' is read as a URL, first as it is
 *                ("http://a:1", any "scheme://"), else with "http://" put in
 *                front ("a:80/path"): its host and port are the proxy's, the
 *                rest (path, userinfo) is ignored, a port equal to that URL
 *                scheme's default counts as none (the keyword's default
 *                applies). When no host comes out the entry is still kept,
 *                as a proxy without host that cannot be used (written
 *                "PROXY :80"). DIRECT ignores what follows it.
 *                HTTP = PROXY; QUIC unknown; a blank before the FIRST entry
 *                makes its keyword zero-length, so that entry is skipped
 *                (nsProtocolProxyService::ExtractProxyInfo skips blanks only
 *                after a ';').
 *   pac-resolver pac-proxy-agent compares keywords with ===: upper case only;
 *                SOCKS = SOCKS5; HTTP = PROXY; QUIC unknown.
 *   libproxy     px_manager_run_pac: g_strsplit(line, " ") must give exactly
 *                two words, so two spaces or a tab drop the entry; keywords
 *                are case-insensitive prefixes (proxy, socks4a, socks4,
 *                socks5, socks); HTTP, HTTPS, QUIC unknown; SOCKS = SOCKS4.
 *   winhttp, pacparser: Chromium's grammar (pacparser does not parse at all;
 *                we still parse for the report).
 */

typedef struct grammar {
  bool case_sensitive;
  bool http_keyword;   /* "HTTP" means PROXY */
  bool https_keyword;
  bool quic_keyword;
  bool prefix_match;   /* libproxy's strncasecmp(keyword, "proxy", 5) */
  bool one_space_only; /* libproxy: keyword, one ' ', host */
  bool lead_blank_skips_first; /* firefox */
  bool url_hostport;   /* firefox: host[:port] read as a URL, bad -> unusable */
  bool host_spaces;    /* chromium: "a b" kept as "a%20b" */
  pp_route_type_t socks;       /* what plain "SOCKS" means */
} grammar_t;

#define CHROME_GRAMMAR {.https_keyword = true, .host_spaces = true, .socks = PP_ROUTE_SOCKS4}

static const grammar_t grammars[] = {
    [PP_EMU_CHROME] = CHROME_GRAMMAR,
    [PP_EMU_FIREFOX] = {.http_keyword = true, .https_keyword = true,
                        .lead_blank_skips_first = true, .url_hostport = true,
                        .socks = PP_ROUTE_SOCKS4},
    [PP_EMU_WINHTTP] = CHROME_GRAMMAR,
    [PP_EMU_PACPARSER] = CHROME_GRAMMAR,
    [PP_EMU_PAC_RESOLVER] = {.case_sensitive = true, .http_keyword = true,
                             .https_keyword = true, .socks = PP_ROUTE_SOCKS5},
    [PP_EMU_LIBPROXY] = {.prefix_match = true, .one_space_only = true,
                         .socks = PP_ROUTE_SOCKS4},
};

#define KW_INVALID (-1)

static const char *const type_names[] = {
    [PP_ROUTE_DIRECT] = "DIRECT", [PP_ROUTE_PROXY] = "PROXY",   [PP_ROUTE_HTTPS] = "HTTPS",
    [PP_ROUTE_SOCKS4] = "SOCKS",  [PP_ROUTE_SOCKS5] = "SOCKS5", [PP_ROUTE_QUIC] = "QUIC",
};

const char *pp_route_type_name(pp_route_type_t type) {
  if ((size_t)type < sizeof(type_names) / sizeof(type_names[0])) return type_names[type];
  return "?";
}

static int default_port(pp_route_type_t t) {
  switch (t) {
  case PP_ROUTE_PROXY: return 80;
  case PP_ROUTE_HTTPS:
  case PP_ROUTE_QUIC: return 443;
  case PP_ROUTE_SOCKS4:
  case PP_ROUTE_SOCKS5: return 1080;
  default: return 0;
  }
}

static bool kw_equal(const grammar_t *g, const char *kw, size_t n, const char *lit) {
  size_t m = strlen(lit);
  if (n != m) return false;
  for (size_t i = 0; i < n; i++) {
    char c = kw[i];
    if (!g->case_sensitive && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    if (c != lit[i]) return false;
  }
  return true;
}

/* libproxy: case-insensitive prefix, checked in px_manager_run_pac's order. */
static int keyword_prefix(const char *kw, size_t n) {
  static const struct { const char *p; pp_route_type_t t; } tab[] = {
      {"proxy", PP_ROUTE_PROXY},   {"socks4a", PP_ROUTE_SOCKS4}, {"socks4", PP_ROUTE_SOCKS4},
      {"socks5", PP_ROUTE_SOCKS5}, {"socks", PP_ROUTE_SOCKS4},
  };
  for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++) {
    size_t m = strlen(tab[i].p);
    if (n < m) continue;
    size_t k = 0;
    while (k < m && (kw[k] | 0x20) == tab[i].p[k]) k++;
    if (k == m) return (int)tab[i].t;
  }
  return KW_INVALID;
}

/* The route type of a keyword under g, or KW_INVALID. */
static int keyword_type(const grammar_t *g, const char *kw, size_t n) {
  if (kw_equal(g, kw, n, "DIRECT")) return PP_ROUTE_DIRECT;
  if (g->prefix_match) return keyword_prefix(kw, n);
  if (kw_equal(g, kw, n, "PROXY")) return PP_ROUTE_PROXY;
  if (kw_equal(g, kw, n, "SOCKS")) return (int)g->socks;
  if (kw_equal(g, kw, n, "SOCKS4")) return PP_ROUTE_SOCKS4;
  if (kw_equal(g, kw, n, "SOCKS5")) return PP_ROUTE_SOCKS5;
  if (g->http_keyword && kw_equal(g, kw, n, "HTTP")) return PP_ROUTE_PROXY;
  if (g->https_keyword && kw_equal(g, kw, n, "HTTPS")) return PP_ROUTE_HTTPS;
  if (g->quic_keyword && kw_equal(g, kw, n, "QUIC")) return PP_ROUTE_QUIC;
  return KW_INVALID;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

static void trim_blanks(const char **p, size_t *n) {
  while (*n > 0 && is_blank(**p)) {
    (*p)++;
    (*n)--;
  }
  while (*n > 0 && is_blank((*p)[*n - 1])) (*n)--;
}

/* url::ParsePort as ProxyServer uses it: digits only, at most 65535. */
static bool parse_port(const char *p, size_t n, int *port) {
  if (n == 0) return false;
  long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] < '0' || p[i] > '9') return false;
    v = v * 10 + (p[i] - '0');
    if (v > 65535) return false;
  }
  *port = (int)v;
  return true;
}

/* pp_host_canonicalize; with `spaces`, each ' ' (or "%20", which Chromium's
 * host canonicaliser unescapes, so the canonical form reads back as itself)
 * inside the host is kept as "%20" around canonical pieces (Chromium). NULL
 * when invalid (*oom set on ENOMEM). */
static bool has_pct20(const char *p, size_t n) {
  for (size_t i = 0; i + 2 < n; i++)
    if (memcmp(p + i, "%20", 3) == 0) return true;
  return false;
}

static char *canonical_host(const char *p, size_t n, bool spaces, bool *oom) {
  char err[128];
  if (spaces && has_pct20(p, n)) {
    pp_str_t t = PP_STR_INIT;
    for (size_t i = 0; i < n; i++) {
      bool esc = i + 2 < n && memcmp(p + i, "%20", 3) == 0;
      pp_str_putc(&t, esc ? ' ' : p[i]);
      if (esc) i += 2;
    }
    char *h = t.oom ? NULL : canonical_host(t.s ? t.s : "", t.len, true, oom);
    if (t.oom) *oom = true;
    pp_str_free(&t);
    return h;
  }
  if (!spaces || !memchr(p, ' ', n)) {
    char *h = pp_host_canonicalize(p, n, err, sizeof(err));
    if (!h) *oom = strcmp(err, "out of memory") == 0;
    return h;
  }
  pp_str_t s = PP_STR_INIT;
  for (size_t i = 0; i < n;) {
    size_t k = i;
    while (k < n && p[k] != ' ') k++;
    /* An address literal cannot be one piece of a host with blanks
     * ("PROXY PROXY [::1]:80" would canonicalise to a host that does not
     * read back as itself; found by the `result` fuzz target): invalid. */
    if (memchr(p + i, '[', k - i) || memchr(p + i, ']', k - i) || memchr(p + i, ':', k - i)) {
      pp_str_free(&s);
      return NULL;
    }
    if (k > i) {
      char *h = pp_host_canonicalize(p + i, k - i, err, sizeof(err));
      if (!h) {
        *oom = strcmp(err, "out of memory") == 0;
        pp_str_free(&s);
        return NULL;
      }
      pp_str_puts(&s, h);
      free(h);
    }
    if (k < n) pp_str_puts(&s, "%20");
    i = k + 1;
  }
  char *h = pp_str_take(&s);
  if (!h) *oom = true;
  return h;
}

static bool parse_hostport(const char *p, size_t n, bool spaces, pp_route_t *r, bool *oom);

/* Firefox (see the essay): the host and port of `p` read as a URL. false
 * when no host comes out; *oom on ENOMEM. */
static bool firefox_hostport(const char *p, size_t n, pp_route_t *r, bool *oom) {
  static const struct { const char *s; int port; } defaults[] = {
      {"http", 80}, {"https", 443}, {"ws", 80}, {"wss", 443}, {"ftp", 21}};
  int scheme_port = 80; /* "http://" put in front */
  size_t k = 0;
  while (k < n && (p[k] == '+' || p[k] == '-' || p[k] == '.' || (p[k] >= '0' && p[k] <= '9') ||
                   ((p[k] | 0x20) >= 'a' && (p[k] | 0x20) <= 'z')))
    k++;
  if (k > 0 && n - k >= 3 && memcmp(p + k, "://", 3) == 0) {
    scheme_port = -1;
    for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
      if (strlen(defaults[i].s) == k && strncasecmp(p, defaults[i].s, k) == 0)
        scheme_port = defaults[i].port;
    p += k + 3;
    n -= k + 3;
  }
  size_t a = 0;
  while (a < n && !strchr("/?#\\", p[a])) a++;
  n = a;
  for (size_t i = n; i > 0; i--) /* userinfo is ignored */
    if (p[i - 1] == '@') {
      p += i;
      n -= i;
      break;
    }
  pp_route_t tmp = *r;
  tmp.port = -1;
  if (n > 0 && p[n - 1] == ':') n--; /* "a:" is a URL without port */
  if (n == 0 || !parse_hostport(p, n, false, &tmp, oom)) return false;
  if (tmp.port >= 0 && tmp.port != scheme_port) r->port = tmp.port;
  r->host = tmp.host;
  return true;
}

/* Step 3 of the essay: host and port of "host[:port]". Returns false when
 * the element is invalid; *host is NULL with *oom set on ENOMEM. */
static bool parse_hostport(const char *p, size_t n, bool spaces, pp_route_t *r, bool *oom) {
  if (memchr(p, '@', n)) return false;
  /* url::ParseServerInfo: a leading '[' hides every ':' up to the last ']'
   * (or to the end when there is none). */
  size_t v6_end = 0, colon = 0;
  bool v6 = p[0] == '[', has_colon = false;
  if (v6) v6_end = n;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == ']') v6_end = i, v6 = true;
    if (p[i] == ':') colon = i, has_colon = true;
  }
  size_t hlen = n;
  if (has_colon && (!v6 || colon > v6_end)) {
    hlen = colon;
    if (!parse_port(p + colon + 1, n - colon - 1, &r->port)) return false;
  }
  trim_blanks(&p, &hlen);
  if (hlen == 0) return false;
  r->host = canonical_host(p, hlen, spaces, oom);
  /* UTS #46 maps U+037E GREEK QUESTION MARK to ';', the list separator: such
   * a host could not be written back into a result string (found by the
   * `result` fuzz target; docs/engine.md) */
  if (r->host && strchr(r->host, ';')) {
    free(r->host);
    r->host = NULL;
  }
  return r->host != NULL;
}

/* Parses one trimmed, non-blank element. true with *r filled when valid. */
static bool parse_element(const grammar_t *g, const char *p, size_t n, pp_route_t *r,
                          bool *oom) {
  size_t kw = 0;
  while (kw < n && !is_blank(p[kw])) kw++;
  int type = keyword_type(g, p, kw);
  if (type == KW_INVALID) return false;
  const char *rest = p + kw;
  size_t rn = n - kw;
  if (g->one_space_only && rn > 0 && (rest[0] != ' ' || (rn > 1 && is_blank(rest[1]))))
    return false;
  trim_blanks(&rest, &rn);
  r->type = (pp_route_type_t)type;
  r->host = NULL;
  r->port = default_port(r->type);
  if (type == PP_ROUTE_DIRECT) return rn == 0 || g->url_hostport;
  if (g->url_hostport) {
    if (!firefox_hostport(rest, rn, r, oom) && !*oom) r->host = strdup(""); /* kept, unusable */
    if (!r->host) *oom = true;
    return r->host != NULL;
  }
  if (rn == 0) return false;
  if (g->one_space_only && memchr(rest, ' ', rn)) return false;
  return parse_hostport(rest, rn, g->host_spaces, r, oom);
}

/* Grows by doubling (the capacity is implied: the next power of two), as a
 * hostile PAC may return hundreds of thousands of entries and growing by one
 * copied the array each time (tests/hostile/huge-return: minutes under ASan). */
static bool push_route(pp_result_t *out, const pp_route_t *r) {
  size_t n = out->nroutes;
  if ((n & (n - 1)) == 0) { /* 0, 1, 2, 4, ...: full */
    if (n > SIZE_MAX / 2 / sizeof(pp_route_t)) return false;
    pp_route_t *v = realloc(out->routes, (n ? 2 * n : 1) * sizeof(*v));
    if (!v) return false;
    out->routes = v;
  }
  out->routes[out->nroutes++] = *r;
  return true;
}

static bool push_invalid(pp_result_t *out, const char *p, size_t n) {
  char *s = pp_strndup(p, n);
  bool ok = s && pp_strlist_push(&out->invalid, &out->ninvalid, s);
  free(s);
  return ok;
}

/* Handles one ';' piece; false on ENOMEM. */
static bool add_piece(const grammar_t *g, const char *p, size_t n, bool first,
                      pp_result_t *out) {
  bool lead_blank = n > 0 && is_blank(p[0]);
  trim_blanks(&p, &n);
  if (n == 0) return true;
  pp_route_t r = {PP_ROUTE_DIRECT, NULL, 0};
  bool oom = false;
  bool ok = !(first && lead_blank && g->lead_blank_skips_first) &&
            parse_element(g, p, n, &r, &oom);
  if (oom) return false;
  if (!ok) return push_invalid(out, p, n);
  if (push_route(out, &r)) return true;
  free(r.host);
  return false;
}

static char *canonical_string(const pp_result_t *res) {
  pp_str_t s = PP_STR_INIT;
  for (size_t i = 0; i < res->nroutes; i++) {
    const pp_route_t *r = &res->routes[i];
    if (i) pp_str_putc(&s, ';');
    pp_str_puts(&s, pp_route_type_name(r->type));
    if (r->type == PP_ROUTE_DIRECT) continue;
    bool v6 = strchr(r->host, ':') != NULL;
    pp_str_printf(&s, v6 ? " [%s]:%d" : " %s:%d", r->host, r->port);
  }
  return pp_str_take(&s);
}

pp_status_t pp_result_parse(const char *raw, pp_emulation_t mode, pp_result_t *out) {
  const grammar_t *g = &grammars[(size_t)mode < sizeof(grammars) / sizeof(grammars[0])
                                     ? mode
                                     : PP_EMU_CHROME];
  pp_buf_t b;
  pp_buf_init(&b, raw ? raw : "", raw ? strlen(raw) : 0);
  bool first = true;
  while (pp_buf_remaining(&b) > 0 || first) {
    size_t start = b.pos;
    while (pp_buf_peek(&b) >= 0 && pp_buf_peek(&b) != ';') pp_buf_get(&b);
    if (!add_piece(g, (const char *)b.data + start, b.pos - start, first, out)) goto oom;
    first = false;
    if (pp_buf_get(&b) < 0) break;
  }
  if (out->nroutes == 0) {
    pp_route_t direct = {PP_ROUTE_DIRECT, NULL, 0};
    if (!push_route(out, &direct)) goto oom;
  }
  out->canonical = canonical_string(out);
  if (!out->canonical) goto oom;
  return PP_OK;
oom:
  pp_result_clear(out);
  return PP_ENOMEM;
}

void pp_result_clear(pp_result_t *r) {
  if (!r) return;
  for (size_t i = 0; i < r->nroutes; i++) free(r->routes[i].host);
  free(r->routes);
  free(r->canonical);
  pp_strlist_free(r->invalid, r->ninvalid);
  memset(r, 0, sizeof(*r));
}
