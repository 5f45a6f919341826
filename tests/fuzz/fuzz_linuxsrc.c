/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the Linux system source parsers (src/config/kde.c,
 * envfile.c, apt.c, docker.c) and their consumers (decide_linux.c): the
 * first byte picks the parser, the rest is the file. Every input gives
 * sources or located errors and a decision for each consumer, never a crash.
 */
#include "fuzz.h"
#include "config/config_int.h"
#include "pacprobe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  pp_config_t c;
  memset(&c, 0, sizeof(c));
  const char *p = (const char *)data + 1;
  size_t n = size - 1;
  switch (data[0] % 7) {
  case 0: pp_config_add_kde(&c, p, n, "kioslaverc"); break;
  case 1: pp_config_add_envfile(&c, p, n, "environment"); break;
  case 2: pp_config_add_systemd(&c, p, n, "system.conf"); break;
  case 3: pp_config_add_systemd(&c, p, n, "docker.service.d/x.conf"); break;
  case 4: pp_config_add_apt(&c, p, n, "apt.conf"); break;
  case 5: pp_config_add_docker(&c, p, n, "config.json", false); break;
  default: pp_config_add_docker(&c, p, n, "daemon.json", true); break;
  }
  static const pp_consumer_t ks[] = {PP_FOR_KDE, PP_FOR_SESSION, PP_FOR_SERVICE, PP_FOR_APT,
                                     PP_FOR_DOCKER, PP_FOR_CHROME};
  for (size_t i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
    if (pp_config_decide(&c, ks[i]) != PP_OK) abort();
  for (size_t i = 0; i < c.nsources; i++)
    if (c.sources[i].error && !strchr(c.sources[i].error, ':')) abort(); /* unlocated */
  pp_config_clear(&c);
  return 0;
}
