/* SPDX-License-Identifier: MIT */
/* The decompression seam of log input (source.c): gzip and zstd streams.
 * The POSIX build implements it with zlib and libzstd (z/decode.c); a
 * build without them (Windows, noz/decode.c) refuses compressed input with
 * a one-line reason. */
#ifndef PP_LOG_DECODE_H
#define PP_LOG_DECODE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum pp_log_codec { PP_LOG_PLAIN = 0, PP_LOG_GZIP, PP_LOG_ZSTD } pp_log_codec_t;

/* Where a decoder gets compressed bytes: up to n into buf; 0 at the end
 * (*err set to an errno value on a read error). */
typedef size_t (*pp_log_input_fn)(void *ctx, unsigned char *buf, size_t n, int *err);

typedef struct pp_log_decoder pp_log_decoder_t;

/* A decoder for codec reading through in/ctx. NULL with a reason in err:
 * out of memory, or this build reads no such input. */
pp_log_decoder_t *pp_log_decoder_new(pp_log_codec_t codec, pp_log_input_fn in, void *ctx,
                                      char *err, size_t errlen);
/* Up to n decompressed bytes into out; 0 at the end of the stream or on an
 * error (then *failed is set and err holds the reason: a corrupt or
 * truncated stream, a read error). Concatenated gzip members and zstd
 * frames are read as one stream. */
size_t pp_log_decoder_read(pp_log_decoder_t *d, char *out, size_t n, bool *failed, char *err,
                           size_t errlen);
void pp_log_decoder_free(pp_log_decoder_t *d);

#endif
