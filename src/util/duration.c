/* SPDX-License-Identifier: MIT */
/*
 * Parsing a duration: "5" (in the option's default unit), "2.5", "500ms",
 * "5s". Digits are read by hand, not with strtod, so the decimal point is
 * '.' whatever the locale and no exponent or hex form slips through.
 */
#include <string.h>

#include "util/duration.h"
#include "util/str.h"

#define MAX_DIGITS 12 /* integer and fraction digits each: no overflow below */

/* Reads up to MAX_DIGITS digits; the count read, or MAX_DIGITS + 1 past it. */
static size_t digits(const char **p, unsigned long long *value, unsigned long long *scale) {
  size_t n = 0;
  while (**p >= '0' && **p <= '9') {
    if (n++ < MAX_DIGITS) {
      *value = *value * 10 + (unsigned long long)(**p - '0');
      *scale *= 10;
    }
    (*p)++;
  }
  return n;
}

static bool unit_of(const char *u, unsigned default_unit_ms, unsigned *unit_ms) {
  if (*u == '\0') *unit_ms = default_unit_ms;
  else if (strcmp(u, "ms") == 0) *unit_ms = 1;
  else if (strcmp(u, "s") == 0) *unit_ms = 1000;
  else return false;
  return true;
}

bool pp_duration_parse(const char *text, unsigned default_unit_ms, unsigned long *ms, char *err,
                       size_t errlen) {
  const char *p = text;
  unsigned long long whole = 0, frac = 0, one = 1, scale = 1;
  size_t nw = digits(&p, &whole, &one), nf = 0;
  if (*p == '.') {
    p++;
    nf = digits(&p, &frac, &scale);
  }
  unsigned unit_ms = 0;
  if ((nw == 0 && nf == 0) || nw > MAX_DIGITS || !unit_of(p, default_unit_ms, &unit_ms)) {
    pp_set_err(err, errlen, "expected a number with an optional unit ms or s (e.g. 5, 2.5, 500ms)");
    return false;
  }
  /* round half up to whole milliseconds: whole*unit + frac*unit/scale */
  unsigned long long total = whole * unit_ms + (frac * unit_ms * 2 + scale) / (2 * scale);
  if (total < 1 || total > PP_DURATION_MAX_MS) {
    pp_set_err(err, errlen, "expected 1 ms to %lu s", PP_DURATION_MAX_MS / 1000);
    return false;
  }
  *ms = (unsigned long)total;
  return true;
}
