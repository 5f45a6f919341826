/* SPDX-License-Identifier: MIT */
/* Native fast paths for hot PAC helpers (fast.c). */
#ifndef PP_PAC_FAST_H
#define PP_PAC_FAST_H

#include "pac/engine_int.h"

/* Wraps the runtime's global shExpMatch in a native function that answers
 * the plain glob cases itself and calls the original for everything else.
 * Call after the runtime scripts ran, before the PAC (which may still
 * redefine shExpMatch), inside a protected call. */
void pp_fast_install(pp_engine_t *e);

#endif
