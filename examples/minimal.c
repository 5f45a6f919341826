/* SPDX-License-Identifier: MIT */
/*
 * The smallest libpacprobe program: compile a PAC once, evaluate URLs,
 * print what a browser (Chromium) would use. Build against an installed
 * library with
 *   cc minimal.c $(pkg-config --cflags --libs libpacprobe)
 * Usage: minimal PACFILE URL...
 */
#include <stdio.h>
#include <stdlib.h>

#include <pacprobe.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s PACFILE URL...\n", argv[0]);
    return 2;
  }
  int rc = 2;
  char *pac = NULL, err[256];
  size_t len = 0;
  pp_resolver_t *dns = pp_resolver_new(); /* may be shared by engines in many threads */
  pp_engine_t *engine = NULL;
  if (!dns || pp_pac_read(argv[1], 4u << 20, 10000, &pac, &len, err, sizeof(err)) != PP_OK) {
    fprintf(stderr, "%s: %s\n", argv[1], dns ? err : "out of memory");
    goto done;
  }
  pp_engine_opts_t opts;
  pp_engine_opts_init(&opts); /* chrome semantics, 1000 ms, 64 MiB */
  opts.resolver = dns;
  engine = pp_engine_new(&opts); /* one engine per thread */
  pp_status_t st = engine ? pp_engine_load(engine, pac, len, argv[1]) : PP_ENOMEM;
  if (st != PP_OK) {
    fprintf(stderr, "%s\n", engine ? pp_engine_error(engine) : pp_strerror(st));
    goto done;
  }
  rc = 0;
  for (int i = 2; i < argc; i++) {
    pp_eval_t ev;
    if (pp_engine_eval(engine, argv[i], NULL, &ev) == PP_ENOMEM) rc = 2;
    printf("%s : %s%s%s\n", argv[i], ev.result.canonical ? ev.result.canonical : "DIRECT",
           ev.error ? "  # " : "", ev.error ? ev.error : "");
    if (ev.status != PP_OK && rc == 0) rc = 1;
    pp_eval_clear(&ev);
  }
done:
  pp_engine_free(engine);
  pp_resolver_free(dns);
  free(pac);
  return rc;
}
