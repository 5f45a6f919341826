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
  PP_EENGINE     /* the engine itself cannot run this (never "your PAC is broken") */
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
  PP_DNS_SRC_OFFLINE      /* --no-dns refused the lookup */
} pp_dns_source_t;

typedef enum pp_dns_family {
  PP_DNS_IPV4 = 4, /* A only */
  PP_DNS_ANY = 0   /* AAAA and A, resolver order */
} pp_dns_family_t;

typedef struct pp_dns_answer {
  char **addrs; /* numeric address strings, IPv6 without brackets */
  size_t naddrs;
  pp_dns_source_t source;
  double ms;    /* wall time of the lookup */
} pp_dns_answer_t;

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
 * return (source and ms even on failure); clear it with pp_dns_answer_clear. */
pp_status_t pp_resolver_lookup(pp_resolver_t *r, const char *host, pp_dns_family_t family,
                               pp_dns_answer_t *out);
void pp_dns_answer_clear(pp_dns_answer_t *a);

/* myIpAddress()/myIpAddressEx() probe as Chromium's PacMyIpAddress
 * (pac-semantics.md §2.3). all=false: at most one address (IPv4 preferred);
 * all=true: every candidate of the first stage that found any. On success
 * *out is a malloc'd array of malloc'd strings (may be empty). */
pp_status_t pp_myip_probe(bool all, char ***out, size_t *n);

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
} pp_eval_t;

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

/* ---- fetching a PAC (src/wpad/fetch.c) --------------------------------- */

/* Reads a PAC from a file path, "-" (stdin) or an http(s)/file URL (libcurl,
 * never through a proxy, HTTP status must be 200). At most max_bytes.
 * *out is malloc'd and NUL-terminated. PP_EIO / PP_EFETCH / PP_ETOOBIG with
 * a one-line reason in err. */
pp_status_t pp_pac_read(const char *source, size_t max_bytes, unsigned timeout_ms,
                        char **out, size_t *len, char *err, size_t errlen);

/* ---- clock ------------------------------------------------------------- */

/* Parses --now: YYYY-MM-DDTHH:MM:SS[.fff] with optional Z or ±HH:MM; without
 * a zone the time is local (process TZ). PP_EINVAL with reason in err. */
pp_status_t pp_time_parse(const char *text, double *epoch_ms, char *err, size_t errlen);

#ifdef __cplusplus
}
#endif
#endif /* PACPROBE_H */
