/* SPDX-License-Identifier: MIT */
/*
 * The live seam's registry reader on Windows (config/live.h): opens each
 * key it is given (64-bit view), enumerates its values with RegEnumValueW
 * and hands each one over as a .reg record: names and REG_SZ /
 * REG_EXPAND_SZ data converted from UTF-16 to UTF-8 (as pp_reg_parse
 * decodes a UTF-16LE export), everything else as the raw bytes. Bounded
 * in values per key and bytes per value. No meaning is given here.
 */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/live.h"

/* "HKEY_USERS\S-1-5-19\Software\..." -> root handle and the path after it. */
static HKEY split_root(const char *key, const char **path) {
  static const struct { const char *name; HKEY root; } roots[] = {
      {"HKEY_CURRENT_USER\\", HKEY_CURRENT_USER},
      {"HKEY_LOCAL_MACHINE\\", HKEY_LOCAL_MACHINE},
      {"HKEY_USERS\\", HKEY_USERS}};
  for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
    size_t n = strlen(roots[i].name);
    if (strncmp(key, roots[i].name, n) == 0) {
      *path = key + n;
      return roots[i].root;
    }
  }
  return NULL;
}

static wchar_t *widen(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
  wchar_t *w = n > 0 ? malloc((size_t)n * sizeof(*w)) : NULL;
  if (w && MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n) <= 0) {
    free(w);
    w = NULL;
  }
  return w;
}

/* UTF-16 (nchars, not necessarily terminated) -> malloc'd UTF-8 + NUL. */
static char *narrow(const wchar_t *w, size_t nchars, size_t *len) {
  int n = nchars ? WideCharToMultiByte(CP_UTF8, 0, w, (int)nchars, NULL, 0, NULL, NULL) : 0;
  char *s = malloc((size_t)n + 1);
  if (!s) return NULL;
  if (n) WideCharToMultiByte(CP_UTF8, 0, w, (int)nchars, s, n, NULL, NULL);
  s[n] = '\0';
  if (len) *len = (size_t)n;
  return s;
}

static void reason(LONG rc, char *buf, size_t n) {
  char msg[256] = "";
  DWORD k = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                           (DWORD)rc, MAKELANGID(LANG_ENGLISH, SUBLANG_DEFAULT), msg, sizeof(msg),
                           NULL);
  while (k > 0 && (msg[k - 1] == '\r' || msg[k - 1] == '\n' || msg[k - 1] == '.')) msg[--k] = 0;
  snprintf(buf, n, "cannot read: %s (error %ld)%s", k ? msg : "system error", (long)rc,
           rc == ERROR_ACCESS_DENIED ? "; run as an administrator or as that account" : "");
}

/* Data as pp_reg_parse leaves it: strings UTF-8 + NUL, the rest raw. */
static bool record_data(DWORD type, const BYTE *data, DWORD size, pp_reg_value_t *v) {
  if (type == REG_SZ || type == REG_EXPAND_SZ) {
    size_t nch = size / sizeof(wchar_t);
    const wchar_t *w = (const wchar_t *)data;
    while (nch > 0 && w[nch - 1] == 0) nch--; /* the stored terminator(s) */
    v->data = (unsigned char *)narrow(w, nch, &v->len);
    return v->data != NULL;
  }
  v->data = malloc(size + 1u);
  if (!v->data) return false;
  memcpy(v->data, data, size);
  v->data[size] = 0;
  v->len = size;
  return true;
}

static pp_status_t read_values(HKEY h, const char *key, pp_live_sink_t sink, void *ctx) {
  DWORD nvalues = 0, maxname = 0, maxdata = 0;
  LONG rc = RegQueryInfoKeyW(h, NULL, NULL, NULL, NULL, NULL, NULL, &nvalues, &maxname, &maxdata,
                             NULL, NULL);
  if (rc != ERROR_SUCCESS) {
    char why[320];
    reason(rc, why, sizeof(why));
    return sink(ctx, key, NULL, why);
  }
  if (nvalues > PP_LIVE_MAX_VALUES) nvalues = PP_LIVE_MAX_VALUES;
  if (maxdata > PP_LIVE_MAX_VALUE_BYTES) maxdata = PP_LIVE_MAX_VALUE_BYTES;
  wchar_t *name = malloc(((size_t)maxname + 1) * sizeof(*name));
  BYTE *data = malloc((size_t)maxdata + 2);
  pp_status_t st = name && data ? PP_OK : PP_ENOMEM;
  for (DWORD i = 0; st == PP_OK && i < nvalues; i++) {
    DWORD nlen = maxname + 1, dlen = maxdata, type = 0;
    rc = RegEnumValueW(h, i, name, &nlen, NULL, &type, data, &dlen);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    if (rc == ERROR_MORE_DATA) {
      char why[128];
      snprintf(why, sizeof(why), "value %lu is over the %u-byte bound; not read",
               (unsigned long)i, PP_LIVE_MAX_VALUE_BYTES);
      st = sink(ctx, key, NULL, why);
      continue;
    }
    if (rc != ERROR_SUCCESS) continue; /* deleted while we enumerate */
    pp_reg_value_t v = {0};
    v.type = type;
    v.key = (char *)key;
    if (!(v.name = narrow(name, nlen, NULL)) || !record_data(type, data, dlen, &v)) st = PP_ENOMEM;
    else st = sink(ctx, key, &v, NULL);
    free(v.name);
    free(v.data);
  }
  free(name);
  free(data);
  return st;
}

static pp_status_t read_key(const char *key, pp_live_sink_t sink, void *ctx) {
  const char *path = NULL;
  HKEY root = split_root(key, &path), h;
  wchar_t *wpath = root ? widen(path) : NULL;
  if (!wpath) return root ? PP_ENOMEM : PP_OK;
  LONG rc = RegOpenKeyExW(root, wpath, 0, KEY_READ | KEY_WOW64_64KEY, &h);
  free(wpath);
  if (rc == ERROR_FILE_NOT_FOUND || rc == ERROR_PATH_NOT_FOUND) return PP_OK;
  if (rc != ERROR_SUCCESS) {
    char why[320];
    reason(rc, why, sizeof(why));
    return sink(ctx, key, NULL, why);
  }
  pp_status_t st = read_values(h, key, sink, ctx);
  RegCloseKey(h);
  return st;
}

pp_status_t pp_live_reg_read(const pp_live_key_t *keys, size_t n, pp_live_sink_t sink, void *ctx) {
  pp_status_t st = PP_OK;
  for (size_t i = 0; st == PP_OK && i < n; i++) st = read_key(keys[i].key, sink, ctx);
  return st;
}
