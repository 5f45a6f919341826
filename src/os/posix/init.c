/* SPDX-License-Identifier: MIT */
/*
 * The process side of the POSIX seam (src/os/os.h): nothing to start,
 * CPUs from sysconf, TZ through setenv/tzset checked against the system's
 * zoneinfo, timegm and getrandom from the C library.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "os/os.h"

void pp_os_init(void) {}

long pp_os_ncpus(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? n : 1;
}

void pp_os_unsetenv(const char *name) { unsetenv(name); }

/* The zone must be a file of the system's zoneinfo database: glibc reads
 * an unknown TZ as UTC without a word, exactly the kind of silent default
 * pacprobe must not have. */
bool pp_os_tz_known(const char *zone) {
  const char *dir = getenv("TZDIR") ? getenv("TZDIR") : "/usr/share/zoneinfo";
  char path[512];
  if (!*zone || zone[0] == '/' || strstr(zone, "..")) return false;
  if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, zone) >= sizeof(path)) return false;
  return pp_os_is_regular(path);
}

const char *pp_os_tz_refusal(void) { return "not a known IANA time zone (e.g. Europe/Berlin)"; }

void pp_os_set_tz(const char *zone) {
  if (zone) setenv("TZ", zone, 1);
  else unsetenv("TZ");
  tzset();
}

time_t pp_os_timegm(struct tm *tm) { return timegm(tm); }

time_t pp_os_mktime(struct tm *tm) { return mktime(tm); }

long pp_os_local_offset(time_t t) {
  struct tm tm;
  return localtime_r(&t, &tm) ? tm.tm_gmtoff : 0;
}

bool pp_os_random(void *buf, size_t n) {
  return getrandom(buf, n, GRND_NONBLOCK) == (ssize_t)n;
}

ssize_t pp_os_getline(char **line, size_t *cap, FILE *f) { return getline(line, cap, f); }
