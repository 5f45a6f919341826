/* SPDX-License-Identifier: MIT */
/*
 * squid's native access.log (log.h): ten blank-separated fields,
 *   time elapsed client code/status bytes method URL user hierarchy/peer type
 * (squid's `logformat squid`, src/log/FormatSquidNative.cc). The URL of a
 * CONNECT is the tunnel's host:port and becomes https://host:port/, what a
 * browser hands the PAC for an https page (pac-semantics §4 strips the rest).
 * Entries squid writes for transactions without a request ("error:...",
 * "NONE", "-") are skipped, not malformed.
 */
#include "log/log.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

#define SQUID_FIELDS 10

static bool all_digits(const char *s, size_t n, bool dot_ok) {
  bool seen = false;
  for (size_t i = 0; i < n; i++) {
    if (s[i] >= '0' && s[i] <= '9') seen = true;
    else if (!(dot_ok && s[i] == '.')) return false;
  }
  return seen;
}

static bool is_method(const char *s, size_t n) {
  if (n == 0 || n > 32) return false;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' || s[i] == '-')) return false;
  return true;
}

/* A request squid logged without one: "error:invalid-request", "NONE:/",
 * "-". */
static bool no_request(const char *u, size_t n) {
  return (n == 1 && u[0] == '-') || (n >= 6 && memcmp(u, "error:", 6) == 0) ||
         (n >= 4 && memcmp(u, "NONE", 4) == 0);
}

pp_log_line_t pp_log_squid_line(pp_log_parser_t *p, const char *line, size_t len,
                                pp_log_rec_t *rec) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  const char *f[SQUID_FIELDS];
  size_t n[SQUID_FIELDS], nf = 0;
  pp_buf_skip_blanks(&b);
  if (pp_buf_remaining(&b) == 0) return PP_LOG_SKIP;
  while (nf < SQUID_FIELDS && pp_buf_remaining(&b) > 0) {
    n[nf] = pp_buf_fetch_token(&b, &f[nf]);
    nf++;
    pp_buf_skip_blanks(&b);
  }
  if (nf < SQUID_FIELDS) {
    snprintf(p->err, sizeof(p->err), "%zu fields, squid's native format has %d", nf,
             SQUID_FIELDS);
    return PP_LOG_BAD;
  }
  if (!all_digits(f[0], n[0], true) || !memchr(f[3], '/', n[3]) || !is_method(f[5], n[5])) {
    snprintf(p->err, sizeof(p->err), "not a squid entry (time, code/status or method field)");
    return PP_LOG_BAD;
  }
  if (!pp_log_bytes(f[4], n[4], &rec->bytes)) {
    snprintf(p->err, sizeof(p->err), "bytes field is not a number");
    return PP_LOG_BAD;
  }
  const char *u = f[6];
  size_t un = n[6];
  if (n[5] == 7 && memcmp(f[5], "CONNECT", 7) == 0 && !pp_log_has_scheme(u, un)) {
    if (pp_log_connect_url(p, u, un, rec)) return PP_LOG_ENTRY;
    snprintf(p->err, sizeof(p->err), "CONNECT target is not host:port");
    return PP_LOG_BAD;
  }
  if (no_request(u, un)) return PP_LOG_SKIP;
  if (!pp_log_has_scheme(u, un)) {
    snprintf(p->err, sizeof(p->err), "URL field is not an absolute URL");
    return PP_LOG_BAD;
  }
  rec->url = u;
  rec->url_len = un;
  return PP_LOG_ENTRY;
}
