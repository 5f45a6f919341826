/* SPDX-License-Identifier: MIT */
/*
 * Apache/NCSA common and combined log lines (log.h), as a forward proxy
 * writes them (Apache mod_proxy, nginx, squid's `logformat combined`):
 *   client ident user [time] "METHOD TARGET PROTO" status bytes ["ref" "ua"]
 * The target of a proxied request is absolute ("GET http://h/p") or a
 * CONNECT's host:port (https://host:port/). An origin-form target ("GET
 * /p") has no host: malformed here, since no PAC sees such a URL. A
 * request of "-" (a connection closed before one came) is skipped.
 */
#include "log/log.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

static pp_log_line_t bad(pp_log_parser_t *p, const char *why) {
  snprintf(p->err, sizeof(p->err), "%s", why);
  return PP_LOG_BAD;
}

/* The quoted request; Apache escapes a quote inside it as \". */
static bool request(pp_buf_t *b, const char **s, size_t *n) {
  if (pp_buf_get(b) != '"') return false;
  *s = (const char *)b->data + b->pos;
  for (;;) {
    int c = pp_buf_get(b);
    if (c < 0) return false;
    if (c == '\\' && pp_buf_remaining(b) > 0) pp_buf_get(b);
    else if (c == '"') break;
  }
  *n = (size_t)((const char *)b->data + b->pos - 1 - *s);
  return true;
}

/* "METHOD TARGET PROTO" into rec. */
static pp_log_line_t target(pp_log_parser_t *p, const char *s, size_t n, pp_log_rec_t *rec) {
  if (n == 1 && s[0] == '-') return PP_LOG_SKIP;
  pp_buf_t b;
  pp_buf_init(&b, s, n);
  const char *m, *t;
  size_t mn = pp_buf_fetch_token(&b, &m);
  pp_buf_skip_blanks(&b);
  size_t tn = pp_buf_fetch_token(&b, &t);
  if (mn == 0 || tn == 0) return bad(p, "request is not \"METHOD TARGET PROTOCOL\"");
  if (mn == 7 && memcmp(m, "CONNECT", 7) == 0 && !pp_log_has_scheme(t, tn))
    return pp_log_connect_url(p, t, tn, rec) ? PP_LOG_ENTRY
                                             : bad(p, "CONNECT target is not host:port");
  if (!pp_log_has_scheme(t, tn))
    return bad(p, "request target is not an absolute URL (an origin server's log has no host)");
  rec->url = t;
  rec->url_len = tn;
  return PP_LOG_ENTRY;
}

pp_log_line_t pp_log_combined_line(pp_log_parser_t *p, const char *line, size_t len,
                                   pp_log_rec_t *rec) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  pp_buf_skip_blanks(&b);
  if (pp_buf_remaining(&b) == 0) return PP_LOG_SKIP;
  const char *tok;
  for (int i = 0; i < 3; i++) { /* client ident user */
    if (pp_buf_fetch_token(&b, &tok) == 0) return bad(p, "fewer fields than the common log format");
    pp_buf_skip_blanks(&b);
  }
  if (pp_buf_get(&b) != '[') return bad(p, "no [time] field");
  while (pp_buf_remaining(&b) > 0 && pp_buf_peek(&b) != ']') pp_buf_get(&b);
  if (pp_buf_get(&b) != ']') return bad(p, "unterminated [time] field");
  pp_buf_skip_blanks(&b);
  const char *rq;
  size_t rn;
  if (!request(&b, &rq, &rn)) return bad(p, "no complete \"request\" field");
  pp_buf_skip_blanks(&b);
  const char *st, *by;
  size_t sn = pp_buf_fetch_token(&b, &st);
  pp_buf_skip_blanks(&b);
  size_t bn = pp_buf_fetch_token(&b, &by);
  if (sn == 0 || bn == 0) return bad(p, "no status and bytes after the request");
  if (!pp_log_bytes(by, bn, &rec->bytes)) return bad(p, "bytes field is not a number");
  return target(p, rq, rn, rec);
}
