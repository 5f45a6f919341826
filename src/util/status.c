/* SPDX-License-Identifier: MIT */
/* One fixed line per pp_status_t (the detail lives on the failing handle). */
#include "pacprobe.h"

const char *pp_strerror(pp_status_t status) {
  switch (status) {
  case PP_OK: return "success";
  case PP_ENOMEM: return "out of memory";
  case PP_EINVAL: return "invalid value";
  case PP_EIO: return "cannot read input";
  case PP_EFETCH: return "fetching the PAC failed";
  case PP_ETOOBIG: return "input too large";
  case PP_ESYNTAX: return "the PAC does not compile";
  case PP_ENOFUNC: return "the PAC defines no FindProxyForURL";
  case PP_ESCRIPT: return "the PAC script threw an error";
  case PP_ETIMEOUT: return "execution timeout";
  case PP_EMEMLIMIT: return "memory limit exceeded";
  case PP_ENOTSTRING: return "FindProxyForURL() did not return a string";
  case PP_ENONASCII: return "FindProxyForURL() returned a non-ASCII string";
  case PP_EBADURL: return "malformed URL";
  case PP_ENOTFOUND: return "name does not resolve";
  case PP_EDNS: return "DNS lookup failed";
  case PP_EENGINE: return "the engine cannot run this (a pacprobe limitation, not a PAC error)";
  case PP_EUNSUPPORTED:
    return "unsupported JavaScript feature (browsers accept it; pacprobe's engine does not)";
  case PP_ENOTBUILT: return "not available in the Windows build yet";
  case PP_EPLATFORM: return "not available on this operating system";
  }
  return "unknown status";
}
