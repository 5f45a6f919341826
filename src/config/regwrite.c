/* SPDX-License-Identifier: MIT */
/*
 * The .reg writer behind `sources --write-reg`: regedit's export format byte
 * for byte (windows-proxy-settings.md §4): UTF-16LE with BOM, CRLF, the
 * version 5.00 header, and hex: data wrapped the way Wine's
 * programs/regedit/regproc.c REGPROC_export_binary does (column limit 77,
 * "\" + CRLF + two spaces). Which values to write is collect.c's decision.
 */
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

#define HEX_LINE_LEN 77 /* REG_FILE_HEX_LINE_LEN */

static void put_name(pp_str_t *o, const char *name) {
  pp_str_putc(o, '"');
  for (; *name; name++) {
    if (*name == '\\' || *name == '"') pp_str_putc(o, '\\');
    pp_str_putc(o, *name);
  }
  pp_str_putc(o, '"');
}

static void put_binary(pp_str_t *o, const pp_reg_binary_t *v) {
  static const char hex[] = "0123456789abcdef";
  size_t start = o->len;
  put_name(o, v->name);
  pp_str_puts(o, "=hex:");
  size_t column = o->len - start;
  for (size_t i = 0; i < v->len; i++) {
    pp_str_putc(o, hex[v->data[i] >> 4]);
    pp_str_putc(o, hex[v->data[i] & 15]);
    if (i + 1 == v->len) break;
    pp_str_putc(o, ',');
    column += 3;
    if (column >= HEX_LINE_LEN) {
      pp_str_puts(o, "\\\r\n  ");
      column = 2;
    }
  }
  pp_str_puts(o, "\r\n");
}

/* Next code point of UTF-8 text; invalid bytes become U+FFFD. */
static unsigned next_cp(const unsigned char **p, const unsigned char *end) {
  unsigned c = *(*p)++, need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (c < 0x80) return c;
  if (c < 0xC0 || c > 0xF4 || (size_t)(end - *p) < need) return 0xFFFD;
  unsigned cp = c & (0x3F >> need);
  for (unsigned i = 0; i < need; i++) {
    if ((**p & 0xC0) != 0x80) return 0xFFFD;
    cp = (cp << 6) | (*(*p)++ & 0x3F);
  }
  return cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp;
}

static void put_unit(pp_str_t *o, unsigned u) {
  pp_str_putc(o, (char)(u & 0xff));
  pp_str_putc(o, (char)(u >> 8));
}

static void to_utf16(pp_str_t *o, const pp_str_t *in) {
  const unsigned char *p = (const unsigned char *)in->s, *end = p + in->len;
  pp_str_append(o, "\xFF\xFE", 2);
  while (p < end) {
    unsigned cp = next_cp(&p, end);
    if (cp >= 0x10000) {
      put_unit(o, 0xD800 + ((cp - 0x10000) >> 10));
      put_unit(o, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put_unit(o, cp);
    }
  }
}

pp_status_t pp_reg_write(const pp_reg_binary_t *v, size_t n, unsigned char **out, size_t *len) {
  pp_str_t text = PP_STR_INIT, utf16 = PP_STR_INIT;
  pp_status_t st = PP_OK;
  pp_str_puts(&text, "Windows Registry Editor Version 5.00\r\n\r\n");
  for (size_t i = 0; i < n; i++) {
    if (i == 0 || strcmp(v[i].key, v[i - 1].key) != 0) {
      if (i > 0) pp_str_puts(&text, "\r\n");
      pp_str_printf(&text, "[%s]\r\n", v[i].key);
    }
    put_binary(&text, &v[i]);
  }
  pp_str_puts(&text, "\r\n");
  to_utf16(&utf16, &text);
  if (text.oom || utf16.oom) {
    st = PP_ENOMEM;
    goto done;
  }
  *len = utf16.len;
  *out = (unsigned char *)pp_str_take(&utf16);
done:
  pp_str_free(&text);
  pp_str_free(&utf16);
  return st;
}
