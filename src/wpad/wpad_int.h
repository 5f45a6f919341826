/* SPDX-License-Identifier: MIT */
/* Internal interfaces of src/wpad: the pure DHCP packet code (dhcp.c), the
 * DHCPINFORM client (dhcp_client.c), lease files (lease.c), DNS candidates
 * (dns.c) and the trace/warning lists the driver (discover.c) fills. Not
 * installed; only src/wpad and the unit tests include it. */
#ifndef PP_WPAD_INT_H
#define PP_WPAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pacprobe.h"
#include "util/str.h"

/* ---- dhcp.c: RFC 2131 messages, pure functions ------------------------ */

#define PP_DHCP_HEADER_LEN 240 /* fixed BOOTP fields + magic cookie */
#define PP_DHCP_MAX_LEN 1500   /* what we send and accept */
#define PP_DHCP_252_MAX 2048   /* option 252 after RFC 3396 concatenation */
#define PP_DHCP_INFORM 8
#define PP_DHCP_ACK 5
#define PP_DHCP_NAK 6

typedef struct pp_dhcp_msg {
  uint8_t op;
  uint32_t xid;
  uint8_t ciaddr[4], yiaddr[4];
  int msg_type;        /* option 53, -1 when absent */
  bool has_server_id;  /* option 54 */
  uint8_t server_id[4];
  uint8_t overload;    /* option 52: 1 file, 2 sname, 3 both; 0 none */
  bool has_252;
  uint8_t v252[PP_DHCP_252_MAX];
  size_t v252_len;
  unsigned v252_parts; /* option instances concatenated (RFC 3396) */
} pp_dhcp_msg_t;

/* Writes a DHCPINFORM (docs/wpad-discovery.md §2.2: ciaddr, options 53,
 * 61, 55 with 252, end) into out (cap >= 300). Returns its length. */
size_t pp_dhcp_build_inform(uint8_t *out, size_t cap, uint32_t xid, const uint8_t mac[6],
                            const uint8_t ciaddr[4]);

/* Parses a BOOTP/DHCP message of n bytes. PP_OK, or PP_EINVAL with the
 * reason (offsets in bytes from the start) in err: truncated header, no
 * magic cookie, an option whose length runs past its area. Never reads
 * outside p[0..n). */
pp_status_t pp_dhcp_parse(const uint8_t *p, size_t n, pp_dhcp_msg_t *m, char *err, size_t errlen);

/* Chromium's SanitizeDhcpApiString (crbug 297810): cut at the first NUL,
 * then trim trailing whitespace. *url is malloc'd (NULL on ENOMEM);
 * removed gets "" or a description such as "trailing NUL", "trailing
 * newline". */
pp_status_t pp_dhcp_clean_252(const uint8_t *v, size_t n, char **url, char *removed,
                              size_t removedlen);

/* Printable form of raw option bytes: ASCII kept, others as \xHH. Malloc'd. */
char *pp_dhcp_escape(const uint8_t *v, size_t n);

/* ---- trace lists (discover.c) ------------------------------------------ */

/* Appends an attempt (strings copied; NULL allowed). Returns the new entry
 * or NULL on ENOMEM. */
pp_wpad_attempt_t *pp_wpad_trace_add(pp_discovery_t *d, pp_wpad_method_t m, const char *asked,
                                     const char *via, const char *result);
/* Sets *field to a printf-formatted copy (freeing the old one). false on ENOMEM. */
bool pp_wpad_set(char **field, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a warning. false on ENOMEM. */
bool pp_wpad_warn(pp_discovery_t *d, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ---- lease.c ------------------------------------------------------------ */

typedef struct pp_lease {
  const char *kind;  /* "dhclient", "systemd-networkd", "NetworkManager" */
  char *interface;   /* dhclient's `interface "X";`, NULL when not named */
  char *server_id;   /* dotted quad or NULL */
  bool has_252;
  uint8_t v252[PP_DHCP_252_MAX];
  size_t v252_len;
} pp_lease_t;

/* Parses lease text (dhclient lease blocks, the last one wins; systemd-
 * networkd KEY=VALUE with OPTION_252=hex; NetworkManager's internal client,
 * which keeps only ADDRESS=). PP_EINVAL with "name:line: reason" in err. */
pp_status_t pp_wpad_lease_parse(const char *text, size_t len, const char *name, pp_lease_t *out,
                                char *err, size_t errlen);
void pp_wpad_lease_clear(pp_lease_t *l);
/* Lease files of the standard clients for interface `ifname` (index
 * ifindex): appends malloc'd paths to *paths. false on ENOMEM. */
bool pp_wpad_lease_find(const char *ifname, unsigned ifindex, char ***paths, size_t *n);

/* ---- fetch.c and its backend (curl/fetch_http.c, none/fetch_http.c) ------ */

/* Case-insensitive ASCII prefix test; prefix in lower case. */
bool pp_wpad_prefix_ci(const char *s, const char *prefix);
/* Whether url starts with http:// or https:// (any case). */
bool pp_wpad_is_http(const char *url);
/* url for messages, without "user:password@" (never print a secret). */
void pp_wpad_redact(const char *url, char *out, size_t outlen);
/* The backend: fetches url (http, https; file with libcurl) into out, never
 * through a proxy, at most max bytes, within timeout_ms; resolve pins names
 * as curl's CURLOPT_RESOLVE entries ("host:port:addr"). Fills info when
 * non-NULL (pp_pac_fetch). PP_OK, PP_ETOOBIG, PP_ENOMEM or PP_EFETCH, with
 * the one-line reason in err. */
pp_status_t pp_wpad_fetch_url(const char *url, size_t max, unsigned timeout_ms, const char *const *resolve,
                              size_t nresolve, pp_fetch_info_t *info, pp_str_t *out, char *err,
                              size_t errlen);

/* ---- dhcp_client.c (linux/, none/) -------------------------------------------------------- */

typedef struct pp_wpad_iface {
  char name[32];
  unsigned index;
  uint8_t addr[4];
  uint8_t mac[6];
  bool has_server; /* unicast target from a lease */
  uint8_t server[4];
} pp_wpad_iface_t;

/* Usable IPv4 interfaces (up, not loopback, with an address), or exactly
 * the named ones. PP_EINVAL with the reason in err for a named interface
 * that does not exist or has no IPv4 address. *out is malloc'd. */
pp_status_t pp_wpad_dhcp_interfaces(const char *const *names, size_t n, pp_wpad_iface_t **out,
                                    size_t *nout, char *err, size_t errlen);

/* Sends DHCPINFORM on every interface (broadcast, plus unicast to
 * iface.server when known) and records every reply within timeout_ms as
 * attempts in d (one per reply, or one "no-reply"). PP_OK or PP_ENOMEM. */
pp_status_t pp_wpad_dhcp_run(const pp_wpad_iface_t *ifs, size_t n, unsigned timeout_ms,
                             pp_discovery_t *d);

/* ---- osview.c and its seam (linux/osdetect.c, win/osdetect.c) ---------------- */

/* The name of the platform's own WPAD detector (static), NULL where there
 * is none (Linux). */
const char *pp_wpad_os_api(void);
/* Runs the platform's detector for the methods asked (blocking, no
 * timeout of its own) and fills v: ran, api, asked, url or error, ms.
 * Never fails: out of memory shows as an error field left NULL. */
void pp_wpad_os_detect(bool dhcp, bool dns, pp_wpad_os_view_t *v);

/* The detector on a thread of its own while discover runs. NULL when the
 * platform has none, nothing is asked, or the thread cannot start (the
 * view then stays empty: ran false). */
typedef struct pp_wpad_os_job pp_wpad_os_job_t;
pp_wpad_os_job_t *pp_wpad_os_start(bool dhcp, bool dns);
/* Waits for the job (bounded), moves its view into d->os and compares it
 * with d's trace; the job is gone afterwards. NULL is a no-op. */
void pp_wpad_os_finish(pp_wpad_os_job_t *j, pp_discovery_t *d);
/* Frees the view's strings and zeroes it. */
void pp_wpad_os_view_clear(pp_wpad_os_view_t *v);

/* ---- dns.c ---------------------------------------------------------------- */

typedef struct pp_wpad_cand {
  char *suffix;   /* "corp.example.com" */
  char *name;     /* "wpad.corp.example.com" */
  char *origin;   /* "--domain", "resolv.conf search", "hostname" */
  bool devolved;  /* a parent of the configured domain */
} pp_wpad_cand_t;

/* Domains to devolve: the given ones, else resolv.conf's search/domain list
 * and the domain part of hostname (NULL = gethostname()). Appends to
 * *domains / *origins (malloc'd strings; origins are static). */
bool pp_wpad_dns_domains(const char *resolv_conf, const char *hostname, char ***domains,
                         const char ***origins, size_t *n);

/* Devolves every domain one label at a time, most specific first, never to
 * a public suffix (libpsl) nor to fewer than `level` labels; duplicates
 * dropped. Warnings (public-suffix-stop, domain-public-suffix) go to d.
 * PP_OK or PP_ENOMEM. */
pp_status_t pp_wpad_dns_candidates(char *const *domains, const char *const *origins, size_t n,
                                   unsigned level, pp_discovery_t *d, pp_wpad_cand_t **out,
                                   size_t *nout);
void pp_wpad_dns_cands_free(pp_wpad_cand_t *c, size_t n);
/* The registrable domain of `domain` (PSL), malloc'd; NULL when none. */
char *pp_wpad_dns_registrable(const char *domain);

/* The Windows DNS client's suffix settings, as read from the system
 * (win/dnsclient.c) or built by a test. Strings malloc'd except the
 * *_from ones, which name the registry value or API they came from and are
 * static. */
typedef struct pp_wpad_dnsclient {
  char *primary;           /* primary DNS suffix, NULL when none */
  const char *primary_from;
  char **conn;             /* connection-specific suffixes, adapter order */
  char **conn_from;        /* "connection suffix of ADAPTER", one per conn */
  size_t nconn;
  char **search;           /* the suffix search list; when set, the only one */
  size_t nsearch;
  const char *search_from;
  int devolution;          /* UseDomainNameDevolution: 1 on, 0 off, -1 unset (on) */
  unsigned level;          /* DomainNameDevolutionLevel; 0 unset (2) */
} pp_wpad_dnsclient_t;
void pp_wpad_dnsclient_clear(pp_wpad_dnsclient_t *c);

/* Candidates in the order Windows appends suffixes to `wpad` (dns.c's
 * essay, docs/wpad-discovery.md §3.3): the search list alone when set;
 * else the primary suffix, the connection-specific ones, then the primary
 * suffix devolved to level_override labels when non-zero (--devolution-
 * level), else c->level, else 2, unless c->devolution is 0. pacprobe's
 * limits apply as in pp_wpad_dns_candidates. PP_OK or PP_ENOMEM. */
pp_status_t pp_wpad_dns_candidates_win(const pp_wpad_dnsclient_t *c, unsigned level_override, pp_discovery_t *d,
                                       pp_wpad_cand_t **out, size_t *nout);

/* The running system's DNS client settings (src/wpad/<platform>/
 * dnsclient.c): PP_OK on Windows (registry and adapters, policy first);
 * PP_EPLATFORM where there is none (Linux reads resolv.conf instead:
 * pp_wpad_dns_domains); PP_ENOMEM. */
pp_status_t pp_wpad_dnsclient_read(pp_wpad_dnsclient_t *c);

/* One candidate's lookup: A and AAAA for the absolute name, plus a random
 * sibling to tell a wildcard. Fills *answer (cleared by the caller). */
typedef struct pp_wpad_lookup {
  pp_status_t status;
  pp_dns_answer_t answer;
  bool wildcard;
} pp_wpad_lookup_t;
void pp_wpad_dns_lookup(pp_resolver_t *r, const pp_wpad_cand_t *c, pp_wpad_lookup_t *out);

#endif
