/* SPDX-License-Identifier: MIT */
/*
 * pacprobe.h: the one public header of libpacprobe (installed as
 * <pacprobe.h>; docs/library.md). It shows the API only: status codes,
 * emulation modes, versions, and opaque handles with their calls.
 *
 * Nothing here prints: diagnostics come back as status codes plus a
 * message kept on the handle that failed. Only pp_ symbols are exported.
 * The program and the tests use a wider internal API (src/pacprobe.h and
 * the stage headers it includes), which is not installed.
 */
#ifndef PACPROBE_H
#define PACPROBE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PP_BUILDING_LIB) && defined(__GNUC__) && !defined(_WIN32)
#define PP_API __attribute__((visibility("default")))
#else
#define PP_API
#endif

/* ---- versions ------------------------------------------------------------ */

/* This library's version, "MAJOR.MINOR.PATCH" (CMake project()); static. */
PP_API const char *pp_version(void);

/* The libraries this libpacprobe runs with. */
typedef enum pp_component {
  PP_COMPONENT_DUKTAPE, /* the JavaScript engine, compiled in */
  PP_COMPONENT_LIBCURL, /* route checks and PAC downloads (Linux) */
  PP_COMPONENT_CARES,   /* DNS */
  PP_COMPONENT_OPENSSL, /* certificates (Linux) */
  PP_COMPONENT_COUNT
} pp_component_t;
/* "Duktape", "libcurl", "c-ares", "OpenSSL"; NULL for an unknown value. */
PP_API const char *pp_component_name(pp_component_t c);
/* The component's version as the running library reports it (static
 * storage), or NULL when this build does not use it (Windows: libcurl and
 * OpenSSL, replaced by WinHTTP and CryptoAPI). */
PP_API const char *pp_component_version(pp_component_t c);

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
PP_API const char *pp_strerror(pp_status_t status);

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
PP_API pp_status_t pp_emulation_parse(const char *name, pp_emulation_t *out);
/* The canonical name of a mode; never NULL. */
PP_API const char *pp_emulation_name(pp_emulation_t mode);

/* ---- DNS (opaque resolver) ------------------------------------------------- */

typedef struct pp_resolver pp_resolver_t;

/* A resolver is set up single-threaded, then may be shared by engines in
 * several threads (concurrent lookups are safe). NULL on ENOMEM. */
PP_API pp_resolver_t *pp_resolver_new(void);
PP_API void pp_resolver_free(pp_resolver_t *r);
/* "HOST=ADDR[,ADDR...]" or "HOST=" (the name does not resolve). Repeatable;
 * a later spec for the same host replaces the earlier one. PP_EINVAL with a
 * reason in err on a malformed spec or address. */
PP_API pp_status_t pp_resolver_add_override(pp_resolver_t *r, const char *spec, char *err, size_t errlen);
/* /etc/hosts format. PP_EIO when unreadable, PP_EINVAL naming file:line on a
 * malformed line. */
PP_API pp_status_t pp_resolver_load_hosts(pp_resolver_t *r, const char *path, char *err, size_t errlen);
/* "ADDR" or "ADDR:PORT" or "[V6]:PORT". PP_EINVAL on a bad value. */
PP_API pp_status_t pp_resolver_add_server(pp_resolver_t *r, const char *server, char *err, size_t errlen);
/* Every lookup not answered by overrides or hosts fails. */
PP_API void pp_resolver_set_offline(pp_resolver_t *r, bool offline);
PP_API void pp_resolver_set_timeout(pp_resolver_t *r, unsigned ms);

/* ---- the engine (opaque; one Duktape heap) ---------------------------------- */

typedef struct pp_engine pp_engine_t;

/* One engine = one Duktape heap. Not thread-safe; use one per thread.
 * Created by pp_engine_new (internal options) or, in the public API, by the
 * calls below. */
PP_API void pp_engine_free(pp_engine_t *e);

/* Compiles the PAC (len bytes, need not be NUL-terminated) with `name` used
 * in error locations. Returns PP_OK, PP_ESYNTAX, PP_ENOFUNC, PP_ESCRIPT (top
 * level threw), PP_ETIMEOUT, PP_EMEMLIMIT, PP_EENGINE. The detail is in
 * pp_engine_error(). */
PP_API pp_status_t pp_engine_load(pp_engine_t *e, const char *script, size_t len, const char *name);
/* The last error detail, "name:line: message" where a line is known; never
 * NULL (empty when none). Valid until the next call on e. */
PP_API const char *pp_engine_error(const pp_engine_t *e);
/* Line of the last error in the PAC, 0 when unknown. */
PP_API int pp_engine_error_line(const pp_engine_t *e);

/* An engine for `mode` using `dns` (shared, not owned; it must outlive the
 * engine) for the PAC's DNS functions; with NULL every lookup fails, as
 * with --no-dns. Documented defaults otherwise (1000 ms per evaluation,
 * 64 MiB heap). NULL on ENOMEM. Free with pp_engine_free. */
PP_API pp_engine_t *pp_engine_create(pp_emulation_t mode, pp_resolver_t *dns);
/* Reads the PAC from a file, "-" (stdin) or an http(s) URL (fetched without
 * proxy, at most 4 MiB and 30 s) and compiles it as pp_engine_load does.
 * On failure the reason is in pp_engine_error(e). */
PP_API pp_status_t pp_engine_load_source(pp_engine_t *e, const char *source);
/* Evaluates FindProxyForURL(url, host) once. *result gets the canonical
 * result ("PROXY p:8080; DIRECT"; "DIRECT" when the script failed, as the
 * browser does), *error (when error is not NULL) a one-line reason or NULL.
 * Both are malloc'd: free them with pp_free. Returns PP_OK or why the
 * evaluation failed (PP_EBADURL, PP_ESCRIPT, PP_ETIMEOUT, ...; PP_ENOMEM
 * leaves *result NULL). */
PP_API pp_status_t pp_engine_find_proxy(pp_engine_t *e, const char *url, char **result, char **error);
/* Frees a string this library returned. NULL-safe. */
PP_API void pp_free(void *p);

/* ---- the one call: this machine's proxies for a URL ------------------------ */

typedef struct pp_proxies pp_proxies_t;

/* The proxies this machine's configuration gives for url, in order, and who
 * decided (docs/library.md): on Windows the logged-on user's WinINet
 * settings (PAC and WPAD included, evaluated as WinHTTP does), elsewhere the
 * proxy variables curl reads (http_proxy, https_proxy, all_proxy, no_proxy).
 * *out is set on every return except PP_ENOMEM and holds at least one URI
 * ("direct://" when the PAC failed or nothing is configured, the reason in
 * pp_proxies_error). Free with pp_proxies_free. Blocking: a PAC download or
 * WPAD discovery can take seconds. */
PP_API pp_status_t pp_proxies_for_url(const char *url, pp_proxies_t **out);
/* Number of proxies (at least 1 for a non-NULL p). */
PP_API size_t pp_proxies_count(const pp_proxies_t *p);
/* The i-th proxy as a URI: "http://host:port", "https://", "socks4://",
 * "socks5://", or "direct://"; NULL past the end. Valid until pp_proxies_free. */
PP_API const char *pp_proxies_uri(const pp_proxies_t *p, size_t i);
/* Who decided, one line: "env https_proxy", "WinINet user (...)
 * DefaultConnectionSettings; PAC http://wpad/wpad.dat:12:5". Never NULL. */
PP_API const char *pp_proxies_decided_by(const pp_proxies_t *p);
/* Why the configuration could not be followed (PAC unreachable, script
 * error), or NULL. */
PP_API const char *pp_proxies_error(const pp_proxies_t *p);
PP_API void pp_proxies_free(pp_proxies_t *p);

#ifdef __cplusplus
}
#endif
#endif /* PACPROBE_H */
