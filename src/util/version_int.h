/* SPDX-License-Identifier: MIT */
/* What the backends answer for pp_component_version (src/util/version.c). */
#ifndef PP_UTIL_VERSION_INT_H
#define PP_UTIL_VERSION_INT_H

#include "pacprobe.h"

/* libcurl's or OpenSSL's version at run time; NULL when this build's route
 * backend does not use it (Windows: WinHTTP and CryptoAPI). */
const char *pp_route_backend_version(pp_component_t c);
/* c-ares's version at run time (src/dns/version.c). */
const char *pp_dns_backend_version(void);

#endif
