/* SPDX-License-Identifier: MIT */
/*
 * The PAC engine handle: one Duktape heap holding the native bindings, the
 * embedded JavaScript runtime and the PAC, then one FindProxyForURL call per
 * URL. Limits (heap.c) are armed around every run of script code; errors are
 * classified here so that "the PAC failed", "a limit fired" and "our engine
 * cannot run this" stay distinct (DESIGN §1.2, pac-semantics.md §5, §7).
 */
#include "pac/engine_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pac/fast.h"
#include "js/jslex.h"
#include "js/lower.h"
#include "pac/runtime.h"

/*
 * Lifecycle of a handle:
 *   new ──load──► loaded ──eval──► loaded ...
 *                   │  a timeout or the memory limit fired during eval
 *                   └──► the heap is destroyed and rebuilt from the kept
 *                        script (runtime + PAC top level run again), because
 *                        Duktape gives no guarantee that a heap interrupted
 *                        mid-allocation is consistent. Globals the PAC set
 *                        at run time are lost then, as after a browser reload.
 *   A failed rebuild leaves the handle unloaded: later evals report it.
 */

#define DEFAULT_TIMEOUT_MS 1000
#define DEFAULT_MEMORY_MIB 64

void pp_engine_opts_init(pp_engine_opts_t *o) {
  memset(o, 0, sizeof(*o));
  o->emulate = PP_EMU_CHROME;
  o->timeout_ms = DEFAULT_TIMEOUT_MS;
  o->memory_limit_mib = DEFAULT_MEMORY_MIB;
}

pp_engine_t *pp_engine_new(const pp_engine_opts_t *opts) {
  pp_engine_t *e = calloc(1, sizeof(*e));
  if (!e) return NULL;
  e->opts = *opts;
  if (!e->opts.timeout_ms) e->opts.timeout_ms = DEFAULT_TIMEOUT_MS;
  if (!e->opts.memory_limit_mib) e->opts.memory_limit_mib = DEFAULT_MEMORY_MIB;
  e->hc.owner = e;
  return e;
}

static void drop_heap(pp_engine_t *e) {
  if (e->ctx) duk_destroy_heap(e->ctx);
  e->ctx = NULL;
  e->loaded = false;
}

void pp_engine_free(pp_engine_t *e) {
  if (!e) return;
  drop_heap(e);
  pp_natives_reset(e);
  free(e->script);
  free(e->name);
  free(e->myip);
  free(e->myip_ex);
  pp_strlist_free(e->warn, e->nwarn);
  pp_str_free(&e->err);
  pp_instrumented_clear(&e->instr);
  pp_str_free(&e->instr_note);
  free(e->tr.last_value);
  free(e);
}

const char *pp_engine_error(const pp_engine_t *e) { return e->err.s ? e->err.s : ""; }

int pp_engine_error_line(const pp_engine_t *e) { return e->err_line; }

/* Replaces the handle's error detail with the concatenation of the parts. */
static void set_error(pp_engine_t *e, int line, const char *p1, const char *p2, const char *p3) {
  pp_str_free(&e->err);
  e->err_line = line;
  pp_str_puts(&e->err, p1);
  pp_str_puts(&e->err, p2);
  pp_str_puts(&e->err, p3);
}

/* Pushes property `key` of the object at idx and returns it as a string, or
 * NULL. The caller pops the pushed value, and the pointer is valid only
 * until then: a getter such as `stack` makes a fresh string that the pop
 * frees (found by tests/fuzz/fuzz_eval.c: heap-use-after-free). */
static const char *push_prop_string(duk_context *ctx, duk_idx_t idx, const char *key) {
  duk_get_prop_string(ctx, idx, key);
  return duk_is_string(ctx, -1) ? duk_get_string(ctx, -1) : NULL;
}

/* The PAC line an error points at: its lineNumber when thrown from the PAC
 * itself, else the first "(NAME:LINE)" frame of its stack, since an error
 * raised inside a runtime helper (e.g. shExpMatch's RegExp) should point at
 * the PAC line that called the helper. 0 when no PAC frame is known. */
static int error_line(pp_engine_t *e, duk_idx_t idx) {
  duk_context *ctx = e->ctx;
  idx = duk_normalize_index(ctx, idx);
  if (!duk_is_object(ctx, idx) || !e->name) return 0;
  const char *file = push_prop_string(ctx, idx, "fileName");
  bool own = file && strcmp(file, e->name) == 0;
  duk_pop(ctx);
  if (own) {
    duk_get_prop_string(ctx, idx, "lineNumber");
    int line = duk_is_number(ctx, -1) ? duk_get_int(ctx, -1) : 0;
    duk_pop(ctx);
    if (line > 0) return line;
  }
  const char *stack = push_prop_string(ctx, idx, "stack");
  size_t nl = strlen(e->name);
  int line = 0;
  for (const char *p = stack; p && (p = strchr(p, '(')) != NULL; p++) {
    if (strncmp(p + 1, e->name, nl) == 0 && p[1 + nl] == ':') {
      line = atoi(p + 2 + nl);
      break;
    }
  }
  duk_pop(ctx);
  return line;
}

typedef struct error_desc {
  pp_engine_t *e;
  int line;
} error_desc_t;

/* Protected: replaces the thrown value (index 0) by its string form. */
static duk_ret_t describe_error(duk_context *ctx, void *udata) {
  error_desc_t *d = udata;
  d->line = error_line(d->e, 0);
  duk_to_string(ctx, 0);
  return 1;
}

/* The promise jobs the script queued (07-promise.js), run where Chromium's
 * PAC context runs its microtasks: when the call stack empties after the
 * top level and after each FindProxyForURL call. Leaves one value on the
 * stack (the error on failure, as duk_pcall). */
static int drain_jobs(duk_context *ctx) {
  duk_get_global_string(ctx, "__pp_drain");
  if (!duk_is_function(ctx, -1)) return 0; /* leaves undefined */
  return duk_pcall(ctx, 0);
}

/* Classifies the failure of a protected call whose error is at the stack
 * top and records it on the handle. `what` names the phase for messages. */
/* The run-time twin of lower.c's load-time message (e->unsup). */
#define UNSUPPORTED_FMT "unsupported JavaScript feature %s \xe2\x80\x94 browsers accept this; pacprobe's engine does not"

static pp_status_t record_failure(pp_engine_t *e, pp_status_t script_status) {
  duk_context *ctx = e->ctx;
  /* Formatting the thrown value runs its toString and getters, which may
   * loop or throw (tests/hostile/throw-evil-*): do it first, still under
   * the deadline so a timeout it causes is reported as one, and protected,
   * since an error thrown outside any protected call aborts the process. */
  error_desc_t d = {e, 0};
  if (duk_safe_call(ctx, describe_error, &d, 1, 1) != 0) d.line = 0;
  int line = d.line;
  const char *msg = duk_safe_to_string(ctx, -1);
  if (e->hc.timed_out) {
    char ms[32];
    snprintf(ms, sizeof(ms), "%u", e->opts.timeout_ms);
    set_error(e, 0, "execution timeout: the script ran longer than ", ms, " ms (--timeout)");
    if (e->dns_wait[0]) /* natives.c: the deadline came while a lookup waited */
      pp_str_printf(&e->err, " while waiting for the DNS answer for %s (no answer from the "
                    "server yet)", e->dns_wait);
    return PP_ETIMEOUT;
  }
  if (e->hc.mem_hit) {
    char mib[32];
    snprintf(mib, sizeof(mib), "%u", e->opts.memory_limit_mib);
    set_error(e, 0, "memory limit: the script needed more than ", mib, " MiB (--memory-limit)");
    return PP_EMEMLIMIT;
  }
  char lbuf[32] = "";
  if (line > 0) snprintf(lbuf, sizeof(lbuf), ":%d", line);
  pp_str_free(&e->err);
  e->err_line = line;
  if (e->unsup[0]) { /* whatever was thrown, the PAC reached what pacprobe cannot run */
    pp_str_printf(&e->err, "%s%s: " UNSUPPORTED_FMT, e->name ? e->name : "pac", lbuf, e->unsup);
    return PP_EUNSUPPORTED;
  }
  pp_str_printf(&e->err, "%s%s: %s", e->name ? e->name : "pac", lbuf, msg);
  return script_status;
}

/* A run that reached an unsupported construct and went on (the script
 * caught the error): its answer may differ from the browser's, so it fails. */
static pp_status_t unsupported_reached(pp_engine_t *e) {
  pp_str_free(&e->err);
  e->err_line = 0;
  pp_str_printf(&e->err, "%s: " UNSUPPORTED_FMT " (the script caught the error; its answer would "
                "not be the browser's)", e->name ? e->name : "pac", e->unsup);
  return PP_EUNSUPPORTED;
}

/* Protected body: natives, then every runtime file in order. A failure here
 * is pacprobe's, never the PAC's. */
static duk_ret_t install_runtime(duk_context *ctx, void *udata) {
  pp_engine_t *e = udata;
  pp_natives_install(e);
  pp_natives_lang_install(e);
  pp_trace_install(e);
  duk_push_string(ctx, pp_emulation_name(e->opts.emulate));
  duk_put_global_string(ctx, "__pp_mode");
  for (const pp_runtime_script_t *s = pp_runtime_scripts; s->name; s++) {
    duk_push_string(ctx, s->name);
    duk_compile_lstring_filename(ctx, 0, s->text, s->len);
    duk_call(ctx, 0);
    duk_pop(ctx);
  }
  pp_fast_install(e);
  duk_push_global_object(ctx);
  duk_del_prop_string(ctx, -1, "__pp_mode");
  duk_pop(ctx);
  return 0;
}

static const char *entry_point(pp_engine_t *e) {
  /* WinHTTP prefers FindProxyForURLEx when the PAC defines it
   * (pac-semantics.md §3); Debian's pacparser 1.3.6 never calls it. */
  if (e->opts.emulate == PP_EMU_WINHTTP) {
    duk_get_global_string(e->ctx, "FindProxyForURLEx");
    bool has_ex = duk_is_function(e->ctx, -1);
    duk_pop(e->ctx);
    if (has_ex) return "FindProxyForURLEx";
  }
  return "FindProxyForURL";
}

/* Compiles the instrumented text (instrument.c), or the original when there
 * is none or Duktape rejects the rewrite: errors always come from the
 * original, and instrumentation never makes a PAC fail. 0 = compiled. */
static int compile_pac(pp_engine_t *e) {
  duk_context *ctx = e->ctx;
  e->hc.mem_hit = false; /* a refused allocation from here on is the compile's */
  if (e->instr.text) {
    duk_push_string(ctx, e->name);
    if (duk_pcompile_lstring_filename(ctx, 0, e->instr.text, e->instr.len) == 0) return 0;
    duk_pop(ctx);
  }
  duk_push_string(ctx, e->name);
  int rc = duk_pcompile_lstring_filename(ctx, 0, e->script, e->script_len);
  if (rc == 0 && e->instr.text) {
    pp_instrumented_clear(&e->instr);
    pp_str_free(&e->instr_note);
    pp_str_printf(&e->instr_note, "%s: pacprobe's return instrumentation produced code Duktape "
                  "rejects; the PAC runs uninstrumented", e->name);
  }
  return rc;
}

/* Rewrites the kept script for return sites (and helper calls when
 * tracing); a tokenizer failure leaves a note and the original text. */
static pp_status_t instrument(pp_engine_t *e) {
  pp_js_error_t jerr;
  pp_instrumented_clear(&e->instr);
  pp_str_free(&e->instr_note);
  if (e->opts.no_return_sites && !e->opts.trace) return PP_OK;
  pp_status_t st = pp_instrument(e->script, e->script_len, e->opts.trace ? PP_INSTR_CALLS : 0,
                                 &e->instr, &jerr);
  if (st == PP_ESYNTAX)
    pp_str_printf(&e->instr_note, "%s:%d:%d: %s (pacprobe's tokenizer; the PAC runs "
                  "uninstrumented)", e->name, jerr.line, jerr.col, jerr.msg);
  return st == PP_ENOMEM ? st : PP_OK;
}

static pp_status_t run_pac_top_level(pp_engine_t *e) {
  duk_context *ctx = e->ctx;
  if (compile_pac(e) != 0) {
    if (e->hc.mem_hit) { /* Duktape's compiler ran out of --memory-limit: not the PAC's fault */
      char mib[32];
      snprintf(mib, sizeof(mib), "%u", e->opts.memory_limit_mib);
      set_error(e, 0, "memory limit: compiling the script needed more than ", mib,
                " MiB (--memory-limit; pacprobe's limit, not a syntax error)");
      return PP_EMEMLIMIT;
    }
    /* Duktape reports a parse error's line in lineNumber but not its file. */
    duk_get_prop_string(ctx, -1, "lineNumber");
    int line = duk_is_number(ctx, -1) ? duk_get_int(ctx, -1) : 0;
    duk_pop(ctx);
    char lbuf[32] = "";
    if (line > 0) snprintf(lbuf, sizeof(lbuf), ":%d", line);
    set_error(e, line, e->name, lbuf, ": ");
    pp_str_puts(&e->err, duk_safe_to_string(ctx, -1));
    return PP_ESYNTAX;
  }
  e->dns_wait[0] = '\0';
  e->unsup[0] = '\0';
  pp_heap_arm(&e->hc, e->opts.timeout_ms);
  int rc = duk_pcall(ctx, 0);
  if (rc == 0) {
    duk_pop(ctx);
    rc = drain_jobs(ctx);
  }
  /* Still armed while the error is formatted: its toString may loop. */
  pp_status_t st = rc != 0 ? record_failure(e, PP_ESCRIPT) : PP_OK;
  pp_heap_disarm(&e->hc);
  if (rc != 0) return st;
  if (e->unsup[0]) return unsupported_reached(e);
  duk_pop(ctx);
  duk_get_global_string(ctx, "FindProxyForURL");
  bool ok = duk_is_function(ctx, -1);
  duk_pop(ctx);
  if (!ok && strcmp(entry_point(e), "FindProxyForURL") == 0) {
    set_error(e, 0, e->name, ": FindProxyForURL is undefined or not a function", "");
    return PP_ENOFUNC;
  }
  return PP_OK;
}

static pp_status_t build_heap(pp_engine_t *e) {
  drop_heap(e);
  memset(&e->hc, 0, sizeof(e->hc));
  e->hc.owner = e;
  e->hc.mem_limit = (size_t)e->opts.memory_limit_mib * 1024u * 1024u;
  e->hc.now_set = e->opts.now_set;
  e->hc.now_ms = e->opts.now_ms;
  e->ctx = pp_heap_create(&e->hc);
  if (!e->ctx) return PP_ENOMEM;
  if (duk_safe_call(e->ctx, install_runtime, e, 0, 1) != 0) {
    set_error(e, 0, "engine: the embedded runtime failed to load: ",
              duk_safe_to_string(e->ctx, -1), "");
    drop_heap(e);
    return PP_EENGINE;
  }
  duk_set_top(e->ctx, 0);
  pp_status_t st = run_pac_top_level(e);
  duk_set_top(e->ctx, 0);
  if (st != PP_OK) {
    drop_heap(e);
    return st;
  }
  e->loaded = true;
  return PP_OK;
}

/* The compile budget (issue 15 item 7): the lowering and the return
 * instrumentation hold about PP_JS_TOKEN_COST bytes per token outside the
 * JavaScript heap (a 3.9 MB PAC of short tokens took 290 MB with
 * --memory-limit 16). A script over PP_JS_BUDGET(--memory-limit) tokens is
 * counted in constant memory first: ES5 runs as written, uninstrumented
 * (Duktape compiles it inside the limited heap); modern syntax, which only
 * the lowering can run, is refused as an engine limit, never as a PAC
 * error. *analyse says whether the analyses may run. */
static pp_status_t check_compile_budget(pp_engine_t *e, bool *analyse) {
  size_t budget = PP_JS_BUDGET(e->opts.memory_limit_mib), ntok = 0;
  bool modern = false;
  *analyse = true;
  if (e->script_len / 2 < budget) return PP_OK; /* a token takes 2 bytes at the least */
  pp_status_t st = pp_js_survey(e->script, e->script_len, &ntok, &modern);
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK || ntok <= budget) return PP_OK;
  *analyse = false;
  pp_instrumented_clear(&e->instr);
  pp_strlist_free(e->warn, e->nwarn);
  e->warn = NULL;
  e->nwarn = 0;
  pp_str_free(&e->instr_note);
  if (!modern) {
    pp_str_printf(&e->instr_note, "%s: %zu tokens, over the compile budget of %zu for "
                  "--memory-limit %u; the PAC runs uninstrumented (no return lines)", e->name,
                  ntok, budget, e->opts.memory_limit_mib);
    return PP_OK;
  }
  pp_str_free(&e->err);
  pp_str_printf(&e->err, "%s: %zu tokens of ES2015+ JavaScript: lowering them needs about %zu MiB, "
                "over the compile budget of --memory-limit %u MiB (pacprobe's limit, not the "
                "PAC's; raise --memory-limit)", e->name, ntok,
                ntok * PP_JS_TOKEN_COST / (1024u * 1024u) + 1, e->opts.memory_limit_mib);
  return PP_EENGINE;
}

pp_status_t pp_engine_load(pp_engine_t *e, const char *script, size_t len, const char *name) {
  pp_str_free(&e->err);
  e->err_line = 0;
  free(e->script);
  free(e->name);
  e->script = pp_strndup(script, len);
  e->name = strdup(name ? name : "pac");
  if (!e->script || !e->name) return PP_ENOMEM;
  e->script_len = len;
  bool analyse = true;
  pp_status_t bst = check_compile_budget(e, &analyse);
  if (bst != PP_OK) return bst;
  if (analyse) {
    if (instrument(e) != PP_OK) return PP_ENOMEM;
    pp_status_t lst = pp_lower_engine(e); /* ES2015+ syntax, issue 9 */
    if (lst != PP_OK) return lst;
  }
  return build_heap(e);
}

/* ---- one evaluation ---------------------------------------------------- */

static const char *type_name(duk_context *ctx, duk_idx_t idx) {
  switch (duk_get_type(ctx, idx)) {
  case DUK_TYPE_UNDEFINED: return "undefined";
  case DUK_TYPE_NULL: return "null";
  case DUK_TYPE_BOOLEAN: return "boolean";
  case DUK_TYPE_NUMBER: return "number";
  case DUK_TYPE_OBJECT: return duk_is_function(ctx, idx) ? "function" : "object";
  default: return "non-string value";
  }
}

static bool is_ascii(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return false;
  return true;
}

static pp_status_t fail_eval(pp_eval_t *out, pp_status_t st, const char *msg, int line) {
  out->status = st;
  out->error = strdup(msg);
  out->error_line = line;
  return out->error ? st : PP_ENOMEM;
}

/* The result caps (pacprobe.h PP_RESULT_MAX_*), checked on the engine's
 * own copy before anything is copied or parsed: a 21 MB result used to cost
 * 1.8 GB and 14 s in --format json (issue 15 item 3). */
static pp_status_t check_result_size(const char *s, size_t n, pp_eval_t *out) {
  char msg[192];
  if (n > PP_RESULT_MAX_BYTES) {
    snprintf(msg, sizeof(msg), "result limit: FindProxyForURL() returned %zu bytes, over the "
             "%u bytes pacprobe accepts (docs/engine.md)", n, PP_RESULT_MAX_BYTES);
    return fail_eval(out, PP_ETOOBIG, msg, 0);
  }
  size_t entries = 1;
  for (const char *p = s; (p = memchr(p, ';', n - (size_t)(p - s))) != NULL; p++) entries++;
  if (entries <= PP_RESULT_MAX_ENTRIES) return PP_OK;
  snprintf(msg, sizeof(msg), "result limit: FindProxyForURL() returned %zu entries, over the %u "
           "pacprobe accepts (docs/engine.md)", entries, PP_RESULT_MAX_ENTRIES);
  return fail_eval(out, PP_ETOOBIG, msg, 0);
}

/* Turns the value FindProxyForURL returned (stack top) into out->raw, with
 * the per-client rules of pac-semantics.md §5. pacparser coerces anything
 * with ToString (what pactester prints); everyone else treats a non-string
 * as a failure, which the report keeps distinct from a DIRECT answer. */
static pp_status_t take_return_value(pp_engine_t *e, pp_eval_t *out) {
  duk_context *ctx = e->ctx;
  if (!duk_is_string(ctx, -1)) {
    if (e->opts.emulate != PP_EMU_PACPARSER) {
      char msg[96];
      snprintf(msg, sizeof(msg), "FindProxyForURL() did not return a string (returned %s)",
               type_name(ctx, -1));
      return fail_eval(out, PP_ENOTSTRING, msg, 0);
    }
    duk_safe_to_string(ctx, -1);
  }
  duk_size_t n = 0;
  const char *s = duk_get_lstring(ctx, -1, &n);
  pp_status_t st = check_result_size(s, n, out);
  if (st != PP_OK) return st;
  if (e->opts.emulate == PP_EMU_CHROME && !is_ascii(s, n))
    return fail_eval(out, PP_ENONASCII,
                     "FindProxyForURL() returned a non-ASCII string (Chromium rejects it)", 0);
  /* raw is a C string: a NUL would silently cut "PROXY a\0b:1" to "PROXY a",
   * a proxy the script never named. Chromium finds no valid entry in such a
   * string and goes DIRECT (ProxyList::SetFromPacString); report a failure. */
  if (memchr(s, '\0', n))
    return fail_eval(out, PP_ESCRIPT, "FindProxyForURL() returned a string containing a NUL byte",
                     0);
  out->raw = pp_strndup(s, n);
  return out->raw ? PP_OK : PP_ENOMEM;
}

static pp_status_t call_pac(pp_engine_t *e, pp_eval_t *out) {
  duk_context *ctx = e->ctx;
  pp_natives_reset(e);
  pp_trace_begin(e);
  e->cur = out;
  duk_get_global_string(ctx, entry_point(e));
  duk_push_string(ctx, out->pac_url);
  duk_push_string(ctx, out->host);
  pp_heap_arm(&e->hc, e->opts.timeout_ms);
  int rc = duk_pcall(ctx, 2);
  pp_status_t st = PP_OK;
  if (rc != 0) {
    st = record_failure(e, PP_ESCRIPT);
    st = fail_eval(out, st, pp_engine_error(e), e->err_line);
  } else {
    st = take_return_value(e, out);
    if (st == PP_OK && drain_jobs(ctx) != 0) {
      free(out->raw);
      out->raw = NULL;
      st = record_failure(e, PP_ESCRIPT);
      st = fail_eval(out, st, pp_engine_error(e), e->err_line);
    }
    if (st == PP_OK && (e->hc.timed_out || e->hc.mem_hit)) st = record_failure(e, PP_ESCRIPT);
    else if (st == PP_OK && e->unsup[0]) {
      free(out->raw);
      out->raw = NULL;
      st = unsupported_reached(e);
      st = fail_eval(out, st, pp_engine_error(e), 0);
    }
  }
  pp_heap_disarm(&e->hc);
  pp_trace_end(e, out, st == PP_OK);
  e->cur = NULL;
  duk_set_top(ctx, 0);
  if (st == PP_ETIMEOUT || st == PP_EMEMLIMIT) {
    pp_str_t keep = e->err;
    e->err = (pp_str_t)PP_STR_INIT;
    if (build_heap(e) == PP_OK) {
      pp_str_free(&e->err);
      e->err = keep;
    } else {
      pp_str_free(&keep);
    }
  }
  return st;
}

pp_status_t pp_engine_eval(pp_engine_t *e, const char *url, const char *host_override,
                           pp_eval_t *out) {
  memset(out, 0, sizeof(*out));
  out->url = strdup(url);
  if (!out->url) return PP_ENOMEM;
  char err[256] = "";
  pp_url_info_t ui = {0};
  pp_status_t st = pp_url_prepare(url, e->opts.emulate, &ui, err, sizeof(err));
  if (st == PP_ENOMEM) return st;
  if (st != PP_OK) {
    char msg[320];
    snprintf(msg, sizeof(msg), "bad URL: %s", err[0] ? err : "cannot parse");
    st = fail_eval(out, PP_EBADURL, msg, 0);
  } else {
    out->pac_url = ui.pac_url;
    out->host = ui.host;
    ui.pac_url = ui.host = NULL;
    if (host_override) {
      free(out->host);
      out->host = strdup(host_override);
      if (!out->host) return PP_ENOMEM;
    }
    out->implicit_bypass = ui.implicit_bypass;
    if (out->implicit_bypass) st = PP_OK;
    else if (!e->loaded && e->script && (st = build_heap(e)) != PP_OK)
      st = fail_eval(out, PP_EENGINE, pp_engine_error(e), 0);
    else if (!e->loaded)
      st = fail_eval(out, PP_EENGINE, "engine: no PAC loaded", 0);
    else
      st = call_pac(e, out);
  }
  pp_url_info_clear(&ui);
  if (st == PP_ENOMEM) return st;
  out->status = st;
  /* On any failure the browser goes DIRECT; the error stays on the record. */
  pp_status_t pst = pp_result_parse(out->raw && st == PP_OK ? out->raw : "DIRECT",
                                    e->opts.emulate, &out->result);
  return pst == PP_OK ? st : pst;
}

void pp_eval_clear(pp_eval_t *ev) {
  if (!ev) return;
  free(ev->url);
  free(ev->pac_url);
  free(ev->host);
  free(ev->raw);
  free(ev->error);
  pp_result_clear(&ev->result);
  pp_strlist_free(ev->alerts, ev->nalerts);
  for (size_t i = 0; i < ev->ntrace; i++) {
    pp_trace_entry_t *t = &ev->trace[i];
    free(t->fn);
    free(t->args);
    free(t->result);
    free(t->text);
    pp_strlist_free(t->answers, t->nanswers);
  }
  free(ev->trace);
  for (size_t i = 0; i < ev->ndns_problems; i++) free(ev->dns_problems[i].name);
  free(ev->dns_problems);
  memset(ev, 0, sizeof(*ev));
}
