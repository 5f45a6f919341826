/* SPDX-License-Identifier: MIT */
/*
 * Log files as byte streams (source.h). It owns opening the file, the
 * magic-number sniff (gzip 1f 8b, zstd 28 b5 2f fd) on the first bytes,
 * which are then handed back before the rest so stdin needs no seeking,
 * and the choice between the raw bytes and the decoder behind the seam in
 * decode.h. Lines and formats are someone else's (util/lines.c, log.c).
 */
#include "log/source.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

struct pp_log_source {
  FILE *f;
  bool own;
  unsigned char peek[4];
  size_t npeek, ppos;
  pp_log_codec_t codec;
  pp_log_decoder_t *dec;
  char err[200];
};

/* The raw bytes: the sniffed ones first, then the file. */
static size_t raw_read(void *ctx, unsigned char *buf, size_t n, int *err) {
  pp_log_source_t *s = ctx;
  size_t got = 0;
  while (got < n && s->ppos < s->npeek) buf[got++] = s->peek[s->ppos++];
  if (got == n) return got;
  size_t more = fread(buf + got, 1, n - got, s->f);
  if (more == 0 && ferror(s->f)) *err = errno ? errno : EIO;
  return got + more;
}

static pp_log_codec_t sniff(const unsigned char *p, size_t n) {
  if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b) return PP_LOG_GZIP;
  if (n >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) return PP_LOG_ZSTD;
  return PP_LOG_PLAIN;
}

pp_log_source_t *pp_log_source_open(const char *path, char *err, size_t errlen) {
  pp_log_source_t *s = calloc(1, sizeof(*s));
  if (!s) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  s->own = strcmp(path, "-") != 0;
  s->f = s->own ? pp_os_fopen(path, "rb") : stdin;
  if (!s->f) {
    snprintf(err, errlen, "%s", strerror(errno));
    free(s);
    return NULL;
  }
  s->npeek = fread(s->peek, 1, sizeof(s->peek), s->f);
  s->codec = sniff(s->peek, s->npeek);
  if (s->codec != PP_LOG_PLAIN && !(s->dec = pp_log_decoder_new(s->codec, raw_read, s, err, errlen))) {
    pp_log_source_close(s);
    return NULL;
  }
  return s;
}

size_t pp_log_source_read(void *src, char *buf, size_t n, int *err) {
  pp_log_source_t *s = src;
  if (!s->dec) {
    size_t got = raw_read(s, (unsigned char *)buf, n, err);
    if (*err) snprintf(s->err, sizeof(s->err), "%s", strerror(*err));
    return got;
  }
  bool failed = false;
  size_t got = pp_log_decoder_read(s->dec, buf, n, &failed, s->err, sizeof(s->err));
  if (failed) *err = EIO;
  return got;
}

pp_log_codec_t pp_log_source_codec(const pp_log_source_t *s) { return s->codec; }

const char *pp_log_source_error(const pp_log_source_t *s) { return s->err; }

void pp_log_source_close(pp_log_source_t *s) {
  if (!s) return;
  pp_log_decoder_free(s->dec);
  if (s->own && s->f) fclose(s->f);
  free(s);
}
