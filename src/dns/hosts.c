/* SPDX-License-Identifier: MIT */
/*
 * --hosts FILE: the /etc/hosts format (hosts(5)) read into the simulated-DNS
 * table. One entry per line: an address, then one or more names separated
 * by blanks; '#' starts a comment anywhere. A name listed on several lines
 * collects every address in file order. A malformed line is an error naming
 * file:line, because a silently skipped line would change PAC answers.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"

/* Larger files are refused: they are not hosts files. */
#define HOSTS_MAX_BYTES (256u * 1024 * 1024)

/* The address token of a line; a zone id ("fe80::1%eth0") is dropped, as
 * it means nothing to a PAC script. */
static int line_addr(const char *tok, size_t len, char *out, size_t outlen) {
  const char *pct = memchr(tok, '%', len);
  const char *colon = memchr(tok, ':', len);
  if (pct && colon && colon < pct) len = (size_t)(pct - tok);
  return pp_dns_addr_normalize(tok, len, out, outlen);
}

static pp_status_t parse_line(pp_dns_table_t *t, const char *line, size_t len, const char *name,
                              size_t lineno, char *err, size_t errlen) {
  const char *hash = memchr(line, '#', len);
  if (hash) len = (size_t)(hash - line);
  pp_buf_t b;
  pp_buf_init(&b, line, len);
  pp_buf_skip_blanks(&b);
  const char *tok;
  size_t tlen = pp_buf_fetch_token(&b, &tok);
  if (!tlen) return PP_OK; /* blank or comment-only line */
  char addr[INET6_ADDRSTRLEN];
  if (!line_addr(tok, tlen, addr, sizeof(addr))) {
    pp_set_err(err, errlen, "%s:%zu: '%.*s' is not an IP address", name, lineno, (int)tlen, tok);
    return PP_EINVAL;
  }
  size_t nnames = 0;
  for (;;) {
    pp_buf_skip_blanks(&b);
    const char *host;
    size_t hlen = pp_buf_fetch_token(&b, &host);
    if (!hlen) break;
    char *copy = pp_strndup(host, hlen);
    pp_dns_entry_t *e = copy ? pp_dns_table_get(t, copy) : NULL;
    bool ok = e && pp_dns_entry_add(e, addr);
    free(copy);
    if (!ok) return PP_ENOMEM;
    nnames++;
  }
  if (!nnames) {
    pp_set_err(err, errlen, "%s:%zu: address %.*s without a host name", name, lineno, (int)tlen, tok);
    return PP_EINVAL;
  }
  return PP_OK;
}

pp_status_t pp_dns_hosts_parse(pp_dns_table_t *t, const char *data, size_t len, const char *name,
                               char *err, size_t errlen) {
  pp_buf_t b;
  pp_buf_init(&b, data, len);
  const char *line;
  size_t llen, lineno = 0;
  while (pp_buf_fetch_line(&b, &line, &llen)) {
    pp_status_t st = parse_line(t, line, llen, name, ++lineno, err, errlen);
    if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
    if (st != PP_OK) return st;
  }
  return PP_OK;
}

/* Reads the whole file into *out (malloc'd). */
static pp_status_t slurp(const char *path, char **out, size_t *len, char *err, size_t errlen) {
  pp_status_t st = PP_OK;
  pp_str_t s = PP_STR_INIT;
  char chunk[16384];
  FILE *f = pp_os_fopen(path, "rb");
  if (!f) {
    pp_set_err(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return PP_EIO;
  }
  size_t n;
  while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
    if (s.len + n > HOSTS_MAX_BYTES) {
      pp_set_err(err, errlen, "cannot read %s: larger than %u bytes", path, HOSTS_MAX_BYTES);
      st = PP_EIO;
      goto done;
    }
    if (!pp_str_append(&s, chunk, n)) {
      st = PP_ENOMEM;
      goto done;
    }
  }
  if (ferror(f)) {
    pp_set_err(err, errlen, "cannot read %s: %s", path, strerror(errno));
    st = PP_EIO;
    goto done;
  }
  *len = s.len;
  *out = pp_str_take(&s);
  if (!*out) st = PP_ENOMEM;
done:
  if (st == PP_ENOMEM) pp_set_err(err, errlen, "out of memory");
  pp_str_free(&s);
  fclose(f);
  return st;
}

pp_status_t pp_dns_hosts_load(pp_dns_table_t *t, const char *path, char *err, size_t errlen) {
  char *data = NULL;
  size_t len = 0;
  pp_status_t st = slurp(path, &data, &len, err, errlen);
  if (st == PP_OK) st = pp_dns_hosts_parse(t, data, len, path, err, errlen);
  free(data);
  return st;
}
