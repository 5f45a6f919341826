/* SPDX-License-Identifier: MIT */
/*
 * The system's own WPAD detector next to pacprobe's (issue 14, docs/wpad.md
 * "The system's own answer"): runs the platform's detector (os_detect, the
 * seam in src/wpad/<platform>/osdetect.c) on a thread of its own while
 * discover runs, waits for it no longer than a bound, then compares what
 * it found by DHCP and by DNS with pacprobe's first URL by each method.
 * Discovery itself is discover.c; this file never decides the PAC.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "os/os.h"
#include "wpad/wpad_int.h"

/*
 * The detector is a blocking system call without a timeout of its own
 * (WinHttpDetectAutoProxyConfigUrl), so:
 *   1. it runs on a detached thread that owns a heap job;
 *   2. discover waits for the job on a condition variable until
 *      OS_WAIT_MS past its own end at most;
 *   3. a job still running then is abandoned: the thread frees it when
 *      the call returns, and the view says "no answer within N ms".
 */
#define OS_WAIT_MS 10000.0

struct pp_wpad_os_job {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool done, abandoned;
  bool dhcp, dns;
  pp_wpad_os_view_t view;
};

static void view_clear(pp_wpad_os_view_t *v) {
  free(v->error);
  free(v->dhcp.url), free(v->dhcp.error), free(v->dhcp.ours);
  free(v->dns.url), free(v->dns.error), free(v->dns.ours);
  memset(v, 0, sizeof(*v));
}

void pp_wpad_os_view_clear(pp_wpad_os_view_t *v) { view_clear(v); }

static void job_free(pp_wpad_os_job_t *j) {
  view_clear(&j->view);
  pthread_cond_destroy(&j->cv);
  pthread_mutex_destroy(&j->mu);
  free(j);
}

static void *job_thread(void *arg) {
  pp_wpad_os_job_t *j = arg;
  pp_wpad_os_view_t v;
  memset(&v, 0, sizeof(v));
  pp_wpad_os_detect(j->dhcp, j->dns, &v);
  pthread_mutex_lock(&j->mu);
  bool abandoned = j->abandoned;
  j->view = v;
  j->done = true;
  pthread_cond_signal(&j->cv);
  pthread_mutex_unlock(&j->mu);
  if (abandoned) job_free(j);
  return NULL;
}

pp_wpad_os_job_t *pp_wpad_os_start(bool dhcp, bool dns) {
  if (!pp_wpad_os_api() || (!dhcp && !dns)) return NULL;
  pp_wpad_os_job_t *j = calloc(1, sizeof(*j));
  if (!j) return NULL;
  j->dhcp = dhcp;
  j->dns = dns;
  pthread_t t;
  pthread_mutex_init(&j->mu, NULL);
  if (pp_os_cond_init(&j->cv) != 0) {
    pthread_mutex_destroy(&j->mu);
    free(j);
    return NULL;
  }
  if (pthread_create(&t, NULL, job_thread, j) != 0) {
    job_free(j);
    return NULL;
  }
  pthread_detach(t);
  return j;
}

/* pacprobe's first URL by method m from the trace: the cleaned option 252
 * for DHCP, http://NAME/wpad.dat for the first name DNS found. */
static char *ours(const pp_discovery_t *d, pp_wpad_method_t m) {
  for (size_t i = 0; i < d->nattempts; i++) {
    const pp_wpad_attempt_t *a = &d->attempts[i];
    if (a->method != m) continue;
    if (m == PP_WPAD_DHCP && a->answer && *a->answer) return strdup(a->answer);
    if (m == PP_WPAD_DNS && a->result && !strcmp(a->result, "found")) {
      size_t n = strlen(a->asked) + 20;
      char *u = malloc(n);
      if (u) snprintf(u, n, "http://%s/wpad.dat", a->asked);
      return u;
    }
  }
  return NULL;
}

static bool compare(const pp_discovery_t *d, pp_wpad_os_method_t *m, pp_wpad_method_t method) {
  if (!m->asked) return m->agrees = true;
  m->ours = ours(d, method);
  m->agrees = m->ours && m->url ? !strcasecmp(m->ours, m->url) : !m->ours && !m->url;
  return true;
}

void pp_wpad_os_finish(pp_wpad_os_job_t *j, pp_discovery_t *d) {
  if (!j) return;
  struct timespec ts;
  pp_os_cond_deadline(&ts, OS_WAIT_MS);
  pthread_mutex_lock(&j->mu);
  while (!j->done && pthread_cond_timedwait(&j->cv, &j->mu, &ts) == 0) {}
  bool done = j->done;
  if (done) {
    d->os = j->view;
    memset(&j->view, 0, sizeof(j->view));
  } else j->abandoned = true;
  pthread_mutex_unlock(&j->mu);
  if (done) job_free(j);
  else {
    d->os.api = pp_wpad_os_api();
    pp_wpad_set(&d->os.error, "no answer within %.0f ms after discovery ended", OS_WAIT_MS);
    return;
  }
  if (!d->os.ran) return;
  compare(d, &d->os.dhcp, PP_WPAD_DHCP);
  compare(d, &d->os.dns, PP_WPAD_DNS);
  d->os.agrees = d->os.dhcp.agrees && d->os.dns.agrees;
}
