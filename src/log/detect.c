/* SPDX-License-Identifier: MIT */
/*
 * Telling the log formats apart (log.h pp_log_detect) from a file's first
 * meaningful line, for -f FILE: W3C by its "#" directives, squid and
 * combined by parsing the line with their parsers, CSV by a header that
 * names a URL column. Anything else is a URL list, so every list that was
 * read before logs were keeps its meaning. Blank lines and "#" comments
 * decide nothing.
 */
#include "log/log.h"

#include <string.h>
#include <strings.h>

static bool w3c_directive(const char *s, size_t n) {
  static const char *const d[] = {"#Fields:", "#Software:", "#Version:", "#Date:", "#Remark:",
                                  "#Start-Date:", "#End-Date:"};
  for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
    if (n >= strlen(d[i]) && strncasecmp(s, d[i], strlen(d[i])) == 0) return true;
  return false;
}

/* Whether format f's parser takes the line as its own. */
static bool parses_as(pp_log_format_t f, const char *s, size_t n) {
  pp_log_parser_t p;
  pp_log_rec_t rec;
  pp_log_parser_init_format(&p, f);
  pp_log_line_t r = pp_log_parse_line(&p, s, n, &rec);
  bool origin_form = r == PP_LOG_BAD && strncmp(p.err, "request target", 14) == 0;
  bool ok = r == PP_LOG_ENTRY || (r == PP_LOG_SKIP && f != PP_LOG_CSV) || origin_form;
  if (f == PP_LOG_CSV) ok = r == PP_LOG_SKIP && p.have_layout;
  pp_log_parser_free(&p);
  return ok;
}

pp_log_format_t pp_log_detect(const char *line, size_t len, bool *decided) {
  size_t i = 0;
  while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) i++;
  const char *s = line + i;
  size_t n = len - i;
  *decided = false;
  if (n == 0) return PP_LOG_URLS;
  if (s[0] == '#') {
    if (!w3c_directive(s, n)) return PP_LOG_URLS;
    *decided = true;
    return PP_LOG_W3C;
  }
  *decided = true;
  if (parses_as(PP_LOG_SQUID, s, n)) return PP_LOG_SQUID;
  if (parses_as(PP_LOG_COMBINED, s, n)) return PP_LOG_COMBINED;
  bool url_inside = false;
  for (size_t k = 0; k + 3 <= n; k++)
    if (memcmp(s + k, "://", 3) == 0) url_inside = true;
  if (memchr(s, ',', n) && !url_inside && parses_as(PP_LOG_CSV, s, n)) return PP_LOG_CSV;
  return PP_LOG_URLS;
}
