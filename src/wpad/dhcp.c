/* SPDX-License-Identifier: MIT */
/*
 * DHCP messages for WPAD (docs/wpad-discovery.md §2): building the
 * DHCPINFORM that asks for option 252 and parsing replies. Pure functions
 * over byte arrays, no sockets (those are dhcp_client.c), so every
 * malformed packet can be a unit-test fixture. All reads go through pp_buf.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

/*
 * Parsing rules (RFC 2131 §4.1, RFC 2132 §9.3, RFC 3396):
 *   1. The fixed header is 236 bytes, then the magic cookie 63 82 53 63.
 *      Fewer than 240 bytes, or another cookie: the message is rejected.
 *   2. Options: code 0 is one byte of padding, 255 ends the area; every
 *      other code has a length byte. A length past the end of its area is
 *      an error naming the option and offset (no partial value is used).
 *   3. Option 52 (overload) moves more options into `file` (1), `sname`
 *      (2) or both (3); they are read after the options field, file first.
 *   4. An option that appears more than once is concatenated (RFC 3396).
 *      No browser handles that for 252; we do and count the parts.
 */

static const uint8_t cookie[4] = {99, 130, 83, 99};

/* The options we ask for: netmask, router, DNS, domain name, WPAD. */
static const uint8_t prl[] = {1, 3, 6, 15, 252};

size_t pp_dhcp_build_inform(uint8_t *out, size_t cap, uint32_t xid, const uint8_t mac[6],
                            const uint8_t ciaddr[4]) {
  size_t need = PP_DHCP_HEADER_LEN + 3 + 9 + 2 + sizeof(prl) + 1;
  if (cap < need) return 0;
  memset(out, 0, need);
  out[0] = 1; /* BOOTREQUEST */
  out[1] = 1; /* Ethernet */
  out[2] = 6;
  out[4] = (uint8_t)(xid >> 24);
  out[5] = (uint8_t)(xid >> 16);
  out[6] = (uint8_t)(xid >> 8);
  out[7] = (uint8_t)xid;
  memcpy(out + 12, ciaddr, 4); /* flags stay 0: ciaddr is set, no broadcast bit */
  memcpy(out + 28, mac, 6);
  memcpy(out + 236, cookie, 4);
  size_t i = PP_DHCP_HEADER_LEN;
  out[i++] = 53, out[i++] = 1, out[i++] = PP_DHCP_INFORM;
  out[i++] = 61, out[i++] = 7, out[i++] = 1; /* client id: hardware type + MAC */
  memcpy(out + i, mac, 6);
  i += 6;
  out[i++] = 55, out[i++] = (uint8_t)sizeof(prl);
  memcpy(out + i, prl, sizeof(prl));
  i += sizeof(prl);
  out[i++] = 255;
  return i;
}

static pp_status_t take_option(pp_dhcp_msg_t *m, int code, const uint8_t *v, size_t len,
                               bool top, char *err, size_t errlen) {
  switch (code) {
  case 53:
    if (len < 1) break;
    m->msg_type = v[0];
    break;
  case 54:
    if (len != 4) break;
    memcpy(m->server_id, v, 4);
    m->has_server_id = true;
    break;
  case 52:
    if (top && len == 1 && v[0] >= 1 && v[0] <= 3) m->overload = v[0];
    break;
  case 252:
    if (m->v252_len + len > sizeof(m->v252)) {
      pp_set_err(err, errlen, "option 252: more than %zu bytes after concatenation", sizeof(m->v252));
      return PP_EINVAL;
    }
    memcpy(m->v252 + m->v252_len, v, len);
    m->v252_len += len;
    m->v252_parts++;
    m->has_252 = true;
    break;
  default: break;
  }
  return PP_OK;
}

/* Walks one option area [base, base + len) of p; `where` names it. */
static pp_status_t parse_area(pp_dhcp_msg_t *m, const uint8_t *p, size_t base, size_t len,
                              const char *where, bool top, char *err, size_t errlen) {
  pp_buf_t b;
  pp_buf_init(&b, p + base, len);
  for (;;) {
    size_t at = base + b.pos;
    int code = pp_buf_get(&b);
    if (code < 0 || code == 255) return PP_OK; /* a missing end option is tolerated */
    if (code == 0) continue;
    int olen = pp_buf_get(&b);
    if (olen < 0) {
      pp_set_err(err, errlen, "option %d at offset %zu (%s): no length byte", code, at, where);
      return PP_EINVAL;
    }
    uint8_t v[255];
    if (!pp_buf_fetch_bytes(&b, v, (size_t)olen)) {
      pp_set_err(err, errlen, "option %d at offset %zu (%s): length %d runs past the end (%zu bytes left)",
                 code, at, where, olen, pp_buf_remaining(&b));
      return PP_EINVAL;
    }
    pp_status_t st = take_option(m, code, v, (size_t)olen, top, err, errlen);
    if (st != PP_OK) return st;
  }
}

static void get_bytes(pp_buf_t *b, uint8_t *dst, size_t n) {
  if (!pp_buf_fetch_bytes(b, dst, n)) memset(dst, 0, n);
}

pp_status_t pp_dhcp_parse(const uint8_t *p, size_t n, pp_dhcp_msg_t *m, char *err, size_t errlen) {
  memset(m, 0, sizeof(*m));
  m->msg_type = -1;
  if (n < PP_DHCP_HEADER_LEN) {
    pp_set_err(err, errlen, "truncated header: %zu bytes, a DHCP message has at least %d", n,
               PP_DHCP_HEADER_LEN);
    return PP_EINVAL;
  }
  pp_buf_t b;
  pp_buf_init(&b, p, n);
  m->op = (uint8_t)pp_buf_get(&b);
  b.pos = 4;
  pp_buf_fetch_be32(&b, &m->xid);
  b.pos = 12;
  get_bytes(&b, m->ciaddr, 4);
  get_bytes(&b, m->yiaddr, 4);
  if (memcmp(p + 236, cookie, 4) != 0) {
    pp_set_err(err, errlen, "no DHCP magic cookie at offset 236 (a BOOTP-only reply)");
    return PP_EINVAL;
  }
  pp_status_t st = parse_area(m, p, PP_DHCP_HEADER_LEN, n - PP_DHCP_HEADER_LEN, "options", true,
                              err, errlen);
  if (st == PP_OK && (m->overload & 1))
    st = parse_area(m, p, 108, 128, "file field, overloaded", false, err, errlen);
  if (st == PP_OK && (m->overload & 2))
    st = parse_area(m, p, 44, 64, "sname field, overloaded", false, err, errlen);
  return st;
}

pp_status_t pp_dhcp_clean_252(const uint8_t *v, size_t n, char **url, char *removed,
                              size_t removedlen) {
  size_t len = 0;
  while (len < n && v[len] != 0) len++;
  bool nul = len < n;
  size_t end = len;
  while (end > 0 && (v[end - 1] == ' ' || v[end - 1] == '\t' || v[end - 1] == '\n' ||
                     v[end - 1] == '\r' || v[end - 1] == '\v' || v[end - 1] == '\f'))
    end--;
  bool nl = memchr(v + end, '\n', len - end) != NULL;
  bool other_ws = len > end && !nl;
  pp_set_err(removed, removedlen, "%s%s%s%s", nul ? "trailing NUL" : "",
             nul && (nl || other_ws) ? " and " : "", nl ? "trailing newline" : "",
             other_ws ? "trailing whitespace" : "");
  *url = pp_strndup((const char *)v, end);
  return *url ? PP_OK : PP_ENOMEM;
}

char *pp_dhcp_escape(const uint8_t *v, size_t n) {
  pp_str_t s = PP_STR_INIT;
  pp_str_puts(&s, "");
  for (size_t i = 0; i < n; i++) {
    if (v[i] >= 0x20 && v[i] < 0x7f && v[i] != '\\') pp_str_putc(&s, (char)v[i]);
    else pp_str_printf(&s, "\\x%02x", v[i]);
  }
  return pp_str_take(&s);
}
