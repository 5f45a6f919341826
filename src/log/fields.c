/* SPDX-License-Identifier: MIT */
/*
 * Splitting a log line into fields for the column formats (fields.h): W3C
 * extended (blank-separated, a value with blanks in double quotes, as
 * ProxySG writes cs(User-Agent)) and CSV (RFC 4180: commas, quoted fields
 * with "" for a quote). Fields point into the line; a quoted field's
 * doubled quotes stay doubled (no column the parsers read holds one).
 */
#include "log/fields.h"

#include "util/buf.h"

/* One W3C value at the cursor; false for an unterminated quote. */
static bool w3c_field(pp_buf_t *b, pp_log_field_t *f) {
  if (pp_buf_peek(b) != '"') {
    f->n = pp_buf_fetch_token(b, &f->s);
    return true;
  }
  pp_buf_get(b);
  f->s = (const char *)b->data + b->pos;
  while (pp_buf_remaining(b) > 0 && pp_buf_peek(b) != '"') pp_buf_get(b);
  if (pp_buf_get(b) != '"') return false;
  f->n = (size_t)((const char *)b->data + b->pos - 1 - f->s);
  return pp_buf_remaining(b) == 0 || pp_buf_peek(b) == ' ' || pp_buf_peek(b) == '\t';
}

int pp_log_split_w3c(const char *line, size_t len, pp_log_field_t *f, size_t max) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  size_t nf = 0;
  pp_buf_skip_blanks(&b);
  while (pp_buf_remaining(&b) > 0) {
    if (nf == max) return -1;
    if (!w3c_field(&b, &f[nf])) return -2;
    nf++;
    pp_buf_skip_blanks(&b);
  }
  return (int)nf;
}

/* One CSV field at the cursor, up to its comma; false for a broken quote. */
static bool csv_field(pp_buf_t *b, pp_log_field_t *f) {
  if (pp_buf_peek(b) != '"') {
    f->s = (const char *)b->data + b->pos;
    while (pp_buf_remaining(b) > 0 && pp_buf_peek(b) != ',') pp_buf_get(b);
    f->n = (size_t)((const char *)b->data + b->pos - f->s);
    return true;
  }
  pp_buf_get(b);
  f->s = (const char *)b->data + b->pos;
  for (;;) {
    int c = pp_buf_get(b);
    if (c < 0) return false;
    if (c != '"') continue;
    if (pp_buf_peek(b) == '"') {
      pp_buf_get(b);
      continue;
    }
    break;
  }
  f->n = (size_t)((const char *)b->data + b->pos - 1 - f->s);
  return pp_buf_remaining(b) == 0 || pp_buf_peek(b) == ',';
}

int pp_log_split_csv(const char *line, size_t len, pp_log_field_t *f, size_t max) {
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  size_t nf = 0;
  for (;;) {
    if (nf == max) return -1;
    if (!csv_field(&b, &f[nf])) return -2;
    nf++;
    if (pp_buf_remaining(&b) == 0) break;
    pp_buf_get(&b); /* the comma */
  }
  return (int)nf;
}
