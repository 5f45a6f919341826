/* SPDX-License-Identifier: MIT */
/* Durations on the command line (issue 17): a number with an optional unit,
 * as curl's --connect-timeout and --max-time take them. */
#ifndef PP_UTIL_DURATION_H
#define PP_UTIL_DURATION_H

#include <stdbool.h>
#include <stddef.h>

/* Longest accepted duration: 1,000,000,000 ms (about 11.6 days). */
#define PP_DURATION_MAX_MS 1000000000ul

/* Parses text as DIGITS[.DIGITS][UNIT], UNIT "ms" or "s"; without a unit the
 * number is in default_unit_ms (1000: seconds, as curl; 1: milliseconds).
 * The value is rounded to whole milliseconds and must be 1 ms to
 * PP_DURATION_MAX_MS. No sign, no blanks, no exponent, locale independent.
 * false with a one-line reason in err. */
bool pp_duration_parse(const char *text, unsigned default_unit_ms, unsigned long *ms, char *err,
                       size_t errlen);

#endif
