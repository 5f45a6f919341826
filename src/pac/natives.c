/* SPDX-License-Identifier: MIT */
/*
 * The PAC functions Chromium implements natively, and the ones every client
 * needs from the host (DNS, the local address, alert), with the argument and
 * failure rules of each emulation profile (pac-semantics.md §2.1, §2.3, §2.4,
 * §3). Everything expressible in JavaScript lives in pacscripts/runtime.
 */
#include "os/os.h"
#include "pac/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/host.h"
#include "pac/ipext.h"

static pp_engine_t *engine_of(duk_context *ctx) { return pp_heap_ctx(ctx)->owner; }

static pp_emulation_t mode_of(duk_context *ctx) { return engine_of(ctx)->opts.emulate; }

static bool has_non_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s >= 0x80) return true;
  return false;
}

/*
 * Memory and throwing: any Duktape call (a push, duk_error, the trace's
 * call-stack probe) may throw when the memory limit or the deadline refuses
 * an allocation, and the throw unwinds past the native without running its
 * cleanup. So a native never keeps C memory on its own stack across such a
 * call: the answer, the ASCII name and any string it pushes are held on
 * the engine (held_*), released once the value is pushed, and otherwise
 * freed by the next native or evaluation (tests/hostile/dns-flood, the
 * dnsResolveEx leak of issue 10).
 */
static void release_held(pp_engine_t *e) {
  pp_dns_answer_clear(&e->held_ans);
  free(e->held_host);
  free(e->held_str);
  e->held_host = e->held_str = NULL;
}

void pp_natives_reset(pp_engine_t *e) {
  pp_strlist_free(e->dns_seen, e->ndns_seen);
  e->dns_seen = NULL;
  e->ndns_seen = 0;
  e->dns_wait[0] = '\0';
  e->unsup[0] = '\0';
  release_held(e);
}

/* Chromium answers at most PP_MAX_DNS_PER_EXEC distinct lookups per
 * FindProxyForURL run and fails the rest (proxy_resolver_v8_tracing.cc);
 * other clients have no such cap. */
static bool within_dns_budget(pp_engine_t *e, const char *host, pp_dns_family_t fam) {
  if (e->opts.emulate != PP_EMU_CHROME) return true;
  char key[300];
  snprintf(key, sizeof(key), "%d/%s", (int)fam, host);
  for (size_t i = 0; i < e->ndns_seen; i++)
    if (strcmp(e->dns_seen[i], key) == 0) return true;
  if (e->ndns_seen >= PP_MAX_DNS_PER_EXEC) return false;
  return pp_strlist_push(&e->dns_seen, &e->ndns_seen, key);
}

/* Makes room for one more problem: the array grows 4, 8, ... 64 entries.
 * false when full or out of memory. */
static bool problems_room(pp_eval_t *ev) {
  size_t n = ev->ndns_problems;
  if (n >= PP_DNS_PROBLEMS_MAX) return false;
  if (n && (n < 4 || (n & (n - 1)))) return true; /* not at a power of two: room left */
  pp_dns_problem_t *p = realloc(ev->dns_problems, (n ? n * 2 : 4) * sizeof(*p));
  if (!p) return false;
  ev->dns_problems = p;
  return true;
}

/* Records a lookup that failed for a reason worth telling (not "does not
 * exist") on the evaluation: each name once, at most PP_DNS_PROBLEMS_MAX,
 * so a PAC looping over dnsResolve cannot grow it. Nothing is allocated
 * until the first problem. */
static void note_problem(pp_engine_t *e, const char *name, pp_dns_failure_t why) {
  pp_eval_t *ev = e->cur;
  if (!ev || why == PP_DNS_FAIL_NONE || why == PP_DNS_FAIL_NOT_FOUND) return;
  for (size_t i = 0; i < ev->ndns_problems; i++)
    if (strcmp(ev->dns_problems[i].name, name) == 0) return;
  char *copy = problems_room(ev) ? strdup(name) : NULL;
  if (!copy) {
    ev->dns_problems_unlisted++;
    return;
  }
  ev->dns_problems[ev->ndns_problems++] = (pp_dns_problem_t){copy, why};
}

/* The evaluation's deadline on the resolver's clock (both CLOCK_MONOTONIC);
 * 0 when none is armed. */
static double deadline_ms(const pp_engine_t *e) {
  return e->hc.deadline_ns ? (double)e->hc.deadline_ns / 1e6 : 0;
}

/* Resolves the string at stack index 0 into e->held_ans (*ans points at
 * it). Non-ASCII names are looked up as punycode, as Chromium does before
 * handing them to the resolver. A wait the evaluation's deadline cut ends
 * the evaluation as a timeout (it throws) naming the name. */
static pp_status_t resolve_arg(duk_context *ctx, pp_dns_family_t fam, const pp_dns_answer_t **ans) {
  pp_engine_t *e = engine_of(ctx);
  release_held(e);
  *ans = &e->held_ans;
  e->held_ans.failure = PP_DNS_FAIL_NOT_FOUND;
  const char *host = duk_get_string(ctx, 0);
  if (!host || !*host || !e->opts.resolver) return PP_ENOTFOUND;
  e->held_host = has_non_ascii(host) ? pp_idn_to_ascii(host) : strdup(host);
  if (!e->held_host) return PP_ENOTFOUND;
  pp_status_t st = PP_ENOTFOUND;
  if (within_dns_budget(e, e->held_host, fam)) {
    st = pp_resolver_lookup_until(e->opts.resolver, e->held_host, fam, deadline_ms(e), &e->held_ans);
  } else {
    e->held_ans.source = PP_DNS_SRC_CAPPED; /* named in the trace and in eval */
    e->held_ans.failure = PP_DNS_FAIL_CAPPED;
  }
  note_problem(e, e->held_host, e->held_ans.failure);
  bool cut = e->held_ans.failure == PP_DNS_FAIL_DEADLINE;
  if (cut) { /* set before the trace, whose call-stack probe may throw */
    snprintf(e->dns_wait, sizeof(e->dns_wait), "%s", e->held_host);
    e->hc.timed_out = true;
  }
  pp_trace_dns(e, e->held_host, &e->held_ans);
  if (cut) (void)duk_error(ctx, DUK_ERR_RANGE_ERROR, "execution timeout (waiting for DNS)");
  return st;
}

/* "a;b;c" on the engine (held_str); NULL on ENOMEM. */
static const char *join_held(pp_engine_t *e, char **list, size_t n) {
  pp_str_t s = PP_STR_INIT;
  for (size_t i = 0; i < n; i++) {
    if (i) pp_str_putc(&s, ';');
    pp_str_puts(&s, list[i]);
  }
  free(e->held_str);
  e->held_str = pp_str_take(&s);
  return e->held_str;
}

static duk_ret_t n_dns_resolve(duk_context *ctx) {
  pp_emulation_t mode = mode_of(ctx);
  if (mode == PP_EMU_FIREFOX && duk_get_top(ctx) == 0)
    return duk_error(ctx, DUK_ERR_TYPE_ERROR, "dnsResolve requires an argument");
  if (duk_get_top(ctx) == 0 || !duk_is_string(ctx, 0)) {
    duk_push_null(ctx);
    return 1;
  }
  /* IPv4 only except where the client asks for any family (§2.3). */
  pp_dns_family_t fam = (mode == PP_EMU_FIREFOX || mode == PP_EMU_LIBPROXY) ? PP_DNS_ANY : PP_DNS_IPV4;
  const pp_dns_answer_t *ans;
  if (resolve_arg(ctx, fam, &ans) == PP_OK && ans->naddrs > 0) duk_push_string(ctx, ans->addrs[0]);
  else if (mode == PP_EMU_LIBPROXY) duk_push_undefined(ctx);
  else duk_push_null(ctx);
  release_held(engine_of(ctx));
  return 1;
}

/* Chromium sorts a lookup's answers when at least one is IPv6 (RFC 6724,
 * net/dns/address_sorter_posix.cc; HostResolver's DNS task sorts only
 * then), dropping those it has no route to; src/dns/sort.c. --my-ip, when
 * given, stands for the machine's addresses. Issue 16 item 6. */
static void sort_like_chromium(pp_engine_t *e) {
  pp_dns_answer_t *a = &e->held_ans;
  bool v6 = false;
  for (size_t i = 0; i < a->naddrs && !v6; i++) v6 = strchr(a->addrs[i], ':') != NULL;
  if (v6) a->naddrs = pp_dns_sort_destinations(a->addrs, a->naddrs, e->opts.my_ips, e->opts.nmy_ips);
}

static duk_ret_t n_dns_resolve_ex(duk_context *ctx) {
  if (duk_get_top(ctx) == 0 || !duk_is_string(ctx, 0)) {
    duk_push_undefined(ctx);
    return 1;
  }
  pp_engine_t *e = engine_of(ctx);
  const pp_dns_answer_t *ans;
  const char *joined = "";
  pp_status_t st = resolve_arg(ctx, PP_DNS_ANY, &ans);
  if (st == PP_OK && mode_of(ctx) == PP_EMU_CHROME) sort_like_chromium(e);
  if (st == PP_OK && !(joined = join_held(e, ans->addrs, ans->naddrs)))
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  duk_push_string(ctx, joined);
  release_held(e);
  return 1;
}

/* pacparser answers myIpAddress() from gethostname() -> getaddrinfo(AF_INET)
 * on every call, "127.0.0.1" when that fails (pac-semantics.md §2.3). */
static char *pacparser_my_ip(void) {
  char name[256];
  if (gethostname(name, sizeof(name)) != 0) return strdup("127.0.0.1");
  name[sizeof(name) - 1] = '\0';
  struct addrinfo hints = {.ai_family = AF_INET}, *res = NULL;
  char buf[64] = "127.0.0.1";
  if (getaddrinfo(name, NULL, &hints, &res) == 0 && res)
    getnameinfo(res->ai_addr, res->ai_addrlen, buf, sizeof(buf), NULL, 0, NI_NUMERICHOST);
  if (res) freeaddrinfo(res);
  return strdup(buf);
}

/* The probe's answer does not depend on the request, so it is computed once
 * per engine (Chromium caches it the same way). */
static const char *cached_my_ip(pp_engine_t *e, bool all) {
  char **slot = all ? &e->myip_ex : &e->myip;
  if (*slot) return *slot;
  if (e->opts.nmy_ips > 0) {
    pp_str_t s = PP_STR_INIT;
    for (size_t i = 0; i < (all ? e->opts.nmy_ips : 1); i++) {
      if (i) pp_str_putc(&s, ';');
      pp_str_puts(&s, e->opts.my_ips[i]);
    }
    *slot = pp_str_take(&s);
  } else if (!all && e->opts.emulate == PP_EMU_PACPARSER) {
    return (*slot = pacparser_my_ip());
  } else {
    char **list = NULL;
    size_t n = 0;
    if (pp_myip_probe(all, &list, &n) == PP_OK) {
      pp_str_t s = PP_STR_INIT;
      for (size_t i = 0; i < n; i++) {
        if (i) pp_str_putc(&s, ';');
        pp_str_puts(&s, list[i]);
      }
      *slot = pp_str_take(&s);
      pp_strlist_free(list, n);
    }
    if (*slot && !**slot && !all) {
      free(*slot);
      *slot = strdup("127.0.0.1");
    }
  }
  return *slot;
}

static duk_ret_t n_my_ip(duk_context *ctx) {
  const char *ip = cached_my_ip(engine_of(ctx), false);
  duk_push_string(ctx, ip ? ip : "127.0.0.1");
  return 1;
}

static duk_ret_t n_my_ip_ex(duk_context *ctx) {
  const char *ip = cached_my_ip(engine_of(ctx), true);
  duk_push_string(ctx, ip ? ip : "");
  return 1;
}

static duk_ret_t n_sort_ip_list(duk_context *ctx) {
  const char *list = duk_get_top(ctx) > 0 ? duk_get_string(ctx, 0) : NULL;
  if (!list || has_non_ascii(list)) {
    duk_push_null(ctx);
    return 1;
  }
  pp_engine_t *e = engine_of(ctx);
  release_held(e);
  /* held on the engine: the push below may throw (see release_held) */
  pp_status_t st = pp_ip_sort_list(list, &e->held_str);
  if (st == PP_OK) duk_push_string(ctx, e->held_str);
  else if (st == PP_ENOMEM) return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  else if (mode_of(ctx) == PP_EMU_WINHTTP) duk_push_string(ctx, ""); /* Microsoft: "" */
  else duk_push_false(ctx);                                            /* Chromium: false */
  release_held(e);
  return 1;
}

/* pacparser's JavaScript isInNetEx reads Microsoft's 2006 abbreviated
 * prefix "3ffe:8311:ffff/48" (groups before the length, no "::") as the
 * zero-padded address (pac-semantics.md §3); strict parsers reject it. */
static bool pad_short_v6_prefix(const char *prefix, char *out, size_t outlen) {
  const char *slash = strchr(prefix, '/');
  if (!slash || !strchr(prefix, ':') || strstr(prefix, "::")) return false;
  int groups = 1;
  for (const char *p = prefix; p < slash; p++) groups += *p == ':';
  if (groups >= 8) return false;
  return (size_t)snprintf(out, outlen, "%.*s::%s", (int)(slash - prefix), prefix, slash) < outlen;
}

static duk_ret_t n_is_in_net_ex(duk_context *ctx) {
  if (duk_get_top(ctx) < 2 || !duk_is_string(ctx, 0) || !duk_is_string(ctx, 1)) {
    duk_push_null(ctx);
    return 1;
  }
  const char *ip = duk_get_string(ctx, 0), *prefix = duk_get_string(ctx, 1);
  char padded[128];
  if (mode_of(ctx) == PP_EMU_PACPARSER && pad_short_v6_prefix(prefix, padded, sizeof(padded)))
    prefix = padded;
  bool in = !has_non_ascii(ip) && !has_non_ascii(prefix) &&
            pp_ip_in_net_ex(ip, prefix, mode_of(ctx) == PP_EMU_WINHTTP);
  duk_push_boolean(ctx, in);
  return 1;
}

/* Chromium's native isPlainHostName (proxy_resolver_v8.cc): a string is
 * required; a dot or an IP literal makes it not plain. */
static duk_ret_t n_is_plain_host_name(duk_context *ctx) {
  if (duk_get_top(ctx) < 1 || !duk_is_string(ctx, 0))
    return duk_error(ctx, DUK_ERR_TYPE_ERROR, "Requires 1 string parameter");
  const char *h = duk_get_string(ctx, 0);
  duk_push_boolean(ctx, !strchr(h, '.') && !pp_host_is_ip_literal(h));
  return 1;
}

static duk_ret_t n_alert(duk_context *ctx) {
  pp_engine_t *e = engine_of(ctx);
  duk_idx_t n = duk_get_top(ctx);
  if (e->opts.emulate == PP_EMU_FIREFOX && n == 0)
    return duk_error(ctx, DUK_ERR_TYPE_ERROR, "alert requires an argument");
  if (e->opts.emulate == PP_EMU_PACPARSER && n > 1) {
    /* pacparser >= 1.5.1 joins every argument with spaces. */
    for (duk_idx_t i = 0; i < n; i++) duk_to_string(ctx, i);
    duk_push_string(ctx, " ");
    duk_insert(ctx, 0);
    duk_join(ctx, n);
  } else if (n == 0) {
    duk_push_string(ctx, "undefined");
  } else {
    duk_set_top(ctx, 1);
    duk_to_string(ctx, 0); /* a throwing toString propagates, as in Chromium */
  }
  const char *msg = duk_get_string(ctx, -1);
  if (e->cur && !pp_strlist_push(&e->cur->alerts, &e->cur->nalerts, msg))
    return duk_error(ctx, DUK_ERR_RANGE_ERROR, "out of memory");
  pp_trace_alert(e, ctx, msg);
  if (e->opts.alert) e->opts.alert(e->opts.alert_udata, msg);
  return 0;
}

static void def(duk_context *ctx, const char *name, duk_c_function fn) {
  duk_push_c_function(ctx, fn, DUK_VARARGS);
  duk_push_string(ctx, "name");
  duk_push_string(ctx, name);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_FORCE);
  duk_put_global_string(ctx, name);
}

void pp_natives_install(pp_engine_t *e) {
  duk_context *ctx = e->ctx;
  pp_emulation_t m = e->opts.emulate;
  def(ctx, "alert", n_alert);
  def(ctx, "dnsResolve", n_dns_resolve);
  def(ctx, "myIpAddress", n_my_ip);
  if (m == PP_EMU_CHROME || m == PP_EMU_WINHTTP) {
    def(ctx, "isPlainHostName", n_is_plain_host_name);
    def(ctx, "sortIpAddressList", n_sort_ip_list);
  }
  if (m == PP_EMU_CHROME || m == PP_EMU_WINHTTP || m == PP_EMU_PACPARSER) {
    def(ctx, "dnsResolveEx", n_dns_resolve_ex);
    def(ctx, "myIpAddressEx", n_my_ip_ex);
    def(ctx, "isInNetEx", n_is_in_net_ex);
  }
}
