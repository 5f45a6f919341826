/* SPDX-License-Identifier: MIT */
/*
 * CSV exports with a header row (log.h): Zscaler NSS feeds and the
 * like. The header names the columns; the URL comes from the column named
 * with csv:NAME, else the first of url, request_url, requesturl, uri,
 * cs-uri; or from host (+ scheme, port) when there is none. Bytes from
 * respsize, responsesize, sc-bytes or bytes; a protocol column of HTTPS,
 * SSL or TUNNEL, or a CONNECT method, makes the entry https://host:port/
 * (columns.c). A row with another number of fields is malformed.
 */
#include "log/log.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log/columns.h"

static const pp_log_column_name_t csv_cols[] = {
    {"url", offsetof(pp_log_parser_t, col_uri)},
    {"request_url", offsetof(pp_log_parser_t, col_uri)},
    {"requesturl", offsetof(pp_log_parser_t, col_uri)},
    {"uri", offsetof(pp_log_parser_t, col_uri)},
    {"cs-uri", offsetof(pp_log_parser_t, col_uri)},
    {"host", offsetof(pp_log_parser_t, col_host)},
    {"hostname", offsetof(pp_log_parser_t, col_host)},
    {"cs-host", offsetof(pp_log_parser_t, col_host)},
    {"scheme", offsetof(pp_log_parser_t, col_scheme)},
    {"port", offsetof(pp_log_parser_t, col_port)},
    {"method", offsetof(pp_log_parser_t, col_method)},
    {"reqmethod", offsetof(pp_log_parser_t, col_method)},
    {"requestmethod", offsetof(pp_log_parser_t, col_method)},
    {"cs-method", offsetof(pp_log_parser_t, col_method)},
    {"respsize", offsetof(pp_log_parser_t, col_bytes)},
    {"responsesize", offsetof(pp_log_parser_t, col_bytes)},
    {"sc-bytes", offsetof(pp_log_parser_t, col_bytes)},
    {"bytes", offsetof(pp_log_parser_t, col_bytes)},
    {"protocol", offsetof(pp_log_parser_t, col_proto)},
    {"proto", offsetof(pp_log_parser_t, col_proto)},
};

static bool named(const pp_log_field_t *f, const char *name) {
  return f->n == strlen(name) && strncasecmp(f->s, name, f->n) == 0;
}

static pp_log_line_t header(pp_log_parser_t *p, const pp_log_field_t *f, size_t nf) {
  p->have_layout = true;
  p->nfields = nf;
  for (size_t i = 0; p->csv_column[0] && !p->col_uri && i < nf; i++)
    if (named(&f[i], p->csv_column)) p->col_uri = i + 1;
  pp_log_columns_match(p, csv_cols, sizeof(csv_cols) / sizeof(csv_cols[0]), f, nf,
                       p->csv_column[0] ? offsetof(pp_log_parser_t, col_uri) : SIZE_MAX);
  if (p->csv_column[0] && !p->col_uri) {
    snprintf(p->err, sizeof(p->err), "the CSV header has no column '%.60s'", p->csv_column);
    return PP_LOG_BAD;
  }
  if (!p->col_uri && !p->col_host) {
    snprintf(p->err, sizeof(p->err),
             "the CSV header names no URL column (url, request_url, uri; csv:NAME names one)");
    return PP_LOG_BAD;
  }
  return PP_LOG_SKIP;
}

pp_log_line_t pp_log_csv_line(pp_log_parser_t *p, const char *line, size_t len,
                              pp_log_rec_t *rec) {
  if (len == 0) return PP_LOG_SKIP;
  pp_log_field_t f[PP_LOG_MAX_FIELDS];
  int nf = pp_log_split_csv(line, len, f, PP_LOG_MAX_FIELDS);
  if (nf == -2) {
    snprintf(p->err, sizeof(p->err), "unterminated or misplaced quote");
    return PP_LOG_BAD;
  }
  if (nf == -1) {
    snprintf(p->err, sizeof(p->err), "more than %d fields", PP_LOG_MAX_FIELDS);
    return PP_LOG_BAD;
  }
  if (!p->have_layout) return header(p, f, (size_t)nf);
  if (!p->col_uri && !p->col_host) {
    snprintf(p->err, sizeof(p->err), "no URL column in the header");
    return PP_LOG_BAD;
  }
  if ((size_t)nf != p->nfields) {
    snprintf(p->err, sizeof(p->err), "%d fields, the header names %zu", nf, p->nfields);
    return PP_LOG_BAD;
  }
  return pp_log_columns_entry(p, f, (size_t)nf, rec);
}
