/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the JavaScript tokenizer (src/js/jslex.c) and the
 * return/call instrumentation built on it (src/js/instrument.c). Tokens
 * lie inside the source; the instrumented text keeps every line break
 * (instrument.h: "never a line break", which reported lines rely on).
 */
#include "fuzz.h"
#include "js/instrument.h"
#include "js/jslex.h"

static size_t breaks(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += s[i] == '\n';
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *src = (const char *)data;
  pp_js_token_t *toks = NULL;
  size_t ntoks = 0;
  pp_js_error_t jerr;
  if (pp_js_tokenize(src, size, PP_JS_KEEP_COMMENTS, &toks, &ntoks, &jerr) == PP_OK) {
    if (ntoks == 0 || toks[ntoks - 1].kind != PP_JS_EOF) abort();
    for (size_t i = 0; i < ntoks; i++)
      if (toks[i].off > size || toks[i].len > size - toks[i].off) abort();
  }
  free(toks);
  for (unsigned flags = 0; flags <= PP_INSTR_CALLS; flags++) {
    pp_instrumented_t r;
    memset(&r, 0, sizeof(r));
    if (pp_instrument(src, size, flags, &r, &jerr) == PP_OK &&
        breaks(r.text, r.len) != breaks(src, size))
      abort();
    pp_instrumented_clear(&r);
  }
  return 0;
}
