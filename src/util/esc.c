/* SPDX-License-Identifier: MIT */
/*
 * The one escaping function for foreign text printed as text (issue 15
 * item 8, docs/security.md "Output integrity"): PAC results and alert()
 * text, network answers, lease files and registry values never reach a
 * terminal raw. JSON keeps the exact string (jansson escapes it); src/cli
 * calls this through pp_safe (src/cli/safe.c) and msg.c.
 */
#include "util/esc.h"

#include <stdint.h>

/* Length of the valid UTF-8 sequence at s (n bytes left) and its code
 * point, or 0 when the bytes are not valid UTF-8 (overlong, surrogate,
 * past U+10FFFF, cut short). */
static size_t utf8(const unsigned char *s, size_t n, uint32_t *cp) {
  size_t len;
  uint32_t c, min;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) len = 2, c = s[0] & 0x1f, min = 0x80;
  else if (s[0] >= 0xe0 && s[0] <= 0xef) len = 3, c = s[0] & 0x0f, min = 0x800;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4) len = 4, c = s[0] & 0x07, min = 0x10000;
  else return 0;
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3f);
  }
  if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return 0;
  *cp = c;
  return len;
}

/* C1 controls, bidi overrides/isolates/marks, zero-width and line/paragraph
 * separators: invisible, or they reorder or end what the reader sees. */
static bool hidden(uint32_t c) {
  return (c >= 0x80 && c <= 0x9f) || c == 0x061c || (c >= 0x200b && c <= 0x200f) ||
         (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff;
}

/* Bytes of the character at s that are safe to copy, 0 when it needs an
 * escape (*cp the code point, or the byte when not UTF-8: *bad). */
static size_t safe_len(const unsigned char *s, size_t n, uint32_t *cp, bool *bad) {
  *bad = false;
  *cp = s[0];
  if (s[0] < 0x20 || s[0] == 0x7f) return 0;
  if (s[0] < 0x80) return 1;
  size_t len = utf8(s, n, cp);
  if (!len) {
    *bad = true;
    return 0;
  }
  return hidden(*cp) ? 0 : len;
}

bool pp_esc_needed(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    bool bad;
    size_t k = safe_len(u + i, n - i, &cp, &bad);
    if (!k) return true;
    i += k;
  }
  return false;
}

bool pp_esc_text(pp_str_t *o, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    bool bad;
    size_t k = safe_len(u + i, n - i, &cp, &bad);
    if (k) {
      pp_str_append(o, s + i, k);
      i += k;
      continue;
    }
    if (cp == '\n') pp_str_puts(o, "\\n");
    else if (cp == '\r') pp_str_puts(o, "\\r");
    else if (cp == '\t') pp_str_puts(o, "\\t");
    else if (bad || cp < 0x80) pp_str_printf(o, "\\x%02x", (unsigned)u[i]);
    else pp_str_printf(o, "\\u%04x", (unsigned)cp);
    if (bad || cp < 0x80) i++;
    else i += utf8(u + i, n - i, &cp);
  }
  return !o->oom;
}
