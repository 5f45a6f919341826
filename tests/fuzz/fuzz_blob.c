/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the WinINet / WinHTTP blob decoders (src/config/
 * blob.c): byte 0 selects WinHTTP (odd) or WinINet (even), the rest is the
 * blob. A decoded blob must encode back to the same bytes' meaning:
 * decode(encode(decode(x))) == decode(x) (pacprobe.h pp_wininet_encode).
 */
#include "fuzz.h"
#include "config/config_int.h"
#include "pacprobe.h"

static int same(const char *a, size_t na, const char *b, size_t nb) {
  return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  bool winhttp = data[0] & 1;
  pp_wininet_t w, w2;
  memset(&w, 0, sizeof(w));
  memset(&w2, 0, sizeof(w2));
  char err[256] = "";
  unsigned char *enc = NULL;
  size_t nenc = 0;
  if (pp_wininet_decode(data + 1, size - 1, winhttp, &w, err, sizeof(err)) != PP_OK) goto done;
  if (pp_wininet_encode(&w, &enc, &nenc) != PP_OK) goto done;
  if (pp_wininet_decode(enc, nenc, winhttp, &w2, err, sizeof(err)) != PP_OK) abort();
  if (w.flags != w2.flags || w.version != w2.version ||
      !same(w.proxy, w.proxy_len, w2.proxy, w2.proxy_len) ||
      !same(w.bypass, w.bypass_len, w2.bypass, w2.bypass_len) ||
      !same(w.pac_url, w.pac_url_len, w2.pac_url, w2.pac_url_len))
    abort();
done:
  free(enc);
  pp_wininet_clear(&w2);
  pp_wininet_clear(&w);
  return 0;
}
