/* SPDX-License-Identifier: MIT */
/* The c-ares this build runs with (both platforms), asked at run time. */
#include <ares.h>

#include "util/version_int.h"

const char *pp_dns_backend_version(void) { return ares_version(NULL); }
