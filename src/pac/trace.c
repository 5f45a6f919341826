/* SPDX-License-Identifier: MIT */
/*
 * What an evaluation did, as `explain` and `test --coverage` report it: the
 * natives the instrumented PAC calls (__pp_ret per return statement,
 * __pp_call per helper call when tracing; instrument.c inserts them), the
 * DNS and alert() hooks natives.c calls, and the return-site counters.
 * Nothing here runs, allocates or inspects the call stack for entries when
 * tracing is off, except the per-return hit count and deciding-site test.
 */
#include "pac/trace.h"

#include <stdlib.h>
#include <string.h>

#include "pac/engine_int.h"

/*
 * The deciding return. FindProxyForURL's value is whatever its own return
 * statement returned, so the deciding site is the last __pp_ret that ran
 * with the entry function as its caller (call-stack depth 1). A helper's
 * return inside `return helper(x)` runs earlier and deeper; it is reported
 * as the origin instead: when the previous return event happened one level
 * deeper and returned the identical string, the origin passes up. A
 * try/finally that returns twice decides by the later one, as JavaScript
 * does.
 */

static pp_engine_t *engine_of(duk_context *ctx) { return pp_heap_ctx(ctx)->owner; }

/* Activations below the native that asks: 1 when the caller is the entry
 * function. Probes the call stack; a cap keeps recursion cheap. */
static int caller_depth(duk_context *ctx, bool exact) {
  if (!exact) {
    /* One probe of the caller's caller: absent means depth 1, and an
     * absent entry costs no allocation (the common FindProxyForURL case). */
    duk_inspect_callstack_entry(ctx, -3);
    bool deeper = !duk_is_undefined(ctx, -1);
    duk_pop(ctx);
    return deeper ? 2 : 1;
  }
  int depth = 0;
  for (int lvl = -2; lvl >= -64; lvl--) {
    duk_inspect_callstack_entry(ctx, lvl);
    bool exists = !duk_is_undefined(ctx, -1);
    duk_pop(ctx);
    if (!exists) break;
    depth++;
  }
  return depth;
}

/* Line of the innermost running activation below this native. */
static int caller_line(duk_context *ctx) {
  duk_inspect_callstack_entry(ctx, -2);
  int line = 0;
  if (duk_is_object(ctx, -1)) {
    duk_get_prop_string(ctx, -1, "lineNumber");
    line = duk_get_int_default(ctx, -1, 0);
    duk_pop(ctx);
  }
  duk_pop(ctx);
  return line;
}

static pp_trace_entry_t *add_entry(pp_engine_t *e, pp_trace_kind_t kind) {
  pp_eval_t *ev = e->cur;
  if (ev->ntrace >= PP_TRACE_MAX) {
    ev->trace_truncated = true;
    return NULL;
  }
  pp_trace_entry_t *p = realloc(ev->trace, (ev->ntrace + 1) * sizeof(*p));
  if (!p) return NULL;
  ev->trace = p;
  p += ev->ntrace++;
  memset(p, 0, sizeof(*p));
  p->kind = kind;
  return p;
}

static bool tracing(const pp_engine_t *e) { return e->opts.trace && e->cur; }

static void note_origin(pp_engine_t *e, duk_context *ctx, long site, int depth) {
  pp_trace_rt_t *t = &e->tr;
  const char *v = duk_is_string(ctx, 1) ? duk_get_string(ctx, 1) : NULL;
  long origin = site;
  if (t->last_site >= 0 && t->last_depth == depth + 1 && v && t->last_value &&
      strcmp(v, t->last_value) == 0)
    origin = t->last_origin;
  free(t->last_value);
  t->last_value = v ? strdup(v) : NULL;
  t->last_origin = origin;
  if (depth == 1) t->origin = origin;
}

/* __pp_ret(ID[, VALUE]): counts the site, remembers the deciding one,
 * returns VALUE (undefined for a bare return). */
static duk_ret_t n_ret(duk_context *ctx) {
  pp_engine_t *e = engine_of(ctx);
  duk_uint_t id = duk_get_uint(ctx, 0);
  duk_set_top(ctx, 2);
  if (id >= e->instr.nrets) return 1;
  e->instr.rets[id].hits++;
  if (!e->cur) return 1;
  bool tr = tracing(e);
  int depth = caller_depth(ctx, tr);
  if (depth == 1) e->tr.decided = (long)id;
  if (tr) {
    note_origin(e, ctx, (long)id, depth);
    e->tr.last_site = (long)id;
    e->tr.last_depth = depth;
    pp_trace_entry_t *en = add_entry(e, PP_TRACE_RETURN);
    if (en) {
      en->line = e->instr.rets[id].line;
      en->col = e->instr.rets[id].col;
      en->depth = depth;
    }
  }
  return 1;
}

static void json_string(pp_str_t *s, const char *p, size_t n) {
  pp_str_putc(s, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)p[i];
    if (c == '"' || c == '\\') pp_str_putc(s, '\\'), pp_str_putc(s, (char)c);
    else if (c == '\n') pp_str_puts(s, "\\n");
    else if (c == '\t') pp_str_puts(s, "\\t");
    else if (c < 0x20) pp_str_printf(s, "\\u%04x", c);
    else pp_str_putc(s, (char)c);
  }
  pp_str_putc(s, '"');
}

static duk_ret_t encode_safe(duk_context *ctx, void *udata) {
  (void)udata;
  duk_json_encode(ctx, -1);
  return 1;
}

/* Appends the value at idx as JSON (undefined, functions and values JSON
 * cannot hold become null; a throwing toJSON becomes null too). */
static void json_value(pp_str_t *s, duk_context *ctx, duk_idx_t idx) {
  duk_size_t n = 0;
  if (duk_is_string(ctx, idx)) {
    const char *p = duk_get_lstring(ctx, idx, &n);
    json_string(s, p, n);
    return;
  }
  duk_dup(ctx, idx);
  if (duk_safe_call(ctx, encode_safe, NULL, 1, 1) == 0 && duk_is_string(ctx, -1))
    pp_str_puts(s, duk_get_string(ctx, -1));
  else
    pp_str_puts(s, "null");
  duk_pop(ctx);
}

static char *json_args(duk_context *ctx, duk_idx_t from, duk_idx_t to) {
  pp_str_t s = PP_STR_INIT;
  pp_str_putc(&s, '[');
  for (duk_idx_t i = from; i < to; i++) {
    if (i > from) pp_str_putc(&s, ',');
    json_value(&s, ctx, i);
  }
  pp_str_putc(&s, ']');
  return pp_str_take(&s);
}

/* __pp_call(ID, FN, ARGS...): calls FN(ARGS...) as the PAC wrote it and,
 * at the outermost helper level, records the call with its result. */
static duk_ret_t n_call(duk_context *ctx) {
  pp_engine_t *e = engine_of(ctx);
  duk_idx_t top = duk_get_top(ctx);
  duk_uint_t id = duk_get_uint(ctx, 0);
  long at = -1;
  if (tracing(e) && e->tr.call_depth == 0 && id < e->instr.ncalls) {
    pp_trace_entry_t *en = add_entry(e, PP_TRACE_CALL);
    if (en) {
      en->line = e->instr.calls[id].line;
      en->col = e->instr.calls[id].col;
      en->fn = strdup(e->instr.call_names[id]);
      en->args = json_args(ctx, 2, top);
      at = (long)(en - e->cur->trace);
    }
  }
  if (e->tr.call_depth == 0 && id < e->instr.ncalls) e->tr.call_line = e->instr.calls[id].line;
  duk_dup(ctx, 1);
  duk_push_undefined(ctx);
  for (duk_idx_t i = 2; i < top; i++) duk_dup(ctx, i);
  e->tr.call_depth++;
  int rc = duk_pcall_method(ctx, top - 2);
  e->tr.call_depth--;
  if (rc != 0) return duk_throw(ctx);
  if (at >= 0 && e->cur && (size_t)at < e->cur->ntrace) {
    pp_str_t s = PP_STR_INIT;
    json_value(&s, ctx, -1);
    e->cur->trace[at].result = pp_str_take(&s);
  }
  return 1;
}

static void def_hidden(duk_context *ctx, const char *name, duk_c_function fn) {
  duk_push_global_object(ctx);
  duk_push_string(ctx, name);
  duk_push_c_function(ctx, fn, DUK_VARARGS);
  duk_def_prop(ctx, -3, DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_ENUMERABLE |
                            DUK_DEFPROP_CLEAR_WRITABLE | DUK_DEFPROP_CLEAR_CONFIGURABLE);
  duk_pop(ctx);
}

void pp_trace_install(pp_engine_t *e) {
  def_hidden(e->ctx, "__pp_ret", n_ret);
  def_hidden(e->ctx, "__pp_call", n_call);
}

void pp_trace_begin(pp_engine_t *e) {
  free(e->tr.last_value);
  memset(&e->tr, 0, sizeof(e->tr));
  e->tr.decided = e->tr.origin = e->tr.last_site = -1;
}

void pp_trace_end(pp_engine_t *e, pp_eval_t *out, bool ok) {
  pp_trace_rt_t *t = &e->tr;
  if (ok && t->decided >= 0 && (size_t)t->decided < e->instr.nrets) {
    out->decided_line = e->instr.rets[t->decided].line;
    out->decided_col = e->instr.rets[t->decided].col;
    long o = e->opts.trace && t->origin >= 0 ? t->origin : t->decided;
    out->origin_line = e->instr.rets[o].line;
    out->origin_col = e->instr.rets[o].col;
  }
  free(t->last_value);
  t->last_value = NULL;
}

void pp_trace_dns(pp_engine_t *e, const char *host, const pp_dns_answer_t *ans) {
  if (!tracing(e)) return;
  pp_trace_entry_t *en = add_entry(e, PP_TRACE_DNS);
  if (!en) return;
  en->text = strdup(host);
  en->source = ans->source;
  en->failure = ans->failure;
  en->ms = ans->ms;
  for (size_t i = 0; i < ans->naddrs; i++)
    if (!pp_strlist_push(&en->answers, &en->nanswers, ans->addrs[i])) break;
  /* Inside a helper the innermost activation is runtime code: name the
   * PAC line of the helper call instead. Last, and not after the deadline:
   * probing the call stack allocates, which then throws. */
  if (e->tr.call_depth > 0) en->line = e->tr.call_line;
  else if (!e->hc.timed_out) en->line = caller_line(e->ctx);
}

void pp_trace_alert(pp_engine_t *e, duk_context *ctx, const char *msg) {
  if (!tracing(e)) return;
  pp_trace_entry_t *en = add_entry(e, PP_TRACE_ALERT);
  if (!en) return;
  en->line = caller_line(ctx);
  en->text = strdup(msg);
}

size_t pp_engine_return_sites(const pp_engine_t *e, const pp_return_site_t **sites) {
  *sites = e->instr.rets;
  return e->instr.nrets;
}

const char *pp_engine_instrument_note(const pp_engine_t *e) {
  return e->instr_note.s ? e->instr_note.s : "";
}
