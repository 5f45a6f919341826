/* SPDX-License-Identifier: MIT */
/*
 * The URL of a column-format entry (W3C extended, CSV; columns.h), from
 * whichever columns the header named: a whole URL (cs-uri, url), or its
 * pieces (scheme, host, port, path, query) as IIS and ProxySG write them.
 * A CONNECT, a ProxySG "ssl"/"tcp" tunnel and a CSV protocol column saying
 * HTTPS/SSL/TUNNEL give https://host:port/. "-" and "" mean absent.
 */
#include "log/columns.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Column c (1-based, 0 = none) when present and not "-" / "". */
static bool col(const pp_log_field_t *f, size_t nf, size_t c, const char **s, size_t *n) {
  if (c == 0 || c > nf) return false;
  *s = f[c - 1].s;
  *n = f[c - 1].n;
  return *n > 0 && !(*n == 1 && **s == '-');
}

static bool is_word(const char *s, size_t n, const char *w) {
  return n == strlen(w) && strncasecmp(s, w, n) == 0;
}

/* A tunnel: CONNECT, ProxySG's tcp/ssl scheme, a CSV protocol HTTPS/SSL. */
static bool tunnel(const pp_log_parser_t *p, const pp_log_field_t *f, size_t nf) {
  const char *s;
  size_t n;
  if (col(f, nf, p->col_method, &s, &n) && is_word(s, n, "CONNECT")) return true;
  if (col(f, nf, p->col_scheme, &s, &n) && (is_word(s, n, "ssl") || is_word(s, n, "tcp")))
    return true;
  return col(f, nf, p->col_proto, &s, &n) &&
         (is_word(s, n, "https") || is_word(s, n, "ssl") || is_word(s, n, "tunnel"));
}

static pp_log_line_t bad(pp_log_parser_t *p, const char *why) {
  snprintf(p->err, sizeof(p->err), "%s", why);
  return PP_LOG_BAD;
}

static pp_log_line_t done(pp_log_parser_t *p, pp_log_rec_t *rec) {
  if (p->url.oom || !p->url.s) return bad(p, "out of memory");
  rec->url = p->url.s;
  rec->url_len = p->url.len;
  return PP_LOG_ENTRY;
}

/* A whole-URL column: absolute as is; "host[:port][/path]" (Zscaler writes
 * no scheme) gets https:// for a tunnel, else http://. */
static pp_log_line_t whole(pp_log_parser_t *p, bool tun, const char *u, size_t n,
                           pp_log_rec_t *rec) {
  if (pp_log_has_scheme(u, n) && !tun) {
    rec->url = u;
    rec->url_len = n;
    return PP_LOG_ENTRY;
  }
  if (pp_log_has_scheme(u, n)) { /* a tunnel logged with a scheme: its host and port */
    size_t i = 0;
    while (memcmp(u + i, "://", 3) != 0) i++; /* has_scheme: it is there */
    u += i + 3;
    n -= i + 3;
  }
  if (tun) {
    size_t hn = 0;
    while (hn < n && u[hn] != '/') hn++;
    if (pp_log_connect_url(p, u, hn, rec)) return PP_LOG_ENTRY;
    return bad(p, "tunnel target is not host:port");
  }
  p->url.len = 0;
  pp_str_puts(&p->url, "http://");
  pp_str_append(&p->url, u, n);
  if (!memchr(u, '/', n)) pp_str_putc(&p->url, '/');
  return done(p, rec);
}

void pp_log_columns_match(pp_log_parser_t *p, const pp_log_column_name_t *table, size_t ntable,
                          const pp_log_field_t *f, size_t nf, size_t skip_off) {
  for (size_t i = 0; i < nf; i++)
    for (size_t k = 0; k < ntable; k++) {
      if (table[k].off == skip_off) continue;
      size_t *c = (size_t *)((char *)p + table[k].off);
      if (*c == 0 && is_word(f[i].s, f[i].n, table[k].name)) *c = i + 1;
    }
}

pp_log_line_t pp_log_columns_entry(pp_log_parser_t *p, const pp_log_field_t *f, size_t nf,
                                   pp_log_rec_t *rec) {
  const char *s, *h, *port;
  size_t n, hn, pn;
  if (col(f, nf, p->col_bytes, &s, &n) && !pp_log_bytes(s, n, &rec->bytes))
    return bad(p, "bytes column is not a number");
  bool tun = tunnel(p, f, nf);
  if (col(f, nf, p->col_uri, &s, &n) && (pp_log_has_scheme(s, n) || !col(f, nf, p->col_host, &h, &hn)))
    return whole(p, tun, s, n, rec);
  if (!col(f, nf, p->col_host, &h, &hn))
    return bad(p, "no host: the entry has no URL and no host column");
  bool has_port = col(f, nf, p->col_port, &port, &pn);
  p->url.len = 0;
  if (tun) {
    pp_str_puts(&p->url, "https://");
    pp_str_append(&p->url, h, hn);
    pp_str_puts(&p->url, ":");
    pp_str_append(&p->url, has_port ? port : "443", has_port ? pn : 3);
    pp_str_putc(&p->url, '/');
    return done(p, rec);
  }
  bool has_scheme = col(f, nf, p->col_scheme, &s, &n);
  pp_str_append(&p->url, has_scheme ? s : "http", has_scheme ? n : 4);
  pp_str_puts(&p->url, "://");
  pp_str_append(&p->url, h, hn);
  if (has_port) {
    pp_str_putc(&p->url, ':');
    pp_str_append(&p->url, port, pn);
  }
  if (col(f, nf, p->col_path, &s, &n)) {
    if (s[0] != '/') pp_str_putc(&p->url, '/');
    pp_str_append(&p->url, s, n);
  } else {
    pp_str_putc(&p->url, '/');
  }
  if (col(f, nf, p->col_query, &s, &n)) {
    if (s[0] != '?') pp_str_putc(&p->url, '?');
    pp_str_append(&p->url, s, n);
  }
  return done(p, rec);
}
