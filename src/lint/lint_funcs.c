/* SPDX-License-Identifier: MIT */
/*
 * Which function each token of a PAC is in (docs/lint.md): the body "{" of
 * the innermost function around every token, found in one forward pass,
 * and the name that function goes by. The checks use it to say a finding
 * once per function (dns-on-host), to know what runs only inside
 * FindProxyForURLEx (mode-difference) and to compare the rules of one
 * function (lint_shadow.c).
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"

/* Token k is a "{" opening a function body: `function [NAME](...) {`,
 * a method `NAME(...) {` in an object literal, or an arrow `=> {`. */
static bool opens_body(const pp_lint_ctx_t *c, size_t k) {
  if (!pp_lint_is(c, k, "{") || k == 0) return false;
  if (pp_lint_is(c, k - 1, "=>")) return true;
  if (!pp_lint_is(c, k - 1, ")")) return false;
  size_t p = c->match[k - 1];
  if (p == PP_LINT_NO_MATCH || p == 0) return false;
  if (pp_lint_is(c, p - 1, "function")) return true;
  if (!pp_lint_is_ident(c, p - 1, NULL) || p < 2) return false;
  return pp_lint_is(c, p - 2, "function") || pp_lint_is(c, p - 2, "{") ||
         pp_lint_is(c, p - 2, ",") || pp_lint_is(c, p - 2, "get") || pp_lint_is(c, p - 2, "set");
}

pp_status_t pp_lint_index_functions(pp_lint_ctx_t *c) {
  c->fnbody = malloc((c->ntok ? c->ntok : 1) * sizeof(*c->fnbody));
  size_t *stack = malloc((c->ntok ? c->ntok : 1) * sizeof(*stack));
  if (!c->fnbody || !stack) {
    free(stack);
    return PP_ENOMEM;
  }
  size_t depth = 0;
  for (size_t k = 0; k < c->ntok; k++) {
    /* a body's own braces belong to it: "{" is pushed before, "}" popped after */
    if (opens_body(c, k) && c->match[k] != PP_LINT_NO_MATCH) stack[depth++] = k;
    c->fnbody[k] = depth ? stack[depth - 1] : PP_LINT_NO_MATCH;
    if (depth && pp_lint_is(c, k, "}") && c->match[k] == stack[depth - 1]) depth--;
  }
  free(stack);
  return PP_OK;
}

size_t pp_lint_fn_name(const pp_lint_ctx_t *c, size_t body) {
  if (body == PP_LINT_NO_MATCH || body == 0 || !pp_lint_is(c, body - 1, ")")) return PP_LINT_NO_MATCH;
  size_t p = c->match[body - 1];
  if (p == PP_LINT_NO_MATCH || p == 0) return PP_LINT_NO_MATCH;
  if (pp_lint_is_ident(c, p - 1, NULL) && !pp_lint_is(c, p - 1, "function")) return p - 1;
  /* `NAME = function (...) {` and `NAME: function (...) {` */
  if (p >= 3 && (pp_lint_is(c, p - 2, "=") || pp_lint_is(c, p - 2, ":")) &&
      pp_lint_is_ident(c, p - 3, NULL))
    return p - 3;
  return PP_LINT_NO_MATCH;
}

bool pp_lint_in_function(const pp_lint_ctx_t *c, size_t i, const char *name) {
  size_t body = c->fnbody[i];
  while (body != PP_LINT_NO_MATCH) {
    size_t n = pp_lint_fn_name(c, body);
    if (n != PP_LINT_NO_MATCH && pp_lint_is_ident(c, n, name)) return true;
    /* the function around this one: the token before its body's "{" */
    body = body > 0 ? c->fnbody[body - 1] : PP_LINT_NO_MATCH;
  }
  return false;
}
