/* SPDX-License-Identifier: MIT */
/* The Windows route backend is WinHTTP and CryptoAPI: no libcurl, no OpenSSL. */
#include "util/version_int.h"

const char *pp_route_backend_version(pp_component_t c) {
  (void)c;
  return NULL;
}
