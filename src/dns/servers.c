/* SPDX-License-Identifier: MIT */
/*
 * --dns-server values (DESIGN §1.1): "ADDR", "ADDR:PORT", "[V6]" and
 * "[V6]:PORT"; a bare IPv6 address (more than one ':') takes no port, as in
 * resolv.conf. Parsed here into c-ares' server node so that resolver.c can
 * hand the list to ares_set_servers_ports() on every channel it creates.
 */
#include "os/os.h"
#include "dns/dns_int.h"

#include <string.h>

#include "util/str.h"

/* Decimal port 1..65535 from exactly len bytes. */
static bool parse_port(const char *p, size_t len, unsigned short *port) {
  unsigned long v = 0;
  if (!len || len > 5) return false;
  for (size_t i = 0; i < len; i++) {
    if (p[i] < '0' || p[i] > '9') return false;
    v = v * 10 + (unsigned long)(p[i] - '0');
  }
  if (v == 0 || v > 65535) return false;
  *port = (unsigned short)v;
  return true;
}

static bool set_addr(const char *p, size_t len, struct ares_addr_port_node *node) {
  char tmp[INET6_ADDRSTRLEN];
  if (len == 0 || len >= sizeof(tmp)) return false;
  memcpy(tmp, p, len);
  tmp[len] = '\0';
  if (inet_pton(AF_INET, tmp, &node->addr.addr4) == 1) {
    node->family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, tmp, &node->addr.addr6) == 1) {
    node->family = AF_INET6;
    return true;
  }
  return false;
}

/* Splits text into address and optional port text. */
static bool split(const char *text, size_t len, const char **a, size_t *alen, const char **p,
                  size_t *plen) {
  const char *last = memchr(text, ':', len) ? strrchr(text, ':') : NULL;
  *p = NULL;
  *plen = 0;
  if (len && text[0] == '[') {
    const char *close = memchr(text, ']', len);
    if (!close) return false;
    *a = text + 1;
    *alen = (size_t)(close - text - 1);
    size_t rest = len - (size_t)(close - text) - 1;
    if (!rest) return true;
    if (close[1] != ':') return false;
    *p = close + 2;
    *plen = rest - 1;
    return *plen > 0;
  }
  *a = text;
  *alen = len;
  if (last && memchr(text, ':', (size_t)(last - text)) == NULL) { /* exactly one ':' */
    *alen = (size_t)(last - text);
    *p = last + 1;
    *plen = len - *alen - 1;
    return *plen > 0;
  }
  return true;
}

pp_status_t pp_dns_server_parse(const char *text, struct ares_addr_port_node *node, char *err,
                                size_t errlen) {
  const char *a, *p;
  size_t alen, plen;
  unsigned short port = 0;
  memset(node, 0, sizeof(*node));
  size_t len = strlen(text);
  if (!split(text, len, &a, &alen, &p, &plen) || !set_addr(a, alen, node)) {
    pp_set_err(err, errlen, "expected ADDR, ADDR:PORT or [IPV6]:PORT with a numeric address");
    return PP_EINVAL;
  }
  if (p && !parse_port(p, plen, &port)) {
    pp_set_err(err, errlen, "port must be 1-65535");
    return PP_EINVAL;
  }
  if (text[0] == '[' && node->family != AF_INET6) {
    pp_set_err(err, errlen, "brackets are for IPv6 addresses");
    return PP_EINVAL;
  }
  node->udp_port = port;
  node->tcp_port = port;
  node->next = NULL;
  return PP_OK;
}
