/* SPDX-License-Identifier: MIT */
/* Deadline waits on Windows (src/os/os.h): winpthreads measures
 * pthread_cond_timedwait's absolute time on the realtime clock and has no
 * pthread_condattr_setclock(CLOCK_MONOTONIC), so deadlines are computed on
 * CLOCK_REALTIME; the deadlines themselves stay monotonic (pp_dns_now_ms). */
#include "os/os.h"

int pp_os_cond_init(pthread_cond_t *c) { return pthread_cond_init(c, NULL); }

void pp_os_cond_deadline(struct timespec *ts, double ms) {
  clock_gettime(CLOCK_REALTIME, ts);
  long long ns = (long long)ts->tv_nsec + (long long)(ms * 1e6);
  ts->tv_sec += (time_t)(ns / 1000000000LL);
  ts->tv_nsec = (long)(ns % 1000000000LL);
}
