/* SPDX-License-Identifier: MIT */
/*
 * The decompression seam (decode.h) of a build without zlib and libzstd
 * (the Windows cross build): compressed log input is refused with a reason
 * that says what to do instead. Plain files and stdin are read as usual.
 */
#include "log/decode.h"

#include <stdio.h>

pp_log_decoder_t *pp_log_decoder_new(pp_log_codec_t codec, pp_log_input_fn in, void *ctx,
                                      char *err, size_t errlen) {
  (void)in;
  (void)ctx;
  snprintf(err, errlen, "%s-compressed input is not supported by this build (decompress it "
           "first, or pipe it into -f -)", codec == PP_LOG_GZIP ? "gzip" : "zstd");
  return NULL;
}

size_t pp_log_decoder_read(pp_log_decoder_t *d, char *out, size_t n, bool *failed, char *err,
                           size_t errlen) {
  (void)d;
  (void)out;
  (void)n;
  *failed = true;
  snprintf(err, errlen, "no decoder");
  return 0;
}

void pp_log_decoder_free(pp_log_decoder_t *d) { (void)d; }
