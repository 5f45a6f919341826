/* SPDX-License-Identifier: MIT */
/* Time zones from TZif files (RFC 8536, the IANA zoneinfo format) for the
 * platforms without a zoneinfo-aware C library: the Windows build reads
 * the zone --tz names from a zoneinfo folder (src/os/win/tz.c,
 * docs/windows.md "Time zones"). Pure: bytes in, offsets out. */
#ifndef PP_UTIL_TZIF_H
#define PP_UTIL_TZIF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PP_TZIF_MAX_BYTES (1u << 20) /* a real zone file is a few KB */

typedef struct pp_tzif pp_tzif_t;

/* Parses a TZif file of n bytes (version 1 to 4; the 64-bit data and the
 * footer's POSIX TZ rule when version >= 2). NULL on a malformed file,
 * with the reason and byte offset in err, or on ENOMEM ("out of memory").
 * Free with pp_tzif_free. */
pp_tzif_t *pp_tzif_parse(const uint8_t *p, size_t n, char *err, size_t errlen);
void pp_tzif_free(pp_tzif_t *z);
/* The zone's offset from UTC in seconds (east positive) at the UTC instant
 * t: the transitions in the file, after the last one the footer's rule,
 * before the first one the first time type. *isdst when non-NULL. */
long pp_tzif_offset(const pp_tzif_t *z, int64_t t, bool *isdst);
/* The UTC instant of a local wall-clock time given as seconds since the
 * epoch as if it were UTC (mktime with tm_isdst -1): in a gap the offset
 * before the gap applies (the result lies after it); in an overlap the
 * instant glibc's mktime gives in a fresh process, local minus the offset
 * at local read as UTC (east of UTC the later instant, west the earlier). */
int64_t pp_tzif_from_local(const pp_tzif_t *z, int64_t local);

#endif
