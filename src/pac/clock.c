/* SPDX-License-Identifier: MIT */
/*
 * --now parsing. The pinned instant is an epoch millisecond count; the zone
 * for the date functions' local time is the process zone (the CLI sets TZ
 * from --tz before any engine exists), so "local" here means the same zone
 * the engines will use (pac-semantics.md §8.4).
 */
#include "pacprobe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "util/str.h"

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Reads exactly n digits at *p. */
static bool digits(const char **p, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if ((*p)[i] < '0' || (*p)[i] > '9') return false;
    v = v * 10 + ((*p)[i] - '0');
  }
  *p += n;
  *out = v;
  return true;
}

static bool expect(const char **p, char c) {
  if (**p != c) return false;
  (*p)++;
  return true;
}

pp_status_t pp_time_parse(const char *text, double *epoch_ms, char *err, size_t errlen) {
  const char *p = text;
  int y, mo, d, h, mi, s, ms = 0;
  if (!digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') ||
      !digits(&p, 2, &d) || !expect(&p, 'T') || !digits(&p, 2, &h) || !expect(&p, ':') ||
      !digits(&p, 2, &mi) || !expect(&p, ':') || !digits(&p, 2, &s)) {
    pp_set_err(err, errlen, "expected YYYY-MM-DDTHH:MM:SS[Z|+HH:MM]");
    return PP_EINVAL;
  }
  if (*p == '.') {
    p++;
    if (!digits(&p, 3, &ms)) {
      pp_set_err(err, errlen, "fraction must be 3 digits (milliseconds)");
      return PP_EINVAL;
    }
  }
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
      s > 59) {
    pp_set_err(err, errlen, "no such date or time");
    return PP_EINVAL;
  }
  struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d,
                  .tm_hour = h, .tm_min = mi, .tm_sec = s, .tm_isdst = -1};
  time_t t;
  if (*p == '\0') {
    t = pp_os_mktime(&tm); /* local time in the process zone (--tz) */
  } else {
    int sign = 0, oh = 0, om = 0;
    if (*p == 'Z') p++;
    else if ((*p == '+' || *p == '-') && (sign = *p++ == '+' ? 1 : -1) &&
             (!digits(&p, 2, &oh) || !expect(&p, ':') || !digits(&p, 2, &om) || oh > 23 ||
              om > 59)) {
      pp_set_err(err, errlen, "zone offset must be Z or +HH:MM / -HH:MM");
      return PP_EINVAL;
    }
    if (*p != '\0') {
      pp_set_err(err, errlen, "unexpected text after the time");
      return PP_EINVAL;
    }
    t = pp_os_timegm(&tm) - (time_t)sign * (oh * 3600 + om * 60);
  }
  *epoch_ms = (double)t * 1000.0 + ms;
  return PP_OK;
}

/* The platform decides (src/os): a file of the zoneinfo folder (glibc
 * reads an unknown TZ as UTC without a word, the kind of silent default
 * pacprobe must not have). */
bool pp_tz_known(const char *zone) { return pp_os_tz_known(zone); }

/* Duktape's local time offset provider on Windows (cmake/duktape.cmake:
 * DUK_USE_DATE_GET_LOCAL_TZOFFSET): seconds east of UTC at the UTC instant
 * d (milliseconds), from the process zone --tz set. */
int pp_duk_local_tzoffset(double d);
int pp_duk_local_tzoffset(double d) {
  double s = d / 1000.0;
  if (s > 8.64e12) s = 8.64e12; /* ECMAScript's time range */
  if (s < -8.64e12) s = -8.64e12;
  return (int)pp_os_local_offset((time_t)(s < 0 ? s - 1 : s));
}
