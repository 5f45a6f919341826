/* SPDX-License-Identifier: MIT */
/*
 * Unicode normalization on Windows (src/os/os.h pp_os_normalize): the
 * UTF-8 text as UTF-16, Win32 NormalizeString (the system's UAX #15
 * tables; it asks for a larger buffer when its estimate is short), back to
 * UTF-8.
 */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

static char *to_utf8(const wchar_t *w, int n, size_t *outlen) {
  int m = n ? WideCharToMultiByte(CP_UTF8, 0, w, n, NULL, 0, NULL, NULL) : 0;
  if (n && m <= 0) return NULL;
  char *out = malloc((size_t)m + 1);
  if (!out) return NULL;
  if (m) WideCharToMultiByte(CP_UTF8, 0, w, n, out, m, NULL, NULL);
  out[m] = '\0';
  *outlen = (size_t)m;
  return out;
}

char *pp_os_normalize(int form, const char *s, size_t n, size_t *outlen) {
  NORM_FORM nf = form == 1 ? NormalizationD : form == 2 ? NormalizationKC
               : form == 3 ? NormalizationKD : NormalizationC;
  if (n == 0) return to_utf8(NULL, 0, outlen);
  if (n > 0x3fffffff) return NULL;
  int wn = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)n, NULL, 0);
  wchar_t *w = wn > 0 ? malloc((size_t)wn * sizeof(wchar_t)) : NULL;
  if (!w) return NULL;
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)n, w, wn);
  char *out = NULL;
  int cap = NormalizeString(nf, w, wn, NULL, 0);
  for (int tries = 0; cap > 0 && tries < 4 && !out; tries++) {
    wchar_t *r = malloc((size_t)cap * sizeof(wchar_t));
    if (!r) break;
    int got = NormalizeString(nf, w, wn, r, cap);
    if (got > 0) out = to_utf8(r, got, outlen);
    else if (GetLastError() == ERROR_INSUFFICIENT_BUFFER) cap = -got > cap ? -got : cap * 2;
    else cap = 0;
    free(r);
  }
  free(w);
  return out;
}
