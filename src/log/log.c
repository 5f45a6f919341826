/* SPDX-License-Identifier: MIT */
/*
 * The log parser front (log.h): format names, dispatch of a line to its
 * format's file, and the pieces every format needs (byte counts, CONNECT
 * targets as https URLs, "has a scheme"). Splitting a line into fields and
 * what the fields mean belong to squid.c, w3c.c, combined.c and csv.c.
 */
#include "log/log.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"

static const struct {
  const char *name;
  pp_log_format_t f;
} names[] = {
    {"squid", PP_LOG_SQUID},       {"w3c", PP_LOG_W3C},        {"iis", PP_LOG_W3C},
    {"bluecoat", PP_LOG_W3C},      {"proxysg", PP_LOG_W3C},    {"combined", PP_LOG_COMBINED},
    {"ncsa", PP_LOG_COMBINED},     {"apache", PP_LOG_COMBINED}, {"csv", PP_LOG_CSV},
    {"zscaler", PP_LOG_CSV},
};

void pp_log_parser_init_format(pp_log_parser_t *p, pp_log_format_t f) {
  memset(p, 0, sizeof(*p));
  p->format = f;
}

bool pp_log_parser_init(pp_log_parser_t *p, const char *format) {
  const char *colon = strchr(format, ':');
  size_t n = colon ? (size_t)(colon - format) : strlen(format);
  for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    if (strlen(names[i].name) != n || strncmp(names[i].name, format, n) != 0) continue;
    if (colon && (names[i].f != PP_LOG_CSV || !colon[1] || strlen(colon + 1) >= sizeof(p->csv_column)))
      return false;
    pp_log_parser_init_format(p, names[i].f);
    if (colon) snprintf(p->csv_column, sizeof(p->csv_column), "%s", colon + 1);
    return true;
  }
  return false;
}

void pp_log_parser_free(pp_log_parser_t *p) { pp_str_free(&p->url); }

const char *pp_log_format_name(pp_log_format_t f) {
  switch (f) {
  case PP_LOG_SQUID: return "squid";
  case PP_LOG_W3C: return "w3c";
  case PP_LOG_COMBINED: return "combined";
  case PP_LOG_CSV: return "csv";
  default: return "urls";
  }
}

pp_log_line_t pp_log_parse_line(pp_log_parser_t *p, const char *line, size_t len,
                                pp_log_rec_t *rec) {
  if (len > 0 && line[len - 1] == '\r') len--;
  rec->url = NULL;
  rec->url_len = 0;
  rec->bytes = -1;
  p->err[0] = '\0';
  switch (p->format) {
  case PP_LOG_SQUID: return pp_log_squid_line(p, line, len, rec);
  case PP_LOG_W3C: return pp_log_w3c_line(p, line, len, rec);
  case PP_LOG_COMBINED: return pp_log_combined_line(p, line, len, rec);
  case PP_LOG_CSV: return pp_log_csv_line(p, line, len, rec);
  default: break;
  }
  snprintf(p->err, sizeof(p->err), "not a log format");
  return PP_LOG_BAD;
}

bool pp_log_bytes(const char *s, size_t n, long long *out) {
  *out = -1;
  if (n == 0 || (n == 1 && s[0] == '-')) return true;
  if (n > 18) return false;
  long long v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool pp_log_connect_url(pp_log_parser_t *p, const char *target, size_t n, pp_log_rec_t *rec) {
  if (n == 0) return false;
  for (size_t i = 0; i < n; i++)
    if (target[i] == ' ' || target[i] == '\t' || target[i] == '/') return false;
  p->url.len = 0;
  if (p->url.s) p->url.s[0] = '\0';
  if (!pp_str_puts(&p->url, "https://") || !pp_str_append(&p->url, target, n) ||
      !pp_str_putc(&p->url, '/'))
    return false;
  rec->url = p->url.s;
  rec->url_len = p->url.len;
  return true;
}

bool pp_log_has_scheme(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                   (i > 0 && ((s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
                              s[i] == '.'))))
    i++;
  return i > 0 && i + 3 <= n && memcmp(s + i, "://", 3) == 0;
}
