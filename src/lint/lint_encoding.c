/* SPDX-License-Identifier: MIT */
/*
 * Bytes that are not UTF-8 (docs/lint.md#encoding). Browsers read such a
 * PAC (Chromium decodes a PAC served without a charset as ISO-8859-1;
 * editors still save Latin-1 comments), but pacprobe's engine takes UTF-8
 * only. Lint reports each such line once, with the byte and its column, and
 * goes on with a copy where every such byte is '?', so the rest of the
 * script is still checked instead of one "syntax error at 1:1".
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"

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

pp_status_t pp_lint_check_encoding(const char *text, size_t len, const char *name,
                                   pp_lint_report_t *rep, char **clean) {
  *clean = NULL;
  const unsigned char *s = (const unsigned char *)text;
  int line = 1, col = 1, reported_line = 0;
  for (size_t i = 0; i < len;) {
    size_t n = utf8_len(s + i, len - i);
    if (n == 0) {
      if (!*clean) {
        *clean = malloc(len ? len : 1);
        if (!*clean) return PP_ENOMEM;
        memcpy(*clean, text, len);
      }
      (*clean)[i] = '?';
      if (line != reported_line &&
          pp_lint_add(rep, name, line, col, PP_LINT_WARNING, "encoding",
                      "byte 0x%02X is not UTF-8 (ISO-8859-1 '%s'): browsers read it as "
                      "ISO-8859-1, pacprobe's engine only reads UTF-8; lint checks the rest "
                      "with '?' in its place",
                      s[i], s[i] >= 0xa0 ? "a Latin-1 letter or sign" : "a control character") != PP_OK)
        return PP_ENOMEM;
      reported_line = line;
      n = 1;
    } else if (s[i] == '\n') {
      line++;
      col = 0;
    }
    i += n;
    col++;
  }
  return PP_OK;
}
