/* SPDX-License-Identifier: MIT */
/*
 * Time zones on Windows (src/os/os.h): Windows has no IANA zone database
 * and its C runtime's TZ understands only "NAME[+-]H[DST]" with US rules,
 * so --tz reads the zone's TZif file (util/tzif.c) from a zoneinfo folder:
 * TZDIR, else zoneinfo\ next to pacprobe.exe, where the zip puts Debian's
 * tzdata (tools/windows-dist.sh). Offsets and mktime come from it; the
 * UTC names need no file; without --tz (or for a TZ the program found that
 * names no zone file) the C runtime's local time applies, the system's
 * zone (docs/windows.md "Time zones").
 */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "util/tzif.h"

#define CACHE 8 /* zones a `test` run switches between (@tz) */

static const char *const utc_names[] = {"UTC", "Etc/UTC", "GMT", "Etc/GMT", "Zulu", "Etc/Zulu", NULL};

static struct {
  char name[128];
  pp_tzif_t *z;
} cache[CACHE];
static size_t ncache;
static const pp_tzif_t *current; /* NULL: the C runtime's zone */
static char refusal[400];

static bool is_utc(const char *zone) {
  for (int i = 0; utc_names[i]; i++)
    if (strcmp(zone, utc_names[i]) == 0) return true;
  return false;
}

static bool zone_dir(char *out, size_t len) {
  const char *env = getenv("TZDIR");
  if (env && *env) return (size_t)snprintf(out, len, "%s", env) < len;
  char prog[1024];
  return pp_os_program_dir(prog, sizeof(prog)) && (size_t)snprintf(out, len, "%szoneinfo", prog) < len;
}

static bool valid_name(const char *zone) {
  size_t n = strlen(zone);
  return n && n < sizeof(cache[0].name) && zone[0] != '/' && !strstr(zone, "..") &&
         strspn(zone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-") == n;
}

/* The zone's data, loaded once; NULL (refusal says why) when there is none. */
static const pp_tzif_t *load(const char *zone) {
  for (size_t i = 0; i < ncache; i++)
    if (!strcmp(cache[i].name, zone)) return cache[i].z;
  char dir[1024], path[1200], err[200];
  if (!valid_name(zone)) return snprintf(refusal, sizeof(refusal), "not an IANA time zone name"), NULL;
  if (!zone_dir(dir, sizeof(dir))) return snprintf(refusal, sizeof(refusal), "no zoneinfo folder"), NULL;
  snprintf(path, sizeof(path), "%s/%s", dir, zone);
  FILE *f = pp_os_is_regular(path) ? pp_os_fopen(path, "rb") : NULL;
  if (!f)
    return snprintf(refusal, sizeof(refusal), "not a known IANA time zone: no file %s (the zoneinfo folder is TZDIR, "
                    "else zoneinfo\\ next to pacprobe.exe, as in the zip)", path), NULL;
  uint8_t *buf = malloc(PP_TZIF_MAX_BYTES);
  size_t n = buf ? fread(buf, 1, PP_TZIF_MAX_BYTES, f) : 0;
  fclose(f);
  pp_tzif_t *z = buf ? pp_tzif_parse(buf, n, err, sizeof(err)) : NULL;
  free(buf);
  if (!z) return snprintf(refusal, sizeof(refusal), "%s: %s", path, buf ? err : "out of memory"), NULL;
  if (ncache == CACHE) pp_tzif_free(cache[--ncache].z);
  snprintf(cache[ncache].name, sizeof(cache[ncache].name), "%s", zone);
  cache[ncache++].z = z;
  return z;
}

bool pp_os_tz_known(const char *zone) { return is_utc(zone) || load(zone) != NULL; }

const char *pp_os_tz_refusal(void) { return refusal[0] ? refusal : "not a known IANA time zone"; }

void pp_os_set_tz(const char *zone) {
  current = zone && !is_utc(zone) ? load(zone) : NULL;
  /* the C runtime keeps the name (a later getenv("TZ") restores it), or
   * UTC0 for the UTC names, or the system's zone without one */
  (void)_putenv_s("TZ", !zone ? "" : is_utc(zone) ? "UTC0" : zone);
  _tzset();
}

time_t pp_os_mktime(struct tm *tm) {
  if (!current) return mktime(tm);
  struct tm u = *tm;
  u.tm_isdst = 0;
  time_t local = _mkgmtime(&u);
  if (local == (time_t)-1) return local;
  time_t t = (time_t)pp_tzif_from_local(current, (int64_t)local);
  bool dst = false;
  time_t shown = t + pp_tzif_offset(current, (int64_t)t, &dst);
  struct tm out;
  if (!gmtime_r(&shown, &out)) return (time_t)-1;
  out.tm_isdst = dst;
  *tm = out;
  return t;
}

long pp_os_local_offset(time_t t) {
  if (current) return pp_tzif_offset(current, (int64_t)t, NULL);
  struct tm lt, ut;
  if (!localtime_r(&t, &lt) || !gmtime_r(&t, &ut)) return 0;
  lt.tm_isdst = 0;
  return (long)(_mkgmtime(&lt) - _mkgmtime(&ut));
}
