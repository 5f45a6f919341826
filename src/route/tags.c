/* SPDX-License-Identifier: MIT */
/*
 * Azure Service Tags files (docs/mdi-connectivity.md §5.1): the address
 * prefixes of one tag, IPv4 and IPv6, and membership of an address, so a
 * firewall rule built from the tag can be checked against what a target
 * resolves to. Missing keys and nulls are tolerated; size is bounded.
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "pacprobe.h"
#include "util/str.h"

#define TAGS_MAX_BYTES (64u * 1024u * 1024u) /* real files are ~4 MB */

typedef struct prefix {
  int family;
  unsigned char addr[16];
  unsigned bits;
} prefix_t;

struct pp_service_tag {
  prefix_t *v;
  size_t n;
};

static bool parse_prefix(const char *s, prefix_t *p) {
  char buf[64];
  const char *slash = strchr(s, '/');
  if (!slash || (size_t)(slash - s) >= sizeof(buf)) return false;
  snprintf(buf, sizeof(buf), "%.*s", (int)(slash - s), s);
  char *end;
  unsigned long bits = strtoul(slash + 1, &end, 10);
  p->family = strchr(buf, ':') ? AF_INET6 : AF_INET;
  if (*end || inet_pton(p->family, buf, p->addr) != 1) return false;
  p->bits = (unsigned)bits;
  return bits <= (p->family == AF_INET ? 32u : 128u);
}

static bool match(const prefix_t *p, const unsigned char *a) {
  unsigned full = p->bits / 8, rest = p->bits % 8;
  if (memcmp(p->addr, a, full) != 0) return false;
  if (!rest) return true;
  unsigned char mask = (unsigned char)(0xff << (8 - rest));
  return (p->addr[full] & mask) == (a[full] & mask);
}

bool pp_service_tag_contains(const pp_service_tag_t *t, const char *addr) {
  unsigned char a[16];
  int fam = strchr(addr, ':') ? AF_INET6 : AF_INET;
  if (inet_pton(fam, addr, a) != 1) return false;
  for (size_t i = 0; i < t->n; i++)
    if (t->v[i].family == fam && match(&t->v[i], a)) return true;
  return false;
}

size_t pp_service_tag_nprefixes(const pp_service_tag_t *t) { return t ? t->n : 0; }

void pp_service_tag_free(pp_service_tag_t *t) {
  if (!t) return;
  free(t->v);
  free(t);
}

static json_t *find_tag(json_t *root, const char *tag) {
  json_t *values = json_object_get(root, "values"), *v;
  size_t i;
  json_array_foreach(values, i, v) {
    const char *name = json_string_value(json_object_get(v, "name"));
    if (name && strcmp(name, tag) == 0) return v;
  }
  return NULL;
}

static pp_status_t take_prefixes(json_t *entry, const char *path, pp_service_tag_t *t, char *err,
                                 size_t errlen) {
  json_t *list = json_object_get(json_object_get(entry, "properties"), "addressPrefixes"), *p;
  size_t i;
  t->v = calloc(json_array_size(list) + 1, sizeof(*t->v));
  if (!t->v) return PP_ENOMEM;
  json_array_foreach(list, i, p) {
    const char *s = json_string_value(p);
    if (!s || !parse_prefix(s, &t->v[t->n])) {
      pp_set_err(err, errlen, "%s: addressPrefixes[%zu] is not an address prefix", path, i);
      return PP_EINVAL;
    }
    t->n++;
  }
  return PP_OK;
}

pp_status_t pp_service_tag_load(const char *path, const char *tag, pp_service_tag_t **out,
                                char *err, size_t errlen) {
  *out = NULL;
  long long size = pp_os_file_size(path);
  if (size < 0) {
    pp_set_err(err, errlen, "%s: %s", path, strerror(errno));
    return PP_EIO;
  }
  if (size > (long long)TAGS_MAX_BYTES) {
    pp_set_err(err, errlen, "%s: over the %u MiB limit for a Service Tags file", path,
               TAGS_MAX_BYTES >> 20);
    return PP_ETOOBIG;
  }
  json_error_t je;
  json_t *root = json_load_file(path, 0, &je);
  if (!root) {
    pp_set_err(err, errlen, "%s:%d:%d: not JSON: %s", path, je.line, je.column, je.text);
    return PP_EINVAL;
  }
  pp_status_t st = PP_EINVAL;
  json_t *entry = find_tag(root, tag);
  pp_service_tag_t *t = calloc(1, sizeof(*t));
  if (!t) st = PP_ENOMEM;
  else if (!entry)
    pp_set_err(err, errlen, "%s: no tag named '%s' in \"values\" (a Service Tags file has "
               "names such as AzureAdvancedThreatProtection)", path, tag);
  else st = take_prefixes(entry, path, t, err, errlen);
  json_decref(root);
  if (st == PP_OK) *out = t;
  else pp_service_tag_free(t);
  return st;
}
