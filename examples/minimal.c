/* SPDX-License-Identifier: MIT */
/*
 * The smallest libpacprobe program with a PAC of your own: compile it once,
 * evaluate URLs, print what a browser (Chromium) would use. Only the
 * installed header; build with
 *   cc minimal.c $(pkg-config --cflags --libs libpacprobe)
 * Usage: minimal PAC URL...   (PAC: a file, "-" or an http(s) URL)
 */
#include <stdio.h>

#include <pacprobe.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PAC URL...\n", argv[0]);
    return 2;
  }
  int rc = 2;
  pp_resolver_t *dns = pp_resolver_new(); /* may be shared by engines in many threads */
  pp_engine_t *engine = dns ? pp_engine_create(PP_EMU_CHROME, dns) : NULL; /* one per thread */
  pp_status_t st = engine ? pp_engine_load_source(engine, argv[1]) : PP_ENOMEM;
  if (st != PP_OK) {
    fprintf(stderr, "%s: %s\n", argv[1], engine ? pp_engine_error(engine) : pp_strerror(st));
    goto done;
  }
  rc = 0;
  for (int i = 2; i < argc; i++) {
    char *result = NULL, *error = NULL;
    st = pp_engine_find_proxy(engine, argv[i], &result, &error);
    if (st == PP_ENOMEM) {
      rc = 2;
      break;
    }
    printf("%s : %s%s%s\n", argv[i], result, error ? "  # " : "", error ? error : "");
    if (st != PP_OK) rc = 1;
    pp_free(result);
    pp_free(error);
  }
done:
  pp_engine_free(engine);
  pp_resolver_free(dns);
  return rc;
}
