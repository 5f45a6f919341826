/* SPDX-License-Identifier: MIT */
/* The engine the unit tests evaluate with: one PAC loaded into a fresh
 * engine with a 16 MiB heap, the given mode, resolver and deadline. */
#ifndef PP_TEST_ENGINE_H
#define PP_TEST_ENGINE_H

#include "pacprobe.h"

/* Loads pac (named "t.pac") and fails the running cmocka test unless the
 * load returns want. The caller frees the engine; the resolver is not
 * owned. */
pp_engine_t *pp_test_engine(const char *pac, pp_emulation_t mode, pp_resolver_t *resolver,
                            unsigned timeout_ms, pp_status_t want);

#endif
