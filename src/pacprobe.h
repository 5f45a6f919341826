/* SPDX-License-Identifier: MIT */
/*
 * pacprobe.h: the one public header of libpacprobe.
 *
 * The library holds all logic; the `pacprobe` program is a thin layer over
 * this API. Nothing here prints: diagnostics come back as status codes plus a
 * message kept on the handle that failed, alert() text through a callback.
 * Contracts: DESIGN.md §1.1-1.2 (options, eval output), §2 (architecture).
 */
#ifndef PACPROBE_H
#define PACPROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PP_VERSION "0.1.0"

/* ---- status ------------------------------------------------------------ */

typedef enum pp_status {
  PP_OK = 0,
  PP_ENOMEM,     /* host allocation failed */
  PP_EINVAL,     /* a value (flag, spec, address) is not valid */
  PP_EIO,        /* a file could not be opened or read */
  PP_EFETCH,     /* fetching a PAC over the network failed */
  PP_ETOOBIG,    /* input over its size limit */
  PP_ESYNTAX,    /* the PAC does not compile */
  PP_ENOFUNC,    /* the PAC defines no FindProxyForURL */
  PP_ESCRIPT,    /* the script threw */
  PP_ETIMEOUT,   /* --timeout fired */
  PP_EMEMLIMIT,  /* --memory-limit fired */
  PP_ENOTSTRING, /* FindProxyForURL returned something other than a string */
  PP_ENONASCII,  /* FindProxyForURL returned a non-ASCII string (Chromium) */
  PP_EBADURL,    /* the URL cannot be parsed */
  PP_ENOTFOUND,  /* a name does not resolve */
  PP_EDNS,       /* the resolver failed (timeout, server failure) */
  PP_EENGINE,    /* the engine itself cannot run this (never "your PAC is broken") */
  PP_EUNSUPPORTED, /* the PAC uses JavaScript browsers accept but pacprobe's engine
                      does not (class, generators...): never "broken PAC" */
  PP_ENOTBUILT,    /* this build of pacprobe has no backend for the operation (the
                      Windows build before its WinHTTP route and fetch backends) */
  PP_EPLATFORM     /* not available on this operating system (the live Windows
                      registry on Linux) */
} pp_status_t;

/* One fixed line per code; never NULL. */
const char *pp_strerror(pp_status_t status);

/* ---- emulation profiles (docs/pac-semantics.md §9) --------------------- */

typedef enum pp_emulation {
  PP_EMU_CHROME = 0,
  PP_EMU_FIREFOX,
  PP_EMU_WINHTTP,
  PP_EMU_PACPARSER,
  PP_EMU_PAC_RESOLVER,
  PP_EMU_LIBPROXY
} pp_emulation_t;

/* Parses "chrome", "firefox", ... Returns PP_EINVAL for an unknown name. */
pp_status_t pp_emulation_parse(const char *name, pp_emulation_t *out);
/* The canonical name of a mode; never NULL. */
const char *pp_emulation_name(pp_emulation_t mode);

/* ---- routes and the result grammar (pac-semantics.md §6) --------------- */

typedef enum pp_route_type {
  PP_ROUTE_DIRECT = 0,
  PP_ROUTE_PROXY,  /* HTTP proxy; Firefox's "HTTP" keyword maps here */
  PP_ROUTE_HTTPS,
  PP_ROUTE_SOCKS4, /* written "SOCKS" in canonical form, as Chromium does */
  PP_ROUTE_SOCKS5,
  PP_ROUTE_QUIC
} pp_route_type_t;

typedef struct pp_route {
  pp_route_type_t type;
  char *host; /* canonical host, IPv6 without brackets; NULL for DIRECT */
  int port;   /* explicit or default port; 0 for DIRECT */
} pp_route_t;

/* Canonical keyword of a route type: "DIRECT", "PROXY", "HTTPS", "SOCKS",
 * "SOCKS5", "QUIC". Never NULL. */
const char *pp_route_type_name(pp_route_type_t type);

typedef struct pp_result {
  pp_route_t *routes;  /* valid entries in order; never empty after parsing */
  size_t nroutes;
  char *canonical;     /* ToPacString form; "DIRECT" when nothing was valid */
  char **invalid;      /* dropped entries, trimmed, as written */
  size_t ninvalid;
} pp_result_t;

/* Parses a FindProxyForURL result string with the keyword rules of `mode`
 * into `out` (which the caller zero-initialises and later clears). Invalid
 * entries are dropped and listed in out->invalid; when nothing valid remains
 * the result is one DIRECT route. Returns PP_OK or PP_ENOMEM. */
pp_status_t pp_result_parse(const char *raw, pp_emulation_t mode, pp_result_t *out);
/* Frees what pp_result_parse allocated and zeroes *r. NULL-safe. */
void pp_result_clear(pp_result_t *r);

/* ---- URLs (pac-semantics.md §4) ---------------------------------------- */

typedef struct pp_url_info {
  char *pac_url;        /* the url argument the emulated client passes */
  char *host;           /* the host argument */
  bool implicit_bypass; /* Chromium sends it DIRECT without running the PAC */
} pp_url_info_t;

/* Prepares a URL as `mode` would before calling FindProxyForURL. On failure
 * returns PP_EBADURL (or PP_ENOMEM) and writes a one-line reason into
 * err (size errlen); *out stays cleared. */
pp_status_t pp_url_prepare(const char *url, pp_emulation_t mode, pp_url_info_t *out,
                           char *err, size_t errlen);
void pp_url_info_clear(pp_url_info_t *u);

/* ---- DNS for the PAC functions (src/dns) -------------------------------- */

typedef struct pp_resolver pp_resolver_t;

typedef enum pp_dns_source {
  PP_DNS_SRC_LITERAL = 0, /* the name was an IP literal */
  PP_DNS_SRC_OVERRIDE,    /* --resolve */
  PP_DNS_SRC_HOSTS,       /* --hosts file */
  PP_DNS_SRC_SERVER,      /* asked a DNS server (or the system's files via c-ares) */
  PP_DNS_SRC_OFFLINE,     /* --no-dns refused the lookup */
  PP_DNS_SRC_CAPPED       /* not asked: chrome mode's 20 distinct lookups per
                             evaluation were used up (kMaxUniqueResolveDnsPerExec) */
} pp_dns_source_t;

typedef enum pp_dns_family {
  PP_DNS_IPV4 = 4, /* A only */
  PP_DNS_ANY = 0   /* AAAA and A, resolver order */
} pp_dns_family_t;

/* Why a lookup gave no address (docs/engine.md "DNS failures"). The c-ares
 * status of the query decides, per tests/lab/test_faults_dns.sh. */
typedef enum pp_dns_failure {
  PP_DNS_FAIL_NONE = 0,    /* resolved */
  PP_DNS_FAIL_NOT_FOUND,   /* NXDOMAIN, no record of the type, --resolve HOST=,
                              --no-dns: the name does not resolve */
  PP_DNS_FAIL_TIMEOUT,     /* no answer within the resolver's timeout */
  PP_DNS_FAIL_SERVFAIL,    /* the server answered SERVFAIL */
  PP_DNS_FAIL_REFUSED,     /* the server answered REFUSED, NOTIMP or FORMERR */
  PP_DNS_FAIL_BAD_ANSWER,  /* an answer came but is malformed or cut */
  PP_DNS_FAIL_UNREACHABLE, /* connection refused: ICMP port unreachable over
                              UDP, or TCP refused after a truncated answer */
  PP_DNS_FAIL_DEADLINE,    /* the caller's deadline (the evaluation's
                              --timeout) ended the wait first */
  PP_DNS_FAIL_CAPPED,      /* not asked: chrome mode's 20 distinct lookups per
                              evaluation were used up (set by the engine) */
  PP_DNS_FAIL_OTHER        /* anything else (out of memory, resolver setup) */
} pp_dns_failure_t;
#define PP_DNS_FAIL_COUNT (PP_DNS_FAIL_OTHER + 1)

/* Short stable code for JSON: "none", "not-found", "timeout", "servfail",
 * "refused", "bad-answer", "unreachable", "deadline", "capped", "other". */
const char *pp_dns_failure_code(pp_dns_failure_t f);
/* One line for people, e.g. "no answer from the DNS server (timeout)",
 * "the DNS server answered SERVFAIL". Never NULL. */
const char *pp_dns_failure_describe(pp_dns_failure_t f);

typedef struct pp_dns_answer {
  char **addrs; /* numeric address strings, IPv6 without brackets */
  size_t naddrs;
  pp_dns_source_t source;
  double ms;    /* wall time of the lookup */
  pp_dns_failure_t failure; /* PP_DNS_FAIL_NONE on success, else why */
  /* The alias chain a DNS server's answer went through: the name asked (after
   * the search list), each CNAME target, the canonical name last; lower-case.
   * 0 when the name is no alias and for literal, --resolve, --hosts and
   * /etc/hosts answers; else >= 2, at most PP_DNS_CHAIN_MAX. */
  char **cnames;
  size_t ncnames;
} pp_dns_answer_t;
#define PP_DNS_CHAIN_MAX 16

/* A resolver is set up single-threaded, then may be shared by engines in
 * several threads (concurrent lookups are safe). NULL on ENOMEM. */
pp_resolver_t *pp_resolver_new(void);
void pp_resolver_free(pp_resolver_t *r);
/* "HOST=ADDR[,ADDR...]" or "HOST=" (the name does not resolve). Repeatable;
 * a later spec for the same host replaces the earlier one. PP_EINVAL with a
 * reason in err on a malformed spec or address. */
pp_status_t pp_resolver_add_override(pp_resolver_t *r, const char *spec, char *err, size_t errlen);
/* /etc/hosts format. PP_EIO when unreadable, PP_EINVAL naming file:line on a
 * malformed line. */
pp_status_t pp_resolver_load_hosts(pp_resolver_t *r, const char *path, char *err, size_t errlen);
/* "ADDR" or "ADDR:PORT" or "[V6]:PORT". PP_EINVAL on a bad value. */
pp_status_t pp_resolver_add_server(pp_resolver_t *r, const char *server, char *err, size_t errlen);
/* Every lookup not answered by overrides or hosts fails. */
void pp_resolver_set_offline(pp_resolver_t *r, bool offline);
void pp_resolver_set_timeout(pp_resolver_t *r, unsigned ms);
/* Resolves `host` (ASCII; callers convert IDN first). PP_OK with at least
 * one address, PP_ENOTFOUND, PP_EDNS, PP_ENOMEM. `out` is filled on every
 * return (source, ms and failure even on failure); clear it with
 * pp_dns_answer_clear. Waits at most the resolver's timeout. */
pp_status_t pp_resolver_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out);
/* The same, but the wait for DNS also ends at deadline_ms (an absolute
 * pp_dns_now_ms() time; 0 = none): then PP_EDNS with failure
 * PP_DNS_FAIL_DEADLINE. The query itself goes on; its answer is cached for
 * later lookups. Answers already known are returned whatever the deadline. */
pp_status_t pp_resolver_lookup_until(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                                     double deadline_ms, pp_dns_answer_t *out);
/* The clock of deadlines: CLOCK_MONOTONIC in milliseconds. */
double pp_dns_now_ms(void);
void pp_dns_answer_clear(pp_dns_answer_t *a);

/* DNS answers are cached per resolver for their TTL (negative answers for
 * their SOA's negative TTL, RFC 2308), so engines sharing a resolver ask the
 * servers once per name and record type. Counters since pp_resolver_new: */
typedef struct pp_dns_stats {
  unsigned long lookups;      /* lookups that needed DNS (not a literal, --resolve, --hosts, --no-dns) */
  unsigned long cache_hits;   /* of those, answered without sending a query of their own */
  unsigned long queries_sent; /* DNS questions sent (per name, record type, search domain) */
  unsigned long not_found;    /* lookups answered "does not resolve" */
  unsigned long errors;       /* lookups that failed: timeout, server failure */
  unsigned long prefetched;   /* questions queued ahead by pp_resolver_prefetch */
  unsigned long by_cause[PP_DNS_FAIL_COUNT]; /* errors split by failure (the
                                               NOT_FOUND slot stays 0) */
} pp_dns_stats_t;
void pp_resolver_stats(pp_resolver_t *r, pp_dns_stats_t *out);
/* Starts resolving `host` for a later pp_resolver_lookup with `family` and
 * returns at once (bulk evaluation resolves the hosts of upcoming URLs
 * ahead, many queries in flight). Does nothing for names that need no DNS. */
void pp_resolver_prefetch(pp_resolver_t *r, const char *host, pp_dns_family_t family);

/* myIpAddress()/myIpAddressEx() probe as Chromium's PacMyIpAddress
 * (pac-semantics.md §2.3). all=false: at most one address (IPv4 preferred);
 * all=true: every candidate of the first stage that found any. On success
 * *out is a malloc'd array of malloc'd strings (may be empty). */
pp_status_t pp_myip_probe(bool all, char ***out, size_t *n);
/* Orders a lookup's answers (numeric, malloc'd strings) as Chromium's
 * AddressSorterPosix does (RFC 6724 §6; src/dns/sort.c): each address's
 * source is the kernel's choice for a UDP connect (no packet sent), or the
 * first of `sources` of its family when sources are given (--my-ip);
 * addresses without a source are freed and dropped. Returns how many
 * remain in addrs[0..]. */
size_t pp_dns_sort_destinations(char **addrs, size_t n, const char *const *sources,
                                size_t nsources);

/* ---- the engine (src/pac) ---------------------------------------------- */

typedef struct pp_engine pp_engine_t;

typedef void (*pp_alert_cb)(void *udata, const char *message);

typedef struct pp_engine_opts {
  pp_emulation_t emulate;
  unsigned timeout_ms;        /* per evaluation; 0 = default 1000 */
  unsigned memory_limit_mib;  /* per heap; 0 = default 64 */
  const char *const *my_ips;  /* --my-ip values; NULL/0 = probe the machine */
  size_t nmy_ips;
  pp_resolver_t *resolver;    /* shared, not owned; required */
  bool now_set;               /* pin the clock to now_ms (epoch ms, UTC) */
  double now_ms;
  pp_alert_cb alert;          /* optional; alerts are also kept per evaluation */
  void *alert_udata;
  bool trace;                 /* fill pp_eval_t.trace (`explain`); off = no cost */
  bool no_return_sites;       /* skip locating return statements: decided_line/col
                                 stay 0 and there are no return sites, for bulk
                                 evaluation that reports neither (~10 % faster) */
} pp_engine_opts_t;

/* Sets the documented defaults (chrome, 1000 ms, 64 MiB). */
void pp_engine_opts_init(pp_engine_opts_t *o);

/* One engine = one Duktape heap. Not thread-safe; use one per thread.
 * Returns NULL on ENOMEM. opts is copied (the strings are not). */
pp_engine_t *pp_engine_new(const pp_engine_opts_t *opts);
void pp_engine_free(pp_engine_t *e);

/* Compiles the PAC (len bytes, need not be NUL-terminated) with `name` used
 * in error locations. Returns PP_OK, PP_ESYNTAX, PP_ENOFUNC, PP_ESCRIPT (top
 * level threw), PP_ETIMEOUT, PP_EMEMLIMIT, PP_EENGINE. The detail is in
 * pp_engine_error(). */
pp_status_t pp_engine_load(pp_engine_t *e, const char *script, size_t len, const char *name);
/* The last error detail, "name:line: message" where a line is known; never
 * NULL (empty when none). Valid until the next call on e. */
const char *pp_engine_error(const pp_engine_t *e);
/* Line of the last error in the PAC, 0 when unknown. */
int pp_engine_error_line(const pp_engine_t *e);

/* One step of an evaluation, recorded when pp_engine_opts_t.trace is set
 * (DESIGN §1.3). Helper calls made inside other helpers (isInNet resolving
 * its host) appear only as their PP_TRACE_DNS entries. */
typedef enum pp_trace_kind {
  PP_TRACE_CALL = 0, /* the PAC called a PAC helper function */
  PP_TRACE_DNS,      /* a helper looked a name up */
  PP_TRACE_ALERT,    /* alert(message) */
  PP_TRACE_RETURN    /* a return statement of the PAC ran (any function) */
} pp_trace_kind_t;

typedef struct pp_trace_entry {
  pp_trace_kind_t kind;
  int line;        /* PAC line of the call / alert / return (or of the PAC
                      line running during a lookup); 0 when unknown */
  int col;         /* 1-based column in code points; 0 when unknown */
  char *fn;        /* CALL: helper name */
  char *args;      /* CALL: the arguments as a JSON array text */
  char *result;    /* CALL: the result as JSON text; NULL when it threw */
  char *text;      /* ALERT: the message; DNS: the name asked */
  char **answers;  /* DNS: addresses in order; none = did not resolve */
  size_t nanswers;
  pp_dns_source_t source; /* DNS */
  pp_dns_failure_t failure; /* DNS: why there are no answers (NONE if there are) */
  double ms;       /* DNS: wall time */
  int depth;       /* RETURN: 1 = the entry function (FindProxyForURL), 2 =
                      a function it called, ... */
} pp_trace_entry_t;

/* A lookup of an evaluation that failed for a reason other than "the name
 * does not exist", or that chrome's cap refused. */
typedef struct pp_dns_problem {
  char *name;               /* as asked (ASCII) */
  pp_dns_failure_t cause;   /* never NONE or NOT_FOUND */
} pp_dns_problem_t;

/* Problems kept per evaluation; later ones are only counted. */
#define PP_DNS_PROBLEMS_MAX 64

/* The longest FindProxyForURL result and the most entries (";"-separated
 * pieces) pacprobe accepts; a larger result fails the evaluation with
 * PP_ETOOBIG (a limit error for that URL, reported as DIRECT). Browsers set
 * no such cap (docs/engine.md "Limits" says why these numbers). */
#define PP_RESULT_MAX_BYTES (64u * 1024u)
#define PP_RESULT_MAX_ENTRIES 1000u

/* One evaluated URL (DESIGN §1.2). All strings are owned by the struct. */
typedef struct pp_eval {
  char *url;           /* as given */
  char *pac_url;       /* what reached the script; NULL for a bad URL */
  char *host;          /* host argument; NULL for a bad URL */
  char *raw;           /* exact string returned; NULL on error / non-string */
  pp_result_t result;  /* parsed; DIRECT on error (what the browser does) */
  pp_status_t status;  /* PP_OK, PP_EBADURL, PP_ESCRIPT, PP_ETIMEOUT, ... */
  char *error;         /* one line, NULL when status is PP_OK */
  int error_line;      /* PAC line of the error, 0 when unknown */
  bool implicit_bypass;
  char **alerts;       /* alert() messages in order */
  size_t nalerts;
  int decided_line;    /* PAC line:col of the return statement that produced */
  int decided_col;     /* the result; 0 when no PAC return decided */
  /* decided_* is the return statement of the entry function itself (for
   * `return route(url)` that line, not route's). origin_* is the innermost
   * return whose string value passed unchanged up to that one (route's
   * `return "PROXY a:1"`); equal to decided_* when nothing was delegated.
   * Set only when opts.trace. */
  int origin_line;
  int origin_col;
  pp_trace_entry_t *trace; /* in order, when opts.trace; freed by pp_eval_clear */
  size_t ntrace;
  bool trace_truncated;    /* more than PP_TRACE_MAX entries; later ones dropped */
  /* DNS problems, always recorded (not only when tracing): each name once,
   * first cause kept, in order, at most PP_DNS_PROBLEMS_MAX; failed lookups
   * of names beyond those are counted in dns_problems_unlisted. NULL/0 for
   * an evaluation without problems (nothing is allocated then). */
  pp_dns_problem_t *dns_problems;
  size_t ndns_problems;
  size_t dns_problems_unlisted;
} pp_eval_t;

#define PP_TRACE_MAX 10000

/* Evaluates one URL. host_override replaces the host argument (pactester -h)
 * when non-NULL. Returns the same status as out->status; per-URL failures
 * (bad URL, script error, limits) are reported in *out and leave the engine
 * usable for the next URL. Only PP_ENOMEM is fatal. */
pp_status_t pp_engine_eval(pp_engine_t *e, const char *url, const char *host_override,
                           pp_eval_t *out);
void pp_eval_clear(pp_eval_t *ev);

/* Coverage (`pacprobe test --coverage`): the return statements of the
 * loaded PAC in source order, each with how many times it ran since the
 * PAC was loaded (in any function, not only the deciding one). The array
 * belongs to the engine and stays valid until the next load or free. */
typedef struct pp_return_site {
  int line;
  int col;
  unsigned long hits;
} pp_return_site_t;
size_t pp_engine_return_sites(const pp_engine_t *e, const pp_return_site_t **sites);

/* Why the loaded PAC runs without return instrumentation (decided_* then
 * stay 0 and there are no return sites): "" when it is instrumented, else
 * one line such as "pac.js:3:9: unterminated regular expression (pacprobe's
 * tokenizer; the PAC runs uninstrumented)". Never NULL; valid until the
 * next load. Instrumentation never makes an evaluation fail. */
const char *pp_engine_instrument_note(const pp_engine_t *e);

/* Load-time warnings about the loaded PAC that do not stop it from running
 * (issue 9, docs/modern-js.md): with --emulate winhttp, each kind of ES2015+
 * syntax pacprobe lowered and each built-in it provides that WinHTTP's
 * legacy engine would reject (first use of each); in every mode, notes where
 * the lowering may behave differently (a closure capturing a loop's let).
 * Lines "NAME:LINE:COL: text" in source order, original positions; print
 * them once per load. *lines stays valid until the next load or free;
 * returns how many (0 for an ES5 PAC). */
size_t pp_engine_warnings(const pp_engine_t *e, const char *const **lines);

/* Whether the PAC keeps state between URLs: it writes global state from
 * inside a function (a counter, a cache, a rotating index; docs/engine.md
 * "State across URLs"). A browser evaluates every URL in one context, so
 * such a PAC must be evaluated in one engine, in input order. PP_OK with
 * *stateful set and, when set, why filled with one line naming the first
 * write and its NAME:line:col; PP_ENOMEM. A script that does not tokenize
 * is PP_OK, not stateful (loading it reports the error). A script over the
 * compile budget of memory_limit_mib (jslex.h PP_JS_BUDGET) is not scanned
 * and counts as stateful: one engine is always right, only slower. */
pp_status_t pp_pac_state_scan(const char *script, size_t len, const char *name,
                              unsigned memory_limit_mib, bool *stateful, char *why, size_t whylen);

/* ---- fetching a PAC (src/wpad/fetch.c) --------------------------------- */

/* Reads a PAC from a file path, "-" (stdin) or an http(s)/file URL (libcurl,
 * never through a proxy, HTTP status must be 200). At most max_bytes.
 * *out is malloc'd and NUL-terminated. PP_EIO / PP_EFETCH / PP_ETOOBIG with
 * a one-line reason in err. */
pp_status_t pp_pac_read(const char *source, size_t max_bytes, unsigned timeout_ms,
                        char **out, size_t *len, char *err, size_t errlen);

/* pp_pac_read, also giving the charset an http(s) response's Content-Type
 * names (*charset malloc'd, NULL when none, for a file or stdin), which
 * pp_pac_decode needs for Chromium's decoding. */
pp_status_t pp_pac_read_charset(const char *source, size_t max_bytes, unsigned timeout_ms,
                                char **out, size_t *len, char **charset, char *err,
                                size_t errlen);

/* Decodes PAC bytes into the UTF-8 text the engine compiles, as the
 * emulated client decodes a PAC (src/pac/decode.c, docs/browsers.md):
 * chrome/winhttp the response's charset, else a byte-order mark, else
 * ISO-8859-1; firefox/pacparser UTF-8 when valid, else Latin-1;
 * pac-resolver UTF-8 with U+FFFD; libproxy unchanged. charset: the
 * Content-Type's charset parameter, NULL for none (files, stdin). *out is
 * malloc'd and NUL-terminated; *how is a static phrase naming a decoding
 * other than "the bytes as they are" (for a note), else NULL. PP_EINVAL
 * (unknown charset) or PP_ENOMEM with a one-line reason in err. */
pp_status_t pp_pac_decode(const char *bytes, size_t len, const char *charset,
                          pp_emulation_t mode, char **out, size_t *outlen, const char **how,
                          char *err, size_t errlen);
/* The charset parameter of a Content-Type value, malloc'd; NULL if none. */
char *pp_pac_charset_param(const char *content_type);

/* Fetches a PAC from an http(s) URL as pp_pac_read does, and reports what
 * the transfer did (WPAD discovery, docs/wpad.md). `resolve` pins host
 * names to addresses for this transfer (curl "HOST:PORT:ADDR" entries; NULL
 * for none), so a WPAD fetch goes to the address discovery found. `info`
 * is filled on every return; clear it with pp_fetch_info_clear. */
typedef struct pp_fetch_info {
  long http_status;      /* last HTTP status received, 0 when none */
  char *content_type;    /* Content-Type of the final response, NULL when none */
  char *effective_url;   /* the URL of the final response (after redirects) */
  char **redirects;      /* each Location followed, in order */
  size_t nredirects;
  size_t bytes;          /* body bytes received */
  const char *code;      /* static: "ok", "http-status", "too-big", "timeout",
                            "redirect-loop", "connect", "fetch-error", "oom" */
  double ms;
} pp_fetch_info_t;

pp_status_t pp_pac_fetch(const char *url, size_t max_bytes, unsigned timeout_ms,
                         const char *const *resolve, size_t nresolve, pp_fetch_info_t *info,
                         char **out, size_t *len, char *err, size_t errlen);
void pp_fetch_info_clear(pp_fetch_info_t *info);

/* ---- WPAD discovery (src/wpad) ----------------------------------------- */

/* DESIGN §1.5, docs/wpad.md. Every string an option points to must outlive
 * the pp_discover call; nothing is copied. */
typedef struct pp_discover_opts {
  const char *const *interfaces; /* --interface; NULL/0 = every usable IPv4 one */
  size_t ninterfaces;
  const char *const *domains;    /* --domain; NULL/0 = resolv.conf search + FQDN
                                    (Windows: the DNS client's suffixes) */
  size_t ndomains;
  const char *const *lease_files; /* --lease-file; NULL/0 = the standard places */
  size_t nlease_files;
  const char *resolv_conf;       /* NULL = /etc/resolv.conf */
  const char *hostname;          /* NULL = gethostname() */
  bool no_dhcp, no_dns, no_fetch;
  bool dns_first;                /* --order dns,dhcp */
  unsigned dhcp_timeout_ms;      /* 0 = 2000 */
  unsigned dns_timeout_ms;       /* 0 = 2000 */
  unsigned fetch_timeout_ms;     /* 0 = 30000 (Chromium) */
  size_t max_bytes;              /* 0 = 1 MiB (Chromium) */
  unsigned devolution_level;     /* fewest labels a devolved suffix keeps; 0 = 2 */
  pp_resolver_t *resolver;       /* required: DNS candidates and the PAC check */
} pp_discover_opts_t;

typedef enum pp_wpad_method {
  PP_WPAD_DHCP = 0, /* DHCPINFORM on an interface */
  PP_WPAD_LEASE,    /* a DHCP client's lease file */
  PP_WPAD_DNS,      /* a wpad.<domain> lookup */
  PP_WPAD_FETCH     /* fetching and checking a candidate PAC URL */
} pp_wpad_method_t;

/* One line of the trace. Fields a method does not use are NULL / 0. */
typedef struct pp_wpad_attempt {
  pp_wpad_method_t method;
  char *asked;        /* dhcp: interface; lease: file; dns: name; fetch: URL */
  char *via;          /* dhcp: "broadcast" or the unicast server; lease: client
                         kind; dns: "dns"; fetch: the method that offered the URL */
  char *server;       /* dhcp: server identifier (option 54); dns: --dns-server or NULL */
  char *answer;       /* dhcp/lease: PAC URL; dns: addresses ", "-joined;
                         fetch: effective URL */
  char *result;       /* short code, docs/json.md */
  char *detail;       /* one line, NULL when there is nothing to add */
  pp_fetch_info_t fetch; /* fetch only */
  double ms;
} pp_wpad_attempt_t;

typedef struct pp_wpad_warning {
  char *code;    /* stable, e.g. "public-suffix-stop", "dhcp-conflict" */
  char *message; /* one line */
} pp_wpad_warning_t;

/* The operating system's own WPAD detector next to pacprobe's discovery
 * (docs/wpad.md "The system's own answer"): on Windows
 * WinHttpDetectAutoProxyConfigUrl, asked once for DHCP and once for DNS so
 * each answer is known; nothing elsewhere (ran false). */
typedef struct pp_wpad_os_method {
  bool asked;   /* false with --no-dhcp / --no-dns */
  char *url;    /* the PAC URL the system found, NULL when none */
  char *error;  /* one line when it found none ("ERROR_WINHTTP_AUTODETECTION_FAILED (12180)") */
  char *ours;   /* pacprobe's first URL by the same method, NULL when none */
  bool agrees;  /* url and ours name the same URL (ASCII case ignored), or both are NULL */
  double ms;
} pp_wpad_os_method_t;

typedef struct pp_wpad_os_view {
  bool ran;          /* the platform has a detector and it answered in time */
  const char *api;   /* static: "WinHttpDetectAutoProxyConfigUrl"; NULL when not ran */
  char *error;       /* why it did not run or answer (one line), NULL otherwise */
  pp_wpad_os_method_t dhcp, dns;
  bool agrees;       /* every method asked agrees */
} pp_wpad_os_view_t;

typedef struct pp_discovery {
  pp_wpad_attempt_t *attempts; /* in trace order */
  size_t nattempts;
  pp_wpad_warning_t *warnings;
  size_t nwarnings;
  char *pac_url;    /* NULL when nothing usable was found */
  char *decided_by; /* "dhcp", "lease", "dns"; NULL when nothing */
  char *pac;        /* the fetched, checked script (NUL-terminated); NULL with no_fetch */
  size_t pac_len;
  char *error;      /* why pp_discover failed, NULL on PP_OK */
  double ms;
  pp_wpad_os_view_t os; /* the system's own detector, run at the same time */
} pp_discovery_t;

/* Sets the documented defaults (all zero / NULL). */
void pp_discover_opts_init(pp_discover_opts_t *o);
/* Runs discovery (DHCP and DNS concurrently, then fetches in priority
 * order). PP_OK when the run completed, whether or not a PAC was found
 * (out->pac_url tells); PP_EINVAL for an unusable option (unknown
 * interface, bad domain) and PP_ENOMEM, with out->error set. `out` is filled
 * on every return; clear it with pp_discovery_clear. */
pp_status_t pp_discover(const pp_discover_opts_t *o, pp_discovery_t *out);
void pp_discovery_clear(pp_discovery_t *d);
/* "dhcp", "lease", "dns", "fetch". Never NULL. */
const char *pp_wpad_method_name(pp_wpad_method_t m);

/* ---- proxy configuration sources (src/config) ---------------------------- */
/* DESIGN §1.6, docs/sources.md. Every function here is pure: no file, no
 * environment, no printing. Callers hand in bytes (a .reg export, netsh
 * output) and "NAME=VALUE" strings; errors name file:line and a byte offset.
 * Proxy strings are stored with any password masked ("user:****@host"), so
 * nothing in these structures is a secret except the raw blob bytes kept
 * for --write-reg (pp_source_t.blob), which are never formatted as text.
 * The format-level parsers behind them (.reg, WinINet/WinHTTP blobs, netsh
 * text, curl's proxy variables) are in src/config/config_int.h. */

/* Inputs over this size are refused (a real Internet Settings export is KBs). */
#define PP_CONFIG_MAX_BYTES (32u * 1024u * 1024u)

/* no_proxy, then NO_PROXY; NULL when neither is set and non-empty. */
const char *pp_env_noproxy(const char *const *envp, const char **var);
/* true when curl would not use a proxy for host (a name, an IPv4 literal
 * or a bracketed IPv6 literal) under the no_proxy list. */
bool pp_env_noproxy_match(const char *host, const char *list);

typedef enum pp_source_kind {
  PP_SRC_CMDLINE = 0, /* --proxy, --pac, --noproxy */
  PP_SRC_ENV,         /* http_proxy, ... */
  PP_SRC_WININET,     /* a WinINet blob from a .reg export */
  PP_SRC_WININET_VALUES, /* ProxyEnable/ProxyServer/ProxyOverride/AutoConfigURL */
  PP_SRC_POLICY,      /* ProxySettingsPerUser */
  PP_SRC_WINHTTP,     /* a WinHttpSettings blob */
  PP_SRC_NETSH,       /* netsh winhttp show proxy */
  PP_SRC_MDI          /* --mdi-proxy */
} pp_source_kind_t;

typedef enum pp_account {
  PP_ACCT_NONE = 0,
  PP_ACCT_USER,           /* HKEY_CURRENT_USER or HKEY_USERS\S-1-5-21-... */
  PP_ACCT_LOCALSYSTEM,    /* S-1-5-18, .DEFAULT */
  PP_ACCT_LOCALSERVICE,   /* S-1-5-19 */
  PP_ACCT_NETWORKSERVICE, /* S-1-5-20 */
  PP_ACCT_MACHINE         /* HKEY_LOCAL_MACHINE */
} pp_account_t;

typedef enum pp_consumer {
  PP_FOR_USER = 0,
  PP_FOR_LOCALSYSTEM,
  PP_FOR_LOCALSERVICE,
  PP_FOR_NETWORKSERVICE,
  PP_FOR_WINHTTP,
  PP_FOR_ENV,
  PP_FOR_MDI_SENSOR
} pp_consumer_t;

typedef enum pp_config_mode {
  PP_MODE_DIRECT = 0,
  PP_MODE_PROXY,
  PP_MODE_PAC,
  PP_MODE_AUTO_DETECT
} pp_config_mode_t;

typedef struct pp_source {
  pp_source_kind_t kind;
  char *file;        /* input file; NULL for env and options */
  unsigned line;     /* line in file, 0 when none */
  char *key;         /* registry key; NULL otherwise */
  char *value;       /* value name, variable name or option ("--proxy") */
  pp_account_t account;
  char *sid;         /* "S-1-5-18", ...; NULL for HKCU and non-registry */
  bool has_blob;     /* version/counter/flags are meaningful */
  uint32_t version, counter, flags; /* blob header; values/netsh: flags only */
  uint32_t dword;    /* PP_SRC_POLICY: the ProxySettingsPerUser DWORD */
  char *proxy;       /* masked; NULL when none */
  char **bypass;     /* split entries */
  size_t nbypass;
  char *pac_url;
  bool auto_detect;
  bool credentials;  /* the proxy string carried user info (masked) */
  bool in_effect;    /* set by pp_config_decide */
  char *error;       /* NULL, or "file:line: byte offset N: reason" */
  unsigned char *blob; /* raw WinINet blob (for --write-reg); never print */
  size_t blob_len;
} pp_source_t;

typedef struct pp_config_warning {
  char *code;    /* stable: account-missing-settings, saved-legacy-differs, ... */
  char *message; /* one line, no secrets */
} pp_config_warning_t;

/* What the operating system itself says for the running account
 * (pp_config_add_live on Windows): WinHttpGetIEProxyConfigForCurrentUser
 * (ie_*) and WinHttpGetDefaultProxyConfiguration (winhttp_*). Strings are
 * escaped (\xHH for anything outside printable ASCII) and proxies masked. */
typedef struct pp_config_os {
  bool present;             /* pp_config_add_live filled this */
  char *running_sid;        /* the process token's user SID, "S-1-5-19" */
  pp_account_t running_as;  /* PP_ACCT_LOCALSERVICE, ...; PP_ACCT_USER otherwise */
  char *ie_error;           /* NULL, or why the call failed */
  bool ie_auto_detect;
  char *ie_pac_url, *ie_proxy, *ie_bypass; /* NULL when the OS returned none */
  char *winhttp_error;
  uint32_t winhttp_access;  /* WINHTTP_ACCESS_TYPE_*: 1 no proxy, 3 named proxy */
  char *winhttp_proxy, *winhttp_bypass;
  /* Set by pp_config_decide: the decision was compared with the OS view
   * (the consumer is the running account, or winhttp) and whether it agrees. */
  bool compared, agrees;
} pp_config_os_t;

typedef struct pp_config_effective {
  pp_config_mode_t mode;
  char *proxy; /* masked */
  char **bypass;
  size_t nbypass;
  char *pac_url;
  bool auto_detect;
} pp_config_effective_t;

/* Every source given, then (after pp_config_decide) the decision. The
 * caller zero-initialises and frees with pp_config_clear. */
typedef struct pp_config {
  pp_source_t *sources;
  size_t nsources;
  size_t nerrors;          /* sources that could not be read */
  pp_consumer_t consumer;
  pp_config_effective_t effective;
  char *decided_by;        /* "WinINet localsystem (S-1-5-18) DefaultConnectionSettings" */
  pp_config_warning_t *warnings;
  size_t nwarnings;
  pp_config_os_t os;       /* live only: what Windows says (see above) */
} pp_config_t;

/* Adds the sources of one .reg export (bytes; `file` names it in errors
 * and output). A file or blob that cannot be decoded becomes a source with
 * its error (counted in nerrors) and the rest is still read. PP_OK or
 * PP_ENOMEM. */
pp_status_t pp_config_add_reg(pp_config_t *c, const void *data, size_t len, const char *file);
/* The same for `netsh winhttp show proxy` output. */
pp_status_t pp_config_add_netsh(pp_config_t *c, const void *data, size_t len, const char *file);
/* Adds one env source per proxy variable set (non-empty) in envp. */
pp_status_t pp_config_add_env(pp_config_t *c, const char *const *envp);
/* A command-line or agent setting: opt is "--proxy", "--pac", "--noproxy"
 * or "--mdi-proxy"; "--pac auto" means auto-detect. */
pp_status_t pp_config_add_option(pp_config_t *c, const char *opt, const char *value);
/* Windows: adds the live registry's sources (docs/sources.md "Live
 * sources": HKCU, HKEY_USERS\S-1-5-18/19/20, HKLM, the policy key; each
 * source's key names where it was read, file is NULL) through the same
 * code as pp_config_add_reg, and fills c->os. A key that exists but cannot
 * be read (access denied) becomes a source with its error. PP_EPLATFORM
 * (nothing added) on other systems; PP_ENOMEM. */
pp_status_t pp_config_add_live(pp_config_t *c);
/* A source the caller could not read (missing file): kind and file with a
 * one-line error. */
pp_status_t pp_config_add_error(pp_config_t *c, pp_source_kind_t kind, const char *file,
                                const char *error);

/* "user", "localsystem", ... ; PP_EINVAL for an unknown name. */
pp_status_t pp_consumer_parse(const char *name, pp_consumer_t *out);
const char *pp_consumer_name(pp_consumer_t c);
const char *pp_source_kind_name(pp_source_kind_t k); /* "wininet", "env", ... */
const char *pp_account_name(pp_account_t a);         /* "user", "localsystem", ... */
const char *pp_config_mode_name(pp_config_mode_t m); /* "direct", "proxy", "pac", "auto-detect" */

/* Decides for consumer (docs/sources.md): marks in_effect, fills
 * effective, decided_by and warnings (replacing an earlier decision).
 * PP_OK or PP_ENOMEM. */
pp_status_t pp_config_decide(pp_config_t *c, pp_consumer_t consumer);

/* The fix of MDI's procedure: a .reg (pp_reg_write format) giving each
 * account in `targets` (LocalSystem, LocalService, NetworkService; the MDI
 * sensor means the first two) the user's DefaultConnectionSettings blob as
 * both DefaultConnectionSettings and SavedLegacySettings. PP_EINVAL with a
 * reason in err when there is no user blob or a target is not a service
 * account; PP_ENOMEM. *out is malloc'd. */
pp_status_t pp_config_write_reg(const pp_config_t *c, const pp_consumer_t *targets, size_t n,
                                unsigned char **out, size_t *len, char *err, size_t errlen);
void pp_config_clear(pp_config_t *c);

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

/* ---- clock ------------------------------------------------------------- */

/* Parses --now: YYYY-MM-DDTHH:MM:SS[.fff] with optional Z or ±HH:MM; without
 * a zone the time is local (process TZ). PP_EINVAL with reason in err. */
pp_status_t pp_time_parse(const char *text, double *epoch_ms, char *err, size_t errlen);

/* True when zone names a time zone of the system's zoneinfo database
 * ($TZDIR or /usr/share/zoneinfo), e.g. "Europe/Berlin". */
bool pp_tz_known(const char *zone);

#ifdef __cplusplus
}
#endif
#endif /* PACPROBE_H */
