/* SPDX-License-Identifier: MIT */
/*
 * Suppression comments in the PAC (docs/lint.md#suppressions):
 *   // pacprobe-disable-next-line RULE[, RULE...]   the next line only
 *   // pacprobe-disable-line RULE[, ...]            this line only
 *   / * pacprobe-disable RULE[, ...] * /             from here on, until
 *   / * pacprobe-enable RULE[, ...] * /              turns it back on
 * Without RULE a directive covers every rule; text after "--" is a reason.
 * A directive (or one of its rules) that silences nothing, or names a
 * rule that does not exist, is reported as unused-suppression.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_int.h"

#define MAX_DIRECTIVES 256
#define MAX_RULES 8

typedef enum { D_NEXT_LINE, D_LINE, D_BLOCK, D_ENABLE } dkind_t;

typedef struct directive {
  dkind_t kind;
  int line, col;      /* the comment */
  int from, to;       /* lines it covers */
  size_t nrules;      /* 0: every rule */
  char rules[MAX_RULES][32];
  bool used[MAX_RULES + 1]; /* used[MAX_RULES]: the every-rule form */
} directive_t;

static const struct {
  const char *word;
  dkind_t kind;
} words[] = {{"pacprobe-disable-next-line", D_NEXT_LINE},
             {"pacprobe-disable-line", D_LINE},
             {"pacprobe-disable", D_BLOCK},
             {"pacprobe-enable", D_ENABLE}};

static int end_line(const pp_lint_ctx_t *c, const pp_js_token_t *t) {
  int line = t->line;
  for (size_t i = 0; i < t->len; i++) line += c->src[t->off + i] == '\n';
  return line;
}

/* Reads "RULE, RULE -- reason" (up to the comment's end) into d. */
static void read_rules(const char *p, const char *end, directive_t *d) {
  while (p < end && d->nrules < MAX_RULES) {
    while (p < end && (isspace((unsigned char)*p) || *p == ',')) p++;
    if (end - p >= 2 && p[0] == '-' && p[1] == '-') return; /* a reason follows */
    const char *w = p;
    while (p < end && (isalnum((unsigned char)*p) || *p == '-')) p++;
    if (p == w) return;
    size_t n = (size_t)(p - w) < sizeof(d->rules[0]) - 1 ? (size_t)(p - w) : sizeof(d->rules[0]) - 1;
    memcpy(d->rules[d->nrules], w, n);
    d->rules[d->nrules++][n] = '\0';
  }
}

static bool parse(const pp_lint_ctx_t *c, const pp_js_token_t *t, directive_t *d) {
  const char *p = c->src + t->off + 2, *end = c->src + t->off + t->len;
  if (c->src[t->off + 1] == '*') end -= 2; /* block comment: drop the closing */
  while (p < end && isspace((unsigned char)*p)) p++;
  for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
    size_t n = strlen(words[i].word);
    if ((size_t)(end - p) < n || strncmp(p, words[i].word, n) != 0) continue;
    if (p + n < end && !isspace((unsigned char)p[n])) continue; /* a longer word */
    memset(d, 0, sizeof(*d));
    d->kind = words[i].kind;
    d->line = t->line;
    d->col = t->col;
    int last = end_line(c, t);
    d->from = d->kind == D_NEXT_LINE ? last + 1 : d->kind == D_LINE ? t->line : last;
    d->to = d->kind == D_BLOCK ? INT_MAX : d->from;
    read_rules(p + n, end, d);
    return true;
  }
  return false;
}

/* A block directive ends at the first later enable naming one of its rules
 * (or any rule, for either side's every-rule form). */
static void close_blocks(directive_t *d, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (d[i].kind != D_ENABLE) continue;
    for (size_t j = 0; j < i; j++) {
      if (d[j].kind != D_BLOCK || d[j].to != INT_MAX) continue;
      bool hit = d[i].nrules == 0 || d[j].nrules == 0;
      for (size_t a = 0; a < d[i].nrules && !hit; a++)
        for (size_t b = 0; b < d[j].nrules && !hit; b++) hit = !strcmp(d[i].rules[a], d[j].rules[b]);
      if (hit) d[j].to = d[i].line;
    }
  }
}

/* Whether d silences diagnostic x; marks the rule that did. */
static bool silences(directive_t *d, const pp_lint_diag_t *x) {
  if (d->kind == D_ENABLE || x->line < d->from || x->line > d->to) return false;
  if (strcmp(x->code, "unused-suppression") == 0) return false;
  if (d->nrules == 0) return d->used[MAX_RULES] = true;
  for (size_t r = 0; r < d->nrules; r++)
    if (strcmp(d->rules[r], x->code) == 0) return d->used[r] = true;
  return false;
}

static void report_unused(pp_lint_ctx_t *c, const directive_t *d) {
  if (d->kind == D_ENABLE) return;
  if (d->nrules == 0 && !d->used[MAX_RULES]) {
    pp_lint_add(c->rep, c->name, d->line, d->col, PP_LINT_WARNING, "unused-suppression",
                "this suppression silences nothing: remove it");
    return;
  }
  for (size_t r = 0; r < d->nrules; r++) {
    if (d->used[r]) continue;
    bool known = pp_lint_rule_find(d->rules[r]) != NULL;
    if (pp_lint_add(c->rep, c->name, d->line, d->col, PP_LINT_WARNING, "unused-suppression",
                    known ? "the suppression of '%s' silences nothing: remove it"
                          : "'%s' is not a lint rule (pacprobe lint --list-rules)",
                    d->rules[r]) != PP_OK)
      c->oom = true;
  }
}

void pp_lint_apply_suppressions(pp_lint_ctx_t *c, size_t first) {
  directive_t *d = calloc(MAX_DIRECTIVES, sizeof(*d));
  if (!d) {
    c->oom = true;
    return;
  }
  size_t n = 0;
  for (size_t i = 0; i < c->ncom && n < MAX_DIRECTIVES; i++)
    if (parse(c, &c->com[i], &d[n])) n++;
  close_blocks(d, n);
  for (size_t i = first; i < c->rep->n;) {
    bool hit = false;
    for (size_t k = 0; k < n; k++) hit |= silences(&d[k], &c->rep->v[i]);
    if (hit) pp_lint_report_drop(c->rep, i);
    else i++;
  }
  for (size_t k = 0; k < n; k++) report_unused(c, &d[k]);
  free(d);
}
