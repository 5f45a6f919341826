/* SPDX-License-Identifier: MIT */
/*
 * Regular expression features Duktape 2.7 lacks, by rewriting the pattern
 * (regex.c, issue 16): named groups (?<name>…) and \k<name>, the s (dotAll)
 * and u (unicode) flags. Lookbehind passes through to Duktape's engine,
 * patched to run it (cmake/duktape-patches/01-lookbehind.patch). What cannot be rewritten exactly is reported as
 * unsupported with the feature's name, never matched differently.
 */
#ifndef PP_PAC_REGEX_H
#define PP_PAC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "util/str.h"

#define PP_REGEX_MAX_NAMES 64

typedef struct {
  pp_str_t src;            /* the pattern for Duktape */
  char flags[8];           /* the flags for Duktape: a subset of "gimyd" */
                           /* (y d: cmake/duktape-patches/02-sticky-indices.patch) */
  bool changed;            /* src/flags differ from the input, or flag y or d */
  bool lookbehind;         /* (?<=…) or (?<!…): Duktape runs it as patched */
  int ngroups;             /* capturing groups */
  size_t nnames;           /* named groups, in pattern order */
  int name_group[PP_REGEX_MAX_NAMES];
  char *name[PP_REGEX_MAX_NAMES];
  const char *unsupported; /* a feature pacprobe cannot run, or NULL */
  const char *es;          /* its edition */
  char syntax[96];         /* a SyntaxError browsers raise too, or "" */
} pp_regex_t;

/* Rewrites pattern src (len bytes, Duktape's CESU-8) with flags. false only
 * when out of memory; otherwise out says what to do (unsupported, syntax
 * or the rewritten pattern). pp_regex_clear frees out. */
bool pp_regex_rewrite(const char *src, size_t len, const char *flags, pp_regex_t *out);
void pp_regex_clear(pp_regex_t *r);

#endif
