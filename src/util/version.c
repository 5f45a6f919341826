/* SPDX-License-Identifier: MIT */
/*
 * pp_version() and the versions of the libraries this libpacprobe runs
 * with (include/pacprobe.h). The project version comes from CMake's
 * project() through PP_VERSION; Duktape is compiled in, so its version is
 * the one it was built with; the network libraries answer at run time
 * through route/<backend>/version.c and dns/version.c.
 */
#include <stdio.h>

#include "duktape.h"
#include "pacprobe.h"
#include "util/version_int.h"

const char *pp_version(void) { return PP_VERSION; }

const char *pp_component_name(pp_component_t c) {
  switch (c) {
  case PP_COMPONENT_DUKTAPE: return "Duktape";
  case PP_COMPONENT_LIBCURL: return "libcurl";
  case PP_COMPONENT_CARES: return "c-ares";
  case PP_COMPONENT_OPENSSL: return "OpenSSL";
  case PP_COMPONENT_COUNT: break;
  }
  return NULL;
}

static const char *duktape_version(void) {
  static char v[32];
  if (!v[0])
    snprintf(v, sizeof(v), "%ld.%ld.%ld", (long)(DUK_VERSION / 10000), (long)(DUK_VERSION / 100 % 100),
             (long)(DUK_VERSION % 100));
  return v;
}

const char *pp_component_version(pp_component_t c) {
  switch (c) {
  case PP_COMPONENT_DUKTAPE: return duktape_version();
  case PP_COMPONENT_LIBCURL:
  case PP_COMPONENT_OPENSSL: return pp_route_backend_version(c);
  case PP_COMPONENT_CARES: return pp_dns_backend_version();
  case PP_COMPONENT_COUNT: break;
  }
  return NULL;
}
