/* SPDX-License-Identifier: MIT */
/*
 * Route checks (src/route): attempts, results, profiles, service tags, Microsoft 365 endpoints.
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_ROUTE_ROUTE_H
#define PP_ROUTE_ROUTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"
#include "pac/result.h"
#include "dns/dns.h"

/* ---- route checks (src/route) ------------------------------------------ */
/* DESIGN §1.7, issue 8: each target's routes tried for real with libcurl,
 * failing over like a browser; timings, errors, proxy authentication, the
 * server's certificate chain and an interception verdict per attempt. */

typedef struct pp_cert_info {
  char *subject;   /* RFC 2253 */
  char *issuer;    /* RFC 2253 */
  char *not_after; /* ISO 8601 UTC, "2026-08-25T23:59:59Z" */
  char *sha256;    /* lowercase hex of the DER */
} pp_cert_info_t;

typedef struct pp_attempt {
  char *route;            /* "PROXY p2:8080", "DIRECT" */
  bool ok;                /* this route delivered an accepted answer */
  long status;            /* last HTTP status received (CONNECT or origin), 0 none */
  const char *error_code; /* static: dns, refused, reset, timeout, proxy-dns, socks,
                             proxy-auth, proxy-denied, proxy-tls, tls, http; NULL when ok */
  char *error_message;    /* one line; NULL when ok */
  bool auth_required;     /* the proxy answered 407 (or SOCKS asked for a password) */
  char **auth_offered;    /* "Basic", "Digest", "NTLM", "Negotiate" in offer order */
  size_t nauth_offered;
  const char *auth_used;  /* static scheme name when credentials got through, or NULL */
  /* Proxy credentials for this route (docs/security.md "Proxy credentials"):
   * NULL = none were given for any proxy, or a DIRECT route; "allowed" = the
   * route's proxy was named by the user and may be answered with them;
   * "withheld" = it was not, or it is SOCKS without socks_auth. */
  const char *cred_state;
  const char *cred_user;  /* the user name offered ("allowed"), or NULL */
  const char *cred_named_by; /* who named the proxy ("--proxy", ...), or NULL */
  const char *cred_note;  /* static: why withheld, or the schemes held back
                             (Basic on plain HTTP); NULL when nothing was */
  /* Cumulative ms from the start of the attempt; < 0 when the phase did not happen. */
  double dns_ms, connect_ms, tls_ms, first_byte_ms, total_ms;
  bool tls;               /* the origin's chain was seen (https; never an HTTPS proxy's) */
  pp_cert_info_t *chain;  /* leaf first, as sent */
  size_t nchain;
  bool verified;          /* the chain builds to a trusted root (system + cacert) */
  bool intercepted;
  char *tls_reason;       /* why intercepted / not verified; NULL otherwise */
  bool failover;          /* a browser would try the next entry after this failure */
  /* The proxy's own reason for refusing (route/reason.c): product ("squid",
   * "Zscaler", "Forcepoint", "Blue Coat/Symantec", "Palo Alto Networks", ""
   * for an unknown page) and one printable-ASCII line; NULL when none. */
  const char *proxy_product;
  char *proxy_reason;
  /* The names on the wire (issue 17): for the name this attempt resolved (the
   * target for DIRECT and SOCKS4, else the proxy), the names a DNS server's
   * answer went through: that name alone when it is no alias, else the whole
   * CNAME chain, canonical name last (pp_dns_answer_t.cnames). 0 when no DNS
   * server answered (IP literal, --resolve, --hosts, a failed lookup). */
  char **dns_chain;
  size_t ndns_chain;
} pp_attempt_t;

typedef struct pp_check_target {
  const char *url;
  const pp_route_t *routes; /* in PAC order */
  size_t nroutes;
  const long *accept;       /* accepted statuses as pairs [lo, hi]; NULL = 200..399 */
  size_t naccept;           /* number of pairs */
  bool head;                /* HEAD instead of GET */
  const char *const *issuers; /* expected issuer substrings (profile); NULL/0 = any trusted */
  size_t nissuers;
  bool intercept_tolerated; /* an unexpected issuer that verifies is not a failure */
} pp_check_target_t;

/* Routes tried per target at most (README "check", docs/json.md): a browser
 * tries the next PAC entry only after the previous one failed, each dead
 * entry costing up to --connect-timeout, so a request that has not
 * connected after this many entries has failed for its user anyway. */
#define PP_CHECK_MAX_ROUTES 16

typedef struct pp_check_result {
  pp_attempt_t *attempts; /* in the order tried */
  size_t nattempts;
  int decided;            /* index of the attempt that decided the verdict, -1 none */
  const char *verdict;    /* static: ok, unreachable, intercepted, auth-required,
                             dns-failed, blocked, http-error */
  size_t untried;         /* PAC entries left untried although failover would go on */
  bool untried_deadline;  /* why: the target's --max-time ran out (else PP_CHECK_MAX_ROUTES) */
} pp_check_result_t;

/* Credentials for one proxy the user named (docs/security.md "Proxy
 * credentials"). A route gets the first entry whose host matches its proxy
 * host (ASCII case-insensitive, IPv6 without brackets) and whose port is 0
 * or the route's port; a route that matches none gets no credentials. */
typedef struct pp_proxy_cred {
  const char *host;
  int port;              /* 0 = any port of host */
  const char *user;
  const char *password;  /* not copied; the caller clears it after the run */
  const char *named_by;  /* "--proxy", "--proxy-user", "--proxy-auth-host", "env http_proxy" */
} pp_proxy_cred_t;

/* What pp_check_run did with its limits (issue 15 item 11), for the report. */
typedef struct pp_check_stats {
  unsigned parallel_asked; /* opts->parallel (or its default) */
  unsigned parallel;       /* targets in flight at most after the open-file limit */
  long fd_limit;           /* RLIMIT_NOFILE soft limit, -1 = none or unknown */
  unsigned fd_retries;     /* attempts put back after EMFILE/ENFILE and run later */
} pp_check_stats_t;

typedef struct pp_check_opts {
  pp_resolver_t *resolver;      /* required: names curl connects to are resolved here */
  unsigned connect_timeout_ms;  /* 0 = 5000 */
  unsigned max_time_ms;         /* 0 = 15000: a whole target, all its attempts */
  unsigned parallel;            /* targets in flight; 0 = 16 */
  const char *cacert;           /* extra trusted CAs (PEM file) or NULL */
  const pp_proxy_cred_t *creds; /* proxies that may get credentials; NULL/0 = none */
  size_t ncreds;
  bool creds_given;             /* the user gave credentials (even if ncreds is 0):
                                   attempts then say which proxies were refused them */
  bool basic_plain_ok;          /* Basic may answer a plain-HTTP PROXY (clear text) */
  bool socks_auth_ok;           /* a named SOCKS proxy may get user/password */
  pp_check_stats_t *stats;      /* filled by pp_check_run when not NULL */
  bool all_routes;              /* try every entry, not only until one works */
  bool compare_direct;          /* also fetch https targets decided through a proxy
                                   DIRECT: a different leaf certificate there means
                                   the proxy intercepts (even with a trusted chain) */
} pp_check_opts_t;

void pp_check_opts_init(pp_check_opts_t *o);
/* Runs every target (out[i] for t[i], zero-initialised by the caller).
 * Sets the resolver's timeout to connect_timeout_ms (DNS is part of the
 * connection budget). PP_OK, PP_EINVAL (no resolver) or PP_ENOMEM. */
pp_status_t pp_check_run(const pp_check_opts_t *o, const pp_check_target_t *t, size_t n,
                         pp_check_result_t *out);
void pp_check_result_clear(pp_check_result_t *r);

/* Target profiles (docs/targets.md): data files listing required URLs. */
typedef struct pp_profile_target {
  char *url;
  long *accept;    /* [lo, hi] pairs */
  size_t naccept;
  bool head;
  char **issuers;
  size_t nissuers;
  bool intercept_tolerated;
  bool advisory;
} pp_profile_target_t;

typedef struct pp_profile {
  char *name;
  char *description;
  char *intercept_note; /* why interception fails this profile, or NULL */
  bool needs_workspace;
  pp_profile_target_t *targets;
  size_t ntargets;
} pp_profile_t;

/* Parses a profile (text, len bytes; `name` used in errors), replacing
 * {workspace} with `workspace` (validated: a DNS label prefix). PP_EINVAL
 * with "name:line: reason" in err, PP_ENOMEM. Clear with pp_profile_clear. */
pp_status_t pp_profile_parse(const char *text, size_t len, const char *name,
                             const char *workspace, pp_profile_t *out, char *err, size_t errlen);
void pp_profile_clear(pp_profile_t *p);
/* true when `name` is a usable MDI workspace name; else a reason in err. */
bool pp_workspace_valid(const char *name, char *err, size_t errlen);

/* Azure Service Tags (docs/mdi-connectivity.md §5): the prefixes of one tag. */
typedef struct pp_service_tag pp_service_tag_t;
/* Loads tag `tag` from a ServiceTags JSON file. PP_EIO, PP_ETOOBIG, PP_EINVAL
 * (bad JSON, unknown tag) with a reason in err. */
pp_status_t pp_service_tag_load(const char *path, const char *tag, pp_service_tag_t **out,
                                char *err, size_t errlen);
/* true when the numeric address lies in one of the tag's prefixes. */
bool pp_service_tag_contains(const pp_service_tag_t *t, const char *addr);
size_t pp_service_tag_nprefixes(const pp_service_tag_t *t);
void pp_service_tag_free(pp_service_tag_t *t);

/* ---- Microsoft 365 endpoints (src/route/endpoints.c) -------------------- */
/* The endpoints/<Instance> web-service JSON (docs/endpoints.md): endpoint
 * sets with serviceArea, urls (wildcards), tcpPorts, category, required. */

typedef enum pp_ep_category { PP_EP_OPTIMIZE, PP_EP_ALLOW, PP_EP_DEFAULT } pp_ep_category_t;

typedef struct pp_endpoint {
  long id;             /* the endpoint set's id */
  char *service_area;  /* "Exchange", "SharePoint", "Skype", "Common", ... */
  pp_ep_category_t category;
  bool required;
  char *pattern;       /* the urls entry as listed: "*.protection.outlook.com" */
  char *url;           /* the concrete URL tried: every '*' replaced by the label */
} pp_endpoint_t;

typedef struct pp_endpoints {
  pp_endpoint_t *v;    /* one per (set, urls entry), in file order */
  size_t n;
  char **problems;     /* "FILE: endpoint set 4 (id 12): reason", the set skipped */
  size_t nproblems;
  size_t ip_only;      /* sets without urls (IP ranges only): nothing to test by name */
} pp_endpoints_t;

#define PP_ENDPOINTS_MAX 10000 /* URLs kept from one file */

/* Parses the JSON text (name for messages); `label` replaces each '*' (a
 * DNS label: letters, digits, '-'). PP_EINVAL with "NAME:LINE:COL: reason"
 * in err for a file that is not an array of endpoint sets; a bad set is a
 * problem in out->problems and the others are kept. PP_ENOMEM. */
pp_status_t pp_endpoints_parse(const char *text, size_t len, const char *name, const char *label,
                               pp_endpoints_t *out, char *err, size_t errlen);
void pp_endpoints_clear(pp_endpoints_t *e);
const char *pp_ep_category_name(pp_ep_category_t c); /* "Optimize", "Allow", "Default" */

#endif
