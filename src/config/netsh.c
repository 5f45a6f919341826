/* SPDX-License-Identifier: MIT */
/*
 * `netsh winhttp show proxy` output (windows-proxy-settings.md §3): the
 * direct form and the "Proxy Server(s) : ... / Bypass List : ..." form.
 * The labels are localised by Windows; a localised capture is an error that
 * says so (issue 7: "not a guess"), never parsed by position. Lines come
 * from pp_text, so a PowerShell redirect (UTF-16LE with BOM) reads too.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/config_int.h"

#define HEADER "Current WinHTTP proxy settings:"
#define DIRECT "Direct access (no proxy server)."

/* Trimmed view of the current line: [*b, *e). */
static void trim(const pp_text_t *t, size_t *b, size_t *e) {
  const char *s = t->line.s;
  *b = 0;
  *e = t->line.len;
  while (*b < *e && (s[*b] == ' ' || s[*b] == '\t')) (*b)++;
  while (*e > *b && (s[*e - 1] == ' ' || s[*e - 1] == '\t')) (*e)--;
}

static bool eq(const char *s, size_t n, const char *lit) {
  return n == strlen(lit) && strncasecmp(s, lit, n) == 0;
}

static pp_status_t localised(pp_text_t *t, size_t at) {
  return pp_text_error(&*t, at, "not the English output of 'netsh winhttp show proxy' "
                       "(localised Windows?); pacprobe does not guess at translated labels: "
                       "give the WinHttpSettings value of a .reg export (--reg) instead");
}

/* "Label : value" with the label before the first ':'. */
static pp_status_t label_line(pp_text_t *t, size_t b, size_t e, pp_netsh_t *out) {
  const char *s = t->line.s;
  const char *colon = memchr(s + b, ':', e - b);
  if (!colon) return localised(t, b);
  size_t le = (size_t)(colon - s), vb = le + 1;
  while (le > b && (s[le - 1] == ' ' || s[le - 1] == '\t')) le--;
  while (vb < e && (s[vb] == ' ' || s[vb] == '\t')) vb++;
  char **slot = NULL;
  if (eq(s + b, le - b, "Proxy Server(s)")) {
    slot = &out->proxy;
    out->proxy_line = t->lineno;
  } else if (eq(s + b, le - b, "Bypass List")) {
    slot = &out->bypass;
  } else {
    return localised(t, b);
  }
  if (*slot) return pp_text_error(t, b, "the same label appears twice");
  bool none = eq(s + vb, e - vb, "(none)");
  *slot = none ? strdup("") : pp_strndup(s + vb, e - vb);
  return *slot ? PP_OK : PP_ENOMEM;
}

static pp_status_t lines(pp_text_t *t, pp_netsh_t *out) {
  bool header = false;
  int r;
  while ((r = pp_text_read(t, false)) == 1) {
    size_t b, e;
    trim(t, &b, &e);
    const char *s = t->line.s + b;
    pp_status_t st = PP_OK;
    if (b == e) continue;
    if (!header) {
      if (!eq(s, e - b, HEADER)) return localised(t, b);
      header = true;
    } else if (eq(s, e - b, DIRECT)) {
      out->direct = true;
    } else {
      st = label_line(t, b, e, out);
    }
    if (st != PP_OK) return st;
  }
  if (r < 0) return t->status;
  if (!header) return pp_text_error(t, 0, "empty: no 'netsh winhttp show proxy' output");
  if (out->direct && out->proxy)
    return pp_text_error(t, 0, "both the direct and the proxy form");
  if (!out->direct && !out->proxy)
    return pp_text_error(t, t->line.len, "neither 'Direct access' nor a 'Proxy Server(s)' line");
  if (out->proxy && !out->bypass && !(out->bypass = strdup(""))) return PP_ENOMEM;
  return PP_OK;
}

pp_status_t pp_netsh_parse(const void *data, size_t len, const char *name, pp_netsh_t *out,
                           char *err, size_t errlen) {
  pp_text_t t;
  memset(out, 0, sizeof(*out));
  if (len > PP_CONFIG_MAX_BYTES) {
    pp_set_err(err, errlen, "%s: byte offset %u: %zu bytes, over the %u MiB limit", name,
               PP_CONFIG_MAX_BYTES, len, PP_CONFIG_MAX_BYTES >> 20);
    return PP_ETOOBIG;
  }
  pp_text_init(&t, data, len, name, err, errlen);
  pp_status_t st = lines(&t, out);
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "%s: out of memory", name);
  pp_text_free(&t);
  if (st != PP_OK) pp_netsh_clear(out);
  return st;
}

void pp_netsh_clear(pp_netsh_t *n) {
  if (!n) return;
  free(n->proxy);
  free(n->bypass);
  memset(n, 0, sizeof(*n));
}
