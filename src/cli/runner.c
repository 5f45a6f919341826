/* SPDX-License-Identifier: MIT */
/*
 * Parallel bulk evaluation (issue "Speed"): worker threads, each with its own
 * engine (a Duktape heap is single-threaded), take URLs from a ring of
 * WINDOW slots; the submitting thread hands results out strictly in input
 * order, so memory stays flat however long the input is. Once the PAC is
 * seen to need DNS, the hosts of the URLs waiting in the ring are resolved
 * ahead, concurrently, so the scripts mostly hit the resolver's cache.
 */
#include "cli/runner.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/str.h"

/* Slots in flight: the reorder window and the look-ahead for DNS. */
#define WINDOW 4096
/* Log-spaced histogram of evaluation times: bucket b covers
 * [e^((b-1)/50), e^(b/50)) µs, 2 % wide; bucket 0 is under 1 µs. */
#define HIST_PER_E 50.0
#define HIST_N 1400
#define PROGRESS_AFTER_MS 1000.0
#define PROGRESS_EVERY_MS 250.0

typedef enum slot_state { SLOT_FREE, SLOT_QUEUED, SLOT_DONE } slot_state_t;

typedef struct slot {
  slot_state_t state;
  char *url;   /* NULL for an echo line */
  char *where; /* or the echo text */
  pp_eval_t ev;
  pp_status_t st;
  double ms;
} slot_t;

struct pp_runner {
  pp_runner_cfg_t cfg;
  pthread_mutex_t lock;
  pthread_cond_t work, done;
  slot_t *ring;
  size_t submitted, taken, emitted; /* monotonic indices */
  size_t prefetched;                /* slots [emitted, prefetched) resolved ahead */
  bool closing, dns_on, fatal;
  size_t idle;     /* workers waiting for a slot */
  size_t wait_for; /* the submitter sleeps until this slot is done */
  pthread_t *threads;
  size_t nthreads;
  unsigned long urls, failed;
  unsigned long hist[HIST_N];
  double t0, last_progress;
  int progress_len; /* columns of the progress line on the terminal, 0 when none */
  unsigned long long bytes_done, bytes_total;
};

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- workers --------------------------------------------------------------- */

/* Next slot to evaluate (echo slots are done on arrival); lock held. */
static slot_t *take(pp_runner_t *r) {
  while (r->taken < r->submitted) {
    slot_t *s = &r->ring[r->taken++ % WINDOW];
    if (s->state == SLOT_QUEUED) return s;
  }
  return NULL;
}

typedef struct worker {
  pp_runner_t *r;
  pp_engine_t *engine;
} worker_t;

static void *work(void *arg) {
  worker_t *w = arg;
  pp_runner_t *r = w->r;
  pthread_mutex_lock(&r->lock);
  for (;;) {
    slot_t *s = take(r);
    if (!s) {
      if (r->closing) break;
      r->idle++;
      pthread_cond_wait(&r->work, &r->lock);
      r->idle--;
      continue;
    }
    pthread_mutex_unlock(&r->lock);
    double t = now_ms();
    s->st = pp_engine_eval(w->engine, s->url, r->cfg.host_override, &s->ev);
    s->ms = now_ms() - t;
    pthread_mutex_lock(&r->lock);
    s->state = SLOT_DONE;
    if (s == &r->ring[r->wait_for % WINDOW]) pthread_cond_signal(&r->done);
  }
  pthread_mutex_unlock(&r->lock);
  free(w);
  return NULL;
}

/* ---- resolving ahead --------------------------------------------------------- */

/* The record types dnsResolve() asks for in each mode (pac-semantics §2.3;
 * natives.c n_dns_resolve): Firefox and libproxy any family, else IPv4. */
static pp_dns_family_t family_of(pp_emulation_t mode) {
  return mode == PP_EMU_FIREFOX || mode == PP_EMU_LIBPROXY ? PP_DNS_ANY : PP_DNS_IPV4;
}

static void prefetch_slot(pp_runner_t *r, const slot_t *s) {
  if (!s->url) return;
  if (r->cfg.host_override) {
    pp_resolver_prefetch(r->cfg.resolver, r->cfg.host_override, family_of(r->cfg.mode));
    return;
  }
  pp_url_info_t ui = {0};
  char err[64];
  if (pp_url_prepare(s->url, r->cfg.mode, &ui, err, sizeof(err)) == PP_OK && !ui.implicit_bypass)
    pp_resolver_prefetch(r->cfg.resolver, ui.host, family_of(r->cfg.mode));
  pp_url_info_clear(&ui);
}

/* Switches resolving ahead on once a script looked a name up in DNS (a PAC
 * without DNS calls never sends a query), then covers the queued slots.
 * Called without the lock: slots at or after `taken` are not touched by
 * workers before being queued, and submitted slots are immutable. */
static void prefetch_pending(pp_runner_t *r) {
  if (!r->cfg.prefetch) return;
  if (!r->dns_on) {
    pp_dns_stats_t st;
    pp_resolver_stats(r->cfg.resolver, &st);
    if (st.lookups == 0) return;
    r->dns_on = true;
  }
  if (r->prefetched < r->emitted) r->prefetched = r->emitted;
  for (; r->prefetched < r->submitted; r->prefetched++)
    prefetch_slot(r, &r->ring[r->prefetched % WINDOW]);
}

/* ---- output in order ------------------------------------------------------------ */

static void hist_add(pp_runner_t *r, double ms) {
  double us = ms * 1000.0;
  long b = us < 1.0 ? 0 : 1 + (long)(log(us) * HIST_PER_E);
  r->hist[b >= HIST_N ? HIST_N - 1 : b]++;
}

static double hist_quantile(const pp_runner_t *r, double q) {
  unsigned long want = (unsigned long)ceil(q * (double)r->urls), seen = 0;
  for (long b = 0; b < HIST_N; b++) {
    seen += r->hist[b];
    if (want && seen >= want) return b == 0 ? 0.0005 : exp(((double)b - 0.5) / HIST_PER_E) / 1000.0;
  }
  return 0;
}

/* The progress line lives on stderr, and only when stderr is a terminal
 * (cfg.progress). Results go to stdout, often the same terminal: before a
 * result or a diagnostic is written the line is blanked with spaces and a
 * carriage return (no escape sequence, so NO_COLOR and dumb terminals see
 * none), so every line a user reads is a whole result line (issue 20). */
static void clear_progress(pp_runner_t *r) {
  if (!r->progress_len) return;
  pp_msg_raw("\r%*s\r", r->progress_len, "");
  r->progress_len = 0;
}

static void show_progress(pp_runner_t *r, bool final) {
  double t = now_ms(), el = t - r->t0;
  if (!r->cfg.progress || (!final && (el < PROGRESS_AFTER_MS || t - r->last_progress < PROGRESS_EVERY_MS)))
    return;
  clear_progress(r);
  if (final) return;
  r->last_progress = t;
  double rate = (double)r->urls * 1000.0 / el;
  char line[128], eta[48] = "";
  if (r->bytes_total && r->bytes_done)
    snprintf(eta, sizeof(eta), ", ETA %.0f s",
             el / 1000.0 * ((double)r->bytes_total / (double)r->bytes_done - 1.0));
  int n = snprintf(line, sizeof(line), "%lu URLs, %.0f/s%s", r->urls, rate, eta);
  if (n <= 0) return;
  pp_msg_raw("%s", line);
  r->progress_len = n < (int)sizeof(line) ? n : (int)sizeof(line) - 1;
}

/* Hands out the done slots at the head; lock held, released around emit. */
static void emit_ready(pp_runner_t *r) {
  slot_t *s;
  while (r->emitted < r->submitted && (s = &r->ring[r->emitted % WINDOW])->state == SLOT_DONE) {
    pthread_mutex_unlock(&r->lock);
    clear_progress(r);
    if (!s->url) {
      r->cfg.emit(r->cfg.udata, NULL, NULL, s->where);
    } else if (s->st == PP_ENOMEM) {
      r->fatal = true;
    } else {
      r->urls++;
      r->failed += s->ev.status != PP_OK;
      hist_add(r, s->ms);
      r->cfg.emit(r->cfg.udata, &s->ev, s->where, NULL);
    }
    pp_eval_clear(&s->ev);
    free(s->url);
    free(s->where);
    memset(s, 0, sizeof(*s));
    pthread_mutex_lock(&r->lock);
    r->emitted++;
  }
}

/* Waits until slot `target` is done; wakes now and then while DNS is not
 * yet known to be needed, so resolving ahead starts early. Lock held. */
static void wait_slot(pp_runner_t *r, size_t target) {
  r->wait_for = target;
  if (r->ring[target % WINDOW].state == SLOT_DONE) return;
  if (r->dns_on || !r->cfg.prefetch) {
    pthread_cond_wait(&r->done, &r->lock);
    return;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += 2000000;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(&r->done, &r->lock, &ts);
  pthread_mutex_unlock(&r->lock);
  prefetch_pending(r);
  pthread_mutex_lock(&r->lock);
}

/* Makes room for one slot. A full window is drained by an eighth at a time
 * (waiting for a slot further ahead than the head) so the submitter is not
 * woken once per URL. Lock held. */
static void make_room(pp_runner_t *r) {
  emit_ready(r);
  while (r->submitted - r->emitted >= WINDOW) {
    size_t target = r->emitted + WINDOW / 8;
    if (r->ring[target % WINDOW].state == SLOT_DONE) target = r->emitted;
    wait_slot(r, target);
    emit_ready(r);
  }
}

/* ---- API --------------------------------------------------------------------- */

static int push(pp_runner_t *r, char *url, char *where) {
  if (!where) {
    free(url);
    free(where);
    return -1;
  }
  pthread_mutex_lock(&r->lock);
  make_room(r);
  slot_t *s = &r->ring[r->submitted % WINDOW];
  s->url = url;
  s->where = where;
  s->state = url ? SLOT_QUEUED : SLOT_DONE;
  r->submitted++;
  if (url && r->idle) pthread_cond_signal(&r->work);
  bool fatal = r->fatal;
  pthread_mutex_unlock(&r->lock);
  if ((r->submitted & 63) == 0 || r->dns_on) prefetch_pending(r);
  show_progress(r, false);
  return fatal ? -1 : 0;
}

int pp_runner_submit(pp_runner_t *r, const char *url, const char *where) {
  char *u = strdup(url);
  if (!u) return -1;
  return push(r, u, strdup(where));
}

int pp_runner_echo(pp_runner_t *r, const char *text) { return push(r, NULL, strdup(text)); }

void pp_runner_progress_bytes(pp_runner_t *r, unsigned long long done, unsigned long long total) {
  r->bytes_done = done;
  r->bytes_total = total;
}

pp_runner_t *pp_runner_new(const pp_runner_cfg_t *cfg) {
  pp_runner_t *r = calloc(1, sizeof(*r));
  if (!r) return NULL;
  r->cfg = *cfg;
  r->t0 = now_ms();
  r->ring = calloc(WINDOW, sizeof(*r->ring));
  r->threads = calloc(cfg->jobs, sizeof(*r->threads));
  pthread_mutex_init(&r->lock, NULL);
  pthread_cond_init(&r->work, NULL);
  pthread_cond_init(&r->done, NULL);
  if (!r->ring || !r->threads) {
    pp_runner_free(r);
    return NULL;
  }
  for (size_t i = 0; i < cfg->jobs; i++) {
    worker_t *w = malloc(sizeof(*w));
    if (w) *w = (worker_t){r, cfg->engines[i]};
    if (!w || pthread_create(&r->threads[i], NULL, work, w) != 0) {
      free(w);
      pp_runner_free(r);
      return NULL;
    }
    r->nthreads++;
  }
  return r;
}

static void join_all(pp_runner_t *r) {
  pthread_mutex_lock(&r->lock);
  r->closing = true;
  pthread_cond_broadcast(&r->work);
  pthread_mutex_unlock(&r->lock);
  for (size_t i = 0; i < r->nthreads; i++) pthread_join(r->threads[i], NULL);
  r->nthreads = 0;
}

int pp_runner_finish(pp_runner_t *r, pp_run_stats_t *stats) {
  pthread_mutex_lock(&r->lock);
  emit_ready(r);
  while (r->emitted < r->submitted) {
    wait_slot(r, r->emitted);
    emit_ready(r);
  }
  pthread_mutex_unlock(&r->lock);
  join_all(r);
  show_progress(r, true);
  if (stats) {
    stats->urls = r->urls;
    stats->failed = r->failed;
    stats->wall_ms = now_ms() - r->t0;
    stats->p50_ms = hist_quantile(r, 0.50);
    stats->p99_ms = hist_quantile(r, 0.99);
  }
  if (r->fatal) pp_msg_error("out of memory");
  return r->fatal ? -1 : 0;
}

void pp_runner_free(pp_runner_t *r) {
  if (!r) return;
  join_all(r);
  for (size_t i = 0; r->ring && i < WINDOW; i++) {
    pp_eval_clear(&r->ring[i].ev);
    free(r->ring[i].url);
    free(r->ring[i].where);
  }
  pthread_cond_destroy(&r->work);
  pthread_cond_destroy(&r->done);
  pthread_mutex_destroy(&r->lock);
  free(r->ring);
  free(r->threads);
  free(r);
}
