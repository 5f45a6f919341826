/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for test-case files (src/pac/cases.c): each input line
 * through the line parser, and every test line's EXPECTED through the
 * canonicaliser in every mode, as `pacprobe test` does.
 */
#include "fuzz.h"
#include "pac/cases.h"

static void one_line(const char *s, size_t n) {
  pp_case_line_t l;
  memset(&l, 0, sizeof(l));
  char err[256] = "";
  if (pp_case_line_parse(s, n, &l, err, sizeof(err)) != PP_OK) return;
  if (l.kind == PP_CASE_TEST && l.expected) {
    (void)pp_case_expects_error(l.expected);
    for (int m = 0; m < FZ_NMODES; m++) {
      char *canon = NULL;
      if (pp_case_expected_canonical(l.expected, (pp_emulation_t)m, &canon, err, sizeof(err)) ==
          PP_OK)
        free(canon);
    }
  }
  pp_case_line_clear(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* Exact-size heap copies so a read past a line's end is caught. */
  const char *p = (const char *)data, *end = p + size;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    char *line = malloc(n ? n : 1);
    if (!line) return 0;
    if (n) memcpy(line, p, n);
    one_line(line, n);
    free(line);
    p += n + (nl ? 1 : 0);
  }
  return 0;
}
