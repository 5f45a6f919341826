/* SPDX-License-Identifier: MIT */
/*
 * Lint checks on host names written as literals (docs/lint.md): upper case
 * compared with the host, which browsers pass lower-case (never-matches),
 * dnsDomainIs without the leading dot (domain-dot), and template
 * placeholders a generator or an installer never filled in (placeholder),
 * in helper arguments, `host == "..."` comparisons and literal results.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"

static void copy_span(const char *p, size_t n, char *what, size_t whatlen) {
  snprintf(what, whatlen, "%.*s", (int)(n < 80 ? n : 80), p);
}

/* `${X}` `{{X}}` `%X%` `<X>`: delimited names no host or proxy has. */
static bool delimited(const char *s, char *what, size_t whatlen) {
  static const char *const pairs[][2] = {{"${", "}"}, {"{{", "}}"}, {"%", "%"}, {"<", ">"}};
  for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
    const char *a = strstr(s, pairs[i][0]);
    if (!a) continue;
    const char *name = a + strlen(pairs[i][0]);
    const char *b = strstr(name, pairs[i][1]);
    if (!b || b == name) continue;
    bool ok = true, percent = pairs[i][0][0] == '%';
    /* %NAME% only in capitals: %20 and other URL escapes are not names */
    if (percent && !isupper((unsigned char)*name)) ok = false;
    for (const char *p = name; p < b && ok; p++)
      ok = percent ? isupper((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'
                   : isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '.';
    if (!ok) continue;
    copy_span(a, (size_t)(b - a) + strlen(pairs[i][1]), what, whatlen);
    return true;
  }
  return false;
}

/* One word (between blanks, ':', ';', '/', ','): all upper case with an
 * underscore (PAC_FQDN, PROXY_HOST) or a YOUR... word (YOUR-IP). Host names
 * written in capitals (PROXY01.CORP) have no underscore and are not
 * flagged. */
static bool placeholder_word(const char *w, size_t n) {
  bool letter = false, underscore = false;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)w[i];
    if (islower(ch) || ch == '.') return false;
    if (!isupper(ch) && !isdigit(ch) && ch != '_' && ch != '-') return false;
    letter |= isupper(ch) != 0;
    underscore |= ch == '_';
  }
  bool your = n >= 5 && strncmp(w, "YOUR", 4) == 0 && (w[4] == '-' || w[4] == '_' || isupper((unsigned char)w[4]));
  return letter && (underscore || your);
}

bool pp_lint_placeholder(const char *s, char *what, size_t whatlen) {
  if (delimited(s, what, whatlen)) return true;
  const char *p = s;
  while (*p) {
    size_t skip = strspn(p, " \t:;/,");
    p += skip;
    size_t n = strcspn(p, " \t:;/,");
    if (n && placeholder_word(p, n)) {
      copy_span(p, n, what, whatlen);
      return true;
    }
    p += n;
  }
  return false;
}

static bool lowercases_host(pp_emulation_t m) { return m == PP_EMU_CHROME || m == PP_EMU_FIREFOX; }

bool pp_lint_check_host_literal(pp_lint_ctx_t *c, size_t at, const char *fn, const char *value) {
  char what[96];
  if (pp_lint_placeholder(value, what, sizeof(what))) {
    pp_lint_at(c, at, PP_LINT_WARNING, "placeholder",
               "\"%s\" holds the unfilled template placeholder '%s': no host is called that",
               value, what);
    return false;
  }
  bool eq = strcmp(fn, "==") == 0;
  bool upper = false;
  for (const char *p = value; *p && !upper; p++) upper = isupper((unsigned char)*p) != 0;
  if (upper && lowercases_host(c->mode))
    pp_lint_at(c, at, PP_LINT_WARNING, "never-matches",
               "%s%s \"%s\" can never match in %s: the host is lower-case", eq ? "host " : "", fn,
               value, pp_emulation_name(c->mode));
  if (strcmp(fn, "dnsDomainIs") == 0 && value[0] && value[0] != '.')
    pp_lint_at(c, at, PP_LINT_WARNING, "domain-dot",
               "dnsDomainIs(host, \"%s\") has no leading dot: it also matches \"my%s\"; write "
               "\".%s\" (and host == \"%s\" for the name itself)",
               value, value, value, value);
  return true;
}

/* `HOST == "lit"`, `"lit" == HOST` (also ===, !=, !==) with the host
 * parameter. */
void pp_lint_check_comparisons(pp_lint_ctx_t *c) {
  for (size_t i = 1; i + 1 < c->ntok && !c->oom; i++) {
    if (!pp_lint_is(c, i, "==") && !pp_lint_is(c, i, "===") && !pp_lint_is(c, i, "!=") &&
        !pp_lint_is(c, i, "!=="))
      continue;
    size_t lit;
    if (pp_lint_is_ident(c, i - 1, c->host_param) && c->tok[i + 1].kind == PP_JS_STRING &&
        !pp_lint_is(c, i - 2, "."))
      lit = i + 1;
    else if (c->tok[i - 1].kind == PP_JS_STRING && pp_lint_is_ident(c, i + 1, c->host_param) &&
             !pp_lint_is(c, i + 2, ".") && !pp_lint_is(c, i + 2, "["))
      lit = i - 1;
    else
      continue;
    char *v = pp_lint_string_value(c, lit, lit + 1);
    if (v) pp_lint_check_host_literal(c, lit, "==", v);
    free(v);
  }
}
