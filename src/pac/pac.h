/* SPDX-License-Identifier: MIT */
/*
 * The engine (src/pac) in detail: options, evaluations with trace and DNS problems, reading and fetching PAC files. pp_engine_t itself is opaque and public (include/pacprobe.h).
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_PAC_PAC_H
#define PP_PAC_PAC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"
#include "pac/result.h"
#include "dns/dns.h"

/* ---- the engine (src/pac) ---------------------------------------------- */


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

/* Returns NULL on ENOMEM. opts is copied (the strings are not). */
pp_engine_t *pp_engine_new(const pp_engine_opts_t *opts);


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

/* Whether the PAC may read the clock: it names Date, timeRange, dateRange
 * or weekdayRange, or something that reaches a global by a computed name
 * (eval, Function, constructor, globalThis, this[...]) (src/pac/clockuse.c).
 * Such a script's answer may change from one call to the next unless the
 * clock is pinned (pp_engine_opts_t.now_set), so a log replay evaluates it
 * per line. *reads set, and why ("NAME:line:col: uses Date") filled when
 * set; a script that does not tokenize counts as reading it. PP_OK. */
pp_status_t pp_pac_clock_scan(const char *script, size_t len, const char *name, bool *reads,
                              char *why, size_t whylen);

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
                            "redirect-loop", "redirect-refused", "connect",
                            "fetch-error", "oom" */
  double ms;
  /* The final response's framing and caching headers (issue 21, PAC
   * hosting checks), recorded by both fetch backends (libcurl, WinHTTP).
   * headers false: no HTTP response (a file), nothing below is meaningful. */
  bool headers;
  long long content_length; /* -1: no Content-Length */
  bool chunked;             /* Transfer-Encoding: chunked */
  char *cache_control;      /* NULL when absent */
  char *expires;
} pp_fetch_info_t;

pp_status_t pp_pac_fetch(const char *url, size_t max_bytes, unsigned timeout_ms,
                         const char *const *resolve, size_t nresolve, pp_fetch_info_t *info,
                         char **out, size_t *len, char *err, size_t errlen);
void pp_fetch_info_clear(pp_fetch_info_t *info);

/* pp_pac_read_charset that also fills *info (when not NULL) for an http(s)
 * URL; clear it with pp_fetch_info_clear. */
pp_status_t pp_pac_read_info(const char *source, size_t max_bytes, unsigned timeout_ms,
                             char **out, size_t *len, char **charset, pp_fetch_info_t *info,
                             char *err, size_t errlen);

/* PAC hosting checks (docs/sources.md "Where the PAC is hosted"): what the
 * URL (file://, UNC), the answer (status, Content-Type, framing,
 * redirects, caching) and the body (BOM, size) mean for each client. */
/* The PAC clients a finding names (docs/sources.md "Where the PAC is
 * hosted"): WINHTTP covers the WinHTTP proxy service, hence the .NET
 * Framework services on it and WinINet on Windows 10 and later. */
enum {
  PP_PAC_CLIENT_CHROMIUM = 1u << 0, /* Chrome, Edge */
  PP_PAC_CLIENT_FIREFOX = 1u << 1,
  PP_PAC_CLIENT_WINHTTP = 1u << 2,
  PP_PAC_CLIENT_LIBPROXY = 1u << 3
};
typedef struct pp_pac_finding {
  const char *code;    /* stable: file-url, unc-path, http-status, content-type, ... */
  char *message;       /* one line; foreign text escaped */
  const char *clients; /* static: which clients it affects and how */
  unsigned affects;    /* PP_PAC_CLIENT_* it names as affected, refusing or not */
  unsigned refuses;    /* PP_PAC_CLIENT_* that do not use the PAC because of it */
} pp_pac_finding_t;

/* source: the PAC URL or path as configured; info: the fetch (NULL for a
 * file or when not fetched); body/len: what was received (NULL/0 none).
 * Appends to *out and *n. PP_OK or PP_ENOMEM. */
pp_status_t pp_pac_hosting_check(const char *source, const pp_fetch_info_t *info, const char *body,
                                 size_t len, pp_pac_finding_t **out, size_t *n);
void pp_pac_findings_free(pp_pac_finding_t *f, size_t n);
/* The name of one PP_PAC_CLIENT_* bit ("chromium", "firefox", "winhttp",
 * "libproxy"), NULL for any other value. */
const char *pp_pac_client_name(unsigned bit);

#endif
