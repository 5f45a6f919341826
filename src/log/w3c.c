/* SPDX-License-Identifier: MIT */
/*
 * W3C extended log files (log.h; https://www.w3.org/TR/WD-logfile.html) as
 * IIS and Blue Coat/Symantec ProxySG write them: "#Fields:" names the
 * columns of the entries after it (a later "#Fields:" replaces it, as in
 * a file rotated into another); other "#" directives are skipped. Which
 * columns make the URL: columns.c. An entry before any "#Fields:" or with
 * another number of values is malformed.
 */
#include "log/log.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log/columns.h"

/* Column names (case-insensitive) and the piece each one gives. */
static const pp_log_column_name_t w3c_cols[] = {
    {"cs-uri", offsetof(pp_log_parser_t, col_uri)},
    {"cs-uri-scheme", offsetof(pp_log_parser_t, col_scheme)},
    {"cs-host", offsetof(pp_log_parser_t, col_host)},
    {"r-host", offsetof(pp_log_parser_t, col_host)},
    {"cs-uri-port", offsetof(pp_log_parser_t, col_port)},
    {"r-port", offsetof(pp_log_parser_t, col_port)},
    {"cs-uri-path", offsetof(pp_log_parser_t, col_path)},
    {"cs-uri-stem", offsetof(pp_log_parser_t, col_path)},
    {"cs-uri-query", offsetof(pp_log_parser_t, col_query)},
    {"cs-method", offsetof(pp_log_parser_t, col_method)},
    {"sc-bytes", offsetof(pp_log_parser_t, col_bytes)},
};

/* "#Fields: a b c": the layout of the entries that follow. */
static pp_log_line_t fields_header(pp_log_parser_t *p, const char *s, size_t n) {
  pp_log_field_t f[PP_LOG_MAX_FIELDS];
  int nf = pp_log_split_w3c(s, n, f, PP_LOG_MAX_FIELDS);
  char keep[sizeof(p->csv_column)];
  memcpy(keep, p->csv_column, sizeof(keep));
  pp_str_t url = p->url;
  pp_log_parser_init_format(p, PP_LOG_W3C);
  memcpy(p->csv_column, keep, sizeof(keep));
  p->url = url;
  if (nf <= 0) {
    snprintf(p->err, sizeof(p->err), "#Fields: names %s", nf == 0 ? "no column" : "too many columns");
    return PP_LOG_BAD;
  }
  pp_log_columns_match(p, w3c_cols, sizeof(w3c_cols) / sizeof(w3c_cols[0]), f, (size_t)nf,
                       SIZE_MAX);
  p->have_layout = true;
  p->nfields = (size_t)nf;
  return PP_LOG_SKIP;
}

pp_log_line_t pp_log_w3c_line(pp_log_parser_t *p, const char *line, size_t len,
                              pp_log_rec_t *rec) {
  size_t i = 0;
  while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
  if (i == len) return PP_LOG_SKIP;
  if (line[i] == '#') {
    if (len - i >= 8 && strncasecmp(line + i, "#Fields:", 8) == 0)
      return fields_header(p, line + i + 8, len - i - 8);
    return PP_LOG_SKIP; /* #Software, #Version, #Date, #Remark */
  }
  if (!p->have_layout) {
    snprintf(p->err, sizeof(p->err), "entry before any #Fields: header");
    return PP_LOG_BAD;
  }
  pp_log_field_t f[PP_LOG_MAX_FIELDS];
  int nf = pp_log_split_w3c(line, len, f, PP_LOG_MAX_FIELDS);
  if (nf == -2) {
    snprintf(p->err, sizeof(p->err), "unterminated quoted value");
    return PP_LOG_BAD;
  }
  if (nf < 0 || (size_t)nf != p->nfields) {
    snprintf(p->err, sizeof(p->err), "%s values, #Fields: names %zu", nf < 0 ? "too many" : "",
             p->nfields);
    if (nf >= 0) snprintf(p->err, sizeof(p->err), "%d values, #Fields: names %zu", nf, p->nfields);
    return PP_LOG_BAD;
  }
  return pp_log_columns_entry(p, f, (size_t)nf, rec);
}
