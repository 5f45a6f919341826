/* SPDX-License-Identifier: MIT */
/*
 * --now and --tz for the date and time functions (src/pac/clock.c).
 * Internal: the program and the tests use it; it is not installed.
 */
#ifndef PP_PAC_CLOCK_H
#define PP_PAC_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/pacprobe.h"

/* ---- clock ------------------------------------------------------------- */

/* Parses --now: YYYY-MM-DDTHH:MM:SS[.fff] with optional Z or ±HH:MM; without
 * a zone the time is local (process TZ). PP_EINVAL with reason in err. */
pp_status_t pp_time_parse(const char *text, double *epoch_ms, char *err, size_t errlen);

/* True when zone names a time zone of the system's zoneinfo database
 * ($TZDIR or /usr/share/zoneinfo), e.g. "Europe/Berlin". */
bool pp_tz_known(const char *zone);

#endif
