/* SPDX-License-Identifier: MIT */
/*
 * TZif files (RFC 8536) and the POSIX TZ rule of their footer, for the
 * Windows build's --tz (util/tzif.h; the zone folder and the seam are
 * src/os/win/tz.c). Reads through the bounded cursor (util/buf.c); keeps
 * transitions and time types only (leap seconds, the std/ut indicators and
 * abbreviations are not needed for offsets). Unit-tested against glibc's
 * localtime on the same files (tests/unit/test_tzif.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/str.h"
#include "util/tzif.h"

/*
 * The footer (RFC 8536 §3.3, POSIX TZ with the RFC's extensions):
 *   STD OFFSET [DST [OFFSET] [,START[/TIME],END[/TIME]]]
 * names alphabetic or <quoted>; OFFSET [+-]hh[:mm[:ss]] west-positive (so
 * negated here); DST's offset defaults to one hour more than STD's; dates
 * Jn (1..365, no Feb 29), n (0..365) or Mm.w.d; TIME -167..167 hours,
 * default 02:00. Without a rule DST never applies. A year's switches are
 * computed in local time (START in standard time, END in daylight time).
 */
#define MAX_TRANS 4096
#define MAX_TYPES 256

typedef struct rule_date {
  char kind; /* 'J', 'n', 'M' */
  int m, w, d, n;
  long time;
} rule_date_t;

typedef struct rule {
  bool valid, has_dst;
  long std_off, dst_off; /* east positive */
  rule_date_t start, end;
} rule_t;

struct pp_tzif {
  int64_t *trans;
  uint8_t *idx;
  size_t ntrans;
  long off[MAX_TYPES];
  bool dst[MAX_TYPES];
  size_t ntypes;
  rule_t rule;
};

static bool be64(pp_buf_t *b, int64_t *v) {
  uint32_t hi, lo;
  if (!pp_buf_fetch_be32(b, &hi) || !pp_buf_fetch_be32(b, &lo)) return false;
  *v = (int64_t)(((uint64_t)hi << 32) | lo);
  return true;
}

static bool skip(pp_buf_t *b, size_t n) {
  if (pp_buf_remaining(b) < n) return false;
  b->pos += n;
  return true;
}

typedef struct counts {
  uint32_t isut, isstd, leap, time, type, chr;
} counts_t;

static bool header(pp_buf_t *b, int *version, counts_t *c) {
  char magic[4];
  uint8_t ver, pad[15];
  if (!pp_buf_fetch_bytes(b, magic, 4) || memcmp(magic, "TZif", 4) || !pp_buf_fetch_bytes(b, &ver, 1) ||
      !pp_buf_fetch_bytes(b, pad, 15))
    return false;
  *version = ver ? ver - '0' : 1;
  return pp_buf_fetch_be32(b, &c->isut) && pp_buf_fetch_be32(b, &c->isstd) && pp_buf_fetch_be32(b, &c->leap) &&
         pp_buf_fetch_be32(b, &c->time) && pp_buf_fetch_be32(b, &c->type) && pp_buf_fetch_be32(b, &c->chr);
}

/* The data block with 4- or 8-byte times (tsize). */
static const char *data_block(pp_buf_t *b, const counts_t *c, int tsize, pp_tzif_t *z) {
  if (c->time > MAX_TRANS || c->type == 0 || c->type > MAX_TYPES) return "too many transitions or types";
  z->trans = calloc(c->time + 1, sizeof(*z->trans));
  z->idx = calloc(c->time + 1, 1);
  if (!z->trans || !z->idx) return "out of memory";
  for (uint32_t i = 0; i < c->time; i++) {
    uint32_t v32;
    int64_t v = 0;
    if (tsize == 8 ? !be64(b, &v) : !pp_buf_fetch_be32(b, &v32)) return "truncated transition times";
    z->trans[i] = tsize == 8 ? v : (int64_t)(int32_t)v32;
    if (i && z->trans[i] <= z->trans[i - 1]) return "transition times not ascending";
  }
  if (!pp_buf_fetch_bytes(b, z->idx, c->time)) return "truncated transition types";
  for (uint32_t i = 0; i < c->time; i++)
    if (z->idx[i] >= c->type) return "transition type out of range";
  z->ntrans = c->time;
  z->ntypes = c->type;
  for (uint32_t i = 0; i < c->type; i++) {
    uint32_t off;
    uint8_t dst, desig;
    if (!pp_buf_fetch_be32(b, &off) || !pp_buf_fetch_bytes(b, &dst, 1) || !pp_buf_fetch_bytes(b, &desig, 1))
      return "truncated time types";
    z->off[i] = (long)(int32_t)off;
    if (z->off[i] < -89999 || z->off[i] > 93599 || dst > 1) return "time type out of range";
    z->dst[i] = dst;
  }
  size_t rest = (size_t)c->chr + (size_t)c->leap * (tsize + 4) + c->isstd + c->isut;
  return skip(b, rest) ? NULL : "truncated leap second or indicator data";
}

/* ---- the footer's rule ------------------------------------------------------------- */

static bool num(const char **p, int lo, int hi, int *out) {
  int v = 0, k = 0;
  while (**p >= '0' && **p <= '9' && k < 4) v = v * 10 + (*(*p)++ - '0'), k++;
  *out = v;
  return k > 0 && v >= lo && v <= hi;
}

static bool name(const char **p) {
  const char *s = *p;
  if (*s == '<') {
    while (*s && *s != '>') s++;
    if (*s != '>') return false;
    *p = s + 1;
    return true;
  }
  while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')) s++;
  bool ok = s - *p >= 3;
  *p = s;
  return ok;
}

/* [+-]hh[:mm[:ss]] in seconds, hours up to max_h. */
static bool hms(const char **p, int max_h, long *out) {
  int sign = 1, h, m = 0, s = 0;
  if (**p == '+' || **p == '-') sign = *(*p)++ == '-' ? -1 : 1;
  if (!num(p, 0, max_h, &h)) return false;
  if (**p == ':' && (++*p, !num(p, 0, 59, &m))) return false;
  if (**p == ':' && (++*p, !num(p, 0, 59, &s))) return false;
  *out = sign * ((long)h * 3600 + m * 60 + s);
  return true;
}

static bool date(const char **p, rule_date_t *d) {
  d->time = 7200;
  if (**p == 'M') {
    d->kind = 'M', ++*p;
    if (!num(p, 1, 12, &d->m) || *(*p)++ != '.' || !num(p, 1, 5, &d->w) || *(*p)++ != '.' || !num(p, 0, 6, &d->d))
      return false;
  } else if (**p == 'J') {
    d->kind = 'J', ++*p;
    if (!num(p, 1, 365, &d->n)) return false;
  } else {
    d->kind = 'n';
    if (!num(p, 0, 365, &d->n)) return false;
  }
  return **p != '/' || (++*p, hms(p, 167, &d->time));
}

static bool parse_rule(const char *s, rule_t *r) {
  const char *p = s;
  long off;
  if (!name(&p) || !hms(&p, 24, &off)) return false;
  r->std_off = -off;
  r->dst_off = r->std_off + 3600;
  if (*p) {
    if (!name(&p)) return false;
    if (*p && *p != ',') {
      if (!hms(&p, 24, &off)) return false;
      r->dst_off = -off;
    }
    if (*p != ',') return false; /* DST without a rule: RFC 8536 requires one */
    ++p;
    if (!date(&p, &r->start) || *p++ != ',' || !date(&p, &r->end) || *p) return false;
    r->has_dst = true;
  }
  return r->valid = true;
}

static const char *footer(pp_buf_t *b, pp_tzif_t *z) {
  const char *line;
  size_t len;
  if (pp_buf_get(b) != '\n' || !pp_buf_fetch_line(b, &line, &len)) return "footer missing";
  if (len == 0) return NULL; /* no rule: the last transition's type stays */
  char rule[128];
  if (len >= sizeof(rule)) return "footer rule too long";
  memcpy(rule, line, len);
  rule[len] = '\0';
  return parse_rule(rule, &z->rule) ? NULL : "footer rule not understood";
}

pp_tzif_t *pp_tzif_parse(const uint8_t *p, size_t n, char *err, size_t errlen) {
  pp_buf_t b;
  counts_t c;
  int version = 0;
  const char *why = NULL;
  pp_tzif_t *z = calloc(1, sizeof(*z));
  if (!z) return pp_set_err(err, errlen, "out of memory"), NULL;
  pp_buf_init(&b, p, n > PP_TZIF_MAX_BYTES ? 0 : n);
  if (!header(&b, &version, &c)) why = "not a TZif file";
  else if (version >= 2) { /* skip the 32-bit block, read the 64-bit one */
    size_t v1 = (size_t)c.time * 5 + (size_t)c.type * 6 + c.chr + (size_t)c.leap * 8 + c.isstd + c.isut;
    if (!skip(&b, v1) || !header(&b, &version, &c)) why = "truncated version 1 data";
    else if (!(why = data_block(&b, &c, 8, z))) why = footer(&b, z);
  } else why = data_block(&b, &c, 4, z);
  if (why) {
    pp_set_err(err, errlen, "%s (at byte %zu)", why, b.pos);
    pp_tzif_free(z);
    return NULL;
  }
  return z;
}

void pp_tzif_free(pp_tzif_t *z) {
  if (!z) return;
  free(z->trans);
  free(z->idx);
  free(z);
}

/* ---- offsets ------------------------------------------------------------------------ */

static int64_t days_from_civil(int64_t y, int m, int d) { /* proleptic Gregorian, 1970-01-01 = 0 */
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* Seconds from the start of year y (local) to the switch d, in local time. */
static int64_t switch_at(int64_t y, const rule_date_t *d) {
  int64_t day;
  if (d->kind == 'J') day = d->n - 1 + (leap(y) && d->n >= 60);
  else if (d->kind == 'n') day = d->n;
  else {
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int64_t first = days_from_civil(y, d->m, 1);
    int wday = (int)((first + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
    int mday = 1 + (d->d - wday + 7) % 7 + (d->w - 1) * 7;
    int len = mdays[d->m - 1] + (d->m == 2 && leap(y));
    while (mday > len) mday -= 7;
    day = first + mday - 1 - days_from_civil(y, 1, 1);
  }
  return day * 86400 + d->time;
}

static int64_t year_of(int64_t t) {
  int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  int64_t y = 1970 + days * 400 / 146097; /* within a year of the answer */
  while (days_from_civil(y + 1, 1, 1) <= days) y++;
  while (days_from_civil(y, 1, 1) > days) y--;
  return y;
}

static long rule_offset(const rule_t *r, int64_t t, bool *isdst) {
  *isdst = false;
  if (!r->has_dst) return r->std_off;
  int64_t y = year_of(t + r->std_off), y0 = days_from_civil(y, 1, 1) * 86400;
  int64_t start = y0 + switch_at(y, &r->start) - r->std_off; /* UTC */
  int64_t end = y0 + switch_at(y, &r->end) - r->dst_off;
  *isdst = start < end ? t >= start && t < end : !(t >= end && t < start);
  return *isdst ? r->dst_off : r->std_off;
}

long pp_tzif_offset(const pp_tzif_t *z, int64_t t, bool *isdst) {
  bool dst = false;
  long off;
  if (z->ntrans == 0 || t < z->trans[0]) {
    off = z->ntrans == 0 && z->rule.valid ? rule_offset(&z->rule, t, &dst) : z->off[0];
    dst = z->ntrans == 0 && z->rule.valid ? dst : z->dst[0];
  } else if (t >= z->trans[z->ntrans - 1] && z->rule.valid) {
    off = rule_offset(&z->rule, t, &dst);
  } else {
    size_t lo = 0, hi = z->ntrans; /* the last transition <= t */
    while (hi - lo > 1) {
      size_t mid = lo + (hi - lo) / 2;
      if (z->trans[mid] <= t) lo = mid;
      else hi = mid;
    }
    off = z->off[z->idx[lo]];
    dst = z->dst[z->idx[lo]];
  }
  if (isdst) *isdst = dst;
  return off;
}

int64_t pp_tzif_from_local(const pp_tzif_t *z, int64_t local) {
  long before = pp_tzif_offset(z, local - 86400, NULL), after = pp_tzif_offset(z, local + 86400, NULL);
  int64_t a = local - before, b = local - after;
  bool a_ok = pp_tzif_offset(z, a, NULL) == before, b_ok = pp_tzif_offset(z, b, NULL) == after;
  if (a_ok && b_ok && a != b) { /* an overlap: glibc's first guess, the offset at local read as UTC */
    int64_t g = local - pp_tzif_offset(z, local, NULL);
    return g == a || g == b ? g : a < b ? a : b;
  }
  if (a_ok && b_ok) return a;
  if (a_ok) return a;
  if (b_ok) return b;
  return a; /* a gap: the offset before it, which lands after it */
}
