/* SPDX-License-Identifier: MIT */
/*
 * The bounded stream line reader (lines.h). It owns reading a FILE in
 * blocks, finding newlines with memchr (a NUL byte is an ordinary byte
 * here; the caller decides what it means), the line cap and the bounded
 * skip of an over-long line. Parsing the line is the caller's business.
 */
#include "util/lines.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536

void pp_lines_init(pp_lines_t *r, FILE *f, size_t max_line, size_t max_skip) {
  memset(r, 0, sizeof(*r));
  r->f = f;
  r->max_line = max_line;
  r->max_skip = max_skip;
}

void pp_lines_init_fn(pp_lines_t *r, pp_lines_read_fn fn, void *ctx, size_t max_line,
                      size_t max_skip) {
  pp_lines_init(r, NULL, max_line, max_skip);
  r->read = fn;
  r->read_ctx = ctx;
}

void pp_lines_free(pp_lines_t *r) {
  free(r->buf);
  r->buf = NULL;
  r->cap = r->start = r->end = 0;
}

/* Moves the unread bytes to the front and makes room for one block, never
 * growing past the line cap plus a block. false on ENOMEM. */
static bool make_room(pp_lines_t *r) {
  if (r->start > 0) {
    memmove(r->buf, r->buf + r->start, r->end - r->start);
    r->end -= r->start;
    r->start = 0;
  }
  if (r->cap - r->end >= BLOCK) return true;
  size_t want = r->cap ? r->cap * 2 : 2 * BLOCK;
  if (want < r->end + BLOCK) want = r->end + BLOCK;
  char *p = realloc(r->buf, want);
  if (!p) return false;
  r->buf = p;
  r->cap = want;
  return true;
}

/* Reads one more block. false at EOF or on a read error (r->err set). */
static bool fill(pp_lines_t *r) {
  if (r->eof) return false;
  int e = 0;
  size_t got = r->read ? r->read(r->read_ctx, r->buf + r->end, BLOCK, &e)
                       : fread(r->buf + r->end, 1, BLOCK, r->f);
  r->end += got;
  if (got == 0) {
    r->eof = true;
    if (r->read ? e != 0 : ferror(r->f) != 0) r->err = e ? e : errno ? errno : EIO;
    return false;
  }
  return true;
}

/* Discards the rest of an over-long line (its first bytes already in buf).
 * PP_LINES_LONG once its newline or EOF is reached, else ENDLESS/EREAD. */
static pp_lines_status_t skip_long(pp_lines_t *r) {
  r->nhead = r->end - r->start < PP_LINES_HEAD ? r->end - r->start : PP_LINES_HEAD;
  memcpy(r->head, r->buf + r->start, r->nhead);
  r->skipped = 0;
  for (;;) {
    char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
    size_t n = nl ? (size_t)(nl - (r->buf + r->start)) + 1 : r->end - r->start;
    r->skipped += n;
    r->bytes += n;
    if (nl) {
      r->skipped--; /* the newline is not part of the line */
      r->start += n;
      return PP_LINES_LONG;
    }
    r->start = r->end = 0;
    if (r->skipped > r->max_skip) return PP_LINES_ENDLESS;
    if (!fill(r)) return r->err ? PP_LINES_EREAD : PP_LINES_LONG;
  }
}

pp_lines_status_t pp_lines_next(pp_lines_t *r, const char **line, size_t *len, bool *had_nl) {
  if (r->err) return PP_LINES_EREAD;
  size_t scanned = 0;
  for (;;) {
    char *p = r->buf + r->start;
    size_t have = r->end - r->start;
    char *nl = have > scanned ? memchr(p + scanned, '\n', have - scanned) : NULL;
    size_t n = nl ? (size_t)(nl - p) : have;
    if (n > r->max_line) {
      r->lineno++;
      return skip_long(r);
    }
    if (nl || (r->eof && have > 0)) {
      r->lineno++;
      r->start += n + (nl != NULL);
      r->bytes += n + (nl != NULL);
      *line = p;
      *len = n;
      *had_nl = nl != NULL;
      return PP_LINES_OK;
    }
    if (r->eof) return r->err ? PP_LINES_EREAD : PP_LINES_EOF;
    scanned = have;
    if (!make_room(r)) return PP_LINES_ENOMEM;
    if (!fill(r) && r->err) return PP_LINES_EREAD;
  }
}
