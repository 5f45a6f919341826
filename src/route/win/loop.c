/* SPDX-License-Identifier: MIT */
/*
 * The WinHTTP backend's scheduler (route_int.h pp_route_backend_run): at
 * most `parallel` worker threads, each taking the next target and running
 * its attempts one after another (each bounded by attempt.c's wait); which
 * route comes next and the verdict are ../policy.c's. Also the run's trust
 * (--cacert as a memory store).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "route/win/win_int.h"
#include "util/str.h"

#define CACERT_MAX_BYTES (4u * 1024u * 1024u)

/* Every PEM certificate of text into store; the number added. */
static int add_pem(HCERTSTORE store, const char *text) {
  int added = 0;
  const char *p = text;
  while ((p = strstr(p, "-----BEGIN CERTIFICATE-----"))) {
    const char *end = strstr(p, "-----END CERTIFICATE-----");
    if (!end) break;
    end += 25;
    DWORD n = 0;
    if (CryptStringToBinaryA(p, (DWORD)(end - p), CRYPT_STRING_BASE64HEADER, NULL, &n, NULL, NULL)) {
      BYTE *der = malloc(n);
      if (der && CryptStringToBinaryA(p, (DWORD)(end - p), CRYPT_STRING_BASE64HEADER, der, &n, NULL,
                                      NULL) &&
          CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, der, n, CERT_STORE_ADD_ALWAYS,
                                           NULL))
        added++;
      free(der);
    }
    p = end;
  }
  return added;
}

static char *read_text(const char *path) {
  wchar_t *wp = pp_win_wide(path);
  FILE *f = wp ? _wfopen(wp, L"rb") : NULL;
  free(wp);
  if (!f) return NULL;
  char *buf = malloc(CACERT_MAX_BYTES + 1);
  size_t n = buf ? fread(buf, 1, CACERT_MAX_BYTES, f) : 0;
  fclose(f);
  if (buf) buf[n] = '\0';
  return buf;
}

void *pp_route_trust_new(const char *cacert) {
  pp_win_trust_t *t = calloc(1, sizeof(*t));
  if (!t || !cacert) return t;
  char *text = read_text(cacert);
  t->extra = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, 0, NULL);
  char msg[600];
  if (!text) snprintf(msg, sizeof(msg), "cannot read --cacert %s", cacert);
  else if (t->extra && add_pem(t->extra, text) == 0)
    snprintf(msg, sizeof(msg), "no PEM certificate in --cacert %s", cacert);
  else msg[0] = '\0';
  if (msg[0]) t->error = pp_strndup(msg, strlen(msg));
  free(text);
  return t;
}

void pp_route_trust_free(void *trust) {
  pp_win_trust_t *t = trust;
  if (!t) return;
  if (t->extra) CertCloseStore(t->extra, 0);
  free(t->error);
  free(t);
}

typedef struct pool {
  const pp_check_opts_t *o;
  pp_rjob_t *jobs;
  size_t n;
  volatile LONG next; /* the next job to take */
  volatile LONG oom;
  const pp_win_trust_t *trust;
} pool_t;

static pp_status_t run_job(pool_t *p, pp_rjob_t *j) {
  for (;;) {
    const pp_route_t *r;
    pp_attempt_t *a;
    pp_status_t st = pp_rjob_next(p->o, j, &r, &a);
    if (st != PP_OK || !r) return st;
    /* --max-time covers the whole target (../policy.c): this attempt gets
     * what is left, connecting included */
    pp_check_opts_t oa = *p->o;
    oa.max_time_ms = j->left_ms < 1 ? 1 : (unsigned)j->left_ms;
    if (!oa.connect_timeout_ms) oa.connect_timeout_ms = 5000;
    if (oa.connect_timeout_ms > oa.max_time_ms) oa.connect_timeout_ms = oa.max_time_ms;
    st = pp_win_attempt(&oa, j->t, r, a, p->trust);
    if (st != PP_OK) return st;
    pp_rjob_done(p->o, j, a);
  }
}

static DWORD WINAPI worker(LPVOID arg) {
  pool_t *p = arg;
  for (;;) {
    LONG i = InterlockedIncrement(&p->next) - 1;
    if ((size_t)i >= p->n || p->oom) return 0;
    if (run_job(p, &p->jobs[i]) != PP_OK) InterlockedExchange(&p->oom, 1);
  }
}

pp_status_t pp_route_backend_run(const pp_check_opts_t *o, pp_rjob_t *jobs, size_t n,
                                 void *trust) {
  pool_t p = {o, jobs, n, 0, 0, trust};
  size_t nt = o->parallel ? o->parallel : 16;
  if (nt > n) nt = n;
  HANDLE *th = calloc(nt ? nt : 1, sizeof(*th));
  if (!th) return PP_ENOMEM;
  size_t started = 0;
  for (; started < nt; started++)
    if (!(th[started] = CreateThread(NULL, 256 * 1024, worker, &p, 0, NULL))) break;
  if (started == 0) worker(&p); /* no thread could start: run here */
  for (size_t i = 0; i < started; i++) {
    WaitForSingleObject(th[i], INFINITE);
    CloseHandle(th[i]);
  }
  free(th);
  return p.oom ? PP_ENOMEM : PP_OK;
}
