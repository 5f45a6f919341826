/* SPDX-License-Identifier: MIT */
/* Host canonicalisation shared by URL preparation, the result grammar and
 * the DNS bindings: the one place that decides what a host "is". */
#ifndef PP_PAC_HOST_H
#define PP_PAC_HOST_H

#include <stdbool.h>
#include <stddef.h>

/* Canonicalises `len` bytes of host text as Chromium canonicalises a URL
 * host: brackets of an IPv6 literal removed and the address compressed
 * (inet_ntop form); IPv4 in any URL-standard spelling (hex, octal, fewer
 * parts: "0xA.020.3.4" -> "10.16.3.4") normalised; names ASCII lower-cased
 * and IDN converted to punycode (UTS #46, non-transitional, libidn2).
 * Returns a malloc'd string, or NULL with a one-line reason in err (invalid
 * characters, bad IPv6, empty host, IDN failure, ENOMEM). */
char *pp_host_canonicalize(const char *host, size_t len, char *err, size_t errlen);

/* Converts a UTF-8 name to ASCII (punycode per label) without other
 * canonicalisation; ASCII input is returned as a copy. NULL on failure. */
char *pp_idn_to_ascii(const char *name);

/* True when s is an IPv4 dotted quad or an IPv6 literal (no brackets), as
 * inet_pton accepts them. */
bool pp_host_is_ip_literal(const char *s);

#endif
