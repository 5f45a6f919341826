/* SPDX-License-Identifier: MIT */
/*
 * Lint checks on calls (docs/lint.md): unknown functions with a suggestion,
 * PAC helpers with the wrong number of arguments, DNS on every request,
 * invalid addresses and masks (DNS sites go to lint_dns.c), shExpMatch patterns that cannot match, and
 * calls whose meaning depends on the emulated client. The date and time
 * helpers' arguments are lint_dates.c's; returns are lint_returns.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/host.h"
#include "lint/lint_int.h"
#include "util/str.h"

#define M(mode) (1u << (mode))
#define M_ALL 0x3fu
#define M_MS (M(PP_EMU_CHROME) | M(PP_EMU_WINHTTP) | M(PP_EMU_PACPARSER))
#define M_BROWSERS (M(PP_EMU_CHROME) | M(PP_EMU_FIREFOX) | M(PP_EMU_WINHTTP))

/* The PAC functions (pac-semantics.md §2, §3) with their argument counts
 * and the modes that define them (src/pac/natives.c, pacscripts/runtime). */
typedef struct helper {
  const char *name;
  unsigned min, max;
  unsigned modes;
} helper_t;

static const helper_t helpers[] = {
    {"alert", 1, 1, M_ALL & ~M(PP_EMU_PACPARSER)}, /* pactester 1.3.6: ReferenceError */
    {"convert_addr", 1, 1, M_ALL & ~M(PP_EMU_PAC_RESOLVER)},
    {"dateRange", 1, 7, M_ALL},
    {"dnsDomainIs", 2, 2, M_ALL},
    {"dnsDomainLevels", 1, 1, M_ALL},
    {"dnsResolve", 1, 1, M_ALL},
    {"dnsResolveEx", 1, 1, M_MS},
    {"getClientVersion", 0, 0, M(PP_EMU_WINHTTP)},
    {"isInNet", 3, 3, M_ALL},
    {"isInNetEx", 2, 2, M_MS},
    {"isPlainHostName", 1, 1, M_ALL},
    {"isResolvable", 1, 1, M_ALL},
    {"isResolvableEx", 1, 1, M_MS},
    {"isValidIpAddress", 1, 1, M_BROWSERS},
    {"localHostOrDomainIs", 2, 2, M_ALL},
    {"myIpAddress", 0, 0, M_ALL},
    {"myIpAddressEx", 0, 0, M_MS},
    {"shExpMatch", 2, 2, M_ALL},
    {"sortIpAddressList", 1, 1, M(PP_EMU_CHROME) | M(PP_EMU_WINHTTP)},
    {"timeRange", 1, 7, M_ALL},
    {"weekdayRange", 1, 3, M_ALL},
};
#define NHELPERS (sizeof(helpers) / sizeof(helpers[0]))

/* Standard ECMAScript globals a PAC may call (ES5.1 §15 plus what browsers
 * add); calling one is never a typo. */
static const char *const js_globals[] = {
    "Array", "ArrayBuffer", "BigInt", "Boolean", "DataView", "Date", "Error", "EvalError", "Float32Array",
    "Float64Array", "Function", "Int16Array", "Int32Array", "Int8Array", "Map", "Number",
    "Object", "Promise", "Proxy", "RangeError", "ReferenceError", "RegExp", "Set", "String",
    "Symbol", "SyntaxError", "TypeError", "URIError", "Uint16Array", "Uint32Array", "Uint8Array",
    "Uint8ClampedArray", "WeakMap", "WeakSet", "decodeURI", "decodeURIComponent", "encodeURI",
    "encodeURIComponent", "escape", "eval", "isFinite", "isNaN", "parseFloat", "parseInt",
    "unescape", "FindProxyForURL", "FindProxyForURLEx",
};

static const helper_t *find_helper(const char *name) {
  for (size_t i = 0; i < NHELPERS; i++)
    if (strcmp(helpers[i].name, name) == 0) return &helpers[i];
  return NULL;
}

/* ---- unknown functions ------------------------------------------------------- */

size_t pp_lint_distance(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la > 64 || lb > 64) return (size_t)-1;
  size_t d[65][65];
  for (size_t i = 0; i <= la; i++) d[i][0] = i;
  for (size_t j = 0; j <= lb; j++) d[0][j] = j;
  for (size_t i = 1; i <= la; i++) {
    for (size_t j = 1; j <= lb; j++) {
      size_t cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
      size_t v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
          tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
          d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1; /* transposition */
      d[i][j] = v;
    }
  }
  return d[la][lb];
}

static void consider(const char *name, const char *cand, const char **best, size_t *bestd) {
  size_t d = pp_lint_distance(name, cand);
  if (d < *bestd && strcmp(name, cand) != 0) {
    *best = cand;
    *bestd = d;
  }
}

/* The nearest PAC helper or script function within a small distance:
 * one edit for short names, two from eight characters on. */
static const char *suggest(const pp_lint_ctx_t *c, const char *name) {
  const char *best = NULL;
  size_t bestd = (size_t)-1;
  for (size_t i = 0; i < NHELPERS; i++) consider(name, helpers[i].name, &best, &bestd);
  for (size_t i = 0; i < c->ndecl; i++) consider(name, c->decl[i], &best, &bestd);
  size_t limit = strlen(name) >= 8 ? 2 : 1;
  return bestd <= limit ? best : NULL;
}

static bool is_js_global(const char *name) {
  for (size_t i = 0; i < sizeof(js_globals) / sizeof(js_globals[0]); i++)
    if (strcmp(js_globals[i], name) == 0) return true;
  return false;
}

static void check_unknown(pp_lint_ctx_t *c, const pp_lint_call_t *call, const char *name) {
  if (c->dynamic_names || find_helper(name) || is_js_global(name) || pp_lint_declared(c, name) ||
      pp_lint_guarded(c, name))
    return;
  const char *s = suggest(c, name);
  if (s)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "unknown-function",
               "call to unknown function '%s'; did you mean '%s'?", name, s);
  else
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "unknown-function",
               "call to unknown function '%s' (a ReferenceError when reached)", name);
}

/* ---- argument counts and mode-dependent helpers ------------------------------ */

static void check_arity(pp_lint_ctx_t *c, const pp_lint_call_t *call, const helper_t *h) {
  if (call->argc >= h->min && call->argc <= h->max) return;
  if (h->min == h->max)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "arity", "%s takes %u argument%s, not %zu",
               h->name, h->min, h->min == 1 ? "" : "s", call->argc);
  else if (call->argc < h->min)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "arity",
               "%s() without arguments is always false", h->name);
  else
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "arity", "%s takes at most %u arguments, not %zu",
               h->name, h->max, call->argc);
}

static void mode_list(unsigned modes, bool present, char *out, size_t outlen) {
  out[0] = '\0';
  for (int m = PP_EMU_CHROME; m <= PP_EMU_LIBPROXY; m++) {
    if (((modes & M(m)) != 0) != present) continue;
    size_t used = strlen(out);
    snprintf(out + used, outlen - used, "%s%s", used ? ", " : "", pp_emulation_name((pp_emulation_t)m));
  }
}

/* A helper missing in one of the browsers, called without a typeof guard:
 * a ReferenceError there (pac-semantics.md §3). Reported once per name. */
static void check_availability(pp_lint_ctx_t *c, const pp_lint_call_t *call, const helper_t *h,
                               unsigned *reported) {
  if ((h->modes & M_BROWSERS) == M_BROWSERS || pp_lint_guarded(c, h->name) ||
      pp_lint_declared(c, h->name))
    return;
  /* Only clients that have the ...Ex helpers call FindProxyForURLEx. */
  if (pp_lint_in_function(c, call->callee, "FindProxyForURLEx")) return;
  size_t idx = (size_t)(h - helpers);
  if (*reported & (1u << idx)) return;
  *reported |= 1u << idx;
  char missing[128];
  mode_list(h->modes, false, missing, sizeof(missing));
  pp_lint_at(c, call->callee, PP_LINT_WARNING, "mode-difference",
             "%s is not defined in %s: the call throws ReferenceError there (guard it with "
             "typeof %s == \"function\")",
             h->name, missing, h->name);
}

/* A helper the emulated client itself lacks (alert in pactester 1.3.6):
 * the call throws ReferenceError and the URL fails. */
static void check_defined_in_mode(pp_lint_ctx_t *c, const pp_lint_call_t *call, const helper_t *h) {
  if ((h->modes & M(c->mode)) || pp_lint_guarded(c, h->name)) return;
  pp_lint_at(c, call->callee, PP_LINT_WARNING, "unknown-function",
             "%s is not defined in %s: the call throws ReferenceError and the URL fails", h->name,
             c->mode == PP_EMU_PACPARSER ? "pacparser (pactester 1.3.6)"
                                         : pp_emulation_name(c->mode));
}

static void check_plain_host(pp_lint_ctx_t *c, const pp_lint_call_t *call) {
  char *arg = pp_lint_arg_string(c, call, 0);
  if (arg && strchr(arg, ':'))
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "mode-difference",
               "isPlainHostName(\"%s\") differs between clients: chrome and firefox say false "
               "(an IPv6 literal / a colon), pacparser and pac-resolver true (no dot)",
               arg);
  free(arg);
}

/* ---- addresses ------------------------------------------------------------- */

/* isValidIpAddress: four dotted fields of one to three digits, each <= 255
 * (pac-semantics.md §2.2). *v gets the address. */
static bool quad(const char *s, unsigned long *v) {
  *v = 0;
  for (int f = 0; f < 4; f++) {
    size_t n = 0;
    unsigned long x = 0;
    while (isdigit((unsigned char)s[n]) && n < 4) x = x * 10 + (unsigned long)(s[n++] - '0');
    if (n == 0 || n > 3 || x > 255) return false;
    s += n;
    if (f < 3 && *s++ != '.') return false;
    *v = (*v << 8) | x;
  }
  return *s == '\0';
}

static void dotted(unsigned long v, char *out, size_t outlen) {
  snprintf(out, outlen, "%lu.%lu.%lu.%lu", (v >> 24) & 255, (v >> 16) & 255, (v >> 8) & 255,
           v & 255);
}

/* Address bits outside the mask: 10.4.1.0 with 255.255.0.0 is the rule
 * for 10.4.0.0/16, which is a typo for /24 or a rule wider than meant. */
static void check_mask_bits(pp_lint_ctx_t *c, const pp_lint_call_t *call, const char *pat,
                            unsigned long p, const char *mask, unsigned long m) {
  if ((p & ~m & 0xffffffffUL) == 0) return;
  int fit = 32;
  while (fit > 0 && !(p & (1UL << (32 - fit)))) fit--; /* the lowest set bit of p */
  unsigned long fitmask = fit ? (0xffffffffUL << (32 - fit)) & 0xffffffffUL : 0;
  char net[16], want[16];
  dotted(p & m, net, sizeof(net));
  dotted(fitmask, want, sizeof(want));
  pp_lint_at(c, call->arg_start[1], PP_LINT_WARNING, "mask-bits",
             "isInNet(..., \"%s\", \"%s\"): the address has bits outside the mask, so the rule "
             "matches all of %s/%s; a typo for the mask \"%s\", or a rule wider than meant",
             pat, mask, net, mask, want);
}

static void check_in_net(pp_lint_ctx_t *c, const pp_lint_call_t *call) {
  char *pat = pp_lint_arg_string(c, call, 1), *mask = pp_lint_arg_string(c, call, 2);
  char what[96];
  unsigned long p = 0, m = 0;
  bool pat_ok = pat && quad(pat, &p), mask_ok = mask && quad(mask, &m);
  bool contiguous = mask_ok && (((~m & 0xffffffffUL) & ((~m & 0xffffffffUL) + 1)) == 0);
  if (pat && !pat_ok && pp_lint_placeholder(pat, what, sizeof(what)))
    pp_lint_check_host_literal(c, call->arg_start[1], "isInNet", pat);
  else if (pat && !pat_ok)
    pp_lint_at(c, call->arg_start[1], PP_LINT_WARNING, "bad-ip",
               "isInNet pattern \"%s\" is not a dotted-quad IPv4 address: the call is always false%s",
               pat, strchr(pat, '/') ? " (isInNet takes no CIDR; use a mask or isInNetEx)" : "");
  if (mask && !mask_ok && pp_lint_placeholder(mask, what, sizeof(what)))
    pp_lint_check_host_literal(c, call->arg_start[2], "isInNet", mask);
  else if (mask && !mask_ok)
    pp_lint_at(c, call->arg_start[2], PP_LINT_WARNING, "bad-ip",
               "isInNet mask \"%s\" is not a dotted-quad IPv4 mask: the call is always false", mask);
  else if (mask && !contiguous)
    pp_lint_at(c, call->arg_start[2], PP_LINT_WARNING, "bad-ip",
               "isInNet mask \"%s\" is not contiguous (ones then zeros)", mask);
  else if (pat_ok && mask_ok)
    check_mask_bits(c, call, pat, p, mask, m);
  free(pat);
  free(mask);
}

static void check_in_net_ex(pp_lint_ctx_t *c, const pp_lint_call_t *call) {
  char *prefix = pp_lint_arg_string(c, call, 1);
  if (!prefix) return;
  char *slash = strchr(prefix, '/');
  bool ok = false;
  if (slash) {
    *slash = '\0';
    char *end = NULL;
    long len = strtol(slash + 1, &end, 10);
    bool v6 = strchr(prefix, ':') != NULL;
    ok = pp_host_is_ip_literal(prefix) && end != slash + 1 && *end == '\0' && len >= 0 &&
         len <= (v6 ? 128 : 32);
    *slash = '/';
  }
  if (!ok)
    pp_lint_at(c, call->arg_start[1], PP_LINT_WARNING, "bad-ip",
               "isInNetEx prefix \"%s\" is not ADDRESS/LENGTH: the call is always false", prefix);
  free(prefix);
}

/* ---- the driver ------------------------------------------------------------ */

/* A literal host argument k: placeholders always; upper case and a missing
 * leading dot only when it is compared with the host parameter
 * (lint_hosts.c), and not for shExpMatch, whose patterns lint_patterns.c
 * judges. False when it held a placeholder. */
static bool host_literal(pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k, const char *fn) {
  char *v = pp_lint_arg_string(c, call, k);
  if (!v) return true;
  char what[96];
  bool ok = true;
  if (pp_lint_placeholder(v, what, sizeof(what)) || (k == 1 && strcmp(fn, "shExpMatch") != 0 &&
                                                     pp_lint_arg_is_ident(c, call, 0, c->host_param)))
    ok = pp_lint_check_host_literal(c, call->arg_start[k], fn, v);
  free(v);
  return ok;
}

static void check_helper(pp_lint_ctx_t *c, const pp_lint_call_t *call, const helper_t *h,
                         pp_lint_dns_t *dns, unsigned *reported) {
  check_arity(c, call, h);
  check_defined_in_mode(c, call, h);
  check_availability(c, call, h, reported);
  const char *n = h->name;
  if (!strcmp(n, "isInNet") || !strcmp(n, "dnsResolve") || !strcmp(n, "isResolvable") ||
      !strcmp(n, "dnsResolveEx") || !strcmp(n, "isResolvableEx"))
    pp_lint_note_dns(c, call, dns);
  if (!strcmp(n, "isInNet") && call->argc == 3) check_in_net(c, call);
  if (!strcmp(n, "isInNetEx") && call->argc == 2) check_in_net_ex(c, call);
  if (!strcmp(n, "isPlainHostName")) check_plain_host(c, call);
  if (!strcmp(n, "shExpMatch") && call->argc == 2 && host_literal(c, call, 1, n))
    pp_lint_check_shexp(c, call);
  if ((!strcmp(n, "dnsDomainIs") || !strcmp(n, "localHostOrDomainIs")) && call->argc == 2)
    host_literal(c, call, 1, n);
  if (!strcmp(n, "dnsResolve") || !strcmp(n, "isResolvable")) host_literal(c, call, 0, n);
  if (!strcmp(n, "weekdayRange") || !strcmp(n, "dateRange") || !strcmp(n, "timeRange"))
    pp_lint_check_date_call(c, call, n);
}

void pp_lint_check_calls(pp_lint_ctx_t *c) {
  pp_lint_dns_t dns;
  dns.n = 0;
  unsigned reported = 0;
  for (size_t i = 0; i < c->ntok && !c->oom; i++) {
    pp_lint_call_t call;
    if (!pp_lint_call_at(c, i, &call)) continue;
    char *name = pp_lint_text(c, i);
    if (!name) break;
    const helper_t *h = find_helper(name);
    if (h && !pp_lint_declared(c, name)) check_helper(c, &call, h, &dns, &reported);
    else check_unknown(c, &call, name);
    free(name);
  }
  pp_lint_report_dns(c, &dns);
}
