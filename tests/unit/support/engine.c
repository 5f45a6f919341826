/* SPDX-License-Identifier: MIT */
/*
 * The unit tests' engine constructor (see engine.h): test_engine.c and
 * test_engine_dns.c build their engines the same way, so it is written once.
 */
#include "support/engine.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

pp_engine_t *pp_test_engine(const char *pac, pp_emulation_t mode, pp_resolver_t *resolver,
                            unsigned timeout_ms, pp_status_t want) {
  pp_engine_opts_t o;
  pp_engine_opts_init(&o);
  o.emulate = mode;
  o.resolver = resolver;
  o.timeout_ms = timeout_ms;
  o.memory_limit_mib = 16;
  pp_engine_t *e = pp_engine_new(&o);
  assert_non_null(e);
  pp_status_t st = pp_engine_load(e, pac, strlen(pac), "t.pac");
  if (st != want) fail_msg("load: want %d got %d (%s)", want, st, pp_engine_error(e));
  return e;
}
