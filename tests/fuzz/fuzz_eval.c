/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for PAC evaluation itself (src/pac/engine.c and all it
 * drives): the first input line is the URL, the rest is the script. The
 * limits are tight (50 ms, 16 MiB) so hostile scripts end quickly; DNS is
 * offline and the clock and myIpAddress are pinned, so a run is
 * reproducible. One engine and resolver live for the whole process, as in
 * `pacprobe eval` over many URLs; a failed evaluation must leave it usable.
 */
#include "fuzz.h"
#include "pacprobe.h"

static pp_engine_t *engine;

static pp_engine_t *get_engine(void) {
  static const char *const my_ips[] = {"192.0.2.10"};
  if (engine) return engine;
  pp_resolver_t *r = pp_resolver_new(); /* lives as long as the process */
  if (!r) return NULL;
  pp_resolver_set_offline(r, true);
  pp_engine_opts_t o;
  pp_engine_opts_init(&o);
  o.timeout_ms = 50;
  o.memory_limit_mib = 16;
  o.my_ips = my_ips;
  o.nmy_ips = 1;
  o.resolver = r;
  o.now_set = true;
  o.now_ms = 1767225600000.0; /* 2026-01-01T00:00:00Z */
  engine = pp_engine_new(&o);
  return engine;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pp_engine_t *e = get_engine();
  if (!e) return 0;
  const uint8_t *nl = memchr(data, '\n', size);
  size_t ulen = nl ? (size_t)(nl - data) : size;
  char *url = fz_cstr(data, ulen);
  if (!url) return 0;
  const char *script = nl ? (const char *)nl + 1 : "";
  size_t slen = nl ? size - ulen - 1 : 0;
  if (pp_engine_load(e, script, slen, "fuzz.pac") == PP_OK) {
    pp_eval_t ev;
    memset(&ev, 0, sizeof(ev));
    pp_status_t st = pp_engine_eval(e, url, NULL, &ev);
    if (st != PP_ENOMEM && (ev.result.nroutes == 0 || !ev.result.canonical)) abort();
    pp_eval_clear(&ev);
  }
  free(url);
  return 0;
}
