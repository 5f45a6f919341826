/* SPDX-License-Identifier: MIT */
/*
 * The names on the wire (issue 17) for `pacprobe check --service-tags FILE
 * --tag NAME`: the target's name and each name of its CNAME chain, each
 * resolved on its own and every address checked against the tag. A firewall
 * or proxy that allows by name resolves the name in its rule, which may be
 * any name of the chain, so each is reported (normally they share the final
 * addresses; a name that resolves elsewhere shows here). Text and JSON of
 * the per-attempt chain are here too.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cli/check.h"
#include "util/str.h"

static void name_clear(pp_ck_name_t *n) {
  free(n->name);
  pp_strlist_free(n->addrs, n->naddrs);
  free(n->inside);
}

void pp_ck_names_free(pp_ck_target_t *t) {
  for (size_t i = 0; i < t->nnames; i++) name_clear(&t->names[i]);
  free(t->names);
  t->names = NULL;
  t->nnames = 0;
}

/* Resolves one name of the chain and checks each address. false on ENOMEM. */
static bool check_name(pp_ck_name_t *n, pp_resolver_t *r, const pp_service_tag_t *tag) {
  pp_dns_answer_t ans;
  pp_resolver_lookup(r, n->name, PP_DNS_ANY, &ans);
  n->all_inside = ans.naddrs > 0;
  n->inside = ans.naddrs ? calloc(ans.naddrs, sizeof(*n->inside)) : NULL;
  bool ok = !ans.naddrs || n->inside;
  for (size_t k = 0; ok && k < ans.naddrs; k++) {
    ok = pp_strlist_push(&n->addrs, &n->naddrs, ans.addrs[k]);
    n->inside[k] = pp_service_tag_contains(tag, ans.addrs[k]);
    if (!n->inside[k]) n->all_inside = false;
  }
  pp_dns_answer_clear(&ans);
  return ok;
}

/* The chain of host (the name alone when it is no alias), each checked. */
static bool check_target(pp_ck_target_t *t, const char *host, pp_resolver_t *r,
                         const pp_service_tag_t *tag) {
  pp_dns_answer_t ans;
  pp_resolver_lookup(r, host, PP_DNS_ANY, &ans);
  size_t n = ans.ncnames ? ans.ncnames : 1;
  bool ok = (t->names = calloc(n, sizeof(*t->names))) != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    t->names[i].name = pp_strndup(ans.ncnames ? ans.cnames[i] : host,
                                  strlen(ans.ncnames ? ans.cnames[i] : host));
    t->nnames++;
    ok = t->names[i].name && check_name(&t->names[i], r, tag);
  }
  pp_dns_answer_clear(&ans);
  return ok;
}

int pp_ck_service_tags(pp_ck_t *ck, const char *file, const char *tagname, pp_resolver_t *r) {
  char err[512];
  pp_service_tag_t *tag = NULL;
  pp_status_t st = pp_service_tag_load(file, tagname, &tag, err, sizeof(err));
  if (st != PP_OK) {
    pp_msg_error("option --service-tags: %s", st == PP_ENOMEM ? "out of memory" : err);
    return PP_EXIT_USAGE;
  }
  ck->tag = tagname;
  bool ok = true;
  for (size_t i = 0; ok && i < ck->n; i++) {
    pp_ck_target_t *t = &ck->t[i];
    const char *hs = strstr(t->url, "://");
    char host[256];
    size_t hn = hs ? strcspn(hs + 3, "/:?#") : 0;
    snprintf(host, sizeof(host), "%.*s", (int)hn, hs ? hs + 3 : "");
    pp_ascii_lower(host);
    if (!(ok = check_target(t, host, r, tag))) break;
    t->tag_checked = true;
    t->tag_inside = t->names[0].all_inside; /* the name as the URL has it */
    for (size_t k = 0; ok && k < t->names[0].naddrs; k++)
      ok = pp_strlist_push(&t->addrs, &t->naddrs, t->names[0].addrs[k]);
  }
  pp_service_tag_free(tag);
  if (!ok) {
    pp_msg_error("check: out of memory");
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

/* ---- text ---- */

void pp_ck_print_chain(FILE *out, const char *indent, char *const *names, size_t n) {
  if (n < 2) return; /* no alias: the name is the one on the wire */
  fprintf(out, "%snames on the wire:", indent);
  for (size_t i = 0; i < n; i++) fprintf(out, "%s%s", i ? " → " : " ", pp_safe(names[i]));
  fputc('\n', out);
}

static const char *role(const pp_ck_target_t *t, size_t i) {
  return i + 1 < t->nnames ? "alias" : "canonical name";
}

void pp_ck_print_names(FILE *out, const pp_ck_t *ck, const pp_ck_target_t *t) {
  if (!t->tag_checked) return;
  char **chain = calloc(t->nnames ? t->nnames : 1, sizeof(*chain));
  for (size_t i = 0; chain && i < t->nnames; i++) chain[i] = t->names[i].name;
  if (chain) pp_ck_print_chain(out, "  ", chain, t->nnames);
  free(chain);
  fprintf(out, "  service tag %s: %s (", pp_safe(ck->tag), t->tag_inside ? "inside" : "NOT inside");
  for (size_t i = 0; i < t->naddrs; i++) fprintf(out, "%s%s", i ? ", " : "", pp_safe(t->addrs[i]));
  fprintf(out, "%s)\n", t->naddrs ? "" : "does not resolve");
  for (size_t i = 0; t->nnames > 1 && i < t->nnames; i++) {
    const pp_ck_name_t *n = &t->names[i];
    fprintf(out, "    %s (%s): %s", pp_safe(n->name), role(t, i), n->naddrs ? "" : "does not resolve");
    for (size_t k = 0; k < n->naddrs; k++)
      fprintf(out, "%s%s %s", k ? ", " : "", pp_safe(n->addrs[k]), n->inside[k] ? "inside" : "NOT inside");
    fputc('\n', out);
  }
}

/* ---- JSON ---- */

json_t *pp_ck_chain_json(char *const *names, size_t n) {
  if (!n) return json_null();
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(names[i]));
  return a;
}

json_t *pp_ck_names_json(const pp_ck_target_t *t) {
  json_t *arr = json_array();
  for (size_t i = 0; i < t->nnames; i++) {
    const pp_ck_name_t *n = &t->names[i];
    json_t *addrs = json_array();
    for (size_t k = 0; k < n->naddrs; k++)
      json_array_append_new(addrs, json_pack("{s:s,s:b}", "address", n->addrs[k], "inside",
                                             n->inside[k]));
    json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:b}", "name", n->name, "role",
                                         i + 1 < t->nnames ? "alias" : "canonical", "addresses",
                                         addrs, "inside", n->all_inside));
  }
  return arr;
}
