/* SPDX-License-Identifier: MIT */
/*
 * The bounded read cursor. Every parser in pacprobe (URL lists, hosts files,
 * case files, and later .reg exports and DHCP/DNS packets) reads through
 * these functions so that length checks live in one place. No allocation.
 */
#include "util/buf.h"

#include <string.h>

void pp_buf_init(pp_buf_t *b, const void *data, size_t len) {
  b->data = data;
  b->len = data ? len : 0;
  b->pos = 0;
}

size_t pp_buf_remaining(const pp_buf_t *b) { return b->len - b->pos; }

int pp_buf_peek(const pp_buf_t *b) { return b->pos < b->len ? b->data[b->pos] : -1; }

int pp_buf_get(pp_buf_t *b) { return b->pos < b->len ? b->data[b->pos++] : -1; }

bool pp_buf_fetch_line(pp_buf_t *b, const char **line, size_t *len) {
  if (b->pos >= b->len) return false;
  const unsigned char *start = b->data + b->pos;
  const unsigned char *nl = memchr(start, '\n', b->len - b->pos);
  size_t n = nl ? (size_t)(nl - start) : b->len - b->pos;
  b->pos += n + (nl ? 1 : 0);
  if (n > 0 && start[n - 1] == '\r') n--;
  *line = (const char *)start;
  *len = n;
  return true;
}

bool pp_buf_fetch_bytes(pp_buf_t *b, void *dst, size_t n) {
  if (pp_buf_remaining(b) < n) return false;
  memcpy(dst, b->data + b->pos, n);
  b->pos += n;
  return true;
}

bool pp_buf_fetch_be16(pp_buf_t *b, uint16_t *v) {
  unsigned char t[2];
  if (!pp_buf_fetch_bytes(b, t, 2)) return false;
  *v = (uint16_t)((t[0] << 8) | t[1]);
  return true;
}

bool pp_buf_fetch_be32(pp_buf_t *b, uint32_t *v) {
  unsigned char t[4];
  if (!pp_buf_fetch_bytes(b, t, 4)) return false;
  *v = ((uint32_t)t[0] << 24) | ((uint32_t)t[1] << 16) | ((uint32_t)t[2] << 8) | t[3];
  return true;
}

size_t pp_buf_skip_blanks(pp_buf_t *b) {
  size_t n = 0;
  while (b->pos < b->len && (b->data[b->pos] == ' ' || b->data[b->pos] == '\t')) {
    b->pos++;
    n++;
  }
  return n;
}

size_t pp_buf_fetch_token(pp_buf_t *b, const char **tok) {
  size_t start = b->pos;
  while (b->pos < b->len && b->data[b->pos] != ' ' && b->data[b->pos] != '\t') b->pos++;
  *tok = (const char *)b->data + start;
  return b->pos - start;
}

bool pp_buf_match(pp_buf_t *b, const char *lit) {
  size_t n = strlen(lit);
  if (pp_buf_remaining(b) < n || memcmp(b->data + b->pos, lit, n) != 0) return false;
  b->pos += n;
  return true;
}
