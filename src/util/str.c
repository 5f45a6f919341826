/* SPDX-License-Identifier: MIT */
/*
 * Growable strings, string lists and the small string helpers shared by every
 * stage. Allocation failure is recorded on the string (sticky) rather than
 * checked at each append, which keeps formatting code flat.
 */
#include "util/str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(pp_str_t *s, size_t need) {
  if (s->oom) return false;
  if (s->len + need + 1 <= s->cap) return true;
  size_t cap = s->cap ? s->cap : 64;
  while (cap < s->len + need + 1) {
    if (cap > (size_t)-1 / 2) goto fail;
    cap *= 2;
  }
  char *p = realloc(s->s, cap);
  if (!p) goto fail;
  s->s = p;
  s->cap = cap;
  return true;
fail:
  s->oom = true;
  return false;
}

bool pp_str_append(pp_str_t *s, const char *p, size_t n) {
  if (!grow(s, n)) return false;
  if (n) memcpy(s->s + s->len, p, n);
  s->len += n;
  s->s[s->len] = '\0';
  return true;
}

bool pp_str_puts(pp_str_t *s, const char *p) { return pp_str_append(s, p, strlen(p)); }

bool pp_str_putc(pp_str_t *s, char c) { return pp_str_append(s, &c, 1); }

bool pp_str_printf(pp_str_t *s, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || !grow(s, (size_t)n)) return false;
  va_start(ap, fmt);
  vsnprintf(s->s + s->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  s->len += (size_t)n;
  return true;
}

char *pp_vformat(const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  char *out = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (out) vsnprintf(out, (size_t)n + 1, fmt, ap);
  return out;
}

char *pp_str_take(pp_str_t *s) {
  char *r = NULL;
  if (!s->oom) r = s->s ? s->s : strdup("");
  else free(s->s);
  s->s = NULL;
  s->len = s->cap = 0;
  s->oom = false;
  return r;
}

void pp_str_free(pp_str_t *s) {
  free(s->s);
  s->s = NULL;
  s->len = s->cap = 0;
  s->oom = false;
}

char *pp_strndup(const char *p, size_t n) {
  char *r = malloc(n + 1);
  if (!r) return NULL;
  memcpy(r, p, n);
  r[n] = '\0';
  return r;
}

bool pp_strlist_push(char ***list, size_t *n, const char *s) {
  char *copy = strdup(s);
  if (!copy) return false;
  char **l = realloc(*list, (*n + 1) * sizeof(*l));
  if (!l) {
    free(copy);
    return false;
  }
  l[(*n)++] = copy;
  *list = l;
  return true;
}

void pp_strlist_free(char **list, size_t n) {
  for (size_t i = 0; i < n; i++) free(list[i]);
  free(list);
}

void pp_ascii_lower(char *s) {
  for (; *s; s++)
    if (*s >= 'A' && *s <= 'Z') *s = (char)(*s - 'A' + 'a');
}

void pp_set_err(char *err, size_t errlen, const char *fmt, ...) {
  if (!err || !errlen) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  /* Every API documents its err as one line, but reasons quote the input
   * ("invalid port \"1<LF>\""): a line break there would split a
   * diagnostic (found by tests/fuzz/fuzz_url.c). */
  for (char *p = err; *p; p++)
    if (*p == '\n' || *p == '\r') *p = ' ';
}

size_t pp_js_line_end(const char *p, const char *end) {
  if (*p == '\n') return 1;
  if (*p == '\r') return p + 1 < end && p[1] == '\n' ? 2 : 1;
  if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
      ((unsigned char)p[2] == 0xA8 || (unsigned char)p[2] == 0xA9))
    return 3;
  return 0;
}
