/* SPDX-License-Identifier: MIT */
/*
 * The Microsoft 365 endpoints web-service format (endpoints.office.com
 * /endpoints/<Instance>, docs/mdi-connectivity.md §6.1, docs/endpoints.md):
 * an array of endpoint sets {id, serviceArea, urls, ips, tcpPorts,
 * udpPorts, expressRoute, category, required, notes}; urls, ips and ports
 * are omitted when empty. Each urls entry becomes one endpoint with a
 * concrete URL: every '*' replaced by a label, https:// when tcpPorts has
 * 443 (or is absent), http:// when it has 80 only, else https on the first
 * port.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacprobe.h"
#include "util/str.h"

const char *pp_ep_category_name(pp_ep_category_t c) {
  static const char *const n[] = {"Optimize", "Allow", "Default"};
  return (size_t)c < 3 ? n[c] : "?";
}

static bool category_of(const char *s, pp_ep_category_t *c) {
  for (int i = 0; i < 3; i++)
    if (strcmp(s, pp_ep_category_name((pp_ep_category_t)i)) == 0) return *c = (pp_ep_category_t)i, true;
  return false;
}

/* true when `ports` ("80,443", "1-65535") lists port p. */
static bool has_port(const char *ports, long p) {
  for (const char *s = ports; s && *s;) {
    char *end;
    long lo = strtol(s, &end, 10), hi = lo;
    if (end == s) return false;
    if (*end == '-') hi = strtol(end + 1, &end, 10);
    if (p >= lo && p <= hi) return true;
    s = *end == ',' ? end + 1 : end;
    while (*s == ' ') s++;
    if (*s && *s != ',' && (*s < '0' || *s > '9')) return false;
  }
  return false;
}

/* The concrete URL of one urls entry, or NULL with a reason in why. */
static char *concrete(const char *pattern, const char *label, const char *ports, const char **why) {
  pp_str_t host = PP_STR_INIT;
  pp_str_append(&host, "", 0);
  for (const char *p = pattern; *p; p++) {
    char c = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
    if (c == '*') pp_str_puts(&host, label);
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') pp_str_putc(&host, c);
    else {
      pp_str_free(&host);
      *why = "a character that cannot be in a host name";
      return NULL;
    }
  }
  if (host.len == 0 || host.len > 253) {
    pp_str_free(&host);
    *why = host.len ? "a host name over 253 characters" : "an empty host name";
    return NULL;
  }
  pp_str_t url = PP_STR_INIT;
  if (!ports || has_port(ports, 443)) pp_str_printf(&url, "https://%s/", host.s);
  else if (has_port(ports, 80)) pp_str_printf(&url, "http://%s/", host.s);
  else pp_str_printf(&url, "https://%s:%ld/", host.s, strtol(ports, NULL, 10));
  pp_str_free(&host);
  *why = "out of memory";
  return pp_str_take(&url);
}

/* Records "NAME: endpoint set K (id ID): WHAT ARG" (the set is skipped). */
static bool problem(pp_endpoints_t *e, const char *name, size_t k, long id, const char *what,
                    const char *arg) {
  char msg[600], ids[40] = "";
  if (id >= 0) snprintf(ids, sizeof(ids), " (id %ld)", id);
  snprintf(msg, sizeof(msg), "%s: endpoint set %zu%s: %s%s", name, k + 1, ids, what, arg);
  return pp_strlist_push(&e->problems, &e->nproblems, msg);
}

static bool add(pp_endpoints_t *e, long id, const char *area, pp_ep_category_t cat, bool req,
                const char *pattern, char *url) {
  pp_endpoint_t *v = realloc(e->v, (e->n + 1) * sizeof(*v));
  if (!v) return free(url), false;
  e->v = v;
  pp_endpoint_t *p = &v[e->n];
  p->id = id;
  p->category = cat;
  p->required = req;
  p->url = url;
  p->service_area = pp_strndup(area, strlen(area));
  p->pattern = pp_strndup(pattern, strlen(pattern));
  e->n++;
  return p->service_area && p->pattern;
}

/* One endpoint set; false only on ENOMEM. */
static bool one_set(pp_endpoints_t *e, json_t *set, size_t k, const char *name, const char *label) {
  json_t *jid = json_object_get(set, "id"), *jcat = json_object_get(set, "category");
  json_t *urls = json_object_get(set, "urls"), *ports = json_object_get(set, "tcpPorts");
  json_t *area = json_object_get(set, "serviceArea"), *req = json_object_get(set, "required");
  long id = json_is_integer(jid) ? (long)json_integer_value(jid) : -1;
  pp_ep_category_t cat;
  if (!json_is_object(set)) return problem(e, name, k, -1, "not an object", "");
  if (id < 0) return problem(e, name, k, -1, "no integer \"id\"", "");
  if (!json_is_string(jcat) || !category_of(json_string_value(jcat), &cat))
    return problem(e, name, k, id, "\"category\" is not Optimize, Allow or Default: ",
                   json_is_string(jcat) ? "another word" : "missing");
  if (ports && !json_is_string(ports)) return problem(e, name, k, id, "\"tcpPorts\" is not a string", "");
  if (!urls) return e->ip_only++, true;
  if (!json_is_array(urls)) return problem(e, name, k, id, "\"urls\" is not an array", "");
  size_t i;
  json_t *u;
  json_array_foreach(urls, i, u) {
    const char *why = NULL;
    if (!json_is_string(u)) {
      if (!problem(e, name, k, id, "a urls entry is not a string", "")) return false;
      continue;
    }
    if (e->n >= PP_ENDPOINTS_MAX) return problem(e, name, k, id, "over 10000 URLs: the rest is ignored", "");
    char *url = concrete(json_string_value(u), label, ports ? json_string_value(ports) : NULL, &why);
    if (!url) {
      if (!problem(e, name, k, id, "urls entry with ", why)) return false;
      continue;
    }
    if (!add(e, id, json_is_string(area) ? json_string_value(area) : "", cat, json_is_true(req),
             json_string_value(u), url))
      return false;
  }
  return true;
}

pp_status_t pp_endpoints_parse(const char *text, size_t len, const char *name, const char *label,
                               pp_endpoints_t *out, char *err, size_t errlen) {
  memset(out, 0, sizeof(*out));
  json_error_t je;
  json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
  if (!root) {
    pp_set_err(err, errlen, "%s:%d:%d: %s", name, je.line, je.column, je.text);
    return PP_EINVAL;
  }
  if (!json_is_array(root)) {
    json_decref(root);
    pp_set_err(err, errlen, "%s:1:1: not an endpoints file: expected a JSON array of endpoint sets "
               "(endpoints.office.com/endpoints/Worldwide)", name);
    return PP_EINVAL;
  }
  size_t k;
  json_t *set;
  bool ok = true;
  json_array_foreach(root, k, set) if (ok) ok = one_set(out, set, k, name, label);
  json_decref(root);
  if (!ok) {
    pp_endpoints_clear(out);
    return PP_ENOMEM;
  }
  return PP_OK;
}

void pp_endpoints_clear(pp_endpoints_t *e) {
  for (size_t i = 0; i < e->n; i++) {
    free(e->v[i].service_area);
    free(e->v[i].pattern);
    free(e->v[i].url);
  }
  free(e->v);
  pp_strlist_free(e->problems, e->nproblems);
  memset(e, 0, sizeof(*e));
}
