/* SPDX-License-Identifier: MIT */
/*
 * The case-file grammar of `pacprobe test` (DESIGN §1.4, docs/cases-format.md):
 * classifies one line as a case (URL and EXPECTED), a directive or nothing,
 * and checks each directive value with the same library calls the options
 * use, so a typo in a suite fails before any case runs. Keeping state across
 * lines and building engines is left to src/cli/cmd_test.c.
 */
#include "pac/cases.h"
#include "pac/host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "util/buf.h"
#include "util/str.h"

static const char *const dir_names[] = {"now", "tz", "my-ip", "resolve", "emulate", "host", "reset"};

const char *pp_case_dir_name(pp_case_dir_t dir) {
  return (size_t)dir < sizeof(dir_names) / sizeof(dir_names[0]) ? dir_names[dir] : "?";
}

void pp_case_line_clear(pp_case_line_t *l) {
  if (!l) return;
  free(l->url);
  free(l->expected);
  free(l->value);
  pp_strlist_free(l->items, l->nitems);
  memset(l, 0, sizeof(*l));
}

static bool is_blank(int c) { return c == ' ' || c == '\t'; }

/* Trims blanks (and a stray '\r' from a CRLF file) on both sides. */
static void trim(const char **p, size_t *n) {
  while (*n > 0 && is_blank((unsigned char)(*p)[0])) (*p)++, (*n)--;
  while (*n > 0 && (is_blank((unsigned char)(*p)[*n - 1]) || (*p)[*n - 1] == '\r')) (*n)--;
}

/* Splits the value on blanks (and on commas when `commas`) into l->items. */
static pp_status_t split_items(pp_case_line_t *l, bool commas) {
  pp_buf_t b;
  pp_buf_init(&b, l->value, strlen(l->value));
  while (pp_buf_remaining(&b) > 0) {
    int c = pp_buf_peek(&b);
    if (is_blank(c) || (commas && c == ',')) {
      pp_buf_get(&b);
      continue;
    }
    size_t start = b.pos;
    while ((c = pp_buf_peek(&b)) >= 0 && !is_blank(c) && !(commas && c == ',')) pp_buf_get(&b);
    char *item = pp_strndup(l->value + start, b.pos - start);
    bool ok = item && pp_strlist_push(&l->items, &l->nitems, item);
    free(item);
    if (!ok) return PP_ENOMEM;
  }
  return PP_OK;
}

static pp_status_t bad_value(const pp_case_line_t *l, const char *why, char *err, size_t errlen) {
  pp_set_err(err, errlen, "@%s: bad value '%s': %s", pp_case_dir_name(l->dir), l->value, why);
  return PP_EINVAL;
}

static pp_status_t check_resolve(pp_case_line_t *l, char *err, size_t errlen) {
  pp_status_t st = split_items(l, false);
  pp_resolver_t *r = st == PP_OK ? pp_resolver_new() : NULL;
  if (st == PP_OK && !r) st = PP_ENOMEM;
  for (size_t i = 0; st == PP_OK && i < l->nitems; i++) {
    char why[256];
    if (pp_resolver_add_override(r, l->items[i], why, sizeof(why)) != PP_OK)
      st = bad_value(l, why, err, errlen);
  }
  pp_resolver_free(r);
  return st;
}

/* Checks a directive's value; a bare directive (value NULL) is always
 * valid except that @reset never takes one. */
static pp_status_t check_value(pp_case_line_t *l, char *err, size_t errlen) {
  char why[256] = "";
  if (!l->value) return PP_OK;
  switch (l->dir) {
  case PP_CASE_DIR_NOW: {
    double ms;
    if (pp_time_parse(l->value, &ms, why, sizeof(why)) != PP_OK)
      return bad_value(l, why, err, errlen);
    return PP_OK;
  }
  case PP_CASE_DIR_TZ:
    return pp_tz_known(l->value) ? PP_OK : bad_value(l, pp_os_tz_refusal(), err, errlen);
  case PP_CASE_DIR_MY_IP: {
    pp_status_t st = split_items(l, true);
    for (size_t i = 0; st == PP_OK && i < l->nitems; i++)
      if (!pp_host_is_ip_literal(l->items[i])) st = bad_value(l, "expected IP addresses separated by ','", err, errlen);
    return st;
  }
  case PP_CASE_DIR_RESOLVE: return check_resolve(l, err, errlen);
  case PP_CASE_DIR_EMULATE: {
    pp_emulation_t m;
    if (pp_emulation_parse(l->value, &m) == PP_OK) return PP_OK;
    return bad_value(l, "expected chrome, firefox, winhttp, pacparser, pac-resolver or libproxy",
                     err, errlen);
  }
  case PP_CASE_DIR_HOST:
    return strpbrk(l->value, " \t") ? bad_value(l, "a host name has no blanks", err, errlen) : PP_OK;
  case PP_CASE_DIR_RESET: pp_set_err(err, errlen, "@reset takes no value"); return PP_EINVAL;
  }
  return PP_OK;
}

static pp_status_t parse_directive(const char *p, size_t n, pp_case_line_t *out, char *err,
                                   size_t errlen) {
  pp_buf_t b;
  const char *tok;
  pp_buf_init(&b, p, n);
  size_t name_len = pp_buf_fetch_token(&b, &tok);
  size_t i = 0;
  for (; i < sizeof(dir_names) / sizeof(dir_names[0]); i++)
    if (strlen(dir_names[i]) == name_len - 1 && strncmp(dir_names[i], p + 1, name_len - 1) == 0) break;
  if (i == sizeof(dir_names) / sizeof(dir_names[0])) {
    pp_set_err(err, errlen, "unknown directive '%.*s' (expected @now, @tz, @my-ip, @resolve, "
               "@emulate, @host or @reset)", (int)name_len, p);
    return PP_EINVAL;
  }
  out->kind = PP_CASE_DIRECTIVE;
  out->dir = (pp_case_dir_t)i;
  const char *v = p + name_len;
  size_t vn = n - name_len;
  trim(&v, &vn);
  if (vn > 0 && !(out->value = pp_strndup(v, vn))) return PP_ENOMEM;
  return check_value(out, err, errlen);
}

/* URL<TAB>EXPECTED; without a TAB the URL ends at the first blank. */
static pp_status_t parse_case(const char *p, size_t n, pp_case_line_t *out, char *err,
                              size_t errlen) {
  const char *tab = memchr(p, '\t', n), *tok;
  size_t cut;
  if (tab) {
    cut = (size_t)(tab - p);
  } else {
    pp_buf_t b;
    pp_buf_init(&b, p, n);
    cut = pp_buf_fetch_token(&b, &tok);
  }
  const char *u = p, *x = p + cut;
  size_t un = cut, xn = n - cut;
  trim(&u, &un);
  trim(&x, &xn);
  if (un == 0 || xn == 0) {
    pp_set_err(err, errlen, "expected 'URL<TAB>EXPECTED', a '@' directive or a '#' comment");
    return PP_EINVAL;
  }
  out->kind = PP_CASE_TEST;
  out->url = pp_strndup(u, un);
  out->expected = pp_strndup(x, xn);
  return out->url && out->expected ? PP_OK : PP_ENOMEM;
}

pp_status_t pp_case_line_parse(const char *line, size_t len, pp_case_line_t *out, char *err,
                               size_t errlen) {
  memset(out, 0, sizeof(*out));
  pp_set_err(err, errlen, "%s", "");
  trim(&line, &len);
  if (len == 0 || line[0] == '#') return PP_OK;
  pp_status_t st = line[0] == '@' ? parse_directive(line, len, out, err, errlen)
                                  : parse_case(line, len, out, err, errlen);
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  if (st != PP_OK) pp_case_line_clear(out);
  return st;
}

bool pp_case_expects_error(const char *expected) { return strcasecmp(expected, "ERROR") == 0; }

pp_status_t pp_case_expected_canonical(const char *expected, pp_emulation_t mode, char **canon,
                                       char *err, size_t errlen) {
  *canon = NULL;
  if (pp_case_expects_error(expected)) {
    *canon = pp_strndup("ERROR", 5);
    return *canon ? PP_OK : PP_ENOMEM;
  }
  pp_result_t r;
  memset(&r, 0, sizeof(r));
  pp_status_t st = pp_result_parse(expected, mode, &r);
  if (st == PP_OK && r.ninvalid > 0) {
    pp_set_err(err, errlen, "expected result '%s' has an entry %s does not accept: '%s'", expected,
               pp_emulation_name(mode), r.invalid[0]);
    st = PP_EINVAL;
  }
  if (st == PP_OK && !(*canon = pp_strndup(r.canonical, strlen(r.canonical)))) st = PP_ENOMEM;
  pp_result_clear(&r);
  return st;
}
