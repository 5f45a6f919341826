/* SPDX-License-Identifier: MIT */
/* URL path canonicalisation for the URL handed to FindProxyForURL
 * (url_path.c): dot segments, backslashes, percent-encoding. */
#ifndef PP_PAC_URL_PATH_H
#define PP_PAC_URL_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

/* http, https, ws, wss, ftp, file: the URL Standard's special schemes,
 * whose URLs read '\' as '/'. scheme is lower-case. */
bool pp_url_scheme_is_special(const char *scheme);

typedef enum pp_url_dialect {
  PP_URL_CHROMIUM, /* GURL (url/url_canon_path.cc) */
  PP_URL_WHATWG    /* the URL Standard (Node's URL): only whole segments */
} pp_url_dialect_t;

/* Appends the canonical form of the n-byte path p (as it follows the
 * authority: empty or starting with '/' or '\') to s: '\' read as '/' when
 * special, "." and ".." segments (also spelt with %2e) resolved, bytes
 * outside the path set percent-encoded. Never fails except by s->oom. */
void pp_url_path_canon(pp_str_t *s, const char *p, size_t n, bool special,
                       pp_url_dialect_t dialect);

/* Appends n bytes percent-encoding controls, space, non-ASCII and the
 * bytes in `extra` (the URL Standard's encode sets). */
void pp_url_append_encoded(pp_str_t *s, const char *p, size_t n, const char *extra);

#endif
