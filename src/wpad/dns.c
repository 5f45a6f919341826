/* SPDX-License-Identifier: MIT */
/*
 * DNS discovery (docs/wpad-discovery.md §3): which domains to try, the
 * wpad.<suffix> candidates after devolution with the Public Suffix List
 * (libpsl), and one candidate's lookup through the shared resolver as an
 * absolute name. The driver (discover.c) runs lookups concurrently and
 * decides; this file never fetches.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpsl.h>

#include "os/os.h"
#include "util/buf.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

/*
 * Devolution (the draft's TGTDOM loop, Windows' DNS client, §3.1-3.5):
 *   1. Start with the configured domain itself: wpad.<domain>.
 *   2. Drop the leftmost label and try again, most specific first.
 *   3. Stop before a suffix with fewer than `level` labels (Windows
 *      "devolution level", default 2: never wpad.com).
 *   4. Stop before a public suffix (PSL, no "*" default rule so private
 *      lab TLDs such as .test work): wpad.co.uk is never asked. When rule 4
 *      stopped where rule 3 would have gone on, say so (public-suffix-stop):
 *      that is exactly the Advisory 971888 case.
 *   5. A domain that is itself a public suffix yields nothing and a warning.
 * Names are queried with a trailing dot so that no search list is applied
 * (Chromium and Firefox ask for the single label and let the OS expand it;
 * Windows devolves; we show each name explicitly).
 */

static pthread_once_t psl_once = PTHREAD_ONCE_INIT;
static const psl_ctx_t *psl_ctx;

/* The distribution's list (newer than the copy built into libpsl), else
 * the built-in one. Loaded once, kept for the process. */
static void psl_load(void) {
  psl_ctx = psl_latest(NULL);
  if (!psl_ctx) psl_ctx = psl_builtin();
}

static const psl_ctx_t *psl(void) {
  pthread_once(&psl_once, psl_load);
  return psl_ctx;
}

static bool is_public(const char *domain) {
  const psl_ctx_t *p = psl();
  return p && psl_is_public_suffix2(p, domain, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE);
}

char *pp_wpad_dns_registrable(const char *domain) {
  const psl_ctx_t *p = psl();
  const char *r = p ? psl_registrable_domain(p, domain) : NULL;
  return r ? strdup(r) : NULL;
}

static unsigned labels(const char *d) {
  unsigned n = *d ? 1 : 0;
  for (; *d; d++) n += *d == '.';
  return n;
}

/* Lower-cased copy without surrounding dots; NULL on ENOMEM. */
static char *norm_domain(const char *d, size_t n) {
  while (n > 0 && d[0] == '.') d++, n--;
  while (n > 0 && d[n - 1] == '.') n--;
  char *s = pp_strndup(d, n);
  if (s) pp_ascii_lower(s);
  return s;
}

static bool push_domain(char ***domains, const char ***origins, size_t *n, const char *d, size_t len,
                        const char *origin) {
  char *s = norm_domain(d, len);
  if (!s) return false;
  for (size_t i = 0; i < *n; i++)
    if (!strcmp((*domains)[i], s) || !*s) {
      free(s);
      return true;
    }
  const char **o = realloc(*origins, (*n + 1) * sizeof(*o));
  if (!o) {
    free(s);
    return false;
  }
  *origins = o;
  o[*n] = origin;
  size_t k = *n;
  bool ok = pp_strlist_push(domains, &k, s);
  free(s);
  if (ok) *n = k;
  return ok;
}

/* resolv.conf: the last `search` or `domain` line wins (resolv.conf(5)). */
static bool read_search(const char *path, char ***domains, const char ***origins, size_t *n) {
  FILE *f = pp_os_fopen(path, "rb");
  if (!f) return true;
  char line[1024], last[1024] = "";
  while (fgets(line, sizeof(line), f))
    if (!strncmp(line, "search", 6) || !strncmp(line, "domain", 6)) snprintf(last, sizeof(last), "%s", line + 6);
  fclose(f);
  pp_buf_t b;
  pp_buf_init(&b, last, strlen(last));
  const char *tok;
  size_t tl;
  for (;;) {
    while (pp_buf_peek(&b) == ' ' || pp_buf_peek(&b) == '\t' || pp_buf_peek(&b) == '\n') pp_buf_get(&b);
    if (!(tl = pp_buf_fetch_token(&b, &tok))) break;
    while (tl > 0 && (tok[tl - 1] == '\n' || tok[tl - 1] == '\r')) tl--;
    if (tl && !push_domain(domains, origins, n, tok, tl, "resolv.conf search")) return false;
  }
  return true;
}

bool pp_wpad_dns_domains(const char *resolv_conf, const char *hostname, char ***domains,
                         const char ***origins, size_t *n) {
  if (!read_search(resolv_conf ? resolv_conf : "/etc/resolv.conf", domains, origins, n)) return false;
  char host[256] = "";
  if (hostname) snprintf(host, sizeof(host), "%s", hostname);
  else if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  const char *dot = strchr(host, '.');
  if (!dot) return true; /* no FQDN without asking DNS, which we do not do here */
  return push_domain(domains, origins, n, dot + 1, strlen(dot + 1), "hostname");
}

static bool push_cand(pp_wpad_cand_t **v, size_t *n, const char *suffix, const char *origin,
                      bool devolved) {
  for (size_t i = 0; i < *n; i++)
    if (!strcmp((*v)[i].suffix, suffix)) return true;
  pp_wpad_cand_t *nv = realloc(*v, (*n + 1) * sizeof(*nv));
  if (!nv) return false;
  *v = nv;
  pp_wpad_cand_t *c = &nv[*n];
  memset(c, 0, sizeof(*c));
  c->suffix = strdup(suffix);
  c->origin = strdup(origin);
  c->devolved = devolved;
  size_t len = strlen(suffix) + 6;
  c->name = malloc(len);
  if (c->name) snprintf(c->name, len, "wpad.%s", suffix);
  (*n)++;
  return c->suffix && c->origin && c->name;
}

/* One domain's candidates; warns where the PSL stopped devolution. */
static pp_status_t devolve(const char *domain, const char *origin, unsigned level, pp_discovery_t *d,
                           pp_wpad_cand_t **out, size_t *nout) {
  if (is_public(domain))
    return pp_wpad_warn(d, "domain-public-suffix",
                        "%s (%s) is a public suffix: wpad.%s is never queried; whoever registers it "
                        "could serve the PAC", domain, origin, domain) ? PP_OK : PP_ENOMEM;
  if (labels(domain) < level) return PP_OK; /* single label: Windows never asks wpad.<tld> */
  const char *s = domain;
  for (;;) {
    if (!push_cand(out, nout, s, origin, s != domain)) return PP_ENOMEM;
    const char *next = strchr(s, '.');
    if (!next || labels(next + 1) < level) return PP_OK;
    if (is_public(next + 1))
      return pp_wpad_warn(d, "public-suffix-stop",
                          "devolution of %s stopped at %s: %s is a public suffix, wpad.%s not queried",
                          domain, s, next + 1, next + 1) ? PP_OK : PP_ENOMEM;
    s = next + 1;
  }
}

pp_status_t pp_wpad_dns_candidates(char *const *domains, const char *const *origins, size_t n,
                                   unsigned level, pp_discovery_t *d, pp_wpad_cand_t **out,
                                   size_t *nout) {
  *out = NULL;
  *nout = 0;
  for (size_t i = 0; i < n; i++) {
    char *dom = norm_domain(domains[i], strlen(domains[i]));
    pp_status_t st = dom ? devolve(dom, origins[i], level ? level : 2, d, out, nout) : PP_ENOMEM;
    free(dom);
    if (st != PP_OK) return st;
  }
  return PP_OK;
}

/* ---- the Windows DNS client's order --------------------------------------------- */

/*
 * What Windows appends to the single label `wpad` (docs/wpad-discovery.md
 * §3.3; Microsoft, "DNS devolution" ee683928, "Configuring DNS client
 * settings" cc959339, the Group Policy "DNS Client" settings):
 *   1. A suffix search list (policy SearchList, else Tcpip\Parameters
 *      SearchList) replaces everything: its suffixes in order, none
 *      devolved, no primary or connection-specific suffix.
 *   2. Else the primary DNS suffix, then each adapter's connection-specific
 *      suffix (adapter order), none of these devolved;
 *   3. then, when devolution is on (UseDomainNameDevolution, default 1),
 *      the parents of the primary suffix down to suffixes of `level`
 *      labels (DomainNameDevolutionLevel, default 2: never wpad.com).
 * pacprobe's own limits stay (devolve() above): no public suffix, no single
 * label, where Windows would ask wpad.lan for a suffix "lan".
 */
static unsigned win_level(const pp_wpad_dnsclient_t *c, unsigned override) {
  return override ? override : c->level ? c->level : 2;
}

/* A registry value is foreign text: only a DNS name is asked. */
static bool dns_name(const char *s) {
  return *s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") == strlen(s);
}

/* One suffix on its own, not devolved (rules 1 and 2). */
static pp_status_t undevolved(const char *suffix, const char *origin, pp_discovery_t *d, pp_wpad_cand_t **out,
                              size_t *nout) {
  if (!dns_name(suffix))
    return pp_wpad_warn(d, "suffix-invalid", "%s is not a DNS domain (%s): not asked", suffix, origin) ? PP_OK
                                                                                                    : PP_ENOMEM;
  char *dom = norm_domain(suffix, strlen(suffix));
  if (!dom) return PP_ENOMEM;
  unsigned n = labels(dom);
  pp_status_t st = devolve(dom, origin, n < 2 ? 2 : n, d, out, nout);
  free(dom);
  return st;
}

pp_status_t pp_wpad_dns_candidates_win(const pp_wpad_dnsclient_t *c, unsigned level_override, pp_discovery_t *d,
                                       pp_wpad_cand_t **out, size_t *nout) {
  *out = NULL;
  *nout = 0;
  pp_status_t st = PP_OK;
  for (size_t i = 0; st == PP_OK && i < c->nsearch; i++) st = undevolved(c->search[i], c->search_from, d, out, nout);
  if (c->nsearch) return st;
  bool primary = c->primary && *c->primary;
  bool devolve_primary = primary && dns_name(c->primary) && c->devolution != 0;
  if (primary) st = undevolved(c->primary, c->primary_from, d, out, nout);
  for (size_t i = 0; st == PP_OK && i < c->nconn; i++) st = undevolved(c->conn[i], c->conn_from[i], d, out, nout);
  char *dom = devolve_primary ? norm_domain(c->primary, strlen(c->primary)) : NULL;
  if (st == PP_OK && devolve_primary && !dom) st = PP_ENOMEM;
  if (st == PP_OK && dom && !is_public(dom)) {
    char origin[300];
    snprintf(origin, sizeof(origin), "%s, devolution level %u%s", c->primary_from, win_level(c, level_override),
             level_override ? " (--devolution-level)" : c->level ? "" : " (default)");
    st = devolve(dom, origin, win_level(c, level_override), d, out, nout);
  }
  free(dom);
  return st;
}

void pp_wpad_dnsclient_clear(pp_wpad_dnsclient_t *c) {
  free(c->primary);
  pp_strlist_free(c->conn, c->nconn);
  pp_strlist_free(c->conn_from, c->nconn);
  pp_strlist_free(c->search, c->nsearch);
  memset(c, 0, sizeof(*c));
}

void pp_wpad_dns_cands_free(pp_wpad_cand_t *c, size_t n) {
  for (size_t i = 0; i < n; i++) {
    free(c[i].suffix);
    free(c[i].name);
    free(c[i].origin);
  }
  free(c);
}

void pp_wpad_dns_lookup(pp_resolver_t *r, const pp_wpad_cand_t *c, pp_wpad_lookup_t *out) {
  char name[300];
  memset(out, 0, sizeof(*out));
  snprintf(name, sizeof(name), "%s.", c->name); /* absolute: no search list */
  out->status = pp_resolver_lookup(r, name, PP_DNS_ANY, &out->answer);
  if (out->status != PP_OK) return;
  /* A wildcard answers any sibling too (§7.1): ask for a random one. */
  uint32_t rnd = 0;
  if (!pp_os_random(&rnd, sizeof(rnd))) rnd = (uint32_t)getpid();
  snprintf(name, sizeof(name), "pacprobe-%08x.%s.", (unsigned)rnd, c->suffix);
  pp_dns_answer_t probe;
  out->wildcard = pp_resolver_lookup(r, name, PP_DNS_ANY, &probe) == PP_OK;
  pp_dns_answer_clear(&probe);
}
