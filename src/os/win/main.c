/* SPDX-License-Identifier: MIT */
/*
 * The Windows entry point: wmain receives the command line as UTF-16; it is
 * converted to UTF-8 (what every other part of pacprobe takes) and argv[0]
 * reduced to the program's base name without ".exe", so pactester.exe
 * selects the pactester personality as the symlink does on Linux.
 */
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

static char *utf8(const wchar_t *w) {
  int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
  char *s = n > 0 ? malloc((size_t)n) : NULL;
  if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) s[0] = '\0';
  return s;
}

static void base_name(char *s) {
  char *p = s, *q;
  for (q = s; *q; q++)
    if (*q == '\\' || *q == '/' || *q == ':') p = q + 1;
  memmove(s, p, strlen(p) + 1);
  size_t n = strlen(s);
  if (n > 4 && _stricmp(s + n - 4, ".exe") == 0) s[n - 4] = '\0';
}

int wmain(int argc, wchar_t **wargv);

int wmain(int argc, wchar_t **wargv) {
  char **argv = calloc((size_t)argc + 1, sizeof(*argv));
  if (!argv) return 2;
  for (int i = 0; i < argc; i++) {
    if (!(argv[i] = utf8(wargv[i]))) {
      fputs("pacprobe: out of memory\n", stderr);
      return 2;
    }
  }
  if (argc > 0) base_name(argv[0]);
  pp_os_init();
  return pp_cli_main(argc, argv);
}
