/* SPDX-License-Identifier: MIT */
/* Deadline waits on POSIX (src/os/os.h): condition variables on
 * CLOCK_MONOTONIC, so a clock step never stretches or cuts a wait. */
#include "os/os.h"

int pp_os_cond_init(pthread_cond_t *c) {
  pthread_condattr_t ca;
  int rc = pthread_condattr_init(&ca);
  if (rc) return rc;
  rc = pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  if (!rc) rc = pthread_cond_init(c, &ca);
  pthread_condattr_destroy(&ca);
  return rc;
}

void pp_os_cond_deadline(struct timespec *ts, double ms) {
  clock_gettime(CLOCK_MONOTONIC, ts);
  long long ns = (long long)ts->tv_nsec + (long long)(ms * 1e6);
  ts->tv_sec += (time_t)(ns / 1000000000LL);
  ts->tv_nsec = (long)(ns % 1000000000LL);
}
