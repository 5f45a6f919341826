/* SPDX-License-Identifier: MIT */
/*
 * The decompression seam (decode.h) with zlib and libzstd: streaming, one
 * 64 KiB input block at a time, so memory stays flat whatever the file's
 * size and however well it compresses. gzip through inflate with automatic
 * header detection, reset after each member (gzip -c a b > ab, rotated logs
 * appended); zstd through ZSTD_decompressStream, which crosses frames by
 * itself. A stream that ends inside a member or frame is an error, never a
 * silent short read.
 */
#include "log/decode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#define IN_BLOCK 65536

struct pp_log_decoder {
  pp_log_codec_t codec;
  pp_log_input_fn in;
  void *ctx;
  unsigned char buf[IN_BLOCK];
  size_t have, pos; /* unread input is buf[pos, have) */
  bool in_eof;
  bool mid;         /* inside a member/frame: the input must not end here */
  z_stream z;
  ZSTD_DStream *zs;
};

pp_log_decoder_t *pp_log_decoder_new(pp_log_codec_t codec, pp_log_input_fn in, void *ctx,
                                      char *err, size_t errlen) {
  pp_log_decoder_t *d = calloc(1, sizeof(*d));
  if (!d) goto oom;
  d->codec = codec;
  d->in = in;
  d->ctx = ctx;
  if (codec == PP_LOG_GZIP && inflateInit2(&d->z, 15 + 32) != Z_OK) goto oom;
  if (codec == PP_LOG_ZSTD && !(d->zs = ZSTD_createDStream())) goto oom;
  return d;
oom:
  free(d);
  snprintf(err, errlen, "out of memory");
  return NULL;
}

/* Refills the input block when it is used up; false at its end. */
static bool refill(pp_log_decoder_t *d, bool *failed, char *err, size_t errlen) {
  if (d->pos < d->have) return true;
  if (d->in_eof) return false;
  int e = 0;
  d->have = d->in(d->ctx, d->buf, sizeof(d->buf), &e);
  d->pos = 0;
  if (e) {
    *failed = true;
    snprintf(err, errlen, "read error: %s", strerror(e));
  }
  if (d->have == 0) d->in_eof = true;
  return d->have > 0;
}

static size_t gzip_read(pp_log_decoder_t *d, char *out, size_t n, bool *failed, char *err,
                        size_t errlen) {
  d->z.next_out = (unsigned char *)out;
  d->z.avail_out = (unsigned)n;
  while (d->z.avail_out == n && refill(d, failed, err, errlen)) {
    d->z.next_in = d->buf + d->pos;
    d->z.avail_in = (unsigned)(d->have - d->pos);
    int rc = inflate(&d->z, Z_NO_FLUSH);
    d->pos = d->have - d->z.avail_in;
    d->mid = rc != Z_STREAM_END;
    if (rc == Z_STREAM_END) inflateReset(&d->z);
    else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      *failed = true;
      snprintf(err, errlen, "corrupt gzip data (%s)", d->z.msg ? d->z.msg : "inflate failed");
      return 0;
    }
  }
  return n - d->z.avail_out;
}

static size_t zstd_read(pp_log_decoder_t *d, char *out, size_t n, bool *failed, char *err,
                        size_t errlen) {
  ZSTD_outBuffer o = {out, n, 0};
  while (o.pos == 0 && refill(d, failed, err, errlen)) {
    ZSTD_inBuffer i = {d->buf, d->have, d->pos};
    size_t rc = ZSTD_decompressStream(d->zs, &o, &i);
    d->pos = i.pos;
    if (ZSTD_isError(rc)) {
      *failed = true;
      snprintf(err, errlen, "corrupt zstd data (%s)", ZSTD_getErrorName(rc));
      return 0;
    }
    d->mid = rc != 0;
  }
  return o.pos;
}

size_t pp_log_decoder_read(pp_log_decoder_t *d, char *out, size_t n, bool *failed, char *err,
                           size_t errlen) {
  if (n > IN_BLOCK) n = IN_BLOCK;
  size_t got = d->codec == PP_LOG_GZIP ? gzip_read(d, out, n, failed, err, errlen)
                                       : zstd_read(d, out, n, failed, err, errlen);
  if (got == 0 && !*failed && d->mid) {
    *failed = true;
    snprintf(err, errlen, "%s stream cut short (truncated file)",
             d->codec == PP_LOG_GZIP ? "gzip" : "zstd");
  }
  return got;
}

void pp_log_decoder_free(pp_log_decoder_t *d) {
  if (!d) return;
  if (d->codec == PP_LOG_GZIP) inflateEnd(&d->z);
  if (d->zs) ZSTD_freeDStream(d->zs);
  free(d);
}
