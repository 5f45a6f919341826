/* SPDX-License-Identifier: MIT */
/*
 * The .reg export reader (windows-proxy-settings.md §4): header check, key
 * headers, "name"=data pairs with string, dword and hex(N) data, ",\"
 * continuations and ';' comments. It only turns text into typed values;
 * what the values mean (blobs, accounts) is collect.c's job. Reads through
 * pp_text/pp_buf, so every error names file:line and the byte offset.
 */
#include <stdlib.h>
#include <string.h>

#include "config/config_int.h"

/* regedit's two headers; regedit rejects UTF-16 without BOM or big-endian
 * ("The specified file is not a registry script"), so do we. */
#define HDR5 "Windows Registry Editor Version 5.00"
#define HDR4 "REGEDIT4"

typedef struct parser {
  pp_text_t t;
  pp_reg_file_t *out;
  char *key;      /* current key, NULL before the first or after [-key] */
  bool key_deleted;
} parser_t;

static bool is_blank(int c) { return c == ' ' || c == '\t'; }

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static pp_status_t check_header(parser_t *p) {
  int r = pp_text_read(&p->t, false);
  if (r < 0) return p->t.status;
  const char *s = p->t.line.s;
  size_t n = p->t.line.len;
  while (n > 0 && is_blank(s[n - 1])) n--;
  if (r == 1 && n == strlen(HDR5) && memcmp(s, HDR5, n) == 0) return PP_OK;
  if (r == 1 && n == strlen(HDR4) && memcmp(s, HDR4, n) == 0) {
    p->out->regedit4 = true;
    return PP_OK;
  }
  return pp_text_error(&p->t, 0, "not a registry script: the first line must be \"%s\" or \"%s\"",
                       HDR5, HDR4);
}

static pp_status_t key_line(parser_t *p, pp_buf_t *b) {
  const char *s = p->t.line.s;
  size_t end = p->t.line.len;
  while (end > 0 && is_blank(s[end - 1])) end--;
  if (end == 0 || s[end - 1] != ']')
    return pp_text_error(&p->t, end, "key header without a closing ']'");
  pp_buf_get(b); /* '[' */
  p->key_deleted = pp_buf_match(b, "-");
  size_t start = b->pos;
  free(p->key);
  p->key = pp_strndup(s + start, end - 1 - start);
  if (!p->key) return PP_ENOMEM;
  if (!*p->key) return pp_text_error(&p->t, start, "empty key name");
  return PP_OK;
}

/* A quoted string at b (after its opening quote): \\ and \" escapes. */
static pp_status_t quoted(parser_t *p, pp_buf_t *b, pp_str_t *o) {
  for (;;) {
    size_t at = b->pos;
    int c = pp_buf_get(b);
    if (c < 0) return pp_text_error(&p->t, at, "missing closing '\"'");
    if (c == '"') return o->oom ? PP_ENOMEM : PP_OK;
    if (c == '\\') {
      int e = pp_buf_peek(b);
      if (e == '\\' || e == '"') c = pp_buf_get(b);
      else if (e == 'n') pp_buf_get(b), c = '\n';
      else if (e == 'r') pp_buf_get(b), c = '\r';
      else if (e == '0') pp_buf_get(b), c = 0;
    }
    pp_str_putc(o, (char)c);
  }
}

/* After the data: blanks, then nothing or a ';' comment. */
static pp_status_t line_end(parser_t *p, pp_buf_t *b) {
  pp_buf_skip_blanks(b);
  int c = pp_buf_peek(b);
  if (c < 0 || c == ';') return PP_OK;
  return pp_text_error(&p->t, b->pos, "unexpected '%c' after the value data", c);
}

/* Joins ",\" continuation lines onto the current logical line. */
static pp_status_t join(parser_t *p) {
  for (;;) {
    pp_str_t *l = &p->t.line;
    size_t n = l->len;
    while (n > 0 && is_blank(l->s[n - 1])) n--;
    if (n == 0 || l->s[n - 1] != '\\') return PP_OK;
    l->len = n - 1;
    l->s[l->len] = '\0';
    int r = pp_text_read(&p->t, true);
    if (r < 0) return p->t.status;
    if (r == 0) return pp_text_error(&p->t, l->len, "'\\' continuation at the end of the file");
  }
}

static pp_status_t hex_bytes(parser_t *p, pp_buf_t *b, pp_str_t *o) {
  for (;;) {
    pp_buf_skip_blanks(b);
    int c = pp_buf_peek(b);
    if (c < 0 || c == ';') return o->oom ? PP_ENOMEM : PP_OK;
    size_t at = b->pos;
    int h = hexval(pp_buf_get(b)), l = hexval(pp_buf_peek(b));
    if (h < 0) return pp_text_error(&p->t, at, "bad hex byte starting '%c'", c);
    if (l < 0) {
      /* regedit always writes two digits: one digit is a cut-off export,
       * never the byte 0x0N (issue 15 item 12) */
      pp_buf_skip_blanks(b);
      int n = pp_buf_peek(b);
      if (n < 0 || n == ';')
        return pp_text_error(&p->t, at, "hex value truncated: it ends in half a byte ('%c')", c);
      return pp_text_error(&p->t, at, "bad hex byte '%c': one digit (a byte is two hex digits)", c);
    }
    int v = h * 16 + hexval(pp_buf_get(b));
    if (hexval(pp_buf_peek(b)) >= 0)
      return pp_text_error(&p->t, at, "bad hex byte: more than two digits");
    pp_str_putc(o, (char)v);
    pp_buf_skip_blanks(b);
    c = pp_buf_peek(b);
    if (c == ',') pp_buf_get(b);
    else if (c >= 0 && c != ';')
      return pp_text_error(&p->t, b->pos, "bad hex byte: expected ',' not '%c'", c);
  }
}

static pp_status_t typed_hex(parser_t *p, pp_buf_t *b, pp_reg_value_t *v, pp_str_t *o) {
  v->type = PP_REG_BINARY;
  if (pp_buf_match(b, "(")) {
    unsigned long t = 0;
    size_t at = b->pos, digits = 0;
    for (int d; (d = hexval(pp_buf_peek(b))) >= 0 && digits < 8; digits++, pp_buf_get(b))
      t = t * 16 + (unsigned long)d;
    if (!digits || !pp_buf_match(b, ")"))
      return pp_text_error(&p->t, at, "bad type in hex(N):");
    v->type = (uint32_t)t;
  }
  if (!pp_buf_match(b, ":")) return pp_text_error(&p->t, b->pos, "expected ':' after hex");
  pp_status_t st = join(p);
  if (st != PP_OK) return st;
  b->data = (const unsigned char *)p->t.line.s; /* the line may have moved */
  b->len = p->t.line.len;
  return hex_bytes(p, b, o);
}

static pp_status_t data(parser_t *p, pp_buf_t *b, pp_reg_value_t *v, pp_str_t *o) {
  size_t at = b->pos;
  if (pp_buf_match(b, "-")) {
    v->type = PP_REG_DELETE;
    return line_end(p, b);
  }
  if (pp_buf_match(b, "\"")) {
    v->type = PP_REG_SZ;
    pp_status_t st = quoted(p, b, o);
    return st != PP_OK ? st : line_end(p, b);
  }
  if (pp_buf_match(b, "dword:")) {
    uint32_t d = 0;
    size_t digits = 0;
    for (int x; (x = hexval(pp_buf_peek(b))) >= 0; digits++, pp_buf_get(b)) d = d * 16 + (uint32_t)x;
    if (digits == 0 || digits > 8)
      return pp_text_error(&p->t, at, "dword: needs 1 to 8 hex digits");
    v->type = PP_REG_DWORD;
    unsigned char le[4] = {d & 0xff, (d >> 8) & 0xff, (d >> 16) & 0xff, d >> 24};
    pp_str_append(o, (const char *)le, 4);
    return line_end(p, b);
  }
  if (pp_buf_match(b, "hex")) return typed_hex(p, b, v, o);
  return pp_text_error(&p->t, at, "unknown value type (expected \"text\", dword:, hex: or -)");
}

static pp_status_t push_value(parser_t *p, pp_reg_value_t *v) {
  pp_reg_file_t *f = p->out;
  pp_reg_value_t *nv = realloc(f->values, (f->nvalues + 1) * sizeof(*nv));
  if (!nv) return PP_ENOMEM;
  f->values = nv;
  f->values[f->nvalues++] = *v;
  return PP_OK;
}

static void value_free(pp_reg_value_t *v) {
  free(v->key);
  free(v->name);
  free(v->data);
  memset(v, 0, sizeof(*v));
}

static pp_status_t value_line(parser_t *p, pp_buf_t *b) {
  pp_reg_value_t v = {0};
  pp_str_t name = PP_STR_INIT, bytes = PP_STR_INIT;
  pp_status_t st = PP_OK;
  v.line = p->t.lines ? p->t.lines[b->pos] : p->t.lineno;
  if (!p->key) {
    st = pp_text_error(&p->t, b->pos, "value before any [key] header");
    goto done;
  }
  if (!pp_buf_match(b, "@")) {
    pp_buf_get(b);
    if ((st = quoted(p, b, &name)) != PP_OK) goto done;
  }
  pp_buf_skip_blanks(b);
  if (!pp_buf_match(b, "=")) {
    st = pp_text_error(&p->t, b->pos, "expected '=' after the value name");
    goto done;
  }
  pp_buf_skip_blanks(b);
  if ((st = data(p, b, &v, &bytes)) != PP_OK) goto done;
  pp_str_append(&name, "", 0);
  pp_str_append(&bytes, "", 0);
  v.len = bytes.len;
  v.name = pp_str_take(&name);
  v.data = (unsigned char *)pp_str_take(&bytes);
  v.key = strdup(p->key);
  if (!v.name || !v.data || !v.key) st = PP_ENOMEM;
  else if (!p->key_deleted) st = push_value(p, &v);
  else value_free(&v);
done:
  if (st != PP_OK) value_free(&v);
  pp_str_free(&name);
  pp_str_free(&bytes);
  return st;
}

static pp_status_t body(parser_t *p) {
  for (;;) {
    int r = pp_text_read(&p->t, false);
    if (r < 0) return p->t.status;
    if (r == 0) return PP_OK;
    pp_buf_t b;
    pp_buf_init(&b, p->t.line.s, p->t.line.len);
    pp_buf_skip_blanks(&b);
    int c = pp_buf_peek(&b);
    pp_status_t st = PP_OK;
    if (c < 0 || c == ';') continue;
    if (c == '[') st = key_line(p, &b);
    else if (c == '"' || c == '@') st = value_line(p, &b);
    else st = pp_text_error(&p->t, b.pos, "unexpected '%c' at the start of a line", c);
    if (st != PP_OK) return st;
  }
}

static pp_status_t encoding_check(const unsigned char *d, size_t len, const char *name, char *err,
                                  size_t errlen) {
  if (len > PP_CONFIG_MAX_BYTES) {
    pp_set_err(err, errlen, "%s: byte offset %u: the file is %zu bytes, over the %u MiB limit",
               name, PP_CONFIG_MAX_BYTES, len, PP_CONFIG_MAX_BYTES >> 20);
    return PP_ETOOBIG;
  }
  if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF) {
    pp_set_err(err, errlen, "%s:1: byte offset 0: UTF-16 big-endian; regedit reads only "
               "UTF-16LE with a BOM or ANSI", name);
    return PP_EINVAL;
  }
  if (len >= 2 && d[0] != 0 && d[1] == 0) {
    pp_set_err(err, errlen, "%s:1: byte offset 1: UTF-16 without a byte-order mark; regedit "
               "rejects it (save as \"Unicode\" with a BOM)", name);
    return PP_EINVAL;
  }
  return PP_OK;
}

pp_status_t pp_reg_parse(const void *data, size_t len, const char *name, pp_reg_file_t *out,
                         char *err, size_t errlen) {
  parser_t p;
  memset(out, 0, sizeof(*out));
  memset(&p, 0, sizeof(p));
  pp_status_t st = encoding_check(data, len, name, err, errlen);
  if (st != PP_OK) return st;
  p.out = out;
  pp_text_init(&p.t, data, len, name, err, errlen);
  out->utf16 = p.t.utf16;
  st = check_header(&p);
  if (st == PP_OK) st = body(&p);
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "%s: out of memory", name);
  free(p.key);
  pp_text_free(&p.t);
  if (st != PP_OK) pp_reg_file_clear(out);
  return st;
}

void pp_reg_file_clear(pp_reg_file_t *f) {
  if (!f) return;
  for (size_t i = 0; i < f->nvalues; i++) value_free(&f->values[i]);
  free(f->values);
  memset(f, 0, sizeof(*f));
}
