/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for host canonicalisation (src/pac/host.c): any bytes
 * give a canonical host or NULL with a one-line reason, and canonicalising the
 * result again is the identity (the form is a fixed point).
 */
#include "fuzz.h"
#include "pac/host.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char err[256] = "";
  char *h = pp_host_canonicalize((const char *)data, size, err, sizeof(err));
  if (!h) {
    if (!err[0] || strchr(err, '\n')) abort();
    return 0;
  }
  char *again = pp_host_canonicalize(h, strlen(h), err, sizeof(err));
  if (again && strcmp(again, h) != 0) abort();
  (void)pp_host_is_ip_literal(h);
  free(again);
  free(h);
  return 0;
}
