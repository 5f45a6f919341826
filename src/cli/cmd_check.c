/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe check` (DESIGN §1.7, issue 8): the targets (URLs, -f files, a
 * --targets profile), the proxy password (environment, file or TTY prompt;
 * never argv, never printed, cleared after the run), the route attempts
 * (src/route), service-tag membership and the report (check_out.c).
 * Exit 0 when every target is ok, 1 otherwise, 2 on unusable input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "cli/check.h"
#include "cli/check_consumer.h"
#include "cli/endpoints.h"
#include "cli/report/html.h"
#include "util/str.h"

#define PW_MAX 4096 /* one page: the buffer is mmap'd on its own */

static void usage(FILE *out) {
  fprintf(out, "usage: pacprobe check [URL...] [-f FILE] [--targets PROFILE [--workspace NAME]]\n"
               "                      [--pac FILE|URL | --proxy URL | --auto | --for CONSUMER]\n"
               "                      [--proxy-user USER[@HOST[:PORT]]] [--proxy-auth-host HOST[:PORT]]\n"
               "                      [--cacert FILE] [--all-routes]\n"
               "                      [--format text|json] [--junit FILE] [--report FILE.html]\n\n"
               "Tries every URL through the route this machine's configuration picks, for real:\n"
               "failover, proxy authentication, TLS interception, and who decided.\n\noptions:\n");
  pp_options_help(out, PP_CMD_CHECK);
}

static void print_help(void) { usage(stdout); }

static bool add_target(pp_ck_t *ck, const char *url, size_t n) {
  pp_ck_target_t *v = realloc(ck->t, (ck->n + 1) * sizeof(*v));
  if (!v) return false;
  ck->t = v;
  pp_ck_target_t *t = &v[ck->n];
  memset(t, 0, sizeof(*t));
  if (!(t->url = pp_strndup(url, n))) return false;
  t->spec.url = t->url;
  ck->n++;
  return true;
}

static int url_line(void *udata, const char *line, size_t len, bool had_nl, const char *where) {
  const char *url;
  size_t n;
  if (!pp_cli_list_url(line, len, &url, &n)) return 0;
  return add_target(udata, url, n) ? 0 : -1;
}

/* A profile by name (pacscripts/targets/NAME.targets, installed or in the
 * source tree; on Windows targets\ next to pacprobe.exe, as the zip ships
 * it; $PACPROBE_TARGETS_DIR first, a list split on the platform's separator,
 * ';' on Windows) or by path (a folder part, or a name ending .targets). */
static char *find_profile(const char *name, char *path, size_t len) {
  if (pp_os_dirname_len(name) || strstr(name, ".targets")) return snprintf(path, len, "%s", name), path;
  const char *env = getenv("PACPROBE_TARGETS_DIR");
  char dirs[4096], prog[1024], sep[2] = {pp_os_path_list_sep(), '\0'};
  bool here = pp_os_program_dir(prog, sizeof(prog));
  snprintf(dirs, sizeof(dirs), "%s%s%s%s%s%s", env ? env : "", sep, here ? prog : "", here ? "targets" : "",
           sep, PP_TARGETS_DIRS);
  for (char *save = NULL, *d = strtok_r(dirs, sep, &save); d; d = strtok_r(NULL, sep, &save)) {
    snprintf(path, len, "%s/%s.targets", d, name);
    if (pp_os_is_regular(path)) return path;
  }
  return NULL;
}

static int add_profile(pp_ck_t *ck, const pp_args_t *a, pp_profile_t *p) {
  char path[1200], err[512], *text = NULL;
  size_t len = 0;
  const char *name = a->value[PP_OPT_TARGETS], *ws = a->value[PP_OPT_WORKSPACE];
  if (!find_profile(name, path, sizeof(path))) {
    pp_msg_error("option --targets: no profile named '%s' (shipped: mdi, mde; or a .targets "
                 "file, docs/targets.md)", name);
    return PP_EXIT_USAGE;
  }
  if (ws && !pp_workspace_valid(ws, err, sizeof(err)))
    return pp_cli_usage_error("workspace", ws, err);
  if (pp_pac_read(path, 1u << 20, 0, &text, &len, err, sizeof(err)) != PP_OK) {
    pp_msg_error("option --targets: %s", err);
    return PP_EXIT_USAGE;
  }
  pp_status_t st = pp_profile_parse(text, len, path, ws, p, err, sizeof(err));
  free(text);
  if (st != PP_OK) {
    pp_msg_error("%s%s", err, st == PP_EINVAL && !ws && strstr(err, "--workspace") ?
                 " (e.g. --targets mdi --workspace contoso)" : "");
    return PP_EXIT_USAGE;
  }
  ck->intercept_note = p->intercept_note;
  for (size_t i = 0; i < p->ntargets; i++) {
    pp_profile_target_t *pt = &p->targets[i];
    if (pt->advisory && !a->given[PP_OPT_ADVISORY]) continue;
    if (!add_target(ck, pt->url, strlen(pt->url))) return PP_EXIT_USAGE;
    pp_check_target_t *s = &ck->t[ck->n - 1].spec;
    s->accept = pt->accept;
    s->naccept = pt->naccept;
    s->head = pt->head;
    s->issuers = (const char *const *)pt->issuers;
    s->nissuers = pt->nissuers;
    s->intercept_tolerated = pt->intercept_tolerated;
  }
  return PP_EXIT_OK;
}

/* --endpoints FILE: one target per Microsoft 365 URL (docs/endpoints.md). */
static int add_endpoints(pp_ck_t *ck, const pp_args_t *a) {
  pp_endpoints_t eps;
  memset(&eps, 0, sizeof(eps));
  int rc = pp_cli_load_endpoints(a, &eps);
  for (size_t i = 0; rc == PP_EXIT_OK && i < eps.n; i++)
    if (!add_target(ck, eps.v[i].url, strlen(eps.v[i].url))) rc = PP_EXIT_USAGE;
  pp_endpoints_clear(&eps);
  return rc;
}

static int collect_targets(pp_ck_t *ck, const pp_args_t *a, pp_profile_t *p) {
  for (size_t i = 0; i < a->positional.n; i++)
    if (!add_target(ck, a->positional.v[i], strlen(a->positional.v[i]))) return PP_EXIT_USAGE;
  bool unreadable = false;
  for (size_t i = 0; i < a->list[PP_OPT_URL_FILE].n; i++)
    if (pp_cli_each_line(a->list[PP_OPT_URL_FILE].v[i], url_line, ck, &unreadable) != 0)
      return PP_EXIT_USAGE;
  if (unreadable) return PP_EXIT_USAGE;
  if (a->given[PP_OPT_TARGETS]) {
    int rc = add_profile(ck, a, p);
    if (rc) return rc;
  }
  if (a->given[PP_OPT_ENDPOINTS]) {
    int rc = add_endpoints(ck, a);
    if (rc) return rc;
  } else if (a->given[PP_OPT_WILDCARD]) {
    pp_msg_error("option --wildcard needs --endpoints FILE");
    return PP_EXIT_USAGE;
  }
  if (a->given[PP_OPT_WORKSPACE] && !a->given[PP_OPT_TARGETS]) {
    pp_msg_error("option --workspace needs --targets (e.g. --targets mdi --workspace contoso)");
    return PP_EXIT_USAGE;
  }
  if (ck->n == 0) {
    pp_msg_error("check: no targets (give URLs, -f FILE, --targets PROFILE or --endpoints FILE)");
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

/* A prompt on the terminal with echo off (src/os); false without one. */
static bool prompt(const char *user, char *pw, size_t len) {
  char text[600];
  snprintf(text, sizeof(text), "Proxy password for %s: ", user);
  return pp_os_prompt_secret(text, pw, len);
}

static int read_password_file(const char *path, char *pw, size_t len) {
  int fd = pp_os_open_read(path);
  if (fd < 0) {
    pp_msg_error("option --proxy-password-file: '%s': %s", path, strerror(errno));
    return PP_EXIT_USAGE;
  }
  bool ok = pp_os_read_secret_line(fd, pw, len);
  close(fd);
  if (!ok) {
    pp_msg_error("option --proxy-password-file: '%s' is empty", path);
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

/* The password of --proxy-user: PACPROBE_PROXY_PASSWORD (then removed from
 * the environment), --proxy-password-file, or a TTY prompt. */
static int get_password(const pp_args_t *a, char *pw, size_t len) {
  const char *user = a->value[PP_OPT_PROXY_USER];
  const char *at = strrchr(user, '@'); /* USER@HOST: a ':' after it is the port */
  if (memchr(user, ':', at ? (size_t)(at - user) : strlen(user))) {
    /* never repeat the value: it probably holds the password */
    pp_msg_error("option --proxy-user takes a user name only, without ':' (give the password in "
                 "PACPROBE_PROXY_PASSWORD, --proxy-password-file or at the prompt)");
    return PP_EXIT_USAGE;
  }
  const char *env = getenv("PACPROBE_PROXY_PASSWORD");
  int rc = PP_EXIT_OK;
  if (a->given[PP_OPT_PROXY_PASSWORD_FILE])
    rc = read_password_file(a->value[PP_OPT_PROXY_PASSWORD_FILE], pw, len);
  else if (env) snprintf(pw, len, "%s", env);
  else if (!prompt(user, pw, len)) {
    pp_msg_error("option --proxy-user: no password (set PACPROBE_PROXY_PASSWORD, give "
                 "--proxy-password-file or run on a terminal)");
    rc = PP_EXIT_USAGE;
  }
  if (env) {
    pp_os_wipe((char *)env, strlen(env));
    pp_os_unsetenv("PACPROBE_PROXY_PASSWORD");
  }
  pw[strcspn(pw, "\r\n")] = '\0';
  return rc;
}

/* The password buffer: its own pages, kept out of core dumps and the page
 * file where the platform can (src/os; docs/security.md), wiped and freed
 * by pw_free. */
static char *pw_alloc(void) { return pp_os_secret_alloc(PW_MAX); }

static void pw_free(char *pw) { pp_os_secret_free(pw, PW_MAX); }

static int check_opts(const pp_args_t *a, pp_check_opts_t *o) {
  const char *fmt = a->value[PP_OPT_FORMAT];
  if (fmt && strcmp(fmt, "text") && strcmp(fmt, "json"))
    return pp_cli_usage_error("format", fmt, "expected text or json");
  int n = !!a->given[PP_OPT_PROXY] + !!a->given[PP_OPT_PAC] + !!a->given[PP_OPT_AUTO];
  if (n > 1) {
    pp_msg_error("check: give at most one of --proxy, --pac and --auto");
    return PP_EXIT_USAGE;
  }
  if (a->value[PP_OPT_PROXY] && pp_ck_proxy_has_userinfo(a->value[PP_OPT_PROXY])) {
    /* never repeat the value: it probably holds the password */
    pp_msg_error("option --proxy: credentials in the proxy URL are not accepted (give "
                 "--proxy-user USER, the password in PACPROBE_PROXY_PASSWORD, "
                 "--proxy-password-file or at the prompt)");
    return PP_EXIT_USAGE;
  }
  if (a->given[PP_OPT_SERVICE_TAGS] != a->given[PP_OPT_TAG]) {
    pp_msg_error("check: --service-tags FILE and --tag NAME go together");
    return PP_EXIT_USAGE;
  }
  if (a->given[PP_OPT_CONNECT_TIMEOUT]) o->connect_timeout_ms = (unsigned)a->count[PP_OPT_CONNECT_TIMEOUT];
  if (a->given[PP_OPT_MAX_TIME]) o->max_time_ms = (unsigned)a->count[PP_OPT_MAX_TIME];
  if (a->given[PP_OPT_JOBS]) o->parallel = (unsigned)a->count[PP_OPT_JOBS];
  o->all_routes = a->given[PP_OPT_ALL_ROUTES];
  o->compare_direct = a->given[PP_OPT_COMPARE_DIRECT];
  o->cacert = a->value[PP_OPT_CACERT];
  if (o->cacert && access(o->cacert, R_OK) != 0) {
    pp_msg_error("option --cacert: '%s': %s", o->cacert, strerror(errno));
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

static int run(pp_ck_t *ck, const pp_args_t *a, pp_cli_env_t *env, pp_check_opts_t *o) {
  pp_check_target_t *specs = calloc(ck->n, sizeof(*specs));
  pp_check_result_t *res = calloc(ck->n, sizeof(*res));
  pp_status_t st = specs && res ? PP_OK : PP_ENOMEM;
  for (size_t i = 0; st == PP_OK && i < ck->n; i++) specs[i] = ck->t[i].spec;
  pp_check_stats_t stats;
  memset(&stats, 0, sizeof(stats));
  o->resolver = env->resolver;
  o->stats = &stats;
  if (st == PP_OK) st = pp_check_run(o, specs, ck->n, res);
  o->stats = NULL;
  if (st == PP_OK && stats.parallel < stats.parallel_asked && stats.parallel < ck->n)
    pp_msg_note("check: %u targets in flight instead of %u: the open-file limit (ulimit -n %ld) "
                "leaves room for no more", stats.parallel, stats.parallel_asked, stats.fd_limit);
  if (st == PP_OK && stats.fd_retries)
    pp_msg_note("check: %u attempt%s found no free file descriptor (EMFILE/ENFILE, a local limit) "
                "and ran again later", stats.fd_retries, stats.fd_retries == 1 ? "" : "s");
  for (size_t i = 0; res && i < ck->n; i++) {
    ck->t[i].res = res[i];
    if (ck->consumer) pp_ck_consumer_explain(ck->consumer, &ck->t[i]);
  }
  free(specs);
  free(res);
  if (st != PP_OK) {
    pp_msg_error("check: %s", pp_strerror(st));
    return PP_EXIT_USAGE;
  }
  if (a->given[PP_OPT_SERVICE_TAGS])
    return pp_ck_service_tags(ck, a->value[PP_OPT_SERVICE_TAGS], a->value[PP_OPT_TAG], env->resolver);
  return PP_EXIT_OK;
}

static void render_report(FILE *f, const void *ctx) { pp_report_check(f, ctx); }

/* --report FILE.html: the page is drawn from the JSON object (docs/report.md). */
static bool write_report(const pp_ck_t *ck, pp_outfile_t *html) {
  if (!html->f) return true;
  json_t *root = pp_ck_json(ck);
  if (!root) {
    pp_msg_error("check: out of memory");
    return false;
  }
  bool ok = pp_report_commit(html, render_report, root);
  json_decref(root);
  return ok;
}

static int report(const pp_ck_t *ck, const pp_args_t *a, pp_outfile_t *junit, pp_outfile_t *html) {
  const char *fmt = a->value[PP_OPT_FORMAT];
  bool json = fmt && strcmp(fmt, "json") == 0;
  if (json && !pp_ck_print_json(stdout, ck)) return PP_EXIT_USAGE;
  if (!json) pp_ck_print_text(stdout, ck);
  if (junit->f) {
    pp_ck_write_junit(junit->f, ck);
    if (!pp_cli_outfile_commit(junit)) return PP_EXIT_USAGE;
  }
  if (!write_report(ck, html)) return PP_EXIT_USAGE;
  /* a consumer that survives a broken PAC still has a broken PAC */
  if (ck->pac_failed) return PP_EXIT_PROBLEM;
  for (size_t i = 0; i < ck->n; i++)
    if (strcmp(pp_ck_verdict(&ck->t[i]), "ok") != 0 || ck->t[i].pac_error) return PP_EXIT_PROBLEM;
  return PP_EXIT_OK;
}

static void ck_free(pp_ck_t *ck) {
  for (size_t i = 0; i < ck->n; i++) {
    pp_ck_target_t *t = &ck->t[i];
    free(t->url);
    pp_result_clear(&t->result);
    pp_strlist_free(t->decided_by, t->ndecided_by);
    free(t->pac_error);
    pp_check_result_clear(&t->res);
    pp_strlist_free(t->addrs, t->naddrs);
    pp_ck_names_free(t);
  }
  free(ck->t);
  pp_strlist_free(ck->decided_by, ck->ndecided_by);
  free(ck->pac_url);
  pp_pac_findings_free(ck->hosting, ck->nhosting);
  free(ck->proxy);
  free(ck->noproxy);
  pp_ck_creds_free(ck);
}

int pp_cmd_check(int argc, char **argv, int first) {
  pp_args_t a;
  pp_ck_t ck;
  pp_profile_t prof;
  pp_cli_env_t env;
  pp_check_opts_t o;
  char *pw = pw_alloc();
  pp_outfile_t junit, html;
  int rc = PP_EXIT_USAGE;
  memset(&junit, 0, sizeof(junit));
  memset(&html, 0, sizeof(html));
  memset(&ck, 0, sizeof(ck));
  memset(&prof, 0, sizeof(prof));
  memset(&env, 0, sizeof(env));
  pp_check_opts_init(&o);
  if (!pp_args_parse(&a, PP_CMD_CHECK, "check", argc, argv, first)) goto done;
  if (!pw) {
    pp_msg_error("check: out of memory");
    goto done;
  }
  if (pp_args_info(&a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  if ((rc = check_opts(&a, &o)) || (rc = pp_cli_env_setup(&env, &a))) goto done;
  /* not a browser: loopback and link-local are proxied as the PAC says
   * (WinHTTP's rules; --emulate chrome shows Chrome's implicit bypass) */
  if (!a.given[PP_OPT_EMULATE]) env.opts.emulate = PP_EMU_WINHTTP;
  if (a.given[PP_OPT_PROXY_USER] && (rc = get_password(&a, pw, PW_MAX))) goto done;
  if ((rc = collect_targets(&ck, &a, &prof)) || (rc = pp_ck_routes(&ck, &a, &env)) ||
      (rc = pp_ck_creds(&ck, &a, pw, &o)))
    goto done;
  /* created after every usage check and before the attempts: a bad path
   * fails before a long run, and no empty report is left by a usage error */
  if ((a.given[PP_OPT_JUNIT] &&
       !pp_cli_outfile_open(&junit, "junit", a.value[PP_OPT_JUNIT], a.given[PP_OPT_OVERWRITE])) ||
      !pp_report_open(&html, &a)) {
    rc = PP_EXIT_USAGE;
    goto done;
  }
  ck.max_time_ms = o.max_time_ms ? o.max_time_ms : 15000;
  if ((rc = run(&ck, &a, &env, &o))) goto done;
  pp_os_wipe(pw, PW_MAX); /* the password is not needed past the attempts */
  rc = report(&ck, &a, &junit, &html);
done:
  pp_cli_outfile_abort(&junit);
  pp_cli_outfile_abort(&html);
  pw_free(pw);
  ck_free(&ck);
  pp_profile_clear(&prof);
  pp_cli_env_free(&env);
  pp_args_free(&a);
  return rc;
}
