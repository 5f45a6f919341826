/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the Azure Service Tags loader (src/route/tags.c).
 * The loader takes a path, so each input is written to one private temp
 * file; the tag asked for is the one in the seeds, then addresses of both
 * families are looked up in whatever prefixes were accepted.
 */
#include <stdio.h>
#include <unistd.h>

#include "fuzz.h"
#include "pacprobe.h"

static char path[64];

static bool write_input(const uint8_t *data, size_t size) {
  if (!path[0]) {
    snprintf(path, sizeof(path), "/tmp/pp-fuzz-tags-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return false;
    close(fd);
  }
  FILE *f = fopen(path, "wb");
  if (!f) return false;
  bool ok = fwrite(data, 1, size, f) == size;
  return fclose(f) == 0 && ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!write_input(data, size)) return 0;
  pp_service_tag_t *t = NULL;
  char err[512] = "";
  if (pp_service_tag_load(path, "AzureAdvancedThreatProtection", &t, err, sizeof(err)) ==
      PP_OK) {
    (void)pp_service_tag_contains(t, "20.44.8.1");
    (void)pp_service_tag_contains(t, "2603:1000::1");
    (void)pp_service_tag_nprefixes(t);
    pp_service_tag_free(t);
  }
  return 0;
}
