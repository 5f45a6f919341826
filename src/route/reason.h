/* SPDX-License-Identifier: MIT */
/* The proxy's own reason for refusing (issue 17): squid's X-Squid-Error,
 * appliance headers and block-page redirects, the error page's <title>.
 * Fed the response headers and the first bytes of the body as they
 * arrive; everything kept is printable ASCII and bounded. */
#ifndef PP_ROUTE_REASON_H
#define PP_ROUTE_REASON_H

#include <stdbool.h>
#include <stddef.h>

#define PP_REASON_BODY_MAX 16384 /* bytes of an error page looked at */

typedef struct pp_reason {
  long status;            /* of the response being read */
  char squid[96];         /* X-Squid-Error value */
  char location[512];     /* Location */
  char server[64];        /* Server */
  bool bluecoat;          /* X-BlueCoat-Via seen */
  char body[PP_REASON_BODY_MAX + 1];
  size_t nbody;
} pp_reason_t;

/* A header line as libcurl hands it (with CRLF); a status line starts a
 * new response and forgets the previous one's. */
void pp_reason_header(pp_reason_t *r, const char *line, size_t len);
/* Body bytes of the current response (kept only for statuses >= 300). */
void pp_reason_body(pp_reason_t *r, const char *p, size_t len);
/* What the proxy said, or false when nothing was recognised: product
 * ("squid", "Zscaler", "Forcepoint", "Blue Coat/Symantec", "Palo Alto
 * Networks", or "" for an unknown page with a title) and one line of
 * text; block is true for an appliance's block page or redirect to one. */
bool pp_reason_describe(const pp_reason_t *r, const char **product, char *text, size_t textlen,
                        bool *block);

#endif
