/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the proxy log parsers and the format detection
 * (src/log, issue 22). Byte 0 picks the format (squid, w3c, combined, csv,
 * csv:url, or detection), the rest is split into lines, each parsed by
 * one parser in turn (headers apply to the lines after them) from an
 * exact-size heap copy, so a read past the line is caught. Invariants: an
 * entry has a non-empty URL without NUL that lies in the line or the
 * parser's own buffer; a malformed line has a one-line reason.
 */
#include "fuzz.h"
#include "log/log.h"

static const char *const formats[] = {"squid", "w3c", "combined", "csv", "csv:url"};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static void check_line(pp_log_parser_t *p, const char *line, size_t n) {
  pp_log_rec_t rec;
  pp_log_line_t r = pp_log_parse_line(p, line, n, &rec);
  if (r == PP_LOG_ENTRY) {
    if (!rec.url || rec.url_len == 0) abort();
    bool in_line = rec.url >= line && rec.url + rec.url_len <= line + n;
    bool in_buf = p->url.s && rec.url == p->url.s && rec.url_len == p->url.len;
    if (!in_line && !in_buf) abort();
    if (rec.bytes < -1) abort();
  } else if (r == PP_LOG_BAD) {
    if (!p->err[0] || strchr(p->err, '\n')) abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  size_t pick = data[0] % (NFORMATS + 1);
  pp_log_parser_t p;
  bool decided = pick == NFORMATS;
  if (!decided) pp_log_parser_init(&p, formats[pick]);
  const uint8_t *s = data + 1, *end = data + size;
  while (s <= end) {
    const uint8_t *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    char *line = malloc(n ? n : 1);
    if (!line) break;
    memcpy(line, s, n);
    if (decided) { /* detection first, then the detected parser */
      bool d;
      pp_log_format_t f = pp_log_detect(line, n, &d);
      if (d && f != PP_LOG_URLS) {
        pp_log_parser_init_format(&p, f);
        decided = false;
      }
    }
    if (!decided) check_line(&p, line, n);
    free(line);
    if (!nl) break;
    s = nl + 1;
  }
  if (!decided) pp_log_parser_free(&p);
  return 0;
}
