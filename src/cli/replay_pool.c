/* SPDX-License-Identifier: MIT */
/*
 * The replay's evaluation threads (replay_pool.h): a bounded FIFO of jobs
 * under one mutex, N workers with their own engines (one per side: a
 * Duktape heap is single-threaded), and a list of finished jobs the main
 * thread drains while it goes on reading. The queue bound keeps memory
 * flat; the main thread blocks on it only when the workers fall behind.
 */
#include "cli/replay_pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/env.h"

#define QUEUE_MAX 4096

struct pp_replay_pool {
  pthread_mutex_t lock;
  pthread_cond_t work, done_cv, room;
  pp_replay_job_t *queue[QUEUE_MAX];
  size_t qhead, qlen;
  pp_replay_job_t **done;
  size_t ndone, done_cap;
  size_t in_flight;
  bool closing;
  size_t sides, nthreads, nengines;
  const char *host_override;
  pthread_t *threads;
  pp_engine_t **engines; /* nthreads * sides */
};

typedef struct worker {
  pp_replay_pool_t *p;
  size_t index;
} worker_t;

static void run_job(pp_replay_pool_t *p, pp_engine_t **eng, pp_replay_job_t *j) {
  for (size_t s = 0; j->status == 0 && s < p->sides; s++) {
    pp_eval_t ev;
    if (pp_engine_eval(eng[s], j->url, p->host_override, &ev) == PP_ENOMEM) {
      j->status = -1;
    } else if (ev.status == PP_EBADURL) {
      j->status = 1;
      j->err = strdup(ev.error ? ev.error : "malformed URL");
    } else {
      j->res[s] = strdup(ev.status == PP_OK ? ev.result.canonical : "ERROR");
      if (!j->host) j->host = strdup(ev.host ? ev.host : "");
      if (!j->res[s] || !j->host) j->status = -1;
    }
    pp_eval_clear(&ev);
  }
}

static void *work(void *arg) {
  worker_t *w = arg;
  pp_replay_pool_t *p = w->p;
  pp_engine_t **eng = &p->engines[w->index * p->sides];
  free(w);
  pthread_mutex_lock(&p->lock);
  for (;;) {
    while (p->qlen == 0 && !p->closing) pthread_cond_wait(&p->work, &p->lock);
    if (p->qlen == 0) break;
    pp_replay_job_t *j = p->queue[p->qhead];
    p->qhead = (p->qhead + 1) % QUEUE_MAX;
    p->qlen--;
    pthread_cond_signal(&p->room);
    pthread_mutex_unlock(&p->lock);
    run_job(p, eng, j);
    pthread_mutex_lock(&p->lock);
    if (p->ndone == p->done_cap) { /* never fails the job: out of memory is status -1 */
      size_t cap = p->done_cap ? p->done_cap * 2 : 256;
      pp_replay_job_t **d = realloc(p->done, cap * sizeof(*d));
      if (d) {
        p->done = d;
        p->done_cap = cap;
      } else {
        j->status = -1;
      }
    }
    if (p->ndone < p->done_cap) p->done[p->ndone++] = j;
    pthread_cond_signal(&p->done_cv);
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static bool load_engines(pp_replay_pool_t *p, const pp_engine_opts_t *opts, char *const texts[2],
                         const size_t lens[2], const char *const names[2]) {
  p->engines = calloc(p->nengines, sizeof(*p->engines));
  if (!p->engines) return false;
  for (size_t t = 0; t < p->nengines / p->sides; t++)
    for (size_t s = 0; s < p->sides; s++)
      if (pp_cli_load_engine(opts, texts[s], lens[s], names[s], &p->engines[t * p->sides + s]))
        return false;
  return true;
}

pp_replay_pool_t *pp_replay_pool_new(size_t threads, size_t sides, const pp_engine_opts_t *opts,
                                     char *const texts[2], const size_t lens[2],
                                     const char *const names[2], const char *host_override) {
  pp_replay_pool_t *p = calloc(1, sizeof(*p));
  if (!p) return NULL;
  pthread_mutex_init(&p->lock, NULL);
  pthread_cond_init(&p->work, NULL);
  pthread_cond_init(&p->done_cv, NULL);
  pthread_cond_init(&p->room, NULL);
  p->sides = sides;
  p->host_override = host_override;
  p->nengines = threads * sides;
  p->threads = calloc(threads, sizeof(*p->threads));
  if (!p->threads || !load_engines(p, opts, texts, lens, names)) goto fail;
  size_t started = 0;
  for (; started < threads; started++) {
    worker_t *w = malloc(sizeof(*w));
    if (w) *w = (worker_t){p, started};
    if (!w || pthread_create(&p->threads[started], NULL, work, w) != 0) {
      free(w);
      break;
    }
  }
  p->nthreads = started;
  if (started == threads) return p;
fail:
  pp_msg_error("cannot start the replay's evaluation threads");
  pp_replay_pool_free(p);
  return NULL;
}

void pp_replay_pool_submit(pp_replay_pool_t *p, pp_replay_job_t *job) {
  pthread_mutex_lock(&p->lock);
  while (p->qlen == QUEUE_MAX) pthread_cond_wait(&p->room, &p->lock);
  p->queue[(p->qhead + p->qlen) % QUEUE_MAX] = job;
  p->qlen++;
  p->in_flight++;
  pthread_cond_signal(&p->work);
  pthread_mutex_unlock(&p->lock);
}

size_t pp_replay_pool_done(pp_replay_pool_t *p, pp_replay_job_t **out, size_t max, bool wait) {
  pthread_mutex_lock(&p->lock);
  while (wait && p->ndone == 0 && p->in_flight > 0) pthread_cond_wait(&p->done_cv, &p->lock);
  size_t n = p->ndone < max ? p->ndone : max;
  if (n) memcpy(out, p->done + (p->ndone - n), n * sizeof(*out)); /* done may be NULL while empty */
  p->ndone -= n;
  p->in_flight -= n;
  pthread_mutex_unlock(&p->lock);
  return n;
}

size_t pp_replay_pool_in_flight(pp_replay_pool_t *p) {
  pthread_mutex_lock(&p->lock);
  size_t n = p->in_flight;
  pthread_mutex_unlock(&p->lock);
  return n;
}

size_t pp_replay_pool_threads(const pp_replay_pool_t *p) { return p->nthreads; }

void pp_replay_job_free(pp_replay_job_t *j) {
  if (!j) return;
  free(j->url);
  free(j->key);
  free(j->res[0]);
  free(j->res[1]);
  free(j->host);
  free(j->err);
  free(j);
}

void pp_replay_pool_free(pp_replay_pool_t *p) {
  if (!p) return;
  pthread_mutex_lock(&p->lock);
  p->closing = true;
  pthread_cond_broadcast(&p->work);
  pthread_mutex_unlock(&p->lock);
  for (size_t i = 0; i < p->nthreads; i++) pthread_join(p->threads[i], NULL);
  for (size_t i = 0; i < p->qlen; i++) pp_replay_job_free(p->queue[(p->qhead + i) % QUEUE_MAX]);
  for (size_t i = 0; i < p->ndone; i++) pp_replay_job_free(p->done[i]);
  for (size_t i = 0; p->engines && i < p->nengines; i++) pp_engine_free(p->engines[i]);
  free(p->engines);
  free(p->done);
  free(p->threads);
  pthread_cond_destroy(&p->work);
  pthread_cond_destroy(&p->done_cv);
  pthread_cond_destroy(&p->room);
  pthread_mutex_destroy(&p->lock);
  free(p);
}
