/* SPDX-License-Identifier: MIT */
/*
 * The pactester personality (DESIGN §1.2): invoked as `pactester`, pacprobe
 * accepts pactester's flags (-p -u -f -h -c -e -v) and runs `eval` in
 * pacparser mode, so existing scripts keep working and outputs compare byte
 * for byte. Only the flag translation lives here.
 */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "cli/cli.h"

static int usage(void) {
  pp_msg_raw("\nUsage:  pactester <-p pacfile> <-u url> [-h host] [-c client_ip] [-e]\n"
             "        pactester <-p pacfile> <-f urlslist> [-c client_ip] [-e]\n\n"
             "Options:\n"
             "  -p pacfile   : PAC file to test (specify '-' to read from standard input)\n"
             "  -u url       : URL to test for\n"
             "  -h host      : Host part of the URL\n"
             "  -c client_ip : client IP address (as returned by myIpAddress() function\n"
             "                 in PAC files), defaults to IP address on which it is running.\n"
             "  -e           : accepted for compatibility (IPv6 extensions are always on)\n"
             "  -f urlslist  : a file containing list of URLs to be tested.\n"
             "  -v           : print version and exit\n"
             "\n(pacprobe " PP_VERSION " in pactester mode: see `pacprobe eval --help`)\n");
  return PP_EXIT_PROBLEM; /* pactester's usage exit code */
}

int pp_cmd_pactester(int argc, char **argv) {
  const char *pac = NULL, *url = NULL, *host = NULL, *list = NULL, *client = NULL;
  if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "--helpshort") == 0))
    return usage();
  int c;
  opterr = 1;
  while ((c = getopt(argc, argv, "evp:u:h:f:c:")) != -1) {
    switch (c) {
    case 'v': printf("pacprobe %s (pactester mode)\n", PP_VERSION); return PP_EXIT_OK;
    case 'p': pac = optarg; break;
    case 'u': url = optarg; break;
    case 'h': host = optarg; break;
    case 'f': list = optarg; break;
    case 'c': client = optarg; break;
    case 'e': break;
    default: return usage();
    }
  }
  if (!pac || (!url && !list)) {
    pp_msg_error("pactester: %s", !pac ? "you didn't specify the PAC file (-p)"
                                       : "you didn't specify the URL (-u or -f)");
    return usage();
  }
  /* pacprobe eval --emulate pacparser -p PAC [--host H] [--my-ip C] (-- URL | -f LIST) */
  char *args[16];
  int n = 0;
  args[n++] = argv[0];
  args[n++] = "--emulate";
  args[n++] = "pacparser";
  args[n++] = "-p";
  args[n++] = (char *)pac;
  if (client) {
    args[n++] = "--my-ip";
    args[n++] = (char *)client;
  }
  if (url) {
    /* pactester uses -h only with -u; with -f each URL's own host is used. */
    if (host) {
      args[n++] = "--host";
      args[n++] = (char *)host;
    }
    args[n++] = "--";
    args[n++] = (char *)url;
  } else {
    args[n++] = "-f";
    args[n++] = (char *)list;
  }
  args[n] = NULL;
  /* pactester exits 1 for every failure, unusable PAC included */
  int rc = pp_eval_main(n, args, 1, true);
  return rc == PP_EXIT_USAGE ? PP_EXIT_PROBLEM : rc;
}
