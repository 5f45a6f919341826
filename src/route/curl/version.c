/* SPDX-License-Identifier: MIT */
/*
 * The libcurl and OpenSSL this build runs with, asked at run time (a newer
 * shared library than the headers is what a packaged install meets).
 */
#include <curl/curl.h>
#include <openssl/crypto.h>

#include "util/version_int.h"

const char *pp_route_backend_version(pp_component_t c) {
  if (c == PP_COMPONENT_LIBCURL) return curl_version_info(CURLVERSION_NOW)->version;
#ifdef OPENSSL_VERSION_STRING /* 3.0: "3.0.11" without the "OpenSSL " prefix */
  if (c == PP_COMPONENT_OPENSSL) return OpenSSL_version(OPENSSL_VERSION_STRING);
#else
  if (c == PP_COMPONENT_OPENSSL) return OpenSSL_version(OPENSSL_VERSION);
#endif
  return NULL;
}
