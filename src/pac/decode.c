/* SPDX-License-Identifier: MIT */
/*
 * PAC bytes -> the UTF-8 text the engine compiles, decoded the way the
 * emulated client decodes a PAC (docs/browsers.md "Decoding a PAC"). Reading
 * the bytes is src/wpad/fetch.c's business (it hands over the response's
 * charset); what the text means is the engine's.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pacprobe.h"
#include "util/str.h"

/*
 * Per client:
 *   chrome, winhttp  Chromium's PacFileFetcherImpl (net/proxy_resolution/
 *       pac_file_fetcher_impl.cc, ConvertResponseToUTF16): the response's
 *       charset when it names one (bytes it cannot decode become U+FFFD);
 *       else a byte-order mark (FE FF UTF-16BE, FF FE UTF-16LE, EF BB BF
 *       UTF-8), stripped; else ISO-8859-1. Chromium fetches no file: PAC
 *       (IsUrlSchemeAllowed: http, https, data only), so a local file is
 *       read as the same bytes served without a charset. WinHTTP is not
 *       documented; Edge is Chromium, so winhttp follows it.
 *   firefox, pacparser  Firefox's ProxyAutoConfig::ConfigurePAC
 *       (netwerk/base/ProxyAutoConfig.cpp): UTF-8 when the whole script is
 *       valid UTF-8, else Latin-1 (bug 296163); the charset is not consulted
 *       (nsPACMan hands the raw bytes over), and a file: PAC is read the
 *       same way. pacparser: not verified; Firefox's rule is assumed.
 *   pac-resolver  Node's Buffer.toString('utf8') (pac-proxy-agent): UTF-8,
 *       invalid sequences become U+FFFD, a BOM is kept as U+FEFF.
 *   libproxy  the bytes as they are: its Duktape refuses invalid UTF-8
 *       ("source decode failed"), as pacprobe's own engine then does.
 */

static const char UTF8_BOM[] = "\xEF\xBB\xBF";

/* Length of the valid UTF-8 sequence at p (1-4), 0 when invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n) {
  if (p[0] < 0x80) return 1;
  size_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (len == 0 || p[0] > 0xF4 || len > n) return 0;
  for (size_t i = 1; i < len; i++)
    if ((p[i] & 0xC0) != 0x80) return 0;
  if (len == 3 && p[0] == 0xE0 && p[1] < 0xA0) return 0; /* overlong */
  if (len == 3 && p[0] == 0xED && p[1] >= 0xA0) return 0; /* surrogate */
  if (len == 4 && p[0] == 0xF0 && p[1] < 0x90) return 0; /* overlong */
  if (len == 4 && p[0] == 0xF4 && p[1] >= 0x90) return 0; /* > U+10FFFF */
  return len;
}

static bool all_ascii(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return false;
  return true;
}

static bool valid_utf8(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0, k; i < n; i += k)
    if ((k = utf8_seq(p + i, n - i)) == 0) return false;
  return true;
}

static void put_cp(pp_str_t *o, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) b[0] = (char)cp, n = 1;
  else if (cp < 0x800) b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
  else if (cp < 0x10000)
    b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
    b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
  else
    b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
  pp_str_append(o, b, n);
}

static void from_latin1(pp_str_t *o, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) put_cp(o, (unsigned char)s[i]);
}

/* UTF-8 with every invalid byte replaced by U+FFFD (WHATWG "decode"). */
static void from_utf8_lossy(pp_str_t *o, const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0, k; i < n; i += k ? k : 1) {
    if ((k = utf8_seq(p + i, n - i)) != 0) pp_str_append(o, s + i, k);
    else put_cp(o, 0xFFFD);
  }
}

/* Any charset iconv knows; an undecodable byte becomes U+FFFD and is
 * skipped (Chromium: ConvertToUTF16WithSubstitutions). */
static pp_status_t from_charset(pp_str_t *o, const char *s, size_t n, const char *cs,
                                char *err, size_t errlen) {
  iconv_t cd = iconv_open("UTF-8", cs);
  if (cd == (iconv_t)-1) {
    pp_set_err(err, errlen, "the PAC's charset '%.40s' is not known to this system", cs);
    return PP_EINVAL;
  }
  char *in = (char *)s, buf[4096];
  size_t left = n;
  while (left > 0 && !o->oom) {
    char *out = buf;
    size_t room = sizeof(buf);
    size_t r = iconv(cd, &in, &left, &out, &room);
    pp_str_append(o, buf, (size_t)(out - buf));
    if (r != (size_t)-1 || errno == E2BIG) continue;
    put_cp(o, 0xFFFD); /* EILSEQ or a cut sequence at the end */
    in++, left--;
    iconv(cd, NULL, NULL, NULL, NULL);
  }
  iconv_close(cd);
  return PP_OK;
}

/* Chromium: charset, else BOM, else Latin-1. */
static pp_status_t chromium(pp_str_t *o, const char *s, size_t n, const char *charset,
                            const char **how, char *err, size_t errlen) {
  static const struct { const char *bom; size_t len; const char *cs; } boms[] = {
      {"\xFE\xFF", 2, "UTF-16BE"}, {"\xFF\xFE", 2, "UTF-16LE"}, {UTF8_BOM, 3, "UTF-8"}};
  if (charset && *charset) {
    *how = "the charset the server named";
    return from_charset(o, s, n, charset, err, errlen);
  }
  for (size_t i = 0; i < sizeof(boms) / sizeof(boms[0]); i++) {
    if (n < boms[i].len || memcmp(s, boms[i].bom, boms[i].len) != 0) continue;
    if (boms[i].len == 2) *how = "UTF-16 (its byte-order mark)";
    return from_charset(o, s + boms[i].len, n - boms[i].len, boms[i].cs, err, errlen);
  }
  if (all_ascii(s, n)) return pp_str_append(o, s, n) ? PP_OK : PP_ENOMEM;
  *how = "ISO-8859-1 (no charset, no byte-order mark)";
  from_latin1(o, s, n);
  return PP_OK;
}

pp_status_t pp_pac_decode(const char *bytes, size_t len, const char *charset,
                          pp_emulation_t mode, char **out, size_t *outlen, const char **how,
                          char *err, size_t errlen) {
  pp_str_t o = PP_STR_INIT;
  pp_status_t st = PP_OK;
  *how = NULL;
  *out = NULL;
  *outlen = 0;
  switch (mode) {
  case PP_EMU_CHROME:
  case PP_EMU_WINHTTP:
    st = chromium(&o, bytes, len, charset, how, err, errlen);
    break;
  case PP_EMU_PAC_RESOLVER:
    if (!valid_utf8(bytes, len)) *how = "UTF-8, invalid bytes replaced by U+FFFD";
    from_utf8_lossy(&o, bytes, len);
    break;
  case PP_EMU_LIBPROXY:
    pp_str_append(&o, bytes, len);
    break;
  default: /* firefox, pacparser */
    if (valid_utf8(bytes, len)) {
      pp_str_append(&o, bytes, len);
    } else {
      *how = "ISO-8859-1 (the script is not valid UTF-8)";
      from_latin1(&o, bytes, len);
    }
    break;
  }
  if (st == PP_OK && o.oom) st = PP_ENOMEM;
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  if (st != PP_OK) {
    pp_str_free(&o);
    *how = NULL;
    return st;
  }
  *outlen = o.len;
  *out = pp_str_take(&o);
  return *out ? PP_OK : PP_ENOMEM;
}

char *pp_pac_charset_param(const char *content_type) {
  const char *p = content_type;
  while (p && (p = strchr(p, ';')) != NULL) {
    p++;
    while (*p == ' ' || *p == '\t') p++;
    if (strncasecmp(p, "charset=", 8) != 0) continue;
    p += 8;
    bool quoted = *p == '"';
    p += quoted;
    size_t n = strcspn(p, quoted ? "\"" : "; \t");
    return n ? pp_strndup(p, n) : NULL;
  }
  return NULL;
}
