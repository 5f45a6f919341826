/* SPDX-License-Identifier: MIT */
/*
 * One call for the common case: which proxies does this machine's
 * configuration give for a URL, and who decided (libproxy's
 * px_proxy_factory_get_proxies, plus the why). Build with
 *   cc proxies.c $(pkg-config --cflags --libs libpacprobe)
 * Usage: proxies URL...
 */
#include <stdio.h>

#include <pacprobe.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s URL...\n", argv[0]);
    return 2;
  }
  int rc = 0;
  for (int i = 1; i < argc; i++) {
    pp_proxies_t *p = NULL;
    pp_status_t st = pp_proxies_for_url(argv[i], &p);
    if (!p) {
      fprintf(stderr, "%s: %s\n", argv[i], pp_strerror(st));
      return 2;
    }
    printf("%s", argv[i]);
    for (size_t k = 0; k < pp_proxies_count(p); k++) printf(" %s", pp_proxies_uri(p, k));
    printf("  # decided by: %s\n", pp_proxies_decided_by(p));
    if (pp_proxies_error(p)) {
      fprintf(stderr, "%s: %s\n", argv[i], pp_proxies_error(p));
      rc = 1;
    }
    pp_proxies_free(p);
  }
  printf("libpacprobe %s", pp_version());
  for (int c = 0; c < PP_COMPONENT_COUNT; c++)
    if (pp_component_version((pp_component_t)c))
      printf(", %s %s", pp_component_name((pp_component_t)c), pp_component_version((pp_component_t)c));
  printf("\n");
  return rc;
}
