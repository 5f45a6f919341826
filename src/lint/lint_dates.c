/* SPDX-License-Identifier: MIT */
/*
 * Lint checks on weekdayRange/dateRange/timeRange arguments (docs/lint.md,
 * pac-semantics.md §8): names that are never recognised (lower case,
 * typos), a lower-case "gmt", impossible days, hours and dates, the forms
 * that throw (timeRange with 3 or 5 arguments) and the forms that do not
 * mean what they seem (no wrap, ignored months, 1/2 splits). Only literal
 * arguments are judged.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lint/lint_int.h"

static const char *const days[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
static const char *const months[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/* One literal argument: a number (or numeric string, as parseInt reads
 * it), a name, or unknown (computed). */
typedef struct arg {
  bool known, numeric;
  long n;
  char text[32];
  size_t tok;
} arg_t;

static void read_arg(pp_lint_ctx_t *c, const pp_lint_call_t *call, size_t k, arg_t *a) {
  memset(a, 0, sizeof(*a));
  a->tok = call->arg_start[k];
  double v;
  if (pp_lint_arg_number(c, call, k, &v)) {
    a->known = a->numeric = true;
    a->n = (long)v;
    snprintf(a->text, sizeof(a->text), "%ld", a->n);
    return;
  }
  char *s = pp_lint_arg_string(c, call, k);
  if (!s) return;
  a->known = true;
  snprintf(a->text, sizeof(a->text), "%s", s);
  char *end = NULL;
  long n = strtol(s, &end, 10);
  if (end != s && isdigit((unsigned char)s[0])) {
    a->numeric = true;
    a->n = n;
  }
  free(s);
}

static int index_of(const char *const *names, size_t n, const char *s, bool nocase) {
  for (size_t i = 0; i < n; i++)
    if (nocase ? strcasecmp(names[i], s) == 0 : strcmp(names[i], s) == 0) return (int)i;
  return -1;
}

/* A day or month name argument; false (after a warning) when the helper
 * will never recognise it. */
static bool check_name(pp_lint_ctx_t *c, const char *fn, const arg_t *a, const char *const *names,
                       size_t n, const char *what) {
  if (!a->known || a->numeric) return true;
  if (index_of(names, n, a->text, false) >= 0) return true;
  if (index_of(names, n, a->text, true) >= 0) {
    char up[32];
    size_t i = 0;
    for (; a->text[i] && i + 1 < sizeof(up); i++) up[i] = (char)toupper((unsigned char)a->text[i]);
    up[i] = '\0';
    pp_lint_at(c, a->tok, PP_LINT_WARNING, "bad-date",
               "%s: %s names are upper-case only: \"%s\" is never recognised (write \"%s\")", fn,
               what, a->text, up);
  } else {
    pp_lint_at(c, a->tok, PP_LINT_WARNING, "bad-date",
               "%s: \"%s\" is not a %s name (%s..%s): the call is always false", fn, a->text, what,
               names[0], names[n - 1]);
  }
  return false;
}

static void check_weekday(pp_lint_ctx_t *c, arg_t *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (a[i].known && a[i].numeric)
      pp_lint_at(c, a[i].tok, PP_LINT_WARNING, "bad-date",
                 "weekdayRange: %s is not a day name (SUN..SAT): the call is always false", a[i].text);
    else
      check_name(c, "weekdayRange", &a[i], days, 7, "day");
  }
  if (n == 3)
    pp_lint_at(c, a[2].tok, PP_LINT_WARNING, "bad-date",
               "weekdayRange with 3 arguments and no final \"GMT\": the second day is ignored "
               "(it acts as weekdayRange(%s))",
               a[0].known ? a[0].text : "wd1");
}

static void check_time_value(pp_lint_ctx_t *c, const arg_t *a, long max, const char *what) {
  if (a->known && a->numeric && (a->n < 0 || a->n > max))
    pp_lint_at(c, a->tok, PP_LINT_WARNING, "bad-date", "timeRange: %s %ld is out of range 0-%ld",
               what, a->n, max);
  else if (a->known && !a->numeric)
    pp_lint_at(c, a->tok, PP_LINT_WARNING, "bad-date", "timeRange: \"%s\" is not a number",
               a->text);
}

static void check_time(pp_lint_ctx_t *c, const pp_lint_call_t *call, arg_t *a, size_t n) {
  if (n == 3 || n == 5) {
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "arity",
               "timeRange with %zu arguments throws \"timeRange: bad number of arguments\" "
               "(use 1, 2, 4 or 6, plus an optional \"GMT\")",
               n);
    return;
  }
  static const char *const what6[] = {"hour", "minute", "second"};
  for (size_t i = 0; i < n; i++) {
    size_t f = n <= 2 ? 0 : n == 4 ? i % 2 : i % 3;
    check_time_value(c, &a[i], f == 0 ? 23 : 59, what6[f]);
  }
  if (n == 2 && a[0].known && a[1].known && a[0].numeric && a[1].numeric && a[0].n > a[1].n &&
      a[0].n <= 23)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "bad-date",
               "timeRange(%ld, %ld) is never true: the two-argument form does not wrap past "
               "midnight (use timeRange(%ld, 0, %ld, 0))",
               a[0].n, a[1].n, a[0].n, a[1].n);
}

/* day N in month M: 1..month_days; the year itself is not checked. */
static void check_day_in_month(pp_lint_ctx_t *c, const arg_t *d, const arg_t *m) {
  if (!d->known || !d->numeric || d->n < 1 || d->n > 31 || !m->known || m->numeric) return;
  int mi = index_of(months, 12, m->text, false);
  if (mi >= 0 && d->n > month_days[mi])
    pp_lint_at(c, d->tok, PP_LINT_WARNING, "bad-date",
               "dateRange: %s %ld does not exist (the date rolls over into the next month)",
               months[mi], d->n);
}

static void check_date(pp_lint_ctx_t *c, const pp_lint_call_t *call, arg_t *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (!a[i].known) continue;
    if (!a[i].numeric) check_name(c, "dateRange", &a[i], months, 12, "month");
    else if (a[i].n < 1)
      pp_lint_at(c, a[i].tok, PP_LINT_WARNING, "bad-date",
                 "dateRange: day %ld does not exist (days are 1-31)", a[i].n);
    else if (a[i].n >= 32 && a[i].n < 1000)
      pp_lint_at(c, a[i].tok, PP_LINT_WARNING, "bad-date",
                 "dateRange: %ld is not a day (1-31), so it is read as the year %ld", a[i].n, a[i].n);
  }
  if (n == 3 || n == 5)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "bad-date",
               "dateRange with %zu arguments splits them %zu/%zu into start and end, not one "
               "date per half (crbug 827292)",
               n, n / 2, n - n / 2);
  if (n == 2 && a[0].known && a[0].numeric && a[0].n >= 1 && a[0].n <= 31 && a[1].known &&
      !a[1].numeric)
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "bad-date",
               "dateRange(%ld, \"%s\") ignores the month: it is true from day %ld to the end of "
               "every month",
               a[0].n, a[1].text, a[0].n);
  for (size_t i = 0; i + 1 < n; i++)
    if (n != 2 && i + 1 != n / 2) check_day_in_month(c, &a[i], &a[i + 1]);
}

void pp_lint_check_date_call(pp_lint_ctx_t *c, const pp_lint_call_t *call, const char *fn) {
  size_t n = call->argc < PP_LINT_MAX_ARGS ? call->argc : PP_LINT_MAX_ARGS;
  arg_t a[PP_LINT_MAX_ARGS];
  for (size_t k = 0; k < n; k++) read_arg(c, call, k, &a[k]);
  if (n > 0 && a[n - 1].known && strcmp(a[n - 1].text, "GMT") == 0) {
    n--;
  } else if (n > 0 && a[n - 1].known && strcasecmp(a[n - 1].text, "GMT") == 0) {
    pp_lint_at(c, a[n - 1].tok, PP_LINT_WARNING, "bad-date",
               "%s: \"%s\" is not \"GMT\" (upper case only): it is taken as an ordinary argument",
               fn, a[n - 1].text);
    return;
  }
  if (call->argc > PP_LINT_MAX_ARGS) return;
  if (n == 0 && call->argc > 0) {
    pp_lint_at(c, call->callee, PP_LINT_WARNING, "arity", "%s(\"GMT\") is always false", fn);
    return;
  }
  if (strcmp(fn, "weekdayRange") == 0) check_weekday(c, a, n);
  else if (strcmp(fn, "timeRange") == 0) check_time(c, call, a, n);
  else check_date(c, call, a, n);
}
