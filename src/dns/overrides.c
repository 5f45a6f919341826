/* SPDX-License-Identifier: MIT */
/*
 * --resolve HOST=ADDR[,ADDR...] parsing (DESIGN §1.1): one spec replaces
 * the whole answer for HOST; "HOST=" records that HOST does not resolve.
 * Addresses are stored normalised (inet_ntop form, IPv6 without brackets)
 * and de-duplicated in the order given. The table itself is table.c.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

/* Consumes bytes up to (not including) `stop` or the end. */
static size_t take_until(pp_buf_t *b, int stop, const char **tok) {
  *tok = (const char *)b->data + b->pos;
  size_t n = 0;
  while (pp_buf_peek(b) != -1 && pp_buf_peek(b) != stop) {
    pp_buf_get(b);
    n++;
  }
  return n;
}

static void trim(const char **p, size_t *n) {
  while (*n && (**p == ' ' || **p == '\t')) {
    (*p)++;
    (*n)--;
  }
  while (*n && ((*p)[*n - 1] == ' ' || (*p)[*n - 1] == '\t')) (*n)--;
}

static bool valid_host(const char *h, size_t n) {
  if (!n) return false;
  for (size_t i = 0; i < n; i++)
    if (h[i] == ' ' || h[i] == '\t' || h[i] == ',' || h[i] == '/' || (unsigned char)h[i] < 0x20)
      return false;
  return true;
}

/* Parses the comma-separated address list into *list. */
static pp_status_t parse_addrs(pp_buf_t *b, char ***list, size_t *n, char *err,
                               size_t errlen) {
  char norm[INET6_ADDRSTRLEN];
  while (pp_buf_remaining(b)) {
    const char *tok;
    size_t len = take_until(b, ',', &tok);
    bool comma = pp_buf_get(b) == ',';
    trim(&tok, &len);
    if (!len) {
      pp_set_err(err, errlen, "empty address in the list");
      return PP_EINVAL;
    }
    if (!pp_dns_addr_normalize(tok, len, norm, sizeof(norm))) {
      pp_set_err(err, errlen, "'%.*s' is not an IP address", (int)len, tok);
      return PP_EINVAL;
    }
    bool dup = false;
    for (size_t i = 0; i < *n; i++) dup = dup || !strcmp((*list)[i], norm);
    if (!dup && !pp_strlist_push(list, n, norm)) return PP_ENOMEM;
    if (comma && !pp_buf_remaining(b)) {
      pp_set_err(err, errlen, "empty address in the list");
      return PP_EINVAL;
    }
  }
  return PP_OK;
}

pp_status_t pp_dns_override_parse(pp_dns_table_t *t, const char *spec, char *err, size_t errlen) {
  pp_status_t st = PP_OK;
  char **addrs = NULL, *host = NULL;
  size_t naddrs = 0;
  pp_buf_t b;
  pp_buf_init(&b, spec, strlen(spec));
  const char *h;
  size_t hlen = take_until(&b, '=', &h);
  if (pp_buf_get(&b) != '=') {
    pp_set_err(err, errlen, "expected HOST=ADDR[,ADDR...] or HOST=");
    st = PP_EINVAL;
    goto done;
  }
  trim(&h, &hlen);
  if (!valid_host(h, hlen)) {
    pp_set_err(err, errlen, "missing or invalid host name before '='");
    st = PP_EINVAL;
    goto done;
  }
  st = parse_addrs(&b, &addrs, &naddrs, err, errlen);
  if (st != PP_OK) goto done;
  host = pp_strndup(h, hlen);
  pp_dns_entry_t *e = host ? pp_dns_table_reset(t, host) : NULL;
  if (!e) {
    st = PP_ENOMEM;
    goto done;
  }
  e->addrs = addrs; /* ownership moves to the table */
  e->naddrs = naddrs;
  addrs = NULL;
  naddrs = 0;
done:
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  pp_strlist_free(addrs, naddrs);
  free(host);
  return st;
}
