/* SPDX-License-Identifier: MIT */
/*
 * Routes, the result grammar and URL preparation: the internal API of src/pac/result.c and src/pac/url.c.
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_PAC_RESULT_H
#define PP_PAC_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"

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

#endif
