/* SPDX-License-Identifier: MIT */
/*
 * Recognising the proxy's own reason in its answer (issue 17 "the proxy's
 * own reason"): squid's X-Squid-Error header (ERR_ACCESS_DENIED, ...), the
 * redirect to a Zscaler notification (query reason=...&reasoncode=..., ZIA
 * "Block Custom Notification") or to a Forcepoint/Websense block page
 * (:15871/cgi-bin/blockpage.cgi?ws-session=), Blue Coat/Symantec ProxySG's
 * X-BlueCoat-Via header with its exception page, Palo Alto Networks' URL
 * filtering response page ("Web Page Blocked", "Category: ..."), else the
 * error page's <title>. Shapes: tests/unit/data/blockpages/ (their headers
 * name the documentation each comes from). Foreign bytes are reduced to
 * printable ASCII before they are kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "route/reason.h"

/* Copies p[0..n) into out as one printable-ASCII line, blanks squeezed. */
static void clean(char *out, size_t cap, const char *p, size_t n) {
  size_t k = 0;
  bool blank = true; /* drops leading blanks */
  for (size_t i = 0; i < n && k + 1 < cap; i++) {
    unsigned char c = (unsigned char)p[i];
    bool sp = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (sp) {
      if (!blank) out[k++] = ' ';
      blank = true;
      continue;
    }
    out[k++] = c >= 0x21 && c < 0x7f ? (char)c : '?';
    blank = false;
  }
  while (k > 0 && out[k - 1] == ' ') k--;
  out[k] = '\0';
}

static bool header_is(const char *line, size_t len, const char *name, const char **val, size_t *vlen) {
  size_t n = strlen(name);
  if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':') return false;
  *val = line + n + 1;
  *vlen = len - n - 1;
  return true;
}

void pp_reason_header(pp_reason_t *r, const char *line, size_t len) {
  const char *v;
  size_t vn;
  if (len > 12 && strncmp(line, "HTTP/", 5) == 0) {
    memset(r, 0, sizeof(*r));
    const char *sp = memchr(line, ' ', len);
    if (sp) r->status = strtol(sp + 1, NULL, 10);
  } else if (header_is(line, len, "X-Squid-Error", &v, &vn)) {
    clean(r->squid, sizeof(r->squid), v, vn);
  } else if (header_is(line, len, "Location", &v, &vn)) {
    clean(r->location, sizeof(r->location), v, vn);
  } else if (header_is(line, len, "Server", &v, &vn)) {
    clean(r->server, sizeof(r->server), v, vn);
  } else if (header_is(line, len, "X-BlueCoat-Via", &v, &vn)) {
    r->bluecoat = true;
  }
}

void pp_reason_body(pp_reason_t *r, const char *p, size_t len) {
  if (r->status < 300) return;
  size_t room = PP_REASON_BODY_MAX - r->nbody;
  if (len > room) len = room;
  memcpy(r->body + r->nbody, p, len);
  r->nbody += len;
  r->body[r->nbody] = '\0';
}

/* Case-insensitive search in the body (which may hold NULs: bounded). */
static const char *body_find(const pp_reason_t *r, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= r->nbody; i++)
    if (strncasecmp(r->body + i, needle, n) == 0) return r->body + i;
  return NULL;
}

/* The text between the element that starts at `open` and the next '<'. */
static void element_text(const pp_reason_t *r, const char *open, char *out, size_t cap) {
  const char *s = body_find(r, open);
  out[0] = '\0';
  if (!s) return;
  const char *end = r->body + r->nbody;
  s = memchr(s, '>', (size_t)(end - s));
  if (!s) return;
  s++;
  const char *e = memchr(s, '<', (size_t)(end - s));
  clean(out, cap, s, (size_t)((e ? e : end) - s));
}

/* The value of query parameter `name` in the Location, '+' and %XX decoded. */
static bool query_param(const char *url, const char *name, char *out, size_t cap) {
  size_t n = strlen(name);
  for (const char *p = strchr(url, '?'); p && *p; p = strchr(p + 1, '&')) {
    if (strncmp(p + 1, name, n) != 0 || p[1 + n] != '=') continue;
    char raw[256];
    size_t k = 0;
    for (const char *q = p + 2 + n; *q && *q != '&' && k + 1 < sizeof(raw); q++) {
      if (*q == '+') raw[k++] = ' ';
      else if (*q == '%' && isxdigit((unsigned char)q[1]) && isxdigit((unsigned char)q[2])) {
        char hex[3] = {q[1], q[2], 0};
        raw[k++] = (char)strtol(hex, NULL, 16);
        q += 2;
      } else raw[k++] = *q;
    }
    clean(out, cap, raw, k);
    return true;
  }
  return false;
}

static bool zscaler(const pp_reason_t *r, char *text, size_t len) {
  char reason[160], code[64];
  if (!query_param(r->location, "reasoncode", code, sizeof(code))) return false;
  if (!query_param(r->location, "reason", reason, sizeof(reason))) reason[0] = '\0';
  snprintf(text, len, "%s%s(reasoncode %s; redirect to the notification page)", reason,
           *reason ? " " : "", code);
  return true;
}

static bool palo_alto(const pp_reason_t *r, const char *title, char *text, size_t len) {
  if (strcasecmp(title, "Web Page Blocked") != 0 || !body_find(r, "in accordance with company policy"))
    return false;
  char cat[96] = "";
  const char *c = body_find(r, "Category:");
  if (c) {
    const char *s = c + 9, *end = r->body + r->nbody;
    while (s < end && *s == '<') { /* "<b>Category:</b> gambling" */
      const char *gt = memchr(s, '>', (size_t)(end - s));
      if (!gt) break;
      s = gt + 1;
    }
    const char *e = s;
    while (e < end && *e != '<' && *e != '\n') e++;
    clean(cat, sizeof(cat), s, (size_t)(e - s));
  }
  snprintf(text, len, "%s%s%s", title, *cat ? ": category " : "", cat);
  return true;
}

bool pp_reason_describe(const pp_reason_t *r, const char **product, char *text, size_t textlen,
                        bool *block) {
  char title[160];
  element_text(r, "<title", title, sizeof(title));
  *block = false;
  if (*r->squid) {
    *product = "squid";
    snprintf(text, textlen, "X-Squid-Error: %s%s%s", r->squid, *title ? "; page: " : "", title);
    return true;
  }
  if (zscaler(r, text, textlen)) {
    *product = "Zscaler";
    *block = true;
    return true;
  }
  if (strstr(r->location, ":15871/cgi-bin/blockpage.cgi")) {
    *product = "Forcepoint";
    *block = true;
    snprintf(text, textlen, "redirect to the Forcepoint (Websense) block page (blockpage.cgi)");
    return true;
  }
  if (r->bluecoat) {
    char msg[200];
    element_text(r, "<p", msg, sizeof(msg)); /* the exception's first paragraph */
    *product = "Blue Coat/Symantec";
    *block = r->status == 403;
    snprintf(text, textlen, "%s%s%s", *title ? title : "ProxySG exception page",
             *msg ? ": " : "", msg);
    return true;
  }
  if (palo_alto(r, title, text, textlen)) {
    *product = "Palo Alto Networks";
    *block = true;
    return true;
  }
  if (*title && r->status >= 400) {
    *product = "";
    snprintf(text, textlen, "page title: %s", title);
    return true;
  }
  return false;
}
