/* SPDX-License-Identifier: MIT */
/*
 * DHCP lease files as the second DHCP source (docs/wpad-discovery.md §2.5):
 * ISC dhclient (also NetworkManager's dhclient backend), systemd-networkd
 * and NetworkManager's internal client. Parsing and finding the files for
 * an interface; the driver (discover.c) turns them into trace lines.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "wpad/wpad_int.h"

/*
 * Formats:
 *   dhclient: `lease { ... }` blocks, newest last. Option 252 appears as
 *     `option wpad "http://...";` when dhclient.conf declares it (`option
 *     wpad code 252 = text;`), as `option unknown-252 ...;` otherwise; a
 *     value is a quoted string (\" \\ \ooo escapes) or colon-separated hex.
 *   systemd-networkd (/run/systemd/netif/leases/<ifindex>): KEY=VALUE lines;
 *     private options are kept as OPTION_252=<hex>; SERVER_ADDRESS=.
 *   NetworkManager internal client (/var/lib/NetworkManager/internal-*.lease):
 *     only ADDRESS= ("private data"); option 252 lives in NM's memory only
 *     (nmcli -f DHCP4 device show IF), so such a file never has it.
 */

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = tolower(c);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "68:74:74" or "687474" into v. false when not hex or too long. */
static bool parse_hex(const char *s, size_t n, uint8_t *v, size_t cap, size_t *len) {
  size_t i = 0;
  *len = 0;
  while (i < n) {
    if (s[i] == ':') {
      i++;
      continue;
    }
    int hi = hexval((unsigned char)s[i]);
    int lo = i + 1 < n ? hexval((unsigned char)s[i + 1]) : -1;
    if (hi < 0 || lo < 0 || *len >= cap) return false;
    v[(*len)++] = (uint8_t)(hi * 16 + lo);
    i += 2;
  }
  return true;
}

static bool isodigit3(const char *s) {
  for (int k = 0; k < 3; k++)
    if (s[k] < '0' || s[k] > '7') return false;
  return true;
}

/* A dhclient quoted string starting after the opening quote. */
static bool parse_quoted(const char *s, size_t n, uint8_t *v, size_t cap, size_t *len) {
  *len = 0;
  for (size_t i = 0; i < n; i++) {
    int c = (unsigned char)s[i];
    if (c == '"') return true;
    if (c == '\\' && i + 1 < n) {
      c = (unsigned char)s[++i];
      if (i + 2 < n && isodigit3(s + i)) {
        c = (s[i] - '0') * 64 + (s[i + 1] - '0') * 8 + (s[i + 2] - '0');
        i += 2;
      }
    }
    if (*len >= cap) return false;
    v[(*len)++] = (uint8_t)c;
  }
  return false; /* no closing quote */
}

/* One `option NAME VALUE;` line inside a lease block. */
static bool dhclient_option(const char *line, size_t n, pp_lease_t *out) {
  pp_buf_t b;
  const char *tok;
  pp_buf_init(&b, line, n);
  pp_buf_skip_blanks(&b);
  if (!pp_buf_match(&b, "option ")) return true;
  pp_buf_skip_blanks(&b);
  size_t tl = pp_buf_fetch_token(&b, &tok);
  pp_buf_skip_blanks(&b);
  const char *val = line + b.pos;
  size_t vl = n - b.pos;
  while (vl > 0 && (val[vl - 1] == ';' || val[vl - 1] == ' ' || val[vl - 1] == '\t')) vl--;
  if (tl == 22 && !strncmp(tok, "dhcp-server-identifier", 22)) {
    free(out->server_id);
    out->server_id = pp_strndup(val, vl);
    return out->server_id != NULL;
  }
  bool wpad = (tl == 4 && !strncmp(tok, "wpad", 4)) || (tl == 11 && !strncmp(tok, "unknown-252", 11)) ||
              (tl == 8 && !strncmp(tok, "code-252", 8));
  if (!wpad) return true;
  bool ok = vl > 0 && val[0] == '"'
                ? parse_quoted(val + 1, vl - 1, out->v252, sizeof(out->v252), &out->v252_len)
                : parse_hex(val, vl, out->v252, sizeof(out->v252), &out->v252_len);
  out->has_252 = ok;
  return ok;
}

static pp_status_t parse_dhclient(pp_buf_t *b, const char *name, pp_lease_t *out, char *err,
                                  size_t errlen) {
  const char *line;
  size_t n, lineno = 0;
  bool in_lease = false;
  while (pp_buf_fetch_line(b, &line, &n)) {
    lineno++;
    pp_buf_t l;
    pp_buf_init(&l, line, n);
    pp_buf_skip_blanks(&l);
    if (pp_buf_match(&l, "lease {") || pp_buf_match(&l, "lease{")) {
      pp_wpad_lease_clear(out); /* the newest block wins */
      out->kind = "dhclient";
      in_lease = true;
    } else if (in_lease && pp_buf_match(&l, "}")) {
      in_lease = false;
    } else if (in_lease && pp_buf_match(&l, "interface \"")) {
      const char *q = memchr(line + l.pos, '"', n - l.pos);
      free(out->interface);
      out->interface = q ? pp_strndup(line + l.pos, (size_t)(q - line - l.pos)) : NULL;
    } else if (in_lease && !dhclient_option(line, n, out)) {
      pp_set_err(err, errlen, "%s:%zu: option 252 value is not a quoted string or hex", name, lineno);
      return PP_EINVAL;
    }
  }
  return PP_OK;
}

static pp_status_t parse_keyvalue(pp_buf_t *b, const char *name, pp_lease_t *out, char *err,
                                  size_t errlen) {
  const char *line;
  size_t n, lineno = 0;
  bool networkd = false;
  while (pp_buf_fetch_line(b, &line, &n)) {
    lineno++;
    if (n == 0 || line[0] == '#') continue;
    const char *eq = memchr(line, '=', n);
    if (!eq) {
      pp_set_err(err, errlen, "%s:%zu: not a lease file line (KEY=VALUE or lease { ... })", name, lineno);
      return PP_EINVAL;
    }
    size_t kl = (size_t)(eq - line), vl = n - kl - 1;
    if (kl != 7 || strncmp(line, "ADDRESS", 7)) networkd = true;
    if (kl == 10 && !strncmp(line, "OPTION_252", 10)) {
      if (!parse_hex(eq + 1, vl, out->v252, sizeof(out->v252), &out->v252_len)) {
        pp_set_err(err, errlen, "%s:%zu: OPTION_252 is not hex", name, lineno);
        return PP_EINVAL;
      }
      out->has_252 = true;
    } else if (kl == 14 && !strncmp(line, "SERVER_ADDRESS", 14)) {
      free(out->server_id);
      if (!(out->server_id = pp_strndup(eq + 1, vl))) return PP_ENOMEM;
    }
  }
  out->kind = networkd ? "systemd-networkd" : "NetworkManager";
  return PP_OK;
}

pp_status_t pp_wpad_lease_parse(const char *text, size_t len, const char *name, pp_lease_t *out,
                                char *err, size_t errlen) {
  memset(out, 0, sizeof(*out));
  pp_buf_t b;
  pp_buf_init(&b, text, len);
  bool dhclient = false;
  const char *line;
  size_t n;
  while (!dhclient && pp_buf_fetch_line(&b, &line, &n)) {
    pp_buf_t l;
    pp_buf_init(&l, line, n);
    pp_buf_skip_blanks(&l);
    dhclient = pp_buf_match(&l, "lease");
  }
  pp_buf_init(&b, text, len);
  pp_status_t st = dhclient ? parse_dhclient(&b, name, out, err, errlen)
                            : parse_keyvalue(&b, name, out, err, errlen);
  if (st == PP_OK && !out->kind) {
    pp_set_err(err, errlen, "%s: no lease block", name);
    st = PP_EINVAL;
  }
  if (st != PP_OK) pp_wpad_lease_clear(out);
  return st;
}

void pp_wpad_lease_clear(pp_lease_t *l) {
  free(l->interface);
  free(l->server_id);
  memset(l, 0, sizeof(*l));
}

/* Appends dir/NAME for every entry whose name matches want(). */
static bool scan_dir(const char *dir, const char *ifname, bool (*want)(const char *, const char *),
                     char ***paths, size_t *n) {
  DIR *d = opendir(dir);
  if (!d) return true; /* not this client */
  bool ok = true;
  struct dirent *e;
  while (ok && (e = readdir(d)) != NULL) {
    if (!want(e->d_name, ifname)) continue;
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    ok = pp_strlist_push(paths, n, path);
  }
  closedir(d);
  return ok;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !strcmp(s + a - b, suffix);
}

/* dhclient.IF.leases, dhclient-UUID-IF.lease(s), internal-UUID-IF.lease */
static bool want_named(const char *file, const char *ifname) {
  char a[96], b[96], c[96];
  snprintf(a, sizeof(a), ".%s.leases", ifname);
  snprintf(b, sizeof(b), "-%s.lease", ifname);
  snprintf(c, sizeof(c), "-%s.leases", ifname);
  return ends_with(file, a) || ends_with(file, b) || ends_with(file, c);
}

static bool want_index(const char *file, const char *index) { return !strcmp(file, index); }

bool pp_wpad_lease_find(const char *ifname, unsigned ifindex, char ***paths, size_t *n) {
  char idx[16];
  snprintf(idx, sizeof(idx), "%u", ifindex);
  return scan_dir("/var/lib/dhcp", ifname, want_named, paths, n) &&
         scan_dir("/var/lib/dhclient", ifname, want_named, paths, n) &&
         scan_dir("/var/lib/NetworkManager", ifname, want_named, paths, n) &&
         scan_dir("/run/systemd/netif/leases", idx, want_index, paths, n);
}
