/* SPDX-License-Identifier: MIT */
/*
 * The line reader under the .reg and netsh parsers: encoding detection by
 * BOM (windows-proxy-settings.md §4: regedit writes UTF-16LE with FF FE),
 * UTF-16 decoding with surrogate checks, and a byte-accurate map from every
 * decoded byte back to its file offset and line for error messages. Reads
 * through pp_buf only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

void pp_text_init(pp_text_t *t, const void *data, size_t len, const char *name, char *err,
                  size_t errlen) {
  memset(t, 0, sizeof(*t));
  pp_buf_init(&t->buf, data, len);
  t->name = name;
  t->err = err;
  t->errlen = errlen;
  if (pp_buf_match(&t->buf, "\xFF\xFE")) t->utf16 = true;
  else pp_buf_match(&t->buf, "\xEF\xBB\xBF");
}

void pp_text_free(pp_text_t *t) {
  pp_str_free(&t->line);
  free(t->offs);
  free(t->lines);
  t->offs = NULL;
  t->lines = NULL;
}

/* Appends n decoded bytes that came from file offset off. */
static bool put(pp_text_t *t, const char *p, size_t n, size_t off) {
  if (t->line.len + n + 1 > t->cap) {
    size_t cap = (t->line.len + n + 1) * 2 + 64;
    size_t *o = realloc(t->offs, cap * sizeof(*o));
    if (o) t->offs = o;
    unsigned *l = realloc(t->lines, cap * sizeof(*l));
    if (l) t->lines = l;
    if (!o || !l) return false;
    t->cap = cap;
  }
  for (size_t i = 0; i < n; i++) {
    t->offs[t->line.len + i] = off;
    t->lines[t->line.len + i] = t->lineno;
  }
  return pp_str_append(&t->line, p, n);
}

static void sentinel(pp_text_t *t, size_t off) {
  if (t->offs) {
    t->offs[t->line.len] = off;
    t->lines[t->line.len] = t->lineno;
  }
}

static bool get_unit(pp_text_t *t, unsigned *u) {
  int lo = pp_buf_get(&t->buf), hi = pp_buf_get(&t->buf);
  if (lo < 0 || hi < 0) return false;
  *u = (unsigned)lo | ((unsigned)hi << 8);
  return true;
}

/* UTF-8 encoding of one code point. */
static size_t utf8(unsigned cp, char *o) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | (cp >> 18));
  o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static pp_status_t unit_error(pp_text_t *t, size_t off, const char *why) {
  pp_set_err(t->err, t->errlen, "%s:%u: byte offset %zu: %s", t->name, t->lineno, off, why);
  return PP_EINVAL;
}

/* One UTF-16LE code point (or a line end) into the line. 1 ok, 0 line end,
 * -1 error. */
static int read_utf16(pp_text_t *t, size_t *skipping) {
  size_t off = t->buf.pos;
  unsigned u, lo;
  if (pp_buf_remaining(&t->buf) == 1) {
    t->status = unit_error(t, off, "odd number of bytes in a UTF-16LE file (truncated?)");
    return -1;
  }
  if (!get_unit(t, &u)) return 0;
  if (u == '\n') return 0;
  if (u == '\r') return 1; /* CR of CRLF: dropped */
  if (u >= 0xDC00 && u <= 0xDFFF) {
    t->status = unit_error(t, off, "unpaired UTF-16 low surrogate");
    return -1;
  }
  if (u >= 0xD800 && u <= 0xDBFF) {
    if (!get_unit(t, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
      t->status = unit_error(t, off, "unpaired UTF-16 high surrogate");
      return -1;
    }
    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
  }
  if (*skipping && (u == ' ' || u == '\t')) return 1;
  *skipping = 0;
  char o[4];
  if (!put(t, o, utf8(u, o), off)) {
    t->status = PP_ENOMEM;
    return -1;
  }
  return 1;
}

static int read_8bit(pp_text_t *t, bool append) {
  size_t off = t->buf.pos;
  const char *p;
  size_t n;
  if (!pp_buf_fetch_line(&t->buf, &p, &n)) return 0;
  if (append)
    while (n > 0 && (*p == ' ' || *p == '\t')) p++, n--, off++;
  for (size_t i = 0; i < n; i++)
    if (!put(t, p + i, 1, off + i)) {
      t->status = PP_ENOMEM;
      return -1;
    }
  sentinel(t, off + n);
  return 1;
}

int pp_text_read(pp_text_t *t, bool append) {
  if (!append) t->line.len = 0;
  if (!pp_str_append(&t->line, "", 0)) {
    t->status = PP_ENOMEM;
    return -1;
  }
  if (pp_buf_remaining(&t->buf) == 0) return 0;
  t->lineno++;
  if (!t->utf16) return read_8bit(t, append);
  size_t skipping = append;
  int r;
  while ((r = read_utf16(t, &skipping)) == 1) {}
  if (r < 0) return -1;
  sentinel(t, t->buf.pos);
  return 1;
}

pp_status_t pp_text_error(pp_text_t *t, size_t i, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  size_t off = t->offs && i <= t->line.len ? t->offs[i] : t->buf.pos;
  unsigned line = t->lines && i <= t->line.len ? t->lines[i] : t->lineno;
  pp_set_err(t->err, t->errlen, "%s:%u: byte offset %zu: %s", t->name, line, off, msg);
  return PP_EINVAL;
}
