/* SPDX-License-Identifier: MIT */
/*
 * The WPAD discovery driver (DESIGN §1.5, docs/wpad-discovery.md §5): runs
 * DHCP and DNS at the same time, orders what they offered as Windows and
 * Chromium do, fetches and checks candidates until one works, and writes
 * the warnings a troubleshooter needs. Packets, leases and candidate names
 * are the other files of src/wpad; fetching is fetch.c.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "os/os.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

/*
 * Order and timers:
 *   1. Lease files are read first (local, instant); a lease's server
 *      identifier becomes a unicast INFORM target for its interface.
 *   2. DHCPINFORM on every interface (one thread, --dhcp-timeout) and one
 *      lookup per wpad.<suffix> candidate (one thread each, the resolver's
 *      timeout) run concurrently: nothing found costs max(DHCP, DNS), not
 *      their sum. The trace still lists DHCP, leases, then DNS names most
 *      specific first.
 *   3. Candidate URLs in priority order: DHCP answers (interface order),
 *      lease values, then DNS names most specific first, each as
 *      http://wpad.<suffix>/wpad.dat pinned to the address DNS returned.
 *      --order dns,dhcp swaps the first and the last group.
 *   4. Each candidate is fetched (HTTP 200, size limit, no proxy) and
 *      compiled; any failure moves on to the next one, as Chromium's
 *      PacFileDecider does (IE would stop at a broken DHCP answer: warned).
 *   5. --no-fetch decides on the first candidate without fetching.
 *   6. Where the system has a WPAD detector of its own (Windows), it runs
 *      on its own thread meanwhile and is compared at the end (osview.c).
 */

#define DEFAULT_DHCP_MS 2000u
#define DEFAULT_DNS_MS 2000u
#define MAX_CANDS 32

typedef struct cand_url {
  char *url;
  pp_wpad_method_t method;
  char *via; /* "dhcp eth0", "lease FILE", "dns wpad.x" */
  char *pin; /* curl resolve entry, or NULL */
} cand_url_t;

typedef struct dns_job {
  pthread_t thread;
  bool started;
  pp_resolver_t *resolver;
  const pp_wpad_cand_t *cand;
  pp_wpad_lookup_t result;
} dns_job_t;

typedef struct run {
  const pp_discover_opts_t *o;
  pp_discovery_t *d;
  pp_wpad_iface_t *ifs;
  size_t nifs;
  pp_discovery_t dhcp; /* written only by the DHCP thread */
  pp_status_t dhcp_st;
  char **domains;
  const char **origins;
  size_t ndomains;
  pp_wpad_cand_t *cands;
  size_t ncands;
  dns_job_t *jobs;
  cand_url_t *urls;
  size_t nurls;
  char *org; /* registrable domain of the host / first domain */
  pp_wpad_os_job_t *os; /* the system's own detector (osview.c) */
} run_t;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static bool add_url(run_t *r, const char *url, pp_wpad_method_t m, const char *via, const char *pin) {
  for (size_t i = 0; i < r->nurls; i++)
    if (!strcmp(r->urls[i].url, url) && r->urls[i].method == m) return true;
  cand_url_t *v = realloc(r->urls, (r->nurls + 1) * sizeof(*v));
  if (!v) return false;
  r->urls = v;
  cand_url_t *c = &v[r->nurls++];
  c->method = m;
  c->url = strdup(url);
  c->via = strdup(via);
  c->pin = pin ? strdup(pin) : NULL;
  return c->url && c->via && (!pin || c->pin);
}

/* A WPAD answer comes from whoever is on the network, so it may only name
 * an http(s) PAC, as Chromium's PAC fetcher allows: a file: URL would make
 * the client read a local file, other schemes speak other protocols. The
 * URL is not fetched and the answer is flagged (docs/security.md). */
static bool offer_url(run_t *r, const char *url, pp_wpad_method_t m, const char *via) {
  if (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8)) return add_url(r, url, m, via, NULL);
  return pp_wpad_warn(r->d, "scheme-refused", "%s offered %s: not fetched, a WPAD answer may only name an "
                      "http:// or https:// PAC%s", via, url,
                      strncasecmp(url, "file:", 5) ? "" : " (a file: URL would make the client read a local file)");
}

/* ---- leases --------------------------------------------------------------- */

static void lease_unicast(run_t *r, const pp_lease_t *l, const char *found_for) {
  struct in_addr a;
  if (!l->server_id || inet_pton(AF_INET, l->server_id, &a) != 1) return;
  for (size_t i = 0; i < r->nifs; i++) {
    bool mine = (l->interface && !strcmp(l->interface, r->ifs[i].name)) ||
                (found_for && !strcmp(found_for, r->ifs[i].name)) || (!l->interface && r->nifs == 1);
    if (!mine) continue;
    r->ifs[i].has_server = true;
    memcpy(r->ifs[i].server, &a, 4);
  }
}

static pp_status_t read_lease(run_t *r, const char *path, const char *found_for) {
  char err[512], removed[64] = "", *text = NULL;
  size_t len = 0;
  pp_lease_t l;
  memset(&l, 0, sizeof(l));
  pp_status_t st = pp_pac_read(path, 1024 * 1024, 0, &text, &len, err, sizeof(err));
  if (st == PP_OK) st = pp_wpad_lease_parse(text, len, path, &l, err, sizeof(err));
  free(text);
  if (st == PP_ENOMEM) return st;
  const char *result = st != PP_OK ? (len ? "malformed" : "unreadable") : l.has_252 ? "url" : "no-option-252";
  pp_wpad_attempt_t *a = pp_wpad_trace_add(r->d, PP_WPAD_LEASE, path, st == PP_OK ? l.kind : NULL, result);
  bool ok = a != NULL;
  if (ok && st != PP_OK) ok = pp_wpad_set(&a->detail, "%s", err);
  if (ok && l.server_id) ok = (a->server = strdup(l.server_id)) != NULL;
  if (ok && l.has_252) ok = pp_dhcp_clean_252(l.v252, l.v252_len, &a->answer, removed, sizeof(removed)) == PP_OK;
  if (ok && st == PP_OK && !l.has_252 && !strcmp(l.kind, "NetworkManager"))
    ok = pp_wpad_set(&a->detail, "NetworkManager's internal client keeps option 252 in memory only: "
                     "nmcli -f DHCP4 device show IF (look for 'wpad =')");
  else if (ok && st == PP_OK && !l.has_252 && !strcmp(l.kind, "systemd-networkd"))
    ok = pp_wpad_set(&a->detail, "no OPTION_252: networkd asks for 252 only with RequestOptions=252 "
                     "(or Anonymize=yes) in [DHCPv4]");
  if (ok && a->answer && *removed) ok = pp_wpad_set(&a->detail, "value had a %s", removed);
  if (ok && a->answer) {
    char via[1100];
    snprintf(via, sizeof(via), "lease %s", path);
    ok = offer_url(r, a->answer, PP_WPAD_LEASE, via);
  }
  if (st == PP_OK) lease_unicast(r, &l, found_for);
  pp_wpad_lease_clear(&l);
  return ok ? PP_OK : PP_ENOMEM;
}

static pp_status_t read_leases(run_t *r) {
  const pp_discover_opts_t *o = r->o;
  pp_status_t st = PP_OK;
  for (size_t i = 0; st == PP_OK && i < o->nlease_files; i++) st = read_lease(r, o->lease_files[i], NULL);
  for (size_t i = 0; st == PP_OK && !o->nlease_files && i < r->nifs; i++) {
    char **paths = NULL;
    size_t n = 0;
    if (!pp_wpad_lease_find(r->ifs[i].name, r->ifs[i].index, &paths, &n)) st = PP_ENOMEM;
    for (size_t k = 0; st == PP_OK && k < n; k++) st = read_lease(r, paths[k], r->ifs[i].name);
    pp_strlist_free(paths, n);
  }
  return st;
}

/* ---- the concurrent part ------------------------------------------------------ */

static void *dhcp_thread(void *arg) {
  run_t *r = arg;
  unsigned ms = r->o->dhcp_timeout_ms ? r->o->dhcp_timeout_ms : DEFAULT_DHCP_MS;
  r->dhcp_st = pp_wpad_dhcp_run(r->ifs, r->nifs, ms, &r->dhcp);
  return NULL;
}

static void *dns_thread(void *arg) {
  dns_job_t *j = arg;
  pp_wpad_dns_lookup(j->resolver, j->cand, &j->result);
  return NULL;
}

static void run_concurrently(run_t *r, bool dhcp) {
  pthread_t dt;
  bool dhcp_started = dhcp && pthread_create(&dt, NULL, dhcp_thread, r) == 0;
  for (size_t i = 0; i < r->ncands; i++) {
    dns_job_t *j = &r->jobs[i];
    j->resolver = r->o->resolver;
    j->cand = &r->cands[i];
    j->started = pthread_create(&j->thread, NULL, dns_thread, j) == 0;
  }
  if (dhcp && !dhcp_started) dhcp_thread(r);
  for (size_t i = 0; i < r->ncands; i++) {
    if (r->jobs[i].started) pthread_join(r->jobs[i].thread, NULL);
    else dns_thread(&r->jobs[i]);
  }
  if (dhcp_started) pthread_join(dt, NULL);
}

/* ---- merging the results -------------------------------------------------------- */

static pp_status_t merge_dhcp(run_t *r) {
  pp_discovery_t *s = &r->dhcp, *d = r->d;
  if (r->dhcp_st != PP_OK) return r->dhcp_st;
  for (size_t i = 0; i < s->nattempts; i++) {
    pp_wpad_attempt_t *v = realloc(d->attempts, (d->nattempts + 1) * sizeof(*v));
    if (!v) return PP_ENOMEM;
    d->attempts = v;
    v[d->nattempts++] = s->attempts[i];
    memset(&s->attempts[i], 0, sizeof(s->attempts[i]));
  }
  for (size_t i = 0; i < s->nwarnings; i++)
    if (!pp_wpad_warn(d, s->warnings[i].code, "%s", s->warnings[i].message)) return PP_ENOMEM;
  return PP_OK;
}

/* Two servers (option 54) that gave different 252 values: a rogue server
 * on the segment, or two that disagree (§7.3). */
static bool check_conflict(run_t *r) {
  const pp_discovery_t *d = r->d;
  for (size_t i = 0; i < d->nattempts; i++)
    for (size_t k = i + 1; k < d->nattempts; k++) {
      const pp_wpad_attempt_t *a = &d->attempts[i], *b = &d->attempts[k];
      if (a->method != PP_WPAD_DHCP || b->method != PP_WPAD_DHCP || !a->answer || !b->answer) continue;
      if (!strcmp(a->answer, b->answer)) continue;
      return pp_wpad_warn(r->d, "dhcp-conflict",
                          "DHCP servers disagree: %s (server %s on %s) and %s (server %s on %s); "
                          "clients take whichever answers first", a->answer, a->server ? a->server : "?",
                          a->asked, b->answer, b->server ? b->server : "?", b->asked);
    }
  return true;
}

static bool dhcp_urls(run_t *r) {
  for (size_t i = 0; i < r->d->nattempts; i++) {
    const pp_wpad_attempt_t *a = &r->d->attempts[i];
    if (a->method != PP_WPAD_DHCP || !a->answer) continue;
    char via[200];
    snprintf(via, sizeof(via), "dhcp %s%s%s", a->asked, a->server ? " server " : "", a->server ? a->server : "");
    if (!offer_url(r, a->answer, PP_WPAD_DHCP, via)) return false;
  }
  return true;
}

/* Addresses a PAC on the local network should never come from (§7.1). */
static bool is_public_addr(const char *s) {
  unsigned char a[16];
  if (inet_pton(AF_INET, s, a) == 1)
    return !(a[0] == 10 || a[0] == 127 || (a[0] == 172 && (a[1] & 0xf0) == 16) ||
             (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254) ||
             (a[0] == 100 && (a[1] & 0xc0) == 64) || a[0] == 0);
  if (inet_pton(AF_INET6, s, a) == 1) return (a[0] & 0xe0) == 0x20; /* 2000::/3 */
  return false;
}

static bool private_network(const run_t *r) {
  for (size_t i = 0; i < r->nifs; i++) {
    char s[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, r->ifs[i].addr, s, sizeof(s));
    if (!is_public_addr(s)) return true;
  }
  return false;
}

static bool dns_warnings(run_t *r, const pp_wpad_cand_t *c, const pp_wpad_lookup_t *l, bool priv) {
  char *reg = pp_wpad_dns_registrable(c->suffix);
  bool ok = true;
  if (r->org && reg && strcmp(reg, r->org))
    ok = pp_wpad_warn(r->d, "outside-organisation", "%s%s answers from %s, outside this host's organisation %s",
                      c->name, c->devolved ? " (devolved)" : "", reg, r->org);
  free(reg);
  for (size_t i = 0; ok && priv && i < l->answer.naddrs; i++)
    if (is_public_addr(l->answer.addrs[i]))
      ok = pp_wpad_warn(r->d, "public-address", "%s resolves to the public address %s from a private network",
                        c->name, l->answer.addrs[i]);
  if (ok && l->wildcard)
    ok = pp_wpad_warn(r->d, "wildcard", "%s exists only as a wildcard: any name under %s resolves", c->name,
                      c->suffix);
  return ok;
}

static bool dns_pin(const pp_wpad_lookup_t *l, const char *name, pp_str_t *pin) {
  pp_str_printf(pin, "%s:80:", name);
  for (size_t i = 0; i < l->answer.naddrs; i++)
    pp_str_printf(pin, strchr(l->answer.addrs[i], ':') ? "%s[%s]" : "%s%s", i ? "," : "", l->answer.addrs[i]);
  return !pin->oom;
}

static bool merge_dns(run_t *r) {
  bool priv = private_network(r);
  for (size_t i = 0; i < r->ncands; i++) {
    const pp_wpad_cand_t *c = &r->cands[i];
    pp_wpad_lookup_t *l = &r->jobs[i].result;
    const char *res = l->status == PP_OK ? "found" : l->status == PP_ENOTFOUND ? "not-found" : "error";
    pp_wpad_attempt_t *a = pp_wpad_trace_add(r->d, PP_WPAD_DNS, c->name, NULL, res);
    pp_str_t addrs = PP_STR_INIT, pin = PP_STR_INIT;
    if (!a) return false;
    a->ms = l->answer.ms;
    for (size_t k = 0; k < l->answer.naddrs; k++) pp_str_printf(&addrs, "%s%s", k ? ", " : "", l->answer.addrs[k]);
    a->answer = addrs.s;
    bool ok = !addrs.oom;
    ok = ok && pp_wpad_set(&a->detail, "%s from %s%s%s", c->devolved ? "devolved" : "configured", c->origin,
                           l->status == PP_EDNS ? ": " : "", l->status == PP_EDNS ? pp_strerror(l->status) : "");
    if (ok && l->status == PP_OK) {
      char url[320], via[300];
      snprintf(url, sizeof(url), "http://%s/wpad.dat", c->name);
      snprintf(via, sizeof(via), "dns %s", c->name);
      ok = dns_warnings(r, c, l, priv) && dns_pin(l, c->name, &pin) && add_url(r, url, PP_WPAD_DNS, via, pin.s);
    }
    pp_str_free(&pin);
    if (!ok) return false;
  }
  return true;
}

/* ---- fetching and deciding ---------------------------------------------------------- */

/* The PAC is decoded as Chromium decodes a download (the response's
 * charset, a BOM, else ISO-8859-1; src/pac/decode.c) before it is tried. */
static const char *check_pac(const pp_discover_opts_t *o, const char *text, size_t len, const char *url,
                             const char *content_type, char *err, size_t errlen) {
  pp_engine_opts_t eo;
  pp_engine_opts_init(&eo);
  eo.resolver = o->resolver;
  char *charset = pp_pac_charset_param(content_type), *decoded = NULL;
  size_t dlen = 0;
  const char *how;
  pp_status_t st = pp_pac_decode(text, len, charset, eo.emulate, &decoded, &dlen, &how, err, errlen);
  free(charset);
  if (st != PP_OK) return st == PP_ENOMEM ? "oom" : "syntax-error";
  pp_engine_t *e = pp_engine_new(&eo);
  if (!e) {
    free(decoded);
    return "oom";
  }
  st = pp_engine_load(e, decoded, dlen, url);
  free(decoded);
  pp_set_err(err, errlen, "%s", pp_engine_error(e));
  pp_engine_free(e);
  switch (st) {
  case PP_OK: return "ok";
  case PP_ESYNTAX: return "syntax-error";
  case PP_ENOFUNC: return "no-function";
  case PP_ENOMEM: return "oom";
  default: return "script-error";
  }
}

static pp_status_t try_one(run_t *r, const cand_url_t *c, char **text, size_t *len) {
  char err[1024] = "";
  pp_wpad_attempt_t *a = pp_wpad_trace_add(r->d, PP_WPAD_FETCH, c->url, c->via, NULL);
  if (!a) return PP_ENOMEM;
  const char *pins[1] = {c->pin};
  pp_status_t st = pp_pac_fetch(c->url, r->o->max_bytes, r->o->fetch_timeout_ms, pins, c->pin ? 1 : 0,
                                &a->fetch, text, len, err, sizeof(err));
  const char *res = a->fetch.code;
  /* what the answer means for each client, whatever the verdict here */
  if (a->fetch.http_status &&
      pp_pac_hosting_check(c->url, &a->fetch, st == PP_OK ? *text : NULL, st == PP_OK ? *len : 0,
                           &a->hosting, &a->nhosting) != PP_OK)
    return PP_ENOMEM;
  if (st == PP_OK) res = check_pac(r->o, *text, *len, c->url, a->fetch.content_type, err, sizeof(err));
  a->ms = a->fetch.ms;
  bool ok = pp_wpad_set(&a->result, "%s", res) &&
            (!a->fetch.effective_url || (a->answer = strdup(a->fetch.effective_url)));
  if (ok && *err) ok = pp_wpad_set(&a->detail, "%s", err);
  if (ok && (!strcmp(res, "syntax-error") || !strcmp(res, "no-function")))
    ok = pp_wpad_warn(r->d, "pac-invalid", "%s (%s) is not a usable PAC: %s", c->url, c->via, err);
  if (!ok || !strcmp(res, "oom")) return PP_ENOMEM;
  return strcmp(res, "ok") ? PP_EFETCH : PP_OK;
}

static bool decide(run_t *r, const cand_url_t *c, char *text, size_t len) {
  pp_discovery_t *d = r->d;
  d->pac = text;
  d->pac_len = len;
  d->pac_url = strdup(c->url);
  d->decided_by = strdup(pp_wpad_method_name(c->method));
  return d->pac_url && d->decided_by;
}

static bool final_warnings(run_t *r, const cand_url_t *won) {
  pp_discovery_t *d = r->d; /* the Content-Type is a hosting finding of the fetch */
  if (won->method == PP_WPAD_DNS) {
    for (size_t i = 0; i < r->nurls && &r->urls[i] != won; i++)
      if (r->urls[i].method != PP_WPAD_DNS &&
          !pp_wpad_warn(d, "dhcp-failed-fallback", "%s offered %s, which failed; Chromium falls back to DNS "
                        "as here, Internet Explorer (WinINet) would stop at the DHCP answer",
                        r->urls[i].via, r->urls[i].url))
        return false;
  }
  const char *host = strncmp(won->url, "http://", 7) ? NULL : won->url + 7;
  char hostbuf[256];
  if (host && r->org) {
    snprintf(hostbuf, sizeof(hostbuf), "%.*s", (int)strcspn(host, ":/?#"), host);
    char *reg = pp_wpad_dns_registrable(hostbuf);
    bool foreign = reg && strcmp(reg, r->org);
    free(reg);
    if (foreign && !pp_wpad_warn(d, "plain-http", "the PAC comes over plain HTTP from %s, outside %s: "
                                 "anyone on the path can rewrite it", hostbuf, r->org))
      return false;
  }
  return true;
}

static pp_status_t fetch_in_order(run_t *r) {
  for (size_t i = 0; i < r->nurls; i++) {
    const cand_url_t *c = &r->urls[i];
    char *text = NULL;
    size_t len = 0;
    if (r->o->no_fetch) {
      pp_wpad_attempt_t *a = pp_wpad_trace_add(r->d, PP_WPAD_FETCH, c->url, c->via, "not-fetched");
      if (!a || !pp_wpad_set(&a->detail, "--no-fetch")) return PP_ENOMEM;
      return decide(r, c, NULL, 0) ? PP_OK : PP_ENOMEM;
    }
    pp_status_t st = try_one(r, c, &text, &len);
    if (st == PP_ENOMEM) {
      free(text);
      return st;
    }
    if (st == PP_OK) return decide(r, c, text, len) && final_warnings(r, c) ? PP_OK : PP_ENOMEM;
    free(text);
  }
  return PP_OK;
}

/* ---- setup ------------------------------------------------------------------------------- */

static pp_status_t fail(pp_discovery_t *d, pp_status_t st, const char *msg) {
  free(d->error);
  d->error = strdup(st == PP_ENOMEM ? "out of memory" : msg);
  return st;
}

/* The organisation's registrable domain (Advisory 971888's boundary): the
 * host's FQDN when it has a domain part, else the first domain tried. */
static char *organisation(const pp_discover_opts_t *o, const run_t *r) {
  char host[256] = "";
  if (o->hostname) snprintf(host, sizeof(host), "%s", o->hostname);
  else if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  const char *dot = strchr(host, '.');
  return pp_wpad_dns_registrable(dot ? dot + 1 : r->ndomains ? r->domains[0] : "");
}

/* The Windows DNS client's suffixes as the run's domains (the organisation
 * boundary is the primary suffix's, else the first one's). */
static bool wc_domains(run_t *r, const pp_wpad_dnsclient_t *wc) {
  bool ok = true;
  const char *first = wc->primary ? wc->primary : wc->nsearch ? wc->search[0] : wc->nconn ? wc->conn[0] : NULL;
  if (first) {
    const char **org = realloc(r->origins, sizeof(*org));
    size_t n = 0;
    ok = org && pp_strlist_push(&r->domains, &n, first);
    if (org) r->origins = org, org[0] = "DNS client";
    if (ok) r->ndomains = 1;
  }
  return ok;
}

static pp_status_t setup_dns(run_t *r) {
  const pp_discover_opts_t *o = r->o;
  bool ok = true;
  for (size_t i = 0; ok && i < o->ndomains; i++) {
    const char *dom = o->domains[i];
    if (!*dom || strspn(dom, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") != strlen(dom))
      return fail(r->d, PP_EINVAL, "--domain: expected a DNS domain (letters, digits, '-', '.')");
    const char **org = realloc(r->origins, (r->ndomains + 1) * sizeof(*org));
    if (!org) return PP_ENOMEM;
    r->origins = org;
    org[r->ndomains] = "--domain";
    size_t n = r->ndomains;
    ok = pp_strlist_push(&r->domains, &n, dom);
    if (ok) pp_ascii_lower(r->domains[r->ndomains++]);
  }
  pp_wpad_dnsclient_t wc;
  pp_status_t st = o->ndomains ? PP_EPLATFORM : pp_wpad_dnsclient_read(&wc);
  if (st == PP_ENOMEM) return st;
  bool win = st == PP_OK;
  if (win) { /* Windows: its DNS client's suffixes and devolution */
    ok = wc_domains(r, &wc);
    st = ok ? pp_wpad_dns_candidates_win(&wc, o->devolution_level, r->d, &r->cands, &r->ncands) : PP_ENOMEM;
    pp_wpad_dnsclient_clear(&wc);
    if (st != PP_OK) return st;
  }
  if (ok && !o->ndomains && !win)
    ok = pp_wpad_dns_domains(o->resolv_conf, o->hostname, &r->domains, &r->origins, &r->ndomains);
  if (!ok) return PP_ENOMEM;
  r->org = organisation(o, r);
  if (!win)
    st = pp_wpad_dns_candidates(r->domains, r->origins, r->ndomains, o->devolution_level, r->d, &r->cands,
                                &r->ncands);
  if (st != PP_OK) return st;
  if (r->ncands > MAX_CANDS) { /* a search list that long is a configuration error anyway */
    for (size_t i = MAX_CANDS; i < r->ncands; i++)
      free(r->cands[i].suffix), free(r->cands[i].name), free(r->cands[i].origin);
    r->ncands = MAX_CANDS;
  }
  r->jobs = calloc(r->ncands + 1, sizeof(*r->jobs));
  return r->jobs ? PP_OK : PP_ENOMEM;
}

static pp_status_t setup(run_t *r) {
  const pp_discover_opts_t *o = r->o;
  char err[300];
  if (!o->resolver) return fail(r->d, PP_EINVAL, "no resolver");
  pp_resolver_set_timeout(o->resolver, o->dns_timeout_ms ? o->dns_timeout_ms : DEFAULT_DNS_MS);
  pp_status_t st = PP_OK; /* interfaces matter to DHCP and leases only */
  if (!o->no_dhcp || o->ninterfaces)
    st = pp_wpad_dhcp_interfaces(o->interfaces, o->ninterfaces, &r->ifs, &r->nifs, err, sizeof(err));
  if (st != PP_OK) return fail(r->d, st, err);
  if (!o->no_dhcp && (st = read_leases(r)) != PP_OK) return st;
  if (!o->no_dns && (st = setup_dns(r)) != PP_OK) return st;
  return PP_OK;
}

/* The first nlease attempts (leases, read before DHCP ran) move behind the
 * DHCP ones so the trace reads DHCP, leases, DNS. */
static pp_status_t leases_after_dhcp(pp_discovery_t *d, size_t nlease) {
  size_t ndhcp = d->nattempts - nlease;
  if (!nlease || !ndhcp) return PP_OK;
  pp_wpad_attempt_t *tmp = malloc(nlease * sizeof(*tmp));
  if (!tmp) return PP_ENOMEM;
  memcpy(tmp, d->attempts, nlease * sizeof(*tmp));
  memmove(d->attempts, d->attempts + nlease, ndhcp * sizeof(*tmp));
  memcpy(d->attempts + ndhcp, tmp, nlease * sizeof(*tmp));
  free(tmp);
  return PP_OK;
}

static pp_status_t run_all(run_t *r) {
  pp_status_t st = setup(r);
  if (st != PP_OK) return st;
  bool dhcp = !r->o->no_dhcp && r->nifs > 0;
  if (!r->o->no_dhcp && !r->nifs && !pp_wpad_trace_add(r->d, PP_WPAD_DHCP, "(none)", NULL, "no-interface"))
    return PP_ENOMEM;
  r->os = pp_wpad_os_start(!r->o->no_dhcp, !r->o->no_dns);
  run_concurrently(r, dhcp);
  /* the trace keeps its fixed order; leases were added first, DHCP goes before them */
  size_t nlease = r->d->nattempts;
  if ((st = merge_dhcp(r)) != PP_OK || (st = leases_after_dhcp(r->d, nlease)) != PP_OK) return st;
  /* lease URLs were queued while reading; DHCP answers go in front of them */
  cand_url_t *lease_urls = r->urls;
  size_t nlease_urls = r->nurls;
  r->urls = NULL;
  r->nurls = 0;
  bool ok = check_conflict(r) && dhcp_urls(r);
  for (size_t i = 0; ok && i < nlease_urls; i++)
    ok = add_url(r, lease_urls[i].url, PP_WPAD_LEASE, lease_urls[i].via, NULL);
  for (size_t i = 0; i < nlease_urls; i++) free(lease_urls[i].url), free(lease_urls[i].via), free(lease_urls[i].pin);
  free(lease_urls);
  size_t ndhcp_urls = r->nurls;
  if (!ok || !merge_dns(r)) return PP_ENOMEM;
  if (r->o->dns_first && ndhcp_urls && ndhcp_urls < r->nurls) {
    cand_url_t *v = malloc(r->nurls * sizeof(*v));
    if (!v) return PP_ENOMEM;
    size_t ndns = r->nurls - ndhcp_urls;
    memcpy(v, r->urls + ndhcp_urls, ndns * sizeof(*v));
    memcpy(v + ndns, r->urls, ndhcp_urls * sizeof(*v));
    free(r->urls);
    r->urls = v;
  }
  return fetch_in_order(r);
}

pp_status_t pp_discover(const pp_discover_opts_t *o, pp_discovery_t *out) {
  run_t r;
  memset(out, 0, sizeof(*out));
  memset(&r, 0, sizeof(r));
  r.o = o;
  r.d = out;
  double t0 = now_ms();
  pp_status_t st = run_all(&r);
  if (st == PP_ENOMEM) fail(out, st, NULL);
  out->ms = now_ms() - t0; /* pacprobe's own time; the system's is in out->os */
  pp_wpad_os_finish(r.os, out);
  free(r.ifs);
  pp_discovery_clear(&r.dhcp);
  pp_strlist_free(r.domains, r.ndomains);
  free(r.origins);
  for (size_t i = 0; r.jobs && i < r.ncands; i++) pp_dns_answer_clear(&r.jobs[i].result.answer);
  free(r.jobs);
  size_t ncands = r.ncands;
  pp_wpad_dns_cands_free(r.cands, ncands);
  for (size_t i = 0; i < r.nurls; i++) free(r.urls[i].url), free(r.urls[i].via), free(r.urls[i].pin);
  free(r.urls);
  free(r.org);
  return st;
}
