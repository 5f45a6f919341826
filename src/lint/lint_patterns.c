/* SPDX-License-Identifier: MIT */
/*
 * Lint checks on the patterns a PAC tests `host` and `url` against
 * (docs/lint.md): shExpMatch patterns that throw or can never match what
 * the client passes (pac-semantics.md §2.1, §4.2-4.3), and https path
 * tests that Chromium's URL stripping defeats (crbug 619097). Only literal
 * patterns are judged; anything computed is left alone.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/lint_int.h"

/* The schemes a client asks a PAC about. */
static const char *const schemes[] = {"http://", "https://", "ftp://", "ws://", "wss://"};

/* shExpMatch builds new RegExp('^' + p + '$') after . -> \. * -> .* ? -> .
 * (pac-semantics.md §2.1): an unbalanced '[' or '(' or a trailing '\'
 * makes the constructor throw SyntaxError. Returns what is wrong or NULL. */
static const char *regex_problem(const char *p) {
  int depth = 0;
  for (size_t i = 0; p[i]; i++) {
    if (p[i] == '\\') {
      if (!p[++i]) return "a trailing '\\'";
    } else if (p[i] == '[') {
      size_t j = i + 1;
      while (p[j] && p[j] != ']') j += p[j] == '\\' && p[j + 1] ? 2 : 1;
      if (!p[j]) return "an unbalanced '['";
      i = j;
    } else if (p[i] == '(') {
      depth++;
    } else if (p[i] == ')' && --depth < 0) {
      return "an unbalanced ')'";
    }
  }
  return depth > 0 ? "an unbalanced '('" : NULL;
}

static bool has_regex_syntax(const char *p) { return strpbrk(p, "()|[]+^${}\\") != NULL; }

static bool lowercases_host(pp_emulation_t m) { return m == PP_EMU_CHROME || m == PP_EMU_FIREFOX; }

static void check_host_pattern(pp_lint_ctx_t *c, size_t at, const char *p) {
  for (const unsigned char *s = (const unsigned char *)p; *s; s++) {
    if (*s == '*' || *s == '?' || *s == '.' || *s == '-' || *s == '_' || *s == ':' || isdigit(*s) ||
        islower(*s))
      continue;
    if (isupper(*s) && !lowercases_host(c->mode)) continue;
    if (*s >= 0x80 && !lowercases_host(c->mode)) continue;
    const char *why = isupper(*s) ? "the host is lower-case"
                      : *s >= 0x80 ? "the host is ASCII (IDN names arrive as punycode)"
                                   : "no host name contains it";
    if (isupper(*s) || *s >= 0x80)
      pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
                 "shExpMatch(host, \"%s\") can never match in %s: %s", p,
                 pp_emulation_name(c->mode), why);
    else
      pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
                 "shExpMatch(host, \"%s\") can never match: '%c' is not part of any host name", p,
                 *s);
    return;
  }
}

/* The pattern's text up to its first wildcard. */
static size_t literal_prefix(const char *p) { return strcspn(p, "*?"); }

static bool prefix_fits_a_scheme(const char *p, size_t n) {
  for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++) {
    size_t sl = strlen(schemes[i]), k = n < sl ? n : sl;
    if (strncasecmp(p, schemes[i], k) == 0) return true;
  }
  return false;
}

/* After "scheme://" the stripped URL is "host[:port]/" with nothing after
 * that one '/': a pattern needing any character after the authority's '/'
 * (anything but '*') cannot match it. */
static bool needs_path(const char *p) {
  const char *auth = strstr(p, "://");
  if (!auth) return false;
  const char *slash = strchr(auth + 3, '/');
  if (!slash) return false;
  for (const char *s = slash + 1; *s; s++)
    if (*s != '*') return true;
  return false;
}

static bool is_https(const char *p) {
  return strncasecmp(p, "https://", 8) == 0 || strncasecmp(p, "wss://", 6) == 0;
}

/* crbug 619097: Chrome (52+) hands the PAC https://host[:port]/ only;
 * Firefox cuts every URL to scheme://host[:port]/ (pac-semantics.md §4.2).
 * A comment mentioning Chrome next to the test says the author knows. */
static void check_path_test(pp_lint_ctx_t *c, size_t at, const char *what, const char *p) {
  if (!needs_path(p) || pp_lint_acknowledged(c, at, "chrome|chromium")) return;
  if (is_https(p))
    pp_lint_at(c, at, PP_LINT_WARNING, "mode-difference",
               "%s tests the path of an https URL: chrome strips https URLs to https://host/ before "
               "calling FindProxyForURL, so this only works in winhttp, pacparser, pac-resolver "
               "and libproxy",
               what);
  else if (c->mode == PP_EMU_FIREFOX)
    pp_lint_at(c, at, PP_LINT_WARNING, "mode-difference",
               "%s tests a URL path: firefox strips every URL to scheme://host/ before calling "
               "FindProxyForURL",
               what);
}

static void check_url_pattern(pp_lint_ctx_t *c, size_t at, const char *p) {
  size_t n = literal_prefix(p);
  if (n > 0 && !prefix_fits_a_scheme(p, n)) {
    pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
               "shExpMatch(url, \"%s\") can never match: url starts with its scheme (http://, "
               "https://, ...); to test the host name use shExpMatch(host, ...)",
               p);
    return;
  }
  if (strchr(p, ' ') && c->mode == PP_EMU_CHROME) {
    pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
               "shExpMatch(url, \"%s\") can never match in chrome: the url is escaped and "
               "contains no space",
               p);
    return;
  }
  check_path_test(c, at, "shExpMatch(url, ...)", p);
}

void pp_lint_check_shexp(pp_lint_ctx_t *c, const pp_lint_call_t *call) {
  char *p = pp_lint_arg_string(c, call, 1);
  if (!p) return;
  size_t at = call->arg_start[1];
  const char *why = regex_problem(p);
  if (why)
    pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
               "shExpMatch pattern \"%s\" has %s: the call throws SyntaxError", p, why);
  else if (has_regex_syntax(p))
    ; /* alternation, classes...: a regular expression in disguise; not judged */
  else if (pp_lint_arg_is_ident(c, call, 0, c->host_param))
    check_host_pattern(c, at, p);
  else if (pp_lint_arg_is_ident(c, call, 0, c->url_param))
    check_url_pattern(c, at, p);
  free(p);
}

/* url.indexOf("https://host/path") and friends: the same stripping. */
void pp_lint_check_url_methods(pp_lint_ctx_t *c) {
  static const char *const methods[] = {"indexOf", "lastIndexOf", "startsWith", "search", "match"};
  for (size_t i = 0; i + 4 < c->ntok && !c->oom; i++) {
    if (!pp_lint_is_ident(c, i, c->url_param) || !pp_lint_is(c, i + 1, ".") ||
        !pp_lint_is(c, i + 3, "(") || (i > 0 && pp_lint_is(c, i - 1, ".")))
      continue;
    for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
      if (!pp_lint_is_ident(c, i + 2, methods[m])) continue;
      size_t close = c->match[i + 3];
      char *s = close == PP_LINT_NO_MATCH ? NULL : pp_lint_string_value(c, i + 4, close);
      if (s && is_https(s)) {
        char what[64];
        snprintf(what, sizeof(what), "url.%s(...)", methods[m]);
        check_path_test(c, i + 4, what, s);
      }
      free(s);
    }
  }
}
