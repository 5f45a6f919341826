/* SPDX-License-Identifier: MIT */
/*
 * The engine calls of the public header (include/pacprobe.h) that the
 * internal API does with structures: create an engine for a mode, read a
 * PAC file or URL, evaluate one URL into a string, free what was returned.
 * Everything here is a thin shell over pp_engine_new / pp_pac_read /
 * pp_engine_eval (src/pac/engine.c, fetch and read in src/wpad).
 */
#include <stdlib.h>
#include <string.h>

#include "pac/engine_int.h"
#include "pacprobe.h"
#include "util/str.h"

/* What pp_engine_load_source reads: the limits of pacprobe eval. */
#define PP_PUBLIC_PAC_MAX_BYTES (4u * 1024u * 1024u)
#define PP_PUBLIC_PAC_TIMEOUT_MS 30000u

pp_engine_t *pp_engine_create(pp_emulation_t mode, pp_resolver_t *dns) {
  pp_engine_opts_t o;
  pp_engine_opts_init(&o);
  o.emulate = mode;
  o.resolver = dns;
  return pp_engine_new(&o);
}

pp_status_t pp_engine_load_source(pp_engine_t *e, const char *source) {
  char *text = NULL, err[512];
  size_t len = 0;
  pp_status_t st = pp_pac_read(source, PP_PUBLIC_PAC_MAX_BYTES, PP_PUBLIC_PAC_TIMEOUT_MS, &text, &len,
                               err, sizeof(err));
  if (st != PP_OK) {
    pp_str_free(&e->err);
    pp_str_puts(&e->err, err);
    e->err_line = 0;
    return st;
  }
  st = pp_engine_load(e, text, len, source);
  free(text);
  return st;
}

pp_status_t pp_engine_find_proxy(pp_engine_t *e, const char *url, char **result, char **error) {
  pp_eval_t ev;
  *result = NULL;
  if (error) *error = NULL;
  pp_status_t st = pp_engine_eval(e, url, NULL, &ev);
  if (st == PP_ENOMEM) return st;
  const char *canon = ev.result.canonical ? ev.result.canonical : "DIRECT";
  *result = pp_strndup(canon, strlen(canon));
  if (error && ev.error) *error = pp_strndup(ev.error, strlen(ev.error));
  st = !*result || (error && ev.error && !*error) ? PP_ENOMEM : ev.status;
  pp_eval_clear(&ev);
  return st;
}

void pp_free(void *p) { free(p); }
