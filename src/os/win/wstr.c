/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 <-> UTF-16 conversions of the Windows backends (wstr.h), with
 * MultiByteToWideChar/WideCharToMultiByte on CP_UTF8.
 */
#include <windows.h>
#include <stdlib.h>

#include "wstr.h"

wchar_t *pp_win_wide(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  wchar_t *w = n > 0 ? malloc((size_t)n * sizeof(wchar_t)) : NULL;
  if (w && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n) != n) {
    free(w);
    w = NULL;
  }
  return w;
}

char *pp_win_utf8(const wchar_t *w, int len) {
  int n = len > 0 ? WideCharToMultiByte(CP_UTF8, 0, w, len, NULL, 0, NULL, NULL) : 0;
  char *s = malloc((size_t)n + 1);
  if (!s) return NULL;
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, w, len, s, n, NULL, NULL);
  s[n] = '\0';
  return s;
}
