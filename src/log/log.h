/* SPDX-License-Identifier: MIT */
/* pp_log: proxy access logs as URL sources for eval, diff and lint --urls
 * (issue 22, docs/logs.md). One parser per format (squid.c, w3c.c,
 * combined.c, csv.c), all behind pp_log_parse_line; detect.c tells the
 * formats apart from a file's first entry; source.c reads plain, gzip and
 * zstd files alike. A parser turns one line into the URL the client asked
 * for (a CONNECT becomes https://host:port/), the bytes when the log has
 * them, or says why the line is not an entry. Nothing here prints. */
#ifndef PP_LOG_LOG_H
#define PP_LOG_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

typedef enum pp_log_format {
  PP_LOG_URLS = 0, /* a URL list, one URL a line (not a log) */
  PP_LOG_SQUID,    /* squid's native access.log */
  PP_LOG_W3C,      /* W3C extended (#Fields:): IIS, Blue Coat ProxySG */
  PP_LOG_COMBINED, /* Apache/NCSA common or combined */
  PP_LOG_CSV       /* CSV with a header naming a URL column (Zscaler NSS) */
} pp_log_format_t;

typedef enum pp_log_line {
  PP_LOG_ENTRY,   /* rec holds a URL */
  PP_LOG_SKIP,    /* a header, a comment, a blank line, an entry without a request */
  PP_LOG_BAD      /* malformed: the reason is in the parser's err */
} pp_log_line_t;

/* What one entry gave. url points into the line or into the parser's
 * buffer: valid until the next line. */
typedef struct pp_log_rec {
  const char *url;
  size_t url_len;
  long long bytes; /* bytes sent to the client; -1 when the log has none */
} pp_log_rec_t;

#define PP_LOG_MAX_FIELDS 128 /* W3C and CSV columns beyond this are refused */

/* The parser's state: the format, the column layout a header announced
 * (W3C #Fields:, CSV header row), the buffer an assembled URL lives in. */
typedef struct pp_log_parser {
  pp_log_format_t format;
  char csv_column[64];   /* csv: the URL column asked for ("" = the usual names) */
  bool have_layout;      /* W3C/CSV: a header was seen */
  size_t nfields;        /* columns of the layout */
  /* W3C / CSV: column index + 1 of each piece, 0 = absent */
  size_t col_uri, col_scheme, col_host, col_port, col_path, col_query, col_method, col_bytes,
      col_proto;
  pp_str_t url;          /* an assembled URL */
  char err[160];         /* why the last line was PP_LOG_BAD or a SKIP header was refused */
} pp_log_parser_t;

/* Parses "squid", "w3c", "combined", "csv" or "csv:COLUMN" (also the
 * aliases "iis", "bluecoat", "proxysg", "ncsa", "apache", "zscaler") into
 * p, which it initialises. false for an unknown name. */
bool pp_log_parser_init(pp_log_parser_t *p, const char *format);
/* Initialises p for a format already known (detect.c). */
void pp_log_parser_init_format(pp_log_parser_t *p, pp_log_format_t f);
void pp_log_parser_free(pp_log_parser_t *p);

/* One line (without its "\n"; a trailing "\r" is ignored). ENTRY fills
 * rec; BAD leaves a one-line reason in p->err; ENOMEM-free except for an
 * assembled URL, which on ENOMEM is BAD with "out of memory". */
pp_log_line_t pp_log_parse_line(pp_log_parser_t *p, const char *line, size_t len,
                                pp_log_rec_t *rec);

/* The format's name as the options spell it; never NULL. */
const char *pp_log_format_name(pp_log_format_t f);

/* Detection (detect.c): the format the first meaningful line of a file
 * shows. *decided false for a line that decides nothing (blank, a "#"
 * comment that is no W3C directive): ask again with the next line. */
pp_log_format_t pp_log_detect(const char *line, size_t len, bool *decided);

/* ---- the per-format parsers (one file each), called by log.c ---------- */
pp_log_line_t pp_log_squid_line(pp_log_parser_t *p, const char *line, size_t len,
                                pp_log_rec_t *rec);
pp_log_line_t pp_log_w3c_line(pp_log_parser_t *p, const char *line, size_t len, pp_log_rec_t *rec);
pp_log_line_t pp_log_combined_line(pp_log_parser_t *p, const char *line, size_t len,
                                   pp_log_rec_t *rec);
pp_log_line_t pp_log_csv_line(pp_log_parser_t *p, const char *line, size_t len, pp_log_rec_t *rec);

/* ---- helpers the parsers share (log.c) -------------------------------- */
/* A decimal byte count ("-" or empty = -1); false when not a number. */
bool pp_log_bytes(const char *s, size_t n, long long *out);
/* "host:port" of a CONNECT as https://host:port/ in p->url; false on
 * ENOMEM or a target with blanks or a '/'. */
bool pp_log_connect_url(pp_log_parser_t *p, const char *target, size_t n, pp_log_rec_t *rec);
/* Whether s[0..n) starts with an absolute URL's "scheme://". */
bool pp_log_has_scheme(const char *s, size_t n);

#endif
