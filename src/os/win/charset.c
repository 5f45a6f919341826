/* SPDX-License-Identifier: MIT */
/*
 * Charset conversion on Windows (src/os/os.h pp_os_to_utf8): the charset
 * name mapped to a code page (the names PAC servers send; Windows has no
 * iconv), MultiByteToWideChar, which turns bytes it cannot decode into
 * U+FFFD as iconv's caller does; UTF-16 is decoded here (code pages 1200
 * and 1201 are not MultiByteToWideChar's). docs/windows.md.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "util/str.h"

static const struct { const char *name; UINT cp; } CHARSETS[] = {
    {"utf-8", 65001},        {"utf8", 65001},         {"us-ascii", 20127},
    {"ascii", 20127},        {"iso-8859-1", 28591},   {"latin1", 28591},
    {"iso-8859-2", 28592},   {"iso-8859-5", 28595},   {"iso-8859-7", 28597},
    {"iso-8859-9", 28599},   {"iso-8859-15", 28605},  {"windows-1250", 1250},
    {"windows-1251", 1251},  {"windows-1252", 1252},  {"windows-1253", 1253},
    {"windows-1254", 1254},  {"windows-1257", 1257},  {"koi8-r", 20866},
    {"koi8-u", 21866},       {"shift_jis", 932},      {"sjis", 932},
    {"euc-jp", 20932},       {"gb2312", 936},         {"gbk", 936},
    {"gb18030", 54936},      {"big5", 950},           {"euc-kr", 51949},
    {"utf-16le", 1200},      {"utf-16be", 1201},      {"utf-16", 1201},
};

static void put_utf16(pp_str_t *o, const unsigned char *p, size_t n, bool be) {
  for (size_t i = 0; i + 1 < n; i += 2) {
    unsigned u = be ? (unsigned)p[i] << 8 | p[i + 1] : (unsigned)p[i + 1] << 8 | p[i];
    wchar_t w[2] = {(wchar_t)u, 0};
    int k = 1;
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
      unsigned l = be ? (unsigned)p[i + 2] << 8 | p[i + 3] : (unsigned)p[i + 3] << 8 | p[i + 2];
      if (l >= 0xDC00 && l <= 0xDFFF) w[1] = (wchar_t)l, k = 2, i += 2;
    }
    char b[8];
    int m = WideCharToMultiByte(CP_UTF8, 0, w, k, b, sizeof(b), NULL, NULL);
    if (m > 0) pp_str_append(o, b, (size_t)m);
  }
  if (n % 2) pp_str_append(o, "\xEF\xBF\xBD", 3); /* a cut unit at the end */
}

static bool put_cp(pp_str_t *o, UINT cp, const char *s, size_t n) {
  if (n == 0) return true;
  if (n > 0x7fffffff) return false;
  int wn = MultiByteToWideChar(cp, 0, s, (int)n, NULL, 0);
  wchar_t *w = wn > 0 ? malloc((size_t)wn * sizeof(*w)) : NULL;
  if (!w) return wn <= 0;
  MultiByteToWideChar(cp, 0, s, (int)n, w, wn);
  int bn = WideCharToMultiByte(CP_UTF8, 0, w, wn, NULL, 0, NULL, NULL);
  char *b = bn > 0 ? malloc((size_t)bn) : NULL;
  if (b) {
    WideCharToMultiByte(CP_UTF8, 0, w, wn, b, bn, NULL, NULL);
    pp_str_append(o, b, (size_t)bn);
  }
  free(w);
  free(b);
  return b != NULL || bn <= 0;
}

char *pp_os_to_utf8(const char *cs, const char *s, size_t n, size_t *outlen, bool *known) {
  UINT cp = 0;
  for (size_t i = 0; !cp && i < sizeof(CHARSETS) / sizeof(CHARSETS[0]); i++)
    if (strcasecmp(cs, CHARSETS[i].name) == 0) cp = CHARSETS[i].cp;
  *known = cp != 0 && (cp == 1200 || cp == 1201 || IsValidCodePage(cp));
  if (!*known) return NULL;
  pp_str_t o = PP_STR_INIT;
  if (cp == 1200 || cp == 1201) put_utf16(&o, (const unsigned char *)s, n, cp == 1201);
  else if (!put_cp(&o, cp, s, n)) o.oom = true;
  pp_str_append(&o, "", 0);
  *outlen = o.len;
  return pp_str_take(&o);
}
