/* SPDX-License-Identifier: MIT */
/* Native fast paths for hot PAC helpers (fast.c). */
#ifndef PP_PAC_FAST_H
#define PP_PAC_FAST_H

#include "pac/engine_int.h"

/* Wraps the runtime's hot helpers (shExpMatch, dnsDomainIs, ...) for the
 * engine's emulation mode in native functions that answer the common
 * printable-ASCII cases themselves and call the original for everything
 * else. Call after the runtime scripts ran, before the PAC (which may still
 * redefine them), inside a protected call. */
void pp_fast_install(pp_engine_t *e);

#endif
