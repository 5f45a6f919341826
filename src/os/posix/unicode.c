/* SPDX-License-Identifier: MIT */
/*
 * Unicode normalization on POSIX (src/os/os.h pp_os_normalize):
 * libunistring's u8_normalize, the UAX #15 implementation libidn2 already
 * links (Debian libunistring-dev).
 */
#include <stdlib.h>
#include <string.h>
#include <uninorm.h>

#include "os/os.h"

char *pp_os_normalize(int form, const char *s, size_t n, size_t *outlen) {
  uninorm_t nf = form == 1 ? UNINORM_NFD : form == 2 ? UNINORM_NFKC : form == 3 ? UNINORM_NFKD
                                                                                : UNINORM_NFC;
  size_t len = 0;
  uint8_t *r = u8_normalize(nf, (const uint8_t *)s, n, NULL, &len);
  if (!r) return NULL;
  char *out = realloc(r, len + 1); /* NUL-terminated for the caller */
  if (!out) {
    free(r);
    return NULL;
  }
  out[len] = '\0';
  *outlen = len;
  return out;
}
