/* SPDX-License-Identifier: MIT */
/*
 * The path of the URL a PAC script sees (issue 16 item 2): dot segments
 * removed and '\' read as '/', as Chromium's GURL (url/url_canon_path.cc,
 * DoPartialPathInternal) and the URL Standard (Node's `new URL`) write a
 * path. Splitting the URL and choosing what each client keeps is url.c.
 */
#include "pac/url_path.h"

#include <string.h>
#include <strings.h>

/*
 * Segments are the text between separators ('/', and '\' in a special
 * scheme). A "." segment is dropped, a ".." segment drops the segment
 * before it (never the leading '/'); when either is the last segment the
 * path keeps its trailing '/' ("/a/.." -> "/", "/a/." -> "/a/"). Spellings,
 * the same in both dialects: "." "%2e" are single-dot segments; "..",
 * ".%2e", "%2e.", "%2e%2e" double-dot; any other %2e stays escaped.
 * Chromium 156 measured: "/x/%2e%2e/y/%2E/a%2eb" reaches the script as
 * "/y/a%2eb" (older url_canon_path.cc turned every %2e into '.').
 * Repeated slashes are kept ("//x" stays), as both write them.
 */

bool pp_url_scheme_is_special(const char *scheme) {
  static const char *const special[] = {"http", "https", "ws", "wss", "ftp", "file"};
  for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++)
    if (strcmp(scheme, special[i]) == 0) return true;
  return false;
}

void pp_url_append_encoded(pp_str_t *s, const char *p, size_t n, const char *extra) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c <= 0x20 || c >= 0x7f || strchr(extra, c)) pp_str_printf(s, "%%%02X", c);
    else pp_str_putc(s, (char)c);
  }
}

static bool is_esc_dot(const char *p, size_t n) {
  return n >= 3 && p[0] == '%' && p[1] == '2' && (p[2] == 'e' || p[2] == 'E');
}

/* 0 not a dot segment, 1 ".", 2 "..". */
static int dot_kind(const char *p, size_t n) {
  size_t dots = 0;
  for (size_t i = 0; i < n; dots++) {
    if (p[i] == '.') i++;
    else if (is_esc_dot(p + i, n - i)) i += 3;
    else return 0;
  }
  return dots == 1 ? 1 : dots == 2 ? 2 : 0;
}

/* Drops the last segment of s (s ends with '/'; the path starts at base). */
static void back_up(pp_str_t *s, size_t base) {
  if (s->len <= base + 1) return;
  size_t i = s->len - 1;
  do i--; while (i > base && s->s[i] != '/');
  s->len = i + 1;
  s->s[s->len] = '\0';
}

/* One ordinary segment, encoded. */
static void put_segment(pp_str_t *s, const char *p, size_t n, pp_url_dialect_t d) {
  (void)d; /* both keep a %2e that is not a dot segment (measured, see above) */
  pp_url_append_encoded(s, p, n, "\"<>`{}");
}

void pp_url_path_canon(pp_str_t *s, const char *p, size_t n, bool special,
                       pp_url_dialect_t dialect) {
  const char *seps = special ? "/\\" : "/";
  size_t base = s->len, i = 0;
  pp_str_putc(s, '/');
  if (n > 0 && strchr(seps, p[0])) i = 1; /* the leading separator */
  while (!s->oom) {
    size_t k = i;
    while (k < n && !strchr(seps, p[k])) k++;
    bool last = k >= n;
    int dots = dot_kind(p + i, k - i);
    if (dots == 2) back_up(s, base);
    if (dots == 0) {
      put_segment(s, p + i, k - i, dialect);
      if (!last) pp_str_putc(s, '/');
    }
    if (last) break;
    i = k + 1;
  }
}
