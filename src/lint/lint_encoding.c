/* SPDX-License-Identifier: MIT */
/*
 * Bytes that are not UTF-8 (docs/lint.md#encoding). Browsers read such a
 * PAC (Chromium decodes a PAC served without a charset as ISO-8859-1;
 * editors still save Latin-1 comments), but pacprobe's engine takes UTF-8
 * only. Lint reports each such line once, with the byte and its column, and
 * goes on with a copy where every such byte is read as ISO-8859-1 (U+0080
 * to U+00FF, one code point, so lines and columns stay the same), so the
 * rest of the script is checked as a browser sees it instead of one
 * "syntax error at 1:1".
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"
#include "util/str.h"

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), 0 when there is none. */
static size_t utf8_len(const unsigned char *p, size_t left) {
  if (p[0] < 0x80) return 1;
  size_t n = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : p[0] >= 0xc2 ? 2 : 0;
  if (n == 0 || n > left || p[0] > 0xf4) return 0;
  for (size_t i = 1; i < n; i++)
    if ((p[i] & 0xc0) != 0x80) return 0;
  if (n == 3 && p[0] == 0xe0 && p[1] < 0xa0) return 0; /* overlong */
  if (n == 3 && p[0] == 0xed && p[1] >= 0xa0) return 0; /* surrogate */
  if (n == 4 && p[0] == 0xf0 && p[1] < 0x90) return 0;  /* overlong */
  if (n == 4 && p[0] == 0xf4 && p[1] >= 0x90) return 0; /* past U+10FFFF */
  return n;
}

static pp_status_t report(pp_lint_report_t *rep, const char *name, int line, int col,
                          unsigned char byte) {
  return pp_lint_add(rep, name, line, col, PP_LINT_WARNING, "encoding",
                     "byte 0x%02X is not UTF-8: browsers read the file as ISO-8859-1 (U+%04X), "
                     "pacprobe's engine only reads UTF-8; lint reads it as a browser does",
                     byte, byte);
}

pp_status_t pp_lint_check_encoding(const char *text, size_t len, const char *name,
                                   pp_lint_report_t *rep, char **clean, size_t *cleanlen) {
  *clean = NULL;
  *cleanlen = 0;
  const unsigned char *s = (const unsigned char *)text;
  pp_str_t out = PP_STR_INIT;
  size_t copied = 0; /* bytes of text already in out */
  int line = 1, col = 1, reported_line = 0;
  for (size_t i = 0; i < len;) {
    size_t n = utf8_len(s + i, len - i);
    if (n == 0) {
      char latin1[2] = {(char)(0xc0 | (s[i] >> 6)), (char)(0x80 | (s[i] & 0x3f))};
      pp_str_append(&out, text + copied, i - copied);
      pp_str_append(&out, latin1, 2);
      copied = i + 1;
      if (line != reported_line && report(rep, name, line, col, s[i]) != PP_OK) {
        free(pp_str_take(&out));
        return PP_ENOMEM;
      }
      reported_line = line;
      n = 1;
    } else if (s[i] == '\n') {
      line++;
      col = 0;
    }
    i += n;
    col++;
  }
  if (copied == 0) return PP_OK; /* UTF-8 throughout (or empty) */
  pp_str_append(&out, text + copied, len - copied);
  *cleanlen = out.len;
  *clean = pp_str_take(&out);
  return *clean ? PP_OK : PP_ENOMEM;
}
