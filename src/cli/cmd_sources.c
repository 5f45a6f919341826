/* SPDX-License-Identifier: MIT */
/*
 * `pacprobe sources` (DESIGN §1.6, issue 7): reads the files and options it
 * is given plus the environment, hands them to the library (src/config),
 * decides for each --for consumer and prints the report (sources_out.c);
 * --write-reg writes the fix. Exit 1 when a source could not be read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/sources.h"
#include "os/os.h"
#include "util/str.h"

extern char **environ;

#define MAX_FOR 8

static void usage(FILE *out) {
  fprintf(out, "usage: pacprobe sources [--reg FILE]... [--netsh FILE]... [--chrome-policy FILE]...\n"
               "                        [--edge-policy FILE]... [--gnome FILE]... [--kde FILE]...\n"
               "                        [--environment FILE]... [--systemd FILE]... [--apt FILE]...\n"
               "                        [--docker-config FILE]... [--docker-daemon FILE]...\n"
               "                        [--firefox-policies FILE]... [--firefox-prefs FILE]...\n"
               "                        [--dotnet-config FILE]... [--java-props FILE]...\n"
               "                        [--java-cmdline FILE]... [--scutil FILE]... [--macos-plist FILE]...\n"
               "                        [--root DIR | --live] [--user NAME] [--for CONSUMER[,...]]\n"
               "                        [--proxy URL] [--pac FILE|URL|auto] [--noproxy LIST]\n"
               "                        [--mdi-proxy URL] [--write-reg OUT] [--format text|json]\n"
               "       pacprobe sources --no-proxy-test [--noproxy LIST] [--no-env] URL...\n\n"
               "Collects every proxy configuration source and says which one is in effect for a\n"
               "consumer: user, localsystem, localservice, networkservice, winhttp, env,\n"
               "mdi-sensor, chrome, edge, gnome, kde, session, service, apt, docker, firefox,\n"
               "dotnet, java, macos. Default: user on Windows or with --reg/--netsh, else env. On\n"
               "Windows, without --reg, --netsh and the other files, reads the live registry and\n"
               "shows what Windows itself says next to the decision. --root DIR reads every\n"
               "source at its standard path under DIR; --live reads them on this machine.\n\n"
               "options:\n");
  pp_options_help(out, PP_CMD_SOURCES);
}

/* Reads at most PP_CONFIG_MAX_BYTES + 1 bytes so that a huge file is
 * refused without reading it whole. NULL with a reason in err. */
char *pp_sources_slurp(const char *path, size_t *len, char *err, size_t errlen) {
  FILE *f = pp_os_fopen(path, "rb");
  if (!f) {
    pp_set_err(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = PP_CONFIG_MAX_BYTES + 1, n = 0;
  char *buf = malloc(65536), *p;
  size_t have = buf ? 65536 : 0;
  while (buf) {
    if (n == have) {
      have = have * 2 > cap ? cap : have * 2;
      if (!(p = realloc(buf, have))) break;
      buf = p;
    }
    size_t r = fread(buf + n, 1, have - n, f);
    n += r;
    if (r == 0 || n >= cap) break;
  }
  bool bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    pp_set_err(err, errlen, "%s: cannot read%s", path, buf ? "" : ": out of memory");
    free(buf);
    return NULL;
  }
  if (n >= cap) {
    pp_set_err(err, errlen, "%s: byte offset %u: over the %u MiB limit for a configuration file",
               path, PP_CONFIG_MAX_BYTES, PP_CONFIG_MAX_BYTES >> 20);
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

typedef enum file_kind {
  FILE_REG, FILE_NETSH, FILE_CHROME, FILE_EDGE, FILE_GNOME,
  FILE_KDE, FILE_ENVFILE, FILE_SYSTEMD, FILE_APT, FILE_DOCKER_CLIENT, FILE_DOCKER_DAEMON
} file_kind_t;

static pp_status_t add_linux(pp_config_t *c, const char *data, size_t len, const char *file,
                             file_kind_t k) {
  switch (k) {
  case FILE_KDE: return pp_config_add_kde(c, data, len, file);
  case FILE_ENVFILE: return pp_config_add_envfile(c, data, len, file);
  case FILE_SYSTEMD: return pp_config_add_systemd(c, data, len, file);
  case FILE_APT: return pp_config_add_apt(c, data, len, file);
  default: return pp_config_add_docker(c, data, len, file, k == FILE_DOCKER_DAEMON);
  }
}

/* Application and runtime sources: option, source kind, reader. */
typedef pp_status_t (*app_reader_t)(pp_config_t *, const void *, size_t, const char *);
static const struct {
  pp_opt_id_t opt;
  pp_source_kind_t kind;
  app_reader_t read;
} apps[] = {
    {PP_OPT_FIREFOX_POLICIES, PP_SRC_FIREFOX_POLICY, pp_config_add_firefox_policies},
    {PP_OPT_FIREFOX_PREFS, PP_SRC_FIREFOX_PREFS, pp_config_add_firefox_prefs},
    {PP_OPT_DOTNET_CONFIG, PP_SRC_DOTNET, pp_config_add_dotnet},
    {PP_OPT_JAVA_PROPS, PP_SRC_JAVA_PROPS, pp_config_add_java_props},
    {PP_OPT_JAVA_CMDLINE, PP_SRC_JAVA_CMDLINE, pp_config_add_java_cmdline},
    {PP_OPT_SCUTIL, PP_SRC_SCUTIL, pp_config_add_scutil},
    {PP_OPT_MACOS_PLIST, PP_SRC_MACOS_PLIST, pp_config_add_macos_plist},
};

static pp_status_t add_app_files(pp_config_t *c, const pp_args_t *a, bool *any) {
  for (size_t j = 0; j < sizeof(apps) / sizeof(apps[0]); j++) {
    const pp_strv_t *files = &a->list[apps[j].opt];
    for (size_t i = 0; i < files->n; i++) {
      char err[512];
      size_t len = 0;
      char *data = pp_sources_slurp(files->v[i], &len, err, sizeof(err));
      pp_status_t st = data ? apps[j].read(c, data, len, files->v[i])
                            : pp_config_add_error(c, apps[j].kind, files->v[i], err);
      free(data);
      if (st != PP_OK) return st;
      *any = true;
    }
  }
  return PP_OK;
}

static pp_status_t add_files(pp_config_t *c, const pp_strv_t *files, file_kind_t k) {
  static const pp_source_kind_t kinds[] = {PP_SRC_WININET, PP_SRC_NETSH, PP_SRC_CHROME_POLICY,
                                           PP_SRC_EDGE_POLICY, PP_SRC_GNOME, PP_SRC_KDE,
                                           PP_SRC_ENVFILE, PP_SRC_SYSTEMD, PP_SRC_APT,
                                           PP_SRC_DOCKER_CLIENT, PP_SRC_DOCKER_DAEMON};
  for (size_t i = 0; i < files->n; i++) {
    char err[512];
    size_t len = 0;
    char *data = pp_sources_slurp(files->v[i], &len, err, sizeof(err));
    pp_status_t st;
    if (!data) st = pp_config_add_error(c, kinds[k], files->v[i], err);
    else if (k == FILE_NETSH) st = pp_config_add_netsh(c, data, len, files->v[i]);
    else if (k == FILE_REG) st = pp_config_add_reg(c, data, len, files->v[i]);
    else if (k == FILE_GNOME) st = pp_config_add_gnome(c, data, len, files->v[i]);
    else if (k >= FILE_KDE) st = add_linux(c, data, len, files->v[i], k);
    else st = pp_config_add_browser_policy(c, data, len, files->v[i], k == FILE_EDGE);
    free(data);
    if (st != PP_OK) return st;
  }
  return PP_OK;
}

static int parse_for(const char *spec, pp_consumer_t *out, size_t *n) {
  char buf[256];
  *n = 0;
  snprintf(buf, sizeof(buf), "%s", spec);
  for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
    if (*n == MAX_FOR || pp_consumer_parse(t, &out[*n]) != PP_OK) {
      pp_msg_error("option --for: bad value '%s': expected user, localsystem, localservice, "
                   "networkservice, winhttp, env, mdi-sensor, chrome, edge, gnome, kde, session, service, "
                   "apt, docker, firefox, dotnet, java or macos (comma-separated)", t);
      return PP_EXIT_USAGE;
    }
    (*n)++;
  }
  if (*n == 0) {
    pp_msg_error("option --for: empty value");
    return PP_EXIT_USAGE;
  }
  return PP_EXIT_OK;
}

pp_status_t pp_sources_add_files(pp_config_t *c, const pp_args_t *a, bool *offline) {
  pp_status_t st = add_files(c, &a->list[PP_OPT_REG], FILE_REG);
  if (st == PP_OK) st = add_files(c, &a->list[PP_OPT_NETSH], FILE_NETSH);
  if (st == PP_OK) st = add_files(c, &a->list[PP_OPT_CHROME_POLICY], FILE_CHROME);
  if (st == PP_OK) st = add_files(c, &a->list[PP_OPT_EDGE_POLICY], FILE_EDGE);
  if (st == PP_OK) st = add_files(c, &a->list[PP_OPT_GNOME], FILE_GNOME);
  bool apps_given = false;
  if (st == PP_OK) st = add_app_files(c, a, &apps_given);
  *offline = a->list[PP_OPT_REG].n || a->list[PP_OPT_NETSH].n || a->list[PP_OPT_GNOME].n ||
             a->list[PP_OPT_CHROME_POLICY].n || a->list[PP_OPT_EDGE_POLICY].n || apps_given;
  static const struct { pp_opt_id_t id; file_kind_t k; } linux_files[] = {
      {PP_OPT_KDE, FILE_KDE}, {PP_OPT_ENVIRONMENT, FILE_ENVFILE}, {PP_OPT_SYSTEMD, FILE_SYSTEMD},
      {PP_OPT_APT, FILE_APT}, {PP_OPT_DOCKER_CONFIG, FILE_DOCKER_CLIENT},
      {PP_OPT_DOCKER_DAEMON, FILE_DOCKER_DAEMON}};
  for (size_t i = 0; i < sizeof(linux_files) / sizeof(linux_files[0]); i++) {
    if (st == PP_OK) st = add_files(c, &a->list[linux_files[i].id], linux_files[i].k);
    *offline = *offline || a->list[linux_files[i].id].n;
  }
  if (st == PP_OK && a->given[PP_OPT_ROOT] && a->given[PP_OPT_LIVE]) {
    pp_msg_error("options --root and --live: give one (--live is --root / plus gsettings)");
    return PP_EINVAL;
  }
  if (st == PP_OK && a->given[PP_OPT_USER] && !a->given[PP_OPT_ROOT] && !a->given[PP_OPT_LIVE]) {
    pp_msg_error("option --user: only with --root or --live");
    return PP_EINVAL;
  }
  if (st == PP_OK && (a->given[PP_OPT_ROOT] || a->given[PP_OPT_LIVE])) {
    st = pp_sources_add_root(c, a);
    *offline = true;
  }
  return st;
}

static pp_status_t collect(pp_config_t *c, const pp_args_t *a) {
  static const struct { pp_opt_id_t id; const char *name; } opts[] = {
      {PP_OPT_PROXY, "--proxy"}, {PP_OPT_PAC, "--pac"}, {PP_OPT_NOPROXY, "--noproxy"},
      {PP_OPT_MDI_PROXY, "--mdi-proxy"}};
  bool offline;
  pp_status_t st = pp_sources_add_files(c, a, &offline);
  /* No exports given: the live registry where there is one (Windows);
   * elsewhere PP_EPLATFORM and the report is what it always was. */
  if (st == PP_OK && !offline &&
      (st = pp_config_add_live(c)) == PP_EPLATFORM)
    st = PP_OK;
  if (st == PP_OK && !a->given[PP_OPT_NO_ENV])
    st = pp_config_add_env(c, (const char *const *)environ);
  for (size_t i = 0; st == PP_OK && i < sizeof(opts) / sizeof(opts[0]); i++)
    if (a->given[opts[i].id]) st = pp_config_add_option(c, opts[i].name, a->value[opts[i].id]);
  return st;
}

static int write_fix(const pp_config_t *c, const char *path, bool overwrite, const pp_consumer_t *t,
                     size_t n) {
  unsigned char *out = NULL;
  size_t len = 0;
  char err[512];
  if (pp_config_write_reg(c, t, n, &out, &len, err, sizeof(err)) != PP_OK) {
    pp_msg_error("--write-reg %s: %s", path, err);
    return PP_EXIT_USAGE;
  }
  pp_outfile_t of;
  if (!pp_cli_outfile_open(&of, "write-reg", path, overwrite)) {
    free(out);
    return PP_EXIT_USAGE;
  }
  fwrite(out, 1, len, of.f); /* a short write is caught by commit (ferror) */
  free(out);
  if (!pp_cli_outfile_commit(&of)) return PP_EXIT_USAGE;
  pp_msg_note("wrote %s: the user's DefaultConnectionSettings for the accounts of --for; "
              "import it as administrator (reg import %s) and restart the service", path, path);
  return PP_EXIT_OK;
}

static int report(pp_config_t *c, const pp_consumer_t *k, size_t n, bool json) {
  for (size_t i = 0; i < c->nsources; i++)
    if (c->sources[i].error) pp_msg_error("%s", c->sources[i].error);
  for (size_t i = 0; i < n; i++) {
    if (pp_config_decide(c, k[i]) != PP_OK) {
      pp_msg_error("out of memory");
      return PP_EXIT_USAGE;
    }
    if (json && !pp_sources_print_json(stdout, c)) return PP_EXIT_USAGE;
    if (!json) {
      if (i) fputc('\n', stdout);
      pp_sources_print_text(stdout, c);
    }
  }
  return c->nerrors ? PP_EXIT_PROBLEM : PP_EXIT_OK;
}

static void print_help(void) { usage(stdout); }

int pp_cmd_sources(int argc, char **argv, int first) {
  pp_args_t a;
  pp_config_t c;
  pp_consumer_t k[MAX_FOR];
  size_t nk = 1;
  int rc = PP_EXIT_USAGE;
  memset(&c, 0, sizeof(c));
  k[0] = PP_FOR_USER;
  if (!pp_args_parse(&a, PP_CMD_SOURCES, "sources", argc, argv, first)) goto done;
  if (pp_args_info(&a, print_help)) {
    rc = PP_EXIT_OK;
    goto done;
  }
  const char *fmt = a.given[PP_OPT_FORMAT] ? a.value[PP_OPT_FORMAT] : "text";
  if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0) {
    pp_msg_error("option --format: bad value '%s': expected text or json", fmt);
    goto done;
  }
  if (a.given[PP_OPT_NO_PROXY_TEST]) {
    if (!a.positional.n) {
      pp_msg_error("option --no-proxy-test: give the URLs to test as arguments");
      goto done;
    }
    rc = pp_sources_noproxy_test(stdout, &a.positional,
                                 a.given[PP_OPT_NOPROXY] ? a.value[PP_OPT_NOPROXY] : NULL,
                                 a.given[PP_OPT_NO_ENV], strcmp(fmt, "json") == 0);
    goto done;
  }
  if (a.positional.n) {
    pp_msg_error("sources: unexpected argument '%s' (files go after --reg or --netsh; URLs "
                 "with --no-proxy-test)", a.positional.v[0]);
    goto done;
  }
  if (a.given[PP_OPT_FOR] && parse_for(a.value[PP_OPT_FOR], k, &nk) != PP_EXIT_OK) goto done;
  pp_status_t cst = collect(&c, &a);
  if (cst != PP_OK) {
    if (cst == PP_ENOMEM) pp_msg_error("out of memory"); /* else reported already */
    goto done;
  }
  /* Without --for: the Windows user where there is Windows configuration
   * (exports given, or the live registry), else curl's variables (env). */
  if (!a.given[PP_OPT_FOR] && !a.list[PP_OPT_REG].n && !a.list[PP_OPT_NETSH].n && !c.os.present)
    k[0] = PP_FOR_ENV;
  if (a.given[PP_OPT_WRITE_REG] &&
      (rc = write_fix(&c, a.value[PP_OPT_WRITE_REG], a.given[PP_OPT_OVERWRITE], k, nk)) != PP_EXIT_OK)
    goto done;
  rc = report(&c, k, nk, strcmp(fmt, "json") == 0);
done:
  pp_config_clear(&c);
  pp_args_free(&a);
  return rc;
}
