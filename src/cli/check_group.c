/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe check` text report, issue 17 "report readability": targets that
 * failed identically — the same block of decided-by chain, attempts, errors,
 * TLS verdict and consumer rule once timings are left out — are printed
 * once, headed "N targets: VERDICT — REASON" and followed by their URLs,
 * instead of N copies of the same block. Targets that are ok, and failures
 * of their own, keep their block with timings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"

/* The block of t without timings (malloc'd), or NULL on ENOMEM. */
static char *body_key(const pp_ck_t *ck, const pp_ck_target_t *t) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return NULL;
  pp_ck_print_body(f, ck, t, false);
  if (fclose(f) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* One line saying why: the deciding attempt's error, else the last one's,
 * else the PAC's error. */
static const char *reason(const pp_ck_target_t *t) {
  const pp_check_result_t *r = &t->res;
  if (r->decided >= 0 && r->attempts[r->decided].error_message) return r->attempts[r->decided].error_message;
  if (r->nattempts && r->attempts[r->nattempts - 1].error_message)
    return r->attempts[r->nattempts - 1].error_message;
  return t->pac_error ? t->pac_error : "no route connected";
}

static void print_one(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t) {
  fprintf(out, "\n%s: %s\n", t->url, pp_ck_verdict(t));
  pp_ck_print_body(out, ck, t, true);
}

void pp_ck_print_grouped(FILE *out, const pp_ck_t *ck) {
  char **keys = calloc(ck->n ? ck->n : 1, sizeof(*keys));
  bool *done = calloc(ck->n ? ck->n : 1, sizeof(*done));
  if (!keys || !done) { /* no memory to compare: every block on its own */
    for (size_t i = 0; i < ck->n; i++) print_one(out, ck, &ck->t[i]);
    goto out;
  }
  for (size_t i = 0; i < ck->n; i++)
    if (strcmp(pp_ck_verdict(&ck->t[i]), "ok") != 0) keys[i] = body_key(ck, &ck->t[i]);
  for (size_t i = 0; i < ck->n; i++) {
    if (done[i]) continue;
    size_t same = 1;
    for (size_t j = i + 1; keys[i] && j < ck->n; j++)
      if (!done[j] && keys[j] && strcmp(keys[i], keys[j]) == 0) same++;
    if (same == 1) {
      print_one(out, ck, &ck->t[i]);
      continue;
    }
    const pp_ck_target_t *t = &ck->t[i];
    fprintf(out, "\n%zu targets: %s — %s\n", same, pp_ck_verdict(t), reason(t));
    for (size_t j = i; j < ck->n; j++)
      if (!done[j] && keys[j] && strcmp(keys[i], keys[j]) == 0) {
        fprintf(out, "  %s\n", ck->t[j].url);
        if (j != i) done[j] = true;
      }
    fputs(keys[i], out); /* the shared block; timings per target are in the table */
  }
out:
  for (size_t i = 0; keys && i < ck->n; i++) free(keys[i]);
  free(keys);
  free(done);
}
