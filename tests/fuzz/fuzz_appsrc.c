/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the application and runtime source readers
 * (src/config/firefox.c, dotnet.c, java.c, macos.c and the XML reader
 * xml.c): the first byte picks the reader, the rest is the file; every
 * input becomes a source or an error naming the file, and every new
 * consumer decides over it. Never a crash, never an unnamed error.
 */
#include "fuzz.h"
#include "config/config_int.h"
#include "pacprobe.h"

typedef pp_status_t (*reader_t)(pp_config_t *, const void *, size_t, const char *);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const reader_t readers[] = {
      pp_config_add_firefox_policies, pp_config_add_firefox_prefs, pp_config_add_dotnet,
      pp_config_add_java_props, pp_config_add_java_cmdline, pp_config_add_scutil,
      pp_config_add_macos_plist};
  static const pp_consumer_t who[] = {PP_FOR_FIREFOX, PP_FOR_DOTNET, PP_FOR_JAVA, PP_FOR_MACOS};
  if (size == 0) return 0;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  reader_t r = readers[data[0] % (sizeof(readers) / sizeof(readers[0]))];
  if (r(&c, data + 1, size - 1, "fuzz") != PP_OK) abort();
  for (size_t i = 0; i < c.nsources; i++)
    if (c.sources[i].error && strncmp(c.sources[i].error, "fuzz:", 5) != 0) abort();
  for (size_t i = 0; i < sizeof(who) / sizeof(who[0]); i++)
    if (pp_config_decide(&c, who[i]) != PP_OK) abort();
  pp_config_clear(&c);
  return 0;
}
